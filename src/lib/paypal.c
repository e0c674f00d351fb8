/* PayPal's activity download (paypal.h): its headers, types, statuses and
 * zones, in the languages its accounts download in. */
#include "paypal.h"
#include "norm.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the header ------------------------------------------------------------ */

/* a header folded for matching: lower case, without spaces, '-', '_', '.',
 * quotes ("TimeZone", "Time zone" and "Time Zone" are one) */
static void fold_header(const char *s, fu_buf *out)
{
	fu_buf_clear(out);
	for (; *s; s++)
		if (!strchr(" \t-_.'\"", *s))
			fu_buf_addc(out, *s);
	if (!out->data)
		fu_buf_adds(out, "");
	norm_lower_utf8(out->data, out->len);
}

/* folded names of each column, English first (PayPal's own, as downloaded in
 * English, German, French, Dutch, Spanish and Italian accounts) */
static const char *const h_date[] = {"date", "datum", "fecha", "data", NULL};
static const char *const h_time[] = {"time", "uhrzeit", "heure", "tijd", "hora", "ora", NULL};
static const char *const h_zone[] = {"timezone", "zeitzone", "fuseauhoraire", "tijdzone",
                                     "zonahoraria", "fusoorario", NULL};
static const char *const h_name[] = {"name", "nom", "naam", "nombre", "nome", NULL};
/* the personal statement's "Description" holds what the activity's "Type" does */
static const char *const h_type[] = {"type", "typ", "tipo", "description", "beschreibung",
                                     "omschrijving", "descripción", "descrizione", NULL};
static const char *const h_status[] = {"status", "état", "etat", "estado", "stato", NULL};
static const char *const h_currency[] = {"currency", "währung", "devise", "valuta", "divisa",
                                         "moneda", NULL};
/* the newer activity download writes Amount, Fees, Total for Gross, Fee, Net */
static const char *const h_gross[] = {"gross", "brutto", "brut", "bruto", "lordo", "amount",
                                      NULL};
static const char *const h_from[] = {"fromemailaddress", "absenderemailadresse",
                                     "deladresseemail", "deladresseelectronique",
                                     "vanemailadres", "delcorreoelectrónico",
                                     "dacorreoelettronico", NULL};
static const char *const h_to[] = {"toemailaddress", "empfängeremailadresse",
                                   "àladresseemail", "aladresseemail", "naaremailadres",
                                   "alcorreoelectrónico", "aindirizzoemail", NULL};
static const char *const h_txn[] = {"transactionid", "transaktionscode",
                                    "numérodetransaction", "transactiereferentie",
                                    "iddetransacción", "iddellatransazione", NULL};
static const char *const h_ref[] = {"referencetxnid", "zugehörigertransaktionscode",
                                    "numérodetransactionderéférence", "referentietransactieid",
                                    NULL};
static const char *const h_item[] = {"itemtitle", "artikelbezeichnung", "titredelobjet",
                                     "titelvanobject", "títulodelobjeto", NULL};
static const char *const h_subject[] = {"subject", "betreff", "objet", "onderwerp", "asunto",
                                        "oggetto", NULL};
static const char *const h_impact[] = {"balanceimpact", "auswirkungaufguthaben",
                                       "impactsurlesolde", "invloedopsaldo",
                                       "impactoenelsaldo", NULL};

static long find_header(const fu_header *h, const char *const *names, fu_buf *tmp)
{
	/* the earlier name is the stronger ("Item Title" before "Subject") */
	for (const char *const *nm = names; *nm; nm++)
		for (size_t c = 0; c < h->n; c++) {
			fold_header(h->names[c], tmp);
			if (strcmp(tmp->data, *nm) == 0)
				return (long)c;
		}
	return -1;
}

int fu_paypal_columns(const fu_header *h, fu_paypal_cols *c)
{
	fu_buf tmp = {0};
	c->date = find_header(h, h_date, &tmp);
	c->time = find_header(h, h_time, &tmp);
	c->zone = find_header(h, h_zone, &tmp);
	c->name = find_header(h, h_name, &tmp);
	c->type = find_header(h, h_type, &tmp);
	c->status = find_header(h, h_status, &tmp);
	c->currency = find_header(h, h_currency, &tmp);
	c->gross = find_header(h, h_gross, &tmp);
	c->from = find_header(h, h_from, &tmp);
	c->to = find_header(h, h_to, &tmp);
	c->txn = find_header(h, h_txn, &tmp);
	c->ref = find_header(h, h_ref, &tmp);
	c->item = find_header(h, h_item, &tmp);
	c->subject = find_header(h, h_subject, &tmp);
	c->impact = find_header(h, h_impact, &tmp);
	fu_buf_free(&tmp);
	return c->txn >= 0 && c->gross >= 0 && c->from >= 0 && c->date >= 0 &&
	       (c->type >= 0 || c->ref >= 0);
}

/* ---- types and statuses ---------------------------------------------------- */

/* Does the lower-cased S hold one of WORDS (each a part of a word: PayPal's
 * German types run words together, "Handyzahlung")? */
static const char *holds(const char *s, const char *const *words)
{
	for (const char *const *w = words; *w; w++)
		if (strstr(s, *w))
			return *w;
	return NULL;
}

/* Movements of the shop's own balance, whatever their sign, and what each
 * is: checked first, so that "Chargeback Fee", "Reversal of General Account
 * Hold" and "Payment Sent" are no refund or payment. */
static const struct {
	const char *word, *what;
	int memo; /* moves no money whatever its Balance Impact says */
} own_words[] = {
	{"withdrawal", "a withdrawal", 0}, {"abbuchung", "a withdrawal", 0},
	{"retrait", "a withdrawal", 0},
	{"opname", "a withdrawal", 0}, {"retirada", "a withdrawal", 0}, {"payout", "a payout", 0},
	{"deposit", "a deposit", 0}, {"gutschrift", "a deposit", 0},
	{"transfer", "a transfer", 0}, {"überweisung", "a transfer", 0},
	{"virement", "a transfer", 0},
	{"overboeking", "a transfer", 0},
	{"conversion", "a currency conversion", 0}, {"umrechnung", "a currency conversion", 0},
	{"omrekening", "a currency conversion", 0}, {"conversión", "a currency conversion", 0},
	{"hold", "a hold", 0}, {"einbehalt", "a hold", 0}, {"reserve", "a reserve", 0},
	{"reservierung", "a reserve", 0}, {"réserve", "a reserve", 0}, {"retención", "a hold", 0},
	{"authori", "an authorisation", 1}, {"autorisierung", "an authorisation", 1},
	{"autorisation", "an authorisation", 1},
	{"fee", "a fee", 0}, {"gebühr", "a fee", 0}, {"frais", "a fee", 0},
	{"cart item", "a cart's line item", 1}, {"warenkorbartikel", "a cart's line item", 1},
	{"bonus", "a bonus", 0}, {"cash back", "a bonus", 0}, {"cashback", "a bonus", 0},
	{"interest", "interest", 0}, {"adjustment", "an adjustment", 0},
	{"account correction", "an adjustment", 0}, {"tax collected", "a tax", 0},
	{"billing agreement", "a billing agreement", 0},
	{"sent", "a payment it sent", 0}, {"gesendet", "a payment it sent", 0},
	{"envoyé", "a payment it sent", 0},
};

static const char *const refund_words[] = {
	"refund", "reversal", "chargeback", "rückzahlung", "erstattung", "rückbuchung",
	"remboursement", "rétrofacturation", "terugbetaling", "terugboeking", "reembolso",
	"devolución", "rimborso", NULL,
};
static const char *const payment_words[] = {
	"payment", "zahlung", "paiement", "betaling", "pago", "pagamento", "received",
	"empfangen", "reçu", "ontvangen", "recibido", "ricevuto", "donation", "spende",
	"virtual terminal", "checkout", NULL,
};

/* statuses, lower case: a payment completed (or completed and refunded or
 * reversed since: it was a purchase, and its refund row takes it back), not
 * completed yet, or one that moved no money */
static const char *const done_status[] = {
	"completed", "cleared", "refunded", "partially refunded", "reversed", "abgeschlossen",
	"erstattet", "teilweise erstattet", "rückerstattet", "zurückgebucht", "terminé",
	"remboursé", "partiellement remboursé", "voltooid", "terugbetaald", "completado",
	"reembolsado", "completato", "rimborsato", NULL,
};
static const char *const pending_status[] = {
	"pending", "held", "on hold", "unclaimed", "uncleared", "in progress", "processing",
	"under review", "ausstehend", "offen", "in bearbeitung", "en attente", "en cours",
	"in behandeling", "pendiente", "in sospeso", NULL,
};
static const char *const failed_status[] = {
	"denied", "failed", "canceled", "cancelled", "voided", "expired", "returned", "blocked",
	"abgelehnt", "fehlgeschlagen", "storniert", "abgebrochen", "abgelaufen", "refusé",
	"échoué", "annulé", "expiré", "geweigerd", "mislukt", "geannuleerd", "denegado",
	"fallido", "cancelado", "rifiutato", "annullato", NULL,
};

/* what the lower-cased type S is of the shop's own money (*MEMO: it moves
 * none), or NULL */
static const char *own_kind(const char *s, int *memo)
{
	for (size_t i = 0; i < sizeof own_words / sizeof own_words[0]; i++)
		if (strstr(s, own_words[i].word)) {
			*memo = own_words[i].memo;
			return own_words[i].what;
		}
	return NULL;
}

static int status_is(const char *s, const char *const *list)
{
	for (const char *const *w = list; *w; w++)
		if (strcmp(s, *w) == 0)
			return 1;
	return 0;
}

enum fu_paypal_row fu_paypal_classify(const char *type, const char *status, const char *impact,
                                      int gross_sign, fu_buf *reason)
{
	fu_buf t = {0}, st = {0};
	fu_buf_adds(&t, type);
	fu_buf_adds(&st, status);
	norm_lower_utf8(t.data, t.len);
	norm_lower_utf8(st.data, st.len);
	fu_buf_clear(reason);
	enum fu_paypal_row k;
	const char *w;
	int moves_none = 0;
	int memo = strcasecmp(impact, "memo") == 0 || strcasecmp(impact, "m\xc3\xa9mo") == 0;
	if (!t.len) {
		fu_buf_adds(reason, "no type: not a payment we can tell from the shop's own money");
		k = FU_PAYPAL_UNKNOWN;
	} else if ((w = own_kind(t.data, &moves_none))) {
		if (moves_none) {
			fu_buf_printf(reason, "type '%s': moved no money (%s)", type, w);
			k = FU_PAYPAL_MEMO;
		} else {
			fu_buf_printf(reason, "type '%s': the shop's own money (%s), not a customer's "
			              "payment", type, w);
			k = FU_PAYPAL_OWN;
		}
	} else if (holds(t.data, refund_words)) {
		if (gross_sign < 0) {
			k = FU_PAYPAL_REFUND;
		} else {
			fu_buf_printf(reason, "type '%s' with a%s amount: money back to the shop, not its "
			              "refund to a customer", type, gross_sign > 0 ? " positive" : "n empty");
			k = FU_PAYPAL_OWN;
		}
	} else if (holds(t.data, payment_words)) {
		if (gross_sign > 0) {
			k = FU_PAYPAL_PAYMENT;
		} else if (gross_sign < 0) {
			fu_buf_printf(reason, "type '%s' with a negative amount: a payment the shop made, "
			              "its own money", type);
			k = FU_PAYPAL_OWN;
		} else {
			fu_buf_printf(reason, "type '%s' with no amount: no money moved", type);
			k = FU_PAYPAL_MEMO;
		}
	} else {
		fu_buf_printf(reason, "type '%s': not a PayPal type fu-import knows as a customer's "
		              "payment or refund, or as the shop's own money", type);
		k = FU_PAYPAL_UNKNOWN;
	}
	/* a payment or a refund counts once its money moved */
	if ((k == FU_PAYPAL_PAYMENT || k == FU_PAYPAL_REFUND) && st.len &&
	    !status_is(st.data, done_status)) {
		if (status_is(st.data, pending_status)) {
			fu_buf_printf(reason, "type '%s', status '%s': not completed yet (no %s until a "
			              "later download shows it Completed)", type, status,
			              k == FU_PAYPAL_PAYMENT ? "purchase" : "refund");
			k = FU_PAYPAL_PENDING;
		} else if (status_is(st.data, failed_status)) {
			fu_buf_printf(reason, "type '%s', status '%s': no money moved", type, status);
			k = FU_PAYPAL_FAILED;
		} else {
			fu_buf_printf(reason, "type '%s', status '%s': a status fu-import does not know "
			              "(Completed, Pending, Denied ...)", type, status);
			k = FU_PAYPAL_UNKNOWN;
		}
	}
	/* Balance Impact Memo: the row moved no money (an authorisation, a
	 * hold, a cart's line item beside its payment) */
	if (memo && k != FU_PAYPAL_PENDING && k != FU_PAYPAL_FAILED && k != FU_PAYPAL_MEMO) {
		fu_buf_clear(reason);
		fu_buf_printf(reason, "type '%s' with Balance Impact %s: moved no money (an "
		              "authorisation, a hold or a cart's line item)", type, impact);
		k = FU_PAYPAL_MEMO;
	}
	fu_buf_free(&t);
	fu_buf_free(&st);
	return k;
}

const char *fu_paypal_kind_name(enum fu_paypal_row k)
{
	static const char *const names[FU_PAYPAL_NKINDS] = {
		"payment", "refund", "pending", "denied or failed", "no money moved", "the shop's own money",
		"not known",
	};
	return names[k];
}

/* ---- zones ----------------------------------------------------------------- */

/* The abbreviations PayPal writes in TimeZone, each its offset east of UTC
 * in minutes: standard and summer time are two abbreviations (PST, PDT), so
 * the offset is the one written, not the zone's at that date.  The ones
 * that stand for several zones are the ones PayPal's accounts mean (IST:
 * India; BST: British Summer Time; CST: North America's Central). */
static const struct {
	const char *abbr;
	int min;
	int american;
} zones[] = {
	{"UTC", 0, 0},     {"GMT", 0, 0},     {"UT", 0, 0},      {"Z", 0, 0},
	{"WET", 0, 0},     {"WEST", 60, 0},   {"BST", 60, 0},    {"IST", 330, 0},
	{"CET", 60, 0},    {"CEST", 120, 0},  {"MET", 60, 0},    {"MEST", 120, 0},
	{"EET", 120, 0},   {"EEST", 180, 0},  {"MSK", 180, 0},   {"TRT", 180, 0},
	{"GST", 240, 0},   {"PKT", 300, 0},   {"ICT", 420, 0},   {"WIB", 420, 0},
	{"HKT", 480, 0},   {"SGT", 480, 0},   {"AWST", 480, 0},  {"PHT", 480, 0},
	{"JST", 540, 0},   {"KST", 540, 0},   {"ACST", 570, 0},  {"ACDT", 630, 0},
	{"AEST", 600, 0},  {"AEDT", 660, 0},  {"NZST", 720, 0},  {"NZDT", 780, 0},
	{"NST", -210, 1},  {"NDT", -150, 1},  {"AST", -240, 1},  {"ADT", -180, 1},
	{"EST", -300, 1},  {"EDT", -240, 1},  {"CST", -360, 1},  {"CDT", -300, 1},
	{"MST", -420, 1},  {"MDT", -360, 1},  {"PST", -480, 1},  {"PDT", -420, 1},
	{"AKST", -540, 1}, {"AKDT", -480, 1}, {"HST", -600, 1},  {"BRT", -180, 0},
	{"ART", -180, 0},
};

/* the zone cell trimmed into OUT (at most SIZE-1 bytes) */
static void zone_text(const char *s, size_t n, char *out, size_t size)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* an offset written out: "+02:00", "-0800", "+2", after "GMT" or "UTC" or
 * alone; 0 and *MIN, or -1 */
static int offset_of(const char *s, int *min)
{
	if ((strncasecmp(s, "GMT", 3) == 0 || strncasecmp(s, "UTC", 3) == 0) && s[3])
		s += 3;
	if (*s != '+' && *s != '-')
		return -1;
	int sign = *s == '-' ? -1 : 1, h = 0, m = 0, digits = 0;
	const char *p = s + 1;
	while (isdigit((unsigned char)*p) && digits < 4)
		h = h * 10 + (*p++ - '0'), digits++;
	if (digits == 4) { /* -0800 */
		m = h % 100;
		h /= 100;
	} else if (*p == ':' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2])) {
		m = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
	}
	if (!digits || digits == 3 || *p || h > 14 || m > 59)
		return -1;
	*min = sign * (h * 60 + m);
	return 0;
}

int fu_paypal_zone_american(const char *zone, size_t n)
{
	char z[64];
	zone_text(zone, n, z, sizeof z);
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (strcasecmp(z, zones[i].abbr) == 0)
			return zones[i].american;
	return norm_zone_north_american(z, strlen(z));
}

int fu_paypal_when(fu_buf *when, const char *zone, size_t n, const char **why)
{
	char z[64], buf[40];
	zone_text(zone, n, z, sizeof z);
	int y, mo, d, h, mi, s = 0, used = 0;
	if (!z[0] || when->len <= 10)
		return 0; /* no zone, or a date alone: left as it is */
	if (sscanf(when->data, "%4d-%2d-%2dT%2d:%2d%n:%2d%n", &y, &mo, &d, &h, &mi, &used, &s,
	           &used) < 5 || (size_t)used != when->len)
		return 0; /* an offset already, or fractions of a second: as written */
	int min = 0, known = 0;
	for (size_t i = 0; i < sizeof zones / sizeof zones[0] && !known; i++)
		if (strcasecmp(z, zones[i].abbr) == 0)
			min = zones[i].min, known = 1;
	if (!known && offset_of(z, &min) == 0)
		known = 1;
	if (known) {
		if (min == 0)
			fu_buf_addc(when, 'Z');
		else
			fu_buf_printf(when, "%c%02d:%02d", min < 0 ? '-' : '+', abs(min) / 60, abs(min) % 60);
		return 0;
	}
	if (strchr(z, '/') && fu_tz_valid(z)) {
		int64_t t = fu_wall_time(y, mo, d, h, mi, s, z);
		fu_format_time(t, z, buf, sizeof buf);
		fu_buf_clear(when);
		fu_buf_adds(when, buf);
		return 0;
	}
	*why = "not a zone PayPal writes (PST, PDT, CET, CEST, GMT+02:00, Europe/Berlin ...)";
	return -1;
}

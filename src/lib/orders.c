/* The rules of order exports (orders.h).
 *
 * Orders are remembered across the run's files (overlapping exports of one
 * shop) by their name and buyer (two shops number their orders alike: #1001
 * of one shop is not #1001 of another) as 64-bit hashes, 8 bytes an order,
 * with the low bit set for an order that is not a purchase; and by their
 * name and time, so that an order whose e-mail was corrected between two
 * exports is still one order (8 bytes more). */
#include "orders.h"

#include "norm.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct fu_orders {
	size_t ncols, item_col;
	fu_buf *held, *out; /* the order held back; the one handed out */
	int state;          /* 0 nothing held, 1 a purchase held, 2 a skipped order current,
	                       3 an order read before current (met again) */
	fu_buf name;        /* the current order's name */
	fu_buf buyer;       /* and its buyer (fu_orders_classify) */
	fu_buf when_key;    /* and its time, as a buyer key: "\1" and the time ("" without) */
	uint64_t first_row; /* a hash of the current order's first row as read */
	fu_buf skip_reason; /* why the current order is skipped */
	uint64_t *seen;     /* open addressing; 0 = empty */
	size_t seencap, seenused;
	fu_buf low;         /* the status lower-cased */
	struct {
		char *label;
		int purchase;
	} *user;            /* --order-status, lower-cased */
	size_t nuser;
	int unknown_not; /* a status not known is no purchase (a deals export) */
	int other_buyer; /* the order met again was read under another buyer */
};

int fu_orders_again_other_buyer(const fu_orders *o)
{
	return o->other_buyer;
}

fu_orders *fu_orders_new(size_t ncols)
{
	fu_orders *o = fu_xcalloc(1, sizeof *o);
	o->ncols = ncols;
	o->held = fu_xcalloc(ncols, sizeof *o->held);
	o->out = fu_xcalloc(ncols, sizeof *o->out);
	return o;
}

void fu_orders_free(fu_orders *o)
{
	if (!o)
		return;
	for (size_t c = 0; c < o->ncols; c++) {
		fu_buf_free(&o->held[c]);
		fu_buf_free(&o->out[c]);
	}
	free(o->held);
	free(o->out);
	fu_buf_free(&o->name);
	fu_buf_free(&o->buyer);
	fu_buf_free(&o->when_key);
	fu_buf_free(&o->skip_reason);
	fu_buf_free(&o->low);
	for (size_t i = 0; i < o->nuser; i++)
		free(o->user[i].label);
	free(o->user);
	free(o->seen);
	free(o);
}

/* The words of a status label that say an order is not (yet, or no longer)
 * a purchase, and those that say it is one.  A label is read word by word
 * (WooCommerce's "Pending payment", PrestaShop's "Awaiting bank wire
 * payment", Magento's "pending_payment", "wc-on-hold"): a word of the first
 * list wins over one of the second ("On backorder (not paid)"), except that
 * a part refunded, returned or cancelled leaves a purchase ("Partially
 * refunded").  A label with neither is not known. */
static const char *const not_words[] = {
	"refunded", "refund", "voided", "void", "expired", "cancelled", "canceled", "cancel",
	"failed", "failure", "error", "declined", "rejected", "pending", "hold", "holded", "draft",
	"trash", "trashed", "abandoned", "unpaid", "awaiting", "waiting", "not", "fraud", "review",
	"disputed", "chargeback", "returned", "quote", "quotation", "parked", "saved",
	"layby", "layaway", "requires", "overdue",
	"uncaptured", /* Stripe: authorised, not captured (yet) */
	"incomplete",   /* BigCommerce: a checkout left before paying */
	"verification", /* BigCommerce's Manual Verification Required: on hold */
	/* Finnish, Swedish */
	"peruttu", "peruutettu", "hylätty", "palautettu", "hyvitetty", "odottaa", "maksamatta",
	"luonnos", "avbruten", "avbrutet", "makulerad", "återbetald", "krediterad", "väntar",
	"obetald", "utkast", "nekad", "epäonnistunut", "maksamaton",
	/* German, French, Spanish, Dutch */
	"storniert", "erstattet", "rückerstattet", "zurückerstattet", "ausstehend", "fehlgeschlagen",
	"abgebrochen", "abgelehnt", "unbezahlt", "annulée", "annulé", "annulee", "annule",
	"remboursée", "remboursé", "remboursee", "rembourse", "attente", "échouée", "échoué",
	"refusée", "refusé", "impayée", "impayé", "cancelado", "cancelada", "anulado", "anulada",
	"reembolsado", "reembolsada", "devuelto", "devuelta", "pendiente", "fallido", "fallida",
	"rechazado", "rechazada", "geannuleerd", "terugbetaald", "mislukt", "afwachting",
	"openstaand", "onbetaald", "geweigerd",
	"lost", "closedlost", /* a CRM's deal (not won yet: "Open", by import.c for a deals export) */
};
/* the words of a status that say a purchase was taken back (not that it was
 * never made: pending, unpaid, expired, failed) */
static const char *const taken_back_words[] = {
	"refunded", "refund", "voided", "void", "cancelled", "canceled", "cancel", "chargeback",
	"returned", "peruttu", "peruutettu", "palautettu", "hyvitetty", "avbruten", "avbrutet",
	"makulerad", "återbetald", "krediterad", "storniert", "erstattet", "rückerstattet",
	"zurückerstattet", "annulée", "annulé", "annulee", "annule", "remboursée", "remboursé",
	"remboursee", "rembourse", "cancelado", "cancelada", "anulado", "anulada", "reembolsado",
	"reembolsada", "devuelto", "devuelta", "geannuleerd", "terugbetaald",
};
/* of those, the words of a cancellation alone (money may never have been
 * taken), and the words of money gone back */
static const char *const cancel_words[] = {
	"cancelled", "canceled", "cancel", "failed", "failure", "peruttu", "peruutettu",
	"avbruten", "avbrutet", "makulerad", "storniert", "abgebrochen", "fehlgeschlagen",
	"annulée", "annulé", "annulee", "annule", "échouée", "échoué", "cancelado", "cancelada",
	"anulado", "anulada", "fallido", "fallida", "geannuleerd", "mislukt", "epäonnistunut",
};
static const char *const money_back_words[] = {
	"refunded", "refund", "chargeback", "returned", "palautettu", "hyvitetty", "återbetald",
	"krediterad", "erstattet", "rückerstattet", "zurückerstattet", "remboursée", "remboursé",
	"remboursee", "rembourse", "reembolsado", "reembolsada", "devuelto", "devuelta",
	"terugbetaald", "disputed",
};
static const char *const partial_not_words[] = {"refunded", "returned", "cancelled", "canceled",
                                                "voided"};
static const char *const purchase_words[] = {
	"paid", "completed", "complete", "processing", "processed", "fulfilled", "unfulfilled",
	"shipped", "delivered", "succeeded", "successful", "success", "authorized", "authorised",
	"captured", "accepted", "done", "sale", "sales", "confirmed", "invoiced", "progress",
	"locked",        /* Odoo: a confirmed sale order, locked when done */
	"partiallypaid", /* Zoho Books */
	"unshipped", "partiallyshipped", "shipping", /* Amazon: paid, its goods not (all) out */
	"maksettu", "toimitettu", "valmis", "käsittelyssä", "vahvistettu", "lähetetty", "betald",
	"betalad", "levererad", "skickad", "klar", "behandlas", "bekräftad", "slutförd",
	"abgeschlossen", "bezahlt", "versendet", "versandt", "geliefert", "zugestellt",
	"bearbeitung", "bestätigt", "erledigt", "payée", "payé", "livrée", "livré", "expédiée",
	"expédié", "terminée", "terminé", "validée", "validé", "confirmée", "confirmé",
	"préparation", "pagado", "pagada", "completado", "completada", "enviado", "enviada",
	"entregado", "entregada", "procesando", "proceso", "confirmado", "betaald", "voltooid",
	"verzonden", "geleverd", "afgerond", "behandeling", "bevestigd",
	"won", "closedwon", /* a CRM's deal (HubSpot's internal stage closedwon) */
	"attending", "checked", /* Eventbrite's attendee: Attending, Checked In */
};

/* what a paid order may be awaiting ("Awaiting Fulfillment", "Awaiting
 * Shipment", "Awaiting Pickup" of BigCommerce): a purchase, unlike one
 * awaiting payment */
static const char *const fulfil_words[] = {"fulfillment", "fulfilment", "shipment", "shipping",
                                           "pickup", "dispatch", "collection", "delivery"};

/* Is ITEM one of the "; "-separated items of LIST already (two attendees'
 * tickets of one event, an order's line repeated): named once */
static int item_listed(const fu_buf *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list->data; p && *p;) {
		const char *end = strstr(p, "; ");
		size_t k = end ? (size_t)(end - p) : strlen(p);
		if (k == n && memcmp(p, item, n) == 0)
			return 1;
		p = end ? end + 2 : NULL;
	}
	return 0;
}

static int word_listed(const char *w, size_t n, const char *const *list, size_t nlist)
{
	for (size_t i = 0; i < nlist; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return 1;
	return 0;
}

#define LISTED(w, n, list) word_listed(w, n, list, sizeof list / sizeof list[0])

static int taken_back(const char *low)
{
	for (const char *w = low; *w;) {
		size_t n = 0;
		while (w[n] && ((unsigned char)w[n] >= 0x80 || isalnum((unsigned char)w[n])))
			n++;
		if (n && LISTED(w, n, taken_back_words))
			return 1;
		w += n ? n : 1;
	}
	return 0;
}

/* does LOW (lower-case) hold a word of LIST? */
static int holds_listed(const char *low, const char *const *list, size_t nlist)
{
	for (const char *w = low; *w;) {
		size_t n = 0;
		while (w[n] && ((unsigned char)w[n] >= 0x80 || isalnum((unsigned char)w[n])))
			n++;
		if (n && word_listed(w, n, list, nlist))
			return 1;
		w += n ? n : 1;
	}
	return 0;
}

int fu_orders_status_money_back(const char *low)
{
	return holds_listed(low, money_back_words, sizeof money_back_words / sizeof *money_back_words);
}

int fu_orders_status_cancelled(const char *low)
{
	return holds_listed(low, cancel_words, sizeof cancel_words / sizeof *cancel_words) &&
	       !fu_orders_status_money_back(low);
}

static int seen(const fu_orders *o, const char *name, const char *buyer);

int fu_orders_read_as_purchase(const fu_orders *o, const char *name, const char *buyer)
{
	return seen(o, name, buyer) == 1;
}

enum fu_order_status fu_orders_status_kind(const char *low)
{
	int no = 0, partial_no = 0, yes = 0, partially = 0;
	int awaiting = 0; /* the word before was awaiting or waiting (for) */
	for (const char *w = low; *w;) {
		size_t n = 0;
		while (w[n] && ((unsigned char)w[n] >= 0x80 || isalnum((unsigned char)w[n])))
			n++;
		if (n) {
			int after_awaiting = awaiting, fulfil = 0;
			awaiting = 0;
			if (after_awaiting && n == 3 && memcmp(w, "for", 3) == 0)
				awaiting = 1; /* "Waiting for pickup" */
			else if (after_awaiting && LISTED(w, n, fulfil_words))
				fulfil = yes = 1; /* paid, its goods not yet out */
			else if (after_awaiting)
				no = 1; /* awaiting payment, a bank wire ... */
			if (awaiting || fulfil)
				; /* read with the word before */
			else if ((n == 8 && memcmp(w, "awaiting", 8) == 0) ||
			         (n == 7 && memcmp(w, "waiting", 7) == 0))
				awaiting = 1;
			else if (n == 9 && memcmp(w, "partially", 9) == 0)
				partially = 1;
			else if (LISTED(w, n, partial_not_words))
				partial_no = 1;
			else if (LISTED(w, n, not_words))
				no = 1;
			else if (LISTED(w, n, purchase_words))
				yes = 1;
		}
		w += n;
		while (*w && (unsigned char)*w < 0x80 && !isalnum((unsigned char)*w))
			w++;
	}
	if (awaiting)
		no = 1; /* "Awaiting", "Waiting for" at the end */
	if (no || (partial_no && !partially))
		return FU_STATUS_NOT_PURCHASE;
	if (yes || partial_no)
		return FU_STATUS_PURCHASE;
	return FU_STATUS_UNKNOWN;
}

int fu_orders_is_purchase(const fu_orders *o, const char *status)
{
	if (!status[0])
		return 1;
	fu_buf low = {0};
	fu_buf_adds(&low, status);
	norm_lower_utf8(low.data, low.len);
	enum fu_order_status kind = fu_orders_status_kind(low.data);
	for (size_t i = 0; i < o->nuser; i++)
		if (strcmp(o->user[i].label, low.data) == 0)
			kind = o->user[i].purchase ? FU_STATUS_PURCHASE : FU_STATUS_NOT_PURCHASE;
	fu_buf_free(&low);
	return kind == FU_STATUS_PURCHASE;
}

void fu_orders_unknown_not_purchase(fu_orders *o)
{
	o->unknown_not = 1;
}

void fu_orders_default_status(fu_orders *o, const char *label, int purchase)
{
	for (size_t i = 0; i < o->nuser; i++)
		if (strcmp(o->user[i].label, label) == 0)
			return;
	fu_orders_set_status(o, label, purchase);
}

int fu_orders_set_status(fu_orders *o, const char *label, int purchase)
{
	fu_buf b = {0};
	norm_trim(label, strlen(label), &b);
	if (!b.len) {
		fu_buf_free(&b);
		return -1;
	}
	norm_lower_utf8(b.data, b.len);
	o->user = fu_xrealloc(o->user, (o->nuser + 1) * sizeof *o->user);
	o->user[o->nuser].label = b.data;
	o->user[o->nuser++].purchase = purchase;
	return 0;
}

static uint64_t name_hash(const char *name, const char *buyer)
{
	uint64_t h = fu_hash64(name, strlen(name), 0x6f72646572);
	h = fu_hash64(buyer, strlen(buyer), h) & ~(uint64_t)1;
	return h ? h : 2;
}

/* 0 not seen, 1 a purchase, 2 not a purchase */
static int seen(const fu_orders *o, const char *name, const char *buyer)
{
	if (!o->seencap || !name[0])
		return 0;
	uint64_t h = name_hash(name, buyer);
	for (size_t j = (size_t)h & (o->seencap - 1); o->seen[j]; j = (j + 1) & (o->seencap - 1))
		if ((o->seen[j] & ~(uint64_t)1) == h)
			return 1 + (int)(o->seen[j] & 1);
	return 0;
}

static void remember(fu_orders *o, const char *name, const char *buyer, int state)
{
	if (!name[0] || seen(o, name, buyer))
		return;
	if ((o->seenused + 1) * 4 > o->seencap * 3) {
		size_t cap = o->seencap ? o->seencap * 2 : 1024;
		uint64_t *t = fu_xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < o->seencap; i++) {
			if (!o->seen[i])
				continue;
			size_t j = (size_t)o->seen[i] & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = o->seen[i];
		}
		free(o->seen);
		o->seen = t;
		o->seencap = cap;
	}
	uint64_t h = name_hash(name, buyer);
	size_t j = (size_t)h & (o->seencap - 1);
	while (o->seen[j])
		j = (j + 1) & (o->seencap - 1);
	o->seen[j] = h | (uint64_t)(state == 2);
	o->seenused++;
	/* and by its name alone, for a line item that names no buyer */
	if (buyer[0])
		remember(o, name, "", state);
}

static fu_buf *hand_out(fu_orders *o)
{
	fu_buf *t = o->out;
	o->out = o->held;
	o->held = t;
	return o->out;
}

/* Is the row with NAME and BUYER the current order's?  A row that names
 * no buyer (a line item that repeats only the order's name) is. */
static int current(const fu_orders *o, const char *name, const char *buyer)
{
	return name[0] && o->state && strcmp(o->name.data, name) == 0 &&
	       (!buyer[0] || !o->buyer.len || strcmp(o->buyer.data, buyer) == 0);
}

const char *fu_orders_current(const fu_orders *o)
{
	return o->state && o->name.len ? o->name.data : NULL;
}

void fu_orders_label(fu_buf *b, const char *name, const char *when, const char *item)
{
	if (name[0])
		fu_buf_printf(b, "order %s", name);
	else if (when[0] && item[0])
		fu_buf_printf(b, "the order of %s (%.60s%s)", when, item, strlen(item) > 60 ? "..." : "");
	else if (when[0])
		fu_buf_printf(b, "the order of %s", when);
	else if (item[0])
		fu_buf_printf(b, "an order of %.60s%s", item, strlen(item) > 60 ? "..." : "");
	else
		fu_buf_adds(b, "an order with no number, date or item");
}

enum fu_order_row fu_orders_classify(fu_orders *o, const char *name, const char *buyer,
                                     const char *when, const char *status, const char *cancelled,
                                     const char *item, const char *raw, size_t rawlen,
                                     fu_buf *reason, fu_buf **write_first)
{
	fu_buf_clear(reason);
	*write_first = NULL;
	uint64_t rowhash = fu_hash64(raw, rawlen, 0);
	if (current(o, name, buyer) && o->state == 3) {
		/* a line of the order met again: read with it before */
		fu_buf_printf(reason, "a line item of order %s, read before with it: not added again",
		              name);
		return FU_ORDER_ITEM_AGAIN;
	}
	if (current(o, name, buyer) && rowhash == o->first_row) {
		fu_buf_printf(reason, "order %s again, the same row: not a second purchase", name);
		return o->state == 1 ? FU_ORDER_AGAIN : FU_ORDER_ITEM_SKIP;
	}
	/* the rows after an order's first are its further line items: without a
	 * status (Shopify), or repeating the order's fields (WooCommerce) */
	if (current(o, name, buyer)) {
		if (o->state == 2) {
			fu_buf_adds(reason, o->skip_reason.data);
			return FU_ORDER_ITEM_SKIP;
		}
		if (item[0] && !item_listed(&o->held[o->item_col], item)) {
			fu_buf *it = &o->held[o->item_col];
			if (it->len)
				fu_buf_adds(it, "; ");
			fu_buf_adds(it, item);
		}
		return FU_ORDER_ITEM;
	}
	if (!status[0] && name[0]) {
		int s = seen(o, name, buyer);
		if (s == 1) {
			fu_buf_printf(reason, "a line item of order %s, not right after the order: "
			              "counted as merged, its item not added", name);
			return FU_ORDER_ITEM_LATE;
		}
		if (s == 2) {
			fu_buf_printf(reason, "a line item of order %s, which is not a purchase", name);
			return FU_ORDER_ITEM_SKIP;
		}
	}
	/* the order's own row: the one held before is complete */
	if (o->state == 1)
		*write_first = hand_out(o);
	o->state = 0;
	o->first_row = rowhash;
	fu_buf_clear(&o->name);
	fu_buf_adds(&o->name, name);
	fu_buf_clear(&o->buyer);
	fu_buf_adds(&o->buyer, buyer);
	fu_buf_clear(&o->when_key);
	if (when[0] && buyer[0]) {
		fu_buf_addc(&o->when_key, '\1');
		fu_buf_adds(&o->when_key, when);
	}
	int before = seen(o, name, buyer);
	/* read before under another buyer, at the same time: the same order,
	 * its e-mail corrected between the exports (two shops' #1001 are not
	 * made at the same second) */
	int other_buyer = 0;
	if (!before && o->when_key.len && (before = seen(o, name, o->when_key.data)) != 0) {
		other_buyer = 1;
		remember(o, name, buyer, before); /* its further line items are its too */
	}
	fu_buf_clear(&o->low);
	fu_buf_adds(&o->low, status);
	norm_lower_utf8(o->low.data, o->low.len);
	const char *low = o->low.data;
	enum fu_order_status kind = status[0] ? FU_STATUS_UNKNOWN : FU_STATUS_PURCHASE;
	int by_user = 0;
	for (size_t i = 0; i < o->nuser && status[0]; i++)
		if (strcmp(o->user[i].label, low) == 0) {
			kind = o->user[i].purchase ? FU_STATUS_PURCHASE : FU_STATUS_NOT_PURCHASE;
			by_user = 1;
		}
	if (status[0] && !by_user)
		kind = fu_orders_status_kind(low);
	if (kind == FU_STATUS_UNKNOWN && o->unknown_not)
		kind = FU_STATUS_NOT_PURCHASE;
	/* refunded, voided or cancelled: once a purchase, maybe in the log */
	int back = (kind == FU_STATUS_NOT_PURCHASE && taken_back(low)) || cancelled[0];
	if (before == 1 && back) {
		/* read before as a purchase (an older export first): taken back */
		fu_buf_printf(reason, "order %s is %s after it was read as a purchase: written as a refund",
		              name, cancelled[0] && !taken_back(low) ? "cancelled" : low);
		return FU_ORDER_REFUND;
	}
	if (before == 1) {
		/* the order again: an export that overlaps an earlier one */
		if (other_buyer)
			fu_buf_printf(reason, "order %s of %s again, read before under another e-mail or buyer "
			              "(corrected since?): not a second purchase, the first file's buyer kept",
			              name, when);
		else
			fu_buf_printf(reason, "order %s again (read before): not a second purchase", name);
		o->state = 3; /* its further line items come */
		o->other_buyer = other_buyer;
		return FU_ORDER_AGAIN;
	}
	if (kind != FU_STATUS_PURCHASE || cancelled[0] || before == 2) {
		int undone = kind == FU_STATUS_NOT_PURCHASE;
		fu_buf_clear(&o->skip_reason);
		fu_orders_label(&o->skip_reason, name, when, item);
		if (kind == FU_STATUS_UNKNOWN && !cancelled[0] && before != 2)
			fu_buf_printf(&o->skip_reason, " has the status '%.60s', which fu-import does "
			              "not know: not taken for a purchase (--order-status '%.60s=purchase' "
			              "would take it)", status, status);
		else
			fu_buf_printf(&o->skip_reason, " is %s: not a purchase",
			              /* refunded and voided say most; then cancelled */
			              undone && (strcmp(low, "refunded") == 0 || strcmp(low, "voided") == 0) ? low
			              : cancelled[0] ? "cancelled" : undone ? low : "not a purchase (read before)");
		fu_buf_adds(reason, o->skip_reason.data);
		remember(o, name, buyer, 2);
		if (o->when_key.len)
			remember(o, name, o->when_key.data, 2);
		o->state = 2;
		if (back && before != 2) {
			/* a purchase an earlier import may have logged: taken back */
			fu_buf_adds(reason, "; written as a refund");
			return FU_ORDER_REFUND;
		}
		return kind == FU_STATUS_UNKNOWN && !cancelled[0] && before != 2 ? FU_ORDER_UNKNOWN
		                                                                : FU_ORDER_SKIP;
	}
	return FU_ORDER_NEW;
}

void fu_orders_hold(fu_orders *o, const fu_buf *vals, size_t item_col)
{
	for (size_t c = 0; c < o->ncols; c++) {
		fu_buf_clear(&o->held[c]);
		fu_buf_add(&o->held[c], vals[c].data ? vals[c].data : "", vals[c].len);
	}
	o->item_col = item_col;
	o->state = 1;
	remember(o, o->name.data ? o->name.data : "", o->buyer.data ? o->buyer.data : "", 1);
	if (o->when_key.len)
		remember(o, o->name.data, o->when_key.data, 1);
}

fu_buf *fu_orders_held_col(fu_orders *o, size_t col)
{
	return o->state == 1 && col < o->ncols ? &o->held[col] : NULL;
}

fu_buf *fu_orders_release(fu_orders *o)
{
	fu_buf *prev = o->state == 1 ? hand_out(o) : NULL;
	o->state = 0;
	return prev;
}

void fu_orders_skip(fu_orders *o, const char *why)
{
	fu_buf_clear(&o->skip_reason);
	fu_buf_adds(&o->skip_reason, why);
	remember(o, o->name.data ? o->name.data : "", o->buyer.data ? o->buyer.data : "", 2);
	if (o->when_key.len)
		remember(o, o->name.data, o->when_key.data, 2);
	o->state = 2;
}

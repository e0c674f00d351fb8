/* The data contract of fu(7), defined once (see contract.h). */
#include "fu.h"
#include "lib/contract.h"

#include <string.h>

const char *const fu_ev_names[FU_EV_N] = {
	"purchase", "email_sent", "email_open", "email_click", "reply", "call", "meeting",
	"ticket_opened", "ticket_closed", "feedback", "referral", "owner_change", "reward",
	"unsubscribe", "subscribe", "followup", "success", "refund", "",
};

const char fu_ev_list[] = "purchase, email_sent, email_open, email_click, reply, call, meeting, "
                          "ticket_opened, ticket_closed, feedback, referral, owner_change, "
                          "reward, unsubscribe, subscribe, followup, success, refund";

/* Other words people and other tools log for the types (English, Finnish,
 * Swedish), read as the type they mean by every program: an opt-out logged
 * as "unsubscribed" (most mail services' event name) or "opt-out" must stop
 * marketing in fu-schedule as surely as fu-import reads it, and an opt-in
 * logged as "subscribed" or "opt-in" start it again.  Written in the
 * folded form same_type compares with. */
const struct fu_ev_synonym fu_ev_synonyms[] = {
	{"order", FU_EV_PURCHASE},         {"sale", FU_EV_PURCHASE},
	{"buy", FU_EV_PURCHASE},           {"osto", FU_EV_PURCHASE},
	{"ostos", FU_EV_PURCHASE},         {"tilaus", FU_EV_PURCHASE},
	{"köp", FU_EV_PURCHASE},           {"beställning", FU_EV_PURCHASE},
	{"payment", FU_EV_PURCHASE},       {"charge", FU_EV_PURCHASE}, /* Square, Stripe */
	{"kauf", FU_EV_PURCHASE},          {"bestellung", FU_EV_PURCHASE}, /* German */
	{"puhelu", FU_EV_CALL},            {"samtal", FU_EV_CALL},
	{"tapaaminen", FU_EV_MEETING},     {"palaveri", FU_EV_MEETING},
	{"möte", FU_EV_MEETING},           {"palaute", FU_EV_FEEDBACK},
	{"återkoppling", FU_EV_FEEDBACK},  {"suositus", FU_EV_REFERRAL},
	{"rekommendation", FU_EV_REFERRAL}, {"vastaus", FU_EV_REPLY},
	{"svar", FU_EV_REPLY},             {"email", FU_EV_EMAIL_SENT},
	{"sähköposti", FU_EV_EMAIL_SENT},  {"e_post", FU_EV_EMAIL_SENT},
	{"unsubscribed", FU_EV_UNSUBSCRIBE}, {"unsub", FU_EV_UNSUBSCRIBE},
	{"opt_out", FU_EV_UNSUBSCRIBE},    {"optout", FU_EV_UNSUBSCRIBE},
	{"opted_out", FU_EV_UNSUBSCRIBE},  {"optedout", FU_EV_UNSUBSCRIBE},
	{"subscribed", FU_EV_SUBSCRIBE},   {"resubscribe", FU_EV_SUBSCRIBE},
	{"resubscribed", FU_EV_SUBSCRIBE}, {"opt_in", FU_EV_SUBSCRIBE},
	{"optin", FU_EV_SUBSCRIBE},        {"opted_in", FU_EV_SUBSCRIBE},
	{"optedin", FU_EV_SUBSCRIBE},
	/* a mail service's activity export: its actions (Mailchimp, Brevo,
	 * Klaviyo); a spam complaint or a hard bounce ends mail to the address */
	{"open", FU_EV_EMAIL_OPEN},        {"opened", FU_EV_EMAIL_OPEN},
	{"email_opened", FU_EV_EMAIL_OPEN}, {"opened_email", FU_EV_EMAIL_OPEN},
	{"avattu", FU_EV_EMAIL_OPEN},      {"öppnad", FU_EV_EMAIL_OPEN},
	{"click", FU_EV_EMAIL_CLICK},      {"clicked", FU_EV_EMAIL_CLICK},
	{"email_clicked", FU_EV_EMAIL_CLICK}, {"clicked_email", FU_EV_EMAIL_CLICK},
	{"link_clicked", FU_EV_EMAIL_CLICK}, {"klikkaus", FU_EV_EMAIL_CLICK},
	{"klikattu", FU_EV_EMAIL_CLICK},   {"klick", FU_EV_EMAIL_CLICK},
	{"hard_bounce", FU_EV_UNSUBSCRIBE}, {"hardbounce", FU_EV_UNSUBSCRIBE},
	{"spam", FU_EV_UNSUBSCRIBE},       {"spam_report", FU_EV_UNSUBSCRIBE},
	{"spam_complaint", FU_EV_UNSUBSCRIBE}, {"marked_as_spam", FU_EV_UNSUBSCRIBE},
	{"complaint", FU_EV_UNSUBSCRIBE},
	/* Klaviyo's metrics (its event export's Metric Name or Event) */
	{"placed_order", FU_EV_PURCHASE},  {"refunded_order", FU_EV_REFUND},
	{"received_email", FU_EV_EMAIL_SENT},
	{"unsubscribed_from_email_marketing", FU_EV_UNSUBSCRIBE},
	{"unsubscribed_from_email", FU_EV_UNSUBSCRIBE},
	{"unsubscribed_from_list", FU_EV_UNSUBSCRIBE},
	{"marked_email_as_spam", FU_EV_UNSUBSCRIBE},
	{"subscribed_to_email_marketing", FU_EV_SUBSCRIBE},
	{"subscribed_to_list", FU_EV_SUBSCRIBE},
	{"refunded", FU_EV_REFUND},        {"return", FU_EV_REFUND},
	{"returned", FU_EV_REFUND},        {"hyvitys", FU_EV_REFUND},
	{"palautus", FU_EV_REFUND},        {"återbetalning", FU_EV_REFUND},
	{NULL, FU_EV_OTHER},
};

/* Hand-kept logs write "Unsubscribe", "Email open", "ticket-opened" or
 * "Köp": the type is the same, so case (ASCII, and the Latin-1 letters such
 * as Ä Ö Å in UTF-8), and '-' and ' ' against '_', do not matter (a type read
 * as unknown would quietly lose, say, an opt-out).  S is N bytes long. */
static int same_type(const char *s, size_t n, const char *name)
{
	const char *end = s + n;
	for (; s < end && *name; s++, name++) {
		int c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (c == '-' || c == ' ')
			c = '_';
		else if (c == 0xc3 && (unsigned char)*name == 0xc3 && s + 1 < end) {
			/* U+00C0..U+00DE but U+00D7: capital Latin-1 letters, 0x20 below
			 * their small ones */
			int d = (unsigned char)s[1];
			if (d >= 0x80 && d <= 0x9e && d != 0x97)
				d += 0x20;
			if (d != (unsigned char)name[1])
				return 0;
			s++, name++;
			continue;
		}
		if (c != *name)
			return 0;
	}
	return s == end && *name == '\0';
}

/* S without the blanks around it: N bytes from the returned start */
static const char *trimmed(const char *s, size_t *n)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*n = len;
	return s;
}

enum fu_ev fu_ev_parse(const char *s)
{
	size_t n;
	s = trimmed(s, &n); /* "Unsubscribe " typed in a sheet is still an opt-out */
	if (n == 0)
		return FU_EV_OTHER;
	for (int i = 0; i < FU_EV_OTHER; i++)
		if (same_type(s, n, fu_ev_names[i]))
			return (enum fu_ev)i;
	for (const struct fu_ev_synonym *w = fu_ev_synonyms; w->word; w++)
		if (same_type(s, n, w->word))
			return w->ev;
	return FU_EV_OTHER;
}

int fu_ev_is_mark(enum fu_ev ev)
{
	return ev == FU_EV_UNSUBSCRIBE || ev == FU_EV_SUBSCRIBE || ev == FU_EV_FOLLOWUP;
}

size_t fu_step_key(const char *s, size_t n, fu_buf *out)
{
	fu_buf_clear(out);
	fu_buf_add(out, s, n);
	fu_buf_addc(out, '\0');
	out->len = fu_trim(out->data, n);
	fu_ascii_lower(out->data, out->len);
	return out->len;
}

int fu_step_eq(const char *a, const char *b)
{
	fu_buf x = {0}, y = {0};
	fu_step_key(a, strlen(a), &x);
	fu_step_key(b, strlen(b), &y);
	int eq = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	fu_buf_free(&x);
	fu_buf_free(&y);
	return eq;
}

int fu_step_begins(const char *s, const char *prefix)
{
	fu_buf x = {0};
	fu_step_key(s, strlen(s), &x);
	int yes = strncmp(x.data, prefix, strlen(prefix)) == 0;
	fu_buf_free(&x);
	return yes;
}

int fu_channel_is_email(const char *s)
{
	size_t n;
	s = trimmed(s, &n);
	if (n == 0)
		return 1;
	static const char *const words[] = {"email", "e_mail", "mail", "sähköposti", "e_post", NULL};
	for (int i = 0; words[i]; i++)
		if (same_type(s, n, words[i]))
			return 1;
	return 0;
}

int fu_referral_brought(int64_t referral, int64_t first_purchase, int64_t grace)
{
	/* subtracted from the referral, which is a real time: no overflow */
	return first_purchase >= referral - grace;
}

int fu_ev_is_activity(enum fu_ev ev)
{
	switch (ev) {
	case FU_EV_EMAIL_SENT:
	case FU_EV_OWNER_CHANGE:
	case FU_EV_REWARD:
	case FU_EV_FOLLOWUP:
	case FU_EV_REFUND: /* the shop's doing, and it takes a purchase back */
	case FU_EV_OTHER:
	case FU_EV_N:
		return 0;
	default:
		return 1;
	}
}

const char *const fu_event_columns[FU_EVENT_NCOLS] = {"contact_id", "when", "type",
                                                      "value",      "item", "note"};

const char *const fu_contact_columns[FU_CONTACT_NCOLS] = {
	"id",      "first_name", "last_name", "email", "phone", "company",  "owner",
	"stage",   "segment",    "lang",      "formal", "tz",   "created", "unsubscribed",
	"aliases",
};

const char *const fu_health_columns[FU_HEALTH_NCOLS] = {
	"stage", "stage_was", "first_purchase", "last_purchase", "last_contact", "recency_days",
	"frequency", "monetary", "monetary_mean", "tenure_days", "opens", "opens_before", "clicks",
	"clicks_before", "replies", "replies_before", "rfm", "rfm_segment", "p_alive",
	"exp_purchases", "clv", "risk", "band", "reasons", "action",
};

const char *const fu_stages[FU_NSTAGES] = {"prospect", "new", "returning", "loyal", "advocate"};

const char *const fu_task_columns[FU_TASK_NCOLS] = {
	"task_id", "step", "due", "state", "channel", "template", "anchor", "item", "reason", "kind",
};

static int word_is(const char *s, size_t n, const char *w)
{
	size_t i = 0;
	for (; i < n && w[i]; i++) {
		int c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != w[i])
			return 0;
	}
	return i == n && w[i] == '\0';
}

int fu_unsub_no_consent(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return word_is(s, n, FU_NO_CONSENT);
}

int fu_unsubscribed_word(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	static const char *const no[] = {"no", "n", "false", "0"}, *const yes[] = {"yes", "y", "true", "1"};
	if (n == 0)
		return FU_UNSUB_NO;
	if (fu_unsub_no_consent(s, n))
		return FU_UNSUB_YES; /* no marketing, as yes */
	for (size_t i = 0; i < 4; i++) {
		if (word_is(s, n, no[i]))
			return FU_UNSUB_NO;
		if (word_is(s, n, yes[i]))
			return FU_UNSUB_YES;
	}
	return FU_UNSUB_WHEN;
}

const char *fu_input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int fu_alias_next(const char **list, const char **alias, size_t *n)
{
	const char *s = *list;
	while (*s == ' ' || *s == '\t' || *s == ';')
		s++;
	size_t len = strcspn(s, ";");
	*list = s + len;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*alias = s;
	*n = len;
	return len > 0;
}

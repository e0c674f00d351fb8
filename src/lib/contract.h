/* contract.h — the data contract of fu(7), written down once: the event
 * types of the events log, the columns of a contacts stream and of a tasks
 * stream.  Every program and man page agrees with these lists. */
#ifndef FU_CONTRACT_H
#define FU_CONTRACT_H

#include <stddef.h>
#include <stdint.h>

/* event types (the `type` column of the events log) */
enum fu_ev {
	FU_EV_PURCHASE, FU_EV_EMAIL_SENT, FU_EV_EMAIL_OPEN, FU_EV_EMAIL_CLICK, FU_EV_REPLY,
	FU_EV_CALL, FU_EV_MEETING, FU_EV_TICKET_OPENED, FU_EV_TICKET_CLOSED, FU_EV_FEEDBACK,
	FU_EV_REFERRAL, FU_EV_OWNER_CHANGE, FU_EV_REWARD, FU_EV_UNSUBSCRIBE,
	FU_EV_SUBSCRIBE, /* an opt-in: the latest of it and unsubscribe wins (fu(7) Consent) */
	FU_EV_FOLLOWUP, FU_EV_SUCCESS, FU_EV_REFUND,
	FU_EV_OTHER, /* a type outside the contract */
	FU_EV_N
};
/* names by enum fu_ev; FU_EV_OTHER's is "" */
extern const char *const fu_ev_names[FU_EV_N];
/* other words for the types, read as them by fu_ev_parse (and so by every
 * program): "unsubscribed", "opt-out", "opt-in", "order", "osto" ...; NULL-ended */
struct fu_ev_synonym {
	const char *word;
	enum fu_ev ev;
};
extern const struct fu_ev_synonym fu_ev_synonyms[];
/* the type named S (or one of its synonyms), or FU_EV_OTHER; case, and '-'
 * or ' ' for '_', and blanks around it do not matter ("Unsubscribe ",
 * "email-open", "Opt-out") */
enum fu_ev fu_ev_parse(const char *s);
/* Whether an event of this type is a consent or a done mark (unsubscribe,
 * subscribe, followup): a row of one that cannot be read keeps back, or lets
 * out, a message, so its reject reason begins with its type ("unsubscribe
 * row: ..."), however the log spelt it */
int fu_ev_is_mark(enum fu_ev ev);
/* Whether a channel (a cadence's or a task's) is e-mail: empty, or email,
 * E-mail, e_mail, Mail, sähköposti, e-post in any case, blanks around it
 * aside.  The opt-out rule and every sender go by it, so one capital letter
 * cannot let marketing past an unsubscribe or keep a message from its mailer */
int fu_channel_is_email(const char *s);
/* Whether an event of this type is the customer's doing, or a conversation
 * with them (a purchase, an open, a reply, a call, a ticket, feedback ...),
 * not what we did on our own (email_sent, followup, reward, owner_change)
 * nor a type outside the contract: sending a win-back does not make a
 * lapsed customer active (fu-churn's last_contact and silence). */
int fu_ev_is_activity(enum fu_ev ev);
/* "purchase, email_sent, ..., success": for messages naming the known types */
extern const char fu_ev_list[];

/* fu(7) Referrals: a referral brought the referred contact's first purchase
 * when it is dated before that purchase or at most GRACE seconds after it.
 * A referral app logs the referral when the friend's order converts it, and
 * a CRM that makes its contacts from orders dates the contact (and so its
 * referred_by claim) a little after that order: either is the referral of
 * that purchase.  A referral dated later than that came to someone who had
 * bought already.  FIRST_PURCHASE INT64_MAX: none (the referral stands). */
enum { FU_REFERRAL_GRACE = 86400 }; /* the default: one day */
int fu_referral_brought(int64_t referral, int64_t first_purchase, int64_t grace);

/* the events log's columns, in the order fu-import writes them */
enum { FU_EVENT_NCOLS = 6 };
extern const char *const fu_event_columns[FU_EVENT_NCOLS];

/* contacts: the columns fu-import writes, in order (fu(7)); a program reads
 * a missing one as empty */
enum fu_contact_col {
	FU_C_ID, FU_C_FIRST_NAME, FU_C_LAST_NAME, FU_C_EMAIL, FU_C_PHONE, FU_C_COMPANY,
	FU_C_OWNER, FU_C_STAGE, FU_C_SEGMENT, FU_C_LANG, FU_C_FORMAL, FU_C_TZ, FU_C_CREATED,
	FU_C_UNSUBSCRIBED, FU_C_ALIASES,
	FU_CONTACT_NCOLS
};
extern const char *const fu_contact_columns[FU_CONTACT_NCOLS];
/* the columns fu-churn writes into a contacts stream, in order (stage
 * replaced in place, the rest appended); a program reads a missing one as
 * empty, like a contact column, so a plan may use them (fu-churn(1)) */
enum { FU_HEALTH_NCOLS = 25 };
extern const char *const fu_health_columns[FU_HEALTH_NCOLS];
/* the lifecycle stages, lowest first: prospect, new, returning, loyal, advocate */
enum { FU_NSTAGES = 5 };
extern const char *const fu_stages[FU_NSTAGES];

/* tasks: fu-schedule appends these to the contact's columns; kind is the
 * step's (service or marketing), so that every consumer (fu-render's opt-out
 * rule) judges a task by the plan, not by its step's name */
enum fu_task_col {
	FU_T_TASK_ID, FU_T_STEP, FU_T_DUE, FU_T_STATE, FU_T_CHANNEL, FU_T_TEMPLATE, FU_T_ANCHOR,
	FU_T_ITEM, FU_T_REASON, FU_T_KIND,
	FU_TASK_NCOLS
};
extern const char *const fu_task_columns[FU_TASK_NCOLS];

/* The contacts' `unsubscribed` column, read one way by every program:
 * FU_UNSUB_NO for empty (or only spaces), no, n, false, 0; FU_UNSUB_YES for
 * yes, y, true, 1 and FU_NO_CONSENT (any case); FU_UNSUB_WHEN for anything
 * else, which is the opt-out's date-time (the caller reads it; one after
 * --now is not yet in force). */
enum { FU_UNSUB_NO, FU_UNSUB_YES, FU_UNSUB_WHEN };
int fu_unsubscribed_word(const char *s);
/* What fu-import --opt-in-list writes in `unsubscribed` for a contact in no
 * list of consent: no marketing, like yes, but no opt-out the person gave:
 * not carried by --previous nor logged as an unsubscribe, so joining the
 * list later subscribes them (fu(7) Consent) */
#define FU_NO_CONSENT "no-consent"
/* Is S (N bytes, blanks around it and case aside) FU_NO_CONSENT? */
int fu_unsub_no_consent(const char *s, size_t n);

/* The next alias of a contact's `aliases` cell (its earlier e-mails, ids and
 * phones, fu(7) Identity): *LIST is advanced past it, *ALIAS and *N are its
 * text (trimmed of spaces); 0 at the end.  Aliases are separated by ';',
 * empty ones skipped. */
int fu_alias_next(const char **list, const char **alias, size_t *n);

/* how a file operand is named in messages: "-" is <stdin> */
const char *fu_input_name(const char *path);

#endif

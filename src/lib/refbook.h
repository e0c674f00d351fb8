/* refbook.h — fu-referrals' contacts and claims: the contacts stream read
 * into the referral graph (its `referred_by` column a claim per row), the
 * event store's referral edges added as claims, purchases and rewards
 * joined per contact; and the three outputs: the ledger, the candidates
 * test, the graph.  The rules themselves live in referral.h. */
#ifndef FU_REFBOOK_H
#define FU_REFBOOK_H

#include "fu.h"
#include "lib/evfacts.h"
#include "lib/map.h"
#include "lib/reader.h"
#include "lib/referral.h"

/* a referred_by claim waits until every contact is read: it may name a
 * contact further down */
typedef struct {
	uint32_t node, key;
	long line;
	int64_t t;
	int dated;
} fu_refbook_claim;

typedef struct {
	fu_refgraph g;
	fu_map ids;      /* contact id (or e-mail, without an id) -> node */
	fu_map emails;   /* lower-cased e-mail -> index into email_node */
	uint32_t *email_node;
	fu_buf text;     /* names, e-mails and zones of the nodes */
	uint32_t *first, *last, *mail, *tz; /* per node: offsets in text, 0 = "" */
	uint32_t *aliases; /* per node: its aliases column, an offset in text */
	/* per node, the keys its events join by beyond its id and aliases (fu(7),
	 * Identity): its e-mail and its phone, offsets in text; 0 ("") for one
	 * an earlier contact has (a household: that one's events) */
	uint32_t *join_mail, *join_phone;
	fu_map phones;   /* the contacts' phones (E.164) */
	fu_map alias_keys; /* an alias (an e-mail lower-cased) -> index into alias_node */
	uint32_t *alias_node;
	size_t alias_cap;
	fu_map codes;    /* a referral_code -> index into code_node */
	uint32_t *code_node;
	size_t code_cap;
	/* a contact's name ("first last", blanks collapsed, lower-cased) ->
	 * index into name_node and name_count: a key that is nothing else names
	 * the contact of that name when it is the only one */
	fu_map names;
	uint32_t *name_node, *name_count;
	size_t name_cap;
	double *given;   /* per node: perks given (reward events) */
	uint32_t *unpriced; /* per node: reward events without a value */
	double *revenue; /* per node: its purchases in the ledger's window */
	size_t cap;
	long bad_dates;  /* referred_by rows whose created date could not be read */
	long bad_zones;  /* contacts whose tz is no zone */
	long future_claims; /* claims after --now (the contact's; a referral event's
	                     * in its referrer's zone): left out */
	fu_eventdb *db;
	fu_refbook_claim *pend; /* referred_by claims until fu_refbook_end_contacts */
	size_t npend, pcap;
	fu_buf scratch[3];
} fu_refbook;

/* one contact row's columns (NULL or "" when it has none; blanks around the
 * id, e-mail, referred_by and created are dropped) */
typedef struct {
	const char *id, *email, *first, *last;
	const char *phone;   /* a key when written with its country code */
	const char *tz;      /* a zone known to be valid, or NULL/"" */
	const char *aliases, *referred_by, *created;
	const char *referral_code; /* its code in a referral program: a key that names it */
} fu_refbook_contact;

void fu_refbook_init(fu_refbook *b, fu_eventdb *db);
/* the node a key names: an id exactly, else an e-mail in any case, else
 * one of a contact's aliases (fu(7), Identity), else (no @) a contact's
 * referral_code; a sub-address no contact has names its address's */
uint32_t fu_refbook_lookup(const fu_refbook *b, const char *key);
/* fu_refbook_lookup for a claim's key (ROLE "referrer" or "friend", at
 * FILE:LINE): a key without @ that names no contact otherwise names the one
 * contact whose full name (first_name and last_name, two words at least)
 * it is, in any case (a note says so); when several contacts have that name it names nobody (a warning
 * says why) */
uint32_t fu_refbook_claim_key(const fu_refbook *b, const char *key, const char *role, const char *file,
                              long line);
/* Read the contacts: each good row a node, each non-empty referred_by a
 * claim dated by the row's created column (one created after --now is left
 * out and counted in future_claims).  A row without id and e-mail,
 * or with an id already read, is rejected through the reader.  Returns 0,
 * or -1 on a read error (reported). */
int fu_refbook_read_contacts(fu_refbook *b, fu_reader *r);
/* After the contacts: claims from the store's referral events (dated in
 * the referrer's zone), each contact's first purchase, its purchases from
 * WINDOW_START to NOW and its perks given. */
/* One contact (the rows of a contacts stream NAME, at LINE, one by one):
 * its node, or FU_REF_NONE when it has neither id nor e-mail or its id (or
 * e-mail, without an id) was added already (*DUPLICATE 1).  A non-empty
 * referred_by is a claim dated by created in tz (one created after --now
 * is left out and counted in future_claims; an unreadable date is warned
 * about and the claim undated), added by fu_refbook_end_contacts. */
uint32_t fu_refbook_add_contact(fu_refbook *b, const fu_refbook_contact *c, const char *name, long line,
                                int *duplicate);
/* After the last contact: the referred_by claims, from FILE (fu_refgraph_file). */
void fu_refbook_end_contacts(fu_refbook *b, uint32_t file);
/* The store's referral events as claims; FIRST_FILE is the graph's index
 * of the first events file (fu_refgraph_file, in the order loaded). */
void fu_refbook_add_edges(fu_refbook *b, uint32_t first_file);
/* ... and each contact's purchases: its first, and its revenue (the
 * purchases in the WINDOW before its --now, fu_eventdb_now) */
void fu_refbook_join_events(fu_refbook *b, const char *const *files, size_t nfiles, int64_t window);
/* Report every claim without credit on stderr (capped per kind). */
void fu_refbook_report(const fu_refbook *b);

typedef struct {
	int depth;
	double decay;
	fu_perk perk;
	int64_t now, window; /* revenue: purchases in [now - window, now], now
	                      * each contact's (fu_eventdb_now) */
	int excel_safe;
} fu_ledger_opts;
/* Write the ledger; returns the rows written. */
long fu_refbook_write_ledger(fu_refbook *b, const fu_ledger_opts *o, FILE *fp);
/* Write the graph as DOT; 0, or -1 on a write error. */
int fu_refbook_write_graph(fu_refbook *b, FILE *fp);
void fu_refbook_free(fu_refbook *b);

/* ---- candidates: whom to ask for a referral now ----------------------------- */
enum fu_cand_verdict {
	FU_CAND_ASK,            /* a candidate */
	FU_CAND_NOT_CUSTOMER,   /* no purchase (kept after refunds) */
	FU_CAND_NOT_SATISFIED,  /* no recent feedback >= 9, no recent success */
	FU_CAND_ASKED,          /* asked within the cooldown */
	FU_CAND_OPEN_TICKET,
	FU_CAND_UNSUBSCRIBED,
	FU_CAND_NVERDICTS
};
extern const char *const fu_cand_verdict_names[FU_CAND_NVERDICTS];

typedef struct {
	int64_t cooldown, recent; /* seconds before the contact's --now (fu_eventdb_now);
	                           * recent bounds feedback and success */
	uint32_t ask_step;             /* interned step name, 0 when never logged */
	size_t success_slot;           /* the store's slot of `success` events */
} fu_cand_opts;
/* The verdict on one contact, as fu-schedule's default referral-ask step
 * decides (fu(7)): a customer (a purchase kept after refunds) whose latest
 * feedback of 9 or 10, or a success, came within o->recent, not asked
 * within the cooldown, no open ticket, not unsubscribed.
 * (F: its joined facts, may be NULL;
 * UNSUBSCRIBED: its column, "" when none) and, for a candidate, why in
 * REASON ("feedback 10 on 2024-04-20; never asked"). */
enum fu_cand_verdict fu_referral_candidate(fu_eventdb *db, const fu_facts *f, const char *unsubscribed,
                                           const char *tz, const fu_cand_opts *o, fu_buf *reason);

#endif

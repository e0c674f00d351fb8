/* evfacts.h — the event store: the events log folded into per-contact facts
 * for every program: counts by type, spend, latest feedback, tickets with
 * their open and close times, done marks (followup events), the latest event
 * of each type a caller asks for (fu-schedule's anchors, fu-churn's owner
 * change), and, when asked (fu_store_opts), each purchase with its amount,
 * counts per period, rewards and the referral edges.  Memory grows with
 * contacts and kept facts, not with the events read (save 16 bytes for
 * each purchase that names an order: fu_eventdb.orders).  fu_eventdb_join gives
 * the facts of one contact row (by id, else e-mail, and e-mail aliases), with
 * events logged without an offset placed in the contact's zone. */
#ifndef FU_EVFACTS_H
#define FU_EVFACTS_H

#include <stdint.h>
#include <stddef.h>

#include "fu.h"
#include "lib/contract.h"
#include "lib/map.h"
#include "lib/pool.h"

/* The largest money value the store reads (a purchase's, refund's or
 * reward's): 2^53 cents, where a double stops holding every cent.  A value
 * beyond it is a bad row, never summed and printed as another number. */
#define FU_MONEY_MAX 90071992547409.92
#define FU_MONEY_MAX_TEXT "90071992547409.92"

/* the latest event of one anchor type */
typedef struct {
	int64_t t;     /* UTC seconds; wall-clock seconds read as UTC when naive */
	float value;
	uint32_t item; /* interned string */
	uint32_t returned; /* a purchase's: the line items a refund in part named
	                    * (interned, joined by "; "), 0: none (fu-schedule
	                    * names the others) */
	uint8_t naive : 1; /* the log gave no offset: local time of the contact's zone */
	uint8_t set : 1;
	uint8_t file;  /* a purchase's: the events file it was read from (its number, mod 256) */
	int16_t offset; /* the offset logged with the time, minutes east of UTC (0: naive):
	                 * a task id hashes the wall clock as written (fu(7), TASKS) */
} fu_slot;

/* a done mark: a followup event */
typedef struct {
	uint64_t note; /* the task_id it names (its 64 bits), or 0 */
	int64_t when;
	uint32_t step; /* interned item (the step name), as fu_intern_step has it */
	uint32_t named; /* interned value: what the task named (its item), 0: not recorded */
	uint8_t naive;
	uint8_t date_only; /* logged as a date: made some time that day */
} fu_mark;

typedef struct {
	uint64_t id;
	int64_t opened, closed;
} fu_ticket;

/* an event read without an offset close to --now: whether it is before
 * --now depends on the contact's zone, so it waits for the contact */
typedef struct {
	int64_t t; /* wall-clock seconds read as UTC */
	double num;
	uint64_t note;
	union {
		uint64_t ticket; /* a ticket's id, hashed */
		uint64_t logged; /* a refund: where, interned file << 32 | line */
	};
	uint32_t item, type;  /* interned item and type name; a followup's type is its
	                       * step (its item) as fu_intern_step has it */
	uint32_t named;       /* a followup's value, interned (fu_mark.named) */
	uint32_t ref;         /* a purchase's or refund's order (fu_order_ref), 0: none */
	uint8_t ev, has_num, date_only;
	uint8_t renewal;      /* a purchase that renews a subscription (the log's renewal column) */
	uint8_t offset;       /* its time was logged with an offset (a maybe-repeat may be) */
	int16_t offset_min;   /* then: that offset, minutes east of UTC (fu_slot.offset) */
	uint8_t file;         /* the events file it was read from (its number, mod 256: fu_slot.file) */
	uint8_t maybe_repeat; /* a row an earlier log may have had with its time written the
	                       * other way (with an offset, without): the same event if
	                       * both are one instant in the contact's zone (the join tells) */
	int64_t other_t2;     /* then: that row's time as stored << 1 | naive */
} fu_pending;

/* a purchase, kept when fu_store_opts.purchases is set */
typedef struct {
	int64_t t;     /* as fu_slot.t */
	double amount; /* NAN when the log gave none */
	uint32_t item; /* interned */
	uint32_t returned; /* the line items a refund in part named (fu_slot.returned) */
	uint8_t naive;
	uint8_t refunded; /* taken back in full (in a join's recent list only) */
	uint8_t renewal;  /* a subscription's automatic renewal: counted and summed as a
	                   * purchase, but no order to follow up (never a slot's) */
	int16_t offset;   /* as fu_slot.offset */
} fu_purchase;

/* a refund (fu(7)): it takes back the purchase of the contact that carries
 * the order it names, else the one made at the same `when` as logged, all
 * of it or its amount */
typedef struct {
	int64_t t;       /* the purchase's time, as fu_slot.t */
	double amount;   /* NAN: all of it */
	uint64_t logged; /* where: interned file << 32 | line (for a warning) */
	uint32_t ref;    /* the order its note or item names (fu_order_ref), 0: none */
	uint32_t item;   /* interned: the line items it took back (fu-import names those
	                  * of a refund in part whose prices make up its amount) */
	uint8_t naive;
	int16_t offset;  /* as fu_slot.offset: the refund row's (the purchase's when, as written) */
} fu_refund;

/* The order a purchase's or a refund's note (else item) names: the
 * reference after a '#' ("#1001", "order #SO-17") or after a word for an
 * order ("order 1001", "Order no. 1001", "tilaus 1001", "Bestellung
 * 1001"), holding a digit; hashed to 32 bits (its letters in any case),
 * never 0.  0 when it names none. */
uint32_t fu_order_ref(const char *s, size_t n);

/* a purchase that names an order, found again by it (fu_eventdb.orders) */
typedef struct {
	uint64_t key; /* its contact's index in fu_eventdb.f << 32 | its order (fu_order_ref) */
	int64_t t2;   /* its time as stored (fu_slot.t) << 1 | naive */
	double amount; /* NAN when the log gave none */
} fu_order_entry;

/* a distinct purchase day, kept when fu_store_opts.purchase_days is set:
 * 16 bytes per day a contact bought on, however many purchases that day.
 * A purchase logged with an offset is kept by its UTC quarter-hour instead
 * (zoned): its date is the contact's local date, which the join's caller
 * works out in the contact's zone (fu-churn) */
typedef struct {
	double amount; /* the day's spend; NAN when a purchase that day had none */
	int32_t day;   /* zoned: quarter-hours since 1970-01-01T00:00Z; else the
	                * date as logged (days since 1970-01-01): the wall date of
	                * a date or a time without offset */
	uint8_t zoned;
} fu_purchase_day;

/* counts per type in the period before --now (`recent`, of length
 * fu_store_opts.period) and in the period before that (`before`) */
typedef struct {
	uint32_t recent[FU_EV_N], before[FU_EV_N];
} fu_period_counts;

/* the facts only some programs ask for (fu_store_opts): allocated per
 * contact on its first event, so fu-schedule pays one pointer for them */
typedef struct {
	fu_purchase *buys;
	uint32_t nbuys;
	int64_t first_purchase; /* INT64_MIN: none */
	int64_t first_event;
	double rewarded;        /* sum of reward values (see fu_store_opts.reward_item) */
	uint32_t unpriced_rewards; /* of those rewards, the ones logged without a value */
	/* counts per type in the period before --now and the one before it,
	 * when opts.period is set (else NULL: 136 bytes a contact saved) */
	fu_period_counts *periods;
	/* purchase days, sorted (dates, then zoned quarter-hours), when
	 * opts.purchase_days (fu-churn) */
	fu_purchase_day *days;
	uint32_t ndays, daycap;
} fu_kept;

/* a referral event: contact_id referred the contact named by item */
typedef struct {
	uint32_t from;  /* interned contact_id: the referrer's id or e-mail */
	uint32_t to;    /* interned item: the referred contact's id or e-mail
	                 * (an e-mail, on either side, lower-cased) */
	int64_t t;      /* as fu_slot.t */
	long line;      /* line in the events file */
	uint32_t file;  /* which events file: 0 the first loaded (--events may repeat) */
	uint8_t naive;
} fu_referral_edge;

typedef struct {
	int purchases;  /* keep every purchase (fu_kept.buys) */
	int64_t period; /* > 0: count events per period before --now (fu_kept) */
	int kept;       /* keep fu_kept at all (implied by the two above) */
	/* > 0: keep each purchase made within this long before --now (see
	 * fu_eventdb_recent: what fu-schedule needs to follow up every order,
	 * at no cost for a contact with one such purchase) */
	int64_t recent_purchases;
	/* an event type outside the contract is a bad row (reported with the
	 * known types, rejected, counted in bad) instead of a fact of its own */
	int strict_types;
	/* keep purchases folded by day (fu_kept.days): memory grows with
	 * purchase days, not with purchases (fu-churn) */
	int purchase_days;
	/* a purchase with a negative amount is a bad row (fu-churn: a refund
	 * is not a purchase) */
	int no_negative;
	/* non-NULL: fu_kept.rewarded sums only the reward events whose item
	 * contains this text, case-insensitively (fu-referrals --reward-item:
	 * referral perks apart from loyalty rewards) */
	const char *reward_item;
	/* an event row of one log identical to a row of an earlier log (the
	 * same contact_id -- an e-mail in any case --, instant, type, amount,
	 * item and note) is the same event, read once and counted in
	 * fu_eventdb.repeated: one order in two orders logs, or a log named
	 * twice, is not two purchases (fu-churn, fu-referrals); 2: only
	 * purchases are compared (fu-schedule: its conditions count purchases
	 * and spend, and a mark repeated is harmless).  Within one log only a
	 * purchase (with 1, a reward too) that names an order or has a time of
	 * day is compared, and counted in fu_eventdb.repeated_within: the same
	 * order twice in one log (overlapping exports in one file, two logs
	 * joined with cat); two equal rows dated by the day alone may be two
	 * purchases.  With nlogs 1 no other row is fingerprinted (a map entry
	 * of some 50 bytes and a cache miss each) */
	int once_across_logs;
	/* how many logs will be read (0: not known): the last one's rows are
	 * only compared with the earlier logs', not remembered */
	size_t nlogs;
} fu_store_opts;

typedef struct {
	uint32_t key;  /* offset of the contact_id in the key arena */
	uint32_t count[FU_EV_N];
	uint32_t nmarks, ntickets;
	uint8_t matched, has_nps;
	uint8_t by_base;     /* keyed by a sub-address and joined by the contact of
	                      * its address without the tag (fu_eventdb_join) */
	uint8_t pend_placed; /* its pending events were placed in a zone once (and
	                      * those after --now moved from events to future) */
	uint8_t opted_in;    /* the latest consent event is a subscribe (an opt-in) */
	uint8_t activity_naive; /* last_activity is a naive time as stored (a wall clock
	                         * read as UTC), else an instant */
	float nps;
	uint32_t claimed; /* its referral events whose referrer fu-referrals found
	                   * otherwise (by name, by code) though the key joined no
	                   * contact: used, not for a contact not in the input */
	int64_t nps_t, last_purchase, last_event;
	int64_t last_activity; /* the latest event that is the customer's (fu_ev_is_activity) */
	int64_t consent_t;     /* the latest unsubscribe or subscribe (INT64_MIN: none) */
	double spent;
	fu_mark *marks;
	fu_ticket *tickets;
	fu_pending *pend;
	uint32_t npend, nrefunds;
	fu_refund *refunds;
	uint32_t recent; /* index + 1 of its list in fu_eventdb.recent, 0: none */
	uint32_t optout_at; /* index + 1 of its latest unsubscribe's place in
	                     * fu_eventdb.optout_pos (for a warning), 0: none */
	fu_slot *slots; /* nslots, in fu_eventdb.slots for stored facts */
	fu_kept *kept;  /* NULL unless fu_store_opts asks for it */
} fu_facts;

typedef struct fu_eventdb_aliases fu_eventdb_aliases;

/* a slot of the store's key table (open addressing, linear probes): the
 * key's hash and first bytes are there, so that finding a contact rarely
 * reads its key from the arena (a cache miss of its own) */
typedef struct {
	uint32_t facts; /* index + 1 in fu_eventdb.f; 0: an empty slot */
	uint32_t tag;   /* the hash's high half, its lowest bit set for a key longer than 8 bytes */
	char head[8];   /* the key's first 8 bytes, NUL-padded: the whole of a short key */
} fu_keyslot;

/* a contact's recent purchases (fu_store_opts.recent_purchases) */
typedef struct {
	fu_purchase *p;
	uint32_t n;
} fu_purchase_list;

typedef struct {
	fu_facts *f;
	size_t n, cap;
	fu_keyslot *table; /* by key; a power of two slots, at most half used */
	size_t tcap;
	char *keys;
	size_t klen, kcap;
	fu_slot *slots; /* n * nslots */
	size_t nslots;
	char *const *slot_types;
	int *slot_ev;    /* the enum fu_ev of each slot type */
	/* interned strings: items and step names; id 0 is "" */
	fu_map strs;
	/* e-mails given beside contact_id (an `email` column): e-mail -> facts */
	fu_eventdb_aliases *aliases;
	/* events keyed by a sub-address (ann+shop@x.fi): its address without
	 * the tag (ann@x.fi) -> facts, for a contact known by that address */
	fu_eventdb_aliases *tagged;
	fu_rejects *rejects; /* bad rows go here too, when set */
	int64_t now;         /* --now; with a date (now_is_date), the end of that date as
	                      * a wall clock read as UTC (a naive time's scale) */
	int32_t now_day;     /* that date, when now_is_date */
	int now_is_date;     /* --now was a date: each contact's ends with that date in its
	                      * zone (fu_eventdb_now), an event on it counts wherever */
	long events, bad, future;
	long repeated;        /* rows another log had already (opts.once_across_logs) */
	long repeated_within; /* purchases (rewards) its own log had already: the same
	                       * order written twice (opts.once_across_logs) */
	/* the rows compared (fingerprints, open addressing): each slot the
	 * row's 64-bit hash with its low 16 bits the log it was first read in
	 * (0: empty), 8 bytes a slot, at most 3/4 full */
	uint64_t *rows_seen;
	size_t rows_cap, rows_n;
	/* the rows of earlier logs compared, by all but their time (open
	 * addressing, 24 bytes a slot): a row whose time is written the other
	 * way (with an offset, without) within a zone's distance of one of them
	 * may be that row (fu_pending.maybe_repeat) */
	struct fu_row_timeless {
		uint64_t fp;  /* 0: an empty slot */
		int64_t t2;   /* its time as stored << 1 | naive */
		uint32_t log; /* the log it was read in */
	} *rows_timeless;
	size_t rt_cap, rt_n;
	/* events whose type is outside fu(7): how many, the first one's type,
	 * file (both interned) and line, for one message by the caller */
	long unknown, unknown_line;
	uint32_t unknown_type, unknown_file;
	fu_store_opts opts;
	fu_referral_edge *edges; /* every referral event, in log order */
	size_t nedges, edgecap;
	char *file;              /* the events file being read (the last one read) */
	uint32_t file_id;        /* the same, interned, for messages */
	uint32_t nfiles;         /* events files loaded */
	uint32_t *file_ids;      /* their names, interned */
	fu_purchase_list *recent; /* [0] is the join's scratch list */
	size_t nrecent, recentcap;
	int purchase_slot;       /* the slot of purchase, or -1 */
	/* keys that are e-mails, phone numbers (E.164: +...), and keys shaped
	 * like the id fu-import derives from an e-mail or a phone (16 hex
	 * digits): without any, the join skips looking a contact up by them */
	size_t mail_keys, phone_keys, derived_keys;
	/* the currencies of the purchase amounts read (a `currency` column,
	 * as fu-import writes it), the first few: a sum of values in several
	 * is in no currency, and the programs that sum them say so */
	char currencies[4][8];
	int ncurrencies, more_currencies;
	/* the same of the reward amounts read (perks_given sums them) */
	char reward_currencies[4][8];
	int nreward_currencies, more_reward_currencies;
	/* the stored contacts' marks, tickets, waiting events and recent
	 * purchase lists (a join's scratch copy has its own, on the heap) */
	fu_pool pool;
	/* where each contact's latest unsubscribe was logged (fu_facts.optout_at):
	 * one that joins no contact is named by fu_eventdb_report */
	struct fu_event_pos {
		uint32_t file; /* interned file name */
		uint32_t line;
		int known; /* its note is "no contact": logged again, knowingly, for a key
		            * no contact has (fu(7), Identity): no warning */
	} *optout_pos;
	size_t noptout, optoutcap;
	/* rows warned about after the load (fu_eventdb_report: an opt-out that
	 * joins no contact; the join: a refund that takes back nothing): the
	 * run exits 1 */
	long warned;
	/* the purchases that name an order (24 bytes each), so that a refund
	 * logged on its own day that names the order takes the purchase back,
	 * and an order logged under two keys of one contact is read once;
	 * sorted by key on the first join that needs it */
	fu_order_entry *orders;
	size_t norders, ordercap;
	int orders_sorted;
	fu_map refunds_warned; /* the refunds warned about (their `logged`): once each */
	fu_map orders_repeated; /* the order entries read again under another key of their
	                         * contact (their index), counted in repeated once each */
	fu_buf keybuf[4]; /* scratch keys: [0] fu_eventdb_find, [1] [2] the join's id and e-mail, [3] an alias */
} fu_eventdb;

/* The summary's words for the rows read again (fu_eventdb.repeated,
 * repeated_within), " + 2 repeated in another log + 1 repeated in its own
 * log", into OUT; nothing when there are none. */
void fu_eventdb_repeated_words(const fu_eventdb *db, fu_buf *out);

/* "EUR, JPY" (and " and more") into OUT when the purchases read hold
 * amounts in more than one currency; 0 then, -1 when they do not. */
int fu_eventdb_currency_mix(const fu_eventdb *db, fu_buf *out);
/* the same for the rewards read */
int fu_eventdb_reward_currency_mix(const fu_eventdb *db, fu_buf *out);

/* a contact's facts gathered from several keys (id, e-mail, aliases) */
typedef struct {
	fu_facts facts;
	fu_slot *slots;
	fu_kept kept;
} fu_join_scratch;

/* slot_types: the event types whose latest event each contact keeps (the
 * plan's anchors; fu-churn's owner_change ...) */
void fu_eventdb_init(fu_eventdb *db, char *const *slot_types, size_t nslots, int64_t now);
/* --now given as the date DAY (days since 1970-01-01), before
 * fu_eventdb_load: the end of that date in each contact's own zone is its
 * --now (fu(7): a date means the end of that day, so that events on it
 * count), for what is kept and for the periods counted.  An event logged
 * with an offset within a day of the date's end waits for its contact's
 * zone, as a naive time near an instant --now does. */
void fu_eventdb_now_date(fu_eventdb *db, int32_t day);
/* --now for a contact in TZ (NULL: $TZ): the instant, or with a date the
 * end of that date in TZ (fu_day_end) */
int64_t fu_eventdb_now(const fu_eventdb *db, const char *tz);
/* what else to keep (before fu_eventdb_load) */
void fu_eventdb_keep(fu_eventdb *db, const fu_store_opts *opts);
/* Read an events CSV.  Bad rows are reported and counted in db->bad;
 * events after db->now are left out (db->future); a file with no header row
 * (empty) is reported and counted in db->warned.  Returns 0, or -1 if the
 * file cannot be read or lacks columns (reported).  Called again, it adds
 * another log's events to the facts (--events given more than once). */
int fu_eventdb_load(fu_eventdb *db, const char *path);
/* Only a hint, for a caller that knows the key it will join by (a contact
 * row's id) some work ahead: start fetching its slot of the key table
 * (FACTS 0); called again later (FACTS 1, the slot fetched by then), the
 * facts and slots the slot points to.  A table of millions of contacts
 * misses the cache at each step. */
void fu_eventdb_prefetch(const fu_eventdb *db, const char *key, size_t n, int facts);
/* A hint as well: start fetching the lists F points to (done marks, recent
 * purchases), which a planner reads next, each a cache miss of its own. */
void fu_facts_prefetch(const fu_eventdb *db, const fu_facts *f);
/* S (N bytes), a contact_id or a contact's id, e-mail or alias, as the store
 * keys contacts (fu(7), Identity), into OUT: blanks (space, tab, no-break
 * space) around it dropped; an e-mail as fu-import writes a contact's
 * (norm_email: the address of a display form "Anna Berg <anna@x.fi>" or of
 * mailto:anna@x.fi, lower-cased); a phone (+...) in E.164; anything else
 * as written.  Both sides of the join go through it, so a key matches
 * whichever way either side wrote it. */
void fu_event_key(const char *s, size_t n, fu_buf *out);
/* KEY (N bytes, as fu_event_key writes it) when it is a sub-address (RFC
 * 5233, ann+shop@x.fi): the address without its tag (ann@x.fi) into BASE,
 * 1; 0 when it is none (fu(7), Identity) */
int fu_email_untagged(const char *key, size_t n, fu_buf *base);
/* facts for a contact_id (any key fu_event_key reads as the same), or NULL */
fu_facts *fu_eventdb_find(fu_eventdb *db, const char *key);
/* Facts whose events named this e-mail in an `email` column (up to max);
 * returns how many. */
size_t fu_eventdb_find_email(fu_eventdb *db, const char *email, fu_facts **out, size_t max);
fu_slot *fu_eventdb_slots(fu_eventdb *db, const fu_facts *f);
uint32_t fu_intern(fu_eventdb *db, const char *s, size_t n);
uint32_t fu_intern_find(const fu_eventdb *db, const char *s);
/* A step's name interned as it is compared (fu_step_key): what a done
 * mark's step (fu_mark.step) is looked up by */
uint32_t fu_intern_step(fu_eventdb *db, const char *s, size_t n);
const char *fu_interned(const fu_eventdb *db, uint32_t id);
/* Merge SRC into DST (both with db->nslots slots; DST's arrays are owned by
 * the caller's scratch copy). */
void fu_facts_merge(fu_eventdb *db, fu_facts *dst, const fu_facts *src);
int fu_facts_open_tickets(const fu_facts *f);
/* Whether a contact may not get marketing (fu(7), Consent): its
 * `unsubscribed` cell UNSUB (NULL or "": none) read in TZ, and its latest
 * unsubscribe or subscribe event in F (NULL: no events).  The latest of the
 * events wins, an unsubscribe at the same time as a subscribe; a cell
 * saying yes (no date) is the CRM's opt-out as of its export and wins over
 * any event; a cell's date (an opt-out then; one after NOW is not yet in
 * force) wins over an opt-in logged before it, or at the same time.
 * Returns 1 or 0, or -1 when the cell is neither a yes/no word nor a
 * date-time (*WHY says why; the caller reads it as an opt-out). */
int fu_facts_unsubscribed(const fu_facts *f, const char *unsub, const char *tz, int64_t now, const char **why);
/* Apply an event (the pending ones, once placed in the contact's zone). */
void fu_facts_apply(fu_eventdb *db, fu_facts *f, const fu_pending *e, int64_t t, int naive);
/* PHONE as a key: E.164 (+ and digits; spaces, dashes, dots, brackets
 * dropped) into OUT; 0 when it is no international number */
int fu_phone_key(const char *phone, char out[24]);
/* The facts of a contact row: events keyed by its id, by its e-mail, or
 * naming its e-mail (an `email` column in the log), or by its phone (PHONE
 * in E.164, "+358 40 123 4567" as well: events keyed by that number or by
 * the id fu-import derives from it for an order known only by its phone;
 * "" or a number without its country code: none), gathered into SCRATCH
 * when there are several or when some were logged without an offset near
 * --now (they are placed in TZ, the contact's zone, NULL = $TZ, to decide
 * whether they happened by --now; what is kept of them -- slots, marks,
 * purchases -- keeps the time as logged, naive, like every naive event, so
 * that ids made from it never change as the event ages).  Marks
 * the facts matched.  NULL: no events for this contact. */
const fu_facts *fu_eventdb_join(fu_eventdb *db, const char *id, const char *email, const char *phone,
                                const char *tz, fu_join_scratch *scratch);
/* The same, also gathering the events keyed by the contact's ALIASES (its
 * `aliases` column: earlier e-mails, ids and phones of the same person,
 * separated by ';'; NULL or "": none; the first FU_MAX_ALIASES are read):
 * an e-mail alias joins as the contact's e-mail does (its key, its derived
 * id, an `email` column), an E.164 phone as its phone, anything else as an
 * id (fu(7), Identity). */
enum { FU_MAX_ALIASES = 16 };
const fu_facts *fu_eventdb_join_aliases(fu_eventdb *db, const char *id, const char *email, const char *phone,
                                        const char *aliases, const char *tz, fu_join_scratch *scratch);
void fu_join_scratch_free(fu_join_scratch *s);
/* Take back the purchases F's refunds name (refund.c; the join does, on its
 * scratch copy): a purchase refunded in full leaves the counts, the spend,
 * the kept purchases and purchase days, and the purchase slot (the latest
 * purchase not refunded takes it); in the recent list it stays, flagged, so
 * that fu-schedule's orders (and task ids) stay as they were.  A refund
 * whose purchase is in no log enters the recent list as such a purchase. */
void fu_facts_take_back(fu_eventdb *db, fu_facts *f, const char *tz);
/* Before that: a refund of F (the facts of the contact whose stored facts
 * are FROM, N of them) that names an order a purchase of the contact
 * carries takes that purchase back, whatever its when (a refund logged on
 * its own day). */
void fu_facts_refund_orders(fu_eventdb *db, fu_facts *f, fu_facts *const *from, size_t n);
/* An order logged under two keys of one contact (its id in one log, its
 * e-mail in another: FROM, the N facts joined into F) is one purchase when
 * fu_store_opts.once_across_logs is set: the copy under the later key is
 * taken out of F (its count, spend, recent list, purchases, days), the
 * earlier one kept, and counted in fu_eventdb.repeated (refund.c). */
void fu_facts_once_per_order(fu_eventdb *db, fu_facts *f, fu_facts *const *from, size_t n, const char *tz);
/* The purchases made within fu_store_opts.recent_purchases of --now (times
 * as stored, in log order), *N of them.  A contact with just one keeps it in
 * its purchase slot only (when purchase is a slot type): add the slot's
 * purchase when it is recent and not in the list. */
const fu_purchase *fu_eventdb_recent(const fu_eventdb *db, const fu_facts *f, uint32_t *n);
/* the date (days since 1970-01-01) of a time as stored: for a naive time
 * the date as logged, else the UTC date */
int32_t fu_event_day(int64_t t);
/* the fu_purchase_day entry (day and zoned; amount 0) of a purchase at T as
 * stored (NAIVE: wall-clock seconds) */
fu_purchase_day fu_purchase_day_of(int64_t t, int naive);
/* a time as stored (naive: a wall-clock time read as UTC) placed in TZ */
int64_t fu_event_time(int64_t t, int naive, const char *tz);
/* the facts an edge's referrer has (its key: the contact_id as logged) */
const char *fu_eventdb_key(const fu_eventdb *db, const fu_facts *f);
/* After the contacts are joined: name each opt-out (the latest consent
 * event of a key is an unsubscribe) that joined no contact, at its file and
 * line (capped), as the one event whose loss sends marketing to someone who
 * said no; print the "... and N more" lines of the events files' capped
 * warnings (these and the join's: a refund that takes back nothing).
 * Adds the rows named to db->warned (the run exits 1). */
void fu_eventdb_report(fu_eventdb *db);
/* contacts never matched, and the events they hold (but those claimed) */
void fu_eventdb_unmatched(const fu_eventdb *db, long *contacts, long *events);
void fu_eventdb_free(fu_eventdb *db);

#endif

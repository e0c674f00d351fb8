/* plan.h — a contact, its event facts and the cadence give its tasks. */
#ifndef FU_PLAN_H
#define FU_PLAN_H

#include "fu.h"
#include "lib/cadence.h"
#include "lib/evfacts.h"
#include "lib/sched.h"

/* done: marked done (listed only in a calendar, so a re-import updates it) */
enum fu_state { FU_OVERDUE, FU_DUE, FU_UPCOMING, FU_EXPIRED, FU_DONE };
extern const char *const fu_state_names[];

typedef struct {
	char task_id[17];
	const fu_cadence_row *row;
	const char *channel;  /* the row's, or "call" for an e-mail step of a contact
	                         without an e-mail address (fu_plan_contact) */
	int64_t due;
	int64_t planned;      /* the due the plan gave, before a daily cap moved it */
	int64_t expiry;       /* from here on expired; INT64_MAX: never */
	int64_t done_at;      /* done: when its mark says it was done */
	uint64_t done_under;  /* done: the id its mark named when not this one (the id of
	                         the release before, of another key): a calendar listed
	                         it under that UID; 0: none */
	int64_t anchor_t;     /* the anchor instant (UTC) */
	const char *anchor_type;
	uint32_t item;        /* interned: the anchor's item, every item of an order, or for a
	                         feedback or success anchor the purchase it is about */
	long occurrence;      /* 0-based, for repeating steps */
	uint64_t anchor_key;  /* the anchor event's identity: tasks of one anchor (an order's
	                         thank-you and check-in) are never handed out on one day */
	enum fu_state state;
	int rest;             /* an order's rest: what its task marked done did not name */
	int passed;           /* chained to a step left out for the contact: counted from
	                         when that one fell due */
} fu_task;

/* the task's state at NOW from its due time, window and expiry: the one
 * place a state is worked out */
enum fu_state fu_task_state(const fu_task *t, int64_t now);
/* the order in which a contact's or an owner's tasks take a day's room:
 * service before marketing, then a lead's first touch (speed to lead),
 * then the one that expires first, then the earlier due, then the id */
int fu_task_cmp(const fu_task *a, const fu_task *b);

/* --now's day in a zone: the instants [start, end) */
struct fu_today {
	char tz[64];
	int64_t start, end;
};

/* what fu_plan_contact found about the contact's day (--now's day in its zone) */
typedef struct {
	long done;           /* done marks of a person's tasks (not e-mails) on --now's
	                      * day in $TZ (--max-per-owner) */
	long emails;         /* e-mail steps marked done on --now's day in the contact's zone */
	uint64_t touched[8]; /* anchor_keys of tasks marked done that day */
	int ntouched;
} fu_contact_day;

typedef struct {
	fu_cadence *cad;
	fu_eventdb *db;
	fu_timing timing;
	int64_t now;
	int64_t limit;       /* tasks due at or before this are selected */
	int64_t handout;     /* of them, those due by this are handed out (and the
	                        tasks left out counted): --due plans past --now so
	                        that the daily caps see a day's later tasks */
	char **steps;        /* --step filter, NULL = all */
	size_t nsteps;
	fu_regex *complex_re;
	int64_t since;       /* > INT64_MIN: also tasks done or expired since then (FU_DONE) */
	/* set by the caller before each fu_plan_contact: this contact shares its
	 * e-mail with an earlier one of another id, so events keyed by the address
	 * belong to that one (never thanked twice); an unsubscribe of the address
	 * still counts for both */
	int shared_address;
	/* set by fu_plan_contact: the contact's unsubscribed cell holds an
	 * opt-out time in force by now that a later subscribe event undid (fu(7)
	 * Consent): its task rows say so, since fu-render sees no events */
	int optout_undone;
	fu_map phones;       /* the contacts' phones (E.164) so far: events keyed by a phone
	                        belong to the first contact with it (a shared landline) */
	fu_map alias_phones; /* and the phones among their aliases (unshared_aliases) */
	/* set by fu_plan_setup */
	const fu_header *hdr;
	long c_id, c_email, c_phone, c_aliases, c_tz, c_created, c_complex, c_unsubscribed;
	long c_do_not_call, c_segment, c_stage;
	long c_sms_unsubscribed; /* consent to text messages alone (fu(7)), or -1 */
	int purchase_slot;   /* the cadence type index of purchase */
	uint32_t *step_ids;
	unsigned char *step_on; /* by row: a step --step asks for */
	uint32_t *after_ids; /* done:STEP anchors: STEP interned, else 0 */
	size_t *order;       /* the rows in the order planned: a done:STEP row after
	                        STEP's rows (what is left out of them, p->skips, is known) */
	unsigned char *after_once; /* by row: STEP is one a contact has one task of */
	unsigned char *row_once;   /* by row: chained (done:STEP), and its own step is one a
	                              contact has one task of: any mark of it is that task's */
	long errors;         /* data errors reported (exit 1) */
	long no_email_left;  /* e-mail tasks left out: the contact has no e-mail address
	                        nor a phone, or the step is not one made by phone */
	long no_call_left;   /* calls and texts left out: the contact may not be phoned
	                        (do_not_call) and cannot be e-mailed instead */
	long no_phone_left;  /* calls and texts left out: the contact has no phone */
	long sms_out_left;   /* marketing text steps (sms, mms, whatsapp) left out for
	                        contacts who said no to texts alone (sms_unsubscribed) */
	long quiet_left;     /* tasks due by the limit left out: an earlier order's run
	                        of the step covers theirs (its quiet time) */
	long cooldown_left;  /* tasks due by the limit left out: the step (its anchor no
	                        order) was marked done within its quiet before --now */
	int name_quiet;      /* set by the caller: name each of them (and those) on stderr */
	fu_contact_day day;  /* set by fu_plan_contact */
	int64_t created_raw; /* the contact's created as written, its offset dropped (task ids) */
	fu_map notes;        /* the done marks naming a task, by its id (index_notes) */
	fu_mark *note_marks; /* by the map's index: the first mark naming the id */
	uint32_t *note_more; /* by the map's index: 1 + the index in more_marks of
	                      * its next mark naming the same id, 0: none */
	struct fu_more_mark {
		fu_mark m;
		uint32_t next;  /* as note_more */
	} *more_marks;       /* the second and later marks naming an id */
	size_t nmore, morecap;
	int notes_built;
	struct fu_run *runs; /* the contact's runs of order steps with a quiet time */
	size_t nruns, runcap;
	struct {
		uint32_t step;
		const fu_mark *m;
	} *stepmarks;        /* the contact's latest mark covering a task of each step */
	size_t nstepmarks, stepmarkcap;
	struct {
		uint32_t step;
		int64_t due;
	} *skips;            /* the contact's steps left out for want of an address (or
	                        do_not_call), each with its latest due time: a step
	                        chained to one (done:STEP) counts from then */
	size_t nskips, skipcap;
	char why[200];       /* why fu_plan_contact rejected a row */
	/* scratch */
	fu_join_scratch join;
	fu_task *tasks;
	fu_buf keybuf, items, aliasbuf, joinbuf;
	struct {
		size_t off, len;
	} *item_at;          /* the line items in items (add_line_items) */
	size_t nitem_at, item_atcap;
	size_t tcap;
	struct fu_buy *buys; /* the contact's purchases, placed and sorted */
	size_t nbuys, bcap;
	struct fu_anchor *anchors; /* a step's anchors for the contact */
	size_t acap;
	uint8_t *email_step; /* by interned step id: an e-mail step of the plan */
	size_t nemail_step;
	struct fu_today today[16];
	int ntoday;
	char tzcache[64][64];
	signed char tzvalid[64];
	int ntz;
} fu_planner;

/* Resolve the cadence's conditions against the contacts' header.  Unknown
 * names are reported with the cadence file's line and column; returns 0 or -1. */
int fu_plan_setup(fu_planner *p, const fu_header *hdr);
/* The tasks of one contact row (valid until the next call) in *tasks and
 * *n; problems with the row are reported as FILE:line and counted in
 * p->errors: a created that cannot be read leaves out only the steps timed
 * from it, an unsubscribed that cannot be read counts as unsubscribed.
 * *tz is set to the zone used for the contact (NULL = $TZ).  Returns 0
 * (-1 is kept for a row to reject, p->why saying why: none today). */
int fu_plan_contact(fu_planner *p, const fu_record *rec, const char *file, fu_task **tasks, size_t *n,
                    const char **tz);
/* "24h after purchase on 2026-03-02T10:00:00+02:00, 2 of 12; when complex" */
void fu_plan_reason(const fu_planner *p, const fu_task *t, const char *tz, fu_buf *out);
void fu_plan_free(fu_planner *p);

#endif

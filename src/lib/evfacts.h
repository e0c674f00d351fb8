/* evfacts.h — the events log folded into per-contact facts for fu-schedule:
 * counts by type, spend, latest feedback, open tickets, done marks
 * (followup events) and the latest event of each anchor type.  Memory grows
 * with contacts and done marks, not with the events read. */
#ifndef FU_EVFACTS_H
#define FU_EVFACTS_H

#include <stdint.h>
#include <stddef.h>

#include "fu.h"

enum fu_ev {
	FU_EV_PURCHASE, FU_EV_EMAIL_SENT, FU_EV_EMAIL_OPEN, FU_EV_EMAIL_CLICK, FU_EV_REPLY,
	FU_EV_CALL, FU_EV_MEETING, FU_EV_TICKET_OPENED, FU_EV_TICKET_CLOSED, FU_EV_FEEDBACK,
	FU_EV_REFERRAL, FU_EV_OWNER_CHANGE, FU_EV_REWARD, FU_EV_UNSUBSCRIBE, FU_EV_FOLLOWUP,
	FU_EV_SUCCESS, FU_EV_OTHER, FU_EV_N
};

/* the latest event of one anchor type */
typedef struct {
	int64_t t;     /* UTC seconds; wall-clock seconds read as UTC when naive */
	float value;
	uint32_t item; /* interned string */
	uint8_t naive; /* the log gave no offset: local time of the contact's zone */
	uint8_t set;
} fu_slot;

/* a done mark: a followup event */
typedef struct {
	uint64_t note; /* the task_id it names (its 64 bits), or 0 */
	int64_t when;
	uint32_t step; /* interned item (the step name) */
	uint8_t naive;
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
	uint64_t note, ticket;
	uint32_t item, type;  /* interned item and type name */
	uint8_t ev, has_num;
} fu_pending;

typedef struct {
	uint32_t key;  /* offset of the contact_id in the key arena */
	uint32_t count[FU_EV_N];
	uint32_t nmarks, ntickets;
	uint8_t matched, has_nps;
	float nps;
	int64_t nps_t, last_purchase, last_event;
	double spent;
	fu_mark *marks;
	fu_ticket *tickets;
	fu_pending *pend;
	uint32_t npend;
	fu_slot *slots; /* nslots, in fu_eventdb.slots for stored facts */
} fu_facts;

typedef struct fu_eventdb_aliases fu_eventdb_aliases;

typedef struct {
	fu_facts *f;
	size_t n, cap;
	uint64_t *table; /* open addressing: hash << 32 | index+1, 0 empty */
	size_t tcap;
	char *keys;
	size_t klen, kcap;
	fu_slot *slots; /* n * nslots */
	size_t nslots;
	char *const *slot_types;
	int *slot_ev;    /* the enum fu_ev of each slot type */
	/* interned strings: items and step names; id 0 is "" */
	char **strs;
	size_t nstrs, scap;
	uint32_t *stable;
	size_t stcap;
	/* e-mails given beside contact_id (an `email` column): e-mail -> facts */
	fu_eventdb_aliases *aliases;
	fu_rejects *rejects; /* bad rows go here too, when set */
	int64_t now;
	long events, bad, future;
} fu_eventdb;

/* slot_types: the anchor event types of the plan */
void fu_eventdb_init(fu_eventdb *db, char *const *slot_types, size_t nslots, int64_t now);
/* Read an events CSV.  Bad rows are reported and counted in db->bad;
 * events after db->now are left out (db->future).  Returns 0, or -1 if the
 * file cannot be read or lacks columns (reported). */
int fu_eventdb_load(fu_eventdb *db, const char *path);
/* facts for a contact_id, or NULL; email lookups are case-insensitive */
fu_facts *fu_eventdb_find(fu_eventdb *db, const char *key);
/* Facts whose events named this e-mail in an `email` column (up to max);
 * returns how many. */
size_t fu_eventdb_find_email(fu_eventdb *db, const char *email, fu_facts **out, size_t max);
fu_slot *fu_eventdb_slots(fu_eventdb *db, const fu_facts *f);
uint32_t fu_intern(fu_eventdb *db, const char *s, size_t n);
uint32_t fu_intern_find(const fu_eventdb *db, const char *s);
const char *fu_interned(const fu_eventdb *db, uint32_t id);
/* Merge SRC into DST (both with db->nslots slots; DST's arrays are owned by
 * the caller's scratch copy). */
void fu_facts_merge(fu_eventdb *db, fu_facts *dst, const fu_facts *src);
int fu_facts_open_tickets(const fu_facts *f);
/* Apply an event (the pending ones, once placed in the contact's zone). */
void fu_facts_apply(fu_eventdb *db, fu_facts *f, const fu_pending *e, int64_t t, int naive);
/* contacts never matched, and the events they hold */
void fu_eventdb_unmatched(const fu_eventdb *db, long *contacts, long *events);
void fu_eventdb_free(fu_eventdb *db);

#endif

/* plan.h — a contact, its event facts and the cadence give its tasks. */
#ifndef FU_PLAN_H
#define FU_PLAN_H

#include "fu.h"
#include "lib/cadence.h"
#include "lib/evfacts.h"
#include "lib/sched.h"

enum fu_state { FU_OVERDUE, FU_DUE, FU_UPCOMING, FU_EXPIRED };
extern const char *const fu_state_names[];

typedef struct {
	char task_id[17];
	const fu_cadence_row *row;
	int64_t due;
	int64_t anchor_t;     /* the anchor instant (UTC) */
	const char *anchor_type;
	uint32_t item;        /* interned anchor item */
	long occurrence;      /* 0-based, for repeating steps */
	enum fu_state state;
} fu_task;

typedef struct {
	fu_cadence *cad;
	fu_eventdb *db;
	fu_timing timing;
	int64_t now;
	int64_t limit;       /* tasks due at or before this are selected */
	char **steps;        /* --step filter, NULL = all */
	size_t nsteps;
	fu_regex *complex_re;
	/* set by fu_plan_setup */
	const fu_header *hdr;
	long c_id, c_email, c_tz, c_created, c_complex;
	uint32_t *step_ids;
	uint32_t *after_ids; /* done:STEP anchors: STEP interned, else 0 */
	long errors;         /* data errors reported (exit 1) */
	long done_today;     /* set by fu_plan_contact: the contact's followup events
	                        (done marks) on --now's day in $TZ */
	/* scratch */
	fu_join_scratch join;
	fu_task *tasks;
	fu_buf keybuf;
	size_t tcap;
	char tzcache[64][64];
	signed char tzvalid[64];
	int ntz;
} fu_planner;

/* Resolve the cadence's conditions against the contacts' header.  Unknown
 * names are reported with the cadence file's line and column; returns 0 or -1. */
int fu_plan_setup(fu_planner *p, const fu_header *hdr);
/* The tasks of one contact row (valid until the next call); problems with
 * the row are reported as FILE:line and counted in p->errors.
 * *tz is set to the zone used for the contact (NULL = $TZ). */
size_t fu_plan_contact(fu_planner *p, const fu_record *rec, const char *file, fu_task **tasks,
                       const char **tz);
/* "24h after purchase on 2026-03-02T10:00:00+02:00, 2 of 12; when complex" */
void fu_plan_reason(const fu_planner *p, const fu_task *t, const char *tz, fu_buf *out);
void fu_plan_free(fu_planner *p);

#endif

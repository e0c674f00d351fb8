/* icsprev.h — the events of an earlier fu-schedule calendar (--previous):
 * a task that has left the plan since (re-anchored on a newer purchase,
 * stopped, covered, its contact gone) is written once more, CANCELLED
 * under its UID, so that a client importing the calendar drops it. */
#ifndef FU_ICSPREV_H
#define FU_ICSPREV_H

#include <stdint.h>

#include "fu.h"
#include "lib/map.h"

typedef struct {
	char task_id[17];
	int64_t start;   /* DTSTART */
	long sequence;
	int done;        /* X-FU-STATE:done */
	int left;        /* X-FU-STATE:left: written by this, a task that had left the plan */
	int cancelled;   /* STATUS:CANCELLED (expired, or left) */
	char *summary;   /* unescaped */
} fu_prev_event;

typedef struct {
	fu_prev_event *ev;
	size_t n, cap;
	long skipped;    /* VEVENTs that are not fu-schedule's (no task UID or DTSTART) */
	fu_map index;    /* task_id -> best[its index]: its event (fu_prev_ics_find) */
	size_t *best;
} fu_prev_ics;

/* The event of task TASK_ID in PC (the one with the highest SEQUENCE if
 * it is there twice), or NULL. */
const fu_prev_event *fu_prev_ics_find(const fu_prev_ics *pc, const char *task_id);

/* Read PATH's VEVENTs whose UID is a task's (TASKID@fu-schedule).  Returns
 * 0, or -1 with *why (errno's text) when the file cannot be read. */
int fu_prev_ics_read(fu_prev_ics *pc, const char *path, const char **why);
void fu_prev_ics_free(fu_prev_ics *pc);

#endif

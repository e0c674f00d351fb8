/* cadence.h — the follow-up plan of fu-schedule: one row per step, read from
 * a CSV (--cadence) or the embedded default plan (--print-cadence). */
#ifndef FU_CADENCE_H
#define FU_CADENCE_H

#include <stdio.h>

#include "lib/cond.h"
#include "lib/sched.h"

enum { FU_ANCHOR_CREATED = -1, FU_ANCHOR_DONE = -2, FU_ANCHOR_ORDER = -3, FU_MAX_ANCHORS = 8 };

typedef struct {
	char *step;
	char *anchor;                 /* as written, "purchase", "feedback|success", "done:STEP" */
	int anchors[FU_MAX_ANCHORS];  /* indexes into fu_cadence.types, FU_ANCHOR_CREATED,
	                                 FU_ANCHOR_DONE (alone: when step `after` was marked done)
	                                 or FU_ANCHOR_ORDER (alone: each order, see fu_orders) */
	char *after;                  /* FU_ANCHOR_DONE: the step whose done mark is the anchor */
	int nanchors;
	fu_dur offset;
	fu_dur window;                /* due .. due+window is "due", later "overdue" */
	fu_dur expires;               /* from due+expires on "expired": no longer handed out */
	int has_expires;              /* 0: never expires */
	fu_dur every;                 /* repeat interval, when repeats */
	long times;                   /* occurrences: 1 = once, 0 = without end */
	char *channel, *template;
	int service;                  /* kind: service (sent with consent withdrawn) or marketing */
	fu_dur quiet;                 /* an order anchor: a later order that starts within this
	                                 long of one whose run is done or live gets no run */
	int has_quiet;
	char *eligible_text, *stop_text;
	fu_cond *eligible, *stop;
	long line;                    /* record line in the cadence file */
	long elig_line, elig_col, stop_line, stop_col; /* where each condition starts */
} fu_cadence_row;

typedef struct {
	fu_cadence_row *rows;
	size_t n;
	char **types; /* event types used as anchors, in first-use order (purchase is
	                 always one: orders and the item of a feedback anchor use it) */
	size_t ntypes;
	int64_t order_reach; /* how long an order's steps live: the longest offset +
	                        expires (or window) of the order steps; 0 = none,
	                        INT64_MAX = a step that never expires */
	int64_t purchase_reach; /* how far back purchases are kept for the orders:
	                           order_reach, the order before a live one and
	                           those within its quiet time */
	char *file;   /* name for messages */
} fu_cadence;

/* The embedded default plan as CSV text. */
extern const char fu_default_cadence[];

/* Load from PATH (or the embedded plan when PATH is NULL).  Every problem is
 * reported as file:line:col; returns 0 or -1. */
int fu_cadence_load(fu_cadence *c, const char *path);
void fu_cadence_free(fu_cadence *c);

#endif

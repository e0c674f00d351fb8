/* handout.h — which planned tasks go out and on which day: the daily caps of
 * fu-schedule (--max-per-contact, --max-per-owner).
 *
 * Room on a day is given in fu_task_cmp order (service first, then a lead's
 * first touch, then the task that expires first).  A task that finds no room
 * on its own day (today, for one overdue) rolls to the next day with room,
 * business days only with -b, keeping its time of day (moved into the send
 * window); it never rolls to or past its expiry: a task with no room before
 * it expires is left expired, so a cap is never exceeded. */
#ifndef FU_HANDOUT_H
#define FU_HANDOUT_H

#include "lib/plan.h"

/* At most MAX e-mails for one contact a day (days in TZ, its zone), DAY.emails
 * of them already sent today, and never two tasks of one anchor (an order's
 * thank-you and check-in) on one day, nor one on the day a task of its
 * anchor was done.  Calls and other channels are not counted. */
void fu_cap_contact(const fu_timing *tm, int64_t now, fu_task *t, size_t n, const char *tz, long max,
                    const fu_contact_day *day);

/* a task waiting for --max-per-owner */
typedef struct {
	size_t contact;   /* the caller's index of the contact row */
	fu_task task;
	const char *tz;
	const char *owner;
	int64_t order;    /* position in output order */
	int capped;       /* left expired by fu_cap_owner: no room before its expiry */
} fu_held;

/* tasks an owner already marked done today, one entry a contact */
typedef struct {
	const char *owner;
	long n;
} fu_owner_done;

/* At most MAX tasks an owner a day (days in $TZ), counting those already
 * done today (DONE, sorted here); H comes back in its output order.  The
 * cap is a person's workload: only tasks on a channel other than e-mail (a
 * call: what a person does; an e-mail is sent by the machine for the shop,
 * fu-render, whoever owns the contact) take room, and tasks of contacts
 * without an owner (an empty owner) are not capped.  Returns how many tasks
 * it left expired (each flagged capped). */
size_t fu_cap_owner(const fu_timing *tm, int64_t now, fu_held *h, size_t n, long max, fu_owner_done *done,
                    size_t ndone);

#endif

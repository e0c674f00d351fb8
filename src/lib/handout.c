/* The daily caps: room on each day, given in priority order (handout.h). */
#include "fu.h"
#include "lib/handout.h"

#include <stdlib.h>
#include <string.h>

/* what has been given a day: a count per day, and the anchors placed on it */
struct days {
	struct used {
		int64_t day;
		long n;
	} *used;
	size_t nused, ucap;
	struct placed {
		int64_t day;
		uint64_t anchor;
	} *placed;
	size_t nplaced, pcap;
};

static long *day_count(struct days *d, int64_t day)
{
	for (size_t i = 0; i < d->nused; i++)
		if (d->used[i].day == day)
			return &d->used[i].n;
	if (d->nused == d->ucap) {
		d->ucap = d->ucap ? d->ucap * 2 : 16;
		d->used = fu_xrealloc(d->used, d->ucap * sizeof *d->used);
	}
	d->used[d->nused] = (struct used){day, 0};
	return &d->used[d->nused++].n;
}

static int anchor_on(const struct days *d, int64_t day, uint64_t anchor)
{
	for (size_t i = 0; i < d->nplaced; i++)
		if (d->placed[i].day == day && d->placed[i].anchor == anchor)
			return 1;
	return 0;
}

static void place_anchor(struct days *d, int64_t day, uint64_t anchor)
{
	if (d->nplaced == d->pcap) {
		d->pcap = d->pcap ? d->pcap * 2 : 16;
		d->placed = fu_xrealloc(d->placed, d->pcap * sizeof *d->placed);
	}
	d->placed[d->nplaced++] = (struct placed){day, anchor};
}

static void days_reset(struct days *d)
{
	d->nused = d->nplaced = 0;
}

static void days_free(struct days *d)
{
	free(d->used);
	free(d->placed);
}

/* Put T on the first day with room (at most MAX, and with ANCHORS no other
 * task of its anchor), days counted in zone DZ; a rolled task keeps its time
 * of day in TZ, its contact's zone.  Returns 0, or -1 when no day before its
 * expiry has room (T is then left expired). */
static int place(const fu_timing *tm, int64_t now, fu_task *t, const char *dz, const char *tz, long max,
                 struct days *d, int anchors)
{
	int64_t today = fu_local_day(now, dz), own = fu_local_day(t->due, dz);
	int64_t first = own > today ? own : today;
	for (int64_t day = first; day < first + 400; day++) {
		if (tm->business_days && day != own && !fu_is_business_day(tm, day, tz))
			continue;
		int64_t due = t->due;
		if (day > first) { /* rolled on: the same time of day, then into the window */
			fu_dur by = {(long)(day - own), FU_DAY};
			due = fu_sched_adjust(tm, fu_sched_add(tm, t->due, &by, 1, tz), tz);
			if (due >= t->expiry)
				break;
		}
		int64_t on = day > first ? fu_local_day(due, dz) : first;
		if (on < day) /* the window moved it back: keep looking */
			continue;
		long *n = day_count(d, on);
		if (*n >= max || (anchors && anchor_on(d, on, t->anchor_key)))
			continue;
		(*n)++;
		if (anchors)
			place_anchor(d, on, t->anchor_key);
		if (day > first) {
			t->due = due;
			t->state = fu_task_state(t, now);
		}
		return 0;
	}
	t->state = FU_EXPIRED;
	return -1;
}

static int cmp_ptask(const void *a, const void *b)
{
	return fu_task_cmp(*(fu_task *const *)a, *(fu_task *const *)b);
}

void fu_cap_contact(const fu_timing *tm, int64_t now, fu_task *t, size_t n, const char *tz, long max,
                    const fu_contact_day *day)
{
	fu_task *small[64], **order = n <= 64 ? small : fu_xmalloc(n * sizeof *order);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (t[i].state <= FU_UPCOMING && strcmp(t[i].channel, "email") == 0)
			order[m++] = &t[i];
	/* one e-mail with room today and no anchor done today: nothing to move */
	if (m == 1 && day->emails < max && day->ntouched == 0 && order[0]->due <= now)
		m = 0;
	if (m) {
		qsort(order, m, sizeof *order, cmp_ptask);
		struct days d = {0};
		int64_t today = fu_local_day(now, tz);
		*day_count(&d, today) = day->emails;
		for (int k = 0; k < day->ntouched; k++)
			place_anchor(&d, today, day->touched[k]);
		for (size_t i = 0; i < m; i++)
			place(tm, now, order[i], tz, tz, max, &d, 1);
		days_free(&d);
	}
	if (order != small)
		free(order);
}

static int cmp_held(const void *a, const void *b)
{
	const fu_held *x = a, *y = b;
	int c = strcmp(x->owner, y->owner);
	return c ? c : fu_task_cmp(&x->task, &y->task);
}

static int cmp_order(const void *a, const void *b)
{
	const fu_held *x = a, *y = b;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int cmp_done(const void *a, const void *b)
{
	return strcmp(((const fu_owner_done *)a)->owner, ((const fu_owner_done *)b)->owner);
}

size_t fu_cap_owner(const fu_timing *tm, int64_t now, fu_held *h, size_t n, long max, fu_owner_done *done_by,
                    size_t ndone)
{
	if (n == 0) /* h may be NULL, and qsort wants a pointer: nothing to place */
		return 0;
	size_t capped = 0;
	qsort(h, n, sizeof *h, cmp_held);
	if (ndone) /* done_by is NULL with none */
		qsort(done_by, ndone, sizeof *done_by, cmp_done);
	struct days d = {0};
	int64_t today = fu_local_day(now, NULL);
	for (size_t i = 0, k = 0; i < n;) {
		size_t j = i;
		for (; j < n && strcmp(h[j].owner, h[i].owner) == 0; j++)
			;
		long done = 0; /* both sorted by owner: walk them together */
		while (k < ndone && strcmp(done_by[k].owner, h[i].owner) < 0)
			k++;
		for (; k < ndone && strcmp(done_by[k].owner, h[i].owner) == 0; k++)
			done += done_by[k].n;
		if (!*h[i].owner) { /* nobody's workload: a shop's contacts without an owner are not capped */
			i = j;
			continue;
		}
		days_reset(&d);
		*day_count(&d, today) = done;
		for (size_t k = i; k < j; k++) /* expired, done, an e-mail: takes no room */
			if (h[k].task.state <= FU_UPCOMING && strcmp(h[k].task.channel, "email") != 0 &&
			    place(tm, now, &h[k].task, NULL, h[k].tz, max, &d, 0) != 0) {
				h[k].capped = 1;
				capped++;
			}
		i = j;
	}
	days_free(&d);
	qsort(h, n, sizeof *h, cmp_order);
	return capped;
}

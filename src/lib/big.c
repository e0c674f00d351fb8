/* Large arrays on mappings of their own, in huge pages (see big.h). */
#include "fu.h"
#include "lib/big.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define BIG_MIN ((size_t)4 << 20) /* from here on, an array has a mapping of its own */

static size_t whole_pages(size_t n)
{
	return (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

/* a fresh zeroed mapping of N bytes (whole huge pages), aligned to a huge
 * page so that every page of it can be one; NULL when none is to be had */
static char *map_aligned(size_t n)
{
	size_t span = n + HUGE_PAGE;
	char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	char *a = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (p + span > a + n)
		munmap(a + n, (size_t)(p + span - (a + n)));
#ifdef MADV_HUGEPAGE
	madvise(a, n, MADV_HUGEPAGE); /* only advice: without it, small pages */
#endif
	return a;
}

/* ---- faulting in ahead ------------------------------------------------------
 * The first write to a page of fresh memory faults, and the kernel zeroes
 * the page then: on a virtual machine whose memory the host hands out as it
 * is touched, that is the most of what filling a few hundred megabytes
 * costs.  An array that is filled from its start on (the merge's records, a
 * map's keys) can have the room it grew by faulted in by a thread of its
 * own (MADV_POPULATE_WRITE, Linux 5.14: the pages made as a write would
 * make them, their contents untouched) while the filling thread works.
 * Each such thread is joined before its span is moved (mremap) or unmapped
 * (settle), so that no advice lands on a mapping that took its place. */
enum { AHEAD_MAX = 4 };
static struct ahead {
	pthread_t t;
	char *p;
	size_t n;
	int running;
} ahead[AHEAD_MAX];
static pthread_mutex_t ahead_mu = PTHREAD_MUTEX_INITIALIZER;

static void *populate(void *arg)
{
	const struct ahead *a = arg;
#ifdef MADV_POPULATE_WRITE
	/* only a hint: when the kernel does not know the advice, it fails, and
	 * the pages fault as before */
	madvise(a->p, a->n, MADV_POPULATE_WRITE);
#else
	(void)a;
#endif
	return NULL;
}

/* the threads faulting in any of [P, P+N) joined */
static void settle(const char *p, size_t n)
{
	pthread_mutex_lock(&ahead_mu);
	for (int k = 0; k < AHEAD_MAX; k++) {
		struct ahead *a = &ahead[k];
		if (a->running && a->p < p + n && p < a->p + a->n) {
			pthread_join(a->t, NULL);
			a->running = 0;
		}
	}
	pthread_mutex_unlock(&ahead_mu);
}

static void populate_behind(char *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	pthread_mutex_lock(&ahead_mu);
	int k = 0;
	while (k < AHEAD_MAX && ahead[k].running)
		k++;
	if (k < AHEAD_MAX) { /* (else the pages fault as before) */
		ahead[k].p = p;
		ahead[k].n = n;
		/* a small stack: the thread only makes one system call */
		pthread_attr_t attr;
		if (pthread_attr_init(&attr) == 0) {
			pthread_attr_setstacksize(&attr, 64 << 10);
			ahead[k].running = pthread_create(&ahead[k].t, &attr, populate, &ahead[k]) == 0;
			pthread_attr_destroy(&attr);
		}
	}
	pthread_mutex_unlock(&ahead_mu);
#else
	(void)p, (void)n;
#endif
}

void *fu_big_realloc_ahead(void *p, size_t old, size_t n)
{
	char *q = fu_big_realloc(p, old, n);
	if (n >= BIG_MIN && n > old) {
		size_t from = old >= BIG_MIN ? whole_pages(old) : 0, to = whole_pages(n);
		if (old < BIG_MIN && old)
			from = old & ~(HUGE_PAGE - 1); /* the copy made these pages */
		if (to > from)
			populate_behind(q + from, to - from);
	}
	return q;
}

void *fu_big_realloc(void *p, size_t old, size_t n)
{
	if (n <= old)
		return p;
	if (n < BIG_MIN) {
		char *q = fu_xrealloc(p, n);
		memset(q + old, 0, n - old);
		return q;
	}
	size_t want = whole_pages(n);
	if (old >= BIG_MIN && whole_pages(old) == want)
		return p; /* the room was there (and is zero) */
	char *q = map_aligned(want);
	if (!q)
		fu_die(FU_EXIT_USAGE, "out of memory (%zu MiB more)", want >> 20);
	if (old < BIG_MIN) { /* from the heap: copied once */
		if (old)
			memcpy(q, p, old);
		free(p);
		return q;
	}
	/* the pages move to the new place (MREMAP_FIXED replaces the fresh
	 * mapping there), aligned alike, so huge pages stay whole */
	settle(p, whole_pages(old));
	void *moved = mremap(p, whole_pages(old), want, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	if (moved == MAP_FAILED) {
		memcpy(q, p, old);
		munmap(p, whole_pages(old));
		return q;
	}
#ifdef MADV_HUGEPAGE
	madvise(moved, want, MADV_HUGEPAGE);
#endif
	return moved;
}

void fu_big_free(void *p, size_t n)
{
	if (!p)
		return;
	if (n < BIG_MIN) {
		free(p);
	} else {
		settle(p, whole_pages(n));
		munmap(p, whole_pages(n));
	}
}

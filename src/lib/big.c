/* Large arrays on mappings of their own, in huge pages (see big.h). */
#include "fu.h"
#include "lib/big.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
	if (n < BIG_MIN)
		free(p);
	else
		munmap(p, whole_pages(n));
}

/* ---- faulting pages in ahead, on another core -------------------------------
 * The kernel zeroes a fresh page where it is first written: for an array
 * filled from its start (the merge store, a map's arena) that is the thread
 * filling it, the one every row waits for; in a virtual machine the first
 * touch costs the host's fault as well (a sixth of a merging run's main
 * thread).  A thread of our own asks the kernel to fault in the range just
 * ahead of the writer, a window at a time, so that resident memory runs
 * only a window ahead.  MADV_POPULATE_WRITE allocates and zeroes but writes
 * nothing, so racing the writer is safe; a range unmapped since (the array
 * moved) only fails.  Without the thread, or an older kernel, the writer
 * faults its pages in itself, as before. */
enum { FILL_WINDOW = 8 << 20, FILL_QUEUE = 16 };

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int state; /* 0 not started, 1 running, -1 none to be had */
	char *at[FILL_QUEUE];
	size_t len[FILL_QUEUE];
	unsigned head, tail;
} filler = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, {0}, {0}, 0, 0};

static void *fill_pages(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&filler.lock);
	for (;;) {
		while (filler.head == filler.tail)
			pthread_cond_wait(&filler.wake, &filler.lock);
		unsigned k = filler.tail++ % FILL_QUEUE;
		char *p = filler.at[k];
		size_t n = filler.len[k];
		pthread_mutex_unlock(&filler.lock);
#ifdef MADV_POPULATE_WRITE
		(void)madvise(p, n, MADV_POPULATE_WRITE);
#else
		(void)p, (void)n;
#endif
		pthread_mutex_lock(&filler.lock);
	}
	return NULL;
}

static void fill_later(char *p, size_t n)
{
	pthread_mutex_lock(&filler.lock);
	if (filler.state == 0) {
		pthread_t t;
		pthread_attr_t a;
		filler.state = -1;
		if (pthread_attr_init(&a) == 0) {
			pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
			pthread_attr_setstacksize(&a, 64 << 10);
			if (pthread_create(&t, &a, fill_pages, NULL) == 0)
				filler.state = 1;
			pthread_attr_destroy(&a);
		}
	}
	/* a full queue drops the request: the writer faults those pages itself */
	if (filler.state == 1 && filler.head - filler.tail < FILL_QUEUE) {
		unsigned k = filler.head++ % FILL_QUEUE;
		filler.at[k] = p;
		filler.len[k] = n;
		pthread_cond_signal(&filler.wake);
	}
	pthread_mutex_unlock(&filler.lock);
}

void fu_big_fill_ahead(void *p, size_t used, size_t cap, size_t *asked)
{
	if (cap < BIG_MIN || used + FILL_WINDOW / 2 < *asked)
		return;
	size_t from = *asked > used ? *asked : used, to = from + FILL_WINDOW;
	if (to > cap)
		to = cap;
	/* madvise wants a page-aligned start (else EINVAL and nothing done);
	 * the page holding FROM may be in use already, which is harmless */
	long pagesize = sysconf(_SC_PAGESIZE); /* (only once per window) */
	size_t page = pagesize > 0 ? (size_t)pagesize : 4096;
	size_t start = from & ~(page - 1);
	if (from < to)
		fill_later((char *)p + start, to - start);
	*asked = to;
}

/* Large arrays on mappings of their own, in huge pages (see big.h). */
#include "fu.h"
#include "lib/big.h"

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

/* fu_huge_pages (fu.h): large tables read at random, such as a hash map's
 * over a million keys, miss the TLB on nearly every lookup with 4 KiB pages;
 * the kernel backs them with 2 MiB pages when asked (transparent huge pages
 * in "madvise" mode, Debian's default).  Only a hint: where it is not to be
 * had nothing changes. */
#include "fu.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

void fu_huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	if (!p || n < huge)
		return;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t end = ((uintptr_t)p + n) & ~(page - 1);
	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

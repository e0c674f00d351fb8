/* big.h — large arrays that grow: hash tables and per-key records of
 * millions of entries, read and written at random.
 *
 * An array of 4 MiB or more gets a mapping of its own, aligned to 2 MiB and
 * advised for transparent huge pages, and grows by moving its pages
 * (mremap), never by copying them.  With 4 KiB pages a random access into a
 * few hundred megabytes misses the TLB nearly every time, and prefetching
 * cannot hide the page walk.  Smaller arrays live on the malloc heap as
 * usual.  The caller keeps each array's size in bytes: the functions need
 * it to tell the two kinds apart. */
#ifndef FU_BIG_H
#define FU_BIG_H

#include <stddef.h>

/* P (OLD bytes; NULL with 0) grown to N bytes: its contents kept, the
 * new bytes zero (fu_big_realloc(NULL, 0, n) is a calloc).  N below OLD
 * keeps P as it is.  Exits when out of memory. */
void *fu_big_realloc(void *p, size_t old, size_t n);
/* P, of N bytes as last grown to */
void fu_big_free(void *p, size_t n);
/* P (CAP bytes as last grown to), written from its start, USED bytes so
 * far: the pages some way past USED faulted in by another thread, ahead of
 * the writer.  *ASKED (0 at first) keeps how far that was asked. */
void fu_big_fill_ahead(void *p, size_t used, size_t cap, size_t *asked);

#endif

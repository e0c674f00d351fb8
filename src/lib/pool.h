/* pool.h — many small arrays that grow by doubling, freed all at once: a
 * store's per-contact lists (done marks, recent purchases, tickets) for a
 * million contacts.  As separate malloc'd arrays each doubling was a
 * realloc and each array a free at the end, a walk over every contact.
 * Arrays are carved from blocks of 4 MiB (in huge pages: big.h) in
 * power-of-two sizes; an array's old room, once it has grown, serves the
 * next array of that size. */
#ifndef FU_POOL_H
#define FU_POOL_H

#include <stddef.h>

typedef struct {
	char **blocks;
	size_t *block_size;
	size_t nblocks, bcap;
	char *next;          /* the free room of the newest block */
	size_t left;
	void *spare[64];     /* rooms given back, by size class (2^k bytes) */
} fu_pool;

/* P, an array of OLD bytes from POOL (NULL with 0), with room for N bytes
 * (N > OLD): the contents kept, the new bytes undefined.  Exits when out
 * of memory, as fu_xrealloc does.  Zero-initialise the pool. */
void *fu_pool_grow(fu_pool *pool, void *p, size_t old, size_t n);
/* P (OLD bytes, from fu_pool_grow) given back, for another array */
void fu_pool_give_back(fu_pool *pool, void *p, size_t old);
/* every array of the pool */
void fu_pool_free(fu_pool *pool);

#endif

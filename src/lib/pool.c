/* Small arrays carved from big blocks (see pool.h). */
#include "fu.h"
#include "lib/big.h"
#include "lib/pool.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK ((size_t)4 << 20)
#define MIN_CLASS 4 /* 16 bytes: room for the spare list's link, aligned for any element */

/* the size class of N bytes: the smallest k with 2^k >= N */
static unsigned size_class(size_t n)
{
	unsigned k = MIN_CLASS;
	while (((size_t)1 << k) < n)
		k++;
	return k;
}

static void add_block(fu_pool *pool, char *b, size_t size)
{
	if (pool->nblocks == pool->bcap) {
		pool->bcap = pool->bcap ? pool->bcap * 2 : 16;
		pool->blocks = fu_xrealloc(pool->blocks, pool->bcap * sizeof *pool->blocks);
		pool->block_size = fu_xrealloc(pool->block_size, pool->bcap * sizeof *pool->block_size);
	}
	pool->blocks[pool->nblocks] = b;
	pool->block_size[pool->nblocks++] = size;
}

/* room of size class K: a spare one, else from the newest block (an array
 * bigger than a quarter block gets a block of its own) */
static void *take(fu_pool *pool, unsigned k)
{
	void *r = pool->spare[k];
	if (r) {
		memcpy(&pool->spare[k], r, sizeof(void *));
		return r;
	}
	size_t size = (size_t)1 << k;
	if (size > BLOCK / 4) {
		char *b = fu_big_realloc(NULL, 0, size);
		add_block(pool, b, size);
		return b;
	}
	if (pool->left < size) { /* the rest of the block is left unused (under a quarter of it) */
		pool->next = fu_big_realloc(NULL, 0, BLOCK);
		pool->left = BLOCK;
		add_block(pool, pool->next, BLOCK);
	}
	r = pool->next;
	pool->next += size;
	pool->left -= size;
	return r;
}

void fu_pool_give_back(fu_pool *pool, void *p, size_t old)
{
	if (!p)
		return;
	unsigned k = size_class(old);
	memcpy(p, &pool->spare[k], sizeof(void *));
	pool->spare[k] = p;
}

void *fu_pool_grow(fu_pool *pool, void *p, size_t old, size_t n)
{
	if (p && size_class(old) == size_class(n))
		return p; /* its room holds N bytes already */
	if (n > ((size_t)1 << 62))
		fu_die(FU_EXIT_USAGE, "out of memory");
	void *q = take(pool, size_class(n));
	if (p) {
		memcpy(q, p, old);
		fu_pool_give_back(pool, p, old);
	}
	return q;
}

void fu_pool_free(fu_pool *pool)
{
	for (size_t i = 0; i < pool->nblocks; i++)
		fu_big_free(pool->blocks[i], pool->block_size[i]);
	free(pool->blocks);
	free(pool->block_size);
	memset(pool, 0, sizeof *pool);
}

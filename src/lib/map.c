/* The one string-keyed hash map (see map.h): open addressing, linear probes. */
#include "fu.h"
#include "lib/big.h"
#include "lib/map.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s, size_t n)
{
	return fu_hash_table(s, n, 0x6d6170);
}

void fu_map_init(fu_map *m)
{
	memset(m, 0, sizeof *m);
}

/* A key's slot comes from the 32 bits of its hash the table keeps, so the
 * table grows without reading (or hashing) a key again: the keys are spread
 * over the arena, and re-reading them missed the cache once a key. */
static size_t home(uint64_t fp, size_t cap)
{
	return (size_t)(((fp >> 32) * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

static void grow(fu_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 1024;
	/* a big table in huge pages (big.h): a probe into a map of millions of
	 * keys misses the cache, and with small pages the TLB as well */
	uint64_t *t = fu_big_realloc(NULL, 0, ncap * sizeof *t);
	for (size_t k = 0; k < m->cap; k++) {
		uint64_t e = m->table[k];
		if (!e)
			continue;
		size_t h = home(e, ncap);
		while (t[h])
			h = (h + 1) & (ncap - 1);
		t[h] = e;
	}
	fu_big_free(m->table, m->cap * sizeof *m->table);
	m->table = t;
	m->cap = ncap;
}

static int same(const fu_map *m, uint64_t e, const char *key, size_t n)
{
	size_t i = (uint32_t)e - 1;
	return m->len[i] == n && memcmp(m->arena + m->off[i], key, n) == 0;
}

long fu_map_get(const fu_map *m, const char *key, size_t n)
{
	if (!m->cap)
		return -1;
	uint64_t fp = hash(key, n) >> 32 << 32;
	for (size_t h = home(fp, m->cap); m->table[h]; h = (h + 1) & (m->cap - 1))
		if ((m->table[h] & 0xffffffff00000000ULL) == fp && same(m, m->table[h], key, n))
			return (long)((uint32_t)m->table[h] - 1);
	return -1;
}

size_t fu_map_put(fu_map *m, const char *key, size_t n, int *added)
{
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	uint64_t fp = hash(key, n) >> 32 << 32;
	size_t h = home(fp, m->cap);
	for (; m->table[h]; h = (h + 1) & (m->cap - 1))
		if ((m->table[h] & 0xffffffff00000000ULL) == fp && same(m, m->table[h], key, n)) {
			if (added)
				*added = 0;
			return (uint32_t)m->table[h] - 1;
		}
	if (m->n >= UINT32_MAX - 1 || m->alen + n + 1 > UINT32_MAX)
		fu_die(FU_EXIT_USAGE, "more keys than one map holds (4 GiB of keys)");
	if (m->n == m->ncap) {
		m->ncap = m->ncap ? m->ncap * 2 : 1024;
		m->off = fu_xrealloc(m->off, m->ncap * sizeof *m->off);
		m->len = fu_xrealloc(m->len, m->ncap * sizeof *m->len);
	}
	while (m->alen + n + 1 > m->acap) {
		m->acap = m->acap ? m->acap * 2 : 65536;
		m->arena = fu_xrealloc(m->arena, m->acap);
	}
	memcpy(m->arena + m->alen, key, n);
	m->arena[m->alen + n] = '\0';
	m->off[m->n] = (uint32_t)m->alen;
	m->len[m->n] = (uint32_t)n;
	m->alen += n + 1;
	m->table[h] = fp | (m->n + 1);
	if (added)
		*added = 1;
	return m->n++;
}

const char *fu_map_key(const fu_map *m, size_t index)
{
	return m->arena + m->off[index];
}

size_t fu_map_count(const fu_map *m)
{
	return m->n;
}

void fu_map_free(fu_map *m)
{
	fu_big_free(m->table, m->cap * sizeof *m->table);
	free(m->off);
	free(m->len);
	free(m->arena);
	memset(m, 0, sizeof *m);
}

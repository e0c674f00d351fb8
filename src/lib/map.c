/* The one string-keyed hash map (see map.h): open addressing, linear probes.
 * A table entry holds 32 bits of the key's hash and where its entry is in
 * the arena (its index, length, value and bytes side by side), so a lookup
 * touches two places in memory: the table and the entry. */
#include "fu.h"
#include "lib/big.h"
#include "lib/map.h"

#include <stdlib.h>
#include <string.h>

enum { E_INDEX = 0, E_LEN = 4, E_VALUE = 8, E_KEY = 12 };
#define HI 0xffffffff00000000ULL

static uint64_t hash(const char *s, size_t n)
{
	return fu_hash_table(s, n, 0x6d6170);
}

static uint32_t u32_at(const char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
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

static void grow_to(fu_map *m, size_t ncap)
{
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

static void grow(fu_map *m)
{
	grow_to(m, m->cap ? m->cap * 2 : 1024);
}

void fu_map_reserve(fu_map *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 1024;
	while ((n + 1) * 2 > cap)
		cap *= 2;
	if (cap > m->cap)
		grow_to(m, cap);
}

/* the entry of table slot E if it holds KEY, else NULL */
static const char *entry(const fu_map *m, uint64_t e, const char *key, size_t n)
{
	const char *p = m->arena + ((uint32_t)e - 1);
	return u32_at(p + E_LEN) == n && memcmp(p + E_KEY, key, n) == 0 ? p : NULL;
}

long fu_map_get(const fu_map *m, const char *key, size_t n)
{
	if (!m->cap)
		return -1;
	uint64_t fp = hash(key, n) & HI;
	const char *p;
	for (size_t h = home(fp, m->cap); m->table[h]; h = (h + 1) & (m->cap - 1))
		if ((m->table[h] & HI) == fp && (p = entry(m, m->table[h], key, n)))
			return (long)u32_at(p + E_INDEX);
	return -1;
}

static size_t put(fu_map *m, const char *key, size_t n, uint64_t key_hash, int *added, uint32_t *at)
{
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	uint64_t fp = key_hash & HI;
	size_t h = home(fp, m->cap);
	const char *p;
	for (; m->table[h]; h = (h + 1) & (m->cap - 1))
		if ((m->table[h] & HI) == fp && (p = entry(m, m->table[h], key, n))) {
			if (added)
				*added = 0;
			if (at)
				*at = (uint32_t)m->table[h] - 1;
			return u32_at(p + E_INDEX);
		}
	size_t size = E_KEY + n + 1;
	if (m->n >= UINT32_MAX - 1 || m->alen + size >= UINT32_MAX)
		fu_die(FU_EXIT_USAGE, "more keys than one map holds (4 GiB of keys)");
	if (m->n == m->ncap) {
		m->ncap = m->ncap ? m->ncap * 2 : 1024;
		m->off = fu_xrealloc(m->off, m->ncap * sizeof *m->off);
	}
	if (m->alen + size > m->acap) { /* its entries are read at random too */
		size_t cap = m->acap ? m->acap * 2 : 65536;
		while (m->alen + size > cap)
			cap *= 2;
		m->arena = fu_big_realloc(m->arena, m->acap, cap);
		m->acap = cap;
	}
	fu_big_fill_ahead(m->arena, m->alen + size, m->acap, &m->aasked);
	char *q = m->arena + m->alen;
	uint32_t index = (uint32_t)m->n, len = (uint32_t)n, value = 0;
	memcpy(q + E_INDEX, &index, sizeof index);
	memcpy(q + E_LEN, &len, sizeof len);
	memcpy(q + E_VALUE, &value, sizeof value);
	memcpy(q + E_KEY, key, n);
	q[E_KEY + n] = '\0';
	m->off[m->n] = (uint32_t)m->alen;
	m->table[h] = fp | (m->alen + 1);
	if (at)
		*at = (uint32_t)m->alen;
	m->alen += size;
	if (added)
		*added = 1;
	return m->n++;
}

size_t fu_map_put_at(fu_map *m, const char *key, size_t n, int *added, uint32_t *at)
{
	return put(m, key, n, hash(key, n), added, at);
}

size_t fu_map_put_hashed(fu_map *m, const char *key, size_t n, uint64_t key_hash, int *added)
{
	return put(m, key, n, key_hash, added, NULL);
}

size_t fu_map_put_at_hashed(fu_map *m, const char *key, size_t n, uint64_t key_hash, int *added,
                            uint32_t *at)
{
	return put(m, key, n, key_hash, added, at);
}

uint64_t fu_map_hash(const char *key, size_t n)
{
	return hash(key, n);
}

void fu_map_prefetch(const fu_map *m, uint64_t h)
{
	if (m->cap)
		__builtin_prefetch(&m->table[home(h & HI, m->cap)]);
}

uint32_t fu_map_peek(const fu_map *m, uint64_t h)
{
	if (!m->cap)
		return 0;
	uint64_t fp = h & HI;
	for (size_t k = home(fp, m->cap); m->table[k]; k = (k + 1) & (m->cap - 1))
		if ((m->table[k] & HI) == fp) {
			const char *p = m->arena + ((uint32_t)m->table[k] - 1);
			__builtin_prefetch(p);
			__builtin_prefetch(p + 63); /* a long key may reach the next line */
			return (uint32_t)m->table[k];
		}
	return 0;
}

size_t fu_map_put(fu_map *m, const char *key, size_t n, int *added)
{
	return fu_map_put_at(m, key, n, added, NULL);
}

uint32_t fu_map_index_at(const fu_map *m, uint32_t at)
{
	return u32_at(m->arena + at + E_INDEX);
}

uint32_t fu_map_value(const fu_map *m, uint32_t at)
{
	return u32_at(m->arena + at + E_VALUE);
}

void fu_map_set_value(fu_map *m, uint32_t at, uint32_t value)
{
	memcpy(m->arena + at + E_VALUE, &value, sizeof value);
}

const char *fu_map_key_at(const fu_map *m, uint32_t at, size_t *n)
{
	*n = u32_at(m->arena + at + E_LEN);
	return m->arena + at + E_KEY;
}

const char *fu_map_key(const fu_map *m, size_t index)
{
	return m->arena + m->off[index] + E_KEY;
}

size_t fu_map_count(const fu_map *m)
{
	return m->n;
}

size_t fu_map_bytes(const fu_map *m)
{
	return m->cap * sizeof *m->table + m->ncap * sizeof *m->off + m->acap;
}

void fu_map_free(fu_map *m)
{
	fu_big_free(m->table, m->cap * sizeof *m->table);
	free(m->off);
	fu_big_free(m->arena, m->acap);
	memset(m, 0, sizeof *m);
}

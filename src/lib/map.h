/* map.h — the one string-keyed hash map: each distinct key gets a dense
 * index 0, 1, 2 ... in the order first seen, so callers keep their values
 * in plain arrays indexed by it (or, where every lookup counts, in the u32
 * value the map keeps beside the key).  Keys are copied into one arena; a
 * table entry holds the key's hash beside where the key is, so a probe
 * reads the key only when the hashes agree, and growing reads no key. */
#ifndef FU_MAP_H
#define FU_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t *table; /* hash's high 32 bits << 32 | arena offset + 1; 0 = empty */
	size_t cap;      /* a power of two */
	uint32_t *off;   /* entry offsets in arena, by index */
	size_t n, ncap;
	char *arena;     /* entries: index, length, value (u32 each), key, NUL */
	size_t alen, acap, aasked; /* (aasked: fu_big_fill_ahead) */
} fu_map;

void fu_map_init(fu_map *m);
/* index of KEY (N bytes), adding it when new (*added = 1 then; ADDED may be NULL) */
size_t fu_map_put(fu_map *m, const char *key, size_t n, int *added);
/* fu_map_put, and in *AT the key's handle: where its value is kept (0 when
 * the key is added), for fu_map_value and fu_map_set_value; the handle is
 * good for the life of the map */
size_t fu_map_put_at(fu_map *m, const char *key, size_t n, int *added, uint32_t *at);
uint32_t fu_map_value(const fu_map *m, uint32_t at);
/* the key whose handle is AT (NUL-terminated), its length in *N */
const char *fu_map_key_at(const fu_map *m, uint32_t at, size_t *n);
void fu_map_set_value(fu_map *m, uint32_t at, uint32_t value);
/* Fetching ahead, for a caller that knows its next keys: a key's hash; the
 * cache line of its table slot fetched; then (once that is in) its entry
 * fetched, and the handle + 1 it is likely to have (0: likely not there).
 * Only hints: they change nothing. */
uint64_t fu_map_hash(const char *key, size_t n);
void fu_map_prefetch(const fu_map *m, uint64_t hash);
uint32_t fu_map_peek(const fu_map *m, uint64_t hash);
/* the index of the key at handle AT (fu_map_put_at's *at, fu_map_peek's less 1) */
uint32_t fu_map_index_at(const fu_map *m, uint32_t at);
/* fu_map_put with the key's fu_map_hash given: a caller with several keys
 * to put fetches every key's slot (fu_map_prefetch) before it waits for
 * the first */
size_t fu_map_put_hashed(fu_map *m, const char *key, size_t n, uint64_t hash, int *added);
/* fu_map_put_at so */
size_t fu_map_put_at_hashed(fu_map *m, const char *key, size_t n, uint64_t hash, int *added,
                            uint32_t *at);
/* index of KEY, or -1 */
long fu_map_get(const fu_map *m, const char *key, size_t n);
/* the key of INDEX, NUL-terminated */
const char *fu_map_key(const fu_map *m, size_t index);
size_t fu_map_count(const fu_map *m);
/* a table for N keys made now, in one step: a caller that knows about how
 * many keys are coming spares the table's doublings (each a new table,
 * fresh memory the kernel zeroes, and every key moved) */
void fu_map_reserve(fu_map *m, size_t n);
/* the bytes the map holds (its table, index and keys) */
size_t fu_map_bytes(const fu_map *m);
void fu_map_free(fu_map *m);

#endif

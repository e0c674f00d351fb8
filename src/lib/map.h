/* map.h — the one string-keyed hash map: each distinct key gets a dense
 * index 0, 1, 2 ... in the order first seen, so callers keep their values
 * in plain arrays indexed by it.  Keys are copied into one arena; a table
 * entry holds the key's hash beside the index, so a probe reads the key
 * only when the hashes agree, and growing reads no key. */
#ifndef FU_MAP_H
#define FU_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t *table; /* hash's high 32 bits << 32 | index + 1; 0 = empty */
	size_t cap;      /* a power of two */
	uint32_t *off;   /* key offsets in arena, by index */
	uint32_t *len;   /* key lengths, by index */
	size_t n, ncap;
	char *arena;
	size_t alen, acap;
} fu_map;

void fu_map_init(fu_map *m);
/* index of KEY (N bytes), adding it when new (*added = 1 then; ADDED may be NULL) */
size_t fu_map_put(fu_map *m, const char *key, size_t n, int *added);
/* The same in two steps, so that a caller with several keys to put can
 * start fetching every key's slot before it waits for the first:
 * fu_map_hash, fu_map_prefetch (only a hint), then fu_map_put_hashed. */
uint64_t fu_map_hash(const char *key, size_t n);
void fu_map_prefetch(const fu_map *m, uint64_t hash);
size_t fu_map_put_hashed(fu_map *m, const char *key, size_t n, uint64_t hash, int *added);
/* index of KEY, or -1 */
long fu_map_get(const fu_map *m, const char *key, size_t n);
/* the key of INDEX, NUL-terminated */
const char *fu_map_key(const fu_map *m, size_t index);
size_t fu_map_count(const fu_map *m);
void fu_map_free(fu_map *m);

#endif

/* Small string helpers. */
#include "fu.h"

#include <string.h>
#include <strings.h>

/* Bytes of a space at s[i..n): ASCII space/tab/CR/LF/VT/FF, or U+00A0 (NBSP)
 * and U+FEFF (a stray BOM), which spreadsheets leave around values. */
static size_t space_at(const unsigned char *s, size_t i, size_t n)
{
	unsigned char c = s[i];
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0)
		return 2;
	if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
		return 3;
	return 0;
}

static size_t space_before(const unsigned char *s, size_t end)
{
	if (end >= 1) {
		unsigned char c = s[end - 1];
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return 1;
	}
	if (end >= 2 && s[end - 2] == 0xC2 && s[end - 1] == 0xA0)
		return 2;
	if (end >= 3 && s[end - 3] == 0xEF && s[end - 2] == 0xBB && s[end - 1] == 0xBF)
		return 3;
	return 0;
}

size_t fu_trim(char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, k;
	while (start < n && (k = space_at(u, start, n)) > 0)
		start += k;
	size_t end = n;
	while (end > start && (k = space_before(u, end)) > 0)
		end -= k;
	if (start > 0)
		memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return end - start;
}

void fu_ascii_lower(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] + ('a' - 'A'));
}

int fu_streq_ci(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* the high and low halves of A * B folded together */
static uint64_t fold_mul(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	unsigned __int128 r = (unsigned __int128)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
#else /* (32-bit targets) a multiply and a shift, as splitmix64 mixes */
	uint64_t r = (a ^ (a >> 31)) * b;
	return r ^ (r >> 29);
#endif
}

uint64_t fu_hash_table(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = (seed + 0x9e3779b97f4a7c15ULL) ^ (n * 0xff51afd7ed558ccdULL);
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = fold_mul(h ^ w, 0xbf58476d1ce4e5b9ULL);
	}
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)s[i] << (8 * i);
	return fold_mul(fold_mul(h ^ w, 0x94d049bb133111ebULL), 0x2127599bf4325c37ULL);
}

uint64_t fu_hash64(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	const uint64_t prime = 0x100000001b3ULL;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	size_t i = 0;
	for (; i + 4 <= n; i += 4) /* FNV-1a, four bytes a turn: less loop per byte */
		h = ((((h ^ s[i]) * prime ^ s[i + 1]) * prime ^ s[i + 2]) * prime ^ s[i + 3]) * prime;
	for (; i < n; i++)
		h = (h ^ s[i]) * prime;
	return h;
}

/* people.c — contacts already read, by id and e-mail (see people.h). */
#include <stdlib.h>

#include "lib/people.h"

/* the line KEY (of hash H, fu_map_hash) was first seen on, or 0 when it
 * is new (then remembered at LINE) */
static long first_line(fu_map *m, long **lines, const char *key, size_t n, uint64_t h, long line)
{
	int added;
	size_t i = fu_map_put_hashed(m, key, n, h, &added);
	if (!added)
		return (*lines)[i];
	if ((i & (i - 1)) == 0) /* grown at powers of two */
		*lines = fu_xrealloc(*lines, (i ? 2 * i : 1) * sizeof **lines);
	(*lines)[i] = line;
	return 0;
}

long fu_people_seen(fu_people *s, const char *id, size_t idlen, const char *email, size_t emaillen,
                    long line, long *shared)
{
	/* both slots fetched before either is read: in maps of millions of
	 * keys each is a cache miss, and the two then overlap */
	uint64_t hid = 0, hmail = 0;
	if (idlen)
		fu_map_prefetch(&s->ids, hid = fu_map_hash(id, idlen));
	if (emaillen) {
		fu_buf_clear(&s->low);
		fu_buf_add(&s->low, email, emaillen);
		fu_ascii_lower(s->low.data, s->low.len);
		fu_map_prefetch(&s->emails, hmail = fu_map_hash(s->low.data, s->low.len));
	}
	long by_id = idlen ? first_line(&s->ids, &s->id_line, id, idlen, hid, line) : 0;
	if (shared)
		*shared = 0;
	if (!emaillen)
		return by_id;
	/* an e-mail first read on a row without an id is remembered negative */
	long by_mail = first_line(&s->emails, &s->email_line, s->low.data, s->low.len, hmail, idlen ? line : -line);
	if (by_id)
		return by_id;
	if (!shared || by_mail < 0 || (by_mail && !idlen))
		return by_mail < 0 ? -by_mail : by_mail;
	*shared = by_mail;
	return 0;
}

void fu_people_free(fu_people *s)
{
	fu_map_free(&s->ids);
	fu_map_free(&s->emails);
	free(s->id_line);
	free(s->email_line);
	fu_buf_free(&s->low);
}

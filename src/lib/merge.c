/* Contact merging for fu-import (merge.h).
 *
 * Each contact is one record, its row so far: a row that joins it is folded
 * in as it comes (no row is kept to be replayed at the end).  The records
 * form one logical byte stream: each is a u32 of its room (the bytes it may
 * fill), its columns, each a LEB128 length and the bytes (the e-mail and
 * phone most often the handle of the key that holds the bytes: they are not
 * kept twice), and zeros to the end of its room.  A fold that changes nothing writes nothing; one whose
 * record still fits its room writes it over the old one (with pwrite when
 * it is in the spool); else the record is written anew at the end of the
 * stream, with room to grow (GROW_ROOM), and the old one is dead space.  The
 * stream's tail [mem_base, end) is in memory; when it outgrows the budget it
 * is appended to the spool file and memory starts again, so a run that fits
 * the budget makes no system calls at all.  Per contact 16 bytes stay in
 * memory besides its record (the record's offset with its flags, the name
 * its first named row has: its last name hashed, its first name's place in
 * the store of first names, which has its bytes); per key its bytes in the
 * one hash map (map.h), with its contact as the map's value.
 *
 * A row whose e-mail is one contact's and whose phone another's, known by
 * the phone alone, shows the two to be one person: the second's record is
 * folded into the first's (read back and folded in as a row), the one
 * contact takes the place of the earlier of the two, and the other is left
 * as a forward to it.  The keys that found it still name it; a lookup that
 * meets a forward follows it and sets the key, and the forwards on the way,
 * to the contact it ends at (union-find: nothing is rescanned). */
#include "merge.h"
#include "big.h"
#include "map.h"
#include "norm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fu_merge {
	size_t ncols, email_col, phone_col, budget;
	fu_merge_fold_fn fold;
	void *fold_arg;
	/* the record stream */
	unsigned char *mem;
	size_t memlen, memcap, mem_asked; /* (mem_asked: fu_big_fill_ahead) */
	uint64_t mem_base; /* stream offset of mem[0]; before it, the spool */
	int spool_fd;
	unsigned long nrows;
	size_t grown; /* folds that did not fit their record's room */
	size_t nlinked; /* contacts folded into another (FORWARD) */
	fu_buf *link;   /* such a contact's columns, folded in as a row */
	struct contact *c; /* by first appearance */
	size_t ncontacts, ccap;
	/* with names: a row known by a phone alone joins only a person whose
	 * names agree */
	long first_col, last_col;
	/* keys: a type byte ('e' or 'p') and the value; the contact of each is
	 * the map's value of the key */
	fu_map keys;
	fu_buf firsts; /* each contact's first name (struct contact), NUL-ended */
	fu_buf key, name_key, base_key;
	fu_buf scratch;           /* a record read from the spool */
	const unsigned char **at; /* a record's columns, decoded */
	size_t *len;
	uint32_t ref[2];          /* its e-mail's and phone's keys (NO_REF: in the record) */
	fu_buf *row;              /* a record's columns, to fold into */
};

/* A contact: where its record is and flags, in one word (the record's
 * offset << 8 | flags); the first name (its offset in m->firsts + 1, 0
 * none) and last name (last_name_of) of its first row with a name among
 * its first NAME_ROWS. */
struct contact {
	uint64_t off_flags;
	uint32_t first, last;
};

/* flags: the contact has an e-mail; its name is known; the rows seen, up to
 * NAME_ROWS (the name is that of its first row with one among them);
 * folded into another contact, whose number is then where the record's
 * offset was (its record is dead space) */
enum { HAS_EMAIL = 1, NAMED = 2, ROWS_SHIFT = 2, NAME_ROWS = 8, FORWARD = 0x80 };
#define FLAGS(c) ((unsigned)((c)->off_flags & 0xff))
#define OFF(c) ((c)->off_flags >> 8)

/* the room to grow in (bytes) a record gets when it is written anew
 * because it outgrew its room, and a new one when more than a quarter of
 * the contacts so far have had to be (an export where most people come
 * back with more to say); enough for a few more values */
enum { GROW_ROOM = 32 };

/* a phone key's contact has this bit when contacts with two different
 * e-mails have the phone */
#define SHARED 0x80000000u

fu_merge *fu_merge_new(size_t ncols, size_t email_col, size_t phone_col, size_t budget,
                       fu_merge_fold_fn fold, void *arg)
{
	if (email_col == phone_col || email_col >= ncols || phone_col >= ncols)
		fu_die(FU_EXIT_USAGE, "merge: the e-mail and phone columns must be two of the row's");
	fu_merge *m = fu_xcalloc(1, sizeof *m);
	m->ncols = ncols;
	m->email_col = email_col;
	m->phone_col = phone_col;
	m->budget = budget < 4096 ? 4096 : budget;
	m->fold = fold;
	m->fold_arg = arg;
	m->spool_fd = -1;
	m->first_col = m->last_col = -1;
	m->at = fu_xcalloc(ncols ? ncols : 1, sizeof *m->at);
	m->len = fu_xcalloc(ncols ? ncols : 1, sizeof *m->len);
	m->row = fu_xcalloc(ncols ? ncols : 1, sizeof *m->row);
	fu_map_init(&m->keys);
	return m;
}

void fu_merge_set_names(fu_merge *m, size_t first_col, size_t last_col)
{
	m->first_col = (long)first_col;
	m->last_col = (long)last_col;
}

/* ---- the row stream ------------------------------------------------------ */

/* N bytes at P to the spool at offset AT, whole */
static int write_at(int fd, const unsigned char *p, size_t n, uint64_t at, fu_buf *err)
{
	while (n > 0) {
		ssize_t k = pwrite(fd, p, n, (off_t)at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			fu_buf_printf(err, "temporary file: write error: %s", strerror(errno));
			return -1;
		}
		p += k;
		at += (uint64_t)k;
		n -= (size_t)k;
	}
	return 0;
}

/* move the rows in memory to the spool file */
static int spill(fu_merge *m, fu_buf *err)
{
	if (m->spool_fd < 0) {
		const char *dir = getenv("TMPDIR");
		fu_buf path = {0};
		fu_buf_printf(&path, "%s/fu-import.XXXXXX", dir && *dir ? dir : "/tmp");
		m->spool_fd = mkstemp(path.data);
		if (m->spool_fd < 0) {
			fu_buf_printf(err, "cannot make a temporary file in %s: %s (set TMPDIR, raise --memory, or use --no-merge)",
			              dir && *dir ? dir : "/tmp", strerror(errno));
			fu_buf_free(&path);
			return -1;
		}
		unlink(path.data);
		fu_buf_free(&path);
	}
	/* the spool holds the stream's first mem_base bytes: append there */
	if (write_at(m->spool_fd, m->mem, m->memlen, m->mem_base, err) != 0)
		return -1;
	m->mem_base += m->memlen;
	m->memlen = 0;
	return 0;
}

/* N bytes of the stream at OFF into DST (from memory, else the spool) */
static int stream_read(fu_merge *m, uint64_t off, unsigned char *dst, size_t n, fu_buf *err)
{
	while (n > 0) {
		if (off >= m->mem_base) {
			memcpy(dst, m->mem + (off - m->mem_base), n);
			return 0;
		}
		size_t disk = (size_t)(m->mem_base - off) < n ? (size_t)(m->mem_base - off) : n;
		ssize_t k = pread(m->spool_fd, dst, disk, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			fu_buf_printf(err, "temporary file: read error: %s", k ? strerror(errno) : "short read");
			return -1;
		}
		dst += k;
		off += (uint64_t)k;
		n -= (size_t)k;
	}
	return 0;
}

static size_t put_len(unsigned char *p, size_t v)
{
	size_t k = 0;
	while (v >= 0x80) {
		p[k++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[k++] = (unsigned char)v;
	return k;
}

static const unsigned char *get_len(const unsigned char *p, size_t *len)
{
	size_t v = 0;
	int shift = 0;
	while (*p & 0x80) {
		v |= (size_t)(*p++ & 0x7F) << shift;
		shift += 7;
	}
	*len = v | (size_t)*p++ << shift;
	return p;
}

/* room for N more bytes at the end of the stream (spilling what is in
 * memory when it would outgrow the budget); -1 after a spool error */
static int make_room(fu_merge *m, size_t n, fu_buf *err)
{
	if (m->memlen + n > m->budget && m->memlen > 0 && spill(m, err) != 0)
		return -1;
	if (m->memlen + n > m->memcap) {
		size_t cap = m->memcap ? m->memcap * 2 : 1 << 16;
		while (cap < m->memlen + n)
			cap *= 2;
		m->mem = fu_big_realloc(m->mem, m->memcap, cap);
		m->memcap = cap;
	}
	fu_big_fill_ahead(m->mem, m->memlen + n, m->memcap, &m->mem_asked);
	return 0;
}

/* A record's e-mail and phone are most often the bytes of a key (the
 * e-mail or phone a row of it was found by): such a column is written as
 * its length and the key's handle (4 bytes), not its bytes again.  Its
 * LEB128 length is then twice the length plus 1; twice it when the bytes
 * follow (a key column no key has, which a fold function may make). */
enum { NO_REF = UINT32_MAX };

static inline int key_col(const fu_merge *m, size_t c)
{
	return c == m->email_col || c == m->phone_col;
}

/* key column C of a record, its length word W read, the rest at P: into
 * *AT and *LEN, its key's handle into *REF (NO_REF for bytes in the
 * record); after it */
static const unsigned char *get_key_col(const fu_merge *m, size_t w, const unsigned char *p,
                                        const unsigned char **at, size_t *len, uint32_t *ref)
{
	*len = w >> 1;
	if (!(w & 1)) {
		*at = p, *ref = NO_REF;
		return p + (w >> 1);
	}
	memcpy(ref, p, 4);
	size_t kn;
	*at = (const unsigned char *)fu_map_key_at(&m->keys, *ref, &kn) + 1; /* (its type byte) */
	return p + 4;
}

/* the columns [FROM, TO), none a key column, of a record at P: into AT
 * and LEN; after them */
static const unsigned char *get_plain(const unsigned char *p, const unsigned char **at,
                                      size_t *len, size_t from, size_t to)
{
	for (size_t c = from; c < to; c++) {
		size_t n;
		if (*p < 0x80)
			n = *p++;
		else
			p = get_len(p, &n);
		at[c] = p;
		len[c] = n;
		p += n;
	}
	return p;
}

/* the columns of a record at P (after its header): into AT and LEN, its
 * keys' handles into REF (e-mail, phone) */
static void get_cols(const fu_merge *m, const unsigned char *p, const unsigned char **at,
                     size_t *len, uint32_t *ref)
{
	size_t e = m->email_col, ph = m->phone_col, ncols = m->ncols;
	size_t k1 = ph < e ? ph : e, k2 = ph < e ? e : ph, w;
	p = get_plain(p, at, len, 0, k1);
	p = get_len(p, &w);
	p = get_key_col(m, w, p, &at[k1], &len[k1], &ref[k1 == ph]);
	p = get_plain(p, at, len, k1 + 1, k2);
	p = get_len(p, &w);
	p = get_key_col(m, w, p, &at[k2], &len[k2], &ref[k2 == ph]);
	get_plain(p, at, len, k2 + 1, ncols);
}

/* the bytes of a record of the values VALS (REFS the handles of the
 * e-mail's and phone's keys, NO_REF: none), without its header */
static size_t record_size(const fu_merge *m, const fu_buf *vals, const uint32_t *refs)
{
	size_t size = 0;
	for (size_t c = 0; c < m->ncols; c++) {
		size_t w = vals[c].len, n = w;
		if (key_col(m, c)) {
			int ref = n && refs[c == m->phone_col] != NO_REF;
			w = w << 1 | (size_t)ref;
			if (ref)
				n = 4;
		}
		size += n + 1;
		for (w >>= 7; w; w >>= 7)
			size++;
	}
	return size;
}

/* the columns [FROM, TO) of VALS, none a key column, at P; after them */
static unsigned char *put_plain(unsigned char *p, const fu_buf *vals, size_t from, size_t to)
{
	for (size_t c = from; c < to; c++) {
		size_t n = vals[c].len;
		if (n < 0x80)
			*p++ = (unsigned char)n;
		else
			p += put_len(p, n);
		if (n)
			memcpy(p, vals[c].data, n);
		p += n;
	}
	return p;
}

/* key column V (REF its key's handle or NO_REF) at P; after it */
static unsigned char *put_key(unsigned char *p, const fu_buf *v, uint32_t ref)
{
	size_t n = v->len;
	if (n && ref != NO_REF) {
		p += put_len(p, n << 1 | 1);
		memcpy(p, &ref, 4);
		return p + 4;
	}
	p += put_len(p, n << 1);
	if (n)
		memcpy(p, v->data, n);
	return p + n;
}

/* the columns VALS (REFS as record_size) at P; after them */
static unsigned char *put_cols(const fu_merge *m, unsigned char *p, const fu_buf *vals,
                               const uint32_t *refs)
{
	size_t e = m->email_col, ph = m->phone_col, ncols = m->ncols;
	int phone_first = ph < e;
	size_t k1 = phone_first ? ph : e, k2 = phone_first ? e : ph;
	uint32_t r1 = refs[phone_first], r2 = refs[!phone_first];
	p = put_plain(p, vals, 0, k1);
	p = put_key(p, &vals[k1], r1);
	p = put_plain(p, vals, k1 + 1, k2);
	p = put_key(p, &vals[k2], r2);
	return put_plain(p, vals, k2 + 1, ncols);
}

/* the record of VALS (REFS as record_size; SIZE bytes, record_size) at P, then
 * zeros up to ROOM */
static void put_record(const fu_merge *m, unsigned char *p, const fu_buf *vals,
                       const uint32_t *refs, size_t size, size_t room)
{
	uint32_t r = (uint32_t)room;
	memcpy(p, &r, 4);
	p = put_cols(m, p + 4, vals, refs);
	if (room > size)
		memset(p, 0, room - size);
}

/* append a record (a u32 of its room, then the columns, then zeros to fill
 * the room) of the values VALS (REFS as record_size) with SLACK bytes of room
 * to grow in; returns its offset, or UINT64_MAX after a spool error */
static uint64_t append_record(fu_merge *m, const fu_buf *vals, const uint32_t *refs, size_t slack,
                              fu_buf *err)
{
	size_t most = 4 + slack;
	for (size_t c = 0, ncols = m->ncols; c < ncols; c++)
		most += vals[c].len + 10;
	if (most > UINT32_MAX)
		fu_die(FU_EXIT_USAGE, "a merged contact of more than 4 GiB");
	if (make_room(m, most, err) != 0)
		return UINT64_MAX;
	uint64_t off = m->mem_base + m->memlen;
	unsigned char *start = m->mem + m->memlen, *p = put_cols(m, start + 4, vals, refs);
	if (slack) /* (fresh memory is zero, but memory after a spill is not) */
		memset(p, 0, slack);
	uint32_t room = (uint32_t)(p - start - 4 + slack);
	memcpy(start, &room, 4);
	m->memlen += 4 + room;
	return off;
}

/* The record at OFF: its columns into m->at and m->len (pointing into memory,
 * or into m->scratch when it comes from the spool), its keys' handles into
 * m->ref.  -1 after a spool error. */
static int read_record(fu_merge *m, uint64_t off, fu_buf *err)
{
	const unsigned char *p;
	if (off >= m->mem_base) {
		p = m->mem + (off - m->mem_base) + 4;
	} else {
		/* records are whole on one side of mem_base: most need one pread */
		fu_buf *scratch = &m->scratch;
		size_t n = 4096;
		if (off + n > m->mem_base)
			n = (size_t)(m->mem_base - off);
		fu_buf_clear(scratch);
		fu_buf_reserve(scratch, n);
		if (stream_read(m, off, (unsigned char *)scratch->data, n, err) != 0)
			return -1;
		uint32_t len; /* the record's room */
		memcpy(&len, scratch->data, 4);
		if ((size_t)len + 4 > n) {
			fu_buf_reserve(scratch, (size_t)len + 4);
			if (stream_read(m, off + n, (unsigned char *)scratch->data + n, len + 4 - n, err) != 0)
				return -1;
		}
		p = (const unsigned char *)scratch->data + 4;
	}
	get_cols(m, p, m->at, m->len, m->ref);
	return 0;
}

/* ---- keys ----------------------------------------------------------------- */

/* the contact C is, past the forwards of contacts folded into another */
static uint32_t live_contact(const fu_merge *m, uint32_t c)
{
	while (FLAGS(&m->c[c]) & FORWARD)
		c = (uint32_t)OFF(&m->c[c]);
	return c;
}

/* ... and the forwards on the way set to it, so the next lookup is one step */
static uint32_t find_live(fu_merge *m, uint32_t c)
{
	uint32_t live = live_contact(m, c);
	while (c != live) {
		uint32_t next = (uint32_t)OFF(&m->c[c]);
		m->c[c].off_flags = (uint64_t)live << 8 | FORWARD;
		c = next;
	}
	return live;
}

/* The contact known by the key, or -1 when the key is new: it is then
 * remembered, and *K is the handle of its contact (set_contact).  A key
 * whose contact was folded into another is set to that one on the way. */
static long key_lookup_hashed(fu_merge *m, char type, const fu_buf *v, const uint64_t *hash,
                              uint32_t *k)
{
	fu_buf_clear(&m->key);
	fu_buf_addc(&m->key, type);
	fu_buf_add(&m->key, v->data, v->len);
	int added;
	if (hash)
		fu_map_put_at_hashed(&m->keys, m->key.data, m->key.len, *hash, &added, k);
	else
		fu_map_put_at(&m->keys, m->key.data, m->key.len, &added, k);
	if (added)
		return -1;
	uint32_t val = fu_map_value(&m->keys, *k);
	if (m->nlinked) { /* (none in most runs: no cost) */
		uint32_t c = val & ~SHARED, live = find_live(m, c);
		if (live != c) {
			val = live | (val & SHARED);
			fu_map_set_value(&m->keys, *k, val);
		}
	}
	return (long)val;
}

static long key_lookup(fu_merge *m, char type, const fu_buf *v, uint32_t *k)
{
	return key_lookup_hashed(m, type, v, NULL, k);
}

static uint32_t key_contact(const fu_merge *m, uint32_t k)
{
	return fu_map_value(&m->keys, k);
}

static void set_contact(fu_merge *m, uint32_t k, uint32_t c)
{
	fu_map_set_value(&m->keys, k, c);
}

/* ---- names ----------------------------------------------------------------- */

/* A first name's initial as merging compares them: norm_name_initial */
static uint32_t initial_of(const fu_buf *b)
{
	return b->len ? norm_name_initial(b->data, b->len) : 0;
}

/* a last name (its first 256 bytes) folded and hashed (norm_name_hash: Müller,
 * Mueller and Muller are one; 0 = no name) */
static uint32_t last_name_of(const fu_buf *b)
{
	return b->len ? norm_name_hash(b->data, b->len) : 0;
}

/* contact K's first name, "" none */
static const char *first_of(const fu_merge *m, const struct contact *k)
{
	return k->first ? m->firsts.data + k->first - 1 : "";
}

/* Can VALS's first name and contact K's be one person's
 * (norm_first_names_agree)?  Either unknown says yes. */
static int firsts_agree(const fu_merge *m, const struct contact *k, const fu_buf *vals)
{
	const fu_buf *f = &vals[m->first_col];
	if (!k->first || !f->len)
		return 1;
	const char *cf = first_of(m, k);
	return norm_first_names_agree(f->data, f->len, cf, strlen(cf));
}

enum { NAMES_OPEN, NAMES_AGREE, NAMES_DIFFER };

/* What the names of VALS and contact C's (its first row that has a name,
 * among its first NAME_ROWS) say: NAMES_DIFFER two people; NAMES_AGREE both
 * have a first and a last name and they agree; else NAMES_OPEN.  Only names
 * both have count: the last names folded (Brontë and Bronte agree), and the
 * first names as norm_first_names_agree has them (Ann, Anna and A.; Bob and
 * Robert agree, Anna and Aino do not). */
static int name_relation(const fu_merge *m, uint32_t c, const fu_buf *vals)
{
	const struct contact *k = &m->c[c];
	if (m->first_col < 0 || !(FLAGS(k) & NAMED))
		return NAMES_OPEN;
	int first = vals[m->first_col].len > 0 && initial_of(&vals[m->first_col]) != 0;
	uint32_t last = last_name_of(&vals[m->last_col]);
	if (!first && !last)
		return NAMES_OPEN;
	uint32_t cl = k->last;
	if ((last && cl && last != cl) || (first && k->first && !firsts_agree(m, k, vals)))
		return NAMES_DIFFER;
	return last && cl && first && k->first ? NAMES_AGREE : NAMES_OPEN;
}

/* Do VALS and contact C have first names that are two people's (both
 * known)?  Two people, though they share an e-mail: a household's address,
 * a small firm's info@.  (Ann, Anna and A. agree, Bob and Robert; so does a
 * row without a first name.) */
static int first_names_differ(const fu_merge *m, uint32_t c, const fu_buf *vals)
{
	const struct contact *k = &m->c[c];
	if (m->first_col < 0 || !(FLAGS(k) & NAMED) || !k->first)
		return 0;
	return !firsts_agree(m, k, vals);
}

/* Do contacts A and B have names that are two people's, as name_relation
 * compares a row's with a contact's (a last name or a first name both have
 * and that do not agree)? */
static int contacts_differ(const fu_merge *m, uint32_t a, uint32_t b)
{
	const struct contact *x = &m->c[a], *y = &m->c[b];
	if (m->first_col < 0 || !(FLAGS(x) & NAMED) || !(FLAGS(y) & NAMED))
		return 0;
	if (x->last && y->last && x->last != y->last)
		return 1;
	if (!x->first || !y->first)
		return 0;
	const char *fx = first_of(m, x), *fy = first_of(m, y);
	return !norm_first_names_agree(fx, strlen(fx), fy, strlen(fy));
}

/* contact C has one more row, VALS: its name counts if it is the first
 * named one among the contact's first NAME_ROWS */
static void saw_row(fu_merge *m, uint32_t c, const fu_buf *vals)
{
	struct contact *k = &m->c[c];
	unsigned flags = FLAGS(k), rows = flags >> ROWS_SHIFT & 15;
	if (rows >= NAME_ROWS)
		return;
	if (!(flags & NAMED) && m->first_col >= 0) {
		const fu_buf *f = &vals[m->first_col];
		int first = f->len > 0 && initial_of(f) != 0;
		uint32_t last = last_name_of(&vals[m->last_col]);
		/* (a store of first names past 4 GiB keeps no more) */
		if (first && m->firsts.len + f->len < UINT32_MAX - 1) {
			k->first = (uint32_t)m->firsts.len + 1;
			fu_buf_add(&m->firsts, f->data, f->len);
			fu_buf_addc(&m->firsts, '\0');
		}
		if (first || last) {
			k->last = last;
			flags |= NAMED;
		}
	}
	flags = (flags & ((1u << ROWS_SHIFT) - 1)) | (rows + 1) << ROWS_SHIFT;
	k->off_flags = OFF(k) << 8 | flags;
}

/* The contact of the first of the keys TYPE, BASE and a slot number (0, 1,
 * ... SLOTS - 1: the people known by BASE besides its own contact) whose
 * first name agrees with VALS's; else -1, and *K the handle of the first
 * free slot's key, made, whose contact is for the caller to set.  Past
 * SLOTS people the key is BASE and the folded first name. */
enum { SLOTS = 16 };
static long slot_lookup(fu_merge *m, char type, const fu_buf *base, const fu_buf *vals, uint32_t *k)
{
	for (uint32_t i = 0; i < SLOTS; i++) {
		fu_buf_clear(&m->name_key);
		fu_buf_add(&m->name_key, base->data, base->len);
		fu_buf_add(&m->name_key, &i, sizeof i);
		long c = key_lookup(m, type, &m->name_key, k);
		if (c < 0 || m->first_col < 0 || firsts_agree(m, &m->c[c], vals))
			return c;
	}
	/* more people than that at one address (a shop's placeholder for
	 * customers without one): known by the first name folded, not walked */
	char key[256];
	uint32_t past = UINT32_MAX;
	const fu_buf *f = &vals[m->first_col];
	size_t n = m->first_col >= 0 && f->len ? norm_name_fold(f->data, f->len, 1, key, sizeof key) : 0;
	fu_buf_clear(&m->name_key);
	fu_buf_add(&m->name_key, base->data, base->len);
	fu_buf_add(&m->name_key, &past, sizeof past);
	fu_buf_add(&m->name_key, key, n);
	return key_lookup(m, type, &m->name_key, k);
}

/* ---- contacts --------------------------------------------------------------- */

static int new_contact(fu_merge *m, const fu_buf *vals, const uint32_t *refs, fu_buf *err)
{
	if (m->ncontacts == m->ccap) {
		size_t cap = m->ccap ? m->ccap * 2 : 1024;
		m->c = fu_big_realloc(m->c, m->ccap * sizeof *m->c, cap * sizeof *m->c);
		m->ccap = cap;
	}
	/* when many contacts have had to grow, a new one is likely to: room
	 * to grow in from the start */
	size_t slack = m->grown * 4 > m->ncontacts ? GROW_ROOM : 0;
	uint64_t off = append_record(m, vals, refs, slack, err);
	if (off == UINT64_MAX)
		return -1;
	size_t c = m->ncontacts++;
	m->c[c] = (struct contact){off << 8, 0, 0};
	saw_row(m, (uint32_t)c, vals);
	return 0;
}

/* The handle of the key whose value is V, when it is that of the record
 * read (m->ref) or of the row folded in (VALS and its keys' handles REFS)
 * at column C (the e-mail's or the phone's), else NO_REF */
static uint32_t ref_of(const fu_merge *m, size_t c, const fu_buf *v, const fu_buf *vals,
                       const uint32_t *refs)
{
	int k = c == m->phone_col;
	if (!v->len)
		return NO_REF;
	if (m->ref[k] != NO_REF && v->len == m->len[c] && memcmp(v->data, m->at[c], v->len) == 0)
		return m->ref[k];
	if (refs[k] != NO_REF && v->len == vals[c].len && memcmp(v->data, vals[c].data, v->len) == 0)
		return refs[k];
	return NO_REF;
}

/* Fold VALS (REFS its keys' handles, as col_word), a later row of contact
 * C, into its record (the fold function says whether it changed it):
 * written over the old one when it fits the old one's room, else anew at
 * the end with room to grow (a contact that grew once is likely to grow
 * again: each fold that does not fit leaves its old record as dead space).
 * -1 after a spool error.  (Inline: it is on the path of every row that
 * joins a contact, and link_contact, which seldom runs, calls it too.) */
static inline __attribute__((always_inline)) int fold_row(fu_merge *m, uint32_t c, const fu_buf *vals,
                                                          const uint32_t *refs, fu_buf *err)
{
	saw_row(m, c, vals);
	uint64_t off = OFF(&m->c[c]);
	if (read_record(m, off, err) != 0)
		return -1;
	fu_buf *row = m->row;
	for (size_t k = 0; k < m->ncols; k++) {
		fu_buf_clear(&row[k]);
		fu_buf_add(&row[k], m->at[k], m->len[k]);
	}
	if (!m->fold(row, vals, m->fold_arg))
		return 0;
	uint32_t row_refs[2] = {ref_of(m, m->email_col, &row[m->email_col], vals, refs),
	                        ref_of(m, m->phone_col, &row[m->phone_col], vals, refs)};
	uint32_t room;
	unsigned char *rec = off >= m->mem_base ? m->mem + (off - m->mem_base)
	                                        : (unsigned char *)m->scratch.data;
	memcpy(&room, rec, 4);
	size_t size = record_size(m, row, row_refs);
	if (size > room) { /* anew; the old one is dead space */
		m->grown++;
		uint64_t noff = append_record(m, row, row_refs, GROW_ROOM, err);
		if (noff == UINT64_MAX)
			return -1;
		m->c[c].off_flags = noff << 8 | FLAGS(&m->c[c]);
		return 0;
	}
	/* over the old one: in memory that is all; a spooled one was read into
	 * scratch, which goes back whole */
	put_record(m, rec, row, row_refs, size, room);
	if (off >= m->mem_base)
		return 0;
	return write_at(m->spool_fd, rec, (size_t)room + 4, off, err);
}

/* Contact B, known by its phone alone, is contact A's person (a row has
 * A's e-mail and B's phone): B's record is folded into A's as a row (the
 * fold function as for any row), and the one contact is written at the
 * place of the first of the two; the other becomes a forward to it, to be
 * written no more.  The one's number into *LIVE; -1 after a spool error. */
static __attribute__((cold, noinline)) int link_contact(fu_merge *m, uint32_t a, uint32_t b,
                                                        uint32_t *live, fu_buf *err)
{
	if (read_record(m, OFF(&m->c[b]), err) != 0)
		return -1;
	if (!m->link)
		m->link = fu_xcalloc(m->ncols ? m->ncols : 1, sizeof *m->link);
	/* (copied: reading A's record may reuse the scratch B's is in) */
	for (size_t k = 0; k < m->ncols; k++) {
		fu_buf_clear(&m->link[k]);
		fu_buf_add(&m->link[k], m->at[k], m->len[k]);
	}
	uint32_t refs[2] = {m->ref[0], m->ref[1]};
	if (fold_row(m, a, m->link, refs, err) != 0)
		return -1;
	/* B first (known by its phone before its e-mail came): A moves there */
	if (b < a)
		m->c[b] = m->c[a];
	*live = b < a ? b : a;
	m->c[b < a ? a : b] = (struct contact){(uint64_t)*live << 8 | FORWARD, 0, 0};
	m->nlinked++;
	return 0;
}

/* ---- fetching ahead ----------------------------------------------------------- */

int fu_merge_key_hash(int phone, const char *v, size_t n, uint64_t *hash)
{
	char key[FU_MERGE_HASHED];
	*hash = 0;
	if (n == 0 || n >= sizeof key)
		return 0; /* (hashed when looked up) */
	key[0] = phone ? 'p' : 'e'; /* as key_lookup */
	memcpy(key + 1, v, n);
	*hash = fu_map_hash(key, n + 1);
	return 1;
}

void fu_merge_ahead_hashed(const fu_merge *m, fu_merge_ahead *a, unsigned has,
                           const uint64_t hash[2])
{
	a->contact = UINT32_MAX;
	for (int i = 0; i < 2; i++) {
		a->at[i] = 0;
		a->has[i] = (has >> i) & 1;
		a->hash[i] = hash[i];
		if (a->has[i])
			fu_map_prefetch(&m->keys, hash[i]);
	}
}


void fu_merge_ahead_step(const fu_merge *m, fu_merge_ahead *a, int step)
{
	if (step == 1) { /* the keys' entries */
		for (int i = 0; i < 2; i++)
			if (a->has[i])
				a->at[i] = fu_map_peek(&m->keys, a->hash[i]);
	} else if (step == 2) { /* the contact: the e-mail's, else the phone's */
		uint32_t at = a->at[0] ? a->at[0] : a->at[1];
		if (!at)
			return;
		uint32_t c = fu_map_value(&m->keys, at - 1) & ~SHARED;
		if (c < m->ncontacts) {
			a->contact = c;
			__builtin_prefetch(&m->c[c]);
		}
	} else if (step == 3 && a->contact < m->ncontacts) { /* its record, when in memory */
		const struct contact *k = &m->c[a->contact];
		if (FLAGS(k) & FORWARD)
			return;
		if (k->first) /* and its first name, which merging compares */
			__builtin_prefetch(m->firsts.data + k->first - 1);
		uint64_t off = OFF(k);
		if (off >= m->mem_base && off - m->mem_base < m->memlen) {
			const unsigned char *p = m->mem + (off - m->mem_base);
			__builtin_prefetch(p);
			__builtin_prefetch(p + 64);
			__builtin_prefetch(p + 128);
		}
	}
}

int fu_merge_add(fu_merge *m, const fu_buf *vals, fu_buf *err)
{
	return fu_merge_add_ahead(m, vals, NULL, err);
}

int fu_merge_add_ahead(fu_merge *m, const fu_buf *vals, const fu_merge_ahead *a, fu_buf *err)
{
	const fu_buf *e = &vals[m->email_col], *p = &vals[m->phone_col];
	m->nrows++;
	uint32_t ek = 0, pk = 0, nk = 0;
	long c = -1, byemail = -1, byphone = -1, byname = -1;
	int shared = 0, result = 0;
	if (e->len)
		c = byemail = key_lookup_hashed(m, 'e', e, a && a->has[0] ? &a->hash[0] : NULL, &ek);
	if (p->len && (byphone = key_lookup_hashed(m, 'p', p, a && a->has[1] ? &a->hash[1] : NULL, &pk)) >= 0) {
		shared = (key_contact(m, pk) & SHARED) != 0;
		byphone &= ~(long)SHARED;
	}
	/* The e-mail's contact has another first name: another person at the
	 * address, joined by the address and a first name that agrees (or by
	 * the phone, when that is a contact of the same name), else a contact
	 * of their own. */
	long byhouse = -1;
	uint32_t hk = 0;
	int household = c >= 0 && first_names_differ(m, (uint32_t)c, vals);
	if (household) {
		byhouse = slot_lookup(m, 'h', e, vals, &hk);
		if (byhouse >= 0)
			c = byhouse;
		else if (byphone >= 0 && byphone != c && name_relation(m, (uint32_t)byphone, vals) != NAMES_DIFFER)
			c = byphone;
		else
			c = -1, result = FU_MERGE_APART_HOUSEHOLD;
	}
	/* A row without an e-mail joins whoever has its phone; a row with one
	 * joins a contact known only by its phone.  Not when the names say they
	 * are two people, nor, for a row without an e-mail, when contacts with
	 * two e-mails have the phone (a switchboard's, or one person's two
	 * addresses) unless the full names agree: such a row is a contact of its
	 * own, known by its phone and name. */
	if (!household && c < 0 && byphone >= 0 && (!e->len || !(FLAGS(&m->c[byphone]) & HAS_EMAIL))) {
		int names = name_relation(m, (uint32_t)byphone, vals);
		if (names == NAMES_DIFFER)
			result = FU_MERGE_APART_NAMES;
		else if (!e->len && shared && names != NAMES_AGREE)
			result = FU_MERGE_APART_SHARED; /* whose is it? */
		else
			c = byphone;
		if (result && !e->len) {
			/* the same person again: by phone and name */
			uint32_t last = m->first_col >= 0 ? last_name_of(&vals[m->last_col]) : 0;
			fu_buf_clear(&m->base_key);
			fu_buf_add(&m->base_key, p->data, p->len);
			fu_buf_add(&m->base_key, &last, sizeof last);
			if ((byname = slot_lookup(m, 'n', &m->base_key, vals, &nk)) >= 0) {
				c = byname;
				result = 0;
			}
		}
	}
	/* The e-mail's contact, and the phone's another one known by the phone
	 * alone: this row shows them to be one person (unless the names say
	 * two), one contact from now on.  Its rows come first, as they came
	 * before this one. */
	int linked = 0;
	if (e->len && c >= 0 && byphone >= 0 && byphone != c &&
	    !(FLAGS(&m->c[byphone]) & HAS_EMAIL) &&
	    name_relation(m, (uint32_t)byphone, vals) != NAMES_DIFFER &&
	    !contacts_differ(m, (uint32_t)c, (uint32_t)byphone)) {
		uint32_t live;
		if (link_contact(m, (uint32_t)c, (uint32_t)byphone, &live, err) != 0)
			return -1;
		/* (the key that found A now finds where it is; others on lookup) */
		if (byemail == c)
			set_contact(m, ek, live);
		else if (byhouse == c)
			set_contact(m, hk, live);
		set_contact(m, pk, live);
		c = live;
		linked = 1;
	}
	int joined = c >= 0;
	uint32_t refs[2] = {e->len ? ek : NO_REF, p->len ? pk : NO_REF};
	if (c < 0) {
		if (new_contact(m, vals, refs, err) != 0)
			return -1;
		c = (long)m->ncontacts - 1;
	} else if (fold_row(m, (uint32_t)c, vals, refs, err) != 0) {
		return -1;
	}
	if (e->len) {
		if (byphone >= 0 && byphone != c && (FLAGS(&m->c[byphone]) & HAS_EMAIL))
			set_contact(m, pk, key_contact(m, pk) | SHARED); /* two e-mails share it */
		m->c[c].off_flags |= HAS_EMAIL;
		if (byemail < 0)
			set_contact(m, ek, (uint32_t)c);
	}
	if (household && byhouse < 0)
		set_contact(m, hk, (uint32_t)c);
	if (p->len && byphone < 0)
		set_contact(m, pk, (uint32_t)c);
	if (result && byname < 0 && !e->len)
		set_contact(m, nk, (uint32_t)c);
	return linked ? FU_MERGE_LINKED : joined ? 1 : result;
}

int fu_merge_replay(fu_merge *m, fu_merge_emit_fn emit, void *arg, fu_buf *err)
{
	fu_buf *row = fu_xcalloc(m->ncols, sizeof *row);
	int rc = 0;
	for (size_t c = 0; c < m->ncontacts; c++) {
		if (FLAGS(&m->c[c]) & FORWARD)
			continue; /* (written as the contact it was folded into) */
		if (read_record(m, OFF(&m->c[c]), err) != 0) {
			rc = -1;
			break;
		}
		for (size_t k = 0; k < m->ncols; k++) {
			fu_buf_clear(&row[k]);
			fu_buf_add(&row[k], m->at[k], m->len[k]);
		}
		emit(row, c, arg);
	}
	for (size_t k = 0; k < m->ncols; k++)
		fu_buf_free(&row[k]);
	free(row);
	return rc;
}

long fu_merge_email_contact(const fu_merge *m, const char *email, size_t n)
{
	char key[512];
	if (n + 1 > sizeof key)
		return -1;
	key[0] = 'e';
	memcpy(key + 1, email, n);
	long i = fu_map_get(&m->keys, key, n + 1);
	return i < 0 ? -1 : (long)live_contact(m, fu_map_value(&m->keys, m->keys.off[i]) & ~SHARED);
}

size_t fu_merge_contacts(const fu_merge *m)
{
	return m->ncontacts;
}

size_t fu_merge_linked(const fu_merge *m)
{
	return m->nlinked;
}

int fu_merge_spilled(const fu_merge *m)
{
	return m->mem_base > 0;
}

/* the columns [FROM, TO), none a key column, of a record at P as views;
 * after them */
static const unsigned char *view_plain(const unsigned char *p, fu_buf *view, size_t from, size_t to)
{
	for (size_t c = from; c < to; c++) {
		size_t n;
		if (*p < 0x80)
			n = *p++;
		else
			p = get_len(p, &n);
		view[c] = (fu_buf){(char *)p, n, 0};
		p += n;
	}
	return p;
}

/* key column K of a record at P as a view; after it */
static const unsigned char *view_key(const fu_merge *m, const unsigned char *p, fu_buf *view)
{
	size_t w, n;
	const unsigned char *at;
	uint32_t ref;
	p = get_len(p, &w);
	p = get_key_col(m, w, p, &at, &n, &ref);
	*view = (fu_buf){(char *)at, n, 0};
	return p;
}

void fu_merge_view(const fu_merge *m, size_t c, fu_buf *view)
{
	const unsigned char *p = m->mem + (OFF(&m->c[c]) - m->mem_base) + 4;
	size_t e = m->email_col, ph = m->phone_col;
	size_t k1 = ph < e ? ph : e, k2 = ph < e ? e : ph;
	p = view_plain(p, view, 0, k1);
	p = view_key(m, p, &view[k1]);
	p = view_plain(p, view, k1 + 1, k2);
	p = view_key(m, p, &view[k2]);
	view_plain(p, view, k2 + 1, m->ncols);
}

size_t fu_merge_keys(const fu_merge *m)
{
	return fu_map_count(&m->keys);
}

void fu_merge_expect_keys(fu_merge *m, size_t n)
{
	fu_map_reserve(&m->keys, n);
}

void fu_merge_stats_get(const fu_merge *m, fu_merge_stats *st)
{
	st->rows = m->nrows;
	st->contacts = m->ncontacts - m->nlinked;
	st->spilled = m->mem_base;
	st->memory = m->memcap + fu_map_bytes(&m->keys) + m->ccap * sizeof *m->c + m->firsts.cap;
}

void fu_merge_free(fu_merge *m)
{
	if (!m)
		return;
	if (m->spool_fd >= 0)
		close(m->spool_fd);
	fu_big_free(m->mem, m->memcap);
	fu_big_free(m->c, m->ccap * sizeof *m->c);
	fu_map_free(&m->keys);
	fu_buf_free(&m->key);
	fu_buf_free(&m->name_key);
	fu_buf_free(&m->base_key);
	fu_buf_free(&m->firsts);
	fu_buf_free(&m->scratch);
	for (size_t k = 0; k < m->ncols; k++) {
		fu_buf_free(&m->row[k]);
		if (m->link)
			fu_buf_free(&m->link[k]);
	}
	free(m->row);
	free(m->link);
	free(m->at);
	free(m->len);
	free(m);
}

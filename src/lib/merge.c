/* Contact merging for fu-import (merge.h).
 *
 * The rows form one logical byte stream: each row is its columns, each a
 * LEB128 length and the bytes.  The stream's tail [mem_base, end) is in
 * memory; when it outgrows the budget it is appended to the spool file and
 * memory starts again, so a run that fits the budget makes no system calls
 * at all.  Per row 12 bytes stay in memory (its offset and the next row of
 * its contact); per contact 9 (its first and last row, whether it has an
 * e-mail); per key its bytes in the one hash map (map.h) and its contact. */
#include "merge.h"
#include "map.h"
#include "norm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fu_merge {
	size_t ncols, email_col, phone_col, budget;
	/* the row stream */
	unsigned char *mem;
	size_t memlen, memcap;
	uint64_t mem_base; /* stream offset of mem[0]; before it, the spool */
	int spool_fd;
	/* rows: offset in the stream, next row of the same contact (0 = none;
	 * row 0 is never a successor) */
	uint64_t *row_off;
	uint32_t *row_next;
	size_t nrows, rowcap;
	/* contacts, by first appearance */
	uint32_t *c_first, *c_last;
	unsigned char *c_has_email;
	size_t ncontacts, ccap;
	/* with names: a row known by a phone alone joins only a person whose
	 * names agree (looked up in the contact's rows only then) */
	long first_col, last_col;
	fu_buf *cmp; /* a contact's row, to compare names with */
	/* keys: a type byte ('e' or 'p') and the value; the contact of each */
	fu_map keys;
	uint32_t *key_contact;
	size_t kcap;
	fu_buf key, name_key;
	fu_buf row, other; /* replay scratch */
};

/* a phone key's contact has this bit when contacts with two different
 * e-mails have the phone */
#define SHARED 0x80000000u

fu_merge *fu_merge_new(size_t ncols, size_t email_col, size_t phone_col, size_t budget)
{
	fu_merge *m = fu_xcalloc(1, sizeof *m);
	m->ncols = ncols;
	m->email_col = email_col;
	m->phone_col = phone_col;
	m->budget = budget < 4096 ? 4096 : budget;
	m->spool_fd = -1;
	m->first_col = m->last_col = -1;
	fu_map_init(&m->keys);
	return m;
}

void fu_merge_set_names(fu_merge *m, size_t first_col, size_t last_col)
{
	m->first_col = (long)first_col;
	m->last_col = (long)last_col;
}

/* ---- the row stream ------------------------------------------------------ */

static int write_all(int fd, const unsigned char *p, size_t n, fu_buf *err)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			fu_buf_printf(err, "temporary file: write error: %s", strerror(errno));
			return -1;
		}
		p += k;
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
	if (write_all(m->spool_fd, m->mem, m->memlen, err) != 0)
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

/* append a row (a u32 length, then the columns); returns its offset, or
 * UINT64_MAX after a spool error */
static uint64_t append_row(fu_merge *m, const fu_buf *vals, fu_buf *err)
{
	size_t size = 4;
	for (size_t c = 0; c < m->ncols; c++)
		size += vals[c].len + 10;
	if (m->memlen + size > m->budget && m->memlen > 0 && spill(m, err) != 0)
		return UINT64_MAX;
	if (m->memlen + size > m->memcap) {
		size_t cap = m->memcap ? m->memcap * 2 : 1 << 16;
		while (cap < m->memlen + size)
			cap *= 2;
		m->mem = fu_xrealloc(m->mem, cap);
		m->memcap = cap;
	}
	uint64_t off = m->mem_base + m->memlen;
	unsigned char *start = m->mem + m->memlen, *p = start + 4;
	for (size_t c = 0; c < m->ncols; c++) {
		p += put_len(p, vals[c].len);
		if (vals[c].len)
			memcpy(p, vals[c].data, vals[c].len);
		p += vals[c].len;
	}
	uint32_t len = (uint32_t)(p - start - 4);
	memcpy(start, &len, 4);
	m->memlen = (size_t)(p - m->mem);
	return off;
}

/* the row at OFF into VALS (SCRATCH holds it when it comes from the spool) */
static int load_row(fu_merge *m, uint64_t off, fu_buf *scratch, fu_buf *vals, fu_buf *err)
{
	const unsigned char *p;
	if (off >= m->mem_base) {
		p = m->mem + (off - m->mem_base) + 4;
	} else {
		/* rows are whole on one side of mem_base: most need one pread */
		size_t n = 4096;
		if (off + n > m->mem_base)
			n = (size_t)(m->mem_base - off);
		fu_buf_clear(scratch);
		fu_buf_reserve(scratch, n);
		if (stream_read(m, off, (unsigned char *)scratch->data, n, err) != 0)
			return -1;
		uint32_t len;
		memcpy(&len, scratch->data, 4);
		if ((size_t)len + 4 > n) {
			fu_buf_reserve(scratch, (size_t)len + 4);
			if (stream_read(m, off + n, (unsigned char *)scratch->data + n, len + 4 - n, err) != 0)
				return -1;
		}
		p = (const unsigned char *)scratch->data + 4;
	}
	size_t l;
	for (size_t c = 0; c < m->ncols; c++) {
		p = get_len(p, &l);
		fu_buf_clear(&vals[c]);
		fu_buf_add(&vals[c], p, l);
		p += l;
	}
	return 0;
}

/* ---- keys ----------------------------------------------------------------- */

/* The contact known by the key, or -1 when the key is new: it is then
 * remembered, and *K is where its contact goes (key_contact[*K]). */
static long key_lookup(fu_merge *m, char type, const fu_buf *v, size_t *k)
{
	fu_buf_clear(&m->key);
	fu_buf_addc(&m->key, type);
	fu_buf_add(&m->key, v->data, v->len);
	int added;
	*k = fu_map_put(&m->keys, m->key.data, m->key.len, &added);
	if (!added)
		return m->key_contact[*k];
	if (*k >= m->kcap) {
		m->kcap = m->kcap ? m->kcap * 2 : 4096;
		m->key_contact = fu_xrealloc(m->key_contact, m->kcap * sizeof *m->key_contact);
	}
	return -1;
}

/* ---- rows and contacts ----------------------------------------------------- */

static uint32_t new_contact(fu_merge *m, uint32_t row)
{
	if (m->ncontacts == m->ccap) {
		m->ccap = m->ccap ? m->ccap * 2 : 1024;
		m->c_first = fu_xrealloc(m->c_first, m->ccap * sizeof *m->c_first);
		m->c_last = fu_xrealloc(m->c_last, m->ccap * sizeof *m->c_last);
		m->c_has_email = fu_xrealloc(m->c_has_email, m->ccap);
	}
	m->c_first[m->ncontacts] = m->c_last[m->ncontacts] = row;
	m->c_has_email[m->ncontacts] = 0;
	return (uint32_t)m->ncontacts++;
}

/* ---- names ----------------------------------------------------------------- */

/* A name's first character, lower-cased, as a number (0 = no name) */
static uint32_t initial_of(const fu_buf *b)
{
	if (!b->len)
		return 0;
	unsigned char c[4] = {0};
	size_t k = (unsigned char)b->data[0] < 0x80 ? 1 : (unsigned char)b->data[0] < 0xE0 ? 2
	         : (unsigned char)b->data[0] < 0xF0 ? 3 : 4;
	if (k > b->len)
		k = b->len;
	memcpy(c, b->data, k);
	norm_lower_utf8((char *)c, k);
	return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
}

/* a last name lower-cased and hashed (FNV-1a; 0 = no name) */
static uint32_t last_name_of(const fu_buf *b)
{
	if (!b->len)
		return 0;
	char low[256];
	size_t n = b->len < sizeof low ? b->len : sizeof low;
	memcpy(low, b->data, n);
	norm_lower_utf8(low, n);
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)low[i]) * 16777619u;
	return h ? h : 1;
}

enum { NAMES_OPEN, NAMES_AGREE, NAMES_DIFFER };

/* What the names of VALS and contact C's (its first row that has a name)
 * say: NAMES_DIFFER two people; NAMES_AGREE both have a first and a last
 * name and they agree; else NAMES_OPEN.  Only names both have count: the
 * last names, and the first names' initials (Ann, Anna and A. agree).  -1
 * after a spool error. */
static int name_relation(fu_merge *m, uint32_t c, const fu_buf *vals, fu_buf *err)
{
	if (m->first_col < 0)
		return NAMES_OPEN;
	uint32_t initial = initial_of(&vals[m->first_col]), last = last_name_of(&vals[m->last_col]);
	if (!initial && !last)
		return NAMES_OPEN;
	if (!m->cmp)
		m->cmp = fu_xcalloc(m->ncols, sizeof *m->cmp);
	int rows = 0;
	for (uint32_t r = m->c_first[c]; rows < 8; r = m->row_next[r], rows++) {
		if (load_row(m, m->row_off[r], &m->row, m->cmp, err) != 0)
			return -1;
		uint32_t ci = initial_of(&m->cmp[m->first_col]), cl = last_name_of(&m->cmp[m->last_col]);
		if (ci || cl) {
			if ((last && cl && last != cl) || (initial && ci && initial != ci))
				return NAMES_DIFFER;
			return last && cl && initial && ci ? NAMES_AGREE : NAMES_OPEN;
		}
		if (!m->row_next[r])
			break;
	}
	return NAMES_OPEN;
}

int fu_merge_add(fu_merge *m, const fu_buf *vals, fu_buf *err)
{
	const fu_buf *e = &vals[m->email_col], *p = &vals[m->phone_col];
	if (m->nrows == m->rowcap) {
		m->rowcap = m->rowcap ? m->rowcap * 2 : 4096;
		m->row_off = fu_xrealloc(m->row_off, m->rowcap * sizeof *m->row_off);
		m->row_next = fu_xrealloc(m->row_next, m->rowcap * sizeof *m->row_next);
	}
	uint64_t off = append_row(m, vals, err);
	if (off == UINT64_MAX)
		return -1;
	uint32_t row = (uint32_t)m->nrows++;
	m->row_off[row] = off;
	m->row_next[row] = 0;

	size_t ek = 0, pk = 0, nk = 0;
	long c = -1, byemail = -1, byphone = -1, byname = -1;
	int shared = 0, result = 0;
	if (e->len)
		c = byemail = key_lookup(m, 'e', e, &ek);
	if (p->len && (byphone = key_lookup(m, 'p', p, &pk)) >= 0) {
		shared = (m->key_contact[pk] & SHARED) != 0;
		byphone &= ~(long)SHARED;
	}
	/* A row without an e-mail joins whoever has its phone; a row with one
	 * joins a contact known only by its phone.  Not when the names say they
	 * are two people, nor, for a row without an e-mail, when contacts with
	 * two e-mails have the phone (a switchboard's, or one person's two
	 * addresses) unless the full names agree: such a row is a contact of its
	 * own, known by its phone and name. */
	if (c < 0 && byphone >= 0 && (!e->len || !m->c_has_email[byphone])) {
		int names = name_relation(m, (uint32_t)byphone, vals, err);
		if (names < 0)
			return -1;
		if (names == NAMES_DIFFER)
			result = FU_MERGE_APART_NAMES;
		else if (!e->len && shared && names != NAMES_AGREE)
			result = FU_MERGE_APART_SHARED; /* whose is it? */
		else
			c = byphone;
		if (result && !e->len) {
			/* the same person again: by phone and name */
			uint32_t initial = 0, last = 0;
			if (m->first_col >= 0) {
				initial = initial_of(&vals[m->first_col]);
				last = last_name_of(&vals[m->last_col]);
			}
			fu_buf_clear(&m->name_key);
			fu_buf_add(&m->name_key, p->data, p->len);
			fu_buf_add(&m->name_key, &initial, sizeof initial);
			fu_buf_add(&m->name_key, &last, sizeof last);
			if ((byname = key_lookup(m, 'n', &m->name_key, &nk)) >= 0) {
				c = byname;
				result = 0;
			}
		}
	}
	int joined = c >= 0;
	if (c < 0) {
		c = new_contact(m, row);
	} else {
		m->row_next[m->c_last[c]] = row;
		m->c_last[c] = row;
	}
	if (e->len) {
		if (byphone >= 0 && byphone != c && m->c_has_email[byphone])
			m->key_contact[pk] |= SHARED; /* two e-mails share it */
		m->c_has_email[c] = 1;
		if (byemail < 0)
			m->key_contact[ek] = (uint32_t)c;
	}
	if (p->len && byphone < 0)
		m->key_contact[pk] = (uint32_t)c;
	if (result && byname < 0 && !e->len)
		m->key_contact[nk] = (uint32_t)c;
	return joined ? 1 : result;
}

int fu_merge_replay(fu_merge *m, fu_merge_fold_fn fold, fu_merge_emit_fn emit, void *arg,
                    fu_buf *err)
{
	fu_buf *merged = fu_xcalloc(m->ncols, sizeof *merged);
	fu_buf *other = fu_xcalloc(m->ncols, sizeof *other);
	int rc = 0;
	for (size_t c = 0; c < m->ncontacts && rc == 0; c++) {
		uint32_t r = m->c_first[c];
		if (load_row(m, m->row_off[r], &m->row, merged, err) != 0) {
			rc = -1;
			break;
		}
		for (r = m->row_next[r]; r; r = m->row_next[r]) {
			if (load_row(m, m->row_off[r], &m->other, other, err) != 0) {
				rc = -1;
				break;
			}
			fold(merged, other, arg);
		}
		if (rc == 0)
			emit(merged, arg);
	}
	for (size_t c = 0; c < m->ncols; c++) {
		fu_buf_free(&merged[c]);
		fu_buf_free(&other[c]);
	}
	free(merged);
	free(other);
	return rc;
}

void fu_merge_stats_get(const fu_merge *m, fu_merge_stats *st)
{
	st->rows = m->nrows;
	st->contacts = m->ncontacts;
	st->spilled = m->mem_base;
	st->memory = m->memcap + m->keys.acap + m->keys.cap * sizeof *m->keys.table +
	             m->keys.ncap * (sizeof *m->keys.off + sizeof *m->keys.len) +
	             m->kcap * sizeof *m->key_contact +
	             m->rowcap * (sizeof *m->row_off + sizeof *m->row_next) +
	             m->ccap * (2 * sizeof *m->c_first + 1);
}

void fu_merge_free(fu_merge *m)
{
	if (!m)
		return;
	if (m->spool_fd >= 0)
		close(m->spool_fd);
	free(m->mem);
	free(m->row_off);
	free(m->row_next);
	free(m->c_first);
	free(m->c_last);
	free(m->c_has_email);
	fu_map_free(&m->keys);
	free(m->key_contact);
	fu_buf_free(&m->key);
	fu_buf_free(&m->name_key);
	if (m->cmp)
		for (size_t c = 0; c < m->ncols; c++)
			fu_buf_free(&m->cmp[c]);
	free(m->cmp);
	fu_buf_free(&m->row);
	fu_buf_free(&m->other);
	free(m);
}

/* fu-import's engine.
 *
 * Each input is opened through dialect_open (which hands the CSV reader
 * UTF-8), its header mapped with the pattern table (headermap.c) and --map,
 * and every record normalised (norm.c).  A record ends up in exactly one
 * place: the output, merged into an earlier one, or the reject report.
 *
 * Merging duplicates without holding the rows: each good contact row goes to
 * an unlinked spool file; memory holds only a hash table of keys (the e-mail,
 * else the phone) giving each key's first and last row in the spool, and the
 * spool rows of one key are chained by a "next" offset patched in place.
 * Pass two walks the spool and writes each key's first row, folded with the
 * rows chained to it. */
#include "import.h"
#include "dialect.h"
#include "fu.h"
#include "headermap.h"
#include "map.h"
#include "norm.h"
#include "prefetch.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- inputs -------------------------------------------------------------- */

struct source {
	const char *path;
	FILE *raw, *fp;
	fu_dialect d;
	fu_csv_reader *r;
	fu_header h;
	hm_map m;
	long *out_of;  /* source column -> pass-through output column, or -1 */
	long *src_of_out; /* pass-through output column - ncanon -> source column, or -1 */
	int open;      /* reader and files still open */
	int use[T_COUNT];
};

struct run {
	const fu_import_opts *o;
	int kind;
	size_t ncanon, ncols;
	char **colnames;
	fu_map colmap; /* output column name -> its index (the map's dense index) */
	size_t npass;
	fu_buf *val, *pend; /* the row being built; a Shopify order held back */
	fu_csv_writer w;
	fu_rejects rej;
	unsigned long nread, nwrote, nmerged, nrejected;
	int status;
	fu_buf tmp;
	/* Shopify: the order held back while its further line items come */
	int pend_state; /* 0 none, 1 an event, 2 a rejected order */
	fu_buf pend_order;
	fu_buf pend_reason;
	const char *pend_file;
	/* Shopify: the names of this file's orders already read, as 64-bit
	 * hashes with the low bit 1 for an order that is not a purchase (a
	 * line item far from its order is then known); 0 = an empty slot */
	uint64_t *seen;
	size_t seencap, seenused;
	const char *seen_file;
	/* merging */
	int spool_fd;
	unsigned char *wbuf;
	size_t wlen;
	uint64_t wbase;
	/* open addressing, two parallel arrays: 12 bytes a slot */
	uint64_t *tab_first1; /* spool offset + 1 of a key's first row; 0 = empty */
	uint32_t *tab_hash;
	size_t tabcap, tabused;
	uint64_t *chain;
	size_t chaincap;
	fu_buf rec, rec2;
};

static const char *const contact_cols[] = {"id", "first_name", "last_name", "email", "phone",
                                           "company", "owner", "stage", "segment", "lang",
                                           "formal", "tz", "created"};
static const char *const event_cols[] = {"contact_id", "when", "type", "value", "item", "note"};
enum { NCONTACT = 13, NEVENT = 6 };

static const char *shown(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* ---- rejects --------------------------------------------------------------- */

/* ERROR = 0 for rows that are fine but are not wanted (a refunded order) */
static void reject_at(struct run *R, const char *file, long line, long eline, long ecol,
                      const char *reason, const char *raw, size_t rawlen, int error)
{
	R->nrejected++;
	if (error)
		R->status = R->status > FU_EXIT_DATA ? R->status : FU_EXIT_DATA;
	if (error || !R->rej.open)
		fu_warn_at_col(file, eline ? eline : line, ecol, "%s%s", error ? "" : "skipped: ", reason);
	fu_rejects_add(&R->rej, file, line, reason, raw, rawlen);
}

static void reject(struct run *R, const char *file, long line, const char *reason,
                   const char *raw, size_t rawlen, int error)
{
	reject_at(R, file, line, 0, 0, reason, raw, rawlen, error);
}

/* a value quoted for a message: at most 40 bytes, control characters as '?' */
static const char *quote_value(const char *s, size_t n, fu_buf *b)
{
	fu_buf_clear(b);
	fu_buf_addc(b, '\'');
	size_t k = 0;
	for (; k < n && k < 40; k++)
		fu_buf_addc(b, (unsigned char)s[k] < 0x20 ? '?' : s[k]);
	if (k < n) {
		while (k > 0 && ((unsigned char)b->data[b->len - 1] & 0xC0) == 0x80)
			b->len--, k--; /* do not cut a character in two */
		if (((unsigned char)b->data[b->len - 1] & 0xC0) == 0xC0)
			b->len--;
		b->data[b->len] = '\0';
		fu_buf_adds(b, "...");
	}
	fu_buf_addc(b, '\'');
	return b->data;
}

/* ---- spool (merging) ----------------------------------------------------- */

enum { WBUF = 1 << 20, RECHDR = 8 + 4 + 1 };

static void spool_open(struct run *R)
{
	const char *dir = getenv("TMPDIR");
	fu_buf path = {0};
	fu_buf_printf(&path, "%s/fu-import.XXXXXX", dir && *dir ? dir : "/tmp");
	R->spool_fd = mkstemp(path.data);
	if (R->spool_fd < 0)
		fu_die(FU_EXIT_USAGE, "cannot make a temporary file in %s: %s (set TMPDIR, or use --no-merge)",
		       dir && *dir ? dir : "/tmp", strerror(errno));
	unlink(path.data);
	fu_buf_free(&path);
	R->wbuf = fu_xmalloc(WBUF);
	R->tabcap = 1024;
	R->tab_first1 = fu_xcalloc(R->tabcap, sizeof *R->tab_first1);
	R->tab_hash = fu_xcalloc(R->tabcap, sizeof *R->tab_hash);
}

static void spool_flush(struct run *R)
{
	size_t done = 0;
	while (done < R->wlen) {
		ssize_t k = write(R->spool_fd, R->wbuf + done, R->wlen - done);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			fu_die(FU_EXIT_USAGE, "temporary file: write error: %s", strerror(errno));
		}
		done += (size_t)k;
	}
	R->wbase += R->wlen;
	R->wlen = 0;
}

static void spool_put(struct run *R, const void *p, size_t n)
{
	if (R->wlen + n > WBUF)
		spool_flush(R);
	if (n > WBUF) {
		size_t done = 0;
		while (done < n) {
			ssize_t k = write(R->spool_fd, (const char *)p + done, n - done);
			if (k < 0 && errno != EINTR)
				fu_die(FU_EXIT_USAGE, "temporary file: write error: %s", strerror(errno));
			if (k > 0)
				done += (size_t)k;
		}
		R->wbase += n;
		return;
	}
	memcpy(R->wbuf + R->wlen, p, n);
	R->wlen += n;
}

static void spool_pread(struct run *R, void *p, size_t n, uint64_t off)
{
	unsigned char *dst = p;
	/* the part still in the write buffer, and the part on disk */
	while (n > 0) {
		if (off >= R->wbase) {
			memcpy(dst, R->wbuf + (off - R->wbase), n);
			return;
		}
		size_t disk = (size_t)(R->wbase - off) < n ? (size_t)(R->wbase - off) : n;
		ssize_t k = pread(R->spool_fd, dst, disk, (off_t)off);
		if (k <= 0) {
			if (k < 0 && errno == EINTR)
				continue;
			fu_die(FU_EXIT_USAGE, "temporary file: read error: %s", k ? strerror(errno) : "short read");
		}
		dst += k;
		off += (uint64_t)k;
		n -= (size_t)k;
	}
}

static void spool_patch_next(struct run *R, uint64_t off, uint64_t next)
{
	if (off >= R->wbase) {
		memcpy(R->wbuf + (off - R->wbase), &next, 8);
		return;
	}
	if (pwrite(R->spool_fd, &next, 8, (off_t)off) != 8)
		fu_die(FU_EXIT_USAGE, "temporary file: write error: %s", strerror(errno));
}

/* Record layout: next (u64), body length (u32), line (u32), head flag (u32),
 * then the body: key length (u32) and key, then per column length (u32) and bytes. */
/* Record layout: next (u64, patched in place), body length (u32), head flag
 * (u8); the body: which column is the key (u8: the email or phone column),
 * then per column its length (LEB128) and bytes. */
static void spool_read(struct run *R, uint64_t off, fu_buf *b, uint64_t *next, uint32_t *head)
{
	unsigned char hdr[RECHDR];
	spool_pread(R, hdr, RECHDR, off);
	uint32_t len;
	memcpy(next, hdr, 8);
	memcpy(&len, hdr + 8, 4);
	*head = hdr[12];
	fu_buf_clear(b);
	if (b->cap < (size_t)len + 1) {
		b->data = fu_xrealloc(b->data, (size_t)len + 1);
		b->cap = (size_t)len + 1;
	}
	spool_pread(R, b->data, len, off + RECHDR);
	b->len = len;
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

/* the key of a spooled body: its email or phone column */
static const char *body_key(const fu_buf *b, uint32_t *klen)
{
	const unsigned char *p = (const unsigned char *)b->data;
	int keycol = *p++;
	size_t l;
	for (int c = 0;; c++) {
		p = get_len(p, &l);
		if (c == keycol) {
			*klen = (uint32_t)l;
			return (const char *)p;
		}
		p += l;
	}
}

static void tab_grow(struct run *R)
{
	size_t cap = R->tabcap * 2;
	uint64_t *f = fu_xcalloc(cap, sizeof *f);
	uint32_t *h = fu_xcalloc(cap, sizeof *h);
	for (size_t i = 0; i < R->tabcap; i++) {
		if (!R->tab_first1[i])
			continue;
		size_t j = R->tab_hash[i] & (cap - 1);
		while (f[j])
			j = (j + 1) & (cap - 1);
		f[j] = R->tab_first1[i];
		h[j] = R->tab_hash[i];
	}
	free(R->tab_first1);
	free(R->tab_hash);
	R->tab_first1 = f;
	R->tab_hash = h;
	R->tabcap = cap;
}

/* Spool the row in R->val with KEY; returns 1 if it joined an earlier row.
 * A key's later rows are chained behind its first: each new one is put right
 * after the first (so memory needs no "last" pointer) and pass two puts the
 * chain back in input order. */
static int spool_row(struct run *R, const char *key, size_t klen)
{
	uint32_t h = (uint32_t)fu_hash64(key, klen, 0x5bd1e995);
	size_t j = h & (R->tabcap - 1);
	uint64_t head = 0, head_next = 0;
	int found = 0;
	while (R->tab_first1[j]) {
		if (R->tab_hash[j] == h) {
			uint32_t hd, kl;
			spool_read(R, R->tab_first1[j] - 1, &R->rec2, &head_next, &hd);
			const char *k = body_key(&R->rec2, &kl);
			if (kl == klen && memcmp(k, key, klen) == 0) {
				head = R->tab_first1[j] - 1;
				found = 1;
				break;
			}
		}
		j = (j + 1) & (R->tabcap - 1);
	}
	uint64_t off = R->wbase + R->wlen;
	uint32_t body = 1;
	unsigned char lb[16];
	for (size_t c = 0; c < R->ncols; c++)
		body += (uint32_t)(put_len(lb, R->val[c].len) + R->val[c].len);
	unsigned char hdr[RECHDR] = {0};
	if (found)
		memcpy(hdr, &head_next, 8);
	memcpy(hdr + 8, &body, 4);
	hdr[12] = !found;
	spool_put(R, hdr, RECHDR);
	unsigned char keycol = R->val[T_EMAIL].len ? T_EMAIL : T_PHONE;
	spool_put(R, &keycol, 1);
	for (size_t c = 0; c < R->ncols; c++) {
		spool_put(R, lb, put_len(lb, R->val[c].len));
		spool_put(R, R->val[c].data ? R->val[c].data : "", R->val[c].len);
	}
	if (found) {
		spool_patch_next(R, head, off + 1);
		return 1;
	}
	R->tab_hash[j] = h;
	R->tab_first1[j] = off + 1;
	if (++R->tabused * 4 > R->tabcap * 3)
		tab_grow(R);
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* split a spooled body into the column buffers VALS */
static void body_fields(const fu_buf *b, fu_buf *vals, size_t ncols)
{
	const unsigned char *p = (const unsigned char *)b->data + 1;
	size_t l;
	for (size_t c = 0; c < ncols; c++) {
		p = get_len(p, &l);
		fu_buf_clear(&vals[c]);
		fu_buf_add(&vals[c], p, l);
		p += l;
	}
}

static int earlier(const char *a, const char *b)
{
	fu_time ta, tb;
	const char *why;
	if (fu_parse_time(a, NULL, &ta, &why) == 0 && fu_parse_time(b, NULL, &tb, &why) == 0)
		return ta.t < tb.t;
	return strcmp(a, b) < 0;
}

static void emit(struct run *R, fu_buf *vals);

static void spool_replay(struct run *R)
{
	spool_flush(R);
	fu_buf *merged = R->val;
	fu_buf *other = fu_xcalloc(R->ncols, sizeof *other);
	uint64_t off = 0, end = R->wbase;
	/* sequential reading through a large buffer; chains by pread */
	size_t rcap = WBUF;
	unsigned char *rb = fu_xmalloc(rcap);
	uint64_t rbase = 0;
	size_t rlen = 0;
	while (off < end) {
		if (off + RECHDR > rbase + rlen || off < rbase) {
			rbase = off;
			rlen = (size_t)(end - off) < rcap ? (size_t)(end - off) : rcap;
			spool_pread(R, rb, rlen, rbase);
		}
		uint64_t next;
		uint32_t len, head;
		memcpy(&next, rb + (off - rbase), 8);
		memcpy(&len, rb + (off - rbase) + 8, 4);
		head = rb[off - rbase + 12];
		if (off + RECHDR + len > rbase + rlen) {
			if (RECHDR + (size_t)len > rcap) {
				rcap = RECHDR + (size_t)len;
				rb = fu_xrealloc(rb, rcap);
			}
			rbase = off;
			rlen = (size_t)(end - off) < rcap ? (size_t)(end - off) : rcap;
			spool_pread(R, rb, rlen, rbase);
		}
		if (head && !next) {
			/* a key seen once: straight from the spool to the output */
			const unsigned char *q = rb + (off - rbase) + RECHDR + 1;
			size_t l;
			for (size_t c = 0; c < R->ncols; c++) {
				q = get_len(q, &l);
				fu_csv_field(&R->w, (const char *)q, l);
				q += l;
			}
			fu_csv_endrow(&R->w);
			R->nwrote++;
		} else if (head) {
			fu_buf_clear(&R->rec);
			fu_buf_add(&R->rec, rb + (off - rbase) + RECHDR, len);
			body_fields(&R->rec, merged, R->ncols);
			size_t nchain = 0;
			while (next) {
				if (nchain == R->chaincap) {
					R->chaincap = R->chaincap ? R->chaincap * 2 : 16;
					R->chain = fu_xrealloc(R->chain, R->chaincap * sizeof *R->chain);
				}
				R->chain[nchain++] = next - 1;
				spool_pread(R, &next, 8, next - 1);
			}
			if (nchain > 1) /* back into input order */
				qsort(R->chain, nchain, sizeof *R->chain, cmp_u64);
			for (size_t m = 0; m < nchain; m++) {
				uint32_t h2;
				uint64_t nx;
				spool_read(R, R->chain[m], &R->rec2, &nx, &h2);
				body_fields(&R->rec2, other, R->ncols);
				for (size_t c = 0; c < R->ncols; c++) {
					if (c == T_CREATED && merged[c].len && other[c].len) {
						if (earlier(other[c].data, merged[c].data)) {
							fu_buf_clear(&merged[c]);
							fu_buf_add(&merged[c], other[c].data, other[c].len);
						}
					} else if (merged[c].len == 0 && other[c].len) {
						fu_buf_add(&merged[c], other[c].data, other[c].len);
					}
				}
			}
			emit(R, merged);
		}
		off += RECHDR + len;
	}
	for (size_t c = 0; c < R->ncols; c++)
		fu_buf_free(&other[c]);
	free(other);
	free(rb);
}

/* ---- output -------------------------------------------------------------- */

static void emit(struct run *R, fu_buf *vals)
{
	for (size_t c = 0; c < R->ncols; c++)
		fu_csv_field(&R->w, vals[c].data ? vals[c].data : "", vals[c].len);
	fu_csv_endrow(&R->w);
	R->nwrote++;
}

/* the canonical columns from R->val, the passed-through ones straight from
 * the record (no copy) */
static void emit_direct(struct run *R, const struct source *S, const fu_record *rec)
{
	for (size_t c = 0; c < R->ncanon; c++)
		fu_csv_field(&R->w, R->val[c].data ? R->val[c].data : "", R->val[c].len);
	for (size_t c = R->ncanon; c < R->ncols; c++) {
		long f = S->src_of_out[c - R->ncanon];
		if (f >= 0)
			fu_csv_field(&R->w, rec->fields[f], rec->lens[f]);
		else
			fu_csv_field(&R->w, "", 0);
	}
	fu_csv_endrow(&R->w);
	R->nwrote++;
}

/* ---- rows ---------------------------------------------------------------- */

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static const char *field(const struct source *S, const fu_record *rec, int t, size_t *n)
{
	long c = S->use[t] ? S->m.src[t] : -1;
	if (c < 0) {
		*n = 0;
		return "";
	}
	/* an empty winner gives way to a weaker match (Pipedrive's Email - Home) */
	for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0 && blank(rec->fields[c], rec->lens[c]); a++)
		c = S->m.alt[t][a];
	*n = rec->lens[c];
	return rec->fields[c];
}

typedef int (*normfn)(const char *, size_t, fu_buf *, const char **);

/* normalise target T into OUT; on failure fill REASON and return -1 */
static int norm_one(struct run *R, const struct source *S, const fu_record *rec, int t,
                    fu_buf *out, fu_buf *reason)
{
	out->len = 0;
	if (!S->use[t]) { /* a column this input does not have */
		if (out->data)
			out->data[0] = '\0';
		return 0;
	}
	size_t n;
	const char *s = field(S, rec, t, &n);
	const char *why = NULL;
	int rc = 0;
	switch (t) {
	case T_EMAIL:
		norm_trim(s, n, out);
		if (out->len)
			rc = norm_email(s, n, out, &why);
		break;
	case T_PHONE:
		norm_trim(s, n, out);
		if (out->len)
			rc = norm_phone(s, n, R->o->country, out, &why);
		break;
	case T_CREATED:
	case T_WHEN:
		norm_trim(s, n, out);
		if (out->len)
			rc = norm_date(s, n, R->o->date_order, out, &why);
		break;
	case T_LANG: rc = norm_lang(s, n, out, &why); break;
	case T_FORMAL: rc = norm_formal(s, n, out, &why); break;
	case T_TZ: rc = norm_tz(s, n, out, &why); break;
	case T_SEGMENT: rc = norm_segment(s, n, out, &why); break;
	default: norm_trim(s, n, out); break;
	}
	if (rc == 0)
		return 0;
	fu_buf_clear(reason);
	fu_buf_printf(reason, "%s %s: %s", hm_target_name[t], quote_value(s, n, &R->tmp), why);
	return -1;
}

static void split_name(const char *s, size_t n, fu_buf *first, fu_buf *last)
{
	fu_buf full = {0};
	norm_trim(s, n, &full);
	fu_buf_clear(first);
	fu_buf_clear(last);
	if (full.len == 0) {
		fu_buf_free(&full);
		return;
	}
	char *comma = memchr(full.data, ',', full.len);
	char *sp = NULL;
	if (comma) { /* "Virtanen, Matti" */
		norm_trim(comma + 1, full.len - (size_t)(comma - full.data) - 1, first);
		norm_trim(full.data, (size_t)(comma - full.data), last);
	} else if ((sp = strrchr(full.data, ' ')) != NULL) {
		norm_trim(full.data, (size_t)(sp - full.data), first);
		norm_trim(sp + 1, full.len - (size_t)(sp - full.data) - 1, last);
	} else {
		fu_buf_add(first, full.data, full.len);
	}
	fu_buf_free(&full);
}

static void pass_through(struct run *R, const struct source *S, const fu_record *rec)
{
	for (size_t c = 0; c < rec->nfields; c++) {
		long o = S->out_of[c];
		if (o >= 0) {
			fu_buf_clear(&R->val[o]);
			fu_buf_add(&R->val[o], rec->fields[c], rec->lens[c]);
		}
	}
}

/* an optional column that cannot be normalised: the row is kept with the
 * column empty, the input counts as having errors */
static void left_empty(struct run *R, const struct source *S, const fu_record *rec, fu_buf *val,
                       fu_buf *reason)
{
	fu_warn_at(S->path, rec->line, "%s; left empty", reason->data);
	R->status = R->status > FU_EXIT_DATA ? R->status : FU_EXIT_DATA;
	fu_buf_clear(val);
	fu_buf_clear(reason);
}

static void contact_row(struct run *R, struct source *S, fu_record *rec)
{
	fu_buf reason = {0};
	for (size_t c = 0; c < R->ncols; c++)
		R->val[c].len = 0; /* each is written below (or not used) */
	const char *seg = "";
	for (int t = 0; t < NCONTACT; t++) {
		if (t == T_STAGE) {
			size_t n;
			const char *s = field(S, rec, t, &n);
			const char *why;
			if (norm_stage(s, n, &R->val[t], &seg, &why) != 0) {
				fu_buf_printf(&reason, "stage %s: %s", quote_value(s, n, &R->tmp), why);
				left_empty(R, S, rec, &R->val[t], &reason);
				seg = "";
			}
			continue;
		}
		if (norm_one(R, S, rec, t, &R->val[t], &reason) != 0) {
			/* needed: the e-mail, and the phone of a row without one
			 * (they are what the contact is known by); the rest is kept
			 * empty with a warning */
			if (t == T_EMAIL || (t == T_PHONE && R->val[T_EMAIL].len == 0))
				goto bad;
			left_empty(R, S, rec, &R->val[t], &reason);
		}
	}
	if (R->val[T_SEGMENT].len == 0 && seg[0])
		fu_buf_adds(&R->val[T_SEGMENT], seg);
	if (S->use[T_NAME]) {
		size_t n;
		const char *s = field(S, rec, T_NAME, &n);
		split_name(s, n, &R->val[T_FIRST], &R->val[T_LAST]);
	}
	const fu_buf *key = R->val[T_EMAIL].len ? &R->val[T_EMAIL] : &R->val[T_PHONE];
	if (key->len == 0) {
		fu_buf_adds(&reason, "no e-mail and no phone: nothing to know the contact by");
		goto bad;
	}
	if (R->val[T_ID].len == 0) {
		char id[17];
		norm_contact_id(key->data, key->len, id);
		fu_buf_adds(&R->val[T_ID], id);
	}
	if (R->o->merge) {
		pass_through(R, S, rec);
		if (spool_row(R, key->data, key->len))
			R->nmerged++;
	} else {
		emit_direct(R, S, rec);
	}
	fu_buf_free(&reason);
	return;
bad:
	reject(R, S->path, rec->line, reason.data, rec->raw, rec->raw_len, 1);
	fu_buf_free(&reason);
}

static const char *const event_types[] = {
	"purchase", "email_sent", "email_open", "email_click", "reply", "call", "meeting",
	"ticket_opened", "ticket_closed", "feedback", "referral", "owner_change", "reward",
	"unsubscribe", "followup",
};

static int norm_type(fu_buf *b, const char **why)
{
	fu_ascii_lower(b->data, b->len);
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == ' ' || b->data[i] == '-')
			b->data[i] = '_';
	for (size_t i = 0; i < sizeof event_types / sizeof event_types[0]; i++)
		if (strcmp(b->data, event_types[i]) == 0)
			return 0;
	*why = "not an event type of fu(7) (purchase, email_sent, call, feedback, followup ...)";
	return -1;
}

/* an amount -> [-]digits[.digits].  Thousands may be grouped with spaces
 * (also no-break and narrow no-break ones), apostrophes, or the one of '.'
 * and ',' that is not the decimal mark: "1,234.50", "1 234,50", "1.234,50"
 * and "1'234.50" are all 1234.50.  The decimal mark is the last '.' or ','
 * unless that one repeats ("1,234,567"); groups after the first are of
 * three digits.  A lone mark before exactly three digits ("1,234") could be
 * either and is an error. */
static int norm_amount(fu_buf *b, const char **why)
{
	char sep[64];   /* each separator met, in order: ' ' for a space or apostrophe */
	size_t grp[65]; /* the digits before each separator, then after the last */
	size_t ns = 0, ndig = 0, k = 0;
	int neg = 0;
	*why = "not a number";
	const unsigned char *u = (const unsigned char *)b->data;
	size_t i = 0, n = b->len;
	if (i < n && u[i] == '-') {
		neg = 1;
		i++;
	}
	char *o = b->data; /* the digits are gathered in place: never ahead of I */
	for (; i < n; i++) {
		unsigned char c = u[i];
		char kind;
		if (isdigit(c)) {
			o[k++] = (char)c;
			ndig++;
			continue;
		}
		if (c == ' ' || c == '\'')
			kind = ' ';
		else if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0)
			kind = ' ', i++;
		else if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0xAF)
			kind = ' ', i += 2;
		else if (c == '.' || c == ',')
			kind = (char)c;
		else
			return -1;
		if ((ndig == 0 && (ns || kind == ' ')) || ns == sizeof sep)
			return -1; /* two in a row, or a space first (".5" is fine) */
		sep[ns] = kind;
		grp[ns++] = ndig;
		ndig = 0;
	}
	if (ndig == 0) /* nothing, or a separator last */
		return -1;
	grp[ns] = ndig;
	/* the decimal mark: the last separator, when it is '.' or ',' and no
	 * other separator is the same character */
	int dec = 0;
	if (ns && sep[ns - 1] != ' ') {
		size_t same = 0, other = 0;
		for (size_t j = 0; j < ns; j++)
			if (sep[j] == sep[ns - 1])
				same++;
			else
				other++;
		if (same == 1) {
			if (other == 0 && grp[ns] == 3 && grp[0] >= 1 && grp[0] <= 3 && o[0] != '0') {
				*why = "a thousands separator or a decimal mark? (ambiguous: write 1234 or 1.234)";
				return -1;
			}
			dec = 1;
		}
	}
	/* the thousands: one kind of separator, groups of three after the first */
	size_t nthou = ns - (size_t)dec;
	for (size_t j = 0; j < nthou; j++) {
		if (sep[j] != sep[0] || (j == 0 ? grp[0] < 1 || grp[0] > 3 : grp[j] != 3))
			return -1;
	}
	if (nthou && grp[nthou] != 3)
		return -1;
	/* write [-]int[.frac] over the digits gathered */
	size_t nfrac = dec ? grp[ns] : 0;
	size_t nint = k - nfrac;
	char tmp[128];
	size_t t = 0;
	if (k + 3 > sizeof tmp) {
		*why = "too many digits";
		return -1;
	}
	if (neg)
		tmp[t++] = '-';
	memcpy(tmp + t, o, nint);
	t += nint;
	if (dec) {
		tmp[t++] = '.';
		memcpy(tmp + t, o + nint, nfrac);
		t += nfrac;
	}
	b->len = 0;
	fu_buf_add(b, tmp, t);
	return 0;
}

static uint64_t order_hash(const fu_buf *order)
{
	uint64_t h = fu_hash64(order->data, order->len, 0x6f72646572) & ~(uint64_t)1;
	return h ? h : 2;
}

/* the state an order name was seen with in this file: 0 not seen, 1 a
 * purchase, 2 not a purchase */
static int order_seen(const struct run *R, const fu_buf *order)
{
	if (!R->seencap || order->len == 0)
		return 0;
	uint64_t h = order_hash(order);
	for (size_t j = (size_t)h & (R->seencap - 1); R->seen[j]; j = (j + 1) & (R->seencap - 1))
		if ((R->seen[j] & ~(uint64_t)1) == h)
			return 1 + (int)(R->seen[j] & 1);
	return 0;
}

static void order_remember(struct run *R, const fu_buf *order, int state)
{
	if (order->len == 0 || order_seen(R, order))
		return;
	if ((R->seenused + 1) * 4 > R->seencap * 3) { /* at most 3/4 full */
		size_t cap = R->seencap ? R->seencap * 2 : 1024;
		uint64_t *t = fu_xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < R->seencap; i++) {
			if (!R->seen[i])
				continue;
			size_t j = (size_t)R->seen[i] & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = R->seen[i];
		}
		free(R->seen);
		R->seen = t;
		R->seencap = cap;
	}
	uint64_t h = order_hash(order);
	size_t j = (size_t)h & (R->seencap - 1);
	while (R->seen[j])
		j = (j + 1) & (R->seencap - 1);
	R->seen[j] = h | (uint64_t)(state == 2);
	R->seenused++;
}

static void flush_pending(struct run *R)
{
	if (R->pend_state == 1)
		emit(R, R->pend);
	R->pend_state = 0;
}

static void event_row(struct run *R, struct source *S, fu_record *rec)
{
	fu_buf reason = {0};
	fu_buf *v = R->val;
	const char *why;
	for (size_t c = 0; c < R->ncols; c++)
		fu_buf_clear(&v[c]);
	fu_buf email = {0}, phone = {0}, order = {0}, fin = {0};
	size_t n;
	const char *s;

	if (S->m.shopify) {
		s = field(S, rec, T_ORDER, &n);
		norm_trim(s, n, &order);
		s = field(S, rec, T_FINSTATUS, &n);
		norm_trim(s, n, &fin);
		fu_ascii_lower(fin.data, fin.len);
		/* a further line item of the order just read */
		if (R->pend_state && fin.len == 0 && order.len && R->pend_order.len == order.len &&
		    memcmp(R->pend_order.data, order.data, order.len) == 0 && R->pend_file == S->path) {
			s = field(S, rec, T_ITEM, &n);
			fu_buf_clear(&reason);
			norm_trim(s, n, &reason);
			if (R->pend_state == 1) {
				if (reason.len) {
					if (R->pend[4].len)
						fu_buf_adds(&R->pend[4], "; ");
					fu_buf_add(&R->pend[4], reason.data, reason.len);
				}
				R->nmerged++;
			} else {
				reject(R, S->path, rec->line, R->pend_reason.data, rec->raw, rec->raw_len, 0);
			}
			goto done;
		}
		if (R->seen_file != S->path) { /* order names are known within a file */
			if (R->seencap)
				memset(R->seen, 0, R->seencap * sizeof *R->seen);
			R->seenused = 0;
			R->seen_file = S->path;
		}
		/* a further line item of an order read earlier, other rows between:
		 * the purchase is already made, so the row adds nothing to it */
		int seen = fin.len == 0 ? order_seen(R, &order) : 0;
		if (seen == 1) {
			fu_warn_at(S->path, rec->line,
			           "note: a line item of order %s, not right after the order: "
			           "counted as merged, its item not added",
			           order.data);
			R->nmerged++;
			goto done;
		}
		if (seen == 2) {
			fu_buf_clear(&reason);
			fu_buf_printf(&reason, "a line item of order %s, which is not a purchase", order.data);
			reject(R, S->path, rec->line, reason.data, rec->raw, rec->raw_len, 0);
			goto done;
		}
		flush_pending(R);
		fu_buf_clear(&R->pend_order);
		fu_buf_add(&R->pend_order, order.data ? order.data : "", order.len);
		R->pend_file = S->path;
		s = field(S, rec, T_CANCELLED, &n);
		int cancelled = !blank(s, n);
		int undone = fin.len && (strcmp(fin.data, "refunded") == 0 || strcmp(fin.data, "voided") == 0);
		if (undone || cancelled) {
			fu_buf_clear(&R->pend_reason);
			fu_buf_printf(&R->pend_reason, "order %s is %s: not a purchase",
			              order.len ? order.data : "?", undone ? fin.data : "cancelled");
			R->pend_state = 2;
			order_remember(R, &order, 2);
			reject(R, S->path, rec->line, R->pend_reason.data, rec->raw, rec->raw_len, 0);
			goto done;
		}
	}

	if (norm_one(R, S, rec, T_CONTACT_ID, &v[0], &reason) ||
	    norm_one(R, S, rec, T_EMAIL, &email, &reason))
		goto bad;
	if (norm_one(R, S, rec, T_PHONE, &phone, &reason) != 0) {
		if (v[0].len == 0 && email.len == 0)
			goto bad; /* the phone is what the event joins by */
		left_empty(R, S, rec, &phone, &reason);
	}
	if (norm_one(R, S, rec, T_WHEN, &v[1], &reason) ||
	    norm_one(R, S, rec, T_VALUE, &v[3], &reason) ||
	    norm_one(R, S, rec, T_ITEM, &v[4], &reason) ||
	    norm_one(R, S, rec, T_NOTE, &v[5], &reason))
		goto bad;
	if (S->m.shopify) {
		fu_buf_adds(&v[2], "purchase");
		if (order.len) {
			fu_buf_clear(&v[5]);
			fu_buf_printf(&v[5], "order %s", order.data);
		}
	} else {
		norm_one(R, S, rec, T_TYPE, &v[2], &reason);
		if (v[2].len == 0) {
			fu_buf_adds(&reason, "no event type");
			goto bad;
		}
		if (norm_type(&v[2], &why) != 0) {
			s = field(S, rec, T_TYPE, &n);
			fu_buf_printf(&reason, "type %s: %s", quote_value(s, n, &R->tmp), why);
			goto bad;
		}
	}
	if (v[1].len == 0) {
		fu_buf_adds(&reason, "no date: an event needs its 'when'");
		goto bad;
	}
	if (v[3].len && norm_amount(&v[3], &why) != 0) {
		s = field(S, rec, T_VALUE, &n);
		fu_buf_printf(&reason, "value %s: %s", quote_value(s, n, &R->tmp), why);
		goto bad;
	}
	if (v[0].len == 0) {
		/* the e-mail itself: consumers join it to the contacts' email column
		 * (fu(7)) whatever ids the contacts have; else the id a contact with
		 * this phone and no e-mail gets */
		if (email.len) {
			fu_buf_add(&v[0], email.data, email.len);
		} else if (phone.len) {
			char id[17];
			norm_contact_id(phone.data, phone.len, id);
			fu_buf_adds(&v[0], id);
		} else {
			fu_buf_adds(&reason, "no contact_id, e-mail or phone: no contact to join to");
			goto bad;
		}
	}
	if (S->m.shopify) {
		pass_through(R, S, rec);
		fu_buf *t = R->pend;
		R->pend = R->val;
		R->val = t;
		R->pend_state = 1;
		order_remember(R, &order, 1);
		goto done;
	}
	emit_direct(R, S, rec);
	goto done;
bad:
	if (S->m.shopify)
		R->pend_state = 0;
	reject(R, S->path, rec->line, reason.data, rec->raw, rec->raw_len, 1);
done:
	fu_buf_free(&reason);
	fu_buf_free(&email);
	fu_buf_free(&phone);
	fu_buf_free(&order);
	fu_buf_free(&fin);
}

/* ---- setting up -------------------------------------------------------- */

static int open_source(struct run *R, struct source *S)
{
	const fu_import_opts *o = R->o;
	if (strcmp(S->path, "-") == 0) {
		S->raw = stdin;
	} else if (!(S->raw = fopen(S->path, "rb"))) {
		fu_warn("%s: %s", S->path, strerror(errno));
		return -1;
	}
	S->fp = dialect_open(S->raw, S->path, o->delim, o->encoding, &S->d);
	if (!S->fp)
		return -1;
	S->r = fu_csv_open(S->fp, S->path, S->d.delim);
	if (fu_csv_read_header(S->r, &S->h) != 0)
		return -1;
	return 0;
}

/* Is the record's raw text valid UTF-8?  Its fields are pieces of it cut at
 * ASCII bytes, so this settles them all in one pass, skipping ASCII eight
 * bytes at a time; only a record that fails is checked field by field, for
 * the message. */
static int raw_utf8_ok(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		uint64_t w;
		if (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (len == 0 || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
		    (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
			return 0;
		i += len;
	}
	return 1;
}

static void close_source(struct source *S)
{
	if (!S->open)
		return;
	S->open = 0;
	fu_csv_close(S->r);
	dialect_close(S->fp, S->raw);
	if (S->raw != stdin)
		fclose(S->raw);
}

static int detect_kind(const struct source *S)
{
	hm_map m;
	hm_build(&S->h, HM_EVENTS, &m);
	if (m.shopify || (m.src[T_WHEN] >= 0 && m.src[T_TYPE] >= 0) || m.src[T_CONTACT_ID] >= 0)
		return HM_EVENTS;
	return HM_CONTACTS;
}

/* apply --map, decide which targets are used */
static int map_source(struct run *R, struct source *S)
{
	hm_build(&S->h, R->kind, &S->m);
	for (size_t i = 0; i < R->o->nmaps; i++) {
		const fu_import_map *mp = &R->o->maps[i];
		int t = hm_target_find(mp->column);
		if (!(hm_target_kinds(t) & R->kind)) {
			fu_warn("--map %s: not a column of %s", mp->column,
			        R->kind == HM_EVENTS ? "events" : "contacts");
			return -1;
		}
		for (int a = 0; a < HM_ALT; a++)
			S->m.alt[t][a] = -1;
		if (mp->header[0] == '\0') {
			S->m.src[t] = -1;
			S->m.user[t] = 1;
			continue;
		}
		long c = fu_header_find(&S->h, mp->header);
		if (c < 0) {
			fu_warn("%s: --map %s=%s: no such column in the header", shown(S->path), mp->column,
			        mp->header);
			return -1;
		}
		for (int u = 0; u < T_COUNT; u++) /* a column feeds one target */
			if (S->m.src[u] == c && !S->m.user[u])
				S->m.src[u] = -1;
		S->m.src[t] = c;
		S->m.user[t] = 1;
		S->m.why[t] = "--map";
	}
	if (R->kind == HM_EVENTS) {
		S->m.shopify = S->m.src[T_FINSTATUS] >= 0 && S->m.src[T_ITEM] >= 0 && S->m.src[T_ORDER] >= 0;
		if (S->m.shopify && !S->m.user[T_NOTE])
			S->m.src[T_NOTE] = -1; /* the note is the order's name */
	}
	for (int t = 0; t < T_COUNT; t++) {
		int k = hm_target_kinds(t);
		S->use[t] = (k & R->kind) && S->m.src[t] >= 0;
	}
	if (R->kind == HM_EVENTS && !S->m.shopify)
		S->use[T_FINSTATUS] = S->use[T_CANCELLED] = S->use[T_ORDER] = 0;
	if (R->kind == HM_CONTACTS && (S->use[T_FIRST] || S->use[T_LAST]))
		S->use[T_NAME] = 0;
	return 0;
}

/* by a hash map: an input of 100,000 columns takes linear time */
static long find_col(struct run *R, const char *name)
{
	return fu_map_get(&R->colmap, name, strlen(name));
}

/* the output columns are unique and enter the map in order, so a name's
 * index in the map is its column */
static void add_col(struct run *R, char *name)
{
	R->colnames[R->ncols++] = name;
	fu_map_put(&R->colmap, name, strlen(name), NULL);
}

static void add_pass_columns(struct run *R, struct source *S)
{
	S->out_of = fu_xcalloc(S->h.n ? S->h.n : 1, sizeof *S->out_of);
	for (size_t c = 0; c < S->h.n; c++) {
		S->out_of[c] = -1;
		int used = 0;
		for (int t = 0; t < T_COUNT; t++)
			if (S->use[t] && S->m.src[t] == (long)c)
				used = 1;
		if (used)
			continue;
		const char *name = S->h.names[c];
		long o = find_col(R, name);
		if (o >= 0 && (size_t)o >= R->ncanon) {
			S->out_of[c] = o; /* the same column in an earlier input */
			continue;
		}
		fu_buf nm = {0};
		fu_buf_adds(&nm, name);
		for (int k = 2; find_col(R, nm.data) >= 0; k++) {
			fu_buf_clear(&nm);
			fu_buf_printf(&nm, "%s_%d", name, k);
		}
		R->colnames = fu_xrealloc(R->colnames, (R->ncols + 1) * sizeof *R->colnames);
		S->out_of[c] = (long)R->ncols;
		add_col(R, nm.data);
	}
}

static void explain(struct run *R, struct source *S)
{
	FILE *f = stdout;
	fprintf(f, "input %s\n", shown(S->path));
	fprintf(f, "  encoding   %s: %s\n", S->d.encoding, S->d.enc_why);
	fprintf(f, "  delimiter  %s: %s\n", dialect_delim_name(S->d.delim), S->d.delim_why);
	fprintf(f, "  line ends  %s\n", S->d.line_ends);
	fprintf(f, "  kind       %s%s\n", R->kind == HM_EVENTS ? "events" : "contacts",
	        R->o->kind ? " (given by --kind)" : " (guessed from the header)");
	fprintf(f, "  looks like %s\n", S->m.shopify ? "Shopify orders" : hm_profile(&S->h));
	fprintf(f, "columns\n");
	int first = R->kind == HM_EVENTS ? T_CONTACT_ID : T_ID;
	int last = R->kind == HM_EVENTS ? T_ORDER : T_NAME;
	for (int t = first; t <= last; t++) {
		if (R->kind == HM_EVENTS && t >= T_FINSTATUS && !S->m.shopify)
			continue;
		const char *name = hm_target_name[t];
		if (S->use[t]) {
			fprintf(f, "  %-16s <- \"%s\" (%s)", name, S->h.names[S->m.src[t]], S->m.why[t]);
			for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0; a++)
				fprintf(f, ", else \"%s\"", S->h.names[S->m.alt[t][a]]);
			fputc('\n', f);
		} else if (t == T_ID) {
			fprintf(f, "  %-16s <- derived from the e-mail, else the phone\n", name);
		} else if (t == T_CONTACT_ID) {
			fprintf(f, "  %-16s <- the e-mail, else the id derived from the phone\n", name);
		} else if (t == T_TYPE && S->m.shopify) {
			fprintf(f, "  %-16s <- purchase (Shopify orders; refunded, voided and cancelled orders skipped)\n", name);
		} else if (t == T_NOTE && S->m.shopify) {
			fprintf(f, "  %-16s <- \"order \" and the order's name\n", name);
		} else if (t == T_NAME && S->m.src[t] >= 0) {
			fprintf(f, "  %-16s    \"%s\" not split: first or last name given\n", name,
			        S->h.names[S->m.src[t]]);
		} else if (t == T_NAME) {
			continue;
		} else {
			fprintf(f, "  %-16s    (none)\n", name);
		}
	}
	if (R->kind == HM_EVENTS) {
		static const int keys[] = {T_EMAIL, T_PHONE};
		for (int k = 0; k < 2; k++) {
			int t = keys[k];
			if (!S->use[t])
				continue;
			fprintf(f, "  %-16s <- \"%s\" (%s)", t == T_EMAIL ? "e-mail (key)" : "phone (key)",
			        S->h.names[S->m.src[t]], S->m.why[t]);
			for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0; a++)
				fprintf(f, ", else \"%s\"", S->h.names[S->m.alt[t][a]]);
			fputc('\n', f);
		}
	}
	for (size_t c = 0; c < S->h.n; c++)
		if (S->out_of[c] >= 0) {
			const char *out = R->colnames[S->out_of[c]];
			if (strcmp(out, S->h.names[c]) == 0)
				fprintf(f, "  pass-through     \"%s\"\n", S->h.names[c]);
			else
				fprintf(f, "  pass-through     \"%s\" as \"%s\"\n", S->h.names[c], out);
		}
}

int fu_import(const fu_import_opts *o, char *const *files, int nfiles)
{
	static char *const stdin_only[] = {"-"};
	struct run run = {0}, *R = &run;
	R->o = o;
	R->spool_fd = -1;
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	struct source *src = fu_xcalloc((size_t)nfiles, sizeof *src);
	int nsrc = 0;
	for (int i = 0; i < nfiles; i++) {
		struct source *S = &src[nsrc];
		S->path = files[i];
		if (open_source(R, S) != 0) {
			/* unreadable, or no usable header: nothing of it can be imported */
			int empty = S->fp && S->d.empty;
			R->status = empty ? (R->status > 1 ? R->status : FU_EXIT_DATA) : FU_EXIT_USAGE;
			if (S->r)
				fu_csv_close(S->r);
			dialect_close(S->fp, S->raw);
			if (S->raw && S->raw != stdin)
				fclose(S->raw);
			fu_header_free(&S->h);
			continue;
		}
		S->open = 1;
		nsrc++;
	}
	int st = FU_EXIT_USAGE;
	FILE *out = stdout;
	if (R->status == FU_EXIT_USAGE && nsrc < nfiles)
		goto end; /* a file we cannot read at all: stop before writing anything */

	/* one output stream has one kind: every file must agree on it */
	R->kind = o->kind;
	int first_kind = 0;
	for (int i = 0; i < nsrc && !o->kind; i++) {
		if (src[i].h.n == 0)
			continue; /* an empty file says nothing about its kind */
		int k = detect_kind(&src[i]);
		if (!R->kind) {
			R->kind = k;
			first_kind = i;
		} else if (k != R->kind) {
			fu_warn("%s looks like %s but %s looks like %s: import them in separate runs, "
			        "or give --kind",
			        shown(src[first_kind].path), R->kind == HM_EVENTS ? "events" : "contacts",
			        shown(src[i].path), k == HM_EVENTS ? "events" : "contacts");
			goto end;
		}
	}
	if (!R->kind)
		R->kind = HM_CONTACTS;
	if (R->kind == HM_CONTACTS) {
		R->ncanon = NCONTACT;
	} else {
		R->ncanon = NEVENT;
	}
	R->ncols = 0;
	R->colnames = fu_xcalloc(R->ncanon, sizeof *R->colnames);
	for (size_t c = 0; c < R->ncanon; c++)
		add_col(R, fu_xstrdup(R->kind == HM_CONTACTS ? contact_cols[c] : event_cols[c]));
	for (int i = 0; i < nsrc; i++) {
		if (map_source(R, &src[i]) != 0)
			goto end;
		add_pass_columns(R, &src[i]);
	}
	for (int i = 0; i < nsrc; i++) {
		struct source *S = &src[i];
		size_t np = R->ncols - R->ncanon;
		S->src_of_out = fu_xcalloc(np ? np : 1, sizeof *S->src_of_out);
		for (size_t c = 0; c < np; c++)
			S->src_of_out[c] = -1;
		for (size_t c = 0; c < S->h.n; c++)
			if (S->out_of[c] >= 0)
				S->src_of_out[S->out_of[c] - (long)R->ncanon] = (long)c;
	}

	if (o->rejects && !o->explain) {
		if (fu_rejects_open(&R->rej, o->rejects) != 0)
			goto end;
	}
	if (o->explain) {
		for (int i = 0; i < nsrc; i++)
			explain(R, &src[i]);
		fprintf(stdout, "output columns\n  ");
		for (size_t c = 0; c < R->ncols; c++)
			fprintf(stdout, "%s%s", c ? "," : "", R->colnames[c]);
		fprintf(stdout, "\n");
		out = fopen("/dev/null", "w");
		if (!out)
			fu_die(FU_EXIT_USAGE, "/dev/null: %s", strerror(errno));
	}
	fu_csv_writer_init(&R->w, out, o->excel_safe);
	for (size_t c = 0; c < R->ncols; c++)
		fu_csv_fields(&R->w, R->colnames[c]);
	fu_csv_endrow(&R->w);

	R->val = fu_xcalloc(R->ncols, sizeof *R->val);
	R->pend = fu_xcalloc(R->ncols, sizeof *R->pend);
	if (R->kind == HM_CONTACTS && o->merge)
		spool_open(R);
	int threaded = prefetch_worthwhile();

	for (int i = 0; i < nsrc; i++) {
		struct source *S = &src[i];
		fu_record *rec;
		int got;
		prefetch *pf = prefetch_start(S->r, threaded);
		while ((got = prefetch_next(pf, &rec)) > 0) {
			R->nread++;
			if (rec->error || !fu_record_check_width(rec, S->h.n) ||
			    (!raw_utf8_ok(rec->raw, rec->raw_len) && !fu_record_check_utf8(rec))) {
				fu_buf why = {0};
				fu_buf_adds(&why, rec->error);
				if (strncmp(rec->error, "invalid UTF-8", 13) == 0)
					fu_buf_printf(&why, " (the input was read as %s; is it another encoding? see --encoding)",
					              S->d.encoding);
				if (S->m.shopify) {
					flush_pending(R);
				}
				reject_at(R, S->path, rec->line, rec->error_line, rec->error_col, why.data,
				          rec->raw, rec->raw_len, 1);
				fu_buf_free(&why);
				continue;
			}
			if (R->kind == HM_CONTACTS)
				contact_row(R, S, rec);
			else
				event_row(R, S, rec);
		}
		prefetch_stop(pf);
		flush_pending(R);
		if (got < 0)
			R->status = FU_EXIT_USAGE;
		if (S->d.read_errno) {
			fu_warn("%s: read error: %s", shown(S->path), strerror(S->d.read_errno));
			R->status = FU_EXIT_USAGE;
		}
		if (S->d.bad_bytes) {
			fu_warn("%s: %lu bytes are not %s; each was read as U+FFFD", shown(S->path),
			        S->d.bad_bytes, S->d.encoding);
			R->status = R->status > FU_EXIT_DATA ? R->status : FU_EXIT_DATA;
		}
		close_source(S);
	}
	if (R->spool_fd >= 0) {
		spool_replay(R);
		close(R->spool_fd);
	}
	if (o->explain)
		fclose(out);
	if (fu_rejects_close(&R->rej) != 0)
		R->status = FU_EXIT_USAGE;
	fflush(stdout);
	fu_warn("read %lu, wrote %lu, merged %lu, rejected %lu", R->nread, R->nwrote, R->nmerged,
	        R->nrejected);
	st = R->status;
end:
	for (int i = 0; i < nsrc; i++) {
		close_source(&src[i]);
		fu_header_free(&src[i].h);
		free(src[i].out_of);
		free(src[i].src_of_out);
	}
	free(src);
	for (size_t c = 0; c < R->ncols; c++) {
		free(R->colnames[c]);
		if (R->val)
			fu_buf_free(&R->val[c]);
		if (R->pend)
			fu_buf_free(&R->pend[c]);
	}
	free(R->colnames);
	fu_map_free(&R->colmap);
	free(R->val);
	free(R->pend);
	free(R->tab_first1);
	free(R->tab_hash);
	free(R->seen);
	free(R->chain);
	free(R->wbuf);
	fu_buf_free(&R->tmp);
	fu_buf_free(&R->rec);
	fu_buf_free(&R->rec2);
	fu_buf_free(&R->pend_order);
	fu_buf_free(&R->pend_reason);
	return st;
}

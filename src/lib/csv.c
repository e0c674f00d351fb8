/* CSV over libcsv.  libcsv is a push parser that neither counts lines nor
 * keeps the record's text, so we feed it one physical line at a time: then at
 * most one record ends per feed, its first line is known, and a parse error
 * can be pinned to a line and column and recovered from at the next line end. */
#include "fu.h"
#include "lib/map.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { CHUNK = 1 << 16 };
enum { STOP_SPECIAL = 1, STOP_UTF8 = 2 };
/* No field or record grows past this: an unterminated quote in a large file
 * would otherwise swallow the rest of it into memory. */
#define FIELD_CAP ((size_t)64 << 20)

struct fu_csv_reader {
	FILE *fp;
	int own_fp;
	int fd; /* >= 0: a pipe or terminal read with read(2) (see fu_csv_open_path) */
	char *name;
	char delim;
	struct csv_parser parser;
	long long nrec, nrec_told; /* records read; rows told to the progress line */
	unsigned char *chunk;
	size_t chunk_len, chunk_pos;
	int eof, started, pending_cr;
	int quiet; /* tells the progress line nothing */
	/* fields that are not UTF-8 are read as Windows-1252 (fu_csv_sniff),
	 * into legacy_buf; told once */
	int legacy, legacy_told;
	fu_buf legacy_buf;
	unsigned char *legacy_of; /* per field of the record: 1 read as Windows-1252 */
	size_t legacy_cap;
	long line, col;     /* position of the next byte to feed */
	int in_record, rec_done, skip_line;
	fu_buf fieldbuf, raw;
	size_t *offs, *lens;
	char **fields;
	size_t nf, cap;
	fu_record rec;
	char errbuf[160];
	/* bytes the record scan stops at: STOP_SPECIAL ends an unquoted run
	 * (delimiter, quote, CR, LF, NUL) or a quoted one (quote, CR, LF, NUL),
	 * STOP_UTF8 begins a multi-byte character, checked on the way */
	unsigned char stop[256], qstop[256];
};

static void *capped_realloc(void *p, size_t n)
{
	if (n > FIELD_CAP)
		return NULL;
	return realloc(p, n);
}

static int keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

static void parser_init(fu_csv_reader *r)
{
	/* TSV as spreadsheets write it: a field may be quoted as in CSV, but a
	 * quote inside an unquoted field is just a character (5" screen) */
	int strict = r->delim == '\t' ? 0 : CSV_STRICT;
	if (csv_init(&r->parser, strict | CSV_STRICT_FINI) != 0)
		fu_die(FU_EXIT_USAGE, "out of memory");
	csv_set_delim(&r->parser, (unsigned char)r->delim);
	csv_set_space_func(&r->parser, keep_spaces);
	csv_set_realloc_func(&r->parser, capped_realloc);
}

static void on_field(void *s, size_t len, void *data)
{
	fu_csv_reader *r = data;
	if (r->nf == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->offs = fu_xrealloc(r->offs, r->cap * sizeof *r->offs);
		r->lens = fu_xrealloc(r->lens, r->cap * sizeof *r->lens);
		r->fields = fu_xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	fu_buf *b = &r->fieldbuf;
	fu_buf_reserve(b, len + 1);
	r->offs[r->nf] = b->len;
	r->lens[r->nf] = len;
	memcpy(b->data + b->len, s, len);
	b->len += len + 1;
	b->data[b->len - 1] = '\0';
	r->nf++;
}

static void on_record_end(int c, void *data)
{
	(void)c;
	((fu_csv_reader *)data)->rec_done = 1;
}

fu_csv_reader *fu_csv_open(FILE *fp, const char *name, char delim)
{
	fu_csv_reader *r = fu_xcalloc(1, sizeof *r);
	r->fp = fp;
	r->name = fu_xstrdup(name);
	r->delim = delim ? delim : fu_common.delim;
	r->chunk = fu_xmalloc(CHUNK);
	r->fd = -1;
	fu_progress_input(fp);
	r->line = 1;
	r->col = 1;
	parser_init(r);
	for (int c = 0x80; c < 256; c++)
		r->stop[c] = r->qstop[c] = STOP_UTF8;
	r->stop[(unsigned char)r->delim] = r->stop['"'] = r->stop['\r'] = r->stop['\n'] = r->stop[0] =
		STOP_SPECIAL;
	r->qstop['"'] = r->qstop['\r'] = r->qstop['\n'] = r->qstop[0] = STOP_SPECIAL;
	return r;
}

/* A pipe (or terminal, socket) opened here, its FILE not read yet, is read
 * with read(2): fread would wait for a whole chunk, so rows that have
 * arrived would wait for a slow writer (and the progress line would not
 * count them). */
static void direct_reads(fu_csv_reader *r)
{
	struct stat st;
	int fd = fileno(r->fp);
	if (fd >= 0 && fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
	                                       S_ISCHR(st.st_mode)))
		r->fd = fd;
}

fu_csv_reader *fu_csv_open_path(const char *path, char delim)
{
	if (strcmp(path, "-") == 0) {
		fu_csv_reader *r = fu_csv_open(stdin, "-", delim);
		direct_reads(r);
		return r;
	}
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fu_warn("%s: %s", path, strerror(errno));
		return NULL;
	}
	fu_csv_reader *r = fu_csv_open(fp, path, delim);
	r->own_fp = 1;
	direct_reads(r);
	return r;
}

/* rows not yet told to the progress line, now told: the records after the
 * first (the header) */
static long untold_rows(fu_csv_reader *r)
{
	long long rows = r->nrec > 0 ? r->nrec - 1 : 0;
	long n = (long)(rows - r->nrec_told);
	r->nrec_told = rows;
	return n;
}

void fu_csv_quiet(fu_csv_reader *r)
{
	r->quiet = 1;
}

const char *fu_csv_name(const fu_csv_reader *r)
{
	return r->name;
}

void fu_csv_close(fu_csv_reader *r)
{
	if (!r)
		return;
	if (!r->quiet)
		fu_progress_add(r->name, 0, untold_rows(r));
	if (r->own_fp)
		fclose(r->fp);
	csv_free(&r->parser);
	fu_buf_free(&r->fieldbuf);
	fu_buf_free(&r->raw);
	fu_buf_free(&r->legacy_buf);
	free(r->legacy_of);
	free(r->offs);
	free(r->lens);
	free(r->fields);
	free(r->chunk);
	free(r->name);
	free(r);
}

static void set_error(fu_csv_reader *r, long line, long col, const char *why)
{
	if (r->rec.error)
		return; /* the first error in a record is the one worth telling */
	snprintf(r->errbuf, sizeof r->errbuf, "%s", why);
	r->rec.error = r->errbuf;
	r->rec.error_kind = "malformed quoting";
	r->rec.error_line = line;
	r->rec.error_col = col;
}

static void add_raw(fu_csv_reader *r, const unsigned char *p, size_t n)
{
	if (r->raw.len + n <= FIELD_CAP)
		fu_buf_add(&r->raw, p, n);
}

static int read_chunk(fu_csv_reader *r);

/* Returns 1 when a chunk is available, 0 at end of input, -1 on read error. */
static int fill(fu_csv_reader *r)
{
	/* a loop, as a first chunk that was only a BOM holds nothing */
	while (r->chunk_pos >= r->chunk_len) {
		if (r->eof)
			return 0;
		if (read_chunk(r) < 0)
			return -1;
	}
	return 1;
}

static int read_chunk(fu_csv_reader *r)
{
	/* the rows so far are told before a read that may wait */
	if (!r->quiet)
		fu_progress_add(r->name, 0, untold_rows(r));
	int failed = 0;
	if (r->fd >= 0) {
		ssize_t n;
		while ((n = read(r->fd, r->chunk, CHUNK)) < 0 && errno == EINTR)
			;
		failed = n < 0 ? errno : 0;
		r->chunk_len = n > 0 ? (size_t)n : 0;
	} else {
		r->chunk_len = fread(r->chunk, 1, CHUNK, r->fp);
		failed = r->chunk_len == 0 && ferror(r->fp) ? (errno ? errno : EIO) : 0;
	}
	r->chunk_pos = 0;
	if (!r->quiet)
		fu_progress_add(r->name, r->chunk_len, 0);
	if (r->chunk_len == 0) {
		if (failed) {
			fu_warn_at(r->name, r->line, "read error: %s", strerror(failed));
			return -1;
		}
		r->eof = 1;
		return 0;
	}
	if (!r->started) {
		r->started = 1;
		if (r->chunk_len >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0)
			r->chunk_pos = 3; /* a UTF-8 BOM is not part of the first name */
	}
	return 1;
}

static void finish_record(fu_csv_reader *r)
{
	fu_record *rec = &r->rec;
	for (size_t i = 0; i < r->nf; i++)
		r->fields[i] = r->fieldbuf.data + r->offs[i];
	rec->nfields = r->nf;
	rec->fields = r->fields;
	rec->lens = r->lens;
	/* the record's own line end is not part of its text */
	while (r->raw.len && (r->raw.data[r->raw.len - 1] == '\n' || r->raw.data[r->raw.len - 1] == '\r'))
		r->raw.data[--r->raw.len] = '\0';
	rec->raw = r->raw.data ? r->raw.data : "";
	rec->raw_len = r->raw.len;
	rec->legacy = NULL;
	r->nrec++;
}

static void more_fields(fu_csv_reader *r)
{
	r->cap = r->cap ? r->cap * 2 : 32;
	r->offs = fu_xrealloc(r->offs, r->cap * sizeof *r->offs);
	r->lens = fu_xrealloc(r->lens, r->cap * sizeof *r->lens);
	r->fields = fu_xrealloc(r->fields, r->cap * sizeof *r->fields);
}

static inline void add_field(fu_csv_reader *r, size_t off, size_t len)
{
	if (r->nf == r->cap)
		more_fields(r);
	r->offs[r->nf] = off;
	r->lens[r->nf++] = len;
}

/* The common record read without libcsv: one that starts a line and ends
 * in this chunk, where every quoted field closes before a delimiter or the
 * line end and holds no CR, and no unquoted field holds a quote or any
 * field a NUL.  Returns 1 with the record read, as libcsv would have read
 * it; 0 (nothing consumed) leaves the record to the line-by-line path,
 * which reads it and reports what is wrong with it. */
/* P advanced over bytes that stop none of the scans below: sixteen at a
 * time while sixteen fit before END, to the first delimiter (DELIM), quote,
 * control character (CR, LF, NUL among them) or byte of a multi-byte
 * character; the scans' tables go on from there. */
static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end,
                                      unsigned char delim)
{
#ifdef __SSE2__
	const __m128i d = _mm_set1_epi8((char)delim), quote = _mm_set1_epi8('"'), space = _mm_set1_epi8(' ');
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* below a space as signed bytes: CR, LF, NUL, the other controls
		 * (which stop this only) and the bytes of multi-byte characters */
		__m128i hit = _mm_or_si128(_mm_cmplt_epi8(v, space),
		                           _mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, quote)));
		unsigned m = (unsigned)_mm_movemask_epi8(hit);
		if (m)
			return p + __builtin_ctz(m);
		p += 16;
	}
#else
	(void)end, (void)delim;
#endif
	return p;
}

static int fast_record(fu_csv_reader *r)
{
	const unsigned char *start = r->chunk + r->chunk_pos, *end = r->chunk + r->chunk_len;
	const unsigned char *p = start;
	if (*p == '\n' || *p == '\r')
		return 0; /* a blank line */
	const unsigned char delim = (unsigned char)r->delim;
	fu_buf *b = &r->fieldbuf;
	long lines = 0;
	int utf8 = 1;
	for (;;) {
		if (p == end)
			goto bail;
		if (*p != '"') {
			const unsigned char *f = p;
			for (;;) {
				unsigned char k = 0;
				p = plain_run(p, end, delim);
				while (p < end && !(k = r->stop[*p]))
					p++;
				if (p == end || k == STOP_SPECIAL)
					break;
				int len = fu_utf8_seq(p, (size_t)(end - p));
				if (len < 0)
					goto bail; /* the character is cut by the chunk's end */
				utf8 &= len > 0;
				p += len > 0 ? len : 1;
			}
			if (p == end || *p == '"' || *p == 0)
				goto bail;
			size_t n = (size_t)(p - f);
			fu_buf_reserve(b, n + 1);
			add_field(r, b->len, n);
			memcpy(b->data + b->len, f, n);
			b->len += n;
			b->data[b->len++] = '\0';
		} else {
			size_t off = b->len;
			p++;
			for (;;) {
				const unsigned char *f = p;
				for (;;) {
					unsigned char k = 0;
					p = plain_run(p, end, '"');
					while (p < end && !(k = r->qstop[*p]))
						p++;
					if (p == end)
						goto bail;
					if (*p == '\n') {
						lines++;
						p++;
						continue;
					}
					if (k == STOP_SPECIAL)
						break;
					int len = fu_utf8_seq(p, (size_t)(end - p));
					if (len < 0)
						goto bail;
					utf8 &= len > 0;
					p += len > 0 ? len : 1;
				}
				if (p + 1 >= end || *p != '"')
					goto bail; /* a CR or NUL inside, or the chunk ends */
				fu_buf_add(b, f, (size_t)(p - f));
				if (p[1] != '"')
					break;
				fu_buf_addc(b, '"'); /* "" is a quote */
				p += 2;
			}
			p++;
			if (*p != delim && *p != '\n' && *p != '\r')
				goto bail; /* text after the closing quote */
			fu_buf_addc(b, '\0');
			add_field(r, off, b->len - 1 - off);
		}
		if (*p == delim) {
			p++;
			continue;
		}
		break; /* the line end */
	}
	/* the line end: LF, CRLF or a CR (whose LF may be in the next chunk) */
	const unsigned char *rec_end = p;
	if (*p == '\r') {
		if (p + 1 == end)
			goto bail;
		if (p[1] == '\n')
			p++;
	}
	p++;
	r->rec.line = r->line;
	r->line += lines + 1;
	r->rec.end_line = r->line;
	r->col = 1;
	fu_buf_add(&r->raw, start, (size_t)(rec_end - start));
	r->chunk_pos = (size_t)(p - r->chunk);
	finish_record(r);
	r->rec.utf8_valid = utf8;
	return 1;
bail:
	r->nf = 0;
	fu_buf_clear(b);
	return 0;
}

/* Feed one segment (a piece of a line, ending at most at one line end). */
static void feed(fu_csv_reader *r, const unsigned char *p, size_t n, int ends_line)
{
	add_raw(r, p, n);
	if (!r->skip_line) {
		/* libcsv grows its field buffer by blk_size bytes at a time: on a
		 * field of megabytes that is quadratic copying wherever realloc cannot
		 * extend in place (minutes under ASan).  A step as big as the buffer
		 * makes the growth geometric. */
		if (r->parser.entry_size > r->parser.blk_size)
			csv_set_blk_size(&r->parser, r->parser.entry_size);
		size_t used = csv_parse(&r->parser, p, n, on_field, on_record_end, r);
		if (used < n) {
			int e = csv_error(&r->parser);
			set_error(r, r->line, r->col + (long)used,
			          e == CSV_ENOMEM || e == CSV_ETOOBIG
			              ? "field too long (over 64 MiB; an unterminated quote?)"
			              : "malformed quoting: a quote inside an unquoted field, or "
			                "text after a closing quote");
			/* start afresh at the next line end: the rest of this line belongs
			 * to the bad record */
			csv_free(&r->parser);
			parser_init(r);
			r->skip_line = 1;
		}
	}
	if (ends_line) {
		r->line++;
		r->col = 1;
		if (r->skip_line) {
			r->skip_line = 0;
			r->rec_done = 1;
		}
	} else {
		r->col += (long)n;
	}
}

static int next_record(fu_csv_reader *r, fu_record **out)
{
	fu_buf_clear(&r->fieldbuf);
	fu_buf_clear(&r->raw);
	r->nf = 0;
	r->in_record = r->rec_done = 0;
	memset(&r->rec, 0, sizeof r->rec);

	for (;;) {
		int got = fill(r);
		if (got < 0)
			return -1;
		if (got == 0) {
			if (!r->in_record)
				return 0;
			if (!r->skip_line && csv_fini(&r->parser, on_field, on_record_end, r) != 0) {
				set_error(r, r->rec.line, 0, "unterminated quoted field: it runs to the end of the input");
				csv_free(&r->parser);
				parser_init(r);
			}
			r->skip_line = 0;
			finish_record(r);
			*out = &r->rec;
			return 1;
		}
		if (!r->in_record && !r->pending_cr && !r->skip_line && fast_record(r)) {
			*out = &r->rec;
			return 1;
		}
		const unsigned char *p = r->chunk + r->chunk_pos;
		size_t avail = r->chunk_len - r->chunk_pos;
		if (r->pending_cr) {
			/* a CR ended the previous chunk; an LF now is part of that line end */
			r->pending_cr = 0;
			if (p[0] == '\n') {
				r->chunk_pos++;
				if (r->in_record) {
					add_raw(r, p, 1);
					if (!r->skip_line)
						csv_parse(&r->parser, p, 1, on_field, on_record_end, r);
				}
				continue;
			}
		}
		/* the first LF, CR or NUL: memchr is much faster than a byte loop */
		size_t i = avail;
		const unsigned char *hit = memchr(p, '\n', i);
		if (hit)
			i = (size_t)(hit - p);
		if ((hit = memchr(p, '\r', i)) != NULL)
			i = (size_t)(hit - p);
		if (!r->skip_line && (hit = memchr(p, '\0', i)) != NULL)
			i = (size_t)(hit - p);
		if (i < avail && p[i] == '\0' && !r->skip_line) {
			/* a NUL byte is no text: the record is bad, kept for the reject
			 * report, and the rest of its line is skipped in one piece (byte
			 * by byte, a run of NULs took quadratic time) */
			if (!r->in_record) {
				r->in_record = 1;
				r->rec.line = r->line;
			}
			if (r->nrec == 0) {
				/* in the header: a binary file (or UTF-16), not CSV text */
				set_error(r, r->line, r->col + (long)i, "binary data (NUL byte): not CSV text");
				feed(r, p, i, 0);
				r->chunk_pos = r->chunk_len; /* and nothing after it is read */
				r->eof = 1;
				csv_free(&r->parser);
				parser_init(r);
				finish_record(r);
				*out = &r->rec;
				return 1;
			}
			set_error(r, r->line, r->col + (long)i, "NUL byte in input");
			feed(r, p, i + 1, 0);
			csv_free(&r->parser);
			parser_init(r);
			r->skip_line = 1;
			r->chunk_pos += i + 1;
			continue;
		}
		if (r->skip_line && r->col > (long)FIELD_CAP) {
			/* a bad record whose line runs on for 64 MiB without an end
			 * (/dev/zero, a binary file): no text follows */
			fu_warn_at(r->name, r->rec.line, "binary data: a bad record runs on for 64 MiB without a line end; reading stops");
			return -1;
		}
		int ends_line = i < avail;
		size_t seg = i;
		if (ends_line) {
			seg = i + 1;
			if (p[i] == '\r') {
				if (i + 1 < avail) {
					if (p[i + 1] == '\n')
						seg = i + 2;
				} else {
					r->pending_cr = 1;
				}
			}
		}
		if (!r->in_record) {
			if (ends_line && i == 0) { /* a blank line between records */
				r->chunk_pos += seg;
				r->line++;
				continue;
			}
			r->in_record = 1;
			r->rec.line = r->line;
		}
		feed(r, p, seg, ends_line);
		r->chunk_pos += seg;
		if (r->rec_done) {
			finish_record(r);
			*out = &r->rec;
			return 1;
		}
	}
}

/* Windows-1252's characters at 0x80-0x9F (0: a byte it leaves undefined,
 * read as U+FFFD); 0xA0-0xFF are U+00A0-U+00FF as in Latin-1 */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static void add_cp1252(fu_buf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c >= 0x80 && c < 0xA0)
			c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
		if (c < 0x80) {
			fu_buf_addc(b, (char)c);
		} else if (c < 0x800) {
			fu_buf_addc(b, (char)(0xC0 | c >> 6));
			fu_buf_addc(b, (char)(0x80 | (c & 0x3F)));
		} else {
			fu_buf_addc(b, (char)(0xE0 | c >> 12));
			fu_buf_addc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
			fu_buf_addc(b, (char)(0x80 | (c & 0x3F)));
		}
	}
}

/* A field that is not UTF-8 in a file a spreadsheet saved as its plain
 * "CSV" (Windows-1252 wherever Excel runs on Windows in a Western locale):
 * read as Windows-1252, whose bytes above 0x7F are all letters and signs,
 * so the row (an opt-out typed with "Müller" in its note) is kept.  A
 * field that is valid UTF-8 stays as it is: a log a program appends to in
 * UTF-8 after Excel saved it has both. */
static void read_legacy(fu_csv_reader *r, fu_record *rec)
{
	if (rec->error || rec->utf8_valid)
		return;
	size_t need = 0;
	for (size_t i = 0; i < rec->nfields; i++)
		if (!fu_utf8_valid(rec->fields[i], rec->lens[i]))
			need += 3 * rec->lens[i] + 1;
	if (need == 0) {
		rec->utf8_valid = 1;
		return;
	}
	fu_buf *b = &r->legacy_buf;
	fu_buf_clear(b);
	fu_buf_reserve(b, need); /* no move while the fields below point into it */
	if (r->legacy_cap < rec->nfields) {
		r->legacy_cap = rec->nfields;
		r->legacy_of = fu_xrealloc(r->legacy_of, r->legacy_cap);
	}
	memset(r->legacy_of, 0, rec->nfields);
	rec->legacy = r->legacy_of;
	for (size_t i = 0; i < rec->nfields; i++) {
		if (fu_utf8_valid(rec->fields[i], rec->lens[i]))
			continue;
		r->legacy_of[i] = 1;
		if (!r->legacy_told) {
			size_t at = 0;
			const unsigned char *f = (const unsigned char *)rec->fields[i];
			while (at < rec->lens[i] && fu_utf8_seq(f + at, rec->lens[i] - at) > 0)
				at += (size_t)fu_utf8_seq(f + at, rec->lens[i] - at);
			fu_warn_at(r->name, rec->line,
			           "not UTF-8 (byte 0x%02X in field %zu): read as Windows-1252, as a "
			           "spreadsheet saves plain \"CSV\" (so is any field that is not UTF-8); "
			           "save it as \"CSV UTF-8\" to be sure of every character",
			           at < rec->lens[i] ? f[at] : 0, i + 1);
			r->legacy_told = 1;
		}
		size_t off = b->len;
		add_cp1252(b, (const unsigned char *)rec->fields[i], rec->lens[i]);
		rec->lens[i] = b->len - off;
		fu_buf_addc(b, '\0');
		rec->fields[i] = b->data + off;
	}
	rec->utf8_valid = 1;
}

int fu_csv_next(fu_csv_reader *r, fu_record **out)
{
	int got = next_record(r, out);
	if (got == 1 && r->legacy)
		read_legacy(r, *out);
	return got;
}

static void set_delim(fu_csv_reader *r, char delim)
{
	r->stop[(unsigned char)r->delim] = 0;
	r->delim = delim;
	r->stop[(unsigned char)delim] = STOP_SPECIAL;
	csv_free(&r->parser);
	parser_init(r);
}

/* Is the line [P, END) Excel's "sep=X" (X one of , ; tab |), maybe quoted? */
static int excel_sep(const unsigned char *p, const unsigned char *end, char *delim)
{
	int quoted = p < end && *p == '"';
	p += quoted;
	if (end - p < 5 + quoted || strncasecmp((const char *)p, "sep=", 4) != 0 || !strchr(",;\t|", p[4]) ||
	    !p[4])
		return 0;
	if (quoted && p[5] != '"')
		return 0;
	if (p + 5 + quoted != end)
		return 0;
	*delim = (char)p[4];
	return 1;
}

char fu_csv_sniff(fu_csv_reader *r)
{
	r->legacy = 1;
	if (r->delim != ',' || fill(r) <= 0)
		return r->delim;
	/* the first line whole (a pipe may hand it on in pieces) */
	for (;;) {
		const unsigned char *p = r->chunk + r->chunk_pos;
		size_t avail = r->chunk_len - r->chunk_pos;
		if (memchr(p, '\n', avail) || memchr(p, '\r', avail) || r->eof || r->chunk_len == CHUNK)
			break;
		ssize_t n;
		if (r->fd >= 0) {
			while ((n = read(r->fd, r->chunk + r->chunk_len, CHUNK - r->chunk_len)) < 0 && errno == EINTR)
				;
		} else {
			n = (ssize_t)fread(r->chunk + r->chunk_len, 1, CHUNK - r->chunk_len, r->fp);
		}
		if (n <= 0)
			break; /* the end, or an error the next read reports */
		if (!r->quiet)
			fu_progress_add(r->name, (size_t)n, 0);
		r->chunk_len += (size_t)n;
	}
	const unsigned char *p = r->chunk + r->chunk_pos, *end = r->chunk + r->chunk_len, *q;
	size_t commas = 0, semis = 0, tabs = 0;
	int inq = 0;
	for (q = p; q < end && (inq || (*q != '\n' && *q != '\r')); q++) {
		if (*q == '"')
			inq = !inq;
		else if (!inq)
			commas += *q == ',', semis += *q == ';', tabs += *q == '\t';
	}
	char delim = ',';
	if (excel_sep(p, q, &delim)) {
		/* its line end stays: a blank line to the reader, counted */
		r->chunk_pos = (size_t)(q - r->chunk);
		set_delim(r, delim);
		return delim;
	}
	if (commas || (!semis && !tabs))
		return ',';
	delim = semis >= tabs ? ';' : '\t';
	set_delim(r, delim);
	fu_warn("%s: fields separated by %s, not commas (as a spreadsheet saves \"CSV\" where the "
	        "decimal separator is a comma): read so",
	        strcmp(r->name, "-") ? r->name : "<stdin>", delim == ';' ? "';'" : "tabs");
	return delim;
}

int fu_record_check_width(fu_record *rec, size_t want)
{
	if (rec->error)
		return 0;
	if (rec->nfields == want)
		return 1;
	static char why[96];
	snprintf(why, sizeof why, "%zu fields, the header has %zu", rec->nfields, want);
	rec->error = why;
	rec->error_kind = "wrong number of fields";
	rec->error_line = rec->line;
	return 0;
}

/* Length of a valid UTF-8 sequence at s (n bytes left), 0 if invalid, or -1 if
 * the bytes so far are valid but the sequence is cut off by the end. */
int fu_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	int len;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	for (int k = 1; k < len; k++) {
		if ((size_t)k >= n)
			return -1;
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	}
	if (len == 3 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F)))
		return 0;
	if (len == 4 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F)))
		return 0;
	return len;
}

const char *fu_address_unsure(const fu_record *rec, long i)
{
	if (i < 0 || (size_t)i >= rec->nfields)
		return NULL;
	if (rec->legacy && rec->legacy[i])
		return "was not UTF-8 (read as Windows-1252, a guess: the mailbox may be another's)";
	if (memmem(rec->fields[i], rec->lens[i], "\xEF\xBF\xBD", 3))
		return "holds U+FFFD, a byte that was not UTF-8 and was replaced (the file was read "
		       "in another encoding than its own)";
	return NULL;
}

int fu_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) { /* the common case, without a call */
			i++;
			continue;
		}
		int k = fu_utf8_seq(s + i, n - i);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

int fu_record_check(fu_record *rec, size_t width)
{
	return fu_record_check_width(rec, width) && fu_record_check_utf8(rec);
}

static void warn_record(const char *kind, const char *file, const fu_record *rec, const char *fmt,
                        va_list ap)
{
	char why[1024];
	vsnprintf(why, sizeof why, fmt, ap);
	int at_col = rec->error && rec->error_col > 0;
	long line = at_col && rec->error_line ? rec->error_line : rec->line;
	fu_warn_capped(kind, file, line, at_col ? rec->error_col : 0, "%s", why);
}

void fu_warn_record(const char *file, const fu_record *rec, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	warn_record(NULL, file, rec, fmt, ap);
	va_end(ap);
}

void fu_warn_record_capped(const char *kind, const char *file, const fu_record *rec, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	warn_record(kind, file, rec, fmt, ap);
	va_end(ap);
}

int fu_record_check_utf8(fu_record *rec)
{
	if (rec->error)
		return 0;
	if (rec->utf8_valid)
		return 1;
	for (size_t i = 0; i < rec->nfields; i++) {
		if (!fu_utf8_valid(rec->fields[i], rec->lens[i])) {
			static char why[64];
			snprintf(why, sizeof why, "invalid UTF-8 in field %zu", i + 1);
			rec->error = why;
			rec->error_kind = "invalid UTF-8";
			rec->error_line = rec->line;
			return 0;
		}
	}
	return 1;
}

void fu_header_free(fu_header *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->names[i]);
	free(h->names);
	h->names = NULL;
	h->n = 0;
}

long fu_header_find(const fu_header *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->names[i], name) == 0)
			return (long)i;
	return -1;
}

int fu_csv_read_header(fu_csv_reader *r, fu_header *hdr)
{
	fu_record *rec;
	hdr->n = 0;
	hdr->names = NULL;
	int got = fu_csv_next(r, &rec);
	if (got < 0)
		return -1;
	if (got == 0) {
		fu_warn_at(r->name, 0, "empty input: no header row");
		return 1;
	}
	if (rec->error || !fu_record_check_utf8(rec)) {
		fu_warn_at_col(r->name, rec->error_line ? rec->error_line : rec->line,
		               rec->error_col, "header: %s", rec->error);
		return -1;
	}
	hdr->n = rec->nfields;
	hdr->names = fu_xcalloc(hdr->n, sizeof *hdr->names);
	for (size_t i = 0; i < hdr->n; i++)
		hdr->names[i] = fu_xstrdup(rec->fields[i]);
	/* Duplicates by a hash map, so that a header of 100,000 columns takes
	 * linear time.  Names enter the map in column order and the first
	 * duplicate stops the loop: a name's map index is its first column. */
	fu_map seen;
	fu_map_init(&seen);
	for (size_t i = 0; i < hdr->n; i++) {
		if (hdr->names[i][0] == '\0') {
			fu_warn_at(r->name, rec->line, "header: column %zu has no name", i + 1);
			goto bad;
		}
		int added;
		size_t first = fu_map_put(&seen, hdr->names[i], strlen(hdr->names[i]), &added);
		if (!added) {
			fu_warn_at(r->name, rec->line, "header: duplicate column name '%s' (columns %zu and %zu)",
			           hdr->names[i], first + 1, i + 1);
			goto bad;
		}
	}
	fu_map_free(&seen);
	return 0;
bad:
	fu_map_free(&seen);
	fu_header_free(hdr);
	return -1;
}

/* ---- writing ------------------------------------------------------------ */

void fu_csv_writer_init(fu_csv_writer *w, FILE *fp, int excel_safe)
{
	w->fp = fp;
	w->excel_safe = excel_safe;
	w->col = 0;
	w->len = 0;
	w->jsonl = w->have_keys = 0;
	w->nkeys = w->keys_at = 0;
	memset(w->buf, 0, sizeof w->buf); /* fu_csv_field reads past a field in it */
	if (fp == stdout && fu_common.jsonl)
		fu_csv_writer_jsonl(w); /* --ojsonl is about standard output */
}

static void jsonl_field(fu_csv_writer *w, const char *s, size_t n);
static void jsonl_endrow(fu_csv_writer *w);

static void flush_row(fu_csv_writer *w)
{
	fwrite_unlocked(w->buf, 1, w->len, w->fp);
	w->len = 0;
}

static void put(fu_csv_writer *w, const char *p, size_t n)
{
	if (w->len + n > sizeof w->buf) {
		flush_row(w);
		if (n > sizeof w->buf) { /* a long field goes straight through */
			fwrite_unlocked(p, 1, n, w->fp);
			return;
		}
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void putch(fu_csv_writer *w, char c)
{
	if (w->len == sizeof w->buf)
		flush_row(w);
	w->buf[w->len++] = c;
}

/* Does a field hold a byte that forces quoting: , " LF CR?  Sixteen bytes
 * at a time with SSE2 (every x86-64 has it), else eight in a word (a word
 * has a byte equal to C when word ^ C*0x01.. has a zero byte), as every
 * field of every row written comes here. */
#ifdef __SSE2__
/* the bytes of P[0..16) that force quoting, one bit each */
static unsigned special16(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
	                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
	                           _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
	                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
	return (unsigned)_mm_movemask_epi8(hit);
}

static int needs_quotes(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 16 <= n; i += 16)
		if (special16(s + i))
			return 1;
	if (i == n)
		return 0;
	char tail[16] = {0}; /* the rest, padded with bytes that are not special */
	memcpy(tail, s + i, n - i);
	return special16(tail) != 0;
}
#else
static int needs_quotes(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t a = w ^ (ones * ','), b = w ^ (ones * '"'), c = w ^ (ones * '\n'),
		         d = w ^ (ones * '\r');
		if (((a - ones) & ~a & highs) | ((b - ones) & ~b & highs) | ((c - ones) & ~c & highs) |
		    ((d - ones) & ~d & highs))
			return 1;
	}
	for (; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			return 1;
	return 0;
}
#endif

#ifdef __SSE2__
/* Does D[0..N) hold a byte that forces quoting, D being in a buffer that
 * has sixteen more bytes after it to read? */
static int special_before(const char *d, size_t n)
{
	for (size_t i = 0; i < n; i += 16) {
		unsigned m = special16(d + i);
		if (n - i < 16)
			m &= (1u << (n - i)) - 1;
		if (m)
			return 1;
	}
	return 0;
}
#endif

static void field_text(fu_csv_writer *w, const char *s, size_t n);

void fu_csv_field(fu_csv_writer *w, const char *s, size_t n)
{
	if (n == 0 && !w->jsonl && w->len < sizeof w->buf) { /* an empty field: its comma at most */
		if (w->col++)
			w->buf[w->len++] = ',';
		return;
	}
	field_text(w, s, n);
}

/* fu_csv_field, apart so that an empty field costs it little */
static __attribute__((noinline)) void field_text(fu_csv_writer *w, const char *s, size_t n)
{
	if (w->jsonl) {
		jsonl_field(w, s, n);
		return;
	}
#ifdef __SSE2__
	/* the common field, written as it is: copied into the row first and
	 * looked at there, where the bytes after it can be read (the buffer was
	 * zeroed once); a field that must be quoted is taken back, below */
	if (w->len + 1 + n + 16 <= sizeof w->buf) {
		char *d = w->buf + w->len;
		if (w->col)
			*d++ = ',';
		memcpy(d, s, n);
		int formula = w->excel_safe && n > 0 &&
		              (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
		               s[0] == '\r');
		if (!formula && !special_before(d, n)) {
			w->col++;
			w->len = (size_t)(d + n - w->buf);
			return;
		}
	}
#endif
	if (w->col++)
		putch(w, ',');
	int quote = needs_quotes(s, n);
	/* OWASP CSV injection: a spreadsheet would run these as formulas */
	int neutralise = w->excel_safe && n > 0 &&
	                 (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	                  s[0] == '\t' || s[0] == '\r');
	if (!quote && !neutralise) {
		put(w, s, n);
		return;
	}
	putch(w, '"');
	if (neutralise)
		putch(w, '\'');
	const char *start = s, *end = s + n;
	const char *q;
	while ((q = memchr(start, '"', (size_t)(end - start))) != NULL) {
		put(w, start, (size_t)(q - start) + 1);
		putch(w, '"');
		start = q + 1;
	}
	put(w, start, (size_t)(end - start));
	putch(w, '"');
}

void fu_csv_fields(fu_csv_writer *w, const char *s)
{
	fu_csv_field(w, s, strlen(s));
}

void fu_csv_endrow(fu_csv_writer *w)
{
	if (w->jsonl) {
		jsonl_endrow(w);
		return;
	}
	putch(w, '\n');
	flush_row(w);
	w->col = 0;
}

void fu_csv_row(fu_csv_writer *w, char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fu_csv_fields(w, fields[i]);
	fu_csv_endrow(w);
}

void fu_csv_row_bufs(fu_csv_writer *w, const fu_buf *v, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	/* field_text's common case in the loop, the row's place in locals: a
	 * row of many fields, most short or empty, paid a call or two for each */
	if (!w->jsonl && !w->excel_safe) {
		char *buf = w->buf;
		size_t at = w->len, col = w->col;
		for (; i < n; i++) {
			size_t len = v[i].len;
			if (at + 1 + len + 16 > sizeof w->buf)
				break;
			char *d = buf + at;
			if (col)
				*d++ = ',';
			if (len) {
				memcpy(d, v[i].data, len);
				unsigned m = 0;
				for (size_t k = 0; k < len && !m; k += 16) {
					m = special16(d + k);
					if (len - k < 16)
						m &= (1u << (len - k)) - 1;
				}
				if (m) { /* to be quoted: field_text writes it again */
					w->len = at;
					w->col = col;
					field_text(w, v[i].data, len);
					at = w->len;
					col = w->col;
					continue;
				}
			}
			col++;
			at = (size_t)(d + len - buf);
		}
		w->len = at;
		w->col = col;
	}
#endif
	for (; i < n; i++)
		fu_csv_field(w, v[i].data ? v[i].data : "", v[i].len);
	fu_csv_endrow(w);
}

/* ---- JSON Lines --------------------------------------------------------- */

/* The keys of every JSON Lines writer, kept for the life of the process (a
 * program has one or two writers): each key as its JSON text with quotes
 * and colon, "name":, and whether its column is numeric by contract. */
static fu_buf key_text;
static size_t *key_off, *key_len, nkeys_all, key_cap;
static unsigned char *key_numeric;

void fu_csv_writer_jsonl(fu_csv_writer *w)
{
	w->jsonl = 1;
	w->have_keys = 0;
	w->nkeys = 0;
	w->keys_at = nkeys_all;
}

/* A JSON string of the UTF-8 text s: control characters, quote and
 * backslash escaped, U+2028/U+2029 too (JavaScript reads JSON text with
 * them as line ends), a byte that is not UTF-8 becomes U+FFFD. */
typedef void json_sink(void *to, const char *p, size_t n);

static void json_string(const char *s, size_t n, json_sink *put, void *w)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	put(w, "\"", 1);
	size_t run = 0; /* start of the bytes not yet written */
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			continue;
		}
		int k = c < 0x80 ? 1 : fu_utf8_seq(u + i, n - i);
		if (k > 1 && !(k == 3 && c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))) {
			i += (size_t)k;
			continue;
		}
		put(w, s + run, i - run);
		if (k == 3) { /* U+2028 or U+2029 */
			put(w, u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
			i += 3;
		} else if (k <= 0) {
			put(w, "\xEF\xBF\xBD", 3);
			i++;
		} else {
			const char *esc = NULL;
			switch (c) {
			case '"': esc = "\\\""; break;
			case '\\': esc = "\\\\"; break;
			case '\n': esc = "\\n"; break;
			case '\r': esc = "\\r"; break;
			case '\t': esc = "\\t"; break;
			case '\b': esc = "\\b"; break;
			case '\f': esc = "\\f"; break;
			}
			if (esc) {
				put(w, esc, 2);
			} else {
				char u4[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
				put(w, u4, 6);
			}
			i++;
		}
		run = i;
	}
	put(w, s + run, n - run);
	put(w, "\"", 1);
}

static void to_writer(void *w, const char *p, size_t n)
{
	put(w, p, n);
}

static void to_buf(void *b, const char *p, size_t n)
{
	fu_buf_add(b, p, n);
}

/* Is s, as it stands, a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		size_t at = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == at)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t at = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == at)
			return 0;
	}
	return i == n;
}

static void jsonl_key(fu_csv_writer *w, const char *s, size_t n)
{
	if (nkeys_all == key_cap) {
		key_cap = key_cap ? key_cap * 2 : 64;
		key_off = fu_xrealloc(key_off, key_cap * sizeof *key_off);
		key_len = fu_xrealloc(key_len, key_cap * sizeof *key_len);
		key_numeric = fu_xrealloc(key_numeric, key_cap);
	}
	key_off[nkeys_all] = key_text.len;
	json_string(s, n, to_buf, &key_text);
	fu_buf_addc(&key_text, ':');
	key_len[nkeys_all] = key_text.len - key_off[nkeys_all];
	char *name = fu_xstrndup(s, n);
	key_numeric[nkeys_all] = (unsigned char)fu_column_numeric(name);
	free(name);
	nkeys_all++;
	w->nkeys++;
}

static void jsonl_field(fu_csv_writer *w, const char *s, size_t n)
{
	size_t k = w->col++;
	if (!w->have_keys) {
		jsonl_key(w, s, n);
		return;
	}
	putch(w, k ? ',' : '{');
	if (k < w->nkeys) {
		size_t at = w->keys_at + k;
		put(w, key_text.data + key_off[at], key_len[at]);
		if (key_numeric[at] && n == 0) {
			put(w, "null", 4);
			return;
		}
		if (key_numeric[at] && json_number(s, n)) {
			put(w, s, n);
			return;
		}
	} else { /* a row longer than the header: the key is the column's number */
		char key[32];
		int len = snprintf(key, sizeof key, "\"%zu\":", k + 1);
		put(w, key, (size_t)len);
	}
	json_string(s, n, to_writer, w);
}

static void jsonl_endrow(fu_csv_writer *w)
{
	if (!w->have_keys) {
		w->have_keys = 1; /* the keys' row is not written */
		w->col = 0;
		return;
	}
	if (w->col == 0)
		putch(w, '{');
	putch(w, '}');
	putch(w, '\n');
	flush_row(w);
	w->col = 0;
}

/* Dialect detection for fu-import: the encoding from byte order marks and
 * UTF-8 validity of a sample, the delimiter from how often each candidate
 * appears (outside quotes) in the sample's records, and a stream that
 * converts the input to UTF-8 with iconv in fixed-size pieces, so memory
 * stays flat however large the input is. */
#include "dialect.h"
#include "fu.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { SAMPLE = 256 * 1024, OUTCHUNK = 64 * 1024 };

struct stream {
	FILE *in;
	unsigned char *buf; /* raw input not yet handed on */
	size_t len, pos;
	int eof;
	iconv_t cd; /* (iconv_t)-1: no conversion */
	size_t unit; /* bytes skipped on an invalid sequence */
	fu_dialect *d;
	const char *name;
};

const char *dialect_delim_name(char c)
{
	switch (c) {
	case ',': return "','";
	case ';': return "';'";
	case '\t': return "tab";
	case '|': return "'|'";
	default: return "?";
	}
}

/* ---- encoding ------------------------------------------------------------ */

/* Windows-1252 leaves these bytes undefined: ISO-8859-1 reads them as C1
 * control characters, which are never text */
static int undefined_1252(unsigned char c)
{
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

static int ascii_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Mac Roman (Excel for Mac's "CSV (Macintosh)", usually with CR line ends)
 * has its accented letters at 0x80-0x9F, where Windows-1252 has
 * punctuation, a few letters (Š š Œ œ Ž ž) and holes, and ISO-8859-1 C1
 * controls; Windows-1252's and Latin-1's letters are at 0xC0-0xFF.  A byte
 * beside an ASCII letter is part of a word, so a letter: the range most
 * such bytes are in tells the two apart.  0x80 (Ä, €) and 0x85 (Ö, …) count
 * only before a lower-case letter (a capital's place), 0x91-0x97 not at all
 * (‘’“”•–— in Windows-1252: "don’t" is common). */
static void count_word_bytes(const unsigned char *s, size_t n, size_t i, size_t *mac, size_t *latin)
{
	unsigned char c = s[i];
	int before = i > 0 && ascii_letter(s[i - 1]);
	int after = i + 1 < n && ascii_letter(s[i + 1]);
	if (c >= 0xC0 && c != 0xD7 && c != 0xF7) {
		*latin += before || after;
	} else if (c == 0x80 || c == 0x85) {
		*mac += after && s[i + 1] >= 'a';
	} else if (c >= 0x81 && c <= 0x9F && !(c >= 0x91 && c <= 0x97)) {
		*mac += before || after;
	}
}

static void guess_encoding(const unsigned char *s, size_t n, int at_eof, fu_dialect *d)
{
	size_t multi = 0, bad = 0, first_bad = 0, undefined1252 = 0, mac = 0, latin = 0;
	size_t cr_alone = 0, lf = 0;
	long line = 1, bad_line = 0;
	for (size_t i = 0; i < n;) {
		int k = fu_utf8_seq(s + i, n - i);
		if (k < 0 && !at_eof)
			break; /* cut off by the end of the sample */
		if (s[i] == '\n')
			line++, lf++;
		else if (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'))
			cr_alone++;
		if (k <= 0) {
			if (bad++ == 0) {
				first_bad = i;
				bad_line = line;
			}
			undefined1252 += undefined_1252(s[i]);
			count_word_bytes(s, n, i, &mac, &latin);
			i++;
			continue;
		}
		if (k > 1)
			multi++;
		i += (size_t)k;
	}
	int cr_only = cr_alone && !lf;
	if (cr_only)
		bad_line = 0; /* lines are not counted by LF */
	char at[40] = "";
	if (bad_line)
		snprintf(at, sizeof at, " on line %ld", bad_line);
	if (bad == 0) {
		strcpy(d->encoding, "UTF-8");
		d->provisional = !multi && !at_eof;
		snprintf(d->enc_why, sizeof d->enc_why, "the first %zu bytes are valid UTF-8%s", n,
		         multi ? "" : at_eof ? " (plain ASCII)"
		                 : " (plain ASCII: the first byte that is not UTF-8 would switch to WINDOWS-1252)");
	} else if (multi > 0) {
		/* real UTF-8 with some broken bytes: the rows holding them are bad */
		strcpy(d->encoding, "UTF-8");
		snprintf(d->enc_why, sizeof d->enc_why,
		         "%zu valid UTF-8 sequences, so the %zu invalid bytes (first 0x%02X%s) "
		         "are errors, not a legacy encoding",
		         multi, bad, s[first_bad], at);
	} else if (mac > latin || (cr_only && mac > 0 && mac == latin)) {
		strcpy(d->encoding, "MACINTOSH");
		snprintf(d->enc_why, sizeof d->enc_why,
		         "not UTF-8 (byte 0x%02X%s); %zu bytes in words are Mac Roman letters "
		         "(0x80-0x9F), %zu Windows-1252 ones%s: Mac Roman (Excel for Mac's CSV)",
		         s[first_bad], at, mac, latin, cr_only ? ", CR line ends" : "");
	} else if (undefined1252) {
		strcpy(d->encoding, "ISO-8859-1");
		snprintf(d->enc_why, sizeof d->enc_why,
		         "not UTF-8 (byte 0x%02X%s) and has bytes Windows-1252 leaves undefined",
		         s[first_bad], at);
	} else {
		strcpy(d->encoding, "WINDOWS-1252");
		snprintf(d->enc_why, sizeof d->enc_why,
		         "not UTF-8 (byte 0x%02X%s, no multi-byte UTF-8 sequence anywhere)",
		         s[first_bad], at);
	}
}

/* ---- delimiter and line ends -------------------------------------------- */

static const char cands[] = {',', ';', '\t', '|'};
enum { NCAND = 4, MAXREC = 50, TITLE_SCAN = 10 };

static void guess_dialect(const char *s, size_t n, int at_eof, char force_delim, fu_dialect *d)
{
	size_t counts[MAXREC][NCAND];
	size_t nrec = 0, crlf = 0, lf = 0, cr = 0;
	int inq = 0;
	memset(counts, 0, sizeof counts);
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3, n -= 3;
	size_t i = 0;
	for (; i < n && nrec < MAXREC; i++) {
		char c = s[i];
		if (c == '"') {
			inq = !inq;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				crlf++, i++;
			else if (c == '\r')
				cr++;
			else
				lf++;
			if (!inq)
				nrec++;
		} else if (!inq) {
			for (int k = 0; k < NCAND; k++)
				if (c == cands[k])
					counts[nrec][k]++;
		}
	}
	if (at_eof && i == n && nrec < MAXREC && n > 0 && s[n - 1] != '\n' && s[n - 1] != '\r')
		nrec++; /* a last record without a line end */
	d->line_ends = (crlf + lf + cr == 0)            ? "none"
	               : (crlf && !lf && !cr)           ? "CRLF"
	               : (lf && !crlf && !cr)           ? "LF"
	               : (cr && !crlf && !lf)           ? "CR"
	                                                : "mixed";
	if (force_delim) {
		d->delim = force_delim;
		snprintf(d->delim_why, sizeof d->delim_why, "given by --delimiter");
		return;
	}
	/* a title above the table ("Customers 2026", a blank line) has no
	 * delimiter: the first record that has one is the header to count
	 * from, when most of the records after it agree with it */
	size_t h0 = 0;
	int none = 1;
	for (int k = 0; k < NCAND; k++)
		none &= counts[0][k] == 0;
	for (size_t r = 1; none && r < nrec && r < TITLE_SCAN; r++)
		for (int k = 0; k < NCAND; k++) {
			size_t agree = 0, h = counts[r][k];
			if (h == 0)
				continue;
			for (size_t q = r + 1; q < nrec; q++)
				agree += counts[q][k] == h;
			if (agree > 0 && 2 * agree >= nrec - r - 1) {
				h0 = r;
				none = 0;
				break;
			}
		}
	int best = -1;
	size_t best_agree = 0, best_n = 0;
	for (int k = 0; k < NCAND; k++) {
		size_t h = counts[h0][k], agree = 0;
		if (h == 0)
			continue;
		for (size_t r = h0 + 1; r < nrec; r++)
			if (counts[r][k] == h)
				agree++;
		if (best < 0 || agree > best_agree || (agree == best_agree && h > best_n)) {
			best = k;
			best_agree = agree;
			best_n = h;
		}
	}
	if (best < 0) {
		d->delim = ',';
		snprintf(d->delim_why, sizeof d->delim_why,
		         "the header has none of ',' ';' tab '|': one column, taken as ','");
		return;
	}
	d->delim = cands[best];
	fu_buf others = {0};
	for (int k = 0; k < NCAND; k++)
		if (k != best && counts[h0][k])
			fu_buf_printf(&others, "%s%zu %s", others.len ? ", " : "", counts[h0][k],
			              dialect_delim_name(cands[k]));
	snprintf(d->delim_why, sizeof d->delim_why,
	         "the %s has %zu %s (%s), and %zu of the next %zu records have as many",
	         h0 ? "first record with a delimiter (below a title)" : "header", best_n,
	         dialect_delim_name(cands[best]), others.len ? others.data : "no other candidate",
	         best_agree, nrec > h0 ? nrec - h0 - 1 : 0);
	fu_buf_free(&others);
}

/* ---- the converting stream ---------------------------------------------- */

static int refill(struct stream *st)
{
	if (st->eof)
		return 0;
	if (st->pos > 0) {
		memmove(st->buf, st->buf + st->pos, st->len - st->pos);
		st->len -= st->pos;
		st->pos = 0;
	}
	size_t got = fread(st->buf + st->len, 1, SAMPLE - st->len, st->in);
	if (got == 0) {
		if (ferror(st->in))
			st->d->read_errno = errno ? errno : EIO;
		st->eof = 1;
		return 0;
	}
	st->len += got;
	return 1;
}

/* The input looked like plain ASCII.  Look at the K bytes about to be handed
 * on: the first valid multi-byte UTF-8 sequence settles UTF-8; the first
 * byte that is not UTF-8 switches the rest of the input to Windows-1252 (or
 * Mac Roman for bytes 1252 leaves undefined), which reads everything before
 * it, being ASCII, the same.  Returns 1 when the caller must look again
 * (switched, or a sequence cut by the buffer's end was completed), else 0
 * with K cut to the bytes that are safe to copy. */
static int provisional_check(struct stream *st, size_t *k)
{
	const unsigned char *b = st->buf + st->pos;
	for (size_t i = 0; i < *k; i++) {
		if (b[i] < 0x80)
			continue;
		int seq = fu_utf8_seq(b + i, st->len - st->pos - i);
		if (seq > 0) {
			st->d->provisional = 0; /* real UTF-8 */
			return 0;
		}
		if (i > 0) { /* hand on the ASCII before it first */
			*k = i;
			return 0;
		}
		if (seq < 0 && !st->eof) {
			size_t before = st->len - st->pos;
			refill(st);
			if (st->len - st->pos > before)
				return 1;
		}
		/* a byte Windows-1252 leaves undefined is a letter in Mac Roman,
		 * and a control character (never text) in ISO-8859-1 */
		const char *enc = undefined_1252(b[0]) ? "MACINTOSH" : "WINDOWS-1252";
		st->cd = iconv_open("UTF-8", enc);
		st->d->provisional = 0;
		if (st->cd == (iconv_t)-1)
			return 0; /* cannot happen with glibc; the bytes stay invalid UTF-8 */
		snprintf(st->d->switched, sizeof st->d->switched, "%s", enc);
		return 1;
	}
	return 0;
}

static ssize_t stream_read(void *cookie, char *out, size_t size)
{
	struct stream *st = cookie;
	size_t done = 0;
	while (done < size) {
		if (st->pos == st->len) {
			int r = refill(st);
			if (r < 0)
				return done ? (ssize_t)done : -1;
			if (r == 0)
				break;
		}
		if (st->cd == (iconv_t)-1) {
			size_t k = st->len - st->pos;
			if (k > size - done)
				k = size - done;
			if (st->d->provisional) {
				int r = provisional_check(st, &k);
				if (r > 0)
					continue; /* switched, or more bytes needed */
			}
			memcpy(out + done, st->buf + st->pos, k);
			st->pos += k;
			done += k;
			continue;
		}
		char *ip = (char *)st->buf + st->pos, *op = out + done;
		size_t il = st->len - st->pos, ol = size - done;
		size_t rc = iconv(st->cd, &ip, &il, &op, &ol);
		int e = errno;
		st->pos = (size_t)((unsigned char *)ip - st->buf);
		done = (size_t)(op - out);
		if (rc != (size_t)-1)
			continue;
		if (e == E2BIG)
			break;
		if (e == EINVAL && !st->eof) {
			/* a sequence cut by the buffer's end: fetch more */
			size_t before = st->len - st->pos;
			int r = refill(st);
			if (r < 0)
				return done ? (ssize_t)done : -1;
			if (r > 0 || before == 0)
				continue;
		}
		/* invalid (or cut off at the end of input): U+FFFD in its place */
		if (size - done < 3)
			break;
		memcpy(out + done, "\xEF\xBF\xBD", 3);
		done += 3;
		size_t skip = st->unit < st->len - st->pos ? st->unit : st->len - st->pos;
		st->pos += skip ? skip : 1;
		st->d->bad_bytes++;
	}
	return (ssize_t)done;
}

static int stream_close(void *cookie)
{
	struct stream *st = cookie;
	if (st->cd != (iconv_t)-1)
		iconv_close(st->cd);
	free(st->buf);
	free(st);
	return 0;
}

/* Is S Excel's "sep=X" line (optionally in quotes), X a delimiter we read,
 * followed by a line end or the end of input?  Characters are UNIT bytes
 * (1, 2 or 4), big-endian when BE.  *LEN is its length in bytes, without
 * the line end; *DELIM the delimiter. */
static int excel_sep_line(const unsigned char *s, size_t n, size_t unit, int be, size_t *len,
                          char *delim)
{
	unsigned long c[8];
	size_t nc = 0;
	for (; nc < 8 && (nc + 1) * unit <= n; nc++) {
		const unsigned char *p = s + nc * unit;
		unsigned long v = 0;
		for (size_t b = 0; b < unit; b++)
			v |= (unsigned long)p[be ? unit - 1 - b : b] << (8 * b);
		c[nc] = v;
	}
	size_t i = 0;
	int quoted = nc > 0 && c[0] == '"';
	i += (size_t)quoted;
	static const char word[] = "sep=";
	for (size_t k = 0; k < 4; k++, i++)
		if (i >= nc || (c[i] | 0x20) != (unsigned long)word[k])
			return 0;
	if (i >= nc || c[i] == 0 || c[i] > 0x7F || !strchr(",;\t|", (int)c[i]))
		return 0;
	*delim = (char)c[i++];
	if (quoted && (i >= nc || c[i++] != '"'))
		return 0;
	if (i < nc && c[i] != '\n' && c[i] != '\r')
		return 0;
	*len = i * unit;
	return 1;
}

/* Not CSV text at all: a spreadsheet's own file or JSON, said as what it is
 * and what to do (else the reader's "NUL byte" or "malformed quoting" on
 * line 1 would be all the user gets).  A message for fu_warn, or NULL. */
static const char *not_csv(const unsigned char *s, size_t n)
{
	if (n >= 4 && memcmp(s, "PK\x03\x04", 4) == 0)
		return "a zip archive, not CSV text: an Excel workbook (.xlsx) or an OpenDocument "
		       "spreadsheet (.ods)? Open it and save or export it as CSV (UTF-8)";
	if (n >= 8 && memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "an Excel 97-2003 workbook (.xls), not CSV text: open it and save or export it "
		       "as CSV (UTF-8)";
	size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && strchr(" \t\r\n", s[i]) && s[i])
		i++;
	if (i >= n || (s[i] != '[' && s[i] != '{'))
		return NULL;
	char open = (char)s[i++];
	while (i < n && strchr(" \t\r\n", s[i]) && s[i])
		i++;
	/* [{ or [] an array of objects; {" or {} an object (JSON Lines: one a line) */
	if (i < n && ((open == '[' && (s[i] == '{' || s[i] == ']')) || (open == '{' && (s[i] == '"' || s[i] == '}'))))
		return "JSON, not CSV: export the list as CSV, or convert it (for example "
		       "mlr --ijson --ocsv cat FILE, which reads JSON Lines too)";
	return NULL;
}

/* UTF-16 without a byte order mark (some Windows tools): text whose
 * characters are mostly ASCII has a NUL as every second byte, the odd ones
 * in little-endian, the even ones in big-endian.  "UTF-16LE", "UTF-16BE" or
 * NULL. */
static const char *utf16_without_bom(const unsigned char *s, size_t n)
{
	size_t pairs = (n < 1024 ? n : 1024) / 2, even = 0, odd = 0;
	for (size_t i = 0; i < pairs; i++) {
		even += s[2 * i] == 0;
		odd += s[2 * i + 1] == 0;
	}
	if (pairs < 2)
		return NULL;
	if (2 * odd >= pairs && 20 * even <= pairs)
		return "UTF-16LE";
	if (2 * even >= pairs && 20 * odd <= pairs)
		return "UTF-16BE";
	return NULL;
}

static void canon_encoding(const char *in, char *out, size_t size)
{
	static const char *const alias[][2] = {
		{"utf8", "UTF-8"},          {"utf-8", "UTF-8"},          {"cp1252", "WINDOWS-1252"},
		{"windows-1252", "WINDOWS-1252"}, {"win1252", "WINDOWS-1252"},
		{"latin1", "ISO-8859-1"},   {"latin-1", "ISO-8859-1"},   {"iso-8859-1", "ISO-8859-1"},
		{"iso8859-1", "ISO-8859-1"}, {"utf-16le", "UTF-16LE"},   {"utf-16be", "UTF-16BE"},
		{"utf16le", "UTF-16LE"},    {"utf16be", "UTF-16BE"},
		{"mac", "MACINTOSH"},       {"macroman", "MACINTOSH"},   {"mac-roman", "MACINTOSH"},
		{"x-mac-roman", "MACINTOSH"}, {"macintosh", "MACINTOSH"},
	};
	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strcasecmp(in, alias[i][0]) == 0) {
			snprintf(out, size, "%s", alias[i][1]);
			return;
		}
	snprintf(out, size, "%s", in);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
}

FILE *dialect_open(FILE *in, const char *name, char force_delim, const char *force_enc,
                   fu_dialect *d)
{
	memset(d, 0, sizeof *d);
	int user_delim = force_delim != 0;
	struct stream *st = fu_xcalloc(1, sizeof *st);
	st->in = in;
	st->buf = fu_xmalloc(SAMPLE);
	st->cd = (iconv_t)-1;
	st->unit = 1;
	st->d = d;
	st->name = name;
	while (!st->eof && st->len < SAMPLE)
		refill(st);
	if (d->read_errno) {
		fu_warn("%s: read error: %s", strcmp(name, "-") ? name : "<stdin>", strerror(d->read_errno));
		stream_close(st);
		return NULL;
	}
	const unsigned char *s = st->buf;
	size_t n = st->len;
	size_t k0 = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (k0 < n && (s[k0] == '\n' || s[k0] == '\r'))
		k0++;
	d->empty = st->eof && k0 == n;
	const char *what = not_csv(s, n), *utf16;
	if (what) {
		fu_warn("%s: %s", strcmp(name, "-") ? name : "<stdin>", what);
		stream_close(st);
		return NULL;
	}
	if (force_enc) {
		canon_encoding(force_enc, d->encoding, sizeof d->encoding);
		snprintf(d->enc_why, sizeof d->enc_why, "given by --encoding");
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			d->bom = 1;
	} else if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		strcpy(d->encoding, "UTF-8");
		strcpy(d->enc_why, "UTF-8 byte order mark");
		d->bom = 1;
	} else if (n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
		strcpy(d->encoding, s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
		strcpy(d->enc_why, "UTF-16 byte order mark");
		d->bom = 1;
		st->pos = 2;
	} else if ((utf16 = utf16_without_bom(s, n)) != NULL) {
		strcpy(d->encoding, utf16);
		snprintf(d->enc_why, sizeof d->enc_why, "no byte order mark, but every second byte is "
		         "NUL (the %s ones): UTF-16 text", utf16[6] == 'L' ? "odd" : "even");
	} else {
		guess_encoding(s, n, st->eof, d);
	}
	if (strcmp(d->encoding, "UTF-8") != 0) {
		st->cd = iconv_open("UTF-8", d->encoding);
		if (st->cd == (iconv_t)-1) {
			fu_warn("%s: unknown encoding '%s'", strcmp(name, "-") ? name : "<stdin>", d->encoding);
			stream_close(st);
			return NULL;
		}
		if (strncmp(d->encoding, "UTF-16", 6) == 0)
			st->unit = 2;
		else if (strncmp(d->encoding, "UTF-32", 6) == 0)
			st->unit = 4;
	}

	/* Excel's "sep=;" first line names the delimiter; it is not the header.
	 * It is ASCII in whatever encoding the file has (Windows-1252 from a
	 * Nordic Excel, UTF-16 from its "Unicode text"), so it is looked for in
	 * the raw bytes, a character being one code unit.  Its line end stays,
	 * so the reader skips a blank line and the line numbers stay those of
	 * the file. */
	size_t at = st->pos + (st->pos == 0 && k0 >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
	size_t seplen;
	char sepc;
	if (excel_sep_line(s + at, n - at, st->unit, strcmp(d->encoding, "UTF-16BE") == 0 ||
	                                                 strcmp(d->encoding, "UTF-32BE") == 0,
	                   &seplen, &sepc)) {
		if (!force_delim)
			force_delim = sepc;
		st->pos = at + seplen;
		d->excel_sep = 1;
	}
	/* the sample as UTF-8, to count delimiters in */
	if (st->cd == (iconv_t)-1) {
		guess_dialect((const char *)s + st->pos, n - st->pos, st->eof, force_delim, d);
		d->sample = fu_xmalloc(n - st->pos + 1);
		memcpy(d->sample, s + st->pos, n - st->pos);
		d->sample_len = n - st->pos;
	} else {
		size_t cap = (n + 1) * 4;
		char *u = fu_xmalloc(cap);
		iconv_t cd = iconv_open("UTF-8", d->encoding);
		char *ip = (char *)s + st->pos, *op = u;
		size_t il = n - st->pos, ol = cap;
		while (il > 0) {
			if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 || errno != EILSEQ)
				break;
			ip += st->unit <= il ? st->unit : il;
			il -= st->unit <= il ? st->unit : il;
		}
		iconv_close(cd);
		guess_dialect(u, (size_t)(op - u), st->eof && il == 0, force_delim, d);
		d->sample = u;
		d->sample_len = (size_t)(op - u);
	}
	d->sample_whole = st->eof;
	if (d->excel_sep && !user_delim)
		snprintf(d->delim_why, sizeof d->delim_why, "the first line says sep=%s (Excel)",
		         force_delim == '\t' ? "tab" : (char[]){force_delim, 0});

	cookie_io_functions_t io = {.read = stream_read, .close = stream_close};
	FILE *fp = fopencookie(st, "r", io);
	if (!fp) {
		fu_warn("%s: out of memory", strcmp(name, "-") ? name : "<stdin>");
		dialect_sample_free(d);
		stream_close(st);
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, OUTCHUNK);
	return fp;
}

void dialect_sample_free(fu_dialect *d)
{
	free(d->sample);
	d->sample = NULL;
	d->sample_len = 0;
}

void dialect_close(FILE *fp, FILE *in)
{
	if (fp && fp != in)
		fclose(fp);
}

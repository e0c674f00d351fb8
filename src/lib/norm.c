/* Value normalisation for fu-import.  Every function either gives the
 * canonical form or says why it cannot: impossible values are errors, not
 * guesses. */
#include "norm.h"

#include <ctype.h>
#include <dirent.h>
#include <idn2.h>
#include <stddef.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* a byte that may begin or end a space fu_trim removes (ASCII space or
 * control, the lead or last byte of U+00A0 and U+FEFF) */
static int maybe_space(unsigned char c)
{
	return c <= ' ' || c == 0xC2 || c == 0xA0 || c == 0xEF || c == 0xBF;
}

void norm_trim(const char *s, size_t n, fu_buf *out)
{
	out->len = 0;
	fu_buf_add(out, s, n);
	/* most values have nothing to trim: two byte checks settle that */
	if (n && (maybe_space((unsigned char)s[0]) || maybe_space((unsigned char)s[n - 1])))
		out->len = fu_trim(out->data, out->len);
}

/* Upper to lower case for the scripts customer names and addresses are
 * written in here: ASCII, Latin-1 and Latin Extended-A letters, Greek and
 * Cyrillic.  Each pair has the same UTF-8 length, so this works in place. */
void norm_lower_utf8(char *s, size_t n)
{
	unsigned char *u = (unsigned char *)s;
	size_t i = 0;
	/* ASCII eight bytes at a time (e-mail addresses come here on every
	 * row): each byte in A..Z gets its 0x20 bit */
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	for (; i < n; i++) {
		/* back to eight at a time after a letter beyond ASCII */
		for (; i + 8 <= n; i += 8) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if (w & highs)
				break;
			uint64_t above_z = w + ones * (0x7F - 'Z'), from_a = w + ones * (0x80 - 'A');
			w |= (~above_z & from_a & highs) >> 2;
			memcpy(u + i, &w, 8);
		}
		if (i == n)
			break;
		unsigned char c = u[i];
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				u[i] = (unsigned char)(c + 32);
			continue;
		}
		if (i + 1 >= n || (u[i + 1] & 0xC0) != 0x80)
			continue;
		unsigned cp = (unsigned)(c & 0x1F) << 6 | (u[i + 1] & 0x3F);
		if (c < 0xC2 || c > 0xDF) {
			continue; /* not a two-byte sequence: nothing we fold */
		}
		unsigned lo = cp;
		if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
			lo = cp + 0x20; /* Latin-1: À..Þ except × */
		else if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
			lo = cp | 1; /* Latin Extended-A: even upper, odd lower */
		else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
			lo = (cp & 1) ? cp + 1 : cp;
		else if (cp == 0x178)
			lo = 0xFF; /* Ÿ */
		else if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
			lo = cp + 0x20; /* Greek */
		else if (cp >= 0x410 && cp <= 0x42F)
			lo = cp + 0x20; /* Cyrillic */
		else if (cp >= 0x400 && cp <= 0x40F)
			lo = cp + 0x50;
		if (lo != cp) {
			u[i] = (unsigned char)(0xC0 | lo >> 6);
			u[i + 1] = (unsigned char)(0x80 | (lo & 0x3F));
		}
		i++;
	}
}

/* ---- company names ----------------------------------------------------------- */

/* Legal forms of companies, lower-case, without dots or slashes ("A/S" is
 * as, "e.V." ev).  The first list names nothing else, wherever it stands in
 * a name; the second only counts as the last word of several ("Åberg & Co"),
 * the third as the first ("AS Tallink", "UAB Vilniaus"), as their words
 * could be part of a person's name. */
static const char *const company_words[] = {
	"oy", "oyj", "ab", "abp", "tmi", "gmbh", "llc", "llp", "ltd", "inc", "plc", "corp",
	"corporation", "incorporated", "limited", "osakeyhtiö", "aktiebolag", "toiminimi",
	"kommandiittiyhtiö", "handelsbolag", "kommanditbolag", "ry", "rf", "ohg",
	"mbh", "sarl", "sprl", "bvba", "ltda", "kft", "zrt", "sro",
};
static const char *const company_end_words[] = {
	"ky", "ay", "osk", "hb", "kb", "co", "company", "as", "asa", "aps", "ehf", "hf", "oü",
	"ag", "kg", "ug", "ev", "sa", "sas", "sl", "spa", "srl", "bv", "nv", "lp", "pty", "oo",
	"uab", "sia", "group", "yhtiöt", "koncernen",
};
static const char *const company_first_words[] = {"as", "uab", "sia", "oü", "ky"};

int norm_company_name(const char *s, size_t n)
{
	char w[32];
	size_t nw = 0, words = 0, upper = 0;
	int last_end = 0, dot = 0, amp = 0; /* amp: a '&' before the word */
	for (size_t i = 0; i <= n; i++) {
		int sep = i == n || s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '(' ||
		          s[i] == ')' || s[i] == '&';
		if (!sep) {
			if (s[i] == '.' || s[i] == '/')
				dot = 1;
			else if (nw < sizeof w - 1)
				w[nw++] = s[i];
			upper += s[i] >= 'A' && s[i] <= 'Z';
			continue;
		}
		if (!nw) {
			amp |= i < n && s[i] == '&';
			continue;
		}
		w[nw] = '\0';
		norm_lower_utf8(w, nw);
		/* a short form ("SA", "S.A.", "& Co") is not a name's part ("Maria Sa") */
		int sure = nw > 2 || upper > 1 || dot || amp || strcmp(w, "ky") == 0 ||
		           strcmp(w, "ay") == 0;
		amp = i < n && s[i] == '&';
		upper = 0;
		dot = 0;
		int strong = 0, end = 0, first = 0;
		for (size_t k = 0; k < sizeof company_words / sizeof company_words[0]; k++)
			strong |= strcmp(w, company_words[k]) == 0;
		for (size_t k = 0; k < sizeof company_end_words / sizeof company_end_words[0]; k++)
			end |= strcmp(w, company_end_words[k]) == 0;
		for (size_t k = 0; k < sizeof company_first_words / sizeof company_first_words[0]; k++)
			first |= strcmp(w, company_first_words[k]) == 0;
		if (strong || (first && words == 0 && sure))
			return 1;
		last_end = end && sure;
		words++;
		nw = 0;
	}
	return words > 1 && last_end;
}

/* ---- placeholders and invisible characters ------------------------------- */

int norm_placeholder(const char *s, size_t n)
{
	static const char *const words[] = {
		"-", "--", "---", "?", ".", "n/a", "na", "n.a.", "#n/a", "none", "null", "nil",
		"unknown", "tbd", "no email", "no e-mail", "no phone", "not available", "missing",
		"ei ole", "puuttuu", "ei tiedossa", "tuntematon", "saknas", "ingen",
		"okänd", "x", "0",
	};
	char buf[32];
	while (n && (s[0] == ' ' || s[0] == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof buf)
		return 0;
	/* an address or a number is no placeholder: settled without the list */
	int digits = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '@' || (s[i] >= '0' && s[i] <= '9' && ++digits > 1))
			return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	norm_lower_utf8(buf, n);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(buf, words[i]) == 0)
			return 1;
	return 0;
}

/* bytes of an invisible character at u[i] (zero-width space, joiners, word
 * joiner, BOM, soft hyphen), or 0 */
static size_t invisible_at(const unsigned char *u, size_t i, size_t n)
{
	if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xAD)
		return 2;
	if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] >= 0x8B && u[i + 2] <= 0x8D)
		return 3;
	if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x81 && u[i + 2] == 0xA0)
		return 3;
	if (u[i] == 0xEF && i + 2 < n && u[i + 1] == 0xBB && u[i + 2] == 0xBF)
		return 3;
	return 0;
}

/* drop invisible characters from B in place */
static void drop_invisible(fu_buf *b)
{
	unsigned char *u = (unsigned char *)b->data;
	size_t k = 0;
	for (size_t i = 0; i < b->len;) {
		size_t w = u[i] >= 0xC2 ? invisible_at(u, i, b->len) : 0;
		if (w) {
			i += w;
			continue;
		}
		u[k++] = u[i++];
	}
	b->len = k;
	if (b->data)
		b->data[k] = '\0';
}

size_t norm_split(const char *s, size_t n, int email, norm_span *parts, size_t max)
{
	size_t np = 0, start = 0;
	int inq = 0, inangle = 0;
	/* most cells hold one value, without a byte that quotes or separates:
	 * settled by one look at each byte */
	static const unsigned char sep[256] = {['"'] = 1, ['<'] = 1, ['>'] = 1, [':'] = 1,
	                                       [','] = 1, [';'] = 1, ['\n'] = 1, ['\r'] = 1};
	size_t k = 0;
	while (k < n && !sep[(unsigned char)s[k]])
		k++;
	if (k == n) {
		size_t a = 0, b = n;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b == a || max == 0)
			return 0;
		parts[0] = (norm_span){s + a, b - a};
		return 1;
	}
	for (size_t i = 0; i <= n; i++) {
		int cut = 0;
		size_t skip = 1;
		if (i == n) {
			cut = 1;
		} else if (s[i] == '"') {
			inq = !inq;
		} else if (s[i] == '<') {
			inangle = 1;
		} else if (s[i] == '>') {
			inangle = 0;
		} else if (!inq && !inangle) {
			if (s[i] == ':' && i + 2 < n && s[i + 1] == ':' && s[i + 2] == ':')
				cut = 1, skip = 3; /* Google Contacts */
			else if (s[i] == ',' || s[i] == ';' || s[i] == '\n' || s[i] == '\r')
				cut = 1;
		}
		if (!cut)
			continue;
		size_t a = start, b = i;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		/* in an e-mail cell a piece without '@' is a display name cut at its
		 * comma ("Lahti, Lasse <l@x.fi>"): it stays with the next piece */
		if (email && i < n && !memchr(s + a, '@', b - a)) {
			i += skip - 1;
			continue;
		}
		if (b > a && np < max)
			parts[np++] = (norm_span){s + a, b - a};
		i += skip - 1;
		start = i + 1;
	}
	return np;
}

/* ---- e-mail -------------------------------------------------------------- */

/* RFC 5322 atext, plus UTF-8 (RFC 6531): a table, as this runs for every row */
static int atext(unsigned char c)
{
	static unsigned char table[256];
	static int ready;
	if (!ready) {
		for (int i = 0; i < 256; i++)
			table[i] = isalnum(i) || (i && strchr("!#$%&'*+/=?^_`{|}~-", i)) || i >= 0x80;
		ready = 1;
	}
	return table[c];
}

/* A byte of a letter beyond ASCII in an address: 1; -1 for the lead bytes
 * of the spaces and invisible characters norm_email takes out (U+00A0,
 * U+00AD, U+200B-U+200D, U+2060, U+FEFF), left to it */
static int beyond_ascii(unsigned c)
{
	return c == 0xC2 || c == 0xE2 || c == 0xEF ? -1 : 1;
}

/* An internationalised domain in one form, its Unicode one (IDNA2008 with
 * the UTS #46 mapping: NFC, lower case): zoe@exämple.com whether written so
 * or as zoe@xn--exmple-cua.com, one mailbox, one key.  OUT is an address,
 * NUL-ended, with one '@'; a domain libidn2 refuses is left as it is. */
static void email_idn(fu_buf *out)
{
	char *at = memchr(out->data, '@', out->len);
	if (!at)
		return;
	const char *d = at + 1;
	size_t dl = out->len - (size_t)(d - out->data);
	int idn = 0;
	for (size_t i = 0; i < dl && !idn; i++) {
		unsigned char c = (unsigned char)d[i];
		idn = c >= 0x80 || ((i == 0 || d[i - 1] == '.') && dl - i > 4 && strncasecmp(d + i, "xn--", 4) == 0);
	}
	if (!idn)
		return; /* (the most: one look at each byte) */
	char *a = NULL, *u = NULL;
	if (idn2_to_ascii_8z(d, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) == IDN2_OK &&
	    idn2_to_unicode_8z8z(a, &u, 0) == IDN2_OK) {
		size_t at_dom = (size_t)(d - out->data);
		out->len = at_dom;
		fu_buf_adds(out, u); /* (may move out->data, and D with it) */
		norm_lower_utf8(out->data + at_dom, out->len - at_dom);
	}
	idn2_free(a);
	idn2_free(u);
}

int norm_email_plain(const char *s, size_t n, fu_buf *out)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n < 3 || n > 254)
		return 0;
	out->len = 0;
	fu_buf_reserve(out, n + 1);
	char *p = out->data;
	size_t i = 0;
	int high = 0; /* 1: letters beyond ASCII to lower-case; -1: a byte for norm_email */
	size_t first_high = 0, last_high = 0; /* where the first and last of their bytes are */
	/* the local part: letters, digits, _ + - and single dots inside (a
	 * lower-case letter or a digit, the most of it, tested first) */
	for (; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		if (c - 'a' >= 26 && c - '0' >= 10) {
			if (c == '@')
				break;
			if (c - 'A' < 26) {
				c += 32;
			} else if (c >= 0x80) {
				if (!high)
					first_high = i;
				last_high = i;
				high |= beyond_ascii(c);
			} else if (!(c == '_' || c == '+' || c == '-' || (c == '.' && i > 0 && s[i - 1] != '.'))) {
				return 0;
			}
		}
		p[i] = (char)c;
	}
	if (high < 0 || i == 0 || i > 64 || i == n || s[i - 1] == '.')
		return 0;
	p[i++] = '@';
	/* the domain: labels of letters, digits and inner hyphens, two or more */
	size_t dots = 0, lablen = 0;
	for (; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		if (c - 'a' < 26 || c - '0' < 10) {
			lablen++;
			p[i] = (char)c;
			continue;
		}
		if (c - 'A' < 26)
			c += 32;
		if (c == '.') {
			if (lablen == 0 || lablen > 63 || p[i - 1] == '-' || p[i - lablen] == '-')
				return 0;
			dots++;
			lablen = 0;
		} else if (c - 'a' < 26 || c - '0' < 10 || c == '-') {
			lablen++;
		} else if (c >= 0x80) {
			if (!high)
				first_high = i;
			last_high = i;
			high |= beyond_ascii(c);
			lablen++;
		} else {
			return 0;
		}
		p[i] = (char)c;
	}
	if (high < 0 || dots == 0 || lablen == 0 || lablen > 63 || p[n - 1] == '-' || p[n - lablen] == '-')
		return 0;
	p[n] = '\0';
	out->len = n;
	if (high) /* the ASCII around those letters is lower-case already */
		norm_lower_utf8(p + first_high, last_high + 1 - first_high);
	email_idn(out);
	return 1;
}

int norm_email(const char *s, size_t n, fu_buf *out, const char **why)
{
	if (norm_email_plain(s, n, out))
		return 0; /* the common address, read in one pass */
	norm_trim(s, n, out);
	drop_invisible(out);
	char *p = out->data;
	size_t len = out->len;
	*why = "not an e-mail address";
	if (!p || len == 0)
		return -1;
	if (p[0] == '\'') { /* a spreadsheet's text marker */
		memmove(p, p + 1, len--);
	}
	/* the display form: Lasse Lahti <l@x.fi>, "Lahti, Lasse" <l@x.fi> */
	char *lt = len && p[len - 1] == '>' ? memrchr(p, '<', len) : NULL;
	if (lt) {
		size_t in = len - (size_t)(lt - p) - 2;
		memmove(p, lt + 1, in);
		len = in;
	}
	/* HubSpot's associated contact: Aino Laine (aino@acme.fi); and an
	 * address with a comment: aino@acme.fi (Aino) */
	char *lp = !lt && len && p[len - 1] == ')' ? memrchr(p, '(', len) : NULL;
	if (lp) {
		size_t in = len - (size_t)(lp - p) - 2;
		if (memchr(lp + 1, '@', in) && !memchr(p, '@', (size_t)(lp - p))) {
			memmove(p, lp + 1, in);
			len = in;
		} else if (!memchr(lp + 1, '@', in) && memchr(p, '@', (size_t)(lp - p))) {
			len = (size_t)(lp - p);
		}
	}
	if (len >= 7 && (p[0] == 'm' || p[0] == 'M') && strncasecmp(p, "mailto:", 7) == 0) {
		memmove(p, p + 7, len - 7);
		len -= 7;
	}
	char *q = memchr(p, '?', len); /* mailto:a@x.fi?subject=... */
	if (q)
		len = (size_t)(q - p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	while (len && (p[0] == ' ' || p[0] == '\t'))
		memmove(p, p + 1, len--);
	p[len] = '\0';
	out->len = len;
	if (len >= 3 && p[0] == '/' && (p[1] == 'o' || p[1] == 'O') && p[2] == '=') {
		*why = "an Exchange address (/o=...), not an Internet e-mail address";
		return -1;
	}
	norm_lower_utf8(p, len);
	char *at = memchr(p, '@', len);
	if (!at || memchr(at + 1, '@', len - (size_t)(at - p) - 1))
		return -1;
	size_t local = (size_t)(at - p), dom = len - local - 1;
	if (local == 0 || local > 64 || dom == 0 || len > 254)
		return -1;
	if (p[0] == '.' || p[local - 1] == '.')
		return -1;
	for (size_t i = 0; i < local; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '.') {
			if (p[i + 1] == '.')
				return -1;
		} else if (!atext(c)) {
			return -1;
		}
	}
	/* domain: dot-separated labels of letters, digits and hyphens (or UTF-8),
	 * at least two labels, no label starting or ending with a hyphen */
	const char *d = at + 1;
	size_t labels = 0, lablen = 0;
	for (size_t i = 0; i <= dom; i++) {
		unsigned char c = i < dom ? (unsigned char)d[i] : '.';
		if (c == '.') {
			if (lablen == 0 || lablen > 63 || d[i - 1] == '-' || d[i - lablen] == '-')
				return -1;
			labels++;
			lablen = 0;
		} else if (isalnum(c) || c == '-' || c >= 0x80) {
			lablen++;
		} else {
			return -1;
		}
	}
	if (labels < 2)
		return -1;
	email_idn(out);
	return 0;
}

int norm_email_repair(const char *s, size_t n, fu_buf *out, const char **what)
{
	const char *why;
	int spaces = 0, dots = 0, ats = 0;
	fu_buf b = {0};
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	/* trailing dots, as a sentence ends: zoe@example.com. */
	while (n && s[n - 1] == '.')
		n--, dots = 1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		ats += c == '@';
		if (c == ' ' || c == '\t') {
			/* a blank only beside an @ or a dot: zoe @example.com, zoe@example. com */
			size_t j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			char before = b.len ? b.data[b.len - 1] : '\0', after = j < n ? s[j] : '\0';
			if (before != '@' && before != '.' && after != '@' && after != '.') {
				fu_buf_free(&b);
				return -1;
			}
			spaces = 1;
			i = j - 1;
			continue;
		}
		fu_buf_addc(&b, c);
	}
	int rc = -1;
	if (ats == 1 && (spaces || dots) && b.len &&
	    norm_email(b.data, b.len, out, &why) == 0) {
		*what = spaces && dots ? "blanks and a trailing dot taken out"
		        : spaces       ? "blanks taken out"
		                       : "a trailing dot taken out";
		rc = 0;
	}
	fu_buf_free(&b);
	return rc;
}

/* ---- phone --------------------------------------------------------------- */

/* Countries: ISO 3166 alpha-2 and alpha-3, the calling code, the national
 * trunk prefix, and the names a country column may hold (in English, its
 * own languages, Finnish, Swedish, German), squashed as squash_name does and
 * separated by '|'.  The first country of a shared calling code (+1, +7,
 * +358) is the one "+1" alone stands for. */
static const struct country {
	const char iso[3], iso3[4];
	const char *cc;    /* calling code */
	const char *trunk; /* national trunk prefix, "" if none */
	const char *names;
	int max_nsn; /* most digits after the trunk prefix a number has, 0 = not checked */
} countries[] = {
	{"FI", "FIN", "358", "0", "finland|suomi|finnland|finlande|finlandia", 10},
	{"AX", "ALA", "358", "0", "åland|aland|ahvenanmaa|ålandislands|alandislands", 10},
	{"SE", "SWE", "46", "0", "sweden|sverige|ruotsi|schweden|suède|suecia|svezia", 9},
	{"NO", "NOR", "47", "", "norway|norge|noreg|norja|norwegen|norvège|noruega", 8},
	{"DK", "DNK", "45", "", "denmark|danmark|tanska|dänemark|danemark|dinamarca", 8},
	{"IS", "ISL", "354", "", "iceland|ísland|island|islanti|islande|islandia", 7},
	{"EE", "EST", "372", "", "estonia|eesti|viro|estland|estonie", 8},
	{"LV", "LVA", "371", "", "latvia|latvija|lettland|lettonie", 8},
	{"LT", "LTU", "370", "8", "lithuania|lietuva|liettua|litauen|lituanie", 8},
	{"DE", "DEU", "49", "0", "germany|deutschland|saksa|tyskland|allemagne|alemania", 11},
	{"AT", "AUT", "43", "0", "austria|österreich|itävalta|österrike|autriche", 13},
	{"CH", "CHE", "41", "0", "switzerland|schweiz|suisse|svizzera|sveitsi", 9},
	{"NL", "NLD", "31", "0", "netherlands|thenetherlands|nederland|holland|alankomaat|hollanti|"
	                        "nederländerna|niederlande|paysbas", 9},
	{"BE", "BEL", "32", "0", "belgium|belgië|belgique|belgien|belgia", 9},
	{"LU", "LUX", "352", "", "luxembourg|luxemburg|lëtzebuerg", 0},
	{"FR", "FRA", "33", "0", "france|ranska|frankrike|frankreich|francia", 9},
	{"GB", "GBR", "44", "0", "unitedkingdom|uk|greatbritain|britain|england|scotland|wales|"
	                        "northernireland|isobritannia|storbritannien|britannia|"
	                        "vereinigteskönigreich|royaumeuni", 10},
	{"IE", "IRL", "353", "0", "ireland|éire|eire|irlanti|irland|irlande", 9},
	{"ES", "ESP", "34", "", "spain|españa|espana|espanja|spanien|espagne", 9},
	{"PT", "PRT", "351", "", "portugal|portugali", 9},
	{"IT", "ITA", "39", "", "italy|italia|italien|italie", 0},
	{"MT", "MLT", "356", "", "malta|malte", 0},
	{"GR", "GRC", "30", "", "greece|hellas|kreikka|grekland|griechenland|grèce", 0},
	{"CY", "CYP", "357", "", "cyprus|kypros|cypern|zypern|chypre", 0},
	{"PL", "POL", "48", "", "poland|polska|puola|polen|pologne", 9},
	{"CZ", "CZE", "420", "", "czechia|czechrepublic|česko|českárepublika|tšekki|tjeckien|tschechien", 0},
	{"SK", "SVK", "421", "0", "slovakia|slovensko|slovakien|slowakei", 0},
	{"SI", "SVN", "386", "0", "slovenia|slovenija|slovenien|slowenien", 0},
	{"HR", "HRV", "385", "0", "croatia|hrvatska|kroatia|kroatien", 0},
	{"HU", "HUN", "36", "06", "hungary|magyarország|unkari|ungern|ungarn|hongrie", 0},
	{"RO", "ROU", "40", "0", "romania|românia|rumänien|roumanie", 0},
	{"BG", "BGR", "359", "0", "bulgaria|bulgarien|bulgarie", 0},
	{"RU", "RUS", "7", "8", "russia|russianfederation|venäjä|ryssland|russland|russie", 0},
	{"UA", "UKR", "380", "0", "ukraine|ukraina", 0},
	{"BY", "BLR", "375", "8", "belarus|valkovenäjä|vitryssland|weißrussland", 0},
	{"TR", "TUR", "90", "0", "turkey|türkiye|turkiye|turkki|turkiet|türkei|turquie", 0},
	{"IL", "ISR", "972", "0", "israel|israël", 0},
	{"AE", "ARE", "971", "0", "unitedarabemirates|uae|arabiemiirikunnat|förenadearabemiraten", 0},
	{"SA", "SAU", "966", "0", "saudiarabia|saudiarabien", 0},
	{"EG", "EGY", "20", "0", "egypt|egypti|egypten|ägypten", 0},
	{"MA", "MAR", "212", "0", "morocco|marokko|maroc|marocko", 0},
	{"NG", "NGA", "234", "0", "nigeria", 0},
	{"KE", "KEN", "254", "0", "kenya|kenia", 0},
	{"ZA", "ZAF", "27", "0", "southafrica|eteläafrikka|sydafrika|südafrika", 0},
	{"IN", "IND", "91", "0", "india|intia|indien|bharat", 0},
	{"PK", "PAK", "92", "0", "pakistan", 0},
	{"CN", "CHN", "86", "0", "china|kiina|kina|chine", 0},
	{"HK", "HKG", "852", "", "hongkong", 0},
	{"TW", "TWN", "886", "0", "taiwan", 0},
	{"JP", "JPN", "81", "0", "japan|japani|japon", 0},
	{"KR", "KOR", "82", "0", "southkorea|korea|republicofkorea|korearepublicof|eteläkorea|sydkorea|"
	                        "südkorea", 0},
	{"SG", "SGP", "65", "", "singapore|singapur", 0},
	{"MY", "MYS", "60", "0", "malaysia|malesia", 0},
	{"TH", "THA", "66", "0", "thailand|thaimaa", 0},
	{"VN", "VNM", "84", "0", "vietnam", 0},
	{"PH", "PHL", "63", "0", "philippines|filippiinit|filippinerna|philippinen", 0},
	{"ID", "IDN", "62", "0", "indonesia|indonesien", 0},
	{"US", "USA", "1", "1", "unitedstates|unitedstatesofamerica|usa|us|america|yhdysvallat|"
	                       "förentastaterna|vereinigtestaaten|étatsunis|estadosunidos", 10},
	{"CA", "CAN", "1", "1", "canada|kanada", 10},
	{"MX", "MEX", "52", "", "mexico|méxico|meksiko|mexiko|mexique", 0},
	{"BR", "BRA", "55", "0", "brazil|brasil|brasilia|brasilien|brésil", 0},
	{"AR", "ARG", "54", "0", "argentina|argentiina|argentinien|argentine", 0},
	{"CL", "CHL", "56", "", "chile|chili", 0},
	{"CO", "COL", "57", "", "colombia|kolumbia|kolumbien|colombie", 0},
	{"AU", "AUS", "61", "0", "australia|australien|australie", 9},
	{"NZ", "NZL", "64", "0", "newzealand|uusiseelanti|nyazeeland|neuseeland", 10},
	/* countries of several zones; Kazakhstan after Russia, whose +7 it shares */
	{"KZ", "KAZ", "7", "8", "kazakhstan|qazaqstan|kazakstan|kasachstan|kazakhstan", 0},
	{"MN", "MNG", "976", "0", "mongolia|mongolei|mongolie|mongoliet", 0},
	{"EC", "ECU", "593", "0", "ecuador|équateur|equateur", 0},
	{"CD", "COD", "243", "0", "democraticrepublicofthecongo|drcongo|drc|congokinshasa|"
	                          "congodemocraticrepublicofthe|congodemocraticrepublic|"
	                          "républiquedémocratiqueducongo|rdcongo|rdc|kongonkinshasa", 0},
};
enum { NCOUNTRIES = sizeof countries / sizeof countries[0] };

static const struct country *find_country(const char *iso)
{
	/* a code norm_country returned points into the table itself */
	uintptr_t at = (uintptr_t)iso, first = (uintptr_t)&countries[0];
	if (at >= first && at < (uintptr_t)&countries[NCOUNTRIES] &&
	    (at - first) % sizeof countries[0] == offsetof(struct country, iso))
		return &countries[(at - first) / sizeof countries[0]];
	static const char *last_iso;
	static const struct country *last;
	if (!iso)
		return NULL;
	if (iso == last_iso && last)
		return last; /* the same --country for every row */
	last_iso = iso;
	last = NULL;
	for (size_t i = 0; i < NCOUNTRIES; i++)
		if (strcasecmp(countries[i].iso, iso) == 0)
			return last = &countries[i];
	return NULL;
}

/* The countries whose calling code a number in E.164 form starts with (the
 * longest code that fits: ITU codes are prefix-free, +1 and +7 are shared),
 * in table order: the first is the one the code alone stands for. */
/* The countries of each three-digit start of a number: calling codes are one
 * to three digits, so the first three decide.  Built once; the lookup runs
 * for every row with a phone and no country. */
enum { CC_MAX = 8 };
static struct cc_prefix {
	unsigned char n;
	unsigned short at[CC_MAX]; /* indexes in countries[] */
} cc_by_prefix[1000];
static pthread_once_t cc_once = PTHREAD_ONCE_INIT;

static size_t cc_scan(const char *digits, unsigned short *at, size_t max)
{
	size_t best = 0, k = 0;
	for (size_t i = 0; i < NCOUNTRIES; i++) {
		size_t len = strlen(countries[i].cc);
		if (len >= best && strncmp(digits, countries[i].cc, len) == 0) {
			if (len > best)
				k = 0;
			best = len;
			if (k < max)
				at[k++] = (unsigned short)i;
		}
	}
	return k;
}

static void cc_index(void)
{
	for (int p = 0; p < 1000; p++) {
		char d[4] = {(char)('0' + p / 100), (char)('0' + p / 10 % 10), (char)('0' + p % 10), 0};
		cc_by_prefix[p].n = (unsigned char)cc_scan(d, cc_by_prefix[p].at, CC_MAX);
	}
}

/* the countries of the calling code the three digits at D begin */
static const struct cc_prefix *cc_of_prefix(const char *d)
{
	pthread_once(&cc_once, cc_index);
	return &cc_by_prefix[(d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0')];
}

/* the length of the calling code D starts with when that country's trunk
 * prefix is 0 and a 0 follows the code; else 0 */
static size_t trunk_zero_after(const char *d, size_t nd)
{
	if (nd < 8) /* a code, its 0 and six digits at least */
		return 0;
	const struct cc_prefix *at = cc_of_prefix(d);
	for (size_t j = 0; j < at->n; j++) {
		const struct country *c = &countries[at->at[j]];
		size_t k = strlen(c->cc);
		if (c->trunk[0] == '0' && !c->trunk[1] && nd > k + 6 && d[k] == '0')
			return k;
	}
	return 0;
}

const char norm_why_no_country[] = "a national number, and no country we know to read it in";

int norm_country_known(const char *country)
{
	return find_country(country) != NULL;
}

/* lower-cased, with everything but letters, digits and non-ASCII dropped
 * ("U.S.A." -> "usa", "Costa Rica" -> "costarica"); 0 when it does not fit */
static size_t squash_name(const char *s, size_t n, char *buf, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(isalnum(c) || c >= 0x80))
			continue;
		if (k + 1 >= size)
			return 0;
		buf[k++] = (char)c;
	}
	buf[k] = '\0';
	norm_lower_utf8(buf, k);
	return k;
}

static int name_in(const char *names, const char *w, size_t k)
{
	for (const char *p = names; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == k && memcmp(p, w, k) == 0)
			return 1;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

const char *norm_country(const char *s, size_t n)
{
	/* a column holds the same few countries over and over */
	static char last_in[64];
	static size_t last_n = (size_t)-1;
	static const char *last_out;
	while (n && (s[0] == ' ' || s[0] == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == last_n && memcmp(s, last_in, n) == 0)
		return last_out;
	const char *found = NULL;
	char w[64];
	size_t k;
	if (n && (s[0] == '+' || (n > 2 && s[0] == '0' && s[1] == '0'))) {
		/* a calling code: +46, 0046 */
		size_t skip = s[0] == '+' ? 1 : 2, d = 0;
		char code[8];
		for (size_t i = skip; i < n && d + 1 < sizeof code; i++)
			if (isdigit((unsigned char)s[i]))
				code[d++] = s[i];
			else if (s[i] != ' ' && s[i] != '-')
				d = sizeof code; /* not only digits */
		if (d > 0 && d < sizeof code) {
			code[d] = '\0';
			for (size_t i = 0; i < NCOUNTRIES && !found; i++)
				if (strcmp(countries[i].cc, code) == 0)
					found = countries[i].iso;
		}
	} else if ((k = squash_name(s, n, w, sizeof w)) > 0) {
		for (size_t i = 0; i < NCOUNTRIES && !found; i++) {
			const struct country *c = &countries[i];
			if ((k == 2 && strncasecmp(w, c->iso, 2) == 0 && n == 2) ||
			    (k == 3 && strncasecmp(w, c->iso3, 3) == 0 && n == 3) || name_in(c->names, w, k))
				found = c->iso;
		}
	}
	if (n < sizeof last_in) {
		memcpy(last_in, s, n);
		last_n = n;
		last_out = found;
	}
	return found;
}

size_t norm_phone_countries(const char *e164, const char **iso, size_t max)
{
	if (!e164 || e164[0] != '+')
		return 0;
	unsigned short at[CC_MAX];
	size_t k;
	if (isdigit((unsigned char)e164[1]) && isdigit((unsigned char)e164[2]) &&
	    isdigit((unsigned char)e164[3])) {
		const struct cc_prefix *p = cc_of_prefix(e164 + 1);
		k = p->n;
		memcpy(at, p->at, k * sizeof at[0]);
	} else {
		k = cc_scan(e164 + 1, at, CC_MAX);
	}
	if (k > max)
		k = max;
	for (size_t i = 0; i < k; i++)
		iso[i] = countries[at[i]].iso;
	return k;
}

static int phone_space(const unsigned char *u, size_t k)
{
	return u[k] == ' ' || u[k] == '\t';
}

/* Where the number itself ends in S[I..N): a trailing note in brackets that
 * holds a letter ("(mobile)") and then an extension ("ext. 123", "ext 123",
 * "x12", "#12", "extension 5") are left out: E.164 has no room for either. */
static size_t phone_number_end(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	while (n > i && phone_space(u, n - 1))
		n--;
	if (n > i && s[n - 1] == ')') {
		size_t k = n - 1, letters = 0;
		while (k > i && s[k - 1] != '(' && s[k - 1] != ')') {
			k--;
			if (isalpha(u[k]))
				letters++;
		}
		if (k > i && s[k - 1] == '(' && letters) {
			n = k - 1;
			while (n > i && phone_space(u, n - 1))
				n--;
		}
	}
	size_t k = n;
	while (k > i && isdigit(u[k - 1]))
		k--;
	if (k == n || k == i)
		return n; /* no digits at the end, or only digits */
	size_t m = k; /* the marker ends at M, after optional spaces, '.' or ':' */
	while (m > i && phone_space(u, m - 1))
		m--;
	if (m > i && (s[m - 1] == '.' || s[m - 1] == ':'))
		m--;
	while (m > i && phone_space(u, m - 1))
		m--;
	/* a marker ends in one of these (most numbers end in digits) */
	if (m == i || !strchr("nNtTxX#", s[m - 1]))
		return n;
	static const char *const markers[] = {"extension", "ext", "x", "#"};
	for (size_t j = 0; j < sizeof markers / sizeof markers[0]; j++) {
		size_t len = strlen(markers[j]);
		if (m - i < len + 1 || strncasecmp(s + m - len, markers[j], len) != 0)
			continue;
		size_t b = m - len; /* the marker starts the extension: a digit or space before it */
		if (!(isdigit(u[b - 1]) || phone_space(u, b - 1) || s[b - 1] == ')'))
			continue;
		while (b > i && phone_space(u, b - 1))
			b--;
		return b;
	}
	return n;
}

/* does D start with a calling code we know, with at least 7 digits after it? */
static int calling_code(const char *d, size_t nd)
{
	if (nd < 8) /* a code and seven digits at least */
		return 0;
	const struct cc_prefix *at = cc_of_prefix(d);
	for (size_t j = 0; j < at->n; j++)
		if (nd >= strlen(countries[at->at[j]].cc) + 7)
			return 1;
	return 0;
}

int norm_phone(const char *s, size_t n, const char *country, fu_buf *out, const char **why)
{
	const struct country *c = find_country(country);
	char digits[64];
	size_t nd = 0;
	int plus = 0;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	fu_buf_clear(out);
	*why = "not a phone number (digits, spaces, + ( ) - . / only)";
	while (i < n && (u[i] == ' ' || u[i] == '\t'))
		i++;
	if (i < n && u[i] == '\'')
		i++; /* a spreadsheet's text marker (Shopify's '+358...) */
	if (n - i >= 4 && (s[i] == 't' || s[i] == 'T') && strncasecmp(s + i, "tel:", 4) == 0)
		i += 4;
	n = phone_number_end(s, i, n);
	for (; i < n; i++) {
		unsigned char ch = u[i];
		if (isdigit(ch)) {
			if (nd == sizeof digits - 1) { /* room for the NUL */
				*why = "more than 15 digits (E.164)";
				return -1;
			}
			digits[nd++] = (char)ch;
		} else if (ch == '+' && nd == 0 && !plus) {
			plus = 1;
		} else if (ch == 0xEF && i + 2 < n && u[i + 1] == 0xBC && u[i + 2] == 0x8B && nd == 0 &&
		           !plus) {
			plus = 1; /* full-width plus */
			i += 2;
		} else if (ch == '(' && i + 2 < n && u[i + 1] == '0' && u[i + 2] == ')' && (plus || nd > 0)) {
			i += 2; /* "+358 (0)40 ...": the trunk 0 in brackets is not dialled */
		} else if (ch == ' ' || ch == '\t' || ch == '-' || ch == '.' || ch == '(' ||
		           ch == ')' || ch == '/') {
			;
		} else if (ch == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
			i++; /* no-break space */
		} else {
			return -1;
		}
	}
	if (nd == 0)
		return -1;
	digits[nd] = '\0';
	const char *d = digits;
	size_t national = 0; /* digits after the calling code, for a national number */
	fu_buf_addc(out, '+');
	if (plus || (nd > 2 && d[0] == '0' && d[1] == '0')) {
		if (!plus)
			d += 2, nd -= 2;
		/* a trunk 0 written after the country code (+358 040 ..., +46 070 ...)
		 * is not dialled from abroad */
		size_t cc = trunk_zero_after(d, nd);
		fu_buf_add(out, d, cc);
		fu_buf_add(out, d + cc + (cc > 0), nd - cc - (cc > 0));
	} else if (c && strcmp(c->cc, "1") == 0 && nd > 3 && strncmp(d, "011", 3) == 0) {
		fu_buf_add(out, d + 3, nd - 3);
	} else if (!c) {
		*why = norm_why_no_country;
		return -1;
	} else if (c->trunk[0] && strncmp(d, c->trunk, strlen(c->trunk)) == 0 &&
	           !(strcmp(c->cc, "1") == 0 && nd == 10)) {
		size_t t = strlen(c->trunk);
		if (strcmp(c->cc, "1") == 0 && (nd - t != 10 || d[t] < '2')) {
			*why = "not a North American number (10 digits, the first 2-9, after the 1)";
			return -1;
		}
		fu_buf_adds(out, c->cc);
		fu_buf_add(out, d + t, nd - t);
		national = nd - t;
	} else if (c->trunk[0] && strcmp(c->cc, "1") != 0 && strncmp(d, c->cc, strlen(c->cc)) == 0 &&
	           nd - strlen(c->cc) >= 7) {
		fu_buf_add(out, d, nd); /* the country code without its + */
	} else if (strcmp(c->cc, "1") == 0 && (nd != 10 || d[0] < '2')) {
		*why = "not a North American number (10 digits, the first 2-9, after the 1)";
		return -1;
	} else if (c->max_nsn && nd > (size_t)c->max_nsn && nd + strlen(c->cc) <= 15) {
		/* not a national number with its leading zero dropped: too long */
		*why = nd >= 10 && trunk_zero_after(d, nd) == 0 && calling_code(d, nd)
		           ? "too many digits for a national number of its country: an international "
		             "number without its + (write it with + or 00)"
		           : "too many digits for a national number of its country";
		return -1;
	} else {
		/* no trunk prefix: a country without one, or a leading zero a
		 * spreadsheet dropped (0401234567 -> 401234567) */
		fu_buf_adds(out, c->cc);
		fu_buf_add(out, d, nd);
		national = nd;
	}
	size_t total = out->len - 1;
	if (national && national < 6) {
		*why = "too few digits for a phone number";
		return -1;
	}
	if (out->data[1] == '0') {
		*why = "no country code starts with 0";
		return -1;
	}
	if (total < 7 || total > 15) {
		*why = total < 7 ? "too few digits for a phone number" : "more than 15 digits (E.164)";
		return -1;
	}
	return 0;
}

/* ---- dates --------------------------------------------------------------- */

static int num(const char **pp, const char *end, int min, int max, int *v)
{
	const char *p = *pp;
	int k = 0, x = 0;
	while (p < end && isdigit((unsigned char)*p) && k < max) {
		x = x * 10 + (*p - '0');
		p++;
		k++;
	}
	if (k < min || (p < end && isdigit((unsigned char)*p)))
		return -1;
	*v = x;
	*pp = p;
	return 0;
}

static char *put_num(char *q, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		q[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return q + width;
}

/* the month of a month's name at *PP (advanced past it, and past a '.'
 * after an abbreviation), or 0: English (a name or its first three
 * letters), Finnish, Swedish, German, French, Spanish, Portuguese, Italian
 * and Dutch names and their usual abbreviations, in any case */
static int month_word(const char **pp, const char *end)
{
	static const char *const en[12] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                    "jul", "aug", "sep", "oct", "nov", "dec"};
	static const char *const fi[12] = {"tammi", "helmi", "maalis", "huhti", "touko", "kesä",
	                                    "heinä", "elo", "syys", "loka", "marras", "joulu"};
	/* whole words: a name or an abbreviation of one of the languages */
	static const struct {
		const char *w;
		int m;
	} names[] = {
		/* Swedish */
		{"januari", 1}, {"februari", 2}, {"mars", 3}, {"maj", 5}, {"juni", 6}, {"juli", 7},
		{"augusti", 8}, {"oktober", 10},
		/* German */
		{"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mär", 3}, {"mrz", 3},
		{"mai", 5}, {"okt", 10}, {"dezember", 12}, {"dez", 12},
		/* French */
		{"janvier", 1}, {"janv", 1}, {"février", 2}, {"fevrier", 2}, {"févr", 2}, {"fevr", 2},
		{"fév", 2}, {"avril", 4}, {"avr", 4}, {"juin", 6}, {"juillet", 7}, {"juil", 7},
		{"août", 8}, {"aout", 8}, {"septembre", 9}, {"sept", 9}, {"octobre", 10},
		{"novembre", 11}, {"décembre", 12}, {"déc", 12}, {"decembre", 12},
		/* Spanish and Portuguese */
		{"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"abr", 4},
		{"mayo", 5}, {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"ago", 8},
		{"septiembre", 9}, {"setiembre", 9}, {"set", 9}, {"octubre", 10}, {"noviembre", 11},
		{"diciembre", 12}, {"dic", 12}, {"janeiro", 1}, {"fevereiro", 2}, {"fev", 2},
		{"março", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7}, {"setembro", 9},
		{"outubro", 10}, {"out", 10}, {"novembro", 11}, {"dezembro", 12},
		/* Italian */
		{"gennaio", 1}, {"gen", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"mag", 5},
		{"giugno", 6}, {"giu", 6}, {"luglio", 7}, {"lug", 7}, {"settembre", 9},
		{"ottobre", 10}, {"ott", 10}, {"dicembre", 12},
		/* Dutch */
		{"maart", 3}, {"mrt", 3}, {"mei", 5}, {"augustus", 8},
	};
	const char *p = *pp;
	char w[24];
	size_t k = 0;
	while (p < end && (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80) && k < sizeof w - 1)
		w[k++] = *p++;
	w[k] = '\0';
	norm_lower_utf8(w, k);
	if (k < 3)
		return 0;
	int m = 0;
	if (strstr(w, "kuu")) { /* Finnish: tammikuu, tammikuuta ... */
		for (int i = 0; i < 12 && !m; i++)
			if (strncmp(w, fi[i], strlen(fi[i])) == 0)
				m = i + 1;
	} else {
		for (size_t i = 0; i < sizeof names / sizeof names[0] && !m; i++)
			if (strcmp(w, names[i].w) == 0)
				m = names[i].m;
		for (int i = 0; i < 12 && !m; i++)
			if (strncmp(w, en[i], 3) == 0)
				m = i + 1;
	}
	if (m && p < end && *p == '.')
		p++; /* "Mär.", "janv." */
	if (m)
		*pp = p;
	return m;
}

/* the word W (lower-case ASCII) and a space at *PP, skipped: Spanish and
 * Portuguese "4 de marzo de 2026", "at" before a time ... */
static int skip_word(const char **pp, const char *end, const char *w)
{
	size_t k = strlen(w);
	if ((size_t)(end - *pp) <= k || strncasecmp(*pp, w, k) != 0 || (*pp)[k] != ' ')
		return 0;
	*pp += k + 1;
	while (*pp < end && **pp == ' ')
		(*pp)++;
	return 1;
}

/* "Jan 15, 2024", "January 15 2024", "15 Jan 2024", "15. tammikuuta 2024";
 * with hyphens (Excel's d-mmm-yy, Oracle's DD-MON-YYYY, eBay's Mon-DD-YY)
 * "15-Jan-2024", "15-Jan-24", "Jan-15-24": a two-digit year only there */
/* a year of four digits, or of two (Etsy's 09/03/26): 00-69 the 2000s,
 * 70-99 the 1900s, as POSIX strptime's %y */
static int year_num(const char **pp, const char *end, int *y)
{
	const char *p = *pp;
	if (num(&p, end, 2, 4, y) || p - *pp == 3)
		return -1;
	if (p - *pp == 2)
		*y += *y < 70 ? 2000 : 1900;
	*pp = p;
	return 0;
}

static int month_name_date(const char **pp, const char *end, int *y, int *mo, int *d)
{
	const char *p = *pp;
	int hyphen = 0;
	if (isdigit((unsigned char)*p)) {
		if (num(&p, end, 1, 2, d))
			return -1;
		if (*d == 1 && end - p >= 2 && strncmp(p, "er", 2) == 0)
			p += 2; /* French "1er mars" */
		if (p < end && *p == '-')
			hyphen = 1, p++;
		else if (p < end && *p == '.')
			p++;
		while (!hyphen && p < end && *p == ' ')
			p++;
		if (!hyphen)
			skip_word(&p, end, "de"); /* "4 de marzo de 2026" */
		if (!(*mo = month_word(&p, end)))
			return -1;
		while (!hyphen && p < end && *p == ' ')
			p++;
		if (!hyphen)
			skip_word(&p, end, "de");
	} else {
		if (!(*mo = month_word(&p, end)))
			return -1;
		if (p < end && *p == '-')
			hyphen = 1, p++;
		else if (p < end && *p == '.')
			p++;
		while (!hyphen && p < end && *p == ' ')
			p++;
		if (num(&p, end, 1, 2, d))
			return -1;
		if (!hyphen && p < end && (*p == ',' || *p == '.'))
			p++;
	}
	if (hyphen) {
		if (p >= end || *p != '-')
			return -1;
		p++;
		int yy;
		const char *at = p;
		if (num(&p, end, 4, 4, y) == 0)
			;
		else if (p = at, num(&p, end, 2, 2, &yy) == 0)
			*y = yy < 70 ? 2000 + yy : 1900 + yy; /* strptime's %y */
		else
			return -1;
		*pp = p;
		return 0;
	}
	while (p < end && (*p == ' ' || *p == ','))
		p++;
	if (num(&p, end, 4, 4, y))
		return -1;
	if (p < end && *p == ',')
		p++;
	*pp = p;
	return 0;
}

static int day_then_month_name(const char *p, const char *end)
{
	int d;
	if (num(&p, end, 1, 2, &d))
		return 0;
	if (d == 1 && end - p >= 2 && strncmp(p, "er", 2) == 0)
		p += 2;
	if (p < end && *p == '.')
		p++;
	return p + 1 < end && (*p == ' ' || *p == '-') &&
	       (isalpha((unsigned char)p[1]) || (unsigned char)p[1] >= 0x80);
}

/* An English weekday's name or its abbreviation and a comma or space after
 * it, as RFC 2822 ("Thu, 15 Jan 2026 ...") and long US dates ("Thursday,
 * January 15, 2026") begin: skipped (the date says the day).  0 when *PP
 * does not begin with one. */
static int skip_weekday(const char **pp, const char *end)
{
	static const char *const days[7] = {"monday", "tuesday", "wednesday", "thursday",
	                                     "friday", "saturday", "sunday"};
	const char *p = *pp;
	char w[12];
	size_t k = 0;
	while (p < end && isalpha((unsigned char)*p) && k < sizeof w - 1)
		w[k++] = (char)tolower((unsigned char)*p++);
	w[k] = '\0';
	if (k < 3 || (p < end && isalpha((unsigned char)*p)))
		return 0;
	for (int i = 0; i < 7; i++) {
		if (strncmp(days[i], w, k) != 0)
			continue; /* "thu", "thurs", "thursday" */
		if (p < end && *p == '.')
			p++;
		if (p >= end || (*p != ',' && *p != ' '))
			return 0;
		if (*p == ',')
			p++;
		while (p < end && *p == ' ')
			p++;
		*pp = p;
		return 1;
	}
	return 0;
}

/* A date column's number: YYYYMMDD (ERP exports) or Unix time in seconds
 * (9-10 digits) or milliseconds (12-13 digits), 1980 to 2099 -> OUT as
 * YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.  0; 1 for a YYYYMMDD whose time may
 * follow (*Y, *MO, *D set, *PP past it); -1 not one of them. */
static int number_date(const char **pp, const char *end, int *y, int *mo, int *d, fu_buf *out)
{
	const char *p = *pp;
	size_t k = 0;
	while (p + k < end && isdigit((unsigned char)p[k]))
		k++;
	if (k == 8 && (p + k == end || p[k] == ' ' || p[k] == 'T')) {
		*y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		*mo = (p[4] - '0') * 10 + (p[5] - '0');
		*d = (p[6] - '0') * 10 + (p[7] - '0');
		if (*y < 1900 || *y > 2099 || !fu_valid_date(*y, *mo, *d))
			return -1;
		*pp = p + 8;
		return 1;
	}
	if (p + k != end || !(k == 9 || k == 10 || k == 12 || k == 13))
		return -1;
	int64_t t = 0;
	for (size_t i = 0; i < k; i++)
		t = t * 10 + (p[i] - '0');
	int64_t ms = -1;
	if (k >= 12)
		ms = t % 1000, t /= 1000;
	if (t < 315532800 || t >= 4102444800) /* 1980-01-01 .. 2100-01-01 */
		return -1;
	int64_t days = t / 86400, secs = t % 86400;
	int yy, mm, dd;
	fu_civil_from_days(days, &yy, &mm, &dd);
	fu_buf_clear(out);
	fu_buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d", yy, mm, dd, (int)(secs / 3600),
	              (int)(secs / 60 % 60), (int)(secs % 60));
	if (ms > 0)
		fu_buf_printf(out, ".%03d", (int)ms);
	fu_buf_addc(out, 'Z');
	return 0;
}

/* After a year: "年3月4日" (Chinese, Japanese) or "년 3월 4일" (Korean), the
 * month and day into *MO, *D and *PP past them; -1 when it is not that */
static int cjk_date(const char **pp, const char *end, int *mo, int *d)
{
	static const char *const marks[][3] = {{"\xe5\xb9\xb4", "\xe6\x9c\x88", "\xe6\x97\xa5"},
	                                       {"\xeb\x85\x84", "\xec\x9b\x94", "\xec\x9d\xbc"}};
	for (int k = 0; k < 2; k++) {
		const char *p = *pp;
		int v[2];
		int ok = 1;
		for (int part = 0; part < 3 && ok; part++) {
			if (part) {
				while (p < end && *p == ' ')
					p++;
				ok = num(&p, end, 1, 2, &v[part - 1]) == 0;
			}
			if (ok && end - p >= 3 && memcmp(p, marks[k][part], 3) == 0)
				p += 3;
			else
				ok = 0;
		}
		if (ok) {
			*mo = v[0], *d = v[1];
			*pp = p;
			return 0;
		}
	}
	return -1;
}

/* A zone's abbreviation after a time ("14:22:10 CET"), as its offset into
 * OFF: 1, *PP past it; 0 when *PP holds no word of capitals; -1 (*WHY
 * set) for one that stands for several zones (IST: India, Ireland or
 * Israel) or that is not known: the offset is not guessed.  UTC and GMT,
 * with an offset or without, are read by the caller. */
static int zone_abbrev(const char **pp, const char *end, char off[24], const char **why)
{
	static const struct {
		const char *abbr;
		int min;
	} known[] = {
		{"UT", 0},      {"WET", 0},     {"WEST", 60},   {"CET", 60},    {"CEST", 120},
		{"MET", 60},    {"MEST", 120},  {"MEZ", 60},    {"MESZ", 120},  {"EET", 120},
		{"EEST", 180},  {"MSK", 180},
		{"JST", 540},   {"KST", 540},   {"HKT", 480},   {"SGT", 480},   {"AWST", 480},
		{"ACST", 570},  {"ACDT", 630},  {"AEST", 600},  {"AEDT", 660},  {"NZST", 720},
		{"NZDT", 780},  {"NST", -210},  {"NDT", -150},  {"ADT", -180},  {"EST", -300},
		{"EDT", -240},  {"MST", -420},  {"MDT", -360},  {"PST", -480},  {"PDT", -420},
		{"AKST", -540}, {"AKDT", -480}, {"HST", -600},  {"PKT", 300},   {"WIB", 420},
	};
	/* each standing for zones hours apart: the offset must be written */
	static const struct {
		const char *abbr, *why;
	} several[] = {
		{"IST", "zone 'IST' stands for several zones (India +05:30, Ireland +01:00, Israel "
		        "+02:00): write the offset instead"},
		{"CST", "zone 'CST' stands for several zones (North America's Central -06:00, China "
		        "+08:00, Cuba -05:00): write the offset instead"},
		{"CDT", "zone 'CDT' stands for several zones (North America's Central -05:00, Cuba "
		        "-04:00): write the offset instead"},
		{"BST", "zone 'BST' stands for several zones (British Summer Time +01:00, Bangladesh "
		        "+06:00): write the offset instead"},
		{"AST", "zone 'AST' stands for several zones (Atlantic -04:00, Arabia +03:00): write "
		        "the offset instead"},
		{"GST", "zone 'GST' stands for several zones (Gulf +04:00, South Georgia -02:00): "
		        "write the offset instead"},
		{"SST", "zone 'SST' stands for several zones (Samoa -11:00, Singapore +08:00): write "
		        "the offset instead"},
	};
	const char *p = *pp;
	size_t k = 0;
	while (p + k < end && isupper((unsigned char)p[k]))
		k++;
	if (k < 2 || k > 5 || p + k != end)
		return 0; /* not a word of capitals ending the cell */
	if ((k == 3 && (strncmp(p, "UTC", 3) == 0 || strncmp(p, "GMT", 3) == 0)) ||
	    (k == 2 && (strncmp(p, "AM", 2) == 0 || strncmp(p, "PM", 2) == 0)))
		return 0;
	for (size_t i = 0; i < sizeof several / sizeof several[0]; i++)
		if (strlen(several[i].abbr) == k && strncmp(p, several[i].abbr, k) == 0) {
			*why = several[i].why;
			return -1;
		}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strlen(known[i].abbr) == k && strncmp(p, known[i].abbr, k) == 0) {
			int m = known[i].min < 0 ? -known[i].min : known[i].min;
			if (m == 0)
				strcpy(off, "Z");
			else
				snprintf(off, 24, "%c%02d:%02d", known[i].min < 0 ? '-' : '+', m / 60 % 24, m % 60);
			*pp = p + k;
			return 1;
		}
	*why = "not a zone fu-import knows (an offset such as +01:00 or -05:00, UTC, or CET, "
	       "CEST, EST, EDT, PST ...)";
	return -1;
}

int norm_date_slashed(const char *s, size_t n, int *a, int *b)
{
	const char *p = s, *end = s + n;
	while (p < end && *p == ' ')
		p++;
	int y;
	if (num(&p, end, 1, 2, a) || p >= end || *p != '/')
		return 0;
	p++;
	if (num(&p, end, 1, 2, b) || p >= end || *p != '/')
		return 0;
	p++;
	return year_num(&p, end, &y) == 0;
}

/* The shapes most exports write, d.m.yyyy, a/b/yyyy, yyyy-mm-dd and
 * yyyy-mm-dd hh:mm, with nothing around them: read at once into *Y, *MO,
 * *D and *H, *MI (*H -1: no time) as norm_date reads them.  0 for anything
 * else. */
static int plain_date(const char *s, size_t n, int order, int *y, int *mo, int *d, int *h, int *mi)
{
	const unsigned char *u = (const unsigned char *)s;
#define DIGIT(i) ((unsigned)(u[i] - '0') < 10)
#define VAL(i) (u[i] - '0')
	*h = -1;
	if ((n == 10 || n == 16) && u[4] == '-' && u[7] == '-') {
		if (!(DIGIT(0) && DIGIT(1) && DIGIT(2) && DIGIT(3) && DIGIT(5) && DIGIT(6) && DIGIT(8) &&
		      DIGIT(9)))
			return 0;
		if (n == 16) {
			if (!((u[10] == ' ' || u[10] == 'T') && DIGIT(11) && DIGIT(12) && u[13] == ':' &&
			      DIGIT(14) && DIGIT(15)))
				return 0;
			*h = VAL(11) * 10 + VAL(12);
			*mi = VAL(14) * 10 + VAL(15);
		}
		*y = VAL(0) * 1000 + VAL(1) * 100 + VAL(2) * 10 + VAL(3);
		*mo = VAL(5) * 10 + VAL(6);
		*d = VAL(8) * 10 + VAL(9);
		return 1;
	}
	if (n < 8 || n > 10 || !DIGIT(0))
		return 0;
	size_t i = 1;
	int a = VAL(0), b;
	if (DIGIT(1))
		a = a * 10 + VAL(1), i = 2;
	char sep = (char)u[i];
	if ((sep != '.' && sep != '/') || !DIGIT(i + 1))
		return 0;
	b = VAL(i + 1);
	i += 2;
	if (DIGIT(i))
		b = b * 10 + VAL(i), i++;
	if (u[i] != (unsigned char)sep || n - i != 5 || !(DIGIT(i + 1) && DIGIT(i + 2) && DIGIT(i + 3) &&
	                                                  DIGIT(i + 4)))
		return 0;
	*y = VAL(i + 1) * 1000 + VAL(i + 2) * 100 + VAL(i + 3) * 10 + VAL(i + 4);
	if (sep == '.' || order == NORM_DMY)
		*d = a, *mo = b;
	else
		*mo = a, *d = b;
	return 1;
#undef DIGIT
#undef VAL
}

int norm_date(const char *s, size_t n, int order, fu_buf *out, const char **why)
{
	int y, mo, d, h, mi;
	if (plain_date(s, n, order, &y, &mo, &d, &h, &mi) && fu_valid_date(y, mo, d) &&
	    h <= 23 && (h < 0 || mi <= 59)) {
		/* as below */
		*why = h < 0 ? "not a date (YYYY-MM-DD, d.m.yyyy, m/d/yyyy or d/m/yyyy)"
		             : "not a time of day (HH:MM[:SS])";
		fu_buf_clear(out);
		fu_buf_reserve(out, 16);
		char *q = out->data;
		q[0] = (char)('0' + y / 1000), q[1] = (char)('0' + y / 100 % 10);
		q[2] = (char)('0' + y / 10 % 10), q[3] = (char)('0' + y % 10), q[4] = '-';
		q[5] = (char)('0' + mo / 10), q[6] = (char)('0' + mo % 10), q[7] = '-';
		q[8] = (char)('0' + d / 10), q[9] = (char)('0' + d % 10);
		out->len = 10;
		if (h >= 0) {
			q[10] = 'T', q[11] = (char)('0' + h / 10), q[12] = (char)('0' + h % 10), q[13] = ':';
			q[14] = (char)('0' + mi / 10), q[15] = (char)('0' + mi % 10);
			out->len = 16;
		}
		q[out->len] = '\0';
		return 0;
	}
	char tmp[96];
	norm_trim(s, n, out);
	if (out->len >= sizeof tmp) {
		*why = "not a date";
		return -1;
	}
	memcpy(tmp, out->data, out->len + 1);
	const char *p = tmp, *end = tmp + out->len;
	int a, b;
	int sec = -1;
	h = -1, mi = 0;
	char frac[16] = "";
	char off[24] = "";
	int cjk = 0; /* 2026年3月4日: its time may follow without a space */
	*why = "not a date (YYYY-MM-DD, d.m.yyyy, m/d/yyyy or d/m/yyyy)";
	int numbered = isdigit((unsigned char)*p) ? number_date(&p, end, &y, &mo, &d, out) : -1;
	if (numbered == 0)
		return 0;
	if (numbered == -1 && isalpha((unsigned char)*p))
		skip_weekday(&p, end);
	const char *start = p;
	if (numbered == 1) {
		; /* YYYYMMDD, its time may follow */
	} else if (p >= end) {
		return -1;
	} else if (num(&p, end, 4, 4, &y) == 0 && cjk_date(&p, end, &mo, &d) == 0) {
		cjk = 1; /* 2026年3月4日, 2026년 3월 4일 */
	} else if (p = start, num(&p, end, 4, 4, &y) == 0) {
		/* 2024-01-15, or 2024/01/15 and 2024.01.15 (year first is never m/d) */
		char sep = p < end ? *p : 0;
		int w = sep == '-' ? 2 : 1;
		if ((sep != '-' && sep != '/' && sep != '.') || (p++, num(&p, end, w, 2, &mo)) ||
		    p >= end || *p != sep || (p++, num(&p, end, w, 2, &d)))
			return -1;
	} else if (p < end && isalpha((unsigned char)*p)) {
		if (month_name_date(&p, end, &y, &mo, &d) != 0)
			return -1;
	} else if (day_then_month_name(p, end)) { /* 15 Jan 2024, 15. tammikuuta 2024 */
		if (month_name_date(&p, end, &y, &mo, &d) != 0)
			return -1;
	} else if (num(&p, end, 1, 2, &a) == 0 && p < end && (*p == '.' || *p == '/')) {
		char sep = *p++;
		if (num(&p, end, 1, 2, &b) || p >= end || *p != sep)
			return -1;
		p++;
		/* a/b/yy (Etsy's) and d.m.yy (German short dates, 04.03.26): a
		 * two-digit year as year_num reads it */
		if (year_num(&p, end, &y))
			return -1;
		if (sep == '.' || order == NORM_DMY) {
			d = a;
			mo = b;
		} else {
			mo = a;
			d = b;
		}
	} else {
		return -1;
	}
	if (!fu_valid_date(y, mo, d)) {
		*why = tmp[1] == '/' || tmp[2] == '/'
		           ? (order == NORM_DMY ? "no such date (the column is read as d/m/yyyy: see --explain, --date-order)"
		                                : "no such date (the column is read as m/d/yyyy: see --explain, --date-order)")
		           : "no such date";
		return -1;
	}
	/* optional time: T or spaces, a comma before them ("3/4/2026, 2:22 PM",
	 * Salesforce's "04.03.2026, 14:22"), a word ("klo", "at", "um", "à"),
	 * HH:MM or HH.MM, seconds, fraction, AM/PM, then Z, UTC, an offset or
	 * a zone's abbreviation */
	if (p + 1 < end && *p == ',' && p[1] == ' ')
		p++;
	if (p < end && (*p == 'T' || *p == ' ' || (cjk && isdigit((unsigned char)*p)))) {
		p += *p == 'T' || *p == ' ';
		while (p < end && *p == ' ')
			p++;
		static const char *const before_time[] = {"klo", "at", "um", "kl", "kl.", "\xc3\xa0"};
		for (size_t i = 0; i < sizeof before_time / sizeof *before_time; i++)
			if (skip_word(&p, end, before_time[i]))
				break;
		*why = "not a time of day (HH:MM[:SS])";
		if (num(&p, end, 1, 2, &h) || p >= end || (*p != ':' && *p != '.'))
			return -1;
		char tsep = *p++;
		if (num(&p, end, 2, 2, &mi))
			return -1;
		if (p < end && *p == tsep) {
			p++;
			if (num(&p, end, 2, 2, &sec))
				return -1;
			if (p < end && (*p == '.' || *p == ',') && tsep == ':') {
				size_t k = 0;
				frac[k++] = '.';
				p++;
				while (p < end && isdigit((unsigned char)*p) && k < sizeof frac - 1)
					frac[k++] = *p++;
				frac[k] = '\0';
				if (k == 1 || (p < end && isdigit((unsigned char)*p)))
					return -1;
			}
		}
		while (p < end && *p == ' ')
			p++;
		size_t ampm = end - p >= 2 && (strncasecmp(p, "AM", 2) == 0 || strncasecmp(p, "PM", 2) == 0)
		                  ? 2
		              : end - p >= 4 && (strncasecmp(p, "a.m.", 4) == 0 || strncasecmp(p, "p.m.", 4) == 0)
		                  ? 4
		                  : 0;
		if (ampm && (p + ampm == end || !isalpha((unsigned char)p[ampm]))) {
			if (h < 1 || h > 12)
				return -1;
			int pm = toupper((unsigned char)*p) == 'P';
			h = h % 12 + (pm ? 12 : 0);
			p += ampm;
			while (p < end && *p == ' ')
				p++;
		}
		if (end - p >= 3 && strncasecmp(p, "uhr", 3) == 0 && (end - p == 3 || p[3] == ' ')) {
			p += 3; /* German "14:22 Uhr" */
			while (p < end && *p == ' ')
				p++;
		}
		int zr = zone_abbrev(&p, end, off, why);
		if (zr < 0)
			return -1;
		if (zr) {
			; /* "CET", "EDT" */
		} else if (p < end && (*p == 'Z' || *p == 'z') && p + 1 == end) {
			strcpy(off, "Z");
			p++;
		} else if (end - p == 3 && (strncmp(p, "UTC", 3) == 0 || strncmp(p, "GMT", 3) == 0)) {
			strcpy(off, "Z");
			p += 3;
		} else if (p < end && (*p == '+' || *p == '-' ||
		                       (end - p > 4 && (p[3] == '+' || p[3] == '-') &&
		                        (strncmp(p, "UTC", 3) == 0 || strncmp(p, "GMT", 3) == 0)))) {
			/* "GMT+3", "UTC-05:00" (Google Forms' timestamps): an hour of
			 * one digit there */
			int named = *p != '+' && *p != '-';
			p += named ? 3 : 0;
			char sign = *p++;
			int oh, om = 0;
			/* +HH, +HH:MM or +HHMM */
			if (named && end - p >= 1 && isdigit((unsigned char)p[0]) &&
			    (end - p == 1 || !isdigit((unsigned char)p[1]))) {
				oh = p[0] - '0';
				p++;
			} else if (end - p < 2 || !isdigit((unsigned char)p[0]) ||
			           !isdigit((unsigned char)p[1])) {
				return -1;
			} else {
				oh = (p[0] - '0') * 10 + (p[1] - '0');
				p += 2;
			}
			if (p < end && *p == ':')
				p++;
			if (p < end && num(&p, end, 2, 2, &om))
				return -1;
			if (oh > 14 || om > 59) {
				*why = "no such UTC offset";
				return -1;
			}
			off[0] = sign;
			off[1] = (char)('0' + oh / 10);
			off[2] = (char)('0' + oh % 10);
			off[3] = ':';
			off[4] = (char)('0' + om / 10);
			off[5] = (char)('0' + om % 10);
			off[6] = '\0';
			/* RFC 2822's comment after the offset: "+0000 (UTC)" */
			const char *c = p;
			while (c < end && *c == ' ')
				c++;
			if (c < end && *c == '(' && end[-1] == ')' && !memchr(c + 1, '(', (size_t)(end - c - 1)))
				p = end;
		}
		if (h > 23 || mi > 59 || sec > 59) {
			*why = "no such time of day";
			return -1;
		}
	}
	if (p != end) {
		*why = "not a date: text after it";
		return -1;
	}
	/* written by hand: this runs for every row of a large file */
	char iso[64], *q = iso;
	q = put_num(q, y, 4);
	*q++ = '-';
	q = put_num(q, mo, 2);
	*q++ = '-';
	q = put_num(q, d, 2);
	if (h >= 0) {
		*q++ = 'T';
		q = put_num(q, h, 2);
		*q++ = ':';
		q = put_num(q, mi, 2);
		if (sec >= 0) {
			*q++ = ':';
			q = put_num(q, sec, 2);
			for (const char *f = frac; *f; f++)
				*q++ = *f;
		}
		for (const char *f = off; *f; f++)
			*q++ = *f;
	}
	fu_buf_clear(out);
	fu_buf_add(out, iso, (size_t)(q - iso));
	return 0;
}

/* ---- vocabularies -------------------------------------------------------- */

/* s trimmed, lower-cased, with spaces, hyphens and underscores removed */
static size_t squash(const char *s, size_t n, char *buf, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < size; i++) {
		if (s[i] == ' ' || s[i] == '-' || s[i] == '_' || s[i] == '\t')
			continue;
		buf[k++] = s[i];
	}
	buf[k] = '\0';
	norm_lower_utf8(buf, k);
	return k;
}

static const struct word {
	const char *in, *stage, *segment;
} stage_words[] = {
	/* ours */
	{"prospect", "prospect", ""}, {"new", "new", ""}, {"returning", "returning", ""},
	{"loyal", "loyal", ""}, {"advocate", "advocate", ""},
	/* HubSpot lifecycle stages (labels and internal values) */
	{"subscriber", "prospect", "new"}, {"lead", "prospect", "new"},
	{"marketingqualifiedlead", "prospect", "mid"}, {"mql", "prospect", "mid"},
	{"salesqualifiedlead", "prospect", "mid"}, {"sql", "prospect", "mid"},
	{"opportunity", "prospect", "mid"}, {"customer", "new", ""},
	{"evangelist", "advocate", ""}, {"other", "", ""},
	/* Pipedrive labels */
	{"coldlead", "prospect", "new"}, {"warmlead", "prospect", "mid"},
	{"hotlead", "prospect", "mid"},
	/* Finnish */
	{"liidi", "prospect", "new"}, {"prospekti", "prospect", ""}, {"asiakas", "new", ""},
	{"uusiasiakas", "new", ""}, {"palaava", "returning", ""},
	{"palaavaasiakas", "returning", ""}, {"kantaasiakas", "loyal", ""},
	{"suosittelija", "advocate", ""},
	/* Swedish */
	{"prospekt", "prospect", ""}, {"kund", "new", ""}, {"nykund", "new", ""},
	{"återkommande", "returning", ""}, {"återkommandekund", "returning", ""},
	{"stamkund", "loyal", ""}, {"ambassadör", "advocate", ""},
};

/* norm_stage's cache set for a cell of N (< 64) bytes: a clash only costs a lookup */
static size_t stage_set(const char *s, size_t n)
{
	uint64_t a = 0, b = 0;
	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
	} else {
		memcpy(&a, s, n);
	}
	uint64_t h = (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL) ^ n;
	return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> 59);
}

int norm_stage(const char *s, size_t n, fu_buf *stage, const char **segment, const char **why)
{
	char buf[64];
	fu_buf_clear(stage);
	*segment = "";
	/* exports repeat a few words, known or not: a small cache of them as
	 * written (the cell's bytes), two in each of 32 sets */
	static struct stage_seen {
		char cell[64];
		size_t n;
		long i; /* index in stage_words, -1: not a stage, -2: empty slot */
	} cache[32][2];
	static int cache_ready;
	if (!cache_ready) {
		for (size_t k = 0; k < 32; k++)
			cache[k][0].i = cache[k][1].i = -2;
		cache_ready = 1;
	}
	struct stage_seen *set = n < sizeof cache[0][0].cell ? cache[stage_set(s, n)] : NULL;
	long found;
	if (set && set[0].i != -2 && set[0].n == n && memcmp(set[0].cell, s, n) == 0) {
		found = set[0].i;
	} else if (set && set[1].i != -2 && set[1].n == n && memcmp(set[1].cell, s, n) == 0) {
		found = set[1].i;
	} else {
		norm_trim(s, n, stage);
		if (stage->len == 0)
			return 0;
		squash(stage->data, stage->len, buf, sizeof buf);
		fu_buf_clear(stage);
		found = -1;
		for (size_t i = 0; i < sizeof stage_words / sizeof stage_words[0]; i++)
			if (strcmp(buf, stage_words[i].in) == 0) {
				found = (long)i;
				break;
			}
		if (set) { /* the newer first */
			set[1] = set[0];
			memcpy(set[0].cell, s, n);
			set[0].n = n;
			set[0].i = found;
		}
	}
	if (found >= 0) {
		fu_buf_adds(stage, stage_words[found].stage);
		*segment = stage_words[found].segment;
		return 0;
	}
	*why = "not a lifecycle stage we know (prospect, new, returning, loyal, advocate, or "
	       "HubSpot's, Pipedrive's, Finnish or Swedish words for them)";
	return -1;
}

int norm_segment(const char *s, size_t n, fu_buf *out, const char **why)
{
	static const char *const words[][2] = {
		{"new", "new"},   {"mid", "mid"},         {"campaign", "campaign"},
		{"closed", "closed"},
		{"uusi", "new"},  {"kampanja", "campaign"}, {"ny", "new"},
		{"kampanj", "campaign"}, {"mql", "mid"},   {"sql", "mid"},
	};
	char buf[64];
	norm_trim(s, n, out);
	if (out->len == 0)
		return 0;
	squash(out->data, out->len, buf, sizeof buf);
	fu_buf_clear(out);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(buf, words[i][0]) == 0) {
			fu_buf_adds(out, words[i][1]);
			return 0;
		}
	}
	*why = "not a lead segment (new, mid, campaign, closed)";
	return -1;
}

const char *norm_lead_status(const char *s, size_t n)
{
	/* HubSpot's lead statuses (labels and internal values), and Close's
	 * (Bad Fit): one the salesperson set aside is closed (no lead plan),
	 * one in talks is mid; a new, open or attempted one (Close's Potential)
	 * says nothing the stage does not */
	static const char *const words[][2] = {
		{"unqualified", "closed"}, {"badtiming", "closed"}, {"disqualified", "closed"},
		{"closedlost", "closed"},  {"lost", "closed"},      {"junk", "closed"},
		{"badfit", "closed"},      {"notinterested", "closed"},
		{"connected", "mid"},      {"opendeal", "mid"},     {"inprogress", "mid"},
		{"qualified", "mid"},
	};
	char buf[64];
	squash(s, n, buf, sizeof buf);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(buf, words[i][0]) == 0)
			return words[i][1];
	return "";
}

int norm_lang(const char *s, size_t n, fu_buf *out, const char **why)
{
	static const char *const words[][2] = {
		{"fin", "fi"},     {"finnish", "fi"}, {"suomi", "fi"},   {"suomeksi", "fi"},
		{"finska", "fi"},  {"swe", "sv"},     {"swedish", "sv"}, {"svenska", "sv"},
		{"ruotsi", "sv"},  {"eng", "en"},     {"english", "en"}, {"englanti", "en"},
		{"engelska", "en"},
	};
	char buf[64];
	/* a list of languages, most preferred first (Stripe's Preferred
	 * Locales "fi-FI,en", or as JSON ["fi-FI", "en"]): the first */
	while (n && (*s == '[' || *s == '"' || *s == '\'' || *s == ' '))
		s++, n--;
	for (size_t k = 0; k < n; k++)
		if (s[k] == ',' || s[k] == ';' || s[k] == '|' || s[k] == ']') {
			n = k;
			break;
		}
	while (n && (s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	norm_trim(s, n, out);
	if (out->len == 0)
		return 0;
	squash(out->data, out->len, buf, sizeof buf);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(buf, words[i][0]) == 0) {
			fu_buf_clear(out);
			fu_buf_adds(out, words[i][1]);
			return 0;
		}
	}
	char tag[24];
	if (norm_lang_name(out->data, out->len, tag, sizeof tag) == 0) {
		fu_buf_clear(out);
		fu_buf_adds(out, tag);
		return 0;
	}
	/* a BCP 47 tag: language (2-3 letters), then subtags of 1-8 letters or
	 * digits; fi_FI is taken as fi-FI.  Language lower-case, region upper. */
	char *p = out->data;
	size_t len = out->len, i = 0, k = 0;
	while (i < len && isalpha((unsigned char)p[i])) {
		p[i] = (char)tolower((unsigned char)p[i]);
		i++;
	}
	*why = "not a language tag (fi, sv, en, fi-FI ...)";
	if (i < 2 || i > 3)
		return -1;
	while (i < len) {
		if (p[i] != '-' && p[i] != '_')
			return -1;
		p[i++] = '-';
		size_t start = i;
		for (k = 0; i < len && isalnum((unsigned char)p[i]); i++, k++)
			;
		if (k < 1 || k > 8)
			return -1;
		if (k == 2)
			for (size_t j = start; j < i; j++)
				p[j] = (char)toupper((unsigned char)p[j]);
	}
	return 0;
}

int norm_formal(const char *s, size_t n, fu_buf *out, const char **why)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "x", "formal", "kyllä", "k",
	                                   "te", "teitittely", "ja", "ni", "formell"};
	static const char *const no[] = {"no", "n", "false", "0", "informal", "ei", "sinä",
	                                  "sinuttelu", "nej", "du", "informell"};
	char buf[64];
	norm_trim(s, n, out);
	if (out->len == 0)
		return 0;
	squash(out->data, out->len, buf, sizeof buf);
	fu_buf_clear(out);
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(buf, yes[i]) == 0) {
			fu_buf_adds(out, "yes");
			return 0;
		}
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(buf, no[i]) == 0) {
			fu_buf_adds(out, "no");
			return 0;
		}
	*why = "not yes or no";
	return -1;
}

/* ---- time zones ------------------------------------------------------------ */

static const char *tz_dir(void)
{
	const char *dir = getenv("TZDIR");
	return dir && *dir ? dir : "/usr/share/zoneinfo";
}

/* is A the entry name B, ignoring case and reading a space as '_'? */
static int tz_name_eq(const char *a, const char *b, size_t bn)
{
	size_t i = 0;
	for (; i < bn && a[i]; i++) {
		char c = b[i] == ' ' ? '_' : b[i];
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)c))
			return 0;
	}
	return i == bn && a[i] == '\0';
}

/* NAME found in the tz database path component by component, ignoring case
 * and reading spaces as '_' ("america/new york" -> America/New_York): 0 and
 * the database's spelling in OUT, or -1 */
static int tz_fold(const char *name, fu_buf *out)
{
	fu_buf path = {0};
	fu_buf_adds(&path, tz_dir());
	fu_buf_clear(out);
	int rc = 0;
	for (const char *p = name; rc == 0 && *p;) {
		const char *slash = strchr(p, '/');
		size_t k = slash ? (size_t)(slash - p) : strlen(p);
		DIR *d = k && !(p[0] == '.') ? opendir(path.data) : NULL;
		const struct dirent *e = NULL;
		while (d && (e = readdir(d)) != NULL && !tz_name_eq(e->d_name, p, k))
			;
		if (e) {
			fu_buf_printf(out, "%s%s", out->len ? "/" : "", e->d_name);
			fu_buf_printf(&path, "/%s", e->d_name);
		} else {
			rc = -1;
		}
		if (d)
			closedir(d);
		p += k + (slash != NULL);
	}
	fu_buf_free(&path);
	return rc == 0 && out->len && fu_tz_valid(out->data) ? 0 : -1;
}

/* A label: "(GMT+02:00) Helsinki", "(UTC+05:30) Chennai, Kolkata, Mumbai,
 * New Delhi", "(UTC-05:00) Eastern Time (US & Canada)", Rails' "Stockholm",
 * Windows' "New Zealand Standard Time": a known label (norm_tz_label_zone),
 * else city by city the first one that is a known label or the zone of one
 * region of the tz database */
static int tz_label(const char *s, fu_buf *out)
{
	const char *p = s;
	if (*p == '(' && (strncasecmp(p + 1, "GMT", 3) == 0 || strncasecmp(p + 1, "UTC", 3) == 0)) {
		const char *close = strchr(p, ')');
		if (!close)
			return -1;
		p = close + 1;
		while (*p == ' ')
			p++;
	}
	const char *tz = norm_tz_label_zone(p, strlen(p));
	fu_buf_clear(out);
	if (tz) {
		fu_buf_adds(out, tz);
		return fu_tz_valid(out->data) ? 0 : -1;
	}
	static const char *const regions[] = {"Europe", "America", "Asia", "Africa", "Australia",
	                                      "Pacific", "Atlantic", "Indian"};
	fu_buf name = {0}, found = {0};
	int rc = -1;
	for (const char *city = p; rc != 0 && *city;) {
		size_t k = strcspn(city, ",(");
		const char *next = city + k + (city[k] == ',');
		if (city[k] == '(')
			next = city + strlen(city); /* "Mountain Time (US & Canada)": no city after */
		while (k && city[k - 1] == ' ')
			k--;
		if (k && k <= 64 && !memchr(city, '/', k)) {
			if ((tz = norm_tz_label_zone(city, k)) != NULL && fu_tz_valid(tz)) {
				fu_buf_clear(&found);
				fu_buf_adds(&found, tz);
				rc = 0;
				break;
			}
			int hits = 0;
			for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
				fu_buf_clear(&name);
				fu_buf_printf(&name, "%s/%.*s", regions[i], (int)k, city);
				if (tz_fold(name.data, out) == 0 && hits++ == 0) {
					fu_buf_clear(&found);
					fu_buf_adds(&found, out->data);
				}
			}
			if (hits == 1)
				rc = 0;
		}
		city = next;
		while (*city == ' ')
			city++;
	}
	fu_buf_clear(out);
	if (rc == 0)
		fu_buf_adds(out, found.data);
	fu_buf_free(&name);
	fu_buf_free(&found);
	return rc;
}

int norm_tz(const char *s, size_t n, fu_buf *out, const char **why)
{
	/* a column holds the same few zones over and over: the last answer */
	static fu_buf last_in, last_out;
	static int last_rc;
	static const char *last_why;
	norm_trim(s, n, out);
	if (out->len == 0)
		return 0;
	if (last_in.data && out->len == last_in.len && memcmp(out->data, last_in.data, out->len) == 0) {
		fu_buf_clear(out);
		fu_buf_add(out, last_out.data, last_out.len);
		*why = last_why;
		return last_rc;
	}
	fu_buf_clear(&last_in);
	fu_buf_add(&last_in, out->data, out->len);
	int rc = 0;
	/* a zone's abbreviation in a contact's tz column means the region's
	 * zone, with its daylight saving (EST: New York, not a fixed UTC-5,
	 * which the tz database also calls EST); UTC+02:00 a fixed offset */
	static const char *const abbrev[][2] = {
		{"EST", "America/New_York"}, {"EDT", "America/New_York"},
		{"CST", "America/Chicago"},  {"CDT", "America/Chicago"},
		{"MST", "America/Denver"},   {"MDT", "America/Denver"},
		{"PST", "America/Los_Angeles"}, {"PDT", "America/Los_Angeles"},
		{"AKST", "America/Anchorage"}, {"HST", "Pacific/Honolulu"},
		{"JST", "Asia/Tokyo"},       {"KST", "Asia/Seoul"},
		{"BST", "Europe/London"},    {"CEST", "Europe/Berlin"}, {"EEST", "Europe/Helsinki"},
		{"AEST", "Australia/Sydney"}, {"AEDT", "Australia/Sydney"},
		{"NZST", "Pacific/Auckland"}, {"NZDT", "Pacific/Auckland"},
		{"AKDT", "America/Anchorage"}, {"AWST", "Australia/Perth"},
		{"ACDT", "Australia/Adelaide"}, {"NDT", "America/St_Johns"},
		{"ADT", "America/Halifax"},  {"MSK", "Europe/Moscow"},
		{"SAST", "Africa/Johannesburg"}, {"WIB", "Asia/Jakarta"},
		{"SGT", "Asia/Singapore"},   {"HKT", "Asia/Hong_Kong"},
		{"PKT", "Asia/Karachi"},     {"NPT", "Asia/Kathmandu"},
	};
	for (size_t i = 0; i < sizeof abbrev / sizeof abbrev[0]; i++)
		if (strcasecmp(out->data, abbrev[i][0]) == 0) {
			fu_buf_clear(out);
			fu_buf_adds(out, abbrev[i][1]);
			break;
		}
	int sign, hh, mm = 0;
	char c;
	if ((strncasecmp(out->data, "UTC", 3) == 0 || strncasecmp(out->data, "GMT", 3) == 0) &&
	    (out->data[3] == '+' || out->data[3] == '-') &&
	    (sscanf(out->data + 4, "%d:%d%c", &hh, &mm, &c) == 2 ||
	     (mm = 0, sscanf(out->data + 4, "%d%c", &hh, &c) == 1)) &&
	    hh >= 0 && hh <= 14 && mm == 0) {
		/* Etc/GMT-2 is UTC+02:00: the tz database's sign is the other way */
		sign = out->data[3] == '+' ? -1 : 1;
		fu_buf_clear(out);
		if (hh == 0)
			fu_buf_adds(out, "UTC");
		else
			fu_buf_printf(out, "Etc/GMT%c%d", sign < 0 ? '-' : '+', hh);
	}
	if (!fu_tz_valid(out->data)) {
		fu_buf name = {0};
		fu_buf_add(&name, out->data, out->len);
		rc = tz_fold(name.data, out) == 0 || tz_label(name.data, out) == 0 ? 0 : -1;
		fu_buf_free(&name);
	}
	last_why = "not a time zone in the tz database (e.g. Europe/Helsinki)";
	if (rc != 0 && strcasecmp(last_in.data, "IST") == 0)
		last_why = "India's, Ireland's or Israel's standard time: write its zone (Asia/Kolkata, "
		           "Europe/Dublin, Asia/Jerusalem)";
	if (rc != 0) {
		fu_buf_clear(out);
		*why = last_why;
	}
	fu_buf_clear(&last_out);
	fu_buf_add(&last_out, out->data ? out->data : "", out->len);
	last_rc = rc;
	return rc;
}

/* a type of fu(7), or one of the other words the contract reads as one
 * (fu_ev_synonyms), written as the type's own name */
int norm_type(fu_buf *b, const char **why)
{
	enum fu_ev ev = fu_ev_parse(b->data);
	if (ev == FU_EV_OTHER) {
		*why = "not an event type of fu(7) (purchase, email_sent, call, feedback, followup ..., or osto, köp, order ...)";
		return -1;
	}
	fu_buf_clear(b);
	fu_buf_adds(b, fu_ev_names[ev]);
	return 0;
}

/* an amount -> [-]digits[.digits].  Thousands may be grouped with spaces
 * (also no-break and narrow no-break ones), apostrophes, or the one of '.'
 * and ',' that is not the decimal mark: "1,234.50", "1 234,50", "1.234,50"
 * and "1'234.50" are all 1234.50.  The decimal mark is the last '.' or ','
 * unless that one repeats ("1,234,567"); groups after the first are of
 * three digits.  A lone mark before exactly three digits ("1,234") could be
 * either: a currency written with it settles it (three decimals are
 * impossible in all but a few currencies), else the column's decimal mark
 * (norm_amount_mark over its values), else it is an error. */

enum { CUR_NONE, CUR_THREE_DECIMALS, CUR_AT_MOST_TWO };

/* The currency signs read beside an amount, longest first where one ends
 * another ("R$" before "$"): a sign of one currency gives its ISO 4217
 * code; one that several currencies use ($, ¥, kr) gives none, and the
 * countries that settle which (norm_currency_settle). */
static const struct currency_sign {
	const char *sign, *code;
	const char *countries; /* a shared sign: "CC=CODE ..." */
} currency_signs[] = {
	{"US$", "USD", NULL}, {"CA$", "CAD", NULL}, {"AU$", "AUD", NULL}, {"NZ$", "NZD", NULL},
	{"HK$", "HKD", NULL}, {"MX$", "MXN", NULL}, {"NT$", "TWD", NULL}, {"R$", "BRL", NULL},
	{"A$", "AUD", NULL}, {"S$", "SGD", NULL}, {"JP¥", "JPY", NULL}, {"CN¥", "CNY", NULL},
	{"€", "EUR", NULL}, {"£", "GBP", NULL}, {"₹", "INR", NULL}, {"zł", "PLN", NULL},
	{"₽", "RUB", NULL}, {"₩", "KRW", NULL}, {"₺", "TRY", NULL}, {"₪", "ILS", NULL},
	{"₴", "UAH", NULL}, {"฿", "THB", NULL}, {"₫", "VND", NULL}, {"₱", "PHP", NULL},
	{"Kč", "CZK", NULL}, {"円", "JPY", NULL}, {"元", "CNY", NULL},
	{"$", NULL, "US=USD CA=CAD AU=AUD NZ=NZD MX=MXN SG=SGD HK=HKD TW=TWD AR=ARS CL=CLP CO=COP"},
	{"¥", NULL, "JP=JPY CN=CNY"},
	{"kr.", NULL, "DK=DKK SE=SEK NO=NOK IS=ISK FO=DKK GL=DKK"},
	{"kr", NULL, "SE=SEK NO=NOK DK=DKK IS=ISK FO=DKK GL=DKK"},
	{"Kr", NULL, "SE=SEK NO=NOK DK=DKK IS=ISK FO=DKK GL=DKK"},
};

static const struct currency_sign *shared_sign(const char *sign)
{
	for (size_t i = 0; i < sizeof currency_signs / sizeof currency_signs[0]; i++)
		if (currency_signs[i].countries && strcmp(currency_signs[i].sign, sign) == 0)
			return &currency_signs[i];
	return NULL;
}

int norm_currency_shared(const char *sign)
{
	return shared_sign(sign) != NULL;
}

int norm_currency_settle(const char *sign, const char *country, const char *given, char code[4])
{
	const struct currency_sign *cs = shared_sign(sign);
	for (const char *p = cs ? cs->countries : ""; *p; p += p[6] ? 7 : 6)
		if (given ? strlen(given) == 3 && strncasecmp(p + 3, given, 3) == 0
		          : country && strlen(country) == 2 && strncasecmp(p, country, 2) == 0) {
			memcpy(code, p + 3, 3);
			code[3] = '\0';
			return 0;
		}
	return -1;
}

int norm_currency_cell(const char *s, size_t n, char out[8])
{
	/* the names a person types in a currency column */
	static const struct {
		const char *name, *code;
	} names[] = {
		{"euro", "EUR"}, {"euros", "EUR"}, {"us dollar", "USD"}, {"us dollars", "USD"},
		{"dollar", "$"}, {"dollars", "$"}, {"pound", "GBP"}, {"pounds", "GBP"},
		{"pound sterling", "GBP"}, {"sterling", "GBP"}, {"yen", "JPY"}, {"yuan", "CNY"},
		{"rupee", "INR"}, {"rupees", "INR"}, {"swiss franc", "CHF"}, {"swiss francs", "CHF"},
	};
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || n > 24)
		return -1;
	for (size_t i = 0; i < sizeof currency_signs / sizeof currency_signs[0]; i++)
		if (strlen(currency_signs[i].sign) == n && memcmp(currency_signs[i].sign, s, n) == 0) {
			snprintf(out, 8, "%s", currency_signs[i].code ? currency_signs[i].code : currency_signs[i].sign);
			return 0;
		}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == n && strncasecmp(names[i].name, s, n) == 0) {
			snprintf(out, 8, "%s", names[i].code);
			return 0;
		}
	if (n >= 8)
		return -1;
	for (size_t i = 0; i < n; i++)
		out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
	out[n] = '\0';
	return 0;
}

void norm_currency_choices(const char *sign, fu_buf *out)
{
	const struct currency_sign *cs = shared_sign(sign);
	size_t from = out->len;
	for (const char *p = cs ? cs->countries : ""; *p; p += p[6] ? 7 : 6)
		if (out->len == from || !memmem(out->data + from, out->len - from, p + 3, 3))
			fu_buf_printf(out, "%s%.3s", out->len > from ? ", " : "", p + 3);
	if (!out->data)
		fu_buf_adds(out, "");
}

/* drop a currency written before or after an amount: a sign (€ $ £ ¥ R$
 * zł ...: currency_signs), "kr", an ISO 4217 code (EUR, SEK, USD ...), and
 * the Nordic ",-" / ":-" of a whole amount; spaces around it too.  Returns
 * what it says of decimals; CUR (when not NULL, 8 bytes) gets the
 * currency: a code, or a shared sign as written ("$"), or "". */
static int strip_currency(fu_buf *b, char *cur)
{
	static const char *const whole[] = {",-", ":-"};
	/* the currencies with three decimals (ISO 4217) */
	static const char *const three[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
	char *p = b->data;
	size_t n = b->len;
	int cur_kind = CUR_NONE;
	if (cur)
		cur[0] = '\0';
	for (int pass = 0; pass < 2; pass++) {
		while (n && (p[0] == ' ' || p[0] == '\t'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
			p += 2, n -= 2;
		if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && (unsigned char)p[n - 1] == 0xA0)
			n -= 2;
		const struct currency_sign *found = NULL;
		for (size_t i = 0; i < sizeof currency_signs / sizeof currency_signs[0] && !found; i++) {
			const char *sg = currency_signs[i].sign;
			size_t k = strlen(sg);
			if (n > k && memcmp(p, sg, k) == 0) {
				p += k, n -= k;
				found = &currency_signs[i];
			} else if (n > k && memcmp(p + n - k, sg, k) == 0) {
				n -= k;
				found = &currency_signs[i];
			}
		}
		for (size_t i = 0; i < sizeof whole / sizeof whole[0] && !found; i++)
			if (n > 2 && memcmp(p + n - 2, whole[i], 2) == 0) {
				n -= 2;
				cur_kind = CUR_AT_MOST_TWO;
				break;
			}
		if (found) {
			cur_kind = CUR_AT_MOST_TWO;
			if (cur && !cur[0])
				snprintf(cur, 8, "%s", found->code ? found->code : found->sign);
			continue;
		}
		const char *code = NULL;
		if (n > 3 && isupper((unsigned char)p[0]) && isupper((unsigned char)p[1]) &&
		    isupper((unsigned char)p[2]) && !isalpha((unsigned char)p[3]))
			code = p, p += 3, n -= 3;
		else if (n > 3 && isupper((unsigned char)p[n - 1]) && isupper((unsigned char)p[n - 2]) &&
		         isupper((unsigned char)p[n - 3]) && !isalpha((unsigned char)p[n - 4]))
			code = p + n - 3, n -= 3;
		if (code) {
			cur_kind = CUR_AT_MOST_TWO;
			for (size_t i = 0; i < sizeof three / sizeof three[0]; i++)
				if (memcmp(code, three[i], 3) == 0)
					cur_kind = CUR_THREE_DECIMALS;
			/* "US$ 12.00 USD": the first one read stands */
			if (cur && (!cur[0] || shared_sign(cur)))
				snprintf(cur, 8, "%.3s", code);
		}
	}
	memmove(b->data, p, n);
	b->len = n;
	b->data[n] = '\0';
	return cur_kind;
}

/* The marks and digit groups of an amount, its digits gathered into DIGITS
 * (which may be S itself: never ahead of the reading). */
struct amount_shape {
	char sep[64];   /* each separator met, in order: ' ' for a space or apostrophe */
	size_t grp[65]; /* the digits before each separator, then after the last */
	size_t ns, ndigits;
	int neg;
};

static int amount_parse(const char *s, size_t n, struct amount_shape *a, char *digits)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, ndig = 0;
	a->ns = a->ndigits = 0;
	a->neg = 0;
	if (i < n && u[i] == '-') {
		a->neg = 1;
		i++;
	}
	for (; i < n; i++) {
		unsigned char c = u[i];
		char kind;
		if (isdigit(c)) {
			digits[a->ndigits++] = (char)c;
			ndig++;
			continue;
		}
		if (c == ' ' || c == '\'')
			kind = ' ';
		else if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0)
			kind = ' ', i++;
		else if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
		         (u[i + 2] == 0xAF || u[i + 2] == 0x89 || u[i + 2] == 0x99))
			kind = ' ', i += 2; /* a narrow no-break or thin space, a typographic
			                     * apostrophe (Swiss "1’234.50") */
		else if (c == '.' || c == ',')
			kind = (char)c;
		else
			return -1;
		if ((ndig == 0 && (a->ns || kind == ' ')) || a->ns == sizeof a->sep)
			return -1; /* two in a row, or a space first (".5" is fine) */
		a->sep[a->ns] = kind;
		a->grp[a->ns++] = ndig;
		ndig = 0;
	}
	if (ndig == 0) /* nothing, or a separator last */
		return -1;
	a->grp[a->ns] = ndig;
	return 0;
}

/* What the last separator is: 1 the decimal mark, 0 a thousands separator
 * (or none, or a space), -1 either (a lone '.' or ',' before exactly three
 * digits, after one to three digits not starting with 0). */
static int last_mark_role(const struct amount_shape *a, const char *digits)
{
	if (!a->ns || a->sep[a->ns - 1] == ' ')
		return 0;
	size_t same = 0, other = 0;
	for (size_t j = 0; j < a->ns; j++)
		if (a->sep[j] == a->sep[a->ns - 1])
			same++;
		else
			other++;
	if (same > 1)
		return 0;
	if (other == 0 && a->grp[a->ns] == 3 && a->grp[0] >= 1 && a->grp[0] <= 3 && digits[0] != '0')
		return -1;
	return 1;
}

/* An accounting negative: "(1.00)", "($1.00)", "(1,00 €)" as bookkeeping
 * software and Square write them, and a minus before a currency symbol
 * ("-$1.00", "−€5"): the sign taken off B (trimmed), 1; else 0. */
static int strip_negative(fu_buf *b)
{
	char *p = b->data;
	size_t n = b->len;
	while (n && (p[0] == ' ' || p[0] == '\t'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	size_t drop_front = 0, drop_back = 0;
	if (n > 2 && p[0] == '(' && p[n - 1] == ')')
		drop_front = drop_back = 1;
	else if (n > 1 && p[0] == '-' && !isdigit((unsigned char)p[1]) && p[1] != '.' && p[1] != ',')
		drop_front = 1; /* "-$1.00": the symbol stripped after */
	else if (n > 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 &&
	         (unsigned char)p[2] == 0x92)
		drop_front = 3; /* U+2212 MINUS SIGN */
	if (!drop_front)
		return 0;
	memmove(b->data, p + drop_front, n - drop_front - drop_back);
	b->len = n - drop_front - drop_back;
	b->data[b->len] = '\0';
	return 1;
}

/* Is S only digits and marks, a minus first ("-1234.50", "1,234")?  Then
 * no sign or currency need be looked for: the common case, kept cheap. */
static int plain_number(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < '0' || c > '9') && c != '.' && c != ',' && (c != '-' || i))
			return 0;
	}
	return 1;
}

int norm_amount_mark(const char *s, size_t n, char *cur)
{
	char tmp[96];
	if (cur)
		cur[0] = '\0';
	if (n >= sizeof tmp)
		return 0;
	fu_buf b = {.data = tmp, .len = n, .cap = sizeof tmp};
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (!plain_number(tmp, n)) {
		strip_negative(&b);
		strip_currency(&b, cur);
	}
	struct amount_shape a;
	if (amount_parse(b.data, b.len, &a, tmp) != 0)
		return 0;
	char last = a.ns ? a.sep[a.ns - 1] : ' ';
	if (last == ' ')
		return 0;
	int role = last_mark_role(&a, tmp);
	return role == 1 ? last : role == 0 ? (last == ',' ? '.' : ',') : 0;
}

void norm_marks_add(norm_marks *mk, const char *s, size_t n)
{
	char cur[8];
	int m = norm_amount_mark(s, n, cur);
	mk->currency += cur[0] != '\0';
	char *ex = m == ',' ? (mk->comma++, mk->ex_comma) : m == '.' ? (mk->point++, mk->ex_point) : NULL;
	if (ex && !ex[0])
		snprintf(ex, sizeof mk->ex_comma, "%.*s", (int)(n < 20 ? n : 20), s);
}

int norm_marks_decide(const norm_marks *mk)
{
	if (mk->comma + mk->point == 0)
		return 0;
	return mk->comma > mk->point ? ',' : '.';
}

int norm_amount(fu_buf *b, int mark, const char **why)
{
	return norm_amount_cur(b, mark, NULL, why);
}

int norm_amount_cur(fu_buf *b, int mark, char *currency, const char **why)
{
	if (currency)
		currency[0] = '\0';
	int negative = 0, cur = CUR_NONE;
	if (b->len && !plain_number(b->data, b->len)) {
		negative = strip_negative(b);
		cur = b->len ? strip_currency(b, currency) : CUR_NONE;
	}
	struct amount_shape a;
	char *o = b->data; /* the digits are gathered in place */
	*why = "not a number";
	if (amount_parse(b->data, b->len, &a, o) != 0 || (negative && a.neg))
		return -1;
	a.neg |= negative;
	const size_t ns = a.ns, k = a.ndigits;
	int dec = 0;
	switch (last_mark_role(&a, o)) {
	case 1: dec = 1; break;
	case 0: dec = 0; break;
	default:
		if (cur == CUR_AT_MOST_TWO)
			dec = 0; /* "$1,234", "1.234 kr": three decimals are impossible */
		else if (mark == '.' || mark == ',')
			dec = a.sep[ns - 1] == mark;
		else {
			*why = "a thousands separator or a decimal mark? (no other value in the column "
			       "decides: write 1234 or 1.234)";
			return -1;
		}
	}
	/* the thousands: one kind of separator, groups of three after the
	 * first; or India's lakh and crore ("1,23,456"): groups of two, then
	 * the last of three */
	size_t nthou = ns - (size_t)dec;
	int western = 1, indian = nthou >= 2 && a.grp[0] <= 2;
	for (size_t j = 0; j < nthou; j++) {
		if (a.sep[j] != a.sep[0] || a.grp[0] < 1)
			return -1;
		western &= j == 0 ? a.grp[0] <= 3 : a.grp[j] == 3;
		indian &= j == 0 || a.grp[j] == 2;
	}
	if (nthou && (a.grp[nthou] != 3 || !(western || indian)))
		return -1;
	/* write [-]int[.frac] over the digits gathered */
	size_t nfrac = dec ? a.grp[ns] : 0;
	size_t nint = k - nfrac;
	char tmp[128];
	size_t t = 0;
	if (k + 3 > sizeof tmp) {
		*why = "too many digits";
		return -1;
	}
	if (a.neg)
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

/* Which list S is in, as a word: trimmed, lower-cased, '_' (and '-' when
 * DASH) read as spaces.  1 in YES, 0 in NO or empty, -1 neither. */
static int word_in(const char *s, size_t n, int dash, const char *const *yes, size_t nyes,
                   const char *const *no, size_t nno)
{
	char buf[64];
	while (n && (s[0] == ' ' || s[0] == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (n >= sizeof buf)
		return -1;
	for (size_t k = 0; k < n; k++)
		buf[k] = s[k] == '_' || (dash && s[k] == '-') ? ' ' : s[k];
	buf[n] = '\0';
	norm_lower_utf8(buf, n);
	/* the first byte settles most words without a call */
	for (size_t i = 0; i < nyes; i++)
		if (buf[0] == yes[i][0] && strcmp(buf, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < nno; i++)
		if (buf[0] == no[i][0] && strcmp(buf, no[i]) == 0)
			return 0;
	return -1;
}

int norm_word_listed(const char *s, size_t n, const char *const *list, size_t nlist)
{
	return word_in(s, n, 1, list, nlist, NULL, 0) == 1;
}

int norm_flag(const char *s, size_t n)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "x", "on", "kyllä", "k", "ja",
	                                   "checked", "opted out", "optedout", "unsubscribed",
	                                   "do not allow", "oui", "sí", "si", "wahr", "vrai",
	                                   "verdadero", "waar", "tak"};
	static const char *const no[] = {"no", "n", "false", "0", "off", "ei", "nej", "unchecked",
	                                  "-", "allow", "nein", "nei", "nee", "non", "falsch",
	                                  "faux", "falso", "onwaar", "nie"};
	/* a column of flags repeats two or three cells: the last four answers,
	 * by the cell as written */
	static _Thread_local struct {
		char cell[16];
		unsigned char n;
		signed char f;
	} seen[4];
	static _Thread_local unsigned next;
	if (n < sizeof seen[0].cell) {
		for (size_t i = 0; i < 4; i++)
			if (seen[i].n == n && n && memcmp(seen[i].cell, s, n) == 0)
				return seen[i].f;
	}
	int f = word_in(s, n, 0, yes, sizeof yes / sizeof *yes, no, sizeof no / sizeof *no);
	if (n && n < sizeof seen[0].cell) {
		unsigned k = next++ & 3;
		memcpy(seen[k].cell, s, n);
		seen[k].n = (unsigned char)n;
		seen[k].f = (signed char)f;
	}
	return f;
}

int norm_consent_word(const char *s, size_t n)
{
	static const char *const out[] = {
		"unsubscribed", "unsubscribe", "opted out", "optedout", "opt out", "optout",
		"suppressed", "cleaned", "bounced", "hard bounced", "blocklisted", "blacklisted",
		"blocked", "do not email", "do not contact", "spam", "spam complaint", "complained",
		"kielletty", "avregistrerad", "avslutad", "do not allow",
		"abgemeldet", "abbestellt", "ausgetragen", "afmeldt", "avmeldt", "afgemeld",
		"uitgeschreven", "désabonné", "desabonne", "désinscrit", "dado de baja", "baja",
		"utmeldt", "utmeldet", "avmeldet", "disiscritto", "disiscritta", "descadastrado",
		"wypisany", "wypisana",
		/* no consent given (Klaviyo NEVER_SUBSCRIBED, Pipedrive No consent and
		 * Archived, Square Not subscribed, Shopify pending = double opt-in not
		 * confirmed): a person who never subscribed gets no marketing either */
		"never subscribed", "no consent", "not subscribed", "non subscribed",
		"pending", "archived", "transactional", "unconfirmed", "unknown",
		/* Constant Contact's Email Status of one who has not opted in */
		"awaiting confirmation", "no permissions set",
		"none", "ei tilattu", "ei lupaa", "ej prenumererar",
		/* consent taken back or refused; Keap's statuses that may not be
		 * mailed (Non-marketable, Lockdown, Opt-out: Manual ...); Constant
		 * Contact's Removed; HubSpot's non-marketing contact */
		"revoked", "withdrawn", "consent withdrawn", "declined", "refused", "denied",
		"not granted", "no permission", "non marketable", "unengaged non marketable",
		"lockdown", "bounce", "hard bounce", "opt out: manual", "opt out: system",
		"opt out manual", "opt out system", "removed", "non marketing contact",
		"set to non marketing on next update",
		/* the e-mail tools' list statuses (trials9/15): Sendy's Marked as
		 * spam, AWeber's and Campaign Monitor's deleted, a list's blocked,
		 * do not mail, junk (MailerLite) */
		"marked as spam", "complaint", "junk", "unsubscribed by admin", "unsubscribed by user",
		"do not mail", "deleted", "dnc",
	};
	static const char *const in[] = {
		"subscribed", "confirmed", "opted in", "optedin", "single opt in", "double opt in",
		"active", "tilattu", "sallittu", "prenumererar", "allow", "opt in",
		"angemeldet", "abonniert", "abonné", "suscrito", "aangemeld", "tilmeldt", "påmeldt",
		/* Constant Contact's permissions (Explicit: opted in; Implicit: an
		 * existing customer's implied permission), Keap's marketable statuses,
		 * consent given */
		"explicit", "implicit", "express", "implied", "express consent", "implied consent",
		"marketable", "unengaged marketable",
		/* a soft bounce is a delivery that may yet work: still on the list
		 * (Sendy's Soft bounced) */
		"soft bounced", "soft bounce",
		"granted", "given", "consent given", "marketing contact",
		"set to marketing on next update", /* HubSpot: the shop's decision, not yet billed */
	};
	return word_in(s, n, 1, out, sizeof out / sizeof *out, in, sizeof in / sizeof *in);
}

int norm_opt_out_phrase(const char *s, size_t n)
{
	/* an opt-out word and how it came about: "Unsubscribed via link",
	 * "Opted out by admin", "Unsubscribed (list-unsubscribe header)" */
	static const char *const lead[] = {"unsubscribed", "opted out", "opted-out", "removed",
	                                   "blocked", "suppressed", "bounced", "complained",
	                                   "abgemeldet", "désabonné", "désinscrit", "avregistrerad"};
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
		size_t k = strlen(lead[i]);
		if (n > k && strncasecmp(s, lead[i], k) == 0 &&
		    (s[k] == ' ' || s[k] == ':' || s[k] == '(' || s[k] == ',' || s[k] == '-'))
			return 1;
	}
	return 0;
}

int norm_opt_out_word(const char *s, size_t n)
{
	/* the words that say an opt-out whatever column they are in: not
	 * "pending", "none" or "unknown", which a CRM's own status may say */
	static const char *const out[] = {
		"unsubscribed", "unsubscribe", "opted out", "optedout", "opt out", "optout",
		"suppressed", "cleaned", "bounced", "hard bounced", "hard bounce", "blocklisted",
		"blacklisted", "do not email", "do not contact", "spam complaint", "complained",
		"unconfirmed", "never subscribed", "not subscribed", "avregistrerad", "abgemeldet",
		"afmeldt", "avmeldt", "afgemeld", "uitgeschreven", "désabonné", "desabonne",
		"utmeldt", "utmeldet", "avmeldet", "disiscritto", "disiscritta", "revoked", "withdrawn", "consent withdrawn", "non marketable",
		"unengaged non marketable", "opt out: manual", "opt out: system",
		/* the e-mail tools' list statuses (trials9/15): a spam complaint
		 * (Sendy's Marked as spam, Kit's complained, MailerLite's junk), a
		 * subscriber the shop removed (AWeber's and Campaign Monitor's
		 * deleted, Moosend's removed), one no mail may go to (blocked,
		 * Benchmark's DNC) */
		"marked as spam", "spam", "complaint", "junk", "unsubscribed by admin",
		"unsubscribed by user", "do not mail", "blocked", "removed", "deleted", "dnc",
		"non subscribed", "bounce", "cleaned by admin",
		/* Mailchimp's and Flodesk's archived: off the list, not mailed */
		"archived",
	};
	static const char *const none[] = {""};
	return word_in(s, n, 1, out, sizeof out / sizeof *out, none, 0) == 1 ? 1 : 0;
}

void norm_contact_id(const char *key, size_t n, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = fu_hash64(key, n, 0);
	for (int i = 14; i >= 0; i -= 2, h >>= 8) { /* a byte, two digits, a turn */
		buf[i] = hex[h >> 4 & 15];
		buf[i + 1] = hex[h & 15];
	}
	buf[16] = '\0';
}

/* ---- one-line values and spreadsheet text --------------------------------- */

/* the length of a line or control character at S (CR, LF, tab and the
 * other C0 controls, DEL, NEL, U+2028 and U+2029), else 0 */
static size_t line_break_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x20 || s[0] == 0x7F)
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0x85)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
		return 3;
	return 0;
}

int norm_fold_line(fu_buf *b)
{
	unsigned char *s = (unsigned char *)b->data;
	size_t n = b->len, k = 0;
	int changed = 0;
	for (size_t i = 0; i < n;) {
		size_t m = line_break_len(s + i, n - i);
		if (!m) {
			s[k++] = s[i++];
			continue;
		}
		/* the run of breaks and spaces around it becomes one space */
		while (k > 0 && s[k - 1] == ' ')
			k--;
		while (i < n && (s[i] == ' ' || (m = line_break_len(s + i, n - i)) > 0))
			i += s[i] == ' ' ? 1 : m;
		if (k > 0 && i < n)
			s[k++] = ' ';
		changed = 1;
	}
	if (changed) {
		b->len = k;
		b->data[k] = '\0';
	}
	return changed;
}

int norm_excel_text(const char *s, size_t n, fu_buf *out)
{
	if (n < 3 || s[0] != '=' || s[1] != '"' || s[n - 1] != '"')
		return -1;
	fu_buf_clear(out);
	for (size_t i = 2; i < n - 1; i++) {
		if (s[i] == '"') {
			if (i + 1 >= n - 1 || s[i + 1] != '"')
				return -1; /* a formula joining texts, not one text */
			i++;
		}
		fu_buf_addc(out, s[i]);
	}
	if (!out->data)
		fu_buf_adds(out, "");
	return 0;
}

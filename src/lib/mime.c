/* mime.c — writing RFC 5322 / MIME messages and mboxrd; see mime.h. */
#include "lib/mime.h"

#include <idn2.h>
#include <string.h>

static const char hexd[] = "0123456789ABCDEF";

/* output through a small local buffer: fu_buf_addc per byte is the hot spot */
typedef struct {
	fu_buf *out;
	size_t n;
	char b[4096];
} obuf;

static inline void ob_flush(obuf *o)
{
	fu_buf_add(o->out, o->b, o->n);
	o->n = 0;
}

static inline void ob_add(obuf *o, const char *s, size_t n)
{
	if (o->n + n > sizeof o->b)
		ob_flush(o);
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

static inline void ob_c(obuf *o, char c)
{
	if (o->n == sizeof o->b)
		ob_flush(o);
	o->b[o->n++] = c;
}


int mime_header_safe(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || c == '\n' || c == '\0')
			return 0;
		if (c >= 0x80) /* the rest is checked in full; the ASCII before it is valid */
			return !memchr(s + i, '\r', n - i) && !memchr(s + i, '\n', n - i) &&
			       !memchr(s + i, '\0', n - i) && fu_utf8_valid(s + i, n - i);
	}
	return 1;
}

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_atext(int c)
{
	static unsigned char table[256];
	static int ready;
	if (!ready) {
		for (int i = 0; i < 256; i++)
			table[i] = is_alnum(i) || (i && strchr("!#$%&'*+-/=?^_`{|}~", i));
		ready = 1;
	}
	return table[(unsigned char)c];
}

int mime_addr_valid(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (!at || n > 254)
		return 0;
	size_t ll = (size_t)(at - s), dl = n - ll - 1;
	if (ll == 0 || ll > 64 || dl == 0)
		return 0;
	for (size_t i = 0; i < ll; i++) {
		if (s[i] == '.') {
			if (i == 0 || i == ll - 1 || s[i - 1] == '.')
				return 0;
		} else if ((unsigned char)s[i] >= 0x80) { /* RFC 6532 UTF8-non-ascii */
			int k = fu_utf8_seq((const unsigned char *)s + i, ll - i);
			if (k <= 0)
				return 0;
			i += (size_t)k - 1;
		} else if (!is_atext((unsigned char)s[i])) {
			return 0;
		}
	}
	const char *d = at + 1;
	size_t labels = 0, i = 0;
	while (i < dl) {
		size_t j = i;
		while (j < dl && d[j] != '.') {
			if (!is_alnum((unsigned char)d[j]) && d[j] != '-')
				return 0;
			j++;
		}
		if (j == i || j - i > 63 || d[i] == '-' || d[j - 1] == '-')
			return 0;
		labels++;
		if (j == dl)
			break;
		i = j + 1;
		if (i == dl)
			return 0; /* trailing dot */
	}
	return labels >= 2;
}

int mime_addr_sendable(const char *s, size_t n, fu_buf *out)
{
	fu_buf_clear(out);
	const char *at = NULL;
	for (size_t i = n; i-- > 0;)
		if (s[i] == '@') {
			at = s + i;
			break;
		}
	if (!at)
		return -1;
	const char *d = at + 1;
	size_t dl = n - (size_t)(d - s);
	int ascii = 1;
	for (size_t i = 0; i < dl && ascii; i++)
		ascii = (unsigned char)d[i] < 0x80;
	if (ascii) {
		fu_buf_add(out, s, n);
	} else {
		/* exämple.fi -> xn--exmple-cua.fi: IDNA2008 with the UTS #46
		 * mapping (case folded, NFC), as mail clients send it */
		char dom[1024];
		if (dl >= sizeof dom || memchr(d, '\0', dl))
			return -1;
		memcpy(dom, d, dl);
		dom[dl] = '\0';
		char *a = NULL;
		if (idn2_to_ascii_8z(dom, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) != IDN2_OK)
			return -1;
		fu_buf_add(out, s, (size_t)(d - s));
		fu_buf_adds(out, a);
		idn2_free(a);
	}
	return mime_addr_valid(out->data, out->len) ? 0 : -1;
}

void mime_mailbox_free(mime_mailbox *mb)
{
	fu_buf_free(&mb->name);
	fu_buf_free(&mb->addr);
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

static int parse_mailbox(const char *s, size_t n, mime_mailbox *mb, const char **why)
{
	fu_buf_clear(&mb->name);
	fu_buf_clear(&mb->addr);
	fu_buf_add(&mb->name, "", 0);
	trim(&s, &n);
	if (n == 0) {
		*why = "empty address";
		return -1;
	}
	const char *addr = s;
	size_t al = n;
	if (s[n - 1] == '>') {
		const char *lt = NULL;
		for (size_t i = n - 1; i-- > 0;)
			if (s[i] == '<') {
				lt = s + i;
				break;
			}
		if (!lt) {
			*why = "'>' without '<' in address";
			return -1;
		}
		addr = lt + 1;
		al = (size_t)(s + n - 1 - addr);
		const char *nm = s;
		size_t nl = (size_t)(lt - s);
		trim(&nm, &nl);
		/* the display name: words, each an atom or a quoted string (a name
		 * written into a template's address line from data arrives quoted:
		 * see mu_escape_address) */
		for (size_t i = 0; i < nl; i++) {
			if (nm[i] == '"') {
				for (i++; i < nl && nm[i] != '"'; i++) {
					if (nm[i] == '\\' && i + 1 < nl)
						i++;
					fu_buf_addc(&mb->name, nm[i]);
				}
				if (i == nl) {
					*why = "unterminated quoted display name";
					return -1;
				}
				continue;
			}
			if (nm[i] == '<' || nm[i] == '>') {
				*why = "unquoted '<' or '>' in a display name";
				return -1;
			}
			fu_buf_addc(&mb->name, nm[i]);
		}
		trim(&addr, &al);
	}
	if (mime_addr_sendable(addr, al, &mb->addr) != 0) {
		*why = "not a valid e-mail address";
		return -1;
	}
	return 0;
}

long mime_parse_addresses(const char *s, size_t n, mime_mailbox *mb, size_t max, const char **why)
{
	size_t count = 0, start = 0;
	int quoted = 0, angle = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : ',';
		if (quoted) {
			if (c == '\\' && i + 1 < n)
				i++;
			else if (c == '"')
				quoted = 0;
			continue;
		}
		if (c == '"')
			quoted = 1;
		else if (c == '<')
			angle = 1;
		else if (c == '>')
			angle = 0;
		else if (c == ',' && !angle) {
			const char *p = s + start;
			size_t l = i - start;
			trim(&p, &l);
			start = i + 1;
			if (l == 0 && i == n && count > 0)
				break; /* a trailing comma */
			if (count == max) {
				*why = "too many addresses";
				return -1;
			}
			if (parse_mailbox(p, l, &mb[count], why) < 0)
				return -1;
			count++;
		}
	}
	if (quoted) {
		*why = "unterminated quoted display name";
		return -1;
	}
	return (long)count;
}

/* One mailbox as a person types it: everything before the last '<' is the
 * display name, specials and all ("Acme, Inc. <shop@acme.fi>"); or an
 * address followed by its name as an RFC 5322 comment ("shop@acme.fi (Acme,
 * Inc.)").  0, or -1 when S is neither. */
static int parse_typed_mailbox(const char *s, size_t n, mime_mailbox *mb, const char **why)
{
	trim(&s, &n);
	if (n > 2 && s[n - 1] == '>') {
		const char *lt = NULL;
		for (size_t i = n - 1; i-- > 0;)
			if (s[i] == '<') {
				lt = s + i;
				break;
			}
		const char *nm = s;
		size_t nl = lt ? (size_t)(lt - s) : 0;
		trim(&nm, &nl);
		/* a name quoted whole, or with '<', '>' or '"' inside, is no
		 * typed name: the list parser's message stands */
		if (!lt || !nl || memchr(nm, '"', nl) || memchr(nm, '<', nl) || memchr(nm, '>', nl))
			return -1;
		fu_buf_clear(&mb->name);
		fu_buf_add(&mb->name, nm, nl);
		const char *a = lt + 1;
		size_t al = (size_t)(s + n - 1 - a);
		trim(&a, &al);
		fu_buf_clear(&mb->addr);
		if (mime_addr_sendable(a, al, &mb->addr) != 0) {
			*why = "not a valid e-mail address";
			return -1;
		}
		return 0;
	}
	if (n > 2 && s[n - 1] == ')') {
		const char *lp = memchr(s, '(', n);
		if (!lp || memchr(lp + 1, '(', (size_t)(s + n - 1 - lp - 1)) ||
		    memchr(lp, ')', (size_t)(s + n - 1 - lp)))
			return -1;
		const char *a = s, *nm = lp + 1;
		size_t al = (size_t)(lp - s), nl = (size_t)(s + n - 1 - nm);
		trim(&a, &al);
		trim(&nm, &nl);
		if (!al || memchr(nm, '"', nl) || memchr(nm, '\\', nl))
			return -1;
		fu_buf_clear(&mb->addr);
		if (mime_addr_sendable(a, al, &mb->addr) != 0)
			return -1;
		fu_buf_clear(&mb->name);
		fu_buf_add(&mb->name, nm, nl);
		return 0;
	}
	return -1;
}

long mime_parse_from(const char *s, size_t n, mime_mailbox *mb, size_t max, const char **why)
{
	long got = mime_parse_addresses(s, n, mb, max, why);
	if (got > 0 || max == 0)
		return got;
	const char *list_why = *why;
	if (parse_typed_mailbox(s, n, &mb[0], why) == 0)
		return 1;
	*why = list_why;
	return got;
}

void mime_mailbox_text(fu_buf *out, const mime_mailbox *mb)
{
	const char *nm = mb->name.data;
	size_t nl = mb->name.len;
	if (nl == 0) {
		fu_buf_add(out, mb->addr.data, mb->addr.len);
		return;
	}
	int quote = nm[0] == ' ' || nm[nl - 1] == ' ';
	for (size_t i = 0; i < nl && !quote; i++)
		quote = strchr("()<>@,:;.\\\"[]", nm[i]) != NULL && nm[i] != '\0';
	if (quote) {
		fu_buf_addc(out, '"');
		for (size_t i = 0; i < nl; i++) {
			if (nm[i] == '"' || nm[i] == '\\')
				fu_buf_addc(out, '\\');
			fu_buf_addc(out, nm[i]);
		}
		fu_buf_addc(out, '"');
	} else {
		fu_buf_add(out, nm, nl);
	}
	fu_buf_add(out, " <", 2);
	fu_buf_add(out, mb->addr.data, mb->addr.len);
	fu_buf_addc(out, '>');
}

int mime_is_address_header(const char *name)
{
	static const char *const h[] = {"From", "To", "Cc", "Bcc", "Reply-To", "Sender"};
	for (size_t i = 0; i < sizeof h / sizeof *h; i++)
		if (fu_streq_ci(name, h[i]))
			return 1;
	return 0;
}

/* length of the UTF-8 sequence starting with byte C (1 for stray bytes) */
static size_t u8len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Encoded words for S, the first one starting at column COL; words are
 * separated by folding whitespace.  PHRASE restricts the literal set to the
 * one allowed in display names (RFC 2047 5(3)). */
static void put_encoded_words(fu_buf *out, const char *s, size_t n, size_t col, int phrase)
{
	static const char pre[] = "=?UTF-8?Q?";
	size_t wordlen = 0;
	int open = 0;
	obuf o;
	o.out = out;
	o.n = 0;
	(void)phrase; /* the literal set below is safe in both places */
	for (size_t i = 0; i < n;) {
		size_t cl = u8len((unsigned char)s[i]);
		if (i + cl > n)
			cl = n - i;
		char enc[16];
		size_t el = 0;
		for (size_t k = 0; k < cl; k++) {
			unsigned char c = (unsigned char)s[i + k];
			if (c == ' ')
				enc[el++] = '_';
			else if (is_alnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/')
				enc[el++] = (char)c;
			else {
				enc[el++] = '=';
				enc[el++] = hexd[c >> 4];
				enc[el++] = hexd[c & 15];
			}
		}
		/* an encoded word is at most 75 characters; a line at most 76 */
		if (open && (wordlen + el + 2 > 75 || col + el + 2 > 76)) {
			ob_add(&o, "?=\n ", 4);
			open = 0;
			col = 1;
		}
		if (!open) {
			ob_add(&o, pre, sizeof pre - 1);
			wordlen = sizeof pre - 1;
			col += wordlen;
			open = 1;
		}
		ob_add(&o, enc, el);
		wordlen += el;
		col += el;
		i += cl;
	}
	if (!open)
		ob_add(&o, pre, sizeof pre - 1);
	ob_add(&o, "?=", 2);
	ob_flush(&o);
}

static int plain_printable(const char *s, size_t n)
{
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7E)
			return 0;
		if (c == '=' && i + 1 < n && s[i + 1] == '?')
			return 0;
	}
	return 1;
}

void mime_put_unstructured(fu_buf *out, const char *name, const char *v, size_t n)
{
	fu_buf_adds(out, name);
	fu_buf_add(out, ": ", 2);
	size_t col = strlen(name) + 2;
	int plain = plain_printable(v, n);
	if (plain) { /* no word may push a line past 998 */
		size_t w = col;
		for (size_t i = 0; i < n && plain; i++) {
			w = v[i] == ' ' ? 1 : w + 1;
			if (w > 990)
				plain = 0;
		}
	}
	if (!plain) {
		put_encoded_words(out, v, n, col, 0);
		fu_buf_addc(out, '\n');
		return;
	}
	/* fold before a space when the next word would pass column 78 */
	size_t i = 0;
	while (i < n) {
		size_t j = i + 1;
		while (j < n && v[j] != ' ')
			j++;
		size_t seg = j - i;
		if (i > 0 && col + seg > 78) {
			fu_buf_addc(out, '\n');
			col = 0;
		}
		fu_buf_add(out, v + i, seg);
		col += seg;
		i = j;
	}
	fu_buf_addc(out, '\n');
}

static size_t q_len(const char *s, size_t n)
{
	size_t l = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		l += (c == ' ' || is_alnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/') ? 1 : 3;
	}
	return l;
}

/* one B-encoded word (base64) of at most 45 bytes: 72 characters */
static void put_b_word(fu_buf *out, const char *s, size_t n)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	fu_buf_adds(out, "=?UTF-8?B?");
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], i + 1 < n ? b64[(v >> 6) & 63] : '=',
		             i + 2 < n ? b64[v & 63] : '='};
		fu_buf_add(out, q, 4);
	}
	fu_buf_adds(out, "?=");
}

/* A display name with non-ASCII or specials: word by word (runs of blanks
 * are one space, as in any phrase), atoms as they are, other words as
 * encoded words, so that encoded words meet only where the name has a space. */
static size_t word_end(const char *s, size_t i, size_t n)
{
	while (i < n && s[i] != ' ' && s[i] != '\t')
		i++;
	return i;
}

/* "=?" in a phrase could read as the start of an encoded word: a reader
 * would decode it (data choosing what a client displays), so such text is
 * itself encoded (RFC 2047 section 5), never written as it is */
static int has_encoded_word_start(const char *s, size_t n)
{
	return n >= 2 && memmem(s, n, "=?", 2) != NULL;
}

/* the longest word written as it is in a display name: a longer one (a
 * URL or CRM notes pasted into a name field) is written as encoded words,
 * which can be split, so no header line passes 78 characters for it */
#define MAX_ATOM_WORD 70

static int is_atom_word(const char *s, size_t n)
{
	if (n > MAX_ATOM_WORD)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_atext((unsigned char)s[i]))
			return 0;
	return !has_encoded_word_start(s, n);
}

/* Does S fit one encoded word of at most LIMIT characters (Q, or B)? */
static int one_word(const char *s, size_t n, size_t limit)
{
	return q_len(s, n) + 12 <= limit || 4 * ((n + 2) / 3) + 12 <= limit;
}

/* S, a word too long for one encoded word, as B-encoded words cut between
 * characters, each as long as LIMIT (the first: FIRST_LIMIT) allows: base64
 * takes 4 characters for 3 bytes where Q takes 3 for each non-ASCII byte,
 * so a word of letters outside ASCII is cut fewer times (each cut is a
 * space in readers that do not join encoded words, Python's email 3.11) */
static void put_b_words(fu_buf *out, const char *s, size_t n, size_t first_limit, size_t limit)
{
	size_t i = 0, lim = first_limit;
	while (i < n) {
		size_t room = lim > 12 ? (lim - 12) / 4 * 3 : 3, end = i;
		while (end < n) {
			size_t cl = u8len((unsigned char)s[end]);
			if (end + cl > n)
				cl = n - end;
			if (end + cl - i > room && end > i)
				break;
			end += cl;
		}
		if (i > 0)
			fu_buf_add(out, "\n ", 2);
		put_b_word(out, s + i, end - i);
		i = end;
		lim = limit;
	}
}

/* Does Q take more characters than B for S? */
static int q_longer(const char *s, size_t n)
{
	return q_len(s, n) > 4 * ((n + 2) / 3);
}

static void put_one_word(fu_buf *out, const char *s, size_t n, size_t limit)
{
	if (q_len(s, n) + 12 <= limit)
		put_encoded_words(out, s, n, 0, 1);
	else
		put_b_word(out, s, n); /* one word, where Q would need two */
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A run of words that need encoding.  One encoded word when it fits; else
 * it is cut only where the name has a space, which stays inside the earlier
 * word (as '_'): decoders join adjacent encoded words without the folding
 * space between them (RFC 2047 6.2), and a word cut in the middle reads
 * "Äij älä" in parsers that keep that space (Python's email).  Only a
 * single name word too long for one encoded word is cut inside, at a
 * character boundary.  An encoded word is at most 75 characters, and a
 * line that holds one at most 76. */
static void put_phrase_run(fu_buf *out, const char *s, size_t n, size_t col)
{
	size_t i = 0;
	while (i < n) {
		size_t limit = i == 0 ? (col < 76 ? 76 - col : 0) : 75;
		if (limit > 75)
			limit = 75;
		/* the longest piece of whole words (each with the blanks after it,
		 * but the last) that fits one encoded word */
		size_t end = i, k = i;
		while (k < n) {
			size_t w = word_end(s, k, n), e = w;
			while (e < n && is_blank(s[e]))
				e++;
			if (!one_word(s + i, (e == n ? w : e) - i, limit))
				break;
			end = k = e;
		}
		if (end == i) {
			/* the next word is too long with the blank after it: alone
			 * when it fits (the blank begins the next encoded word), else
			 * cut at characters */
			end = word_end(s, i, n);
			if (!one_word(s + i, end - i, limit))
				while (end < n && is_blank(s[end]))
					end++;
		}
		size_t len = end - i;
		while (end == n && len && is_blank(s[i + len - 1]))
			len--;
		if (i > 0) {
			fu_buf_add(out, "\n ", 2);
			col = 1;
		}
		if (one_word(s + i, len, limit))
			put_one_word(out, s + i, len, limit);
		else if (q_longer(s + i, len))
			put_b_words(out, s + i, len, limit, 75);
		else
			put_encoded_words(out, s + i, len, col, 1);
		i = end;
	}
}

static void put_phrase(fu_buf *out, const char *s, size_t n, size_t col)
{
	size_t i = 0;
	int first = 1;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t j = word_end(s, i, n);
		if (j == i)
			break;
		int atom = is_atom_word(s + i, j - i);
		/* readers drop the space between two encoded words (RFC 2047 6.2):
		 * a run of words that need encoding is encoded as one, spaces inside */
		while (!atom && j < n) {
			size_t k = j;
			while (k < n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			size_t e = word_end(s, k, n);
			if (e == k || is_atom_word(s + k, e - k))
				break;
			j = e;
		}
		size_t est = atom ? j - i : 12 + 3 * (j - i);
		if (first && !atom && col > 1 && out->len && out->data[out->len - 1] == ' ') {
			/* right after "To: ": a first word that fits one encoded word
			 * on a line of its own but not in the rest of this one begins
			 * on the next line ("To:" then folding white space), not cut */
			size_t w = word_end(s, i, n);
			if (!one_word(s + i, w - i, 76 - col) && one_word(s + i, w - i, 75)) {
				out->len--;
				fu_buf_add(out, "\n ", 2);
				col = 1;
			}
		}
		if (!first) {
			if (col + 1 + est > 76) {
				fu_buf_add(out, "\n ", 2);
				col = 1;
			} else {
				fu_buf_addc(out, ' ');
				col++;
			}
		}
		size_t start = out->len;
		if (atom)
			fu_buf_add(out, s + i, j - i);
		else
			put_phrase_run(out, s + i, j - i, col);
		const char *nl = memrchr(out->data + start, '\n', out->len - start);
		col = nl ? (size_t)(out->data + out->len - nl - 1) : col + (out->len - start);
		first = 0;
		i = j;
	}
}

static int is_atom_phrase(const char *s, size_t n)
{
	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(is_atext((unsigned char)s[i]) || (s[i] == ' ' && s[i + 1] != ' ')))
			return 0;
	return 1;
}

void mime_put_addresses(fu_buf *out, const char *name, const mime_mailbox *mb, size_t n)
{
	fu_buf_adds(out, name);
	fu_buf_add(out, ": ", 2);
	size_t col = strlen(name) + 2;
	for (size_t k = 0; k < n; k++) {
		const char *nm = mb[k].name.data;
		size_t nl = mb[k].name.len;
		size_t start = out->len;
		if (k > 0) {
			fu_buf_add(out, ",\n ", 3);
			col = 1;
		}
		if (nl > 0) {
			/* a name that does not fit the line as one atom phrase or
			 * quoted string is folded between words (put_phrase) */
			if (has_encoded_word_start(nm, nl) || col + nl + 2 > 78) {
				put_phrase(out, nm, nl, col);
			} else if (is_atom_phrase(nm, nl)) {
				fu_buf_add(out, nm, nl);
			} else if (plain_printable(nm, nl)) {
				fu_buf_addc(out, '"');
				for (size_t i = 0; i < nl; i++) {
					if (nm[i] == '"' || nm[i] == '\\')
						fu_buf_addc(out, '\\');
					fu_buf_addc(out, nm[i]);
				}
				fu_buf_addc(out, '"');
			} else {
				put_phrase(out, nm, nl, col);
			}
			/* the address on a line of its own when it would pass 78 */
			const char *nl_at = memrchr(out->data + start, '\n', out->len - start);
			col = nl_at ? (size_t)(out->data + out->len - nl_at - 1) : col + (out->len - start);
			if (col + 3 + mb[k].addr.len > 78)
				fu_buf_addc(out, '\n');
			fu_buf_add(out, " <", 2);
			fu_buf_add(out, mb[k].addr.data, mb[k].addr.len);
			fu_buf_addc(out, '>');
		} else {
			fu_buf_add(out, mb[k].addr.data, mb[k].addr.len);
		}
	}
	fu_buf_addc(out, '\n');
}

void mime_put_date(fu_buf *out, int64_t t)
{
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	fu_localtime(t, NULL, &tm);
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	fu_buf_printf(out, "Date: %s, %d %s %d %02d:%02d:%02d %c%02ld%02ld\n", wd[tm.tm_wday],
	              tm.tm_mday, mo[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	              sign, off / 60, off % 60);
}

static int from_line_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == '>')
		i++;
	return n - i >= 5 && memcmp(s + i, "From ", 5) == 0;
}

int mime_needs_qp(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[n - 1] != '\n')
		return 1;
	size_t ls = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i == ls && from_line_at(s + i, n - i))
			return 1;
		if (c == '\n') {
			if (i - ls > 998 || (i > ls && (s[i - 1] == ' ' || s[i - 1] == '\t')))
				return 1;
			ls = i + 1;
		} else if (c >= 0x7F || (c < 0x20 && c != '\t')) {
			return 1;
		}
	}
	return 0;
}

/* the bytes quoted-printable writes as they are (a blank at a line's end
 * excepted): printable ASCII but '=' */
static int qp_literal(unsigned char c)
{
	return c >= 0x20 && c < 0x7F && c != '=';
}

/* how many of the first N bytes of S are literal: eight at a time while no
 * byte of the eight is below 0x20, above 0x7E or '=' */
static size_t qp_literal_run(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t eq = x ^ (ones * '='); /* a zero byte where x has '=' */
		uint64_t below = (x - ones * 0x20) & ~x; /* some byte < 0x20 */
		uint64_t above = (x + ones) | x;          /* some byte >= 0x7F */
		uint64_t equal = (eq - ones) & ~eq;       /* some byte == '=' */
		if ((below | above | equal) & highs)
			break;
	}
	while (i < n && qp_literal((unsigned char)s[i]))
		i++;
	return i;
}

void mime_qp_encode(fu_buf *out, const char *s, size_t n)
{
	/* written straight into OUT: at most 3 bytes per input byte, and a soft
	 * break "=\n" per output line (73 bytes or more, so 24 input bytes or
	 * more), and one at the end */
	fu_buf_reserve(out, 3 * n + 2 * (n / 24 + 2));
	char *d = out->data + out->len;
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			*d++ = '\n';
			col = 0;
			continue;
		}
		if (c >= 0x80) { /* UTF-8 bytes: always =XX */
			if (col + 3 > (i + 1 < n && s[i + 1] == '\n' ? 76u : 75u)) {
				*d++ = '=';
				*d++ = '\n';
				col = 0;
			}
			*d++ = '=';
			*d++ = hexd[c >> 4];
			*d++ = hexd[c & 15];
			col += 3;
			continue;
		}
		if (qp_literal(c) && (col > 0 || (c != 'F' && c != '>'))) {
			/* a run of literal characters, copied at once */
			size_t lim = 75 - col;
			if (lim > n - i)
				lim = n - i;
			size_t j = i + qp_literal_run(s + i, lim);
			if ((j == n || s[j] == '\n') && s[j - 1] == ' ')
				j--; /* a blank at the end of a line is encoded */
			if (j > i) {
				memcpy(d, s + i, j - i);
				d += j - i;
				col += j - i;
				i = j - 1;
				continue;
			}
		}
		int at_eol = i + 1 == n || s[i + 1] == '\n';
		/* the last character of a line may use column 76, but not the last
		 * of a text without a final newline: "=\n" follows it */
		int last_on_line = i + 1 < n && s[i + 1] == '\n';
		int enc = c == '=' || c >= 0x7F || (c < 0x20 && c != '\t') ||
		          ((c == ' ' || c == '\t') && at_eol) ||
		          (col == 0 && (c == 'F' || c == '>') && from_line_at(s + i, n - i));
		size_t need = enc ? 3 : 1;
		/* room for a soft break "=" unless this is the line's last char */
		if (col + need > (last_on_line ? 76 : 75)) {
			*d++ = '=';
			*d++ = '\n';
			col = 0;
			if (!enc && (c == 'F' || c == '>') && from_line_at(s + i, n - i)) {
				enc = 1;
				need = 3;
			}
		}
		if (enc) {
			*d++ = '=';
			*d++ = hexd[c >> 4];
			*d++ = hexd[c & 15];
		} else {
			*d++ = (char)c;
		}
		col += need;
	}
	if (n > 0 && s[n - 1] != '\n') {
		*d++ = '=';
		*d++ = '\n';
	}
	out->len = (size_t)(d - out->data);
	out->data[out->len] = '\0';
}

void mime_put_text_part(fu_buf *out, const char *subtype, const char *s, size_t n, int force_qp)
{
	int qp = force_qp || mime_needs_qp(s, n);
	fu_buf_adds(out, "Content-Type: text/");
	fu_buf_adds(out, subtype);
	fu_buf_adds(out, qp ? "; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n"
	                    : "; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n");
	if (qp)
		mime_qp_encode(out, s, n);
	else
		fu_buf_add(out, s, n);
}

void mime_mbox_date(int64_t t, char *buf, size_t size)
{
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	time_t tt = (time_t)t;
	gmtime_r(&tt, &tm);
	snprintf(buf, size, "%s %s %2d %02d:%02d:%02d %d", wd[tm.tm_wday], mo[tm.tm_mon],
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
}

/* 1 if MSG has a line matching ^>*From (mboxrd must quote it) */
static int mboxrd_needs_quoting(const char *msg, size_t n)
{
	int quote = from_line_at(msg, n);
	for (const char *p = msg, *end = msg + n; !quote && (p = memchr(p, '\n', (size_t)(end - p)));) {
		p++;
		quote = p < end && (*p == 'F' || *p == '>') && from_line_at(p, (size_t)(end - p));
	}
	return quote;
}

void mime_mboxrd_append(fu_buf *out, const char *sender, const char *date, const char *msg,
                        size_t n)
{
	fu_buf_adds(out, "From ");
	fu_buf_adds(out, sender);
	fu_buf_addc(out, ' ');
	fu_buf_adds(out, date);
	fu_buf_addc(out, '\n');
	if (!mboxrd_needs_quoting(msg, n)) {
		fu_buf_add(out, msg, n);
		if (n == 0 || msg[n - 1] != '\n')
			fu_buf_addc(out, '\n');
		fu_buf_addc(out, '\n');
		return;
	}
	size_t ls = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || msg[i] == '\n') {
			if (from_line_at(msg + ls, i - ls))
				fu_buf_addc(out, '>');
			fu_buf_add(out, msg + ls, i - ls);
			if (i < n)
				fu_buf_addc(out, '\n');
			ls = i + 1;
		}
	}
	if (n == 0 || msg[n - 1] != '\n')
		fu_buf_addc(out, '\n');
	fu_buf_addc(out, '\n');
}

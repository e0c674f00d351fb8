/* One message from a task row and a template set: see message.h. */
#include "lib/message.h"
#include "lib/evfacts.h"
#include "lib/norm.h"
#include "lib/reader.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const fu_msg_url_names[FU_MSG_NURLS] = {"unsubscribe_url", "referral_url"};
const char *const fu_msg_url_options[FU_MSG_NURLS] = {"--unsubscribe", "--referral-url"};

static const char *cell(const fu_record *rec, long col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : "";
}

static void trim_buf(fu_buf *b)
{
	size_t s = 0, e = b->len;
	while (s < e && (b->data[s] == ' ' || b->data[s] == '\t'))
		s++;
	while (e > s && (b->data[e - 1] == ' ' || b->data[e - 1] == '\t'))
		e--;
	memmove(b->data, b->data + s, e - s);
	b->len = e - s;
	b->data[b->len] = '\0';
}

/* A line break from the data in a header value (a name typed over two
 * lines in a CRM) becomes one space, with the blanks around it: folded so,
 * it can never start a header line of its own, and the contact is not
 * refused on every run for a cosmetic line break.  NUL stays refused. */
static void fold_breaks(fu_buf *b)
{
	if (!b->len || (!memchr(b->data, '\n', b->len) && !memchr(b->data, '\r', b->len)))
		return;
	size_t k = 0;
	for (size_t i = 0; i < b->len;) {
		char c = b->data[i];
		if (c != '\r' && c != '\n') {
			b->data[k++] = b->data[i++];
			continue;
		}
		while (k > 0 && (b->data[k - 1] == ' ' || b->data[k - 1] == '\t'))
			k--;
		while (i < b->len && strchr(" \t\r\n", b->data[i]) && b->data[i])
			i++;
		if (k > 0 && i < b->len)
			b->data[k++] = ' ';
	}
	b->len = k;
	b->data[k] = '\0';
}

/* The first control character in a header value other than a tab: C0,
 * DEL, or C1 (U+0080-U+009F, which is what a Mac Roman or Windows-1252
 * file's letters become when read as Latin-1: "\u0085rjan" for "Örjan");
 * 0 when there is none.  S is valid UTF-8. */
static unsigned header_control(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
			return u[i];
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
			return u[i + 1];
	}
	return 0;
}

static int refuse(fu_message *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* refuses (0) a header value holding a control character, else 1 */
static int no_control(fu_message *m, const char *header, const fu_buf *v)
{
	unsigned c = header_control(v->data, v->len);
	if (!c)
		return 1;
	return refuse(m, "%s: control character U+%04X in '%s'%s", header, c, v->data,
	              c >= 0x80 ? " (text read in the wrong encoding? fu-import --encoding "
	                          "MACINTOSH or WINDOWS-1252)" : "");
}

/* empty, with data never NULL */
static void reset(fu_buf *b)
{
	if (b->data) {
		b->len = 0;
		b->data[0] = '\0';
	} else {
		fu_buf_add(b, "", 0);
	}
}

static void add_header_text(fu_buf *b, const char *name, const char *v, size_t n)
{
	fu_buf_adds(b, name);
	fu_buf_add(b, ": ", 2);
	fu_buf_add(b, v, n);
	fu_buf_addc(b, '\n');
}

/* ---- the builder --------------------------------------------------------------- */

int fu_msg_builder_init(fu_msg_builder *b, tset *ts, const fu_header *hdr, const char *from,
                        int mail, char *why, size_t whysize)
{
	b->ts = ts;
	b->mail = mail;
	b->hdr = hdr;
	b->c_template = fu_header_find_loose(hdr, "template");
	b->c_lang = fu_header_find_loose(hdr, "lang");
	b->c_formal = fu_header_find_loose(hdr, "formal");
	b->c_email = fu_header_find_loose(hdr, "email");
	b->c_first = fu_header_find_loose(hdr, "first_name");
	b->c_last = fu_header_find_loose(hdr, "last_name");
	b->c_task = fu_header_find_loose(hdr, "task_id");
	b->c_contact = fu_header_find_loose(hdr, "contact_id");
	if (b->c_contact < 0)
		b->c_contact = fu_header_find_loose(hdr, "id");
	b->c_kind = fu_header_find_loose(hdr, "kind");
	b->c_step = fu_header_find_loose(hdr, "step");
	b->c_anchor = fu_header_find_loose(hdr, "anchor");
	b->c_channel = fu_header_find_loose(hdr, "channel");
	b->c_unsub = fu_header_find_loose(hdr, "unsubscribed");
	b->c_sms_unsub = fu_header_find_loose(hdr, "sms_unsubscribed");
	b->c_tz = fu_header_find_loose(hdr, "tz");
	b->c_promo[0] = fu_header_find_loose(hdr, "perk");
	b->c_promo[1] = fu_header_find_loose(hdr, "offer");
	b->optout = fu_xcalloc(ts->nm ? ts->nm : 1, sizeof *b->optout);
	b->rows_shown = fu_xcalloc(ts->nm ? ts->nm : 1, sizeof *b->rows_shown);
	b->memo = fu_xcalloc(ts->nm ? ts->nm : 1, sizeof *b->memo);
	for (size_t i = 0; i < ts->nm; i++)
		b->memo[i] = fu_xcalloc(ts->m[i].nh ? ts->m[i].nh : 1, sizeof **b->memo);
	b->nfrom = 0;
	reset(&b->from_line);
	reset(&b->from_text);
	if (from) {
		const char *w;
		b->nfrom = mime_parse_from(from, strlen(from), b->from, FU_MSG_MAX_ADDRS, &w);
		if (b->nfrom <= 0) {
			snprintf(why, whysize, "%s", b->nfrom == 0 ? "no address" : w);
			b->nfrom = 0;
			return -1;
		}
		mime_put_addresses(&b->from_line, "From", b->from, (size_t)b->nfrom);
		for (long i = 0; i < b->nfrom; i++) {
			if (i)
				fu_buf_add(&b->from_text, ", ", 2);
			mime_mailbox_text(&b->from_text, &b->from[i]);
		}
	}
	return 0;
}

int fu_msg_builder_url(fu_msg_builder *b, tset *ts, int which, const char *tpl, mu_error *err)
{
	b->ts = ts;
	/* the scheme is the user's, never the data's */
	int ok = strncasecmp(tpl, "https://", 8) == 0 || strncasecmp(tpl, "http://", 7) == 0 ||
	         (which == FU_MSG_UNSUBSCRIBE_URL && strncasecmp(tpl, "mailto:", 7) == 0);
	if (!ok) {
		err->file = fu_msg_url_options[which];
		err->line = err->col = 0; /* not a syntax error: no position */
		snprintf(err->why, sizeof err->why, "'%s': must begin with https://%s", tpl,
		         which == FU_MSG_UNSUBSCRIBE_URL ? ", http:// or mailto:" : " or http://");
		return -1;
	}
	b->url_tpl[which] = mu_compile(b->ts->env, tpl, strlen(tpl), fu_msg_url_options[which], 1, 1, err);
	if (!b->url_tpl[which] || mu_preload(b->url_tpl[which], err) < 0)
		return -1;
	return 0;
}

void fu_msg_builder_free(fu_msg_builder *b)
{
	for (size_t i = 0; b->memo && i < b->ts->nm; i++) {
		for (size_t k = 0; k < b->ts->m[i].nh; k++) {
			fu_msg_addr_memo *mm = &b->memo[i][k];
			fu_buf_free(&mm->value);
			fu_buf_free(&mm->line);
			for (size_t j = 0; j < FU_MSG_MAX_ADDRS; j++)
				mime_mailbox_free(&mm->mb[j]);
		}
		free(b->memo[i]);
	}
	free(b->memo);
	free(b->optout);
	free(b->rows_shown);
	for (size_t j = 0; j < FU_MSG_MAX_ADDRS; j++)
		mime_mailbox_free(&b->from[j]);
	fu_buf_free(&b->from_line);
	fu_buf_free(&b->from_text);
	fu_buf_free(&b->scratch);
	fu_buf_free(&b->last_name);
	fu_buf_free(&b->last_lang);
	fu_buf_free(&b->last_formal);
}

/* ---- checking variables against the header ----------------------------------------- */

/* edit distance with transpositions (itme -> item is 1), ASCII case ignored */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
	if (n > 64 || m > 64)
		return (size_t)-1;
	size_t d[65][65];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int ca = a[i - 1] >= 'A' && a[i - 1] <= 'Z' ? a[i - 1] + 32 : a[i - 1];
			int cb = b[j - 1] >= 'A' && b[j - 1] <= 'Z' ? b[j - 1] + 32 : b[j - 1];
			size_t best = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

typedef struct {
	const fu_msg_builder *b;
	int grouped;
	const char *input;
} name_check;

static int known_name(void *ud, const char *name, size_t len, char *why, size_t whysize)
{
	const name_check *nc = ud;
	const fu_header *h = nc->b->hdr;
	const char *extra[FU_MSG_NURLS + 2];
	size_t nextra = 0;
	for (int i = 0; i < FU_MSG_NURLS; i++)
		extra[nextra++] = fu_msg_url_names[i];
	if (nc->grouped) {
		extra[nextra++] = "rows";
		extra[nextra++] = "count";
	}
	for (size_t i = 0; i < h->n; i++)
		if (strlen(h->names[i]) == len && memcmp(h->names[i], name, len) == 0)
			return 1;
	for (size_t i = 0; i < nextra; i++)
		if (strlen(extra[i]) == len && memcmp(extra[i], name, len) == 0)
			return 1;
	/* the nearest name, if it is near enough to be a slip */
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; i < h->n + nextra; i++) {
		const char *cand = i < h->n ? h->names[i] : extra[i - h->n];
		size_t d = distance(name, len, cand, strlen(cand));
		if (d < bestd) {
			bestd = d;
			best = cand;
		}
	}
	char hint[120] = "";
	if (best && bestd <= 2 && bestd < len)
		snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
	snprintf(why, whysize, "'%.*s' is not a column of %s%s; --lenient renders it as empty",
	         (int)(len > 60 ? 60 : len), name, nc->input, hint);
	return 0;
}

int fu_msg_check_names(fu_msg_builder *b, int grouped, const char *input, mu_error *err)
{
	name_check nc = {.b = b, .grouped = grouped, .input = input};
	for (size_t i = 0; i < b->ts->nm; i++) {
		const message_tpl *m = &b->ts->m[i];
		for (size_t k = 0; k < m->nh; k++)
			if (mu_check_names(m->h[k].t, known_name, &nc, err) < 0)
				return -1;
		if (mu_check_names(m->body, known_name, &nc, err) < 0)
			return -1;
		if (m->html && mu_check_names(m->html, known_name, &nc, err) < 0)
			return -1;
	}
	for (int i = 0; i < FU_MSG_NURLS; i++)
		if (b->url_tpl[i] && mu_check_names(b->url_tpl[i], known_name, &nc, err) < 0)
			return -1;
	return 0;
}

/* ---- contexts -------------------------------------------------------------------- */

/* a value of only blanks is no value: falsy in a section, empty in a greeting */
static size_t value_len(const char *s, size_t n)
{
	if (n == 0 || (s[0] != ' ' && s[0] != '\t'))
		return n;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return n;
	return 0;
}

void fu_msg_ctx_init(fu_msg_ctx *c, const fu_msg_builder *b, const fu_header *hdr)
{
	memset(c, 0, sizeof *c);
	size_t n = 0;
	for (int i = 0; i < FU_MSG_NURLS; i++)
		c->link_slot[i] = b->url_tpl[i] ? (int)n++ : -1;
	c->nlinks = n;
	c->ncols = hdr->n;
	size_t total = n + hdr->n + 2;
	c->vals = fu_xcalloc(total, sizeof *c->vals);
	c->keys = fu_xcalloc(total, sizeof *c->keys);
	c->keylens = fu_xcalloc(total, sizeof *c->keylens);
	for (int i = 0; i < FU_MSG_NURLS; i++)
		if (c->link_slot[i] >= 0)
			c->keys[c->link_slot[i]] = fu_msg_url_names[i];
	for (size_t i = 0; i < hdr->n; i++)
		c->keys[n + i] = hdr->names[i];
	c->keys[n + hdr->n] = "rows";
	c->keys[n + hdr->n + 1] = "count";
	for (size_t i = 0; i < total; i++) {
		c->keylens[i] = strlen(c->keys[i]);
		c->vals[i].type = MU_NULL;
	}
	c->root.type = MU_MAP;
	c->root.items = c->vals;
	c->root.keys = c->keys;
	c->root.keylens = c->keylens;
	c->root.n = n + hdr->n;
}

static void set_str(mu_val *v, const char *s, size_t n)
{
	v->type = MU_STR;
	v->s = s;
	v->len = value_len(s, n);
}

void fu_msg_ctx_row(fu_msg_ctx *c, char *const *fields, const size_t *lens)
{
	mu_val *v = c->vals + c->nlinks;
	for (size_t i = 0; i < c->ncols; i++)
		set_str(&v[i], fields[i], lens[i]);
	c->root.n = c->nlinks + c->ncols;
}

void fu_msg_ctx_group(fu_msg_ctx *c, char *const *fields, const size_t *lens, size_t nrows)
{
	fu_msg_ctx_row(c, fields, lens); /* the first row's columns */
	size_t nc = c->ncols;
	if (nrows > c->rowcap) {
		c->rowcap = nrows;
		c->rows = fu_xrealloc(c->rows, nrows * sizeof *c->rows);
		c->cells = fu_xrealloc(c->cells, (nrows * nc + 1) * sizeof *c->cells);
	}
	for (size_t k = 0; k < nrows; k++) {
		for (size_t i = 0; i < nc; i++) {
			memset(&c->cells[k * nc + i], 0, sizeof *c->cells);
			set_str(&c->cells[k * nc + i], fields[k * nc + i], lens[k * nc + i]);
		}
		c->rows[k] = (mu_val){.type = MU_MAP, .items = &c->cells[k * nc], .n = nc,
		                      .keys = c->keys + c->nlinks, .keylens = c->keylens + c->nlinks};
	}
	snprintf(c->count, sizeof c->count, "%zu", nrows);
	c->vals[c->nlinks + nc] = (mu_val){.type = MU_LIST, .items = c->rows, .n = nrows};
	c->vals[c->nlinks + nc + 1] = (mu_val){.type = MU_STR, .s = c->count, .len = strlen(c->count)};
	c->root.n = c->nlinks + nc + 2;
}

void fu_msg_ctx_free(fu_msg_ctx *c)
{
	free(c->vals);
	free(c->keys);
	free(c->keylens);
	free(c->rows);
	free(c->cells);
}

/* ---- building ---------------------------------------------------------------------- */

static void on_empty(void *ud, const char *name, size_t len, const char *file, long line, long col)
{
	fu_message *m = ud;
	if (m->nempties == m->capempties) {
		m->capempties = m->capempties ? 2 * m->capempties : 8;
		m->empties = fu_xrealloc(m->empties, m->capempties * sizeof *m->empties);
	}
	m->empties[m->nempties++] = (fu_msg_empty){name, len, file ? file : "?", line, col};
}

static int render_to(fu_message *m, const mu_template *t, const mu_val *ctx, int esc, fu_buf *out,
                     mu_error *err)
{
	mu_opts o = {.escape = esc, .on_empty = on_empty, .ud = m};
	reset(out);
	return mu_render(t, ctx, &o, out, err);
}

/* What a part of a message really showed of an opt-out (not what its
 * template mentions: a {{> _optout}} inside a section that was false for
 * the row, or an _optout partial that is empty, shows nothing). */
typedef struct {
	fu_message *m;
	int partial; /* a partial named _optout* gave some text */
	int url;     /* {{unsubscribe_url}} gave the link (or {{.}} in
	              * {{#unsubscribe_url}}, which the renderer reports so) */
	int own;     /* {{^unsubscribe_url}} gave some text (no link) */
} optout_shown;

static int has_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 1;
	return 0;
}

static void on_empty_shown(void *ud, const char *name, size_t len, const char *file, long line, long col)
{
	on_empty(((optout_shown *)ud)->m, name, len, file, line, col);
}

/* a partial named _optout* (in whatever directory): the opt-out's text */
static int optout_partial(const char *name, size_t len)
{
	const char *slash = memrchr(name, '/', len);
	if (slash) {
		len -= (size_t)(slash + 1 - name);
		name = slash + 1;
	}
	return len >= 7 && memcmp(name, "_optout", 7) == 0;
}

static void on_rendered(void *ud, int tag, const char *name, size_t len, const char *text, size_t textlen)
{
	optout_shown *o = ud;
	if (!has_text(text, textlen))
		return;
	if (tag == MU_TAG_PARTIAL)
		o->partial |= optout_partial(name, len);
	else if (len == 15 && memcmp(name, "unsubscribe_url", 15) == 0) {
		if (tag == MU_TAG_INVERTED)
			o->own = 1;
		else if (tag == MU_TAG_VAR)
			o->url = 1;
	}
}

/* A mail's text part's line ends are one kind: a value's CRLF or bare CR (a cell
 * typed on Windows or an old Mac) becomes LF as the template's own are, so
 * that the mail's CRLF ends come out right and no bare CR is encoded as data
 * (=0D: RFC 2045 6.7, line breaks in text are CRLF) */
static void one_line_end(fu_buf *b)
{
	if (!b->data || !memchr(b->data, '\r', b->len))
		return;
	size_t w = 0;
	for (size_t r = 0; r < b->len; r++) {
		if (b->data[r] == '\r') {
			b->data[w++] = '\n';
			if (r + 1 < b->len && b->data[r + 1] == '\n')
				r++;
		} else {
			b->data[w++] = b->data[r];
		}
	}
	b->len = w;
	b->data[w] = '\0';
}

/* render_to for the text or HTML part, noting into *SHOWN whether it
 * showed an opt-out (as has_optout asks of the template) */
static int render_part(fu_msg_builder *b, fu_message *m, const mu_template *t, const mu_val *ctx, int esc,
                       fu_buf *out, int *shown, mu_error *err)
{
	optout_shown o = {.m = m};
	mu_opts opts = {.escape = esc, .on_empty = on_empty_shown, .on_rendered = on_rendered, .ud = &o};
	reset(out);
	int rc = mu_render(t, ctx, &opts, out, err);
	*shown = o.partial || (b->url_tpl[FU_MSG_UNSUBSCRIBE_URL] ? o.url : o.own);
	return rc;
}

static int refuse(fu_message *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(fu_message *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	reset(&m->why);
	fu_buf_adds(&m->why, tmp);
	return 0;
}

/* The formality a formal cell asks for: "formal", "informal", or "" (an
 * empty cell, or a word that is not yes or no: *UNKNOWN set).  The words are
 * fu-import's (norm_formal: yes/no, true/false, 1/0, x, kyllä/ei, ja/nej,
 * te/sinä, du, ...), so an imported file and a hand-made one read alike. */
static const char *form_of(const char *v, fu_buf *scratch, int *unknown)
{
	const char *why;
	*unknown = norm_formal(v, strlen(v), scratch, &why) != 0;
	if (*unknown || scratch->len == 0)
		return "";
	return strcmp(scratch->data, "yes") == 0 ? "formal" : "informal";
}

/* ISO 639-2 and 639-3 codes of the languages whose two-letter code a
 * template set may use (both the bibliographic and the terminology code) */
static const char iso639_3[][2][4] = {
	{"fin", "fi"}, {"swe", "sv"}, {"eng", "en"}, {"deu", "de"}, {"ger", "de"}, {"fra", "fr"},
	{"fre", "fr"}, {"spa", "es"}, {"est", "et"}, {"dan", "da"}, {"nor", "no"}, {"nob", "nb"},
	{"nno", "nn"}, {"nld", "nl"}, {"dut", "nl"}, {"ita", "it"}, {"por", "pt"}, {"pol", "pl"},
	{"rus", "ru"}, {"lav", "lv"}, {"lit", "lt"}, {"isl", "is"}, {"ice", "is"}, {"jpn", "ja"},
	{"zho", "zh"}, {"chi", "zh"}, {"ara", "ar"}, {"tur", "tr"}, {"ell", "el"}, {"gre", "el"},
	{"ces", "cs"}, {"cze", "cs"}, {"hun", "hu"}, {"ukr", "uk"}, {"sme", "se"}, {"kor", "ko"},
};

/* Is S (N bytes) a BCP 47 tag as far as choosing a template goes: a primary
 * language of 2-3 letters (or x, i: private use, grandfathered), then
 * subtags of 1-8 letters or digits, joined by '-' or '_'? */
static int tag_shaped(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
		i++;
	int private_use = i == 1 && ((s[0] | 0x20) == 'x' || (s[0] | 0x20) == 'i') && n > 1;
	if ((i < 2 && !private_use) || i > 3) /* x-klingon, i-default: tags too */
		return 0;
	while (i < n) {
		if (s[i] != '-' && s[i] != '_')
			return 0;
		size_t k = ++i;
		while (i < n && ((s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
			i++;
		if (i == k || i - k > 8)
			return 0;
	}
	return 1;
}

/* The language a lang cell asks for, as a lower-case tag in LANG ("" for
 * none): trimmed (a spreadsheet cell's blank), the first of a list
 * ("fi,en", an Accept-Language "fi-FI;q=0.9,en"), a POSIX locale's charset
 * and modifier dropped (fi_FI.UTF-8, ca_ES@valencia: fi-fi, ca-es), an
 * ISO 639-2/3 code read as its two-letter code (fin: fi, swe: sv), and a
 * language's name as fu-import reads it (suomi, svenska, Finnish).
 * Returns 0, or -1 when the cell is none of these (LANG ""). */
static int lang_tag(const char *lv, char *lang, size_t size, fu_buf *scratch)
{
	lang[0] = '\0';
	size_t s = 0, e = strcspn(lv, ",;");
	while (s < e && strchr(" \t\"'", lv[s]))
		s++;
	while (e > s && strchr(" \t\"'", lv[e - 1]))
		e--;
	if (e == s || (e - s == 1 && lv[s] == '*'))
		return 0;
	size_t ll = s + strcspn(lv + s, ".@");
	if (ll > e)
		ll = e;
	if ((ll - s == 1 && lv[s] == 'C') || (ll - s == 5 && memcmp(lv + s, "POSIX", 5) == 0))
		return 0; /* the C locale names no language */
	char tag[40];
	if (ll - s < sizeof tag && tag_shaped(lv + s, ll - s)) {
		memcpy(tag, lv + s, ll - s);
		tag[ll - s] = '\0';
	} else {
		const char *why;
		if (norm_lang(lv + s, e - s, scratch, &why) != 0 || scratch->len >= sizeof tag)
			return -1;
		memcpy(tag, scratch->data, scratch->len + 1);
	}
	size_t n = strlen(tag);
	for (size_t i = 0; i < n; i++)
		tag[i] = tag[i] == '_' ? '-' : (char)((tag[i] >= 'A' && tag[i] <= 'Z') ? tag[i] + 32 : tag[i]);
	size_t primary = strcspn(tag, "-");
	const char *rest = tag + primary;
	if (primary == 3)
		for (size_t i = 0; i < sizeof iso639_3 / sizeof *iso639_3; i++)
			if (memcmp(tag, iso639_3[i][0], 3) == 0) {
				snprintf(lang, size, "%s%s", iso639_3[i][1], rest);
				return 0;
			}
	snprintf(lang, size, "%s", tag);
	return 0;
}

/* The template for the row: its name, language and formality (fu-render(1)). */
static int same(const fu_buf *b, const char *s)
{
	return b->data && strcmp(b->data, s) == 0;
}

static int choose_template(fu_msg_builder *b, const fu_record *rec, fu_message *m)
{
	const char *tname = b->force_template ? b->force_template : cell(rec, b->c_template);
	const char *lv = cell(rec, b->c_lang), *fv = cell(rec, b->c_formal);
	if (b->last_tpl && same(&b->last_name, tname) && same(&b->last_lang, lv) &&
	    same(&b->last_formal, fv)) {
		m->tpl = b->last_tpl;
		m->formal_unknown = b->last_formal_unknown;
		m->lang_unknown = b->last_lang_unknown;
		return 1;
	}
	if (!tname[0])
		return refuse(m, "no template named (the template column is empty)");
	for (const char *p = tname; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_') || p - tname > 100)
			return refuse(m, "template name '%s' is not allowed (letters, digits, '-', '_')", tname);
	char lang[40] = "", name[128];
	m->lang_unknown = lang_tag(lv, lang, sizeof lang, &b->scratch) < 0;
	snprintf(name, sizeof name, "%s", tname);
	fu_ascii_lower(name, strlen(name));
	const char *form = form_of(fv, &b->scratch, &m->formal_unknown);
	m->tpl = tset_choose_cached(b->ts, name, lang, form);
	if (!m->tpl) {
		tset_choose(b->ts, name, lang, form, &b->scratch);
		return refuse(m, "no template for '%s' (tried %s)", name, b->scratch.data);
	}
	reset(&b->last_name);
	fu_buf_adds(&b->last_name, tname);
	reset(&b->last_lang);
	fu_buf_adds(&b->last_lang, lv);
	reset(&b->last_formal);
	fu_buf_adds(&b->last_formal, fv);
	b->last_formal_unknown = m->formal_unknown;
	b->last_lang_unknown = m->lang_unknown;
	b->last_tpl = m->tpl;
	return 1;
}

/* ---- the opt-out of a marketing e-mail ------------------------------------------------ */

/* Is the row's message a marketing e-mail (fu(7): each step is service or
 * marketing)?  A kind column says so; without one, fu-schedule's rule for a
 * plan without kinds: a step named thank-you* or one that follows a ticket
 * is service, every other step marketing.  A row with neither (a hand-made
 * list) is not judged, nor is a call or a meeting. */
static int marketing_step(const fu_msg_builder *b, const fu_record *rec);

int fu_msg_is_marketing(const fu_msg_builder *b, const fu_record *rec)
{
	if (!fu_channel_is_email(cell(rec, b->c_channel)))
		return 0;
	return marketing_step(b, rec);
}

/* a channel that sends a text message (fu(7): sms_unsubscribed governs it) */
static int text_channel(const char *channel)
{
	static const char *const text[] = {"sms", "text", "mms", "whatsapp"};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (fu_step_eq(channel, text[i]))
			return 1;
	return 0;
}

/* a channel where a person of ours talks with the contact (a call, a
 * meeting), not a message sent to it: an opt-out of marketing messages
 * leaves it to do_not_call (fu(7), as fu-schedule plans) */
static int person_channel(const char *channel)
{
	static const char *const person[] = {"call", "phone", "meeting", "visit"};
	for (size_t i = 0; i < sizeof person / sizeof person[0]; i++)
		if (fu_step_eq(channel, person[i]))
			return 1;
	return 0;
}

/* Is the row a marketing text (sms, mms, whatsapp) to a contact whose
 * sms_unsubscribed says no to texts (yes, an opt-out time by b->now: no
 * event undoes one, or a value that is not readable)?  Its reason
 * into WHY.  fu-schedule plans none; a hand-made or stale task list may. */
static int text_refused(fu_msg_builder *b, const fu_record *rec, fu_buf *why)
{
	if (b->c_sms_unsub < 0 || !text_channel(cell(rec, b->c_channel)) || !marketing_step(b, rec))
		return 0;
	const char *unsub = cell(rec, b->c_sms_unsub), *why_not;
	if (fu_facts_unsubscribed(NULL, unsub, cell(rec, b->c_tz)[0] ? cell(rec, b->c_tz) : NULL, b->now,
	                          &why_not) == 0)
		return 0;
	const char *step = cell(rec, b->c_step);
	reset(why);
	fu_buf_printf(why, "a marketing text (%s %s) to a contact who said no to texts "
	              "(sms_unsubscribed '%s'): not sent", step[0] ? "step" : "channel",
	              step[0] ? step : cell(rec, b->c_channel), unsub);
	return 1;
}

/* the kind column, else the step's name, says marketing (see above) */
static int marketing_step(const fu_msg_builder *b, const fu_record *rec)
{
	const char *kind = cell(rec, b->c_kind);
	if (kind[0])
		return !fu_step_eq(kind, "service");
	const char *step = cell(rec, b->c_step);
	if (!step[0])
		return 0;
	/* " Thank-You " as a hand edit leaves it is thank-you (fu_step_key) */
	return !fu_step_begins(step, "thank-you") && !strstr(cell(rec, b->c_anchor), "ticket_");
}

/* Has the contact opted out of marketing by --now (fu(7) Consent, as far
 * as the row tells: its unsubscribed cell, read in its tz)?  A cell that is
 * neither a yes/no word nor a date-time is read as an opt-out. */
static int opted_out(const fu_msg_builder *b, const char *unsub, const char *tz)
{
	const char *why;
	return fu_facts_unsubscribed(NULL, unsub, tz && tz[0] ? tz : NULL, b->now, &why) != 0;
}

typedef struct {
	int partial;  /* includes a partial named _optout* */
	int var;      /* {{unsubscribe_url}} or {{#unsubscribe_url}} */
	int inverted; /* {{^unsubscribe_url}}: its text for no link */
} optout_marks;

static int optout_mention(void *ud, int tag, const char *name, size_t len)
{
	optout_marks *o = ud;
	if (tag == MU_TAG_PARTIAL)
		o->partial |= optout_partial(name, len);
	else if (len == 15 && memcmp(name, "unsubscribe_url", 15) == 0) {
		if (tag == MU_TAG_INVERTED)
			o->inverted = 1;
		else
			o->var = 1;
	}
	return o->partial;
}

/* Does template T carry an opt-out?  It (its text or HTML part, partials
 * included) includes the _optout partial (the built-in one shows the
 * --unsubscribe link, else how to reply "stop"; a template set's own
 * _optout is its own wording), or shows {{unsubscribe_url}} when
 * --unsubscribe gives one, or has its own {{^unsubscribe_url}} text when
 * not.  Looked at once per template. */
static int has_optout(fu_msg_builder *b, const message_tpl *t)
{
	size_t ti = (size_t)(t - b->ts->m);
	if (b->optout[ti] == 0) {
		optout_marks o = {0};
		int link = b->url_tpl[FU_MSG_UNSUBSCRIBE_URL] != NULL;
		mu_mentions(t->body, optout_mention, &o);
		if (t->html)
			mu_mentions(t->html, optout_mention, &o);
		b->optout[ti] = o.partial || (link ? o.var : o.inverted) ? 1 : -1;
	}
	return b->optout[ti] > 0;
}

static int rows_section(void *ud, int tag, const char *name, size_t len)
{
	(void)ud;
	return tag == MU_TAG_SECTION && len == 4 && memcmp(name, "rows", 4) == 0;
}

int fu_msg_shows_rows(fu_msg_builder *b, const message_tpl *t)
{
	size_t ti = (size_t)(t - b->ts->m);
	if (b->rows_shown[ti] == 0) {
		int shown = mu_mentions(t->body, rows_section, NULL) &&
		            (!t->html || mu_mentions(t->html, rows_section, NULL));
		b->rows_shown[ti] = shown ? 1 : -1;
	}
	return b->rows_shown[ti] > 0;
}

int fu_msg_check_rows(const fu_msg_builder *b, mu_error *err)
{
	for (size_t i = 0; i < b->ts->nm; i++) {
		const message_tpl *t = &b->ts->m[i];
		if (!t->html)
			continue;
		mu_error in_text = {0}, in_html = {0};
		int text = mu_mentions_at(t->body, rows_section, NULL, &in_text);
		int html = mu_mentions_at(t->html, rows_section, NULL, &in_html);
		if (text == html)
			continue;
		*err = text ? in_text : in_html;
		snprintf(err->why, sizeof err->why,
		         "{{#rows}} in the %s part only: a digest's %s part (%s) would not list its rows; "
		         "add {{#rows}}...{{/rows}} there too",
		         text ? "text" : "HTML", text ? "HTML" : "text", text ? t->htmlfile : t->file);
		return -1;
	}
	return 0;
}

int fu_msg_marketing_refused(fu_msg_builder *b, const fu_record *rec, const message_tpl *t, fu_buf *why)
{
	const char *channel = cell(rec, b->c_channel);
	if (!marketing_step(b, rec) || person_channel(channel))
		return 0;
	/* an opt-out in force by --now, dated or not, on every channel that
	 * sends a message (fu(7) Consent).  A later subscribe that undid a dated
	 * one is fu-schedule's to weigh: its task row then says no (fu-schedule(1)) */
	const char *unsub = cell(rec, b->c_unsub);
	int out = opted_out(b, unsub, cell(rec, b->c_tz));
	int email = fu_channel_is_email(channel);
	if (!out && text_refused(b, rec, why))
		return 1;
	if (!out && (!email || !t || has_optout(b, t)))
		return 0;
	const char *kind = cell(rec, b->c_kind), *step = cell(rec, b->c_step);
	reset(why);
	fu_buf_adds(why, email ? "a marketing e-mail (" : "a marketing message (");
	if (step[0])
		fu_buf_printf(why, "step %s%s", step, kind[0] || !email ? ", " : "");
	if (kind[0])
		fu_buf_printf(why, "kind %s%s", kind, !email ? ", " : "");
	if (!email)
		fu_buf_printf(why, "channel %s", channel);
	if (out)
		fu_buf_printf(why, ") to a contact who unsubscribed (unsubscribed '%s'): not sent", unsub);
	else
		fu_buf_printf(why, ") needs an opt-out, and %s has none: include {{> _optout}}%s", t->file,
		              b->url_tpl[FU_MSG_UNSUBSCRIBE_URL] ? " or {{unsubscribe_url}}"
		                                                 : ", or give --unsubscribe and show {{unsubscribe_url}}");
	return 1;
}

/* A perk or an offer is a promotion: a contact who opted out of marketing
 * gets service e-mails only, so neither is shown to them (empty, as if the
 * column were absent: the templates' {{^perk}} text stands) — in the row
 * and in each of a group's rows.  Any opt-out the cell shows counts, a
 * dated one too: when in doubt, no promotion. */
static void hide_promotions(const fu_msg_builder *b, fu_msg_ctx *ctx, const fu_record *rec)
{
	if (b->c_unsub < 0 || (b->c_promo[0] < 0 && b->c_promo[1] < 0))
		return;
	if (opted_out(b, cell(rec, b->c_unsub), cell(rec, b->c_tz)))
		for (int i = 0; i < 2; i++)
			if (b->c_promo[i] >= 0)
				ctx->vals[ctx->nlinks + (size_t)b->c_promo[i]].len = 0;
	if (ctx->root.n <= ctx->nlinks + ctx->ncols)
		return; /* not a group */
	size_t nrows = ctx->vals[ctx->nlinks + ctx->ncols].n;
	for (size_t k = 0; k < nrows; k++) {
		mu_val *c = &ctx->cells[k * ctx->ncols];
		const char *tz = b->c_tz >= 0 ? c[b->c_tz].s : NULL;
		if (!opted_out(b, c[b->c_unsub].s, tz))
			continue;
		for (int i = 0; i < 2; i++)
			if (b->c_promo[i] >= 0)
				c[b->c_promo[i]].len = 0;
	}
}

/* A marketing message whose template mentions an opt-out but whose FILE
 * (its text or HTML part) showed none for this row (the _optout partial in
 * a section that was false, or empty): refused, not sent. */
static int optout_not_shown(const fu_msg_builder *b, const fu_record *rec, fu_message *m, const char *file)
{
	const char *kind = cell(rec, b->c_kind), *step = cell(rec, b->c_step);
	reset(&m->why);
	if (!fu_msg_is_marketing(b, rec)) { /* a digest judged by a later row */
		fu_buf_adds(&m->why, "a digest with a marketing row");
	} else {
		fu_buf_adds(&m->why, "a marketing e-mail (");
		if (step[0])
			fu_buf_printf(&m->why, "step %s%s", step, kind[0] ? ", " : "");
		if (kind[0])
			fu_buf_printf(&m->why, "kind %s", kind);
		fu_buf_adds(&m->why, ")");
	}
	fu_buf_printf(&m->why, " needs an opt-out, and %s showed none for this row: its opt-out "
	              "(%s) is in a section that was false or gave no text; show it unconditionally",
	              file, b->url_tpl[FU_MSG_UNSUBSCRIBE_URL] ? "{{> _optout}} or {{unsubscribe_url}}"
	                                                     : "{{> _optout}}, or {{unsubscribe_url}} with --unsubscribe");
	return 0;
}

/* A marketing row goes out only with an opt-out and to a contact who has not
 * opted out (fu_msg_marketing_refused). */
static int check_optout(fu_msg_builder *b, const fu_record *rec, fu_message *m)
{
	return !fu_msg_marketing_refused(b, rec, m->tpl, &m->why);
}

/* An address header's value parsed (and, for mail, written out), reusing the
 * last parse when the value is the same. */
static const fu_msg_addr_memo *addresses(fu_msg_builder *b, fu_msg_addr_memo *mm, const char *hn,
                                      const fu_buf *v)
{
	if (mm->value.data && mm->value.len == v->len && memcmp(mm->value.data, v->data, v->len) == 0)
		return mm;
	reset(&mm->value);
	fu_buf_add(&mm->value, v->data, v->len);
	mm->n = mime_parse_addresses(v->data, v->len, mm->mb, FU_MSG_MAX_ADDRS, &mm->why);
	if (mm->n == 0)
		mm->why = "no address";
	reset(&mm->line);
	if (mm->n > 0 && b->mail)
		mime_put_addresses(&mm->line, hn, mm->mb, (size_t)mm->n);
	return mm;
}

static int render_headers(fu_msg_builder *b, fu_message *m, const mu_val *ctx, mu_error *err)
{
	const message_tpl *t = m->tpl;
	fu_msg_addr_memo *memo = b->memo[t - b->ts->m];
	for (size_t i = 0; i < t->nh; i++) {
		const char *hn = t->h[i].name;
		int kind = t->h[i].kind;
		int esc = kind == H_SUBJECT || kind == H_OTHER ? MU_ESC_NONE : MU_ESC_ADDRESS;
		if (render_to(m, t->h[i].t, ctx, esc, &m->val, err) < 0)
			return -1;
		/* each header rendered on its own: a line break from the data
		 * is folded into a space (a template's header is one line, so
		 * any line break came from the data), a NUL or bad UTF-8 is
		 * refused, never written */
		fold_breaks(&m->val);
		if (!mime_header_safe(m->val.data, m->val.len))
			return refuse(m, "header injection refused: %s would hold a NUL or bad UTF-8", hn);
		if (!no_control(m, hn, &m->val))
			return 0;
		trim_buf(&m->val);
		if (kind == H_SUBJECT) {
			fu_buf_add(&m->subject, m->val.data, m->val.len);
			continue;
		}
		if (m->val.len == 0 && kind != H_TO && kind != H_FROM)
			continue; /* an optional header that came out empty */
		if (kind == H_OTHER) {
			if (b->mail)
				mime_put_unstructured(&m->headers_mail, hn, m->val.data, m->val.len);
			else
				add_header_text(&m->headers_text, hn, m->val.data, m->val.len);
			continue;
		}
		const fu_msg_addr_memo *mm = addresses(b, &memo[i], hn, &m->val);
		if (mm->n <= 0)
			return refuse(m, "%s: '%s': %s", hn, m->val.data, mm->why);
		if (kind == H_TO) {
			m->to = mm->mb;
			m->nto = mm->n;
		} else if (kind == H_FROM) {
			m->from = mm->mb;
			m->nfrom = mm->n;
			m->from_line = &mm->line;
		} else if (b->mail) {
			fu_buf_add(&m->headers_mail, mm->line.data, mm->line.len);
		} else {
			add_header_text(&m->headers_text, hn, m->val.data, m->val.len);
		}
	}
	return 1;
}

int fu_msg_clean_email(const fu_msg_builder *b, fu_record *rec, fu_buf *scratch)
{
	if (b->c_email < 0 || (size_t)b->c_email >= rec->nfields)
		return 0;
	char *s = rec->fields[b->c_email];
	size_t n = rec->lens[b->c_email];
	const char *why;
	if (n == 0 || mime_addr_valid(s, n))
		return 0; /* empty, or an address as it stands: as written */
	reset(scratch);
	if (norm_email(s, n, scratch, &why) != 0 || scratch->len == 0 || scratch->len > n ||
	    !mime_addr_valid(scratch->data, scratch->len))
		return 0; /* no address in it: refused, as written, when built */
	memcpy(s, scratch->data, scratch->len);
	s[scratch->len] = '\0';
	rec->lens[b->c_email] = scratch->len;
	return 1;
}

/* No To line: the row's email, named by its first and last name. */
static int address_to_row(fu_msg_builder *b, const fu_record *rec, fu_message *m)
{
	const char *email = cell(rec, b->c_email);
	if (!email[0])
		return refuse(m, "no To address: the email column is empty");
	const char *fn = cell(rec, b->c_first), *ln = cell(rec, b->c_last);
	size_t el = strlen(email);
	/* an address with a line break is no address; a name's is folded */
	if (!mime_header_safe(email, el))
		return refuse(m, "header injection refused: To would hold a line break or NUL");
	mime_mailbox *to = &m->row_to;
	reset(&to->addr);
	if (mime_addr_sendable(email, el, &to->addr) != 0)
		return refuse(m, "To: '%s': not a valid e-mail address", email);
	reset(&to->name);
	fu_buf_adds(&to->name, fn);
	trim_buf(&to->name);
	if (to->name.len && ln[0])
		fu_buf_addc(&to->name, ' ');
	fu_buf_adds(&to->name, ln);
	fold_breaks(&to->name);
	trim_buf(&to->name);
	if (!mime_header_safe(to->name.data, to->name.len))
		return refuse(m, "header injection refused: To would hold a NUL or bad UTF-8");
	if (!no_control(m, "To", &to->name))
		return 0;
	m->to = to;
	m->nto = 1;
	return 1;
}

/* --unsubscribe and --referral-url, rendered from the row and given to the
 * templates as {{unsubscribe_url}} and {{referral_url}} */
static int render_links(fu_msg_builder *b, fu_message *m, fu_msg_ctx *ctx, mu_error *err)
{
	for (int i = 0; i < FU_MSG_NURLS; i++) {
		if (!b->url_tpl[i])
			continue;
		size_t empties0 = m->nempties;
		if (render_to(m, b->url_tpl[i], &ctx->root, MU_ESC_URL, &m->url[i], err) < 0)
			return -1;
		fu_buf *u = &m->url[i];
		if (m->nempties > empties0 && !b->review) {
			/* a link with a hole leads nowhere: an unsubscribe link
			 * that unsubscribes nobody is no opt-out, so the message is
			 * not sent; a referral link that credits nobody is left
			 * out (the templates' {{^referral_url}} text stands) */
			if (i == FU_MSG_REFERRAL_URL) {
				reset(u);
				continue;
			}
			reset(&m->why);
			fu_buf_printf(&m->why, "the %s link needs ", fu_msg_url_options[i] + 2);
			for (size_t k = empties0; k < m->nempties; k++)
				fu_buf_printf(&m->why, "%s%.*s", k > empties0 ? ", " : "", (int)m->empties[k].len,
				              m->empties[k].name);
			fu_buf_printf(&m->why, ", which %s empty", m->nempties - empties0 > 1 ? "are" : "is");
			return 0;
		}
		if (!mime_header_safe(u->data, u->len) || strpbrk(u->data, " <>\"") || u->len > 900)
			return refuse(m, "%s URL '%s' is not usable in a header", fu_msg_url_options[i], u->data);
		m->has_url[i] = 1;
		mu_val *slot = &ctx->vals[ctx->link_slot[i]];
		slot->type = MU_STR;
		slot->s = u->data;
		slot->len = u->len;
	}
	return 1;
}

static void text_forms(fu_msg_builder *b, fu_message *m)
{
	for (long i = 0; i < m->nto; i++) {
		if (i)
			fu_buf_add(&m->to_text, ", ", 2);
		mime_mailbox_text(&m->to_text, &m->to[i]);
	}
	if (b->mail)
		return;
	for (long i = 0; i < m->nfrom; i++) {
		if (i)
			fu_buf_add(&m->from_text, ", ", 2);
		mime_mailbox_text(&m->from_text, &m->from[i]);
	}
}

/* the addresses of MB, in lower case and joined by ", ", appended to OUT */
static void address_key(fu_buf *out, const mime_mailbox *mb, long n)
{
	size_t start = out->len;
	for (long i = 0; i < n; i++) {
		if (i)
			fu_buf_add(out, ", ", 2);
		fu_buf_add(out, mb[i].addr.data, mb[i].addr.len);
	}
	fu_ascii_lower(out->data + start, out->len - start);
}

/* Message-ID: stable from the task ids and the recipients' addresses, so
 * that one task_id given to two people (a hand-made list) is two messages,
 * and the same task rendered again is the same message (its maildir or eml
 * file is replaced) — also after the CRM corrected the name or re-exported
 * the address in other letter case: neither the display name nor the case
 * is part of the identity.  A --group-by digest is identified by all its
 * rows' task ids (a digest of one row by that row's, as without a group).
 * A row without a task_id (a hand-kept list, a newsletter) has no identity
 * of its own: the message made from it and the day it is sent are its
 * identity (the template, the rendered subject, text and HTML, and the day
 * of its Date), so November's and December's newsletter are two messages
 * even when their text is the same, and the same one rendered again that
 * day is the same message.
 * (Addresses joined as "a, b": an unnamed lower-case recipient keeps the id
 * it had when the whole To text was hashed.) */
static void message_id(fu_message *m, const fu_msg_builder *b, const fu_msg_ctx *ctx)
{
	const char *task_id = m->task_id;
	uint64_t h = fu_hash64(task_id, strlen(task_id), 0x6675);
	int by_content = !task_id[0];
	if (ctx->root.n > ctx->nlinks + ctx->ncols && b->c_task >= 0) { /* a group */
		size_t nrows = ctx->vals[ctx->nlinks + ctx->ncols].n;
		for (size_t k = 1; k < nrows; k++) {
			const mu_val *t = &ctx->cells[k * ctx->ncols + (size_t)b->c_task];
			h = fu_hash64(t->s, t->len, h);
			by_content |= t->len == 0;
		}
	}
	if (by_content) {
		const fu_buf *parts[] = {&m->subject, &m->body, &m->html};
		h = fu_hash64(m->tpl->key, strlen(m->tpl->key) + 1, h);
		for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
			h = fu_hash64(&parts[i]->len, sizeof parts[i]->len, h);
			h = fu_hash64(parts[i]->data, parts[i]->len, h);
		}
		h = fu_hash64(b->send_day, strlen(b->send_day), h);
	}
	fu_buf *who = &m->val;
	reset(who);
	address_key(who, m->to, m->nto);
	h = fu_hash64(who->data, who->len, h);
	h = fu_hash64(&h, sizeof h, h); /* spread short ids over all the bits */
	for (int i = 15; i >= 0; i--, h >>= 4)
		m->id[i] = "0123456789abcdef"[h & 15];
	m->id[16] = '\0';
	reset(&m->message_id);
	fu_buf_addc(&m->message_id, '<');
	fu_buf_add(&m->message_id, m->id, 16);
	fu_buf_adds(&m->message_id, ".fu-render@");
	const char *at = m->nfrom > 0 ? strchr(m->from[0].addr.data, '@') : NULL;
	fu_buf_adds(&m->message_id, at ? at + 1 : "localhost");
	fu_buf_addc(&m->message_id, '>');
}

int fu_msg_recipient_key(fu_msg_builder *b, const fu_record *rec, const fu_msg_ctx *ctx,
                         const message_tpl **tpl, fu_message *m, fu_buf *out, mu_error *err)
{
	reset(out);
	if (!*tpl && choose_template(b, rec, m) > 0)
		*tpl = m->tpl;
	const message_tpl *t = *tpl;
	for (size_t i = 0; t && i < t->nh; i++) {
		if (t->h[i].kind != H_TO)
			continue;
		mu_opts o = {.escape = MU_ESC_ADDRESS};
		reset(&m->val);
		if (mu_render(t->h[i].t, &ctx->root, &o, &m->val, err) < 0)
			return -1;
		fold_breaks(&m->val);
		trim_buf(&m->val);
		const fu_msg_addr_memo *mm = addresses(b, &b->memo[t - b->ts->m][i], t->h[i].name, &m->val);
		if (mm->n > 0) {
			address_key(out, mm->mb, mm->n);
		} else { /* refused when built; told apart by its text */
			fu_buf_add(out, m->val.data, m->val.len);
			fu_ascii_lower(out->data, out->len);
		}
		return 0;
	}
	/* no To line: the email column, as address_to_row reads it */
	const char *e = cell(rec, b->c_email);
	fu_buf_adds(out, e);
	trim_buf(out);
	fu_ascii_lower(out->data, out->len);
	return 0;
}

static void message_reset(fu_message *m)
{
	m->tpl = NULL;
	reset(&m->subject);
	reset(&m->body);
	reset(&m->html);
	reset(&m->headers_text);
	reset(&m->headers_mail);
	reset(&m->to_text);
	reset(&m->from_text);
	m->to = m->from = NULL;
	m->nto = m->nfrom = 0;
	m->from_line = NULL;
	m->formal_unknown = 0;
	m->lang_unknown = 0;
	for (int i = 0; i < FU_MSG_NURLS; i++) {
		reset(&m->url[i]);
		m->has_url[i] = 0;
	}
	m->nempties = 0;
	reset(&m->why);
}

int fu_msg_build(fu_msg_builder *b, const fu_record *rec, fu_msg_ctx *ctx, long nrows, fu_message *m,
              mu_error *err)
{
	message_reset(m);
	m->nrows = nrows;
	m->line = rec->line;
	m->task_id = cell(rec, b->c_task);
	m->contact_id = cell(rec, b->c_contact);
	for (int i = 0; i < FU_MSG_NURLS; i++) /* not this row's yet */
		if (ctx->link_slot[i] >= 0)
			ctx->vals[ctx->link_slot[i]].type = MU_NULL;
	int rc = choose_template(b, rec, m);
	if (b->group_tpl) { /* a digest keeps the template its group began with */
		m->tpl = b->group_tpl;
		rc = 1;
	}
	if (rc > 0)
		rc = check_optout(b, rec, m);
	if (rc > 0)
		hide_promotions(b, ctx, rec);
	if (rc > 0)
		rc = render_headers(b, m, &ctx->root, err);
	if (rc > 0 && !m->to)
		rc = address_to_row(b, rec, m);
	if (rc > 0 && !m->from) {
		m->from = b->from;
		m->nfrom = b->nfrom;
		m->from_line = &b->from_line;
	}
	if (rc > 0)
		rc = render_links(b, m, ctx, err);
	int text_optout = 0, html_optout = 1;
	if (rc > 0)
		rc = render_part(b, m, m->tpl->body, &ctx->root, MU_ESC_NONE, &m->body, &text_optout, err) < 0 ? -1 : 1;
	if (rc > 0 && b->mail) /* (the CSV form keeps the bytes as they are) */
		one_line_end(&m->body);
	if (rc > 0 && m->tpl->html)
		rc = render_part(b, m, m->tpl->html, &ctx->root, MU_ESC_HTML, &m->html, &html_optout, err) < 0 ? -1 : 1;
	if (rc > 0 && (fu_msg_is_marketing(b, rec) || (b->group_tpl && b->group_marketing)) &&
	    !(text_optout && html_optout))
		rc = optout_not_shown(b, rec, m, !text_optout ? m->tpl->file : m->tpl->htmlfile);
	if (rc <= 0)
		return rc;
	text_forms(b, m);
	message_id(m, b, ctx);
	return 1;
}

void fu_msg_free(fu_message *m)
{
	fu_buf *bufs[] = {&m->subject, &m->body, &m->html, &m->headers_text, &m->headers_mail,
	                  &m->to_text, &m->from_text, &m->message_id, &m->why, &m->val,
	                  &m->own_from_line};
	for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
		fu_buf_free(bufs[i]);
	for (int i = 0; i < FU_MSG_NURLS; i++)
		fu_buf_free(&m->url[i]);
	mime_mailbox_free(&m->row_to);
	free(m->empties);
}

void fu_msg_empties_text(const fu_message *m, fu_buf *out)
{
	for (size_t i = 0; i < m->nempties; i++) {
		const fu_msg_empty *e = &m->empties[i];
		fu_buf_printf(out, "%s%.*s (%s:%ld:%ld)", i ? "; " : "", (int)e->len, e->name, e->file,
		              e->line, e->col);
	}
}

void fu_msg_write_mail(const fu_message *m, const char *date_line, fu_buf *out)
{
	fu_buf_adds(out, date_line);
	fu_buf_add(out, m->from_line->data, m->from_line->len);
	mime_put_addresses(out, "To", m->to, (size_t)m->nto);
	mime_put_unstructured(out, "Subject", m->subject.data, m->subject.len);
	fu_buf_adds(out, "Message-ID: ");
	fu_buf_add(out, m->message_id.data, m->message_id.len);
	fu_buf_addc(out, '\n');
	fu_buf_add(out, m->headers_mail.data, m->headers_mail.len);
	if (m->has_url[FU_MSG_UNSUBSCRIBE_URL]) {
		const fu_buf *u = &m->url[FU_MSG_UNSUBSCRIBE_URL];
		fu_buf_adds(out, "List-Unsubscribe: <");
		fu_buf_add(out, u->data, u->len);
		fu_buf_adds(out, ">\n");
		if (strncmp(u->data, "https://", 8) == 0)
			fu_buf_adds(out, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n");
	}
	fu_buf_adds(out, "MIME-Version: 1.0\n");
	if (m->tpl->html) {
		/* "=_" cannot occur in quoted-printable text: a safe boundary */
		char boundary[40];
		snprintf(boundary, sizeof boundary, "=_fu_%s", m->id);
		fu_buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\n\n", boundary);
		fu_buf_printf(out, "--%s\n", boundary);
		mime_put_text_part(out, "plain", m->body.data, m->body.len, 1);
		fu_buf_printf(out, "\n--%s\n", boundary);
		mime_put_text_part(out, "html", m->html.data, m->html.len, 1);
		fu_buf_printf(out, "\n--%s--\n", boundary);
	} else {
		mime_put_text_part(out, "plain", m->body.data, m->body.len, 0);
	}
}

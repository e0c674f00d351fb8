/* fu-render — personalised messages from Mustache templates, safe to send.
 * Reads a tasks stream (CSV), renders each row with the template its
 * `template` column names (with language and formality fallbacks), and
 * writes CSV, an mboxrd mailbox, a maildir or .eml files. */
#include "fu.h"
#include "lib/mime.h"
#include "lib/mustache.h"
#include "lib/tset.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fu-render.tpl.h" /* embedded_templates[], from examples/templates */

enum { F_CSV, F_MBOX, F_MAILDIR, F_EML };
#define MAX_ADDRS 32

/* a --group-by group: copies of its rows */
struct group {
	fu_record first; /* the first row: its copied fields, line and text */
	char **fields;   /* nrows * ncols */
	size_t *lens;
	char **raws; /* each row's text and line, for the reject report */
	size_t *rawlens;
	long *lines;
	size_t nrows, cap;
	char *key;
};

/* ---- the run ------------------------------------------------------------------------ */

typedef struct {
	/* options */
	int format, check, strict, excel_safe;
	const char *outdir, *from, *group_by, *force_template;
	mu_template *unsub;
	int64_t now;
	/* input */
	const char *inname;
	fu_header hdr;
	long c_template, c_lang, c_formal, c_email, c_first, c_last, c_task, c_contact, c_group, c_channel;
	tset ts;
	/* output */
	fu_csv_writer csv;
	fu_rejects rej;
	const struct group *group; /* the --group-by group being rendered */
	char date_line[64], mbox_date[40];
	long nread, nwrote, nrejected, nempty, nskipped;
	long nmessages; /* nwrote counts rows; with --group-by a message holds several */
	/* per message scratch */
	fu_buf val, msg, out, tried, empties, hdrs, subject, body, html, unsub_url, other_hdrs;
	mime_mailbox to[MAX_ADDRS], from_mb[MAX_ADDRS], other[MAX_ADDRS];
	long nto, nfrom;
	fu_buf to_text, from_text;
	/* empty-variable report of the message being rendered */
	long cur_line;
	const char *cur_task, *cur_tpl;
} run;

static const char *cell(const fu_record *rec, long col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : "";
}

static void reject(run *r, const fu_record *rec, long nrows, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void reject(run *r, const fu_record *rec, long nrows, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	fu_warn_record(r->inname, rec, "rejected: %s", tmp);
	r->nrejected += nrows;
	if (r->group) /* every row of a rejected group is in the report */
		for (size_t k = 0; k < r->group->nrows; k++)
			fu_rejects_add(&r->rej, r->inname, r->group->lines[k], tmp, r->group->raws[k],
			               r->group->rawlens[k]);
	else
		fu_rejects_add(&r->rej, r->inname, rec->line, tmp, rec->raw, rec->raw_len);
}

static void on_empty(void *ud, const char *name, size_t len, const char *file, long line, long col)
{
	run *r = ud;
	fu_buf_printf(&r->empties, "%s%.*s (%s:%ld:%ld)", r->empties.len ? "; " : "", (int)len, name,
	              file ? file : "?", line, col);
	if (r->check) {
		char ln[24], where[512];
		snprintf(ln, sizeof ln, "%ld", r->cur_line);
		snprintf(where, sizeof where, "%s:%ld:%ld", file ? file : "?", line, col);
		fu_csv_fields(&r->csv, ln);
		fu_csv_fields(&r->csv, r->cur_task);
		fu_csv_fields(&r->csv, r->cur_tpl);
		fu_csv_field(&r->csv, name, len);
		fu_csv_fields(&r->csv, where);
		fu_csv_endrow(&r->csv);
	}
}

static int render_to(run *r, const mu_template *t, const mu_val *ctx, int esc, fu_buf *out)
{
	mu_opts o = {.escape = esc, .on_empty = on_empty, .ud = r};
	mu_error err = {0};
	fu_buf_clear(out);
	fu_buf_add(out, "", 0);
	if (mu_render(t, ctx, &o, out, &err) < 0)
		tset_template_error(&err, NULL);
	return 0;
}

static void add_header_text(fu_buf *b, const char *name, const fu_buf *v)
{
	fu_buf_adds(b, name);
	fu_buf_add(b, ": ", 2);
	fu_buf_add(b, v->data, v->len);
	fu_buf_addc(b, '\n');
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

static const char *form_of(const char *v)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "formal", "kyllä", "k", "ja"};
	static const char *const no[] = {"no", "n", "false", "0", "informal", "ei", "e", "nej"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (fu_streq_ci(v, yes[i]))
			return "formal";
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (fu_streq_ci(v, no[i]))
			return "informal";
	return "";
}

static void add_domain(fu_buf *b, const mime_mailbox *from, long nfrom)
{
	const char *at = nfrom > 0 ? strchr(from[0].addr.data, '@') : NULL;
	fu_buf_adds(b, at ? at + 1 : "localhost");
}

static void write_file_in(run *r, const char *sub, const char *name, const fu_buf *data)
{
	fu_buf path = {0};
	fu_buf_printf(&path, "%s%s%s/%s", r->outdir, sub[0] ? "/" : "", sub, name);
	fu_outfile o;
	if (fu_outfile_open(&o, path.data) < 0)
		exit(FU_EXIT_USAGE);
	fwrite(data->data, 1, data->len, o.fp);
	if (fu_commit_file(&o) < 0)
		exit(FU_EXIT_USAGE);
	fu_buf_free(&path);
}

/* Render one message from ROWS (1 row, or a --group-by group) with context
 * CTX.  REC is the first row (for messages and ids). */
static void render_message(run *r, const fu_record *rec, const mu_val *ctx, long nrows,
                           const char *task_id, const char *contact_id)
{
	/* which template */
	const char *tname = r->force_template ? r->force_template : cell(rec, r->c_template);
	if (!tname[0]) {
		reject(r, rec, nrows, "no template named (the template column is empty)");
		return;
	}
	for (const char *p = tname; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_') || p - tname > 100) {
			reject(r, rec, nrows, "template name '%s' is not allowed (letters, digits, '-', '_')",
			       tname);
			return;
		}
	char lang[40] = "", tl[128];
	const char *lv = cell(rec, r->c_lang);
	size_t ll = strlen(lv);
	int lang_ok = ll < sizeof lang;
	for (size_t i = 0; lang_ok && i < ll; i++)
		lang_ok = (lv[i] >= 'a' && lv[i] <= 'z') || (lv[i] >= 'A' && lv[i] <= 'Z') ||
		          (lv[i] >= '0' && lv[i] <= '9') || lv[i] == '-' || lv[i] == '_';
	if (lang_ok) {
		for (size_t i = 0; i <= ll; i++)
			lang[i] = lv[i] == '_' ? '-' : (char)((lv[i] >= 'A' && lv[i] <= 'Z') ? lv[i] + 32 : lv[i]);
	}
	snprintf(tl, sizeof tl, "%s", tname);
	fu_ascii_lower(tl, strlen(tl));
	const char *form = form_of(cell(rec, r->c_formal));
	message_tpl *m = tset_choose_cached(&r->ts, tl, lang, form);
	if (!m) {
		tset_choose(&r->ts, tl, lang, form, &r->tried);
		reject(r, rec, nrows, "no template for '%s' (tried %s)", tl, r->tried.data);
		return;
	}
	r->cur_line = rec->line;
	r->cur_task = task_id;
	r->cur_tpl = m->key;
	fu_buf_clear(&r->empties);
	fu_buf_add(&r->empties, "", 0);

	/* headers: each rendered on its own; a line break or NUL from the data
	 * is refused, never written */
	fu_buf_clear(&r->hdrs);
	fu_buf_add(&r->hdrs, "", 0);
	fu_buf_clear(&r->subject);
	fu_buf_add(&r->subject, "", 0);
	r->nto = r->nfrom = -1;
	fu_buf_clear(&r->to_text);
	fu_buf_add(&r->to_text, "", 0);
	fu_buf_clear(&r->from_text);
	fu_buf_add(&r->from_text, "", 0);
	fu_buf_clear(&r->msg);
	fu_buf_add(&r->msg, "", 0);
	fu_buf *other_hdrs = &r->other_hdrs; /* the mail form of the other headers */
	fu_buf_clear(other_hdrs);
	fu_buf_add(other_hdrs, "", 0);
	int csv = r->format == F_CSV;
	for (size_t i = 0; i < m->nh; i++) {
		const char *hn = m->h[i].name;
		render_to(r, m->h[i].t, ctx, MU_ESC_NONE, &r->val);
		if (!mime_header_safe(r->val.data, r->val.len)) {
			reject(r, rec, nrows, "header injection refused: %s would hold a line break, NUL or bad UTF-8",
			       hn);
			goto out;
		}
		trim_buf(&r->val);
		int kind = m->h[i].kind;
		if (kind == H_SUBJECT) {
			fu_buf_add(&r->subject, r->val.data, r->val.len);
		} else if (kind != H_OTHER) {
			const char *why;
			int isto = kind == H_TO, isfrom = kind == H_FROM;
			mime_mailbox *mb = isto ? r->to : isfrom ? r->from_mb : r->other;
			if (r->val.len == 0 && !isto && !isfrom)
				continue; /* an optional header that came out empty */
			long n = mime_parse_addresses(r->val.data, r->val.len, mb, MAX_ADDRS, &why);
			if (n <= 0) {
				reject(r, rec, nrows, "%s: '%s': %s", hn, r->val.data, n == 0 ? "no address" : why);
				goto out;
			}
			if (isto) {
				r->nto = n;
			} else if (isfrom) {
				r->nfrom = n;
			} else {
				if (csv)
					add_header_text(&r->hdrs, hn, &r->val);
				else
					mime_put_addresses(other_hdrs, hn, mb, (size_t)n);
			}
		} else {
			if (r->val.len == 0)
				continue;
			if (csv)
				add_header_text(&r->hdrs, hn, &r->val);
			else
				mime_put_unstructured(other_hdrs, hn, r->val.data, r->val.len);
		}
	}
	if (r->nto < 0) { /* no To line: the row's email, named by first and last name */
		const char *email = cell(rec, r->c_email);
		if (!email[0]) {
			reject(r, rec, nrows, "no To address: the email column is empty");
			goto out;
		}
		const char *fn = cell(rec, r->c_first), *ln = cell(rec, r->c_last);
		size_t el = strlen(email);
		if (!mime_header_safe(email, el) || !mime_header_safe(fn, strlen(fn)) ||
		    !mime_header_safe(ln, strlen(ln))) {
			reject(r, rec, nrows, "header injection refused: To would hold a line break or NUL");
			goto out;
		}
		if (!mime_addr_valid(email, el)) {
			reject(r, rec, nrows, "To: '%s': not a valid e-mail address", email);
			goto out;
		}
		mime_mailbox *to = &r->to[0];
		fu_buf_clear(&to->addr);
		fu_buf_add(&to->addr, email, el);
		fu_buf_clear(&to->name);
		fu_buf_adds(&to->name, fn);
		if (fn[0] && ln[0])
			fu_buf_addc(&to->name, ' ');
		fu_buf_adds(&to->name, ln);
		trim_buf(&to->name);
		r->nto = 1;
	}
	if (r->nfrom < 0 && r->from) {
		const char *why;
		long n = mime_parse_addresses(r->from, strlen(r->from), r->from_mb, MAX_ADDRS, &why);
		if (n <= 0)
			fu_die(FU_EXIT_USAGE, "--from '%s': %s", r->from, n == 0 ? "no address" : why);
		r->nfrom = n;
	}
	/* the CSV forms of To and From */
	for (long i = 0; i < r->nto; i++) {
		if (i)
			fu_buf_add(&r->to_text, ", ", 2);
		mime_mailbox_text(&r->to_text, &r->to[i]);
	}
	for (long i = 0; i < r->nfrom; i++) {
		if (i)
			fu_buf_add(&r->from_text, ", ", 2);
		mime_mailbox_text(&r->from_text, &r->from_mb[i]);
	}
	if (r->unsub) {
		render_to(r, r->unsub, ctx, MU_ESC_URL, &r->unsub_url);
		if (!mime_header_safe(r->unsub_url.data, r->unsub_url.len) ||
		    strpbrk(r->unsub_url.data, " <>\"") || r->unsub_url.len > 900) {
			reject(r, rec, nrows, "--unsubscribe URL '%s' is not usable in a header",
			       r->unsub_url.data);
			goto out;
		}
	}
	render_to(r, m->body, ctx, MU_ESC_NONE, &r->body);
	fu_buf_clear(&r->html);
	if (m->html)
		render_to(r, m->html, ctx, MU_ESC_HTML, &r->html);

	if (r->check) { /* the review: empties were listed by on_empty */
		if (r->empties.len)
			r->nempty++;
		goto out;
	}
	if (r->strict && r->empties.len) {
		reject(r, rec, nrows, "--strict: empty %s", r->empties.data);
		goto out;
	}

	/* Message-ID: stable from the task id and the recipients, so that one
	 * task_id given to two people (a hand-made list) is two messages, and
	 * maildir/eml files never overwrite another person's message */
	uint64_t h = fu_hash64(task_id, strlen(task_id), 0x6675);
	if (!task_id[0])
		h = fu_hash64(rec->raw ? rec->raw : "", rec->raw ? rec->raw_len : 0, 0x6675);
	h = fu_hash64(r->to_text.data, r->to_text.len, h);
	h = fu_hash64(&h, sizeof h, h); /* spread short ids over all the bits */
	char hex[17];
	for (int i = 15; i >= 0; i--, h >>= 4)
		hex[i] = "0123456789abcdef"[h & 15];
	hex[16] = '\0';
	fu_buf_clear(&r->val);
	fu_buf_addc(&r->val, '<');
	fu_buf_add(&r->val, hex, 16);
	fu_buf_adds(&r->val, ".fu-render@");
	add_domain(&r->val, r->from_mb, r->nfrom);
	fu_buf_addc(&r->val, '>');

	if (r->format == F_CSV) {
		fu_csv_fields(&r->csv, task_id);
		fu_csv_fields(&r->csv, contact_id);
		fu_csv_field(&r->csv, r->to_text.data, r->to_text.len);
		fu_csv_field(&r->csv, r->subject.data, r->subject.len);
		fu_csv_field(&r->csv, r->body.data, r->body.len);
		fu_csv_field(&r->csv, r->html.data ? r->html.data : "", r->html.len);
		fu_csv_field(&r->csv, r->from_text.data, r->from_text.len);
		if (r->unsub)
			fu_buf_printf(&r->hdrs, "List-Unsubscribe: <%s>\n", r->unsub_url.data);
		fu_csv_field(&r->csv, r->hdrs.data, r->hdrs.len);
		fu_csv_fields(&r->csv, m->key);
		fu_csv_field(&r->csv, r->val.data, r->val.len);
		fu_csv_endrow(&r->csv);
		r->nwrote += nrows;
		r->nmessages++;
		goto out;
	}
	if (r->nfrom <= 0)
		fu_die(FU_EXIT_USAGE, "%s: no From address: give --from (or set EMAIL), or a From: line in the template",
		       m->file);

	fu_buf *msg = &r->msg;
	fu_buf_adds(msg, r->date_line);
	mime_put_addresses(msg, "From", r->from_mb, (size_t)r->nfrom);
	mime_put_addresses(msg, "To", r->to, (size_t)r->nto);
	mime_put_unstructured(msg, "Subject", r->subject.data, r->subject.len);
	fu_buf_adds(msg, "Message-ID: ");
	fu_buf_add(msg, r->val.data, r->val.len);
	fu_buf_addc(msg, '\n');
	fu_buf_add(msg, other_hdrs->data, other_hdrs->len);
	if (r->unsub) {
		fu_buf_printf(msg, "List-Unsubscribe: <%s>\n", r->unsub_url.data);
		if (strncmp(r->unsub_url.data, "https://", 8) == 0)
			fu_buf_adds(msg, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n");
	}
	fu_buf_adds(msg, "MIME-Version: 1.0\n");
	if (m->html) {
		/* "=_" cannot occur in quoted-printable text: a safe boundary */
		char boundary[40];
		snprintf(boundary, sizeof boundary, "=_fu_%s", hex);
		fu_buf_printf(msg, "Content-Type: multipart/alternative; boundary=\"%s\"\n\n", boundary);
		fu_buf_printf(msg, "--%s\n", boundary);
		mime_put_text_part(msg, "plain", r->body.data, r->body.len, 1);
		fu_buf_printf(msg, "\n--%s\n", boundary);
		mime_put_text_part(msg, "html", r->html.data, r->html.len, 1);
		fu_buf_printf(msg, "\n--%s--\n", boundary);
	} else {
		mime_put_text_part(msg, "plain", r->body.data, r->body.len, 0);
	}

	if (r->format == F_MBOX) {
		fu_buf_clear(&r->out);
		mime_mboxrd_append(&r->out, r->from_mb[0].addr.data, r->mbox_date, msg->data, msg->len);
		fwrite(r->out.data, 1, r->out.len, stdout);
	} else if (r->format == F_EML) {
		char name[40];
		snprintf(name, sizeof name, "%s.eml", hex);
		write_file_in(r, "", name, msg);
	} else { /* maildir: write in tmp/, then rename into new/ */
		char name[80];
		snprintf(name, sizeof name, "%lld.fu%s.fu-render", (long long)r->now, hex);
		write_file_in(r, "tmp", name, msg);
		fu_buf a = {0}, b = {0};
		fu_buf_printf(&a, "%s/tmp/%s", r->outdir, name);
		fu_buf_printf(&b, "%s/new/%s", r->outdir, name);
		if (rename(a.data, b.data) != 0)
			fu_die(FU_EXIT_USAGE, "%s: %s", b.data, strerror(errno));
		fu_buf_free(&a);
		fu_buf_free(&b);
	}
	r->nwrote += nrows;
	r->nmessages++;
out:;
}

/* ---- rows to contexts --------------------------------------------------------------- */

typedef struct {
	mu_val root;
	mu_val *vals;
	size_t cap;
	const size_t *keylens;
} rowctx;

static void row_context(rowctx *c, const fu_header *h, const size_t *keylens, char **fields,
                        const size_t *lens, size_t extra)
{
	if (c->cap < h->n + extra) {
		c->cap = h->n + extra;
		c->vals = fu_xrealloc(c->vals, c->cap * sizeof *c->vals);
	}
	for (size_t i = 0; i < h->n; i++) {
		memset(&c->vals[i], 0, sizeof c->vals[i]);
		c->vals[i].type = MU_STR;
		c->vals[i].s = fields[i];
		c->vals[i].len = lens[i];
	}
	memset(&c->root, 0, sizeof c->root);
	c->root.type = MU_MAP;
	c->root.items = c->vals;
	c->root.n = h->n;
	c->root.keys = (const char *const *)h->names;
	c->root.keylens = keylens;
}


static void group_add(struct group *g, const fu_record *rec, size_t ncols)
{
	if (g->nrows == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->fields = fu_xrealloc(g->fields, g->cap * ncols * sizeof *g->fields);
		g->lens = fu_xrealloc(g->lens, g->cap * ncols * sizeof *g->lens);
		g->raws = fu_xrealloc(g->raws, g->cap * sizeof *g->raws);
		g->rawlens = fu_xrealloc(g->rawlens, g->cap * sizeof *g->rawlens);
		g->lines = fu_xrealloc(g->lines, g->cap * sizeof *g->lines);
	}
	for (size_t i = 0; i < ncols; i++) {
		g->fields[g->nrows * ncols + i] = fu_xstrndup(rec->fields[i], rec->lens[i]);
		g->lens[g->nrows * ncols + i] = rec->lens[i];
	}
	g->raws[g->nrows] = fu_xstrndup(rec->raw ? rec->raw : "", rec->raw ? rec->raw_len : 0);
	g->rawlens[g->nrows] = rec->raw ? rec->raw_len : 0;
	g->lines[g->nrows] = rec->line;
	g->nrows++;
}

static void group_flush(run *r, struct group *g, const size_t *keylens)
{
	if (g->nrows == 0)
		return;
	size_t nc = r->hdr.n;
	/* the first row's columns, plus rows: [each row] and count */
	rowctx c = {0};
	row_context(&c, &r->hdr, keylens, g->fields, g->lens, 2);
	mu_val *rows = fu_xcalloc(g->nrows, sizeof *rows);
	mu_val *cells = fu_xcalloc(g->nrows * nc, sizeof *cells);
	for (size_t k = 0; k < g->nrows; k++) {
		for (size_t i = 0; i < nc; i++) {
			cells[k * nc + i].type = MU_STR;
			cells[k * nc + i].s = g->fields[k * nc + i];
			cells[k * nc + i].len = g->lens[k * nc + i];
		}
		rows[k].type = MU_MAP;
		rows[k].items = &cells[k * nc];
		rows[k].n = nc;
		rows[k].keys = (const char *const *)r->hdr.names;
		rows[k].keylens = keylens;
	}
	const char **keys = fu_xcalloc(nc + 2, sizeof *keys);
	size_t *kl = fu_xcalloc(nc + 2, sizeof *kl);
	for (size_t i = 0; i < nc; i++) {
		keys[i] = r->hdr.names[i];
		kl[i] = keylens[i];
	}
	char count[24];
	snprintf(count, sizeof count, "%zu", g->nrows);
	keys[nc] = "rows";
	kl[nc] = 4;
	c.vals[nc] = (mu_val){.type = MU_LIST, .items = rows, .n = g->nrows};
	keys[nc + 1] = "count";
	kl[nc + 1] = 5;
	c.vals[nc + 1] = (mu_val){.type = MU_STR, .s = count, .len = strlen(count)};
	c.root.n = nc + 2;
	c.root.keys = keys;
	c.root.keylens = kl;
	/* the message is addressed and chosen by the group's first row: its
	 * copies, not the reader's buffer, which already holds the next group */
	g->first = (fu_record){.nfields = nc, .fields = g->fields, .lens = g->lens, .line = g->lines[0],
	                       .raw = g->raws[0], .raw_len = g->rawlens[0]};
	r->group = g;
	render_message(r, &g->first, &c.root, (long)g->nrows, r->c_task >= 0 ? g->fields[r->c_task] : "",
	               r->c_contact >= 0 ? g->fields[r->c_contact] : "");
	r->group = NULL;
	for (size_t i = 0; i < g->nrows * nc; i++)
		free(g->fields[i]);
	for (size_t k = 0; k < g->nrows; k++)
		free(g->raws[k]);
	free(rows);
	free(cells);
	free(keys);
	free(kl);
	free(c.vals);
	free(g->key);
	g->key = NULL;
	g->nrows = 0;
}

/* ---- main ------------------------------------------------------------------------- */

static void usage(void)
{
	printf("Usage: fu-render [OPTION]... [FILE]\n"
	       "  or:  fu-render --format maildir|eml [OPTION]... DIR [FILE]\n"
	       "Render each task row (CSV, from FILE or standard input) as a message from\n"
	       "Mustache templates: the `template` column names it, refined by the `lang`\n"
	       "and `formal` columns (thank-you.fi.formal -> thank-you.fi -> thank-you).\n"
	       "\n"
	       "  -t, --templates DIR        templates to use (default: the built-in set)\n"
	       "      --print-templates DIR  write the built-in templates into DIR and exit\n"
	       "      --template NAME        use template NAME for every row\n"
	       "  -f, --format FORMAT        csv (default), mbox, maildir DIR or eml DIR\n"
	       "      --from ADDRESS         From address when a template has none\n"
	       "                             (default: $EMAIL)\n"
	       "      --now DATETIME         the Date of the messages (default: the clock)\n"
	       "      --group-by COLUMN      one message per run of rows with equal COLUMN;\n"
	       "                             the rows are {{#rows}}...{{/rows}}, {{count}}\n"
	       "      --unsubscribe URL-TEMPLATE\n"
	       "                             add List-Unsubscribe (and List-Unsubscribe-Post\n"
	       "                             for https) with this URL, values %%-encoded\n"
	       "      --check                render nothing; list each row and variable that\n"
	       "                             would come out empty (CSV), exit 1 if any\n"
	       "      --strict               reject rows in which a variable is empty\n"
	       "      --rejects FILE         also write rejected rows to FILE\n"
	       "                             (file,line,reason,record)\n"
	       "      --excel-safe           neutralise CSV cells starting with = + - @ TAB CR\n"
	       "  -h, --help                 show this help and exit\n"
	       "  -V, --version              show the version and exit\n"
	       "\n"
	       "Exit status: 0 done, 1 rows were rejected, 2 usage or template error.\n"
	       "See fu-render(1).\n");
	exit(FU_EXIT_OK);
}

static void print_templates(const char *dir)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		fu_die(FU_EXIT_USAGE, "%s: %s", dir, strerror(errno));
	for (size_t i = 0; embedded_templates[i].name; i++) {
		fu_buf path = {0};
		fu_buf_printf(&path, "%s/%s", dir, embedded_templates[i].name);
		if (access(path.data, F_OK) == 0)
			fu_die(FU_EXIT_USAGE, "%s: exists; not overwritten", path.data);
		fu_outfile o;
		if (fu_outfile_open(&o, path.data) < 0)
			exit(FU_EXIT_USAGE);
		fwrite(embedded_templates[i].data, 1, embedded_templates[i].len, o.fp);
		if (fu_commit_file(&o) < 0)
			exit(FU_EXIT_USAGE);
		fu_buf_free(&path);
	}
	exit(FU_EXIT_OK);
}

static const char *shown_name(const char *name)
{
	return strcmp(name, "-") == 0 ? "<stdin>" : name;
}

static void make_dir(const char *d)
{
	if (mkdir(d, 0777) != 0 && errno != EEXIST)
		fu_die(FU_EXIT_USAGE, "%s: %s", d, strerror(errno));
}

/* the columns fu-render reads; an unknown --group-by column is an error */
static void find_columns(run *r)
{
	r->c_template = fu_header_find(&r->hdr, "template");
	r->c_lang = fu_header_find(&r->hdr, "lang");
	r->c_formal = fu_header_find(&r->hdr, "formal");
	r->c_email = fu_header_find(&r->hdr, "email");
	r->c_first = fu_header_find(&r->hdr, "first_name");
	r->c_last = fu_header_find(&r->hdr, "last_name");
	r->c_task = fu_header_find(&r->hdr, "task_id");
	r->c_channel = fu_header_find(&r->hdr, "channel");
	r->c_contact = fu_header_find(&r->hdr, "contact_id");
	if (r->c_contact < 0)
		r->c_contact = fu_header_find(&r->hdr, "id");
	r->c_group = -1;
	if (r->group_by && (r->c_group = fu_header_find(&r->hdr, r->group_by)) < 0)
		fu_die(FU_EXIT_USAGE, "--group-by: no column '%s' in %s", r->group_by, shown_name(r->inname));
	if (r->c_template < 0 && !r->force_template)
		fu_die(FU_EXIT_USAGE, "%s: no template column (or give --template NAME)", shown_name(r->inname));
}

/* --rejects file, output directories, stdout and the CSV header */
static void open_outputs(run *r, const char *rejects)
{
	if (rejects && fu_rejects_open(&r->rej, rejects) < 0)
		exit(FU_EXIT_USAGE);
	if (r->format == F_MAILDIR) {
		make_dir(r->outdir);
		const char *subs[] = {"tmp", "new", "cur"};
		for (int i = 0; i < 3; i++) {
			fu_buf p = {0};
			fu_buf_printf(&p, "%s/%s", r->outdir, subs[i]);
			make_dir(p.data);
			fu_buf_free(&p);
		}
	} else if (r->format == F_EML) {
		make_dir(r->outdir);
	}
	static char outbuf[1 << 16]; /* fewer, larger writes */
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	fu_csv_writer_init(&r->csv, stdout, r->excel_safe);
	if (r->check) {
		char *ch[] = {"line", "task_id", "template", "variable", "where"};
		fu_csv_row(&r->csv, ch, 5);
	} else if (r->format == F_CSV) {
		char *oh[] = {"task_id", "contact_id", "to", "subject", "body", "html",
		              "from", "headers", "template", "message_id"};
		fu_csv_row(&r->csv, oh, 10);
	}
	{
		fu_buf d = {0};
		mime_put_date(&d, r->now);
		snprintf(r->date_line, sizeof r->date_line, "%s", d.data);
		fu_buf_free(&d);
		mime_mbox_date(r->now, r->mbox_date, sizeof r->mbox_date);
	}
}

static void summary(run *r)
{
	char msgs[48] = "";
	if (r->group_by)
		snprintf(msgs, sizeof msgs, " (%ld messages)", r->nmessages);
	if (r->check)
		fu_warn("read %ld, checked %ld, rejected %ld, with empty variables %ld", r->nread,
		        r->nread - r->nrejected, r->nrejected, r->nempty);
	else if (r->nskipped)
		fu_warn("read %ld, wrote %ld%s, skipped %ld (channel not email), rejected %ld", r->nread,
		        r->nwrote, msgs, r->nskipped, r->nrejected);
	else
		fu_warn("read %ld, wrote %ld%s, rejected %ld", r->nread, r->nwrote, msgs, r->nrejected);
}

int main(int argc, char **argv)
{
	enum { O_PRINT = 256, O_TEMPLATE, O_FROM, O_NOW, O_GROUP, O_UNSUB, O_CHECK, O_STRICT,
	       O_REJECTS, O_EXCEL };
	static const struct option longopts[] = {
		{"templates", required_argument, NULL, 't'},
		{"print-templates", required_argument, NULL, O_PRINT},
		{"template", required_argument, NULL, O_TEMPLATE},
		{"format", required_argument, NULL, 'f'},
		{"from", required_argument, NULL, O_FROM},
		{"now", required_argument, NULL, O_NOW},
		{"group-by", required_argument, NULL, O_GROUP},
		{"unsubscribe", required_argument, NULL, O_UNSUB},
		{"check", no_argument, NULL, O_CHECK},
		{"strict", no_argument, NULL, O_STRICT},
		{"rejects", required_argument, NULL, O_REJECTS},
		{"excel-safe", no_argument, NULL, O_EXCEL},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	fu_init("fu-render");
	static run r;
	const char *now = NULL, *unsub = NULL, *rejects = NULL;
	r.from = getenv("EMAIL");
	if (r.from && !r.from[0])
		r.from = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "t:f:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 't': r.ts.dir = optarg; break;
		case O_PRINT: print_templates(optarg); break;
		case O_TEMPLATE: r.force_template = optarg; break;
		case 'f':
			if (strcmp(optarg, "csv") == 0) r.format = F_CSV;
			else if (strcmp(optarg, "mbox") == 0) r.format = F_MBOX;
			else if (strcmp(optarg, "maildir") == 0) r.format = F_MAILDIR;
			else if (strcmp(optarg, "eml") == 0) r.format = F_EML;
			else fu_usage_error("--format: '%s' is not csv, mbox, maildir or eml", optarg);
			break;
		case O_FROM: r.from = optarg; break;
		case O_NOW: now = optarg; break;
		case O_GROUP: r.group_by = optarg; break;
		case O_UNSUB: unsub = optarg; break;
		case O_CHECK: r.check = 1; break;
		case O_STRICT: r.strict = 1; break;
		case O_REJECTS: rejects = optarg; break;
		case O_EXCEL: r.excel_safe = 1; break;
		case 'h': usage(); break;
		case 'V': fu_print_version(); break;
		default: fu_usage_error("unknown option");
		}
	}
	if (r.format == F_MAILDIR || r.format == F_EML) {
		if (optind >= argc)
			fu_usage_error("--format %s needs a directory", r.format == F_EML ? "eml" : "maildir");
		r.outdir = argv[optind++];
	}
	if (argc - optind > 1)
		fu_usage_error("one input file at most");
	r.inname = optind < argc ? argv[optind] : "-";
	const char *why;
	if (fu_parse_now(now, &r.now, &why) < 0)
		fu_usage_error("--now '%s': %s", now, why);
	if (r.from) {
		mime_mailbox mb[MAX_ADDRS] = {0};
		if (mime_parse_addresses(r.from, strlen(r.from), mb, MAX_ADDRS, &why) <= 0)
			fu_usage_error("--from '%s': not a usable address", r.from);
		for (size_t i = 0; i < MAX_ADDRS; i++)
			mime_mailbox_free(&mb[i]);
	}

	r.ts.builtin = embedded_templates;
	tset_load(&r.ts);
	if (r.format != F_CSV && !r.check && !r.from)
		for (size_t i = 0; i < r.ts.nm; i++) {
			int has = 0;
			for (size_t k = 0; k < r.ts.m[i].nh; k++)
				has |= r.ts.m[i].h[k].kind == H_FROM;
			if (!has)
				fu_die(FU_EXIT_USAGE, "%s: no From address: give --from (or set EMAIL), or a From: line in the template",
				       r.ts.m[i].file);
		}
	if (unsub) {
		/* the scheme is the user's, never the data's */
		if (strncasecmp(unsub, "https://", 8) != 0 && strncasecmp(unsub, "http://", 7) != 0 &&
		    strncasecmp(unsub, "mailto:", 7) != 0)
			fu_usage_error("--unsubscribe '%s': must begin with https://, http:// or mailto:", unsub);
		mu_error err = {0};
		r.unsub = mu_compile(r.ts.env, unsub, strlen(unsub), "--unsubscribe", 1, 1, &err);
		if (!r.unsub || mu_preload(r.unsub, &err) < 0)
			fu_usage_error("--unsubscribe: column %ld: %s", err.col, err.why);
	}

	r.ts.started = 1;
	fu_csv_reader *in = fu_csv_open_path(r.inname, ',');
	if (!in)
		return FU_EXIT_USAGE;
	int got_header = fu_csv_read_header(in, &r.hdr);
	if (got_header != 0) { /* an empty input is bad input, not a usage error */
		fu_csv_close(in);
		return got_header > 0 ? FU_EXIT_DATA : FU_EXIT_USAGE;
	}
	find_columns(&r);
	open_outputs(&r, rejects);

	size_t *keylens = fu_xcalloc(r.hdr.n ? r.hdr.n : 1, sizeof *keylens);
	for (size_t i = 0; i < r.hdr.n; i++)
		keylens[i] = strlen(r.hdr.names[i]);
	rowctx ctx = {0};
	struct group g = {0};
	fu_record *rec;
	int got;
	while ((got = fu_csv_next(in, &rec)) > 0) {
		r.nread++;
		if (!fu_record_check(rec, r.hdr.n)) {
			reject(&r, rec, 1, "%s", rec->error);
			continue;
		}
		if (r.format != F_CSV && !r.check && r.c_channel >= 0 && rec->fields[r.c_channel][0] &&
		    strcmp(rec->fields[r.c_channel], "email") != 0) {
			r.nskipped++; /* a call or a meeting is not mailed; counted */
			continue;
		}
		if (r.group_by) {
			const char *key = rec->fields[r.c_group];
			if (g.nrows > 0 && strcmp(g.key, key) != 0)
				group_flush(&r, &g, keylens);
			if (g.nrows == 0)
				g.key = fu_xstrdup(key);
			group_add(&g, rec, r.hdr.n);
			continue;
		}
		row_context(&ctx, &r.hdr, keylens, rec->fields, rec->lens, 0);
		render_message(&r, rec, &ctx.root, 1, cell(rec, r.c_task), cell(rec, r.c_contact));
	}
	group_flush(&r, &g, keylens);
	free(g.fields);
	free(g.lens);
	free(g.raws);
	free(g.rawlens);
	free(g.lines);
	fu_csv_close(in);
	if (got < 0)
		return FU_EXIT_USAGE;
	if (fu_rejects_close(&r.rej) < 0)
		return FU_EXIT_USAGE;
	summary(&r);
	free(keylens);
	free(ctx.vals);
	return r.nrejected || r.nempty ? FU_EXIT_DATA : FU_EXIT_OK;
}

/* A set of message templates: see tset.h. */
#include "lib/tset.h"
#include "lib/mime.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* 0 if S is UTF-8 text without NUL; else 1 with the first bad byte's line
 * and column (in characters) */
static int bad_text_at(const char *s, size_t n, long *line, long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < n;) {
		int k = s[i] == '\0' ? 0 : fu_utf8_seq((const unsigned char *)s + i, n - i);
		if (k <= 0)
			return 1;
		if (s[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
		i += (size_t)k;
	}
	return 0;
}

static int name_char_ok(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '/';
}

/* Partials and parents: NAME.mustache inside the template directory only. */
static int load_partial(void *ud, const char *name, size_t nl, char **src, size_t *len,
                        char **file, char *why, size_t whysize)
{
	tset *ts = ud;
	if (ts->started) {
		/* every partial a template names was loaded at start: this one
		 * comes from a dynamic name, that is from the data */
		snprintf(why, whysize, "partial '%.*s': dynamic partial names ({{>*name}}) are not allowed: "
		         "data never chooses a file", (int)nl, name);
		return -1;
	}
	int ok = nl > 0 && name[0] != '/';
	for (size_t i = 0; ok && i < nl; i++) {
		if (!name_char_ok((unsigned char)name[i]))
			ok = 0;
		/* no ".." path component */
		if (name[i] == '.' && i + 1 < nl && name[i + 1] == '.' && (i == 0 || name[i - 1] == '/') &&
		    (i + 2 == nl || name[i + 2] == '/'))
			ok = 0;
	}
	if (!ok) {
		snprintf(why, whysize, "partial '%.*s': not a name inside the template directory",
		         (int)nl, name);
		return -1;
	}
	if (!ts->dir) {
		for (size_t i = 0; ts->builtin[i].name; i++) {
			const struct embedded_file *e = &ts->builtin[i];
			size_t el = strlen(e->name);
			if (el == nl + 9 && memcmp(e->name, name, nl) == 0 &&
			    strcmp(e->name + nl, ".mustache") == 0) {
				*src = fu_xstrndup(e->data, e->len);
				*len = e->len;
				*file = fu_xstrdup(e->name);
				return 1;
			}
		}
		snprintf(why, whysize, "no partial '%.*s' in the built-in templates", (int)nl, name);
		return -1;
	}
	fu_buf path = {0};
	fu_buf_printf(&path, "%s/%.*s.mustache", ts->dir, (int)nl, name);
	char *real = realpath(path.data, NULL);
	size_t rl = strlen(ts->realdir);
	if (!real) {
		snprintf(why, whysize, "partial '%.*s': %s: %s", (int)nl, name, path.data,
		         strerror(errno));
		fu_buf_free(&path);
		return -1;
	}
	if (strncmp(real, ts->realdir, rl) != 0 || real[rl] != '/') {
		snprintf(why, whysize, "partial '%.*s': %s is outside the template directory", (int)nl,
		         name, path.data);
		free(real);
		fu_buf_free(&path);
		return -1;
	}
	FILE *fp = fopen(real, "rb");
	free(real);
	if (!fp) {
		snprintf(why, whysize, "%s: %s", path.data, strerror(errno));
		fu_buf_free(&path);
		return -1;
	}
	fu_buf b = {0};
	char chunk[8192];
	size_t got;
	fu_buf_add(&b, "", 0);
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		fu_buf_add(&b, chunk, got);
	int bad = ferror(fp);
	fclose(fp);
	/* a byte order mark (Windows Notepad saves one) is no text: skipped,
	 * so that line 1 column 1 is the first visible character */
	if (b.len >= 3 && memcmp(b.data, "\xEF\xBB\xBF", 3) == 0) {
		memmove(b.data, b.data + 3, b.len - 3 + 1);
		b.len -= 3;
	}
	long bl, bc;
	/* a message template is checked as it is parsed; a partial here */
	if (bad || (!ts->reading_top && bad_text_at(b.data, b.len, &bl, &bc))) {
		if (bad)
			snprintf(why, whysize, "%s: read error", path.data);
		else
			snprintf(why, whysize, "partial '%.*s': %s:%ld:%ld: not UTF-8 text", (int)nl, name,
			         path.data, bl, bc);
		fu_buf_free(&b);
		fu_buf_free(&path);
		return -1;
	}
	*src = b.data;
	*len = b.len;
	*file = path.data;
	return 1;
}

void tset_report_error(const mu_error *e, const char *file)
{
	fu_warn_at_col(e->file ? e->file : file, e->line, e->col, "%s", e->why);
}

/* the compiled template, or NULL after its error was reported */
static mu_template *compile(tset *ts, const char *s, size_t n, const char *file, long line,
                            long col)
{
	mu_error err = {0};
	mu_template *t = mu_compile(ts->env, s, n, file, line, col, &err);
	if (t && mu_preload(t, &err) < 0)
		t = NULL; /* freed with the env */
	if (!t)
		tset_report_error(&err, file);
	return t;
}

static const char *const generated_headers[] = {
	"Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
	"List-Unsubscribe", "List-Unsubscribe-Post",
};

/* A message template: header lines, a blank line, the body.  Lines that are
 * only a Mustache comment may sit among the headers. */
static int parse_message(tset *ts, message_tpl *m, const char *src, size_t len)
{
	long bl, bc;
	if (bad_text_at(src, len, &bl, &bc)) {
		fu_warn_at_col(m->file, bl, bc, "not UTF-8 text");
		return -1;
	}
	size_t pos = 0;
	long line = 1;
	size_t cap = 0;
	for (;;) {
		if (pos >= len) {
			fu_warn_at(m->file, line, "no blank line between the headers and the body");
			return -1;
		}
		const char *nl = memchr(src + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - src) : len;
		size_t le = end;
		if (le > pos && src[le - 1] == '\r')
			le--;
		size_t next = nl ? end + 1 : len;
		if (le == pos) { /* the blank line */
			pos = next;
			line++;
			break;
		}
		if (src[pos] == ' ' || src[pos] == '\t') {
			fu_warn_at_col(m->file, line, 1, "a folded header line: keep each header on one line");
			return -1;
		}
		if (le - pos >= 3 && memcmp(src + pos, "{{!", 3) == 0 && le - pos >= 5 &&
		    memcmp(src + le - 2, "}}", 2) == 0) {
			pos = next;
			line++;
			continue;
		}
		if (le - pos >= 3 && memcmp(src + pos, "{{!", 3) == 0) {
			fu_warn_at_col(m->file, line, 1,
			               "unclosed comment: a comment among the headers must end on its line with '}}'");
			return -1;
		}
		size_t c = pos;
		while (c < le && ((src[c] >= 'a' && src[c] <= 'z') || (src[c] >= 'A' && src[c] <= 'Z') ||
		                  (src[c] >= '0' && src[c] <= '9') || src[c] == '-'))
			c++;
		if (c == pos || c >= le || src[c] != ':') {
			fu_warn_at_col(m->file, line, (long)(c - pos) + 1,
			               "expected a header line 'Name: value' (or a blank line before the body)");
			return -1;
		}
		char *name = fu_xstrndup(src + pos, c - pos);
		for (size_t i = 0; i < sizeof generated_headers / sizeof *generated_headers; i++)
			if (fu_streq_ci(name, generated_headers[i])) {
				fu_warn_at_col(m->file, line, 1, "%s is written by fu-render, not by templates", name);
				free(name);
				return -1;
			}
		for (size_t i = 0; i < m->nh; i++)
			if (fu_streq_ci(name, m->h[i].name)) {
				fu_warn_at_col(m->file, line, 1, "a second %s header", name);
				free(name);
				return -1;
			}
		size_t v = c + 1;
		while (v < le && (src[v] == ' ' || src[v] == '\t'))
			v++;
		if (m->nh == cap) {
			cap = cap ? 2 * cap : 8;
			m->h = fu_xrealloc(m->h, cap * sizeof *m->h);
		}
		m->h[m->nh].name = name;
		m->h[m->nh].line = line;
		m->h[m->nh].kind = fu_streq_ci(name, "Subject") ? H_SUBJECT
		                   : fu_streq_ci(name, "To")     ? H_TO
		                   : fu_streq_ci(name, "From")   ? H_FROM
		                   : mime_is_address_header(name) ? H_ADDRESS
		                                                  : H_OTHER;
		long vcol = 1; /* the value's column, in characters */
		for (size_t k = pos; k < v; k++)
			vcol += ((unsigned char)src[k] & 0xC0) != 0x80;
		m->h[m->nh].t = compile(ts, src + v, le - v, m->file, line, vcol);
		m->nh++;
		if (!m->h[m->nh - 1].t)
			return -1;
		pos = next;
		line++;
	}
	int subject = 0;
	for (size_t i = 0; i < m->nh; i++)
		subject |= fu_streq_ci(m->h[i].name, "Subject");
	if (!subject) {
		fu_warn_at(m->file, 1, "no Subject header");
		return -1;
	}
	m->body = compile(ts, src + pos, len - pos, m->file, line, 1);
	return m->body ? 0 : -1;
}

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

static message_tpl *find_message(tset *ts, const char *key, size_t kl)
{
	for (size_t i = 0; i < ts->nm; i++)
		if (strlen(ts->m[i].key) == kl && memcmp(ts->m[i].key, key, kl) == 0)
			return &ts->m[i];
	return NULL;
}

static int add_file(tset *ts, const char *name, const char *src, size_t len, size_t *cap, int html)
{
	size_t nl = strlen(name) - (html ? 14 : 9);
	if (html) {
		message_tpl *m = find_message(ts, name, nl);
		fu_buf path = {0};
		fu_buf_printf(&path, "%s%s%s", ts->dir ? ts->dir : "", ts->dir ? "/" : "", name);
		if (!m) {
			fu_warn_at(path.data, 0, "an HTML part without its text template %.*s.mustache",
			           (int)nl, name);
			return -1;
		}
		long bl, bc;
		if (bad_text_at(src, len, &bl, &bc)) {
			fu_warn_at_col(path.data, bl, bc, "not UTF-8 text");
			return -1;
		}
		m->html = compile(ts, src, len, path.data, 1, 1);
		m->htmlfile = path.data; /* kept: messages point at it */
		return m->html ? 0 : -1;
	}
	if (ts->nm == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		ts->m = fu_xrealloc(ts->m, *cap * sizeof *ts->m);
	}
	message_tpl *m = &ts->m[ts->nm++];
	memset(m, 0, sizeof *m);
	m->key = fu_xstrndup(name, nl);
	fu_buf path = {0};
	fu_buf_printf(&path, "%s%s%s", ts->dir ? ts->dir : "", ts->dir ? "/" : "", name);
	m->file = path.data;
	return parse_message(ts, m, src, len);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every NAME.mustache (not _partials, not dot files): text templates
 * first, then the NAME.html.mustache parts beside them. */
int tset_load(tset *ts)
{
	ts->env = mu_env_new(load_partial, ts);
	mu_env_no_dynamic(ts->env); /* data never chooses a file */
	size_t cap = 0;
	if (!ts->dir) {
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; ts->builtin[i].name; i++) {
				const struct embedded_file *e = &ts->builtin[i];
				int html = ends_with(e->name, ".html.mustache");
				if (e->name[0] == '_' || !ends_with(e->name, ".mustache") || html != pass)
					continue;
				if (add_file(ts, e->name, e->data, e->len, &cap, html) != 0)
					return -1;
			}
		return 0;
	}
	ts->realdir = realpath(ts->dir, NULL);
	DIR *d = ts->realdir ? opendir(ts->realdir) : NULL;
	if (!d) {
		fu_warn("%s: %s", ts->dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, ncap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || de->d_name[0] == '_' || !ends_with(de->d_name, ".mustache"))
			continue;
		if (n == ncap) {
			ncap = ncap ? 2 * ncap : 64;
			names = fu_xrealloc(names, ncap * sizeof *names);
		}
		names[n++] = fu_xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	int rc = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (size_t i = 0; i < n && rc == 0; i++) {
			int html = ends_with(names[i], ".html.mustache");
			if (html != pass)
				continue;
			char *src;
			size_t len;
			char *file;
			char why[300];
			size_t nl = strlen(names[i]) - 9;
			ts->reading_top = 1;
			if (load_partial(ts, names[i], nl, &src, &len, &file, why, sizeof why) < 0) {
				fu_warn("%s", why);
				rc = -1;
				break;
			}
			ts->reading_top = 0;
			rc = add_file(ts, names[i], src, len, &cap, html);
			free(src);
			free(file);
		}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0 && ts->nm == 0) {
		fu_warn("%s: no templates (NAME.mustache files) in it", ts->dir);
		rc = -1;
	}
	return rc;
}

/* ---- choosing a template ---------------------------------------------------------- */

/* The chain, documented in fu-render(1): for each language (the row's, then
 * its primary subtag, then none) and each name (the template, then without
 * a trailing -N touch number, then its first word with -N, then the first
 * word alone): NAME.LANG.FORMALITY, NAME.LANG — or without a language
 * NAME.FORMALITY, NAME. */
message_tpl *tset_choose(tset *ts, const char *name, const char *lang, const char *form,
                           fu_buf *tried)
{
	char names[4][128];
	size_t nn = 0;
	size_t len = strlen(name);
	snprintf(names[nn++], sizeof names[0], "%s", name);
	size_t d = len;
	while (d > 0 && name[d - 1] >= '0' && name[d - 1] <= '9')
		d--;
	if (d < len && d > 1 && name[d - 1] == '-') {
		const char *num = name + d;
		size_t plen = d - 1;
		snprintf(names[nn++], sizeof names[0], "%.*s", (int)plen, name);
		const char *dash = memchr(name, '-', plen);
		if (dash) {
			size_t wl = (size_t)(dash - name);
			snprintf(names[nn++], sizeof names[0], "%.*s-%s", (int)wl, name, num);
			snprintf(names[nn++], sizeof names[0], "%.*s", (int)wl, name);
		}
	}
	char langs[3][40];
	size_t nl = 0;
	if (lang[0]) {
		snprintf(langs[nl++], sizeof langs[0], "%s", lang);
		const char *dash = strchr(lang, '-');
		if (dash)
			snprintf(langs[nl++], sizeof langs[0], "%.*s", (int)(dash - lang), lang);
	}
	langs[nl++][0] = '\0';
	char key[700];
	if (tried)
		fu_buf_clear(tried);
	for (size_t l = 0; l < nl; l++)
		for (size_t k = 0; k < nn; k++)
			for (int f = form[0] ? 0 : 1; f < 2; f++) {
				snprintf(key, sizeof key, "%s%s%s%s%.8s", names[k], langs[l][0] ? "." : "",
				         langs[l], f == 0 ? "." : "", f == 0 ? form : "");
				message_tpl *m = find_message(ts, key, strlen(key));
				if (m)
					return m;
				if (tried)
					fu_buf_printf(tried, "%s%s", tried->len ? ", " : "", key);
			}
	return NULL;
}

message_tpl *tset_choose_cached(tset *ts, const char *name, const char *lang, const char *form)
{
	char key[256];
	int kl = snprintf(key, sizeof key, "%s\001%s\001%s", name, lang, form);
	if (kl < 0 || (size_t)kl >= sizeof key)
		return tset_choose(ts, name, lang, form, NULL);
	if (ts->ncache * 2 >= ts->capcache) {
		size_t ncap = ts->capcache ? 2 * ts->capcache : 64;
		struct cent *nc = fu_xcalloc(ncap, sizeof *nc);
		for (size_t i = 0; i < ts->capcache; i++) {
			if (!ts->cache[i].key)
				continue;
			size_t h = fu_hash64(ts->cache[i].key, strlen(ts->cache[i].key), 0) & (ncap - 1);
			while (nc[h].key)
				h = (h + 1) & (ncap - 1);
			nc[h] = ts->cache[i];
		}
		free(ts->cache);
		ts->cache = nc;
		ts->capcache = ncap;
	}
	size_t h = fu_hash64(key, (size_t)kl, 0) & (ts->capcache - 1);
	while (ts->cache[h].key) {
		if (strcmp(ts->cache[h].key, key) == 0)
			return ts->cache[h].m;
		h = (h + 1) & (ts->capcache - 1);
	}
	ts->cache[h].key = fu_xstrdup(key);
	ts->cache[h].m = tset_choose(ts, name, lang, form, NULL);
	ts->ncache++;
	return ts->cache[h].m;
}

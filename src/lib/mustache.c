/* mustache.c — Mustache templates: tokenize, mark standalone lines, build a
 * tree once; render it many times against caller-built mu_val contexts.
 *
 * Standalone lines: a line holding only whitespace and one non-interpolating
 * tag (section, inverted, close, comment, delimiter, partial, parent, block)
 * is removed from the output.  The inheritance module adds pairs of adjacent
 * tags that count as one: {{<p}}{{/p}}, {{<p}}{{$b}}, {{/b}}{{/p}}, and
 * {{$b}}{{/b}} (which keeps its line's newline).
 *
 * Indentation: a standalone partial is rendered from a copy of its source with
 * the tag's indentation put before every line; a standalone parent likewise
 * (non-blank lines).  A block's text is dedented where it is defined and
 * re-indented where it is expanded.  These re-indented copies are compiled
 * once and cached. */
#include "lib/mustache.h"

#include <stdlib.h>
#include <string.h>

enum { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

#define MAX_DELIM 15
#define MAX_NEST 100
/* One message's rendering: sections over lists nested deep multiply (two
 * items, 100 levels: 2^100 passes), so the work and the output are bounded
 * and past the bound the render is an error, not a hang. */
#define MAX_STEPS 10000000UL
#define MAX_OUTPUT (64UL << 20)

typedef struct {
	const char *p;
	size_t n;
} span;

struct variant {
	char *key; /* indentation or partial name + indentation */
	size_t keylen;
	mu_template *t; /* NULL: no such partial */
	struct variant *next;
};

typedef struct mu_node mu_node;
struct mu_node {
	int kind;
	const char *s; /* text, or the tag's name */
	size_t len;
	long line, col;
	span *parts; /* dotted name split at '.'; none for "." */
	size_t nparts;
	mu_node *kids;
	size_t nkids;
	int standalone, dynamic;
	const char *indent; /* partial, parent: the tag line's indentation; */
	size_t indentlen;   /* block: its indentation where it is expanded */
	char *deftext;      /* block: the text it brings as an override */
	size_t deflen;
	int defplain;       /* block: deftext is exactly its kids' source */
	char open[MAX_DELIM + 1], close[MAX_DELIM + 1]; /* delimiters inside */
	int resolved;       /* static partial/parent: cached is valid */
	/* where the name's first part was found last time: contexts built row
	 * after row share their keys, so the next lookup is one comparison */
	const char *const *hit_keys;
	size_t hit_index;
	mu_template *cached;
	struct variant *variants; /* block overrides re-indented; dynamic names */
};

struct mu_template {
	mu_env *env;
	char *src, *file;
	size_t len;
	mu_node root;
	mu_template *next;
};

struct loaded {
	char *name, *src, *file;
	size_t namelen, len;
	int found;
	struct loaded *next;
};

struct mu_env {
	mu_load_fn load;
	void *ud;
	int no_dynamic;
	mu_template *all;
	struct loaded *srcs;
	struct variant *cache; /* (mode, name, indentation) -> template */
};

/* ---- small helpers ------------------------------------------------------ */

static void seterr(mu_error *err, const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void seterr(mu_error *err, const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return;
	err->file = file;
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->why, sizeof err->why, fmt, ap);
	va_end(ap);
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	if (m == 0 || n < m)
		return m == 0 ? hay : NULL;
	return memmem(hay, n, needle, m);
}

int mu_truthy(const mu_val *v)
{
	if (!v)
		return 0;
	switch (v->type) {
	case MU_NULL:
	case MU_FALSE:
		return 0;
	case MU_TRUE:
	case MU_MAP:
		return 1;
	case MU_STR:
		return v->len > 0;
	case MU_LIST:
		return v->n > 0;
	}
	return 0;
}

const mu_val *mu_map_get(const mu_val *map, const char *key, size_t len)
{
	if (!map || map->type != MU_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (map->keylens[i] == len && memcmp(map->keys[i], key, len) == 0)
			return &map->items[i];
	return NULL;
}

void mu_escape_html(fu_buf *out, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		fu_buf_add(out, s + run, i - run);
		fu_buf_adds(out, rep);
		run = i + 1;
	}
	fu_buf_add(out, s + run, n - run);
}

void mu_escape_url(fu_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			fu_buf_addc(out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			fu_buf_add(out, e, 3);
		}
	}
}

void mu_escape_address(fu_buf *out, const char *s, size_t n)
{
	int special = 0;
	for (size_t i = 0; i < n && !special; i++)
		special = strchr("()<>[]:;\\,\"", s[i]) != NULL && s[i] != '\0';
	if (!special) {
		fu_buf_add(out, s, n);
		return;
	}
	fu_buf_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fu_buf_addc(out, '\\');
		fu_buf_addc(out, s[i]);
	}
	fu_buf_addc(out, '"');
}

/* ---- indentation (textwrap.dedent / textwrap.indent semantics) ---------- */

/* Put IND before every line of S (Mustache partial indentation): at the start
 * and after every newline that is not the last character. */
static char *indent_all(const char *s, size_t n, const char *ind, size_t il, size_t *outlen)
{
	fu_buf b = {0};
	fu_buf_add(&b, "", 0);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || (s[i - 1] == '\n'))
			fu_buf_add(&b, ind, il);
		fu_buf_addc(&b, s[i]);
	}
	*outlen = b.len;
	return b.data;
}

/* Put IND before every line that holds more than whitespace. */
static char *indent_nonblank(const char *s, size_t n, const char *ind, size_t il, size_t *outlen)
{
	fu_buf b = {0};
	fu_buf_add(&b, "", 0);
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		int blank = 1;
		while (e < n && s[e] != '\n') {
			if (!is_space(s[e]))
				blank = 0;
			e++;
		}
		if (e < n)
			e++;
		if (!blank)
			fu_buf_add(&b, ind, il);
		fu_buf_add(&b, s + i, e - i);
		i = e;
	}
	*outlen = b.len;
	return b.data;
}

/* Remove the common leading blanks of the non-blank lines; blank lines
 * become empty.  *firstind gets what was removed from the first line. */
static char *dedent(const char *s, size_t n, size_t *outlen, span *firstind)
{
	size_t margin = (size_t)-1;
	const char *mref = NULL;
	for (size_t i = 0; i < n;) {
		size_t e = i, w = 0;
		while (e < n && s[e] != '\n')
			e++;
		while (i + w < e && is_blank(s[i + w]))
			w++;
		if (i + w < e) { /* not blank */
			if (!mref) {
				mref = s + i;
				margin = w;
			} else {
				size_t k = 0;
				while (k < margin && k < w && s[i + k] == mref[k])
					k++;
				margin = k;
			}
		}
		i = e < n ? e + 1 : e;
	}
	if (margin == (size_t)-1)
		margin = 0;
	fu_buf b = {0};
	fu_buf_add(&b, "", 0);
	int first = 1;
	firstind->p = s;
	firstind->n = 0;
	for (size_t i = 0; i < n;) {
		size_t e = i, w = 0;
		while (e < n && s[e] != '\n')
			e++;
		while (i + w < e && is_blank(s[i + w]))
			w++;
		if (i + w == e) { /* blank: keep only the newline */
			if (first) {
				firstind->p = s + i;
				firstind->n = w;
			}
		} else {
			if (first) {
				firstind->p = s + i;
				firstind->n = margin;
			}
			fu_buf_add(&b, s + i + margin, e - i - margin);
		}
		if (e < n)
			fu_buf_addc(&b, '\n');
		first = 0;
		i = e < n ? e + 1 : e;
	}
	*outlen = b.len;
	return b.data;
}

/* ---- tokenizer ------------------------------------------------------------ */

typedef struct {
	int kind;      /* 0 text; else 'v' & { # ^ / ! = > < $ */
	size_t s, e;   /* span in the source */
	size_t ns, ne; /* name, trimmed (after '*' for dynamic names) */
	size_t rs, re; /* raw content, trimmed (to match open and close) */
	long line, col;
	int dynamic;
	int closes;    /* '/': kind of the tag it closes */
	int standalone, keepnl, removed;
	size_t keep_from; /* text with keepnl: output from here */
	size_t ls, le;    /* standalone: its line */
	size_t is, ie;    /* standalone: the line's leading blanks */
	char open[MAX_DELIM + 1], close[MAX_DELIM + 1];
} tok;

typedef struct {
	const char *src;
	size_t len;
	const char *file;
	int no_dynamic;
	tok *t;
	size_t n, cap;
	/* line/column cursor */
	size_t cpos;
	long cline, ccol;
	long colshift; /* columns the source was indented by (an indented partial) */
} lexer;

static void advance_to(lexer *lx, size_t pos)
{
	for (; lx->cpos < pos; lx->cpos++) {
		unsigned char c = (unsigned char)lx->src[lx->cpos];
		if (c == '\n') {
			lx->cline++;
			lx->ccol = 1;
		} else if ((c & 0xC0) != 0x80) {
			lx->ccol++;
		}
	}
}

static tok *newtok(lexer *lx)
{
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? 2 * lx->cap : 64;
		lx->t = fu_xrealloc(lx->t, lx->cap * sizeof *lx->t);
	}
	tok *t = &lx->t[lx->n++];
	memset(t, 0, sizeof *t);
	return t;
}

static void add_text(lexer *lx, size_t s, size_t e)
{
	while (s < e) {
		const char *nl = memchr(lx->src + s, '\n', e - s);
		size_t end = nl ? (size_t)(nl - lx->src) + 1 : e;
		tok *t = newtok(lx);
		t->kind = 0;
		t->s = s;
		t->e = end;
		s = end;
	}
}

static int tokenize(lexer *lx, const char *open0, const char *close0, mu_error *err)
{
	char open[MAX_DELIM + 1], close[MAX_DELIM + 1];
	strcpy(open, open0);
	strcpy(close, close0);
	struct {
		size_t tok;
	} *stack = NULL;
	size_t depth = 0, scap = 0;
	const char *src = lx->src;
	size_t len = lx->len, pos = 0;
	int rc = -1;

	while (pos < len) {
		size_t ol = strlen(open);
		const char *o = find(src + pos, len - pos, open, ol);
		size_t ts = o ? (size_t)(o - src) : len;
		add_text(lx, pos, ts);
		if (!o)
			break;
		advance_to(lx, ts);
		/* the tag's position in the file it was written in */
		long line = lx->cline, col = lx->ccol - lx->colshift;
		if (col < 1)
			col = 1;
		size_t p = ts + ol;
		int kind = 'v';
		if (p < len && strchr("#^/!=><$&{", src[p]) && src[p] != '\0')
			kind = src[p++];
		char endseq[MAX_DELIM + 2];
		if (kind == '{' || kind == '=') {
			endseq[0] = kind == '{' ? '}' : '=';
			strcpy(endseq + 1, close);
		} else {
			strcpy(endseq, close);
		}
		size_t el = strlen(endseq);
		const char *q = find(src + p, len - p, endseq, el);
		if (!q) {
			seterr(err, lx->file, line, col, "unclosed tag: no '%s' after '%s'", endseq, open);
			goto out;
		}
		size_t cs = p, ce = (size_t)(q - src);
		size_t te = ce + el;
		while (cs < ce && is_space(src[cs]))
			cs++;
		while (ce > cs && is_space(src[ce - 1]))
			ce--;
		tok *t = newtok(lx);
		t->kind = kind;
		t->s = ts;
		t->e = te;
		t->line = line;
		t->col = col;
		t->rs = cs;
		t->re = ce;
		strcpy(t->open, open);
		strcpy(t->close, close);
		if (kind == '!') {
			pos = te;
			continue;
		}
		if (kind == '=') {
			/* two words: the new open and close delimiters */
			size_t a = cs, b = a;
			while (b < ce && !is_space(src[b]))
				b++;
			size_t c = b;
			while (c < ce && is_space(src[c]))
				c++;
			size_t d = c;
			while (d < ce && !is_space(src[d]))
				d++;
			if (b == a || d == c || d != ce || b - a > MAX_DELIM || d - c > MAX_DELIM ||
			    memchr(src + a, '=', b - a) || memchr(src + c, '=', d - c)) {
				seterr(err, lx->file, line, col,
				       "bad set-delimiter tag: want two delimiters of 1 to %d characters without '='",
				       MAX_DELIM);
				goto out;
			}
			memcpy(open, src + a, b - a);
			open[b - a] = '\0';
			memcpy(close, src + c, d - c);
			close[d - c] = '\0';
			pos = te;
			continue;
		}
		size_t ns = cs, ne = ce;
		if ((kind == '>' || kind == '<') && ns < ne && src[ns] == '*') {
			if (lx->no_dynamic) {
				seterr(err, lx->file, line, col, "dynamic names ({{%c*name}}) are not allowed here",
				       kind);
				goto out;
			}
			t->dynamic = 1;
			ns++;
			while (ns < ne && is_space(src[ns]))
				ns++;
		}
		t->ns = ns;
		t->ne = ne;
		if (ns == ne) {
			seterr(err, lx->file, line, col, "empty tag name");
			goto out;
		}
		for (size_t i = ns; i < ne; i++)
			if (is_space(src[i])) {
				seterr(err, lx->file, line, col, "bad tag name '%.*s': it holds a space",
				       (int)(ne - ns), src + ns);
				goto out;
			}
		if (strchr("#^<$", kind)) {
			/* the tree is built and rendered recursively: bound its depth */
			if (depth == MAX_NEST) {
				seterr(err, lx->file, line, col, "sections nested more than %d deep", MAX_NEST);
				goto out;
			}
			if (depth == scap) {
				scap = scap ? 2 * scap : 16;
				stack = fu_xrealloc(stack, scap * sizeof *stack);
			}
			stack[depth++].tok = lx->n - 1;
		} else if (kind == '/') {
			if (depth == 0) {
				seterr(err, lx->file, line, col, "closing tag '%.*s' without an opening tag",
				       (int)(ce - cs), src + cs);
				goto out;
			}
			tok *op = &lx->t[stack[depth - 1].tok];
			t = &lx->t[lx->n - 1]; /* newtok may have moved the array */
			if (op->re - op->rs != ce - cs || memcmp(src + op->rs, src + cs, ce - cs) != 0) {
				seterr(err, lx->file, line, col,
				       "closing tag '%.*s' does not match '%c%.*s' opened at line %ld, column %ld",
				       (int)(ce - cs), src + cs, op->kind, (int)(op->re - op->rs),
				       src + op->rs, op->line, op->col);
				goto out;
			}
			t->closes = op->kind;
			depth--;
		}
		pos = te;
	}
	if (depth > 0) {
		tok *op = &lx->t[stack[depth - 1].tok];
		seterr(err, lx->file, op->line, op->col, "section '%c%.*s' is never closed", op->kind,
		       (int)(op->re - op->rs), src + op->rs);
		goto out;
	}
	rc = 0;
out:
	free(stack);
	return rc;
}

static int same_name(const lexer *lx, const tok *a, const tok *b)
{
	return a->re - a->rs == b->re - b->rs &&
	       memcmp(lx->src + a->rs, lx->src + b->rs, a->re - a->rs) == 0;
}

static void standalone_line(lexer *lx, size_t a, size_t b)
{
	size_t tags[2], ntags = 0;
	for (size_t i = a; i <= b; i++) {
		tok *t = &lx->t[i];
		if (t->kind == 0) {
			size_t e = t->e;
			if (e > t->s && lx->src[e - 1] == '\n') {
				e--;
				if (e > t->s && lx->src[e - 1] == '\r')
					e--;
				if (i != b)
					return;
			}
			for (size_t k = t->s; k < e; k++)
				if (!is_blank(lx->src[k]))
					return;
			if (i != a && i != b)
				return; /* blanks between two tags */
		} else {
			if (!strchr("#^/!=><$", t->kind))
				return;
			if (ntags == 2)
				return;
			tags[ntags++] = i;
		}
	}
	if (ntags == 0)
		return;
	int keepnl = 0;
	if (ntags == 2) {
		tok *x = &lx->t[tags[0]], *y = &lx->t[tags[1]];
		if (x->e != y->s)
			return;
		if (x->kind == '<' && y->kind == '/' && y->closes == '<' && same_name(lx, x, y))
			;
		else if (x->kind == '$' && y->kind == '/' && y->closes == '$' && same_name(lx, x, y))
			keepnl = 1;
		else if (x->kind == '<' && y->kind == '$')
			;
		else if (x->kind == '/' && x->closes == '$' && y->kind == '/' && y->closes == '<')
			;
		else
			return;
	}
	size_t is = lx->t[a].s, ie = lx->t[a].kind == 0 ? lx->t[a].e : lx->t[a].s;
	for (size_t i = a; i <= b; i++) {
		tok *t = &lx->t[i];
		if (t->kind == 0) {
			t->removed = 1;
			if (keepnl && i == b && t->e > t->s && lx->src[t->e - 1] == '\n') {
				size_t k = t->e - 1;
				if (k > t->s && lx->src[k - 1] == '\r')
					k--;
				t->removed = 0;
				t->keepnl = 1;
				t->keep_from = k;
			}
		} else {
			t->standalone = 1;
			t->keepnl = keepnl;
			t->ls = lx->t[a].s;
			t->le = lx->t[b].e;
			t->is = is;
			t->ie = ie;
		}
	}
}

static void mark_standalone(lexer *lx)
{
	size_t a = 0;
	for (size_t i = 0; i < lx->n; i++) {
		tok *t = &lx->t[i];
		int eol = t->kind == 0 && t->e > t->s && lx->src[t->e - 1] == '\n';
		if (eol || i == lx->n - 1) {
			standalone_line(lx, a, i);
			a = i + 1;
		}
	}
}

/* ---- tree ------------------------------------------------------------------ */

typedef struct {
	lexer *lx;
	size_t i;
} parser;

static mu_node *addnode(mu_node **kids, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		*kids = fu_xrealloc(*kids, *cap * sizeof **kids);
	}
	mu_node *nd = &(*kids)[(*n)++];
	memset(nd, 0, sizeof *nd);
	return nd;
}

static void split_name(mu_node *nd)
{
	if (nd->len == 1 && nd->s[0] == '.')
		return;
	size_t np = 1;
	for (size_t i = 0; i < nd->len; i++)
		np += nd->s[i] == '.';
	nd->parts = fu_xcalloc(np, sizeof *nd->parts);
	const char *p = nd->s, *end = nd->s + nd->len;
	while (1) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		const char *e = dot ? dot : end;
		nd->parts[nd->nparts].p = p;
		nd->parts[nd->nparts].n = (size_t)(e - p);
		nd->nparts++;
		if (!dot)
			break;
		p = dot + 1;
	}
}

static void free_nodes(mu_node *kids, size_t n);

static void build(parser *ps, mu_node **kids, size_t *nkids)
{
	lexer *lx = ps->lx;
	const char *src = lx->src;
	size_t cap = 0;
	*kids = NULL;
	*nkids = 0;
	while (ps->i < lx->n) {
		tok *t = &lx->t[ps->i];
		if (t->kind == '/')
			return; /* the caller takes it */
		ps->i++;
		mu_node *nd;
		switch (t->kind) {
		case 0: {
			if (t->removed)
				break;
			size_t s = t->keepnl ? t->keep_from : t->s;
			if (*nkids && (*kids)[*nkids - 1].kind == N_TEXT &&
			    (*kids)[*nkids - 1].s + (*kids)[*nkids - 1].len == src + s) {
				(*kids)[*nkids - 1].len += t->e - s;
				break;
			}
			nd = addnode(kids, nkids, &cap);
			nd->kind = N_TEXT;
			nd->s = src + s;
			nd->len = t->e - s;
			break;
		}
		case '!':
		case '=':
			break;
		default:
			nd = addnode(kids, nkids, &cap);
			nd->s = src + t->ns;
			nd->len = t->ne - t->ns;
			nd->line = t->line;
			nd->col = t->col;
			nd->standalone = t->standalone;
			nd->dynamic = t->dynamic;
			nd->indent = src + t->is;
			nd->indentlen = t->standalone ? t->ie - t->is : 0;
			strcpy(nd->open, t->open);
			strcpy(nd->close, t->close);
			switch (t->kind) {
			case 'v': nd->kind = N_VAR; break;
			case '&':
			case '{': nd->kind = N_RAW; break;
			case '#': nd->kind = N_SECTION; break;
			case '^': nd->kind = N_INVERTED; break;
			case '>': nd->kind = N_PARTIAL; break;
			case '<': nd->kind = N_PARENT; break;
			case '$': nd->kind = N_BLOCK; break;
			}
			if (nd->kind == N_VAR || nd->kind == N_RAW || nd->kind == N_SECTION ||
			    nd->kind == N_INVERTED || nd->dynamic)
				split_name(nd);
			if (strchr("#^<$", t->kind)) {
				/* nd may move while the kids are built: keep its index */
				size_t at = (size_t)(nd - *kids);
				mu_node *k;
				size_t nk;
				tok open = *t;
				build(ps, &k, &nk);
				tok *ct = &lx->t[ps->i++]; /* the closing tag (the lexer checked it) */
				nd = &(*kids)[at];
				if (open.kind == '<') { /* only the blocks of a parent count */
					size_t w = 0;
					for (size_t j = 0; j < nk; j++) {
						if (k[j].kind == N_BLOCK)
							k[w++] = k[j];
						else
							free_nodes(&k[j], 1); /* what it holds goes with it */
					}
					nk = w;
				}
				nd->kids = k;
				nd->nkids = nk;
				if (open.kind == '$') {
					size_t cs = open.standalone && !open.keepnl ? open.le : open.e;
					size_t ce = ct->standalone && !open.keepnl ? ct->ls : ct->s;
					if (ce < cs)
						ce = cs;
					span first;
					if (open.standalone) {
						nd->deftext = dedent(src + cs, ce - cs, &nd->deflen, &first);
						if (first.n) {
							nd->indent = first.p;
							nd->indentlen = first.n;
						}
						nd->defplain = first.n == 0;
					} else {
						nd->deftext = fu_xstrndup(src + cs, ce - cs);
						nd->deflen = ce - cs;
						nd->defplain = 1;
					}
				}
			}
			break;
		}
	}
}

static void free_nodes(mu_node *kids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		mu_node *nd = &kids[i];
		free_nodes(nd->kids, nd->nkids);
		free(nd->kids);
		free(nd->parts);
		free(nd->deftext);
		for (struct variant *v = nd->variants, *nx; v; v = nx) {
			nx = v->next;
			free(v->key);
			free(v);
		}
	}
}

static mu_template *compile_delims(mu_env *env, char *src, size_t len, const char *file,
                                   long line0, long col0, long colshift, const char *open,
                                   const char *close, mu_error *err)
{
	/* takes SRC over */
	mu_template *t = fu_xcalloc(1, sizeof *t);
	t->env = env;
	t->src = src;
	t->len = len;
	t->file = file ? fu_xstrdup(file) : NULL;
	lexer lx = {.src = src, .len = len, .file = t->file, .cline = line0, .ccol = col0,
	            .colshift = colshift, .no_dynamic = env->no_dynamic};
	if (tokenize(&lx, open, close, err) < 0) {
		if (err && err->file == t->file)
			err->file = file; /* t->file is about to be freed */
		free(lx.t);
		free(t->file);
		free(t->src);
		free(t);
		return NULL;
	}
	mark_standalone(&lx);
	parser ps = {.lx = &lx};
	build(&ps, &t->root.kids, &t->root.nkids);
	free(lx.t);
	t->next = env->all;
	env->all = t;
	return t;
}

mu_env *mu_env_new(mu_load_fn load, void *ud)
{
	mu_env *env = fu_xcalloc(1, sizeof *env);
	env->load = load;
	env->ud = ud;
	return env;
}

void mu_env_no_dynamic(mu_env *env)
{
	env->no_dynamic = 1;
}

void mu_env_free(mu_env *env)
{
	if (!env)
		return;
	for (mu_template *t = env->all, *nx; t; t = nx) {
		nx = t->next;
		free_nodes(t->root.kids, t->root.nkids);
		free(t->root.kids);
		free(t->src);
		free(t->file);
		free(t);
	}
	for (struct loaded *l = env->srcs, *nx; l; l = nx) {
		nx = l->next;
		free(l->name);
		free(l->src);
		free(l->file);
		free(l);
	}
	for (struct variant *v = env->cache, *nx; v; v = nx) {
		nx = v->next;
		free(v->key);
		free(v);
	}
	free(env);
}

mu_template *mu_compile(mu_env *env, const char *src, size_t len, const char *file,
                        long line0, long col0, mu_error *err)
{
	char *copy = fu_xmalloc(len + 1);
	memcpy(copy, src, len);
	copy[len] = '\0';
	mu_template *t = compile_delims(env, copy, len, file, line0, col0, 0, "{{", "}}", err);
	if (!t && err && !err->file)
		err->file = file;
	return t;
}

/* The template for partial or parent NAME at indentation IND.  Returns 1 and
 * *out (NULL when there is no such template), or -1 on error. */
static int get_partial(mu_env *env, int kind, const char *name, size_t nl, const char *ind,
                       size_t il, mu_template **out, mu_error *err)
{
	size_t kl = 1 + nl + 1 + il;
	char *key = fu_xmalloc(kl);
	key[0] = (char)kind;
	memcpy(key + 1, name, nl);
	key[1 + nl] = '\0';
	memcpy(key + 2 + nl, ind, il);
	for (struct variant *v = env->cache; v; v = v->next)
		if (v->keylen == kl && memcmp(v->key, key, kl) == 0) {
			free(key);
			*out = v->t;
			return 1;
		}
	struct loaded *l;
	for (l = env->srcs; l; l = l->next)
		if (l->namelen == nl && memcmp(l->name, name, nl) == 0)
			break;
	if (!l) {
		l = fu_xcalloc(1, sizeof *l);
		l->name = fu_xstrndup(name, nl);
		l->namelen = nl;
		if (env->load) {
			char why[200] = "";
			int r = env->load(env->ud, name, nl, &l->src, &l->len, &l->file, why, sizeof why);
			if (r < 0) {
				seterr(err, NULL, 0, 0, "%s", why);
				free(l->name);
				free(l);
				free(key);
				return -1;
			}
			l->found = r > 0;
		}
		l->next = env->srcs;
		env->srcs = l;
	}
	mu_template *t = NULL;
	if (l->found) {
		char *src;
		size_t len;
		if (il == 0) {
			src = fu_xstrndup(l->src, l->len);
			len = l->len;
		} else if (kind == '>') {
			src = indent_all(l->src, l->len, ind, il, &len);
		} else {
			src = indent_nonblank(l->src, l->len, ind, il, &len);
		}
		const char *file = l->file ? l->file : l->name;
		/* every line that holds a tag was indented by IL blanks */
		t = compile_delims(env, src, len, file, 1, 1, (long)il, "{{", "}}", err);
		if (!t) {
			if (err && !err->file)
				err->file = file;
			free(key);
			return -1;
		}
	}
	struct variant *v = fu_xcalloc(1, sizeof *v);
	v->key = key;
	v->keylen = kl;
	v->t = t;
	v->next = env->cache;
	env->cache = v;
	*out = t;
	return 1;
}

/* ---- loading partials ahead of rendering -------------------------------------- */

static int preload_nodes(mu_template *t, mu_node *kids, size_t n, int depth, mu_error *err)
{
	for (size_t i = 0; i < n; i++) {
		mu_node *nd = &kids[i];
		if ((nd->kind == N_PARTIAL || nd->kind == N_PARENT) && !nd->dynamic && !nd->resolved) {
			mu_error e = {0};
			nd->resolved = 1; /* before recursing: a partial may include itself */
			if (get_partial(t->env, nd->kind == N_PARTIAL ? '>' : '<', nd->s, nd->len, nd->indent,
			                nd->indentlen, &nd->cached, &e) < 0) {
				nd->resolved = 0;
				if (err) {
					*err = e;
					if (!e.file) { /* the loader's complaint: point at the tag */
						err->file = t->file;
						err->line = nd->line;
						err->col = nd->col;
					}
				}
				return -1;
			}
			if (nd->cached && depth + 1 > MAX_NEST) {
				seterr(err, t->file, nd->line, nd->col, "partials nested more than %d deep",
				       MAX_NEST);
				return -1;
			}
			if (nd->cached && preload_nodes(nd->cached, nd->cached->root.kids,
			                                nd->cached->root.nkids, depth + 1, err) < 0)
				return -1;
		}
		if (preload_nodes(t, nd->kids, nd->nkids, depth, err) < 0)
			return -1;
	}
	return 0;
}

int mu_preload(mu_template *t, mu_error *err)
{
	return preload_nodes(t, t->root.kids, t->root.nkids, 0, err);
}

/* ---- walking a template and its partials ------------------------------------- */

/* the partials being walked: a recursive one is walked once */
typedef struct {
	const mu_template **open;
	size_t n, cap;
} walk_stack;

/* 1 and T pushed, or 0 when T is being walked already */
static int walk_enter(walk_stack *w, const mu_template *t)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->open[i] == t)
			return 0;
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->open = fu_xrealloc(w->open, w->cap * sizeof *w->open);
	}
	w->open[w->n++] = t;
	return 1;
}

/* ---- checking names against the data's ------------------------------------- */

typedef struct {
	mu_name_fn known;
	void *ud;
	mu_error *err;
	const span **guards; /* names of the sections around a tag */
	size_t nguards, gcap;
	walk_stack walk;
} checker;

static int guarded(const checker *c, const span *name)
{
	for (size_t i = 0; i < c->nguards; i++)
		if (c->guards[i]->n == name->n && memcmp(c->guards[i]->p, name->p, name->n) == 0)
			return 1;
	return 0;
}

static int check_template(checker *c, const mu_template *t);

static int check_nodes(checker *c, const mu_template *t, const mu_node *kids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const mu_node *nd = &kids[i];
		switch (nd->kind) {
		case N_VAR:
		case N_RAW:
			if (nd->nparts > 0 && !guarded(c, &nd->parts[0])) {
				char why[sizeof c->err->why] = "";
				if (!c->known(c->ud, nd->parts[0].p, nd->parts[0].n, why, sizeof why)) {
					seterr(c->err, t->file, nd->line, nd->col, "%s", why);
					return -1;
				}
			}
			break;
		case N_SECTION:
		case N_INVERTED: {
			/* {{#x}}{{x}}{{/x}}: x is optional there, the section tests it */
			int push = nd->kind == N_SECTION && nd->nparts == 1;
			if (push) {
				if (c->nguards == c->gcap) {
					c->gcap = c->gcap ? 2 * c->gcap : 16;
					c->guards = fu_xrealloc(c->guards, c->gcap * sizeof *c->guards);
				}
				c->guards[c->nguards++] = &nd->parts[0];
			}
			int rc = check_nodes(c, t, nd->kids, nd->nkids);
			c->nguards -= push;
			if (rc < 0)
				return -1;
			break;
		}
		case N_PARTIAL:
		case N_PARENT:
			if (!nd->dynamic && nd->resolved && nd->cached && check_template(c, nd->cached) < 0)
				return -1;
			if (check_nodes(c, t, nd->kids, nd->nkids) < 0) /* a parent's blocks */
				return -1;
			break;
		case N_BLOCK:
			if (check_nodes(c, t, nd->kids, nd->nkids) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

static int check_template(checker *c, const mu_template *t)
{
	if (!walk_enter(&c->walk, t))
		return 0;
	int rc = check_nodes(c, t, t->root.kids, t->root.nkids);
	c->walk.n--;
	return rc;
}

int mu_check_names(const mu_template *t, mu_name_fn known, void *ud, mu_error *err)
{
	checker c = {.known = known, .ud = ud, .err = err};
	int rc = check_template(&c, t);
	free(c.guards);
	free(c.walk.open);
	return rc;
}

/* ---- what a template mentions ---------------------------------------------------- */

typedef struct {
	mu_mention_fn fn;
	void *ud;
	walk_stack walk;
	mu_error *at; /* where the walk stopped, or NULL */
} mentioner;

static int mention_template(mentioner *c, const mu_template *t);

static int mention_nodes(mentioner *c, const mu_template *t, const mu_node *kids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const mu_node *nd = &kids[i];
		int tag = nd->kind == N_VAR || nd->kind == N_RAW ? MU_TAG_VAR
		          : nd->kind == N_SECTION                ? MU_TAG_SECTION
		          : nd->kind == N_INVERTED               ? MU_TAG_INVERTED
		          : nd->kind == N_PARTIAL || nd->kind == N_PARENT ? MU_TAG_PARTIAL
		                                                 : -1;
		if (tag >= 0 && !nd->dynamic && c->fn(c->ud, tag, nd->s, nd->len)) {
			seterr(c->at, t->file, nd->line, nd->col, "%.*s", (int)(nd->len > 100 ? 100 : nd->len), nd->s);
			return 1;
		}
		if (tag == MU_TAG_PARTIAL && !nd->dynamic && nd->resolved && nd->cached &&
		    mention_template(c, nd->cached))
			return 1;
		if (nd->kind != N_TEXT && mention_nodes(c, t, nd->kids, nd->nkids))
			return 1;
	}
	return 0;
}

static int mention_template(mentioner *c, const mu_template *t)
{
	if (!walk_enter(&c->walk, t))
		return 0;
	int rc = mention_nodes(c, t, t->root.kids, t->root.nkids);
	c->walk.n--;
	return rc;
}

int mu_mentions(const mu_template *t, mu_mention_fn fn, void *ud)
{
	return mu_mentions_at(t, fn, ud, NULL);
}

int mu_mentions_at(const mu_template *t, mu_mention_fn fn, void *ud, mu_error *at)
{
	mentioner c = {.fn = fn, .ud = ud, .at = at};
	int rc = mention_template(&c, t);
	free(c.walk.open);
	return rc;
}

/* ---- rendering --------------------------------------------------------------- */

typedef struct {
	const mu_template *tpl; /* the template being rendered (for messages) */
	const mu_opts *o;
	fu_buf *out;
	mu_error *err;
	const mu_val **stack;
	size_t depth, cap;
	const mu_val *stack0[16]; /* the stack's first levels: no allocation per render */
	const mu_node **frames; /* parents being expanded, outermost first */
	size_t nframes, fcap;
	int nest;
	unsigned long steps; /* nodes rendered: at most MAX_STEPS */
	/* the innermost section whose own value (not a list's item) is the top
	 * of the stack, and that value: {{.}} there is reported under the
	 * section's name (on_rendered) */
	const mu_node *sect;
	const mu_val *sectval;
} rstate;

static void push(rstate *r, const mu_val *v)
{
	if (r->depth == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		if (r->stack == r->stack0) {
			r->stack = fu_xmalloc(r->cap * sizeof *r->stack);
			memcpy(r->stack, r->stack0, sizeof r->stack0);
		} else {
			r->stack = fu_xrealloc(r->stack, r->cap * sizeof *r->stack);
		}
	}
	r->stack[r->depth++] = v;
}

/* NAME in MAP, trying first where ND found it last time (same keys) */
static const mu_val *map_get_hinted(mu_node *nd, const mu_val *map, const span *name)
{
	if (!map || map->type != MU_MAP)
		return NULL;
	size_t i = nd->hit_index;
	if (nd->hit_keys == map->keys && i < map->n && map->keylens[i] == name->n &&
	    memcmp(map->keys[i], name->p, name->n) == 0)
		return &map->items[i];
	for (i = 0; i < map->n; i++)
		if (map->keylens[i] == name->n && memcmp(map->keys[i], name->p, name->n) == 0) {
			nd->hit_keys = map->keys;
			nd->hit_index = i;
			return &map->items[i];
		}
	return NULL;
}

/* The name of ND: the first context from the innermost out that has its
 * first part ends the lookup, whatever the value (null too). */
static const mu_val *lookup(rstate *r, mu_node *nd)
{
	const span *parts = nd->parts;
	size_t np = nd->nparts;
	if (np == 0)
		return r->depth ? r->stack[r->depth - 1] : NULL;
	const mu_val *v = NULL;
	for (size_t i = r->depth; i-- > 0;) {
		v = map_get_hinted(nd, r->stack[i], &parts[0]);
		if (v)
			break;
	}
	for (size_t k = 1; v && k < np; k++)
		v = mu_map_get(v, parts[k].p, parts[k].n);
	return v;
}

static int render_nodes(rstate *r, const mu_node *kids, size_t n);

static int render_template(rstate *r, const mu_template *t)
{
	++r->nest;
	const mu_template *save = r->tpl;
	r->tpl = t;
	int rc = render_nodes(r, t->root.kids, t->root.nkids);
	r->tpl = save;
	r->nest--;
	return rc;
}

static int resolve(rstate *r, mu_node *nd, mu_template **out)
{
	mu_env *env = r->tpl->env;
	if (!nd->dynamic) {
		if (!nd->resolved) {
			if (get_partial(env, nd->kind == N_PARTIAL ? '>' : '<', nd->s, nd->len, nd->indent,
			                nd->indentlen, &nd->cached, r->err) < 0)
				return -1;
			nd->resolved = 1;
		}
		*out = nd->cached;
		return 0;
	}
	const mu_val *v = lookup(r, (mu_node *)nd);
	*out = NULL;
	if (!v || v->type != MU_STR || v->len == 0)
		return 0;
	return get_partial(env, nd->kind == N_PARTIAL ? '>' : '<', v->s, v->len, nd->indent,
	                   nd->indentlen, out, r->err) < 0 ? -1 : 0;
}

/* The override of block ND from the outermost parent that gives one. */
static const mu_node *find_override(rstate *r, const mu_node *nd)
{
	for (size_t f = 0; f < r->nframes; f++) {
		const mu_node *p = r->frames[f];
		for (size_t i = 0; i < p->nkids; i++)
			if (p->kids[i].len == nd->len && memcmp(p->kids[i].s, nd->s, nd->len) == 0)
				return &p->kids[i];
	}
	return NULL;
}

static int render_block(rstate *r, const mu_node *nd)
{
	mu_node *ov = (mu_node *)find_override(r, nd);
	if (!ov)
		return render_nodes(r, nd->kids, nd->nkids);
	/* an override holding a block of its own name is found again for that
	 * block, and again: bound the depth like partials */
	if (r->nest >= MAX_NEST) {
		seterr(r->err, r->tpl->file, nd->line, nd->col, "blocks nested more than %d deep", MAX_NEST);
		return -1;
	}
	const char *ind = nd->standalone ? nd->indent : "";
	size_t il = nd->standalone ? nd->indentlen : 0;
	if (il == 0 && ov->defplain) {
		r->nest++;
		int rc = render_nodes(r, ov->kids, ov->nkids);
		r->nest--;
		return rc;
	}
	struct variant *v;
	for (v = ov->variants; v; v = v->next)
		if (v->keylen == il && memcmp(v->key, ind, il) == 0)
			break;
	if (!v) {
		size_t len;
		char *src = indent_nonblank(ov->deftext, ov->deflen, ind, il, &len);
		mu_template *t = compile_delims(r->tpl->env, src, len, r->tpl->file, ov->line, ov->col,
		                                0, ov->open, ov->close, r->err);
		if (!t)
			return -1;
		v = fu_xcalloc(1, sizeof *v);
		v->key = fu_xstrndup(ind, il);
		v->keylen = il;
		v->t = t;
		v->next = ov->variants;
		ov->variants = v;
	}
	return render_template(r, v->t);
}

/* the on_rendered hook: what the tag ND (named NAME) added since FROM */
static void rendered(rstate *r, int tag, const char *name, size_t len, size_t from)
{
	if (r->o && r->o->on_rendered)
		r->o->on_rendered(r->o->ud, tag, name, len, r->out->data + from, r->out->len - from);
}

static void interpolate(rstate *r, const mu_node *nd)
{
	const mu_val *v = lookup(r, (mu_node *)nd);
	if (!v || v->type == MU_NULL || (v->type == MU_STR && v->len == 0)) {
		if (r->o && r->o->on_empty)
			r->o->on_empty(r->o->ud, nd->s, nd->len, r->tpl->file, nd->line, nd->col);
		return;
	}
	const char *s;
	size_t n;
	switch (v->type) {
	case MU_STR: s = v->s; n = v->len; break;
	case MU_TRUE: s = "true"; n = 4; break;
	case MU_FALSE: s = "false"; n = 5; break;
	default: return;
	}
	int esc = nd->kind == N_RAW ? MU_ESC_NONE : r->o ? r->o->escape : MU_ESC_HTML;
	if (r->o && r->o->escape == MU_ESC_ADDRESS) /* data is never address syntax, raw or not */
		mu_escape_address(r->out, s, n);
	else if (esc == MU_ESC_HTML)
		mu_escape_html(r->out, s, n);
	else if (esc == MU_ESC_URL)
		mu_escape_url(r->out, s, n);
	else
		fu_buf_add(r->out, s, n);
}

static int render_nodes(rstate *r, const mu_node *kids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		mu_node *nd = (mu_node *)&kids[i];
		if (++r->steps > MAX_STEPS || r->out->len > MAX_OUTPUT) {
			seterr(r->err, r->tpl->file, nd->line, nd->col,
			       "rendering grows too large (more than %lu steps or %lu MiB: sections over lists nested too deep?)",
			       MAX_STEPS, MAX_OUTPUT >> 20);
			return -1;
		}
		switch (nd->kind) {
		case N_TEXT:
			fu_buf_add(r->out, nd->s, nd->len);
			break;
		case N_VAR:
		case N_RAW: {
			size_t from = r->out->len;
			interpolate(r, nd);
			/* {{.}} in {{#name}} shows name's value: reported as {{name}} */
			if (nd->nparts == 0 && r->sect && r->depth && r->stack[r->depth - 1] == r->sectval)
				rendered(r, MU_TAG_VAR, r->sect->s, r->sect->len, from);
			else
				rendered(r, MU_TAG_VAR, nd->s, nd->len, from);
			break;
		}
		case N_SECTION: {
			const mu_val *v = lookup(r, (mu_node *)nd);
			if (!mu_truthy(v))
				break;
			const mu_node *sect = r->sect;
			const mu_val *sectval = r->sectval;
			int rc = 0;
			if (v->type == MU_LIST) {
				r->sect = NULL; /* {{.}} is an item, not the section's value */
				for (size_t k = 0; k < v->n && rc >= 0; k++) {
					push(r, &v->items[k]);
					rc = render_nodes(r, nd->kids, nd->nkids);
					r->depth--;
				}
			} else {
				r->sect = nd;
				r->sectval = v;
				push(r, v);
				rc = render_nodes(r, nd->kids, nd->nkids);
				r->depth--;
			}
			r->sect = sect;
			r->sectval = sectval;
			if (rc < 0)
				return -1;
			break;
		}
		case N_INVERTED: {
			size_t from = r->out->len;
			if (mu_truthy(lookup(r, (mu_node *)nd)))
				break;
			if (render_nodes(r, nd->kids, nd->nkids) < 0)
				return -1;
			rendered(r, MU_TAG_INVERTED, nd->s, nd->len, from);
			break;
		}
		case N_PARTIAL:
		case N_PARENT: {
			mu_template *t;
			if (resolve(r, nd, &t) < 0)
				return -1;
			if (!t)
				break;
			if (r->nest >= MAX_NEST) { /* a partial that includes itself for every level of data */
				seterr(r->err, r->tpl->file, nd->line, nd->col, "partials nested more than %d deep",
				       MAX_NEST);
				return -1;
			}
			if (nd->kind == N_PARENT) {
				if (r->nframes == r->fcap) {
					r->fcap = r->fcap ? 2 * r->fcap : 8;
					r->frames = fu_xrealloc(r->frames, r->fcap * sizeof *r->frames);
				}
				r->frames[r->nframes++] = nd;
			}
			size_t from = r->out->len;
			int rc = render_template(r, t);
			if (nd->kind == N_PARENT)
				r->nframes--;
			if (rc < 0)
				return -1;
			if (nd->dynamic) {
				const mu_val *v = lookup(r, nd);
				rendered(r, MU_TAG_PARTIAL, v->s, v->len, from);
			} else {
				rendered(r, MU_TAG_PARTIAL, nd->s, nd->len, from);
			}
			break;
		}
		case N_BLOCK:
			if (render_block(r, nd) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

int mu_render(const mu_template *t, const mu_val *ctx, const mu_opts *opts, fu_buf *out,
              mu_error *err)
{
	rstate r = {.tpl = t, .o = opts, .out = out, .err = err};
	r.stack = r.stack0;
	r.cap = sizeof r.stack0 / sizeof *r.stack0;
	if (ctx)
		push(&r, ctx);
	fu_buf_add(out, "", 0);
	int rc = render_nodes(&r, t->root.kids, t->root.nkids);
	if (r.stack != r.stack0)
		free(r.stack);
	free(r.frames);
	return rc;
}

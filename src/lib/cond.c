/* The cadence condition language: a recursive-descent parser (nesting
 * bounded, chains flat) into a small tree, names resolved once, evaluation with no allocation.  See cond.h. */
#include "fu.h"
#include "lib/cond.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum kind { N_OR, N_AND, N_NOT, N_CMP, N_NAME, N_NUM, N_STR, N_BOOL };
enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_MATCH, OP_NOMATCH };

struct node {
	enum kind kind;
	enum op op;
	struct node *a, *b;
	char *text; /* name or string literal (NUL-terminated) */
	size_t len;
	double num;
	int ref;   /* resolved name */
	long col;  /* 1-based column in the source */
	fu_regex *re;
	struct node **kids; /* N_AND, N_OR: the terms, flat (a chain is no deeper than one) */
	size_t nkids;
};

/* parentheses and `not` nest at most this deep: the tree's depth is bounded,
 * so resolving, evaluating and freeing it cannot exhaust the stack */
enum { MAX_DEPTH = 64 };

struct fu_cond {
	struct node *root;
};

/* ---- lexer -------------------------------------------------------------- */

enum tok { T_END, T_NAME, T_NUM, T_STR, T_LP, T_RP, T_AND, T_OR, T_NOT, T_OP, T_TRUE, T_FALSE, T_BAD };

struct parser {
	const char *src;
	size_t pos;     /* start of the current token */
	size_t next;    /* just after it */
	enum tok tok;
	enum op op;
	fu_buf str;     /* the current string literal, unescaped */
	char *why;
	size_t whysize;
	long errcol;
	int failed;
	int depth;      /* open parentheses and nots */
};

static void fail(struct parser *p, size_t at, const char *msg)
{
	if (p->failed)
		return;
	p->failed = 1;
	p->errcol = (long)at + 1;
	snprintf(p->why, p->whysize, "%s", msg);
}

static int is_name_start(int c) { return isalpha(c) || c == '_'; }
static int is_name_char(int c) { return isalnum(c) || c == '_' || c == '.'; }

static int word_is(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w);
	if (n != wl)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

static void lex(struct parser *p)
{
	const char *s = p->src;
	size_t i = p->next;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	p->pos = i;
	unsigned char c = (unsigned char)s[i];
	if (c == '\0') {
		p->tok = T_END;
		p->next = i;
		return;
	}
	if (c == '(' || c == ')') {
		p->tok = c == '(' ? T_LP : T_RP;
		p->next = i + 1;
		return;
	}
	if (c == '&' && s[i + 1] == '&') {
		p->tok = T_AND;
		p->next = i + 2;
		return;
	}
	if (c == '|' && s[i + 1] == '|') {
		p->tok = T_OR;
		p->next = i + 2;
		return;
	}
	static const struct {
		const char *text;
		enum op op;
	} ops[] = {{"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE}, {"=~", OP_MATCH},
	           {"!~", OP_NOMATCH}, {"<", OP_LT}, {">", OP_GT}};
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		size_t l = strlen(ops[k].text);
		if (strncmp(s + i, ops[k].text, l) == 0) {
			p->tok = T_OP;
			p->op = ops[k].op;
			p->next = i + l;
			return;
		}
	}
	if (c == '!') {
		p->tok = T_NOT;
		p->next = i + 1;
		return;
	}
	if (c == '"' || c == '\'') {
		fu_buf_clear(&p->str);
		fu_buf_adds(&p->str, ""); /* data != NULL even for "" */
		size_t j = i + 1;
		for (;;) {
			if (s[j] == '\0') {
				fail(p, i, "unterminated string");
				p->tok = T_BAD;
				p->next = j;
				return;
			}
			if ((unsigned char)s[j] == c)
				break;
			if (s[j] == '\\' && (s[j + 1] == '\\' || (unsigned char)s[j + 1] == c)) {
				fu_buf_addc(&p->str, s[j + 1]);
				j += 2;
				continue;
			}
			fu_buf_addc(&p->str, s[j]);
			j++;
		}
		p->tok = T_STR;
		p->next = j + 1;
		return;
	}
	if (isdigit(c) || ((c == '-' || c == '.') && (isdigit((unsigned char)s[i + 1]) || s[i + 1] == '.'))) {
		char *end;
		strtod(s + i, &end);
		if (end == s + i || is_name_char((unsigned char)*end)) {
			fail(p, i, "bad number");
			p->tok = T_BAD;
			p->next = i + 1;
			return;
		}
		p->tok = T_NUM;
		p->next = (size_t)(end - s);
		return;
	}
	if (is_name_start(c)) {
		size_t j = i;
		while (is_name_char((unsigned char)s[j]))
			j++;
		size_t n = j - i;
		p->next = j;
		if (word_is(s + i, n, "and"))
			p->tok = T_AND;
		else if (word_is(s + i, n, "or"))
			p->tok = T_OR;
		else if (word_is(s + i, n, "not"))
			p->tok = T_NOT;
		else if (word_is(s + i, n, "true"))
			p->tok = T_TRUE;
		else if (word_is(s + i, n, "false"))
			p->tok = T_FALSE;
		else
			p->tok = T_NAME;
		return;
	}
	fail(p, i, "unexpected character");
	p->tok = T_BAD;
	p->next = i + 1;
}

/* ---- parser ------------------------------------------------------------- */

static struct node *mk(enum kind k, long col)
{
	struct node *n = fu_xcalloc(1, sizeof *n);
	n->kind = k;
	n->col = col;
	n->ref = -1;
	return n;
}

static void free_node(struct node *n)
{
	if (!n)
		return;
	free_node(n->a);
	free_node(n->b);
	for (size_t i = 0; i < n->nkids; i++)
		free_node(n->kids[i]);
	free(n->kids);
	free(n->text);
	if (n->re)
		fu_regex_free(n->re);
	free(n);
}

static struct node *parse_or(struct parser *p);

static int enter(struct parser *p)
{
	if (++p->depth > MAX_DEPTH) {
		char msg[80];
		snprintf(msg, sizeof msg, "nested more than %d deep (parentheses and not)", MAX_DEPTH);
		fail(p, p->pos, msg);
		return 0;
	}
	return 1;
}

static struct node *parse_operand(struct parser *p)
{
	struct node *n = NULL;
	long col = (long)p->pos + 1;
	switch (p->tok) {
	case T_NAME:
		n = mk(N_NAME, col);
		n->len = p->next - p->pos;
		n->text = fu_xstrndup(p->src + p->pos, n->len);
		lex(p);
		return n;
	case T_NUM:
		n = mk(N_NUM, col);
		n->num = strtod(p->src + p->pos, NULL);
		n->len = p->next - p->pos;
		n->text = fu_xstrndup(p->src + p->pos, n->len);
		lex(p);
		return n;
	case T_STR:
		n = mk(N_STR, col);
		n->len = p->str.len;
		n->text = fu_xstrndup(p->str.data, p->str.len);
		lex(p);
		return n;
	case T_TRUE:
	case T_FALSE:
		n = mk(N_BOOL, col);
		n->num = p->tok == T_TRUE;
		lex(p);
		return n;
	case T_LP:
		if (!enter(p))
			return NULL;
		lex(p);
		n = parse_or(p);
		p->depth--;
		if (p->failed)
			return n;
		if (p->tok != T_RP) {
			fail(p, p->pos, "expected ')'");
			return n;
		}
		lex(p);
		return n;
	case T_END:
		fail(p, p->pos, "expected a name, number or string at the end");
		return NULL;
	case T_BAD:
		return NULL;
	default:
		fail(p, p->pos, "expected a name, number or string");
		return NULL;
	}
}

static struct node *parse_cmp(struct parser *p)
{
	struct node *a = parse_operand(p);
	if (p->failed || p->tok != T_OP)
		return a;
	struct node *n = mk(N_CMP, (long)p->pos + 1);
	n->op = p->op;
	n->a = a;
	lex(p);
	size_t rhs_pos = p->pos;
	n->b = parse_operand(p);
	if (p->failed)
		return n;
	if (n->op == OP_MATCH || n->op == OP_NOMATCH) {
		if (n->b->kind != N_STR) {
			fail(p, rhs_pos, "the right side of =~ must be a quoted pattern");
			return n;
		}
		char why[160];
		size_t off;
		n->re = fu_regex_compile(n->b->text, n->b->len, 0, why, sizeof why, &off);
		if (!n->re) {
			char msg[200];
			snprintf(msg, sizeof msg, "bad pattern: %s", why);
			/* the column of the offending byte: the literal's opening quote + 1 + offset */
			fail(p, rhs_pos + 1 + off, msg);
		}
	}
	if (p->tok == T_OP)
		fail(p, p->pos, "comparisons do not chain; use and/or");
	return n;
}

static struct node *parse_not(struct parser *p)
{
	if (p->tok == T_NOT) {
		if (!enter(p))
			return NULL;
		struct node *n = mk(N_NOT, (long)p->pos + 1);
		lex(p);
		n->a = parse_not(p);
		p->depth--;
		return n;
	}
	return parse_cmp(p);
}

/* a chain a AND b AND c ... (or OR) as one node with its terms side by side */
static struct node *parse_chain(struct parser *p, enum tok op, enum kind kind,
                                struct node *(*term)(struct parser *))
{
	struct node *a = term(p);
	if (p->failed || p->tok != op)
		return a;
	struct node *n = mk(kind, (long)p->pos + 1);
	size_t cap = 4;
	n->kids = fu_xmalloc(cap * sizeof *n->kids);
	n->kids[n->nkids++] = a;
	while (!p->failed && p->tok == op) {
		lex(p);
		struct node *b = term(p);
		if (n->nkids == cap) {
			cap *= 2;
			n->kids = fu_xrealloc(n->kids, cap * sizeof *n->kids);
		}
		n->kids[n->nkids++] = b;
	}
	return n;
}

static struct node *parse_and(struct parser *p)
{
	return parse_chain(p, T_AND, N_AND, parse_not);
}

static struct node *parse_or(struct parser *p)
{
	return parse_chain(p, T_OR, N_OR, parse_and);
}

fu_cond *fu_cond_parse(const char *text, char *why, size_t whysize, long *col)
{
	struct parser p = {.src = text, .why = why, .whysize = whysize};
	lex(&p);
	struct node *root = NULL;
	if (p.tok == T_END) {
		root = mk(N_BOOL, 1); /* an empty condition always holds */
		root->num = 1;
	} else {
		root = parse_or(&p);
		if (!p.failed && p.tok != T_END)
			fail(&p, p.pos, p.tok == T_RP ? "unmatched ')'" : "expected and, or or the end");
	}
	fu_buf_free(&p.str);
	if (p.failed) {
		free_node(root);
		*col = p.errcol;
		return NULL;
	}
	fu_cond *c = fu_xmalloc(sizeof *c);
	c->root = root;
	return c;
}

/* ---- resolution ------------------------------------------------------------ */

static int resolve(struct node *n, fu_cond_resolver r, void *ctx, const char **badname, long *col)
{
	if (!n)
		return 0;
	if (n->kind == N_NAME) {
		n->ref = r(ctx, n->text);
		if (n->ref < 0) {
			*badname = n->text;
			*col = n->col;
			return -1;
		}
		return 0;
	}
	for (size_t i = 0; i < n->nkids; i++)
		if (resolve(n->kids[i], r, ctx, badname, col) != 0)
			return -1;
	if (resolve(n->a, r, ctx, badname, col) != 0)
		return -1;
	return resolve(n->b, r, ctx, badname, col);
}

int fu_cond_resolve(fu_cond *c, fu_cond_resolver r, void *ctx, const char **badname, long *col)
{
	return resolve(c->root, r, ctx, badname, col);
}

static int uses(const struct node *n, const char *name)
{
	if (!n)
		return 0;
	if (n->kind == N_NAME && strcmp(n->text, name) == 0)
		return 1;
	for (size_t i = 0; i < n->nkids; i++)
		if (uses(n->kids[i], name))
			return 1;
	return uses(n->a, name) || uses(n->b, name);
}

int fu_cond_uses(const fu_cond *c, const char *name)
{
	return uses(c->root, name);
}

/* ---- evaluation ------------------------------------------------------------ */

static void numify(fu_cond_val *v)
{
	if (v->isnum >= 0)
		return;
	v->isnum = 0;
	if (v->n == 0 || v->n > 64)
		return;
	char tmp[65];
	memcpy(tmp, v->s, v->n);
	tmp[v->n] = '\0';
	if (isspace((unsigned char)tmp[0]))
		return;
	char *end;
	double d = strtod(tmp, &end);
	if (*end == '\0' && isfinite(d)) {
		v->num = d;
		v->isnum = 1;
	}
}

static int eval(const struct node *n, fu_cond_getter get, void *ctx, char *why, size_t whysize);

static void value_of(const struct node *n, fu_cond_getter get, void *ctx, fu_cond_val *v, char *why,
                     size_t whysize, int *err)
{
	switch (n->kind) {
	case N_NAME:
		v->s = "";
		v->n = 0;
		v->isnum = -1;
		get(ctx, n->ref, v);
		break;
	case N_NUM:
		v->s = n->text;
		v->n = n->len;
		v->num = n->num;
		v->isnum = 1;
		break;
	case N_STR:
		v->s = n->text;
		v->n = n->len;
		v->isnum = -1;
		break;
	default: {
		int r = eval(n, get, ctx, why, whysize);
		if (r < 0)
			*err = 1;
		v->s = r > 0 ? "1" : "0";
		v->n = 1;
		v->num = r > 0;
		v->isnum = 1;
	}
	}
}

static int truthy(fu_cond_val *v)
{
	if (v->n == 0)
		return 0;
	numify(v);
	if (v->isnum)
		return v->num != 0;
	char tmp[8];
	if (v->n < sizeof tmp) {
		memcpy(tmp, v->s, v->n);
		tmp[v->n] = '\0';
		if (fu_streq_ci(tmp, "no") || fu_streq_ci(tmp, "false") || fu_streq_ci(tmp, "n"))
			return 0;
	}
	return 1;
}

static int compare(enum op op, fu_cond_val *a, fu_cond_val *b)
{
	numify(a);
	numify(b);
	int c;
	if (a->isnum && b->isnum) {
		c = a->num < b->num ? -1 : a->num > b->num;
	} else if ((a->isnum && b->n == 0) || (b->isnum && a->n == 0)) {
		return op == OP_NE; /* an empty value is no number */
	} else {
		size_t m = a->n < b->n ? a->n : b->n;
		c = memcmp(a->s, b->s, m);
		if (c == 0)
			c = a->n < b->n ? -1 : a->n > b->n;
	}
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	case OP_GE: return c >= 0;
	default: return 0;
	}
}

static int eval(const struct node *n, fu_cond_getter get, void *ctx, char *why, size_t whysize)
{
	int r, err = 0;
	fu_cond_val a, b;
	switch (n->kind) {
	case N_OR:
		for (size_t i = 0; i < n->nkids; i++)
			if ((r = eval(n->kids[i], get, ctx, why, whysize)) != 0)
				return r;
		return 0;
	case N_AND:
		for (size_t i = 0; i < n->nkids; i++)
			if ((r = eval(n->kids[i], get, ctx, why, whysize)) <= 0)
				return r;
		return 1;
	case N_NOT:
		r = eval(n->a, get, ctx, why, whysize);
		return r < 0 ? r : !r;
	case N_BOOL:
		return n->num != 0;
	case N_CMP:
		value_of(n->a, get, ctx, &a, why, whysize, &err);
		if (n->op == OP_MATCH || n->op == OP_NOMATCH) {
			if (err)
				return -1;
			r = fu_regex_match(n->re, a.s, a.n, why, whysize);
			if (r < 0)
				return -1;
			return n->op == OP_MATCH ? r : !r;
		}
		value_of(n->b, get, ctx, &b, why, whysize, &err);
		if (err)
			return -1;
		return compare(n->op, &a, &b);
	default:
		value_of(n, get, ctx, &a, why, whysize, &err);
		return truthy(&a);
	}
}

int fu_cond_eval(const fu_cond *c, fu_cond_getter get, void *ctx, char *why, size_t whysize)
{
	return eval(c->root, get, ctx, why, whysize);
}

void fu_cond_free(fu_cond *c)
{
	if (!c)
		return;
	free_node(c->root);
	free(c);
}

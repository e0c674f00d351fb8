/* Referral claims, their integrity, the ledger and the DOT drawing.  See
 * referral.h for the rules; fu-referrals(1) states them for users. */
#include "lib/referral.h"

#include "fu.h"
#include "lib/sched.h"
#include "lib/evfacts.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the perk rule ------------------------------------------------------- */

static size_t skip_blank(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

/* AMOUNT at s+*i: digits ["." digits].  Returns 0 or -1. */
static int parse_amount(const char *s, size_t *i, double *out, int *whole)
{
	size_t j = *i;
	while (isdigit((unsigned char)s[j]))
		j++;
	if (j == *i)
		return -1;
	*whole = 1;
	if (s[j] == '.') {
		size_t k = j + 1;
		while (isdigit((unsigned char)s[k]))
			k++;
		if (k == j + 1)
			return -1;
		j = k;
		*whole = 0;
	}
	char buf[64];
	if (j - *i >= sizeof buf)
		return -1;
	memcpy(buf, s + *i, j - *i);
	buf[j - *i] = '\0';
	*out = strtod(buf, NULL);
	*i = j;
	return 0;
}

/* the word at s+i, case-insensitive, not followed by another letter */
static int word_at(const char *s, size_t i, const char *w)
{
	size_t n = strlen(w);
	return strncasecmp(s + i, w, n) == 0 && !isalpha((unsigned char)s[i + n]);
}

/* optional basis word; returns the index after it */
static size_t parse_basis(const char *s, size_t i, enum fu_perk_basis *basis, int *found)
{
	*found = 1;
	if (word_at(s, i, "converted")) {
		*basis = FU_PERK_CONVERTED;
		return i + 9;
	}
	if (word_at(s, i, "referred")) {
		*basis = FU_PERK_REFERRED;
		return i + 8;
	}
	*found = 0;
	return i;
}

int fu_perk_parse(const char *rule, fu_perk *p, const char **why, long *col)
{
	memset(p, 0, sizeof *p);
	p->basis = FU_PERK_CONVERTED;
	size_t i = skip_blank(rule, 0);
	double first;
	int whole, found;
#define FAIL(msg) do { *why = (msg); *col = (long)i + 1; return -1; } while (0)
	if (!rule[i])
		FAIL("empty rule: expected \"AMOUNT per converted\" or tiers \"COUNT:AMOUNT,...\"");
	if (parse_amount(rule, &i, &first, &whole) < 0)
		FAIL("expected a number");
	size_t after_number = i;
	i = skip_blank(rule, i);
	if (rule[i] == ':') {
		p->tiered = 1;
		i = after_number - 1;
		while (i > 0 && (isdigit((unsigned char)rule[i - 1]) || rule[i - 1] == '.'))
			i--;
		for (;;) {
			i = skip_blank(rule, i);
			double count, amount;
			size_t start = i;
			if (parse_amount(rule, &i, &count, &whole) < 0)
				FAIL("expected a count (a whole number of referrals)");
			if (!whole || count < 1) {
				i = start;
				FAIL("a tier's count is a whole number from 1 up");
			}
			if (p->ntiers > 0 && count <= p->at[p->ntiers - 1]) {
				i = start;
				FAIL("tier counts must increase");
			}
			if (p->ntiers == sizeof p->at / sizeof p->at[0]) {
				i = start;
				FAIL("at most 16 tiers");
			}
			i = skip_blank(rule, i);
			if (rule[i] != ':')
				FAIL("expected ':' between a tier's count and its amount");
			i = skip_blank(rule, i + 1);
			if (parse_amount(rule, &i, &amount, &whole) < 0)
				FAIL("expected the tier's amount");
			p->at[p->ntiers] = count;
			p->amount[p->ntiers++] = amount;
			i = skip_blank(rule, i);
			if (rule[i] != ',')
				break;
			i++;
		}
		i = parse_basis(rule, i, &p->basis, &found);
	} else {
		p->per = first;
		if (!word_at(rule, i, "per"))
			FAIL("expected \"per\" after the amount, or ':' for tiers");
		i = skip_blank(rule, i + 3);
		i = parse_basis(rule, i, &p->basis, &found);
		if (!found)
			FAIL("expected \"converted\" or \"referred\" after \"per\"");
	}
	i = skip_blank(rule, i);
	if (rule[i])
		FAIL(p->tiered ? "unexpected text after the tiers (a basis word or ',' expected)"
		               : "unexpected text after the rule");
#undef FAIL
	return 0;
}

double fu_perk_owed(const fu_perk *p, double converted, double referred)
{
	double units = p->basis == FU_PERK_REFERRED ? referred : converted;
	if (!p->tiered)
		return p->per * units;
	double owed = 0;
	for (size_t k = 0; k < p->ntiers; k++)
		if (units + 1e-9 >= p->at[k]) /* credit sums of powers of the decay */
			owed += p->amount[k];
	return owed;
}

/* ---- the referral graph ---------------------------------------------------- */

static const char *const status_names[FU_REF_NSTATUS] = {
	[FU_REF_CREDITED] = "credited",
	[FU_REF_REPEAT] = "repeat",
	[FU_REF_SELF] = "self-referral",
	[FU_REF_UNKNOWN] = "unknown referrer",
	[FU_REF_NOBODY] = "to nobody",
	[FU_REF_AFTER_PURCHASE] = "after purchase",
	[FU_REF_SECOND] = "second referrer",
	[FU_REF_CYCLE] = "cycle",
};

const char *fu_ref_status_name(enum fu_ref_status s)
{
	return s < FU_REF_NSTATUS ? status_names[s] : "?";
}

static uint32_t add_text(fu_refgraph *g, const char *s)
{
	size_t n = strlen(s) + 1;
	if (g->tlen + n > g->tcap) {
		while (g->tlen + n > g->tcap)
			g->tcap = g->tcap ? g->tcap * 2 : 4096;
		g->text = fu_xrealloc(g->text, g->tcap);
	}
	if (g->tlen + n > UINT32_MAX)
		fu_die(FU_EXIT_USAGE, "out of room for referral keys (4 GiB)");
	memcpy(g->text + g->tlen, s, n);
	uint32_t off = (uint32_t)g->tlen;
	g->tlen += n;
	return off;
}

void fu_refgraph_init(fu_refgraph *g)
{
	memset(g, 0, sizeof *g);
	g->grace = FU_REFERRAL_GRACE;
	add_text(g, ""); /* offset 0 is the empty key */
}

uint32_t fu_refgraph_node(fu_refgraph *g, const char *id)
{
	if ((g->n & (g->n - 1)) == 0) { /* grow at powers of two */
		size_t cap = g->n ? g->n * 2 : 1;
		g->id = fu_xrealloc(g->id, cap * sizeof *g->id);
		g->first_purchase = fu_xrealloc(g->first_purchase, cap * sizeof *g->first_purchase);
	}
	g->id[g->n] = add_text(g, id);
	g->first_purchase[g->n] = FU_REF_NEVER;
	return (uint32_t)g->n++;
}

uint32_t fu_refgraph_file(fu_refgraph *g, const char *name)
{
	g->files = fu_xrealloc(g->files, (g->nfiles + 1) * sizeof *g->files);
	g->files[g->nfiles] = name;
	return (uint32_t)g->nfiles++;
}

size_t fu_refgraph_claim(fu_refgraph *g, uint32_t referrer, const char *referrer_key, uint32_t referred,
                         const char *referred_key, uint32_t file, long line, int dated, int64_t t)
{
	if (g->nclaims == g->ccap) {
		g->ccap = g->ccap ? g->ccap * 2 : 1024;
		g->claims = fu_xrealloc(g->claims, g->ccap * sizeof *g->claims);
	}
	fu_ref_claim *c = &g->claims[g->nclaims++];
	memset(c, 0, sizeof *c);
	c->referrer = referrer;
	c->referred = referred;
	/* a key that names a node is that node's id: no copy needed */
	c->referrer_key = referrer != FU_REF_NONE ? g->id[referrer] : add_text(g, referrer_key);
	c->referred_key = referred != FU_REF_NONE ? g->id[referred] : add_text(g, referred_key);
	c->file = file;
	c->line = line;
	c->dated = dated != 0;
	c->t = dated ? t : 0;
	c->other = FU_REF_NONE;
	return g->nclaims - 1;
}

int fu_referral_same_mailbox(const char *a, const char *b)
{
	if (!strchr(a, '@') || !strchr(b, '@'))
		return 0;
	fu_buf ba = {0}, bb = {0};
	size_t na = strlen(a), nb = strlen(b);
	if (fu_email_untagged(a, na, &ba)) {
		a = ba.data;
		na = ba.len;
	}
	if (fu_email_untagged(b, nb, &bb)) {
		b = bb.data;
		nb = bb.len;
	}
	int same = na == nb && memcmp(a, b, na) == 0;
	fu_buf_free(&ba);
	fu_buf_free(&bb);
	return same;
}

uint32_t fu_refgraph_parent(const fu_refgraph *g, uint32_t v)
{
	uint32_t c = g->chosen ? g->chosen[v] : FU_REF_NONE;
	if (c == FU_REF_NONE || g->claims[c].status != FU_REF_CREDITED)
		return FU_REF_NONE;
	return g->claims[c].referrer;
}

enum { PENDING = FU_REF_NSTATUS };

/* step 1: the checks that need only the claim itself */
static void check_claim(fu_refgraph *g, fu_ref_claim *c)
{
	if (c->referred == FU_REF_NONE)
		c->status = FU_REF_NOBODY;
	else if (c->referrer == FU_REF_NONE)
		c->status = FU_REF_UNKNOWN;
	else if (c->referrer == c->referred || c->same_mailbox)
		c->status = FU_REF_SELF;
	else if (c->dated && !fu_referral_brought(c->t, g->first_purchase[c->referred], g->grace))
		c->status = FU_REF_AFTER_PURCHASE;
	else
		c->status = PENDING;
}

/* step 2: is claim a a better pick than the current best b? */
static int better(const fu_ref_claim *a, const fu_ref_claim *b, enum fu_attribution rule)
{
	if (!b)
		return 1;
	if (a->dated != b->dated)
		return a->dated; /* a dated claim beats an undated one */
	if (rule == FU_ATTR_EARLIEST) /* input order: a comes after b */
		return a->dated && a->t < b->t;
	return !a->dated || a->t >= b->t;
}

static void attribute(fu_refgraph *g, enum fu_attribution rule)
{
	size_t n = g->n;
	/* group the pending claims by referred contact, keeping input order */
	uint32_t *start = fu_xcalloc(n + 1, sizeof *start);
	for (size_t i = 0; i < g->nclaims; i++)
		if (g->claims[i].status == PENDING)
			start[g->claims[i].referred + 1]++;
	for (size_t v = 0; v < n; v++)
		start[v + 1] += start[v];
	uint32_t *order = fu_xmalloc((start[n] + 1) * sizeof *order);
	uint32_t *fill = fu_xmalloc((n + 1) * sizeof *fill);
	memcpy(fill, start, n * sizeof *fill);
	for (size_t i = 0; i < g->nclaims; i++)
		if (g->claims[i].status == PENDING)
			order[fill[g->claims[i].referred]++] = (uint32_t)i;
	for (size_t v = 0; v < n; v++) {
		const fu_ref_claim *best = NULL;
		uint32_t win = FU_REF_NONE;
		for (uint32_t k = start[v]; k < start[v + 1]; k++)
			if (better(&g->claims[order[k]], best, rule)) {
				win = order[k];
				best = &g->claims[win];
			}
		if (win == FU_REF_NONE)
			continue;
		g->chosen[v] = win;
		g->claims[win].status = FU_REF_CREDITED;
		for (uint32_t k = start[v]; k < start[v + 1]; k++) {
			fu_ref_claim *c = &g->claims[order[k]];
			if (order[k] == win)
				continue;
			c->status = c->referrer == best->referrer ? FU_REF_REPEAT : FU_REF_SECOND;
			c->other = win;
		}
	}
	free(start);
	free(order);
	free(fill);
}

/* step 3: with one referrer per contact the credited links form a
 * functional graph, so a ring is found by walking up from each contact not
 * yet seen, marking the walk with its own number: meeting a contact of the
 * same walk closes a ring; meeting an older walk's contact does not. */
static void break_rings(fu_refgraph *g)
{
	uint32_t *walk = fu_xcalloc(g->n, sizeof *walk);
	uint32_t w = 0;
	for (size_t v = 0; v < g->n; v++) {
		if (walk[v])
			continue;
		w++;
		uint32_t u = (uint32_t)v;
		while (u != FU_REF_NONE && !walk[u]) {
			walk[u] = w;
			u = fu_refgraph_parent(g, u);
		}
		if (u == FU_REF_NONE || walk[u] != w)
			continue;
		uint32_t len = 0, x = u;
		do {
			len++;
			x = fu_refgraph_parent(g, x);
		} while (x != u);
		/* mark all first: fu_refgraph_parent stops at a marked claim */
		x = u;
		for (uint32_t k = 0; k < len; k++) {
			fu_ref_claim *c = &g->claims[g->chosen[x]];
			x = c->referrer;
			c->other = len;
		}
		for (uint32_t k = 0; k < len; k++) {
			fu_ref_claim *c = &g->claims[g->chosen[x]];
			x = c->referrer;
			c->status = FU_REF_CYCLE;
		}
	}
	free(walk);
}

void fu_refgraph_resolve(fu_refgraph *g, enum fu_attribution rule)
{
	free(g->chosen);
	g->chosen = fu_xmalloc((g->n ? g->n : 1) * sizeof *g->chosen);
	for (size_t v = 0; v < g->n; v++)
		g->chosen[v] = FU_REF_NONE;
	for (size_t i = 0; i < g->nclaims; i++)
		check_claim(g, &g->claims[i]);
	attribute(g, rule);
	break_rings(g);
	memset(g->count, 0, sizeof g->count);
	for (size_t i = 0; i < g->nclaims; i++)
		g->count[g->claims[i].status]++;
}

/* The ring of claim C as "a -> b -> c -> a", from its referrer round; a
 * long ring is shortened.  Walking referrer links goes round backwards:
 * x0 = the referred, x1 = the referrer, x2 = x1's referrer, ... */
static void describe_ring(const fu_refgraph *g, const fu_ref_claim *c, char *buf, size_t size)
{
	const char *r = g->text + g->id[c->referrer], *d = g->text + g->id[c->referred];
	uint32_t len = c->other;
	if (len > 6) {
		snprintf(buf, size, "%s -> %s -> ... -> %s", r, d, r);
		return;
	}
	uint32_t x[6];
	x[0] = c->referred;
	for (uint32_t k = 1; k < len; k++)
		x[k] = g->claims[g->chosen[x[k - 1]]].referrer;
	size_t n = (size_t)snprintf(buf, size, "%s -> %s", r, d);
	for (uint32_t k = len - 1; k >= 2 && n < size; k--)
		n += (size_t)snprintf(buf + n, size - n, " -> %s", g->text + g->id[x[k]]);
	if (n < size)
		snprintf(buf + n, size - n, " -> %s", r);
}

void fu_refgraph_explain(const fu_refgraph *g, size_t i, const char *(*tz_of)(const void *ctx, uint32_t node),
                         const void *ctx, char *buf, size_t size)
{
	const fu_ref_claim *c = &g->claims[i];
	const char *from = g->text + c->referrer_key, *to = g->text + c->referred_key;
	char day[40], other[40], ring[400];
	switch ((enum fu_ref_status)c->status) {
	case FU_REF_CREDITED:
	case FU_REF_REPEAT:
	case FU_REF_NSTATUS:
		buf[0] = '\0';
		return;
	case FU_REF_SELF:
		if (c->same_mailbox)
			snprintf(buf, size,
			         "referral %s -> %s: a self-referral (one mailbox: an address and its +tag "
			         "sub-address): no credit", from, to);
		else
			snprintf(buf, size, "referral %s -> %s: a self-referral: no credit", from, to);
		return;
	case FU_REF_UNKNOWN:
		if (!*from)
			snprintf(buf, size, "referral of %s names no referrer: no credit", to);
		else
			snprintf(buf, size, "referral %s -> %s: the referrer %s is not among the contacts: no credit",
			         from, to, from);
		return;
	case FU_REF_NOBODY:
		if (!*to)
			snprintf(buf, size, "referral by %s names nobody: no credit", from);
		else
			snprintf(buf, size, "referral %s -> %s: %s is not among the contacts (a referral to nobody): no credit",
			         from, to, to);
		return;
	case FU_REF_AFTER_PURCHASE:
		/* the claim in the referrer's zone (as the ledger's last_referral),
		 * the purchase in the buyer's, so that they read as the log has
		 * them: dates, or times with their offsets when both fall on one
		 * day or the zones differ (dates alone would not compare) */
		{
			const char *ztz = tz_of ? tz_of(ctx, c->referrer) : NULL;
			const char *btz = tz_of ? tz_of(ctx, c->referred) : NULL;
			int64_t bought = g->first_purchase[c->referred];
			int same_zone = ztz == btz || (ztz && btz && strcmp(ztz, btz) == 0);
			if (!same_zone || fu_local_day(c->t, ztz) == fu_local_day(bought, btz)) {
				fu_format_time(c->t, ztz, day, sizeof day);
				fu_format_time(bought, btz, other, sizeof other);
			} else {
				fu_format_date(fu_local_day(c->t, ztz), day, sizeof day);
				fu_format_date(fu_local_day(bought, btz), other, sizeof other);
			}
		}
		snprintf(buf, size,
		         "referral %s -> %s dated %s: %s had bought already (first purchase %s): no credit",
		         from, to, day, to, other);
		return;
	case FU_REF_SECOND: {
		const fu_ref_claim *w = &g->claims[c->other];
		const char *file = g->files[w->file];
		snprintf(buf, size, "referral %s -> %s: %s is already credited to %s (%s:%ld): no credit", from, to,
		         to, g->text + w->referrer_key, strcmp(file, "-") == 0 ? "<stdin>" : file, w->line);
		return;
	}
	case FU_REF_CYCLE:
		describe_ring(g, c, ring, sizeof ring);
		snprintf(buf, size, "referral %s -> %s is in a ring of %u referrals (%s): no credit", from, to,
		         (unsigned)c->other, ring);
		return;
	}
}

uint32_t *fu_refgraph_roots(const fu_refgraph *g)
{
	uint32_t *root = fu_xmalloc((g->n ? g->n : 1) * sizeof *root);
	uint32_t *path = fu_xmalloc((g->n ? g->n : 1) * sizeof *path);
	for (size_t v = 0; v < g->n; v++)
		root[v] = FU_REF_NONE;
	for (size_t v = 0; v < g->n; v++) {
		size_t np = 0;
		uint32_t u = (uint32_t)v, p;
		while (root[u] == FU_REF_NONE && (p = fu_refgraph_parent(g, u)) != FU_REF_NONE) {
			path[np++] = u;
			u = p;
		}
		uint32_t r = root[u] != FU_REF_NONE ? root[u] : u;
		root[u] = r;
		while (np)
			root[path[--np]] = r;
	}
	free(path);
	return root;
}

void fu_refgraph_free(fu_refgraph *g)
{
	free(g->text);
	free(g->id);
	free(g->first_purchase);
	free(g->claims);
	free(g->files);
	free(g->chosen);
	memset(g, 0, sizeof *g);
}

/* ---- the ledger ------------------------------------------------------------ */

void fu_refledger_compute(fu_refledger *l, const fu_refgraph *g, int depth, double decay,
                          const double *revenue)
{
	size_t n = g->n ? g->n : 1;
	memset(l, 0, sizeof *l);
	l->depth = depth;
	l->decay = decay;
	l->referred = fu_xcalloc(n * (size_t)depth, sizeof *l->referred);
	l->converted = fu_xcalloc(n * (size_t)depth, sizeof *l->converted);
	l->revenue = fu_xcalloc(n, sizeof *l->revenue);
	l->last = fu_xmalloc(n * sizeof *l->last);
	l->is_referrer = fu_xcalloc(n, 1);
	for (size_t v = 0; v < g->n; v++)
		l->last[v] = INT64_MIN;
	for (size_t i = 0; i < g->nclaims; i++) {
		const fu_ref_claim *c = &g->claims[i];
		if (c->referrer == FU_REF_NONE)
			continue;
		l->is_referrer[c->referrer] = 1;
		if (c->dated && c->t > l->last[c->referrer])
			l->last[c->referrer] = c->t;
	}
	for (size_t v = 0; v < g->n; v++) {
		uint32_t p = fu_refgraph_parent(g, (uint32_t)v);
		if (p == FU_REF_NONE)
			continue;
		int converted = g->first_purchase[v] != FU_REF_NEVER;
		if (revenue)
			l->revenue[p] += revenue[v];
		/* the forest has no rings left, so this walk ends */
		for (int k = 0; p != FU_REF_NONE && k < depth; k++) {
			l->referred[(size_t)p * depth + k]++;
			l->converted[(size_t)p * depth + k] += converted;
			p = fu_refgraph_parent(g, p);
		}
	}
}

double fu_refledger_credit(const fu_refledger *l, uint32_t v, enum fu_perk_basis basis)
{
	const uint32_t *count = basis == FU_PERK_REFERRED ? l->referred : l->converted;
	double credit = 0, weight = 1;
	for (int k = 0; k < l->depth; k++) {
		credit += weight * count[(size_t)v * l->depth + k];
		weight *= l->decay;
	}
	return credit;
}

void fu_refledger_free(fu_refledger *l)
{
	free(l->referred);
	free(l->converted);
	free(l->revenue);
	free(l->last);
	free(l->is_referrer);
	memset(l, 0, sizeof *l);
}

/* The referral graph as Graphviz DOT (fu-referrals --graph). */
#include "lib/referral.h"

#include "fu.h"

#include <stdlib.h>
#include <string.h>

#define WARN_COLOUR "#d62728"     /* integrity problems */
#define CONVERTED_FILL "#b7e4c7"  /* referred and bought */

/* a DOT double-quoted string: quotes and backslashes escaped, line ends
 * and other control characters as spaces */
static void put_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fputc('\\', fp);
		fputc(ch < 0x20 || ch == 0x7f ? ' ' : ch, fp);
	}
	fputc('"', fp);
}

static const char *node_label(const fu_refgraph *g, uint32_t v, fu_ref_label_fn label, void *ctx)
{
	const char *s = label ? label(ctx, v) : NULL;
	return s && *s ? s : g->text + g->id[v];
}

/* a claim's end that names nobody: a placeholder per claim */
static void put_placeholder(FILE *fp, size_t claim, char end, const char *key)
{
	fprintf(fp, "  x%zu%c [label=", claim, end);
	put_quoted(fp, *key ? key : "(nobody)");
	fprintf(fp, ", shape=box, style=dashed, color=\"" WARN_COLOUR "\", fontcolor=\"" WARN_COLOUR "\"];\n");
}

int fu_refgraph_dot(const fu_refgraph *g, FILE *fp, fu_ref_label_fn label, void *ctx)
{
	size_t n = g->n;
	/* which contacts take part, which are converted, which have a problem */
	uint8_t *shown = fu_xcalloc(n ? n : 1, 1);
	enum { SHOWN = 1, CONVERTED = 2, PROBLEM = 4, HAS_CHILD = 8 };
	for (size_t i = 0; i < g->nclaims; i++) {
		const fu_ref_claim *c = &g->claims[i];
		int bad = c->status != FU_REF_CREDITED && c->status != FU_REF_REPEAT;
		if (c->referrer != FU_REF_NONE)
			shown[c->referrer] |= SHOWN | (bad ? PROBLEM : 0);
		if (c->referred != FU_REF_NONE)
			shown[c->referred] |= SHOWN | (bad ? PROBLEM : 0);
		if (c->status == FU_REF_CREDITED) {
			shown[c->referrer] |= HAS_CHILD;
			if (g->first_purchase[c->referred] != FU_REF_NEVER)
				shown[c->referred] |= CONVERTED;
		}
	}
	uint32_t *root = fu_refgraph_roots(g);
	/* group contacts by root: counting sort keeps input order */
	uint32_t *start = fu_xcalloc(n + 2, sizeof *start), *order = fu_xmalloc((n ? n : 1) * sizeof *order);
	for (size_t v = 0; v < n; v++)
		start[root[v] + 1]++;
	for (size_t v = 0; v < n; v++)
		start[v + 1] += start[v];
	for (size_t v = 0; v < n; v++)
		order[start[root[v]]++] = (uint32_t)v;
	for (size_t v = n; v > 0; v--) /* start[] moved one group on; move it back */
		start[v] = start[v - 1];
	start[0] = 0;

	fputs("digraph referrals {\n"
	      "  graph [rankdir=TB, fontname=\"Helvetica\", labeljust=l];\n"
	      "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
	      "  edge [fontname=\"Helvetica\", fontsize=10];\n",
	      fp);
	for (size_t v = 0; v < n; v++) {
		if (!(shown[v] & SHOWN))
			continue;
		fprintf(fp, "  n%zu [label=", v);
		put_quoted(fp, node_label(g, (uint32_t)v, label, ctx));
		if (shown[v] & CONVERTED)
			fputs(", style=\"rounded,filled\", fillcolor=\"" CONVERTED_FILL "\"", fp);
		if (shown[v] & PROBLEM)
			fputs(", color=\"" WARN_COLOUR "\", penwidth=2", fp);
		fputs("];\n", fp);
	}
	/* a cluster per root referrer: its credited tree */
	for (size_t r = 0; r < n; r++) {
		if (root[r] != r || !(shown[r] & HAS_CHILD))
			continue;
		fprintf(fp, "  subgraph cluster_%zu {\n    label=", r);
		put_quoted(fp, node_label(g, (uint32_t)r, label, ctx));
		fputs(";\n    color=\"#888888\";\n   ", fp);
		for (uint32_t k = start[r]; k < start[r + 1]; k++)
			fprintf(fp, " n%u;", order[k]);
		fputs("\n  }\n", fp);
	}
	for (size_t i = 0; i < g->nclaims; i++) {
		const fu_ref_claim *c = &g->claims[i];
		if (c->status == FU_REF_REPEAT)
			continue; /* drawn once, as the credited edge */
		char from[32], to[32];
		if (c->referrer != FU_REF_NONE)
			snprintf(from, sizeof from, "n%u", c->referrer);
		else {
			put_placeholder(fp, i, 'r', g->text + c->referrer_key);
			snprintf(from, sizeof from, "x%zur", i);
		}
		if (c->referred != FU_REF_NONE)
			snprintf(to, sizeof to, "n%u", c->referred);
		else {
			put_placeholder(fp, i, 'd', g->text + c->referred_key);
			snprintf(to, sizeof to, "x%zud", i);
		}
		fprintf(fp, "  %s -> %s", from, to);
		if (c->status != FU_REF_CREDITED)
			fprintf(fp, " [color=\"" WARN_COLOUR "\", fontcolor=\"" WARN_COLOUR
			            "\", style=dashed, label=\"%s\"]",
			        fu_ref_status_name(c->status));
		fputs(";\n", fp);
	}
	fputs("}\n", fp);
	free(shown);
	free(root);
	free(start);
	free(order);
	fflush(fp);
	return ferror(fp) ? -1 : 0;
}

/* clv-check — prints what src/lib/clv.c computes, one `name,value` per line,
 * for tests/scripts/clv-model.sh to compare against published figures.
 *   clv-check fit SUMMARY.csv     BG/NBD and Gamma-Gamma fitted on a summary
 *                                 (ID,x,t_x,T[,zbar]; Gamma-Gamma needs zbar)
 *   clv-check at r alpha a b      derived BG/NBD quantities at fixed parameters
 *   clv-check special             digamma and 2F1 at points with known values */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clv.h"

static void put(const char *name, double v) { printf("%s,%.10g\n", name, v); }

static int fit(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 2;
	}
	char line[512];
	size_t n = 0, cap = 1024;
	fu_clv_cust *c = malloc(cap * sizeof *c);
	int have_z = 0;
	if (!fgets(line, sizeof line, f)) /* header */
		return 2;
	while (fgets(line, sizeof line, f)) {
		double id, x, tx, T, z = 0;
		int k = sscanf(line, "%lf,%lf,%lf,%lf,%lf", &id, &x, &tx, &T, &z);
		if (k < 4)
			continue;
		have_z = k == 5;
		if (n == cap)
			c = realloc(c, (cap *= 2) * sizeof *c);
		c[n++] = (fu_clv_cust){(unsigned)x, tx, T, z};
	}
	fclose(f);
	fu_bgnbd m;
	int st = fu_bgnbd_fit(c, n, &m);
	if (st != FU_CLV_OK) {
		fprintf(stderr, "bgnbd: %s\n", fu_clv_strerror(st));
		return 1;
	}
	put("r", m.r), put("alpha", m.alpha), put("a", m.a), put("b", m.b), put("ll", m.ll);
	put("ll_check", fu_bgnbd_ll(&m, c, n));
	if (have_z) {
		fu_gg g;
		st = fu_gg_fit(c, n, &g);
		if (st != FU_CLV_OK) {
			fprintf(stderr, "gg: %s\n", fu_clv_strerror(st));
			return 1;
		}
		put("p", g.p), put("q", g.q), put("gamma", g.gamma), put("gg_ll", g.ll);
		put("gg_n", (double)g.n);
	}
	free(c);
	return 0;
}

static int at(char **argv)
{
	fu_bgnbd m = {.r = atof(argv[0]), .alpha = atof(argv[1]), .a = atof(argv[2]), .b = atof(argv[3])};
	double e;
	if (fu_bgnbd_expected(&m, 2, 30.43, 38.86, 39, &e) != FU_CLV_OK)
		return 1;
	put("E_Y39_2_30.43_38.86", e);
	put("p_alive_2_30.43_38.86", fu_bgnbd_p_alive(&m, 2, 30.43, 38.86));
	put("p_alive_0_1_1", fu_bgnbd_p_alive(&m, 0, 1, 1));
	static const double ts[] = {0.1429, 1, 3, 31.8571, 32, 78};
	for (size_t i = 0; i < sizeof ts / sizeof *ts; i++) {
		char name[32];
		if (fu_bgnbd_expected_new(&m, ts[i], &e) != FU_CLV_OK)
			return 1;
		snprintf(name, sizeof name, "E_X_%g", ts[i]);
		put(name, e);
	}
	/* a = 1 exactly: the limit taken either side */
	fu_bgnbd one = m;
	one.a = 1;
	if (fu_bgnbd_expected(&one, 2, 30.43, 38.86, 39, &e) != FU_CLV_OK)
		return 1;
	put("E_Y39_a1", e);
	one.a = 1.001;
	if (fu_bgnbd_expected(&one, 2, 30.43, 38.86, 39, &e) != FU_CLV_OK)
		return 1;
	put("E_Y39_a1.001", e);
	/* a large x does not overflow the series */
	if (fu_bgnbd_expected(&m, 300, 38.86, 38.86, 39, &e) != FU_CLV_OK)
		return 1;
	put("E_Y39_300", e);
	fu_gg g = {.p = 6.25, .q = 3.74, .gamma = 15.44};
	static const struct { unsigned x; double m; } gm[] = {{2, 22.35}, {1, 11.77}, {0, 0}};
	for (size_t i = 0; i < sizeof gm / sizeof *gm; i++) {
		char name[32];
		fu_gg_expected_spend(&g, gm[i].x, gm[i].m, &e);
		snprintf(name, sizeof name, "E_M_%u_%g", gm[i].x, gm[i].m);
		put(name, e);
	}
	return 0;
}

static int special(void)
{
	double v;
	put("digamma_1", fu_digamma(1));
	put("digamma_0.5", fu_digamma(0.5));
	put("digamma_1e-3", fu_digamma(1e-3));
	put("digamma_40", fu_digamma(40));
	/* 2F1(1,1;2;z) = -ln(1-z)/z */
	fu_hyp2f1(1, 1, 2, 0.5, &v);
	put("f_ln_0.5", v);
	fu_hyp2f1(1, 1, 2, 0.99, &v);
	put("f_ln_0.99", v);
	/* 2F1(a,b;b;z) = (1-z)^-a */
	fu_hyp2f1(0.3, 2, 2, 0.9, &v);
	put("f_pow_0.9", v);
	/* terminates: 2F1(-2,b;c;z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1)) */
	fu_hyp2f1(-2, 3, 4, 0.5, &v);
	put("f_poly", v);
	put("f_outside", fu_hyp2f1(1, 1, 2, 1.0, &v));
	put("f_slow", fu_hyp2f1(5, 5, 1, 0.999999, &v));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "fit"))
		return fit(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "at"))
		return at(argv + 2);
	if (argc == 2 && !strcmp(argv[1], "special"))
		return special();
	fprintf(stderr, "usage: clv-check fit FILE | at r alpha a b | special\n");
	return 2;
}

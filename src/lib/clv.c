/* clv.c — BG/NBD, Gamma-Gamma and lifetime value (see clv.h).
 *
 * Both fits minimise the negative mean log-likelihood over the logarithms of
 * the parameters (so they stay positive without constraints) with nlopt's
 * L-BFGS and analytic gradients.  Terms that depend on a customer only
 * through x (the gamma and beta functions and their digammas) are computed
 * once per distinct x per evaluation, so an evaluation costs a few logs per
 * customer. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nlopt.h>

#include "clv.h"

const char *fu_clv_strerror(int status)
{
	switch (status) {
	case FU_CLV_OK: return "ok";
	case FU_CLV_EMPTY: return "no customers with a purchase";
	case FU_CLV_FEW_REPEAT: return "too few repeat customers to fit";
	case FU_CLV_BAD_VALUE: return "a repeat customer has a mean purchase value of zero or less";
	case FU_CLV_NO_CONVERGE: return "the fit did not converge";
	case FU_CLV_SERIES: return "the hypergeometric series did not converge";
	case FU_CLV_NO_MEMORY: return "out of memory";
	case FU_CLV_DOMAIN: return "the model's formula does not apply to these parameters";
	}
	return "unknown error";
}

/* ---- special functions -------------------------------------------------- */

double fu_digamma(double x)
{
	double r = 0;
	/* recurrence psi(x) = psi(x+1) - 1/x up to where the asymptotic
	 * series is accurate to double precision */
	while (x < 10) {
		r -= 1 / x;
		x += 1;
	}
	double f = 1 / (x * x);
	return r + log(x) - 0.5 / x
		- f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
}

/* Terms past this many mean the series is not converging at a useful rate. */
#define HYP2F1_MAX_TERMS 2000000

/* exp(lscale) * 2F1(a, b; c; z), summed with the terms kept relative to a
 * running scale, so a series whose terms first grow far beyond the range of
 * a double (large x: the terms peak near x z / (1 - z)) while its scaled sum
 * is small still comes out right. */
static int hyp2f1_scaled(double a, double b, double c, double z, double lscale, double *out)
{
	if (!(z >= 0 && z < 1) || c <= 0)
		return FU_CLV_DOMAIN;
	double term = 1, sum = 1, e = lscale, prev = 0;
	for (long k = 0; k < HYP2F1_MAX_TERMS; k++) {
		double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
		term *= ratio;
		sum += term;
		if (term == 0) {
			*out = sum * exp(e); /* a or b a non-positive integer: a polynomial */
			return FU_CLV_OK;
		}
		if (fabs(sum) > 1e150) {
			term *= 1e-150;
			sum *= 1e-150;
			e += 150 * M_LN10;
		}
		/* The ratio of terms tends to z.  Once it moves toward z from
		 * step to step, the ratios to come lie between it and z, so the
		 * tail is at most term * rho / (1 - rho) with rho the larger. */
		double rho = fabs(ratio) > z ? fabs(ratio) : z;
		if (k > 0 && rho < 1 && fabs(ratio - z) <= fabs(prev - z)) {
			/* the tail bound against 1e-12 of the sum, without a division */
			if (fabs(term) * rho <= 1e-12 * fabs(sum) * (1 - rho)) {
				*out = sum * exp(e);
				return isfinite(*out) ? FU_CLV_OK : FU_CLV_SERIES;
			}
		}
		prev = ratio;
		if (!isfinite(sum))
			break;
	}
	return FU_CLV_SERIES;
}

int fu_hyp2f1(double a, double b, double c, double z, double *out)
{
	return hyp2f1_scaled(a, b, c, z, 0, out);
}

/* ---- fitting ------------------------------------------------------------ */

/* log-parameters live in [-LOGBOUND, LOGBOUND]: a parameter that reaches
 * exp(+-LOGBOUND) is running off to 0 or infinity, which is no fit */
#define LOGBOUND 16.0

/* *bound: bit i set when parameter i ended at its bound, i.e. the data
 * favour a limit of the model (e.g. a, b -> infinity: everyone has the same
 * chance to drop out).  Such a fit is kept: its predictions are the limit's. */
static nlopt_result optimise(nlopt_algorithm alg, unsigned dim, nlopt_func f, void *ctx,
                             double *logp, double *minf)
{
	nlopt_opt opt = nlopt_create(alg, dim);
	if (!opt)
		return NLOPT_OUT_OF_MEMORY;
	double lo[4], hi[4];
	for (unsigned i = 0; i < dim; i++) {
		lo[i] = -LOGBOUND;
		hi[i] = LOGBOUND;
	}
	nlopt_set_lower_bounds(opt, lo);
	nlopt_set_upper_bounds(opt, hi);
	nlopt_set_min_objective(opt, f, ctx);
	nlopt_set_ftol_rel(opt, 1e-15);
	nlopt_set_xtol_rel(opt, 1e-11);
	nlopt_set_maxeval(opt, 5000);
	if (alg != NLOPT_LD_LBFGS) {
		double step[4] = {0.5, 0.5, 0.5, 0.5};
		nlopt_set_initial_step(opt, step);
	}
	nlopt_result res = nlopt_optimize(opt, logp, minf);
	nlopt_destroy(opt);
	/* ROUNDOFF_LIMITED: the objective cannot be lowered further in
	 * double precision — at an optimum, that is success */
	if (res == NLOPT_ROUNDOFF_LIMITED)
		res = NLOPT_SUCCESS;
	return res;
}

/* L-BFGS; where it gives up (a flat valley running to a bound, where its
 * line search fails), the subplex method from the point reached, then
 * L-BFGS again to polish.
 * *bound: bit i set when parameter i ended at its bound, i.e. the data
 * favour a limit of the model (e.g. a, b -> infinity: everyone has the same
 * chance to drop out).  Such a fit is kept: its predictions are the limit's. */
static int run_nlopt(unsigned dim, nlopt_func f, void *ctx, double *logp, double *minf,
                     unsigned *bound)
{
	nlopt_result res = optimise(NLOPT_LD_LBFGS, dim, f, ctx, logp, minf);
	if (res < 0 && res != NLOPT_OUT_OF_MEMORY) {
		res = optimise(NLOPT_LN_SBPLX, dim, f, ctx, logp, minf);
		if (res > 0) {
			double again[4], fa;
			memcpy(again, logp, dim * sizeof *again);
			if (optimise(NLOPT_LD_LBFGS, dim, f, ctx, again, &fa) > 0 && fa <= *minf) {
				memcpy(logp, again, dim * sizeof *again);
				*minf = fa;
			}
		}
	}
	if (res < 0 || !isfinite(*minf))
		return FU_CLV_NO_CONVERGE;
	*bound = 0;
	for (unsigned i = 0; i < dim; i++)
		if (fabs(logp[i]) > LOGBOUND - 0.5)
			*bound |= 1u << i;
	return FU_CLV_OK;
}

/* per distinct x: what the likelihood needs that depends only on x */
typedef struct {
	double lg, dlg;         /* BG/NBD: lgamma(r+x)-lgamma(r), its d/dr;
	                         * GG: lgamma(px+q)-lgamma(px)-lgamma(q) */
	double lb, dlb_a, dlb_b; /* BG/NBD: ln B(a,b+x) - ln B(a,b), d/da, d/db;
	                         * GG: psi(px+q), psi(px) in dlb_a, dlb_b */
} xterms;

typedef struct {
	const fu_clv_cust *c;
	size_t n;
	unsigned char *present; /* x values that occur, 0..xmax */
	unsigned xmax;
	xterms *xt;
} fitctx;

static int fitctx_init(fitctx *ctx, const fu_clv_cust *c, size_t n)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->c = c;
	ctx->n = n;
	for (size_t i = 0; i < n; i++)
		if (c[i].x > ctx->xmax)
			ctx->xmax = c[i].x;
	ctx->present = calloc((size_t)ctx->xmax + 1, 1);
	ctx->xt = calloc((size_t)ctx->xmax + 1, sizeof *ctx->xt);
	if (!ctx->present || !ctx->xt) {
		free(ctx->present);
		free(ctx->xt);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		ctx->present[c[i].x] = 1;
	return 0;
}

static void fitctx_free(fitctx *ctx)
{
	free(ctx->present);
	free(ctx->xt);
}

/* BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6) and, when grad is
 * set, its gradient in r, alpha, a, b. */
static double bgnbd_ll_grad(fitctx *ctx, const double *p, double *grad)
{
	double r = p[0], al = p[1], a = p[2], b = p[3];
	double lgr = lgamma(r), psr = fu_digamma(r);
	double lbab = lgamma(a + b) - lgamma(b), psab = fu_digamma(a + b), psb = fu_digamma(b);
	for (unsigned x = 0; x <= ctx->xmax; x++) {
		if (!ctx->present[x])
			continue;
		xterms *t = &ctx->xt[x];
		t->lg = lgamma(r + x) - lgr;
		t->dlg = fu_digamma(r + x) - psr;
		double psabx = fu_digamma(a + b + x);
		t->lb = lbab + lgamma(b + x) - lgamma(a + b + x);
		t->dlb_a = psab - psabx;
		t->dlb_b = psab + fu_digamma(b + x) - psb - psabx;
	}
	double lal = log(al), la = log(a);
	double ll = 0, gr = 0, gal = 0, ga = 0, gb = 0;
	for (size_t i = 0; i < ctx->n; i++) {
		const fu_clv_cust *c = &ctx->c[i];
		const xterms *t = &ctx->xt[c->x];
		double rx = r + c->x;
		double laT = log(al + c->T);
		double a3 = -rx * laT, lse, w3 = 1, w4 = 0, latx = 0, lbx = 0;
		if (c->x > 0) {
			latx = log(al + c->tx);
			lbx = log(b + c->x - 1);
			double a4 = la - lbx - rx * latx;
			double m = a3 > a4 ? a3 : a4;
			double e3 = exp(a3 - m), e4 = exp(a4 - m);
			lse = m + log(e3 + e4);
			w3 = e3 / (e3 + e4);
			w4 = e4 / (e3 + e4);
		} else {
			lse = a3;
		}
		ll += t->lg + r * lal + t->lb + lse;
		if (grad) {
			gr += t->dlg + lal - w3 * laT - w4 * latx;
			gal += r / al - rx * (w3 / (al + c->T) + (c->x ? w4 / (al + c->tx) : 0));
			ga += t->dlb_a + w4 / a;
			gb += t->dlb_b - (c->x ? w4 / (b + c->x - 1) : 0);
		}
	}
	if (grad) {
		grad[0] = gr;
		grad[1] = gal;
		grad[2] = ga;
		grad[3] = gb;
	}
	return ll;
}

/* The nlopt objective of either model: -LL/n over the logarithms of the
 * parameters, the gradient by the chain rule (d/d ln p = p d/dp). */
typedef struct {
	double (*ll_grad)(void *ctx, const double *par, double *grad);
	void *ctx;
	double n;
	int evals;
} logfit;

static double log_objective(unsigned dim, const double *lp, double *grad, void *data)
{
	logfit *L = data;
	double p[4] = {0}, g[4] = {0};
	for (unsigned i = 0; i < dim && i < 4; i++)
		p[i] = exp(lp[i]);
	L->evals++;
	double ll = L->ll_grad(L->ctx, p, grad ? g : NULL);
	if (grad)
		for (unsigned i = 0; i < dim && i < 4; i++)
			grad[i] = -g[i] * p[i] / L->n;
	return -ll / L->n;
}

static double bgnbd_ll_any(void *ctx, const double *p, double *grad)
{
	return bgnbd_ll_grad(ctx, p, grad);
}

double fu_bgnbd_ll(const fu_bgnbd *m, const fu_clv_cust *c, size_t n)
{
	fitctx ctx;
	if (fitctx_init(&ctx, c, n) < 0)
		return NAN;
	double p[4] = {m->r, m->alpha, m->a, m->b};
	double ll = bgnbd_ll_grad(&ctx, p, NULL);
	fitctx_free(&ctx);
	return ll;
}

int fu_bgnbd_fit(const fu_clv_cust *c, size_t n, fu_bgnbd *m)
{
	memset(m, 0, sizeof *m);
	if (n == 0)
		return FU_CLV_EMPTY;
	size_t repeat = 0;
	double sumx = 0, sumT = 0;
	for (size_t i = 0; i < n; i++) {
		repeat += c[i].x > 0;
		sumx += c[i].x;
		sumT += c[i].T;
	}
	if (repeat < FU_CLV_MIN_REPEAT)
		return FU_CLV_FEW_REPEAT;
	fitctx ctx;
	if (fitctx_init(&ctx, c, n) < 0)
		return FU_CLV_NO_CONVERGE;
	/* start at r = 1 with alpha giving the observed purchase rate, and
	 * a = b = 1 (a uniform prior on the drop-out probability) */
	double alpha0 = sumT > 0 ? sumT / sumx : 1;
	double lp[4] = {0, log(alpha0), 0, 0};
	double minf;
	logfit L = {bgnbd_ll_any, &ctx, (double)n, 0};
	int st = run_nlopt(4, log_objective, &L, lp, &minf, &m->bound);
	m->evals = L.evals;
	fitctx_free(&ctx);
	if (st != FU_CLV_OK)
		return st;
	m->r = exp(lp[0]);
	m->alpha = exp(lp[1]);
	m->a = exp(lp[2]);
	m->b = exp(lp[3]);
	m->ll = -minf * (double)n;
	m->n = (long)n;
	return FU_CLV_OK;
}

double fu_bgnbd_p_alive(const fu_bgnbd *m, unsigned x, double tx, double T)
{
	if (x == 0)
		return 1;
	double l = log(m->a / (m->b + x - 1)) + (m->r + x) * (log(m->alpha + T) - log(m->alpha + tx));
	return 1 / (1 + exp(l));
}

/* (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)]
 * with z = t/(alpha+T+t); the power and the series are summed together
 * (hyp2f1_scaled), as for large x the series alone overflows while their
 * product stays below 1.  T = 0 and x = 0 give E[X(t)]. */
static int bgnbd_bracket(double r, double alpha, double a, double b, unsigned x, double T,
	double t, double *out)
{
	double z = t / (alpha + T + t), s;
	double lscale = (r + x) * log((alpha + T) / (alpha + T + t));
	int st = hyp2f1_scaled(r + x, b + x, a + b + x - 1, z, lscale, &s);
	if (st != FU_CLV_OK)
		return st;
	*out = (a + b + x - 1) / (a - 1) * (1 - s);
	return FU_CLV_OK;
}

/* The formula divides by a-1; at a = 1 it has a finite limit, taken as the
 * mean of the values just either side. */
static int bgnbd_bracket_safe(const fu_bgnbd *m, unsigned x, double T, double t, double *out)
{
	if (fabs(m->a - 1) > 1e-6)
		return bgnbd_bracket(m->r, m->alpha, m->a, m->b, x, T, t, out);
	double lo, hi;
	int st = bgnbd_bracket(m->r, m->alpha, 1 - 1e-4, m->b, x, T, t, &lo);
	if (st == FU_CLV_OK)
		st = bgnbd_bracket(m->r, m->alpha, 1 + 1e-4, m->b, x, T, t, &hi);
	if (st == FU_CLV_OK)
		*out = (lo + hi) / 2;
	return st;
}

int fu_bgnbd_expected(const fu_bgnbd *m, unsigned x, double tx, double T, double t,
	double *out)
{
	if (t <= 0) {
		*out = 0;
		return FU_CLV_OK;
	}
	double br;
	int st = bgnbd_bracket_safe(m, x, T, t, &br);
	if (st != FU_CLV_OK)
		return st;
	*out = br * fu_bgnbd_p_alive(m, x, tx, T);
	return FU_CLV_OK;
}

int fu_bgnbd_expected_new(const fu_bgnbd *m, double t, double *out)
{
	if (t <= 0) {
		*out = 0;
		return FU_CLV_OK;
	}
	return bgnbd_bracket_safe(m, 0, 0, t, out);
}

/* ---- Gamma-Gamma -------------------------------------------------------- */

typedef struct {
	fitctx base;
	double *lm;  /* ln mbar per customer (repeat customers only) */
	double *lx;  /* ln x */
} ggctx;

/* Gamma-Gamma log-likelihood of the mean mbar of x purchases:
 * mbar ~ Gamma(p x, nu x), nu ~ Gamma(q, gamma), so
 * ln f = lnG(px+q) - lnG(px) - lnG(q) + q ln gamma + (px-1) ln mbar
 *        + px ln x - (px+q) ln(gamma + mbar x). */
static double gg_ll_grad(ggctx *g, const double *par, double *grad)
{
	fitctx *ctx = &g->base;
	double p = par[0], q = par[1], ga = par[2];
	double lgq = lgamma(q), psq = fu_digamma(q);
	for (unsigned x = 1; x <= ctx->xmax; x++) {
		if (!ctx->present[x])
			continue;
		xterms *t = &ctx->xt[x];
		t->lg = lgamma(p * x + q) - lgamma(p * x) - lgq;
		t->dlb_a = fu_digamma(p * x + q);
		t->dlb_b = fu_digamma(p * x);
	}
	double lga = log(ga);
	double ll = 0, gp = 0, gq = 0, gg = 0;
	for (size_t i = 0; i < ctx->n; i++) {
		const fu_clv_cust *c = &ctx->c[i];
		const xterms *t = &ctx->xt[c->x];
		double px = p * c->x;
		double den = ga + c->mbar * c->x, lden = log(den);
		ll += t->lg + q * lga + (px - 1) * g->lm[i] + px * g->lx[i] - (px + q) * lden;
		if (grad) {
			gp += c->x * (t->dlb_a - t->dlb_b + g->lm[i] + g->lx[i] - lden);
			gq += t->dlb_a - psq + lga - lden;
			gg += q / ga - (px + q) / den;
		}
	}
	if (grad) {
		grad[0] = gp;
		grad[1] = gq;
		grad[2] = gg;
	}
	return ll;
}

static double gg_ll_any(void *ctx, const double *p, double *grad)
{
	return gg_ll_grad(ctx, p, grad);
}

/* the repeat customers, with their logs; FU_CLV_BAD_VALUE for mbar <= 0 */
static int ggctx_init(ggctx *g, const fu_clv_cust *c, size_t n, fu_clv_cust **keep)
{
	memset(g, 0, sizeof *g);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].x == 0)
			continue;
		if (!(c[i].mbar > 0) || !isfinite(c[i].mbar))
			return FU_CLV_BAD_VALUE;
		k++;
	}
	if (k < FU_CLV_MIN_REPEAT)
		return FU_CLV_FEW_REPEAT;
	fu_clv_cust *r = malloc(k * sizeof *r);
	g->lm = malloc(k * sizeof *g->lm);
	g->lx = malloc(k * sizeof *g->lx);
	if (!r || !g->lm || !g->lx)
		goto nomem;
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].x == 0)
			continue;
		r[k] = c[i];
		g->lm[k] = log(c[i].mbar);
		g->lx[k] = log(c[i].x);
		k++;
	}
	if (fitctx_init(&g->base, r, k) < 0)
		goto nomem;
	*keep = r;
	return FU_CLV_OK;
nomem:
	free(r);
	free(g->lm);
	free(g->lx);
	return FU_CLV_NO_CONVERGE;
}

static void ggctx_free(ggctx *g, fu_clv_cust *keep)
{
	fitctx_free(&g->base);
	free(g->lm);
	free(g->lx);
	free(keep);
}

double fu_gg_ll(const fu_gg *m, const fu_clv_cust *c, size_t n)
{
	ggctx g;
	fu_clv_cust *keep;
	if (ggctx_init(&g, c, n, &keep) != FU_CLV_OK)
		return NAN;
	double p[3] = {m->p, m->q, m->gamma};
	double ll = gg_ll_grad(&g, p, NULL);
	ggctx_free(&g, keep);
	return ll;
}

int fu_gg_fit(const fu_clv_cust *c, size_t n, fu_gg *m)
{
	memset(m, 0, sizeof *m);
	ggctx g;
	fu_clv_cust *keep;
	int st = ggctx_init(&g, c, n, &keep);
	if (st != FU_CLV_OK)
		return st;
	/* start from the moments: with q = 3 the population mean p*gamma/(q-1)
	 * equals the mean of mbar at p = 1 */
	double mean = 0;
	for (size_t i = 0; i < g.base.n; i++)
		mean += g.base.c[i].mbar;
	mean /= (double)g.base.n;
	double lp[3] = {0, log(3.0), log(2 * mean)};
	double minf;
	logfit L = {gg_ll_any, &g, (double)g.base.n, 0};
	st = run_nlopt(3, log_objective, &L, lp, &minf, &m->bound);
	m->evals = L.evals;
	m->n = (long)g.base.n;
	ggctx_free(&g, keep);
	if (st != FU_CLV_OK)
		return st;
	m->p = exp(lp[0]);
	m->q = exp(lp[1]);
	m->gamma = exp(lp[2]);
	m->ll = -minf * (double)m->n;
	return FU_CLV_OK;
}

int fu_gg_expected_spend(const fu_gg *m, unsigned x, double mbar, double *out)
{
	if (m->q <= 1)
		return FU_CLV_DOMAIN;
	double mb = x > 0 ? mbar : 0;
	*out = (m->gamma + mb * x) * m->p / (m->p * x + m->q - 1);
	return FU_CLV_OK;
}

/* ---- lifetime value ----------------------------------------------------- */

int fu_bgnbd_slices(const fu_bgnbd *m, unsigned x, double T, double horizon, int steps,
	double *bracket)
{
	for (int k = 1; k <= steps; k++) {
		double t = horizon * k / steps;
		bracket[k - 1] = 0;
		if (t > 0) {
			int st = bgnbd_bracket_safe(m, x, T, t, &bracket[k - 1]);
			if (st != FU_CLV_OK)
				return st;
		}
	}
	return FU_CLV_OK;
}

void fu_bgnbd_discount_slices(const double *bracket, double p_alive, double horizon, int steps,
	double rate, double rate_per, double *expected, double *discounted)
{
	double prev = 0, value = 0;
	for (int k = 1; k <= steps; k++) {
		double t = horizon * k / steps;
		double e = t > 0 ? bracket[k - 1] * p_alive : 0;
		double disc = rate > 0 && rate_per > 0 ? pow(1 + rate, t / rate_per) : 1;
		value += (e - prev) / disc;
		prev = e;
	}
	*expected = prev;
	*discounted = value;
}

int fu_bgnbd_discounted(const fu_bgnbd *m, const fu_clv_cust *c, double horizon, int steps,
	double rate, double rate_per, double *expected, double *discounted)
{
	if (steps < 1)
		steps = 1;
	double *bracket = malloc((size_t)steps * sizeof *bracket);
	if (!bracket)
		return FU_CLV_NO_MEMORY;
	int st = fu_bgnbd_slices(m, c->x, c->T, horizon, steps, bracket);
	if (st == FU_CLV_OK)
		fu_bgnbd_discount_slices(bracket, fu_bgnbd_p_alive(m, c->x, c->tx, c->T), horizon,
		                         steps, rate, rate_per, expected, discounted);
	free(bracket);
	return st;
}

int fu_clv_value(const fu_bgnbd *bg, const fu_gg *gg, const fu_clv_cust *c,
	double horizon, int steps, double rate, double rate_per, double *out)
{
	double spend, e, purchases;
	int st = fu_gg_expected_spend(gg, c->x, c->mbar, &spend);
	if (st == FU_CLV_OK)
		st = fu_bgnbd_discounted(bg, c, horizon, steps, rate, rate_per, &e, &purchases);
	if (st == FU_CLV_OK)
		*out = purchases * spend;
	return st;
}

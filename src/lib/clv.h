/* clv.h — customer-base models: BG/NBD (Fader, Hardie & Lee 2005) for how
 * many purchases a customer will make and whether they are still "alive",
 * Gamma-Gamma (Fader & Hardie 2013, note 025) for the value of a purchase,
 * and the customer lifetime value over a horizon built from both.
 *
 * A customer is summarised as in the papers: x repeat purchases (distinct
 * purchase days after the first), t_x the time from the first to the last
 * purchase, T the time from the first purchase to the end of calibration
 * (both in the caller's unit, weeks in fu-churn), and mbar the mean value of
 * the repeat purchases.  Parameters are fitted by maximum likelihood with
 * nlopt (L-BFGS on the logarithms of the parameters, analytic gradients).
 * Nothing here prints or exits: every function returns a status. */
#ifndef FU_CLV_H
#define FU_CLV_H

#include <stddef.h>

typedef struct {
	unsigned x;  /* repeat purchases */
	double tx;   /* first to last purchase */
	double T;    /* first purchase to the end of calibration (>= tx) */
	double mbar; /* mean repeat purchase value; ignored when x == 0 */
} fu_clv_cust;

enum fu_clv_status {
	FU_CLV_OK = 0,
	FU_CLV_EMPTY,        /* no customers */
	FU_CLV_FEW_REPEAT,   /* too few repeat customers for the fit */
	FU_CLV_BAD_VALUE,    /* a repeat customer with mbar <= 0 or not finite */
	FU_CLV_NO_CONVERGE,  /* the optimiser failed or a parameter ran off */
	FU_CLV_SERIES,       /* the hypergeometric series did not converge */
	FU_CLV_DOMAIN,       /* the formula does not apply (e.g. Gamma-Gamma q <= 1) */
	FU_CLV_NO_MEMORY,
};
const char *fu_clv_strerror(int status);

/* Fewest repeat customers (x > 0) either model is fitted on. */
#define FU_CLV_MIN_REPEAT 10

typedef struct {
	double r, alpha, a, b;
	double ll;   /* log-likelihood at the estimate */
	long n;      /* customers fitted */
	int evals;   /* likelihood evaluations */
	unsigned bound; /* bit per parameter (r, alpha, a, b) that ran to its
	                 * bound, exp(+-16): the data favour the model's limit */
} fu_bgnbd;

typedef struct {
	double p, q, gamma;
	double ll;
	long n;      /* repeat customers fitted */
	int evals;
	unsigned bound; /* bit per parameter (p, q, gamma) at its bound */
} fu_gg;

/* ---- BG/NBD ------------------------------------------------------------ */
/* log-likelihood of customers under the model's r, alpha, a, b */
double fu_bgnbd_ll(const fu_bgnbd *m, const fu_clv_cust *c, size_t n);
/* Fit r, alpha, a, b; on FU_CLV_OK *m holds the estimate and its ll. */
int fu_bgnbd_fit(const fu_clv_cust *c, size_t n, fu_bgnbd *m);
/* P(alive | x, t_x, T); 1 for x == 0 (the model lets customers die only
 * after a purchase). */
double fu_bgnbd_p_alive(const fu_bgnbd *m, unsigned x, double tx, double T);
/* E[Y(t) | x, t_x, T]: expected purchases in the next t. */
int fu_bgnbd_expected(const fu_bgnbd *m, unsigned x, double tx, double T, double t,
	double *out);
/* E[X(t)] for a new customer: expected purchases in their first t. */
int fu_bgnbd_expected_new(const fu_bgnbd *m, double t, double *out);

/* ---- Gamma-Gamma ------------------------------------------------------- */
/* log-likelihood of the repeat customers (x > 0) under p, q, gamma */
double fu_gg_ll(const fu_gg *m, const fu_clv_cust *c, size_t n);
/* Fit p, q, gamma on the customers with x > 0. */
int fu_gg_fit(const fu_clv_cust *c, size_t n, fu_gg *m);
/* E[M | x, mbar], the expected value of a future purchase; the population
 * mean p*gamma/(q-1) for x == 0.  FU_CLV_DOMAIN when q <= 1 (no mean). */
int fu_gg_expected_spend(const fu_gg *m, unsigned x, double mbar, double *out);

/* ---- lifetime value ---------------------------------------------------- */
/* E[Y(horizon)] into *expected, and the same purchases discounted into
 * *discounted: the horizon cut into `steps` equal slices, each slice's
 * purchases divided by (1 + rate)^(t_k / rate_per) (rate 0: no discount). */
int fu_bgnbd_discounted(const fu_bgnbd *m, const fu_clv_cust *c, double horizon, int steps,
	double rate, double rate_per, double *expected, double *discounted);
/* The same in two halves, for callers scoring many customers: E[Y(t_k)] is
 * bracket(x, T, t_k) * P(alive | x, t_x, T), and the brackets (the costly
 * part, a 2F1 series each) do not depend on t_x, so customers sharing x and
 * T share them.  fu_bgnbd_slices fills bracket[0..steps-1] for t_k = horizon
 * * k / steps; fu_bgnbd_discount_slices combines them with P(alive) exactly
 * as fu_bgnbd_discounted does. */
int fu_bgnbd_slices(const fu_bgnbd *m, unsigned x, double T, double horizon, int steps,
	double *bracket);
void fu_bgnbd_discount_slices(const double *bracket, double p_alive, double horizon, int steps,
	double rate, double rate_per, double *expected, double *discounted);
/* Expected spend over the next `horizon`, purchases counted in `steps`
 * equal slices and each slice's value discounted by (1 + rate) per
 * `rate_per` units of time from now (rate 0: no discount):
 *   sum_k (E[Y(t_k)] - E[Y(t_k-1)]) * E[M] / (1 + rate)^(t_k / rate_per) */
int fu_clv_value(const fu_bgnbd *bg, const fu_gg *gg, const fu_clv_cust *c,
	double horizon, int steps, double rate, double rate_per, double *out);

/* ---- special functions ------------------------------------------------- */
/* digamma (psi) for x > 0 */
double fu_digamma(double x);
/* Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 by its series, with a
 * bound on the tail for the convergence check; FU_CLV_SERIES if that bound
 * is not met within the term budget. */
int fu_hyp2f1(double a, double b, double c, double z, double *out);

#endif

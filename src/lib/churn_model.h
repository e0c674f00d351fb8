/* churn_model.h — fu-churn's use of the models in clv.h: the parameters file
 * (--params), the holdout calibration table (--holdout) and the SVG picture
 * (--plot).  Functions report their own errors and return -1; none exits. */
#ifndef FU_CHURN_MODEL_H
#define FU_CHURN_MODEL_H

#include <stddef.h>

#include "lib/clv.h"

typedef struct {
	fu_bgnbd bg;
	fu_gg gg;
	int have_bg, have_gg;
	double unit_days; /* length of the model's time unit in days */
} fu_churn_model;

/* the time units of --unit: day, week, month (30.4375 days); 0 if unknown */
double fu_churn_unit_days(const char *unit);
const char *fu_churn_unit_name(double unit_days);

/* Read a parameters file (name,value lines: r, alpha, a, b, ll, n, p, q,
 * gamma, gg_ll, gg_n, unit).  alpha is converted to UNIT_DAYS when the file
 * was written in another unit.  Returns 0, 1 if PATH does not exist, -1 on
 * a bad file (reported with its line). */
int fu_churn_params_load(const char *path, double unit_days, fu_churn_model *m);
/* Write the fitted parameters (through a temp file); 0 or -1 (reported). */
int fu_churn_params_write(const char *path, const fu_churn_model *m);

/* ---- holdout ------------------------------------------------------------- */
#define FU_HOLDOUT_BINS 8 /* repeat purchases 0..6 and 7+ */
typedef struct {
	long customers[FU_HOLDOUT_BINS];
	double actual[FU_HOLDOUT_BINS], predicted[FU_HOLDOUT_BINS];
	int failed; /* customers whose expectation could not be computed */
} fu_holdout;

/* add a customer: calibration summary C, purchases after, expected E */
void fu_holdout_add(fu_holdout *h, unsigned x, double actual, double expected);
/* write the table as CSV: repeat_purchases,customers,actual,predicted
 * (means per customer), then a row `all` with the totals' means */
int fu_holdout_write(const fu_holdout *h, FILE *fp);

/* ---- picture ------------------------------------------------------------- */
/* risk[i] in 0..100 for n contacts; bands at MEDIUM and HIGH.  H may be NULL
 * (no holdout chart).  Writes a self-contained SVG; 0 or -1 (reported). */
int fu_churn_plot(const char *path, const int *risk, size_t n, double medium, double high,
                  const fu_holdout *h);

#endif

/* churn_base.h — fu-churn past one machine: the customer base as a file.
 * The model is fitted, and RFM scored, over the whole customer base, so a
 * base split into shards is judged in two phases: each shard writes its
 * customers' summaries (--summary: x, t_x, T, mean spend, recency, spend; a
 * few bytes each), and each shard is then judged against the concatenated
 * summaries (--fit-summary FILE) instead of its own customers.  The result
 * is the single run's (README, "Past one machine"). */
#ifndef FU_CHURN_BASE_H
#define FU_CHURN_BASE_H

#include "fu.h"
#include "lib/churn_run.h"
#include "lib/clv.h"

typedef struct fu_churn_base {
	fu_clv_cust *cust; /* each customer's summary in the model's unit */
	double *rfm[3];    /* recency, frequency, monetary, each sorted worst first */
	size_t n;
} fu_churn_base;

/* the summary file's columns; t_x and T are in days, so any --unit reads it */
extern const char *const fu_churn_base_columns[];

/* --summary: each customer's summary (x, t_x, T, mean_spend,
 * recency_days, monetary, now), numbers written to round-trip exactly (15
 * digits: churn_run.c keeps sums to 15); counted in run->written */
void fu_churn_base_write(fu_churn_run *run, fu_csv_writer *w);
/* Read a summaries file (several concatenated: a repeated header line is
 * skipped).  O's unit_days converts t_x and T to the model's unit; a row
 * whose now is not O's --now (fu_churn_now_text) is an error.  Returns 0,
 * or -1 on an unreadable or bad file (reported with its line). */
int fu_churn_base_load(fu_churn_base *b, const char *path, const fu_churn_opts *o);
/* --now as a summary records it: the date when it was given as one, else
 * the UTC time (YYYY-MM-DDTHH:MM:SSZ); BUF holds 40 */
void fu_churn_now_text(const fu_churn_opts *o, char *buf, size_t n);
/* The RFM score (1..5) of value V in column K (0 recency, 1 frequency, 2
 * monetary) among the base's customers: fu_rfm_scores' formula, the value's
 * tied rank looked up in the base. */
unsigned char fu_churn_base_score(const fu_churn_base *b, int k, double v);
void fu_churn_base_free(fu_churn_base *b);

#endif

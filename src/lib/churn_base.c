/* The customer base as a file (see churn_base.h). */
#include "lib/churn_base.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/churn.h"
#include "lib/reader.h"

const char *const fu_churn_base_columns[] = {"x", "t_x", "T", "mean_spend", "recency_days",
                                             "monetary", NULL};
/* the --now the summaries are as of; written last, and a summary written
 * before it was (no such column) is read without the check */
static const char now_column[] = "now";

void fu_churn_now_text(const fu_churn_opts *o, char *buf, size_t n)
{
	if (o->now_is_date)
		fu_format_date(o->today, buf, n);
	else
		fu_format_time(o->now, "UTC", buf, n);
}

/* a summary's number: 15 digits where churn_run.c keeps 15 (fu_money_digits:
 * the same double read back), else every digit */
static void put_number(char *buf, size_t n, double v)
{
	double a = fabs(v);
	snprintf(buf, n, a == 0 || (a >= 1e-8 && a < 1e15) ? "%.15g" : "%.17g", v);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void fu_churn_base_write(fu_churn_run *run, fu_csv_writer *w)
{
	for (int k = 0; fu_churn_base_columns[k]; k++)
		fu_csv_fields(w, fu_churn_base_columns[k]);
	fu_csv_fields(w, now_column);
	fu_csv_endrow(w);
	double unit = run->o->unit_days;
	char now[40];
	fu_churn_now_text(run->o, now, sizeof now);
	for (size_t i = 0; i < run->n; i++) {
		const fu_churn_row *row = &run->rows[i];
		if (!row->frequency)
			continue;
		const fu_clv_cust *c = &row->now;
		char v[6][40];
		snprintf(v[0], sizeof v[0], "%u", (unsigned)c->x);
		snprintf(v[1], sizeof v[1], "%lld", (long long)llround(c->tx * unit)); /* whole days */
		snprintf(v[2], sizeof v[2], "%lld", (long long)llround(c->T * unit));
		if (isnan(c->mbar))
			v[3][0] = '\0'; /* a purchase without an amount */
		else
			put_number(v[3], sizeof v[3], c->mbar);
		snprintf(v[4], sizeof v[4], "%ld", (long)row->recency);
		put_number(v[5], sizeof v[5], row->monetary);
		for (int k = 0; k < 6; k++)
			fu_csv_fields(w, v[k]);
		fu_csv_fields(w, now);
		fu_csv_endrow(w);
		run->written++;
	}
}

/* a number as put_number writes it; empty is NAN when EMPTY_OK */
static int number(const char *s, int empty_ok, double *out)
{
	if (*s == '\0') {
		*out = NAN;
		return empty_ok ? 0 : -1;
	}
	char *end;
	errno = 0;
	*out = strtod(s, &end);
	return *end || errno || !isfinite(*out) ? -1 : 0;
}

/* whether summary --now TEXT falls on DAY in $TZ: a run on the clock takes
 * the summaries made on the clock earlier the same day */
static int same_day(const char *text, int32_t day)
{
	int64_t t;
	const char *why;
	struct tm tm;
	if (fu_parse_now(text, &t, &why) != 0 || fu_localtime(t, NULL, &tm) != 0)
		return 0;
	return fu_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) == day;
}

int fu_churn_base_load(fu_churn_base *b, const char *path, const fu_churn_opts *o)
{
	double unit_days = o->unit_days;
	char want_now[40];
	fu_churn_now_text(o, want_now, sizeof want_now);
	memset(b, 0, sizeof *b);
	fu_reader in;
	int got = fu_reader_open(&in, path, "a customer summary (fu-churn --summary)",
	                         fu_churn_base_columns, NULL);
	if (got != 0)
		return -1;
	in.headers_expected = 1; /* shards' summaries joined with cat */
	long col[6];
	for (int k = 0; k < 6; k++)
		col[k] = fu_reader_col(&in, fu_churn_base_columns[k]);
	long c_now = fu_reader_col(&in, now_column);
	if (c_now < 0)
		fu_warn("%s: no now column (a summary from before fu-churn wrote one): that it is as of "
		        "this --now (%s) is not checked", path, want_now);
	size_t cap = 0;
	fu_record *rec;
	int status = 0;
	while ((got = fu_reader_next(&in, &rec)) == 1) {
		if (strcmp(rec->fields[col[0]], "x") == 0)
			continue; /* the header of the next file concatenated */
		double v[6];
		int bad = -1;
		for (int k = 0; k < 6 && bad < 0; k++)
			if (number(rec->fields[col[k]], k == 3, &v[k]) != 0 || (k != 3 && v[k] < 0))
				bad = k;
		if (bad >= 0) {
			fu_warn_at(path, rec->line, "%s '%s' is not a number of 0 or more",
			           fu_churn_base_columns[bad], rec->fields[col[bad]]);
			status = -1;
			break;
		}
		/* T and recency count to the summary's --now: against another
		 * --now the model is fitted, and RFM ranked, on a stale base */
		if (c_now >= 0 && strcmp(rec->fields[c_now], want_now) != 0 &&
		    !(o->now_clock && same_day(rec->fields[c_now], o->today))) {
			fu_warn_at(path, rec->line, "a summary as of --now %s, but this run is as of %s: "
			           "make the summaries again with this --now", rec->fields[c_now], want_now);
			status = -1;
			break;
		}
		if (b->n == cap) {
			cap = cap ? cap * 2 : 1024;
			b->cust = fu_xrealloc(b->cust, cap * sizeof *b->cust);
			for (int k = 0; k < 3; k++)
				b->rfm[k] = fu_xrealloc(b->rfm[k], cap * sizeof *b->rfm[k]);
		}
		/* as churn_run.c's summary(): whole days over the unit */
		b->cust[b->n] = (fu_clv_cust){.x = v[0], .tx = v[1] / unit_days, .T = v[2] / unit_days,
		                              .mbar = v[3]};
		b->rfm[0][b->n] = -v[4]; /* fewer days since the last purchase is better */
		b->rfm[1][b->n] = v[0] + 1;
		b->rfm[2][b->n] = v[5];
		b->n++;
	}
	if (got < 0 || in.n.rejected)
		status = -1;
	fu_reader_close(&in);
	if (status == 0 && b->n == 0) {
		fu_warn_at(path, 0, "no customers in the summary");
		status = -1;
	}
	if (status != 0) {
		fu_churn_base_free(b);
		return -1;
	}
	for (int k = 0; k < 3; k++)
		qsort(b->rfm[k], b->n, sizeof *b->rfm[k], cmp_double);
	return 0;
}

/* the first index in sorted A[0..n) whose value is not below V (STRICT:
 * above V) */
static size_t bound(const double *a, size_t n, double v, int strict)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strict ? a[mid] <= v : a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

unsigned char fu_churn_base_score(const fu_churn_base *b, int k, double v)
{
	if (k == 0)
		v = -v;
	size_t below = bound(b->rfm[k], b->n, v, 0), upto = bound(b->rfm[k], b->n, v, 1);
	return fu_rfm_tied_score(below, upto - below, b->n);
}

void fu_churn_base_free(fu_churn_base *b)
{
	free(b->cust);
	for (int k = 0; k < 3; k++)
		free(b->rfm[k]);
	memset(b, 0, sizeof *b);
}

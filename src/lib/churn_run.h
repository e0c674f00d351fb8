/* churn_run.h — fu-churn's flow over the event store: the facts of each
 * contact row, the customer base the model and RFM look at, and the output
 * row.  Two passes over the contacts: the first gathers the base (RFM needs
 * everyone's values, the model everyone's summary), the second judges and
 * writes each row in input order.  Rows are kept in one arena meanwhile. */
#ifndef FU_CHURN_RUN_H
#define FU_CHURN_RUN_H

#include <stdint.h>

#include "fu.h"
#include "lib/churn.h"
#include "lib/churn_model.h"
#include "lib/clv.h"
#include "lib/evfacts.h"
#include "lib/map.h"
#include "lib/reader.h"

typedef struct {
	int64_t now;
	int32_t today;          /* --now's date in $TZ */
	int now_is_date;        /* --now was a date: that date in every zone, each
	                         * contact's ending in its own (fu_eventdb_now) */
	int now_clock;          /* no --now: the clock's time */
	const char *period;     /* as written, for reasons */
	int64_t period_s;
	double horizon_days, unit_days, discount;
	int32_t holdout_day;    /* calibration end with --holdout, else today */
	int holdout;
	fu_churn_settings set;
} fu_churn_opts;

/* per contact row, what the model and RFM need */
typedef struct {
	fu_clv_cust now;        /* x, t_x, T as of --now */
	fu_clv_cust cal;        /* as of the calibration end */
	uint32_t after;         /* purchase days after the calibration end */
	int32_t recency;        /* days since the last purchase; -1: no purchase */
	uint32_t frequency;
	double monetary;
	uint8_t in_cal;         /* bought by the calibration end */
	uint8_t r, f, m;        /* RFM scores, 0 for non-customers */
	float p_alive, exp_purchases, clv; /* NAN when the model gives none */
	int risk;
} fu_churn_row;

enum { CHURN_SHARED_MAIL = 1, CHURN_SHARED_PHONE = 2 };

typedef struct {
	fu_churn_opts *o;
	fu_eventdb db;
	fu_map advocates;       /* keys of referrers whose referral bought */
	fu_join_scratch scratch;
	/* contact rows: their fields back to back, NUL-terminated */
	fu_reader in;
	fu_buf arena;
	uint64_t *start;        /* each row's offset in arena */
	long *line;
	/* each row's keys an earlier row has (CHURN_SHARED_*: a household,
	 * info@company under ids of their own): not joined by them, as in
	 * fu-schedule (fu(7), Identity) */
	uint8_t *shares;
	fu_map phones;          /* the contacts' phones (E.164), for shares */
	fu_churn_row *rows;
	size_t n, cap;
	long c_id, c_email, c_phone, c_aliases, c_tz, c_stage, c_unsub, c_referred_by, c_created,
	     c_code;
	const char *const *event_paths; /* the events logs, for the referral claims' sources */
	size_t nevent_paths;
	fu_churn_model model;
	const char *model_note; /* why there are no model columns, or NULL */
	long zero_spend;        /* repeat customers left out of the spend model */
	long model_failed;      /* customers whose expectation did not converge */
	fu_holdout hold;
	long written;
	/* a contact's purchases by its local date (gather's scratch) */
	fu_purchase_day *local_days;
	uint32_t local_cap;
	struct day_offset *offsets; /* each UTC day's offset in a zone, when constant */
	/* tz values seen, and whether each is a zone (1) or not (0) */
	fu_map zones;
	signed char *zone_ok;
	long bad_zones;         /* contact rows whose tz is no zone: $TZ used */
	double usual_days;      /* the shop's usual time between purchase days */
	size_t usual_repeat;    /* the repeat customers it is the median of */
	long once_fallback;     /* one-time buyers overdue by silent_days (no repeat customer) */
	/* --fit-summary: the whole customer base, for the fit and RFM (else NULL:
	 * this input's customers) */
	const struct fu_churn_base *base;
} fu_churn_run;

/* Load the events logs (NPATHS of them, 0: none) for the run's options; 0,
 * or -1 (reported). */
int fu_churn_load_events(fu_churn_run *run, fu_churn_opts *o, const char *const *paths, size_t npaths,
                         fu_rejects *rej);
/* Read every contact row and gather its summary; 0, 1 for an input with no
 * header (reported; bad input), -1 unreadable (reported). */
int fu_churn_read_contacts(fu_churn_run *run, const char *path, fu_rejects *rej);
/* Fit the models, or load them from PARAMS (and write them there when the
 * file is missing or REFIT).  A model that cannot be fitted leaves a note
 * in run->model_note and its columns empty; returns -1 only when the
 * parameters file cannot be read or written (reported). */
int fu_churn_model_run(fu_churn_run *run, const char *params, int refit);
/* RFM scores, model columns and the holdout table over the whole base. */
void fu_churn_score(fu_churn_run *run);
/* The time between purchases a one-time buyer is judged by: the
 * usual_days setting, else the shop's (after fu_churn_score), else
 * silent_days when no customer bought twice. */
double fu_churn_once_every(const fu_churn_run *run);
/* Write the header and every row, judged, in input order. */
void fu_churn_write(fu_churn_run *run, fu_csv_writer *w);
/* Notes on stderr (unknown event types, the model and its troubles), the
 * holdout table (to TABLE, else stderr) and the picture (PLOT); -1 when a
 * file cannot be written (reported). */
int fu_churn_report(fu_churn_run *run, const char *table, const char *plot);
/* the summary line: every contact and event counted once */
void fu_churn_summary(fu_churn_run *run);
void fu_churn_run_free(fu_churn_run *run);

#endif

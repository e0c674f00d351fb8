/* churn.h — fu-churn's rules: lifecycle stage, RFM scores and segments, the
 * churn signals with their evidence, risk, band and action, and the settings
 * file (--weights) that changes any threshold or weight.  The model (BG/NBD,
 * Gamma-Gamma) is clv.h; reading the events log is the event store
 * (evfacts.h); this module only judges facts already gathered. */
#ifndef FU_CHURN_H
#define FU_CHURN_H

#include <stddef.h>
#include <stdint.h>

#include "fu.h"
#include "lib/clv.h"

#define FU_NO_TIME INT64_MIN

/* What fu-churn knows about one contact as of --now.  Days are the
 * contact's local dates (days since 1970-01-01); times are UTC seconds. */
typedef struct {
	int64_t now;            /* --now for the contact: a date's end in its zone */
	int32_t today;          /* --now's date in the contact's zone */
	/* purchases, counted by distinct local day */
	uint32_t ndays;         /* purchase days up to --now */
	int32_t first_day, last_day;
	double total;           /* spend up to --now */
	uint32_t no_amount;     /* purchases logged without an amount */
	uint32_t ndays_window;  /* purchase days in the loyalty window */
	double spend_window;
	/* calibration: up to --holdout DATE, else --now */
	uint32_t ndays_cal;
	int32_t last_day_cal;
	double total_cal, first_amount; /* first_amount: spend on first_day */
	uint32_t ndays_after;   /* purchase days after the calibration end */
	/* the customer's activity (fu_ev_is_activity: not our own e-mails,
	 * done marks, rewards) and engagement */
	int64_t first_event, last_activity;
	int32_t last_contact;   /* the local date of last_activity (never before last_day) */
	uint32_t opens, opens_before, clicks, clicks_before, replies, replies_before;
	int open_tickets;
	int64_t oldest_open_ticket;
	int64_t owner_change;   /* latest owner_change event */
	int64_t last_reward;    /* latest reward event or loyalty-reward done mark */
	int64_t last_feedback_ask; /* latest feedback answer or feedback-ask mark */
	int has_score;
	double score;           /* latest feedback score */
	int unsubscribed;
	int referred_customer;  /* someone they referred became a customer */
} fu_churn_facts;

/* ---- settings (--weights FILE: name,value lines) ------------------------- */
typedef struct {
	/* stage rules */
	double loyal_purchases, loyal_spend, loyal_window, lapse_days, dormant_days;
	/* signal thresholds */
	double drop_pct, drop_min, ticket_days, feedback_days, low_score, reward_days,
		silent_days, overdue_factor, lapsed_factor, usual_days, own_intervals, alive_below;
	/* weights: what each signal adds to risk */
	double w_opens, w_clicks, w_ticket, w_owner, w_feedback, w_score, w_reward, w_silent,
		w_unsubscribed, w_overdue, w_lapsed, w_model;
	/* bands */
	double band_medium, band_high;
} fu_churn_settings;

void fu_churn_settings_default(fu_churn_settings *s);
/* Read PATH (name,value per line; an optional header `name,value`; #
 * comments).  Unknown names and bad numbers are reported with their line;
 * returns 0, or -1 (reported). */
int fu_churn_settings_load(fu_churn_settings *s, const char *path);

/* ---- stage --------------------------------------------------------------- */
/* prospect, new, returning, loyal, advocate (fu_stages) */
const char *fu_churn_stage(const fu_churn_settings *s, const fu_churn_facts *f, int32_t today);
int fu_churn_stage_rank(const char *stage); /* 0..4, or -1 */

/* ---- RFM ----------------------------------------------------------------- */
/* The score 1..5 of a value that BELOW of N values are worse than and TIED
 * share (itself included): 1 for the worst value and 5 for the best, however
 * many tie at them; else the quintile of the middle of its tied rank,
 * 1 + floor(5 * (below + tied/2) / n).  Ties share a score; when all N tie
 * (a single customer) it is 3. */
unsigned char fu_rfm_tied_score(size_t below, size_t tied, size_t n);
/* Scores 1..5 for n values by fu_rfm_tied_score; HIGHER_IS_BETTER picks the
 * direction.  Scores go to out[i]. */
void fu_rfm_scores(const double *v, size_t n, int higher_is_better, unsigned char *out);
/* the named segment of an R and F/M score pair (the table in fu-churn(1)) */
const char *fu_rfm_segment(int r, int f, int m);

/* ---- signals, risk, band, action ----------------------------------------- */
typedef struct {
	double p_alive;     /* NAN when the model gave none */
	const char *stage;  /* computed stage */
	const char *period; /* --period as written, for the reasons ("90d") */
	double period_days;
	int64_t now;        /* --now for the contact (fu_churn_facts.now) */
	int32_t today;      /* --now's date in the contact's zone */
	/* the time between purchases a one-time buyer is judged by, and a
	 * repeat buyer with fewer than own_intervals intervals is topped up
	 * with: the usual_days setting, else the shop's (fu_churn_usual_days) */
	double usual_days;
} fu_churn_ctx;

/* The shop's usual time between purchase days: the median of the repeat
 * customers' own mean times (t_x / x, in days; N summaries in UNIT_DAYS),
 * or 0 when none bought twice. */
double fu_churn_usual_days(const fu_clv_cust *c, size_t n, double unit_days, size_t *repeat);

typedef struct {
	int risk;           /* 0..100 */
	const char *band;   /* low, medium, high */
	const char *action; /* win-back, service-call, loyalty-reward, feedback-ask, none */
	fu_buf reasons;     /* "opens down 62% in 90d; ticket open 21d" */
} fu_churn_verdict;

/* Judge one contact; v->reasons is cleared and refilled (free it with
 * fu_buf_free when done). */
void fu_churn_judge(const fu_churn_settings *s, const fu_churn_ctx *c, const fu_churn_facts *f,
                    fu_churn_verdict *v);

#endif

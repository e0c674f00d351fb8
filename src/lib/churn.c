/* churn.c — stage, RFM, signals, risk, band and action (see churn.h and
 * fu-churn(1), which documents every rule and default written here). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churn.h"

/* ---- settings ------------------------------------------------------------ */

void fu_churn_settings_default(fu_churn_settings *s)
{
	*s = (fu_churn_settings){
		.loyal_purchases = 4, .loyal_spend = 0, .loyal_window = 365,
		.lapse_days = 180, .dormant_days = 365,
		.drop_pct = 50, .drop_min = 2, .ticket_days = 3, .feedback_days = 180,
		.low_score = 6, .reward_days = 180, .silent_days = 90, .overdue_factor = 2,
		.lapsed_factor = 4, .usual_days = 0, .own_intervals = 3,
		.alive_below = 0.5,
		.w_opens = 15, .w_clicks = 10, .w_ticket = 20, .w_owner = 15, .w_feedback = 5,
		.w_score = 20, .w_reward = 10, .w_silent = 15, .w_unsubscribed = 25,
		.w_overdue = 20, .w_lapsed = 25, .w_model = 40,
		.band_medium = 30, .band_high = 60,
	};
}

static const struct setting {
	const char *name;
	size_t off;
	int whole; /* days and counts */
} settings[] = {
#define S(x) {#x, offsetof(fu_churn_settings, x), 0}
#define W(x) {#x, offsetof(fu_churn_settings, x), 1}
	W(loyal_purchases), S(loyal_spend), W(loyal_window), W(lapse_days), W(dormant_days),
	S(drop_pct), W(drop_min), W(ticket_days), W(feedback_days), S(low_score), W(reward_days),
	W(silent_days), S(overdue_factor), S(lapsed_factor), W(usual_days), W(own_intervals), S(alive_below),
	S(w_opens), S(w_clicks), S(w_ticket), S(w_owner), S(w_feedback), S(w_score), S(w_reward),
	S(w_silent), S(w_unsubscribed), S(w_overdue), S(w_lapsed), S(w_model),
	S(band_medium), S(band_high),
#undef S
#undef W
};
enum { NSETTINGS = sizeof settings / sizeof *settings };

/* a weights file is a few dozen lines; anything much longer is another file */
#define WEIGHTS_MAX (64 * 1024)

int fu_churn_settings_load(fu_churn_settings *s, const char *path)
{
	fu_buf text = {0};
	if (fu_small_file_read(path, WEIGHTS_MAX, "a weights file", 0, &text) != 0) {
		fu_buf_free(&text);
		return -1;
	}
	FILE *fp = fmemopen(text.data, text.len, "r");
	if (!fp) {
		fu_warn("%s: %s", path, strerror(errno));
		fu_buf_free(&text);
		return -1;
	}
	fu_csv_reader *r = fu_csv_open(fp, path, ',');
	const char *name = fu_csv_name(r);
	long seen[NSETTINGS] = {0}; /* the line each setting was given on */
	fu_record *rec;
	int st, bad = 0, first = 1;
	while ((st = fu_csv_next(r, &rec)) == 1) {
		if (rec->error) {
			fu_warn_record(name, rec, "%s", rec->error);
			bad = 1;
			continue;
		}
		if (rec->nfields == 0 || (rec->nfields == 1 && rec->lens[0] == 0) ||
		    rec->fields[0][0] == '#')
			continue;
		if (first && rec->nfields == 2 && !strcmp(rec->fields[0], "name") &&
		    !strcmp(rec->fields[1], "value")) {
			first = 0;
			continue;
		}
		first = 0;
		if (rec->nfields != 2) {
			/* capped: a data file given by mistake is one line each */
			fu_warn_capped("not name,value", name, rec->line, 0, "want name,value; got %zu fields",
			               rec->nfields);
			bad = 1;
			continue;
		}
		size_t hit = NSETTINGS;
		for (size_t i = 0; i < NSETTINGS; i++)
			if (!strcmp(settings[i].name, rec->fields[0]))
				hit = i;
		if (hit == NSETTINGS) {
			fu_warn_at(name, rec->line, "unknown setting '%s' (see fu-churn(1), WEIGHTS)",
			           rec->fields[0]);
			bad = 1;
			continue;
		}
		const struct setting *set = &settings[hit];
		/* two values for one name: which one was meant is a guess */
		if (seen[hit]) {
			fu_warn_at(name, rec->line, "%s given again (first at line %ld)", set->name,
			           seen[hit]);
			bad = 1;
			continue;
		}
		seen[hit] = rec->line;
		char *end;
		double v = strtod(rec->fields[1], &end);
		if (end == rec->fields[1] || *end || !isfinite(v) || v < 0) {
			fu_warn_at(name, rec->line, "%s: '%s' is not a number of 0 or more", set->name,
			           rec->fields[1]);
			bad = 1;
			continue;
		}
		if (set->whole && v != floor(v)) {
			fu_warn_at(name, rec->line, "%s: '%s' is not a whole number", set->name,
			           rec->fields[1]);
			bad = 1;
			continue;
		}
		*(double *)((char *)s + set->off) = v;
	}
	fu_warn_caps_flush(name);
	fu_csv_close(r);
	fclose(fp);
	fu_buf_free(&text);
	if (st < 0)
		return -1;
	if (!bad && s->band_medium > s->band_high) {
		fu_warn("%s: band_medium (%g) is above band_high (%g)", path, s->band_medium,
		        s->band_high);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* ---- stage --------------------------------------------------------------- */

static const char *const stage_names[] = {"prospect", "new", "returning", "loyal", "advocate"};

int fu_churn_stage_rank(const char *stage)
{
	for (int i = 0; i < 5; i++)
		if (!strcmp(stage, stage_names[i]))
			return i;
	return -1;
}

const char *fu_churn_stage(const fu_churn_settings *s, const fu_churn_facts *f, int32_t today)
{
	if (f->ndays == 0)
		return "prospect";
	double silent = (double)(today - f->last_day);
	/* long silent: their next purchase is a fresh start */
	if (silent >= s->dormant_days)
		return "new";
	int active = silent < s->lapse_days;
	int loyal = (s->loyal_purchases > 0 && f->ndays_window >= s->loyal_purchases) ||
	            (s->loyal_spend > 0 && f->spend_window >= s->loyal_spend);
	if (active && f->referred_customer)
		return "advocate";
	if (active && loyal)
		return "loyal";
	return f->ndays >= 2 ? "returning" : "new";
}

/* ---- RFM ----------------------------------------------------------------- */

typedef struct {
	double v;
	size_t i;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	return x->v < y->v ? -1 : x->v > y->v;
}

unsigned char fu_rfm_tied_score(size_t below, size_t tied, size_t n)
{
	if (below == 0 && tied >= n)
		return 3; /* all alike: nobody ranks above anyone */
	/* the ends are the ends, however many share them: a tied block's middle
	 * rank would give the 60% who bought once a frequency score of 2 and
	 * leave 1 (and the segment lost) to nobody */
	if (below == 0)
		return 1;
	if (below + tied >= n)
		return 5;
	int score = 1 + (int)floor(5 * ((double)below + (double)tied / 2) / (double)n);
	return (unsigned char)(score > 5 ? 5 : score);
}

void fu_rfm_scores(const double *v, size_t n, int higher_is_better, unsigned char *out)
{
	if (n == 0)
		return;
	ranked *r = fu_xmalloc(n * sizeof *r);
	for (size_t i = 0; i < n; i++)
		r[i] = (ranked){higher_is_better ? v[i] : -v[i], i};
	qsort(r, n, sizeof *r, cmp_ranked);
	for (size_t lo = 0; lo < n;) {
		size_t hi = lo;
		while (hi < n && r[hi].v == r[lo].v)
			hi++;
		/* lo values are worse, hi - lo tie */
		unsigned char score = fu_rfm_tied_score(lo, hi - lo, n);
		for (size_t k = lo; k < hi; k++)
			out[r[k].i] = score;
		lo = hi;
	}
	free(r);
}

const char *fu_rfm_segment(int r, int f, int m)
{
	/* F and M together: their mean, rounded up */
	int fm = (f + m + 1) / 2;
	if (r <= 2) {
		if (fm == 5)
			return "cant-lose";
		if (fm >= 3)
			return "at-risk";
		return r == 1 && fm == 1 ? "lost" : "hibernating";
	}
	if (r == 3)
		return fm <= 2 ? "about-to-sleep" : fm == 3 ? "needs-attention" : "loyal";
	if (fm >= 4)
		return r == 5 ? "champions" : "loyal";
	if (fm >= 2)
		return "potential";
	return r == 5 ? "new" : "promising";
}

/* ---- the shop's rhythm ---------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double fu_churn_usual_days(const fu_clv_cust *c, size_t n, double unit_days, size_t *repeat)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += c[i].x > 0;
	*repeat = k;
	if (k == 0)
		return 0;
	double *every = fu_xmalloc(k * sizeof *every);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].x > 0)
			every[k++] = c[i].tx * unit_days / c[i].x;
	qsort(every, k, sizeof *every, cmp_double);
	double mid = k % 2 ? every[k / 2] : (every[k / 2 - 1] + every[k / 2]) / 2;
	free(every);
	return mid;
}

/* ---- signals ------------------------------------------------------------- */

typedef struct {
	double weight;
	char text[96];
} signal;

static int cmp_signal(const void *a, const void *b)
{
	const signal *x = a, *y = b;
	return x->weight < y->weight ? 1 : x->weight > y->weight ? -1 : 0;
}

/* a time between purchases as a reason writes it: under 10 days to a
 * tenth ("1.5d", "2d": a rhythm of a day and a half is no daily one),
 * else in whole days, a half rounded up (48.5 days: "49d") */
static void put_every(char *buf, size_t n, double days)
{
	double tenths = floor(days * 10 + 0.5);
	if (tenths < 100 && fmod(tenths, 10) != 0)
		snprintf(buf, n, "%.1fd", tenths / 10);
	else
		snprintf(buf, n, "%.0fd", floor(days + 0.5));
}

static long days_since(int64_t now, int64_t t)
{
	return (long)((now - t) / 86400);
}

/* a drop of at least drop_pct from a period with at least drop_min */
static int dropped(const fu_churn_settings *s, uint32_t now, uint32_t before, long *pct)
{
	if (before < s->drop_min || before == 0 || now >= before)
		return 0;
	*pct = lround(100.0 * (before - now) / before);
	return *pct >= s->drop_pct;
}

void fu_churn_judge(const fu_churn_settings *s, const fu_churn_ctx *c, const fu_churn_facts *f,
                    fu_churn_verdict *v)
{
	signal sig[12];
	int n = 0;
	long pct, d;
	int customer = f->ndays > 0;
	int loyal = !strcmp(c->stage, "loyal") || !strcmp(c->stage, "advocate");
	int ticket = 0, score = 0, unrewarded = 0, no_ask = 0;

	if (s->w_opens > 0 && dropped(s, f->opens, f->opens_before, &pct)) {
		sig[n].weight = s->w_opens;
		snprintf(sig[n++].text, sizeof sig->text, "opens down %ld%% in %s", pct, c->period);
	}
	if (s->w_clicks > 0 && dropped(s, f->clicks, f->clicks_before, &pct)) {
		sig[n].weight = s->w_clicks;
		snprintf(sig[n++].text, sizeof sig->text, "clicks down %ld%% in %s", pct, c->period);
	}
	if (f->open_tickets > 0 && f->oldest_open_ticket != FU_NO_TIME &&
	    (d = days_since(c->now, f->oldest_open_ticket)) >= s->ticket_days) {
		ticket = 1;
		sig[n].weight = s->w_ticket;
		if (f->open_tickets > 1)
			snprintf(sig[n++].text, sizeof sig->text, "%d tickets open, oldest %ldd",
			         f->open_tickets, d);
		else
			snprintf(sig[n++].text, sizeof sig->text, "ticket open %ldd", d);
	}
	if (f->owner_change != FU_NO_TIME &&
	    (d = days_since(c->now, f->owner_change)) < c->period_days) {
		sig[n].weight = s->w_owner;
		snprintf(sig[n++].text, sizeof sig->text, "owner changed %ldd ago", d);
	}
	if (f->has_score && f->score <= s->low_score) {
		score = 1;
		sig[n].weight = s->w_score;
		snprintf(sig[n++].text, sizeof sig->text, "feedback score %g", f->score);
	}
	if (customer) {
		/* never asked: counted from the first purchase day, as tenure_days */
		d = f->last_feedback_ask != FU_NO_TIME ? days_since(c->now, f->last_feedback_ask)
		                                       : (long)(c->today - f->first_day);
		if (d >= s->feedback_days) {
			no_ask = 1;
			sig[n].weight = s->w_feedback;
			/* "in 1441d" of one never asked reads as "asked 1441d ago" */
			if (f->last_feedback_ask != FU_NO_TIME)
				snprintf(sig[n++].text, sizeof sig->text, "no feedback asked in %ldd", d);
			else
				snprintf(sig[n++].text, sizeof sig->text,
				         "never asked for feedback (customer for %ldd)", d);
		}
	}
	if (loyal) {
		d = f->last_reward != FU_NO_TIME ? days_since(c->now, f->last_reward)
		                                 : (long)(c->today - f->first_day);
		if (d >= s->reward_days) {
			unrewarded = 1;
			sig[n].weight = s->w_reward;
			if (f->last_reward != FU_NO_TIME)
				snprintf(sig[n++].text, sizeof sig->text, "%s, not rewarded in %ldd", c->stage,
				         d);
			else
				snprintf(sig[n++].text, sizeof sig->text, "%s, never rewarded (customer for %ldd)",
				         c->stage, d);
		}
	}
	/* in dates, as last_contact is written (and recency counted) */
	if (f->last_activity != FU_NO_TIME && (d = (long)(c->today - f->last_contact)) >= s->silent_days) {
		sig[n].weight = s->w_silent;
		snprintf(sig[n++].text, sizeof sig->text, "silent %ldd", d);
	}
	if (f->unsubscribed) {
		sig[n].weight = s->w_unsubscribed;
		snprintf(sig[n++].text, sizeof sig->text, "unsubscribed");
	}
	/* overdue, then lapsed: the silence since the last purchase day in
	 * units of the customer's own mean time between purchase days (a
	 * one-time buyer: the shop's usual time).  Past overdue_factor the
	 * signal weighs w_overdue, growing by up to w_lapsed in a straight line
	 * to lapsed_factor, where it is a lapse.  A customer's own time is
	 * made of at least own_intervals intervals, those it lacks counted at
	 * the shop's usual time: two orders a day apart are no one-day rhythm
	 * that makes a ten-day silence a lapse. */
	if (customer && s->overdue_factor > 0) {
		double every = c->usual_days;
		if (f->ndays >= 2) {
			double gaps = f->ndays - 1, span = (double)(f->last_day - f->first_day);
			every = gaps < s->own_intervals && c->usual_days > 0
			                ? (span + (s->own_intervals - gaps) * c->usual_days) / s->own_intervals
			                : span / gaps;
		}
		long gap = (long)(c->today - f->last_day);
		if (every > 0 && gap > s->overdue_factor * every) {
			double times = gap / every, span = s->lapsed_factor - s->overdue_factor;
			double grow = span > 0 ? (times - s->overdue_factor) / span : 1;
			int lapsed = times >= s->lapsed_factor;
			char usual[32];
			put_every(usual, sizeof usual, every);
			sig[n].weight = s->w_overdue + s->w_lapsed * (grow < 1 ? grow : 1);
			if (f->ndays >= 2)
				snprintf(sig[n++].text, sizeof sig->text, "%sno purchase in %ldd, usually every %s",
				         lapsed ? "lapsed: " : "", gap, usual);
			else
				snprintf(sig[n++].text, sizeof sig->text,
				         "%sone purchase %ldd ago, customers usually every %s", lapsed ? "lapsed: " : "",
				         gap, usual);
		}
	}
	double model = 0;
	if (!isnan(c->p_alive)) {
		model = s->w_model * (1 - c->p_alive);
		if (c->p_alive < s->alive_below) {
			sig[n].weight = model;
			snprintf(sig[n++].text, sizeof sig->text, "p_alive %.2f", c->p_alive);
		}
	}
	double sum = model;
	for (int i = 0; i < n; i++)
		if (strncmp(sig[i].text, "p_alive", 7))
			sum += sig[i].weight;
	v->risk = sum >= 100 ? 100 : (int)lround(sum);
	v->band = v->risk >= s->band_high ? "high" : v->risk >= s->band_medium ? "medium" : "low";

	/* reasons, the heaviest first (stable for equal weights) */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && cmp_signal(&sig[j - 1], &sig[j]) > 0; j--) {
			signal t = sig[j];
			sig[j] = sig[j - 1];
			sig[j - 1] = t;
		}
	fu_buf_clear(&v->reasons);
	fu_buf_adds(&v->reasons, "");
	for (int i = 0; i < n; i++) {
		if (sig[i].weight <= 0)
			continue;
		if (v->reasons.len)
			fu_buf_adds(&v->reasons, "; ");
		fu_buf_adds(&v->reasons, sig[i].text);
	}

	if (ticket || score)
		v->action = "service-call";
	else if (f->unsubscribed)
		v->action = "none";
	else if (!strcmp(v->band, "high"))
		v->action = "win-back";
	else if (unrewarded)
		v->action = "loyalty-reward";
	else if (no_ask)
		v->action = "feedback-ask";
	else
		v->action = "none";
}

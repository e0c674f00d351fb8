/* churn_run.c — fu-churn's passes over the contacts (see churn_run.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/churn_run.h"
#include "lib/churn_base.h"
#include "lib/contract.h"
#include "lib/money.h"
#include "lib/people.h"
#include "lib/refbook.h"

/* the latest-event slots fu-churn asks the store for */
static char *const slot_types[] = {"owner_change", "reward"};
enum { SLOT_OWNER, SLOT_REWARD, NSLOTS };

/* the columns fu-churn writes (fu_health_columns), in order; an input column
 * of the same name is replaced in place (stage is, and its old value goes to
 * stage_was) */
enum { NOUT = FU_HEALTH_NCOLS };

int fu_churn_load_events(fu_churn_run *run, fu_churn_opts *o, const char *const *paths, size_t npaths,
                         fu_rejects *rej)
{
	run->o = o;
	run->event_paths = paths;
	run->nevent_paths = npaths;
	fu_eventdb_init(&run->db, slot_types, NSLOTS, o->now);
	if (o->now_is_date) /* each contact's day ends in its zone */
		fu_eventdb_now_date(&run->db, o->today);
	run->db.rejects = rej;
	fu_store_opts keep = {.purchase_days = 1, .period = o->period_s, .no_negative = 1,
	                      .once_across_logs = 1, .nlogs = npaths};
	fu_eventdb_keep(&run->db, &keep);
	for (size_t i = 0; i < npaths; i++)
		if (fu_eventdb_load(&run->db, paths[i]) != 0)
			return -1;
	fu_map_init(&run->advocates);
	return 0;
}

static const char *field(const fu_churn_run *run, size_t row, long col);
static const char *row_zone(fu_churn_run *run, size_t row, long line);

/* Row ROW's e-mail and phone as join keys: "" when an earlier row has it
 * under another id (events keyed by it are the first's) */
static const char *join_email(const fu_churn_run *run, size_t row)
{
	return run->shares[row] & CHURN_SHARED_MAIL ? "" : field(run, row, run->c_email);
}

static const char *join_phone(const fu_churn_run *run, size_t row)
{
	return run->shares[row] & CHURN_SHARED_PHONE ? "" : field(run, row, run->c_phone);
}

/* the first purchase (UTC seconds) in facts F, or INT64_MIN */
static int64_t first_purchase(const fu_facts *f)
{
	return f && f->kept ? f->kept->first_purchase : INT64_MIN;
}

/* the first purchase of contact row ROW (its events joined, so that refunds
 * take their purchases back), or FU_REF_NEVER */
static int64_t row_first_purchase(fu_churn_run *run, size_t row)
{
	int64_t t = first_purchase(fu_eventdb_join_aliases(
		&run->db, field(run, row, run->c_id), join_email(run, row), join_phone(run, row),
		field(run, row, run->c_aliases), row_zone(run, row, 0), &run->scratch));
	return t == INT64_MIN ? FU_REF_NEVER : t;
}

/* Row ROW's keys into the advocates map */
static void add_advocate(fu_churn_run *run, size_t row, fu_buf *key)
{
	const char *id = field(run, row, run->c_id), *mail = field(run, row, run->c_email);
	if (*id) {
		fu_event_key(id, strlen(id), key);
		fu_map_put(&run->advocates, key->data, key->len, NULL);
	}
	if (*mail) {
		fu_event_key(mail, strlen(mail), key);
		fu_map_put(&run->advocates, key->data, key->len, NULL);
	}
}

/* Advocates: referrers credited with a referred contact who bought, by the
 * referral graph fu-referrals keeps (fu_refbook): the claims of the
 * contacts' referred_by column (dated by created) and of the referral
 * events, with its integrity rules -- a self-referral (one contact, or one
 * mailbox: ann@ and ann+friend@), an unknown referrer, a referral dated
 * more than a day after the referred contact's first purchase, a second
 * referrer or a ring of referrals makes no advocate; the earliest claim is
 * credited, as fu-referrals' default attribution does.  So the referrers
 * fu-referrals credits with a conversion are the advocates here.
 * A referral event whose item names no contact row (one on another shard)
 * is looked up among the events' keys: its referrer is an advocate when
 * that key's first purchase came by the referral. */
static void find_advocates(fu_churn_run *run)
{
	fu_eventdb *db = &run->db;
	if (db->nedges == 0 && run->c_referred_by < 0)
		return;
	fu_refbook book;
	fu_refbook_init(&book, db);
	uint32_t file = fu_refgraph_file(&book.g, run->in.name);
	size_t *row_of = fu_xmalloc((run->n ? run->n : 1) * sizeof *row_of);
	for (size_t i = 0; i < run->n; i++) {
		const char *tz = row_zone(run, i, 0);
		fu_refbook_contact c = {.id = field(run, i, run->c_id), .email = field(run, i, run->c_email),
		                        .phone = field(run, i, run->c_phone),
		                        .tz = tz, .aliases = field(run, i, run->c_aliases),
		                        .referred_by = field(run, i, run->c_referred_by),
		                        .created = field(run, i, run->c_created),
		                        .referral_code = field(run, i, run->c_code)};
		int duplicate;
		uint32_t v = fu_refbook_add_contact(&book, &c, run->in.name, run->line[i], &duplicate);
		if (v != FU_REF_NONE)
			row_of[v] = i;
	}
	fu_refbook_end_contacts(&book, file);
	uint32_t first_file = (uint32_t)book.g.nfiles;
	for (size_t i = 0; i < run->nevent_paths; i++)
		fu_refgraph_file(&book.g, fu_input_name(run->event_paths[i]));
	fu_refbook_add_edges(&book, first_file);
	fu_refgraph *g = &book.g;
	/* the first purchases the checks need: the referred contacts' */
	uint8_t *known = fu_xcalloc(g->n ? g->n : 1, 1);
	for (size_t i = 0; i < g->nclaims; i++) {
		uint32_t d = g->claims[i].referred;
		if (d != FU_REF_NONE && !known[d]) {
			known[d] = 1;
			g->first_purchase[d] = row_first_purchase(run, row_of[d]);
		}
	}
	fu_refgraph_resolve(g, FU_ATTR_EARLIEST);
	fu_buf key = {0};
	for (uint32_t v = 0; v < g->n; v++) {
		uint32_t p = fu_refgraph_parent(g, v);
		if (p != FU_REF_NONE && g->first_purchase[v] != FU_REF_NEVER)
			add_advocate(run, row_of[p], &key);
	}
	for (size_t i = 0; i < g->nclaims; i++) { /* referrals to another shard's contacts */
		const fu_ref_claim *c = &g->claims[i];
		const char *to = g->text + c->referred_key;
		if (c->status != FU_REF_NOBODY || c->referrer == FU_REF_NONE || c->file < first_file || !*to)
			continue;
		int64_t bought = first_purchase(
			fu_eventdb_join_aliases(db, to, strchr(to, '@') ? to : "", "", "", NULL, &run->scratch));
		if (bought != INT64_MIN && fu_referral_brought(c->t, bought, FU_REFERRAL_GRACE))
			add_advocate(run, row_of[c->referrer], &key);
	}
	fu_buf_free(&key);
	free(known);
	free(row_of);
	fu_refbook_free(&book);
}

/* A key of the advocates map: as the events' keys are (fu_event_key). */
static int is_advocate(fu_churn_run *run, const char *id, const char *email)
{
	fu_buf key = {0};
	int hit = 0;
	if (*id) {
		fu_event_key(id, strlen(id), &key);
		hit = fu_map_get(&run->advocates, key.data, key.len) >= 0;
	}
	if (!hit && *email) {
		fu_event_key(email, strlen(email), &key);
		hit = fu_map_get(&run->advocates, key.data, key.len) >= 0;
	}
	fu_buf_free(&key);
	return hit;
}


/* The contact's calendar: the date of --now in its zone (--now given as a
 * date is that date in every zone: the whole day counts), and K's purchases
 * folded by their local date into run->local_days (sorted, distinct).  A
 * date or a time without an offset is on its date as logged; one with an
 * offset on its date in TZ (NULL: $TZ), as fu-schedule groups an order. */
static int32_t local_day(int64_t t, const char *tz)
{
	struct tm tm;
	if (fu_localtime(t, tz, &tm) != 0)
		return fu_event_day(t);
	return (int32_t)fu_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int cmp_day(const void *pa, const void *pb)
{
	const fu_purchase_day *a = pa, *b = pb;
	return (a->day > b->day) - (a->day < b->day);
}

/* The local date of T in TZ (zone number ZONE in run->zones, 0 for $TZ).
 * localtime for every purchase is most of a run's time, so each UTC day's
 * offset in a zone is remembered when it is the same at the day's first and
 * last second (no transition that day: a transition and its reverse within
 * one day is no zone's rule); a day with a transition asks for each time. */
enum { OFFSET_CACHE = 4096 };
typedef struct day_offset {
	int32_t day, off;
	uint32_t zone; /* + 1; 0: unused */
	uint8_t constant;
} day_offset;

static long utc_offset(int64_t t, const char *tz)
{
	struct tm tm;
	return fu_localtime(t, tz, &tm) == 0 ? tm.tm_gmtoff : 0;
}

static int32_t local_day_cached(fu_churn_run *run, int64_t t, const char *tz, uint32_t zone)
{
	int32_t day = fu_event_day(t);
	if (!run->offsets)
		run->offsets = fu_xcalloc(OFFSET_CACHE, sizeof *run->offsets);
	day_offset *c = &run->offsets[((uint32_t)day * 2654435761u ^ zone * 40503u) % OFFSET_CACHE];
	if (c->zone != zone + 1 || c->day != day) {
		long a = utc_offset((int64_t)day * 86400, tz), b = utc_offset((int64_t)day * 86400 + 86399, tz);
		*c = (day_offset){.day = day, .off = (int32_t)a, .zone = zone + 1, .constant = a == b};
	}
	return c->constant ? fu_event_day(t + c->off) : local_day(t, tz);
}

static uint32_t local_days(fu_churn_run *run, const fu_kept *k, const char *tz)
{
	uint32_t zone = tz ? (uint32_t)(fu_map_get(&run->zones, tz, strlen(tz)) + 1) : 0;
	if (k->ndays > run->local_cap) {
		run->local_cap = k->ndays;
		run->local_days = fu_xrealloc(run->local_days, run->local_cap * sizeof *run->local_days);
	}
	fu_purchase_day *out = run->local_days;
	int sorted = 1;
	for (uint32_t i = 0; i < k->ndays; i++) {
		out[i] = k->days[i];
		if (out[i].zoned)
			out[i].day = local_day_cached(run, (int64_t)out[i].day * 900, tz, zone);
		out[i].zoned = 0;
		sorted &= i == 0 || out[i - 1].day <= out[i].day;
	}
	if (!sorted) /* dates as logged come before the zoned ones */
		qsort(out, k->ndays, sizeof *out, cmp_day);
	uint32_t n = 0;
	for (uint32_t i = 0; i < k->ndays; i++) {
		if (n && out[n - 1].day == out[i].day)
			out[n - 1].amount += out[i].amount; /* NAN stays NAN */
		else
			out[n++] = out[i];
	}
	return n;
}

/* the facts of contact row ROW, as of --now */
static void gather(fu_churn_run *run, size_t row, const char *tz, fu_churn_facts *cf)
{
	const fu_churn_opts *o = run->o;
	const char *id = field(run, row, run->c_id), *email = join_email(run, row);
	memset(cf, 0, sizeof *cf);
	cf->first_event = cf->last_activity = cf->oldest_open_ticket = cf->owner_change =
		cf->last_reward = cf->last_feedback_ask = FU_NO_TIME;
	cf->now = fu_eventdb_now(&run->db, tz);
	cf->today = o->now_is_date ? o->today : local_day(o->now, tz);
	int32_t cal_end = o->holdout ? o->holdout_day : cf->today;
	const fu_facts *f = fu_eventdb_join_aliases(&run->db, id, email, join_phone(run, row),
	                                            field(run, row, run->c_aliases), tz, &run->scratch);
	/* the column and the latest unsubscribe or subscribe event (fu(7),
	 * Consent); a column that is no date nor yes/no word counts as an opt-out */
	const char *why;
	cf->unsubscribed = fu_facts_unsubscribed(f, field(run, row, run->c_unsub), tz, cf->now, &why) != 0;
	const char *shared = field(run, row, run->c_email);
	if ((run->shares[row] & CHURN_SHARED_MAIL) && *shared) { /* an opt-out logged under the
	                                                          * address the household shares */
		fu_buf key = {0};
		fu_event_key(shared, strlen(shared), &key);
		fu_facts *addr = key.len ? fu_eventdb_find(&run->db, key.data) : NULL;
		if (addr) /* (it joined a contact: no warning that it joins none) */
			addr->matched = 1;
		cf->unsubscribed |= addr && addr->consent_t != INT64_MIN && !addr->opted_in;
		fu_buf_free(&key);
	}
	if (!f)
		return;
	cf->referred_customer = is_advocate(run, id, email);
	cf->last_activity = f->last_activity;
	const fu_kept *k = f->kept;
	if (k) {
		cf->first_event = k->first_event;
		int64_t loyal_from = cf->today - (int32_t)o->set.loyal_window;
		uint32_t ndays = local_days(run, k, tz);
		for (uint32_t i = 0; i < ndays; i++) {
			const fu_purchase_day *d = &run->local_days[i];
			double amt = isnan(d->amount) ? 0 : d->amount;
			if (d->day > cf->today)
				continue; /* a naive time on a later date than --now's here */
			if (cf->ndays == 0) {
				cf->first_day = d->day;
				cf->first_amount = d->amount;
			}
			cf->ndays++;
			cf->last_day = d->day;
			cf->total += amt;
			cf->no_amount += isnan(d->amount);
			if (d->day > loyal_from) {
				cf->ndays_window++;
				cf->spend_window += amt;
			}
			if (d->day <= cal_end) {
				cf->ndays_cal++;
				cf->last_day_cal = d->day;
				cf->total_cal += amt;
			} else {
				cf->ndays_after++;
			}
		}
		const fu_period_counts *pc = k->periods; /* NULL: no event in either period */
		static const fu_period_counts none;
		if (!pc)
			pc = &none;
		cf->opens = pc->recent[FU_EV_EMAIL_OPEN];
		cf->opens_before = pc->before[FU_EV_EMAIL_OPEN];
		cf->clicks = pc->recent[FU_EV_EMAIL_CLICK];
		cf->clicks_before = pc->before[FU_EV_EMAIL_CLICK];
		cf->replies = pc->recent[FU_EV_REPLY];
		cf->replies_before = pc->before[FU_EV_REPLY];
	}
	/* the date of the latest contact, dated as the purchase days are: a
	 * naive time on its date as logged, an instant on its date in the
	 * contact's zone.  (The store picks the latest by comparing a naive
	 * wall clock with instants as if it were UTC: a purchase day later
	 * than its pick is the later contact.) */
	if (cf->last_activity != FU_NO_TIME) {
		uint32_t zone = tz ? (uint32_t)(fu_map_get(&run->zones, tz, strlen(tz)) + 1) : 0;
		cf->last_contact = f->activity_naive ? fu_event_day(cf->last_activity)
		                                     : local_day_cached(run, cf->last_activity, tz, zone);
		if (cf->ndays && cf->last_day > cf->last_contact)
			cf->last_contact = cf->last_day;
	}
	for (uint32_t i = 0; i < f->ntickets; i++) {
		const fu_ticket *t = &f->tickets[i];
		if (t->opened > t->closed) {
			cf->open_tickets++;
			if (cf->oldest_open_ticket == FU_NO_TIME || t->opened < cf->oldest_open_ticket)
				cf->oldest_open_ticket = t->opened;
		}
	}
	const fu_slot *s = f->slots ? f->slots : fu_eventdb_slots(&run->db, f);
	if (s[SLOT_OWNER].set)
		cf->owner_change = fu_event_time(s[SLOT_OWNER].t, s[SLOT_OWNER].naive, tz);
	if (s[SLOT_REWARD].set)
		cf->last_reward = fu_event_time(s[SLOT_REWARD].t, s[SLOT_REWARD].naive, tz);
	if (f->has_nps) {
		cf->has_score = 1;
		cf->score = f->nps;
		cf->last_feedback_ask = f->nps_t;
	}
	/* a feedback-ask step done (a followup event) is an ask too, and a
	 * loyalty-reward step done is a reward (else the reward is asked for
	 * again after every purchase) */
	uint32_t ask = fu_intern_find(&run->db, "feedback-ask");
	uint32_t reward = fu_intern_find(&run->db, "loyalty-reward");
	for (uint32_t i = 0; i < f->nmarks; i++) {
		const fu_mark *m = &f->marks[i];
		int64_t t = fu_event_time(m->when, m->naive, tz);
		if (ask != UINT32_MAX && m->step == ask &&
		    (cf->last_feedback_ask == FU_NO_TIME || t > cf->last_feedback_ask))
			cf->last_feedback_ask = t;
		if (reward != UINT32_MAX && m->step == reward &&
		    (cf->last_reward == FU_NO_TIME || t > cf->last_reward))
			cf->last_reward = t;
	}
}

/* the model's summary of a customer up to day END (the first purchase
 * counts only as the start: x = days - 1) */
static fu_clv_cust summary(const fu_churn_facts *cf, uint32_t ndays, int32_t last, double total,
                           int32_t end, double unit)
{
	fu_clv_cust c = {0};
	if (ndays == 0)
		return c;
	c.x = ndays - 1;
	c.tx = (last - cf->first_day) / unit;
	c.T = (end - cf->first_day) / unit;
	/* the mean spend of the repeat days; NAN when a day's amount is missing.
	 * To 15 digits, as --summary writes it: a sharded run fits the same
	 * numbers, and the file reads 22.345, not 22.345000000000006 */
	c.mbar = c.x ? fu_money_digits((total - cf->first_amount) / c.x) : 0;
	if (cf->no_amount)
		c.mbar = NAN;
	return c;
}

static const char *field(const fu_churn_run *run, size_t row, long col)
{
	if (col < 0)
		return "";
	const char *p = run->arena.data + run->start[row];
	for (long i = 0; i < col; i++)
		p += strlen(p) + 1;
	return p;
}

/* Row ROW's zone: its tz when that is a zone, else NULL ($TZ).  LINE > 0:
 * the row is being read, and a tz that is no zone is reported (capped). */
static const char *row_zone(fu_churn_run *run, size_t row, long line)
{
	const char *tz = field(run, row, run->c_tz);
	char trimmed[160];
	if (!fu_tz_name(tz, trimmed, sizeof trimmed))
		return NULL; /* blank: $TZ */
	int added;
	size_t k = fu_map_put(&run->zones, tz, strlen(tz), &added);
	if (added) {
		run->zone_ok = fu_xrealloc(run->zone_ok, fu_map_count(&run->zones));
		run->zone_ok[k] = (signed char)fu_tz_valid(tz);
	}
	if (run->zone_ok[k])
		return tz;
	if (line > 0) {
		fu_warn_capped("unknown time zone", run->in.name, line, 0,
		               "tz \"%s\" is no time zone; TZ is used", tz);
		run->bad_zones++;
	}
	return NULL;
}

int fu_churn_read_contacts(fu_churn_run *run, const char *path, fu_rejects *rej)
{
	const fu_churn_opts *o = run->o;
	int got = fu_reader_open_contacts(&run->in, path, "a contacts list", rej);
	if (got != 0)
		return got;
	fu_reader *r = &run->in;
	run->c_id = fu_reader_col(r, "id");
	run->c_email = fu_reader_col(r, "email");
	run->c_phone = fu_reader_col(r, "phone");
	run->c_aliases = fu_reader_col(r, "aliases");
	run->c_tz = fu_reader_col(r, "tz");
	run->c_stage = fu_reader_col(r, "stage");
	run->c_unsub = fu_reader_col(r, "unsubscribed");
	run->c_referred_by = fu_reader_col_as(r, "referred_by", 1);
	run->c_created = fu_reader_col(r, "created");
	run->c_code = fu_reader_col_as(r, "referral_code", 1);
	fu_record *rec;
	fu_people seen = {0};
	while ((got = fu_reader_next(r, &rec)) == 1) {
		size_t idlen = run->c_id >= 0 ? rec->lens[run->c_id] : 0;
		size_t maillen = run->c_email >= 0 ? rec->lens[run->c_email] : 0;
		size_t phonelen = run->c_phone >= 0 ? rec->lens[run->c_phone] : 0;
		if (!idlen && !maillen && !phonelen) { /* no events can be theirs */
			fu_reader_reject(r, rec, "no key", "a contact with neither id, email nor phone; left out");
			continue;
		}
		/* one person, one row: a second would count their purchases twice in
		 * the base the model and RFM are fitted on.  Two ids with one
		 * address (a household) are two people, as in fu-schedule: each
		 * keeps its row, and the address's events are the first's */
		long shared, first = fu_people_seen(&seen, idlen ? rec->fields[run->c_id] : "", idlen,
		                                    maillen ? rec->fields[run->c_email] : "", maillen, rec->line,
		                                    &shared);
		if (first) {
			fu_reader_reject(r, rec, "duplicate contact",
			                 "duplicate of line %ld (same id, or same e-mail and no id of its own); left out",
			                 first);
			continue;
		}
		char e164[24];
		int phone_added = 1;
		if (phonelen && fu_phone_key(rec->fields[run->c_phone], e164))
			fu_map_put(&run->phones, e164, strlen(e164), &phone_added);
		if (run->n == run->cap) {
			run->cap = run->cap ? run->cap * 2 : 1024;
			run->start = fu_xrealloc(run->start, run->cap * sizeof *run->start);
			run->line = fu_xrealloc(run->line, run->cap * sizeof *run->line);
			run->shares = fu_xrealloc(run->shares, run->cap * sizeof *run->shares);
			run->rows = fu_xrealloc(run->rows, run->cap * sizeof *run->rows);
		}
		size_t i = run->n++;
		run->start[i] = run->arena.len;
		run->line[i] = rec->line;
		run->shares[i] = (uint8_t)((shared ? CHURN_SHARED_MAIL : 0) | (phone_added ? 0 : CHURN_SHARED_PHONE));
		for (size_t k = 0; k < rec->nfields; k++)
			fu_buf_add(&run->arena, rec->fields[k], rec->lens[k] + 1);
		fu_churn_facts cf;
		const char *tz = row_zone(run, i, rec->line);
		gather(run, i, tz, &cf);
		fu_churn_row *row = &run->rows[i];
		memset(row, 0, sizeof *row);
		row->now = summary(&cf, cf.ndays, cf.last_day, cf.total, cf.today, o->unit_days);
		row->cal = summary(&cf, cf.ndays_cal, cf.last_day_cal, cf.total_cal,
		                   o->holdout ? o->holdout_day : cf.today, o->unit_days);
		row->in_cal = cf.ndays_cal > 0;
		row->after = cf.ndays_after;
		row->recency = cf.ndays ? cf.today - cf.last_day : -1;
		row->frequency = cf.ndays;
		row->monetary = fu_money_digits(cf.total); /* as --summary writes it */
		row->p_alive = row->exp_purchases = row->clv = NAN;
	}
	fu_people_free(&seen);
	if (got >= 0)
		find_advocates(run);
	fu_warn_caps_flush(r->name);
	return got < 0 ? -1 : 0;
}

/* ---- the model ----------------------------------------------------------- */

/* by x, t_x, T, then mean spend (a missing one first) */
static int cmp_cust(const void *pa, const void *pb)
{
	const fu_clv_cust *a = pa, *b = pb;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->tx != b->tx)
		return a->tx < b->tx ? -1 : 1;
	if (a->T != b->T)
		return a->T < b->T ? -1 : 1;
	if (isnan(a->mbar) || isnan(b->mbar))
		return isnan(b->mbar) - isnan(a->mbar);
	return (a->mbar > b->mbar) - (a->mbar < b->mbar);
}

int fu_churn_model_run(fu_churn_run *run, const char *params, int refit)
{
	fu_churn_model *m = &run->model;
	memset(m, 0, sizeof *m);
	m->unit_days = run->o->unit_days;
	if (params && !refit) {
		int got = fu_churn_params_load(params, run->o->unit_days, m);
		if (got < 0)
			return -1;
		if (got == 0 && m->have_bg && m->have_gg)
			return 0;
		/* a file without a model (written before purchases had amounts,
		 * or empty) pins what it has; the rest is fitted and added */
	}
	int had_bg = m->have_bg, had_gg = m->have_gg;
	/* the calibration summaries of everyone who bought by its end */
	size_t nbase = run->base ? run->base->n : run->n;
	fu_clv_cust *c = fu_xmalloc((nbase ? nbase : 1) * sizeof *c);
	size_t n = 0, repeat = 0;
	for (size_t i = 0; i < nbase; i++)
		if (run->base || run->rows[i].in_cal) {
			c[n] = run->base ? run->base->cust[i] : run->rows[i].cal;
			repeat += c[n].x > 0;
			n++;
		}
	/* in one order, whatever the input's: a sharded run (--fit-summary)
	 * fits the same customers bit for bit as a single run */
	qsort(c, n, sizeof *c, cmp_cust);
	int st = had_bg ? FU_CLV_OK : fu_bgnbd_fit(c, n, &m->bg);
	if (st == FU_CLV_OK) {
		m->have_bg = 1;
	} else if (st == FU_CLV_EMPTY) {
		run->model_note = "no customers bought by the calibration end; model columns left empty";
	} else if (st == FU_CLV_FEW_REPEAT) {
		run->model_note = repeat == 0
			? "only one-time buyers: the model needs repeat customers; model columns left empty"
			: "too few repeat customers to fit the model (10 or more needed); model columns left empty";
	} else {
		run->model_note = "the purchase model (BG/NBD) did not converge; model columns left empty";
	}
	if (m->have_bg && !had_gg) {
		/* spend: repeat customers with a known, positive mean */
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (c[i].x == 0)
				continue;
			if (!(c[i].mbar > 0)) {
				run->zero_spend++;
				continue;
			}
			c[k++] = c[i];
		}
		int gst = fu_gg_fit(c, k, &m->gg);
		if (gst == FU_CLV_OK && !(m->gg.q > 1))
			run->model_note = "the spend model (Gamma-Gamma) came out with q at or below 1, where its "
			                  "mean spend does not exist (a few spends far above the rest); clv left empty";
		else if (gst == FU_CLV_OK)
			m->have_gg = 1;
		else
			run->model_note = gst == FU_CLV_FEW_REPEAT
				? "too few repeat customers with amounts to fit the spend model; clv left empty"
				: "the spend model (Gamma-Gamma) did not converge; clv left empty";
	}
	free(c);
	if (params && m->have_bg && (m->have_bg != had_bg || m->have_gg != had_gg) &&
	    fu_churn_params_write(params, m) != 0)
		return -1;
	return 0;
}

/* E[Y(t)] = bracket(x, T, t) * P(alive), and the brackets (a 2F1 series for
 * each monthly slice) are most of the scoring; they do not depend on t_x, so
 * customers sharing (x, T) (every one-time buyer of a cohort day; T takes
 * few values) share them.  A plain open-addressing table keyed by x and T's
 * bits, each entry pointing at its steps brackets in one pool: the values
 * are the same function of the same inputs, so the output does not change. */
typedef struct {
	unsigned x;
	int used, status;
	double T;
	size_t at; /* first bracket in the pool */
} slice_memo;

static size_t memo_slot(const slice_memo *tab, size_t mask, unsigned x, double T)
{
	uint64_t b;
	memcpy(&b, &T, sizeof b);
	uint64_t h = (b * 0xC2B2AE3D27D4EB4Fu) ^ (x * 0x9E3779B97F4A7C15u);
	h ^= h >> 29;
	size_t i = (size_t)(h * 0x94D049BB133111EBu >> 17) & mask;
	while (tab[i].used && !(tab[i].x == x && memcmp(&tab[i].T, &T, sizeof T) == 0))
		i = (i + 1) & mask;
	return i;
}


void fu_churn_score(fu_churn_run *run)
{
	const fu_churn_opts *o = run->o;
	/* RFM over the customers */
	size_t nc = 0;
	for (size_t i = 0; i < run->n; i++)
		nc += run->rows[i].frequency > 0;
	double *v[3];
	unsigned char *sc[3];
	size_t *idx = fu_xmalloc((nc ? nc : 1) * sizeof *idx);
	for (int k = 0; k < 3; k++) {
		v[k] = fu_xmalloc((nc ? nc : 1) * sizeof *v[k]);
		sc[k] = fu_xmalloc(nc ? nc : 1);
	}
	size_t j = 0;
	for (size_t i = 0; i < run->n; i++) {
		const fu_churn_row *row = &run->rows[i];
		if (!row->frequency)
			continue;
		idx[j] = i;
		v[0][j] = row->recency;
		v[1][j] = row->frequency;
		v[2][j] = row->monetary;
		j++;
	}
	for (int k = 0; k < 3; k++) {
		if (!run->base)
			fu_rfm_scores(v[k], nc, k > 0, sc[k]);
		else /* ranked in the whole base (--fit-summary) */
			for (j = 0; j < nc; j++)
				sc[k][j] = fu_churn_base_score(run->base, k, v[k][j]);
	}
	for (j = 0; j < nc; j++) {
		fu_churn_row *row = &run->rows[idx[j]];
		row->r = sc[0][j];
		row->f = sc[1][j];
		row->m = sc[2][j];
	}
	for (int k = 0; k < 3; k++) {
		free(v[k]);
		free(sc[k]);
	}
	free(idx);

	/* the shop's rhythm, for one-time buyers (over the whole base with
	 * --fit-summary, so that every shard judges them alike) */
	if (run->base) {
		run->usual_days = fu_churn_usual_days(run->base->cust, run->base->n, o->unit_days,
		                                      &run->usual_repeat);
	} else {
		fu_clv_cust *c = fu_xmalloc((nc ? nc : 1) * sizeof *c);
		size_t k = 0;
		for (size_t i = 0; i < run->n; i++)
			if (run->rows[i].frequency)
				c[k++] = run->rows[i].now;
		run->usual_days = fu_churn_usual_days(c, k, o->unit_days, &run->usual_repeat);
		free(c);
	}

	/* the model's columns, and the holdout check */
	const fu_churn_model *m = &run->model;
	if (!m->have_bg)
		return;
	double horizon = o->horizon_days / o->unit_days;
	int steps = (int)ceil(o->horizon_days / (365.25 / 12)); /* monthly slices */
	if (steps < 1)
		steps = 1;
	double hold_t = (o->today - o->holdout_day) / o->unit_days;
	double rate_per = 365.25 / o->unit_days;
	size_t cap = 16, pooled = 0, pool_cap = 64 * (size_t)steps;
	while (cap < 2 * run->n)
		cap *= 2;
	slice_memo *memo = fu_xcalloc(cap, sizeof *memo);
	double *pool = fu_xmalloc(pool_cap * sizeof *pool); /* grows with the distinct (x, T) */
	for (size_t i = 0; i < run->n; i++) {
		fu_churn_row *row = &run->rows[i];
		if (!row->frequency)
			continue;
		const fu_clv_cust *c = &row->now;
		slice_memo *sm = &memo[memo_slot(memo, cap - 1, c->x, c->T)];
		if (!sm->used) {
			if (pooled + (size_t)steps > pool_cap) {
				pool_cap *= 2;
				pool = fu_xrealloc(pool, pool_cap * sizeof *pool);
			}
			*sm = (slice_memo){.x = c->x, .T = c->T, .used = 1, .at = pooled};
			pooled += (size_t)steps;
			sm->status = fu_bgnbd_slices(&m->bg, c->x, c->T, horizon, steps, pool + sm->at);
		}
		double p_alive = fu_bgnbd_p_alive(&m->bg, c->x, c->tx, c->T);
		double e, purchases, spend;
		row->p_alive = (float)p_alive;
		if (sm->status != FU_CLV_OK) {
			run->model_failed++;
		} else {
			fu_bgnbd_discount_slices(pool + sm->at, p_alive, horizon, steps, o->discount,
			                         rate_per, &e, &purchases);
			row->exp_purchases = (float)e;
			/* spend: known for a repeat customer with a positive mean, else
			 * the population's mean */
			if (m->have_gg && (c->x == 0 || c->mbar > 0) &&
			    fu_gg_expected_spend(&m->gg, c->x, c->mbar, &spend) == FU_CLV_OK)
				row->clv = (float)(purchases * spend);
		}
		if (o->holdout && row->in_cal) {
			const fu_clv_cust *h = &row->cal;
			if (fu_bgnbd_expected(&m->bg, h->x, h->tx, h->T, hold_t, &e) == FU_CLV_OK)
				fu_holdout_add(&run->hold, h->x, row->after, e);
			else
				run->hold.failed++;
		}
	}
	free(memo);
	free(pool);
}

/* ---- output -------------------------------------------------------------- */

/* v with `decimals` digits after the point, as printf's "%.*f" writes it,
 * without printf (formatting was a third of fu-churn's time).  v * 10^d is
 * rounded to the nearest integer; when it lies too near a half for the
 * product's rounding error to be ruled out, or is too large for the margin,
 * printf decides.  Like printf, a negative value keeps its sign even when it
 * rounds to zero. */
static void put_num(char *buf, size_t n, int decimals, double v)
{
	static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
	if (isnan(v)) {
		buf[0] = '\0';
		return;
	}
	double s = fabs(v) * scale[decimals];
	double whole = floor(s), frac = s - whole;
	if (!(s < 1e9) || fabs(frac - 0.5) < 1e-6 || n < 24) {
		snprintf(buf, n, "%.*f", decimals, v);
		return;
	}
	fu_format_scaled((unsigned long long)whole + (frac > 0.5), decimals, signbit(v) != 0, buf);
}

/* money: whole cents, a half rounded away from zero, as fu-referrals
 * prints it (fu_money_cents) */
static void put_money(char *buf, size_t n, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		fu_money_format(fu_money_cents(v), buf, n);
}

static void put_day(char *buf, size_t n, int32_t day, int have)
{
	if (have)
		fu_format_date(day, buf, n);
	else
		buf[0] = '\0';
}

double fu_churn_once_every(const fu_churn_run *run)
{
	const fu_churn_settings *s = &run->o->set;
	if (s->usual_days > 0)
		return s->usual_days;
	return run->usual_days > 0 ? run->usual_days : s->silent_days;
}

void fu_churn_write(fu_churn_run *run, fu_csv_writer *w)
{
	const fu_churn_opts *o = run->o;
	const fu_header *h = &run->in.hdr;
	size_t width = h->n;
	long place[NOUT];
	for (int k = 0; k < NOUT; k++) {
		long i = fu_header_find(h, fu_health_columns[k]);
		place[k] = i >= 0 ? i : (long)width++;
	}
	const char **cells = fu_xcalloc(width, sizeof *cells);
	for (size_t i = 0; i < h->n; i++)
		cells[i] = h->names[i];
	for (int k = 0; k < NOUT; k++)
		cells[place[k]] = fu_health_columns[k];
	fu_csv_row(w, (char *const *)cells, width);

	fu_churn_verdict verdict = {0};
	char num[NOUT][48], rfm[16];
	for (size_t i = 0; i < run->n; i++) {
		const char *p = run->arena.data + run->start[i];
		for (size_t k = 0; k < h->n; k++) {
			cells[k] = p;
			p += strlen(p) + 1;
		}
		const fu_churn_row *row = &run->rows[i];
		const char *tz = row_zone(run, i, 0);
		const char *was = field(run, i, run->c_stage);
		fu_churn_facts cf;
		gather(run, i, tz, &cf);
		const char *stage = fu_churn_stage(&o->set, &cf, cf.today);
		fu_churn_ctx ctx = {.p_alive = row->p_alive, .stage = stage, .period = o->period,
		                    .period_days = (double)o->period_s / 86400, .now = cf.now,
		                    .today = cf.today, .usual_days = fu_churn_once_every(run)};
		fu_churn_judge(&o->set, &ctx, &cf, &verdict);
		/* the note: one-time buyers whom silent_days, standing in for the
		 * shop's rhythm, made overdue */
		run->once_fallback += cf.ndays == 1 && run->usual_repeat == 0 && o->set.usual_days == 0 &&
		                      cf.today - cf.last_day > o->set.overdue_factor * ctx.usual_days;
		run->rows[i].risk = verdict.risk;
		int buyer = cf.ndays > 0;
		const char *vals[NOUT];
		int k = 0;
		vals[k++] = stage;
		vals[k++] = was;
		put_day(num[k], sizeof num[k], cf.first_day, buyer), vals[k] = num[k], k++;
		put_day(num[k], sizeof num[k], cf.last_day, buyer), vals[k] = num[k], k++;
		put_day(num[k], sizeof num[k], cf.last_contact, cf.last_activity != FU_NO_TIME),
			vals[k] = num[k], k++;
		put_num(num[k], sizeof num[k], 0, buyer ? row->recency : NAN), vals[k] = num[k], k++;
		put_num(num[k], sizeof num[k], 0, cf.ndays), vals[k] = num[k], k++;
		put_money(num[k], sizeof num[k], buyer ? cf.total : NAN), vals[k] = num[k], k++;
		put_money(num[k], sizeof num[k], buyer ? cf.total / cf.ndays : NAN), vals[k] = num[k], k++;
		put_num(num[k], sizeof num[k], 0, buyer ? (double)(cf.today - cf.first_day) : NAN),
			vals[k] = num[k], k++;
		const uint32_t counts[6] = {cf.opens, cf.opens_before, cf.clicks, cf.clicks_before,
		                            cf.replies, cf.replies_before};
		for (int c = 0; c < 6; c++)
			put_num(num[k], sizeof num[k], 0, counts[c]), vals[k] = num[k], k++;
		if (row->r) {
			snprintf(rfm, sizeof rfm, "%d%d%d", row->r, row->f, row->m);
			vals[k++] = rfm;
			vals[k++] = fu_rfm_segment(row->r, row->f, row->m);
		} else {
			vals[k++] = "";
			vals[k++] = "";
		}
		put_num(num[k], sizeof num[k], 4, row->p_alive), vals[k] = num[k], k++;
		put_num(num[k], sizeof num[k], 4, row->exp_purchases), vals[k] = num[k], k++;
		put_money(num[k], sizeof num[k], row->clv), vals[k] = num[k], k++;
		put_num(num[k], sizeof num[k], 0, verdict.risk), vals[k] = num[k], k++;
		vals[k++] = verdict.band;
		vals[k++] = verdict.reasons.data ? verdict.reasons.data : "";
		vals[k++] = verdict.action;
		for (k = 0; k < NOUT; k++)
			cells[place[k]] = vals[k];
		fu_csv_row(w, (char *const *)cells, width);
		run->written++;
	}
	fu_buf_free(&verdict.reasons);
	free(cells);
}

void fu_churn_run_free(fu_churn_run *run)
{
	fu_join_scratch_free(&run->scratch);
	fu_eventdb_free(&run->db);
	fu_map_free(&run->advocates);
	fu_reader_close(&run->in);
	fu_buf_free(&run->arena);
	free(run->start);
	free(run->line);
	free(run->shares);
	fu_map_free(&run->phones);
	free(run->rows);
	free(run->local_days);
	free(run->offsets);
	fu_map_free(&run->zones);
	free(run->zone_ok);
}

/* ---- reports ------------------------------------------------------------- */

int fu_churn_report(fu_churn_run *run, const char *table, const char *plot)
{
	int rc = 0;
	const fu_eventdb *db = &run->db;
	if (db->unknown)
		fu_warn_at(fu_interned(db, db->unknown_file), 0, "%ld event%s of types outside fu(7) ignored (the first: '%s' at line %ld)",
		           db->unknown, db->unknown == 1 ? "" : "s", fu_interned(db, db->unknown_type),
		           db->unknown_line);
	fu_buf mix = {0};
	if (fu_eventdb_currency_mix(db, &mix) == 0)
		fu_warn("warning: purchase values in several currencies (%s) summed as one number: "
		        "monetary, CLV and the value ranks mix them (convert them, or run each "
		        "currency's events apart)", mix.data);
	fu_buf_free(&mix);
	const fu_churn_model *m = &run->model;
	char how[96];
	if (m->have_bg) {
		if (m->bg.evals)
			snprintf(how, sizeof how, "fitted on %ld customers, LL %.1f", m->bg.n, m->bg.ll);
		else
			snprintf(how, sizeof how, "from the parameters file");
		fu_warn("model: BG/NBD r %.4g, alpha %.4g, a %.4g, b %.4g (%s)", m->bg.r, m->bg.alpha,
		        m->bg.a, m->bg.b, how);
	}
	if (m->have_gg) {
		if (m->gg.evals)
			snprintf(how, sizeof how, "fitted on %ld repeat customers, LL %.1f", m->gg.n,
			         m->gg.ll);
		else
			snprintf(how, sizeof how, "from the parameters file");
		fu_warn("model: Gamma-Gamma p %.4g, q %.4g, gamma %.4g (%s)", m->gg.p, m->gg.q,
		        m->gg.gamma, how);
	}
	static const char *const bg_names[] = {"r", "alpha", "a", "b"}, *const gg_names[] = {"p", "q", "gamma"};
	for (int i = 0; m->have_bg && i < 4; i++)
		if (m->bg.bound >> i & 1)
			fu_warn("model: BG/NBD %s ran to its bound: the data favour the model's limit "
			        "(a and b large: one drop-out chance for everyone; r and alpha large: one "
			        "purchase rate)", bg_names[i]);
	for (int i = 0; m->have_gg && i < 3; i++)
		if (m->gg.bound >> i & 1)
			fu_warn("model: Gamma-Gamma %s ran to its bound: the data favour the model's limit",
			        gg_names[i]);
	if (run->model_note)
		fu_warn("model: %s", run->model_note);
	if (run->once_fallback)
		fu_warn("no customer bought twice: %ld one-time buyer%s judged overdue by silent_days (%gd) "
		        "as the shop's usual time between purchases (usual_days sets it: fu-churn(1))",
		        run->once_fallback, run->once_fallback == 1 ? "" : "s", run->o->set.silent_days);
	if (run->zero_spend)
		fu_warn("model: %ld repeat customer%s with no spend left out of the spend model", run->zero_spend,
		        run->zero_spend == 1 ? "" : "s");
	if (run->model_failed)
		fu_warn("model: the expected purchases of %ld customer%s did not converge; left empty",
		        run->model_failed, run->model_failed == 1 ? "" : "s");
	if (run->o->holdout && m->have_bg) {
		if (table) {
			fu_outfile o;
			if (fu_outfile_open(&o, table) != 0 || fu_holdout_write(&run->hold, o.fp) != 0 ||
			    fu_commit_file(&o) != 0)
				rc = -1;
		} else {
			fflush(stderr);
			fu_holdout_write(&run->hold, stderr);
		}
	}
	if (plot) {
		int *risk = fu_xmalloc((run->n ? run->n : 1) * sizeof *risk);
		for (size_t i = 0; i < run->n; i++)
			risk[i] = run->rows[i].risk;
		if (fu_churn_plot(plot, risk, run->n, run->o->set.band_medium, run->o->set.band_high,
		                  run->o->holdout && m->have_bg ? &run->hold : NULL) != 0)
			rc = -1;
		free(risk);
	}
	return rc;
}

void fu_churn_summary(fu_churn_run *run)
{
	long uc, ue;
	const fu_eventdb *db = &run->db;
	fu_eventdb_unmatched(db, &uc, &ue);
	fu_buf repeated = {0}; /* (the line as before when no row repeats another) */
	fu_eventdb_repeated_words(db, &repeated);
	char wrote[64]; /* the summary claims no rows the disk refused */
	if (fu_stdout_failed())
		snprintf(wrote, sizeof wrote, "not written (write error: %ld row%s)", run->written,
		         run->written == 1 ? "" : "s");
	else
		snprintf(wrote, sizeof wrote, "wrote %ld", run->written);
	fu_warn("read %ld contacts, rejected %ld, %s; events: read %ld = used %ld + %ld for %ld"
	        " contacts not in the input + %ld after --now + %ld rejected%s",
	        run->in.n.read, run->in.n.rejected, wrote,
	        db->events + db->future + db->bad + db->repeated + db->repeated_within, db->events - ue, ue, uc,
	        db->future, db->bad, repeated.data);
	fu_buf_free(&repeated);
}

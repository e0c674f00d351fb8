/* From a contact row, its event facts and the cadence to the contact's tasks:
 * anchors, conditions, timing, repeats, done marks and states. */
#include "fu.h"
#include "lib/norm.h"
#include "lib/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const fu_state_names[] = {"overdue", "due", "upcoming", "expired", "done"};

/* ---- names in conditions ---------------------------------------------------- */

enum fact {
	F_PURCHASES, F_SPENT, F_NPS, F_OPEN_TICKETS, F_TICKETS, F_EMAILS_SENT, F_OPENS, F_CLICKS,
	F_REPLIES, F_CALLS, F_MEETINGS, F_FEEDBACKS, F_REFERRALS, F_REWARDS, F_OWNER_CHANGES,
	F_UNSUBSCRIBED, F_FOLLOWUPS, F_SUCCESSES, F_EVENTS, F_DAYS_SINCE_PURCHASE,
	F_DAYS_SINCE_EVENT, F_ANCHOR_TYPE, F_ANCHOR_VALUE, F_ANCHOR_ITEM, F_COMPLEX, F_STEP, F_N
};
static const char *const fact_names[F_N] = {
	"purchases", "spent", "nps", "open_tickets", "tickets", "emails_sent", "opens", "clicks",
	"replies", "calls", "meetings", "feedbacks", "referrals", "rewards", "owner_changes",
	"unsubscribed", "followups", "successes", "events", "days_since_purchase",
	"days_since_event", "anchor_type", "anchor_value", "anchor_item", "complex", "step",
};
enum { REF_EMPTY = 1 << 20, REF_FACT = 1 << 21 };

static int resolver(void *ctx, const char *name)
{
	fu_planner *p = ctx;
	if (strncmp(name, "col.", 4) == 0) {
		long i = fu_header_find(p->hdr, name + 4);
		return i >= 0 ? (int)i : -1;
	}
	for (int i = 0; i < F_N; i++)
		if (strcmp(name, fact_names[i]) == 0)
			return REF_FACT + i;
	long i = fu_header_find(p->hdr, name);
	if (i >= 0)
		return (int)i;
	for (int k = 0; k < FU_CONTACT_NCOLS; k++)
		if (strcmp(name, fu_contact_columns[k]) == 0)
			return REF_EMPTY;
	/* fu-churn's columns: the default plan's churn steps use them, and
	 * without them it must plan as if they were not there */
	for (int k = 0; k < FU_HEALTH_NCOLS; k++)
		if (strcmp(name, fu_health_columns[k]) == 0)
			return REF_EMPTY;
	return -1;
}

/* Is STEP one a contact has a single task of: every row of it once, timed
 * from created or chained to such a step (a lead's cadence)?  Its marks are
 * all of that task.  DEPTH bounds a chain that loops. */
static int step_once(const fu_cadence *c, const char *step, int depth)
{
	int rows = 0;
	for (size_t i = 0; i < c->n; i++) {
		const fu_cadence_row *row = &c->rows[i];
		if (!fu_step_eq(row->step, step))
			continue;
		rows++;
		if (row->times != 1 || row->nanchors != 1)
			return 0;
		if (row->anchors[0] == FU_ANCHOR_DONE) {
			if (depth >= 16 || !step_once(c, row->after, depth + 1))
				return 0;
		} else if (row->anchors[0] != FU_ANCHOR_CREATED) {
			return 0;
		}
	}
	return rows > 0;
}

/* The rows in the order they are planned in (p->order): the cadence's,
 * but a row anchored on done:STEP after every row of STEP, so that a STEP
 * left out for the contact (no address for its channel) is known when the
 * row after it is timed from it (review15/4: a cadence listing l2 done:l1
 * before l1 gave l2 nothing).  A STEP no row has, or a cycle, keeps the
 * rest in the cadence's order. */
static void plan_order(fu_planner *p, size_t n)
{
	p->order = fu_xcalloc(n ? n : 1, sizeof *p->order);
	unsigned char *placed = fu_xcalloc(n ? n : 1, 1);
	size_t k = 0;
	for (int progress = 1; progress && k < n;) {
		progress = 0;
		for (size_t i = 0; i < n; i++) {
			if (placed[i])
				continue;
			int ready = 1;
			for (size_t j = 0; ready && p->after_ids[i] && j < n; j++)
				ready = j == i || placed[j] || p->step_ids[j] != p->after_ids[i];
			if (ready) {
				placed[i] = 1;
				p->order[k++] = i;
				progress = 1;
			}
		}
	}
	for (size_t i = 0; i < n; i++) /* (a cycle) */
		if (!placed[i])
			p->order[k++] = i;
	free(placed);
}

int fu_plan_setup(fu_planner *p, const fu_header *hdr)
{
	p->hdr = hdr;
	p->c_id = fu_header_find(hdr, "id");
	p->c_email = fu_header_find(hdr, "email");
	p->c_phone = fu_header_find(hdr, "phone");
	p->c_aliases = fu_header_find(hdr, "aliases");
	p->c_tz = fu_header_find(hdr, "tz");
	p->c_created = fu_header_find(hdr, "created");
	p->c_complex = fu_header_find(hdr, "complex");
	p->c_unsubscribed = fu_header_find(hdr, "unsubscribed");
	p->c_do_not_call = fu_header_find(hdr, "do_not_call");
	p->c_sms_unsubscribed = fu_header_find(hdr, "sms_unsubscribed");
	p->c_segment = fu_header_find(hdr, "segment");
	p->c_stage = fu_header_find(hdr, "stage");
	int bad = 0;
	fu_cadence *c = p->cad;
	for (size_t i = 0; i < c->ntypes; i++)
		if (strcmp(c->types[i], "purchase") == 0)
			p->purchase_slot = (int)i;
	p->step_ids = fu_xcalloc(c->n, sizeof *p->step_ids);
	p->step_on = fu_xcalloc(c->n, 1);
	for (size_t i = 0; i < c->n; i++)
		for (size_t s = 0; s < p->nsteps; s++)
			p->step_on[i] |= fu_step_eq(p->steps[s], c->rows[i].step);
	p->after_ids = fu_xcalloc(c->n, sizeof *p->after_ids);
	p->after_once = fu_xcalloc(c->n, 1);
	p->row_once = fu_xcalloc(c->n, 1);
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].after) {
			p->after_once[i] = (unsigned char)step_once(c, c->rows[i].after, 0);
			p->row_once[i] = (unsigned char)step_once(c, c->rows[i].step, 0);
		}
	for (size_t i = 0; i < c->n; i++) {
		fu_cadence_row *row = &c->rows[i];
		p->step_ids[i] = fu_intern_step(p->db, row->step, strlen(row->step));
		if (row->after)
			p->after_ids[i] = fu_intern_step(p->db, row->after, strlen(row->after));
	}
	plan_order(p, c->n);
	for (size_t i = 0; i < c->n; i++) {
		fu_cadence_row *row = &c->rows[i];
		if (strcmp(row->channel, "email") == 0) {
			if (p->step_ids[i] >= p->nemail_step) {
				size_t n = p->step_ids[i] + 1;
				p->email_step = fu_xrealloc(p->email_step, n);
				memset(p->email_step + p->nemail_step, 0, n - p->nemail_step);
				p->nemail_step = n;
			}
			p->email_step[p->step_ids[i]] = 1;
		}
		const char *badname;
		long col;
		if (fu_cond_resolve(row->eligible, resolver, p, &badname, &col) != 0) {
			fu_warn_at_col(c->file, row->elig_line, row->elig_col + col - 1,
			               "unknown column \"%s\" in the eligible condition", badname);
			bad = 1;
		}
		if (fu_cond_resolve(row->stop, resolver, p, &badname, &col) != 0) {
			fu_warn_at_col(c->file, row->stop_line, row->stop_col + col - 1,
			               "unknown column \"%s\" in the stop condition", badname);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static int has_text(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 1;
	return 0;
}

/* ---- evaluation context -------------------------------------------------------- */

struct ctx {
	fu_planner *p;
	const fu_record *rec;
	const fu_facts *f;
	const fu_task *t; /* the anchor being considered */
	double anchor_value; /* NAN: none */
	int complex, unsubscribed;
	char buf[4][40];
	char word[2][64]; /* segment and stage as words (contract_word) */
	int nbuf;
};

static void num_val(struct ctx *c, double d, fu_cond_val *v)
{
	char *b = c->buf[c->nbuf++ & 3];
	if (d == (double)(long)d && d > -1e15 && d < 1e15) { /* a count: no floating-point printf */
		char tmp[24], *e = tmp + sizeof tmp;
		long n = (long)d;
		unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
		*--e = '\0';
		do
			*--e = (char)('0' + u % 10);
		while (u /= 10);
		if (n < 0)
			*--e = '-';
		memcpy(b, e, (size_t)(tmp + sizeof tmp - e));
	} else {
		snprintf(b, sizeof c->buf[0], "%.15g", d);
	}
	v->s = b;
	v->n = strlen(b);
	v->num = d;
	v->isnum = 1;
}

/* The contact's segment and stage are words of fu(7) (new, mid, campaign;
 * prospect, new ...): read trimmed (a no-break space too) and in lower case,
 * as the other contract words are, so that "New " from a spreadsheet or a
 * CRM's picklist still starts a lead's cadence.  A value too long for a
 * word of the contract stays as written. */
static void contract_word(fu_cond_val *v, char out[64])
{
	if (v->n >= 64)
		return;
	memcpy(out, v->s, v->n);
	size_t n = fu_trim(out, v->n);
	out[n] = '\0';
	fu_ascii_lower(out, n);
	v->s = out;
	v->n = n;
}

static void getter(void *vctx, int ref, fu_cond_val *v)
{
	struct ctx *c = vctx;
	const fu_facts *f = c->f;
	if (ref == REF_EMPTY)
		return;
	if (ref < REF_EMPTY) {
		v->s = c->rec->fields[ref];
		v->n = c->rec->lens[ref];
		if (ref == c->p->c_segment || ref == c->p->c_stage)
			contract_word(v, c->word[ref == c->p->c_stage]);
		return;
	}
	static const enum fu_ev counted[F_N] = {
		[F_PURCHASES] = FU_EV_PURCHASE, [F_TICKETS] = FU_EV_TICKET_OPENED,
		[F_EMAILS_SENT] = FU_EV_EMAIL_SENT, [F_OPENS] = FU_EV_EMAIL_OPEN,
		[F_CLICKS] = FU_EV_EMAIL_CLICK, [F_REPLIES] = FU_EV_REPLY, [F_CALLS] = FU_EV_CALL,
		[F_MEETINGS] = FU_EV_MEETING, [F_FEEDBACKS] = FU_EV_FEEDBACK,
		[F_REFERRALS] = FU_EV_REFERRAL, [F_REWARDS] = FU_EV_REWARD,
		[F_OWNER_CHANGES] = FU_EV_OWNER_CHANGE, [F_FOLLOWUPS] = FU_EV_FOLLOWUP,
		[F_SUCCESSES] = FU_EV_SUCCESS,
	};
	enum fact k = (enum fact)(ref - REF_FACT);
	switch (k) {
	case F_SPENT:
		num_val(c, f ? f->spent : 0, v);
		return;
	case F_NPS:
		if (f && f->has_nps)
			num_val(c, f->nps, v);
		return;
	case F_OPEN_TICKETS:
		num_val(c, f ? fu_facts_open_tickets(f) : 0, v);
		return;
	case F_UNSUBSCRIBED:
		num_val(c, c->unsubscribed, v);
		return;
	case F_EVENTS: {
		long n = 0;
		for (int i = 0; f && i < FU_EV_N; i++)
			n += f->count[i];
		num_val(c, (double)n, v);
		return;
	}
	case F_DAYS_SINCE_PURCHASE:
	case F_DAYS_SINCE_EVENT: {
		int64_t t = !f ? INT64_MIN : k == F_DAYS_SINCE_PURCHASE ? f->last_purchase : f->last_event;
		if (t != INT64_MIN)
			num_val(c, floor((double)(c->p->now - t) / 86400.0), v);
		return;
	}
	case F_ANCHOR_TYPE:
		v->s = c->t->anchor_type;
		v->n = strlen(v->s);
		return;
	case F_ANCHOR_VALUE:
		if (!isnan(c->anchor_value))
			num_val(c, c->anchor_value, v);
		return;
	case F_ANCHOR_ITEM:
		v->s = fu_interned(c->p->db, c->t->item);
		v->n = strlen(v->s);
		return;
	case F_COMPLEX:
		num_val(c, c->complex, v);
		return;
	case F_STEP:
		v->s = c->t->row->step;
		v->n = strlen(v->s);
		return;
	default:
		num_val(c, f ? f->count[counted[k]] : 0, v);
		return;
	}
}

/* ---- helpers -------------------------------------------------------------- */

static const char *contact_tz(fu_planner *p, const fu_record *rec, const char *file)
{
	char trimmed[160];
	if (p->c_tz < 0 || !fu_tz_name(rec->fields[p->c_tz], trimmed, sizeof trimmed))
		return NULL; /* blank: $TZ */
	const char *tz = rec->fields[p->c_tz];
	int valid = -1;
	for (int i = 0; i < p->ntz; i++)
		if (strcmp(p->tzcache[i], tz) == 0) {
			valid = p->tzvalid[i];
			break;
		}
	if (valid < 0) {
		valid = fu_tz_valid(tz);
		if (p->ntz < 64 && strlen(tz) < sizeof p->tzcache[0]) {
			strcpy(p->tzcache[p->ntz], tz);
			p->tzvalid[p->ntz++] = (signed char)valid;
		}
	}
	if (!valid) {
		fu_warn_at(file, rec->line, "unknown time zone \"%s\"; using TZ", tz);
		p->errors++;
		return NULL;
	}
	return tz;
}

/* a channel that phones the contact: a call or a text message */
static int phone_channel(const char *channel)
{
	static const char *const phone[] = {"call", "phone", "sms", "text", "whatsapp", "mms"};
	for (size_t i = 0; i < sizeof phone / sizeof phone[0]; i++)
		if (strcmp(channel, phone[i]) == 0)
			return 1;
	return 0;
}

/* a channel that sends a text message: consent to texts alone
 * (sms_unsubscribed) governs it */
static int text_channel(const char *channel)
{
	static const char *const text[] = {"sms", "text", "mms", "whatsapp"};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (strcmp(channel, text[i]) == 0)
			return 1;
	return 0;
}

/* a channel where a person of ours talks with the contact (a call, a
 * meeting), not a message sent to it: an opt-out of marketing messages
 * (fu(7), Consent) leaves these to do_not_call */
static int person_channel(const char *channel)
{
	static const char *const person[] = {"call", "phone", "meeting", "visit"};
	for (size_t i = 0; i < sizeof person / sizeof person[0]; i++)
		if (strcmp(channel, person[i]) == 0)
			return 1;
	return 0;
}

static int truthy_text(const char *s)
{
	return *s && strcmp(s, "0") != 0 && !fu_streq_ci(s, "no") && !fu_streq_ci(s, "false") &&
	       !fu_streq_ci(s, "n");
}

/* task_id: a hash of the contact's key, the step, the anchor event (its
 * type and its time as written: the wall clock, any offset dropped, so the
 * id depends neither on the zone a naive time is read in, nor on whether
 * the log wrote the offset -- fu-import --source-tz added later --, nor on
 * when) and the occurrence, as 16 hex digits (fu(7), TASKS) */
struct id_time {
	int64_t wall;    /* the time as written, its offset dropped: 10:00-05:00 is 10:00 */
	int64_t instant; /* the instant (a naive time placed in the contact's zone) */
	uint8_t twice;   /* the later instant of a wall clock the contact's zone
	                  * repeats (a fall-back: 01:30-05:00 after 01:30-04:00 in
	                  * New York), which a naive time cannot name: its
	                  * instant is hashed too, the two are two tasks */
	uint8_t legacy;  /* a mark naming the id it had before ids hashed the wall
	                  * clock (they hashed a time with an offset as its instant)
	                  * counts: the instant is not the wall clock, no purchase
	                  * of the contact has that instant for its wall clock, and
	                  * the mark was made at or after the instant (noted_from) */
	uint8_t zoned;   /* written with an offset */
	int64_t local;   /* then: the instant's wall clock in the contact's zone */
};

/* T's wall clock in zone TZ, as wall-clock seconds; *OFF: TZ's offset then */
static int64_t local_wall(int64_t t, const char *tz, long *off)
{
	struct tm lt;
	*off = 0;
	if (fu_localtime(t, tz, &lt) != 0)
		return t;
	*off = lt.tm_gmtoff;
	return t + lt.tm_gmtoff;
}

/* a time as stored (T, NAIVE, its OFFSET in minutes), placed at AT in the
 * contact's zone TZ, for task ids */
static struct id_time id_time_of(int64_t t, int naive, int offset, int64_t at, const char *tz)
{
	int64_t wall = naive ? t : t + (int64_t)offset * 60;
	struct id_time id = {.wall = wall, .instant = at, .legacy = wall != at, .zoned = !naive};
	/* the repeated hour: the zone has this wall clock at AT, and had it
	 * before, under the larger offset it had a day earlier (a naive time
	 * is read as that earlier instant) */
	long now_off, before_off, then_off;
	if (!naive && (id.local = local_wall(at, tz, &now_off)) == wall) {
		local_wall(at - 86400, tz, &before_off);
		if (before_off > now_off) {
			int64_t earlier = wall - before_off;
			local_wall(earlier, tz, &then_off);
			id.twice = then_off == before_off;
		}
	}
	return id;
}

/* V in decimal at OUT (no NUL); returns its length */
static size_t decimal(int64_t v, char out[24])
{
	char tmp[24], *e = tmp + sizeof tmp, *b = e;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		*--b = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--b = '-';
	memcpy(out, b, (size_t)(e - b));
	return (size_t)(e - b);
}

/* S (N bytes) and a unit separator at W; returns the end */
static char *put_part(char *w, const char *s, size_t n)
{
	memcpy(w, s, n);
	w[n] = 0x1f;
	return w + n + 1;
}

/* The id hash of a task, in two parts: the prefix, the key, the step and
 * the type, each followed by 0x1f; then the time text and the occurrence
 * (in decimal).  FNV-1a goes on from the prefix's state, so the ids of one
 * task under its times (ids_under_keys) hash the prefix once. */
static uint64_t id_prefix(const char *key, const fu_cadence_row *row, const char *atype)
{
	/* put together by hand: snprintf was a tenth of the run */
	char small[256];
	size_t nkey = strlen(key), nstep = strlen(row->step), ntype = strlen(atype);
	size_t n = nkey + nstep + ntype + 3;
	char *text = n <= sizeof small ? small : fu_xmalloc(n);
	put_part(put_part(put_part(text, key, nkey), row->step, nstep), atype, ntype);
	uint64_t h = fu_hash64(text, n, 0x5c4ed);
	if (text != small)
		free(text);
	return h;
}

/* the id of the task whose prefix hashed to H, with time text T (NT bytes),
 * occurrence K; OUT (if not NULL): as 16 hex digits */
static uint64_t id_finish(uint64_t h, const char *t, size_t nt, long k, char *out)
{
	char tail[80];
	memcpy(tail, t, nt);
	tail[nt] = 0x1f;
	size_t n = nt + 1 + decimal(k, tail + nt + 1);
	/* (fu_hash64 is FNV-1a: its seed XORs the offset basis, so this goes on
	 * from state H, as one hash of the whole text) */
	h = fu_hash64(tail, n, h ^ 0xcbf29ce484222325ULL);
	/* a final mix (splitmix64) so that ids of neighbouring occurrences differ everywhere */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; out && i < 16; i++)
		out[i] = hex[(h >> (60 - 4 * i)) & 15];
	if (out)
		out[16] = '\0';
	return h;
}

/* the time text of AT at T (50 bytes): the wall clock in decimal ("W"), or
 * for a wall clock repeated at another instant "W@I" (no other time's
 * text); returns its length */
static size_t id_time_text(const struct id_time *at, char *t)
{
	size_t nt = decimal(at->wall, t);
	if (at->twice) {
		t[nt++] = '@';
		nt += decimal(at->instant, t + nt);
	}
	return nt;
}

/* the task's id */
static uint64_t make_id(const char *key, const fu_cadence_row *row, const char *atype, const struct id_time *at,
                        long k, char out[17])
{
	char t[50];
	return id_finish(id_prefix(key, row, atype), t, id_time_text(at, t), k, out);
}

enum fu_state fu_task_state(const fu_task *t, int64_t now)
{
	if (now < t->due)
		return FU_UPCOMING;
	if (now < t->due + fu_dur_seconds(&t->row->window))
		return FU_DUE;
	return now >= t->expiry ? FU_EXPIRED : FU_OVERDUE;
}

static int rank(const fu_task *t)
{
	if (t->row->service)
		return 0;
	return t->row->anchors[0] == FU_ANCHOR_CREATED ? 1 : 2;
}

int fu_task_cmp(const fu_task *a, const fu_task *b)
{
	int ra = rank(a), rb = rank(b);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->expiry != b->expiry)
		return a->expiry < b->expiry ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->anchor_t != b->anchor_t) /* the older order first */
		return a->anchor_t < b->anchor_t ? -1 : 1;
	return strcmp(a->task_id, b->task_id);
}

static int64_t occurrence_due(fu_planner *p, const fu_cadence_row *row, int64_t base, long k,
                              const char *tz)
{
	int64_t raw = k ? fu_sched_add(&p->timing, base, &row->every, k, tz) : base;
	return fu_sched_adjust(&p->timing, raw, tz);
}

/* The occurrence of a repeating ROW current at --now: the last one due by
 * then, or 0 when none is.  Dues only grow with the occurrence, so it is
 * found by bisection among those that can be due by now: a few dozen dues
 * worked out, however many occurrences lie between the anchor and now (an
 * hourly step since 2020 walked 50,000 of them: trial finding 28). */
static long current_occurrence(fu_planner *p, const fu_cadence_row *row, int64_t base, const char *tz)
{
	int64_t span = fu_dur_seconds(&row->every), elapsed = p->now - base;
	if (span <= 0 || elapsed <= 0 || occurrence_due(p, row, base, 0, tz) > p->now)
		return 0;
	/* minutes and hours are elapsed time; a day of wall-clock time can be
	 * shorter (DST, a zone that skipped a day): two days' slack */
	int64_t hi = row->every.unit == FU_MIN || row->every.unit == FU_HOUR ? elapsed / span
	                                                                       : (elapsed + 2 * 86400) / span + 1;
	if (row->times > 0 && hi > row->times - 1)
		hi = row->times - 1;
	int64_t lo = 0; /* due by now */
	while (lo < hi) {
		int64_t mid = lo + (hi - lo + 1) / 2;
		if (occurrence_due(p, row, base, (long)mid, tz) <= p->now)
			lo = mid;
		else
			hi = mid - 1;
	}
	return (long)lo;
}

/* When a done mark was made: a mark logged as a date only counts as made at
 * the end of that day, so that a step timed from it cannot fall on that
 * same day. */
static int64_t mark_time(const fu_mark *m, const char *tz)
{
	return fu_event_time(m->date_only ? m->when + 86400 : m->when, m->naive, tz);
}

/* the keys a contact's task ids may have been made under: the key in use
 * (its id, else its e-mail), its e-mail (lower-cased) and the id fu-import
 * derives from that e-mail, and its aliases (an e-mail alias lower-cased
 * and its derived id, an id alias as it is), so a done mark made while the
 * contact was known by another of them still covers the task (fu(7),
 * IDENTITY) */
enum { MAX_ID_KEYS = 3 + 2 * FU_MAX_ALIASES };
/* the ids a task's done mark may name: under each key its own, the legacy
 * one, and the one of its time read as a naive time (ids_under_keys) */
enum { MAX_TASK_IDS = 3 * MAX_ID_KEYS };
struct id_keys {
	const char *k[MAX_ID_KEYS];
	int n;
};

/* the ids a done mark of task (ROW, ATYPE, AT, K) may name, into OUT
 * (MAX_TASK_IDS); returns how many: its id under each key; then under each
 * the id it had before ids hashed the wall clock (AT->legacy), and for a
 * time written with an offset the id of its instant's wall clock in the
 * contact's zone, which the same event logged without an offset has (read
 * in that zone: a CRM that starts writing UTC "Z" times) */
static int ids_under_keys(const struct id_keys *keys, const fu_cadence_row *row, const char *atype,
                          const struct id_time *at, long k, uint64_t *out)
{
	char t[50], legacy[24], local[24];
	size_t nt = id_time_text(at, t);
	size_t nlegacy = at->legacy ? decimal(at->instant, legacy) : 0; /* (its instant) */
	size_t nlocal = at->zoned && at->local != at->wall && at->local != at->instant ? decimal(at->local, local) : 0;
	int n = 0;
	for (int i = 0; i < keys->n; i++) {
		uint64_t h = id_prefix(keys->k[i], row, atype);
		out[i] = id_finish(h, t, nt, k, NULL);
		if (nlegacy)
			out[keys->n + n++] = id_finish(h, legacy, nlegacy, k, NULL);
		if (nlocal)
			out[keys->n + n++] = id_finish(h, local, nlocal, k, NULL);
	}
	return keys->n + n;
}

/* The contact's ALIASES by which its events are found: without a phone
 * (E.164) an earlier contact has as its own or as an alias (an office's
 * switchboard written beside two people's own numbers), whose events are
 * that contact's, as those of a shared own phone are (fu(7), Identity):
 * one order is thanked once.  The alias phones it keeps are noted apart
 * from the own phones: a later contact's own phone still finds its own
 * events (its opt-out among them; review15/2). */
static const char *unshared_aliases(fu_planner *p, const char *aliases)
{
	if (!strchr(aliases, '+'))
		return aliases; /* no phone among them */
	fu_buf *b = &p->joinbuf;
	fu_buf_clear(b);
	const char *list = aliases, *a;
	size_t n;
	while (fu_alias_next(&list, &a, &n)) {
		char one[64], e164[24];
		int added = 1;
		if (*a == '+' && n < sizeof one) {
			memcpy(one, a, n);
			one[n] = '\0';
			if (fu_phone_key(one, e164)) {
				if (fu_map_get(&p->phones, e164, strlen(e164)) >= 0)
					added = 0;
				else
					fu_map_put(&p->alias_phones, e164, strlen(e164), &added);
			}
		}
		if (!added)
			continue;
		if (b->len)
			fu_buf_addc(b, ';');
		fu_buf_add(b, a, n);
	}
	return b->len ? b->data : "";
}

/* The contact's ALIASES added to KEYS (their text kept in p->aliasbuf):
 * an e-mail lower-cased, with the id derived from it; an id as it is; a
 * phone made no task id. */
static void alias_keys(fu_planner *p, const char *aliases, struct id_keys *keys)
{
	fu_buf *b = &p->aliasbuf;
	fu_buf_clear(b);
	size_t at[2 * FU_MAX_ALIASES];
	int n = 0;
	const char *a;
	size_t len;
	for (int i = 0; i < FU_MAX_ALIASES && fu_alias_next(&aliases, &a, &len); i++) {
		if (*a == '+')
			continue;
		at[n++] = b->len;
		fu_buf_add(b, a, len);
		fu_buf_add(b, "", 1);
		if (!memchr(a, '@', len))
			continue;
		fu_ascii_lower(b->data + at[n - 1], len);
		char derived[17];
		norm_contact_id(b->data + at[n - 1], len, derived);
		at[n++] = b->len;
		fu_buf_add(b, derived, 17);
	}
	for (int i = 0; i < n && keys->n < MAX_ID_KEYS; i++)
		keys->k[keys->n++] = b->data + at[i];
}

/* Every done mark that names a task (its note), by that id, whatever
 * contact_id it was logged under: the id already names the contact (its
 * e-mail), so a mark logged under an id the contact no longer has still
 * covers the task (fu(7), Identity).  Every mark naming an id is kept, not
 * only the first: a task marked twice, each time naming part of what it
 * named (trials8/09), is done with what both name.  Built on the first
 * contact. */
static void index_notes(fu_planner *p)
{
	fu_map_init(&p->notes);
	p->notes_built = 1;
	size_t cap = 0;
	for (size_t i = 0; i < p->db->n; i++) {
		const fu_facts *f = &p->db->f[i];
		for (uint32_t j = 0; j < f->nmarks + f->npend; j++) {
			fu_mark m;
			if (j < f->nmarks) {
				m = f->marks[j];
			} else {
				const fu_pending *e = &f->pend[j - f->nmarks];
				if (e->ev != FU_EV_FOLLOWUP)
					continue;
				m = (fu_mark){.note = e->note, .when = e->t, .step = e->type, .named = e->named, .naive = 1,
				              .date_only = e->date_only};
			}
			if (m.note == 0)
				continue;
			int added;
			size_t k = fu_map_put(&p->notes, (const char *)&m.note, sizeof m.note, &added);
			if (!added) { /* another mark of the id: chained after the first */
				if (p->nmore == p->morecap) {
					p->morecap = p->morecap ? p->morecap * 2 : 64;
					p->more_marks = fu_xrealloc(p->more_marks, p->morecap * sizeof *p->more_marks);
				}
				p->more_marks[p->nmore] = (struct fu_more_mark){.m = m, .next = p->note_more[k]};
				p->note_more[k] = (uint32_t)++p->nmore;
				continue;
			}
			if (k == cap) {
				cap = cap ? cap * 2 : 256;
				p->note_marks = fu_xrealloc(p->note_marks, cap * sizeof *p->note_marks);
				p->note_more = fu_xrealloc(p->note_more, cap * sizeof *p->note_more);
			}
			p->note_marks[k] = m;
			p->note_more[k] = 0;
		}
	}
}

/* The marks whose note is ID made by --now (placed in TZ), into OUT (up to
 * MAX of them); returns how many */
static size_t noted_all(const fu_planner *p, uint64_t id, const char *tz, const fu_mark **out, size_t max)
{
	long k = fu_map_get(&p->notes, (const char *)&id, sizeof id);
	if (k < 0)
		return 0;
	size_t n = 0;
	const fu_mark *m = &p->note_marks[k];
	for (uint32_t next = p->note_more[k];; next = p->more_marks[next - 1].next) {
		if (fu_event_time(m->when, m->naive, tz) <= p->now)
			out[n++] = m;
		if (!next || n == max)
			break;
		m = &p->more_marks[next - 1].m;
	}
	return n;
}

/* Was the task ID marked done before AT (a mark placed in TZ, made by --now)? */
static int marked_before(const fu_planner *p, uint64_t id, int64_t at, const char *tz)
{
	const fu_mark *m[32];
	size_t n = noted_all(p, id, tz, m, 32);
	for (size_t i = 0; i < n; i++)
		if (mark_time(m[i], tz) < at)
			return 1;
	return 0;
}

/* the first mark whose note is ID, made by --now (placed in TZ), or NULL */
static const fu_mark *noted(const fu_planner *p, uint64_t id, const char *tz)
{
	const fu_mark *m;
	return noted_all(p, id, tz, &m, 1) ? m : NULL;
}

/* The first mark naming ID made at or after FROM (placed in TZ), or NULL.
 * For the ids a task's mark may name besides its own (ids_under_keys: the
 * id of the release before, the id of its instant's wall clock), which are
 * the own id of another event of the contact whenever that event's wall
 * clock is this one's instant -- an event the log may no longer hold (an
 * earlier meeting, an order older than the recent ones): a mark made
 * before the anchor happened is that other event's, never this one's. */
static const fu_mark *noted_from(const fu_planner *p, uint64_t id, int64_t from, const char *tz)
{
	const fu_mark *m[32];
	size_t n = noted_all(p, id, tz, m, 32);
	for (size_t i = 0; i < n; i++)
		if (mark_time(m[i], tz) >= from)
			return m[i];
	return NULL;
}

/* The mark that covers the task, or NULL: one whose note is one of IDS (the
 * task's ids under each of the contact's keys), or a mark of the step without
 * a note made while this occurrence was current.  ANY_NOTE: the task is the
 * contact's only one of its step (a one-off step timed from created), so a
 * mark of the step naming another id counts too: the id was made from
 * created as then logged, and a contacts file re-exported with another
 * precision (14:02 for 14:02:11) or merged to an earlier created must not
 * send a lead's first touch again. */
static const fu_mark *done_by(const fu_planner *p, const fu_facts *f, uint32_t step, const uint64_t *ids,
                              int nown, int nids, int any_note, int64_t anchor, long k, int64_t due,
                              int64_t next_due, int has_next, const char *tz)
{
	for (int j = 0; j < nids; j++) {
		const fu_mark *m = j < nown ? noted(p, ids[j], tz) : noted_from(p, ids[j], anchor, tz);
		if (m)
			return m;
	}
	for (uint32_t i = 0; f && i < f->nmarks; i++) {
		const fu_mark *m = &f->marks[i];
		if ((m->note != 0 && !any_note) || m->step != step)
			continue;
		/* a mark without a task_id covers the occurrence current when it was made */
		int64_t w = mark_time(m, tz);
		if (w >= anchor && (k == 0 || w >= due) && (!has_next || w < next_due))
			return m;
	}
	return NULL;
}

/* the first mark of STEP among the contact's, or NULL */
static const fu_mark *any_mark(const fu_facts *f, uint32_t step)
{
	for (uint32_t i = 0; f && i < f->nmarks; i++)
		if (f->marks[i].step == step)
			return &f->marks[i];
	return NULL;
}

static void push(fu_planner *p, size_t *n, const fu_task *t)
{
	if (*n == p->tcap) {
		p->tcap = p->tcap ? p->tcap * 2 : 16;
		p->tasks = fu_xrealloc(p->tasks, p->tcap * sizeof *p->tasks);
	}
	p->tasks[(*n)++] = *t;
}

/* Remember M, which covered a task of STEP, as that step's latest mark for
 * the contact: a step chained to it (done:STEP) counts from it even when it
 * was logged under an id the contact no longer has (rows of a plan chain
 * to steps listed above them). */
static void note_step_mark(fu_planner *p, uint32_t step, const fu_mark *m, const char *tz)
{
	for (size_t i = 0; i < p->nstepmarks; i++)
		if (p->stepmarks[i].step == step) {
			if (mark_time(m, tz) > mark_time(p->stepmarks[i].m, tz))
				p->stepmarks[i].m = m;
			return;
		}
	if (p->nstepmarks == p->stepmarkcap) {
		p->stepmarkcap = p->stepmarkcap ? p->stepmarkcap * 2 : 8;
		p->stepmarks = fu_xrealloc(p->stepmarks, p->stepmarkcap * sizeof *p->stepmarks);
	}
	p->stepmarks[p->nstepmarks].step = step;
	p->stepmarks[p->nstepmarks++].m = m;
}

/* ---- orders ------------------------------------------------------------------ */

/* a purchase of the contact, placed in its zone */
struct fu_buy {
	int64_t t;     /* the instant */
	int64_t raw;   /* as stored (naive: wall-clock seconds) */
	double amount; /* NAN: none */
	uint32_t item;
	uint32_t returned; /* the line items a refund in part took back: named no more */
	int naive;
	int refunded; /* taken back in full: kept for the grouping (and ids) only */
	struct id_time id; /* its time for task ids (id_times) */
};

static int cmp_buy(const void *a, const void *b)
{
	const struct fu_buy *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->raw != y->raw)
		return x->raw < y->raw ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

static void add_buy(fu_planner *p, int64_t raw, int naive, int offset, double amount, uint32_t item,
                    uint32_t returned, int refunded, const char *tz)
{
	if (p->nbuys == p->bcap) {
		p->bcap = p->bcap ? p->bcap * 2 : 8;
		p->buys = fu_xrealloc(p->buys, p->bcap * sizeof *p->buys);
	}
	int64_t t = fu_event_time(raw, naive, tz);
	p->buys[p->nbuys++] = (struct fu_buy){.t = t, .raw = raw, .amount = amount, .item = item,
	                                      .returned = returned, .naive = naive, .refunded = refunded,
	                                      .id = id_time_of(raw, naive, offset, t, tz)};
}

/* The id made before ids hashed the wall clock (a purchase's instant) is
 * no purchase's own when another's wall clock is that instant (10:00-05:00's
 * old id is 15:00-05:00's new one): then not accepted.  Two such purchases
 * are within two zones' distance of each other (BUYS sorted). */
static void legacy_ids(fu_planner *p)
{
	const int64_t near = 2 * 86400;
	for (size_t i = 0; i < p->nbuys; i++) {
		struct fu_buy *b = &p->buys[i];
		/* likewise the id of its instant's wall clock in the contact's zone
		 * (ids_under_keys): a Z time 03:00 is a New York contact's 22:00,
		 * and 08:00Z's local wall clock is 03:00, that purchase's own id */
		for (size_t j = 0; b->id.zoned && b->id.local != b->id.wall && j < p->nbuys; j++)
			if (j != i && p->buys[j].id.wall == b->id.local)
				b->id.local = b->id.wall; /* (not accepted) */
		for (size_t j = i; b->id.legacy && j-- > 0 && p->buys[j].t >= b->t - near;)
			if (p->buys[j].id.wall == b->id.instant)
				b->id.legacy = 0;
		for (size_t j = i + 1; b->id.legacy && j < p->nbuys && p->buys[j].t <= b->t + near; j++)
			if (p->buys[j].id.wall == b->id.instant)
				b->id.legacy = 0;
	}
}

/* The contact's purchases, oldest first: those the store kept as recent, and
 * the latest one (kept however old).  A subscription's automatic renewal is
 * no order (fu(7), the renewal column): not thanked, not checked in on, and
 * the steps timed from the latest purchase keep counting from the one the
 * customer made (the store's slot leaves renewals out too). */
static void gather_buys(fu_planner *p, const fu_facts *f, const fu_slot *slots, const char *tz)
{
	p->nbuys = 0;
	if (!f)
		return;
	uint32_t nr;
	const fu_purchase *r = fu_eventdb_recent(p->db, f, &nr);
	for (uint32_t i = 0; i < nr; i++)
		if (!r[i].renewal)
			add_buy(p, r[i].t, r[i].naive, r[i].offset, r[i].amount, r[i].item, r[i].returned,
			        r[i].refunded, tz);
	/* the latest purchase's slot repeats the list's purchases of its instant
	 * (all of them: the slot joins an order's lines logged at one time) */
	const fu_slot *s = slots ? &slots[p->purchase_slot] : NULL;
	int listed = 0;
	for (size_t i = 0; s && s->set && i < p->nbuys; i++)
		listed |= p->buys[i].raw == s->t && p->buys[i].naive == s->naive;
	if (s && s->set && !listed)
		add_buy(p, s->t, s->naive, s->offset, s->value, s->item, s->returned, 0, tz);
	if (p->nbuys > 1) { /* buys is NULL with none */
		qsort(p->buys, p->nbuys, sizeof *p->buys, cmp_buy);
		legacy_ids(p);
	}
}

/* when ROW falls due for a purchase at T (in the send window, on a business
 * day with -b) */
static int64_t order_due(fu_planner *p, int64_t t, const fu_cadence_row *row, const char *tz)
{
	return fu_sched_adjust(&p->timing, fu_sched_add(&p->timing, t, &row->offset, 1, tz), tz);
}

/* whether purchase B falls into the order that starts at purchase Q, grouped
 * in zone TZ (order_end); PLACED: their times are placed in TZ already */
static int same_order(fu_planner *p, const fu_cadence_row *row, const struct fu_buy *qb,
                      const struct fu_buy *bb, const char *tz, int placed)
{
	int64_t q = placed ? qb->t : fu_event_time(qb->raw, qb->naive, tz);
	int64_t b = placed ? bb->t : fu_event_time(bb->raw, bb->naive, tz);
	if (b < q || b >= order_due(p, q, row, tz))
		return 0;
	return fu_local_day(b, tz) == fu_local_day(q, tz);
}

/* The order that starts at purchase I for ROW: the purchases made before ROW
 * falls due for the first, on the first's own day (in its zone).  So one
 * thank-you names everything bought that day, and a purchase made after a
 * short step went out starts an order of its own.  A purchase of another day
 * is never one: it may reach the log after the earlier order's thank-you
 * went out (a daily export), and joined to that order it would be thanked
 * by nobody.  (Two orders falling due on one day still give one e-mail a
 * day: --max-per-contact rolls the second on.)  An order depends only on its
 * own purchases, so it (and its task ids) never changes as the log grows.
 * Returns the index after it. */
static size_t order_end(fu_planner *p, size_t i, const fu_cadence_row *row, const char *tz)
{
	int64_t due = order_due(p, p->buys[i].t, row, tz);
	size_t j = i + 1;
	if (j == p->nbuys || p->buys[j].t >= due)
		return j; /* (the common case, without working out days) */
	while (j < p->nbuys && same_order(p, row, &p->buys[i], &p->buys[j], tz, 1))
		j++;
	return j;
}

/* ---- one contact ---------------------------------------------------------------- */

/* one anchor of a step: an event, an order, a done mark or the contact's creation */
struct fu_anchor {
	int64_t t, raw;
	struct id_time id; /* its time for the task id */
	const char *type;
	uint32_t item;
	double value;
	int complex; /* an order with an item matching --complex */
	int refunded; /* an order whose every purchase was refunded */
	size_t first, end; /* an order: its purchases p->buys[first, end) */
	int passed;        /* done:STEP: STEP was left out for the contact (note_skip) */
};

static int item_complex(fu_planner *p, uint32_t item, const fu_record *rec, const char *file)
{
	if (!p->complex_re || !item)
		return 0;
	const char *it = fu_interned(p->db, item);
	char why[128];
	int m = fu_regex_match(p->complex_re, it, strlen(it), why, sizeof why);
	if (m < 0) {
		fu_warn_at(file, rec->line, "--complex: %s", why);
		p->errors++;
	}
	return m > 0;
}

/* Is line item L (LEN bytes) among those TEXT names (an item column as
 * fu-schedule wrote it, joined by ", ", or a purchase's, by "; ")? */
static int names_item(const char *text, const char *l, size_t len)
{
	for (const char *s = text; (s = memmem(s, strlen(s), l, len)) != NULL; s++) {
		int starts = s == text || s[-1] == ',' || s[-1] == ';' ||
		             (s[-1] == ' ' && s - 1 > text && (s[-2] == ',' || s[-2] == ';'));
		if (starts && (s[len] == '\0' || s[len] == ',' || s[len] == ';'))
			return 1;
	}
	return 0;
}

/* The next line item of a purchase's item (fu-import joins an order's with
 * "; ") at *SP, without the blanks around it, into *L and *LEN (maybe
 * empty); 0 when there is none left */
static int next_line_item(const char **sp, const char **l, size_t *len)
{
	const char *s = *sp;
	if (!s || !*s)
		return 0;
	const char *end = strchr(s, ';');
	size_t n = end ? (size_t)(end - s) : strlen(s);
	*sp = end ? end + 1 : NULL;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*l = s;
	*len = n;
	return 1;
}

/* Is line item L (LEN bytes) of a purchase one a refund in part took back
 * (RETURNED: its items, or NULL)?  It is named no more: the check-in asks
 * about what the customer kept. */
static int line_returned(const char *returned, const char *l, size_t len)
{
	return returned && len && names_item(returned, l, len);
}

/* The text of the line items purchase B's refund in part took back, or
 * NULL: also when it names every line of B (a refund of 30.00 of 100.00
 * of Towels, logged by hand): the customer kept something, not known what */
static const char *returned_of(const fu_planner *p, size_t b)
{
	if (!p->buys[b].returned || !p->buys[b].item)
		return NULL;
	const char *returned = fu_interned(p->db, p->buys[b].returned), *s;
	size_t len;
	for (const char *at = fu_interned(p->db, p->buys[b].item); next_line_item(&at, &s, &len);)
		if (len && !line_returned(returned, s, len))
			return returned;
	return NULL;
}

/* The line items of a purchase's ITEM (fu-import joins an order's with
 * "; ") added to p->items, joined by ", ", each once: a thank-you for two
 * orders of a day names "Teapot, Linen apron, Kettle", not "Teapot; Linen
 * apron, Kettle; Teapot" (trial 5/11); leaving out those RETURNED (a refund
 * in part's items, or NULL) and those a mark of MARKS (NMARKS) names */
static void add_line_items_unnamed(fu_planner *p, const char *item, const char *returned,
                                   const fu_mark *const *marks, size_t nmarks)
{
	const char *s;
	size_t len;
	for (const char *at = item; next_line_item(&at, &s, &len);) {
		int seen = len == 0 || line_returned(returned, s, len);
		for (size_t i = 0; i < nmarks && !seen; i++)
			seen = names_item(fu_interned(p->db, marks[i]->named), s, len);
		for (size_t i = 0; i < p->nitem_at && !seen; i++)
			seen = p->item_at[i].len == len && memcmp(p->items.data + p->item_at[i].off, s, len) == 0;
		if (!seen) {
			if (p->items.len)
				fu_buf_adds(&p->items, ", ");
			if (p->nitem_at == p->item_atcap) {
				p->item_atcap = p->item_atcap ? 2 * p->item_atcap : 8;
				p->item_at = fu_xrealloc(p->item_at, p->item_atcap * sizeof *p->item_at);
			}
			p->item_at[p->nitem_at].off = p->items.len;
			p->item_at[p->nitem_at++].len = len;
			fu_buf_add(&p->items, s, len);
		}
	}
}

/* the anchors of ROW for this contact: each order, else the latest event */
static size_t row_anchors(fu_planner *p, size_t r, const fu_facts *f, const fu_slot *slots,
                          int have_created, int64_t created, const char *tz, const fu_record *rec,
                          const char *file, struct fu_anchor **out)
{
	const fu_cadence_row *row = &p->cad->rows[r];
	size_t n = 0;
	if (row->anchors[0] == FU_ANCHOR_ORDER) {
		for (size_t i = 0; i < p->nbuys;) {
			size_t j = order_end(p, i, row, tz);
			if (n == p->acap) {
				p->acap = p->acap ? p->acap * 2 : 8;
				p->anchors = fu_xrealloc(p->anchors, p->acap * sizeof *p->anchors);
			}
			struct fu_anchor a = {.t = p->buys[i].t, .raw = p->buys[i].raw, .id = p->buys[i].id, .type = "purchase",
			                   .value = NAN, .refunded = 1, .first = i, .end = j};
			/* every distinct item not refunded, in the order bought */
			fu_buf_clear(&p->items);
			p->nitem_at = 0;
			for (size_t k = i; k < j; k++) {
				uint32_t it = p->buys[k].item;
				if (p->buys[k].refunded)
					continue;
				a.refunded = 0;
				size_t m;
				for (m = i; m < k && (p->buys[m].item != it || p->buys[m].refunded); m++)
					;
				if (!isnan(p->buys[k].amount))
					a.value = (isnan(a.value) ? 0 : a.value) + p->buys[k].amount;
				a.complex |= m == k && item_complex(p, it, rec, file);
				if (m < k || !it)
					continue;
				add_line_items_unnamed(p, fu_interned(p->db, it), returned_of(p, k), NULL, 0);
			}
			a.item = p->items.len ? fu_intern(p->db, p->items.data, p->items.len) : 0;
			p->anchors[n++] = a;
			i = j;
		}
		*out = p->anchors;
		return n;
	}
	struct fu_anchor best = {0};
	uint32_t best_returned = 0; /* the line items a refund in part took back from best's purchase */
	int have = 0;
	for (int a = 0; a < row->nanchors; a++) {
		if (row->anchors[a] == FU_ANCHOR_DONE) {
			/* chained: from when the step before was marked done: the
			 * first mark of its latest task.  A second mark of a task
			 * already marked (a call logged twice, a CRM sync posting it
			 * again) moves nothing, else the next touch would come again
			 * under a new id; of a step the contact has one task of (a
			 * lead's), every mark is of that task: the first of all */
			int once = p->after_once[r];
			for (uint32_t i = 0; f && i < f->nmarks; i++) {
				const fu_mark *m = &f->marks[i];
				if (m->step != p->after_ids[r])
					continue;
				int64_t at = mark_time(m, tz);
				if (!once && m->note && marked_before(p, m->note, at, tz))
					continue;
				if (!have || (once ? at < best.t : at >= best.t)) {
					best = (struct fu_anchor){.t = at, .raw = m->when, .id = id_time_of(m->when, 1, 0, m->when, tz),
					                          .type = row->anchor, .value = NAN};
					have = 1;
				}
			}
			/* or a mark that covered a task of that step (planned above)
			 * by its note, logged under an id the contact no longer has */
			for (size_t i = 0; i < p->nstepmarks; i++) {
				const fu_mark *m = p->stepmarks[i].m;
				if (p->stepmarks[i].step != p->after_ids[r])
					continue;
				int64_t at = mark_time(m, tz);
				if (!have || (once ? at < best.t : at > best.t)) {
					best = (struct fu_anchor){.t = at, .raw = m->when, .id = id_time_of(m->when, 1, 0, m->when, tz),
					                          .type = row->anchor, .value = NAN};
					have = 1;
				}
			}
			/* or that step left out for the contact (no address for its
			 * channel, planned above): from when it fell due, as if done
			 * then, so the touches after it come as the plan spaces them;
			 * a mark of it (made while the contact had the address) is the
			 * one of a lead's, the later for another's */
			for (size_t i = 0; i < p->nskips; i++) {
				int64_t at = p->skips[i].due;
				if (p->skips[i].step != p->after_ids[r] || (have && (once || at <= best.t)))
					continue;
				best = (struct fu_anchor){.t = at, .raw = at, .id = id_time_of(at, 0, 0, at, tz),
				                          .type = row->anchor, .value = NAN, .passed = 1};
				have = 1;
			}
			continue;
		}
		if (row->anchors[a] == FU_ANCHOR_CREATED) {
			if (have_created && (!have || created >= best.t)) {
				best = (struct fu_anchor){.t = created, .raw = p->created_raw, .type = "created",
				                          .value = NAN,
				                          .id = id_time_of(p->created_raw, 1, 0, created, tz)};
				have = 1;
			}
			continue;
		}
		const fu_slot *s = slots ? &slots[row->anchors[a]] : NULL;
		if (!s || !s->set)
			continue;
		int64_t at = fu_event_time(s->t, s->naive, tz);
		if (!have || at >= best.t) {
			best = (struct fu_anchor){.t = at, .raw = s->t, .type = p->cad->types[row->anchors[a]],
			                       .item = s->item, .value = isnan(s->value) ? NAN : s->value,
			                       .id = id_time_of(s->t, s->naive, s->offset, at, tz)};
			/* the latest purchase: as the purchases' own (id_times) */
			for (size_t i = 0; row->anchors[a] == p->purchase_slot && i < p->nbuys; i++)
				if (p->buys[i].raw == s->t && p->buys[i].naive == s->naive)
					best.id = p->buys[i].id;
			best_returned = s->returned;
			have = 1;
		}
	}
	if (!have)
		return 0;
	/* feedback and success are about what the customer bought: name the
	 * latest purchase before them, not the survey */
	if (strcmp(best.type, "feedback") == 0 || strcmp(best.type, "success") == 0) {
		uint32_t item = 0;
		best_returned = 0;
		for (size_t i = 0; i < p->nbuys && p->buys[i].t <= best.t; i++)
			if (p->buys[i].item && !p->buys[i].refunded) {
				item = p->buys[i].item;
				best_returned = p->buys[i].returned;
			}
		best.item = item;
	}
	/* a purchase's line items as an order's: one separator, each once */
	if (strcmp(best.type, "purchase") == 0 || strcmp(best.type, "feedback") == 0 ||
	    strcmp(best.type, "success") == 0) {
		if (best.item && (best_returned || strchr(fu_interned(p->db, best.item), ';'))) {
			fu_buf_clear(&p->items);
			p->nitem_at = 0;
			add_line_items_unnamed(p, fu_interned(p->db, best.item),
			                       best_returned ? fu_interned(p->db, best_returned) : NULL, NULL, 0);
			best.item = p->items.len ? fu_intern(p->db, p->items.data, p->items.len) : 0;
		}
	}
	best.complex = item_complex(p, best.item, rec, file);
	if (p->acap == 0) {
		p->acap = 8;
		p->anchors = fu_xrealloc(p->anchors, p->acap * sizeof *p->anchors);
	}
	p->anchors[0] = best;
	*out = p->anchors;
	return 1;
}

/* Whether mark M of the task of purchase Q's order (Q before order AN)
 * covers AN: it named what was bought before the mark that fell into Q's
 * order -- grouped in the contact's zone, or in $TZ, where a contact whose
 * tz was filled in later had its orders grouped until then. */
static int earlier_order_covers(fu_planner *p, const fu_cadence_row *row, size_t q, const struct fu_anchor *an,
                                const fu_mark *m, const char *tz)
{
	int64_t w = mark_time(m, tz);
	for (size_t b = an->first; b < an->end; b++)
		if (p->buys[b].t < w &&
		    (same_order(p, row, &p->buys[q], &p->buys[b], tz, 1) ||
		     (tz && same_order(p, row, &p->buys[q], &p->buys[b], NULL, 0))))
			return 1;
	return 0;
}

/* The mark naming an order task of another grouping of the order's
 * purchases, or NULL: the task of a purchase the order holds (the order once
 * started there: a purchase logged late regrouped the day), or of an earlier
 * purchase whose order this one's purchases fell into, made before the mark. */
static const fu_mark *order_done_by(fu_planner *p, size_t r, const struct id_keys *keys,
                                    const struct fu_anchor *an, long k, const char *tz)
{
	if (fu_map_count(&p->notes) == 0)
		return NULL;
	const fu_cadence_row *row = &p->cad->rows[r];
	for (size_t q = 0; q < an->end; q++) {
		uint64_t ids[MAX_TASK_IDS];
		int nids = ids_under_keys(keys, row, "purchase", &p->buys[q].id, k, ids);
		for (int j = 0; j < nids; j++) {
			const fu_mark *m = j < keys->n ? noted(p, ids[j], tz) : noted_from(p, ids[j], p->buys[q].t, tz);
			if (!m)
				continue;
			if (q >= an->first) /* the order holds the purchase the mark's task began at */
				return m;
			if (earlier_order_covers(p, row, q, an, m, tz))
				return m;
		}
	}
	return NULL;
}

/* the id type of the task that thanks for what an order's marked task did
 * not name (order_rest) */
static const char REST_TYPE[] = "purchase+";

enum { MAX_ORDER_MARKS = 32 };

/* The line items of order AN not named by the marks that cover its task of
 * ROW (occurrence 0), into p->items; *FROM: the first purchase holding one.
 * A mark records what its task named (its value: the task's item, fu(7));
 * M is the mark found for the task, the others are those naming the task
 * (or the rest's task) of a purchase the order holds, or of an earlier
 * purchase whose order it fell into -- every mark naming such a task, not
 * only its first.  So a purchase of the order's day logged after its
 * thank-you was marked done is thanked for on its own, and nothing is
 * thanked for twice.  The purchase a marked task began at is covered in
 * full, whatever it names now: logged at the same `when`, it is the same
 * purchase (as for a refund, fu(7)), and an order edited in a later export
 * (a line added, a line renamed) is not thanked for again (trials8/09).
 * Returns 0 (nothing left) when they cover every item, or when one of them
 * records nothing (a mark made without it covers the whole order, as it
 * always did). */
struct rest_marks { /* the marks naming a rest task of the order: for a calendar's done tasks */
	size_t q[MAX_ORDER_MARKS];
	const fu_mark *m[MAX_ORDER_MARKS];
	size_t n;
};

static size_t order_rest(fu_planner *p, size_t r, const struct id_keys *keys, const fu_mark *m,
                         const struct fu_anchor *an, const char *tz, size_t *from, struct rest_marks *done)
{
	done->n = 0;
	if (!m->named)
		return 0;
	const fu_cadence_row *row = &p->cad->rows[r];
	const fu_mark *marks[MAX_ORDER_MARKS];
	size_t nm = 0;
	marks[nm++] = m;
	/* the purchases (as stored) a marked task of the order began at; a
	 * mark without a note covers the order's own task */
	int64_t began[MAX_ORDER_MARKS];
	size_t nbegan = 0;
	if (!m->note)
		began[nbegan++] = an->raw;
	/* an earlier purchase's order holds this one's only on its day (in some
	 * zone): the purchases of the two days before are all that may */
	size_t q0 = an->first;
	while (q0 > 0 && p->buys[q0 - 1].t >= p->buys[an->first].t - 2 * 86400)
		q0--;
	for (size_t q = q0; q < an->end; q++)
		for (int rest = 0; rest < 2; rest++) {
			if (rest && q < an->first)
				continue;
			uint64_t ids[MAX_TASK_IDS];
			int nids = ids_under_keys(keys, row, rest ? REST_TYPE : "purchase", &p->buys[q].id, 0, ids);
			for (int j = 0; j < nids; j++) {
				const fu_mark *os[MAX_ORDER_MARKS];
				size_t no = noted_all(p, ids[j], tz, os, MAX_ORDER_MARKS);
				for (size_t oi = 0; oi < no; oi++) {
					const fu_mark *o = os[oi];
					if (j >= keys->n && mark_time(o, tz) < p->buys[q].t) /* (noted_from) */
						continue;
					if (q < an->first && !earlier_order_covers(p, row, q, an, o, tz))
						continue;
					if (!o->named)
						return 0;
					if (q >= an->first && nbegan < MAX_ORDER_MARKS)
						began[nbegan++] = p->buys[q].raw;
					size_t i;
					for (i = 0; i < nm && marks[i] != o; i++)
						;
					if (i < nm || nm == MAX_ORDER_MARKS)
						continue;
					marks[nm++] = o;
					if (rest && oi == 0 && done->n < MAX_ORDER_MARKS) {
						done->q[done->n] = q;
						done->m[done->n++] = o;
					}
				}
			}
		}
	fu_buf_clear(&p->items);
	p->nitem_at = 0;
	*from = SIZE_MAX;
	for (size_t b = an->first; b < an->end; b++) {
		if (p->buys[b].refunded || !p->buys[b].item)
			continue;
		size_t i;
		for (i = 0; i < nbegan && began[i] != p->buys[b].raw; i++)
			;
		if (i < nbegan)
			continue;
		size_t before = p->nitem_at;
		add_line_items_unnamed(p, fu_interned(p->db, p->buys[b].item), returned_of(p, b), marks, nm);
		if (p->nitem_at > before && *from == SIZE_MAX)
			*from = b;
	}
	return p->nitem_at;
}

static uint64_t anchor_key(const struct fu_anchor *a)
{
	uint64_t h = fu_hash64(a->type, strlen(a->type), (uint64_t)a->raw);
	return h ? h : 1;
}

/* The task for the rest of an order (order_rest: p->items, from purchase
 * FROM) whose task T was marked done: due as FROM's own order would be, of
 * T's anchor (never handed out on the day T was: one e-mail a day). */
/* the rest task of an order whose task is T, from purchase FROM, naming
 * ITEM: its id, due and expiry in *RT; 0 when it is due after the limit */
static int rest_task(fu_planner *p, const fu_task *t, const char *key, size_t from, uint32_t item,
                     const char *tz, fu_task *rt)
{
	const fu_cadence_row *row = t->row;
	*rt = *t;
	rt->rest = 1;
	rt->item = item;
	rt->anchor_t = p->buys[from].t;
	rt->occurrence = 0;
	int64_t due = occurrence_due(p, row, fu_sched_add(&p->timing, rt->anchor_t, &row->offset, 1, tz), 0, tz);
	if (due > p->limit)
		return 0;
	rt->due = rt->planned = due;
	rt->expiry = row->has_expires ? due + fu_dur_seconds(&row->expires) : INT64_MAX;
	make_id(key, row, REST_TYPE, &p->buys[from].id, 0, rt->task_id);
	return 1;
}

/* why a task is left out: the contact has no e-mail address (nor a phone
 * to call instead), or may not be phoned (do_not_call) and cannot be mailed,
 * or has no phone to call or text */
enum { LEFT_NO_EMAIL = 1, LEFT_NO_CALLS = 2, LEFT_NO_PHONE = 3 };

static void count_left_out(fu_planner *p, int why)
{
	if (why == LEFT_NO_CALLS)
		p->no_call_left++;
	else if (why == LEFT_NO_PHONE)
		p->no_phone_left++;
	else
		p->no_email_left++;
}

/* A task left out for WHY counted and, without --due, named: the summary's
 * count alone does not say whose plan lost which step */
static void note_left_out(fu_planner *p, const fu_task *t, int why, const char *file, long line, const char *tz)
{
	count_left_out(p, why);
	if (!p->name_quiet)
		return;
	static const char *const reason[] = {
		"", "no e-mail address",
		"do_not_call, and no e-mail may be sent instead", "no phone to call or text"};
	const char *why_text = reason[why];
	if (why == LEFT_NO_CALLS && strcmp(t->channel, "email") == 0)
		why_text = "no e-mail address, and do_not_call: no call instead";
	char anchor[16];
	fu_format_date(fu_local_day(t->anchor_t, tz), anchor, sizeof anchor);
	fu_warn_capped("left out for want of an address", file, line, 0,
	               "note: %s (%s) for the %s of %s left out: %s", t->row->step, t->channel, t->anchor_type,
	               anchor, why_text);
}

/* Remember that STEP was left out for the contact, due at DUE: a step
 * chained to it (done:STEP) counts from then, as from a mark, so a lead's
 * cadence goes on past the call it cannot get (and is not shifted) */
static void note_skip(fu_planner *p, uint32_t step, int64_t due)
{
	for (size_t i = 0; i < p->nskips; i++)
		if (p->skips[i].step == step) {
			if (due > p->skips[i].due)
				p->skips[i].due = due;
			return;
		}
	if (p->nskips == p->skipcap) {
		p->skipcap = p->skipcap ? p->skipcap * 2 : 8;
		p->skips = fu_xrealloc(p->skips, p->skipcap * sizeof *p->skips);
	}
	p->skips[p->nskips].step = step;
	p->skips[p->nskips++].due = due;
}

static void push_rest(fu_planner *p, size_t *n, const fu_task *t, const char *key, size_t from, int left_out,
                      int stale, const char *tz)
{
	fu_task rt;
	if (!rest_task(p, t, key, from, fu_intern(p->db, p->items.data, p->items.len), tz, &rt))
		return;
	rt.state = fu_task_state(&rt, p->now);
	if (!left_out && !(stale && rt.state == FU_EXPIRED))
		push(p, n, &rt);
	else if (rt.state != FU_EXPIRED && rt.due <= p->handout)
		count_left_out(p, left_out);
}

/* the id M names when it is not T's own (fu_task.done_under), else 0 */
static uint64_t done_under(const fu_task *t, const fu_mark *m)
{
	return m->note && m->note != strtoull(t->task_id, NULL, 16) ? m->note : 0;
}

/* the rest tasks of DONE marked done lately, for a calendar (--since) */
static void push_rest_done(fu_planner *p, size_t *n, const fu_task *t, const char *key,
                           const struct rest_marks *done, const char *tz)
{
	for (size_t i = 0; i < done->n; i++) {
		fu_task rt;
		if (rest_task(p, t, key, done->q[i], done->m[i]->named, tz, &rt) && rt.due >= p->since) {
			rt.state = FU_DONE;
			rt.done_at = fu_event_time(done->m[i]->when, done->m[i]->naive, tz);
			rt.done_under = done_under(&rt, done->m[i]);
			push(p, n, &rt);
		}
	}
}

/* ---- quiet: one run for a regular's orders ------------------------------------- */

/* a run of an order step whose row has a quiet time */
struct fu_run {
	uint32_t step;
	int64_t start, quiet; /* the order's first purchase; the row's quiet (seconds) */
	int done;             /* an occurrence marked done */
	int64_t done_at;      /* then: its earliest mark's time */
	int service;          /* the row's kind is service (a thank-you) */
	size_t from, to;      /* its tasks in p->tasks */
	uint32_t named;       /* then: what its earliest mark named (0: not recorded) */
	size_t first, end;    /* an order's purchases p->buys[first, end); else none */
	int refunded;         /* an order refunded in full: it covers nothing */
};

static void add_run(fu_planner *p, const fu_cadence_row *row, uint32_t step, const struct fu_anchor *an,
                    int done, int64_t done_at, uint32_t named, size_t from, size_t to)
{
	int order = row->anchors[0] == FU_ANCHOR_ORDER;
	if (p->nruns == p->runcap) {
		p->runcap = p->runcap ? p->runcap * 2 : 16;
		p->runs = fu_xrealloc(p->runs, p->runcap * sizeof *p->runs);
	}
	p->runs[p->nruns++] = (struct fu_run){.step = step, .start = an->t, .quiet = fu_dur_seconds(&row->quiet),
	                                      .done = done, .done_at = done_at, .service = row->service,
	                                      .from = from, .to = to, .named = named,
	                                      .first = order ? an->first : 0, .end = order ? an->end : 0,
	                                      .refunded = order && an->refunded};
}

static int cmp_run(const void *a, const void *b)
{
	const struct fu_run *x = a, *y = b;
	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* a covered order's tasks, due by the limit and not expired: counted, and
 * named when the caller asks (trial 5/12: it was left out silently) */
static void note_quiet(fu_planner *p, const struct fu_run *x, const struct fu_run *by, const char *file,
                       long line, const char *tz)
{
	long n = 0;
	for (size_t k = x->from; k < x->to; k++)
		n += p->tasks[k].state != FU_EXPIRED && p->tasks[k].state != FU_DONE && p->tasks[k].due <= p->handout;
	p->quiet_left += n;
	if (!n || !p->name_quiet)
		return;
	char own[16], covering[16], quiet[32];
	fu_format_date(fu_local_day(x->start, tz), own, sizeof own);
	fu_format_date(fu_local_day(by->start, tz), covering, sizeof covering);
	fu_dur_format(&p->tasks[x->from].row->quiet, quiet, sizeof quiet);
	fu_warn_capped("covered by quiet", file, line, 0,
	               "note: %s for the order of %s left out: the one for the order of %s%s covers it (quiet %s)",
	               p->tasks[x->from].row->step, own, covering, by->done ? ", done," : "", quiet);
}

/* the latest mark of STEP by --now (its time as logged, placed in TZ, as
 * fu-referrals reads an ask), or INT64_MIN */
static int64_t last_step_mark(const fu_planner *p, const fu_facts *f, uint32_t step, const char *tz)
{
	int64_t last = INT64_MIN;
	for (uint32_t i = 0; f && i < f->nmarks; i++) {
		const fu_mark *m = &f->marks[i];
		int64_t w = m->step == step ? fu_event_time(m->when, m->naive, tz) : INT64_MIN;
		if (w <= p->now && w > last)
			last = w;
	}
	return last;
}

/* a task left out in its step's cooldown (quiet, not an order's): counted,
 * and named when the caller asks */
static void note_cooldown(fu_planner *p, const fu_task *t, int64_t marked, const char *file, long line,
                          const char *tz)
{
	p->cooldown_left++;
	if (!p->name_quiet)
		return;
	char day[16], anchor[16], quiet[32];
	fu_format_date(fu_local_day(marked, tz), day, sizeof day);
	fu_format_date(fu_local_day(t->anchor_t, tz), anchor, sizeof anchor);
	fu_dur_format(&t->row->quiet, quiet, sizeof quiet);
	fu_warn_capped("within a cooldown", file, line, 0,
	               "note: %s for the %s of %s left out: the step was marked done on %s, within its quiet %s",
	               t->row->step, t->anchor_type, anchor, day, quiet);
}

/* Is run Y one whose thank-you went out before run I's order, within I's
 * quiet time: a run of the step marked done, begun before I's and within
 * its quiet time?  (Y's purchases refunded since or not: it was sent.) */
static int done_before(const fu_planner *p, size_t i, size_t j)
{
	const struct fu_run *x = &p->runs[i], *y = &p->runs[j];
	return y->step == x->step && y->done && y->start < x->start && y->start > x->start - x->quiet;
}

/* Does some line item of run X's purchases made before AT (not refunded,
 * not returned) appear in TEXT (a mark's named items)? */
static int names_any_before(const fu_planner *p, const char *text, const struct fu_run *x, int64_t at)
{
	for (size_t b = x->first; b < x->end; b++) {
		if (p->buys[b].refunded || !p->buys[b].item || p->buys[b].t >= at)
			continue;
		const char *s, *returned = returned_of(p, b);
		size_t len;
		for (const char *at_item = fu_interned(p->db, p->buys[b].item); next_line_item(&at_item, &s, &len);)
			if (len && !line_returned(returned, s, len) && names_item(text, s, len))
				return 1;
	}
	return 0;
}

/* Was line item L (LEN bytes) of purchase B, in run I of a service step,
 * thanked for already: named by the mark of a run done before it (a
 * covering thank-you that named I's order), bought before that mark was
 * made?  Then no later thank-you names it again (trial 11b/04). */
static int line_thanked(const fu_planner *p, size_t i, size_t b, const char *l, size_t len)
{
	for (size_t j = i; j-- > 0 && p->runs[j].step == p->runs[i].step;)
		if (done_before(p, i, j) && p->runs[j].named && p->buys[b].t < p->runs[j].done_at &&
		    names_item(fu_interned(p->db, p->runs[j].named), l, len))
			return 1;
	return 0;
}

/* Is run I's order (of a service step) covered by the runs of its step
 * done before it, up to run JMAX: each of its purchases not refunded was
 * either made after such a run's mark (its quiet time covers the order) or
 * named by that mark, every line item of it (a purchase without an item:
 * the mark named some other purchase of the order made before it)? */
static int thanked_by_done(const fu_planner *p, size_t i, size_t jmax)
{
	const struct fu_run *x = &p->runs[i];
	int any = 0;
	for (size_t b = x->first; b < x->end; b++) {
		if (p->buys[b].refunded)
			continue;
		any = 1;
		int covered = 0;
		for (size_t j = jmax + 1; !covered && j-- > 0 && p->runs[j].step == x->step;) {
			const struct fu_run *y = &p->runs[j];
			if (!done_before(p, i, j))
				continue;
			if (p->buys[b].t >= y->done_at) {
				covered = !y->refunded;
				continue;
			}
			if (!y->named)
				continue;
			const char *named = fu_interned(p->db, y->named);
			if (!p->buys[b].item) {
				covered = names_any_before(p, named, x, y->done_at);
				continue;
			}
			const char *s, *returned = returned_of(p, b);
			size_t len;
			int all = 1;
			for (const char *at = fu_interned(p->db, p->buys[b].item); all && next_line_item(&at, &s, &len);)
				all = !len || line_returned(returned, s, len) || names_item(named, s, len);
			covered = all;
		}
		if (!covered)
			return 0;
	}
	return any;
}

/* The line items of run I's purchases (not refunded, not returned) that
 * ONLY names (when not NULL) and no earlier mark thanked for
 * (line_thanked), each once, added to p->items after what it holds,
 * joined by ", " */
static void add_unthanked(fu_planner *p, size_t i, const char *only)
{
	const struct fu_run *x = &p->runs[i];
	for (size_t b = x->first; b < x->end; b++) {
		if (p->buys[b].refunded || !p->buys[b].item)
			continue;
		const char *s, *returned = returned_of(p, b);
		size_t len;
		for (const char *at = fu_interned(p->db, p->buys[b].item); next_line_item(&at, &s, &len);)
			if (len && !line_returned(returned, s, len) && (!only || names_item(only, s, len)) &&
			    !(p->items.len && names_item(p->items.data, s, len)) && /* (fu_buf_add ends it with a NUL) */
			    !line_thanked(p, i, b, s, len)) {
				if (p->items.len)
					fu_buf_adds(&p->items, ", ");
				fu_buf_add(&p->items, s, len);
			}
	}
}

/* The tasks of run I of a service step still to hand out name only what no
 * earlier thank-you did (line_thanked): an order a covering thank-you named
 * in part (its purchases of the day made before that went out, one after)
 * is not thanked for those again.  A task left with nothing to name, of an
 * order whose every item was thanked, is marked in DROP. */
static void drop_thanked(fu_planner *p, size_t i, unsigned char **drop, size_t n)
{
	const struct fu_run *x = &p->runs[i];
	int any_done = 0;
	for (size_t j = i; !any_done && j-- > 0 && p->runs[j].step == x->step;)
		any_done = done_before(p, i, j) && p->runs[j].named;
	if (!any_done)
		return;
	for (size_t k = x->from; k < x->to; k++) {
		fu_task *t = &p->tasks[k];
		if (t->state == FU_DONE || !t->item)
			continue;
		fu_buf_clear(&p->items);
		add_unthanked(p, i, fu_interned(p->db, t->item));
		if (p->items.len) {
			t->item = fu_intern(p->db, p->items.data, p->items.len);
			continue;
		}
		if (!*drop)
			*drop = fu_xcalloc(n, 1);
		(*drop)[k] = 1;
	}
}

/* Run I is covered by BY, a service run still to hand out: BY's tasks name
 * I's line items too (after their own, each once; not those an earlier
 * thank-you named), so that the one thank-you that goes out thanks for
 * every order it covers, and its mark records them (a burst of orders over
 * a weekend: one e-mail on Monday, not one a day, trials9/01). */
static void name_in(fu_planner *p, const struct fu_run *by, size_t i, const unsigned char *drop)
{
	for (size_t k = by->from; k < by->to; k++) {
		fu_task *t = &p->tasks[k];
		if (t->state == FU_DONE || t->state == FU_EXPIRED || (drop && drop[k]))
			continue;
		fu_buf_clear(&p->items);
		if (t->item)
			fu_buf_adds(&p->items, fu_interned(p->db, t->item));
		add_unthanked(p, i, NULL);
		if (p->items.len)
			t->item = fu_intern(p->db, p->items.data, p->items.len);
	}
}

/* Drop the runs of an order step that start within its quiet time after
 * the start of an earlier order whose run of the step counts: one marked
 * done, or with a task still to hand out (not expired).  Such an order is
 * covered by that run: a regular buying every day is thanked once a week,
 * not daily.  Of a service step, a run marked done covers an order only as
 * far as its thank-you did: the order's purchases made after it was marked
 * (the quiet time) and those its mark named; a purchase made before it and
 * not named (another day's order, or one that reached the log late) is
 * thanked, and every order is acknowledged -- by its own thank-you, or in
 * the one still to go out of an earlier order, naming only what no
 * thank-you marked done named.  A marketing step's order is covered by any:
 * its quiet time is there so that a customer is not asked twice in a row.
 * A run marked done is never dropped, and a dropped run does not count (an
 * order covered by one whose task expired unsent is not dropped).  Every
 * decision rests on the purchases, the done marks and --now only.  Returns
 * the tasks kept. */
static size_t quiet_runs(fu_planner *p, size_t n, const char *file, long line, const char *tz)
{
	qsort(p->runs, p->nruns, sizeof *p->runs, cmp_run);
	unsigned char *drop = NULL;
	for (size_t i = 0; i < p->nruns; i++) {
		struct fu_run *x = &p->runs[i];
		if (x->service)
			drop_thanked(p, i, &drop, n);
		const struct fu_run *by = NULL; /* an earlier counting run of the step within x's quiet time */
		for (size_t j = i; !by && j-- > 0 && p->runs[j].step == x->step && p->runs[j].start > x->start - x->quiet;)
			if (p->runs[j].start < x->start && p->runs[j].from != SIZE_MAX &&
			    (x->service && p->runs[j].done ? thanked_by_done(p, i, j) : !p->runs[j].refunded))
				by = &p->runs[j];
		int quiet = by != NULL;
		int live = 0;
		for (size_t k = x->from; k < x->to; k++)
			live |= p->tasks[k].state != FU_EXPIRED && p->tasks[k].state != FU_DONE && !(drop && drop[k]);
		if (!x->done && quiet) {
			if (x->service && !by->done && live)
				name_in(p, by, i, drop);
			note_quiet(p, x, by, file, line, tz);
			if (!drop)
				drop = fu_xcalloc(n, 1);
			for (size_t k = x->from; k < x->to; k++)
				drop[k] = 1;
		}
		if (x->done || (live && !quiet))
			continue;  /* it counts */
		x->from = SIZE_MAX; /* it does not count for later runs */
	}
	if (!drop)
		return n;
	size_t kept = 0;
	for (size_t k = 0; k < n; k++)
		if (!drop[k])
			p->tasks[kept++] = p->tasks[k];
	free(drop);
	return kept;
}

/* Drop the tasks due after the limit, planned only for quiet_runs to see
 * which orders' tasks are still to go out; returns the tasks kept. */
static size_t past_limit(fu_planner *p, size_t n)
{
	size_t kept = 0;
	for (size_t k = 0; k < n; k++)
		if (p->tasks[k].due <= p->limit)
			p->tasks[kept++] = p->tasks[k];
	return kept;
}

/* the contact's own date: a date-time, a date, or empty */
static int contact_time(fu_planner *p, const fu_record *rec, long col, const char *tz, int64_t *t,
                        int *have)
{
	*have = 0;
	if (col < 0 || rec->lens[col] == 0)
		return 0;
	fu_time ft;
	const char *why;
	if (fu_parse_time(rec->fields[col], tz, &ft, &why) != 0 || ft.t < FU_TIME_FIRST) {
		snprintf(p->why, sizeof p->why, "%s \"%.40s\": %s", p->hdr->names[col], rec->fields[col],
		         why ? why : "before 0001-01-02: in some time zone still the year 0");
		return -1;
	}
	*t = ft.t;
	*have = 1;
	return 0;
}

/* the contact's created date as written, for task ids: its wall clock (a
 * time without an offset or a date as its wall-clock seconds, one with an
 * offset as the clock it gives), so that a tz filled in or changed later, or
 * an offset the export starts to write, does not give its lead steps new
 * ids; AT if unreadable so */
static int64_t written_time(const fu_record *rec, long col, int64_t at)
{
	fu_time ft;
	const char *why;
	if (col < 0 || fu_parse_time(rec->fields[col], "UTC", &ft, &why) != 0)
		return at;
	return ft.has_offset ? ft.t + (int64_t)ft.offset_min * 60 : ft.t;
}

/* consent (fu(7), Consent): the unsubscribed column (yes, or since a
 * date-time; no, empty) and the latest unsubscribe or subscribe event of F */
static int contact_unsubscribed(fu_planner *p, const fu_record *rec, const fu_facts *f, const char *tz,
                                int *unsub)
{
	long col = p->c_unsubscribed;
	const char *why = NULL;
	int r = fu_facts_unsubscribed(f, col >= 0 ? rec->fields[col] : NULL, tz, p->now, &why);
	if (r < 0) {
		snprintf(p->why, sizeof p->why, "%s \"%.40s\": %s", p->hdr->names[col], rec->fields[col], why);
		return -1;
	}
	*unsub = r;
	return 0;
}

/* Has the contact said no to marketing texts alone (its sms_unsubscribed:
 * yes, or an opt-out time by now, read as unsubscribed is)?  One that
 * cannot be read is taken as no (warned): no marketing texts. */
static int contact_sms_unsubscribed(fu_planner *p, const fu_record *rec, const char *tz,
                                    const char *file)
{
	long col = p->c_sms_unsubscribed;
	if (col < 0 || !*rec->fields[col])
		return 0;
	const char *why = NULL;
	int r = fu_facts_unsubscribed(NULL, rec->fields[col], tz, p->now, &why);
	if (r < 0) {
		fu_warn_capped("unreadable sms_unsubscribed", file, rec->line, 0,
		               "%s \"%.40s\": %s; read as no marketing texts", p->hdr->names[col],
		               rec->fields[col], why);
		p->errors++;
		return 1;
	}
	return r;
}

/* --now's day in TZ (NULL: $TZ) as the instants [start, end): worked out
 * once a zone, so that a contact's marks are placed without a conversion each */
static const struct fu_today *today_in(fu_planner *p, const char *tz)
{
	const char *name = tz ? tz : "";
	for (int i = 0; i < p->ntoday; i++)
		if (strcmp(p->today[i].tz, name) == 0)
			return &p->today[i];
	int full = p->ntoday == (int)(sizeof p->today / sizeof *p->today);
	struct fu_today *d = &p->today[full ? p->ntoday - 1 : p->ntoday++]; /* full: the last is reused */
	if (strlen(name) >= sizeof d->tz)
		d->tz[0] = '\x01'; /* a name too long to keep: matches no zone, worked out anew */
	else
		snprintf(d->tz, sizeof d->tz, "%s", name);
	int64_t day = fu_local_day(p->now, tz);
	int y, m, dd;
	fu_civil_from_days(day, &y, &m, &dd);
	d->start = fu_wall_time(y, m, dd, 0, 0, 0, tz);
	fu_civil_from_days(day + 1, &y, &m, &dd);
	d->end = fu_wall_time(y, m, dd, 0, 0, 0, tz);
	return d;
}

/* The contact's marks on --now's day: its e-mails (in its zone), and the
 * tasks a person did (in $TZ, for --max-per-owner): the marks of steps on
 * another channel, or of every step for a contact without an e-mail address
 * (its e-mail steps are made by phone or not at all). */
static void note_day(fu_planner *p, const fu_facts *f, const char *tz, int no_email)
{
	fu_contact_day *d = &p->day;
	memset(d, 0, sizeof *d);
	if (!f || !f->nmarks)
		return;
	int64_t start = today_in(p, NULL)->start, end = today_in(p, NULL)->end;
	const struct fu_today *mine = today_in(p, tz);
	for (uint32_t i = 0; i < f->nmarks; i++) {
		const fu_mark *m = &f->marks[i];
		int64_t w = fu_event_time(m->when, m->naive, tz);
		if (w > p->now)
			continue;
		int email = m->step < p->nemail_step && p->email_step[m->step];
		d->done += w >= start && w < end && (!email || no_email);
		d->emails += w >= mine->start && w < mine->end && email;
	}
}

int fu_plan_contact(fu_planner *p, const fu_record *rec, const char *file, fu_task **tasks, size_t *np,
                    const char **tzp)
{
	fu_eventdb *db = p->db;
	if (!p->notes_built)
		index_notes(p);
	*np = 0;
	*tasks = p->tasks;
	const char *tz = contact_tz(p, rec, file);
	*tzp = tz;
	memset(&p->day, 0, sizeof p->day);
	p->nruns = 0;
	p->nstepmarks = 0;
	/* the contact's key and facts: by id, and by e-mail */
	const char *id = p->c_id >= 0 ? rec->fields[p->c_id] : "";
	const char *email = p->c_email >= 0 ? rec->fields[p->c_email] : "";
	/* task ids are made under the contact's e-mail, lower-cased (it stays
	 * when a CRM export gives the contact another id), else its id; a done
	 * mark also covers a task named under its id or the id fu-import
	 * derives from the e-mail (fu(7), Identity).  A contact sharing an
	 * earlier row's address under an id of its own is known by its id: the
	 * address is the other's. */
	int by_mail = *email && !(p->shared_address && *id);
	/* the key as the join reads it (fu_event_key: blanks and a no-break
	 * space around it, a display form, mailto:, capitals), so that a cell a
	 * spreadsheet edit left "ann@x.fi " keeps its tasks' ids (a key already
	 * in that form, as most are, is used as it is) */
	const char *raw = by_mail ? email : id;
	fu_event_key(raw, strlen(raw), &p->keybuf);
	fu_buf_add(&p->keybuf, "", 0); /* (a NUL-terminated string, even when empty) */
	if (by_mail && !memchr(p->keybuf.data, '@', p->keybuf.len)) {
		fu_buf_clear(&p->keybuf); /* no address at all: as written, lower-cased */
		fu_buf_adds(&p->keybuf, email);
		fu_ascii_lower(p->keybuf.data, p->keybuf.len);
	}
	const char *key = p->keybuf.data;
	struct id_keys keys = {.k = {key}, .n = 1};
	char derived[17];
	if (by_mail) {
		norm_contact_id(p->keybuf.data, p->keybuf.len, derived);
		if (*id)
			keys.k[keys.n++] = id;
		if (strcmp(derived, id) != 0)
			keys.k[keys.n++] = derived;
	}
	const char *aliases = p->c_aliases >= 0 ? rec->fields[p->c_aliases] : "";
	if (*aliases)
		alias_keys(p, aliases, &keys);
	if (!*key) {
		fu_warn_at(file, rec->line, "contact has neither id nor email; no tasks");
		p->errors++;
		return 0;
	}
	int have_created, unsubscribed = 0;
	int64_t created = 0;
	/* created only times a lead's steps: a date the contact's list mangled
	 * (1.2.2024) must not cost the customer its order's thank-you */
	if (contact_time(p, rec, p->c_created, tz, &created, &have_created) != 0) {
		fu_warn_capped("unreadable created", file, rec->line, 0,
		               "%s; no steps timed from created, the rest planned", p->why);
		p->errors++;
	}
	p->created_raw = have_created ? written_time(rec, p->c_created, created) : 0;
	/* events keyed by a phone two contacts share belong to the first */
	const char *phone = p->c_phone >= 0 ? rec->fields[p->c_phone] : "";
	char e164[24];
	int added = 1;
	if (fu_phone_key(phone, e164))
		fu_map_put(&p->phones, e164, strlen(e164), &added);
	const fu_facts *f = fu_eventdb_join_aliases(db, id, p->shared_address ? "" : email, added ? phone : "",
	                                            unshared_aliases(p, aliases), tz, &p->join);
	if (f) /* its marks and purchases, read below: their misses overlap */
		fu_facts_prefetch(db, f);
	/* consent that cannot be read is taken as withdrawn: service messages only */
	p->optout_undone = 0;
	if (contact_unsubscribed(p, rec, f, tz, &unsubscribed) != 0) {
		fu_warn_capped("unreadable unsubscribed", file, rec->line, 0,
		               "%s; read as unsubscribed: service messages only", p->why);
		p->errors++;
		unsubscribed = 1;
	} else if (!unsubscribed && p->c_unsubscribed >= 0) {
		const char *why;
		p->optout_undone = fu_facts_unsubscribed(NULL, rec->fields[p->c_unsubscribed], tz, p->now, &why) > 0;
	}
	if (p->shared_address && *email) { /* an opt-out logged under the shared address */
		fu_facts *addr = fu_eventdb_find(db, email);
		if (addr) /* (its opt-out joined a contact: no warning that it joins none) */
			addr->matched = 1;
		unsubscribed |= addr && addr->consent_t != INT64_MIN && !addr->opted_in;
	}
	const fu_slot *slots = f ? fu_eventdb_slots(db, f) : NULL;
	/* only a stream with an email column says a contact has none */
	int no_email = p->c_email >= 0 && !has_text(email);
	/* an address read by a guess (a byte not UTF-8, read as Windows-1252)
	 * or with a byte replaced (U+FFFD) may be another person's mailbox: no
	 * e-mail goes to it, as to none (it still joins the contact's events,
	 * so an opt-out under it holds) */
	const char *unsure = no_email ? NULL : fu_address_unsure(rec, p->c_email);
	if (unsure) {
		fu_warn_at(file, rec->line, "email '%s' %s: no e-mail planned for the contact (fix the "
		           "address: save the list as \"CSV UTF-8\", or import it with fu-import --encoding)",
		           email, unsure);
		p->errors++;
		no_email = 1;
	}
	note_day(p, f, tz, no_email);
	gather_buys(p, f, slots, tz);
	int complex_col = p->c_complex >= 0 && truthy_text(rec->fields[p->c_complex]);
	int no_calls = p->c_do_not_call >= 0 && truthy_text(rec->fields[p->c_do_not_call]);
	int no_texts = !unsubscribed && contact_sms_unsubscribed(p, rec, tz, file);
	int has_phone = p->c_phone >= 0 && has_text(rec->fields[p->c_phone]);
	/* only a stream with a phone column says a contact has none */
	int no_phone = p->c_phone >= 0 && !has_phone;
	int reachable = !no_email || has_phone; /* by e-mail or by phone */
	const struct fu_today *mine = today_in(p, tz);
	p->nskips = 0;

	size_t n = 0;
	for (size_t ri = 0; ri < p->cad->n; ri++) {
		size_t r = p->order[ri];
		const fu_cadence_row *row = &p->cad->rows[r];
		if (p->nsteps && !p->step_on[r]) /* --step */
			continue;
		/* consent withdrawn: service messages only, on every channel that
		 * sends a message (e-mail, a text, WhatsApp: a STOP reply to an SMS
		 * is an unsubscribe); a call or meeting is do_not_call's to stop */
		if (unsubscribed && !row->service && !person_channel(row->channel))
			continue;
		/* an e-mail that can never be sent is not handed out (fu-render would
		 * reject it on every run): an order's follow-up or a service message
		 * is made by phone, other e-mails are left out and counted */
		const char *channel = row->channel;
		int left_out = 0;
		if (no_email && strcmp(row->channel, "email") == 0) {
			if (has_phone && !no_calls && (row->service || row->anchors[0] == FU_ANCHOR_ORDER))
				channel = "call";
			else
				left_out = no_calls && has_phone ? LEFT_NO_CALLS : LEFT_NO_EMAIL;
		}
		/* do not call: a call or a text becomes an e-mail where one may
		 * be sent (a lead's plan goes on), else it is left out */
		if (no_calls && phone_channel(channel)) {
			if (!no_email && has_text(email) && (row->service || !unsubscribed))
				channel = "email";
			else
				left_out = LEFT_NO_CALLS;
		}
		/* a call or a text needs a phone: one for a contact without (a
		 * web shop's customer known by e-mail) could never be made, and
		 * fu-render or a person would meet it on every run: left out,
		 * counted and named; a step chained to it still comes */
		if (!left_out && no_phone && phone_channel(channel))
			left_out = LEFT_NO_PHONE;
		/* no to marketing texts alone (sms_unsubscribed): a marketing
		 * text is left out, the contact's marketing e-mail still goes */
		if (no_texts && !row->service && text_channel(channel)) {
			p->sms_out_left++;
			continue;
		}
		struct fu_anchor *anchors;
		size_t na = row_anchors(p, r, f, slots, have_created, created, tz, rec, file, &anchors);
		for (size_t ai = 0; ai < na; ai++) {
			const struct fu_anchor *an = &anchors[ai];
			fu_task t = {.row = row, .channel = channel, .anchor_type = an->type, .anchor_t = an->t, .item = an->item,
			             .anchor_key = anchor_key(an), .passed = an->passed};
			struct ctx c = {.p = p, .rec = rec, .f = f, .t = &t, .anchor_value = an->value,
			                .complex = complex_col || an->complex, .unsubscribed = unsubscribed};
			char why[128];
			int ok = fu_cond_eval(row->eligible, getter, &c, why, sizeof why);
			int stop = ok > 0 && *row->stop_text ? fu_cond_eval(row->stop, getter, &c, why, sizeof why) : 0;
			if (ok < 0 || stop < 0) {
				fu_warn_at(file, rec->line, "step %s (%s:%ld): %s", row->step, p->cad->file, row->line, why);
				p->errors++;
				continue;
			}
			if (!ok || stop)
				continue;
			/* quiet of a step not timed from an order is a cooldown, as
			 * fu-referrals --cooldown: no task while the step was marked
			 * done (another task of it) within that long before --now */
			int64_t cooled = INT64_MIN, cooldown = 0;
			if (row->has_quiet && row->anchors[0] != FU_ANCHOR_ORDER) {
				cooled = last_step_mark(p, f, p->step_ids[r], tz);
				cooldown = fu_dur_seconds(&row->quiet);
			}
			size_t from = n; /* this run's tasks: p->tasks[from, n) */
			int done = 0;    /* an occurrence of it marked done */
			int64_t done_at = INT64_MAX; /* the earliest such mark */
			uint32_t named = 0;          /* what it named */
			/* occurrences: the current one, then those due by the limit */
			int64_t base = fu_sched_add(&p->timing, an->t, &row->offset, 1, tz);
			long k = row->times == 1 ? 0 : current_occurrence(p, row, base, tz);
			int64_t due = occurrence_due(p, row, base, k, tz);
			size_t before = n; /* tasks of other anchors and steps: the only possible duplicates */
			/* an order step with a quiet time plans its first task after the
			 * limit too (dropped at the end, past_limit): whether an order's
			 * own task is still to go out decides whether the covering
			 * thank-you names it, and --due must name what the plan does */
			int quiet_order = row->has_quiet && row->anchors[0] == FU_ANCHOR_ORDER, beyond = 0;
			for (;;) {
				int has_next = row->times == 0 || k + 1 < row->times;
				int64_t next = has_next ? occurrence_due(p, row, base, k + 1, tz) : 0;
				/* superseded by the next occurrence: due by now too, or due at the
				 * same moment (a weekend's hourly occurrences all moved to Monday) */
				if (has_next && (next <= p->now || next == due)) {
					k++;
					due = next;
					continue;
				}
				if (due > p->limit && (!quiet_order || beyond++))
					break;
				t.occurrence = k;
				t.due = t.planned = due;
				t.expiry = row->has_expires ? due + fu_dur_seconds(&row->expires) : INT64_MAX;
				if (has_next && next < t.expiry) /* superseded: held back by a cap, an
				                                  * occurrence never rolls past the next */
					t.expiry = next;
				uint64_t idv = make_id(key, row, t.anchor_type, &an->id, k, t.task_id);
				int dup = 0;
				for (size_t j = 0; j < before; j++)
					dup |= strcmp(p->tasks[j].task_id, t.task_id) == 0;
				uint64_t ids[MAX_TASK_IDS];
				int nids = 1;
				if (fu_map_count(&p->notes)) /* else its own id is all done_by needs */
					nids = ids_under_keys(&keys, row, t.anchor_type, &an->id, k, ids);
				ids[0] = idv;
				int only_one = row->nanchors == 1 && row->anchors[0] == FU_ANCHOR_CREATED && row->times == 1;
				const fu_mark *m = dup ? NULL : done_by(p, f, p->step_ids[r], ids, keys.n, nids, only_one, an->t, k,
				                                        due, next, has_next, tz);
				if (!m && !dup && row->anchors[0] == FU_ANCHOR_ORDER)
					m = order_done_by(p, r, &keys, an, k, tz);
				/* a step of a lead's cadence (one task a contact) chained to
				 * another is done by any mark of it: one made while the step
				 * before was counted from another time (left out for want of
				 * an address, since done) is not handed out again */
				if (!m && !dup && p->row_once[r])
					m = any_mark(f, p->step_ids[r]);
				int64_t w = m ? fu_event_time(m->when, m->naive, tz) : 0;
				if (m && p->day.ntouched < 8 && w >= mine->start && w < mine->end)
					p->day.touched[p->day.ntouched++] = t.anchor_key;
				done |= m != NULL;
				if (m && w < done_at) {
					done_at = w;
					named = m->named;
				}
				if (m)
					note_step_mark(p, p->step_ids[r], m, tz);
				/* an order older than its steps live, but the latest, is
				 * kept only for the orders after it (quiet, order_end): it
				 * is not listed as expired */
				int stale = row->anchors[0] == FU_ANCHOR_ORDER && ai + 1 < na &&
				            p->cad->order_reach != INT64_MAX && an->t < p->now - p->cad->order_reach;
				size_t rest_from;
				struct rest_marks rest_done;
				if (m && !dup && row->anchors[0] == FU_ANCHOR_ORDER && row->service && row->times == 1) {
					if (order_rest(p, r, &keys, m, an, tz, &rest_from, &rest_done))
						push_rest(p, &n, &t, key, rest_from, left_out, stale, tz);
					if (p->since != INT64_MIN)
						push_rest_done(p, &n, &t, key, &rest_done, tz);
				}
				if (!dup && !m && an->refunded) {
					/* an order refunded: what was not handed out is not */
				} else if (!dup && !m && cooled > p->now - cooldown) {
					t.state = fu_task_state(&t, p->now);
					if (t.state != FU_EXPIRED && due <= p->handout)
						note_cooldown(p, &t, cooled, file, rec->line, tz);
				} else if (!dup && !m) {
					t.state = fu_task_state(&t, p->now);
					if (!left_out && !(stale && t.state == FU_EXPIRED))
						push(p, &n, &t);
					else if (t.state != FU_EXPIRED && due <= p->handout)
						note_left_out(p, &t, left_out, file, rec->line, tz);
					/* a step left out for want of an address is passed
					 * over when the contact has another (a lead known by
					 * e-mail alone still gets its e-mails); not one left
					 * out for do_not_call (the contact has no e-mail
					 * address, or may not be sent marketing) */
					if (left_out && left_out != LEFT_NO_CALLS && reachable)
						note_skip(p, p->step_ids[r], due);
				} else if (!dup && p->since != INT64_MIN && due >= p->since) {
					t.state = FU_DONE;
					t.done_at = w;
					t.done_under = done_under(&t, m);
					push(p, &n, &t);
				}
				if (!has_next)
					break;
				k++;
				due = next;
			}
			if (row->has_quiet && row->anchors[0] == FU_ANCHOR_ORDER)
				add_run(p, row, p->step_ids[r], an, done, done_at, named, from, n);
		}
	}
	if (p->nruns)
		n = past_limit(p, quiet_runs(p, n, file, rec->line, tz));
	*tasks = p->tasks;
	*np = n;
	return 0;
}

void fu_plan_reason(const fu_planner *p, const fu_task *t, const char *tz, fu_buf *out)
{
	const fu_cadence_row *row = t->row;
	char off[32], when[40];
	fu_dur_format(&row->offset, off, sizeof off);
	fu_format_time(t->anchor_t, tz, when, sizeof when);
	fu_buf_clear(out);
	fu_buf_printf(out, "%s after %s %s", off, t->anchor_type, when);
	if (row->times != 1) {
		char every[32];
		fu_dur_format(&row->every, every, sizeof every);
		if (row->times > 0)
			fu_buf_printf(out, ", %ld of %ld every %s", t->occurrence + 1, row->times, every);
		else
			fu_buf_printf(out, ", %ld every %s", t->occurrence + 1, every);
	}
	if (row->eligible_text && *row->eligible_text)
		fu_buf_printf(out, "; %s", row->eligible_text);
	if (t->rest)
		fu_buf_adds(out, "; logged after the order's task was done: what it did not name");
	if (t->passed)
		fu_buf_printf(out, "; %s left out for the contact: from when it fell due", row->after);
	if (t->channel != row->channel)
		fu_buf_printf(out, "; %s: %s instead of %s",
		              strcmp(t->channel, "email") == 0 ? "do_not_call" : "no e-mail address", t->channel,
		              row->channel);
	(void)p;
}

void fu_plan_free(fu_planner *p)
{
	fu_join_scratch_free(&p->join);
	fu_map_free(&p->phones);
	fu_map_free(&p->alias_phones);
	free(p->step_ids);
	free(p->step_on);
	free(p->after_ids);
	free(p->order);
	free(p->after_once);
	free(p->row_once);
	free(p->skips);
	free(p->tasks);
	free(p->buys);
	free(p->anchors);
	free(p->email_step);
	fu_buf_free(&p->keybuf);
	fu_buf_free(&p->aliasbuf);
	fu_buf_free(&p->joinbuf);
	fu_buf_free(&p->items);
	free(p->item_at);
	if (p->notes_built)
		fu_map_free(&p->notes);
	free(p->note_marks);
	free(p->note_more);
	free(p->more_marks);
	free(p->runs);
	free(p->stepmarks);
}

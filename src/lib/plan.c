/* From a contact row, its event facts and the cadence to the contact's tasks:
 * anchors, conditions, timing, repeats, done marks and states. */
#include "fu.h"
#include "lib/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const fu_state_names[] = {"overdue", "due", "upcoming", "expired"};

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

int fu_plan_setup(fu_planner *p, const fu_header *hdr)
{
	p->hdr = hdr;
	p->c_id = fu_header_find(hdr, "id");
	p->c_email = fu_header_find(hdr, "email");
	p->c_tz = fu_header_find(hdr, "tz");
	p->c_created = fu_header_find(hdr, "created");
	p->c_complex = fu_header_find(hdr, "complex");
	int bad = 0;
	fu_cadence *c = p->cad;
	p->step_ids = fu_xcalloc(c->n, sizeof *p->step_ids);
	p->after_ids = fu_xcalloc(c->n, sizeof *p->after_ids);
	for (size_t i = 0; i < c->n; i++) {
		fu_cadence_row *row = &c->rows[i];
		p->step_ids[i] = fu_intern(p->db, row->step, strlen(row->step));
		if (row->after)
			p->after_ids[i] = fu_intern(p->db, row->after, strlen(row->after));
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

/* ---- evaluation context -------------------------------------------------------- */

struct ctx {
	fu_planner *p;
	const fu_record *rec;
	const fu_facts *f;
	const fu_task *t; /* the anchor being considered */
	int complex;
	char buf[4][40];
	int nbuf;
};

static void num_val(struct ctx *c, double d, fu_cond_val *v)
{
	char *b = c->buf[c->nbuf++ & 3];
	snprintf(b, sizeof c->buf[0], "%.15g", d);
	v->s = b;
	v->n = strlen(b);
	v->num = d;
	v->isnum = 1;
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
		num_val(c, f && f->count[FU_EV_UNSUBSCRIBE] > 0, v);
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
	case F_ANCHOR_VALUE: {
		if (c->t->anchor_type && strcmp(c->t->anchor_type, "created") != 0) {
			fu_slot *s = NULL;
			const fu_cadence_row *row = c->t->row;
			for (int a = 0; a < row->nanchors; a++)
				if (row->anchors[a] >= 0 &&
				    strcmp(c->p->cad->types[row->anchors[a]], c->t->anchor_type) == 0)
					s = &fu_eventdb_slots(c->p->db, f)[row->anchors[a]];
			if (s && !isnan(s->value))
				num_val(c, s->value, v);
		}
		return;
	}
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
	if (p->c_tz < 0 || rec->lens[p->c_tz] == 0)
		return NULL;
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

static int truthy_text(const char *s)
{
	return *s && strcmp(s, "0") != 0 && !fu_streq_ci(s, "no") && !fu_streq_ci(s, "false") &&
	       !fu_streq_ci(s, "n");
}

/* task_id: a hash of the contact's key, the step, the anchor event (type and
 * time as logged) and the occurrence, as 16 hex digits */
static uint64_t make_id(const char *key, const fu_cadence_row *row, const char *atype, int64_t araw,
                        long k, char out[17])
{
	char small[512];
	fu_buf big = {0};
	const char *text = small;
	int n = snprintf(small, sizeof small, "%s%c%s%c%s%c%lld%c%ld", key, 0x1f, row->step, 0x1f, atype,
	                 0x1f, (long long)araw, 0x1f, k);
	if (n < 0 || (size_t)n >= sizeof small) {
		fu_buf_printf(&big, "%s%c%s%c%s%c%lld%c%ld", key, 0x1f, row->step, 0x1f, atype, 0x1f,
		              (long long)araw, 0x1f, k);
		text = big.data;
		n = (int)big.len;
	}
	uint64_t h = fu_hash64(text, (size_t)n, 0x5c4ed);
	fu_buf_free(&big);
	/* a final mix (splitmix64) so that ids of neighbouring occurrences differ everywhere */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++)
		out[i] = hex[(h >> (60 - 4 * i)) & 15];
	out[16] = '\0';
	return h;
}

static int64_t occurrence_due(fu_planner *p, const fu_cadence_row *row, int64_t base, long k,
                              const char *tz)
{
	int64_t raw = k ? fu_sched_add(&p->timing, base, &row->every, k, tz) : base;
	return fu_sched_adjust(&p->timing, raw, tz);
}

static int is_done(const fu_facts *f, uint32_t step, uint64_t id, int64_t anchor, long k,
                   int64_t due, int64_t next_due, int has_next, const char *tz)
{
	if (!f)
		return 0;
	for (uint32_t i = 0; i < f->nmarks; i++) {
		const fu_mark *m = &f->marks[i];
		if (m->note == id)
			return 1;
		if (m->note != 0 || m->step != step)
			continue;
		/* a mark without a task_id covers the occurrence current when it was made */
		int64_t w = fu_event_time(m->when, m->naive, tz);
		if (w >= anchor && (k == 0 || w >= due) && (!has_next || w < next_due))
			return 1;
	}
	return 0;
}

static void push(fu_planner *p, size_t *n, const fu_task *t)
{
	if (*n == p->tcap) {
		p->tcap = p->tcap ? p->tcap * 2 : 16;
		p->tasks = fu_xrealloc(p->tasks, p->tcap * sizeof *p->tasks);
	}
	p->tasks[(*n)++] = *t;
}

/* ---- one contact ---------------------------------------------------------------- */

size_t fu_plan_contact(fu_planner *p, const fu_record *rec, const char *file, fu_task **tasks,
                       const char **tzp)
{
	fu_eventdb *db = p->db;
	const char *tz = contact_tz(p, rec, file);
	*tzp = tz;
	p->done_today = 0;
	/* the contact's key and facts: by id, and by e-mail */
	const char *id = p->c_id >= 0 ? rec->fields[p->c_id] : "";
	const char *email = p->c_email >= 0 ? rec->fields[p->c_email] : "";
	/* without an id, the contact is known by its e-mail, lower-cased */
	fu_buf_clear(&p->keybuf);
	fu_buf_adds(&p->keybuf, *id ? id : email);
	if (!*id)
		fu_ascii_lower(p->keybuf.data, p->keybuf.len);
	const char *key = p->keybuf.data;
	if (!*key) {
		fu_warn_at(file, rec->line, "contact has neither id nor email; no tasks");
		p->errors++;
		return 0;
	}
	const fu_facts *f = fu_eventdb_join(db, id, email, tz, &p->join);
	const fu_slot *slots = f ? fu_eventdb_slots(db, f) : NULL;
	if (f && f->nmarks) {
		int64_t today = fu_local_day(p->now, NULL);
		for (uint32_t i = 0; i < f->nmarks; i++) {
			int64_t w = fu_event_time(f->marks[i].when, f->marks[i].naive, tz);
			if (w <= p->now && fu_local_day(w, NULL) == today)
				p->done_today++;
		}
	}

	/* created */
	int have_created = 0;
	int64_t created = 0;
	if (p->c_created >= 0 && rec->lens[p->c_created]) {
		fu_time ft;
		const char *why;
		if (fu_parse_time(rec->fields[p->c_created], tz, &ft, &why) != 0) {
			fu_warn_at(file, rec->line, "created \"%s\": %s; no lead steps", rec->fields[p->c_created], why);
			p->errors++;
		} else {
			have_created = 1;
			created = ft.t;
		}
	}
	int complex_col = p->c_complex >= 0 && truthy_text(rec->fields[p->c_complex]);
	int unsubscribed = f && f->count[FU_EV_UNSUBSCRIBE] > 0;

	size_t n = 0;
	for (size_t r = 0; r < p->cad->n; r++) {
		const fu_cadence_row *row = &p->cad->rows[r];
		if (p->nsteps) {
			size_t s;
			for (s = 0; s < p->nsteps && strcmp(p->steps[s], row->step) != 0; s++)
				;
			if (s == p->nsteps)
				continue;
		}
		if (unsubscribed && strcmp(row->channel, "email") == 0)
			continue;
		/* the anchor: the latest of the row's anchor events */
		fu_task t = {.row = row, .anchor_type = NULL};
		int64_t araw = 0;
		int have = 0;
		for (int a = 0; a < row->nanchors; a++) {
			if (row->anchors[a] == FU_ANCHOR_DONE) {
				/* chained: from when the step before was marked done (its
				 * latest followup event naming it) */
				for (uint32_t i = 0; f && i < f->nmarks; i++) {
					const fu_mark *m = &f->marks[i];
					if (m->step != p->after_ids[r])
						continue;
					int64_t at = fu_event_time(m->when, m->naive, tz);
					if (!have || at >= t.anchor_t) {
						t.anchor_t = at;
						t.anchor_type = row->anchor;
						t.item = 0;
						araw = m->when;
						have = 1;
					}
				}
				continue;
			}
			if (row->anchors[a] == FU_ANCHOR_CREATED) {
				if (have_created && (!have || created >= t.anchor_t)) {
					t.anchor_t = created;
					t.anchor_type = "created";
					t.item = 0;
					araw = created;
					have = 1;
				}
				continue;
			}
			const fu_slot *s = slots ? &slots[row->anchors[a]] : NULL;
			if (!s || !s->set)
				continue;
			int64_t at = fu_event_time(s->t, s->naive, tz);
			if (!have || at >= t.anchor_t) {
				t.anchor_t = at;
				t.anchor_type = p->cad->types[row->anchors[a]];
				t.item = s->item;
				araw = s->t;
				have = 1;
			}
		}
		if (!have)
			continue;
		/* conditions */
		struct ctx c = {.p = p, .rec = rec, .f = f, .t = &t};
		c.complex = complex_col;
		if (!c.complex && p->complex_re && t.item) {
			const char *it = fu_interned(db, t.item);
			char why[128];
			int m = fu_regex_match(p->complex_re, it, strlen(it), why, sizeof why);
			if (m < 0) {
				fu_warn_at(file, rec->line, "--complex: %s", why);
				p->errors++;
			}
			c.complex = m > 0;
		}
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
		/* occurrences */
		int64_t base = fu_sched_add(&p->timing, t.anchor_t, &row->offset, 1, tz);
		long k = 0;
		if (row->times != 1 && row->every.unit != FU_BDAY) {
			/* skip ahead near now, then walk */
			int64_t span = fu_dur_seconds(&row->every);
			if (p->now > base && span > 0) {
				long jump = (long)((p->now - base) / span) - 2;
				if (jump > 0)
					k = jump;
			}
			if (row->times > 0 && k > row->times - 1)
				k = row->times - 1;
		}
		int64_t due = occurrence_due(p, row, base, k, tz);
		int64_t anchor_adj = t.anchor_t;
		for (;;) {
			int has_next = row->times == 0 || k + 1 < row->times;
			int64_t next = has_next ? occurrence_due(p, row, base, k + 1, tz) : 0;
			if (has_next && next <= p->now) { /* superseded by the next occurrence */
				k++;
				due = next;
				continue;
			}
			if (due > p->limit)
				break;
			t.occurrence = k;
			t.due = due;
			uint64_t idv = make_id(key, row, t.anchor_type, araw, k, t.task_id);
			int dup = 0;
			for (size_t j = 0; j < n; j++)
				dup |= strcmp(p->tasks[j].task_id, t.task_id) == 0;
			if (!dup && !is_done(f, p->step_ids[r], idv, anchor_adj, k, due, next, has_next, tz)) {
				int64_t wsec = fu_dur_seconds(&row->window);
				t.state = p->now < due ? FU_UPCOMING : p->now < due + wsec ? FU_DUE : FU_OVERDUE;
				if (t.state == FU_OVERDUE && row->has_expires &&
				    p->now >= due + fu_dur_seconds(&row->expires))
					t.state = FU_EXPIRED;
				push(p, &n, &t);
			}
			if (!has_next)
				break;
			k++;
			due = next;
		}
	}
	*tasks = p->tasks;
	return n;
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
	(void)p;
}

void fu_plan_free(fu_planner *p)
{
	fu_join_scratch_free(&p->join);
	free(p->step_ids);
	free(p->after_ids);
	free(p->tasks);
	fu_buf_free(&p->keybuf);
}

/* fu-schedule's task writers (taskout.h). */
#include "fu.h"
#include "lib/taskout.h"
#include <ctype.h>
#include <inttypes.h>

#include <stdlib.h>

void fu_taskout_begin(fu_taskout *o, FILE *fp, int excel_safe)
{
	const fu_header *h = o->hdr;
	o->c_first = fu_header_find(h, "first_name");
	o->c_last = fu_header_find(h, "last_name");
	o->c_company = fu_header_find(h, "company");
	o->c_email = fu_header_find(h, "email");
	o->c_phone = fu_header_find(h, "phone");
	o->c_id = fu_header_find(h, "id");
	if (o->ics) {
		fu_ical_begin(&o->ic, fp, "-//fu//fu-schedule " FU_VERSION "//EN");
		fu_map_init(&o->uids);
		fu_map_init(&o->renamed);
		return;
	}
	fu_csv_writer_init(&o->w, fp, excel_safe);
	o->width = h->n;
	for (int k = 0; k < FU_TASK_NCOLS; k++) {
		long i = fu_header_find(h, fu_task_columns[k]);
		o->place[k] = i >= 0 ? i : (long)o->width++;
	}
	o->row = fu_xcalloc(o->width, sizeof *o->row);
	for (size_t i = 0; i < h->n; i++)
		o->row[i] = h->names[i];
	for (int k = 0; k < FU_TASK_NCOLS; k++)
		o->row[o->place[k]] = (char *)fu_task_columns[k];
	fu_csv_row(&o->w, o->row, o->width);
}

static const char *field_or(char *const *fields, long i, size_t n)
{
	return i >= 0 && (size_t)i < n ? fields[i] : "";
}

/* "step: First Last", else the company, e-mail or id */
static void summary(fu_taskout *o, char *const *fields, size_t nfields, const fu_task *t, fu_buf *s)
{
	const char *first = field_or(fields, o->c_first, nfields);
	const char *last = field_or(fields, o->c_last, nfields);
	const char *company = field_or(fields, o->c_company, nfields);
	const char *email = field_or(fields, o->c_email, nfields);
	const char *id = field_or(fields, o->c_id, nfields);
	fu_buf_clear(s);
	if (t->state == FU_DONE)
		fu_buf_adds(s, "done: ");
	fu_buf_printf(s, "%s: %s%s%s", t->row->step, first, *first && *last ? " " : "", last);
	if (!*first && !*last)
		fu_buf_adds(s, *company ? company : *email ? email : id);
}

/* the most a daily cap could roll an unplaced task on (handout.c's reach) */
#define CAP_REACH (400 * (int64_t)86400)

/* A task's revision number (RFC 5545 3.8.7.4), derived from the task alone
 * so that every export agrees and a later revision has a higher one:
 * open, the days a daily cap moved it from its planned due (0 if none; it
 * only moves later as days fill up); expired, one more than the most it
 * could have been moved while open, done two more (a task may be marked
 * done after it expired, never the other way).  "The most" ends at the
 * expiry, fixed once known, not at --now: a re-export of a finished task
 * is the same revision, not a new one each day.  A step that never
 * expires is expired only by a cap that found no room within its reach,
 * and is done when its mark says. */
static long ics_sequence(const fu_task *t)
{
	if (t->state != FU_DONE && t->state != FU_EXPIRED)
		return t->due > t->planned ? (long)((t->due - t->planned + 43200) / 86400) : 0;
	int64_t last = t->expiry;
	if (last == INT64_MAX)
		last = t->state == FU_DONE ? (t->done_at > t->due ? t->done_at : t->due) : t->due + CAP_REACH;
	long moved = last > t->planned ? (long)((last - t->planned + 86399) / 86400) : 0;
	return moved + (t->state == FU_DONE ? 2 : 1);
}

/* The task's SEQUENCE given the last export (--previous): never lower than
 * the one a client holds for its UID, which ignores an update with a lower
 * one, and higher when the event changed — above all a task written there
 * CANCELLED as having left the plan and planned again now (trials11b/06),
 * whose derived revision can be lower than the cancellation's.  Unchanged,
 * it keeps the previous SEQUENCE, so re-exports agree. */
static long sequence_after(const fu_taskout *o, const fu_task *t)
{
	long seq = ics_sequence(t);
	const fu_prev_event *e = o->previous ? fu_prev_ics_find(o->previous, t->task_id) : NULL;
	if (!e)
		return seq;
	int changed = e->left || e->start != t->due || e->done != (t->state == FU_DONE) ||
	              e->cancelled != (t->state == FU_EXPIRED);
	long floor = e->sequence + (changed ? 1 : 0);
	return seq > floor ? seq : floor;
}

/* A task done or expired since the last export stays in the calendar under
 * its UID, so that a re-import updates the entry instead of leaving it
 * upcoming: an expired one is CANCELLED; a VEVENT has no completed status
 * (RFC 5545 3.8.1.11), so a done one says "done:" in its summary, is
 * transparent (takes no time) and carries X-FU-STATE:done.  A task moved
 * by a daily cap, done or expired is a revision: see ics_sequence. */
static void write_ics(fu_taskout *o, char *const *fields, size_t nfields, const fu_task *t)
{
	fu_ical *ic = &o->ic;
	fu_buf *s = &o->text;
	const char *email = field_or(fields, o->c_email, nfields);
	const char *phone = field_or(fields, o->c_phone, nfields);
	const char *id = field_or(fields, o->c_id, nfields);
	const char *item = fu_interned(o->plan->db, t->item);
	int finished = t->state == FU_DONE || t->state == FU_EXPIRED;
	char uid[64];
	snprintf(uid, sizeof uid, "%s@fu-schedule", t->task_id);
	if (o->previous) {
		int added;
		fu_map_put(&o->uids, t->task_id, strlen(t->task_id), &added);
		if (t->state == FU_DONE && t->done_under) {
			char was[17];
			snprintf(was, sizeof was, "%016" PRIx64, t->done_under);
			fu_map_put(&o->renamed, was, 16, &added);
		}
	}
	fu_ical_prop(ic, "BEGIN", "VEVENT");
	fu_ical_text(ic, "UID", uid);
	fu_ical_utc(ic, "DTSTAMP", o->now);
	fu_ical_utc(ic, "DTSTART", t->due);
	fu_ical_prop(ic, "DURATION", "PT15M");
	char seq[24];
	snprintf(seq, sizeof seq, "%ld", sequence_after(o, t));
	fu_ical_prop(ic, "SEQUENCE", seq);
	fu_ical_prop(ic, "STATUS", t->state == FU_EXPIRED ? "CANCELLED" : "CONFIRMED");
	if (t->state == FU_DONE) {
		fu_ical_prop(ic, "TRANSP", "TRANSPARENT");
		fu_ical_prop(ic, "X-FU-STATE", "done");
	}
	summary(o, fields, nfields, t, s);
	fu_ical_text(ic, "SUMMARY", s->data);
	fu_buf_clear(s);
	const char *kind = t->row->service ? "service" : "marketing";
	fu_buf_printf(s, "%s\nchannel: %s\ntemplate: %s\nkind: %s\nstate: %s\ncontact: %s", o->reason.data,
	              t->channel, t->row->template, kind, fu_state_names[t->state], id);
	if (*email)
		fu_buf_printf(s, "\nemail: %s", email);
	if (*phone)
		fu_buf_printf(s, "\nphone: %s", phone);
	if (*item)
		fu_buf_printf(s, "\nitem: %s", item);
	fu_ical_text(ic, "DESCRIPTION", s->data);
	fu_ical_text(ic, "CATEGORIES", t->channel);
	fu_ical_text(ic, "CATEGORIES", kind); /* a property of its own: the channel may hold a comma */
	if (!finished) {
		fu_ical_prop(ic, "BEGIN", "VALARM");
		fu_ical_prop(ic, "ACTION", "DISPLAY");
		fu_buf_clear(s);
		fu_buf_printf(s, "-PT%ldM", o->alarm_min);
		fu_ical_prop(ic, "TRIGGER", s->data);
		summary(o, fields, nfields, t, s);
		fu_ical_text(ic, "DESCRIPTION", s->data);
		fu_ical_prop(ic, "END", "VALARM");
	}
	fu_ical_prop(ic, "END", "VEVENT");
}

void fu_taskout_write(fu_taskout *o, char *const *fields, size_t nfields, const fu_task *t, const char *tz)
{
	fu_plan_reason(o->plan, t, tz, &o->reason);
	o->written++;
	o->expired += t->state == FU_EXPIRED;
	o->done += t->state == FU_DONE;
	if (t->channel != t->row->channel && strcmp(t->channel, t->row->channel) != 0) {
		o->by_phone += strcmp(t->channel, "call") == 0;
		o->by_email += strcmp(t->channel, "email") == 0;
	}
	if (o->ics) {
		write_ics(o, fields, nfields, t);
		return;
	}
	char due[40];
	fu_format_time(t->due, tz, due, sizeof due);
	for (size_t i = 0; i < nfields && i < o->hdr->n; i++)
		o->row[i] = fields[i];
	const char *vals[FU_TASK_NCOLS] = {t->task_id, t->row->step, due, fu_state_names[t->state],
	                                   t->channel, t->row->template, t->anchor_type,
	                                   fu_interned(o->plan->db, t->item), o->reason.data,
	                                   t->row->service ? "service" : "marketing"};
	for (int k = 0; k < FU_TASK_NCOLS; k++)
		o->row[o->place[k]] = (char *)vals[k];
	fu_csv_row(&o->w, o->row, o->width);
}

/* The previous export's tasks this one does not hold, once more as
 * CANCELLED under their UID (a client that imports the calendar keeps an
 * event it is not told of): re-anchored on a newer purchase, stopped,
 * covered by an earlier order's, or the contact gone.  A done one is left
 * as it was (history), unless this export lists its task done under
 * another UID (its mark names the old one: the ids before 2026-12, a key
 * the contact had): the calendar would show it twice.  One that starts
 * before the calendar's window is gone for good.  One written so before
 * (X-FU-STATE:left) is written again unchanged, so that every later
 * export agrees on it. */
static void write_left(fu_taskout *o)
{
	fu_ical *ic = &o->ic;
	fu_buf *s = &o->text;
	for (size_t i = 0; i < o->previous->n; i++) {
		const fu_prev_event *e = &o->previous->ev[i];
		int added;
		char low[17] = "";
		size_t nid = strlen(e->task_id);
		for (size_t k = 0; k < nid && k < 16; k++)
			low[k] = (char)tolower((unsigned char)e->task_id[k]);
		int renamed = e->done && nid == 16 && fu_map_get(&o->renamed, low, 16) >= 0;
		if ((e->done && !renamed) || e->start < o->since)
			continue;
		fu_map_put(&o->uids, e->task_id, strlen(e->task_id), &added);
		if (!added) /* planned now, or listed twice */
			continue;
		o->left++;
		char uid[64], seq[24];
		snprintf(uid, sizeof uid, "%s@fu-schedule", e->task_id);
		snprintf(seq, sizeof seq, "%ld", e->left ? e->sequence : e->sequence + 1);
		fu_ical_prop(ic, "BEGIN", "VEVENT");
		fu_ical_text(ic, "UID", uid);
		fu_ical_utc(ic, "DTSTAMP", o->now);
		fu_ical_utc(ic, "DTSTART", e->start);
		fu_ical_prop(ic, "DURATION", "PT15M");
		fu_ical_prop(ic, "SEQUENCE", seq);
		fu_ical_prop(ic, "STATUS", "CANCELLED");
		fu_ical_prop(ic, "TRANSP", "TRANSPARENT");
		fu_ical_prop(ic, "X-FU-STATE", "left");
		fu_buf_clear(s);
		fu_buf_printf(s, "%s%s", e->left ? "" : "left the plan: ", e->summary);
		fu_ical_text(ic, "SUMMARY", s->data);
		fu_ical_text(ic, "DESCRIPTION", "no longer in the plan: superseded (a newer anchor), stopped, "
		                                "covered by an earlier order's, or its contact gone\nstate: left");
		fu_ical_prop(ic, "END", "VEVENT");
	}
}

void fu_taskout_end(fu_taskout *o)
{
	if (o->ics && o->previous)
		write_left(o);
	if (o->ics) {
		fu_ical_end(&o->ic);
		fu_map_free(&o->uids);
		fu_map_free(&o->renamed);
	}
	free(o->row);
	fu_buf_free(&o->reason);
	fu_buf_free(&o->text);
}

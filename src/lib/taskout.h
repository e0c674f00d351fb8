/* taskout.h — fu-schedule's task writers: CSV (the contact's columns, then
 * the task columns of fu(7), a column the contacts have replaced in place)
 * or an iCalendar (one VEVENT a task, UID from the task_id). */
#ifndef FU_TASKOUT_H
#define FU_TASKOUT_H

#include "fu.h"
#include "lib/ical.h"
#include "lib/icsprev.h"
#include "lib/plan.h"

typedef struct {
	int ics;
	long alarm_min;      /* ics: reminder this many minutes before */
	int64_t now;
	const fu_header *hdr; /* the contacts' header */
	fu_planner *plan;
	/* ics: an earlier export (--previous) whose tasks no longer planned are
	 * written CANCELLED while they start after SINCE; NULL: none */
	const fu_prev_ics *previous;
	int64_t since;
	/* counts */
	long written, expired, done;
	long by_phone; /* written as calls: e-mail steps of contacts without an e-mail address */
	long by_email; /* written as e-mails: calls and texts to contacts marked do_not_call */
	long left;     /* --previous's tasks written CANCELLED: no longer in the plan */
	/* inside */
	fu_csv_writer w;
	fu_ical ic;
	long place[FU_TASK_NCOLS]; /* column of each task field: existing or appended */
	long c_first, c_last, c_company, c_email, c_phone, c_id;
	size_t width;
	char **row;
	fu_buf reason, text;
	fu_map uids; /* with previous: the task ids written */
	fu_map renamed; /* with previous: the ids done tasks were listed under before
	                 * (fu_task.done_under), now written under their own */
} fu_taskout;

/* Write the header (CSV) or the calendar's start. */
void fu_taskout_begin(fu_taskout *o, FILE *fp, int excel_safe);
/* One task of the contact row FIELDS (NFIELDS of them), TZ its zone. */
void fu_taskout_write(fu_taskout *o, char *const *fields, size_t nfields, const fu_task *t, const char *tz);
void fu_taskout_end(fu_taskout *o);

#endif

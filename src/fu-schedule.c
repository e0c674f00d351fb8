/* fu-schedule — the follow-up plan: what is due, for whom, when and why.
 * Contacts on stdin, events by --events; one task row per step due. */
#include "fu.h"
#include "lib/cadence.h"
#include "lib/evfacts.h"
#include "lib/ical.h"
#include "lib/plan.h"
#include "lib/sched.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"Usage: fu-schedule [OPTION]... [CONTACTS.csv]\n"
	"Turn contacts (stdin) and their events into follow-up tasks: what is due,\n"
	"for whom, when and why.  Output: the contact's columns, then\n"
	"task_id,step,due,state,channel,template,anchor,item,reason.\n"
	"\n"
	"  -e, --events FILE        the events log (contact_id,when,type,value,item,note)\n"
	"  -c, --cadence FILE       the plan to follow instead of the default one\n"
	"      --print-cadence      write the default plan as a cadence CSV and exit\n"
	"  -n, --now WHEN           the time to plan at (date or date-time; default: now)\n"
	"  -d, --due                only tasks overdue or due at --now (the cron case)\n"
	"  -H, --horizon DUR        tasks due up to DUR after --now (default 30d)\n"
	"  -s, --step NAME          only this step of the plan (repeat, or a list a,b)\n"
	"      --max-per-owner N    at most N tasks per owner a day; the rest roll on\n"
	"  -b, --business-days      move due times off weekends and holidays\n"
	"      --holidays FILE      a CSV with a date column: days that are not business days\n"
	"  -w, --window HH:MM-HH:MM send window in the contact's time zone\n"
	"      --complex REGEX      purchases of items matching REGEX are complex products\n"
	"  -f, --format FORMAT      csv (default) or ics\n"
	"      --alarm DUR          ics: reminder this long before each task (default 15m)\n"
	"      --excel-safe         neutralise cells starting with = + - @ TAB CR\n"
	"      --rejects FILE       write the rows left out (contacts, events) to FILE\n"
	"  -h, --help               show this help and exit\n"
	"      --version            show the version and exit\n"
	"\n"
	"Exit status: 0 done, 1 input had errors (each reported), 2 usage error or\n"
	"unreadable file.  See fu-schedule(1).\n";

enum { OPT_PRINT = 256, OPT_MAXOWNER, OPT_HOLIDAYS, OPT_COMPLEX, OPT_ALARM, OPT_EXCEL, OPT_REJECTS,
       OPT_VERSION };

static const struct option longopts[] = {
	{"events", required_argument, NULL, 'e'},
	{"cadence", required_argument, NULL, 'c'},
	{"print-cadence", no_argument, NULL, OPT_PRINT},
	{"now", required_argument, NULL, 'n'},
	{"due", no_argument, NULL, 'd'},
	{"horizon", required_argument, NULL, 'H'},
	{"step", required_argument, NULL, 's'},
	{"max-per-owner", required_argument, NULL, OPT_MAXOWNER},
	{"business-days", no_argument, NULL, 'b'},
	{"holidays", required_argument, NULL, OPT_HOLIDAYS},
	{"window", required_argument, NULL, 'w'},
	{"complex", required_argument, NULL, OPT_COMPLEX},
	{"format", required_argument, NULL, 'f'},
	{"alarm", required_argument, NULL, OPT_ALARM},
	{"excel-safe", no_argument, NULL, OPT_EXCEL},
	{"rejects", required_argument, NULL, OPT_REJECTS},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};


/* One task held back for --max-per-owner. */
typedef struct {
	size_t contact; /* index into the held contact rows */
	fu_task task;
	const char *tz;
	const char *owner;
	int64_t order;  /* position in output order */
} held_task;

struct out {
	int ics;
	fu_csv_writer w;
	fu_ical ic;
	const fu_header *hdr;
	long place[FU_TASK_NCOLS]; /* column of each task field: existing or appended */
	size_t width;
	char **row;
	fu_buf reason;
	fu_planner *plan;
	int64_t now;
	long alarm_min;
	long written;
	long expired; /* of them, expired */
};

static void out_header(struct out *o)
{
	if (o->ics) {
		fu_ical_begin(&o->ic, stdout, "-//fu//fu-schedule " FU_VERSION "//EN");
		return;
	}
	o->width = o->hdr->n;
	for (int k = 0; k < FU_TASK_NCOLS; k++) {
		long i = fu_header_find(o->hdr, fu_task_columns[k]);
		o->place[k] = i >= 0 ? i : (long)o->width++;
	}
	o->row = fu_xcalloc(o->width, sizeof *o->row);
	for (size_t i = 0; i < o->hdr->n; i++)
		o->row[i] = o->hdr->names[i];
	for (int k = 0; k < FU_TASK_NCOLS; k++)
		o->row[o->place[k]] = (char *)fu_task_columns[k];
	fu_csv_row(&o->w, o->row, o->width);
}

static const char *field_or(char *const *fields, long i, size_t n)
{
	return i >= 0 && (size_t)i < n ? fields[i] : "";
}

static void out_task(struct out *o, char *const *fields, size_t nfields, const fu_task *t, const char *tz)
{
	char due[40];
	fu_format_time(t->due, tz, due, sizeof due);
	fu_plan_reason(o->plan, t, tz, &o->reason);
	const char *item = fu_interned(o->plan->db, t->item);
	o->written++;
	o->expired += t->state == FU_EXPIRED;
	if (o->ics) {
		fu_ical *ic = &o->ic;
		const fu_header *h = o->hdr;
		const char *first = field_or(fields, fu_header_find(h, "first_name"), nfields);
		const char *last = field_or(fields, fu_header_find(h, "last_name"), nfields);
		const char *company = field_or(fields, fu_header_find(h, "company"), nfields);
		const char *email = field_or(fields, fu_header_find(h, "email"), nfields);
		const char *phone = field_or(fields, fu_header_find(h, "phone"), nfields);
		const char *id = field_or(fields, fu_header_find(h, "id"), nfields);
		fu_buf s = {0};
		fu_buf_printf(&s, "%s: %s%s%s", t->row->step, first, *first && *last ? " " : "", last);
		if (!*first && !*last)
			fu_buf_adds(&s, *company ? company : *email ? email : id);
		char uid[64];
		snprintf(uid, sizeof uid, "%s@fu-schedule", t->task_id);
		fu_ical_prop(ic, "BEGIN", "VEVENT");
		fu_ical_text(ic, "UID", uid);
		fu_ical_utc(ic, "DTSTAMP", o->now);
		fu_ical_utc(ic, "DTSTART", t->due);
		fu_ical_prop(ic, "DURATION", "PT15M");
		fu_ical_text(ic, "SUMMARY", s.data);
		fu_buf_clear(&s);
		fu_buf_printf(&s, "%s\nchannel: %s\ntemplate: %s\nstate: %s\ncontact: %s", o->reason.data,
		              t->row->channel, t->row->template, fu_state_names[t->state], id);
		if (*email)
			fu_buf_printf(&s, "\nemail: %s", email);
		if (*phone)
			fu_buf_printf(&s, "\nphone: %s", phone);
		if (*item)
			fu_buf_printf(&s, "\nitem: %s", item);
		fu_ical_text(ic, "DESCRIPTION", s.data);
		fu_ical_text(ic, "CATEGORIES", t->row->channel);
		fu_ical_prop(ic, "BEGIN", "VALARM");
		fu_ical_prop(ic, "ACTION", "DISPLAY");
		fu_buf_clear(&s);
		fu_buf_printf(&s, "-PT%ldM", o->alarm_min);
		fu_ical_prop(ic, "TRIGGER", s.data);
		fu_buf_clear(&s);
		fu_buf_printf(&s, "%s: %s%s%s", t->row->step, first, *first && *last ? " " : "", last);
		fu_ical_text(ic, "DESCRIPTION", s.data);
		fu_ical_prop(ic, "END", "VALARM");
		fu_ical_prop(ic, "END", "VEVENT");
		fu_buf_free(&s);
		return;
	}
	for (size_t i = 0; i < nfields && i < o->hdr->n; i++)
		o->row[i] = fields[i];
	const char *vals[FU_TASK_NCOLS] = {t->task_id, t->row->step, due, fu_state_names[t->state],
	                               t->row->channel, t->row->template, t->anchor_type, item,
	                               o->reason.data};
	for (int k = 0; k < FU_TASK_NCOLS; k++)
		o->row[o->place[k]] = (char *)vals[k];
	fu_csv_row(&o->w, o->row, o->width);
}

static void out_end(struct out *o)
{
	if (o->ics)
		fu_ical_end(&o->ic);
	free(o->row);
	fu_buf_free(&o->reason);
}

/* ---- --max-per-owner ------------------------------------------------------ */

static int cmp_held(const void *a, const void *b)
{
	const held_task *x = a, *y = b;
	int c = strcmp(x->owner, y->owner);
	if (c)
		return c;
	if (x->task.due != y->task.due)
		return x->task.due < y->task.due ? -1 : 1;
	return strcmp(x->task.task_id, y->task.task_id);
}

static int cmp_order(const void *a, const void *b)
{
	const held_task *x = a, *y = b;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* tasks each owner already marked done today (followup events) */
typedef struct {
	char *owner;
	long n;
} owner_done;

static int cmp_owner_done(const void *a, const void *b)
{
	return strcmp(((const owner_done *)a)->owner, ((const owner_done *)b)->owner);
}

/* sort and sum by owner; returns the number of distinct owners */
static size_t owner_done_merge(owner_done *d, size_t n)
{
	if (n == 0)
		return 0;
	qsort(d, n, sizeof *d, cmp_owner_done);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && strcmp(d[m - 1].owner, d[i].owner) == 0) {
			d[m - 1].n += d[i].n;
			free(d[i].owner);
		} else {
			d[m++] = d[i];
		}
	}
	return m;
}

static long owner_done_today(const owner_done *d, size_t n, const char *owner)
{
	if (n == 0)
		return 0;
	owner_done key = {.owner = (char *)owner};
	const owner_done *hit = bsearch(&key, d, n, sizeof *d, cmp_owner_done);
	return hit ? hit->n : 0;
}

/* T's due time moved on by DAYS days (keeping its time of day) */
static int64_t rolled_due(const fu_planner *p, const held_task *h, int64_t days)
{
	fu_dur one = {days, FU_DAY};
	return fu_sched_adjust(&p->timing, fu_sched_add(&p->timing, h->task.due, &one, 1, h->tz), h->tz);
}

/* Give each owner at most MAX tasks a day (days in $TZ), counting the tasks
 * already marked done today (DONE): in order of due time, the rest move on
 * to the next day with room, keeping their time of day.  A task is never
 * rolled to or past its expiry (due + expires): it goes to the last day
 * before that (over the cap if need be), else stays on its own day. */
static void cap_per_owner(fu_planner *p, held_task *h, size_t n, long max, const owner_done *done,
                          size_t ndone)
{
	if (n == 0) /* h may be NULL: nothing to sort (qsort wants a pointer) */
		return;
	qsort(h, n, sizeof *h, cmp_held);
	int64_t today = fu_local_day(p->now, NULL);
	const char *owner = NULL;
	int64_t day = 0;
	long used = 0, used_today = 0;
	for (size_t i = 0; i < n; i++) {
		fu_task *t = &h[i].task;
		if (t->state == FU_EXPIRED) /* not handed out: takes no room */
			continue;
		if (!owner || strcmp(owner, h[i].owner) != 0) {
			owner = h[i].owner;
			day = INT64_MIN;
			used = 0;
			used_today = owner_done_today(done, ndone, owner);
		}
		int64_t d = fu_local_day(t->due, NULL);
		if (d < today)
			d = today;
		if (d > day) {
			day = d;
			used = day == today ? used_today : 0;
		}
		while (used >= max || (p->timing.business_days && !fu_is_business_day(&p->timing, day))) {
			day++;
			used = 0;
		}
		int64_t due_day = fu_local_day(t->due, NULL);
		int64_t put = day; /* the day the task goes to */
		int64_t moved = 0;
		if (day > due_day && day > today) { /* rolled on: past today and past its own day */
			moved = rolled_due(p, &h[i], day - due_day);
			if (t->row->has_expires) {
				int64_t expiry = t->due + fu_dur_seconds(&t->row->expires);
				int64_t first = due_day > today ? due_day : today;
				while (moved >= expiry && --put > first) {
					if (p->timing.business_days && !fu_is_business_day(&p->timing, put))
						continue;
					moved = rolled_due(p, &h[i], put - due_day);
				}
				if (moved >= expiry) /* no day before it expires: stays put */
					put = first;
			}
		}
		if (put == day)
			used++; /* else over the cap of a day already full */
		if (put > due_day && put > today) {
			t->due = moved;
			int64_t wsec = fu_dur_seconds(&t->row->window);
			t->state = p->now < t->due ? FU_UPCOMING : p->now < t->due + wsec ? FU_DUE : FU_OVERDUE;
		}
	}
	qsort(h, n, sizeof *h, cmp_order);
}

/* ---- main ------------------------------------------------------------------- */

static void add_steps(fu_planner *p, const char *arg)
{
	char *copy = fu_xstrdup(arg), *save = NULL;
	for (char *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		p->steps = fu_xrealloc(p->steps, (p->nsteps + 1) * sizeof *p->steps);
		p->steps[p->nsteps++] = fu_xstrdup(s);
	}
	free(copy);
}

/* every --step names a step of the plan, else a usage error listing them */
static void check_steps(const fu_planner *p, const fu_cadence *cad)
{
	for (size_t s = 0; s < p->nsteps; s++) {
		size_t i;
		for (i = 0; i < cad->n && strcmp(cad->rows[i].step, p->steps[s]) != 0; i++)
			;
		if (i < cad->n)
			continue;
		fu_buf list = {0};
		for (i = 0; i < cad->n; i++) {
			size_t k;
			for (k = 0; k < i && strcmp(cad->rows[k].step, cad->rows[i].step) != 0; k++)
				;
			if (k == i)
				fu_buf_printf(&list, "%s%s", i ? ", " : "", cad->rows[i].step);
		}
		fu_usage_error("--step '%s': no such step in the plan (steps: %s)", p->steps[s], list.data);
	}
}

static int64_t parse_dur_opt(const char *opt, const char *arg)
{
	fu_dur d;
	const char *why;
	size_t pos;
	if (fu_dur_parse(arg, &d, &why, &pos) != 0)
		fu_usage_error("--%s '%s': %s", opt, arg, why);
	return fu_dur_seconds(&d);
}

int main(int argc, char **argv)
{
	fu_init("fu-schedule");
	const char *events = NULL, *cadence = NULL, *now_arg = NULL, *holidays = NULL,
	           *complex = NULL, *window = NULL, *rejects_path = NULL;
	int due_only = 0, ics = 0, excel = 0, print = 0;
	int64_t horizon = 30 * 86400, alarm = 15 * 60;
	long max_owner = 0;
	fu_planner p = {0};
	p.timing.win_start = p.timing.win_end = -1;
	int c;
	while ((c = getopt_long(argc, argv, "e:c:n:dH:s:bw:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': events = optarg; break;
		case 'c': cadence = optarg; break;
		case OPT_PRINT: print = 1; break;
		case 'n': now_arg = optarg; break;
		case 'd': due_only = 1; break;
		case 'H': horizon = parse_dur_opt("horizon", optarg); break;
		case 's': add_steps(&p, optarg); break;
		case OPT_MAXOWNER: {
			char *end;
			max_owner = strtol(optarg, &end, 10);
			if (end == optarg || *end || max_owner < 1 || max_owner > 1000000)
				fu_usage_error("--max-per-owner '%s': a count, 1 or more", optarg);
			break;
		}
		case 'b': p.timing.business_days = 1; break;
		case OPT_HOLIDAYS: holidays = optarg; break;
		case 'w': window = optarg; break;
		case OPT_COMPLEX: complex = optarg; break;
		case 'f':
			if (strcmp(optarg, "ics") == 0)
				ics = 1;
			else if (strcmp(optarg, "csv") != 0)
				fu_usage_error("--format '%s': csv or ics", optarg);
			break;
		case OPT_ALARM: alarm = parse_dur_opt("alarm", optarg); break;
		case OPT_EXCEL: excel = 1; break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case 'h': fputs(usage_text, stdout); return FU_EXIT_OK;
		case OPT_VERSION: fu_print_version();
		default: fu_usage_error("unknown option");
		}
	}
	if (optind + 1 < argc)
		fu_usage_error("one contacts file at most");
	if (print) {
		fputs(fu_default_cadence, stdout);
		return FU_EXIT_OK;
	}
	const char *why;
	if (fu_parse_now(now_arg, &p.now, &why) != 0)
		fu_usage_error("--now '%s': %s", now_arg, why);
	if (window && fu_window_parse(window, &p.timing.win_start, &p.timing.win_end) != 0)
		fu_usage_error("--window '%s': use HH:MM-HH:MM, start before end", window);
	if (complex) {
		char rwhy[160];
		size_t off;
		p.complex_re = fu_regex_compile(complex, strlen(complex), 1, rwhy, sizeof rwhy, &off);
		if (!p.complex_re)
			fu_usage_error("--complex: at %zu: %s", off + 1, rwhy);
	}
	p.limit = due_only ? p.now : p.now + horizon;

	int status = FU_EXIT_OK;
	fu_cadence cad;
	if (fu_cadence_load(&cad, cadence) != 0) {
		if (p.complex_re)
			fu_regex_free(p.complex_re);
		return FU_EXIT_USAGE;
	}
	p.cad = &cad;
	check_steps(&p, &cad);
	fu_holidays hol = {0};
	fu_eventdb db;
	fu_eventdb_init(&db, cad.types, cad.ntypes, p.now);
	p.db = &db;
	fu_rejects rej = {0};
	long nread = 0, nrejected = 0;
	fu_csv_reader *r = NULL;
	FILE *cfp = NULL;
	const char *cpath = NULL;
	fu_header hdr = {0};
	const char *name = NULL;
	if (rejects_path) {
		if (fu_rejects_open(&rej, rejects_path) != 0) {
			status = FU_EXIT_USAGE;
			goto done;
		}
		db.rejects = &rej;
	}
	if (holidays) {
		int bad = fu_holidays_load(&hol, holidays);
		if (bad < 0) {
			status = FU_EXIT_USAGE;
			goto done;
		}
		if (bad > 0)
			status = FU_EXIT_DATA;
		p.timing.holidays = &hol;
	}
	if (events && fu_eventdb_load(&db, events) != 0) {
		status = FU_EXIT_USAGE;
		goto done;
	}
	if (db.bad)
		status = FU_EXIT_DATA;

	cpath = optind < argc ? argv[optind] : "-";
	cfp = strcmp(cpath, "-") == 0 ? stdin : fopen(cpath, "rb");
	if (!cfp) {
		fu_warn("%s: %s", cpath, strerror(errno));
		status = FU_EXIT_USAGE;
		goto done;
	}
	r = fu_csv_open(cfp, cpath, ',');
	int got_header = fu_csv_read_header(r, &hdr);
	if (got_header != 0) {
		/* an empty input is bad input (exit 1), not a usage error */
		status = got_header > 0 ? FU_EXIT_DATA : FU_EXIT_USAGE;
		goto done;
	}
	name = fu_csv_name(r);
	if (fu_header_find(&hdr, "id") < 0 && fu_header_find(&hdr, "email") < 0) {
		fu_warn_at(name, 1, "contacts need an id or an email column");
		status = FU_EXIT_USAGE;
		goto done;
	}
	if (fu_plan_setup(&p, &hdr) != 0) {
		status = FU_EXIT_USAGE;
		goto done;
	}

	struct out o = {.ics = ics, .hdr = &hdr, .plan = &p, .now = p.now, .alarm_min = (long)(alarm / 60)};
	fu_csv_writer_init(&o.w, stdout, excel);
	out_header(&o);

	/* held rows for --max-per-owner */
	char ***rows = NULL;
	size_t *row_n = NULL, nrows = 0, rcap = 0;
	held_task *held = NULL;
	size_t nheld = 0, hcap = 0;
	owner_done *done = NULL;
	size_t ndone = 0, dcap = 0;
	long owner_col = fu_header_find(&hdr, "owner"), tz_col = fu_header_find(&hdr, "tz");
	/* expired tasks are listed (state expired), never handed out: not with
	 * --due, not in a calendar */
	int hide_expired = due_only || ics;
	long expired_left = 0;

	fu_record *rec;
	int rc;
	while ((rc = fu_csv_next(r, &rec)) == 1) {
		fu_record_check(rec, hdr.n);
		nread++;
		if (rec->error) {
			fu_warn_record(name, rec, "%s; contact left out", rec->error);
			fu_rejects_add(&rej, name, rec->line, rec->error, rec->raw, rec->raw_len);
			nrejected++;
			status = FU_EXIT_DATA;
			continue;
		}
		fu_task *tasks;
		const char *tz;
		size_t n = fu_plan_contact(&p, rec, name, &tasks, &tz);
		if (max_owner && p.done_today > 0) {
			if (ndone == dcap) {
				dcap = dcap ? dcap * 2 : 64;
				done = fu_xrealloc(done, dcap * sizeof *done);
			}
			done[ndone++] = (owner_done){
				.owner = fu_xstrdup(owner_col >= 0 && (size_t)owner_col < rec->nfields ? rec->fields[owner_col] : ""),
				.n = p.done_today};
		}
		if (!max_owner) {
			for (size_t i = 0; i < n; i++)
				if (tasks[i].state != FU_EXPIRED || !hide_expired)
					out_task(&o, rec->fields, rec->nfields, &tasks[i], tz);
				else
					expired_left++;
			continue;
		}
		if (n == 0)
			continue;
		if (nrows == rcap) {
			rcap = rcap ? rcap * 2 : 256;
			rows = fu_xrealloc(rows, rcap * sizeof *rows);
			row_n = fu_xrealloc(row_n, rcap * sizeof *row_n);
		}
		char **copy = fu_xmalloc(rec->nfields * sizeof *copy);
		for (size_t i = 0; i < rec->nfields; i++)
			copy[i] = fu_xstrndup(rec->fields[i], rec->lens[i]);
		rows[nrows] = copy;
		row_n[nrows] = rec->nfields;
		for (size_t i = 0; i < n; i++) {
			if (nheld == hcap) {
				hcap = hcap ? hcap * 2 : 256;
				held = fu_xrealloc(held, hcap * sizeof *held);
			}
			held[nheld] = (held_task){.contact = nrows, .task = tasks[i],
			                          .tz = tz && tz_col >= 0 ? copy[tz_col] : NULL,
			                          .owner = owner_col >= 0 ? copy[owner_col] : "",
			                          .order = (int64_t)nheld};
			nheld++;
		}
		nrows++;
	}
	if (rc < 0)
		status = FU_EXIT_USAGE;
	if (max_owner) {
		ndone = owner_done_merge(done, ndone);
		cap_per_owner(&p, held, nheld, max_owner, done, ndone);
		for (size_t i = 0; i < ndone; i++)
			free(done[i].owner);
		free(done);
		for (size_t i = 0; i < nheld; i++)
			if (held[i].task.state == FU_EXPIRED && hide_expired)
				expired_left++;
			else if (held[i].task.due <= p.limit)
				out_task(&o, rows[held[i].contact], row_n[held[i].contact], &held[i].task, held[i].tz);
		for (size_t i = 0; i < nrows; i++) {
			for (size_t k = 0; k < row_n[i]; k++)
				free(rows[i][k]);
			free(rows[i]);
		}
		free(rows);
		free(row_n);
		free(held);
	}
	out_end(&o);

	long uc, ue;
	fu_eventdb_unmatched(&db, &uc, &ue);
	if (p.errors && status != FU_EXIT_USAGE)
		status = FU_EXIT_DATA;
	if (rejects_path && fu_rejects_close(&rej) != 0)
		status = FU_EXIT_USAGE;
	/* the counts add up: contacts read = planned + rejected; events read =
	 * used + for contacts not in the input + after --now + rejected */
	char wrote[96];
	if (o.expired)
		snprintf(wrote, sizeof wrote, "wrote %ld tasks (%ld expired)", o.written, o.expired);
	else if (expired_left)
		snprintf(wrote, sizeof wrote, "wrote %ld tasks, left out %ld expired", o.written, expired_left);
	else
		snprintf(wrote, sizeof wrote, "wrote %ld tasks", o.written);
	if (events)
		fu_warn("read %ld contacts, rejected %ld, %s; events: read %ld = used %ld"
		        " + %ld for %ld contacts not in the input + %ld after --now + %ld rejected",
		        nread, nrejected, wrote, db.events + db.future + db.bad, db.events - ue, ue, uc,
		        db.future, db.bad);
	else
		fu_warn("read %ld contacts, rejected %ld, %s", nread, nrejected, wrote);
done:
	fu_rejects_abort(&rej); /* after a committed report, only frees */
	fu_header_free(&hdr);
	if (r)
		fu_csv_close(r);
	if (cfp && cfp != stdin)
		fclose(cfp);
	fu_plan_free(&p);
	fu_eventdb_free(&db);
	fu_cadence_free(&cad);
	for (size_t i = 0; i < p.nsteps; i++)
		free(p.steps[i]);
	free(p.steps);
	free(hol.days);
	if (p.complex_re)
		fu_regex_free(p.complex_re);
	return status;
}

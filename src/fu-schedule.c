/* fu-schedule — the follow-up plan: what is due, for whom, when and why.
 * Contacts on stdin, events by --events; one task row per step due.
 * The flow is main's, at the end; the options table and the opening and
 * closing of the inputs come first. */
#include "fu.h"
#include "lib/cadence.h"
#include "lib/evfacts.h"
#include "lib/handout.h"
#include "lib/people.h"
#include "lib/plan.h"
#include "lib/reader.h"
#include "lib/sched.h"
#include "lib/taskout.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"Usage: fu-schedule [OPTION]... [CONTACTS.csv]\n"
	"Turn contacts (stdin) and their events into follow-up tasks: what is due,\n"
	"for whom, when and why.  Output: the contact's columns, then\n"
	"task_id,step,due,state,channel,template,anchor,item,reason,kind.\n"
	"\n"
	"  -e, --events FILE        the events log (contact_id,when,type,value,item,note);\n"
	"                           repeat for more logs: all are read\n"
	"  -c, --cadence FILE       the plan to follow instead of the default one\n"
	"      --print-cadence      write the default plan as a cadence CSV and exit\n"
	"  -n, --now WHEN           the time to plan at (date or date-time; default: now)\n"
	"  -d, --due                only tasks due at --now, while the contact's send\n"
	"                           window is open (the cron case)\n"
	"      --interval DUR       with --due: the time between runs (cron's period);\n"
	"                           a task that fell due since the last run while its\n"
	"                           contact's window was open goes out at a run in\n"
	"                           the minute the window closes\n"
	"  -H, --horizon DUR        tasks due up to DUR after --now (default 30d)\n"
	"  -s, --step NAME          only this step of the plan (repeat, or a list a,b)\n"
	"      --max-per-contact N  at most N e-mails a contact a local day (default 1;\n"
	"                           0: no limit); the rest roll on\n"
	"      --max-per-owner N    at most N of a person's tasks (calls: not e-mails)\n"
	"                           per owner a day; the rest roll on\n"
	"  -b, --business-days      move due times off weekends and holidays\n"
	"      --holidays [SCOPE=]FILE  a CSV with a date column: days that are not\n"
	"                           business days, for everybody or, with a country or\n"
	"                           tz column or SCOPE (FI, America/New_York), for the\n"
	"                           contacts there (repeat: the days of every file)\n"
	"      --weekend [SCOPE=]DAYS  the days off (fri,sat; none) for everybody or\n"
	"                           the contacts of a country or zone (IL=fri,sat);\n"
	"                           default: the country's (Friday-Saturday in IL, SA\n"
	"                           ...), else Saturday-Sunday\n"
	"  -w, --window HH:MM-HH:MM send window in the contact's time zone\n"
	"      --complex REGEX      purchases of items matching REGEX are complex products\n"
	"  -f, --format FORMAT      csv (default) or ics\n"
	"      --alarm DUR          ics: reminder this long before each task (default 15m)\n"
	"      --previous FILE      ics: the last export; its tasks no longer planned\n"
	"                           are written once more, cancelled\n"
	"      --excel-safe         neutralise cells starting with = + - @ TAB CR\n"
	"      --rejects FILE       write the rows left out (contacts, events) to FILE\n"
	FU_COMMON_HELP
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n"
	"\n"
	"Exit status: 0 done, 1 input had errors (each reported), 2 usage error or\n"
	"unreadable file.  See fu-schedule(1).\n";

enum { OPT_PRINT = 256, OPT_MAXOWNER, OPT_MAXCONTACT, OPT_HOLIDAYS, OPT_COMPLEX, OPT_ALARM, OPT_EXCEL,
       OPT_REJECTS, OPT_INTERVAL, OPT_WEEKEND, OPT_PREVIOUS };

static const struct option longopts[] = {
	{"events", required_argument, NULL, 'e'},
	{"cadence", required_argument, NULL, 'c'},
	{"print-cadence", no_argument, NULL, OPT_PRINT},
	{"now", required_argument, NULL, 'n'},
	{"due", no_argument, NULL, 'd'},
	{"interval", required_argument, NULL, OPT_INTERVAL},
	{"horizon", required_argument, NULL, 'H'},
	{"step", required_argument, NULL, 's'},
	{"max-per-contact", required_argument, NULL, OPT_MAXCONTACT},
	{"max-per-owner", required_argument, NULL, OPT_MAXOWNER},
	{"business-days", no_argument, NULL, 'b'},
	{"holidays", required_argument, NULL, OPT_HOLIDAYS},
	{"weekend", required_argument, NULL, OPT_WEEKEND},
	{"window", required_argument, NULL, 'w'},
	{"complex", required_argument, NULL, OPT_COMPLEX},
	{"format", required_argument, NULL, 'f'},
	{"alarm", required_argument, NULL, OPT_ALARM},
	{"previous", required_argument, NULL, OPT_PREVIOUS},
	{"excel-safe", no_argument, NULL, OPT_EXCEL},
	{"rejects", required_argument, NULL, OPT_REJECTS},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	FU_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0},
};

typedef struct {
	fu_strlist events, holidays; /* each file given is read */
	fu_strlist weekends;         /* --weekend, in order */
	const char *cadence, *rejects, *contacts;
	int due_only, ics, excel;
	long alarm_min, max_owner, max_contact;
	const char *previous; /* ics: the last export, for the tasks that left the plan since */
	int64_t interval; /* --interval: seconds since the last --due run, 0: not given */
	fu_planner plan;
} sched_opts;

static void add_steps(fu_planner *p, const char *arg)
{
	char *copy = fu_xstrdup(arg), *save = NULL;
	for (char *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		p->steps = fu_xrealloc(p->steps, (p->nsteps + 1) * sizeof *p->steps);
		p->steps[p->nsteps++] = fu_xstrdup(s);
	}
	free(copy);
}


/* a span of the clock (--alarm, --interval): business days mean nothing
 * for it, and more than MAX_WEEKS is a slip of extra digits (trials10b/09) */
static int64_t parse_clock_opt(const char *opt, const char *arg, long max_weeks)
{
	fu_dur d;
	const char *why;
	size_t pos;
	if (fu_dur_parse(arg, &d, &why, &pos) != 0)
		fu_usage_error("--%s '%s': %s", opt, arg, why);
	if (d.unit == FU_BDAY)
		fu_usage_error("--%s '%s': in minutes, hours, days or weeks (business days do not apply)", opt, arg);
	int64_t sec = fu_dur_seconds(&d);
	if (d.n > max_weeks * 7 * 24 * 60 || sec > (int64_t)max_weeks * 7 * 86400)
		fu_usage_error("--%s '%s': at most %ldw", opt, arg, max_weeks);
	return sec;
}

static long parse_count(const char *opt, const char *arg, long min)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (end == arg || *end || n < min || n > 1000000)
		fu_usage_error("--%s '%s': a count, %ld or more", opt, arg, min);
	return n;
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

static void sched_parse_options(sched_opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof *o);
	fu_planner *p = &o->plan;
	p->timing.win_start = p->timing.win_end = -1;
	p->since = INT64_MIN;
	o->max_contact = 1;
	o->alarm_min = 15;
	const char *now_arg = NULL, *window = NULL, *complex = NULL;
	int64_t horizon = 30 * 86400;
	int print = 0, c;
	while ((c = getopt_long(argc, argv, "e:c:n:dH:s:bw:f:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': fu_strlist_add(&o->events, optarg); break;
		case 'c': o->cadence = optarg; break;
		case OPT_PRINT: print = 1; break;
		case 'n': now_arg = optarg; break;
		case 'd': o->due_only = 1; break;
		case OPT_INTERVAL: o->interval = parse_clock_opt("interval", optarg, 4); break;
		case 'H': horizon = fu_dur_option("--horizon", optarg, 0, 0, NULL); break;
		case 's': add_steps(p, optarg); break;
		case OPT_MAXOWNER: o->max_owner = parse_count("max-per-owner", optarg, 1); break;
		case OPT_MAXCONTACT: o->max_contact = parse_count("max-per-contact", optarg, 0); break;
		case 'b': p->timing.business_days = 1; break;
		case OPT_HOLIDAYS: fu_strlist_add(&o->holidays, optarg); break;
		case OPT_WEEKEND: {
			fu_holidays check = {0};
			const char *why;
			if (fu_holidays_weekend(&check, optarg, &why) != 0)
				fu_usage_error("--weekend '%s': %s", optarg, why);
			fu_holidays_free(&check);
			fu_strlist_add(&o->weekends, optarg);
			break;
		}
		case 'w': window = optarg; break;
		case OPT_COMPLEX: complex = optarg; break;
		case 'f':
			if (strcmp(optarg, "ics") == 0)
				o->ics = 1;
			else if (strcmp(optarg, "csv") != 0)
				fu_usage_error("--format '%s': csv or ics", optarg);
			break;
		case OPT_PREVIOUS: o->previous = optarg; break;
		case OPT_ALARM: o->alarm_min = (long)(parse_clock_opt("alarm", optarg, 4) / 60); break;
		case OPT_EXCEL: o->excel = 1; break;
		case OPT_REJECTS: o->rejects = optarg; break;
		case 'h': fputs(usage_text, stdout); exit(FU_EXIT_OK);
		case 'V': fu_print_version();
		default:
			if (!fu_common_option(c))
				fu_usage_error("unknown option");
		}
	}
	if (optind + 1 < argc)
		fu_usage_error("one contacts file at most");
	if (o->interval && !o->due_only)
		fu_usage_error("--interval is the time between --due runs: give it with --due");
	if (o->previous && !o->ics)
		fu_usage_error("--previous is an earlier calendar: give it with --format ics");
	if (o->ics && fu_common.jsonl)
		fu_usage_error("--format ics writes a calendar, not CSV: --ojsonl does not apply");
	o->contacts = optind < argc ? argv[optind] : "-";
	if (print) {
		fputs(fu_default_cadence, stdout);
		exit(FU_EXIT_OK);
	}
	const char *why;
	if (fu_parse_now(now_arg, &p->now, &why) != 0)
		fu_usage_error("--now '%s': %s", now_arg, why);
	if (window && fu_window_parse(window, &p->timing.win_start, &p->timing.win_end) != 0)
		fu_usage_error("--window '%s': use HH:MM-HH:MM, start before end", window);
	if (complex) {
		char rwhy[160];
		size_t off;
		p->complex_re = fu_regex_compile(complex, strlen(complex), 1, rwhy, sizeof rwhy, &off);
		if (!p->complex_re)
			fu_usage_error("--complex: at %zu: %s", off + 1, rwhy);
	}
	/* --due hands out what is due by --now, but plans the rest of the
	 * contact's day too (a local day ends at most 25 hours after --now):
	 * a thank-you due this afternoon takes the day's one e-mail before a
	 * check-in due this morning, as in the plan, so a run at 10:00 does not
	 * send the check-in and push the thank-you to tomorrow */
	p->limit = o->due_only ? p->now + 26 * 3600 : p->now + horizon;
	p->name_quiet = !o->due_only; /* the plan a person reads; a cron log gets the count */
	if (p->limit > FU_TIME_LAST) { /* a due time in the year 10000 cannot be written */
		if (!o->due_only)
			fu_warn("--horizon: the plan ends at 9999-12-30T23:59:59Z (later times cannot be written in "
			        "every zone); tasks due after it are left out");
		p->limit = FU_TIME_LAST;
	}
	p->handout = o->due_only && p->now < p->limit ? p->now : p->limit;
	if (o->ics) /* a calendar keeps what was done or expired lately, updated */
		p->since = p->now - horizon;
}

/* ---- the inputs ------------------------------------------------------------ */

typedef struct {
	fu_cadence cad;
	fu_holidays hol;
	fu_eventdb db;
	fu_rejects rej;
	fu_reader contacts;
	fu_prev_ics previous; /* --previous */
	int opened; /* what to close: 1 cadence, 2 + store, 3 + contacts */
} sched_inputs;

/* Open the plan, the holidays, the events and the contacts; FU_EXIT_USAGE
 * when one cannot be read (reported), FU_EXIT_DATA for an empty contacts
 * input, else FU_EXIT_OK. */
static int sched_open(sched_opts *o, sched_inputs *in)
{
	fu_planner *p = &o->plan;
	memset(in, 0, sizeof *in);
	if (fu_cadence_load(&in->cad, o->cadence) != 0)
		return FU_EXIT_USAGE;
	in->opened = 1;
	p->cad = &in->cad;
	check_steps(p, &in->cad);
	fu_eventdb_init(&in->db, in->cad.types, in->cad.ntypes, p->now);
	/* a purchase another log had already is read once, and so is one order
	 * written twice in one log (fu_store_opts.once_across_logs) */
	fu_eventdb_keep(&in->db, &(fu_store_opts){.recent_purchases = in->cad.purchase_reach, .strict_types = 1,
	                                          .once_across_logs = 2,
	                                          .nlogs = o->events.n});
	p->db = &in->db;
	in->opened = 2;
	if (o->rejects) {
		if (fu_rejects_open(&in->rej, o->rejects) != 0)
			return FU_EXIT_USAGE;
		in->db.rejects = &in->rej;
	}
	for (size_t i = 0; i < o->holidays.n; i++) /* every calendar's days are holidays */
		if (fu_holidays_load(&in->hol, o->holidays.v[i]) != 0)
			return FU_EXIT_USAGE;
	for (size_t i = 0; i < o->weekends.n; i++) {
		const char *why;
		if (fu_holidays_weekend(&in->hol, o->weekends.v[i], &why) != 0) /* checked when parsed */
			return FU_EXIT_USAGE;
	}
	p->timing.holidays = &in->hol; /* with none, still each country's weekend */
	const char *why;
	if (o->previous && fu_prev_ics_read(&in->previous, o->previous, &why) != 0) {
		fu_warn("%s: %s", fu_input_name(o->previous), why);
		return FU_EXIT_USAGE;
	}
	if (in->previous.skipped)
		fu_warn("note: %s: %ld events that are no fu-schedule task (no task UID or DTSTART) left as they are",
		        fu_input_name(o->previous), in->previous.skipped);
	for (size_t i = 0; i < o->events.n; i++) /* every log: orders, done marks ... */
		if (fu_eventdb_load(&in->db, o->events.v[i]) != 0)
			return FU_EXIT_USAGE;
	int got = fu_reader_open_contacts(&in->contacts, o->contacts, "contacts", o->rejects ? &in->rej : NULL);
	if (got != 0) /* an empty input is bad input (exit 1), not a usage error */
		return got > 0 ? FU_EXIT_DATA : FU_EXIT_USAGE;
	in->opened = 3;
	in->contacts.bad_format = "%s; contact left out";
	return fu_plan_setup(p, &in->contacts.hdr) != 0 ? FU_EXIT_USAGE : FU_EXIT_OK;
}

/* A buyer in the log but not in the contacts (a first order that reached
 * the orders export before the customer reached the CRM export) gets no
 * follow-up: name each whose latest purchase is still within an order's
 * follow-up (the plan's order reach), so the shop can add it, instead of a
 * count alone. */
static void warn_buyers_not_in_contacts(const sched_opts *o, const sched_inputs *in)
{
	const fu_eventdb *db = &in->db;
	const char *file = o->events.n == 1 ? fu_input_name(o->events.v[0]) : NULL;
	int64_t since = o->plan.now - in->cad.order_reach;
	static const char kind[] = "buyer not in the contacts";
	long n = 0;
	for (size_t i = 0; i < db->n; i++) {
		const fu_facts *f = &db->f[i];
		if (f->matched || !f->count[FU_EV_PURCHASE] || f->last_purchase < since)
			continue;
		fu_warn_capped(kind, file, 0, 0,
		               "%s bought in the last %ld days but is not in the contacts: the order is not"
		               " followed up (add the buyer to the contacts input)",
		               fu_eventdb_key(db, f), (long)((in->cad.order_reach + 86399) / 86400));
		n++;
	}
	if (n)
		fu_warn_caps_flush(file);
}

/* A holidays file made for a year says nothing of the next: when the plan
 * reaches past a file's last day (for a scope of its own, that scope's),
 * days after it are taken as business days, so say so once a file, naming
 * its last year (trial 6/20 item 6). */
static void note_holidays_end(const sched_opts *o, const sched_inputs *in)
{
	int64_t plan_end = fu_local_day(o->plan.handout, NULL);
	char last[16], end[16];
	fu_format_date(plan_end, end, sizeof end);
	for (size_t i = 0; i < in->hol.nends; i++) {
		const fu_holiday_end *e = &in->hol.ends[i];
		if (e->last_day >= plan_end)
			continue;
		fu_format_date(e->last_day, last, sizeof last);
		fu_warn("note: %s%s%s end%s %s (its last year is %.4s) but the plan runs to %s: later days "
		        "count as business days; add the holidays after it", e->file,
		        e->scope[0] ? "'s days for " : "", e->scope, e->scope[0] ? "" : "s", last, last, end);
	}
}

/* Calendars given for some countries only: name the countries of the
 * contacts none of them reached (Åland under FI= was one, trials9b/06), so
 * the shop can add theirs instead of mailing on their holidays. */
static void note_holidays_uncovered(const sched_inputs *in)
{
	fu_buf list = {0};
	if (fu_holidays_uncovered(&in->hol, &list)) {
		/* the first one as the example: a country's code, else its zone */
		int code = list.data[2] == ' ';
		size_t n = code ? 2 : strcspn(list.data, ", ");
		fu_warn("note: no holidays calendar holds for the contacts in %s: only their weekends are "
		        "not business days (add a calendar for them: --holidays %.*s=FILE)",
		        list.data, (int)n, list.data);
	}
	fu_buf_free(&list);
}

/* The counts add up: contacts read = planned + rejected; events read =
 * used + for contacts not in the input + after --now + rejected. */
static void sched_summary(const sched_opts *o, sched_inputs *in, const fu_taskout *out, long held,
                          long expired_left, int write_failed)
{
	fu_buf wrote = {0};
	if (write_failed) /* the summary claims no rows the disk refused */
		fu_buf_printf(&wrote, "not written (write error: %ld tasks)", out->written);
	else
		fu_buf_printf(&wrote, "wrote %ld tasks", out->written);
	if (out->expired || out->done) {
		fu_buf_adds(&wrote, " (");
		if (out->expired)
			fu_buf_printf(&wrote, "%ld expired", out->expired);
		if (out->done)
			fu_buf_printf(&wrote, "%s%ld done", out->expired ? ", " : "", out->done);
		fu_buf_adds(&wrote, ")");
	}
	if (out->by_phone)
		fu_buf_printf(&wrote, ", %ld of them calls for e-mails (no e-mail address)", out->by_phone);
	if (out->by_email)
		fu_buf_printf(&wrote, ", %ld of them e-mails for calls (do_not_call)", out->by_email);
	if (out->left)
		fu_buf_printf(&wrote, ", cancelled %ld of --previous no longer planned", out->left);
	if (expired_left)
		fu_buf_printf(&wrote, ", left out %ld expired", expired_left);
	if (o->plan.no_call_left)
		fu_buf_printf(&wrote, ", left out %ld calls (do_not_call, no e-mail to send instead)",
		              o->plan.no_call_left);
	if (o->plan.no_phone_left)
		fu_buf_printf(&wrote, ", left out %ld calls and texts (no phone)", o->plan.no_phone_left);
	if (o->plan.sms_out_left)
		fu_buf_printf(&wrote, ", left out %ld marketing text step%s (sms_unsubscribed: no to texts)",
		              o->plan.sms_out_left, o->plan.sms_out_left == 1 ? "" : "s");
	if (o->plan.no_email_left)
		fu_buf_printf(&wrote, ", left out %ld e-mails (no e-mail address)", o->plan.no_email_left);
	if (o->plan.quiet_left)
		fu_buf_printf(&wrote, ", left out %ld covered by an earlier order's (quiet)", o->plan.quiet_left);
	if (o->plan.cooldown_left)
		fu_buf_printf(&wrote, ", left out %ld marked done lately (the step's quiet)", o->plan.cooldown_left);
	if (held)
		fu_buf_printf(&wrote, ", held %ld (send window, daily caps)", held);
	long uc, ue;
	fu_eventdb_unmatched(&in->db, &uc, &ue);
	const fu_eventdb *db = &in->db;
	fu_buf repeated = {0}; /* one order in two logs, or twice in one: read once */
	fu_eventdb_repeated_words(db, &repeated);
	if (o->events.n)
		fu_warn("read %ld contacts, rejected %ld, %s; events: read %ld = used %ld"
		        " + %ld for %ld contacts not in the input + %ld after --now + %ld rejected%s",
		        in->contacts.n.read, in->contacts.n.rejected, wrote.data,
		        db->events + db->future + db->bad + db->repeated + db->repeated_within, db->events - ue, ue,
		        uc, db->future, db->bad, repeated.data);
	else
		fu_warn("read %ld contacts, rejected %ld, %s", in->contacts.n.read, in->contacts.n.rejected,
		        wrote.data);
	fu_buf_free(&repeated);
	fu_buf_free(&wrote);
}

static int sched_close(sched_opts *o, sched_inputs *in, int status)
{
	fu_planner *p = &o->plan;
	if (in->opened >= 3)
		fu_reader_close(&in->contacts);
	if (o->rejects && status != FU_EXIT_USAGE && fu_rejects_close(&in->rej) != 0)
		status = FU_EXIT_USAGE;
	fu_rejects_abort(&in->rej); /* after a committed report, only frees */
	fu_plan_free(p);
	if (in->opened >= 2)
		fu_eventdb_free(&in->db);
	fu_cadence_free(&in->cad);
	for (size_t i = 0; i < p->nsteps; i++)
		free(p->steps[i]);
	free(p->steps);
	fu_holidays_free(&in->hol);
	fu_prev_ics_free(&in->previous);
	fu_strlist_free(&o->events);
	fu_strlist_free(&o->holidays);
	fu_strlist_free(&o->weekends);
	if (p->complex_re)
		fu_regex_free(p->complex_re);
	return status;
}

/* ---- main --------------------------------------------------------------------- */

/* --max-per-owner needs every contact's tasks before it hands any out: the
 * rows and their tasks are held */
typedef struct {
	char ***rows;
	size_t *width, nrows, rcap;
	fu_held *tasks;
	size_t n, cap;
	fu_owner_done *done;
	size_t ndone, dcap;
} held_rows;

static void hold(held_rows *h, const fu_record *rec, const fu_task *t, size_t n, const char *tz,
                 long tz_col, long owner_col, long done_today)
{
	const char *owner = owner_col >= 0 ? rec->fields[owner_col] : "";
	if (done_today) {
		if (h->ndone == h->dcap) {
			h->dcap = h->dcap ? h->dcap * 2 : 64;
			h->done = fu_xrealloc(h->done, h->dcap * sizeof *h->done);
		}
		h->done[h->ndone++] = (fu_owner_done){fu_xstrdup(owner), done_today};
	}
	if (n == 0)
		return;
	if (h->nrows == h->rcap) {
		h->rcap = h->rcap ? h->rcap * 2 : 256;
		h->rows = fu_xrealloc(h->rows, h->rcap * sizeof *h->rows);
		h->width = fu_xrealloc(h->width, h->rcap * sizeof *h->width);
	}
	char **copy = fu_xmalloc((rec->nfields + 1) * sizeof *copy);
	for (size_t i = 0; i < rec->nfields; i++)
		copy[i] = fu_xstrndup(rec->fields[i], rec->lens[i]);
	h->rows[h->nrows] = copy;
	h->width[h->nrows] = rec->nfields;
	for (size_t i = 0; i < n; i++) {
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 256;
			h->tasks = fu_xrealloc(h->tasks, h->cap * sizeof *h->tasks);
		}
		h->tasks[h->n] = (fu_held){.contact = h->nrows, .task = t[i], .order = (int64_t)h->n,
		                           .tz = tz && tz_col >= 0 ? copy[tz_col] : NULL,
		                           .owner = owner_col >= 0 ? copy[owner_col] : ""};
		h->n++;
	}
	h->nrows++;
}

static void held_free(held_rows *h)
{
	for (size_t i = 0; i < h->nrows; i++) {
		for (size_t k = 0; k < h->width[i]; k++)
			free(h->rows[i][k]);
		free(h->rows[i]);
	}
	free(h->rows);
	free(h->width);
	free(h->tasks);
	for (size_t i = 0; i < h->ndone; i++)
		free((char *)h->done[i].owner);
	free(h->done);
}

/* Names, for each owner, the tasks --max-per-owner left expired (no day
 * with room before they expire): a call that will not be made is said, not
 * only counted. */
static void note_capped(const held_rows *h, long max)
{
	fu_map owners;
	fu_map_init(&owners);
	long *count = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (!h->tasks[i].capped)
			continue;
		const char *owner = h->tasks[i].owner;
		int added;
		size_t k = fu_map_put(&owners, owner, strlen(owner), &added);
		if (k == cap) {
			cap = cap ? 2 * cap : 8;
			count = fu_xrealloc(count, cap * sizeof *count);
		}
		count[k] = added ? 1 : count[k] + 1;
	}
	for (size_t k = 0; k < fu_map_count(&owners); k++)
		fu_warn("note: %ld task%s of owner \"%.80s\" left expired: --max-per-owner %ld has no room for %s "
		        "before %s expire%s",
		        count[k], count[k] == 1 ? "" : "s", fu_map_key(&owners, k), max, count[k] == 1 ? "it" : "them",
		        count[k] == 1 ? "it" : "they", count[k] == 1 ? "s" : "");
	free(count);
	fu_map_free(&owners);
}

/* The contact's window is closed at --now: with --interval, when the run
 * falls in the minute the window closed, the tasks that fell due since the
 * last run while the window was open still go out (a lead created at 16:40,
 * due 16:45, at the 17:00 run: the run at 16:30 was too early, and the
 * window closes at 17:00); the rest are held.  A later run holds them
 * too: an hourly cron on the hour is at 17:30 in Kolkata, and a message
 * then is outside the window the contact was promised (trials10/17).
 * Returns how many of T go out (moved to its front). */
static size_t caught_up(const sched_opts *o, fu_task *t, size_t n, const char *tz, long *held)
{
	const fu_planner *p = &o->plan;
	int closing = o->interval && fu_sched_open(&p->timing, p->now - 60, tz);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (closing && t[i].due > p->now - o->interval && t[i].due <= p->now &&
		    fu_sched_open(&p->timing, t[i].due, tz))
			t[kept++] = t[i];
		else if (t[i].due <= p->now) /* (one due later is not held: not due yet) */
			(*held)++;
	}
	return kept;
}

/* a task goes out when it is due by the hand-out limit (--now with --due)
 * and not expired (expired ones are listed in a CSV plan, and in a calendar
 * when they expired lately); one a cap rolled past it is held, one planned
 * after it (--due: later in the contact's day, there for the caps) is not
 * due yet */
static int goes_out(const sched_opts *o, const fu_task *t, long *held, long *expired_left)
{
	if (t->state == FU_EXPIRED && o->due_only) {
		if (t->planned <= o->plan.handout)
			(*expired_left)++;
		return 0;
	}
	if (t->due > o->plan.handout && t->state != FU_DONE) {
		if (t->planned <= o->plan.handout)
			(*held)++; /* rolled on by a cap */
		return 0;
	}
	return 1;
}

/* --max-per-contact counts per address too: the e-mails an address had
 * today through earlier rows (their marks today and what they are handed
 * now), so that two contacts sharing one (a household, info@) do not get
 * two e-mails in one day (trial 4 finding 12).  Only addresses with an
 * e-mail today are kept. */
typedef struct {
	fu_map index; /* lower-cased address -> emails[] */
	long *emails;
	size_t cap;
	fu_buf low;
} address_days;

static long *address_today(address_days *a, const char *email, size_t n, int add)
{
	fu_buf_clear(&a->low);
	fu_buf_add(&a->low, email, n);
	fu_ascii_lower(a->low.data, n);
	if (!add) {
		long k = fu_map_get(&a->index, a->low.data, n);
		return k < 0 ? NULL : &a->emails[k];
	}
	int added;
	size_t k = fu_map_put(&a->index, a->low.data, n, &added);
	if (k == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->emails = fu_xrealloc(a->emails, a->cap * sizeof *a->emails);
	}
	if (added)
		a->emails[k] = 0;
	return &a->emails[k];
}

/* the contact's e-mails today: marked done, or handed out today */
static long emails_today(const sched_opts *o, const fu_task *t, size_t n, const char *tz, long marked)
{
	int64_t today = fu_local_day(o->plan.now, tz);
	for (size_t i = 0; i < n; i++)
		marked += t[i].state <= FU_UPCOMING && strcmp(t[i].channel, "email") == 0 &&
		          t[i].due <= o->plan.limit && fu_local_day(t[i].due, tz) == today;
	return marked;
}

/* An opt-out is the address's (fu(7), Consent): the list's opted-out
 * addresses, lower-cased, so that a later contact sharing one (a
 * household's, info@) is planned unsubscribed too */
typedef struct {
	fu_map index; /* lower-cased address -> at[] */
	size_t *at, cap;
	fu_buf text; /* each one's unsubscribed value, NUL-terminated */
	fu_buf low, cell;
} address_optouts;

/* REC, with an e-mail (column C_EMAIL) another contact's row has had when
 * SHARED (its line): when its unsubscribed (column COL) opts out, the
 * address's opt-out from now on (and a warning when an earlier contact there
 * was planned without it); when it says nothing and shares the address, the
 * address's opt-out given before is its own */
static void shared_optout(address_optouts *a, fu_planner *p, fu_record *rec, long col, long c_email,
                          long shared, const char *file)
{
	if (col < 0 || (size_t)col >= rec->nfields)
		return;
	fu_buf_clear(&a->low);
	fu_buf_add(&a->low, rec->fields[c_email], rec->lens[c_email]);
	fu_ascii_lower(a->low.data, a->low.len);
	long x = fu_map_get(&a->index, a->low.data, a->low.len);
	if (fu_unsubscribed_word(rec->fields[col]) != FU_UNSUB_NO) {
		if (x >= 0)
			return;
		if (shared) {
			fu_warn_at(file, rec->line, "e-mail %s opted out here, but the contact of line %ld "
			           "at the same address was planned before with marketing: an opt-out is the "
			           "address's (fu(7), Consent); put it on every contact there (fu-import "
			           "does), or list this one first, and plan again", a->low.data, shared);
			p->errors++;
		}
		int added;
		size_t k = fu_map_put(&a->index, a->low.data, a->low.len, &added);
		if (k >= a->cap) {
			a->cap = a->cap ? 2 * a->cap : 16;
			a->at = fu_xrealloc(a->at, a->cap * sizeof *a->at);
		}
		a->at[k] = a->text.len;
		fu_buf_add(&a->text, rec->fields[col], rec->lens[col]);
		fu_buf_addc(&a->text, '\0');
		return;
	}
	if (x < 0 || !shared)
		return;
	fu_buf_clear(&a->cell);
	fu_buf_adds(&a->cell, a->text.data + a->at[x]);
	rec->fields[col] = a->cell.data;
	rec->lens[col] = a->cell.len;
}

int main(int argc, char **argv)
{
	fu_init("fu-schedule");
	sched_opts o;
	sched_parse_options(&o, argc, argv);
	fu_planner *p = &o.plan;
	sched_inputs in;
	int status = sched_open(&o, &in);
	if (status != FU_EXIT_OK)
		return sched_close(&o, &in, status);
	note_holidays_end(&o, &in);
	fu_taskout out = {.ics = o.ics, .alarm_min = o.alarm_min, .now = p->now, .hdr = &in.contacts.hdr, .plan = p,
	                  .previous = o.previous ? &in.previous : NULL, .since = p->since};
	fu_taskout_begin(&out, stdout, o.excel);
	held_rows h = {0};
	long owner_col = fu_reader_col(&in.contacts, "owner"), tz_col = fu_reader_col(&in.contacts, "tz");
	long held = 0, expired_left = 0;
	fu_people seen = {0};
	address_days addr = {0};
	address_optouts optouts = {0};
	long c_unsub = fu_reader_col(&in.contacts, "unsubscribed");
	long c_id = fu_reader_col(&in.contacts, "id"), c_email = fu_reader_col(&in.contacts, "email");
	fu_record *rec;
	int rc;
	while ((rc = fu_reader_next(&in.contacts, &rec)) == 1) {
		fu_task *t;
		size_t n;
		const char *tz;
		size_t idlen = c_id >= 0 ? rec->lens[c_id] : 0;
		size_t maillen = c_email >= 0 ? rec->lens[c_email] : 0;
		/* the join by id below misses the cache twice (key table, facts):
		 * fetched while the duplicate check waits for its own misses */
		if (idlen)
			fu_eventdb_prefetch(&in.db, rec->fields[c_id], idlen, 0);
		long shared, first = fu_people_seen(&seen, idlen ? rec->fields[c_id] : "", idlen,
		                                    maillen ? rec->fields[c_email] : "", maillen, rec->line, &shared);
		if (first) { /* one person, planned once: the first row wins */
			fu_reader_reject(&in.contacts, rec, "duplicate contact",
			                 "duplicate of line %ld (same id, or same e-mail and no id of its own)", first);
			continue;
		}
		if (idlen)
			fu_eventdb_prefetch(&in.db, rec->fields[c_id], idlen, 1);
		p->shared_address = shared != 0;
		if (maillen && c_unsub >= 0)
			shared_optout(&optouts, p, rec, c_unsub, c_email, shared, in.contacts.name);
		if (fu_plan_contact(p, rec, in.contacts.name, &t, &n, &tz) != 0) {
			fu_reader_reject(&in.contacts, rec, "unreadable date", "%s", p->why);
			continue;
		}
		if (p->optout_undone && c_unsub >= 0) { /* subscribed again after a dated opt-out: */
			static char no[] = "no"; /* fu-render refuses marketing to one in force */
			rec->fields[c_unsub] = no;
			rec->lens[c_unsub] = 2;
		}
		if (o.due_only && !fu_sched_open(&p->timing, p->now, tz)) /* outside its window */
			n = caught_up(&o, t, n, tz, &held);
		if (o.max_contact) {
			long own = p->day.emails, *other = NULL;
			if (shared && (other = address_today(&addr, rec->fields[c_email], maillen, 0)))
				p->day.emails += *other;
			fu_cap_contact(&p->timing, p->now, t, n, tz, o.max_contact, &p->day);
			long today = maillen ? emails_today(&o, t, n, tz, own) : 0;
			if (today)
				*address_today(&addr, rec->fields[c_email], maillen, 1) += today;
		}
		if (o.max_owner) {
			hold(&h, rec, t, n, tz, tz_col, owner_col, p->day.done);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			if (goes_out(&o, &t[i], &held, &expired_left))
				fu_taskout_write(&out, rec->fields, rec->nfields, &t[i], tz);
	}
	if (rc < 0)
		status = FU_EXIT_USAGE;
	if (o.max_owner) {
		if (fu_cap_owner(&p->timing, p->now, h.tasks, h.n, o.max_owner, h.done, h.ndone))
			note_capped(&h, o.max_owner);
		for (size_t i = 0; i < h.n; i++)
			if (goes_out(&o, &h.tasks[i].task, &held, &expired_left))
				fu_taskout_write(&out, h.rows[h.tasks[i].contact], h.width[h.tasks[i].contact],
				                 &h.tasks[i].task, h.tasks[i].tz);
		held_free(&h);
	}
	fu_people_free(&seen);
	fu_map_free(&addr.index);
	fu_map_free(&optouts.index);
	free(optouts.at);
	fu_buf_free(&optouts.text);
	fu_buf_free(&optouts.low);
	fu_buf_free(&optouts.cell);
	free(addr.emails);
	fu_buf_free(&addr.low);
	fu_taskout_end(&out);
	int write_failed = fu_stdout_failed();
	warn_buyers_not_in_contacts(&o, &in);
	fu_eventdb_report(&in.db); /* an opt-out that joins nobody */
	note_holidays_uncovered(&in);
	sched_summary(&o, &in, &out, held, expired_left, write_failed);
	if (write_failed)
		status = FU_EXIT_USAGE;
	if ((p->errors || in.contacts.n.rejected || in.db.bad || in.db.warned) && status == FU_EXIT_OK)
		status = FU_EXIT_DATA;
	return sched_close(&o, &in, status);
}

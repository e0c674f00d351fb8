/* fu-churn — who is slipping away, how sure we are, why, and what to do.
 * Contacts on stdin, events by --events; each contact row comes out once,
 * in order, with its stage, facts, RFM, model columns, risk and action. */
#include "fu.h"
#include "lib/churn_base.h"
#include "lib/churn_run.h"
#include "lib/sched.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"Usage: fu-churn [OPTION]... [CONTACTS.csv]\n"
	"Judge each contact (stdin): lifecycle stage, recency/frequency/monetary,\n"
	"RFM segment, P(alive), expected purchases and value (BG/NBD, Gamma-Gamma),\n"
	"churn risk with its reasons, and the action to take.\n"
	"\n"
	"  -e, --events FILE        the events log (contact_id,when,type,value,item,note);\n"
	"                           repeat for more logs: all are read\n"
	"  -n, --now WHEN           judge as of WHEN (date or date-time; default: now)\n"
	"  -p, --period DUR         engagement period compared with the one before (90d)\n"
	"  -H, --horizon DUR        horizon of exp_purchases and clv (52w)\n"
	"  -u, --unit UNIT          the model's time unit: day, week (default), month\n"
	"  -d, --discount RATE      yearly discount rate of clv (default 0.1; 0: none)\n"
	"  -P, --params FILE        model parameters: fitted and written when FILE is\n"
	"                           missing, else read (no fit)\n"
	"      --refit              fit even when --params FILE exists, and rewrite it\n"
	"  -w, --weights FILE       name,value lines overriding rules, thresholds, weights\n"
	"      --holdout DATE       fit up to DATE; report predicted against actual\n"
	"                           repeat purchases after it\n"
	"      --holdout-table FILE write that report to FILE instead of stderr\n"
	"      --plot FILE.svg      draw the risk by band (and the holdout check)\n"
	"      --summary            write each customer's summary for a sharded run\n"
	"                           (x,t_x,T,mean_spend,recency_days,monetary)\n"
	"      --fit-summary FILE   fit and score RFM over the customers of FILE (the\n"
	"                           shards' summaries), not over this input's\n"
	"      --excel-safe         neutralise cells starting with = + - @ TAB CR\n"
	"      --rejects FILE       write the rows left out (contacts, events) to FILE\n"
	FU_COMMON_HELP
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n"
	"\n"
	"Exit status: 0 done, 1 input had errors (each reported), 2 usage error or\n"
	"unreadable file.  See fu-churn(1).\n";

enum { OPT_REFIT = 256, OPT_HOLDOUT, OPT_HTABLE, OPT_PLOT, OPT_EXCEL, OPT_REJECTS,
       OPT_SUMMARY, OPT_FITSUM };

static const struct option longopts[] = {
	{"events", required_argument, NULL, 'e'},
	{"now", required_argument, NULL, 'n'},
	{"period", required_argument, NULL, 'p'},
	{"horizon", required_argument, NULL, 'H'},
	{"unit", required_argument, NULL, 'u'},
	{"discount", required_argument, NULL, 'd'},
	{"params", required_argument, NULL, 'P'},
	{"refit", no_argument, NULL, OPT_REFIT},
	{"weights", required_argument, NULL, 'w'},
	{"holdout", required_argument, NULL, OPT_HOLDOUT},
	{"holdout-table", required_argument, NULL, OPT_HTABLE},
	{"plot", required_argument, NULL, OPT_PLOT},
	{"summary", no_argument, NULL, OPT_SUMMARY},
	{"fit-summary", required_argument, NULL, OPT_FITSUM},
	{"excel-safe", no_argument, NULL, OPT_EXCEL},
	{"rejects", required_argument, NULL, OPT_REJECTS},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	FU_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0},
};

typedef struct {
	fu_strlist events; /* --events, each log read */
	const char *now, *period, *horizon, *unit, *discount, *params, *weights, *holdout,
		*htable, *plot, *rejects, *contacts, *fit_summary;
	int refit, excel, summary;
} args;

/* a duration of whole days or more, in seconds.  The model's sums run
 * month by month: a century is more than any customer's worth is forecast
 * for (and a slip of extra digits must not keep a cron run busy for hours) */
static int64_t days_arg(const char *opt, const char *s)
{
	return fu_dur_option(opt, s, FU_DUR_DAYS, (int64_t)100 * 52 * 7 * 86400, "100 years (5200w)");
}

/* options into the run's settings; misuse exits 2 */
static void setup(const args *a, fu_churn_opts *o)
{
	const char *why;
	if (a->refit && !a->params)
		fu_usage_error("--refit needs --params FILE");
	if (a->holdout && a->params)
		fu_usage_error("--holdout fits a calibration period; it does not go with --params");
	if (a->htable && !a->holdout)
		fu_usage_error("--holdout-table needs --holdout DATE");
	if (a->summary && (a->params || a->holdout || a->plot || a->fit_summary))
		fu_usage_error("--summary writes summaries only: no --params, --holdout, --plot or --fit-summary");
	if (a->fit_summary && a->holdout)
		fu_usage_error("--fit-summary: the summaries are as of --now; no --holdout");
	if (fu_parse_now(a->now, &o->now, &why) != 0)
		fu_usage_error("--now '%s': %s", a->now, why);
	o->now_is_date = fu_now_date(a->now, &o->today);
	o->now_clock = !a->now;
	if (!o->now_is_date) {
		struct tm tm;
		fu_localtime(o->now, NULL, &tm);
		o->today = (int32_t)fu_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	o->period = a->period ? a->period : "90d";
	o->period_s = days_arg("--period", o->period);
	o->horizon_days = (double)days_arg("--horizon", a->horizon ? a->horizon : "52w") / 86400;
	o->unit_days = fu_churn_unit_days(a->unit ? a->unit : "week");
	if (o->unit_days == 0)
		fu_usage_error("--unit '%s': day, week or month", a->unit);
	o->discount = 0.1;
	if (a->discount) {
		char *end;
		o->discount = strtod(a->discount, &end);
		if (end == a->discount || *end || !(o->discount >= 0 && o->discount < 10))
			fu_usage_error("--discount '%s': a yearly rate such as 0.1 (0 for none)", a->discount);
	}
	o->holdout_day = o->today;
	if (a->holdout) {
		fu_time ft;
		if (fu_parse_time(a->holdout, "UTC", &ft, &why) != 0 || ft.has_time)
			fu_usage_error("--holdout '%s': %s", a->holdout, ft.has_time ? "a date" : why);
		o->holdout = 1;
		o->holdout_day = (int32_t)(ft.t / 86400);
		if (o->holdout_day >= o->today)
			fu_usage_error("--holdout %s: the calibration must end before --now", a->holdout);
	}
	fu_churn_settings_default(&o->set);
	if (a->weights && fu_churn_settings_load(&o->set, a->weights) != 0)
		exit(FU_EXIT_USAGE);
}

int main(int argc, char **argv)
{
	fu_init("fu-churn");
	args a = {0};
	int c;
	while ((c = getopt_long(argc, argv, "e:n:p:H:u:d:P:w:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': fu_strlist_add(&a.events, optarg); break;
		case 'n': a.now = optarg; break;
		case 'p': a.period = optarg; break;
		case 'H': a.horizon = optarg; break;
		case 'u': a.unit = optarg; break;
		case 'd': a.discount = optarg; break;
		case 'P': a.params = optarg; break;
		case 'w': a.weights = optarg; break;
		case OPT_REFIT: a.refit = 1; break;
		case OPT_HOLDOUT: a.holdout = optarg; break;
		case OPT_HTABLE: a.htable = optarg; break;
		case OPT_PLOT: a.plot = optarg; break;
		case OPT_EXCEL: a.excel = 1; break;
		case OPT_REJECTS: a.rejects = optarg; break;
		case OPT_SUMMARY: a.summary = 1; break;
		case OPT_FITSUM: a.fit_summary = optarg; break;
		case 'h': fputs(usage_text, stdout); return FU_EXIT_OK;
		case 'V': fu_print_version();
		default:
			if (!fu_common_option(c))
				fu_usage_error("unknown option");
		}
	}
	if (optind + 1 < argc)
		fu_usage_error("one contacts file at most");
	a.contacts = optind < argc ? argv[optind] : "-";
	fu_churn_opts o = {0};
	setup(&a, &o);

	int status = FU_EXIT_OK;
	fu_rejects rej = {0};
	fu_churn_run run = {0};
	fu_churn_base base = {0}; /* --fit-summary */
	if (a.rejects && fu_rejects_open(&rej, a.rejects) != 0)
		return FU_EXIT_USAGE;
	fu_rejects *rp = a.rejects ? &rej : NULL;
	if (!a.events.n)
		fu_warn("no --events: every contact is judged without events");
	if (fu_churn_load_events(&run, &o, a.events.v, a.events.n, rp) != 0)
		goto fail;
	int got = fu_churn_read_contacts(&run, a.contacts, rp);
	if (got < 0)
		goto fail;
	fu_csv_writer w;
	fu_csv_writer_init(&w, stdout, a.excel);
	if (a.summary) {
		fu_churn_base_write(&run, &w);
	} else {
		if (a.fit_summary) {
			if (fu_churn_base_load(&base, a.fit_summary, &o) != 0)
				goto fail;
			run.base = &base;
		}
		if (fu_churn_model_run(&run, a.params, a.refit) != 0)
			goto fail;
		fu_churn_score(&run);
		if (got == 0)
			fu_churn_write(&run, &w);
	}
	if (fu_churn_report(&run, a.htable, a.plot) != 0)
		status = FU_EXIT_USAGE;
	fu_eventdb_report(&run.db); /* an opt-out that joins nobody */
	if (got == 1 || run.db.bad || run.db.warned || run.in.n.rejected || run.bad_zones)
		status = status ? status : FU_EXIT_DATA;
	if (a.rejects && fu_rejects_close(&rej) != 0)
		status = FU_EXIT_USAGE;
	if (fu_stdout_failed())
		status = FU_EXIT_USAGE;
	fu_churn_summary(&run);
	fu_churn_run_free(&run);
	fu_churn_base_free(&base);
	fu_strlist_free(&a.events);
	return status;
fail:
	fu_rejects_abort(&rej);
	fu_churn_run_free(&run);
	fu_churn_base_free(&base);
	fu_strlist_free(&a.events);
	return FU_EXIT_USAGE;
}

/* fu-referrals — who referred whom, what is owed for it, and whom to ask
 * next.  Contacts on stdin, events by --events; a ledger row per referrer,
 * or the candidates to ask (--candidates), or the graph (--graph). */
#include "fu.h"
#include "lib/evfacts.h"
#include "lib/reader.h"
#include "lib/refbook.h"
#include "lib/sched.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"Usage: fu-referrals [OPTION]... [CONTACTS.csv]\n"
	"Keep the referral ledger: contacts (CONTACTS.csv or stdin, with an optional\n"
	"referred_by column naming the referrer by id, e-mail, alias, referral_code\n"
	"or unique name) and referral and reward events; one row per referrer with\n"
	"referred, converted, revenue, perks owed and given, balance.  Referral\n"
	"claims without credit (self, rings, second referrer, unknown, after a\n"
	"purchase, to nobody) are reported.\n"
	"Example: fu-referrals -e events.csv -p '10 per converted' contacts.csv\n"
	"\n"
	"  -e, --events FILE        the events log (contact_id,when,type,value,item,note);\n"
	"                           repeat for more logs: all are read\n"
	"  -n, --now WHEN           the time of the ledger (date or date-time; default: now)\n"
	"  -a, --attribution RULE   earliest (default) or last claim wins\n"
	"      --grace DUR          a referral dated up to DUR after the referred\n"
	"                           contact's first purchase brought it (default 1d)\n"
	"  -p, --perk RULE          perks owed: '10 per converted' or '1:10,3:25,5:50'\n"
	"  -w, --window DUR         revenue counts purchases this far back (default 365d)\n"
	"  -d, --depth N            credit referrals of referrals, N levels (default 1)\n"
	"      --decay F            weight of each further level (default 0.5)\n"
	"      --reward-item TEXT   perks given: only rewards whose item contains TEXT\n"
	"  -c, --candidates         whom to ask for a referral now, instead of the ledger\n"
	"      --cooldown DUR       candidates: not asked within DUR (default 90d)\n"
	"      --recent DUR         candidates: a score of 9-10 or a success this recent\n"
	"                           counts (default 30d)\n"
	"      --ask-step NAME      the follow-up step that asks (default referral-ask)\n"
	"  -g, --graph              the referral graph as Graphviz DOT, instead of the ledger\n"
	"      --excel-safe         neutralise cells starting with = + - @ TAB CR\n"
	"      --rejects FILE       write the rows left out (contacts, events) to FILE\n"
	FU_COMMON_HELP
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n"
	"\n"
	"Exit status: 0 done, 1 input had errors or claims without credit (each\n"
	"reported), 2 usage error or unreadable file.  See fu-referrals(1).\n";

enum { OPT_DECAY = 256, OPT_REWARD, OPT_COOLDOWN, OPT_RECENT, OPT_ASK, OPT_EXCEL, OPT_REJECTS, OPT_GRACE };

static const struct option longopts[] = {
	{"events", required_argument, NULL, 'e'},
	{"now", required_argument, NULL, 'n'},
	{"attribution", required_argument, NULL, 'a'},
	{"grace", required_argument, NULL, OPT_GRACE},
	{"perk", required_argument, NULL, 'p'},
	{"window", required_argument, NULL, 'w'},
	{"depth", required_argument, NULL, 'd'},
	{"decay", required_argument, NULL, OPT_DECAY},
	{"reward-item", required_argument, NULL, OPT_REWARD},
	{"candidates", no_argument, NULL, 'c'},
	{"cooldown", required_argument, NULL, OPT_COOLDOWN},
	{"recent", required_argument, NULL, OPT_RECENT},
	{"ask-step", required_argument, NULL, OPT_ASK},
	{"graph", no_argument, NULL, 'g'},
	{"excel-safe", no_argument, NULL, OPT_EXCEL},
	{"rejects", required_argument, NULL, OPT_REJECTS},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	FU_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0},
};

struct options {
	fu_strlist events; /* --events, each log read */
	const char *now_arg, *rejects, *reward_item, *ask_step, *contacts;
	enum fu_attribution attribution;
	fu_ledger_opts ledger;
	int64_t cooldown, recent, grace;
	int candidates, graph;
};


static double parse_number_opt(const char *opt, const char *arg, double lo, double hi)
{
	char *end;
	double x = strtod(arg, &end);
	if (end == arg || *end || !(x >= lo && x <= hi))
		fu_usage_error("--%s '%s': a number from %g to %g", opt, arg, lo, hi);
	return x;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	const char *perk = "0 per converted", *why;
	long col;
	*o = (struct options){.attribution = FU_ATTR_EARLIEST, .ask_step = "referral-ask",
	                      .cooldown = 90 * 86400, .recent = 30 * 86400, .grace = FU_REFERRAL_GRACE,
	                      .ledger = {.depth = 1, .decay = 0.5, .window = 365 * 86400}};
	int c;
	while ((c = getopt_long(argc, argv, "e:n:a:p:w:d:cghV", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': fu_strlist_add(&o->events, optarg); break;
		case 'n': o->now_arg = optarg; break;
		case 'a':
			if (strcmp(optarg, "earliest") == 0)
				o->attribution = FU_ATTR_EARLIEST;
			else if (strcmp(optarg, "last") == 0)
				o->attribution = FU_ATTR_LAST;
			else
				fu_usage_error("--attribution '%s': earliest or last", optarg);
			break;
		case OPT_GRACE: o->grace = fu_dur_option("--grace", optarg, FU_DUR_NOT_M, 0, NULL); break;
		case 'p': perk = optarg; break;
		case 'w': o->ledger.window = fu_dur_option("--window", optarg, FU_DUR_DAYS, 0, NULL); break;
		case 'd': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 1 || n > 10)
				fu_usage_error("--depth '%s': a whole number from 1 to 10", optarg);
			o->ledger.depth = (int)n;
			break;
		}
		case OPT_DECAY: o->ledger.decay = parse_number_opt("decay", optarg, 0, 1); break;
		case OPT_REWARD: o->reward_item = optarg; break;
		case 'c': o->candidates = 1; break;
		case OPT_COOLDOWN: /* 0: none */
			o->cooldown = fu_dur_option("--cooldown", optarg, FU_DUR_DAYS | FU_DUR_ZERO, 0, NULL);
			break;
		case OPT_RECENT: o->recent = fu_dur_option("--recent", optarg, FU_DUR_DAYS, 0, NULL); break;
		case OPT_ASK: o->ask_step = optarg; break;
		case 'g': o->graph = 1; break;
		case OPT_EXCEL: o->ledger.excel_safe = 1; break;
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
	if (o->graph && fu_common.jsonl)
		fu_usage_error("--graph writes DOT, not CSV: --ojsonl does not apply");
	o->contacts = optind < argc ? argv[optind] : "-";
	if (o->candidates && o->graph)
		fu_usage_error("--candidates and --graph: choose one");
	if (fu_perk_parse(perk, &o->ledger.perk, &why, &col) != 0)
		fu_usage_error("--perk '%s': column %ld: %s", perk, col, why);
	if (fu_parse_now(o->now_arg, &o->ledger.now, &why) != 0)
		fu_usage_error("--now '%s': %s", o->now_arg, why);
}

/* The candidates: a filter over the contacts, each row kept with a reason
 * or counted under its first failed test. */
static void write_candidates(fu_reader *in, fu_eventdb *db, const struct options *o, long *verdicts)
{
	fu_buf step = {0}; /* the step as a done mark's is compared ("Referral-Ask") */
	fu_step_key(o->ask_step, strlen(o->ask_step), &step);
	fu_cand_opts co = {.cooldown = o->cooldown, .recent = o->recent,
	                   .ask_step = fu_intern_find(db, step.data), .success_slot = 0};
	fu_buf_free(&step);
	long c_id = fu_reader_col(in, "id"), c_email = fu_reader_col(in, "email"),
	     c_phone = fu_reader_col(in, "phone"), c_aliases = fu_reader_col(in, "aliases"),
	     c_tz = fu_reader_col(in, "tz"),
	     c_unsub = fu_reader_col(in, "unsubscribed");
	long c_reason = fu_reader_col(in, "reason");
	size_t width = in->hdr.n + (c_reason < 0);
	size_t at = c_reason < 0 ? in->hdr.n : (size_t)c_reason;
	char **row = fu_xcalloc(width, sizeof *row);
	fu_csv_writer w;
	fu_csv_writer_init(&w, stdout, o->ledger.excel_safe);
	memcpy(row, in->hdr.names, in->hdr.n * sizeof *row);
	row[at] = "reason";
	fu_csv_row(&w, row, width);
	fu_join_scratch scratch = {0};
	fu_buf reason = {0};
	fu_record *rec;
	while (fu_reader_next(in, &rec) == 1) {
		const char *tz = c_tz >= 0 && fu_tz_valid(rec->fields[c_tz]) ? rec->fields[c_tz] : NULL;
		const fu_facts *f = fu_eventdb_join_aliases(db, c_id >= 0 ? rec->fields[c_id] : "",
		                                            c_email >= 0 ? rec->fields[c_email] : "",
		                                            c_phone >= 0 ? rec->fields[c_phone] : "",
		                                            c_aliases >= 0 ? rec->fields[c_aliases] : "", tz, &scratch);
		enum fu_cand_verdict v =
			fu_referral_candidate(db, f, c_unsub >= 0 ? rec->fields[c_unsub] : "", tz, &co, &reason);
		verdicts[v]++;
		if (v != FU_CAND_ASK)
			continue;
		memcpy(row, rec->fields, in->hdr.n * sizeof *row);
		row[at] = reason.data;
		fu_csv_row(&w, row, width);
	}
	fu_join_scratch_free(&scratch);
	fu_buf_free(&reason);
	free(row);
}

/* The ledger or the graph: every contact read, claims resolved, problems
 * reported.  Returns 0, 1 (claims without credit, bad dates or zones) or 2. */
static int run_ledger(fu_reader *in, int have_input, fu_eventdb *db, const struct options *o,
                      fu_buf *summary)
{
	fu_refbook book;
	fu_refbook_init(&book, db);
	book.g.grace = o->grace;
	if (have_input && fu_refbook_read_contacts(&book, in) != 0) {
		fu_refbook_free(&book);
		return FU_EXIT_USAGE;
	}
	fu_refbook_join_events(&book, o->events.v, o->events.n, o->ledger.window);
	fu_refgraph_resolve(&book.g, o->attribution);
	fu_refbook_report(&book);
	if (book.g.nclaims == 0 && book.future_claims == 0 && have_input && in->n.read > 0)
		/* an empty ledger would read as "nobody referred anybody" */
		fu_warn("warning: no referral claims: the contacts %s, and %s; see fu-referrals(1), Where "
		        "referrals come from",
		        fu_reader_col_as(in, "referred_by", 0) < 0 ? "have no referred_by column"
		                                             : "have an empty referred_by in every row",
		        o->events.n ? "the events no referral event" : "no events log is given (--events)");

	if (o->graph) {
		fu_refbook_write_graph(&book, stdout);
		fu_buf_printf(summary, "drew %zu claims", book.g.nclaims);
	} else {
		fu_buf_printf(summary, "wrote %ld referrers", fu_refbook_write_ledger(&book, &o->ledger, stdout));
	}
	fu_buf_printf(summary, "; claims %zu =", book.g.nclaims + (size_t)book.future_claims);
	for (int s = 0; s < FU_REF_NSTATUS; s++)
		fu_buf_printf(summary, "%s %ld %s", s ? " +" : "", book.g.count[s],
		              fu_ref_status_name((enum fu_ref_status)s));
	if (book.future_claims) /* claims made after --now */
		fu_buf_printf(summary, " + %ld after --now", book.future_claims);
	int uncredited = (long)book.g.nclaims > book.g.count[FU_REF_CREDITED] + book.g.count[FU_REF_REPEAT];
	int status = uncredited || book.bad_dates || book.bad_zones ? FU_EXIT_DATA : FU_EXIT_OK;
	fu_refbook_free(&book);
	return status;
}

int main(int argc, char **argv)
{
	fu_init("fu-referrals");
	struct options o;
	parse_options(argc, argv, &o);

	fu_rejects rej = {0};
	if (o.rejects && fu_rejects_open(&rej, o.rejects) != 0)
		return FU_EXIT_USAGE;
	char *const success_type[] = {"success"};
	fu_eventdb db;
	fu_eventdb_init(&db, success_type, 1, o.ledger.now);
	int32_t day;
	if (fu_now_date(o.now_arg, &day)) /* each contact's day ends in its zone */
		fu_eventdb_now_date(&db, day);
	/* purchases kept for candidates too: a refund finds its purchase among
	 * them, so that a buyer who got all back is no customer to ask */
	fu_eventdb_keep(&db, &(fu_store_opts){.purchases = 1, .reward_item = o.reward_item, .strict_types = 1,
	                                     .no_negative = 1, .once_across_logs = 1,
	                                     .nlogs = o.events.n});
	db.rejects = o.rejects ? &rej : NULL;
	fu_reader in = {0};
	int got = -1, status = FU_EXIT_USAGE;
	for (size_t i = 0; i < o.events.n; i++)
		if (fu_eventdb_load(&db, o.events.v[i]) != 0)
			goto out;
	if ((got = fu_reader_open_contacts(&in, o.contacts, "contacts", o.rejects ? &rej : NULL)) < 0)
		goto out;
	fu_buf mix = {0};
	if (!o.candidates && fu_eventdb_currency_mix(&db, &mix) == 0)
		fu_warn("warning: purchase values in several currencies (%s) summed as one number: "
		        "revenue and value perks mix them (convert them, or run each currency's "
		        "events apart)", mix.data);
	fu_buf_clear(&mix);
	if (!o.candidates && fu_eventdb_reward_currency_mix(&db, &mix) == 0)
		fu_warn("warning: reward values in several currencies (%s) summed as one number: "
		        "perks_given and balance mix them (convert them, or run each currency's "
		        "events apart)", mix.data);
	fu_buf_free(&mix);

	fu_buf summary = {0};
	if (o.candidates) {
		long verdicts[FU_CAND_NVERDICTS] = {0};
		if (got == 0)
			write_candidates(&in, &db, &o, verdicts);
		else /* no header to keep: the output's own column still goes out */
			puts("reason");
		fu_buf_printf(&summary, "wrote %ld candidates; left out", verdicts[FU_CAND_ASK]);
		for (int v = 1; v < FU_CAND_NVERDICTS; v++)
			fu_buf_printf(&summary, "%s %ld %s", v > 1 ? "," : "", verdicts[v], fu_cand_verdict_names[v]);
		status = FU_EXIT_OK;
	} else {
		status = run_ledger(&in, got == 0, &db, &o, &summary);
	}
	int write_failed = status != FU_EXIT_USAGE && fu_stdout_failed();
	if (write_failed && summary.data && strchr(summary.data, ' ')) {
		/* the summary claims no rows the disk refused: "wrote 10
		 * referrers" is "not written (write error: 10 referrers)" */
		fu_buf b = {0};
		const char *what = strchr(summary.data, ' ') + 1;
		size_t n = strcspn(what, ";");
		fu_buf_printf(&b, "not written (write error: %.*s)%s", (int)n, what, what + n);
		fu_buf_free(&summary);
		summary = b;
	}
	if (status != FU_EXIT_USAGE) {
		fu_eventdb_report(&db); /* an opt-out that joins nobody */
		if (got > 0 || db.bad || db.warned || in.n.rejected)
			status = FU_EXIT_DATA;
		fu_warn_caps_flush(NULL);
		long uc, ue;
		fu_eventdb_unmatched(&db, &uc, &ue);
		/* the counts add up: contacts read = used + rejected; claims = the
		 * sum of their states; events read = used + for contacts not in
		 * the input + after --now + rejected */
		fu_buf repeated = {0}; /* one order in two logs, or twice in one: read once */
		fu_eventdb_repeated_words(&db, &repeated);
		if (o.events.n)
			fu_warn("read %ld contacts, rejected %ld, %s; events: read %ld = used %ld + %ld for %ld"
			        " contacts not in the input + %ld after --now + %ld rejected%s",
			        in.n.read, in.n.rejected, summary.data,
			        db.events + db.future + db.bad + db.repeated + db.repeated_within, db.events - ue, ue, uc,
			        db.future, db.bad, repeated.data);
		else
			fu_warn("read %ld contacts, rejected %ld, %s", in.n.read, in.n.rejected, summary.data);
		fu_buf_free(&repeated);
	}
	if (write_failed)
		status = FU_EXIT_USAGE;
	fu_buf_free(&summary);
out:
	if (got == 0)
		fu_reader_close(&in);
	if (o.rejects && status == FU_EXIT_USAGE)
		fu_rejects_abort(&rej);
	else if (o.rejects && fu_rejects_close(&rej) != 0)
		status = FU_EXIT_USAGE;
	fu_eventdb_free(&db);
	fu_strlist_free(&o.events);
	return status;
}

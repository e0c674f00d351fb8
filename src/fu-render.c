/* fu-render — personalised messages from Mustache templates, safe to send.
 * Reads a tasks stream (CSV), builds each row's message from the template its
 * `template` column names (with language and formality fallbacks), and hands
 * it to one sink chosen at the start: CSV, an mboxrd mailbox, a Maildir, .eml
 * files, or the --check review. */
#include "fu.h"
#include "lib/map.h"
#include "lib/message.h"
#include "lib/msgsink.h"
#include "lib/reader.h"
#include "lib/tset.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu-render.tpl.h" /* embedded_templates[], from examples/templates */

/* a --group-by group: copies of its rows (the reader's buffer moves on) */
typedef struct {
	char **fields; /* nrows * ncols */
	size_t *lens;
	char **raws; /* each row's text and line, for the reject report */
	size_t *rawlens;
	long *lines;
	size_t nrows, cap;
	char *key;
	char *to; /* whom the first row's message goes to (fu_msg_recipient_key) */
	const message_tpl *tpl; /* its template */
} group;

typedef struct {
	/* options */
	fu_msg_sink_kind kind;
	int strict, lenient, excel_safe;
	const char *outdir, *inname, *from, *group_by, *now, *rejects;
	const char *url[FU_MSG_NURLS];
	int64_t t_now;  /* --now: what is in force by then (an opt-out) */
	int64_t t_date; /* the Date of the messages */
	/* the run */
	tset ts;
	fu_reader in;
	fu_rejects rej;
	fu_msg_builder b;
	fu_msg_ctx ctx;
	fu_msg_sink sink;
	fu_message m;
	group g;
	fu_buf why, to;
	long c_channel, c_group;
	long nwrote, nmessages, nskipped, nrepeated;
	long nunknown_formal; /* messages whose formal cell was not understood */
	long nunknown_lang;   /* ... and whose lang cell */
	/* the Message-IDs written, each with its input line: a row that makes
	 * a message again (the same task_id and recipients, a task list pasted
	 * twice) is written once, as a mail program sending an mbox would send
	 * each copy */
	fu_map written;
	/* --group-by: each task (task_id and recipients) in a message, with its
	 * line: a task repeated is dropped, in its own group or a later one */
	fu_map tasks;
	fu_buf key;
	char *noted_apart; /* [template]: rows_apart has said so */
} run;

static void usage(void)
{
	printf("Usage: fu-render [OPTION]... [FILE]\n"
	       "  or:  fu-render --format maildir|eml [OPTION]... DIR [FILE]\n"
	       "Render each task row (CSV, from FILE or standard input) as a message from\n"
	       "Mustache templates: the `template` column names it, refined by the `lang`\n"
	       "and `formal` columns (thank-you.fi.formal -> thank-you.fi -> thank-you;\n"
	       "sv-FI falls back to sv).\n"
	       "\n"
	       "  -t, --templates DIR        templates to use (default: the built-in set)\n"
	       "      --print-templates DIR  write the built-in templates into DIR and exit\n"
	       "      --template NAME        use template NAME for every row\n"
	       "  -f, --format FORMAT        csv (default), mbox, maildir DIR or eml DIR\n"
	       "      --from ADDRESS         From address when a template has none\n"
	       "                             (default: $EMAIL)\n"
	       "  -n, --now DATETIME         the Date of the messages (default: the clock)\n"
	       "      --group-by COLUMN      one message per run of rows with equal COLUMN;\n"
	       "                             the rows are {{#rows}}...{{/rows}}, {{count}}\n"
	       "      --unsubscribe URL-TEMPLATE\n"
	       "                             add List-Unsubscribe (and List-Unsubscribe-Post\n"
	       "                             for https) with this URL, values %%-encoded;\n"
	       "                             templates see it as {{unsubscribe_url}}\n"
	       "      --referral-url URL-TEMPLATE\n"
	       "                             a link for the referral ask, values %%-encoded:\n"
	       "                             templates see it as {{referral_url}}\n"
	       "      --check                render nothing; list each row and variable that\n"
	       "                             would come out empty (CSV), exit 1 if any\n"
	       "      --strict               reject rows in which a variable is empty\n"
	       "      --lenient              a variable that is not a column of the input\n"
	       "                             renders as empty (default: an error at start)\n"
	       "      --rejects FILE         also write rejected rows to FILE\n"
	       "                             (file,line,reason,record)\n"
	       "      --excel-safe           neutralise CSV cells starting with = + - @ TAB CR\n"
	       "      --itsv                 read the tasks as TSV (tab-separated)\n"
	       "      --ojsonl               with --format csv or --check: JSON Lines, not CSV\n"
	       "      --progress             show progress on stderr even when it is no terminal\n"
	       "      --no-progress          never show progress\n"
	       "  -h, --help                 show this help and exit\n"
	       "  -V, --version              show the version and exit\n"
	       "\n"
	       "Exit status: 0 done, 1 rows were rejected or a formal or lang value not\n"
	       "understood, "
	       "2 usage or template error.  "
	       "See fu-render(1).\n");
	exit(FU_EXIT_OK);
}

/* Write the built-in set into DIR: the files missing there (a template
 * deleted by mistake, or one a newer fu brings to a set already made); a
 * file that exists is the user's and is kept.  Exit 0 unless one could not
 * be written. */
static void print_templates(const char *dir)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		fu_die(FU_EXIT_USAGE, "%s: %s", dir, strerror(errno));
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		fu_die(FU_EXIT_USAGE, "%s: not a directory", dir);
	long wrote = 0, kept = 0;
	fu_buf path = {0};
	for (size_t i = 0; embedded_templates[i].name; i++) {
		fu_buf_clear(&path);
		fu_buf_printf(&path, "%s/%s", dir, embedded_templates[i].name);
		if (lstat(path.data, &st) == 0) {
			kept++;
			continue;
		}
		fu_outfile o;
		if (fu_outfile_open(&o, path.data) < 0)
			exit(FU_EXIT_USAGE);
		fwrite(embedded_templates[i].data, 1, embedded_templates[i].len, o.fp);
		if (fu_commit_file(&o) < 0)
			exit(FU_EXIT_USAGE);
		wrote++;
	}
	fu_buf_free(&path);
	if (kept)
		fu_warn("%s: wrote %ld template file%s, kept %ld that exist%s (not overwritten)", dir, wrote,
		        wrote == 1 ? "" : "s", kept, kept == 1 ? "s" : "");
	else
		fu_warn("%s: wrote %ld template files", dir, wrote);
	exit(FU_EXIT_OK);
}

static void parse_options(run *r, int argc, char **argv)
{
	enum { O_PRINT = 256, O_TEMPLATE, O_FROM, O_GROUP, O_UNSUB, O_REFERRAL, O_CHECK,
	       O_STRICT, O_LENIENT, O_REJECTS, O_EXCEL };
	static const struct option longopts[] = {
		{"templates", required_argument, NULL, 't'},
		{"print-templates", required_argument, NULL, O_PRINT},
		{"template", required_argument, NULL, O_TEMPLATE},
		{"format", required_argument, NULL, 'f'},
		{"from", required_argument, NULL, O_FROM},
		{"now", required_argument, NULL, 'n'},
		{"group-by", required_argument, NULL, O_GROUP},
		{"unsubscribe", required_argument, NULL, O_UNSUB},
		{"referral-url", required_argument, NULL, O_REFERRAL},
		{"check", no_argument, NULL, O_CHECK},
		{"strict", no_argument, NULL, O_STRICT},
		{"lenient", no_argument, NULL, O_LENIENT},
		{"rejects", required_argument, NULL, O_REJECTS},
		{"excel-safe", no_argument, NULL, O_EXCEL},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		FU_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	static const char *const formats[] = {[FU_SINK_CSV] = "csv", [FU_SINK_MBOX] = "mbox",
	                                      [FU_SINK_MAILDIR] = "maildir", [FU_SINK_EML] = "eml"};
	int c, check = 0;
	r->from = getenv("EMAIL");
	if (r->from && !r->from[0])
		r->from = NULL;
	while ((c = getopt_long(argc, argv, "t:f:n:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 't': r->ts.dir = optarg; break;
		case O_PRINT: print_templates(optarg); break;
		case O_TEMPLATE: r->b.force_template = optarg; break;
		case 'f': {
			int k = FU_SINK_CSV;
			while (k <= FU_SINK_EML && strcmp(optarg, formats[k]) != 0)
				k++;
			if (k > FU_SINK_EML)
				fu_usage_error("--format: '%s' is not csv, mbox, maildir or eml", optarg);
			r->kind = (fu_msg_sink_kind)k;
			break;
		}
		case O_FROM: r->from = optarg; break;
		case 'n': r->now = optarg; break;
		case O_GROUP: r->group_by = optarg; break;
		case O_UNSUB: r->url[FU_MSG_UNSUBSCRIBE_URL] = optarg; break;
		case O_REFERRAL: r->url[FU_MSG_REFERRAL_URL] = optarg; break;
		case O_CHECK: check = 1; break;
		case O_STRICT: r->strict = 1; break;
		case O_LENIENT: r->lenient = 1; break;
		case O_REJECTS: r->rejects = optarg; break;
		case O_EXCEL: r->excel_safe = 1; break;
		case 'h': usage(); break;
		case 'V': fu_print_version(); break;
		default:
			if (!fu_common_option(c))
				fu_usage_error("unknown option");
		}
	}
	if (fu_common.jsonl && r->kind != FU_SINK_CSV && !check)
		fu_usage_error("--format %s writes mail, not CSV: --ojsonl does not apply", formats[r->kind]);
	if (r->kind == FU_SINK_MAILDIR || r->kind == FU_SINK_EML) {
		if (optind >= argc)
			fu_usage_error("--format %s needs a directory", formats[r->kind]);
		r->outdir = argv[optind++];
	}
	if (argc - optind > 1)
		fu_usage_error("one input file at most");
	r->inname = optind < argc ? argv[optind] : "-";
	const char *why;
	if (fu_parse_now(r->now, &r->t_now, &why) < 0)
		fu_usage_error("--now '%s': %s", r->now, why);
	r->t_date = r->t_now;
	fu_time day;
	if (r->now && fu_parse_time(r->now, NULL, &day, &why) == 0 && !day.has_time) {
		/* a date: as fu(7) says, the whole day counts (an opt-out on it
		 * is in force), but a message is not dated later than it is
		 * made: the clock's time on that day, the day's end for a day
		 * past, its start for a day to come */
		int64_t clock = (int64_t)time(NULL);
		r->t_date = clock < day.t ? day.t : clock > r->t_now ? r->t_now : clock;
	}
	if (r->from) {
		mime_mailbox mb[FU_MSG_MAX_ADDRS] = {0};
		if (mime_parse_from(r->from, strlen(r->from), mb, FU_MSG_MAX_ADDRS, &why) <= 0)
			fu_usage_error("--from '%s': not a usable address", r->from);
		for (size_t i = 0; i < FU_MSG_MAX_ADDRS; i++)
			mime_mailbox_free(&mb[i]);
	}
	if (check) { /* the review replaces the output, whatever the format */
		r->kind = FU_SINK_CHECK;
		r->b.review = 1;
	}
}

/* a template error found while running: reported, and the run ends */
static noreturn void template_error(const mu_error *e)
{
	tset_report_error(e, NULL);
	exit(FU_EXIT_USAGE);
}

/* Templates, links and the input's header; every template variable checked
 * against the header: all before any output. */
static void load(run *r)
{
	r->ts.builtin = embedded_templates;
	if (tset_load(&r->ts) != 0)
		exit(FU_EXIT_USAGE);
	int mails = r->kind == FU_SINK_MBOX || r->kind == FU_SINK_MAILDIR || r->kind == FU_SINK_EML;
	if (mails && !r->from)
		for (size_t i = 0; i < r->ts.nm; i++) {
			int has = 0;
			for (size_t k = 0; k < r->ts.m[i].nh; k++)
				has |= r->ts.m[i].h[k].kind == H_FROM;
			if (!has)
				fu_die(FU_EXIT_USAGE, "%s: no From address: give --from (or set EMAIL), or a From: line in the template",
				       r->ts.m[i].file);
		}
	mu_error err = {0};
	for (int i = 0; i < FU_MSG_NURLS; i++)
		if (r->url[i] && fu_msg_builder_url(&r->b, &r->ts, i, r->url[i], &err) < 0) {
			if (err.col == 0)
				fu_usage_error("%s %s", fu_msg_url_options[i], err.why);
			fu_usage_error("%s: column %ld: %s", fu_msg_url_options[i], err.col, err.why);
		}
	r->ts.started = 1; /* no file is read from now on */
	int got = fu_reader_open(&r->in, r->inname, "a tasks stream", NULL, NULL);
	if (got != 0) /* an empty input is bad input, not a usage error */
		exit(got > 0 ? FU_EXIT_DATA : FU_EXIT_USAGE);
	r->in.bad_format = "rejected: %s";
	const char *input = fu_input_name(r->inname);
	/* a hand-made tasks file's opt-out in another spelling (Do Not Email) */
	fu_reader_consent(&r->in, input);
	if (fu_header_find_loose(&r->in.hdr, "template") < 0 && !r->b.force_template)
		fu_die(FU_EXIT_USAGE, "%s: no template column (or give --template NAME)", input);
	r->c_group = -1;
	if (r->group_by && (r->c_group = fu_reader_col(&r->in, r->group_by)) < 0)
		fu_die(FU_EXIT_USAGE, "--group-by: no column '%s' in %s", r->group_by, input);
	r->c_channel = fu_header_find_loose(&r->in.hdr, "channel");
	char why[200];
	if (fu_msg_builder_init(&r->b, &r->ts, &r->in.hdr, r->from, mails, why, sizeof why) < 0)
		fu_usage_error("--from '%s': %s", r->from, why);
	r->b.now = r->t_now;
	struct tm date; /* the day in the Date header's zone */
	fu_localtime(r->t_date, NULL, &date);
	snprintf(r->b.send_day, sizeof r->b.send_day, "%04d-%02d-%02d", date.tm_year + 1900,
	         date.tm_mon + 1, date.tm_mday);
	if (!r->lenient && fu_msg_check_names(&r->b, r->group_by != NULL, input, &err) < 0)
		template_error(&err);
	if (r->group_by && fu_msg_check_rows(&r->b, &err) < 0)
		template_error(&err);
	fu_msg_ctx_init(&r->ctx, &r->b, &r->in.hdr);
	/* last: an error above leaves no half-made report behind */
	if (r->rejects) {
		if (fu_rejects_open(&r->rej, r->rejects) < 0)
			exit(FU_EXIT_USAGE);
		r->in.rejects = &r->rej;
	}
}

/* Refuse the NROWS rows of a message (REC, and with --group-by the rest of
 * its group): one warning, every row in the report. */
static void reject(run *r, const fu_record *rec, long nrows, const char *why)
{
	fu_reader_reject(&r->in, rec, "rejected row", "%s", why);
	for (size_t k = 1; r->group_by && k < (size_t)nrows; k++) {
		if (r->in.rejects)
			fu_rejects_add(r->in.rejects, r->in.name, r->g.lines[k], why, r->g.raws[k],
			               r->g.rawlens[k]);
		r->in.n.rejected++;
	}
}

/* Build the message of REC (a row, or a group's first row) and hand it to
 * the sink; a refused row goes to the reject report. */
static void deliver(run *r, const fu_record *rec, long nrows)
{
	mu_error err = {0};
	int got = fu_msg_build(&r->b, rec, &r->ctx, nrows, &r->m, &err);
	if (got < 0)
		template_error(&err);
	if (r->m.formal_unknown) {
		/* "Sie", "vous", "2": which address was meant is not ours to guess */
		fu_warn_capped("unknown formal", r->in.name, rec->line, 0,
		               "formal '%s' is not yes or no (yes, true, 1, x, kyllä, ja, te; no, false, "
		               "0, ei, nej, du, sinä): the template without .formal or .informal is used",
		               rec->fields[r->b.c_formal]);
		r->nunknown_formal++;
	}
	if (r->m.lang_unknown) {
		fu_warn_capped("unknown lang", r->in.name, rec->line, 0,
		               "lang '%s' is no language tag (fi, sv-FI), locale (fi_FI.UTF-8), ISO 639 "
		               "code (fin) or language name (suomi, Swedish): the template without a "
		               "language is used", rec->fields[r->b.c_lang]);
		r->nunknown_lang++;
	}
	if (got == 0) {
		reject(r, rec, nrows, r->m.why.data);
		return;
	}
	if (r->strict && r->kind != FU_SINK_CHECK && r->m.nempties) {
		fu_buf_clear(&r->why);
		fu_buf_adds(&r->why, "--strict: empty ");
		fu_msg_empties_text(&r->m, &r->why);
		reject(r, rec, nrows, r->why.data);
		return;
	}
	if (r->kind != FU_SINK_CHECK && r->m.message_id.len) {
		int added;
		uint32_t at;
		fu_map_put_at(&r->written, r->m.message_id.data, r->m.message_id.len, &added, &at);
		if (!added) {
			fu_warn_capped("message again", r->in.name, rec->line, 0,
			               "note: the same message as line %lu (its task_id and recipients): "
			               "written once", (unsigned long)fu_map_value(&r->written, at));
			r->nrepeated += nrows;
			return;
		}
		fu_map_set_value(&r->written, at, (uint32_t)rec->line);
	}
	if (fu_msg_sink_put(&r->sink, &r->m) < 0)
		exit(FU_EXIT_USAGE);
	r->nwrote += nrows;
	r->nmessages++;
}

static void group_add(group *g, const fu_record *rec, size_t ncols)
{
	if (g->nrows == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->fields = fu_xrealloc(g->fields, g->cap * ncols * sizeof *g->fields);
		g->lens = fu_xrealloc(g->lens, g->cap * ncols * sizeof *g->lens);
		g->raws = fu_xrealloc(g->raws, g->cap * sizeof *g->raws);
		g->rawlens = fu_xrealloc(g->rawlens, g->cap * sizeof *g->rawlens);
		g->lines = fu_xrealloc(g->lines, g->cap * sizeof *g->lines);
	}
	for (size_t i = 0; i < ncols; i++) {
		g->fields[g->nrows * ncols + i] = fu_xstrndup(rec->fields[i], rec->lens[i]);
		g->lens[g->nrows * ncols + i] = rec->lens[i];
	}
	g->raws[g->nrows] = fu_xstrndup(rec->raw ? rec->raw : "", rec->raw ? rec->raw_len : 0);
	g->rawlens[g->nrows] = rec->raw ? rec->raw_len : 0;
	g->lines[g->nrows] = rec->line;
	g->nrows++;
}

/* the group's row K as a record */
static fu_record group_record(const group *g, size_t k, size_t nc)
{
	return (fu_record){.nfields = nc, .fields = g->fields + k * nc, .lens = g->lens + k * nc,
	                   .line = g->lines[k], .raw = g->raws[k], .raw_len = g->rawlens[k]};
}

/* Is row K a task already in a message (or earlier in this group)?  Then
 * it is dropped with a note, as a repeated row is without --group-by: a
 * digest never lists a task twice, and a task is never in two messages.
 * Else its task is remembered.  A row without a task_id is not judged here
 * (its digest's Message-ID is made from its text). */
static int task_repeated(run *r, const fu_record *rec)
{
	const char *task = r->b.c_task >= 0 ? rec->fields[r->b.c_task] : "";
	if (!task[0])
		return 0;
	fu_buf_clear(&r->key);
	fu_buf_adds(&r->key, task);
	fu_buf_addc(&r->key, '\n');
	fu_buf_adds(&r->key, r->g.to);
	int added;
	uint32_t at;
	fu_map_put_at(&r->tasks, r->key.data, r->key.len, &added, &at);
	if (added) {
		fu_map_set_value(&r->tasks, at, (uint32_t)rec->line);
		return 0;
	}
	fu_warn_capped("message again", r->in.name, rec->line, 0,
	               "note: the same task as line %lu (its task_id and recipients): written once",
	               (unsigned long)fu_map_value(&r->tasks, at));
	r->nrepeated++;
	return 1;
}

static void group_free_row(group *g, size_t k, size_t nc)
{
	for (size_t i = 0; i < nc; i++)
		free(g->fields[k * nc + i]);
	free(g->raws[k]);
}

/* A group whose template does not show its rows (no {{#rows}}: every
 * built-in template) would be a message naming its first row only, the
 * others counted as sent unseen: each row is sent as its own message, as
 * without --group-by, with a note once per template. */
static int rows_apart(run *r)
{
	group *g = &r->g;
	if (g->nrows < 2 || fu_msg_shows_rows(&r->b, g->tpl))
		return 0;
	size_t ti = (size_t)(g->tpl - r->ts.m);
	if (!r->noted_apart)
		r->noted_apart = fu_xcalloc(r->ts.nm, 1);
	if (!r->noted_apart[ti]) {
		r->noted_apart[ti] = 1;
		fu_warn("note: %s does not list a group's rows (no {{#rows}}...{{/rows}}%s): "
		        "--group-by sends each of them as a message of its own (first at line %ld)",
		        g->tpl->file, g->tpl->html ? " in its text and HTML parts" : "", g->lines[0]);
	}
	return 1;
}

/* The group's message.  Each row is judged first: a repeated task is
 * dropped, and a marketing row that may not go (its contact unsubscribed,
 * or the template has no opt-out) is rejected on its own — the digest of
 * the rest still goes, whatever the rows' order; a digest holding a
 * marketing row needs the opt-out as that row does.  With a template that
 * does not show the rows, each row is a message (rows_apart). */
static void group_flush(run *r)
{
	group *g = &r->g;
	if (g->nrows == 0)
		return;
	size_t nc = r->in.hdr.n, kept = 0;
	int apart = rows_apart(r), marketing = 0;
	for (size_t k = 0; k < g->nrows; k++) {
		fu_record rec = group_record(g, k, nc);
		int drop = 0;
		if (apart) { /* the row's own message: judged when built */
			if (!task_repeated(r, &rec)) {
				/* a digest of one: {{count}} is 1 */
				fu_msg_ctx_group(&r->ctx, rec.fields, rec.lens, 1);
				deliver(r, &rec, 1);
			}
			group_free_row(g, k, nc);
			continue;
		}
		if (fu_msg_marketing_refused(&r->b, &rec, g->tpl, &r->why)) {
			fu_reader_reject(&r->in, &rec, "rejected row", "%s", r->why.data);
			drop = 1;
		} else {
			drop = task_repeated(r, &rec);
		}
		if (drop) {
			group_free_row(g, k, nc);
			continue;
		}
		marketing |= fu_msg_is_marketing(&r->b, &rec);
		if (kept != k) {
			memmove(g->fields + kept * nc, g->fields + k * nc, nc * sizeof *g->fields);
			memmove(g->lens + kept * nc, g->lens + k * nc, nc * sizeof *g->lens);
			g->raws[kept] = g->raws[k];
			g->rawlens[kept] = g->rawlens[k];
			g->lines[kept] = g->lines[k];
		}
		kept++;
	}
	g->nrows = kept;
	if (kept > 0) {
		fu_msg_ctx_group(&r->ctx, g->fields, g->lens, g->nrows);
		/* the message is addressed by the group's first row, with the
		 * template the group began with */
		fu_record first = group_record(g, 0, nc);
		r->b.group_tpl = g->tpl;
		r->b.group_marketing = marketing;
		deliver(r, &first, (long)g->nrows);
		r->b.group_tpl = NULL;
		r->b.group_marketing = 0;
	}
	for (size_t k = 0; k < g->nrows; k++)
		group_free_row(g, k, nc);
	free(g->key);
	free(g->to);
	g->key = g->to = NULL;
	g->nrows = 0;
}

/* Whom REC's message goes to, in r->to: with TPL (a group's template), or
 * with the template chosen for REC when *TPL is NULL */
static void recipient_of(run *r, const fu_record *rec, const message_tpl **tpl)
{
	mu_error err = {0};
	fu_msg_ctx_row(&r->ctx, rec->fields, rec->lens);
	if (fu_msg_recipient_key(&r->b, rec, &r->ctx, tpl, &r->m, &r->to, &err) < 0)
		template_error(&err);
}

/* --group-by: REC joins the group, or ends it and starts the next */
static void group_row(run *r, const fu_record *rec)
{
	group *g = &r->g;
	const char *key = rec->fields[r->c_group];
	const message_tpl *tpl = NULL;
	if (g->nrows > 0 && strcmp(g->key, key) == 0) {
		/* a group is one message to one person: a row with the same
		 * key to someone else starts a group of its own */
		tpl = g->tpl;
		recipient_of(r, rec, &tpl);
		if (strcmp(g->to, r->to.data) == 0) {
			group_add(g, rec, r->in.hdr.n);
			return;
		}
		tpl = NULL;
	}
	group_flush(r);
	recipient_of(r, rec, &tpl);
	g->key = fu_xstrdup(key);
	g->to = fu_xstrdup(r->to.data);
	g->tpl = tpl;
	group_add(g, rec, r->in.hdr.n);
}

/* a call or a meeting is not mailed: counted as skipped */
static int not_for_mail(const run *r, const fu_record *rec)
{
	return r->sink.mails && r->c_channel >= 0 && !fu_channel_is_email(rec->fields[r->c_channel]);
}

static void summary(const run *r)
{
	long nread = r->in.n.read, nrejected = r->in.n.rejected;
	char msgs[48] = "";
	if (fu_stdout_failed()) {
		fu_warn("read %ld, not written (write error: %ld row%s), rejected %ld", nread, r->nwrote,
		        r->nwrote == 1 ? "" : "s", nrejected);
		return;
	}
	if (r->group_by)
		snprintf(msgs, sizeof msgs, " (%ld messages)", r->nmessages);
	if (r->nrepeated) /* read = wrote + repeated + skipped + rejected */
		snprintf(msgs + strlen(msgs), sizeof msgs - strlen(msgs), ", repeated %ld", r->nrepeated);
	if (r->kind == FU_SINK_CHECK)
		fu_warn("read %ld, checked %ld, rejected %ld, with empty variables %ld", nread,
		        nread - nrejected, nrejected, r->sink.nempty);
	else if (r->nskipped)
		fu_warn("read %ld, wrote %ld%s, skipped %ld (channel not email), rejected %ld", nread,
		        r->nwrote, msgs, r->nskipped, nrejected);
	else
		fu_warn("read %ld, wrote %ld%s, rejected %ld", nread, r->nwrote, msgs, nrejected);
}

/* An e-mail address the reader had to guess (a byte that was not UTF-8,
 * read as Windows-1252) or that an earlier reader replaced (U+FFFD) may be
 * another person's mailbox: the row is rejected, never sent (the rest go). */
static int unsure_address(run *r, const fu_record *rec)
{
	if (r->c_channel >= 0 && !fu_channel_is_email(rec->fields[r->c_channel]))
		return 0; /* a call: no mail to it */
	const char *why = fu_address_unsure(rec, r->b.c_email);
	if (!why)
		return 0;
	fu_reader_reject(&r->in, rec, "unsure address",
	                 "email '%s' %s: not sent; fix the address (save the file as \"CSV UTF-8\", "
	                 "or import it with fu-import --encoding)",
	                 rec->fields[r->b.c_email], why);
	return 1;
}

int main(int argc, char **argv)
{
	fu_init("fu-render");
	static run r;
	parse_options(&r, argc, argv);
	load(&r);
	static char outbuf[1 << 16]; /* fewer, larger writes; the mbox sink makes its own */
	if (r.kind == FU_SINK_MBOX)
		setvbuf(stdout, NULL, _IONBF, 0);
	else
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	if (fu_msg_sink_open(&r.sink, r.kind, stdout, r.outdir, r.t_date, r.excel_safe) < 0)
		return FU_EXIT_USAGE;

	fu_record *rec;
	int got;
	fu_buf scratch = {0};
	while ((got = fu_reader_next(&r.in, &rec)) > 0) {
		fu_msg_clean_email(&r.b, rec, &scratch);
		if (not_for_mail(&r, rec)) {
			r.nskipped++;
			continue;
		}
		if (unsure_address(&r, rec))
			continue;
		if (r.group_by) {
			group_row(&r, rec);
			continue;
		}
		fu_msg_ctx_row(&r.ctx, rec->fields, rec->lens);
		deliver(&r, rec, 1);
	}
	fu_buf_free(&scratch);
	group_flush(&r);
	fu_msg_sink_close(&r.sink);
	if (got < 0 || fu_rejects_close(&r.rej) < 0)
		return FU_EXIT_USAGE;
	summary(&r);
	int status = r.in.n.rejected || r.sink.nempty || r.nunknown_formal || r.nunknown_lang
	             ? FU_EXIT_DATA : FU_EXIT_OK;
	fu_reader_close(&r.in);
	fu_msg_ctx_free(&r.ctx);
	fu_map_free(&r.written);
	fu_map_free(&r.tasks);
	fu_buf_free(&r.key);
	fu_msg_free(&r.m);
	fu_msg_builder_free(&r.b);
	fu_buf_free(&r.why);
	fu_buf_free(&r.to);
	free(r.noted_apart);
	return status;
}

/* fu-import — turn a foreign export (a CRM's contacts, a shop's customers or
 * orders, a mailing list, a hand-kept list) into fu's contacts or events
 * stream.  The options table and its parsing sit beside main; main is the
 * whole flow: open, explain, the loop over inputs, merged contacts, summary,
 * exit status. */
#include "fu.h"
#include "lib/headermap.h"
#include "lib/import.h"
#include "lib/norm.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Read exports of contacts or events (CSV in any common dialect) and write\n"
	       "fu's contacts or events stream (fu(7)) on standard output.\n"
	       "\n"
	       "  -k, --kind=KIND          contacts or events (default: guessed from the header)\n"
	       "  -d, --delimiter=C        field delimiter: , ; tab | (default: guessed)\n"
	       "  -e, --encoding=NAME      input encoding, e.g. UTF-8, WINDOWS-1252, MACINTOSH\n"
	       "                           (default: guessed)\n"
	       "  -c, --country=CC         country of national phone numbers (default FI)\n"
	       "      --source-tz=ZONE     the zone of the export's times without an offset\n"
	       "                           (a CRM account's zone): written with their offset\n"
	       "      --currency=CODE      the currency (ISO 4217: EUR, USD ...) of amounts\n"
	       "                           that name none, or a sign several use ($ ¥ kr)\n"
	       "      --date-order=ORDER   dmy or mdy, for dates written a/b/yyyy (default:\n"
	       "                           decided per column from its values)\n"
	       "      --header-line=N      the header is line N; the rows above it are skipped\n"
	       "                           (default: line 1, or the first of the first lines\n"
	       "                           that names known columns, below a title)\n"
	       "  -m, --map=COLUMN=HEADER  fill COLUMN from the source column HEADER; again for\n"
	       "                           the same COLUMN names a fallback; COLUMN= leaves\n"
	       "                           COLUMN empty (repeatable)\n"
	       "      --order-status=LABEL=purchase|skip\n"
	       "                           read the order status LABEL as a purchase, or not\n"
	       "                           (statuses fu-import does not know are skipped)\n"
	       "      --no-merge           keep duplicate contacts as separate rows\n"
	       "      --previous=FILE      the contacts list the last run wrote: a contact that\n"
	       "                           kept its id or its e-mail carries the other keys it\n"
	       "                           had there on in its aliases column\n"
	       "      --opt-in-list=FILE   FILE (one of the inputs) is the list of those who\n"
	       "                           gave consent (a newsletter's subscribers): a contact\n"
	       "                           in no such list is written unsubscribed yes\n"
	       "                           (repeatable)\n"
	       "      --contacts=FILE      events: the contacts list they join; an event at an\n"
	       "                           address several contacts share (a household) joins\n"
	       "                           the one its buyer's name (Billing Name ...) names\n"
	       "      --memory=SIZE        contacts held in memory while merging, beyond which\n"
	       "                           they spill to TMPDIR (default 1G; K, M, G)\n"
	       "  -r, --rejects=FILE       write unusable rows to FILE (file,line,reason,record)\n"
	       "      --excel-safe         neutralise cells a spreadsheet would run as formulas\n"
	       "  -n, --explain            show every decision (dialect, columns, date orders)\n"
	       "                           instead of the rows\n"
	       FU_COMMON_HELP
	       "  -h, --help               show this help and exit\n"
	       "  -V, --version            show the version and exit\n"
	       "\n"
	       "With no FILE, or when FILE is -, read standard input.  stderr ends with\n"
	       "'read N, wrote M, merged K, rejected R'.  Exit status: 0 done, 1 the input\n"
	       "had errors (rows rejected or kept with a warning), 2 usage error or\n"
	       "unreadable input.\n",
	       fu_progname);
}

static const struct option longopts[] = {
	{"kind", required_argument, NULL, 'k'},     {"delimiter", required_argument, NULL, 'd'},
	{"encoding", required_argument, NULL, 'e'}, {"country", required_argument, NULL, 'c'},
	{"date-order", required_argument, NULL, 'D'}, {"map", required_argument, NULL, 'm'},
	{"order-status", required_argument, NULL, 'O'},
	{"no-merge", no_argument, NULL, 'M'},       {"memory", required_argument, NULL, 'B'},
	{"previous", required_argument, NULL, 'P'}, {"contacts", required_argument, NULL, 'C'}, {"header-line", required_argument, NULL, 'H'}, {"source-tz", required_argument, NULL, 'Z'},
	{"currency", required_argument, NULL, 'Y'}, {"opt-in-list", required_argument, NULL, 'L'},
	{"rejects", required_argument, NULL, 'r'},  {"excel-safe", no_argument, NULL, 'x'},
	{"explain", no_argument, NULL, 'n'},        {"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},        FU_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0},
};

struct cli {
	fu_import_opts o;
	fu_import_map *maps;
	fu_import_status *statuses;
	char **optin_lists;
	const char *rejects;
	int excel_safe, explain;
	char currency[4]; /* --currency, upper-cased */
};

static char parse_delim(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		return '\t';
	if (strlen(s) == 1 && strchr(",;|", s[0]))
		return s[0];
	fu_usage_error("--delimiter: '%s' is not one of , ; tab |", s);
}

static size_t parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);
	double unit = *end == 'K' || *end == 'k' ? 1024.0 : *end == 'M' || *end == 'm' ? 1048576.0
	            : *end == 'G' || *end == 'g' ? 1073741824.0 : 1.0;
	if (end == s || v <= 0 || (end[0] && (unit == 1.0 || end[1])))
		fu_usage_error("--memory: '%s' is not a size (e.g. 512M, 2G)", s);
	return (size_t)(v * unit);
}

static void parse_options(int argc, char **argv, struct cli *a)
{
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":k:d:e:c:m:r:nhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (strcmp(optarg, "contacts") && strcmp(optarg, "events"))
				fu_usage_error("--kind: '%s' is not contacts or events", optarg);
			a->o.kind = strcmp(optarg, "contacts") == 0 ? HM_CONTACTS : HM_EVENTS;
			break;
		case 'd': a->o.delim = parse_delim(optarg); break;
		case 'e': a->o.encoding = optarg; break;
		case 'c':
			if (!norm_country_known(optarg))
				fu_usage_error("--country: '%s' is not a country code we know (FI, SE, US ...)", optarg);
			a->o.country = optarg;
			a->o.country_given = 1;
			break;
		case 'Y':
			if (strlen(optarg) != 3 || !isalpha((unsigned char)optarg[0]) ||
			    !isalpha((unsigned char)optarg[1]) || !isalpha((unsigned char)optarg[2]))
				fu_usage_error("--currency: '%s' is not an ISO 4217 code (EUR, USD, SEK ...)", optarg);
			for (int i = 0; i < 3; i++)
				a->currency[i] = (char)toupper((unsigned char)optarg[i]);
			a->o.currency = a->currency;
			break;
		case 'Z':
			if (!fu_tz_valid(optarg))
				fu_usage_error("--source-tz: '%s' is not a time zone in the tz database "
				               "(e.g. Europe/Helsinki)", optarg);
			a->o.source_tz = optarg;
			break;
		case 'D':
			if (strcmp(optarg, "dmy") && strcmp(optarg, "mdy"))
				fu_usage_error("--date-order: '%s' is not dmy or mdy", optarg);
			a->o.date_order = strcmp(optarg, "dmy") == 0 ? NORM_DMY : NORM_MDY;
			break;
		case 'm': {
			char *eq = strchr(optarg, '=');
			if (eq == NULL)
				fu_usage_error("--map: '%s' is not COLUMN=HEADER", optarg);
			*eq = '\0';
			if (hm_target_find(optarg) < 0 && strcmp(optarg, "referred_by") != 0)
				fu_usage_error("--map: '%s' is not a column fu-import fills", optarg);
			a->maps = fu_xrealloc(a->maps, (a->o.nmaps + 1) * sizeof *a->maps);
			a->maps[a->o.nmaps++] = (fu_import_map){optarg, eq + 1};
			break;
		}
		case 'O': {
			char *eq = strrchr(optarg, '=');
			/* (an empty LABEL: an empty status) */
			if (eq == NULL || (strcmp(eq + 1, "purchase") && strcmp(eq + 1, "skip")))
				fu_usage_error("--order-status: '%s' is not LABEL=purchase or LABEL=skip", optarg);
			*eq = '\0';
			a->statuses = fu_xrealloc(a->statuses, (a->o.nstatuses + 1) * sizeof *a->statuses);
			a->statuses[a->o.nstatuses++] = (fu_import_status){optarg, eq[1] == 'p'};
			break;
		}
		case 'H': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || v < 1)
				fu_usage_error("--header-line: '%s' is not a line number (1, 2 ...)", optarg);
			a->o.header_line = v;
			break;
		}
		case 'M': a->o.merge = 0; break;
		case 'P': a->o.previous = optarg; break;
		case 'L':
			a->optin_lists = fu_xrealloc(a->optin_lists,
			                             (size_t)(a->o.noptin_lists + 1) * sizeof *a->optin_lists);
			a->optin_lists[a->o.noptin_lists++] = optarg;
			a->o.optin_lists = a->optin_lists;
			break;
		case 'C': a->o.contacts = optarg; break;
		case 'B': a->o.memory = parse_size(optarg); break;
		case 'r': a->rejects = optarg; break;
		case 'x': a->excel_safe = 1; break;
		case 'n': a->explain = a->o.explain = 1; break;
		case 'h': usage(); exit(FU_EXIT_OK);
		case 'V': fu_print_version();
		case ':': fu_usage_error("%s: needs an argument", argv[optind - 1]);
		default:
			if (fu_common_option(c))
				break;
			if (optopt)
				fu_usage_error("-%c: unknown option", optopt);
			fu_usage_error("%s: unknown option", argv[optind - 1]);
		}
	}
	if (fu_common.delim == '\t') { /* --itsv: the delimiter is not guessed */
		if (a->o.delim && a->o.delim != '\t')
			fu_usage_error("--itsv and --delimiter '%c': choose one", a->o.delim);
		a->o.delim = '\t';
	}
	a->o.maps = a->maps;
	a->o.statuses = a->statuses;
}

int main(int argc, char **argv)
{
	fu_init(argv[0]);
	static char outbuf[1 << 16]; /* the output is large and written in small pieces */
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	fu_rejects rejects = {0};
	struct cli a = {.o = {.country = "FI", .date_order = -1, .merge = 1, .memory = 1UL << 30,
	                      .rejects = &rejects}};
	parse_options(argc, argv, &a);

	int st;
	fu_import *im = fu_import_open(&a.o, argv + optind, argc - optind, &st);
	if (!im || (a.rejects && !a.explain && fu_rejects_open(&rejects, a.rejects) != 0)) {
		fu_import_close(im);
		free(a.maps);
		free(a.optin_lists);
		free(a.statuses);
		return im ? FU_EXIT_USAGE : st;
	}
	FILE *out = stdout;
	if (a.explain) { /* the decisions on stdout; the rows are read, not written */
		fu_import_explain(im, stdout);
		out = fopen("/dev/null", "w");
		if (!out) {
			fu_warn("/dev/null: cannot open");
			return FU_EXIT_USAGE;
		}
	}
	fu_csv_writer w;
	fu_csv_writer_init(&w, out, a.excel_safe);
	fu_import_write_header(im, &w);
	for (int i = 0; i < fu_import_ninputs(im); i++)
		fu_import_input(im, i, &w);
	fu_import_finish(im, &w);
	if (a.explain)
		fclose(out);

	fu_import_ledger n;
	fu_import_ledger_get(im, &n);
	unsigned long contacts;
	size_t held;
	uint64_t spilled;
	if (getenv("FU_IMPORT_STATS") && fu_import_merge_stats(im, &contacts, &held, &spilled) == 0)
		fu_warn("merge: %lu contacts, %zu bytes in memory, spilled %llu bytes, %.1f bytes per contact",
		        contacts, held, (unsigned long long)spilled,
		        contacts ? (double)(held + spilled) / (double)contacts : 0.0);
	fu_import_close(im);
	free(a.maps);
	free(a.optin_lists);
	free(a.statuses);
	st = n.status;
	if (fu_rejects_close(&rejects) != 0)
		st = FU_EXIT_USAGE;
	int write_failed = fu_stdout_failed();
	if (write_failed)
		st = FU_EXIT_USAGE;
	char above[64] = "", below[64] = "";
	if (n.above)
		snprintf(above, sizeof above, "; skipped %lu row%s above the header", n.above,
		         n.above == 1 ? "" : "s");
	if (n.footer)
		snprintf(below, sizeof below, "; skipped %lu footer row%s", n.footer,
		         n.footer == 1 ? "" : "s");
	char wrote[64];
	if (write_failed)
		snprintf(wrote, sizeof wrote, "not written (write error: %lu row%s)", n.wrote,
		         n.wrote == 1 ? "" : "s");
	else
		snprintf(wrote, sizeof wrote, "wrote %lu", n.wrote);
	fu_warn("read %lu, %s, merged %lu, rejected %lu%s%s", n.read, wrote, n.merged, n.rejected, above,
	        below);
	return st;
}

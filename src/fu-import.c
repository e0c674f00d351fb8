/* fu-import — turn a foreign export (HubSpot, Pipedrive, Mailchimp, MiniCRM,
 * Shopify orders, a hand-kept list) into fu's contacts or events stream. */
#include "fu.h"
#include "lib/headermap.h"
#include "lib/import.h"
#include "lib/norm.h"

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
	       "  -e, --encoding=NAME      input encoding, e.g. UTF-8, WINDOWS-1252, ISO-8859-1\n"
	       "                           (default: guessed)\n"
	       "  -c, --country=CC         country of national phone numbers (default FI)\n"
	       "      --date-order=ORDER   dmy or mdy, for dates written a/b/yyyy\n"
	       "                           (default mdy with --country US or CA, else dmy)\n"
	       "  -m, --map=COLUMN=HEADER  fill COLUMN from the source column HEADER;\n"
	       "                           COLUMN= leaves COLUMN empty (repeatable)\n"
	       "      --no-merge           keep duplicate contacts as separate rows\n"
	       "  -r, --rejects=FILE       write unusable rows to FILE (file,line,reason,record)\n"
	       "      --excel-safe         neutralise cells a spreadsheet would run as formulas\n"
	       "  -n, --explain            show the dialect and column mapping, write no rows\n"
	       "  -h, --help               show this help and exit\n"
	       "  -V, --version            show the version and exit\n"
	       "\n"
	       "With no FILE, or when FILE is -, read standard input.  stderr ends with\n"
	       "'read N, wrote M, merged K, rejected R'.  Exit status: 0 done, 1 the input\n"
	       "had errors (rows rejected), 2 usage error or unreadable input.\n",
	       fu_progname);
}

static const struct option longopts[] = {
	{"kind", required_argument, NULL, 'k'},
	{"delimiter", required_argument, NULL, 'd'},
	{"encoding", required_argument, NULL, 'e'},
	{"country", required_argument, NULL, 'c'},
	{"date-order", required_argument, NULL, 'D'},
	{"map", required_argument, NULL, 'm'},
	{"no-merge", no_argument, NULL, 'M'},
	{"rejects", required_argument, NULL, 'r'},
	{"excel-safe", no_argument, NULL, 'x'},
	{"explain", no_argument, NULL, 'n'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

static char parse_delim(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		return '\t';
	if (strlen(s) == 1 && strchr(",;|", s[0]))
		return s[0];
	fu_usage_error("--delimiter: '%s' is not one of , ; tab |", s);
}

int main(int argc, char **argv)
{
	fu_init(argv[0]);
	/* the output is large and written in small pieces */
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	fu_import_opts o = {.country = "FI", .date_order = -1, .merge = 1};
	fu_import_map *maps = NULL;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":k:d:e:c:m:r:nhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (strcmp(optarg, "contacts") == 0)
				o.kind = HM_CONTACTS;
			else if (strcmp(optarg, "events") == 0)
				o.kind = HM_EVENTS;
			else
				fu_usage_error("--kind: '%s' is not contacts or events", optarg);
			break;
		case 'd': o.delim = parse_delim(optarg); break;
		case 'e': o.encoding = optarg; break;
		case 'c':
			if (!norm_country_known(optarg))
				fu_usage_error("--country: '%s' is not a country code we know (FI, SE, US ...)", optarg);
			o.country = optarg;
			break;
		case 'D':
			if (strcmp(optarg, "dmy") == 0)
				o.date_order = NORM_DMY;
			else if (strcmp(optarg, "mdy") == 0)
				o.date_order = NORM_MDY;
			else
				fu_usage_error("--date-order: '%s' is not dmy or mdy", optarg);
			break;
		case 'm': {
			char *eq = strchr(optarg, '=');
			if (eq == NULL)
				fu_usage_error("--map: '%s' is not COLUMN=HEADER", optarg);
			else
				*eq = '\0';
			if (hm_target_find(optarg) < 0)
				fu_usage_error("--map: '%s' is not a column fu-import fills", optarg);
			maps = fu_xrealloc(maps, (o.nmaps + 1) * sizeof *maps);
			maps[o.nmaps++] = (fu_import_map){optarg, eq + 1};
			break;
		}
		case 'M': o.merge = 0; break;
		case 'r': o.rejects = optarg; break;
		case 'x': o.excel_safe = 1; break;
		case 'n': o.explain = 1; break;
		case 'h': usage(); return FU_EXIT_OK;
		case 'V': fu_print_version();
		case ':': fu_usage_error("%s: needs an argument", argv[optind - 1]);
		default:
			if (optopt)
				fu_usage_error("-%c: unknown option", optopt);
			fu_usage_error("%s: unknown option", argv[optind - 1]);
		}
	}
	if (o.date_order < 0)
		o.date_order = strcasecmp(o.country, "US") == 0 || strcasecmp(o.country, "CA") == 0
		                   ? NORM_MDY : NORM_DMY;
	o.maps = maps;
	int st = fu_import(&o, argv + optind, argc - optind);
	free(maps);
	return st;
}

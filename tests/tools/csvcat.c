/* Test tool: read CSV with the fu reader, write it back with the fu writer.
 * Bad records are reported as the programs report them.  Usage:
 *   csvcat [-d DELIM] [-x] [-l] [-j] [FILE]   (-x excel-safe, -l prefix each row with its
 *   line, -j JSON Lines out) */
#include "fu.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	fu_init("csvcat");
	char delim = ',';
	int excel = 0, lines = 0, jsonl = 0, c;
	while ((c = getopt(argc, argv, "d:xlj")) != -1) {
		switch (c) {
		case 'd': delim = optarg[0] == 't' ? '\t' : optarg[0]; break;
		case 'x': excel = 1; break;
		case 'l': lines = 1; break;
		case 'j': jsonl = 1; break;
		default: return 2;
		}
	}
	fu_csv_reader *r = fu_csv_open_path(optind < argc ? argv[optind] : "-", delim);
	if (!r)
		return 2;
	fu_csv_writer w;
	fu_csv_writer_init(&w, stdout, excel);
	if (jsonl)
		fu_csv_writer_jsonl(&w);
	fu_record *rec;
	int got, status = 0;
	size_t width = 0, n = 0;
	while ((got = fu_csv_next(r, &rec)) > 0) {
		if (n++ == 0)
			width = rec->nfields;
		else
			fu_record_check_width(rec, width);
		if (rec->error) {
			fu_warn_at_col(fu_csv_name(r), rec->error_line ? rec->error_line : rec->line,
			               rec->error_col, "%s (record from line %ld: %zu bytes)", rec->error,
			               rec->line, rec->raw_len);
			status = 1;
			continue;
		}
		if (lines) {
			char b[32];
			snprintf(b, sizeof b, "%ld", rec->line);
			fu_csv_fields(&w, b);
		}
		fu_csv_row(&w, rec->fields, rec->nfields);
	}
	fu_csv_close(r);
	return got < 0 ? 2 : status;
}

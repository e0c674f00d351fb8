/* libFuzzer target: fu-import end to end over one foreign file — encoding
 * and delimiter guess, header mapping to fu's columns (and the --explain
 * description), each date column's order, every row normalised, merged or
 * rejected.  Rows go to /dev/null; the ledger must add up. */
#include "fu.h"
#include "lib/import.h"
#include "memfile.h"

#include <assert.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static FILE *devnull;
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
		fu_warn_cap = 1;
	}
	char *files[] = {(char *)memfile(data, size)};
	fu_rejects rejects = {0}; /* not opened: counted, not written */
	fu_import_opts o = {.country = "FI", .date_order = -1, .merge = (size & 1) != 0,
	                    .memory = 1 << 20, .rejects = &rejects};
	int st;
	fu_import *im = fu_import_open(&o, files, 1, &st);
	if (!im)
		return 0;
	if (size & 2)
		fu_import_explain(im, devnull);
	fu_csv_writer w;
	fu_csv_writer_init(&w, devnull, (size & 4) != 0);
	fu_import_write_header(im, &w);
	for (int i = 0; i < fu_import_ninputs(im); i++) {
		fu_record *rec;
		fu_import_begin(im, i);
		while (fu_import_next(im, &rec) > 0)
			fu_import_row(im, rec, &w);
		fu_import_end(im, &w);
	}
	fu_import_finish(im, &w);
	fu_import_ledger n;
	fu_import_ledger_get(im, &n);
	fu_import_close(im);
	fu_rejects_close(&rejects);
	assert(n.read == n.wrote + n.merged + n.rejected); /* every row accounted for */
	return 0;
}

/* libFuzzer target: the CSV reader over arbitrary bytes, with each delimiter
 * fu-import may use.  Every record must come back with its line set, and a
 * good record must be valid per its own field lengths. */
#include "fu.h"

#include <assert.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char delims[] = ",;\t|";
	for (size_t d = 0; d < sizeof delims - 1; d++) {
		FILE *fp = fmemopen((void *)data, size, "rb");
		if (!fp)
			return 0;
		fu_csv_reader *r = fu_csv_open(fp, "fuzz", delims[d]);
		fu_record *rec;
		long last = 0;
		while (fu_csv_next(r, &rec) > 0) {
			assert(rec->line > last);
			last = rec->line;
			for (size_t i = 0; i < rec->nfields && !rec->error; i++)
				assert(strlen(rec->fields[i]) <= rec->lens[i]);
		}
		fu_csv_close(r);
		fclose(fp);
	}
	return 0;
}

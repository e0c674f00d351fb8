/* libFuzzer target: fu-import end to end over one foreign file — encoding
 * and delimiter guess, header mapping to fu's columns (both kinds, and the
 * --explain description), every row normalised, merged or rejected.  The
 * output goes to /dev/null; the target checks it never crashes or leaks. */
#include "fu.h"
#include "lib/headermap.h"
#include "lib/import.h"
#include "memfile.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int started;
	if (!started++) {
		if (!freopen("/dev/null", "w", stdout))
			abort();
		fu_warn_cap = 1;
	}
	char *files[] = {(char *)memfile(data, size)};
	fu_import_opts o = {.country = "FI", .merge = (size & 1) != 0, .explain = (size & 6) == 6};
	fu_import(&o, files, 1);
	fflush(stdout);
	clearerr(stdout);
	return 0;
}

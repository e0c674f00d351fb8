/* libFuzzer target: a cadence file (fu-schedule --cadence): the CSV, each
 * step's anchor, offsets and repeat, and its eligible/stop conditions.  A
 * bad file must be refused with a message, never crash or leak. */
#include "fu.h"
#include "lib/cadence.h"
#include "memfile.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int quiet;
	if (!quiet++)
		fu_warn_cap = 1; /* one message per kind: the fuzzer's output stays readable */
	fu_cadence c;
	if (fu_cadence_load(&c, memfile(data, size)) == 0)
		fu_cadence_free(&c);
	return 0;
}

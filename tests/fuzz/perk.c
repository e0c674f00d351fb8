/* libFuzzer target: the --perk rule grammar, and the owed amount of what
 * was parsed.  A rule either parses or names a column inside it (or just
 * past its end). */
#include "fu.h"
#include "lib/referral.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s = fu_xstrndup((const char *)data, size);
	fu_perk p;
	const char *why;
	long col;
	if (fu_perk_parse(s, &p, &why, &col) == 0) {
		if (fu_perk_owed(&p, 3.5, 7) < 0)
			abort();
	} else if (col < 1 || (size_t)col > strlen(s) + 1 || !why) {
		abort();
	}
	free(s);
	return 0;
}

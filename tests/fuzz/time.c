/* libFuzzer target: ISO 8601 parsing, and formatting what was parsed. */
#include "fu.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s = fu_xstrndup((const char *)data, size);
	fu_time t;
	const char *why;
	if (fu_parse_time(s, "Europe/Helsinki", &t, &why) == 0) {
		char buf[64];
		fu_format_time(t.t, "UTC", buf, sizeof buf);
	}
	free(s);
	return 0;
}

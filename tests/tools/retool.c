/* Test tool for the pcre2 wrapper: retool PATTERN SUBJECT [i]
 * prints "match", "no match", or the error with its pattern offset. */
#include "fu.h"

#include <string.h>

int main(int argc, char **argv)
{
	fu_init("retool");
	if (argc < 3)
		return 2;
	char why[256];
	size_t off;
	fu_regex *re = fu_regex_compile(argv[1], strlen(argv[1]), argc > 3, why, sizeof why, &off);
	if (!re) {
		fu_warn("pattern:%zu: %s", off + 1, why);
		return 1;
	}
	int m = fu_regex_match(re, argv[2], strlen(argv[2]), why, sizeof why);
	if (m < 0)
		fu_warn("match: %s", why);
	else
		puts(m ? "match" : "no match");
	fu_regex_free(re);
	return m < 0;
}

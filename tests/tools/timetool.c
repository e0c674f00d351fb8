/* Test tool for the time functions.
 *   timetool parse TEXT [TZ]       -> epoch seconds and the time in TZ (or UTC)
 *   timetool wall Y-M-D H:M:S TZ   -> fu_mktime of a wall-clock time, shown in TZ
 *   timetool valid TZ              -> "yes" or "no"
 *   timetool now TEXT              -> fu_parse_now, shown in $TZ */
#include "fu.h"

#include <string.h>

int main(int argc, char **argv)
{
	fu_init("timetool");
	char buf[64];
	const char *why;
	if (argc >= 3 && strcmp(argv[1], "parse") == 0) {
		fu_time t;
		const char *tz = argc > 3 ? argv[3] : NULL;
		if (fu_parse_time(argv[2], tz, &t, &why) != 0) {
			fu_warn("%s: %s", argv[2], why);
			return 1;
		}
		fu_format_time(t.t, tz ? tz : "UTC", buf, sizeof buf);
		printf("%lld %s time=%d offset=%d\n", (long long)t.t, buf, t.has_time, t.has_offset);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "wall") == 0) {
		struct tm tm = {0};
		if (sscanf(argv[2], "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3 ||
		    sscanf(argv[3], "%d:%d:%d", &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 3)
			return 2;
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		int64_t t = fu_mktime(&tm, argv[4]);
		fu_format_time(t, argv[4], buf, sizeof buf);
		printf("%s\n", buf);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "valid") == 0) {
		puts(fu_tz_valid(argv[2]) ? "yes" : "no");
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "now") == 0) {
		int64_t now;
		if (fu_parse_now(argv[2], &now, &why) != 0) {
			fu_warn("%s: %s", argv[2], why);
			return 1;
		}
		fu_format_time(now, NULL, buf, sizeof buf);
		puts(buf);
		return 0;
	}
	return 2;
}

/* libFuzzer target: the timing grammar of fu-schedule and the zone edges.
 * Input lines: a zone name, a time (ISO 8601), a duration ("3bd"), a repeat
 * count, a send window ("09:00-17:00").  The time is moved by the duration
 * and into the window in that zone: at the DST gaps and folds, leap seconds,
 * years 1 to 9999, every result must format and parse back. */
#include "fu.h"
#include "lib/sched.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static char *next_line(char **p)
{
	char *s = *p, *nl = strchr(s, '\n');
	if (nl) {
		*nl = 0;
		*p = nl + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text = fu_xstrndup((const char *)data, size), *p = text;
	const char *tz = next_line(&p), *when = next_line(&p), *dur = next_line(&p),
	           *times = next_line(&p), *window = next_line(&p);
	const char *why;
	size_t pos;
	fu_time t;
	fu_dur d;
	int64_t now;
	fu_parse_now(when, &now, &why);
	if (!fu_tz_valid(tz))
		tz = "Europe/Helsinki";
	if (fu_parse_time(when, tz, &t, &why) == 0 && fu_dur_parse(dur, &d, &why, &pos) == 0) {
		char buf[64], back[64];
		fu_dur_format(&d, buf, sizeof buf);
		fu_dur again;
		assert(fu_dur_parse(buf, &again, &why, &pos) == 0 && again.n == d.n && again.unit == d.unit);
		fu_timing tm = {.business_days = times[0] == 'b', .win_start = -1, .win_end = -1};
		fu_window_parse(window, &tm.win_start, &tm.win_end);
		long n = strtol(times, NULL, 10) % 1000;
		int64_t due = fu_sched_adjust(&tm, fu_sched_add(&tm, t.t, &d, n, tz), tz);
		fu_format_time(due, tz, buf, sizeof buf);
		fu_time round;
		/* a time written with a four-digit year (1 to 9999 in that zone)
		 * parses back to itself */
		if (due > -62135596800 && buf[4] == '-') {
			assert(fu_parse_time(buf, tz, &round, &why) == 0 && round.t == due);
			fu_format_time(due, "UTC", back, sizeof back);
		}
		fu_local_day(due, tz);
	}
	free(text);
	return 0;
}

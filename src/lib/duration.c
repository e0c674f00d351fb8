/* Durations of a cadence and of the options: "30m", "24h", "7d", "2w",
 * "3bd" (sched.h). */
#include "fu.h"
#include "lib/sched.h"

#include <ctype.h>
#include <string.h>

int fu_dur_parse(const char *s, fu_dur *d, const char **why, size_t *errpos)
{
	size_t i = 0;
	while (s[i] == ' ')
		i++;
	if (!isdigit((unsigned char)s[i])) {
		*why = "an offset is a whole number and a unit (m, h, d, w, bd), as in 24h or 3bd";
		*errpos = i;
		return -1;
	}
	long n = 0;
	while (isdigit((unsigned char)s[i])) {
		if (n > 1000000) {
			*why = "offset too large";
			*errpos = i;
			return -1;
		}
		n = n * 10 + (s[i] - '0');
		i++;
	}
	size_t u = i;
	while (s[i] == ' ')
		i++;
	u = i;
	while (isalpha((unsigned char)s[i]))
		i++;
	size_t ul = i - u;
	const char *unit = s + u;
	d->n = n;
#define IS(w) (ul == strlen(w) && strncmp(unit, w, ul) == 0)
	if (ul == 0 && n == 0)
		d->unit = FU_MIN;
	else if (IS("m") || IS("min") || IS("mins") || IS("minutes"))
		d->unit = FU_MIN;
	else if (IS("h") || IS("hours"))
		d->unit = FU_HOUR;
	else if (IS("d") || IS("days"))
		d->unit = FU_DAY;
	else if (IS("w") || IS("weeks"))
		d->unit = FU_WEEK;
	else if (IS("bd"))
		d->unit = FU_BDAY;
	else {
		*why = ul ? "unknown unit (use m, h, d, w or bd)" : "missing unit (m, h, d, w or bd)";
		*errpos = u;
		return -1;
	}
#undef IS
	while (s[i] == ' ')
		i++;
	if (s[i] != '\0') {
		*why = "unexpected text after the offset";
		*errpos = i;
		return -1;
	}
	return 0;
}

void fu_dur_format(const fu_dur *d, char *buf, size_t size)
{
	static const char *units[] = {"m", "h", "d", "w", "bd"};
	snprintf(buf, size, "%ld%s", d->n, units[d->unit]);
}

int64_t fu_dur_seconds(const fu_dur *d)
{
	static const int64_t secs[] = {60, 3600, 86400, 7 * 86400, 86400};
	return d->n * secs[d->unit];
}

/* Is the unit of S (a duration fu_dur_parse read) a bare "m"? */
static int bare_m(const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return n >= 2 && s[n - 1] == 'm' && !isalpha((unsigned char)s[n - 2]);
}

int64_t fu_dur_option(const char *opt, const char *arg, int flags, int64_t max, const char *max_text)
{
	fu_dur d;
	const char *why;
	size_t pos;
	if (fu_dur_parse(arg, &d, &why, &pos) != 0) {
		if (flags & FU_DUR_DAYS)
			fu_usage_error("%s '%s': not a duration in days or weeks (e.g. 90d, 26w: half a year, "
			               "52w: a year)", opt, arg);
		fu_usage_error("%s '%s': %s", opt, arg, why);
	}
	int64_t sec = fu_dur_seconds(&d);
	if ((flags & FU_DUR_DAYS) && (sec < 86400 || bare_m(arg)) && !(sec == 0 && (flags & FU_DUR_ZERO)))
		fu_usage_error("%s '%s': at least a day, in days or weeks (e.g. 90d, 26w; m is minutes)", opt, arg);
	if ((flags & FU_DUR_NOT_M) && bare_m(arg) && sec)
		fu_usage_error("%s '%s': m is minutes: give hours, days or weeks (e.g. 12h, 90d, 13w), "
		               "or 30min for minutes", opt, arg);
	if (max > 0 && sec > max)
		fu_usage_error("%s '%s': at most %s", opt, arg, max_text);
	return sec;
}

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

/* Timing in a contact's own zone: offsets, business days, holidays and the
 * send window.  Every wall-clock step goes through fu_localtime/fu_mktime, so
 * DST gaps move forward and overlaps take the earlier instant. */
#include "fu.h"
#include "lib/reader.h"
#include "lib/sched.h"

#include <ctype.h>
#include <stdlib.h>
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

static int cmp_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int fu_holidays_load(fu_holidays *h, const char *path)
{
	static const char *const required[] = {"date", NULL};
	fu_reader r;
	int got = fu_reader_open(&r, path, "a holidays file", required, NULL);
	if (got != 0)
		return got < 0 ? -1 : 0; /* an empty file: no holidays */
	long col = fu_reader_col(&r, "date");
	size_t cap = 0;
	int bad = 0;
	fu_record *rec;
	int rc;
	/* a holiday misread is mail sent on a holiday: the first bad line stops */
	while (!bad && (rc = fu_reader_next(&r, &rec)) == 1) {
		const char *s = rec->fields[col];
		fu_time ft;
		const char *why;
		if (fu_parse_time(s, "UTC", &ft, &why) != 0 || ft.has_time) {
			long line, at;
			fu_record_pos(rec, (size_t)col, 0, &line, &at);
			fu_warn_at_col(fu_input_name(path), line, at,
			               "bad date \"%s\": %s", s,
			               ft.has_time || !why ? "a holiday is a date, YYYY-MM-DD" : why);
			bad = 1;
			break;
		}
		if (h->n == cap) {
			cap = cap ? cap * 2 : 32;
			h->days = fu_xrealloc(h->days, cap * sizeof *h->days);
		}
		h->days[h->n++] = ft.t / 86400;
	}
	bad |= r.n.rejected > 0 || rc < 0;
	fu_reader_close(&r);
	if (bad)
		return -1;
	if (h->n) /* days is NULL when no row was good */
		qsort(h->days, h->n, sizeof *h->days, cmp_day);
	return 0;
}

int fu_holidays_has(const fu_holidays *h, int64_t day)
{
	if (!h || h->n == 0)
		return 0;
	return bsearch(&day, h->days, h->n, sizeof *h->days, cmp_day) != NULL;
}

int fu_window_parse(const char *s, int *start, int *end)
{
	int h1, m1, h2, m2;
	char tail;
	if (sscanf(s, "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2, &m2, &tail) != 4)
		return -1;
	if (h1 < 0 || h1 > 23 || m1 < 0 || m1 > 59 || h2 < 0 || h2 > 24 || m2 < 0 || m2 > 59 ||
	    (h2 == 24 && m2 != 0))
		return -1;
	*start = h1 * 60 + m1;
	*end = h2 * 60 + m2;
	return *start < *end ? 0 : -1;
}

int fu_is_business_day(const fu_timing *tm, int64_t day)
{
	return fu_weekday(day) < 5 && !fu_holidays_has(tm->holidays, day);
}

int64_t fu_local_day(int64_t t, const char *tz)
{
	struct tm lt;
	fu_localtime(t, tz, &lt);
	return fu_days_from_civil(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
}

/* the instant of wall time DAY h:m:s in TZ */
static int64_t at_wall(int64_t day, int h, int m, int s, const char *tz)
{
	int y, mo, d;
	fu_civil_from_days(day, &y, &mo, &d);
	return fu_wall_time(y, mo, d, h, m, s, tz);
}

int64_t fu_sched_add(const fu_timing *tm, int64_t t, const fu_dur *d, long times, const char *tz)
{
	long n = d->n * times;
	if (n == 0)
		return t;
	if (d->unit == FU_MIN || d->unit == FU_HOUR)
		return t + times * fu_dur_seconds(d);
	struct tm lt;
	fu_localtime(t, tz, &lt);
	int64_t day = fu_days_from_civil(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
	if (d->unit == FU_DAY)
		day += n;
	else if (d->unit == FU_WEEK)
		day += 7 * n;
	else
		for (long k = 0; k < n;) {
			day++;
			if (fu_is_business_day(tm, day))
				k++;
		}
	return at_wall(day, lt.tm_hour, lt.tm_min, lt.tm_sec, tz);
}

int64_t fu_sched_adjust(const fu_timing *tm, int64_t t, const char *tz)
{
	if (!tm->business_days && tm->win_start < 0)
		return t;
	int start = tm->win_start < 0 ? 0 : tm->win_start;
	for (int guard = 0; guard < 800; guard++) {
		struct tm lt;
		fu_localtime(t, tz, &lt);
		int64_t day = fu_days_from_civil(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
		int minute = lt.tm_hour * 60 + lt.tm_min;
		if (tm->business_days && !fu_is_business_day(tm, day)) {
			t = at_wall(day + 1, start / 60, start % 60, 0, tz);
			continue;
		}
		if (tm->win_start >= 0) {
			if (minute < tm->win_start) {
				int64_t u = at_wall(day, start / 60, start % 60, 0, tz);
				if (u <= t) /* the opening fell in a DST gap before t */
					return t;
				t = u;
				continue;
			}
			if (minute >= tm->win_end) {
				t = at_wall(day + 1, start / 60, start % 60, 0, tz);
				continue;
			}
		}
		return t;
	}
	return t; /* 800 days of holidays: give up moving */
}

int fu_sched_open(const fu_timing *tm, int64_t now, const char *tz)
{
	if (!tm->business_days && tm->win_start < 0)
		return 1;
	struct tm lt;
	fu_localtime(now, tz, &lt);
	int64_t day = fu_days_from_civil(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
	int minute = lt.tm_hour * 60 + lt.tm_min;
	if (tm->business_days && !fu_is_business_day(tm, day))
		return 0;
	return tm->win_start < 0 || (minute >= tm->win_start && minute < tm->win_end);
}

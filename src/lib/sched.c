/* Timing in a contact's own zone: offsets added, business days, the send
 * window.  Every wall-clock step goes through fu_localtime/fu_mktime, so
 * DST gaps move forward and overlaps take the earlier instant.  Durations
 * are read in duration.c, holidays in holidays.c. */
#include "fu.h"
#include "lib/sched.h"

#include <stdlib.h>
#include <string.h>

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

/* the weekend of calendar CAL (Saturday-Sunday without one) */
static unsigned weekend(const fu_holidays *cal)
{
	return cal ? cal->weekend : FU_WEEKEND_SAT_SUN;
}

/* a business day on calendar CAL (the contact's zone's) */
static int business_day(const fu_holidays *cal, int64_t day)
{
	return !(weekend(cal) >> fu_weekday(day) & 1) && !fu_holidays_has(cal, day);
}

int fu_is_business_day(const fu_timing *tm, int64_t day, const char *tz)
{
	return business_day(fu_holidays_in(tm->holidays, tz), day);
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

/* the holidays on working weekdays in the days (from, to] */
static long weekday_holidays(const fu_holidays *h, int64_t from, int64_t to)
{
	if (!h || h->n == 0)
		return 0;
	size_t lo = 0, hi = h->n; /* the first holiday after FROM */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->days[mid] <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	long n = 0;
	for (size_t i = lo; i < h->n && h->days[i] <= to; i++)
		n += !(h->weekend >> fu_weekday(h->days[i]) & 1);
	return n;
}

/* the N-th business day after DAY: whole weeks at a time (seven days hold
 * the working weekdays, five but for another weekend, less their holidays),
 * the last few day by day, so an occurrence years after its anchor costs
 * weeks, not days */
static int64_t add_business_days(const fu_holidays *cal, int64_t day, long n)
{
	long per_week = 0; /* 1 to 7: a weekend of every day is refused */
	for (int d = 0; d < 7; d++)
		per_week += !(weekend(cal) >> d & 1);
	while (n > 2 * per_week) {
		long w = n / per_week - 1;
		int64_t to = day + 7 * (int64_t)w;
		long got = per_week * w - weekday_holidays(cal, day, to);
		if (got <= 0) /* weeks of holidays: day by day */
			break;
		n -= got;
		day = to;
	}
	for (long k = 0; k < n;) {
		day++;
		if (business_day(cal, day))
			k++;
	}
	return day;
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
		day = add_business_days(fu_holidays_in(tm->holidays, tz), day, n);
	return at_wall(day, lt.tm_hour, lt.tm_min, lt.tm_sec, tz);
}

int64_t fu_sched_adjust(const fu_timing *tm, int64_t t, const char *tz)
{
	if (!tm->business_days && tm->win_start < 0)
		return t;
	int start = tm->win_start < 0 ? 0 : tm->win_start;
	const fu_holidays *cal = fu_holidays_in(tm->holidays, tz);
	for (int guard = 0; guard < 800; guard++) {
		struct tm lt;
		fu_localtime(t, tz, &lt);
		int64_t day = fu_days_from_civil(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
		int minute = lt.tm_hour * 60 + lt.tm_min;
		if (tm->business_days && !business_day(cal, day)) {
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
	if (tm->business_days && !fu_is_business_day(tm, day, tz))
		return 0;
	return tm->win_start < 0 || (minute >= tm->win_start && minute < tm->win_end);
}

/* ISO 8601 dates and times.  Civil-date arithmetic is plain integer maths
 * (Howard Hinnant's days_from_civil); everything about time zones goes through
 * the C library and the system tz database by switching TZ. */
#include "fu.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int fu_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int fu_valid_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= fu_days_in_month(y, m);
}

int64_t fu_days_from_civil(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void fu_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int fu_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0) */
	int64_t w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* ---- time zones --------------------------------------------------------- */

static int tz_saved;
static char *tz_orig; /* $TZ as the user gave it, or NULL */
static char *tz_cur;  /* the zone TZ is set to now; NULL = tz_orig */

static void use_zone(const char *tz)
{
	if (!tz_saved) {
		const char *e = getenv("TZ");
		tz_orig = e ? fu_xstrdup(e) : NULL;
		tz_saved = 1;
		tzset();
	}
	if (tz == NULL && tz_cur == NULL)
		return;
	if (tz && tz_cur && strcmp(tz, tz_cur) == 0)
		return;
	free(tz_cur);
	tz_cur = tz ? fu_xstrdup(tz) : NULL;
	const char *want = tz ? tz : tz_orig;
	if (want)
		setenv("TZ", want, 1);
	else
		unsetenv("TZ");
	tzset();
}

int fu_tz_valid(const char *name)
{
	if (!name || !*name || name[0] == '/' || name[0] == '.' || strstr(name, "..") || strlen(name) > 128)
		return 0;
	for (const char *p = name; *p; p++)
		if (!(isalnum((unsigned char)*p) || strchr("/_-+", *p)))
			return 0;
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	char magic[4];
	int ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok;
}

int fu_localtime(int64_t t, const char *tz, struct tm *out)
{
	use_zone(tz);
	time_t tt = (time_t)t;
	return localtime_r(&tt, out) ? 0 : -1;
}

static long offset_at(int64_t t, const char *tz)
{
	struct tm tm;
	if (fu_localtime(t, tz, &tm) != 0)
		return 0;
	return tm.tm_gmtoff;
}

static int same_wall(const struct tm *a, const struct tm *b)
{
	return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon && a->tm_mday == b->tm_mday &&
	       a->tm_hour == b->tm_hour && a->tm_min == b->tm_min && a->tm_sec == b->tm_sec;
}

int64_t fu_mktime(const struct tm *local, const char *tz)
{
	/* the wall time read as if it were UTC (fields may be out of range, as
	 * with mktime), then corrected by the zone's offset: try the offsets a
	 * day before and a day after, the two sides of any transition near it */
	int64_t days = fu_days_from_civil(local->tm_year + 1900, 1, 1);
	for (int m = 0; m < local->tm_mon && m < 12; m++)
		days += fu_days_in_month(local->tm_year + 1900, m + 1);
	days += local->tm_mday - 1;
	int64_t wall = days * 86400 + (int64_t)local->tm_hour * 3600 + local->tm_min * 60 + local->tm_sec;
	time_t wall_tt = (time_t)wall;
	struct tm want;
	gmtime_r(&wall_tt, &want);
	long offs[2] = {offset_at(wall - 86400, tz), offset_at(wall + 86400, tz)};
	int64_t best = 0;
	int found = 0;
	for (int i = 0; i < 2; i++) {
		int64_t t = wall - offs[i];
		struct tm check;
		if (fu_localtime(t, tz, &check) == 0 && same_wall(&check, &want) && (!found || t < best)) {
			best = t; /* in an overlap, the earlier instant */
			found = 1;
		}
	}
	if (!found) /* in a gap: the offset before it moves the time forward by the gap */
		best = wall - offs[0];
	return best;
}

int64_t fu_wall_time(int y, int m, int d, int h, int mi, int s, const char *tz)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return fu_mktime(&tm, tz);
}

/* ---- parsing and formatting --------------------------------------------- */

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int fu_parse_time(const char *s, const char *tz, fu_time *out, const char **why)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	memset(out, 0, sizeof *out);
	*why = "not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])";
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (!fu_valid_date(y, mo, d)) {
		*why = "no such date";
		return -1;
	}
	const char *p = s + 10;
	if (*p == 'T' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (digits(p, 2, &h) || p[2] != ':' || digits(p + 3, 2, &mi))
			return -1;
		p += 5;
		if (*p == ':') {
			if (digits(p + 1, 2, &sec))
				return -1;
			p += 3;
			if (*p == '.' || *p == ',') { /* fractions of a second are dropped */
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 59) {
			*why = "no such time of day";
			return -1;
		}
		out->has_time = 1;
		if (*p == 'Z' || *p == 'z') {
			out->has_offset = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1, oh, om = 0;
			p++;
			if (digits(p, 2, &oh))
				return -1;
			p += 2;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p)) {
				if (digits(p, 2, &om))
					return -1;
				p += 2;
			}
			if (oh > 18 || om > 59) {
				*why = "no such UTC offset";
				return -1;
			}
			out->has_offset = 1;
			out->offset_min = sign * (oh * 60 + om);
		}
	}
	if (*p != '\0')
		return -1;
	if (out->has_offset) {
		int64_t days = fu_days_from_civil(y, mo, d);
		out->t = days * 86400 + h * 3600 + mi * 60 + sec - (int64_t)out->offset_min * 60;
	} else {
		out->t = fu_wall_time(y, mo, d, h, mi, sec, tz);
	}
	*why = NULL;
	return 0;
}

void fu_format_date(int64_t days, char *buf, size_t size)
{
	int y, m, d;
	fu_civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

void fu_format_time(int64_t t, const char *tz, char *buf, size_t size)
{
	struct tm tm;
	if (tz && strcmp(tz, "UTC") == 0) {
		time_t tt = (time_t)t;
		gmtime_r(&tt, &tm);
		snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
		return;
	}
	fu_localtime(t, tz, &tm);
	long off = tm.tm_gmtoff / 60;
	if (tm.tm_gmtoff % 60 != 0) {
		/* local mean time before standard zones (Helsinki +01:39:49): the
		 * offset is written in whole minutes, so the wall time is shown for
		 * that offset, and the text still names the instant T exactly */
		time_t shifted = (time_t)(t + off * 60);
		gmtime_r(&shifted, &tm);
	}
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 60, off % 60);
}

int fu_parse_now(const char *s, int64_t *now, const char **why)
{
	if (!s) {
		*now = (int64_t)time(NULL);
		return 0;
	}
	fu_time ft;
	if (fu_parse_time(s, NULL, &ft, why) != 0)
		return -1;
	if (!ft.has_time) {
		/* a date means the end of that day: its events all count.  The next
		 * midnight less a second; a day past the month's end is normalised. */
		struct tm tm;
		fu_localtime(ft.t + 12 * 3600, NULL, &tm);
		ft.t = fu_wall_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + 1, 0, 0, 0, NULL) - 1;
	}
	if (ft.t > FU_TIME_LAST || ft.t < FU_TIME_FIRST) {
		/* (a zone east of UTC would write --now itself in the year 10000) */
		*why = ft.t > FU_TIME_LAST ? "after 9999-12-30T23:59:59Z: the year 10000 has begun in some time "
		                             "zone, and its times cannot be written"
		                           : "before 0001-01-02T00:00:00Z: the year 0 has not ended in some time "
		                             "zone, and its times cannot be written";
		return -1;
	}
	*now = ft.t;
	return 0;
}

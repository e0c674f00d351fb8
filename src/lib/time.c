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

/* a zone name as a cell may hold it (" Europe/Helsinki ", a trailing
 * NBSP from a spreadsheet): blanks around it trimmed into BUF.  NULL when
 * nothing is left.  A name that starts and ends with a letter or digit, as
 * every zone does, is returned as it is (the common case, and fast). */
const char *fu_tz_name(const char *tz, char *buf, size_t size)
{
	if (!tz || !*tz)
		return NULL;
	size_t n = strlen(tz);
	if (isalnum((unsigned char)tz[0]) && isalnum((unsigned char)tz[n - 1]))
		return tz;
	if (n >= size)
		return tz; /* too long for a zone: refused as it is */
	memcpy(buf, tz, n + 1);
	return fu_trim(buf, n) ? buf : NULL;
}

static void use_zone(const char *tz)
{
	char name[160];
	if (tz && !(tz = fu_tz_name(tz, name, sizeof name)))
		tz = NULL; /* a blank zone: $TZ */
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
	char trimmed[160];
	name = fu_tz_name(name, trimmed, sizeof trimmed);
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

/* ---- zones whose offset never changes ------------------------------------
 * UTC, Etc/GMT-2 ...: the zone's file lists no transitions and one local
 * time type, and its rule for later times has no daylight saving.  Local
 * time there is plain arithmetic; the C library's zone machinery (a lock,
 * a look at $TZ, a search of the transitions) was a tenth of fu-schedule's
 * run in UTC.  Any other zone, or a file that cannot be read, goes to the
 * C library as before. */

struct fixed_zone {
	char name[72];  /* the name asked for; "" for $TZ */
	int fixed;      /* 1: OFF always */
	long off;       /* seconds east of UTC */
	int isdst;
	char abbr[16];
};
static struct fixed_zone fixed_zones[16];
static int nfixed;

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* read the zone file PATH: is it a fixed offset? */
static void read_fixed(const char *path, struct fixed_zone *z)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return;
	unsigned char buf[4096];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	if (n < 44 || memcmp(buf, "TZif", 4) != 0)
		return;
	/* counts: isut, isstd, leap, time, type, char; the version 2+ part
	 * (64-bit times) follows the version 1 part, then the rule */
	const unsigned char *h = buf;
	size_t at = 0;
	for (int part = 0; part < 2; part++) {
		if (at + 44 > n || memcmp(buf + at, "TZif", 4) != 0)
			return;
		h = buf + at;
		uint32_t isut = be32(h + 20), isstd = be32(h + 24), leap = be32(h + 28), times = be32(h + 32),
		         types = be32(h + 36), chars = be32(h + 40);
		if (times != 0 || types != 1 || leap != 0 || chars > 64)
			return;
		size_t tsize = part ? 8 : 4;
		size_t data = 6 + chars + isstd + isut;
		if (part == 1 || h[4] < '2') { /* the part read: its one type */
			if (at + 44 + data > n)
				return;
			const unsigned char *ti = h + 44;
			if (ti[5] >= chars)
				return;
			z->off = (long)(int32_t)be32(ti);
			z->isdst = ti[4] != 0;
			size_t len = strnlen((const char *)ti + 6 + ti[5], chars - ti[5]);
			if (len >= sizeof z->abbr)
				return;
			memcpy(z->abbr, ti + 6 + ti[5], len);
			z->abbr[len] = '\0';
			if (h[4] < '2') {
				z->fixed = 1;
				return;
			}
			/* the rule for times after the table: no daylight saving in it */
			const unsigned char *rule = h + 44 + data, *end = buf + n;
			if (rule >= end || *rule != '\n')
				return;
			for (rule++; rule < end && *rule != '\n'; rule++)
				if (*rule == ',')
					return;
			z->fixed = rule < end;
			return;
		}
		at += 44 + data + leap * (tsize + 4) + times * (tsize + 1);
	}
}

/* the zone TZ (NULL: $TZ as the program found it), if its offset never changes */
static const struct fixed_zone *fixed_zone(const char *tz)
{
	char trimmed[160];
	if (tz && !(tz = fu_tz_name(tz, trimmed, sizeof trimmed)))
		tz = NULL; /* a blank zone: $TZ */
	const char *name = tz ? tz : "";
	for (int i = 0; i < nfixed; i++)
		if (strcmp(fixed_zones[i].name, name) == 0)
			return fixed_zones[i].fixed ? &fixed_zones[i] : NULL;
	if (strlen(name) >= sizeof fixed_zones[0].name || nfixed == (int)(sizeof fixed_zones / sizeof *fixed_zones))
		return NULL;
	struct fixed_zone *z = &fixed_zones[nfixed++];
	memset(z, 0, sizeof *z);
	strcpy(z->name, name);
	use_zone(NULL); /* saves $TZ as found */
	const char *spec = tz ? tz : tz_orig;
	char path[512];
	const char *dir = getenv("TZDIR");
	if (!spec) {
		snprintf(path, sizeof path, "/etc/localtime");
	} else {
		if (*spec == ':')
			spec++;
		if (!*spec || strstr(spec, ".."))
			return NULL; /* (an empty $TZ is UTC to the C library: left to it) */
		if (*spec == '/')
			snprintf(path, sizeof path, "%s", spec);
		else
			snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", spec);
	}
	read_fixed(path, z);
	return z->fixed ? z : NULL;
}

/* T in a fixed zone, as localtime_r gives it */
static void fixed_localtime(int64_t t, const struct fixed_zone *z, struct tm *out)
{
	int64_t local = t + z->off;
	int64_t days = local / 86400 - (local % 86400 < 0), secs = local - days * 86400;
	int y, m, d;
	fu_civil_from_days(days, &y, &m, &d);
	memset(out, 0, sizeof *out);
	out->tm_year = y - 1900;
	out->tm_mon = m - 1;
	out->tm_mday = d;
	out->tm_hour = (int)(secs / 3600);
	out->tm_min = (int)(secs / 60 % 60);
	out->tm_sec = (int)(secs % 60);
	out->tm_wday = (fu_weekday(days) + 1) % 7; /* Sunday 0 */
	out->tm_yday = (int)(days - fu_days_from_civil(y, 1, 1));
	out->tm_isdst = z->isdst;
	out->tm_gmtoff = z->off;
	out->tm_zone = z->abbr;
}

int fu_localtime(int64_t t, const char *tz, struct tm *out)
{
	const struct fixed_zone *z = fixed_zone(tz);
	if (z && t > -((int64_t)1 << 40) && t < ((int64_t)1 << 40)) {
		fixed_localtime(t, z, out);
		return 0;
	}
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
	const struct fixed_zone *z = fixed_zone(tz);
	if (z && wall > -((int64_t)1 << 40) && wall < ((int64_t)1 << 40))
		return wall - z->off; /* no gap, no overlap */
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

/* N as DIGITS decimal digits at P (0 <= N < 10^DIGITS) */
static char *put_digits(char *p, long n, int digits)
{
	for (int i = digits - 1; i >= 0; i--, n /= 10)
		p[i] = (char)('0' + n % 10);
	return p + digits;
}

void fu_format_time(int64_t t, const char *tz, char *buf, size_t size)
{
	struct tm tm;
	char trimmed[160];
	if (tz && !(tz = fu_tz_name(tz, trimmed, sizeof trimmed)))
		tz = NULL;
	int utc = tz && strcmp(tz, "UTC") == 0;
	long off = 0;
	if (utc) {
		time_t tt = (time_t)t;
		gmtime_r(&tt, &tm);
	} else {
		fu_localtime(t, tz, &tm);
		off = tm.tm_gmtoff / 60;
		if (tm.tm_gmtoff % 60 != 0) {
			/* local mean time before standard zones (Helsinki +01:39:49): the
			 * offset is written in whole minutes, so the wall time is shown for
			 * that offset, and the text still names the instant T exactly */
			time_t shifted = (time_t)(t + off * 60);
			gmtime_r(&shifted, &tm);
		}
	}
	int year = tm.tm_year + 1900;
	if (year < 0 || year > 9999 || size < 26) { /* (not for the digits below) */
		char sign = off < 0 ? '-' : '+';
		long a = off < 0 ? -off : off;
		if (utc)
			snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, tm.tm_mon + 1, tm.tm_mday,
			         tm.tm_hour, tm.tm_min, tm.tm_sec);
		else
			snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", year, tm.tm_mon + 1,
			         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, a / 60, a % 60);
		return;
	}
	/* YYYY-MM-DDTHH:MM:SS and Z or +HH:MM, by hand: snprintf was a good part
	 * of writing a task */
	char *p = put_digits(buf, year, 4);
	*p++ = '-';
	p = put_digits(p, tm.tm_mon + 1, 2);
	*p++ = '-';
	p = put_digits(p, tm.tm_mday, 2);
	*p++ = 'T';
	p = put_digits(p, tm.tm_hour, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_min, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_sec, 2);
	if (utc) {
		*p++ = 'Z';
	} else {
		long a = off < 0 ? -off : off;
		*p++ = off < 0 ? '-' : '+';
		if (a / 60 > 99) { /* (no zone is this far off) */
			snprintf(p, size - (size_t)(p - buf), "%02ld:%02ld", a / 60, a % 60);
			return;
		}
		p = put_digits(p, a / 60, 2);
		*p++ = ':';
		p = put_digits(p, a % 60, 2);
	}
	*p = '\0';
}

int64_t fu_day_end(int32_t day, const char *tz)
{
	/* asked for once or twice per contact, of a few zones: remembered, as
	 * each answer costs several localtime calls (and a zone switch) */
	static struct {
		int32_t day;
		int64_t end;
		char tz[64];
		int used;
	} memo[32];
	char trimmed[160];
	if (tz && !(tz = fu_tz_name(tz, trimmed, sizeof trimmed)))
		tz = NULL;
	const char *name = tz ? tz : "";
	size_t n = strlen(name);
	uint32_t h = (uint32_t)day * 2654435761u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	unsigned k = h % (sizeof memo / sizeof *memo);
	if (memo[k].used && memo[k].day == day && strcmp(memo[k].tz, name) == 0)
		return memo[k].end;
	int y, m, d;
	fu_civil_from_days((int64_t)day + 1, &y, &m, &d);
	int64_t end = fu_wall_time(y, m, d, 0, 0, 0, tz) - 1;
	if (n < sizeof memo[k].tz) {
		memo[k].used = 1;
		memo[k].day = day;
		memo[k].end = end;
		memcpy(memo[k].tz, name, n + 1);
	}
	return end;
}

int fu_now_date(const char *s, int32_t *day)
{
	fu_time ft;
	const char *why;
	if (!s || fu_parse_time(s, "UTC", &ft, &why) != 0 || ft.has_time)
		return 0;
	*day = (int32_t)(ft.t / 86400 - (ft.t % 86400 < 0)); /* (its UTC midnight) */
	return 1;
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

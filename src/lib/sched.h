/* sched.h — timing for fu-schedule, all in a contact's own zone: durations
 * (duration.c), holidays (holidays.c), and the send window, business days
 * and offsets added to times (sched.c). */
#ifndef FU_SCHED_H
#define FU_SCHED_H

#include "fu.h"

#include <stddef.h>
#include <stdint.h>

enum fu_unit { FU_MIN, FU_HOUR, FU_DAY, FU_WEEK, FU_BDAY };

typedef struct {
	long n;
	enum fu_unit unit;
} fu_dur;

/* "30m" "30min" "24h" "7d" "2w" "3bd" "0"; returns 0, or -1 with *why and
 * *errpos (0-based byte offset of the problem). */
int fu_dur_parse(const char *s, fu_dur *d, const char **why, size_t *errpos);
/* canonical text: "30m", "24h", "7d", "2w", "3bd" */
void fu_dur_format(const fu_dur *d, char *buf, size_t size);
/* length in seconds, for minutes/hours/days/weeks (business days count as days) */
int64_t fu_dur_seconds(const fu_dur *d);

/* A duration given as an option's value, read one way by every program:
 * OPT names the option in a usage error (exit 2) for text that is no
 * duration.  FU_DUR_DAYS: a span of days (a revenue window, a cooldown):
 * at least a day, never in minutes: "3m" is minutes in fu(7) and meant as
 * months, so it is refused rather than read as three minutes.
 * FU_DUR_ZERO: with FU_DUR_DAYS, 0 (none) may be given too.  FU_DUR_NOT_M:
 * a bare "m" is refused (hours and "30min" are fine, and 0).  MAX > 0:
 * at most that many seconds (MAX_TEXT says it, as "5200w").  Returns the
 * seconds. */
enum { FU_DUR_DAYS = 1, FU_DUR_ZERO = 2, FU_DUR_NOT_M = 4 };
int64_t fu_dur_option(const char *opt, const char *arg, int flags, int64_t max, const char *max_text);

/* Where one file's calendar (for one scope) ends: a calendar made for a
 * year says nothing of the next, so a plan past it is told (fu-schedule). */
typedef struct {
	char *file;       /* as fu_input_name shows it */
	char scope[64];   /* "" for everybody, else the country or zone */
	int64_t last_day; /* its latest day */
} fu_holiday_end;

/* weekend days as a mask: bit 0 Monday ... bit 6 Sunday (fu_weekday) */
#define FU_WEEKEND_SAT_SUN 0x60u

typedef struct fu_holidays {
	int64_t *days; /* sorted day numbers (fu_days_from_civil): everybody's */
	size_t n;
	unsigned weekend; /* a zone's calendar (fu_holidays_in): its weekend days */
	struct fu_weekend_rule *weekends; /* --weekend [SCOPE=]DAYS, in order given */
	size_t nweekends;
	struct fu_holiday_scope *scopes; /* the days of a country or of a zone */
	size_t nscopes;
	struct fu_holiday_cache *cache;  /* each zone's calendar (fu_holidays_in) */
	fu_holiday_end *ends;            /* each file's (and scope's) last day */
	size_t nends;
} fu_holidays;

/* Load a CSV with a `date` column (YYYY-MM-DD), adding its days to those H
 * holds (several calendars: days of any).  A row's `country` (FI, Finland)
 * or `tz` (America/New_York) column, when the file has one and the row
 * fills it, makes the day a holiday only for contacts in that country (by
 * their zone) or zone; ARG may be SCOPE=FILE (FI=holidays-fi.csv), a scope
 * for the file's rows that name none.  Returns 0, or -1 (reported,
 * file:line:col) if the file cannot be read or a line is bad: a misread
 * holiday would put mail on it, so nothing is planned on a partly read
 * calendar. */
int fu_holidays_load(fu_holidays *h, const char *arg);
/* A weekend for the contacts of a scope: ARG is DAYS or SCOPE=DAYS (IL=fri,sat;
 * days by name, mon or Monday, or "none"), a scope as in fu_holidays_load.
 * Returns 0, or -1 with *WHY. */
int fu_holidays_weekend(fu_holidays *h, const char *arg, const char **why);
/* The calendar of a contact in zone TZ (NULL: $TZ): everybody's days, its
 * country's and its zone's (a territory's, such as AX, with its country's,
 * FI; a zone by any of its names, Europe/Kiev Europe/Kyiv), and the weekend
 * there: by --weekend for its zone, its country or everybody, else its
 * country's (Friday-Saturday in IL, SA ...), else Saturday-Sunday. */
const fu_holidays *fu_holidays_in(const fu_holidays *h, const char *tz);
/* When every calendar given is scoped: the countries (or zones) of the
 * contacts whose calendar was asked for and that no scope reached, in OUT
 * ("AX (Europe/Mariehamn), DE (Europe/Berlin)", eight at most); their number */
size_t fu_holidays_uncovered(const fu_holidays *h, fu_buf *out);
int fu_holidays_has(const fu_holidays *h, int64_t day);
void fu_holidays_free(fu_holidays *h);

typedef struct {
	const fu_holidays *holidays; /* may be NULL */
	int business_days;           /* move every due time onto a business day */
	int win_start, win_end;      /* send window in minutes of the day; -1 = none */
} fu_timing;

/* "09:00-17:00" -> minutes; returns 0 or -1 */
int fu_window_parse(const char *s, int *start, int *end);
/* Is DAY (a local calendar day) a business day in zone TZ: not on its
 * weekend (Saturday-Sunday without a calendar), no holiday of its calendar? */
int fu_is_business_day(const fu_timing *tm, int64_t day, const char *tz);
/* T + TIMES * D in zone TZ: minutes and hours as elapsed time; days and
 * weeks keep the wall-clock time across DST changes; business days skip
 * weekends and holidays. */
int64_t fu_sched_add(const fu_timing *tm, int64_t t, const fu_dur *d, long times, const char *tz);
/* Move T to the next moment allowed by the send window and, with
 * business_days, onto a business day.  A wall time in a DST gap moves forward. */
int64_t fu_sched_adjust(const fu_timing *tm, int64_t t, const char *tz);
/* Is NOW inside the send window, on a business day with business_days, in
 * TZ?  (Always, without a window and business days.) */
int fu_sched_open(const fu_timing *tm, int64_t now, const char *tz);
/* the local calendar day of T in TZ */
int64_t fu_local_day(int64_t t, const char *tz);

#endif

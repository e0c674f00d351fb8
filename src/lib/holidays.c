/* The holidays file: a CSV with a date column, read with fu_reader; one bad
 * line stops the run (sched.h). */
#include "fu.h"
#include "lib/reader.h"
#include "lib/sched.h"

#include <stdlib.h>

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
	size_t cap = h->n; /* another calendar's days are kept: holidays add up */
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
	if (bad) { /* a failed load holds nothing */
		free(h->days);
		h->days = NULL;
		h->n = 0;
		return -1;
	}
	if (h->n) { /* days is NULL when no row was good */
		qsort(h->days, h->n, sizeof *h->days, cmp_day);
		size_t k = 0; /* a day in two calendars is one holiday */
		for (size_t i = 0; i < h->n; i++)
			if (k == 0 || h->days[k - 1] != h->days[i])
				h->days[k++] = h->days[i];
		h->n = k;
	}
	return 0;
}

int fu_holidays_has(const fu_holidays *h, int64_t day)
{
	if (!h || h->n == 0)
		return 0;
	return bsearch(&day, h->days, h->n, sizeof *h->days, cmp_day) != NULL;
}

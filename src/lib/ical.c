/* iCalendar writing (RFC 5545 section 3.1: folding; 3.3.11: TEXT escaping). */
#include "fu.h"
#include "lib/ical.h"

#include <string.h>
#include <time.h>

static void emit(fu_ical *ic)
{
	/* fold: at most 75 octets a line, continuation lines start with a space */
	const unsigned char *s = (const unsigned char *)ic->line.data;
	size_t n = ic->line.len, i = 0, width = 75;
	while (n - i > width) {
		size_t cut = i + width;
		while (cut > i && (s[cut] & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
			cut--;
		fwrite(s + i, 1, cut - i, ic->fp);
		fputs("\r\n ", ic->fp);
		i = cut;
		width = 74; /* the leading space counts */
	}
	fwrite(s + i, 1, n - i, ic->fp);
	fputs("\r\n", ic->fp);
	fu_buf_clear(&ic->line);
}

void fu_ical_prop(fu_ical *ic, const char *name, const char *value)
{
	fu_buf_clear(&ic->line);
	fu_buf_printf(&ic->line, "%s:%s", name, value);
	emit(ic);
}

void fu_ical_text(fu_ical *ic, const char *name, const char *value)
{
	fu_buf_clear(&ic->line);
	fu_buf_adds(&ic->line, name);
	fu_buf_addc(&ic->line, ':');
	for (const char *p = value; *p; p++) {
		switch (*p) {
		case '\\': fu_buf_adds(&ic->line, "\\\\"); break;
		case ';': fu_buf_adds(&ic->line, "\\;"); break;
		case ',': fu_buf_adds(&ic->line, "\\,"); break;
		case '\n': fu_buf_adds(&ic->line, "\\n"); break;
		case '\r':
			if (p[1] != '\n')
				fu_buf_adds(&ic->line, "\\n");
			break;
		default:
			if ((unsigned char)*p < 0x20 || *p == 0x7f) /* other controls are not TEXT */
				fu_buf_addc(&ic->line, ' ');
			else
				fu_buf_addc(&ic->line, *p);
		}
	}
	emit(ic);
}

void fu_ical_utc(fu_ical *ic, const char *name, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char v[48];
	snprintf(v, sizeof v, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	         tm.tm_hour, tm.tm_min, tm.tm_sec);
	fu_ical_prop(ic, name, v);
}

void fu_ical_begin(fu_ical *ic, FILE *fp, const char *prodid)
{
	memset(ic, 0, sizeof *ic);
	ic->fp = fp;
	fu_ical_prop(ic, "BEGIN", "VCALENDAR");
	fu_ical_prop(ic, "VERSION", "2.0");
	fu_ical_prop(ic, "PRODID", prodid);
	fu_ical_prop(ic, "CALSCALE", "GREGORIAN");
	fu_ical_prop(ic, "METHOD", "PUBLISH");
}

void fu_ical_end(fu_ical *ic)
{
	fu_ical_prop(ic, "END", "VCALENDAR");
	fu_buf_free(&ic->line);
}

/* ical.h — iCalendar (RFC 5545) output: CRLF line ends, lines folded at 75
 * octets (never inside a UTF-8 sequence), TEXT values escaped. */
#ifndef FU_ICAL_H
#define FU_ICAL_H

#include <stdint.h>
#include <stdio.h>

#include "fu.h"

typedef struct {
	FILE *fp;
	fu_buf line;
} fu_ical;

void fu_ical_begin(fu_ical *ic, FILE *fp, const char *prodid);
/* NAME:VALUE with VALUE written as is (no escaping) */
void fu_ical_prop(fu_ical *ic, const char *name, const char *value);
/* NAME:VALUE with VALUE escaped as TEXT (\\ ; , and newlines) */
void fu_ical_text(fu_ical *ic, const char *name, const char *value);
/* NAME:YYYYMMDDTHHMMSSZ */
void fu_ical_utc(fu_ical *ic, const char *name, int64_t t);
void fu_ical_end(fu_ical *ic);

#endif

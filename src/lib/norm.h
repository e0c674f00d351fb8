/* norm.h — value normalisation for fu-import (e-mail, phone, dates,
 * lifecycle vocabulary, language, formal address).  Each function writes the
 * canonical form into OUT (cleared first) and returns 0, or returns -1 with
 * *why set to a static explanation. */
#ifndef FU_NORM_H
#define FU_NORM_H

#include "fu.h"

enum { NORM_DMY = 0, NORM_MDY = 1 };

/* trim, strip "mailto:" and <>, lower-case, syntax check */
int norm_email(const char *s, size_t n, fu_buf *out, const char **why);
/* to E.164 with COUNTRY (ISO 3166 alpha-2) for national numbers */
int norm_phone(const char *s, size_t n, const char *country, fu_buf *out, const char **why);
/* is COUNTRY one we know the calling code of? */
int norm_country_known(const char *country);
/* ISO, d.m.yyyy, m/d/yyyy or d/m/yyyy (ORDER), optional time and offset ->
 * YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM] */
int norm_date(const char *s, size_t n, int order, fu_buf *out, const char **why);
/* foreign lifecycle word -> stage (and a segment, or "") */
int norm_stage(const char *s, size_t n, fu_buf *stage, const char **segment, const char **why);
int norm_segment(const char *s, size_t n, fu_buf *out, const char **why);
int norm_lang(const char *s, size_t n, fu_buf *out, const char **why);
int norm_formal(const char *s, size_t n, fu_buf *out, const char **why);
int norm_tz(const char *s, size_t n, fu_buf *out, const char **why);
/* trimmed copy */
void norm_trim(const char *s, size_t n, fu_buf *out);
/* lower-case ASCII and the Latin-1 letters of UTF-8 (Ä -> ä) in place */
void norm_lower_utf8(char *s, size_t n);

/* The derived contact id: the first 16 hex digits of FNV-1a 64 over KEY
 * (the normalised e-mail, else the E.164 phone).  buf needs 17 bytes. */
void norm_contact_id(const char *key, size_t n, char *buf);

#endif

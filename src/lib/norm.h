/* norm.h — value normalisation for fu-import (e-mail, phone, dates,
 * lifecycle vocabulary, language, formal address).  Each function writes the
 * canonical form into OUT (cleared first) and returns 0, or returns -1 with
 * *why set to a static explanation. */
#ifndef FU_NORM_H
#define FU_NORM_H

#include "fu.h"

enum { NORM_DMY = 0, NORM_MDY = 1 };

/* trim; drop invisible characters, a display name (Name <a@x.fi>), "mailto:"
 * and <>; lower-case (Latin, Greek, Cyrillic letters); syntax check */
int norm_email(const char *s, size_t n, fu_buf *out, const char **why);
/* The common address (ASCII letters, digits, . _ + - around one '@', blanks
 * around it): its canonical form in OUT and 1, in one pass; 0 for any other
 * value, which norm_email reads in full (and says why it is no address). */
int norm_email_plain(const char *s, size_t n, fu_buf *out);
/* An address norm_email refuses for an obvious slip, repaired: blanks beside
 * its @ or a dot ("zoe @example.com"), dots after it ("zoe@example.com.").
 * 0 with the address in OUT and what was done in WHAT, else -1. */
int norm_email_repair(const char *s, size_t n, fu_buf *out, const char **what);
/* to E.164 with COUNTRY (ISO 3166 alpha-2) for national numbers; digits
 * that start with COUNTRY's own calling code are read as international */
int norm_phone(const char *s, size_t n, const char *country, fu_buf *out, const char **why);
/* is COUNTRY (ISO 3166 alpha-2) one we know the calling code of? */
int norm_country_known(const char *country);
/* The ISO 3166 alpha-2 code (a static string) of a country column's value:
 * a code (SE, SWE), a name in English, its own language, Finnish or Swedish
 * (Sweden, Sverige, Ruotsi), or a calling code (+46); NULL when it is none
 * we know.  A NULL COUNTRY makes norm_phone refuse national numbers. */
const char *norm_country(const char *s, size_t n);
/* The countries (ISO codes, at most MAX) whose calling code the E.164
 * number starts with, the one the code alone stands for first; 0 when none. */
size_t norm_phone_countries(const char *e164, const char **iso, size_t max);
/* A country's time zone: its only one, or the one nearly all its people
 * live in (*DOMINANT set then; Spain's Europe/Madrid beside the Canaries);
 * NULL for a country of several zones none of which dominates (US, CA,
 * AU, RU, ID) or one we do not know. */
const char *norm_country_tz(const char *iso, int *dominant);
/* The zone of a state, province or region (its code, "US-NY" too, or its
 * name, in any case) of COUNTRY: the US, Canada, Australia, Mexico, Brazil,
 * Russia (its larger regions), and the islands of Spain and Portugal; the
 * zone most of its people live in; NULL when not known. */
const char *norm_region_tz(const char *country, const char *s, size_t n);
/* The country of a time zone (America/New_York US, Europe/Helsinki FI,
 * Australia/Sydney AU): the one norm_country_tz or norm_region_tz gives it
 * to, by its exact tz name; NULL for a zone of no country we know (UTC,
 * Etc/GMT+5, US/Eastern). */
const char *norm_tz_country(const char *zone);
/* Is the zone S (N bytes) one of the United States' or Canada's (by its
 * tz name, America/Chicago, US/Eastern, or Rails' "Eastern Time (US &
 * Canada)")?  South America's America/ zones are not. */
int norm_zone_north_american(const char *s, size_t n);
/* Do two zones keep the same time (the same name, or one a link of the
 * other in the tz database: Europe/Mariehamn is Europe/Helsinki)? */
int norm_same_zone(const char *a, const char *b);
/* Fold each run of line breaks, tabs and other control characters (and
 * the spaces around it) in B into one space, in place; 1 when it changed
 * anything.  For values that are one line: names, a company, a product. */
int norm_fold_line(fu_buf *b);
/* Excel's text cell ="..." (written so that a spreadsheet keeps 0401234567
 * as text): the text inside, its doubled quotes made single, into OUT;
 * 0, or -1 when S is not of that form. */
int norm_excel_text(const char *s, size_t n, fu_buf *out);
/* norm_phone's reason for a national number with a NULL COUNTRY */
extern const char norm_why_no_country[];
/* ISO, d.m.yyyy, m/d/yyyy or d/m/yyyy (ORDER), month names (15 Jan 2024,
 * Jan 15, 2024, 15-Jan-24, RFC 2822's weekday first), YYYYMMDD, optional
 * time and offset; or Unix seconds or milliseconds ->
 * YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM] */
int norm_date(const char *s, size_t n, int order, fu_buf *out, const char **why);
/* foreign lifecycle word -> stage (and a segment, or "") */
/* Is the word S (N bytes), trimmed, in any case and with '_' or '-' as a
 * space, one of LIST's (lower case)? */
int norm_word_listed(const char *s, size_t n, const char *const *list, size_t nlist);
int norm_stage(const char *s, size_t n, fu_buf *stage, const char **segment, const char **why);
int norm_segment(const char *s, size_t n, fu_buf *out, const char **why);
int norm_lang(const char *s, size_t n, fu_buf *out, const char **why);
/* A language's name ("English (US)", "Finnish / Suomi", "svenska"): its tag
 * ("en-US", "fi", "sv") in TAG, 0; or -1 (langname.c). */
int norm_lang_name(const char *s, size_t n, char *tag, size_t size);
int norm_formal(const char *s, size_t n, fu_buf *out, const char **why);
int norm_tz(const char *s, size_t n, fu_buf *out, const char **why);
/* The tz database zone of a label S (N bytes) written instead of a zone's
 * name: a Windows zone id, a Rails name, a generic name ("New Zealand
 * Time", "Pacific Time - US & Canada"); NULL when none (tzlabels.c). */
const char *norm_tz_label_zone(const char *s, size_t n);
/* an event type of fu(7), or another word for one (osto, köp, order ...):
 * B is rewritten as the type */
int norm_type(fu_buf *b, const char **why);
/* an amount ("1 234,50", "15,00 €", "€15.00", "15 EUR"; "($1.00)" and "-$1.00"
 * negative) -> [-]digits[.digits], in
 * place.  MARK ('.' or ',', else 0) is the column's decimal mark, for a lone
 * mark before three digits ("1,234") that no currency written with it settles. */
int norm_amount(fu_buf *b, int mark, const char **why);
/* norm_amount, and in CURRENCY (8 bytes) the currency written with the
 * amount: its ISO 4217 code ("EUR" for "15,00 €", "BRL" for "R$ 1.234,56",
 * "SEK" for "15 SEK"), or a sign that several currencies use as written
 * ("$", "¥", "kr": norm_currency_settle), or "" */
int norm_amount_cur(fu_buf *b, int mark, char *currency, const char **why);
/* The decimal mark an amount can only be read with ('.' or ','), or 0 when
 * it decides nothing ("15", "1 234", "1,234"); CUR (8 bytes, or NULL) as
 * norm_amount_cur's. */
int norm_amount_mark(const char *s, size_t n, char *cur);
/* A column's amounts, tallied by the decimal mark each can only be read
 * with (norm_amount_mark), so that a lone mark before three digits
 * ("1.500", "1,500") is read as the rest of its column is: fu-import's
 * value column, every program's events log.  Zero-initialise. */
typedef struct {
	unsigned long comma, point, currency; /* (currency: how many name one) */
	char ex_comma[24], ex_point[24];      /* the first of each, for messages */
} norm_marks;
void norm_marks_add(norm_marks *mk, const char *s, size_t n);
/* the column's decimal mark: the one more of its values can only be read
 * with ('.' on a tie); 0 when none decides */
int norm_marks_decide(const norm_marks *mk);
/* Which currency a sign several use ("$", "¥", "kr") is: GIVEN when it is
 * one of them (--currency), else the one of COUNTRY (ISO 3166 "CA" gives
 * CAD for "$"); its code in CODE, 0; -1 when that does not settle it. */
int norm_currency_settle(const char *sign, const char *country, const char *given, char code[4]);
/* A currency column's cell as the programs compare currencies: an ISO 4217
 * code in any case ("eur"), a sign of one currency ("€", "US$") or its
 * English name ("Euro", "US dollars") as its code; a sign several use ("$",
 * "kr") as written; anything else upper-cased.  Blanks around it aside.
 * OUT (8 bytes); 0, or -1 for an empty cell or one too long to be a
 * currency (left out). */
int norm_currency_cell(const char *s, size_t n, char out[8]);
/* is SIGN ("$") one that several currencies use? */
int norm_currency_shared(const char *sign);
/* the currencies a sign is used by, "USD, CAD, AUD ...", added to OUT */
void norm_currency_choices(const char *sign, fu_buf *out);
/* does a name say it is a company's (a legal form: Oy, AB, GmbH, Inc, Ltd,
 * "& Co" ...)? */
int norm_company_name(const char *s, size_t n);
/* is the value a placeholder for nothing (N/A, -, none, ei ole, puuttuu ...)? */
int norm_placeholder(const char *s, size_t n);
/* The values in one cell of an e-mail or phone column: split at " ::: "
 * (Google Contacts), ',' ';' and line ends outside quotes and <>; in an
 * e-mail cell a piece without '@' stays with the next (a display name with a
 * comma).  Returns how many (at most MAX), trimmed, empty ones left out. */
typedef struct {
	const char *s;
	size_t n;
} norm_span;
size_t norm_split(const char *s, size_t n, int email, norm_span *parts, size_t max);
/* is S a/b/yyyy (with a time after it or not)?  Then *A and *B are its parts */
int norm_date_slashed(const char *s, size_t n, int *a, int *b);
/* a yes/no flag (yes, true, 1, x, kyllä, ja ... / no, false, 0, ei, nej ...):
 * 1, 0 (also for empty), or -1 for any other word */
int norm_flag(const char *s, size_t n);
/* a consent status word: 1 no marketing (unsubscribed, cleaned, suppressed,
 * blocklisted, and no consent given: never subscribed, no consent, pending
 * ...), 0 consent (subscribed, confirmed, opted in ..., or empty), -1 a word
 * we do not know */
int norm_consent_word(const char *s, size_t n);
/* a clear opt-out word (unsubscribed, bounced, cleaned, opted out ...) in a
 * column that may hold other words too (a list's "Status"): 1, else 0 */
int norm_opt_out_word(const char *s, size_t n);
/* Does S begin with an opt-out word and say how it came about
 * ("Unsubscribed via link", "Opted out by admin")?  1 or 0 */
int norm_opt_out_phrase(const char *s, size_t n);
/* the segment a lead status says (HubSpot's Unqualified, Bad Timing:
 * "closed"; Connected, Open Deal, In Progress: "mid"), or "" */
const char *norm_lead_status(const char *s, size_t n);
/* trimmed copy */
void norm_trim(const char *s, size_t n, fu_buf *out);
/* lower-case ASCII and the Latin-1 letters of UTF-8 (Ä -> ä) in place */
void norm_lower_utf8(char *s, size_t n);

/* The derived contact id: the first 16 hex digits of FNV-1a 64 over KEY
 * (the normalised e-mail, else the E.164 phone).  buf needs 17 bytes. */
void norm_contact_id(const char *key, size_t n, char *buf);

/* ---- people's names, as fu-import compares them (names.c) ---- */
/* S (N bytes, its first 256) as names are compared, into OUT (CAP bytes,
 * not NUL-ended; returns the length): lower case, a letter's marks dropped
 * (ß ss, æ ae, þ th), only letters and digits (no spaces, hyphens, dots);
 * with TRANSLIT also the transliterations undone: ü ue u, ö oe ø o,
 * ä ae a, ß ss s, å aa a (Müller, Mueller and Muller agree). */
size_t norm_name_fold(const char *s, size_t n, int translit, char *out, size_t cap);
/* a last name so folded (TRANSLIT) and hashed: FNV-1a, 0 = no name */
uint32_t norm_name_hash(const char *s, size_t n);
/* a first name's first letter so folded (Åsa and Asa, Émile and Emile), as
 * a number (its UTF-8 bytes); 0 = no name */
uint32_t norm_name_initial(const char *s, size_t n);
/* Can first names A and B be one person's?  Yes when either is empty,
 * when they are the same folded (Zoë, Zoe), when one is an initial or an
 * abbreviation with a dot of the other (A., Chr.), when one is the start
 * of the other and of three letters or more (Chris, Christopher; not when
 * the rest is a gender ending: Daniel, Daniela), when they are one
 * spelling (Phillip, Philip), or when the table of short forms pairs them
 * (Bob, Robert; Jussi, Juhani; Ann, Anna).  Else no (Anna, Aino): 1 or 0. */
int norm_first_names_agree(const char *a, size_t an, const char *b, size_t bn);

#endif

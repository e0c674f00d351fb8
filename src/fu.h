/* fu.h — the small shared library under every fu program (libfu.a).
 *
 * Layers (each header names one module; a main includes fu.h and the
 * modules it uses, never a module's insides):
 *   core (this header):   errors and capped warnings, memory, buffers, CSV
 *                         reading and writing, times and zones, pcre2 with
 *                         limits, checked output files, reject reports
 *   the contract:         lib/contract.h (event types, contact and task
 *                         columns: fu(7) written once), lib/reader.h (the one
 *                         input loop), lib/map.h (the one hash map),
 *                         lib/evfacts.h (the event store and the contact join)
 *   program modules:      import (dialect, headermap, norm, import), planning
 *                         (cadence, cond, sched, plan, ical), mail (mustache,
 *                         mime), churn (clv, churn), referrals (referral)
 *
 * Names: a public function is fu_<module>_<verb> (fu_csv_next,
 * fu_reader_open, fu_map_put, fu_eventdb_join), a type fu_<noun>, a constant
 * FU_<MODULE>_<NAME>; core helpers used everywhere keep the short fu_<verb>
 * (fu_warn, fu_trim).  Anything else is static to its file.  Library
 * functions report and return errors; only a main exits (fu_xmalloc's
 * out-of-memory exit is the one exception). */
#ifndef FU_H
#define FU_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>
#include <string.h>
#include <time.h>

#define FU_VERSION "0.1.0"

#include "lib/contract.h" /* event types, contact and task columns of fu(7) */

/* ---- exit statuses (fu(7)) ---------------------------------------------- */
enum {
	FU_EXIT_OK = 0,    /* done */
	FU_EXIT_DATA = 1,  /* input had errors; each named on stderr */
	FU_EXIT_USAGE = 2, /* usage error, unreadable file, write error */
};

/* ---- errors and memory (err.c) ----------------------------------------- */
extern const char *fu_progname;
void fu_init(const char *progname); /* sets progname, registers fu_close_stdout */
/* "prog: why" */
void fu_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: file:line: why"; line 0 leaves the line out */
void fu_warn_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "prog: file:line:col: why" */
void fu_warn_at_col(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Warnings of one KIND (a fixed phrase) about one FILE: the first
 * fu_warn_cap (20) are printed, the rest counted; fu_warn_caps_flush(FILE)
 * (NULL: every file) then prints "prog: file: ... and N more like this
 * (KIND)".  fu_warn_cap = 0 prints them all.  Kinds past the 64th are not
 * capped. */
extern long fu_warn_cap;
void fu_warn_capped(const char *kind, const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void fu_warn_caps_flush(const char *file);
noreturn void fu_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "Try 'prog --help'." and exit 2 */
noreturn void fu_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void *fu_xmalloc(size_t n);
void *fu_xcalloc(size_t n, size_t size);
void *fu_xrealloc(void *p, size_t n);
char *fu_xstrdup(const char *s);
char *fu_xstrndup(const char *s, size_t n);
/* print --version text and exit 0 */
noreturn void fu_print_version(void);

/* ---- growable byte buffer (buf.c) -------------------------------------- */
typedef struct {
	char *data; /* always NUL-terminated when data != NULL */
	size_t len, cap;
} fu_buf;
/* The small ones inline: every value of every row passes through them. */
void fu_buf_grow(fu_buf *b, size_t extra); /* the slow path of fu_buf_reserve */
/* room for EXTRA more bytes and a NUL after them */
static inline void fu_buf_reserve(fu_buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		fu_buf_grow(b, extra);
}
static inline void fu_buf_add(fu_buf *b, const void *p, size_t n)
{
	fu_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}
static inline void fu_buf_addc(fu_buf *b, char c)
{
	fu_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
static inline void fu_buf_adds(fu_buf *b, const char *s)
{
	fu_buf_add(b, s, strlen(s));
}
/* len = 0, keeps memory */
static inline void fu_buf_clear(fu_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}
void fu_buf_printf(fu_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fu_buf_free(fu_buf *b);
/* a list of option arguments given more than once (--events a --events b):
 * the strings are argv's, not copied */
typedef struct {
	const char **v;
	size_t n;
} fu_strlist;
void fu_strlist_add(fu_strlist *l, const char *s);
void fu_strlist_free(fu_strlist *l);

/* ---- CSV reading over libcsv (csv.c) ------------------------------------
 * Strict quoting (CSV_STRICT|CSV_STRICT_FINI), spaces kept, BOM stripped,
 * CRLF/LF/CR line ends, blank lines between records skipped.  Each record
 * carries the line it starts on and its raw text (for reject reports). */
typedef struct {
	size_t nfields;
	char **fields;   /* NUL-terminated; fields may contain NUL only if bad */
	size_t *lens;
	long line;       /* physical line the record starts on, 1-based */
	long end_line;   /* the line after its last, when the reader knows it (else 0) */
	const char *raw; /* the record's text as read, without its line end */
	size_t raw_len;
	const char *error; /* NULL if the record is good, else why it is not */
	const char *error_kind; /* the error's kind, a fixed phrase ("malformed quoting",
	                           "wrong number of fields", "invalid UTF-8"): the key
	                           under which repeated warnings are capped */
	long error_col;    /* byte column of the error within its line, or 0 */
	long error_line;   /* line of the error (may differ from line) */
	int utf8_valid;    /* 1: the reader found all its text valid UTF-8 (0: not checked) */
	/* per field, 1 when it was not UTF-8 and was read as Windows-1252
	 * (fu_csv_sniff); NULL when none was: a guess, never good enough for
	 * an e-mail address a message is sent to */
	const unsigned char *legacy;
} fu_record;

typedef struct fu_csv_reader fu_csv_reader;
/* fp is read, not closed.  name is used in messages ("-" is shown as <stdin>).
 * delim 0 is the input streams' delimiter (fu_common.delim: ',', or tab with
 * --itsv).  With tab a quote inside an unquoted field is a plain character. */
fu_csv_reader *fu_csv_open(FILE *fp, const char *name, char delim);
/* open a path ("-" = stdin); on failure print a message and return NULL */
fu_csv_reader *fu_csv_open_path(const char *path, char delim);
/* Returns 1 and a record (good or bad: check rec->error), 0 at end of input,
 * -1 on a read error (already reported).  The record is valid until the next call. */
int fu_csv_next(fu_csv_reader *r, fu_record **rec);
const char *fu_csv_name(const fu_csv_reader *r);
void fu_csv_close(fu_csv_reader *r); /* frees; closes the file if opened by path */
/* R tells the progress line nothing (a second look at a sample already told) */
void fu_csv_quiet(fu_csv_reader *r);
/* For a file a person may have saved from a spreadsheet (the contract
 * readers: contacts, events logs, plans, holidays), called before the
 * header is read: with the delimiter ',' (not --itsv), a first line with no
 * comma outside quotes but a ';' (Excel where the decimal separator is a
 * comma) or a tab makes that the delimiter, said once on stderr; Excel's
 * "sep=X" first line names it.  From then on a field that is not UTF-8 is
 * read as Windows-1252 (said once, at its line).  Returns the delimiter. */
char fu_csv_sniff(fu_csv_reader *r);
/* Reads the header record; checks it is there, no empty or duplicate names.
 * Returns 0 and stores it in *hdr (owned by caller: fu_header_free); 1 for
 * an input with no record at all ("empty input", bad input: exit 1); or -1
 * for an unreadable input or a bad header (exit 2).  Both are reported. */
typedef struct {
	size_t n;
	char **names;
} fu_header;
int fu_csv_read_header(fu_csv_reader *r, fu_header *hdr);
void fu_header_free(fu_header *h);
/* index of name in header or -1 */
long fu_header_find(const fu_header *h, const char *name);
/* Each of NAMES (NULL-terminated) the header lacks but has spelt with
 * other capitals or blanks around it ("Date", "Contact_ID ") is renamed to
 * it: a header typed or saved in a spreadsheet.  fu_reader_open (reader.c)
 * does this for the required columns. */
void fu_header_canon(fu_header *h, const char *const *names);
/* true if a record has the header's field count; else sets rec->error */
int fu_record_check_width(fu_record *rec, size_t want);
/* true if every field is valid UTF-8; else sets rec->error */
int fu_record_check_utf8(fu_record *rec);
/* both checks: a good record of the header's width, all UTF-8 (each check
 * leaves an earlier error, such as malformed quoting, as it is) */
int fu_record_check(fu_record *rec, size_t width);
int fu_utf8_valid(const char *s, size_t n);
/* Why field I of REC, an e-mail address, is no address to send to: it was
 * not UTF-8 (read as Windows-1252: a guess) or holds U+FFFD (a byte an
 * earlier reader could not read); NULL when it is as written. */
const char *fu_address_unsure(const fu_record *rec, long i);
/* Report a record: "prog: file:line: why", at the error's line and column
 * when the record is bad by its quoting (so the user sees where). */
void fu_warn_record(const char *file, const fu_record *rec, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* the same, capped by KIND (see fu_warn_capped) */
void fu_warn_record_capped(const char *kind, const char *file, const fu_record *rec, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Where byte OFF of field IDX's content lies in the file (its line and
 * 1-based column): the record's raw text is walked as CSV (fieldpos.c) */
void fu_record_pos(const fu_record *rec, size_t idx, size_t off, long *line, long *col);
/* length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid, -1
 * if valid so far but cut off by the end */
int fu_utf8_seq(const unsigned char *s, size_t n);

/* ---- CSV writing (csv.c) ------------------------------------------------
 * RFC 4180, comma, \n line ends, quoted only when needed. */
typedef struct {
	FILE *fp;
	int excel_safe; /* prefix ' to cells starting with = + - @ TAB CR */
	size_t col;     /* fields written on the current row */
	size_t len;     /* bytes of the row waiting in buf */
	char buf[8192]; /* the row is gathered and written with one fwrite at
	                 * fu_csv_endrow: write nothing else to fp mid-row */
	/* JSON Lines (fu_csv_writer_jsonl) */
	int jsonl;
	int have_keys;         /* the first row (the keys) has been given */
	size_t nkeys, keys_at; /* this writer's keys in csv.c's key store */
} fu_csv_writer;
/* A writer on stdout writes JSON Lines when the user asked (--ojsonl). */
void fu_csv_writer_init(fu_csv_writer *w, FILE *fp, int excel_safe);
/* Make W a JSON Lines writer (--ojsonl): the first row given names the keys
 * and is not written; each later row is one object on one line.  Values are
 * strings, except in the columns numeric by contract (fu_column_numeric):
 * there a JSON number as it stands, null when empty, else a string.  Any
 * text becomes valid JSON (control characters escaped, bytes that are not
 * UTF-8 replaced by U+FFFD).  --excel-safe does not apply. */
void fu_csv_writer_jsonl(fu_csv_writer *w);
/* Is the column named NAME numeric by contract (fu(7), JSON LINES)? */
int fu_column_numeric(const char *name);
void fu_csv_field(fu_csv_writer *w, const char *s, size_t n);
void fu_csv_fields(fu_csv_writer *w, const char *s); /* NUL-terminated */
void fu_csv_endrow(fu_csv_writer *w);
/* write a whole row of NUL-terminated strings */
void fu_csv_row(fu_csv_writer *w, char *const *fields, size_t n);
/* a row of N buffers (data NULL: empty), as fu_csv_field each and fu_csv_endrow */
void fu_csv_row_bufs(fu_csv_writer *w, const fu_buf *v, size_t n);

/* ---- options every program shares (common.c) -----------------------------
 * --itsv, --ojsonl, --progress and --no-progress (fu(7)).  A main puts
 * FU_COMMON_LONGOPTS in its longopts, FU_COMMON_HELP in its --help, and
 * hands each option it does not know to fu_common_option first. */
enum { FU_PROGRESS_AUTO = -1, FU_PROGRESS_NEVER = 0, FU_PROGRESS_ALWAYS = 1 };
typedef struct {
	char delim;   /* the input streams' field delimiter: ',' or, with --itsv, tab */
	int jsonl;    /* --ojsonl: standard output as JSON Lines */
	int progress; /* FU_PROGRESS_AUTO: when stderr is a terminal and stdout is not */
} fu_common_opts;
extern fu_common_opts fu_common;
enum { FU_OPT_ITSV = 0x4000, FU_OPT_OJSONL, FU_OPT_PROGRESS, FU_OPT_NO_PROGRESS };
#define FU_COMMON_LONGOPTS                                                                 \
	{"itsv", no_argument, NULL, FU_OPT_ITSV}, {"ojsonl", no_argument, NULL, FU_OPT_OJSONL}, \
	{"progress", no_argument, NULL, FU_OPT_PROGRESS},                                      \
	{"no-progress", no_argument, NULL, FU_OPT_NO_PROGRESS}
#define FU_COMMON_HELP                                                                   \
	"      --itsv               read the input streams as TSV (tab-separated)\n"          \
	"      --ojsonl             write JSON Lines instead of CSV, one object per row\n"    \
	"      --progress           show progress on stderr even when it is no terminal\n"    \
	"      --no-progress        never show progress\n"
/* 1 if C (a getopt_long result) was one of the shared options, now applied */
int fu_common_option(int c);

/* ---- progress on stderr (progress.c) -------------------------------------
 * Driven by the CSV reader: once a run has taken 2 s, one line (rows, rows
 * a second, bytes read of the total when the inputs are files) updated in
 * place on a terminal, or a line every 10 s when --progress writes into a
 * file.  Every message on stderr clears it first. */
/* an input opens: its size counts in the total when it is a regular file */
void fu_progress_input(FILE *fp);
/* NAME read NBYTES more bytes holding NROWS more records (thread-safe) */
void fu_progress_add(const char *name, size_t nbytes, long nrows);
/* take the line off the terminal, before other text goes to stderr */
void fu_progress_clear(void);

/* ---- output (out.c) ----------------------------------------------------- */
/* flush and close stdout, reporting a write error; registered by fu_init */
void fu_close_stdout(void);
/* Flush stdout before the summary line: 1 after telling "write error: ..."
 * (the summary must not claim the rows written; fu_close_stdout then exits
 * 2 without telling it again), else 0 (a closed pipe is no error). */
int fu_stdout_failed(void);
/* open PATH for writing through a temp file in the same directory; fu_commit_file
 * fsyncs, closes and renames it into place, reporting errors (returns -1).
 * A symlink is followed; a device or FIFO (/dev/stderr, a pipe) is written
 * directly, as there is no file to replace. */
typedef struct {
	FILE *fp;
	char *path, *tmp; /* tmp is NULL when writing directly */
} fu_outfile;
int fu_outfile_open(fu_outfile *o, const char *path);
int fu_commit_file(fu_outfile *o);
void fu_abort_file(fu_outfile *o);

/* ---- small settings files (smallfile.c) ----------------------------------
 * Read PATH whole into TEXT (NUL-terminated), at most MAX bytes: a longer
 * input (a data file given by mistake, an endless device such as
 * /dev/zero) or one holding a NUL byte is not WHAT ("a parameters file"):
 * reported, -1.  A missing file returns 1 when MISSING_OK (not reported),
 * else -1 like any unreadable one.  "-" reads standard input.  Read TEXT
 * with fmemopen. */
int fu_small_file_read(const char *path, size_t max, const char *what, int missing_ok, fu_buf *text);

/* ---- reject reports (rejects.c) ------------------------------------------
 * --rejects FILE: a CSV with the columns file,line,reason,record (fu(7)),
 * written through fu_outfile so a failed run leaves no half file. */
typedef struct {
	fu_outfile out;
	fu_csv_writer w;
	fu_buf text;
	int open;
} fu_rejects;
int fu_rejects_open(fu_rejects *r, const char *path); /* 0, or -1 reported */
/* RAW is the record's original text: invalid bytes become U+FFFD */
void fu_rejects_add(fu_rejects *r, const char *file, long line, const char *reason, const char *raw,
                    size_t rawlen);
int fu_rejects_close(fu_rejects *r); /* commits the file if open; -1 reported */
void fu_rejects_abort(fu_rejects *r); /* a failed run: no report is left behind */

/* ---- times (time.c) -----------------------------------------------------
 * ISO 8601: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH[:]MM.
 * A date-time without an offset is local time in a zone (IANA name from the
 * system tz database, or NULL for $TZ). */
typedef struct {
	int64_t t;      /* seconds since the epoch, UTC */
	int has_time;   /* 0: a date only (t is that day's local midnight) */
	int has_offset; /* the text gave Z or an offset */
	int offset_min; /* that offset in minutes east of UTC */
} fu_time;
/* The instants that every zone (offsets up to a day either way) writes with
 * a four-digit year: --now must fall between them (fu_parse_now), and a
 * plan ends at FU_TIME_LAST, so no program writes the year 10000 or 0. */
#define FU_TIME_FIRST (-62135510400LL) /* 0001-01-02T00:00:00Z */
#define FU_TIME_LAST 253402214399LL    /* 9999-12-30T23:59:59Z */
/* Parse an ISO date or date-time.  Returns 0, or -1 and *why. */
int fu_parse_time(const char *s, const char *tz, fu_time *out, const char **why);
/* civil date checks */
int fu_valid_date(int y, int m, int d);
int fu_days_in_month(int y, int m);
int64_t fu_days_from_civil(int y, int m, int d); /* days since 1970-01-01 */
void fu_civil_from_days(int64_t days, int *y, int *m, int *d);
int fu_weekday(int64_t days); /* 0 = Monday ... 6 = Sunday */
/* Is NAME a zone in the system tz database?  Refuses paths ("..", leading /).
 * Blanks around a name (" Europe/Helsinki ", NBSP) are no part of it, here
 * and wherever a zone is taken (fu_localtime, fu_mktime, fu_format_time ...). */
int fu_tz_valid(const char *name);
/* NAME without the blanks around it (into BUF when it had some), or NULL when
 * it is blank: what a tz cell names */
const char *fu_tz_name(const char *name, char *buf, size_t size);
/* Broken-down local time of T in zone TZ (NULL = $TZ).  Returns 0 or -1. */
int fu_localtime(int64_t t, const char *tz, struct tm *out);
/* UTC seconds of a local wall-clock time in TZ.  For a time in a DST gap the
 * result is moved forward by the gap; for an overlap the earlier instant. */
int64_t fu_mktime(const struct tm *local, const char *tz);
/* the same for a wall-clock date and time given as numbers */
int64_t fu_wall_time(int y, int m, int d, int h, int mi, int s, const char *tz);
/* Format T as YYYY-MM-DDTHH:MM:SS±HH:MM in TZ (NULL = $TZ), or with Z when
 * tz is "UTC".  buf needs 32 bytes. */
void fu_format_time(int64_t t, const char *tz, char *buf, size_t size);
void fu_format_date(int64_t days, char *buf, size_t size); /* YYYY-MM-DD */
/* --now: a date-time, a date (end of that day), or NULL for the clock;
 * -1 and *why outside FU_TIME_FIRST .. FU_TIME_LAST */
int fu_parse_now(const char *s, int64_t *now, const char **why);
/* The last second of DAY (days since 1970-01-01) in TZ (NULL: $TZ): the
 * next midnight there less a second (a midnight in a daylight-saving gap is
 * the gap's end).  A --now given as a date is this in each contact's zone. */
int64_t fu_day_end(int32_t day, const char *tz);
/* Whether --now S is a date (no time of day): then 1, and that date in
 * *DAY; 0 for a date-time, the clock (NULL) or text fu_parse_now refuses */
int fu_now_date(const char *s, int32_t *day);

/* ---- regular expressions over pcre2 (regex.c) ---------------------------
 * UTF mode with PCRE2_MATCH_INVALID_UTF, pattern length, match, depth and
 * heap limits. */
typedef struct fu_regex fu_regex;
/* Returns NULL and sets *why (static or per-thread text) and *erroffset. */
fu_regex *fu_regex_compile(const char *pattern, size_t len, int caseless,
                           char *why, size_t whysize, size_t *erroffset);
/* 1 match, 0 no match, -1 error (why filled) */
int fu_regex_match(fu_regex *re, const char *s, size_t n, char *why, size_t whysize);
/* like fu_regex_match but returns the span of capture group GROUP */
int fu_regex_capture(fu_regex *re, const char *s, size_t n, int group,
                     size_t *start, size_t *end, char *why, size_t whysize);
void fu_regex_free(fu_regex *re);

/* ---- small string helpers (str.c) --------------------------------------- */
/* trim ASCII and Unicode spaces (incl. NBSP) in place; returns new length */
size_t fu_trim(char *s, size_t n);
/* ASCII lower-case in place */
void fu_ascii_lower(char *s, size_t n);
int fu_streq_ci(const char *a, const char *b); /* ASCII case-insensitive */

/* A step's name as it is compared everywhere (a cadence's step and after, a
 * done mark's item, --step, --ask-step, a task's step): without the blanks
 * around it (a no-break space too) and in lower case (ASCII), so that
 * "Referral-Ask" or " thank-you " as a hand edit leaves it is that step
 * (fu(7) Identity).  fu_step_key writes S (N bytes) so into OUT (cleared,
 * NUL-ended) and returns its length; fu_step_eq compares two names so. */
size_t fu_step_key(const char *s, size_t n, fu_buf *out);
int fu_step_eq(const char *a, const char *b);
/* Does step S begin with PREFIX (lower case) as fu_step_key reads it
 * ("Thank-You-2" with "thank-you")? */
int fu_step_begins(const char *s, const char *prefix);
/* 64-bit FNV-1a hash, for stable ids */
uint64_t fu_hash64(const void *p, size_t n, uint64_t seed);
/* A hash for in-memory tables only (never written: it may change), eight
 * bytes a step: FNV-1a's byte-at-a-time chain was a few per cent of
 * fu-schedule's run, spent on keys only a table ever sees. */
uint64_t fu_hash_table(const void *p, size_t n, uint64_t seed);

#endif

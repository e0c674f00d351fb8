/* reader.h — the one input loop of every fu program.
 *
 * A reader opens a path or "-" (stdin), reads the header, requires the
 * columns the program needs (one error listing every missing one), then
 * checks each record (quoting, width, UTF-8).  A bad record is reported at
 * file:line[:col] (capped per kind of problem: see fu_warn_capped), written
 * to the reject report with its reason, counted, and never handed to the
 * caller.  A record that is the header line again (two files joined with
 * cat) is skipped with a note and not counted.  The caller rejects the records it finds bad for its own reasons
 * with fu_reader_reject, so one ledger counts everything:
 *     read == used + rejected + (what the caller counted otherwise). */
#ifndef FU_READER_H
#define FU_READER_H

#include "fu.h"

typedef struct {
	long read;     /* records after the header */
	long rejected; /* bad records: the reader's checks and fu_reader_reject */
	long headers;  /* the header line again (inputs joined with cat): skipped with a
	                * note, not counted as read */
} fu_ledger;

typedef struct {
	fu_csv_reader *csv;
	const char *name; /* the path as given ("-" for stdin: fu_input_name shows it) */
	fu_header hdr;
	fu_rejects *rejects; /* NULL: no report */
	/* how a bad record's problem is worded on stderr: a printf format with
	 * one %s (default "%s"), e.g. "%s; contact left out" */
	const char *bad_format;
	/* an events log's type column (default -1: none): a record the checks
	 * refuse whose type is a consent or done mark (fu_ev_is_mark) says so
	 * first, "unsubscribe row: 7 fields, ...", as fu_eventdb_load's own
	 * rejects of such rows do */
	long type_col;
	/* the header line again is expected (shards' summaries joined with
	 * cat): skipped without a note */
	int headers_expected;
	fu_ledger n;
	/* consent in other spellings (fu_reader_consent): the unsubscribed
	 * column each record's verdict goes into (-1 none), the columns read
	 * and what each is (a target of headermap.h) */
	long consent_into;
	int nconsent;
	long consent_col[8];
	unsigned char consent_kind[8], consent_guess[8];
	char *consent_name[8]; /* its header as the file has it */
	fu_buf consent_cell; /* a record's verdict ("yes", a date) */
	char consent_empty[1];
	unsigned long nconsent_unknown;
} fu_reader;

/* Open PATH and read its header.  REQUIRED lists the columns that must be
 * there (NULL-terminated, may be NULL); WHAT names the input in the error
 * ("an events log").  Returns 0; 1 for an input with no header at all
 * (empty input: bad input, exit 1); -1 when the file cannot be read, its
 * header is bad or columns are missing (reported; exit 2).  On failure the
 * reader holds nothing to close. */
int fu_reader_open(fu_reader *r, const char *path, const char *what, const char *const *required,
                   fu_rejects *rejects);
/* The columns of a contacts stream (fu(7): id, email, tz, first_name ...,
 * referred_by, referral_code) written with other capitals or blanks around
 * them ("Email", "TZ", " ID") are those columns, as an events log's are:
 * renamed in H, so a program that writes the rows again writes the
 * contract's name.  A header that is one of them but for its separators
 * ("E-mail", "First Name") is named in a note on stderr (FILE:1), with the
 * column it is not: fu-import(1) maps such headers. */
void fu_contacts_canon(fu_header *h, const char *file);
/* NAME's column in H: the one of that name, else the first written with
 * other capitals or blanks around it ("Email", " TZ"); -1 for none.  For a
 * reader that keeps a header's names as they are (fu-render: a template
 * names the columns as the stream spells them). */
long fu_header_find_loose(const fu_header *h, const char *name);
/* A contacts list made by hand whose opt-out is in a column of another
 * spelling ("Do Not Email", "do_not_email", "opt_out", "Email Opt Out",
 * "Unsubscribed" TRUE/1/yes, an opt-in column such as "marketing_opt_in"
 * whose no is an opt-out, a consent status "Unsubscribed"), as fu-import(1)
 * knows them: each record's `unsubscribed` is read from them too, so every
 * program gives marketing to no one who said no.  The first such column is
 * named unsubscribed when the list has none; a record whose unsubscribed
 * is empty or no takes yes (or an opt-out column's date) when one of them
 * says so.  A value not understood is an opt-out, told (FILE:LINE); a
 * column that sounds like consent but is none of these is told at FILE:1,
 * not read.  Called by fu_reader_open_contacts; fu-render calls it on its
 * tasks. */
void fu_reader_consent(fu_reader *r, const char *file);
/* fu_reader_open for a contacts stream: its header read by
 * fu_contacts_canon and fu_reader_consent, and one with neither an id nor an email column
 * refused ("contacts need an id or an email column": -1, exit 2), the same
 * in every program.  WHAT as fu_reader_open's. */
int fu_reader_open_contacts(fu_reader *r, const char *path, const char *what, fu_rejects *rejects);
/* Is REC the header H again (files joined with cat: every field its
 * column's name, blanks around it, case and a byte-order mark aside)? */
int fu_record_is_header(const fu_record *rec, const fu_header *h);
/* column index by name, or -1 */
long fu_reader_col(const fu_reader *r, const char *name);
/* A contacts column fu(7) names NAME (referred_by, referral_code) and
 * fu-import would write as it, by its name: NAME itself, else the first
 * column that is it under another name ("Referred By", "Referrer Email";
 * "Referral Code"), with a note on standard error when NOTE is set; -1
 * when none.  So a hand-kept sheet's referrer column is read, not lost. */
long fu_reader_col_as(const fu_reader *r, const char *name, int note);
/* 1 and a good record (every field there, valid UTF-8); 0 at the end; -1
 * on a read error (reported). */
int fu_reader_next(fu_reader *r, fu_record **rec);
/* The caller's own reason to refuse a record: reported (capped by KIND, a
 * short fixed phrase naming the problem), added to the reject report with
 * the reason, counted in r->n.rejected. */
void fu_reader_reject(fu_reader *r, const fu_record *rec, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Prints the "… and N more like this" lines of this input's capped
 * warnings, frees the reader. */
void fu_reader_close(fu_reader *r);

#endif

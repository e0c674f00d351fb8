/* import.h — fu-import's engine: foreign exports in, the contacts or events
 * stream of fu(7) out, every row accounted for.
 *
 * The main drives it:  fu_import_open (every input opened, its header
 * mapped, the kind and each date column's order decided), then for each
 * input fu_import_begin, fu_import_next and fu_import_row until the input
 * ends, fu_import_end; then fu_import_finish (merged contacts written) and
 * fu_import_ledger for the summary.  The engine writes rows only through the
 * writer it is given and never exits. */
#ifndef FU_IMPORT_H
#define FU_IMPORT_H

#include "fu.h"

typedef struct {
	const char *column; /* canonical column name */
	const char *header; /* source header, "" = take nothing */
} fu_import_map;

typedef struct {
	const char *label; /* an order status label, as written */
	int purchase;      /* 1 a purchase, 0 not */
} fu_import_status;

typedef struct {
	int kind;               /* 0 = detect, else HM_CONTACTS or HM_EVENTS */
	char delim;             /* 0 = detect */
	const char *encoding;   /* NULL = detect */
	const char *country;    /* for national phone numbers */
	int country_given;      /* given by --country (else the default: told when used) */
	const char *source_tz;  /* --source-tz: the zone of times without an offset, or NULL */
	int date_order;         /* -1 = decide per column, else NORM_DMY or NORM_MDY */
	int merge;              /* merge duplicate contacts */
	size_t memory;          /* bytes of contacts held in memory while merging */
	const fu_import_map *maps; /* --map; a column named again gets fallbacks */
	size_t nmaps;
	const fu_import_status *statuses; /* --order-status */
	size_t nstatuses;
	fu_rejects *rejects;    /* the reject report (open or not) */
	const char *previous;   /* the contacts list written last time: carried on as aliases */
	char *const *optin_lists; /* --opt-in-list: the inputs that are the list of consent:
	                             a contact in none of them is not subscribed */
	int noptin_lists;
	const char *contacts;   /* events: the contacts list they join (--contacts), whose
	                           households' events go to the one the buyer's name names */
	const char *currency;   /* --currency: the ISO 4217 code (upper case) of amounts that
	                           name no currency, or a sign several use ($, ¥, kr), or NULL */
	int explain;            /* --explain: each row's note told, none summed up */
	long header_line;       /* --header-line: the header's line in every input (0 = found:
	                           the first of the first lines that names known columns) */
} fu_import_opts;

typedef struct fu_import fu_import;

typedef struct {
	unsigned long read, wrote, merged, rejected;
	unsigned long above; /* rows above the header (a sheet's title) skipped */
	unsigned long footer; /* rows below the table (a report's footer) skipped */
	int status; /* FU_EXIT_OK, or FU_EXIT_DATA after a row had a problem,
	               or FU_EXIT_USAGE after a read or spool error */
} fu_import_ledger;

/* Open FILES (NULL/0 = stdin).  Returns NULL after the messages when nothing
 * can be imported (*STATUS: 2 unreadable input, kinds that disagree, no
 * usable column; 1 no input has a header). */
fu_import *fu_import_open(const fu_import_opts *o, char *const *files, int nfiles, int *status);
/* --explain: every decision, as text */
void fu_import_explain(const fu_import *im, FILE *out);
/* the output's header row */
void fu_import_write_header(const fu_import *im, fu_csv_writer *w);
int fu_import_ninputs(const fu_import *im);
/* Start reading input I (after the previous one ended). */
void fu_import_begin(fu_import *im, int i);
/* 1 and a record, 0 at the end of the input, -1 on a read error (reported) */
int fu_import_next(fu_import *im, fu_record **rec);
/* Normalise one record: written to W, held for merging, or rejected. */
void fu_import_row(fu_import *im, fu_record *rec, fu_csv_writer *w);
/* All of input I: fu_import_begin, fu_import_next and fu_import_row until it
 * ends, fu_import_end; with threads, contacts are normalised in a thread of
 * their own and written (or merged) in this one, in the same order. */
void fu_import_input(fu_import *im, int i, fu_csv_writer *w);
/* The input ended: write what it held back, close it. */
void fu_import_end(fu_import *im, fu_csv_writer *w);
/* After the last input: write the merged contacts.  0, or -1 (reported). */
int fu_import_finish(fu_import *im, fu_csv_writer *w);
void fu_import_ledger_get(const fu_import *im, fu_import_ledger *l);
/* What merging held: contacts, bytes in memory and spilled to the spool.
 * Returns 0, or -1 when not merging. */
int fu_import_merge_stats(const fu_import *im, unsigned long *contacts, size_t *memory,
                          uint64_t *spilled);
void fu_import_close(fu_import *im);

#endif

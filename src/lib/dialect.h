/* dialect.h — what kind of CSV a foreign file is: delimiter, encoding, line
 * ends, guessed from a sample of its start (or given by the user), and a
 * stream that hands the reader UTF-8 whatever the input was. */
#ifndef FU_DIALECT_H
#define FU_DIALECT_H

#include <stdio.h>

typedef struct {
	char delim;
	char encoding[32];   /* "UTF-8", "WINDOWS-1252", "ISO-8859-1", "UTF-16LE", ... */
	const char *line_ends; /* "LF", "CRLF", "CR", "mixed" or "none" */
	int bom;               /* the input began with a byte order mark */
	char delim_why[200];   /* how the guess was made, for --explain */
	char enc_why[200];
	int empty;               /* nothing but a BOM and line ends */
	unsigned long bad_bytes;
	int read_errno;          /* a read error after the sample (0: none); the
	                            stream then ends, and the caller reports it */
	int provisional;         /* the sample is plain ASCII: UTF-8 until the first
	                            byte that is not, then the legacy encoding */
	char switched[64];       /* set by the stream when it switched ("" if not) */
	int excel_sep;           /* the first line was Excel's "sep=X" */
	char *sample;            /* the sample as UTF-8 (dialect_sample_free) */
	size_t sample_len;
	int sample_whole;        /* the sample is the whole input */
} fu_dialect;

/* Read a sample of IN, decide the dialect (FORCE_DELIM / FORCE_ENC override
 * the guess when non-zero / non-NULL) and return a stream of the whole input
 * as UTF-8.  The stream never fails and never prints: a read error ends it and
 * is left in d->read_errno (so another thread may read it).  The
 * returned stream must be closed with dialect_close; IN stays the caller's.
 * Returns NULL after a message (read error, unknown encoding). */
FILE *dialect_open(FILE *in, const char *name, char force_delim, const char *force_enc,
                   fu_dialect *d);
void dialect_close(FILE *fp, FILE *in);
void dialect_sample_free(fu_dialect *d);
/* a printable name of a delimiter: "','", "tab" ... */
const char *dialect_delim_name(char c);

#endif

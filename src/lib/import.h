/* import.h — fu-import's engine: foreign exports in, the contacts or events
 * stream of fu(7) out, every row accounted for. */
#ifndef FU_IMPORT_H
#define FU_IMPORT_H

#include <stddef.h>

typedef struct {
	const char *column; /* canonical column name */
	const char *header; /* source header, "" = take nothing */
} fu_import_map;

typedef struct {
	int kind;               /* 0 = detect, else HM_CONTACTS or HM_EVENTS */
	char delim;             /* 0 = detect */
	const char *encoding;   /* NULL = detect */
	const char *country;    /* for national phone numbers */
	int date_order;         /* NORM_DMY or NORM_MDY for slashed dates */
	int merge;              /* merge duplicate contacts */
	int excel_safe;
	int explain;            /* describe the mapping instead of writing rows */
	const char *rejects;    /* file for unusable rows, or NULL */
	const fu_import_map *maps;
	size_t nmaps;
} fu_import_opts;

/* Import FILES (NULL/0 = stdin) to stdout.  Returns the exit status. */
int fu_import(const fu_import_opts *o, char *const *files, int nfiles);

#endif

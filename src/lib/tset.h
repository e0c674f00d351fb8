/* tset.h — a set of message templates (fu-render(1)): loading NAME.mustache
 * files from a directory or the built-in set, partials confined to that
 * directory, and choosing a template by name, language and formality. */
#ifndef FU_TSET_H
#define FU_TSET_H

#include "fu.h"
#include "lib/mustache.h"

enum { H_OTHER, H_SUBJECT, H_TO, H_FROM, H_ADDRESS };
typedef struct {
	char *name;
	mu_template *t;
	long line;
	int kind;
} tpl_header;

typedef struct {
	char *key;  /* thank-you.fi.formal */
	char *file; /* for messages */
	char *htmlfile;
	tpl_header *h;
	size_t nh;
	mu_template *body, *html;
} message_tpl;

struct embedded_file {
	const char *name, *data;
	size_t len;
};

typedef struct {
	const char *dir; /* NULL: the built-in set */
	const struct embedded_file *builtin; /* the set used without a dir */
	char *realdir;
	int started; /* templates loaded: the loader takes no more names */
	int reading_top; /* the loader reads a message template, not a partial */
	mu_env *env;
	message_tpl *m;
	size_t nm;
	/* chain cache: "name\001lang\001formality" -> message (or none) */
	struct cent {
		char *key;
		message_tpl *m;
	} *cache;
	size_t ncache, capcache; /* open addressing, capcache a power of 2 */
} tset;

/* report a template error as file:line:col (FILE when the error names none) */
void tset_report_error(const mu_error *e, const char *file);

/* Load every template of ts->dir (or of ts->builtin when dir is NULL).
 * Returns 0, or -1 after reporting a syntax error, an unsafe partial or an
 * unreadable directory (the caller exits with status 2). */
int tset_load(tset *ts);
/* The template for NAME in language LANG and formality FORM ("formal",
 * "informal" or ""), by the fallback chain of fu-render(1); NULL if none.
 * TRIED, if given, receives the names looked for. */
message_tpl *tset_choose(tset *ts, const char *name, const char *lang, const char *form, fu_buf *tried);
/* the same, remembered per (name, lang, form) */
message_tpl *tset_choose_cached(tset *ts, const char *name, const char *lang, const char *form);

#endif

/* mustache.h — a Mustache template engine (https://mustache.github.io/).
 *
 * Passes the spec's required modules (interpolation, sections, inverted,
 * comments, delimiters, partials) and the optional ~inheritance and
 * ~dynamic-names modules; lambdas are not supported.
 *
 * Templates are parsed once into a tree (mu_compile) and rendered many times
 * (mu_render) against a context of mu_val values that the caller builds: the
 * engine never copies the data.  Partials and parents are read through a
 * loader callback, parsed on first use and cached in the mu_env. */
#ifndef FU_MUSTACHE_H
#define FU_MUSTACHE_H

#include "fu.h"

/* ---- values ------------------------------------------------------------ */
typedef enum { MU_NULL, MU_FALSE, MU_TRUE, MU_STR, MU_LIST, MU_MAP } mu_type;

typedef struct mu_val mu_val;
struct mu_val {
	mu_type type;
	const char *s;               /* MU_STR (numbers too, as text) */
	size_t len;
	const mu_val *items;         /* MU_LIST items, MU_MAP values */
	size_t n;
	const char *const *keys;     /* MU_MAP: n keys */
	const size_t *keylens;       /* MU_MAP: their lengths */
};

/* Falsy: null, false, an empty list, and an empty string (as in
 * mustache.js: {{#first_name}}…{{/first_name}} tests "has a value"). */
int mu_truthy(const mu_val *v);

/* ---- errors ------------------------------------------------------------ */
typedef struct {
	const char *file; /* template's name as given to mu_compile, or NULL */
	long line, col;   /* 1-based; col counts characters */
	char why[200];
} mu_error;

/* ---- environment: partial loader and cache ------------------------------ */
/* Load the template named NAME (len bytes, not NUL-terminated).  Return 1 and
 * set *src (malloc'd, taken over by the engine), *len and *file (a name for
 * messages, malloc'd or NULL); 0 if there is no such template (renders as
 * empty, as the spec says); -1 on error with why filled. */
typedef int (*mu_load_fn)(void *ud, const char *name, size_t namelen,
                          char **src, size_t *len, char **file,
                          char *why, size_t whysize);

typedef struct mu_env mu_env;
typedef struct mu_template mu_template;

mu_env *mu_env_new(mu_load_fn load, void *ud);
void mu_env_free(mu_env *env); /* frees every template compiled in it */
/* Refuse dynamic names ({{>*name}}, {{<*name}}) in templates compiled from
 * now on: a syntax error, so that data never chooses a template. */
void mu_env_no_dynamic(mu_env *env);

/* Compile SRC (copied).  FILE names it in errors; LINE0 and COL0 are the
 * position of SRC[0] in that file (1, 1 for a whole file).  Returns NULL
 * and fills *err on a syntax error. */
mu_template *mu_compile(mu_env *env, const char *src, size_t len, const char *file,
                        long line0, long col0, mu_error *err);

/* Load and compile every partial and parent T names (not dynamic names),
 * recursively, so that a missing or bad one is found before rendering.
 * Returns 0, or -1 with *err filled (at the tag, for loader errors). */
int mu_preload(mu_template *t, mu_error *err);

/* ---- checking names ----------------------------------------------------- */
/* Return 1 if NAME (LEN bytes) is a name the data will have; else 0 with
 * WHY filled (the message for the error). */
typedef int (*mu_name_fn)(void *ud, const char *name, size_t len, char *why, size_t whysize);

/* Ask KNOWN about every {{name}} and {{{name}}} of T and of the partials and
 * parents it includes (preloaded), except a name inside a section of its own
 * name ({{#x}}{{x}}{{/x}}: the section makes it optional).  Section names are
 * not asked about: a section on a missing name is how a template says
 * "optional".  For dotted names the first part is asked.  Returns 0, or -1
 * with *err at the first unknown name's tag. */
int mu_check_names(const mu_template *t, mu_name_fn known, void *ud, mu_error *err);

/* ---- what a template mentions ---------------------------------------------- */
enum { MU_TAG_VAR, MU_TAG_SECTION, MU_TAG_INVERTED, MU_TAG_PARTIAL };
/* Called with each tag's kind (MU_TAG_*) and name; return 1 to stop. */
typedef int (*mu_mention_fn)(void *ud, int tag, const char *name, size_t len);
/* Walk every variable, section, inverted section and partial (or parent)
 * tag of T and of the partials it includes (preloaded), blocks included;
 * 1 as soon as FN returns 1, else 0.  Dynamic names are not walked. */
int mu_mentions(const mu_template *t, mu_mention_fn fn, void *ud);
/* the same; when FN stops the walk, AT gets the tag's file, line, column
 * and name (in why) */
int mu_mentions_at(const mu_template *t, mu_mention_fn fn, void *ud, mu_error *at);

/* ---- rendering ------------------------------------------------------------ */
enum { MU_ESC_HTML, MU_ESC_NONE, MU_ESC_URL, MU_ESC_ADDRESS };

typedef struct {
	int escape; /* how {{name}} escapes: MU_ESC_HTML (the default), none, or
	             * percent-encoding for URLs; {{{name}}} and {{&name}} never do */
	/* called for each {{name}} that renders as empty (missing, null or ""),
	 * with the tag's position; NULL for none */
	void (*on_empty)(void *ud, const char *name, size_t len, const char *file,
	                 long line, long col);
	/* called after a {{name}} (MU_TAG_VAR), an inverted section
	 * (MU_TAG_INVERTED) or a partial (MU_TAG_PARTIAL: its name as the tag
	 * gives it, or as a dynamic one resolved) has rendered, with the text it
	 * added to the output: what a message really shows; NULL for none.
	 * {{.}} (or {{{.}}}, {{&.}}) right inside {{#name}}, where it shows
	 * name's value, is reported as {{name}} (MU_TAG_VAR, "name") */
	void (*on_rendered)(void *ud, int tag, const char *name, size_t len, const char *text,
	                    size_t textlen);
	void *ud;
} mu_opts;

/* Append the rendering of T in context CTX to OUT.  Returns 0, or -1 with
 * *err filled (a partial that failed to load or parse, nesting too deep). */
int mu_render(const mu_template *t, const mu_val *ctx, const mu_opts *opts,
              fu_buf *out, mu_error *err);

/* the escapers, for callers that build text themselves */
void mu_escape_html(fu_buf *out, const char *s, size_t n);
void mu_escape_url(fu_buf *out, const char *s, size_t n);
/* For address headers (To, From, Cc, Reply-To ...): a value holding address
 * syntax (< > , ; : " ( ) [ ] \\) is written as one quoted string, so that
 * data can name a person but never add a mailbox.  Applies to {{{raw}}} too. */
void mu_escape_address(fu_buf *out, const char *s, size_t n);

/* a map lookup in one value (no context stack); NULL if absent */
const mu_val *mu_map_get(const mu_val *map, const char *key, size_t len);

#endif

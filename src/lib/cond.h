/* cond.h — the small condition language of cadence files (fu-schedule(1)).
 *
 *   expr    := or
 *   or      := and { ("or" | "||") and }
 *   and     := not { ("and" | "&&") not }
 *   not     := ("not" | "!") not | cmp
 *   cmp     := operand [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | "=~" | "!~") operand ]
 *   operand := NAME | NUMBER | STRING | "true" | "false" | "(" expr ")"
 *
 * Parentheses and "not" nest at most 64 deep; and/or chains of any length
 * are held flat (no deeper than one term).
 * Names are resolved once (to columns or facts) by the caller's resolver;
 * the right side of =~ and !~ is a string literal compiled with fu_regex_*.
 * Two values that both read as numbers compare as numbers, else as bytes;
 * an empty value against a number is neither equal, less nor greater
 * (only != holds).  A bare operand is true unless empty, 0, "no", "false". */
#ifndef FU_COND_H
#define FU_COND_H

#include <stddef.h>

typedef struct fu_cond fu_cond;

typedef struct {
	const char *s; /* text of the value (need not be NUL-terminated) */
	size_t n;
	double num;    /* its number, when isnum */
	int isnum;     /* -1: not known yet (fu_cond_eval works it out) */
} fu_cond_val;

/* Parse TEXT.  On error returns NULL, fills why and *col (1-based byte
 * column within TEXT). */
fu_cond *fu_cond_parse(const char *text, char *why, size_t whysize, long *col);

/* Resolve every name: RESOLVE returns a reference >= 0 or -1 if unknown.
 * Returns 0, or -1 with *badname and *col (1-based) of the first unknown name. */
typedef int (*fu_cond_resolver)(void *ctx, const char *name);
int fu_cond_resolve(fu_cond *c, fu_cond_resolver resolve, void *ctx, const char **badname, long *col);

/* Evaluate: GET fills the value of a reference.  Returns 1 true, 0 false,
 * -1 a regular expression hit a limit (why filled). */
typedef void (*fu_cond_getter)(void *ctx, int ref, fu_cond_val *out);
int fu_cond_eval(const fu_cond *c, fu_cond_getter get, void *ctx, char *why, size_t whysize);

/* Does the condition mention NAME? */
int fu_cond_uses(const fu_cond *c, const char *name);

void fu_cond_free(fu_cond *c);

#endif

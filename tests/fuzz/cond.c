/* libFuzzer target: the cadence condition language (parse, resolve, evaluate). */
#include "fu.h"
#include "lib/cond.h"

#include <stdlib.h>
#include <string.h>

static int resolver(void *ctx, const char *name)
{
	(void)ctx;
	return (int)(strlen(name) % 3); /* every name is known: three values */
}

static void getter(void *ctx, int ref, fu_cond_val *v)
{
	static const char *const vals[] = {"", "42", "loyal"};
	(void)ctx;
	v->s = vals[ref];
	v->n = strlen(vals[ref]);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s = fu_xstrndup((const char *)data, size);
	char why[200];
	long col;
	fu_cond *c = fu_cond_parse(s, why, sizeof why, &col);
	if (c) {
		const char *bad;
		if (fu_cond_resolve(c, resolver, NULL, &bad, &col) == 0)
			fu_cond_eval(c, getter, NULL, why, sizeof why);
		fu_cond_free(c);
	} else if (col < 1 || (size_t)col > strlen(s) + 1) {
		abort(); /* an error column points into the text or just after it */
	}
	free(s);
	return 0;
}

/* libFuzzer target: the Mustache parser and renderer over arbitrary
 * templates.  The input's first line is a partial named "p" (so partials,
 * parents and recursion are exercised), the rest the template; it renders
 * against a small context with a string, a list and a map. */
#include "fu.h"
#include "lib/mustache.h"

#include <stdlib.h>
#include <string.h>

static const char *partial;
static size_t partial_len;

static int load(void *ud, const char *name, size_t nl, char **src, size_t *len, char **file, char *why,
                size_t whysize)
{
	(void)ud;
	(void)why;
	(void)whysize;
	(void)file;
	if (nl != 1 || name[0] != 'p')
		return 0;
	*src = fu_xstrndup(partial, partial_len);
	*len = partial_len;
	*file = NULL;
	return 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	partial = s;
	partial_len = nl ? (size_t)(nl - s) : 0;
	const char *tpl = nl ? nl + 1 : s;
	size_t tlen = size - (size_t)(tpl - s);

	static const char *const keys[] = {"name", "list", "map"};
	static const size_t keylens[] = {4, 4, 3};
	static const char *const ikeys[] = {"x"};
	static const size_t ikeylens[] = {1};
	mu_val str = {.type = MU_STR, .s = "Äijä <&>", .len = 11};
	mu_val inner[1] = {{.type = MU_STR, .s = "1", .len = 1}};
	mu_val map = {.type = MU_MAP, .items = inner, .n = 1, .keys = ikeys, .keylens = ikeylens};
	mu_val list_items[2] = {map, str};
	mu_val vals[3] = {str, {.type = MU_LIST, .items = list_items, .n = 2}, map};
	mu_val ctx = {.type = MU_MAP, .items = vals, .n = 3, .keys = keys, .keylens = keylens};

	mu_env *env = mu_env_new(load, NULL);
	mu_error err = {0};
	mu_template *t = mu_compile(env, tpl, tlen, "fuzz", 1, 1, &err);
	if (t) {
		fu_buf out = {0};
		mu_opts o = {.escape = MU_ESC_HTML};
		mu_render(t, &ctx, &o, &out, &err);
		fu_buf_free(&out);
	}
	mu_env_free(env);
	return 0;
}

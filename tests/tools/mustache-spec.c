/* mustache-spec — run Mustache spec files (JSON) through the fu engine.
 * Usage: mustache-spec [-v] FILE.json...
 * Prints "ok|FAIL file: test name" per test, a summary, and exits 1 if any
 * test failed, 2 if a file cannot be read. */
#include "fu.h"
#include "lib/mustache.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* every allocation of a test's context, freed after the test */
static void **allocs;
static size_t nallocs, capallocs;

static void *keep(void *p)
{
	if (nallocs == capallocs) {
		capallocs = capallocs ? 2 * capallocs : 64;
		allocs = fu_xrealloc(allocs, capallocs * sizeof *allocs);
	}
	allocs[nallocs++] = p;
	return p;
}

static void free_all(void)
{
	for (size_t i = 0; i < nallocs; i++)
		free(allocs[i]);
	nallocs = 0;
}

/* JSON -> mu_val */
static void convert(json_t *j, mu_val *v)
{
	memset(v, 0, sizeof *v);
	switch (json_typeof(j)) {
	case JSON_NULL: v->type = MU_NULL; break;
	case JSON_TRUE: v->type = MU_TRUE; break;
	case JSON_FALSE: v->type = MU_FALSE; break;
	case JSON_STRING:
		v->type = MU_STR;
		v->s = json_string_value(j);
		v->len = json_string_length(j);
		break;
	case JSON_INTEGER: {
		char buf[32];
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(j));
		v->type = MU_STR;
		v->s = keep(fu_xstrdup(buf));
		v->len = strlen(buf);
		break;
	}
	case JSON_REAL: { /* the shortest text that reads back as the same double */
		char buf[40];
		double d = json_real_value(j);
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(buf, sizeof buf, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
		v->type = MU_STR;
		v->s = keep(fu_xstrdup(buf));
		v->len = strlen(buf);
		break;
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(j);
		mu_val *items = keep(fu_xcalloc(n ? n : 1, sizeof *items));
		for (size_t i = 0; i < n; i++)
			convert(json_array_get(j, i), &items[i]);
		v->type = MU_LIST;
		v->items = items;
		v->n = n;
		break;
	}
	case JSON_OBJECT: {
		size_t n = json_object_size(j), i = 0;
		mu_val *items = keep(fu_xcalloc(n ? n : 1, sizeof *items));
		const char **keys = keep(fu_xcalloc(n ? n : 1, sizeof *keys));
		size_t *lens = keep(fu_xcalloc(n ? n : 1, sizeof *lens));
		const char *k;
		json_t *x;
		json_object_foreach(j, k, x) {
			keys[i] = k;
			lens[i] = strlen(k);
			convert(x, &items[i]);
			i++;
		}
		v->type = MU_MAP;
		v->items = items;
		v->n = n;
		v->keys = keys;
		v->keylens = lens;
		break;
	}
	}
}

static int load(void *ud, const char *name, size_t nl, char **src, size_t *len, char **file,
                char *why, size_t whysize)
{
	(void)why;
	(void)whysize;
	json_t *partials = ud;
	char *key = fu_xstrndup(name, nl);
	json_t *p = partials ? json_object_get(partials, key) : NULL;
	*file = key;
	if (!p || !json_is_string(p))
		return 0;
	*len = json_string_length(p);
	*src = fu_xstrndup(json_string_value(p), *len);
	return 1;
}

int main(int argc, char **argv)
{
	fu_init("mustache-spec");
	int verbose = 0, i = 1, failed = 0, passed = 0;
	if (i < argc && strcmp(argv[i], "-v") == 0) {
		verbose = 1;
		i++;
	}
	if (i >= argc)
		fu_usage_error("no spec file named");
	for (; i < argc; i++) {
		json_error_t jerr;
		json_t *spec = json_load_file(argv[i], 0, &jerr);
		if (!spec)
			fu_die(FU_EXIT_USAGE, "%s:%d: %s", argv[i], jerr.line, jerr.text);
		json_t *tests = json_object_get(spec, "tests");
		size_t k;
		json_t *t;
		json_array_foreach(tests, k, t) {
			const char *name = json_string_value(json_object_get(t, "name"));
			json_t *tj = json_object_get(t, "template");
			const char *want = json_string_value(json_object_get(t, "expected"));
			mu_val ctx;
			convert(json_object_get(t, "data"), &ctx);
			mu_env *env = mu_env_new(load, json_object_get(t, "partials"));
			mu_error err = {0};
			fu_buf out = {0};
			fu_buf_add(&out, "", 0);
			mu_template *tpl = mu_compile(env, json_string_value(tj), json_string_length(tj),
			                              "template", 1, 1, &err);
			int ok = tpl && mu_render(tpl, &ctx, NULL, &out, &err) == 0 &&
			         strcmp(out.data, want) == 0;
			printf("%s %s: %s\n", ok ? "ok  " : "FAIL", argv[i], name);
			if (!ok) {
				failed++;
				if (!tpl || err.why[0])
					printf("     error: %ld:%ld: %s\n", err.line, err.col, err.why);
				else
				{
					json_t *a = json_string(want), *b = json_string(out.data);
					char *sa = json_dumps(a, JSON_ENCODE_ANY), *sb = json_dumps(b, JSON_ENCODE_ANY);
					printf("     want: %s\n     got:  %s\n", sa, sb);
					free(sa);
					free(sb);
					json_decref(a);
					json_decref(b);
				}
			} else if (verbose) {
				printf("     got: %s\n", out.data);
			}
			if (ok)
				passed++;
			fu_buf_free(&out);
			mu_env_free(env);
			free_all();
		}
		json_decref(spec);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

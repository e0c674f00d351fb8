/* pcre2 with limits, because patterns and subjects may come from users' files:
 * bounded pattern length, match steps, backtracking depth and heap. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "fu.h"

#include <pcre2.h>
#include <stdlib.h>

enum {
	MAX_PATTERN = 4096,
	MATCH_LIMIT = 1000000,
	DEPTH_LIMIT = 10000,
	HEAP_LIMIT_KIB = 16384,
};

struct fu_regex {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
};

static void message(int code, char *why, size_t whysize)
{
	if (!why || !whysize)
		return;
	if (pcre2_get_error_message(code, (PCRE2_UCHAR *)why, whysize) < 0)
		snprintf(why, whysize, "pcre2 error %d", code);
}

fu_regex *fu_regex_compile(const char *pattern, size_t len, int caseless, char *why, size_t whysize,
                           size_t *erroffset)
{
	*erroffset = 0;
	pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
	if (!cctx)
		fu_die(FU_EXIT_USAGE, "out of memory");
	pcre2_set_max_pattern_length(cctx, MAX_PATTERN);
	int err;
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (caseless ? PCRE2_CASELESS : 0);
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len, opts, &err, &off, cctx);
	pcre2_compile_context_free(cctx);
	if (!code) {
		message(err, why, whysize);
		*erroffset = off;
		return NULL;
	}
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* optional: falls back to the interpreter */
	fu_regex *re = fu_xcalloc(1, sizeof *re);
	re->code = code;
	re->md = pcre2_match_data_create_from_pattern(code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->md || !re->mctx)
		fu_die(FU_EXIT_USAGE, "out of memory");
	pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, HEAP_LIMIT_KIB);
	return re;
}

int fu_regex_capture(fu_regex *re, const char *s, size_t n, int group, size_t *start, size_t *end,
                     char *why, size_t whysize)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, re->md, re->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) { /* a limit hit is an error, never a silent "no match" */
		message(rc, why, whysize);
		return -1;
	}
	if (start && end) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
		if (group < 0 || (uint32_t)group >= pcre2_get_ovector_count(re->md) || ov[2 * group] == PCRE2_UNSET) {
			*start = *end = 0;
		} else {
			*start = ov[2 * group];
			*end = ov[2 * group + 1];
		}
	}
	return 1;
}

int fu_regex_match(fu_regex *re, const char *s, size_t n, char *why, size_t whysize)
{
	return fu_regex_capture(re, s, n, 0, NULL, NULL, why, whysize);
}

void fu_regex_free(fu_regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re);
}

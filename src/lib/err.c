/* Error reporting and checked allocation: one voice for every program. */
#include "fu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *fu_progname = "fu";

void fu_init(const char *progname)
{
	const char *slash = strrchr(progname, '/');
	fu_progname = slash ? slash + 1 : progname;
	atexit(fu_close_stdout);
}

static void vwarn_at(const char *file, long line, long col, const char *fmt, va_list ap)
{
	fflush(stdout); /* keep stdout and stderr in order on a terminal */
	fprintf(stderr, "%s: ", fu_progname);
	if (file) {
		fprintf(stderr, "%s:", strcmp(file, "-") == 0 ? "<stdin>" : file);
		if (line > 0)
			fprintf(stderr, "%ld:", line);
		if (col > 0)
			fprintf(stderr, "%ld:", col);
		fputc(' ', stderr);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void fu_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void fu_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(file, line, 0, fmt, ap);
	va_end(ap);
}

void fu_warn_at_col(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(file, line, col, fmt, ap);
	va_end(ap);
}

void fu_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void fu_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(NULL, 0, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", fu_progname);
	exit(FU_EXIT_USAGE);
}

void fu_print_version(void)
{
	printf("%s (fu) %s\n", fu_progname, FU_VERSION);
	exit(FU_EXIT_OK);
}

static void out_of_memory(size_t n)
{
	fu_die(FU_EXIT_USAGE, "out of memory (%zu bytes)", n);
}

void *fu_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *fu_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *fu_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

char *fu_xstrdup(const char *s)
{
	return fu_xstrndup(s, strlen(s));
}

char *fu_xstrndup(const char *s, size_t n)
{
	char *p = fu_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

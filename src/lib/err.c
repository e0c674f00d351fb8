/* Error reporting and checked allocation: one voice for every program. */
#include "fu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *fu_progname = "fu";
static int stderr_is_tty;

static void flush_caps_at_exit(void)
{
	fu_warn_caps_flush(NULL);
}

void fu_init(const char *progname)
{
	const char *slash = strrchr(progname, '/');
	fu_progname = slash ? slash + 1 : progname;
	/* into a file or a pipe, stderr is buffered: a run with many warnings
	 * made several write calls per warning (flushed at exit, and before
	 * anything that ends the process through exit) */
	stderr_is_tty = isatty(STDERR_FILENO);
	if (!stderr_is_tty)
		setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	atexit(fu_close_stdout);
	atexit(flush_caps_at_exit); /* runs first: its lines come before stdout is closed */
}

static void vwarn_at(const char *file, long line, long col, const char *fmt, va_list ap)
{
	fu_progress_clear(); /* a progress line on the terminal goes first */
	if (stderr_is_tty)
		fflush(stdout); /* keep stdout and stderr in order on a terminal */
	fprintf(stderr, "%s: ", fu_progname);
	if (file) {
		fprintf(stderr, "%s:", fu_input_name(file));
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

/* ---- warnings capped by kind ------------------------------------------- */

long fu_warn_cap = 20;

static struct cap {
	char *kind, *file;
	long seen;
} caps[64];
static size_t ncaps;

/* 1 if a warning of KIND about FILE is to be printed */
static int cap_allows(const char *kind, const char *file)
{
	if (!kind || fu_warn_cap <= 0)
		return 1;
	const char *f = file ? file : "";
	for (size_t i = 0; i < ncaps; i++)
		if (strcmp(caps[i].kind, kind) == 0 && strcmp(caps[i].file, f) == 0)
			return ++caps[i].seen <= fu_warn_cap;
	if (ncaps == sizeof caps / sizeof caps[0])
		return 1;
	caps[ncaps++] = (struct cap){fu_xstrdup(kind), fu_xstrdup(f), 1};
	return 1;
}

void fu_warn_capped(const char *kind, const char *file, long line, long col, const char *fmt, ...)
{
	if (!cap_allows(kind, file))
		return;
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(file, line, col, fmt, ap);
	va_end(ap);
}

void fu_warn_caps_flush(const char *file)
{
	size_t kept = 0;
	for (size_t i = 0; i < ncaps; i++) {
		if (file && strcmp(caps[i].file, file) != 0) {
			caps[kept++] = caps[i];
			continue;
		}
		if (caps[i].seen > fu_warn_cap)
			fu_warn_at(*caps[i].file ? caps[i].file : NULL, 0, "... and %ld more like this (%s)",
			           caps[i].seen - fu_warn_cap, caps[i].kind);
		free(caps[i].kind);
		free(caps[i].file);
	}
	ncaps = kept;
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

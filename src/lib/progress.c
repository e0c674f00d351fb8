/* Progress on stderr (see fu.h).  The CSV reader reports each chunk it reads
 * (64 KiB), so the cost is an atomic add and a clock read per chunk, and
 * nothing at all when progress is off.  fu-import's reader runs in a helper
 * thread, hence the atomics and the lock around the printing. */
#include "fu.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SHOW_AFTER_NS = 2000000000LL };
#define TTY_EVERY_NS 250000000LL   /* a terminal line is redrawn 4 times a second */
#define FILE_EVERY_NS 10000000000LL /* a log gets a line every 10 s */

static atomic_llong rows, bytes, total;
static atomic_int total_unknown;
static atomic_llong next_ns; /* when to print next; 0: not started */
static long long start_ns;
static atomic_int on = -1; /* -1: not decided yet */
static int tty;
static int shown;        /* a line is on the terminal */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
/* the input being read now: the line names it and counts its rows (an
 * events log read before the contacts is not the contacts' rows) */
static char cur_name[256]; /* under mu */
static long long cur_base, cur_start_ns; /* rows before it; when it began */

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* the run's clock starts with the program, not at its first CSV input: a
 * program may wait on its input before (fu-import's dialect sample) */
__attribute__((constructor)) static void start_clock(void)
{
	start_ns = now_ns();
}

/* decided once, at the first input: the options are parsed by then */
static int enabled(void)
{
	if (on >= 0)
		return on;
	pthread_mutex_lock(&mu);
	if (on < 0) {
		tty = isatty(STDERR_FILENO);
		if (fu_common.progress == FU_PROGRESS_AUTO)
			/* output on the same terminal would write through the line */
			on = tty && !isatty(STDOUT_FILENO);
		else
			on = fu_common.progress == FU_PROGRESS_ALWAYS;
		atomic_store(&next_ns, start_ns + SHOW_AFTER_NS);
		if (on && tty)
			atexit(fu_progress_clear); /* the terminal is left clean */
	}
	pthread_mutex_unlock(&mu);
	return on;
}

void fu_progress_input(FILE *fp)
{
	if (!enabled())
		return;
	/* a stream with no file under it (fu-import's converting stream) tells
	 * nothing; its file is told by its opener */
	struct stat st;
	int fd = fileno(fp);
	if (fd < 0 || fstat(fd, &st) != 0)
		return;
	if (!S_ISREG(st.st_mode)) {
		atomic_store(&total_unknown, 1); /* a pipe: no total to show */
		return;
	}
	off_t at = ftello(fp);
	atomic_fetch_add(&total, (long long)(st.st_size - (at > 0 ? at : 0)));
}

static void human_bytes(char *buf, size_t size, long long n)
{
	if (n >= 10LL << 30)
		snprintf(buf, size, "%.1f GB", n / 1e9);
	else
		snprintf(buf, size, "%.1f MB", n / 1e6);
}

static void print_line(const char *name, long long t)
{
	double secs = (t - cur_start_ns) / 1e9;
	long long r = atomic_load(&rows) - cur_base, b = atomic_load(&bytes), all = atomic_load(&total);
	char read[96] = "";
	/* bytes only when every input is a file: a pipe's bytes tell nothing
	 * of how far the run is */
	if (all > 0 && !atomic_load(&total_unknown)) {
		char got[32], sum[32];
		human_bytes(got, sizeof got, b);
		human_bytes(sum, sizeof sum, all);
		/* converted text (fu-import's iconv) can outgrow its file */
		int pct = b < all ? (int)(100.0 * b / all) : 99;
		snprintf(read, sizeof read, ", %s read of %s (%d%%)", got, sum, pct);
	}
	if (tty)
		fputs("\r", stderr);
	fprintf(stderr, "%s: %s: %lld rows, %.0f rows/s%s", fu_progname, fu_input_name(name), r,
	        secs > 0 ? r / secs : 0.0, read);
	if (tty) {
		fputs("\033[K", stderr);
		shown = 1;
	} else {
		fputc('\n', stderr);
	}
	fflush(stderr);
}

void fu_progress_add(const char *name, size_t nbytes, long nrows)
{
	if (!enabled())
		return;
	long long t = now_ns();
	/* another input: its rows count from here (its own first rows are in
	 * this call).  By name, not pointer: a freed reader's name may be
	 * reused by the next; once a chunk, so the lock costs nothing */
	pthread_mutex_lock(&mu);
	if (strncmp(cur_name, name, sizeof cur_name - 1) != 0) {
		snprintf(cur_name, sizeof cur_name, "%s", name);
		cur_base = atomic_load(&rows);
		cur_start_ns = t;
	}
	pthread_mutex_unlock(&mu);
	atomic_fetch_add_explicit(&bytes, (long long)nbytes, memory_order_relaxed);
	atomic_fetch_add_explicit(&rows, nrows, memory_order_relaxed);
	long long due = atomic_load_explicit(&next_ns, memory_order_relaxed);
	if (t < due)
		return;
	/* one thread prints; the others carry on */
	if (!atomic_compare_exchange_strong(&next_ns, &due, t + (tty ? TTY_EVERY_NS : FILE_EVERY_NS)))
		return;
	pthread_mutex_lock(&mu);
	print_line(name, t);
	pthread_mutex_unlock(&mu);
}

void fu_progress_clear(void)
{
	if (on <= 0 || !tty)
		return;
	pthread_mutex_lock(&mu);
	if (shown) {
		fputs("\r\033[K", stderr);
		shown = 0;
	}
	pthread_mutex_unlock(&mu);
}

/* Never lose output: checked close of stdout, and named output files written
 * through a temp file that is renamed into place only after a checked close. */
#include "fu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_error_told; /* by fu_stdout_failed */

int fu_stdout_failed(void)
{
	if (write_error_told)
		return 1; /* (told once) */
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	int err = errno ? errno : EIO;
	if (err == EPIPE)
		return 0; /* the reader went away: not our error (fu_close_stdout) */
	fu_warn("write error: %s", strerror(err));
	write_error_told = 1;
	return 1;
}

void fu_close_stdout(void)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;
	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (failed) {
		/* EPIPE: the reader went away (`| head`); that is not our error */
		if (err == EPIPE) {
			fflush(stderr); /* buffered warnings: see fu_init */
			_exit(FU_EXIT_OK);
		}
		if (!write_error_told)
			fprintf(stderr, "%s: write error: %s\n", fu_progname,
			        err ? strerror(err) : "unknown error");
		fflush(stderr);
		_exit(FU_EXIT_USAGE);
	}
	/* flushed, not closed: sanitizers still report after us */
	if (fflush(stderr) != 0 || ferror(stderr))
		_exit(FU_EXIT_USAGE);
}

int fu_outfile_open(fu_outfile *o, const char *path)
{
	memset(o, 0, sizeof *o);
	struct stat st;
	int exists = stat(path, &st) == 0; /* follows symlinks, /dev/stdout too */
	/* write where a symlink points, so the link itself stays */
	char *real = exists && S_ISREG(st.st_mode) ? realpath(path, NULL) : NULL;
	o->path = real ? real : fu_xstrdup(path);
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			fu_warn("%s: is a directory", path);
			goto fail;
		}
		o->fp = fopen(o->path, "w");
		if (!o->fp) {
			fu_warn("%s: %s", path, strerror(errno));
			goto fail;
		}
		return 0;
	}
	size_t n = strlen(o->path);
	o->tmp = fu_xmalloc(n + 16);
	snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", o->path);
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		fu_warn("%s: %s", path, strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600: give the file the mode it has, or the umask's */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, exists ? (st.st_mode & 07777) : (0666 & ~mask));
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		fu_warn("%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	return 0;
fail:
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	return -1;
}

int fu_commit_file(fu_outfile *o)
{
	int ok = fflush(o->fp) == 0 && !ferror(o->fp) && (!o->tmp || fsync(fileno(o->fp)) == 0);
	int err = errno;
	if (fclose(o->fp) != 0 && ok) {
		ok = 0;
		err = errno;
	}
	o->fp = NULL;
	if (ok && o->tmp && rename(o->tmp, o->path) != 0) {
		ok = 0;
		err = errno;
	}
	if (!ok) {
		fu_warn("%s: write error: %s", o->path, strerror(err));
		if (o->tmp)
			unlink(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	return ok ? 0 : -1;
}

void fu_abort_file(fu_outfile *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	o->fp = NULL;
	o->path = o->tmp = NULL;
}

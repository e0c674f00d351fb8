/* Never lose output: checked close of stdout, and named output files written
 * through a temp file that is renamed into place only after a checked close. */
#include "fu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
		if (err == EPIPE)
			_exit(FU_EXIT_OK);
		fprintf(stderr, "%s: write error: %s\n", fu_progname,
		        err ? strerror(err) : "unknown error");
		_exit(FU_EXIT_USAGE);
	}
	/* flushed, not closed: sanitizers still report after us */
	if (fflush(stderr) != 0 || ferror(stderr))
		_exit(FU_EXIT_USAGE);
}

int fu_outfile_open(fu_outfile *o, const char *path)
{
	o->path = fu_xstrdup(path);
	size_t n = strlen(path);
	o->tmp = fu_xmalloc(n + 16);
	snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		fu_warn("%s: %s", path, strerror(errno));
		free(o->path);
		free(o->tmp);
		o->path = o->tmp = NULL;
		return -1;
	}
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		fu_warn("%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		return -1;
	}
	return 0;
}

int fu_commit_file(fu_outfile *o)
{
	int ok = fflush(o->fp) == 0 && !ferror(o->fp) && fsync(fileno(o->fp)) == 0;
	int err = errno;
	if (fclose(o->fp) != 0 && ok) {
		ok = 0;
		err = errno;
	}
	o->fp = NULL;
	if (ok && rename(o->tmp, o->path) != 0) {
		ok = 0;
		err = errno;
	}
	if (!ok) {
		fu_warn("%s: write error: %s", o->path, strerror(err));
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

/* smallfile.c — reading a small settings file whole, with a size limit. */
#include <errno.h>
#include <string.h>

#include "fu.h"

int fu_small_file_read(const char *path, size_t max, const char *what, int missing_ok, fu_buf *text)
{
	int is_stdin = !strcmp(path, "-");
	FILE *fp = is_stdin ? stdin : fopen(path, "r");
	path = fu_input_name(path);
	if (!fp) {
		if (missing_ok && errno == ENOENT)
			return 1;
		fu_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	fu_buf_clear(text);
	/* read MAX + 1 bytes at most: an endless device or a data file given
	 * by mistake stops here instead of being read to its end */
	int rc = 0;
	while (text->len <= max) {
		fu_buf_reserve(text, 65536);
		size_t want = max + 1 - text->len < 65536 ? max + 1 - text->len : 65536;
		size_t got = fread(text->data + text->len, 1, want, fp);
		text->len += got;
		text->data[text->len] = '\0';
		if (got < want) {
			if (ferror(fp)) {
				fu_warn("%s: %s", path, strerror(errno));
				rc = -1;
			}
			break;
		}
	}
	if (!is_stdin)
		fclose(fp);
	if (rc == 0 && text->len > max) {
		fu_warn("%s: over %zu KiB: not %s", path, max / 1024, what);
		rc = -1;
	}
	const char *nul = rc == 0 ? memchr(text->data, '\0', text->len) : NULL;
	if (nul) {
		long line = 1;
		for (const char *p = text->data; p < nul; p++)
			line += *p == '\n';
		fu_warn_at(path, line, "a NUL byte: not %s", what);
		rc = -1;
	}
	return rc;
}

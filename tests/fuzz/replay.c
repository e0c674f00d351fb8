/* Runs a libFuzzer target without libFuzzer: each file named on the command
 * line (or each file of a named directory) is one input.  `make check`
 * replays the committed seeds and regression cases this way with the normal
 * compiler, so a fixed crash stays fixed without clang. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	size_t cap = 4096, len = 0;
	unsigned char *data = malloc(cap);
	size_t got;
	while (data && (got = fread(data + len, 1, cap - len, fp)) > 0) {
		len += got;
		if (len == cap)
			data = realloc(data, cap *= 2);
	}
	int bad = ferror(fp) || !data;
	fclose(fp);
	if (bad) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(data);
		return -1;
	}
	/* a copy of exactly LEN bytes, so reading past the input is caught */
	unsigned char *exact = malloc(len ? len : 1);
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 1;
}

static int run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	struct dirent **names;
	int n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	int count = 0;
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.' && count >= 0) {
			char *sub;
			if (asprintf(&sub, "%s/%s", path, names[i]->d_name) < 0)
				abort();
			int r = run_path(sub);
			count = r < 0 ? -1 : count + r;
			free(sub);
		}
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;
	for (int i = 1; i < argc; i++) {
		int r = run_path(argv[i]);
		if (r < 0)
			return 2;
		total += r;
	}
	fprintf(stderr, "replay: %ld inputs\n", total);
	return 0;
}

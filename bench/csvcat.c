/* csvcat — the plain libcsv round trip the fu-import benchmark compares with:
 * parse standard input with libcsv (strict, spaces kept, as fu's reader) and
 * write every record back as RFC 4180 CSV, quoting only where needed.  No line
 * counting, no checks, no mapping: the floor of what reading and writing CSV
 * costs with this parser. */
#include <csv.h>
#include <stdio.h>
#include <string.h>

static size_t col;

static int keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *s, size_t n, void *data)
{
	FILE *out = data;
	if (col++)
		putc_unlocked(',', out);
	const char *p = s;
	int quote = 0;
	for (size_t i = 0; i < n && !quote; i++)
		quote = p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r';
	if (quote)
		csv_fwrite(out, s, n);
	else
		fwrite_unlocked(s, 1, n, out);
}

static void on_record(int c, void *data)
{
	(void)c;
	putc_unlocked('\n', (FILE *)data);
	col = 0;
}

int main(void)
{
	struct csv_parser p;
	static char buf[1 << 16];
	size_t n;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return 2;
	csv_set_space_func(&p, keep_spaces);
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_record, stdout) != n) {
			fprintf(stderr, "csvcat: %s\n", csv_strerror(csv_error(&p)));
			return 1;
		}
	}
	csv_fini(&p, on_field, on_record, stdout);
	csv_free(&p);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("csvcat");
		return 2;
	}
	return 0;
}

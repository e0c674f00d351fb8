/* libFuzzer target: fu-import's value normalisers and its dialect sniffing
 * (encoding guess, delimiter count, the converting stream) on arbitrary bytes. */
#include "fu.h"
#include "lib/dialect.h"
#include "lib/norm.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data, *why;
	fu_buf out = {0};
	const char *seg;
	norm_email(s, size, &out, &why);
	norm_phone(s, size, "FI", &out, &why);
	norm_phone(s, size, "US", &out, &why);
	norm_date(s, size, NORM_DMY, &out, &why);
	norm_date(s, size, NORM_MDY, &out, &why);
	norm_stage(s, size, &out, &seg, &why);
	norm_segment(s, size, &out, &why);
	norm_lang(s, size, &out, &why);
	norm_formal(s, size, &out, &why);
	fu_buf_free(&out);

	/* the whole input as a file: sniff, convert, read every record */
	static char none[1];
	FILE *in = size ? fmemopen((void *)data, size, "rb") : fmemopen(none, 1, "rb");
	if (!in)
		return 0;
	if (size == 0)
		fgetc(in); /* fmemopen wants a size above 0: an empty stream */
	fu_dialect d;
	FILE *fp = dialect_open(in, "fuzz", 0, NULL, &d);
	if (fp) {
		fu_csv_reader *r = fu_csv_open(fp, "fuzz", d.delim);
		fu_record *rec;
		while (fu_csv_next(r, &rec) > 0)
			;
		fu_csv_close(r);
		dialect_close(fp, in);
		dialect_sample_free(&d);
	}
	fclose(in);
	return 0;
}

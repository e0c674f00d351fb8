/* Reject reports: every row a program cannot use lands here with its reason,
 * so that no row is lost and the counts add up. */
#include "fu.h"

#include <string.h>

int fu_rejects_open(fu_rejects *r, const char *path)
{
	memset(r, 0, sizeof *r);
	if (fu_outfile_open(&r->out, path) != 0)
		return -1;
	fu_csv_writer_init(&r->w, r->out.fp, 0);
	char *head[] = {"file", "line", "reason", "record"};
	fu_csv_row(&r->w, head, 4);
	r->open = 1;
	return 0;
}

/* the record's text as valid UTF-8: NUL and broken bytes become U+FFFD, so
 * the report itself is always good CSV for the next tool */
static void clean_utf8(const char *s, size_t n, fu_buf *out)
{
	fu_buf_clear(out);
	fu_buf_add(out, "", 0);
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && (unsigned char)s[j] < 0x80 && s[j] != '\0')
			j++;
		fu_buf_add(out, s + i, j - i);
		i = j;
		if (i >= n)
			break;
		int k = s[i] == '\0' ? 0 : fu_utf8_seq((const unsigned char *)s + i, n - i);
		if (k > 0) {
			fu_buf_add(out, s + i, (size_t)k);
			i += (size_t)k;
		} else {
			fu_buf_adds(out, "\xEF\xBF\xBD");
			i++;
		}
	}
}

void fu_rejects_add(fu_rejects *r, const char *file, long line, const char *reason, const char *raw,
                    size_t rawlen)
{
	if (!r->open)
		return;
	char num[24];
	snprintf(num, sizeof num, "%ld", line);
	fu_csv_fields(&r->w, fu_input_name(file));
	fu_csv_fields(&r->w, num);
	fu_csv_fields(&r->w, reason);
	clean_utf8(raw ? raw : "", raw ? rawlen : 0, &r->text);
	fu_csv_field(&r->w, r->text.data, r->text.len);
	fu_csv_endrow(&r->w);
}

int fu_rejects_close(fu_rejects *r)
{
	fu_buf_free(&r->text);
	if (!r->open)
		return 0;
	r->open = 0;
	return fu_commit_file(&r->out);
}

void fu_rejects_abort(fu_rejects *r)
{
	fu_buf_free(&r->text);
	if (r->open)
		fu_abort_file(&r->out);
	r->open = 0;
}

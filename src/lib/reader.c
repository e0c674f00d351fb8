/* The one input loop (see reader.h). */
#include "lib/reader.h"
#include "lib/contract.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* NAME without the blanks around it, case aside, is S? */
static int same_name(const char *s, const char *name)
{
	size_t n = strlen(s);
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == strlen(name) && strncasecmp(s, name, n) == 0;
}

void fu_header_canon(fu_header *h, const char *const *names)
{
	for (size_t k = 0; names && names[k]; k++) {
		if (fu_header_find(h, names[k]) >= 0)
			continue;
		for (size_t i = 0; i < h->n; i++)
			if (same_name(h->names[i], names[k])) {
				free(h->names[i]);
				h->names[i] = fu_xstrdup(names[k]);
				break;
			}
	}
}

int fu_reader_open(fu_reader *r, const char *path, const char *what, const char *const *required,
                   fu_rejects *rejects)
{
	memset(r, 0, sizeof *r);
	r->type_col = -1;
	r->name = path;
	r->rejects = rejects;
	r->bad_format = "%s";
	r->csv = fu_csv_open_path(path, 0); /* ',' or, with --itsv, tab */
	if (!r->csv)
		return -1;
	fu_csv_sniff(r->csv); /* ';' or Windows-1252 from a spreadsheet */
	int got = fu_csv_read_header(r->csv, &r->hdr);
	if (got != 0) {
		fu_csv_close(r->csv);
		r->csv = NULL;
		return got;
	}
	fu_header_canon(&r->hdr, required);
	/* every missing column in one message: "an events log needs the columns
	 * contact_id, when and type; missing: when" */
	fu_buf missing = {0}, needed = {0};
	size_t nmissing = 0, nrequired = 0;
	while (required && required[nrequired])
		nrequired++;
	for (size_t i = 0; i < nrequired; i++) {
		fu_buf_printf(&needed, "%s%s", i == 0 ? "" : i + 1 == nrequired ? " and " : ", ", required[i]);
		if (fu_header_find(&r->hdr, required[i]) >= 0)
			continue;
		fu_buf_printf(&missing, "%s%s", nmissing ? ", " : "", required[i]);
		nmissing++;
	}
	if (nmissing == nrequired && nmissing)
		fu_warn_at(path, 1, "%s needs the column%s %s", what ? what : "this input",
		           nrequired > 1 ? "s" : "", needed.data);
	else if (nmissing)
		fu_warn_at(path, 1, "%s needs the column%s %s; missing: %s", what ? what : "this input",
		           nrequired > 1 ? "s" : "", needed.data, missing.data);
	fu_buf_free(&missing);
	fu_buf_free(&needed);
	if (nmissing) {
		fu_reader_close(r);
		return -1;
	}
	return 0;
}

long fu_header_find_loose(const fu_header *h, const char *name)
{
	long c = fu_header_find(h, name);
	for (size_t i = 0; c < 0 && i < h->n; i++)
		if (same_name(h->names[i], name))
			c = (long)i;
	return c;
}

/* S lower-cased without its separators (' ', '-', '_', '.') into OUT (N
 * bytes): "First Name" and "first_name" are both "firstname" */
static void squeeze(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (; *s && k + 1 < n; s++)
		if (*s != ' ' && *s != '-' && *s != '_' && *s != '.' && *s != '\t')
			out[k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	out[k] = '\0';
}

void fu_contacts_canon(fu_header *h, const char *file)
{
	enum { N = FU_CONTACT_NCOLS + 2 };
	const char *names[N + 1];
	for (size_t k = 0; k < FU_CONTACT_NCOLS; k++)
		names[k] = fu_contact_columns[k];
	names[FU_CONTACT_NCOLS] = "referred_by"; /* fu-referrals', fu-churn's advocates */
	names[FU_CONTACT_NCOLS + 1] = "referral_code";
	names[N] = NULL;
	fu_header_canon(h, names);
	for (size_t k = 0; k < N; k++) {
		if (fu_header_find(h, names[k]) >= 0)
			continue;
		char want[32], got[64];
		squeeze(names[k], want, sizeof want);
		for (size_t i = 0; i < h->n; i++) {
			squeeze(h->names[i], got, sizeof got);
			if (strcmp(got, want) == 0) {
				fu_warn_at(file, 1, "note: column \"%s\" is not the %s column of fu(7): rename it, "
				           "or run the file through fu-import", h->names[i], names[k]);
				break;
			}
		}
	}
}

int fu_reader_open_contacts(fu_reader *r, const char *path, const char *what, fu_rejects *rejects)
{
	int got = fu_reader_open(r, path, what, NULL, rejects);
	if (got != 0)
		return got;
	fu_contacts_canon(&r->hdr, fu_input_name(path));
	if (fu_header_find(&r->hdr, "id") < 0 && fu_header_find(&r->hdr, "email") < 0) {
		fu_warn_at(fu_input_name(path), 1, "contacts need an id or an email column");
		fu_reader_close(r);
		return -1;
	}
	return 0;
}

long fu_reader_col(const fu_reader *r, const char *name)
{
	return fu_header_find(&r->hdr, name);
}

static void refuse(fu_reader *r, const fu_record *rec, const char *kind, const char *why)
{
	fu_warn_record_capped(kind, r->name, rec, r->bad_format, why);
	if (r->rejects)
		fu_rejects_add(r->rejects, r->name, rec->line, why, rec->raw, rec->raw_len);
	r->n.rejected++;
}

int fu_record_is_header(const fu_record *rec, const fu_header *h)
{
	if (rec->error || rec->nfields != h->n || !rec->nfields)
		return 0;
	for (size_t i = 0; i < rec->nfields; i++) {
		const char *s = rec->fields[i];
		if (i == 0 && rec->lens[0] >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		if (!same_name(s, h->names[i]))
			return 0;
	}
	return 1;
}

int fu_reader_next(fu_reader *r, fu_record **out)
{
	fu_record *rec;
	int got;
	while ((got = fu_csv_next(r->csv, &rec)) == 1) {
		if (fu_record_check(rec, r->hdr.n)) {
			if (fu_record_is_header(rec, &r->hdr)) {
				if (r->n.headers++ == 0 && !r->headers_expected)
					fu_warn_at(r->name, rec->line, "note: the header line again (inputs joined "
					           "with cat?): skipped, as any later one is");
				continue;
			}
			r->n.read++;
			*out = rec;
			return 1;
		}
		r->n.read++;
		if (r->type_col >= 0 && (size_t)r->type_col < rec->nfields &&
		    fu_ev_is_mark(fu_ev_parse(rec->fields[r->type_col]))) {
			char why[1024];
			snprintf(why, sizeof why, "%s row: %s", fu_ev_names[fu_ev_parse(rec->fields[r->type_col])],
			         rec->error);
			refuse(r, rec, rec->error_kind, why);
			continue;
		}
		refuse(r, rec, rec->error_kind, rec->error);
	}
	return got;
}

void fu_reader_reject(fu_reader *r, const fu_record *rec, const char *kind, const char *fmt, ...)
{
	char why[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	refuse(r, rec, kind, why);
}

void fu_reader_close(fu_reader *r)
{
	fu_warn_caps_flush(r->name);
	fu_header_free(&r->hdr);
	if (r->csv)
		fu_csv_close(r->csv);
	r->csv = NULL;
}

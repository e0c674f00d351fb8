/* The one input loop (see reader.h). */
#include "lib/reader.h"
#include "lib/contract.h"
#include "lib/headermap.h"
#include "lib/norm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* C as strncasecmp compares it (in the C locale fu runs in) */
static unsigned char ascii_lower(unsigned char c)
{
	return (unsigned char)((unsigned)c - 'A' < 26u ? c + 32 : c);
}

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

static int named_as(const char *header, const char *name);

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
			/* (a referrer's or code column is read as it: fu_reader_col_as) */
			if (strcmp(got, want) == 0 && !named_as(h->names[i], names[k])) {
				fu_warn_at(file, 1, "note: column \"%s\" is not the %s column of fu(7): rename it, "
				           "or run the file through fu-import", h->names[i], names[k]);
				break;
			}
		}
	}
}

/* ---- consent in other spellings (fu_reader_consent) ---- */

static int consent_target(int t)
{
	return t == T_UNSUB || t == T_OPTOUT || t == T_OPTIN || t == T_CONSENT;
}

void fu_reader_consent(fu_reader *r, const char *file)
{
	fu_header *h = &r->hdr;
	r->consent_into = fu_header_find_loose(h, "unsubscribed");
	int own = r->consent_into >= 0;
	r->nconsent = 0;
	hm_map m;
	hm_build(h, HM_CONTACTS, &m);
	/* the columns the table reads as consent, but the contract's own */
	unsigned char seen[1024] = {0};
	fu_buf told = {0};
	for (int t = 0; t < T_COUNT; t++) {
		if (!consent_target(t))
			continue;
		for (int a = -1; a < HM_ALT; a++) {
			long c = a < 0 ? m.src[t] : m.alt[t][a];
			if (c < 0)
				break;
			if (c == r->consent_into || (c < 1024 && seen[c]) ||
			    r->nconsent == (int)(sizeof r->consent_col / sizeof *r->consent_col))
				continue;
			if (c < 1024)
				seen[c] = 1;
			int flags = hm_column_flags(h->names[c], HM_CONTACTS);
			r->consent_col[r->nconsent] = c;
			r->consent_name[r->nconsent] = fu_xstrdup(h->names[c]); /* (before any rename) */
			r->consent_kind[r->nconsent] = (unsigned char)(t == T_CONSENT && (flags & HM_WEAK) ? T_COUNT : t);
			/* known by its words, or a plain status (maybe the CRM's own):
			 * a value not understood is told, not read; but one whose
			 * words say opt-out takes it as an opt-out (fails safe) */
			r->consent_guess[r->nconsent] = (flags & (HM_GUESS | HM_WEAK)) != 0 &&
			                                 t != T_OPTOUT && t != T_UNSUB;
			r->nconsent++;
			fu_buf_printf(&told, "%s\"%s\" (%s)", told.len ? ", " : "", h->names[c],
			              t == T_OPTIN ? "opt-in: no is an opt-out"
			              : t == T_CONSENT ? "a consent status" : "an opt-out: yes or its date");
		}
	}
	if (r->nconsent && r->consent_into < 0) {
		/* the first one that is a consent column by its name becomes the
		 * contract's column; a plain "Status" never does: it may be the
		 * CRM's own (Lead, Customer), and taking it over would write its
		 * values over with yes or nothing */
		int k = 0;
		while (k < r->nconsent && r->consent_kind[k] == T_COUNT)
			k++;
		if (k < r->nconsent) {
			r->consent_into = r->consent_col[k];
			free(h->names[r->consent_into]);
			h->names[r->consent_into] = fu_xstrdup("unsubscribed");
		} else {
			for (int i = 0; i < r->nconsent; i++) {
				fu_warn_at(file, 1, "note: column \"%s\" is not read as consent (a plain status may "
				           "be the CRM's own, and is kept as it is): a contact it says opted out "
				           "gets marketing; add a column unsubscribed (yes, or the date they opted "
				           "out), or run the file through fu-import",
				           r->consent_name[i]);
				free(r->consent_name[i]);
			}
			r->nconsent = 0;
		}
	}
	if (r->nconsent) {
		fu_warn_at(file, 1, "note: %s read as the contacts' unsubscribed (fu(7)): one that says "
		           "opted out is an opt-out", told.data);
	}
	/* a header that sounds like consent but is none of these, in a list with
	 * no consent column read: told, not read (beside one, fu-import's
	 * output, an extra such as Klaviyo's Suppression Reason) */
	for (size_t i = 0; !own && !r->nconsent && i < h->n; i++) {
		if ((long)i == r->consent_into || (i < 1024 && seen[i]) || !hm_consent_header(h->names[i]))
			continue;
		int t = -1;
		for (int k = 0; k < T_COUNT && t < 0; k++)
			if (m.src[k] == (long)i)
				t = k;
		if (t >= 0 && !consent_target(t))
			continue; /* a column the table reads as something else */
		fu_warn_at(file, 1, "note: column \"%s\" sounds like consent but is not read: name it "
		           "unsubscribed (yes, or the date they opted out), or run the file through "
		           "fu-import", h->names[i]);
	}
	fu_buf_free(&told);
}

/* What column K of the consent columns says of REC: 1 opted out (a date
 * into DATE when it gives one), 0 not, -1 a value not understood */
static int consent_says(const fu_reader *r, int k, const fu_record *rec, fu_buf *date)
{
	long c = r->consent_col[k];
	const char *s = rec->fields[c];
	size_t n = rec->lens[c];
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || norm_placeholder(s, n))
		return 0; /* nothing said: no opt-out (fu(7): an empty cell undoes nothing) */
	int t = r->consent_kind[k], f;
	const char *why;
	fu_buf_clear(date);
	switch (t) {
	case T_COUNT: /* a plain "Status": only a clear opt-out word counts */
		if (norm_opt_out_word(s, n))
			return 1;
		return norm_consent_word(s, n) >= 0 ? 0 : -1; /* (-1: told, not read) */
	case T_OPTIN: /* a consent word first ("Unsubscribed" in a newsletter column) */
		if ((f = norm_consent_word(s, n)) >= 0)
			return f;
		if ((f = norm_flag(s, n)) >= 0)
			return !f;
		f = norm_date(s, n, NORM_DMY, date, &why) == 0 ? 0 : -1; /* when they opted in */
		fu_buf_clear(date);
		return f;
	case T_CONSENT:
		return norm_consent_word(s, n);
	default: /* unsubscribed, an opt-out flag: yes, a consent word, or the date */
		if ((f = norm_flag(s, n)) >= 0)
			return f;
		if ((f = norm_consent_word(s, n)) >= 0)
			return f;
		if (norm_date(s, n, NORM_DMY, date, &why) == 0 || norm_opt_out_phrase(s, n))
			return 1;
		fu_buf_clear(date);
		return -1;
	}
}

/* REC's unsubscribed made from its consent columns (fu_reader_consent) */
static void consent_verdict(fu_reader *r, fu_record *rec)
{
	long into = r->consent_into;
	if ((size_t)into >= rec->nfields)
		return;
	int own = r->consent_col[0] != into; /* the list's own unsubscribed column */
	if (own && fu_unsubscribed_word(rec->fields[into]) != FU_UNSUB_NO)
		return; /* its opt-out (or no-consent) stands */
	int out = 0;
	fu_buf *date = &r->consent_cell;
	fu_buf when = {0};
	for (int k = 0; k < r->nconsent && out <= 0; k++) {
		if ((size_t)r->consent_col[k] >= rec->nfields)
			continue;
		int f = consent_says(r, k, rec, date);
		if (f < 0 && r->consent_guess[k]) {
			/* a column known only by its words: maybe no consent at all */
			fu_warn_capped("consent column not read", r->name, rec->line, 0,
			               "note: \"%s\" looks like a consent column, but \"%s\" is not a yes/no, "
			               "date or consent word fu knows: not read (name the column unsubscribed, "
			               "yes or the date they opted out)", r->consent_name[k],
			               rec->fields[r->consent_col[k]]);
			continue;
		}
		if (f < 0) {
			fu_warn_capped("consent value not understood", r->name, rec->line, 0,
			               "%s \"%s\": not a yes/no, date or consent word fu knows: taken as "
			               "unsubscribed", r->consent_name[k], rec->fields[r->consent_col[k]]);
			r->nconsent_unknown++;
			out = 1;
		} else if (f == 1) {
			out = date->len ? 2 : 1;
			if (date->len)
				fu_buf_add(&when, date->data, date->len);
		}
	}
	fu_buf_clear(&r->consent_cell);
	if (out == 2)
		fu_buf_add(&r->consent_cell, when.data, when.len);
	else if (out)
		fu_buf_adds(&r->consent_cell, "yes");
	fu_buf_free(&when);
	if (!out && own)
		return; /* the list's own cell, as it is */
	r->consent_empty[0] = '\0';
	rec->fields[into] = r->consent_cell.len ? r->consent_cell.data : r->consent_empty;
	rec->lens[into] = r->consent_cell.len;
}

int fu_reader_open_contacts(fu_reader *r, const char *path, const char *what, fu_rejects *rejects)
{
	int got = fu_reader_open(r, path, what, NULL, rejects);
	if (got != 0)
		return got;
	fu_contacts_canon(&r->hdr, fu_input_name(path));
	fu_reader_consent(r, fu_input_name(path));
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

/* Is HEADER fu(7)'s NAME under another name, as fu-import reads it? */
static int named_as(const char *header, const char *name)
{
	if (strcmp(name, "referred_by") == 0)
		return hm_referrer_header(header);
	if (strcmp(name, "referral_code") == 0)
		return hm_referral_code_header(header);
	return 0;
}

long fu_reader_col_as(const fu_reader *r, const char *name, int note)
{
	long c = fu_header_find(&r->hdr, name);
	if (c >= 0)
		return c;
	for (size_t i = 0; i < r->hdr.n; i++)
		if (named_as(r->hdr.names[i], name)) {
			if (note)
				fu_warn_at(fu_input_name(r->name), 1, "note: column \"%s\" read as %s, as "
				           "fu-import writes it", r->hdr.names[i], name);
			return (long)i;
		}
	return -1;
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
	/* this runs for every row: most differ from the header in the first
	 * letter of their first field, told apart without same_name's work */
	const char *first = rec->fields[0];
	if (rec->lens[0] >= 3 && memcmp(first, "\xEF\xBB\xBF", 3) == 0)
		first += 3;
	while (*first == ' ' || *first == '\t')
		first++;
	if (ascii_lower((unsigned char)*first) != ascii_lower((unsigned char)h->names[0][0]))
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
			if (r->nconsent)
				consent_verdict(r, rec);
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
	fu_buf_free(&r->consent_cell);
	for (int k = 0; k < r->nconsent; k++)
		free(r->consent_name[k]);
	r->nconsent = 0;
	if (r->csv)
		fu_csv_close(r->csv);
	r->csv = NULL;
}

/* household.c — fu-import --contacts: an event at an address several
 * contacts share joins the one its buyer's name names (household.h). */
#include "household.h"

#include <stdlib.h>

#include "map.h"
#include "norm.h"
#include "reader.h"

struct member {
	uint32_t next;    /* the next contact with the address, or UINT32_MAX */
	uint32_t last;    /* its last name folded and hashed (norm_name_hash), 0 none */
	size_t id, name;  /* offsets of its id and its "First Last" in text */
	size_t first;     /* of its first name in text, trimmed ("" none) */
};

struct fu_household {
	fu_map mails;           /* an address, lower-cased -> its index */
	uint32_t *head, *tail;  /* by the address's index: its first and last member */
	uint32_t *count;
	struct member *m;
	size_t n, cap, mcap;
	fu_buf text;            /* the ids and names, each NUL-ended */
	size_t shared;          /* addresses of two or more */
};

/* a last name as fu-import's merging compares them (Müller, Mueller) */
static uint32_t last_hash(const char *s, size_t n)
{
	return norm_name_hash(s, n);
}

static const char *cell(const fu_record *rec, long c, size_t *n)
{
	if (c < 0 || (size_t)c >= rec->nfields) {
		*n = 0;
		return "";
	}
	*n = rec->lens[c];
	return rec->fields[c];
}

fu_household *fu_household_load(const char *path)
{
	fu_reader r;
	int got = fu_reader_open(&r, path, "a contacts list (--contacts)", NULL, NULL);
	if (got > 0)
		fu_warn("%s: --contacts: an empty file, not a contacts list", fu_input_name(path));
	if (got != 0)
		return NULL;
	fu_contacts_canon(&r.hdr, fu_input_name(path));
	long c_id = fu_reader_col(&r, "id"), c_mail = fu_reader_col(&r, "email"),
	     c_first = fu_reader_col(&r, "first_name"), c_last = fu_reader_col(&r, "last_name");
	if (c_id < 0 || c_mail < 0) {
		fu_warn("%s: --contacts: not a contacts list of fu(7) (it needs an id and an email column)",
		        fu_input_name(path));
		fu_reader_close(&r);
		return NULL;
	}
	fu_household *hh = fu_xcalloc(1, sizeof *hh);
	fu_record *rec;
	fu_buf low = {0};
	while ((got = fu_reader_next(&r, &rec)) == 1) {
		size_t n;
		const char *mail = cell(rec, c_mail, &n);
		fu_buf_clear(&low);
		norm_trim(mail, n, &low);
		if (!low.len)
			continue;
		fu_ascii_lower(low.data, low.len);
		int added;
		size_t a = fu_map_put(&hh->mails, low.data, low.len, &added);
		if (a == hh->cap) {
			hh->cap = hh->cap ? 2 * hh->cap : 1024;
			hh->head = fu_xrealloc(hh->head, hh->cap * sizeof *hh->head);
			hh->tail = fu_xrealloc(hh->tail, hh->cap * sizeof *hh->tail);
			hh->count = fu_xrealloc(hh->count, hh->cap * sizeof *hh->count);
		}
		if (hh->n == hh->mcap) {
			hh->mcap = hh->mcap ? 2 * hh->mcap : 1024;
			hh->m = fu_xrealloc(hh->m, hh->mcap * sizeof *hh->m);
		}
		uint32_t k = (uint32_t)hh->n++;
		struct member *m = &hh->m[k];
		size_t fn, ln, idn;
		const char *first = cell(rec, c_first, &fn), *last = cell(rec, c_last, &ln);
		const char *id = cell(rec, c_id, &idn);
		m->next = UINT32_MAX;
		m->last = last_hash(last, ln);
		m->id = hh->text.len;
		norm_trim(id, idn, &low);
		fu_buf_add(&hh->text, low.data ? low.data : "", low.len);
		fu_buf_addc(&hh->text, '\0');
		m->name = hh->text.len;
		fu_buf_add(&hh->text, first, fn);
		if (fn && ln)
			fu_buf_addc(&hh->text, ' ');
		fu_buf_add(&hh->text, last, ln);
		fu_buf_addc(&hh->text, '\0');
		m->first = hh->text.len;
		norm_trim(first, fn, &low);
		fu_buf_add(&hh->text, low.data ? low.data : "", low.len);
		fu_buf_addc(&hh->text, '\0');
		if (added) {
			hh->head[a] = hh->tail[a] = k;
			hh->count[a] = 1;
		} else {
			hh->m[hh->tail[a]].next = k;
			hh->tail[a] = k;
			if (++hh->count[a] == 2)
				hh->shared++;
		}
	}
	fu_buf_free(&low);
	fu_reader_close(&r);
	if (got < 0) {
		fu_household_free(hh);
		return NULL;
	}
	return hh;
}

size_t fu_household_shared(const fu_household *hh)
{
	return hh ? hh->shared : 0;
}

void fu_household_free(fu_household *hh)
{
	if (!hh)
		return;
	fu_map_free(&hh->mails);
	free(hh->head);
	free(hh->tail);
	free(hh->count);
	free(hh->m);
	fu_buf_free(&hh->text);
	free(hh);
}

/* ---- the buyer's name in an events export ---------------------------------- */

/* lower-case; runs of ASCII non-alphanumerics one space; trimmed */
static void header_key(const char *s, char *out, size_t size)
{
	size_t k = 0;
	int space = 0;
	for (; *s && k + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
			space = k > 0;
			continue;
		}
		if (space && k + 2 < size)
			out[k++] = ' ';
		space = 0;
		out[k++] = (char)c;
	}
	out[k] = '\0';
}

/* Each group: its first, last and full name headers.  A shipping name is
 * not the buyer's (a gift's recipient). */
static const char *const name_headers[FU_HOUSEHOLD_GROUPS][3][8] = {
	{{"billing first name", "first name billing", "billing firstname", "bill to first name"},
	 {"billing last name", "last name billing", "billing lastname", "bill to last name",
	  "billing surname"},
	 {"billing name", "billing full name", "bill to name", "bill to"}},
	{{"customer first name", "customer firstname", "customer given name"},
	 {"customer last name", "customer lastname", "customer surname", "customer family name"},
	 {"customer name", "customer full name"}},
	{{"buyer first name", "purchaser first name"},
	 {"buyer last name", "purchaser last name"},
	 {"buyer name", "buyer", "purchaser name", "purchaser", "buyer full name", "requester",
	  "requester name"}},
	{{"first name", "firstname", "given name", "etunimi", "förnamn", "vorname"},
	 {"last name", "lastname", "surname", "family name", "sukunimi", "efternamn", "nachname"},
	 {"full name", "koko nimi"}},
};

int fu_household_columns(const fu_header *h, fu_household_cols *cols)
{
	int any = 0;
	for (int g = 0; g < FU_HOUSEHOLD_GROUPS; g++)
		cols->first[g] = cols->last[g] = cols->full[g] = -1;
	char key[128];
	for (size_t c = 0; c < h->n; c++) {
		header_key(h->names[c], key, sizeof key);
		for (int g = 0; g < FU_HOUSEHOLD_GROUPS; g++)
			for (int part = 0; part < 3; part++) {
				long *slot = part == 0 ? &cols->first[g] : part == 1 ? &cols->last[g] : &cols->full[g];
				for (int k = 0; k < 8 && name_headers[g][part][k]; k++)
					if (*slot < 0 && strcmp(key, name_headers[g][part][k]) == 0) {
						*slot = (long)c;
						any = 1;
					}
			}
	}
	return any;
}

const char *fu_household_column_names(const fu_header *h, const fu_household_cols *cols, fu_buf *out)
{
	fu_buf_clear(out);
	for (int g = 0; g < FU_HOUSEHOLD_GROUPS; g++) {
		const long c[3] = {cols->first[g], cols->last[g], cols->full[g]};
		for (int k = 0; k < 3; k++)
			if (c[k] >= 0)
				fu_buf_printf(out, "%s\"%s\"", !out->len ? "" : k == 1 && c[0] >= 0 ? " + " : ", else ",
				              h->names[c[k]]);
	}
	return out->data ? out->data : "";
}

/* The buyer's first and last name in REC: the first group whose cells say
 * a name; a full name is "First ... Last" or "Last, First". */
static void buyer_name(const fu_household_cols *cols, const fu_record *rec, fu_buf *first, fu_buf *last)
{
	for (int g = 0; g < FU_HOUSEHOLD_GROUPS; g++) {
		size_t fn, ln, n;
		const char *f = cell(rec, cols->first[g], &fn), *l = cell(rec, cols->last[g], &ln);
		norm_trim(f, fn, first);
		norm_trim(l, ln, last);
		if (first->len || last->len)
			return;
		const char *full = cell(rec, cols->full[g], &n);
		fu_buf whole = {0};
		norm_trim(full, n, &whole);
		if (whole.len && !memchr(whole.data, '@', whole.len)) {
			char *comma = memchr(whole.data, ',', whole.len);
			char *sp = comma ? NULL : strrchr(whole.data, ' ');
			if (comma) {
				norm_trim(comma + 1, whole.len - (size_t)(comma - whole.data) - 1, first);
				norm_trim(whole.data, (size_t)(comma - whole.data), last);
			} else if (sp) {
				norm_trim(whole.data, (size_t)(sp - whole.data), first);
				norm_trim(sp + 1, whole.len - (size_t)(sp - whole.data) - 1, last);
			} else {
				fu_buf_add(first, whole.data, whole.len);
			}
		}
		fu_buf_free(&whole);
		if (first->len || last->len)
			return;
	}
}

void fu_household_choose(const fu_household *hh, const char *email, size_t n,
                         const fu_household_cols *cols, const fu_record *rec, fu_household_pick *pick)
{
	memset(pick, 0, sizeof *pick);
	long a = hh ? fu_map_get(&hh->mails, email, n) : -1;
	if (a < 0 || hh->count[a] < 2)
		return;
	const struct member *head = &hh->m[hh->head[a]];
	pick->members = (int)hh->count[a];
	pick->first = hh->text.data + head->name;
	if (!*pick->first)
		pick->first = hh->text.data + head->id;
	fu_buf first = {0}, last = {0};
	buyer_name(cols, rec, &first, &last);
	if (first.len || last.len)
		snprintf(pick->name, sizeof pick->name, "%s%s%s", first.len ? first.data : "",
		         first.len && last.len ? " " : "", last.len ? last.data : "");
	int named = first.len && norm_name_initial(first.data, first.len) != 0;
	uint32_t lh = last.len ? last_hash(last.data, last.len) : 0;
	fu_buf_free(&last);
	if (!pick->name[0]) {
		fu_buf_free(&first);
		pick->why = "the row gives no buyer's name";
		return;
	}
	if (!named) {
		fu_buf_free(&first);
		pick->why = "its buyer's name has no first name";
		return;
	}
	uint32_t found = UINT32_MAX;
	int matches = 0;
	for (uint32_t k = hh->head[a]; k != UINT32_MAX; k = hh->m[k].next) {
		const struct member *m = &hh->m[k];
		const char *mf = hh->text.data + m->first;
		if (!*mf || !norm_first_names_agree(mf, strlen(mf), first.data, first.len) ||
		    (lh && m->last && lh != m->last))
			continue;
		if (!matches++)
			found = k;
	}
	fu_buf_free(&first);
	if (matches != 1) {
		pick->why = matches ? "its buyer's name fits more than one of them"
		                    : "its buyer's name is none of theirs";
		return;
	}
	const char *id = hh->text.data + hh->m[found].id;
	if (found != hh->head[a] && !*id) {
		pick->why = "the one its buyer's name names has no id";
		return;
	}
	pick->id = found == hh->head[a] ? "" : id;
}

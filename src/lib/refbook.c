/* fu-referrals' contacts, claims and outputs.  See refbook.h. */
#include "lib/refbook.h"

#include "lib/money.h"
#include "lib/norm.h"
#include "lib/sched.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void fu_refbook_init(fu_refbook *b, fu_eventdb *db)
{
	memset(b, 0, sizeof *b);
	fu_refgraph_init(&b->g);
	fu_map_init(&b->ids);
	fu_map_init(&b->emails);
	fu_map_init(&b->alias_keys);
	fu_map_init(&b->codes);
	fu_map_init(&b->names);
	fu_buf_addc(&b->text, '\0'); /* offset 0 is "" */
	b->db = db;
}

static uint32_t add_text(fu_refbook *b, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	uint32_t off = (uint32_t)b->text.len;
	fu_buf_add(&b->text, s, n);
	fu_buf_addc(&b->text, '\0');
	return off;
}

static const char *text(const fu_refbook *b, uint32_t off)
{
	return b->text.data + off;
}

/* a referral code as the codes map keys it: trimmed, lower-cased */
static void code_key(const char *s, size_t n, fu_buf *out)
{
	fu_buf_clear(out);
	fu_buf_add(out, s, n);
	fu_buf_addc(out, '\0');
	out->len = fu_trim(out->data, out->len - 1);
	norm_lower_utf8(out->data, out->len);
}

uint32_t fu_refbook_lookup(const fu_refbook *b, const char *key)
{
	size_t n = strlen(key);
	if (n == 0)
		return FU_REF_NONE;
	long i = fu_map_get(&b->ids, key, n);
	if (i >= 0)
		return (uint32_t)i;
	if (!memchr(key, '@', n)) {
		if ((i = fu_map_get(&b->alias_keys, key, n)) >= 0)
			return b->alias_node[i];
		/* a referral program's code for the contact (its referral_code),
		 * in any case and without blanks around it: a shopper types the
		 * ANNA10 they were given as anna10 at checkout */
		fu_buf code = {0};
		code_key(key, n, &code);
		i = code.len ? fu_map_get(&b->codes, code.data, code.len) : -1;
		fu_buf_free(&code);
		return i >= 0 ? b->code_node[i] : FU_REF_NONE;
	}
	fu_buf low = {0}, base = {0}; /* an e-mail as the events' keys are (fu_event_key) */
	fu_event_key(key, n, &low);
	uint32_t v = FU_REF_NONE;
	if ((i = fu_map_get(&b->emails, low.data, low.len)) >= 0)
		v = b->email_node[i];
	else if ((i = fu_map_get(&b->alias_keys, low.data, low.len)) >= 0)
		v = b->alias_node[i];
	else if (fu_email_untagged(low.data, low.len, &base)) /* a sub-address no contact has:
	                                                    * its address's contact (fu(7), Identity) */
		v = fu_refbook_lookup(b, base.data);
	fu_buf_free(&low);
	fu_buf_free(&base);
	return v;
}

/* the words of S appended to OUT, one blank between them */
static void name_words(const char *s, fu_buf *out)
{
	for (const char *p = s ? s : ""; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		const char *w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
		if (p > w) {
			if (out->len)
				fu_buf_addc(out, ' ');
			fu_buf_add(out, w, (size_t)(p - w));
		}
	}
}

uint32_t fu_refbook_claim_key(const fu_refbook *b, const char *key, const char *role, const char *file,
                              long line)
{
	uint32_t v = fu_refbook_lookup(b, key);
	if (v != FU_REF_NONE || strchr(key, '@'))
		return v;
	fu_buf name = {0};
	name_words(key, &name);
	norm_lower_utf8(name.data, name.len);
	long i = name.len ? fu_map_get(&b->names, name.data, name.len) : -1;
	fu_buf_free(&name);
	if (i < 0)
		return FU_REF_NONE;
	if (b->name_count[i] > 1) {
		fu_warn_capped("name of several contacts", file, line, 0,
		               "%s \"%s\" is no id, e-mail, alias or referral code, and %u contacts have "
		               "that name: not matched by name (give the id or e-mail)",
		               role, key, b->name_count[i]);
		return FU_REF_NONE;
	}
	v = b->name_node[i];
	fu_warn_capped("matched by name", file, line, 0,
	               "note: %s \"%s\" is no id, e-mail, alias or referral code: taken as %s, the one "
	               "contact of that name", role, key, b->g.text + b->g.id[v]);
	return v;
}

static void grow(fu_refbook *b, size_t need)
{
	if (need <= b->cap)
		return;
	b->cap = b->cap ? b->cap * 2 : 1024;
	b->first = fu_xrealloc(b->first, b->cap * sizeof *b->first);
	b->last = fu_xrealloc(b->last, b->cap * sizeof *b->last);
	b->mail = fu_xrealloc(b->mail, b->cap * sizeof *b->mail);
	b->tz = fu_xrealloc(b->tz, b->cap * sizeof *b->tz);
	b->aliases = fu_xrealloc(b->aliases, b->cap * sizeof *b->aliases);
	b->join_mail = fu_xrealloc(b->join_mail, b->cap * sizeof *b->join_mail);
	b->join_phone = fu_xrealloc(b->join_phone, b->cap * sizeof *b->join_phone);
	b->email_node = fu_xrealloc(b->email_node, b->cap * sizeof *b->email_node);
}

/* Node V's aliases (LIST, N bytes): kept for its join, and each one a key
 * that names it (the first contact with it) */
static void add_aliases(fu_refbook *b, uint32_t v, const char *aliases, size_t len)
{
	b->aliases[v] = add_text(b, aliases, len);
	if (!len)
		return;
	const char *list = text(b, b->aliases[v]), *a;
	size_t n;
	fu_buf low = {0};
	for (int k = 0; k < FU_MAX_ALIASES && fu_alias_next(&list, &a, &n); k++) {
		fu_event_key(a, n, &low); /* as the events' keys are */
		int added;
		size_t i = fu_map_put(&b->alias_keys, low.data, low.len, &added);
		if (!added)
			continue;
		if (i >= b->alias_cap) {
			b->alias_cap = b->alias_cap ? 2 * b->alias_cap : 256;
			b->alias_node = fu_xrealloc(b->alias_node, b->alias_cap * sizeof *b->alias_node);
		}
		b->alias_node[i] = v;
	}
	fu_buf_free(&low);
}

/* S as a NUL-terminated copy in BUF, trimmed of spaces */
static const char *trim_into(fu_buf *buf, const char *s)
{
	fu_buf_clear(buf);
	fu_buf_adds(buf, s ? s : "");
	fu_buf_addc(buf, '\0');
	buf->len = fu_trim(buf->data, buf->len - 1);
	buf->data[buf->len] = '\0';
	return buf->data;
}

uint32_t fu_refbook_add_contact(fu_refbook *b, const fu_refbook_contact *c, const char *name, long line,
                                int *duplicate)
{
	fu_buf *id = &b->scratch[0], *mail = &b->scratch[1], *tmp = &b->scratch[2];
	*duplicate = 0;
	trim_into(id, c->id);
	trim_into(tmp, c->email);
	fu_buf_clear(mail);
	if (tmp->len) /* the address as the events' keys have it */
		fu_event_key(tmp->data, tmp->len, mail);
	fu_buf_addc(mail, '\0');
	mail->len--;
	const char *key = id->len ? id->data : mail->data;
	size_t keylen = id->len ? id->len : mail->len;
	if (!keylen)
		return FU_REF_NONE;
	int added;
	fu_map_put(&b->ids, key, keylen, &added);
	if (!added) {
		*duplicate = 1;
		return FU_REF_NONE;
	}
	uint32_t v = fu_refgraph_node(&b->g, key);
	grow(b, v + 1);
	int mail_first = 1;
	if (mail->len) {
		size_t e = fu_map_put(&b->emails, mail->data, mail->len, &mail_first);
		if (mail_first) /* two contacts with one e-mail: the first is named by it */
			b->email_node[e] = v;
	}
	b->mail[v] = add_text(b, mail->data, mail->len);
	/* the events of an address or a phone two contacts share (a household)
	 * are the first's, as in fu-schedule and fu-churn */
	b->join_mail[v] = mail_first ? b->mail[v] : 0;
	b->join_phone[v] = 0;
	char e164[24];
	if (c->phone && fu_phone_key(c->phone, e164)) {
		int phone_first;
		fu_map_put(&b->phones, e164, strlen(e164), &phone_first);
		if (phone_first)
			b->join_phone[v] = add_text(b, e164, strlen(e164));
	}
	add_aliases(b, v, c->aliases ? c->aliases : "", c->aliases ? strlen(c->aliases) : 0);
	b->first[v] = c->first ? add_text(b, c->first, strlen(c->first)) : 0;
	b->last[v] = c->last ? add_text(b, c->last, strlen(c->last)) : 0;
	fu_buf_clear(tmp); /* its full name, a key for a claim that gives nothing else
	                    * (one word, "Anna", is too thin to name a person by) */
	name_words(c->first, tmp);
	name_words(c->last, tmp);
	norm_lower_utf8(tmp->data, tmp->len);
	if (memchr(tmp->data ? tmp->data : "", ' ', tmp->len)) {
		size_t i = fu_map_put(&b->names, tmp->data, tmp->len, &added);
		if (i >= b->name_cap) {
			b->name_cap = b->name_cap ? 2 * b->name_cap : 256;
			b->name_node = fu_xrealloc(b->name_node, b->name_cap * sizeof *b->name_node);
			b->name_count = fu_xrealloc(b->name_count, b->name_cap * sizeof *b->name_count);
		}
		if (added) {
			b->name_node[i] = v;
			b->name_count[i] = 0;
		}
		b->name_count[i]++;
	}
	const char *tz = c->tz && *c->tz ? c->tz : NULL;
	b->tz[v] = tz ? add_text(b, tz, strlen(tz)) : 0;
	code_key(c->referral_code ? c->referral_code : "", c->referral_code ? strlen(c->referral_code) : 0, tmp);
	if (tmp->len) { /* the first contact with a code is named by it, in any case */
		size_t i = fu_map_put(&b->codes, tmp->data, tmp->len, &added);
		if (added) {
			if (i >= b->code_cap) {
				b->code_cap = b->code_cap ? 2 * b->code_cap : 256;
				b->code_node = fu_xrealloc(b->code_node, b->code_cap * sizeof *b->code_node);
			}
			b->code_node[i] = v;
		}
	}
	const char *ref = trim_into(tmp, c->referred_by);
	if (!*ref)
		return v;
	fu_refbook_claim cl = {.node = v, .key = add_text(b, ref, strlen(ref)), .line = line};
	const char *created = trim_into(id, c->created);
	if (*created) {
		fu_time ft;
		const char *why;
		if (fu_parse_time(created, tz, &ft, &why) == 0) {
			if (ft.t > fu_eventdb_now(b->db, tz)) { /* not yet made as of --now: as its
			                                       * event would be */
				b->future_claims++;
				return v;
			}
			cl.dated = 1;
			cl.t = ft.t;
		} else {
			fu_warn_capped("unreadable created date", name, line, 0,
			               "created \"%s\": %s; the referral by %s is undated", created, why, ref);
			b->bad_dates++;
		}
	}
	if (b->npend == b->pcap) {
		b->pcap = b->pcap ? b->pcap * 2 : 256;
		b->pend = fu_xrealloc(b->pend, b->pcap * sizeof *b->pend);
	}
	b->pend[b->npend++] = cl;
	return v;
}

/* does claim I name two contacts of one mailbox (by their e-mails, or by
 * the e-mail keys it was written with)? */
static void check_mailbox(fu_refbook *b, size_t i, const char *from, const char *to)
{
	fu_ref_claim *c = &b->g.claims[i];
	if (c->referrer == FU_REF_NONE || c->referred == FU_REF_NONE || c->referrer == c->referred)
		return;
	const char *rm = text(b, b->mail[c->referrer]), *dm = text(b, b->mail[c->referred]);
	fu_buf *kf = &b->scratch[0], *kt = &b->scratch[1];
	fu_event_key(from, strlen(from), kf);
	fu_buf_addc(kf, '\0');
	fu_event_key(to, strlen(to), kt);
	fu_buf_addc(kt, '\0');
	c->same_mailbox = fu_referral_same_mailbox(rm, dm) || fu_referral_same_mailbox(kf->data, dm) ||
	                  fu_referral_same_mailbox(rm, kt->data) || fu_referral_same_mailbox(kf->data, kt->data);
}

void fu_refbook_end_contacts(fu_refbook *b, uint32_t file)
{
	for (size_t i = 0; i < b->npend; i++) {
		const char *key = text(b, b->pend[i].key);
		uint32_t node = b->pend[i].node;
		size_t k = fu_refgraph_claim(&b->g, fu_refbook_claim_key(b, key, "referrer", b->g.files[file],
		                                                         b->pend[i].line),
		                             key, node, "", file, b->pend[i].line, b->pend[i].dated, b->pend[i].t);
		check_mailbox(b, k, key, text(b, b->mail[node]));
	}
	b->npend = 0;
}

/* a field trimmed of spaces, as a NUL-terminated copy in BUF */
static const char *trimmed(fu_buf *buf, const fu_record *rec, long col)
{
	fu_buf_clear(buf);
	if (col >= 0)
		fu_buf_add(buf, rec->fields[col], rec->lens[col]);
	fu_buf_addc(buf, '\0');
	buf->len = fu_trim(buf->data, buf->len - 1);
	buf->data[buf->len] = '\0';
	return buf->data;
}

/* field COL of REC, NUL-terminated by the reader, or NULL */
static const char *raw(const fu_record *rec, long col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : NULL;
}

int fu_refbook_read_contacts(fu_refbook *b, fu_reader *r)
{
	long c_id = fu_reader_col(r, "id"), c_email = fu_reader_col(r, "email"),
	     c_first = fu_reader_col(r, "first_name"), c_last = fu_reader_col(r, "last_name"),
	     c_tz = fu_reader_col(r, "tz"), c_created = fu_reader_col(r, "created"),
	     c_ref = fu_reader_col_as(r, "referred_by", 1), c_aliases = fu_reader_col(r, "aliases"),
	     c_phone = fu_reader_col(r, "phone"),
	     c_code = fu_reader_col_as(r, "referral_code", 1);
	if (c_id < 0 && c_email < 0) {
		fu_warn_at(r->name, 1, "contacts need an id or an email column");
		return -1;
	}
	uint32_t file = fu_refgraph_file(&b->g, r->name);
	fu_buf tz = {0};
	fu_record *rec;
	int rc;
	while ((rc = fu_reader_next(r, &rec)) == 1) {
		trimmed(&tz, rec, c_tz);
		if (tz.len && !fu_tz_valid(tz.data)) {
			fu_warn_capped("unknown time zone", r->name, rec->line, 0,
			               "tz \"%s\" is no time zone; TZ is used", tz.data);
			b->bad_zones++;
			tz.len = 0;
			tz.data[0] = '\0';
		}
		fu_refbook_contact c = {.id = raw(rec, c_id), .email = raw(rec, c_email),
		                        .first = raw(rec, c_first), .last = raw(rec, c_last), .tz = tz.data,
		                        .phone = raw(rec, c_phone),
		                        .aliases = raw(rec, c_aliases), .referred_by = raw(rec, c_ref),
		                        .created = raw(rec, c_created), .referral_code = raw(rec, c_code)};
		int duplicate;
		if (fu_refbook_add_contact(b, &c, r->name, rec->line, &duplicate) != FU_REF_NONE)
			continue;
		if (duplicate)
			fu_reader_reject(r, rec, "duplicate id", "id \"%s\" was read already; contact left out",
			                 b->scratch[0].len ? b->scratch[0].data : b->scratch[1].data);
		else
			fu_reader_reject(r, rec, "no id", "a contact with neither id nor email; left out");
	}
	fu_refbook_end_contacts(b, file);
	fu_buf_free(&tz);
	return rc < 0 ? -1 : 0;
}

static const char *node_tz(const fu_refbook *b, uint32_t v)
{
	return b->tz[v] ? text(b, b->tz[v]) : NULL;
}

static const fu_facts *join(fu_refbook *b, uint32_t v, fu_join_scratch *scratch)
{
	return fu_eventdb_join_aliases(b->db, b->g.text + b->g.id[v], text(b, b->join_mail[v]),
	                               text(b, b->join_phone[v]), text(b, b->aliases[v]), node_tz(b, v), scratch);
}

void fu_refbook_join_events(fu_refbook *b, const char *const *files, size_t nfiles, int64_t window)
{
	/* the events files in the order loaded: an edge's file is an index into them */
	uint32_t first_file = (uint32_t)b->g.nfiles;
	for (size_t i = 0; i < nfiles; i++)
		fu_refgraph_file(&b->g, fu_input_name(files[i]));
	fu_refgraph *g = &b->g;
	b->given = fu_xcalloc(g->n ? g->n : 1, sizeof *b->given);
	b->unpriced = fu_xcalloc(g->n ? g->n : 1, sizeof *b->unpriced);
	b->revenue = fu_xcalloc(g->n ? g->n : 1, sizeof *b->revenue);
	fu_join_scratch scratch = {0};
	for (uint32_t v = 0; v < g->n; v++) {
		const fu_facts *f = join(b, v, &scratch);
		if (!f || !f->kept)
			continue;
		const char *tz = node_tz(b, v);
		int64_t now = fu_eventdb_now(b->db, tz);
		for (uint32_t k = 0; k < f->kept->nbuys; k++) {
			const fu_purchase *p = &f->kept->buys[k];
			int64_t t = fu_event_time(p->t, p->naive, tz);
			if (t < g->first_purchase[v])
				g->first_purchase[v] = t;
			if (t >= now - window && t <= now && !isnan(p->amount))
				b->revenue[v] += p->amount;
		}
		b->given[v] = f->kept->rewarded;
		b->unpriced[v] = f->kept->unpriced_rewards;
	}
	fu_join_scratch_free(&scratch);
	fu_refbook_add_edges(b, first_file);
}

void fu_refbook_add_edges(fu_refbook *b, uint32_t first_file)
{
	fu_eventdb *db = b->db;
	for (size_t i = 0; i < db->nedges; i++) {
		const fu_referral_edge *e = &db->edges[i];
		const char *from = fu_interned(db, e->from), *to = fu_interned(db, e->to);
		const char *file = b->g.files[first_file + e->file];
		uint32_t referrer = fu_refbook_claim_key(b, from, "referrer", file, e->line);
		const char *tz = referrer != FU_REF_NONE ? node_tz(b, referrer) : NULL;
		int64_t t = fu_event_time(e->t, e->naive, tz);
		/* after the referrer's --now (its event is counted so too, when
		 * the join places it in the referrer's zone) */
		if (t > fu_eventdb_now(db, tz)) {
			b->future_claims++;
			continue;
		}
		fu_facts *f;
		if (referrer != FU_REF_NONE && (f = fu_eventdb_find(db, from)) && !f->matched)
			f->claimed++; /* keyed by the referrer's name or code: used */
		size_t k = fu_refgraph_claim(&b->g, referrer, from, fu_refbook_claim_key(b, to, "friend", file, e->line),
		                             to, first_file + e->file, e->line, 1, t);
		check_mailbox(b, k, from, to);
	}
}

static const char *claim_tz(const void *ctx, uint32_t v)
{
	return v == FU_REF_NONE ? NULL : node_tz(ctx, v);
}

void fu_refbook_report(const fu_refbook *b)
{
	char why[1024];
	for (size_t i = 0; i < b->g.nclaims; i++) {
		const fu_ref_claim *c = &b->g.claims[i];
		fu_refgraph_explain(&b->g, i, claim_tz, b, why, sizeof why);
		if (*why)
			fu_warn_capped(fu_ref_status_name(c->status), b->g.files[c->file], c->line, 0, "%s", why);
	}
}

/* ---- the ledger --------------------------------------------------------------- */

static void put_cents(fu_csv_writer *w, double c)
{
	char buf[48];
	fu_money_format(c, buf, sizeof buf);
	fu_csv_fields(w, buf);
}

/* a count of credit: at most four decimals, trailing zeros dropped */
static void put_count(fu_csv_writer *w, double x)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.4f", x);
	char *end = buf + strlen(buf);
	while (end[-1] == '0')
		*--end = '\0';
	if (end[-1] == '.')
		end[-1] = '\0';
	fu_csv_fields(w, buf);
}

static void put_uint(fu_csv_writer *w, uint32_t x)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%u", (unsigned)x);
	fu_csv_fields(w, buf);
}

long fu_refbook_write_ledger(fu_refbook *b, const fu_ledger_opts *o, FILE *fp)
{
	fu_refgraph *g = &b->g;
	fu_refledger l;
	fu_refledger_compute(&l, g, o->depth, o->decay, b->revenue);
	fu_csv_writer w;
	fu_csv_writer_init(&w, fp, o->excel_safe);
	static const char *const head[] = {"id", "first_name", "last_name", "email", "referred", "converted"};
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		fu_csv_fields(&w, head[i]);
	for (int k = 2; k <= o->depth; k++) {
		char name[32];
		snprintf(name, sizeof name, "referred_%d", k);
		fu_csv_fields(&w, name);
		snprintf(name, sizeof name, "converted_%d", k);
		fu_csv_fields(&w, name);
	}
	static const char *const tail[] = {"credit", "revenue", "perks_owed", "perks_given", "balance",
	                                   "last_referral"};
	for (size_t i = 0; i < sizeof tail / sizeof *tail; i++)
		fu_csv_fields(&w, tail[i]);
	fu_csv_endrow(&w);
	long rows = 0;
	unsigned long unpriced = 0;
	for (uint32_t v = 0; v < g->n; v++) {
		if (!l.is_referrer[v])
			continue;
		/* a reward logged without its amount (a referral program's "Reward
		 * Sent") is one perk of a per rule's amount: not owed again */
		unpriced += b->unpriced[v];
		double given = b->given[v] + (o->perk.tiered ? 0 : b->unpriced[v] * o->perk.per);
		fu_csv_fields(&w, g->text + g->id[v]);
		fu_csv_fields(&w, text(b, b->first[v]));
		fu_csv_fields(&w, text(b, b->last[v]));
		fu_csv_fields(&w, text(b, b->mail[v]));
		for (int k = 0; k < o->depth; k++) {
			put_uint(&w, l.referred[(size_t)v * o->depth + k]);
			put_uint(&w, l.converted[(size_t)v * o->depth + k]);
		}
		double credit = fu_refledger_credit(&l, v, o->perk.basis);
		double owed = fu_perk_owed(&o->perk, credit, credit);
		put_count(&w, credit);
		/* in cents, so that balance = perks_owed - perks_given as printed */
		double owed_c = fu_money_cents(owed), given_c = fu_money_cents(given);
		put_cents(&w, fu_money_cents(l.revenue[v]));
		put_cents(&w, owed_c);
		put_cents(&w, given_c);
		put_cents(&w, owed_c - given_c);
		char day[16] = "";
		if (l.last[v] != INT64_MIN)
			fu_format_date(fu_local_day(l.last[v], node_tz(b, v)), day, sizeof day);
		fu_csv_fields(&w, day);
		fu_csv_endrow(&w);
		rows++;
	}
	fu_refledger_free(&l);
	if (unpriced && !o->perk.tiered && o->perk.per > 0) {
		char per[48];
		fu_money_format(fu_money_cents(o->perk.per), per, sizeof per);
		fu_warn("note: %lu reward%s logged without an amount: in perks_given as one perk of the "
		        "rule's %s each", unpriced, unpriced == 1 ? "" : "s", per);
	} else if (unpriced) {
		fu_warn("note: %lu reward%s logged without an amount: not in perks_given (%s); log %s "
		        "amount%s", unpriced, unpriced == 1 ? "" : "s",
		        o->perk.tiered ? "a tier rule has no amount for one perk" : "no --perk rule",
		        unpriced == 1 ? "its" : "their", unpriced == 1 ? "" : "s");
	}
	return rows;
}

/* ---- the graph ------------------------------------------------------------------ */

struct label_ctx {
	const fu_refbook *b;
	fu_buf buf;
};

static const char *label_of(void *ctx, uint32_t v)
{
	struct label_ctx *lc = ctx;
	const char *first = text(lc->b, lc->b->first[v]), *last = text(lc->b, lc->b->last[v]);
	fu_buf_clear(&lc->buf);
	fu_buf_printf(&lc->buf, "%s%s%s", first, *first && *last ? " " : "", last);
	return lc->buf.data;
}

int fu_refbook_write_graph(fu_refbook *b, FILE *fp)
{
	struct label_ctx lc = {.b = b};
	int rc = fu_refgraph_dot(&b->g, fp, label_of, &lc);
	fu_buf_free(&lc.buf);
	return rc;
}

void fu_refbook_free(fu_refbook *b)
{
	fu_refgraph_free(&b->g);
	fu_map_free(&b->ids);
	fu_map_free(&b->emails);
	fu_map_free(&b->alias_keys);
	free(b->alias_node);
	free(b->pend);
	fu_map_free(&b->codes);
	free(b->code_node);
	fu_map_free(&b->names);
	free(b->name_node);
	free(b->name_count);
	for (size_t i = 0; i < sizeof b->scratch / sizeof b->scratch[0]; i++)
		fu_buf_free(&b->scratch[i]);
	free(b->aliases);
	free(b->join_mail);
	free(b->join_phone);
	fu_map_free(&b->phones);
	fu_buf_free(&b->text);
	free(b->email_node);
	free(b->first);
	free(b->last);
	free(b->mail);
	free(b->tz);
	free(b->given);
	free(b->unpriced);
	free(b->revenue);
	memset(b, 0, sizeof *b);
}

/* ---- candidates -------------------------------------------------------------------- */

const char *const fu_cand_verdict_names[FU_CAND_NVERDICTS] = {
	[FU_CAND_ASK] = "asked now",
	[FU_CAND_NOT_CUSTOMER] = "not a customer",
	[FU_CAND_NOT_SATISFIED] = "not satisfied",
	[FU_CAND_ASKED] = "asked within the cooldown",
	[FU_CAND_OPEN_TICKET] = "open ticket",
	[FU_CAND_UNSUBSCRIBED] = "unsubscribed",
};

static void add_day(fu_buf *out, int64_t t, const char *tz)
{
	char day[16];
	fu_format_date(fu_local_day(t, tz), day, sizeof day);
	fu_buf_adds(out, day);
}

enum fu_cand_verdict fu_referral_candidate(fu_eventdb *db, const fu_facts *f, const char *unsubscribed,
                                           const char *tz, const fu_cand_opts *o, fu_buf *reason)
{
	fu_buf_clear(reason);
	/* a prospect's good word (a webinar's feedback) is no customer's */
	if (!f || f->count[FU_EV_PURCHASE] == 0)
		return FU_CAND_NOT_CUSTOMER;
	const fu_slot *success = db->nslots > o->success_slot ? &fu_eventdb_slots(db, f)[o->success_slot] : NULL;
	int64_t success_t = success && success->set ? fu_event_time(success->t, success->naive, tz) : INT64_MIN;
	/* a score goes stale as a success does: years later it says nothing;
	 * a low score given after the success is the customer's latest word,
	 * as the referral-ask step anchored on the later of the two reads it
	 * (a detractor is not asked, trials10b/06) */
	int low_since = f->has_nps && f->nps < 9 && f->nps_t > success_t;
	int64_t now = fu_eventdb_now(db, tz);
	if (f->has_nps && f->nps >= 9 && f->nps_t > now - o->recent) {
		fu_buf_printf(reason, "feedback %g on ", (double)f->nps);
		add_day(reason, f->nps_t, tz);
	} else if (success_t != INT64_MIN && success_t > now - o->recent && !low_since) {
		fu_buf_adds(reason, "success on ");
		add_day(reason, success_t, tz);
		const char *item = fu_interned(db, success->item);
		if (*item)
			fu_buf_printf(reason, " (%s)", item);
	} else {
		return FU_CAND_NOT_SATISFIED;
	}
	int64_t asked = INT64_MIN;
	for (uint32_t i = 0; i < f->nmarks; i++) {
		const fu_mark *m = &f->marks[i];
		if (o->ask_step && m->step == o->ask_step) {
			int64_t t = fu_event_time(m->when, m->naive, tz);
			if (t > asked)
				asked = t;
		}
	}
	if (asked != INT64_MIN && asked > now - o->cooldown)
		return FU_CAND_ASKED;
	if (fu_facts_open_tickets(f) > 0)
		return FU_CAND_OPEN_TICKET;
	/* the column and the latest unsubscribe or subscribe event (fu(7),
	 * Consent); a column that is no date nor yes/no word counts as an opt-out */
	const char *why;
	if (fu_facts_unsubscribed(f, unsubscribed, tz, now, &why) != 0)
		return FU_CAND_UNSUBSCRIBED;
	if (asked == INT64_MIN) {
		fu_buf_adds(reason, "; never asked");
	} else {
		fu_buf_adds(reason, "; last asked ");
		add_day(reason, asked, tz);
	}
	return FU_CAND_ASK;
}

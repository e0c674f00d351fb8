/* The events log folded into per-contact facts (see evfacts.h). */
#include "fu.h"
#include "lib/big.h"
#include "lib/evfacts.h"
#include "lib/norm.h"
#include "lib/pool.h"
#include "lib/reader.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void fu_eventdb_init(fu_eventdb *db, char *const *slot_types, size_t nslots, int64_t now)
{
	memset(db, 0, sizeof *db);
	db->slot_types = slot_types;
	db->nslots = nslots;
	db->now = now;
	db->slot_ev = fu_xcalloc(nslots ? nslots : 1, sizeof *db->slot_ev);
	for (size_t k = 0; k < nslots; k++)
		db->slot_ev[k] = fu_ev_parse(slot_types[k]);
	fu_intern(db, "", 0);
	db->purchase_slot = -1;
	for (size_t k = 0; k < nslots; k++)
		if (db->slot_ev[k] == FU_EV_PURCHASE)
			db->purchase_slot = (int)k;
}

void fu_eventdb_now_date(fu_eventdb *db, int32_t day)
{
	db->now_is_date = 1;
	db->now_day = day;
	db->now = ((int64_t)day + 1) * 86400 - 1;
}

int64_t fu_eventdb_now(const fu_eventdb *db, const char *tz)
{
	return db->now_is_date ? fu_day_end(db->now_day, tz) : db->now;
}

void fu_eventdb_keep(fu_eventdb *db, const fu_store_opts *opts)
{
	db->opts = *opts;
	db->opts.kept |= opts->purchases || opts->period > 0 || opts->purchase_days;
}

/* purchase-day entries in order: dates as logged, then zoned quarter-hours */
static int day_before(const fu_purchase_day *d, int32_t day, int zoned)
{
	return d->zoned != zoned ? d->zoned < zoned : d->day < day;
}

/* Add a purchase of AMOUNT on DAY (ZONED: in quarter-hour DAY, UTC): the
 * entries stay sorted and distinct, so a second purchase on a day only adds
 * to its spend.  Logs are mostly in time order, so the entry usually goes at
 * the end. */
static void add_purchase_day(fu_kept *k, int32_t day, int zoned, double amount)
{
	uint32_t lo = k->ndays;
	if (lo && !day_before(&k->days[lo - 1], day, zoned)) { /* out of order: find its place */
		uint32_t a = 0, b = k->ndays;
		while (a < b) {
			uint32_t m = a + (b - a) / 2;
			if (day_before(&k->days[m], day, zoned))
				a = m + 1;
			else
				b = m;
		}
		lo = a;
		if (lo < k->ndays && k->days[lo].day == day && k->days[lo].zoned == zoned) {
			k->days[lo].amount += amount;
			return;
		}
	}
	if (k->ndays == k->daycap) {
		k->daycap = k->daycap ? k->daycap * 2 : 2;
		k->days = fu_xrealloc(k->days, k->daycap * sizeof *k->days);
	}
	memmove(k->days + lo + 1, k->days + lo, (k->ndays - lo) * sizeof *k->days);
	k->days[lo] = (fu_purchase_day){.amount = amount, .day = day, .zoned = (uint8_t)zoned};
	k->ndays++;
}

fu_purchase_day fu_purchase_day_of(int64_t t, int naive)
{
	if (naive)
		return (fu_purchase_day){.day = fu_event_day(t)};
	return (fu_purchase_day){.day = (int32_t)(t / 900 - (t % 900 < 0)), .zoned = 1};
}

int32_t fu_event_day(int64_t t)
{
	/* floor division that never negates T (INT64_MIN stands for "never") */
	return (int32_t)(t / 86400 - (t % 86400 < 0));
}

/* more than any zone's distance from UTC: a naive time this close to --now
 * may be before or after it, depending on the contact's zone */
enum { BAND = 27 * 3600 };

static void kept_init(fu_kept *k)
{
	memset(k, 0, sizeof *k);
	k->first_purchase = k->first_event = INT64_MIN;
}

static uint64_t hash_key(const char *s, size_t n, uint64_t seed)
{
	return fu_hash_table(s, n, seed);
}

/* ---- interned strings --------------------------------------------------- */

uint32_t fu_intern(fu_eventdb *db, const char *s, size_t n)
{
	return (uint32_t)fu_map_put(&db->strs, s, n, NULL);
}

uint32_t fu_intern_find(const fu_eventdb *db, const char *s)
{
	long i = fu_map_get(&db->strs, s, strlen(s));
	return i < 0 ? UINT32_MAX : (uint32_t)i;
}

uint32_t fu_intern_step(fu_eventdb *db, const char *s, size_t n)
{
	fu_buf k = {0};
	fu_step_key(s, n, &k);
	uint32_t id = fu_intern(db, k.data ? k.data : "", k.len);
	fu_buf_free(&k);
	return id;
}

const char *fu_interned(const fu_eventdb *db, uint32_t id)
{
	return id < fu_map_count(&db->strs) ? fu_map_key(&db->strs, id) : "";
}

/* ---- contacts by key ---------------------------------------------------- */

static const char *key_of(const fu_eventdb *db, const fu_facts *f)
{
	return db->keys + f->key;
}

/* A key's tag: its hash's high half, the lowest bit telling a key longer
 * than 8 bytes (then its head is not all of it).  Its home slot is the
 * tag's top bits, so the table grows without reading a key. */
static uint32_t key_tag(uint64_t hk, size_t n)
{
	return ((uint32_t)(hk >> 32) & ~1u) | (n > 8);
}

static size_t home_slot(const fu_eventdb *db, uint32_t tag)
{
	return db->tcap > 1 ? tag >> (32 - __builtin_ctzll(db->tcap)) : 0;
}

static void key_head(const char *key, size_t n, char head[8])
{
	memset(head, 0, 8);
	memcpy(head, key, n < 8 ? n : 8);
}

static void table_grow(fu_eventdb *db)
{
	size_t ocap = db->tcap, ncap = ocap ? ocap * 2 : 4096;
	if (ncap > ((size_t)1 << 31))
		fu_die(FU_EXIT_USAGE, "too many contacts in the events log");
	fu_keyslot *old = db->table, *t = fu_big_realloc(NULL, 0, ncap * sizeof *t);
	db->table = t;
	db->tcap = ncap;
	for (size_t i = 0; i < ocap; i++) {
		if (!old[i].facts)
			continue;
		size_t h = home_slot(db, old[i].tag);
		while (t[h].facts)
			h = (h + 1) & (ncap - 1);
		t[h] = old[i];
	}
	fu_big_free(old, ocap * sizeof *old);
}

static fu_facts *lookup(fu_eventdb *db, const char *key, size_t n, int create)
{
	if (db->tcap == 0) {
		if (!create)
			return NULL;
		table_grow(db);
	}
	uint32_t tag = key_tag(hash_key(key, n, 1), n);
	char head[8];
	key_head(key, n, head);
	size_t h = home_slot(db, tag);
	for (; db->table[h].facts; h = (h + 1) & (db->tcap - 1)) {
		const fu_keyslot *s = &db->table[h];
		if (s->tag != tag || memcmp(s->head, head, 8) != 0)
			continue;
		fu_facts *f = &db->f[s->facts - 1];
		if (n <= 8) /* the head is the whole key */
			return f;
		const char *k = key_of(db, f);
		if (strncmp(k + 8, key + 8, n - 8) == 0 && k[n] == '\0')
			return f;
	}
	if (!create)
		return NULL;
	if (db->klen + n + 1 > UINT32_MAX)
		fu_die(FU_EXIT_USAGE, "too many contacts in the events log");
	if (db->n == db->cap) { /* big arrays (big.h): read at random */
		size_t ncap = db->cap ? db->cap * 2 : 1024, width = db->nslots ? db->nslots : 1;
		db->f = fu_big_realloc(db->f, db->cap * sizeof *db->f, ncap * sizeof *db->f);
		db->slots = fu_big_realloc(db->slots, db->cap * width * sizeof *db->slots,
		                           ncap * width * sizeof *db->slots);
		db->cap = ncap;
	}
	if (db->klen + n + 1 > db->kcap) {
		size_t ncap = db->kcap;
		while (db->klen + n + 1 > ncap)
			ncap = ncap ? ncap * 2 : 65536;
		db->keys = fu_big_realloc(db->keys, db->kcap, ncap);
		db->kcap = ncap;
	}
	fu_facts *f = &db->f[db->n];
	memset(f, 0, sizeof *f);
	f->key = (uint32_t)db->klen;
	f->nps_t = f->last_purchase = f->last_event = f->last_activity = f->consent_t = INT64_MIN;
	f->kept = NULL;
	memcpy(db->keys + db->klen, key, n);
	db->keys[db->klen + n] = '\0';
	db->mail_keys += memchr(key, '@', n) != NULL;
	db->phone_keys += key[0] == '+';
	db->derived_keys += n == 16 && strspn(db->keys + db->klen, "0123456789abcdef") == 16;
	db->klen += n + 1;
	memset(db->slots + db->n * db->nslots, 0, db->nslots * sizeof *db->slots);
	db->table[h].facts = (uint32_t)db->n + 1;
	db->table[h].tag = tag;
	memcpy(db->table[h].head, head, 8);
	db->n++;
	if (db->n * 2 >= db->tcap)
		table_grow(db);
	return &db->f[db->n - 1];
}

fu_slot *fu_eventdb_slots(fu_eventdb *db, const fu_facts *f)
{
	if (f->slots)
		return f->slots;
	return db->slots + (size_t)(f - db->f) * db->nslots;
}

void fu_eventdb_prefetch(const fu_eventdb *db, const char *key, size_t n, int facts)
{
	if (!db->tcap || !n)
		return;
	uint32_t tag = key_tag(hash_key(key, n, 1), n);
	size_t h = home_slot(db, tag);
	if (!facts) {
		__builtin_prefetch(&db->table[h]);
		return;
	}
	/* the probe lookup will make, as far as the fetched line goes */
	const fu_keyslot *s;
	while ((s = &db->table[h])->facts && s->tag != tag && ((h + 1) & 3) && h + 1 < db->tcap)
		h++;
	if (s->facts && s->tag == tag && s->facts <= db->n) {
		size_t i = s->facts - 1;
		for (size_t k = 0; k < sizeof db->f[i]; k += 64)
			__builtin_prefetch((const char *)&db->f[i] + k);
		__builtin_prefetch((const char *)&db->f[i] + sizeof db->f[i] - 1);
		if (db->nslots)
			__builtin_prefetch(db->slots + i * db->nslots);
	}
}

void fu_facts_prefetch(const fu_eventdb *db, const fu_facts *f)
{
	if (f->nmarks)
		__builtin_prefetch(f->marks);
	if (f->recent && f->recent <= db->nrecent)
		__builtin_prefetch(&db->recent[f->recent - 1]);
}

/* Is S (N bytes) a key as fu_event_key writes it?  Most keys are (an id, a
 * lower-case address): one look at each byte settles it.  Nothing at either
 * end a trim drops (a blank, a control, a byte of a no-break space); in an
 * e-mail nothing norm_email would change: capitals, blanks, <>, a
 * mailto:, a quote, a ?query, a non-ASCII letter (maybe a capital). */
static int key_canonical(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0 || u[0] <= ' ' || u[0] >= 0x80 || u[n - 1] <= ' ' || u[n - 1] >= 0x80 || u[0] == '+' ||
	    u[0] == '\'')
		return n == 0;
	if (!memchr(s, '@', n))
		return 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = u[i];
		if (c <= ' ' || c >= 0x7F || (c >= 'A' && c <= 'Z') || c == '<' || c == '>' || c == ':' ||
		    c == '?' || c == '"' || c == '\'')
			return 0;
	}
	/* an internationalised domain in its ASCII form (xn--): the Unicode
	 * form is the key, as fu-import writes the address (norm_email) */
	return !memmem(s, n, "xn--", 4);
}

void fu_event_key(const char *s, size_t n, fu_buf *out)
{
	fu_buf_clear(out);
	if (key_canonical(s, n)) {
		fu_buf_add(out, s, n);
		return;
	}
	const char *why;
	if (memchr(s, '@', n) && norm_email(s, n, out, &why) == 0)
		return;
	norm_trim(s, n, out); /* (an address norm_email refuses: trimmed, lower-cased) */
	char e164[24];
	if (out->len && memchr(out->data, '@', out->len)) {
		norm_lower_utf8(out->data, out->len);
	} else if (out->len && out->data[0] == '+' && fu_phone_key(out->data, e164)) {
		fu_buf_clear(out);
		fu_buf_adds(out, e164);
	}
}

fu_facts *fu_eventdb_find(fu_eventdb *db, const char *key)
{
	size_t n = strlen(key);
	if (key_canonical(key, n))
		return lookup(db, key, n, 0);
	fu_event_key(key, n, &db->keybuf[0]);
	return lookup(db, db->keybuf[0].data, db->keybuf[0].len, 0);
}

/* ---- e-mail aliases ------------------------------------------------------------ */

struct fu_eventdb_aliases {
	struct alias {
		uint64_t hash;
		char *email;
		uint32_t facts; /* index + 1; 0 = empty slot */
	} *t;
	size_t n, cap;
};

static void table_put(fu_eventdb_aliases **tp, const char *email, size_t n, uint32_t facts)
{
	fu_eventdb_aliases *a = *tp;
	if (!a)
		a = *tp = fu_xcalloc(1, sizeof *a);
	if (a->n * 2 >= a->cap) {
		size_t ncap = a->cap ? a->cap * 2 : 1024;
		struct alias *t = fu_xcalloc(ncap, sizeof *t);
		for (size_t i = 0; i < a->cap; i++) {
			if (!a->t[i].facts)
				continue;
			size_t h = a->t[i].hash & (ncap - 1);
			while (t[h].facts)
				h = (h + 1) & (ncap - 1);
			t[h] = a->t[i];
		}
		free(a->t);
		a->t = t;
		a->cap = ncap;
	}
	uint64_t hk = hash_key(email, n, 2);
	size_t h = hk & (a->cap - 1);
	while (a->t[h].facts) { /* the same pair again: nothing to add */
		if (a->t[h].hash == hk && a->t[h].facts == facts && strncmp(a->t[h].email, email, n) == 0 &&
		    a->t[h].email[n] == '\0')
			return;
		h = (h + 1) & (a->cap - 1);
	}
	a->t[h] = (struct alias){.hash = hk, .email = fu_xstrndup(email, n), .facts = facts};
	a->n++;
}

static void alias_put(fu_eventdb *db, const char *email, size_t n, uint32_t facts)
{
	table_put(&db->aliases, email, n, facts);
}

/* The facts an e-mail names in table A (up to MAX into OUT) */
static size_t table_find(const fu_eventdb_aliases *a, const char *email, size_t n, fu_facts *f,
                         fu_facts **out, size_t max)
{
	size_t found = 0;
	if (!a)
		return 0;
	uint64_t hk = hash_key(email, n, 2);
	for (size_t h = hk & (a->cap - 1); a->t[h].facts && found < max; h = (h + 1) & (a->cap - 1))
		if (a->t[h].hash == hk && strncmp(a->t[h].email, email, n) == 0 && a->t[h].email[n] == '\0')
			out[found++] = &f[a->t[h].facts - 1];
	return found;
}

/* A key that is a sub-address (RFC 5233: ann+shop@x.fi, the tag a checkout
 * form or a filter was given): its address without the tag into BASE;
 * 0 when it is none */
int fu_email_untagged(const char *key, size_t n, fu_buf *base)
{
	const char *at = memchr(key, '@', n);
	if (!at || at == key || memchr(at + 1, '@', n - (size_t)(at + 1 - key)))
		return 0;
	const char *plus = memchr(key, '+', (size_t)(at - key));
	if (!plus || plus == key)
		return 0;
	fu_buf_clear(base);
	fu_buf_add(base, key, (size_t)(plus - key));
	fu_buf_add(base, at, n - (size_t)(at - key));
	return 1;
}

size_t fu_eventdb_find_email(fu_eventdb *db, const char *email, fu_facts **out, size_t max)
{
	size_t n = strlen(email);
	if (!db->aliases || n == 0)
		return 0;
	fu_buf *key = &db->keybuf[0];
	fu_event_key(email, n, key);
	return table_find(db->aliases, key->data, key->len, db->f, out, max);
}

/* ---- loading -------------------------------------------------------------- */

const char *fu_eventdb_key(const fu_eventdb *db, const fu_facts *f)
{
	return db->keys + f->key;
}


/* a done mark's note: the task_id it names (blanks around it, as a
 * spreadsheet cell or a paste leaves them, dropped; hex digits in either
 * case), else a hash that names no task of ours */
static uint64_t note_id(const char *s)
{
	size_t n = strlen(s);
	while (n && (unsigned char)s[n - 1] <= ' ')
		n--;
	while (n && (unsigned char)*s <= ' ')
		s++, n--;
	if (n == 0)
		return 0;
	if (n == 16) {
		uint64_t v = 0;
		size_t i;
		for (i = 0; i < 16; i++) {
			int c = (unsigned char)s[i], d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			v = v << 4 | (uint64_t)d;
		}
		if (i == 16)
			return v;
	}
	return fu_hash64(s, n, 7) | 1; /* names no task of ours */
}

/* The shape of a plain decimal, [-]digits[.digits]: 0 when S is not one
 * (an exponent, hex, "inf", blanks, a comma: strtod would read some of
 * them, fu-import none); else 1, or 2 when it is a lone point before exactly
 * three digits after one to three digits ("1.500": a thousands separator
 * or a decimal point, as the column decides). */
static int plain_decimal(const char *s)
{
	const char *p = s + (*s == '-');
	size_t lead = 0, frac = 0;
	while (*p >= '0' && *p <= '9')
		p++, lead++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			frac++;
	if (*p || !lead || (p[-1] == '.'))
		return 0;
	const char *first = s + (*s == '-');
	return frac == 3 && lead <= 3 && *first != '0' ? 2 : 1;
}

/* a number that is not money (a feedback score): a plain decimal, blanks
 * around it aside */
static int parse_num(const char *s, double *out)
{
	char tmp[64];
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n && *s == '+')
		s++, n--;
	if (!n || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (!plain_decimal(tmp))
		return -1;
	*out = strtod(tmp, NULL);
	return isfinite(*out) ? 0 : -1;
}

/* A money value (a purchase's, a refund's, a reward's): a plain decimal,
 * else an amount as fu-import reads one ("10,00 €", "€10", "$10.00", "10.50
 * EUR", "1.234,50"), so that a value a person or a spreadsheet wrote is
 * never read as nothing.  *WHY says what is wrong with one that is neither.
 * MARK is the log's decimal mark ('.', ',' or 0: undecided); with MARKS (a
 * log's first reading) each value is tallied there, and one that only the
 * log's mark can read ("1.500", "1,500") sets *HELD instead: the caller
 * reads it again once every value has been seen (fu-import decides such a
 * value by its column the same way: norm_marks). */
static int parse_money(const char *s, double *out, char *currency, const char **why, int mark,
                       norm_marks *marks, int *held)
{
	static const char ambiguous[] = "a thousands separator or a decimal mark?";
	*why = "not a number";
	currency[0] = '\0';
	*held = 0;
	int plain = plain_decimal(s);
	if (plain == 1) {
		*out = strtod(s, NULL);
		if (marks && strchr(s, '.') && marks->point++ == 0)
			snprintf(marks->ex_point, sizeof marks->ex_point, "%.20s", s);
	} else {
		size_t n = strlen(s);
		if (n == 0 || n > 64)
			return -1;
		if (marks)
			norm_marks_add(marks, s, n);
		char tmp[80];
		fu_buf b = {.data = tmp, .len = n, .cap = sizeof tmp};
		memcpy(tmp, s, n + 1);
		if (norm_amount_cur(&b, mark, currency, why) != 0 || b.data != tmp) {
			*held = marks && strncmp(*why, ambiguous, sizeof ambiguous - 1) == 0;
			char *end;
			double c = strtod(s, &end); /* "1e3", "0x10": C reads them, no one else */
			if (!*held && !*end && isfinite(c) && strpbrk(s, "eExX"))
				*why = "written with an exponent or in hex (write the plain number)";
			return -1;
		}
		tmp[b.len] = '\0';
		if (!plain_decimal(tmp))
			return -1;
		*out = strtod(tmp, NULL);
	}
	/* past 2^53 cents a double no longer holds every cent: such an amount
	 * (a barcode or card number read as the price) would be summed and
	 * printed as another number */
	if (fabs(*out) > FU_MONEY_MAX) {
		*why = "beyond the largest amount kept to the cent (" FU_MONEY_MAX_TEXT ")";
		return -1;
	}
	return 0;
}

/* The records of a log whose amount waits for the log's decimal mark
 * (parse_money): copied, read again after the log's last record. */
struct held_row {
	fu_record rec;
	void *mem;
};
struct held_rows {
	struct held_row *v;
	size_t n, cap, next;
};

static void hold_row(struct held_rows *h, const fu_record *rec)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->v = fu_xrealloc(h->v, h->cap * sizeof *h->v);
	}
	size_t nf = rec->nfields, text = rec->raw_len + 1;
	for (size_t i = 0; i < nf; i++)
		text += rec->lens[i] + 1;
	char *mem = fu_xmalloc(nf * (sizeof(char *) + sizeof(size_t)) + text);
	fu_record *c = &h->v[h->n].rec;
	h->v[h->n++].mem = mem;
	*c = *rec;
	c->legacy = NULL; /* (the reader's, gone by then; no log reads it) */
	c->fields = (char **)mem;
	c->lens = (size_t *)(mem + nf * sizeof(char *));
	char *t = mem + nf * (sizeof(char *) + sizeof(size_t));
	for (size_t i = 0; i < nf; i++) {
		memcpy(t, rec->fields[i], rec->lens[i] + 1);
		c->fields[i] = t;
		c->lens[i] = rec->lens[i];
		t += rec->lens[i] + 1;
	}
	memcpy(t, rec->raw, rec->raw_len);
	t[rec->raw_len] = '\0';
	c->raw = t;
}

static void held_free(struct held_rows *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].mem);
	free(h->v);
}

/* A list P of N elements of SIZE bytes with room for one more: it grows to
 * the next power of two at 0, 1, 2, 4, ...  A stored contact's lists come
 * from the store's POOL (pool.h); NULL: from the heap (a join's scratch
 * copy, freed on its own). */
static void *list_room(fu_pool *pool, void *p, uint32_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	size_t cap = n ? (size_t)n * 2 : 1;
	return pool ? fu_pool_grow(pool, p, n * size, cap * size) : fu_xrealloc(p, cap * size);
}

static void add_mark(fu_pool *pool, fu_facts *f, fu_mark m)
{
	f->marks = list_room(pool, f->marks, f->nmarks, sizeof m);
	f->marks[f->nmarks++] = m;
}

static void add_refund(fu_pool *pool, fu_facts *f, fu_refund r)
{
	f->refunds = list_room(pool, f->refunds, f->nrefunds, sizeof r);
	f->refunds[f->nrefunds++] = r;
}

static fu_ticket *ticket(fu_pool *pool, fu_facts *f, uint64_t id)
{
	for (uint32_t i = 0; i < f->ntickets; i++)
		if (f->tickets[i].id == id)
			return &f->tickets[i];
	f->tickets = list_room(pool, f->tickets, f->ntickets, sizeof *f->tickets);
	fu_ticket *t = &f->tickets[f->ntickets++];
	t->id = id;
	t->opened = t->closed = INT64_MIN;
	return t;
}

/* T: the event's instant, for comparisons; AT and NAIVE: the time as it is
 * stored (a naive time stays wall-clock seconds, so anything derived from it
 * -- a task id -- does not depend on when it was placed in a zone); NOW:
 * --now for the contact, which the periods end at */
static void keep(fu_eventdb *db, fu_facts *f, const fu_pending *e, int64_t t, int64_t at, int naive,
                 int64_t now)
{
	if (!f->kept) {
		f->kept = fu_xmalloc(sizeof *f->kept);
		kept_init(f->kept);
	}
	fu_kept *k = f->kept;
	enum fu_ev ev = (enum fu_ev)e->ev;
	if (k->first_event == INT64_MIN || t < k->first_event)
		k->first_event = t;
	if (ev == FU_EV_PURCHASE && (k->first_purchase == INT64_MIN || t < k->first_purchase))
		k->first_purchase = t;
	if (ev == FU_EV_REWARD &&
	    (!db->opts.reward_item || strcasestr(fu_interned(db, e->item), db->opts.reward_item))) {
		if (e->has_num)
			k->rewarded += e->num;
		else
			k->unpriced_rewards++;
	}
	if (ev == FU_EV_PURCHASE && db->opts.purchases) {
		if ((k->nbuys & (k->nbuys - 1)) == 0)
			k->buys = fu_xrealloc(k->buys, (k->nbuys ? k->nbuys * 2 : 1) * sizeof *k->buys);
		k->buys[k->nbuys++] = (fu_purchase){.t = at, .amount = e->has_num ? e->num : NAN,
		                                    .item = e->item, .naive = (uint8_t)naive,
		                                    .offset = e->offset_min};
	}
	/* e->t, not t: a pending event's t is already placed in the contact's
	 * zone, e->t is still the wall-clock time as logged, whose date is the
	 * local date; an instant with an offset has its local date only in the
	 * contact's zone, known at the join: kept by its UTC quarter-hour (every
	 * zone's offset is a multiple of 15 minutes) */
	if (ev == FU_EV_PURCHASE && db->opts.purchase_days) {
		fu_purchase_day key = fu_purchase_day_of(e->t, naive);
		add_purchase_day(k, key.day, key.zoned, e->has_num ? e->num : NAN);
	}
	int64_t p = db->opts.period;
	if (p > 0 && t <= now) {
		if (!k->periods)
			k->periods = fu_xcalloc(1, sizeof *k->periods);
		if (t > now - p)
			k->periods->recent[ev]++;
		else if (t > now - 2 * p)
			k->periods->before[ev]++;
	}
}

/* ---- recent purchases ----------------------------------------------------- */

static int is_recent(const fu_eventdb *db, int64_t t)
{
	int64_t span = db->opts.recent_purchases;
	return span > 0 && (span > INT64_MAX / 4 || t > db->now - span - BAND);
}

/* a new list; the first one made is [0], the join's scratch */
static uint32_t new_list(fu_eventdb *db)
{
	if (db->nrecent == db->recentcap) {
		db->recentcap = db->recentcap ? db->recentcap * 2 : 1024;
		db->recent = fu_xrealloc(db->recent, db->recentcap * sizeof *db->recent);
	}
	db->recent[db->nrecent] = (fu_purchase_list){0};
	return (uint32_t)++db->nrecent;
}

static fu_purchase_list *recent_list(fu_eventdb *db, fu_facts *f)
{
	if (db->nrecent == 0)
		new_list(db); /* [0]: the join's scratch */
	if (!f->recent)
		f->recent = new_list(db);
	return &db->recent[f->recent - 1];
}

static void add_recent(fu_pool *pool, fu_purchase_list *l, fu_purchase p)
{
	l->p = list_room(pool, l->p, l->n, sizeof p);
	l->p[l->n++] = p;
}

static fu_purchase slot_purchase(const fu_slot *s)
{
	return (fu_purchase){.t = s->t, .amount = s->value, .item = s->item, .returned = s->returned,
	                     .naive = s->naive, .offset = s->offset};
}

/* A recent purchase: into the contact's list, which is started only by a
 * second one (the first stays in the slot alone) */
static void keep_recent(fu_eventdb *db, fu_pool *pool, fu_facts *f, fu_purchase p)
{
	if (!f->recent && db->purchase_slot >= 0) {
		const fu_slot *s = &fu_eventdb_slots(db, f)[db->purchase_slot];
		if (!s->set || !is_recent(db, s->t))
			return; /* the first: the slot will hold it */
		add_recent(pool, recent_list(db, f), slot_purchase(s));
	}
	add_recent(pool, recent_list(db, f), p);
}

const fu_purchase *fu_eventdb_recent(const fu_eventdb *db, const fu_facts *f, uint32_t *n)
{
	if (!f->recent) {
		*n = 0;
		return NULL;
	}
	*n = db->recent[f->recent - 1].n;
	return db->recent[f->recent - 1].p;
}

/* an opt-out or opt-in at T: the latest wins, an opt-out over an opt-in at
 * the same time (the safer reading of a tie) */
static void note_consent(fu_facts *f, int64_t t, int opt_in)
{
	if (t > f->consent_t || (t == f->consent_t && !opt_in)) {
		f->consent_t = t;
		f->opted_in = (uint8_t)opt_in;
	}
}

/* ZONED: called from the join, where stored times can be placed in TZ to
 * compare them with T, and --now is the contact's (fu_eventdb_now) */
static void apply_at(fu_eventdb *db, fu_facts *f, const fu_pending *e, int64_t t, int64_t at, int naive,
                     int zoned, const char *tz)
{
	enum fu_ev ev = (enum fu_ev)e->ev;
	fu_pool *pool = zoned ? NULL : &db->pool; /* zoned: the join's scratch copy */
	f->count[ev]++;
	if (t > f->last_event)
		f->last_event = t;
	if (t > f->last_activity && fu_ev_is_activity(ev)) {
		f->last_activity = t;
		f->activity_naive = (uint8_t)(naive && !zoned); /* (zoned: T is placed) */
	}
	if (db->opts.kept)
		keep(db, f, e, t, at, naive, zoned ? fu_eventdb_now(db, tz) : db->now);
	switch (ev) {
	case FU_EV_PURCHASE:
		if (e->has_num)
			f->spent += e->num;
		if (t > f->last_purchase)
			f->last_purchase = t;
		if (is_recent(db, t)) /* before the slot below takes it */
			keep_recent(db, pool, f, (fu_purchase){.t = at, .amount = e->has_num ? e->num : NAN,
			                                 .item = e->item, .naive = (uint8_t)naive,
			                                 .renewal = e->renewal, .offset = e->offset_min});
		break;
	case FU_EV_FEEDBACK:
		if (t >= f->nps_t) {
			f->nps_t = t;
			f->nps = (float)e->num;
			f->has_nps = 1;
		}
		break;
	case FU_EV_TICKET_OPENED:
	case FU_EV_TICKET_CLOSED: {
		fu_ticket *tk = ticket(pool, f, e->ticket);
		int64_t *when = ev == FU_EV_TICKET_OPENED ? &tk->opened : &tk->closed;
		if (t > *when)
			*when = t;
		break;
	}
	case FU_EV_UNSUBSCRIBE:
	case FU_EV_SUBSCRIBE:
		note_consent(f, t, ev == FU_EV_SUBSCRIBE);
		break;
	case FU_EV_REFUND:
		add_refund(pool, f, (fu_refund){.t = at, .amount = e->has_num ? fabs(e->num) : NAN,
		                                .logged = e->logged, .ref = e->ref, .item = e->item,
		                                .naive = (uint8_t)naive, .offset = e->offset_min});
		break;
	case FU_EV_FOLLOWUP: {
		fu_mark m = {.note = e->note, .when = at, .step = e->type, .named = e->named,
		             .naive = (uint8_t)naive, .date_only = e->date_only};
		add_mark(pool, f, m);
		break;
	}
	default:
		break;
	}
	fu_slot *slots = fu_eventdb_slots(db, f);
	for (size_t k = 0; k < db->nslots; k++) {
		int match = ev == FU_EV_OTHER ? strcmp(fu_interned(db, e->type), db->slot_types[k]) == 0
		                              : db->slot_ev[k] == (int)ev;
		/* (a row of another log at that instant is the order again, under
		 * another key: read once, fu_facts_once_per_order; review15/3) */
		if (match && !e->renewal && ev == FU_EV_PURCHASE && slots[k].set && slots[k].naive == (naive != 0) &&
		    slots[k].file == e->file &&
		    (zoned ? t == fu_event_time(slots[k].t, slots[k].naive, tz) : at == slots[k].t)) {
			/* another line of the order at the latest purchase's instant (a
			 * log with a row per line item): the latest purchase is all of
			 * them, its amounts summed, its items joined as fu-import joins
			 * an order's */
			if (e->has_num)
				slots[k].value = isnan(slots[k].value) ? (float)e->num : slots[k].value + (float)e->num;
			if (e->item && e->item != slots[k].item) {
				fu_buf b = {0};
				if (slots[k].item) {
					fu_buf_adds(&b, fu_interned(db, slots[k].item));
					fu_buf_adds(&b, "; ");
				}
				fu_buf_adds(&b, fu_interned(db, e->item));
				slots[k].item = fu_intern(db, b.data, b.len);
				fu_buf_free(&b);
			}
			continue;
		}
		if (match && !e->renewal && (!slots[k].set ||
		              (zoned ? t >= fu_event_time(slots[k].t, slots[k].naive, tz) : at >= slots[k].t))) {
			slots[k].t = at;
			slots[k].value = e->has_num ? (float)e->num : NAN;
			slots[k].item = e->item;
			slots[k].returned = 0;
			slots[k].naive = naive != 0;
			slots[k].file = e->file;
			slots[k].offset = e->offset_min;
			slots[k].set = 1;
		}
	}
}

void fu_facts_apply(fu_eventdb *db, fu_facts *f, const fu_pending *e, int64_t t, int naive)
{
	apply_at(db, f, e, t, t, naive, 0, NULL);
}

/* One parsed event waiting for its contact's facts.  Events pass through a
 * queue so that what each needs is prefetched in stages while earlier ones
 * are applied (random memory accesses dominate the loading of a big log):
 * when queued, its hash-table slot; AHEAD events later, from that slot, its
 * facts; AHEAD more, from the facts, its key's text and its done marks; then
 * it is applied.  No stage reads memory the one before has not fetched. */
enum { AHEAD = 8, QLEN = 3 * AHEAD };
struct queued {
	fu_buf key, mail;
	fu_pending e;
	int naive;
	long line; /* in the events file (db->file_id) */
	int known; /* an unsubscribe noted "no contact" (note_optout) */
	uint64_t hk;
	uint32_t facts; /* index + 1 of the facts its slot points to, 0: none */
};

/* every cache line of P's N bytes, to be written */
static void prefetch_lines(const void *p, size_t n)
{
	for (const char *c = p, *end = (const char *)p + n; c < end; c += 64)
		__builtin_prefetch(c, 1);
	__builtin_prefetch((const char *)p + n - 1, 1);
}

/* stage 2: the slot is in the cache; prefetch the facts it points to */
static void prefetch_facts(const fu_eventdb *db, struct queued *q)
{
	q->facts = 0;
	if (!db->tcap)
		return;
	/* the probes lookup will make, as far as the cached line goes */
	uint32_t tag = key_tag(q->hk, q->key.len);
	size_t h = home_slot(db, tag);
	const fu_keyslot *s;
	while ((s = &db->table[h])->facts && s->tag != tag && ((h + 1) & 3) && h + 1 < db->tcap)
		h++;
	if (s->facts && s->tag == tag) {
		q->facts = s->facts;
		size_t i = s->facts - 1;
		prefetch_lines(&db->f[i], sizeof db->f[i]);
		if (db->nslots)
			prefetch_lines(db->slots + i * db->nslots, db->nslots * sizeof *db->slots);
	}
}

/* stage 3: the facts are in the cache; prefetch the key and the marks */
static void prefetch_key(const fu_eventdb *db, const struct queued *q)
{
	if (!q->facts || q->facts > db->n)
		return;
	const fu_facts *f = &db->f[q->facts - 1];
	if (q->key.len > 8) /* (a shorter key is all in its slot) */
		__builtin_prefetch(db->keys + f->key);
	if (q->e.ev == FU_EV_FOLLOWUP && f->marks)
		__builtin_prefetch(f->marks + f->nmarks, 1);
}

/* F's latest unsubscribe (in log order) is at LINE of the file being read;
 * KNOWN: its note says "no contact" */
static void note_optout(fu_eventdb *db, fu_facts *f, long line, int known)
{
	if (!f->optout_at) {
		if (db->noptout == db->optoutcap) {
			db->optoutcap = db->optoutcap ? db->optoutcap * 2 : 64;
			db->optout_pos = fu_xrealloc(db->optout_pos, db->optoutcap * sizeof *db->optout_pos);
		}
		f->optout_at = (uint32_t)++db->noptout;
	}
	db->optout_pos[f->optout_at - 1] = (struct fu_event_pos){.file = db->file_id, .line = (uint32_t)line,
	                                                         .known = known};
}

/* An unsubscribe's note "no contact" (any case, blanks around it): the
 * opt-out of a key no contact has, logged again to say so.  It stays an
 * opt-out (the person may come back under that key); only the warning that
 * it joins nobody is silenced. */
static int no_contact_note(const char *s, size_t n)
{
	while (n && (unsigned char)s[n - 1] <= ' ')
		n--;
	while (n && (unsigned char)*s <= ' ')
		s++, n--;
	return n == 10 && strncasecmp(s, "no contact", 10) == 0;
}

static int near_time(int64_t t, int64_t at)
{
	return t > at - BAND && t <= at + BAND;
}

/* Whether --now in the contact's zone decides about an event (NAIVE: its
 * time is a wall clock read as UTC): an instant --now for a naive time, a
 * date for one with an offset (a naive time is on its date in every zone;
 * an instant is one for all) */
static int by_zone(const fu_eventdb *db, int naive)
{
	return db->now_is_date ? !naive : naive;
}

/* Whether an event at T is before --now, or in which period, only in its
 * contact's zone: then it waits for the join */
static int waits(const fu_eventdb *db, int64_t t, int naive)
{
	if (!by_zone(db, naive))
		return 0;
	int64_t p = db->opts.period;
	if (near_time(t, db->now))
		return 1;
	return p > 0 && (near_time(t, db->now - p) || near_time(t, db->now - 2 * p));
}

static void commit(fu_eventdb *db, struct queued *q)
{
	fu_facts *f = lookup(db, q->key.data, q->key.len, 1);
	db->events++;
	if (q->mail.len)
		alias_put(db, q->mail.data, q->mail.len, (uint32_t)(f - db->f) + 1);
	if (fu_email_untagged(q->key.data, q->key.len, &db->keybuf[0]))
		table_put(&db->tagged, db->keybuf[0].data, db->keybuf[0].len, (uint32_t)(f - db->f) + 1);
	if (q->e.ev == FU_EV_UNSUBSCRIBE) /* where, in case it joins nobody */
		note_optout(db, f, q->line, q->known);
	if (q->e.ev == FU_EV_PURCHASE && q->e.ref) { /* found again by a refund naming it */
		if (db->norders == db->ordercap) {
			db->ordercap = db->ordercap ? db->ordercap * 2 : 256;
			db->orders = fu_xrealloc(db->orders, db->ordercap * sizeof *db->orders);
		}
		db->orders[db->norders++] = (fu_order_entry){.key = (uint64_t)(f - db->f) << 32 | q->e.ref,
		                                             .t2 = q->e.t * 2 + q->naive,
		                                             .amount = q->e.has_num ? q->e.num : NAN};
		db->orders_sorted = 0;
	}
	if (waits(db, q->e.t, q->naive) || q->e.maybe_repeat) {
		f->pend = list_room(&db->pool, f->pend, f->npend, sizeof *f->pend);
		f->pend[f->npend++] = q->e;
		return;
	}
	fu_facts_apply(db, f, &q->e, q->e.t, q->naive);
}

/* PHONE as fu-import writes it (E.164: + and digits) into OUT, spaces,
 * dashes, dots and brackets dropped; 0 when it is not an international
 * number (a national one names no country: it is not a key) */
int fu_phone_key(const char *phone, char out[24])
{
	size_t n = 0;
	const char *s = phone;
	while (*s == ' ')
		s++;
	if (*s++ != '+')
		return 0;
	out[n++] = '+';
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n == 16) /* E.164: at most 15 digits */
				return 0;
			out[n++] = *s;
		} else if (!strchr(" -.()/", *s)) {
			return 0;
		}
	}
	out[n] = '\0';
	return n >= 8; /* + and 7 digits or more */
}

/* a key or item interned as keys are (fu_event_key) */
static uint32_t intern_key(fu_eventdb *db, const char *s, size_t n, fu_buf *tmp)
{
	fu_event_key(s, n, tmp);
	return fu_intern(db, tmp->data, tmp->len);
}

/* a referral event, kept as an edge: referrer key -> referred id or e-mail */
static void add_edge(fu_eventdb *db, const fu_record *rec, const char *id, size_t idlen,
                     const char *item, size_t itemlen, int64_t t, int naive)
{
	if (db->nedges == db->edgecap) {
		db->edgecap = db->edgecap ? db->edgecap * 2 : 256;
		db->edges = fu_xrealloc(db->edges, db->edgecap * sizeof *db->edges);
	}
	fu_buf tmp = {0};
	db->edges[db->nedges++] = (fu_referral_edge){.from = intern_key(db, id, idlen, &tmp),
	                                             .to = intern_key(db, item, itemlen, &tmp),
	                                             .t = t, .line = rec->line, .file = db->nfiles - 1,
	                                             .naive = (uint8_t)naive};
	fu_buf_free(&tmp);
}

/* A log repeats a handful of type names: each is read once (fu_ev_parse
 * folds case and compares with every name) and remembered as written. */
struct type_memo {
	char text[32];
	size_t len;
	enum fu_ev ev;
};

static enum fu_ev parse_type(struct type_memo *memo, int *nmemo, const char *type, size_t len)
{
	for (int i = 0; i < *nmemo; i++)
		if (memo[i].len == len && memcmp(memo[i].text, type, len) == 0)
			return memo[i].ev;
	enum fu_ev ev = fu_ev_parse(type);
	if (*nmemo < 16 && len < sizeof memo[0].text) {
		memcpy(memo[*nmemo].text, type, len);
		memo[*nmemo].len = len;
		memo[(*nmemo)++].ev = ev;
	}
	return ev;
}

/* a purchase amount's currency, among the first few told apart (case,
 * blanks, a sign or a name for its code aside: "€", "Euro" and "eur" are
 * EUR) */
/* the currency S (N bytes) among the first few of SET (NSET of them; MORE
 * set when there are others) */
static void note_currency_in(char (*set)[8], int *nset, int *more, const char *s, size_t n)
{
	char code[8];
	if (norm_currency_cell(s, n, code) != 0)
		return;
	n = strlen(code);
	for (int k = 0; k < *nset; k++)
		if (strcmp(set[k], code) == 0)
			return;
	if (*nset < 4)
		memcpy(set[(*nset)++], code, n + 1);
	else
		*more = 1;
}

static void note_currency(fu_eventdb *db, int reward, const char *s, size_t n)
{
	if (reward)
		note_currency_in(db->reward_currencies, &db->nreward_currencies,
		                 &db->more_reward_currencies, s, n);
	else
		note_currency_in(db->currencies, &db->ncurrencies, &db->more_currencies, s, n);
}

void fu_eventdb_repeated_words(const fu_eventdb *db, fu_buf *out)
{
	if (db->repeated)
		fu_buf_printf(out, " + %ld repeated in another log", db->repeated);
	if (db->repeated_within)
		fu_buf_printf(out, " + %ld repeated in its own log", db->repeated_within);
	if (!out->data)
		fu_buf_adds(out, "");
}

static int currency_mix(const char (*set)[8], int nset, int more, fu_buf *out)
{
	if (nset < 2)
		return -1;
	for (int k = 0; k < nset; k++)
		fu_buf_printf(out, "%s%s", k ? ", " : "", set[k]);
	if (more)
		fu_buf_adds(out, " and more");
	return 0;
}

int fu_eventdb_currency_mix(const fu_eventdb *db, fu_buf *out)
{
	return currency_mix(db->currencies, db->ncurrencies, db->more_currencies, out);
}

int fu_eventdb_reward_currency_mix(const fu_eventdb *db, fu_buf *out)
{
	return currency_mix(db->reward_currencies, db->nreward_currencies,
	                    db->more_reward_currencies, out);
}

enum { ROW_LOG_BITS = 16 };

/* the slot of fingerprint FP (its log bits aside) in the set, or the empty
 * one where it would go */
static size_t row_slot(const fu_eventdb *db, uint64_t fp)
{
	size_t mask = db->rows_cap - 1, i = (size_t)(fp >> ROW_LOG_BITS) & mask;
	while (db->rows_seen[i] && db->rows_seen[i] >> ROW_LOG_BITS != fp >> ROW_LOG_BITS)
		i = (i + 1) & mask;
	return i;
}

static void rows_grow(fu_eventdb *db)
{
	uint64_t *old = db->rows_seen;
	size_t oldcap = db->rows_cap;
	db->rows_cap = oldcap ? oldcap * 2 : 1024;
	db->rows_seen = fu_xcalloc(db->rows_cap, sizeof *db->rows_seen);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			db->rows_seen[row_slot(db, old[i])] = old[i];
	free(old);
}

/* A row as compared across logs into B: its key (as the store keeps it),
 * type, time (FT; NULL: all but the time), amount, item and note */
static void row_text(fu_buf *b, const char *id, size_t idlen, enum fu_ev ev, const fu_time *ft,
                     const char *type, size_t typelen, int has_num, double num, const char *item,
                     size_t itemlen, const char *note)
{
	fu_buf_add(b, id, idlen + 1);
	fu_buf_addc(b, (char)ev);
	if (ft) {
		fu_buf_add(b, &ft->t, sizeof ft->t);
		fu_buf_addc(b, (char)ft->has_offset);
	}
	if (ev == FU_EV_OTHER)
		fu_buf_add(b, type, typelen + 1);
	if (has_num)
		fu_buf_add(b, &num, sizeof num);
	fu_buf_addc(b, (char)has_num);
	fu_buf_add(b, item, itemlen + 1);
	fu_buf_adds(b, note);
}

/* The fingerprint of the text in B: 48 bits of hash and the log (logs past
 * the 65534th share the last number) */
static uint64_t row_fp(const fu_eventdb *db, const fu_buf *b)
{
	uint64_t log = db->nfiles < (1u << ROW_LOG_BITS) - 1 ? db->nfiles : (1u << ROW_LOG_BITS) - 1;
	return (fu_hash64(b->data, b->len, 11) & ~(uint64_t)0 << ROW_LOG_BITS) | log;
}

/* Is fingerprint FP in the set: 1 from an earlier log, 2 from this one, else
 * 0; remembered as this log's when not (and KEEP) */
static int row_seen(fu_eventdb *db, uint64_t fp, int keep)
{
	uint64_t log = fp & ((1u << ROW_LOG_BITS) - 1);
	if (db->rows_cap) {
		size_t i = row_slot(db, fp);
		if (db->rows_seen[i])
			return (db->rows_seen[i] & ((1u << ROW_LOG_BITS) - 1)) != log ? 1 : 2;
	}
	if (!keep)
		return 0;
	if (4 * (db->rows_n + 1) > 3 * db->rows_cap)
		rows_grow(db);
	db->rows_seen[row_slot(db, fp)] = fp;
	db->rows_n++;
	return 0;
}

/* Has this row, as read, been given before (fu_store_opts.once_across_logs)?
 * 1: by an earlier log; 2: by this log, when WITHIN (a row that is one event
 * however often it is written: see the caller); else 0, and it is remembered
 * as this log's (the last log's only when WITHIN: no later log compares). */
static int repeated_row(fu_eventdb *db, const char *id, size_t idlen, const fu_time *ft, enum fu_ev ev,
                        const char *type, size_t typelen, int has_num, double num, const char *item,
                        size_t itemlen, const char *note, uint32_t ref, int within)
{
	int keep = within || !db->opts.nlogs || db->nfiles < db->opts.nlogs; /* the last log: no
	                                                                        * later one compares */
	fu_buf b = {0};
	int seen = 0;
	if (ev == FU_EV_PURCHASE && ref) {
		/* a purchase that names its order is that order, however an earlier
		 * log wrote its time (with an offset or without), amount or item:
		 * the first log that has the order gives all of its lines */
		fu_buf_add(&b, id, idlen + 1);
		fu_buf_addc(&b, (char)ev);
		fu_buf_adds(&b, "\1order");
		fu_buf_add(&b, &ref, sizeof ref);
		seen = row_seen(db, row_fp(db, &b), keep);
		fu_buf_clear(&b);
		if (seen == 1) {
			fu_buf_free(&b);
			return 1;
		}
		/* within its log, a row naming the order again is another line of
		 * it (another item, another amount) unless it is the same row */
	}
	row_text(&b, id, idlen, ev, ft, type, typelen, has_num, num, item, itemlen, note);
	seen = row_seen(db, row_fp(db, &b), keep);
	fu_buf_free(&b);
	return seen == 1 ? 1 : seen == 2 && within ? 2 : 0;
}

/* A row's fingerprint by all but its time (repeated_row's, without it) */
static uint64_t timeless_fp(const char *id, size_t idlen, enum fu_ev ev, const char *type, size_t typelen,
                            int has_num, double num, const char *item, size_t itemlen, const char *note)
{
	fu_buf b = {0};
	row_text(&b, id, idlen, ev, NULL, type, typelen, has_num, num, item, itemlen, note);
	uint64_t fp = fu_hash64(b.data, b.len, 17);
	fu_buf_free(&b);
	return fp ? fp : 1;
}

static void timeless_put(fu_eventdb *db, struct fu_row_timeless r)
{
	if (4 * (db->rt_n + 1) > 3 * db->rt_cap) {
		struct fu_row_timeless *old = db->rows_timeless;
		size_t oldcap = db->rt_cap;
		db->rt_cap = oldcap ? oldcap * 2 : 256;
		db->rows_timeless = fu_xcalloc(db->rt_cap, sizeof *db->rows_timeless);
		db->rt_n = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].fp)
				timeless_put(db, old[i]);
		free(old);
	}
	size_t mask = db->rt_cap - 1, i = (size_t)r.fp & mask;
	while (db->rows_timeless[i].fp)
		i = (i + 1) & mask;
	db->rows_timeless[i] = r;
	db->rt_n++;
}

/* most hours between a time without an offset and the same instant (a
 * zone's distance from UTC, with room) */
enum { ZONE_SPAN = 15 * 3600 };

/* A row of an earlier log with fingerprint FP (timeless_fp) whose time is
 * written the other way from FT's, within a zone's distance: 1 and its time
 * as stored << 1 | naive in *OTHER; else 0 */
static int timeless_find(const fu_eventdb *db, uint64_t fp, const fu_time *ft, int64_t *other)
{
	if (!db->rt_cap)
		return 0;
	size_t mask = db->rt_cap - 1;
	for (size_t i = (size_t)fp & mask; db->rows_timeless[i].fp; i = (i + 1) & mask) {
		const struct fu_row_timeless *r = &db->rows_timeless[i];
		int64_t t = r->t2 >> 1;
		if (r->fp == fp && r->log != db->nfiles && (int)(r->t2 & 1) == ft->has_offset &&
		    t - ft->t <= ZONE_SPAN && ft->t - t <= ZONE_SPAN) {
			*other = r->t2;
			return 1;
		}
	}
	return 0;
}

int fu_eventdb_load(fu_eventdb *db, const char *path)
{
	struct type_memo types[16];
	int ntypes = 0;
	free(db->file);
	db->file = fu_xstrdup(path);
	db->file_id = fu_intern(db, fu_input_name(path), strlen(fu_input_name(path)));
	db->file_ids = fu_xrealloc(db->file_ids, (db->nfiles + 1) * sizeof *db->file_ids);
	db->file_ids[db->nfiles++] = db->file_id;
	static const char *const required[] = {"contact_id", "when", "type", NULL};
	fu_reader in;
	int got = fu_reader_open(&in, path, "an events log", required, db->rejects);
	if (got > 0) { /* no header row (reported): a log truncated to nothing has lost its
	                * done marks, so the run exits 1 (fu(7)); a header alone is no events */
		db->warned++;
		return 0;
	}
	if (got < 0)
		return -1;
	fu_reader *r = &in;
	static const char *const optional[] = {"value", "item", "note", "email", "currency", NULL};
	fu_header_canon(&r->hdr, optional); /* "Value", as a spreadsheet user types it */
	r->type_col = fu_reader_col(r, "type");
	long c_id = fu_reader_col(r, "contact_id"), c_when = fu_reader_col(r, "when"),
	     c_type = fu_reader_col(r, "type"), c_value = fu_reader_col(r, "value"),
	     c_item = fu_reader_col(r, "item"), c_note = fu_reader_col(r, "note"),
	     c_email = fu_reader_col(r, "email"), c_currency = fu_reader_col(r, "currency"),
	     c_renewal = fu_reader_col(r, "renewal");
	fu_record *rec;
	int rc;
	fu_buf key = {0}; /* the row's contact_id as a key (fu_event_key) */
	struct queued queue[QLEN];
	memset(queue, 0, sizeof queue);
	size_t head = 0, count = 0;
	/* the amounts' decimal mark, decided by the whole log: the records whose
	 * amount it alone reads are held, and read after the last */
	norm_marks marks = {0};
	struct held_rows held = {0};
	int replay = 0, dec_mark = 0;
	for (;;) {
		if (!replay && (rc = fu_reader_next(r, &rec)) != 1) {
			if (rc < 0 || !held.n)
				break;
			replay = 1;
			dec_mark = norm_marks_decide(&marks);
		}
		if (replay) {
			if (held.next == held.n)
				break;
			rec = &held.v[held.next++].rec;
		}
		const char *id = rec->fields[c_id], *when = rec->fields[c_when], *type = rec->fields[c_type];
		const char *value = c_value >= 0 ? rec->fields[c_value] : "";
		const char *item = c_item >= 0 ? rec->fields[c_item] : "";
		size_t item_len = c_item >= 0 ? rec->lens[c_item] : 0;
		enum fu_ev ev = parse_type(types, &ntypes, type, rec->lens[c_type]);
		/* a consent or done mark that cannot be read says so first
		 * ("unsubscribe row: ..."), whatever its spelling: a script can stop
		 * rather than send what it was to keep back (fu(7), EVENTS) */
		const char *mark = fu_ev_is_mark(ev) ? fu_ev_names[ev] : "";
		const char *mark_sep = *mark ? " row: " : "";
		/* blanks around an item (a step, a ticket id) never matter */
		while (item_len && (unsigned char)item[item_len - 1] <= ' ')
			item_len--;
		while (item_len && (unsigned char)*item <= ' ')
			item++, item_len--;
		fu_event_key(id, rec->lens[c_id], &key);
		if (!key.len) {
			fu_reader_reject(r, rec, "empty contact_id", "%s%sempty contact_id", mark, mark_sep);
			continue;
		}
		fu_time ft;
		const char *why;
		if (fu_parse_time(when, "UTC", &ft, &why) != 0 || ft.t < FU_TIME_FIRST) {
			fu_reader_reject(r, rec, "unreadable time", "%s%swhen \"%s\": %s", mark, mark_sep, when,
			                 why ? why : "before 0001-01-02: in some time zone still the year 0");
			continue;
		}
		int naive = !ft.has_offset;
		/* not yet happened at --now in any zone (else the join decides:
		 * waits) */
		if (ft.t > db->now + (by_zone(db, naive) ? BAND : 0)) {
			db->future++;
			continue;
		}
		if (ev == FU_EV_OTHER && db->opts.strict_types) {
			fu_reader_reject(r, rec, "unknown event type", "unknown event type \"%s\" (known: %s)",
			                 type, fu_ev_list);
			continue;
		}
		double num = 0;
		const char *amount_why = NULL;
		int money = ev == FU_EV_PURCHASE || ev == FU_EV_REFUND || ev == FU_EV_REWARD;
		char value_cur[8] = ""; /* the currency written with the amount ("€10") */
		int wait = 0;
		int has_num = (money ? parse_money(value, &num, value_cur, &amount_why, dec_mark, replay ? NULL : &marks, &wait)
		                     : parse_num(value, &num)) == 0;
		if (wait) {
			hold_row(&held, rec);
			continue;
		}
		if (ev == FU_EV_PURCHASE && has_num && num < 0 && db->opts.no_negative) {
			fu_reader_reject(r, rec, "negative amount", "purchase amount %s is negative",
			                 value);
			continue;
		}
		if (ev == FU_EV_OTHER && !db->unknown++) {
			db->unknown_type = fu_intern(db, type, rec->lens[c_type]);
			db->unknown_line = rec->line;
			db->unknown_file = db->file_id;
		}
		if (ev == FU_EV_FEEDBACK && (!has_num || num < 0 || num > 10)) {
			fu_reader_reject(r, rec, "bad value", "%s value \"%s\" is not a score 0-10", type, value);
			continue;
		}
		/* an amount that cannot be read is no zero: a reward paid would be
		 * owed again, a refund in part taken for all of it */
		if (money && *value && !has_num) {
			if (strcmp(amount_why, "not a number") == 0)
				fu_reader_reject(r, rec, "bad value", "%s value \"%s\" is not an amount", type, value);
			else
				fu_reader_reject(r, rec, "bad value", "%s value \"%s\" is not an amount: %s", type,
				                 value, amount_why);
			continue;
		}
		const char *note = c_note >= 0 ? rec->fields[c_note] : "";
		size_t note_len = c_note >= 0 ? rec->lens[c_note] : 0;
		/* the order a purchase or refund names (its note, else its item) */
		uint32_t ref = 0;
		if (ev == FU_EV_PURCHASE || ev == FU_EV_REFUND)
			if (!(ref = fu_order_ref(note, note_len)))
				ref = fu_order_ref(item, item_len);
		/* a row an earlier log had is that event again; so is a purchase
		 * (a reward) of this log written twice when it names an order or
		 * has a time of day: two orders of one contact at the same second,
		 * of the same item and amount, are one order logged twice (a log
		 * of overlapping exports, two logs joined with cat); two equal
		 * rows dated by the day alone may be two purchases (two coffees) */
		int across = db->opts.once_across_logs && (db->opts.once_across_logs == 1 || ev == FU_EV_PURCHASE) &&
		             db->opts.nlogs != 1;
		int within = db->opts.once_across_logs &&
		             (ev == FU_EV_PURCHASE || (ev == FU_EV_REWARD && db->opts.once_across_logs == 1)) &&
		             (ft.has_time || ref);
		int again = across || within ? repeated_row(db, key.data, key.len, &ft, ev, type, rec->lens[c_type],
		                                            has_num, num, item, item_len, note, ref, within)
		                             : 0;
		if (again) {
			if (again == 2)
				db->repeated_within++;
			else
				db->repeated++;
			continue;
		}
		/* the same row of an earlier log with its time written the other
		 * way (with an offset, without: one export before FU_SOURCE_TZ was
		 * set, one after) is the same event when both are one instant in
		 * the contact's zone, which the join knows: it waits for that */
		int64_t other = 0;
		int maybe = 0;
		if (across && !(ev == FU_EV_PURCHASE && ref)) {
			uint64_t fp0 = timeless_fp(key.data, key.len, ev, type, rec->lens[c_type], has_num, num, item,
			                           item_len, note);
			maybe = timeless_find(db, fp0, &ft, &other);
			if (!maybe && !(db->opts.nlogs && db->nfiles >= db->opts.nlogs))
				timeless_put(db, (struct fu_row_timeless){.fp = fp0, .t2 = ft.t * 2 + naive,
				                                          .log = db->nfiles});
		}
		if (ev == FU_EV_REFERRAL)
			add_edge(db, rec, key.data, key.len, item, item_len, ft.t, naive);
		int summed = ev == FU_EV_PURCHASE || ev == FU_EV_REWARD; /* revenue, perks_given */
		if (summed && has_num && c_currency >= 0 && rec->lens[c_currency])
			note_currency(db, ev == FU_EV_REWARD, rec->fields[c_currency], rec->lens[c_currency]);
		else if (summed && has_num && value_cur[0])
			note_currency(db, ev == FU_EV_REWARD, value_cur, strlen(value_cur));
		if (count == QLEN) { /* the oldest: what it needs has been prefetched */
			commit(db, &queue[head]);
			head = (head + 1) % QLEN;
			count--;
		}
		struct queued *q = &queue[(head + count) % QLEN];
		fu_buf_clear(&q->key); /* (a phone number keyed as E.164) */
		fu_buf_add(&q->key, key.data, key.len);
		int by_mail = memchr(q->key.data, '@', q->key.len) != NULL;
		fu_buf_clear(&q->mail);
		if (c_email >= 0 && rec->lens[c_email] > 0 && !by_mail) /* the log also names the */
			fu_event_key(rec->fields[c_email], rec->lens[c_email], &q->mail); /* e-mail: join by it too */
		q->line = rec->line;
		q->known = ev == FU_EV_UNSUBSCRIBE && no_contact_note(note, note_len);
		q->e = (fu_pending){.t = ft.t, .num = num, .has_num = (uint8_t)has_num, .ev = (uint8_t)ev,
		                    .item = fu_intern(db, item, item_len),
		                    .type = ev == FU_EV_OTHER      ? fu_intern(db, type, rec->lens[c_type])
		                            : ev == FU_EV_FOLLOWUP ? fu_intern_step(db, item, item_len)
		                                                   : 0};
		if (ev == FU_EV_FOLLOWUP) {
			q->e.note = note_id(c_note >= 0 ? rec->fields[c_note] : "");
			/* what the task named (an order's items): a purchase of the order
			 * logged after the mark is thanked on its own (fu-schedule) */
			if (c_value >= 0 && rec->lens[c_value])
				q->e.named = fu_intern(db, value, rec->lens[c_value]);
		}
		if (ev == FU_EV_TICKET_OPENED || ev == FU_EV_TICKET_CLOSED)
			q->e.ticket = fu_hash64(item, item_len, 3);
		/* a subscription's automatic renewal (fu(7), the renewal column) */
		if (ev == FU_EV_PURCHASE && c_renewal >= 0 && rec->lens[c_renewal])
			q->e.renewal = norm_flag(rec->fields[c_renewal], rec->lens[c_renewal]) == 1;
		q->e.ref = ref; /* the order a purchase or refund names */
		q->e.offset = (uint8_t)ft.has_offset;
		q->e.offset_min = (int16_t)(ft.has_offset ? ft.offset_min : 0);
		q->e.maybe_repeat = (uint8_t)maybe;
		q->e.file = (uint8_t)db->nfiles;
		q->e.other_t2 = other;
		if (ev == FU_EV_REFUND)
			q->e.logged = (uint64_t)db->file_id << 32 | (uint32_t)rec->line;
		q->naive = naive;
		q->e.date_only = !ft.has_time;
		q->hk = hash_key(q->key.data, q->key.len, 1);
		if (db->tcap)
			__builtin_prefetch(&db->table[home_slot(db, key_tag(q->hk, q->key.len))]);
		count++;
		if (count > AHEAD)
			prefetch_facts(db, &queue[(head + count - 1 - AHEAD) % QLEN]);
		if (count > 2 * AHEAD)
			prefetch_key(db, &queue[(head + count - 1 - 2 * AHEAD) % QLEN]);
	}
	for (; count; count--, head = (head + 1) % QLEN)
		commit(db, &queue[head]);
	for (size_t i = 0; i < QLEN; i++) {
		fu_buf_free(&queue[i].key);
		fu_buf_free(&queue[i].mail);
	}
	fu_buf_free(&key);
	held_free(&held);
	db->bad += r->n.rejected;
	fu_reader_close(r);
	return rc < 0 ? -1 : 0;
}

void fu_facts_merge(fu_eventdb *db, fu_facts *dst, const fu_facts *src)
{
	for (int i = 0; i < FU_EV_N; i++)
		dst->count[i] += src->count[i];
	dst->spent += src->spent;
	if (src->has_nps && (!dst->has_nps || src->nps_t >= dst->nps_t)) {
		dst->nps = src->nps;
		dst->nps_t = src->nps_t;
		dst->has_nps = 1;
	}
	if (src->last_purchase > dst->last_purchase)
		dst->last_purchase = src->last_purchase;
	if (src->last_event > dst->last_event)
		dst->last_event = src->last_event;
	if (src->last_activity > dst->last_activity) {
		dst->last_activity = src->last_activity;
		dst->activity_naive = src->activity_naive;
	}
	if (src->consent_t != INT64_MIN)
		note_consent(dst, src->consent_t, src->opted_in);
	for (uint32_t i = 0; i < src->nmarks; i++)
		add_mark(NULL, dst, src->marks[i]);
	for (uint32_t i = 0; i < src->nrefunds; i++)
		add_refund(NULL, dst, src->refunds[i]);
	if (dst->recent) { /* the join's scratch: every recent purchase of each */
		fu_purchase_list *l = &db->recent[dst->recent - 1];
		if (src->recent)
			for (uint32_t i = 0; i < db->recent[src->recent - 1].n; i++)
				add_recent(NULL, l, db->recent[src->recent - 1].p[i]);
		else if (db->purchase_slot >= 0) {
			const fu_slot *ps = &fu_eventdb_slots(db, src)[db->purchase_slot];
			if (ps->set && is_recent(db, ps->t))
				add_recent(NULL, l, slot_purchase(ps));
		}
	}
	for (uint32_t i = 0; i < src->ntickets; i++) {
		fu_ticket *t = ticket(NULL, dst, src->tickets[i].id);
		if (src->tickets[i].opened > t->opened)
			t->opened = src->tickets[i].opened;
		if (src->tickets[i].closed > t->closed)
			t->closed = src->tickets[i].closed;
	}
	const fu_slot *ss = fu_eventdb_slots(db, src);
	for (size_t k = 0; k < db->nslots; k++)
		if (ss[k].set && (!dst->slots[k].set || ss[k].t >= dst->slots[k].t))
			dst->slots[k] = ss[k];
	const fu_kept *sk = src->kept;
	fu_kept *dk = dst->kept;
	if (!sk || !dk)
		return;
	if (sk->first_purchase != INT64_MIN &&
	    (dk->first_purchase == INT64_MIN || sk->first_purchase < dk->first_purchase))
		dk->first_purchase = sk->first_purchase;
	if (sk->first_event != INT64_MIN && (dk->first_event == INT64_MIN || sk->first_event < dk->first_event))
		dk->first_event = sk->first_event;
	dk->rewarded += sk->rewarded;
	dk->unpriced_rewards += sk->unpriced_rewards;
	if (sk->periods) {
		if (!dk->periods)
			dk->periods = fu_xcalloc(1, sizeof *dk->periods);
		for (int i = 0; i < FU_EV_N; i++) {
			dk->periods->recent[i] += sk->periods->recent[i];
			dk->periods->before[i] += sk->periods->before[i];
		}
	}
	if (sk->nbuys) {
		dk->buys = fu_xrealloc(dk->buys, (dk->nbuys + sk->nbuys) * sizeof *dk->buys);
		memcpy(dk->buys + dk->nbuys, sk->buys, sk->nbuys * sizeof *sk->buys);
		dk->nbuys += sk->nbuys;
	}
	for (uint32_t i = 0; i < sk->ndays; i++)
		add_purchase_day(dk, sk->days[i].day, sk->days[i].zoned, sk->days[i].amount);
}

int fu_facts_open_tickets(const fu_facts *f)
{
	int n = 0;
	for (uint32_t i = 0; i < f->ntickets; i++)
		n += f->tickets[i].opened > f->tickets[i].closed;
	return n;
}

int fu_facts_unsubscribed(const fu_facts *f, const char *unsub, const char *tz, int64_t now, const char **why)
{
	int word = fu_unsubscribed_word(unsub ? unsub : "");
	int64_t opted_out = INT64_MIN; /* the cell's opt-out, in force by NOW */
	if (word == FU_UNSUB_WHEN) {
		fu_time ft;
		const char *w = NULL;
		if (fu_parse_time(unsub, tz, &ft, &w) != 0 || ft.t < FU_TIME_FIRST) {
			*why = w ? w : "before 0001-01-02: in some time zone still the year 0";
			return -1;
		}
		if (ft.t <= now)
			opted_out = ft.t;
	}
	if (word == FU_UNSUB_YES)
		return 1;
	if (!f || f->consent_t == INT64_MIN) /* no consent event: the cell says */
		return opted_out != INT64_MIN;
	if (!f->opted_in)
		return 1;
	return opted_out != INT64_MIN && opted_out >= f->consent_t;
}

/* Does F's latest consent event say no?  (Events still waiting for a zone
 * are in no zone yet: a waiting unsubscribe with no waiting subscribe at or
 * after it does.) */
static int opted_out(const fu_facts *f)
{
	int64_t out = INT64_MIN, in = INT64_MIN;
	for (uint32_t i = 0; i < f->npend; i++) {
		int64_t *t = f->pend[i].ev == FU_EV_UNSUBSCRIBE ? &out : f->pend[i].ev == FU_EV_SUBSCRIBE ? &in : NULL;
		if (t && f->pend[i].t > *t)
			*t = f->pend[i].t;
	}
	if (out != INT64_MIN || in != INT64_MIN)
		return out >= in;
	return f->consent_t != INT64_MIN && !f->opted_in;
}

void fu_eventdb_report(fu_eventdb *db)
{
	static const char kind[] = "opt-out for no contact";
	for (size_t i = 0; i < db->n; i++) {
		const fu_facts *f = &db->f[i];
		if (f->matched || !f->optout_at || !opted_out(f))
			continue;
		const struct fu_event_pos *at = &db->optout_pos[f->optout_at - 1];
		if (at->known) /* the latest opt-out says it is for no contact */
			continue;
		fu_warn_capped(kind, fu_interned(db, at->file), at->line, 0,
		               "unsubscribe for '%s' matches no contact: the opt-out does nothing (log it under"
		               " the contact's id or e-mail)", fu_eventdb_key(db, f));
		db->warned++;
	}
	for (uint32_t k = 0; k < db->nfiles; k++)
		fu_warn_caps_flush(fu_interned(db, db->file_ids[k]));
}

void fu_eventdb_unmatched(const fu_eventdb *db, long *contacts, long *events)
{
	*contacts = *events = 0;
	for (size_t i = 0; i < db->n; i++) {
		if (db->f[i].matched)
			continue;
		long e = db->f[i].npend - (long)db->f[i].claimed;
		for (int k = 0; k < FU_EV_N; k++)
			e += db->f[i].count[k];
		if (db->f[i].claimed && e <= 0)
			continue; /* every event of the key was used */
		(*contacts)++;
		*events += e;
	}
}

void fu_eventdb_free(fu_eventdb *db)
{
	/* marks, tickets, refunds, waiting events and recent purchases are the
	 * pool's: only fu_kept (allocated when asked for) is freed contact by
	 * contact */
	for (size_t i = 0; db->opts.kept && i < db->n; i++) {
		if (db->f[i].kept) {
			free(db->f[i].kept->buys);
			free(db->f[i].kept->days);
			free(db->f[i].kept->periods);
		}
		free(db->f[i].kept);
	}
	if (db->nrecent) /* [0], the join's scratch list, is on the heap */
		free(db->recent[0].p);
	free(db->recent);
	fu_pool_free(&db->pool);
	free(db->edges);
	free(db->file);
	fu_big_free(db->f, db->cap * sizeof *db->f);
	fu_big_free(db->table, db->tcap * sizeof *db->table);
	fu_big_free(db->keys, db->kcap);
	fu_big_free(db->slots, db->cap * (db->nslots ? db->nslots : 1) * sizeof *db->slots);
	free(db->slot_ev);
	if (db->aliases) {
		for (size_t i = 0; i < db->aliases->cap; i++)
			free(db->aliases->t[i].email);
		free(db->aliases->t);
		free(db->aliases);
	}
	if (db->tagged) {
		for (size_t i = 0; i < db->tagged->cap; i++)
			free(db->tagged->t[i].email);
		free(db->tagged->t);
		free(db->tagged);
	}
	fu_map_free(&db->strs);
	free(db->rows_seen);
	free(db->rows_timeless);
	free(db->optout_pos);
	free(db->orders);
	fu_map_free(&db->refunds_warned);
	fu_map_free(&db->orders_repeated);
	free(db->file_ids);
	for (size_t i = 0; i < sizeof db->keybuf / sizeof db->keybuf[0]; i++)
		fu_buf_free(&db->keybuf[i]);
	memset(db, 0, sizeof *db);
}

/* ---- the join of a contact row to its facts --------------------------------- */

int64_t fu_event_time(int64_t t, int naive, const char *tz)
{
	if (!naive)
		return t;
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	tm.tm_isdst = -1;
	return fu_mktime(&tm, tz);
}

/* the facts of one alias (fu(7), Identity): an e-mail is looked up as the
 * contact's own e-mail is (the key, the id derived from it, an `email`
 * column), an E.164 phone as its phone, anything else as an id */
static size_t alias_facts(fu_eventdb *db, const char *alias, size_t n, fu_facts **out)
{
	char derived[17], e164[24];
	fu_buf *key = &db->keybuf[3];
	fu_event_key(alias, n, key);
	char *a = key->data;
	n = key->len;
	size_t nc = 0;
	fu_facts *x;
	if (!n)
		return 0;
	if (memchr(a, '@', n)) {
		if (db->mail_keys && (x = fu_eventdb_find(db, a)))
			out[nc++] = x;
		norm_contact_id(a, n, derived);
		if (db->derived_keys && (x = fu_eventdb_find(db, derived)))
			out[nc++] = x;
		nc += fu_eventdb_find_email(db, a, out + nc, 2);
	} else if (*a == '+' && fu_phone_key(a, e164)) {
		norm_contact_id(e164, strlen(e164), derived);
		if (db->phone_keys && (x = fu_eventdb_find(db, e164)))
			out[nc++] = x;
		if (db->derived_keys && (x = fu_eventdb_find(db, derived)))
			out[nc++] = x;
	} else if ((x = fu_eventdb_find(db, a))) {
		out[nc++] = x;
	}
	return nc;
}

const fu_facts *fu_eventdb_join(fu_eventdb *db, const char *id, const char *email, const char *phone,
                                const char *tz, fu_join_scratch *scratch)
{
	return fu_eventdb_join_aliases(db, id, email, phone, NULL, tz, scratch);
}

const fu_facts *fu_eventdb_join_aliases(fu_eventdb *db, const char *id, const char *email, const char *phone,
                                        const char *aliases, const char *tz, fu_join_scratch *scratch)
{
	/* its facts: events keyed by its id, by its e-mail, or naming its
	 * e-mail, or by its phone, or by one of its aliases */
	fu_facts *cand[12 + 4 * FU_MAX_ALIASES];
	size_t nc = 0;
	fu_facts *x;
	/* both as the events' keys are (blanks, a display form, mailto:) */
	if (*id && !key_canonical(id, strlen(id))) {
		fu_event_key(id, strlen(id), &db->keybuf[1]);
		id = db->keybuf[1].data;
	}
	if (*email && !key_canonical(email, strlen(email))) {
		fu_event_key(email, strlen(email), &db->keybuf[2]);
		email = db->keybuf[2].data;
	}
	if (*id && (x = fu_eventdb_find(db, id)))
		cand[nc++] = x;
	char e164[24];
	if (phone && fu_phone_key(phone, e164)) { /* an order known only by the phone (fu-import
	                                       * keys it by the id derived from the number) */
		char derived[17];
		norm_contact_id(e164, strlen(e164), derived);
		if (db->phone_keys && strcmp(e164, id) != 0 && (x = fu_eventdb_find(db, e164)))
			cand[nc++] = x;
		if (db->derived_keys && strcmp(derived, id) != 0 && (x = fu_eventdb_find(db, derived)))
			cand[nc++] = x;
	}
	if (*email && (db->mail_keys || !strchr(email, '@')) && (x = fu_eventdb_find(db, email)))
		cand[nc++] = x;
	if (*email && db->derived_keys) { /* the id fu-import derives from the e-mail: the
	                                   * contact's id before a CRM id was given (fu(7), IDENTITY) */
		char derived[17];
		norm_contact_id(email, strlen(email), derived);
		if (strcmp(derived, id) != 0 && (x = fu_eventdb_find(db, derived)))
			cand[nc++] = x;
	}
	if (*email)
		nc += fu_eventdb_find_email(db, email, cand + nc, 4);
	const char *alias;
	size_t alen;
	for (int na = 0; aliases && na < FU_MAX_ALIASES && fu_alias_next(&aliases, &alias, &alen); na++)
		nc += alias_facts(db, alias, alen, cand + nc);
	size_t nu = 0; /* the distinct ones; a sub-address's events joined by
	                * the contact of its untagged address stay that one's */
	for (size_t i = 0; i < nc; i++) {
		size_t k;
		for (k = 0; k < nu && cand[k] != cand[i]; k++)
			;
		if (k == nu && !cand[i]->by_base)
			cand[nu++] = cand[i];
	}
	/* events keyed by a sub-address of the contact's e-mail (ann+shop@x.fi,
	 * a checkout's tag) that no contact has joined as its own: this
	 * contact's (fu(7), Identity) */
	if (*email && db->tagged && nu < sizeof cand / sizeof cand[0]) {
		fu_facts *tag[4];
		size_t nt = table_find(db->tagged, email, strlen(email), db->f, tag, 4);
		for (size_t i = 0; i < nt && nu < sizeof cand / sizeof cand[0]; i++) {
			if (tag[i]->matched && !tag[i]->by_base)
				continue; /* a contact of that very address had them */
			size_t k;
			for (k = 0; k < nu && cand[k] != tag[i]; k++)
				;
			if (k == nu) {
				tag[i]->by_base = 1;
				cand[nu++] = tag[i];
			}
		}
	}
	int pending = 0, refunds = 0;
	for (size_t i = 0; i < nu; i++) {
		cand[i]->matched = 1;
		pending |= cand[i]->npend > 0;
		refunds |= cand[i]->nrefunds > 0;
	}
	if (nu <= 1 && !pending && !refunds)
		return nu ? cand[0] : NULL;
	/* a scratch copy: all the facts, and the events waiting for the zone */
	fu_facts *s = &scratch->facts;
	free(s->marks);
	free(s->tickets);
	free(s->refunds);
	memset(s, 0, sizeof *s);
	if (db->opts.recent_purchases > 0) { /* the scratch's list is the store's [0] */
		if (db->nrecent == 0)
			new_list(db);
		s->recent = 1;
		db->recent[0].n = 0;
	}
	s->nps_t = s->last_purchase = s->last_event = s->last_activity = s->consent_t = INT64_MIN;
	if (!scratch->slots)
		scratch->slots = fu_xcalloc(db->nslots ? db->nslots : 1, sizeof *scratch->slots);
	s->slots = scratch->slots;
	memset(s->slots, 0, db->nslots * sizeof *s->slots);
	free(scratch->kept.buys);
	free(scratch->kept.days);
	free(scratch->kept.periods);
	kept_init(&scratch->kept);
	s->kept = db->opts.kept ? &scratch->kept : NULL;
	for (size_t i = 0; i < nu; i++)
		fu_facts_merge(db, s, cand[i]);
	int64_t now = fu_eventdb_now(db, tz); /* the contact's */
	for (size_t i = 0; i < nu; i++) {
		for (uint32_t k = 0; k < cand[i]->npend; k++) {
			const fu_pending *e = &cand[i]->pend[k];
			int naive = !e->offset;
			int64_t t = fu_event_time(e->t, naive, tz);
			if (e->maybe_repeat && fu_event_time(e->other_t2 >> 1, (int)(e->other_t2 & 1), tz) == t) {
				if (!cand[i]->pend_placed) { /* the earlier log's row: read once */
					db->events--;
					db->repeated++;
				}
				continue;
			}
			if (t <= now) { /* stored as logged, as every other naive event */
				apply_at(db, s, e, t, e->t, naive, 1, tz);
			} else if (!cand[i]->pend_placed) {
				/* after --now in the contact's zone: counted with the
				 * events after --now, once however often it is joined */
				db->events--;
				db->future++;
			}
		}
		cand[i]->pend_placed = 1;
	}
	if (nu > 1 && db->opts.once_across_logs)
		fu_facts_once_per_order(db, s, cand, nu, tz);
	if (refunds) { /* on the copy: the stored facts stay as logged */
		fu_facts_refund_orders(db, s, cand, nu);
		fu_facts_take_back(db, s, tz);
	}
	return s;
}

void fu_join_scratch_free(fu_join_scratch *s)
{
	free(s->facts.marks);
	free(s->facts.tickets);
	free(s->facts.refunds);
	free(s->slots);
	free(s->kept.buys);
	free(s->kept.days);
	free(s->kept.periods);
	memset(s, 0, sizeof *s);
}

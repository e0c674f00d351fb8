/* Refunds (fu(7)): a refund event takes back the purchase of its contact
 * that carries the order it names, else the one made at the same `when` as
 * logged -- all of it, or the refund's amount -- from a contact's joined
 * facts (fu_eventdb_join calls this on its scratch copy, after every log is
 * read, so the order of the logs and of their rows does not matter). */
#include "lib/evfacts.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- order references ------------------------------------------------------ */

/* a reference's characters: letters, digits and - _ / . (SO-17, 2024/17) */
static size_t ref_len(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && k < 64 && (isalnum((unsigned char)s[k]) || strchr("-_/.", s[k])))
		k++;
	while (k && strchr("-_/.", s[k - 1])) /* "order 1001." */
		k--;
	return k;
}

static uint32_t ref_hash(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n && !isdigit((unsigned char)s[i]); i++) /* a reference holds a digit */
		;
	if (i == n)
		return 0;
	char low[64];
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	uint64_t h = fu_hash64(low, n, 13);
	uint32_t v = (uint32_t)(h ^ h >> 32);
	return v ? v : 1;
}

/* words for an order, and what may stand between one and its reference */
static const char *const order_words[] = {"order", "ordernr", "orderno", "tilaus", "tilausnro",
                                          "tilausnumero", "best\xc3\xa4llning", "bestellung",
                                          "bestellnr", "ordre", "commande", "pedido", "invoice",
                                          "lasku", "faktura", NULL};
static const char *const number_words[] = {"number", "numero", "nro", "num", "no", "nr", "id", NULL};

static size_t word_at(const char *s, size_t n, const char *const *words)
{
	for (const char *const *w = words; *w; w++) {
		size_t k = strlen(*w);
		if (k <= n && strncasecmp(s, *w, k) == 0 && (k == n || !isalpha((unsigned char)s[k])))
			return k;
	}
	return 0;
}

uint32_t fu_order_ref(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '#') {
			size_t k = ref_len(s + i + 1, n - i - 1);
			uint32_t h = ref_hash(s + i + 1, k);
			if (h)
				return h;
			continue;
		}
		if (!isalpha((unsigned char)s[i]) || (i && isalnum((unsigned char)s[i - 1])))
			continue;
		size_t w = word_at(s + i, n - i, order_words);
		if (!w)
			continue;
		size_t j = i + w;
		for (int pass = 0; pass < 2; pass++) { /* "order no. #1001", "order: 1001" */
			while (j < n && strchr(" \t:.#", s[j]))
				j++;
			if (pass == 0)
				j += word_at(s + j, n - j, number_words);
		}
		uint32_t h = ref_hash(s + j, ref_len(s + j, n - j));
		if (h)
			return h;
	}
	return 0;
}

/* ---- a refund that names its order ------------------------------------------ */

static int order_cmp(const void *a, const void *b)
{
	uint64_t x = ((const fu_order_entry *)a)->key, y = ((const fu_order_entry *)b)->key;
	return x < y ? -1 : x > y;
}

static void sort_orders(fu_eventdb *db)
{
	if (!db->orders_sorted) { /* every log is read by the first join */
		qsort(db->orders, db->norders, sizeof *db->orders, order_cmp);
		db->orders_sorted = 1;
	}
}

/* the first entry of db->orders whose key is KEY or above */
static size_t order_at(const fu_eventdb *db, uint64_t key)
{
	size_t a = 0, b = db->norders;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (db->orders[m].key < key)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* The time (<< 1 | naive) of the purchase of contact F whose order is REF:
 * the latest at or before the refund's time T2 (so the purchase at the
 * refund's own when, if it carries the order), else the earliest; *FOUND 0
 * when none carries it */
static int64_t order_time(fu_eventdb *db, const fu_facts *f, uint32_t ref, int64_t t2, int *found)
{
	uint64_t key = (uint64_t)(f - db->f) << 32 | ref;
	size_t a = order_at(db, key);
	int64_t before = INT64_MIN, earliest = INT64_MAX;
	*found = 0;
	for (; a < db->norders && db->orders[a].key == key; a++) {
		int64_t t = db->orders[a].t2;
		if (t <= t2 && t > before)
			before = t;
		if (t < earliest)
			earliest = t;
		*found = 1;
	}
	return before != INT64_MIN ? before : earliest;
}

void fu_facts_refund_orders(fu_eventdb *db, fu_facts *f, fu_facts *const *from, size_t n)
{
	if (!db->norders)
		return;
	sort_orders(db);
	for (uint32_t i = 0; i < f->nrefunds; i++) {
		fu_refund *r = &f->refunds[i];
		if (!r->ref)
			continue;
		int64_t t2 = r->t * 2 + r->naive, got;
		for (size_t k = 0; k < n; k++) {
			int found;
			got = order_time(db, from[k], r->ref, t2, &found);
			if (found) {
				r->t = got >> 1; /* (floor: a time before 1970 too) */
				r->naive = (uint8_t)(got & 1);
				if (r->naive) /* (zoned: the offset its own row wrote) */
					r->offset = 0;
				break;
			}
		}
	}
}

/* amounts within half a cent are equal */
#define CENT_HALF 0.005

/* a refund of BACK (NAN: all) takes back all of a purchase of AMOUNT */
static int in_full(double back, double amount)
{
	return isnan(back) || isnan(amount) || back >= amount - CENT_HALF;
}

static long find_purchase(const fu_purchase *p, uint32_t n, const fu_refund *r)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i].t == r->t && p[i].naive == r->naive && !p[i].refunded)
			return (long)i;
	return -1;
}

/* whether a time as stored is within fu_store_opts.recent_purchases of
 * --now (as the store keeps recent purchases, with a zone's margin) */
static int recent(const fu_eventdb *db, int64_t t)
{
	int64_t span = db->opts.recent_purchases, margin = 27 * 3600;
	return span > 0 && (span > INT64_MAX / 4 || t > db->now - span - margin);
}

static void add_listed(fu_purchase_list *l, fu_purchase p)
{
	if ((l->n & (l->n - 1)) == 0)
		l->p = fu_xrealloc(l->p, (l->n ? l->n * 2 : 1) * sizeof *l->p);
	l->p[l->n++] = p;
}

/* the latest purchase left in the recent list or the kept ones, placed in
 * TZ; 0 when there is none */
static int latest_left(const fu_purchase_list *l, const fu_kept *k, const char *tz, fu_purchase *out,
                       int64_t *at)
{
	int have = 0;
	for (int pass = 0; pass < 2; pass++) {
		const fu_purchase *p = pass == 0 ? (l ? l->p : NULL) : (k ? k->buys : NULL);
		uint32_t n = pass == 0 ? (l ? l->n : 0) : (k ? k->nbuys : 0);
		for (uint32_t i = 0; i < n; i++) {
			if (p[i].refunded)
				continue;
			int64_t t = fu_event_time(p[i].t, p[i].naive, tz);
			if (!have || t >= *at) {
				*out = p[i];
				*at = t;
				have = 1;
			}
		}
	}
	return have;
}

/* Does the store keep every purchase that could be at R's time (fu-referrals
 * keeps each, fu-churn each day's; fu-schedule the recent ones)? */
static int knows_purchases_at(const fu_eventdb *db, const fu_refund *r)
{
	return db->opts.purchases || db->opts.purchase_days || recent(db, r->t);
}

/* A refund that names no order and matches no purchase at its when: logged
 * on its own day, most likely (by hand, from a payment processor), where
 * fu(7) wants the purchase's.  Named once (a contact may be joined again). */
static void warn_unmatched(fu_eventdb *db, const fu_refund *r)
{
	int added;
	fu_map_put(&db->refunds_warned, (const char *)&r->logged, sizeof r->logged, &added);
	if (!added)
		return;
	fu_warn_capped("refund matching no purchase", fu_interned(db, (uint32_t)(r->logged >> 32)),
	               (long)(uint32_t)r->logged, 0,
	               "refund matches no purchase at its when and names no order: it takes back nothing"
	               " (a refund's when is its purchase's, or its note names the purchase's order, as"
	               " \"order #1001\" in both)");
	db->warned++;
}

static void take_back_one(fu_eventdb *db, fu_facts *f, const fu_refund *r, const char *tz)
{
	fu_purchase_list *l = f->recent ? &db->recent[f->recent - 1] : NULL;
	fu_kept *k = f->kept;
	fu_slot *ps = db->purchase_slot >= 0 ? &fu_eventdb_slots(db, f)[db->purchase_slot] : NULL;
	int found = 0, all = 0;
	double amount = NAN; /* the purchase's, as the first place that has it says */
	long i;
	/* fu-schedule's recent purchases: flagged, so that its order stays */
	if (l && (i = find_purchase(l->p, l->n, r)) >= 0) {
		found = 1;
		amount = l->p[i].amount;
		all = in_full(r->amount, amount);
		if (all)
			l->p[i].refunded = 1;
		else
			l->p[i].amount -= r->amount, l->p[i].returned = r->item;
	}
	/* every purchase (fu-referrals) */
	if (k && (i = find_purchase(k->buys, k->nbuys, r)) >= 0) {
		if (!found) {
			amount = k->buys[i].amount;
			all = in_full(r->amount, amount);
		}
		found = 1;
		if (all) {
			memmove(k->buys + i, k->buys + i + 1, (k->nbuys - (size_t)i - 1) * sizeof *k->buys);
			k->nbuys--;
		} else {
			k->buys[i].amount -= r->amount;
		}
	}
	/* the latest purchase */
	if (ps && ps->set && ps->t == r->t && ps->naive == r->naive) {
		if (!found) {
			amount = ps->value;
			all = in_full(r->amount, amount);
		}
		found = 1;
		if (all)
			ps->set = 0; /* the latest one left takes it, below */
		else
			ps->value -= (float)r->amount, ps->returned = r->item;
	}
	/* purchase days (fu-churn): the day's spend less the purchase's (a
	 * purchase logged with an offset is kept by its quarter-hour) */
	if (k && k->ndays) {
		fu_purchase_day key = fu_purchase_day_of(r->t, r->naive);
		uint32_t d;
		for (d = 0; d < k->ndays && (k->days[d].day != key.day || k->days[d].zoned != key.zoned); d++)
			;
		if (d < k->ndays) {
			fu_purchase_day *pd = &k->days[d];
			double minus;
			if (found) {
				minus = all ? amount : r->amount;
			} else { /* only the day is known: the refund's amount, or the day's */
				all = in_full(r->amount, pd->amount);
				amount = minus = isnan(r->amount) ? pd->amount : r->amount;
			}
			found = 1;
			if (isnan(minus) || isnan(pd->amount) || pd->amount - minus < CENT_HALF) {
				memmove(pd, pd + 1, (k->ndays - d - 1) * sizeof *pd);
				k->ndays--;
			} else {
				pd->amount -= minus;
			}
		}
	}
	if (!found) {
		if (!r->ref && knows_purchases_at(db, r))
			warn_unmatched(db, r);
		/* the purchase is in no log (an orders export that leaves out a
		 * refunded order): fu-schedule still groups its day's orders with
		 * it, so that their task ids stay */
		if (l && recent(db, r->t))
			add_listed(l, (fu_purchase){.t = r->t, .amount = NAN, .naive = r->naive, .refunded = 1,
			                            .offset = r->offset});
		return;
	}
	if (!all) {
		f->spent -= r->amount;
		return;
	}
	if (f->count[FU_EV_PURCHASE] > 0)
		f->count[FU_EV_PURCHASE]--;
	if (!isnan(amount))
		f->spent -= amount;
	fu_purchase left = {0};
	int64_t at = 0;
	int have = latest_left(l, k, tz, &left, &at);
	if (ps && !ps->set && have)
		*ps = (fu_slot){.t = left.t, .value = (float)left.amount, .item = left.item, .naive = left.naive,
		                .set = 1, .offset = left.offset};
	/* the first and latest purchase times: as logged, or placed in the
	 * zone for an event the join placed (as the store keeps them) */
	int64_t placed = fu_event_time(r->t, r->naive, tz);
	if (f->last_purchase == r->t || f->last_purchase == placed)
		f->last_purchase = have ? left.t : f->count[FU_EV_PURCHASE] ? f->last_purchase : INT64_MIN;
	if (k && (k->first_purchase == r->t || k->first_purchase == placed)) {
		if (!f->count[FU_EV_PURCHASE])
			k->first_purchase = INT64_MIN;
		for (uint32_t b = 0; b < k->nbuys; b++)
			if (b == 0 || k->buys[b].t < k->first_purchase)
				k->first_purchase = k->buys[b].t;
		/* fu-churn keeps purchase days, not purchases: the first purchase
		 * left is the start of the earliest day (quarter-hour) left, so that a
		 * refunded first purchase no longer makes a referral converted (as in
		 * fu-referrals) */
		for (uint32_t d = 0; !k->nbuys && f->count[FU_EV_PURCHASE] && d < k->ndays; d++) {
			int64_t start = (int64_t)k->days[d].day * (k->days[d].zoned ? 900 : 86400);
			if (d == 0 || start < k->first_purchase)
				k->first_purchase = start;
		}
	}
}

void fu_facts_take_back(fu_eventdb *db, fu_facts *f, const char *tz)
{
	/* a refund logged twice (an export imported twice, or a total refunded
	 * in parts, each export giving the sum so far) takes back once: the
	 * largest amount, or all of it */
	for (uint32_t i = 0; i < f->nrefunds; i++) {
		fu_refund r = f->refunds[i];
		uint32_t j;
		for (j = 0; j < i && (f->refunds[j].t != r.t || f->refunds[j].naive != r.naive); j++)
			;
		if (j < i)
			continue;
		for (j = i + 1; j < f->nrefunds; j++)
			if (f->refunds[j].t == r.t && f->refunds[j].naive == r.naive &&
			    !isnan(r.amount) && (isnan(f->refunds[j].amount) || f->refunds[j].amount > r.amount)) {
				r.amount = f->refunds[j].amount;
				r.item = f->refunds[j].item; /* (the later export's, of the sum so far) */
			}
		take_back_one(db, f, &r, tz);
	}
}

/* ---- one order under two keys ------------------------------------------------ */

/* the purchase at T (as stored, NAIVE) of AMOUNT among P's N: its index, or -1 */
static long find_copy(const fu_purchase *p, uint32_t n, int64_t t, int naive, double amount)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i].t == t && p[i].naive == naive && !p[i].refunded &&
		    (isnan(amount) ? isnan(p[i].amount) : fabs(p[i].amount - amount) < CENT_HALF))
			return (long)i;
	return -1;
}

static long find_copy_last(const fu_purchase *p, uint32_t n, int64_t t, int naive, double amount)
{
	for (uint32_t i = n; i-- > 0;)
		if (p[i].t == t && p[i].naive == naive && !p[i].refunded &&
		    (isnan(amount) ? isnan(p[i].amount) : fabs(p[i].amount - amount) < CENT_HALF))
			return (long)i;
	return -1;
}

/* Take copy D of an order out of F, whose copy K stays: as if D had not
 * been logged.  Its instant is K's (one order), so what is timed by the
 * purchase (the latest, the first) moves to K. */
static void drop_copy(fu_eventdb *db, fu_facts *f, const fu_order_entry *d, const fu_order_entry *k)
{
	int64_t t = d->t2 >> 1, kt = k->t2 >> 1; /* (floor: a time before 1970 too) */
	int naive = (int)(d->t2 & 1), knaive = (int)(k->t2 & 1);
	double amount = d->amount;
	long i;
	fu_purchase gone = {.t = INT64_MIN}, *kept = NULL;
	if (f->recent) { /* fu-schedule's recent purchases */
		fu_purchase_list *l = &db->recent[f->recent - 1];
		/* the list holds the keys' purchases in the order of their facts,
		 * D's after K's: the last that fits is D (the first, at the same
		 * instant and amount, is K, whose line items the order keeps) */
		if ((i = find_copy_last(l->p, l->n, t, naive, amount)) >= 0) {
			gone = l->p[i];
			memmove(l->p + i, l->p + i + 1, (l->n - (size_t)i - 1) * sizeof *l->p);
			l->n--;
		}
		if ((i = find_copy(l->p, l->n, kt, knaive, k->amount)) >= 0)
			kept = &l->p[i];
	}
	fu_kept *kp = f->kept;
	if (kp && (i = find_copy(kp->buys, kp->nbuys, t, naive, amount)) >= 0) { /* fu-referrals' */
		memmove(kp->buys + i, kp->buys + i + 1, (kp->nbuys - (size_t)i - 1) * sizeof *kp->buys);
		kp->nbuys--;
	}
	if (kp && kp->ndays && !isnan(amount)) { /* fu-churn's purchase days */
		fu_purchase_day key = fu_purchase_day_of(t, naive);
		for (uint32_t x = 0; x < kp->ndays; x++) {
			fu_purchase_day *pd = &kp->days[x];
			if (pd->day != key.day || pd->zoned != key.zoned)
				continue;
			if (!isnan(pd->amount) && pd->amount - amount < CENT_HALF) {
				memmove(pd, pd + 1, (kp->ndays - x - 1) * sizeof *pd);
				kp->ndays--;
			} else if (!isnan(pd->amount)) {
				pd->amount -= amount;
			}
			break;
		}
	}
	if (kp && kp->periods && db->opts.period > 0 && t <= db->now) {
		if (t > db->now - db->opts.period && kp->periods->recent[FU_EV_PURCHASE])
			kp->periods->recent[FU_EV_PURCHASE]--;
		else if (t > db->now - 2 * db->opts.period && t <= db->now - db->opts.period &&
		         kp->periods->before[FU_EV_PURCHASE])
			kp->periods->before[FU_EV_PURCHASE]--;
	}
	if (db->purchase_slot >= 0) {
		fu_slot *ps = &fu_eventdb_slots(db, f)[db->purchase_slot];
		if (ps->set && ps->t == t && ps->naive == naive) {
			/* the latest purchase was D: it is K, with K's line items,
			 * or the order would name D's beside them ("Mug, Mug (blue)") */
			int is_k = kept && gone.t == t && gone.item == ps->item;
			if (is_k) {
				ps->item = kept->item;
				ps->value = (float)kept->amount;
				ps->returned = kept->returned;
				ps->offset = kept->offset;
			}
			ps->t = kt;
			/* else the offset stays: one order, written the same way under
			 * both keys (a copy naive under one of them: its wall clock
			 * is not known here, the instant stands for it) */
			if (!is_k && (knaive || naive))
				ps->offset = 0;
			ps->naive = (uint8_t)knaive;
		}
	}
	if (f->count[FU_EV_PURCHASE] > 0)
		f->count[FU_EV_PURCHASE]--;
	if (!isnan(amount))
		f->spent -= amount;
	if (f->last_purchase == t)
		f->last_purchase = kt;
	if (kp && kp->first_purchase == t)
		kp->first_purchase = kt;
}

void fu_facts_once_per_order(fu_eventdb *db, fu_facts *f, fu_facts *const *from, size_t n, const char *tz)
{
	(void)tz;
	if (!db->norders || n < 2)
		return;
	sort_orders(db);
	for (size_t j = 1; j < n; j++) {
		uint64_t mine = (uint64_t)(from[j] - db->f);
		for (size_t a = order_at(db, mine << 32); a < db->norders && db->orders[a].key >> 32 == mine; a++) {
			uint32_t ref = (uint32_t)db->orders[a].key;
			for (size_t i = 0; i < j; i++) {
				uint64_t key = (uint64_t)(from[i] - db->f) << 32 | ref;
				size_t b = order_at(db, key);
				if (b == db->norders || db->orders[b].key != key)
					continue;
				drop_copy(db, f, &db->orders[a], &db->orders[b]);
				int added;
				fu_map_put(&db->orders_repeated, (const char *)&a, sizeof a, &added);
				if (added) { /* a row read, now known to be one read before */
					db->events--;
					db->repeated++;
				}
				break;
			}
		}
	}
}

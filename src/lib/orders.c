/* The rules of order exports (orders.h).
 *
 * Order names are remembered across the run's files (overlapping exports of
 * one shop) as 64-bit hashes, 8 bytes an order, with the low bit set for an
 * order that is not a purchase. */
#include "orders.h"

#include <stdlib.h>
#include <string.h>

struct fu_orders {
	size_t ncols, item_col;
	fu_buf *held, *out; /* the order held back; the one handed out */
	int state;          /* 0 nothing held, 1 a purchase held, 2 a skipped order current */
	fu_buf name;        /* the current order's name */
	uint64_t first_row; /* a hash of the current order's first row as read */
	fu_buf skip_reason; /* why the current order is skipped */
	uint64_t *seen;     /* open addressing; 0 = empty */
	size_t seencap, seenused;
};

fu_orders *fu_orders_new(size_t ncols)
{
	fu_orders *o = fu_xcalloc(1, sizeof *o);
	o->ncols = ncols;
	o->held = fu_xcalloc(ncols, sizeof *o->held);
	o->out = fu_xcalloc(ncols, sizeof *o->out);
	return o;
}

void fu_orders_free(fu_orders *o)
{
	if (!o)
		return;
	for (size_t c = 0; c < o->ncols; c++) {
		fu_buf_free(&o->held[c]);
		fu_buf_free(&o->out[c]);
	}
	free(o->held);
	free(o->out);
	fu_buf_free(&o->name);
	fu_buf_free(&o->skip_reason);
	free(o->seen);
	free(o);
}

int fu_orders_not_purchase(const char *status)
{
	static const char *const no[] = {
		"refunded", "voided", "expired", "cancelled", "canceled", "failed", "pending",
		"on-hold", "on hold", "on_hold", "draft", "checkout-draft", "trash", "abandoned",
		"wc-refunded", "wc-cancelled", "wc-failed", "wc-pending", "wc-on-hold",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(status, no[i]) == 0)
			return 1;
	/* a label whose words say it: WooCommerce's "Pending payment", "Checkout
	 * draft", "On hold"; "partially refunded" is still a purchase */
	static const char *const words[] = {"refunded", "voided", "expired", "cancelled", "canceled",
	                                    "failed", "pending", "hold", "draft", "trash",
	                                    "abandoned", "unpaid"};
	if (strncmp(status, "partially", 9) == 0)
		return 0;
	for (const char *w = status; *w;) {
		size_t len = strcspn(w, " -_");
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (len == strlen(words[i]) && strncmp(w, words[i], len) == 0)
				return 1;
		w += len;
		w += strspn(w, " -_");
	}
	return 0;
}

static uint64_t name_hash(const char *name)
{
	uint64_t h = fu_hash64(name, strlen(name), 0x6f72646572) & ~(uint64_t)1;
	return h ? h : 2;
}

/* 0 not seen, 1 a purchase, 2 not a purchase */
static int seen(const fu_orders *o, const char *name)
{
	if (!o->seencap || !name[0])
		return 0;
	uint64_t h = name_hash(name);
	for (size_t j = (size_t)h & (o->seencap - 1); o->seen[j]; j = (j + 1) & (o->seencap - 1))
		if ((o->seen[j] & ~(uint64_t)1) == h)
			return 1 + (int)(o->seen[j] & 1);
	return 0;
}

static void remember(fu_orders *o, const char *name, int state)
{
	if (!name[0] || seen(o, name))
		return;
	if ((o->seenused + 1) * 4 > o->seencap * 3) {
		size_t cap = o->seencap ? o->seencap * 2 : 1024;
		uint64_t *t = fu_xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < o->seencap; i++) {
			if (!o->seen[i])
				continue;
			size_t j = (size_t)o->seen[i] & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = o->seen[i];
		}
		free(o->seen);
		o->seen = t;
		o->seencap = cap;
	}
	uint64_t h = name_hash(name);
	size_t j = (size_t)h & (o->seencap - 1);
	while (o->seen[j])
		j = (j + 1) & (o->seencap - 1);
	o->seen[j] = h | (uint64_t)(state == 2);
	o->seenused++;
}

static fu_buf *hand_out(fu_orders *o)
{
	fu_buf *t = o->out;
	o->out = o->held;
	o->held = t;
	return o->out;
}

enum fu_order_row fu_orders_classify(fu_orders *o, const char *name, const char *status,
                                     const char *cancelled, const char *item, const char *raw,
                                     size_t rawlen, fu_buf *reason, fu_buf **write_first)
{
	fu_buf_clear(reason);
	*write_first = NULL;
	uint64_t rowhash = fu_hash64(raw, rawlen, 0);
	if (name[0] && o->state && rowhash == o->first_row && strcmp(o->name.data, name) == 0) {
		fu_buf_printf(reason, "order %s again, the same row: not a second purchase", name);
		return o->state == 1 ? FU_ORDER_AGAIN : FU_ORDER_ITEM_SKIP;
	}
	/* the rows after an order's first are its further line items: without a
	 * status (Shopify), or repeating the order's fields (WooCommerce) */
	if (name[0] && o->state && strcmp(o->name.data, name) == 0) {
		if (o->state == 2) {
			fu_buf_adds(reason, o->skip_reason.data);
			return FU_ORDER_ITEM_SKIP;
		}
		if (item[0]) {
			fu_buf *it = &o->held[o->item_col];
			if (it->len)
				fu_buf_adds(it, "; ");
			fu_buf_adds(it, item);
		}
		return FU_ORDER_ITEM;
	}
	if (!status[0] && name[0]) {
		int s = seen(o, name);
		if (s == 1) {
			fu_buf_printf(reason, "a line item of order %s, not right after the order: "
			              "counted as merged, its item not added", name);
			return FU_ORDER_ITEM_LATE;
		}
		if (s == 2) {
			fu_buf_printf(reason, "a line item of order %s, which is not a purchase", name);
			return FU_ORDER_ITEM_SKIP;
		}
	}
	/* the order's own row: the one held before is complete */
	if (o->state == 1)
		*write_first = hand_out(o);
	o->state = 0;
	o->first_row = rowhash;
	fu_buf_clear(&o->name);
	fu_buf_adds(&o->name, name);
	int before = seen(o, name);
	if (before == 1) {
		/* the order again: an export that overlaps an earlier one */
		fu_buf_printf(reason, "order %s again (read before): not a second purchase", name);
		return FU_ORDER_AGAIN;
	}
	char low[32];
	size_t k = 0;
	for (; status[k] && k < sizeof low - 1; k++)
		low[k] = (char)(status[k] >= 'A' && status[k] <= 'Z' ? status[k] + 32 : status[k]);
	low[k] = '\0';
	int undone = fu_orders_not_purchase(low);
	if (undone || cancelled[0] || before == 2) {
		fu_buf_clear(&o->skip_reason);
		fu_buf_printf(&o->skip_reason, "order %s is %s: not a purchase", name[0] ? name : "?",
		              /* refunded and voided say most; then cancelled */
		              undone && (strcmp(low, "refunded") == 0 || strcmp(low, "voided") == 0) ? low
		              : cancelled[0] ? "cancelled" : undone ? low : "not a purchase (read before)");
		fu_buf_adds(reason, o->skip_reason.data);
		remember(o, name, 2);
		o->state = 2;
		return FU_ORDER_SKIP;
	}
	return FU_ORDER_NEW;
}

void fu_orders_hold(fu_orders *o, const fu_buf *vals, size_t item_col)
{
	for (size_t c = 0; c < o->ncols; c++) {
		fu_buf_clear(&o->held[c]);
		fu_buf_add(&o->held[c], vals[c].data ? vals[c].data : "", vals[c].len);
	}
	o->item_col = item_col;
	o->state = 1;
	remember(o, o->name.data ? o->name.data : "", 1);
}

fu_buf *fu_orders_release(fu_orders *o)
{
	fu_buf *prev = o->state == 1 ? hand_out(o) : NULL;
	o->state = 0;
	return prev;
}

void fu_orders_skip(fu_orders *o, const char *why)
{
	fu_buf_clear(&o->skip_reason);
	fu_buf_adds(&o->skip_reason, why);
	remember(o, o->name.data ? o->name.data : "", 2);
	o->state = 2;
}

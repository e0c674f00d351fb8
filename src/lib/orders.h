/* orders.h — the rules of order exports (Shopify, WooCommerce): one row per
 * line item, the order's own fields on its first row only.  Each order that
 * is a purchase becomes one purchase event, held back while its further line
 * items come; orders that are not purchases (refunded, voided, expired,
 * cancelled, failed, awaiting payment), and those whose status is not known,
 * are skipped with their line items; an
 * order met again (overlapping exports) is not a second purchase. */
#ifndef FU_ORDERS_H
#define FU_ORDERS_H

#include "fu.h"

typedef struct fu_orders fu_orders;

enum fu_order_row {
	FU_ORDER_NEW,       /* an order that is a purchase: normalise it, then fu_orders_hold */
	FU_ORDER_SKIP,      /* an order that is not a purchase: skip it (reason given) */
	FU_ORDER_ITEM,      /* a further line item of the held order: appended to its item */
	FU_ORDER_ITEM_LATE, /* a line item of a purchase already written: counted as merged */
	FU_ORDER_ITEM_SKIP, /* a line item of an order that is not a purchase (reason given) */
	FU_ORDER_AGAIN,     /* an order already read (reason given): counted as merged */
	FU_ORDER_ITEM_AGAIN, /* a further line item of the order just met again (reason
	                        given): counted as merged */
	FU_ORDER_REFUND,    /* an order refunded, voided or cancelled (reason given): written as
	                       a refund event of the order's time (fu(7)), which takes back its
	                       purchase if an earlier import logged one; then fu_orders_hold */
	FU_ORDER_UNKNOWN,   /* an order whose status is not known: skipped like FU_ORDER_SKIP,
	                       but the input had an error (reason given) */
};

enum fu_order_status { FU_STATUS_PURCHASE, FU_STATUS_NOT_PURCHASE, FU_STATUS_UNKNOWN };

fu_orders *fu_orders_new(size_t ncols);
void fu_orders_free(fu_orders *o);
/* Classify a row by its order NAME and BUYER (its e-mail, phone or customer
 * id as written, lower-cased: an order is known by both, so that two shops'
 * #1001 are two orders; "" when the row names none), WHEN (its time as
 * written: an order of the name and time read before under another buyer is
 * that one, its e-mail corrected since; "" none), financial or order STATUS and
 * CANCELLED (cancelled-at: not empty = cancelled), all trimmed.  ITEM is its
 * line item name (appended to the held order for FU_ORDER_ITEM); RAW its
 * text as read (the same row twice is one row).  REASON
 * receives why a row is skipped or merged.  *WRITE_FIRST is the purchase held
 * until now, complete, to be written before anything else (or NULL); valid
 * until the next call. */
enum fu_order_row fu_orders_classify(fu_orders *o, const char *name, const char *buyer,
                                     const char *when, const char *status, const char *cancelled,
                                     const char *item, const char *raw, size_t rawlen,
                                     fu_buf *reason, fu_buf **write_first);
/* Append to B how an order is named in a message: "order NAME", else (an
 * export with no order number) by its WHEN and ITEM, "the order of
 * 2026-03-05 (Tea)" */
void fu_orders_label(fu_buf *b, const char *name, const char *when, const char *item);
/* Was the order last classified FU_ORDER_AGAIN read before under another
 * buyer (its e-mail corrected since: worth a note of its own)? */
int fu_orders_again_other_buyer(const fu_orders *o);
/* The name of the order the last rows were of (held or skipped), or NULL:
 * a row with no order fields at all (Odoo's further order lines) is its. */
const char *fu_orders_current(const fu_orders *o);
/* Hold the normalised purchase VALS (ncols values, copied) of the order just
 * classified FU_ORDER_NEW; ITEM_COL is the column its further line items are
 * appended to. */
void fu_orders_hold(fu_orders *o, const fu_buf *vals, size_t item_col);
/* Column COL of the purchase held (to add a further line's amount to it),
 * or NULL when none is held. */
fu_buf *fu_orders_held_col(fu_orders *o, size_t col);
/* The order held, to be written now (end of a file, a bad row between), or
 * NULL.  Valid until the next call. */
fu_buf *fu_orders_release(fu_orders *o);
/* The order just classified FU_ORDER_NEW is skipped after all, for WHY (it
 * has no customer; its row is bad): so are its further line items. */
void fu_orders_skip(fu_orders *o, const char *why);
/* Is an order of STATUS (trimmed, any case; empty: yes) a purchase, by
 * --order-status and then the built-in words? */
int fu_orders_is_purchase(const fu_orders *o, const char *status);
/* What a status label (lower-case) says of an order, by its words. */
enum fu_order_status fu_orders_status_kind(const char *status);
/* Does a status label (lower-case) say the order was cancelled (or failed)
 * and nothing of money going back to the buyer (refunded, returned, a
 * chargeback; nor voided, an authorisation let go, which an export may have
 * shown a purchase before)? */
int fu_orders_status_cancelled(const char *status);
/* Does a status label (lower-case) say money went back to the buyer
 * (refunded, returned, a chargeback, in any part)? */
int fu_orders_status_money_back(const char *status);
/* Was order NAME of BUYER read as a purchase before, in this run? */
int fu_orders_read_as_purchase(const fu_orders *o, const char *name, const char *buyer);
/* Read status LABEL (whole, any case) as a purchase or not (--order-status),
 * before the built-in words.  -1 for an empty label. */
int fu_orders_set_status(fu_orders *o, const char *label, int purchase);
/* The same for an export's own status LABEL, unless --order-status named it */
void fu_orders_default_status(fu_orders *o, const char *label, int purchase);
/* Read a status the words do not know as no purchase, told as "is STATUS"
 * (a deals export's stage: only a won deal is a sale, the others are
 * open ones, "Negotiation/Review", "Contract sent"). */
void fu_orders_unknown_not_purchase(fu_orders *o);

#endif

/* paypal.h — PayPal's activity download (PayPal > Activity > Download, the
 * "Date","Time","TimeZone","Name","Type","Status","Currency","Gross",...,
 * "From Email Address","To Email Address","Transaction ID",...,"Reference
 * Txn ID" CSV, in English, German, French or Dutch), read as events: every
 * row is a movement of the shop's PayPal balance, and only some of them are
 * a customer's payment (a purchase of the payer) or a refund to one.  The
 * rest (conversions, withdrawals, fees, holds, payments the shop sent,
 * pending and denied ones) are the shop's own money, skipped with a reason.
 * The import engine (import.c) maps the columns and writes the events; this
 * module knows the export: its headers, its types and statuses, its zones. */
#ifndef FU_PAYPAL_H
#define FU_PAYPAL_H

#include "fu.h"

/* The columns of an activity download: a source column index, or -1. */
typedef struct {
	long date, time, zone, name, type, status, currency, gross, from, to, txn, ref, item,
		subject, impact;
} fu_paypal_cols;

/* Is header H PayPal's activity download (a transaction id, the gross, the
 * payer's e-mail, a date and the type or a reference transaction)?  1 and
 * its columns in *C, else 0. */
int fu_paypal_columns(const fu_header *h, fu_paypal_cols *c);

enum fu_paypal_row {
	FU_PAYPAL_PAYMENT, /* a customer's payment to the shop: a purchase of the payer */
	FU_PAYPAL_REFUND,  /* the shop's refund (or a reversal, a chargeback) of a payment:
	                      a refund of the payee, naming the payment by the reference */
	FU_PAYPAL_PENDING, /* a payment not completed yet: no purchase until it is */
	FU_PAYPAL_FAILED,  /* denied, failed, cancelled, expired: no money moved */
	FU_PAYPAL_MEMO,    /* moved no money (Balance Impact Memo: an authorisation, a hold,
	                      a cart's line item) */
	FU_PAYPAL_OWN,     /* the shop's own money: conversions, withdrawals, deposits,
	                      fees, holds, payments the shop sent, refunds it received */
	FU_PAYPAL_UNKNOWN, /* a type or a status this module does not know */
};
enum { FU_PAYPAL_NKINDS = FU_PAYPAL_UNKNOWN + 1 };

/* Classify a row by its TYPE, STATUS and Balance Impact IMPACT (trimmed, as
 * written; "" when the export has no such column) and the sign of its
 * gross amount GROSS_SIGN (-1, 0, 1).  REASON (cleared first) says why a
 * row that is not a payment or a refund is skipped. */
enum fu_paypal_row fu_paypal_classify(const char *type, const char *status, const char *impact,
                                      int gross_sign, fu_buf *reason);

/* Is the zone cell ZONE (PayPal's TimeZone: PST, CEST, GMT+02:00,
 * Europe/Berlin) North American?  Its account then writes its a/b/yyyy
 * dates month first. */
int fu_paypal_zone_american(const char *zone, size_t n);

/* Write the wall-clock date-time WHEN (YYYY-MM-DDTHH:MM[:SS], no offset) in
 * PayPal's zone cell ZONE with its offset (2026-03-02T14:22:05+02:00): a
 * zone's abbreviation names its offset, standard or summer time (PST
 * -08:00, PDT -07:00, CET +01:00, CEST +02:00); an offset (+0100, GMT+02:00)
 * is itself; a tz database name (Europe/Helsinki) gives the offset of that
 * day and time.  0 (WHEN rewritten), or -1 with *WHY when the zone is none
 * of these (WHEN left alone). */
int fu_paypal_when(fu_buf *when, const char *zone, size_t n, const char **why);

/* A short name of a row kind, for the summary ("pending", "the shop's own") */
const char *fu_paypal_kind_name(enum fu_paypal_row k);

#endif

/* headermap.h — the built-in table that maps the headers of foreign exports
 * (HubSpot, Pipedrive, Mailchimp, MiniCRM, Shopify orders, hand-made lists in
 * English, Finnish and Swedish) to fu's canonical columns. */
#ifndef FU_HEADERMAP_H
#define FU_HEADERMAP_H

#include "fu.h"

enum hm_kind { HM_CONTACTS = 1, HM_EVENTS = 2 };
enum { HM_ALT = 4 };

/* Targets: the canonical columns of both kinds, then helper inputs (a full
 * name to split; Shopify's order fields). */
enum hm_target {
	T_ID, T_FIRST, T_LAST, T_EMAIL, T_PHONE, T_COMPANY, T_OWNER, T_STAGE, T_SEGMENT,
	T_LANG, T_FORMAL, T_TZ, T_CREATED, T_UNSUB, T_ALIASES, /* the contacts columns, in output order */
	T_NAME, T_OPTOUT, T_OPTIN, T_CONSENT, /* a name to split; consent flags and words */
	T_CONTACT_ID, T_WHEN, T_TYPE, T_VALUE, T_ITEM, T_NOTE, /* the events columns */
	T_FINSTATUS, T_CANCELLED, T_ORDER,
	T_COUNTRY, /* the row's country: how its national phone numbers are read */
	T_PERSON, T_BUSINESS_ID, /* a contact person of a customer that is a company,
	                            and the company's business id (Y-tunnus ...) */
	T_REFUNDED, /* an order's or a payment's amount refunded (Stripe, Shopify) */
	T_CUSTOMER, /* a payment processor's or shop platform's own customer id (Stripe's
	               cus_..., Paddle's ctm_..., a WordPress user id): not a CRM id, so an
	               event's key only when it has no e-mail or phone */
	T_PAID,     /* when an order was paid (Shopify's Paid at, WooCommerce's date_paid):
	               a purchase happens then */
	T_LEAD_STATUS, /* a lead's sales state (HubSpot's Lead Status): an unqualified
	                  one gets no lead plan */
	T_REGION,   /* the row's state or province: the zone of a country of several */
	T_CURRENCY, /* the currency of an event's amount */
	T_CONSENT_AT, /* when the consent (or opt-out) was given (Klaviyo's Email
	                 Marketing Consent Timestamp): the unsubscribed time of a
	                 row whose consent says opted out */
	T_NOCALL,     /* a do-not-call flag (Salesforce's DoNotCall, "Älä soita"): the
	                 contact may not be phoned or texted (do_not_call) */
	T_TICKET,     /* a helpdesk ticket's id (Freshdesk's Ticket ID): a tickets export */
	T_CLOSED_AT,  /* when a ticket was solved, resolved or closed */
	T_TICKET_HINT, /* a column only tickets have: Priority, Requester */
	T_SCORE,      /* a survey's score (NPS: 0-10): a survey export, each row feedback */
	T_REFERRER,   /* a referral app's referrer (ReferralCandy's Advocate Email) */
	T_REFERRED,   /* and the friend referred (Friend Email): a referrals export,
	                 each row a referral event */
	T_CLOCK,      /* an event's clock time in a column of its own beside its date
	                 (Wix's and Square's "Time"): joined to when */
	T_QTY,        /* a sales line's quantity: a negative one is a return */
	T_UNIT_PRICE, /* a sales line's price of one unit ("Price", "Unit price"):
	                 the value (times the quantity) when no column is the amount */
	T_PARTY,      /* what a contact is to the shop (Zoho Books' Contact Type
	                 customer/vendor, Dynamics' Relationship Type): a supplier,
	                 a vendor, a partner is no customer, skipped */
	T_UNSUB_REASON, /* why a contact unsubscribed (Mailchimp's UNSUB_REASON,
	                   "Unsubscribe Reason"): a filled one is an opt-out */
	T_SUPPRESSION, /* an e-mail tool's suppression of the address (Klaviyo's
	                  Email Suppressions, Suppression Reason; HubSpot's Email
	                  hard bounce reason): a filled one ends marketing mail,
	                  whatever the consent columns say */
	T_BOUNCE,      /* a bounce's kind (Bounce Type, Bounce Status): hard is an
	                  opt-out, soft is not */
	T_SMS_OPTOUT,  /* consent to text messages alone (sms_unsubscribed): an
	                  opt-out flag (Brevo's SMS_BLACKLISTED), */
	T_SMS_OPTIN,   /* an opt-in flag (Shopify's Accepts SMS Marketing), */
	T_SMS_CONSENT, /* a status word (Klaviyo's SMS Consent, Wix's SMS
	                  subscriber status) */
	T_COUNT
};

extern const char *const hm_target_name[T_COUNT];
/* which kinds a target belongs to (HM_CONTACTS|HM_EVENTS bits) */
int hm_target_kinds(int t);
/* target by name ("email", "first_name" ...) or -1 */
int hm_target_find(const char *name);

typedef struct {
	long src[T_COUNT];          /* source column index, or -1 */
	long alt[T_COUNT][HM_ALT];  /* weaker matches, used where src is empty; -1 */
	const char *why[T_COUNT];   /* which export / list the pattern comes from */
	int user[T_COUNT];          /* set by --map */
	int multi[T_COUNT];         /* the source holds several values in one cell
	                               (Google Contacts' " ::: "): kept whole too */
	int shopify;                /* the header is an orders export (Shopify,
	                               WooCommerce): one row per line item */
	int order_named;            /* the order column is named as one ("Order
	                               Number", "Invoice"), not "Name" or "id" */
	int value_per_line;         /* the value is a line's amount ("Line Total" of a
	                               line-item export): an order's is its lines' sum */
	long vcard_n;               /* the column of a vCard's structured name N
	                               ("Last;First;Middle;Prefix;Suffix"), or -1 */
} hm_map;

/* Is the map a helpdesk's tickets export (Zendesk, Freshdesk: a ticket id,
 * or a requester or priority with a solved time): each row a ticket opened,
 * and closed when its status says so?  Never then an orders export. */
int hm_tickets_export(const hm_map *m);
/* Is the map a survey's export (an NPS score, a date, no type): each row
 * feedback? */
int hm_survey_export(const hm_map *m);
/* Is the map a referral program's export (a referrer and a friend, no event
 * type): each row a referral event? */
int hm_referrals_export(const hm_map *m);

/* Is the map an orders or payments export (one row an order, a status
 * saying whether it is a purchase)?  Shopify's and WooCommerce's orders
 * (status, order, line item) and Stripe's payments (status, amount, date;
 * no event type). */
int hm_orders_export(const hm_map *m);
/* Does header H name a customer's totals (Stripe's customers export: "Total
 * Spend", "Payment Count", "Delinquent"; Shopify's: "Total Spent", "Total
 * Orders")?  Each row is then a customer, not an order. */
int hm_customer_totals(const fu_header *h);
/* Map header H for KIND by the built-in table. */
void hm_build(const fu_header *h, int kind, hm_map *m);
/* What a header says about its column's values, whatever column it maps to:
 * HM_UTC its times are UTC ("Created (UTC)", Mailchimp's OPTIN_TIME);
 * HM_INTL its phone numbers are international without the + (Brevo's SMS,
 * an MSISDN); HM_WEAK its consent words count only when they are clear
 * opt-out words (a list's "Status": other words are a CRM's own, not consent);
 * HM_GUESS a consent column known by its words, not by the table (a value
 * not understood there is told once and not read); HM_MDY its a/b/yy dates
 * are month first when no value decides (the export always writes them so:
 * Etsy's "Sale Date"); HM_DETAILS its cells list products as BigCommerce's
 * "Product Details" does ("Product ID: 77, Product Qty: 1, Product Name:
 * Teapot, ...|Product ID: ..."). */
/* HM_LIST: an e-mail tool's subscriber state (Kit's subscriber_state), a
 * list status where "cancelled" is an unsubscribe too. */
/* HM_ALONE_FULL: a first-name header that is the word "name" itself
 * (Spanish "Nombre", Italian "Nome"): the whole name when no last-name
 * column is beside it.
 * HM_NAMES: a name column only when its values are people's or companies'
 * names (QuickBooks' "Customer", which another list fills with ids or
 * yes and no). */
enum { HM_UTC = 1, HM_INTL = 2, HM_WEAK = 4, HM_GUESS = 8, HM_MDY = 16, HM_LIST = 32,
       HM_DETAILS = 128, HM_NAMES = 256,
       HM_ALONE_FULL = 512 };
int hm_column_flags(const char *header, int kind);
/* Does a header sound like consent (its words name opting in or out,
 * unsubscribing, consent, marketing, a newsletter, GDPR, "do not" ...), so
 * that a column left unread under it is worth a note?  Not one about
 * another channel (SMS, calls, post), a count, source or topic of it, nor
 * a consent's date (an opt-out's is). */
int hm_consent_header(const char *header);
/* How many of the cells of H name a column the table knows (of either
 * kind): a header row has some, a title above it or a data row none. */
size_t hm_known_cells(const fu_header *h);
/* Does a contacts header name the contact's referrer ("Referred by",
 * "Referrer Email", "Referral (email)", "suosittelija", "värvad av", fu's
 * own referred_by)?  fu-import writes such a column as referred_by, the
 * column fu-referrals reads its claims from. */
int hm_referrer_header(const char *header);
/* Does a contacts header hold the contact's own code in a referral program
 * (Viral Loops' referralCode), which a referrer column beside it may name
 * the referrer by?  fu-import writes it as referral_code. */
int hm_referral_code_header(const char *header);
/* A short name for the matched pattern's origin, for --explain. */
const char *hm_profile(const fu_header *h);

#endif

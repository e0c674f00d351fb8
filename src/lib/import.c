/* fu-import's engine (import.h).
 *
 * Each input is opened through dialect_open (which hands the CSV reader
 * UTF-8), its header mapped with the pattern table (headermap.c) and --map,
 * the order of each date column decided from its values, and every record
 * normalised (norm.c).  A record ends up in exactly one place: the output,
 * merged into another (merge.c, orders.c), or the reject report.  Problems
 * with a row that is kept anyway are warnings, capped per kind on standard
 * error and listed in full in the reject report. */
#include "import.h"
#include "dialect.h"
#include "evfacts.h"
#include "headermap.h"
#include "household.h"
#include "map.h"
#include "merge.h"
#include "norm.h"
#include "orders.h"
#include "paypal.h"
#include "prefetch.h"
#include "relay.h"
#include "reader.h"

#include <pthread.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* the contact targets are the contract's columns, in its order */
_Static_assert((int)T_ID == (int)FU_C_ID && (int)T_EMAIL == (int)FU_C_EMAIL &&
                   (int)T_PHONE == (int)FU_C_PHONE && (int)T_STAGE == (int)FU_C_STAGE &&
                   (int)T_CREATED == (int)FU_C_CREATED &&
                   (int)T_UNSUB == (int)FU_C_UNSUBSCRIBED && (int)T_ALIASES == (int)FU_C_ALIASES &&
                   T_ALIASES + 1 == FU_CONTACT_NCOLS,
               "headermap's contact targets follow contract.h");

enum { EV_CONTACT_ID, EV_WHEN, EV_TYPE, EV_VALUE, EV_ITEM, EV_NOTE };

/* a column flag of our own beside headermap's: an opt-in column some of
 * whose values give consent, so that an empty cell there is no consent (an
 * unticked checkbox) */
enum { EMPTY_NO = 0x40 };


struct source {
	int vend; /* a Vend (Lightspeed Retail X-Series) sales export: its statuses */
	const char *path;
	long referrer_col; /* --map referred_by=COLUMN (contacts): that column, else -1 */
	FILE *raw, *fp;
	fu_dialect d;
	fu_csv_reader *r;
	fu_header h;
	size_t named;     /* columns before a trailing run of unnamed ones */
	size_t reach;     /* the fields a record must have for every column read
	                     (--map may name an unnamed trailing one) */
	hm_map m;
	int use[T_COUNT];
	long *out_of;     /* source column -> pass-through output column, or -1 */
	long *src_of_out; /* pass-through output column - ncanon -> source column, or -1 */
	unsigned char *line_cell; /* pass-through output column - ncanon: describes an
	                             order's line (its quantity, price, product) */
	unsigned char *colflags; /* each column's HM_UTC, HM_INTL ... and EMPTY_NO */
	int order[T_COUNT];        /* date columns: NORM_DMY or NORM_MDY */
	unsigned long amount_currencies; /* values scanned that name their currency ("€10") */
	unsigned long headers_again; /* the header line repeated below it: skipped */
	/* a date column whose a/b/yyyy values could all be either order: how
	 * many, and the order taken not by its own values (told on stderr) */
	unsigned long order_guessed[T_COUNT];
	char order_why[T_COUNT][400];
	int open;
	long header_line;      /* the header's line: 1 unless a title is above it */
	unsigned long above;   /* the rows above it, skipped */
	int header_given;      /* by --header-line */
	char header_why[160];  /* how the header's line was decided, for --explain */
	int sales;        /* events without a type column but with amounts: a
	                     sales list, every row a purchase */
	int tickets;      /* a helpdesk's tickets: each row a ticket_opened, and a
	                     ticket_closed beside it when its status says so */
	int survey;       /* a survey's answers: each row feedback, its score */
	int referrals;    /* a referral program's export: each row a referral */
	int product_details; /* the item is BigCommerce's "Product Details": its
	                        product names are the item (product_names) */
	int paypal;       /* PayPal's activity download: each row a payment, a refund
	                     or the shop's own money (paypal_row) */
	fu_paypal_cols pp;
	/* columns that say a payment renews a subscription (renewal_value) */
	struct renewal_col {
		long col;
		int how;
	} renew[4];
	int nrenew;
	unsigned long npaypal[FU_PAYPAL_NKINDS]; /* its rows of each kind */
	unsigned long npaypal_unnamed; /* refunds among them naming no payment: skipped */
	/* an abandoned-checkouts export (Shopify's "Abandoned Checkout URL"):
	 * its header, and its rows, each a cart not bought, skipped */
	const char *abandoned;
	unsigned long nabandoned;
	unsigned long nempty_status; /* order rows whose status column is empty, skipped */
	unsigned long nunpaid;       /* orders with no payment time, and no status: skipped */
	char unpaid_ex[40];
	unsigned long npaypal_again;   /* payments and refunds read before: merged */
	unsigned long nclosed; /* ticket_closed events written beside their rows */
	/* told when the input ends: contacts whose country has several zones
	 * and no state, unsubscribe events from an orders export's consent
	 * column */
	unsigned long nzone_open, nunsub;
	unsigned long nmst; /* tz cells "MST": Denver's, though Arizona keeps MST all year */
	unsigned long npartial; /* refunds in part written beside their purchases */
	/* orders whose status says refunded in part and no column the amount:
	 * how many, the first's name */
	unsigned long npartial_unknown;
	char partial_unknown_ex[40];
	/* orders skipped as their payment failed or never completed, the first */
	unsigned long nfailed_pay;
	char failed_pay_ex[100];
	/* consent: rows whose empty opt-in cell was taken as no consent (the
	 * first such column), and rows whose consent column known by its words
	 * held a value not understood (the first such column) */
	unsigned long nempty_no, nguess_unread;
	long empty_no_col, guess_col;
	unsigned long nreason; /* rows read as opted out by their unsubscribe reason alone */
	unsigned long nsuppressed; /* rows read as opted out by a suppression or hard bounce */
	unsigned long nsms_out; /* rows whose consent to texts alone says no (sms_unsubscribed) */
	unsigned long nunconfirmed; /* rows whose list status says a sign-up not confirmed */
	unsigned long nmetric_skipped; /* an event export's rows of metrics that are no fu event */
	/* a list of subscribed members (Mailchimp's subscribed export: no
	 * consent column, being in it is the opt-in): the columns of their
	 * consent times (OPTIN_TIME, CONFIRM_TIME), else -1 */
	long member_since[2];
	int optin_list;         /* named by --opt-in-list: its contacts gave consent */
	unsigned long nrelay;   /* contacts known by a marketplace's relay address */
	char relay_ex[64];      /* the first one's, told */
	/* a list's status column (HM_WEAK): rows whose cell was a consent word,
	 * and rows whose cell was none (not read), with the first of those */
	unsigned long nlist_known, nlist_unread;
	long list_col, list_line;
	char list_ex[32];
	/* a plain Status's Inactive or Cancelled: a word about the record (a
	 * contact shelved, a membership ended), not read as an opt-out */
	unsigned long nrecord_status;
	long record_status_col, record_status_line;
	char record_status_ex[32];
	/* a Status read as a newsletter tool's subscriber state (Beehiiv's, by
	 * its values): its column, and the rows it made opt-outs */
	long newsletter_col;
	unsigned long nnewsletter_out;
	char zone_open_example[8];
	/* national phone numbers read in the default --country (not given, and
	 * no country in the row): how many, the first's line and text */
	unsigned long national;
	long national_line;
	char national_ex[48];
	/* of those, written as North America writes them ((212) 555-0100):
	 * read as US instead */
	unsigned long nanp;
	char nanp_ex[24];
	/* each phone source column (the target's first, then its alternates)
	 * whose international numbers are mostly +1: its bare ten-digit
	 * numbers (2125550100) are North American too (phone_na_why says why),
	 * and how many were read so, the first */
	int phone_na[1 + HM_ALT];
	char phone_na_why[1 + HM_ALT][200];
	unsigned long nphone_na;
	char phone_na_ex[24];
	/* --contacts: the columns naming an event's buyer, and the events at
	 * a household's address joined to the member named */
	fu_household_cols buyer;
	unsigned long nhouse_picked;
	/* an orders export's times without an offset, and no --source-tz:
	 * how many, the first (told once when the input ends) */
	unsigned long nnaive;
	char naive_ex[40];
	/* an events export with a type and an order column (Square's
	 * transactions: Payment and Refund rows of a "Transaction ID"): its
	 * purchases carry their order, its refunds name it (typed_order) */
	int typed_orders;
	long zone_col;          /* a column of each row's time zone (Square's
	                           "Time Zone"), or -1: its naive times are there */
	unsigned long nzone_bad; /* rows whose zone cell was not a zone */
	/* an orders export without a status column but with flags of the sale
	 * (Gumroad's "Fully Refunded?", "Disputed?", "Dispute Won?",
	 * "Pre-order authorization?", "Free trial purchase?"): each column or
	 * -1; they say the status (flag_status) */
	long flag[5];
	/* a contacts list's column saying a row is a company's, not a
	 * person's (Odoo's "Is a Company" True, its "Company Type" Company), or
	 * -1; company_type: it is such a selection, not a yes or no */
	long company_flag_col;
	int company_type;
	/* the full name stands in for empty first and last names (Xero's
	 * "*ContactName" beside its "FirstName" and "LastName") */
	int name_stand_in;
	long dnc_col; /* an orders export's "Do not contact?" (yes: an opt-out), or -1 */
	/* a payment processor's test mode (Stripe's "Mode" Test, "Livemode"
	 * false): each column or -1; such a charge moved no money and is no
	 * customer's purchase (test_mode_skipped) */
	long mode_col, livemode_col;
	unsigned long ntest_mode; /* rows skipped as test-mode charges */
	/* an order's state and its payment's in two status columns (Shopware's
	 * stateMachineState and its transactions'; a "Payment Status" beside an
	 * "Order Status"): each column, or -1 (order_and_payment) */
	long order_state_col, pay_state_col;
	unsigned long nstate_id; /* orders whose status was a state's id: skipped */
	/* a scheduling tool's bookings (Calendly's events export: "Start Date &
	 * Time", "Event Type Name"), each row a meeting; its columns saying one
	 * was cancelled ("Canceled") or the invitee did not come ("Marked as
	 * No-Show"), or -1; the rows skipped for each (meeting_not_held) */
	int meetings;
	long canceled_col, noshow_col;
	unsigned long ncanceled, nnoshow;
	unsigned long nnever_paid; /* orders cancelled before they were paid: skipped */
	char never_paid_ex[96];
	char test_mode_ex[96];    /* the first one's order, told */
	/* contacts that are no customers (not_customer): a column of what each
	 * is (Zoho Books' Contact Type), flags saying a vendor and a customer
	 * (Odoo's Is a Vendor, Is a Customer; Supplier Rank, Customer Rank),
	 * or a header that makes the whole list a vendor list (QuickBooks'
	 * "Vendor", "Vendor Type"): each -1 / NULL; any of them set PARTY */
	int party;
	long party_col, vendor_flag, customer_flag;
	long role_col;      /* a helpdesk's user role (Zendesk: end-user, agent, admin) */
	long suspended_col; /* a helpdesk's suspended flag (a blocked user) */
	const char *vendor_list;
	unsigned long nvendors; /* rows skipped as no customers */
	char vendor_ex[48];     /* the first one's type, told */
};

/* --previous: the contacts list the last run wrote, whose keys a contact
 * of this run that kept its id or its e-mail carries on as aliases */
struct previous {
	fu_map ids, mails;   /* an old contact's id, e-mail (lower-cased) */
	size_t *id_row, *mail_row; /* by the maps' index: the old contact */
	fu_buf keys;         /* each old contact's id, e-mail, phone and aliases,
	                        ';'-separated, NUL-ended */
	size_t *at, n;       /* where each old contact's keys begin */
	fu_map own;          /* every id, e-mail and phone of this run's contacts */
	fu_map phones;       /* an old contact's phone and name (phone_key) */
	size_t *phone_row;   /* by its index: the old contact, or SIZE_MAX for two */
	/* the old contacts known by a phone alone (no e-mail): by the phone, the
	 * old contact (SIZE_MAX for two) and its names at LONE_NAMES[index]
	 * (first, NUL, last, NUL), so that one this run joins to a contact
	 * with an e-mail (a row with both) is found (phone_only_holder) */
	fu_map lone;
	size_t *lone_row, *lone_names_at;
	fu_buf lone_names;
	unsigned long nlone;
	fu_buf lone_ex;
	unsigned long nby_phone; /* contacts linked by phone and name (carry_aliases) */
	fu_buf by_phone_ex;  /* the first of them, told */
	/* opt-outs the old list had (its unsubscribed): each old contact's in
	 * OPTOUT at OPTOUT_AT[row], or SIZE_MAX; how many; the list's
	 * modification time, as of which an opt-out without a date held */
	fu_buf optout;
	size_t *optout_at;
	unsigned long noptout;
	/* and its opt-outs of texts alone (its sms_unsubscribed), so; the
	 * contacts that kept one, the first told */
	fu_buf sms_optout;
	size_t *sms_optout_at;
	unsigned long nsms_optout, nsms_kept;
	fu_buf sms_kept_ex;
	char written[32];
	/* the old contacts with an opt-out whose rows of this run say they are
	 * subscribed: by the old row (its index as the key), the latest consent
	 * time given ("" none) in SAID at SAID_AT[index] (optout_said) */
	fu_map said;
	fu_buf said_text;
	size_t *said_at, saidcap;
	/* opt-outs kept, of them ones a row of this run gave as subscribed
	 * (with no consent time after the opt-out), and opt-outs undone by a
	 * consent time after them; the first of each, told */
	unsigned long nkept, nkept_said, nresub;
	fu_buf kept_ex, resub_ex;
	/* a member id that stays when the e-mail changes (Mailchimp's LEID and
	 * EUID), passed through in both lists: MEMBER_COL[k] of this run (-1
	 * none), by its value in MEMBERS[k] the old contact in MEMBER_ROW[k] */
	long member_col[2];
	fu_map members[2];
	size_t *member_row[2];
	/* one person's rows in this run (same_person): by the old contact, where
	 * the first row with an e-mail that was linked to it has its e-mail, CRM
	 * id and first name in PERSON_TEXT (SIZE_MAX none yet) */
	size_t *person_at;
	fu_buf person_text;
	/* previous_person's phone-and-name key: its own, as it runs on the merge
	 * thread while the normaliser uses the import's scratch buffers */
	fu_buf person_key;
	/* each old contact's created (NUL-ended) in CREATED at CREATED_AT[row] */
	fu_buf created;
	size_t *created_at;
	fu_buf *joined;          /* a row given its person's e-mail (ncols values) */
	unsigned long njoined;   /* rows so joined */
	fu_buf joined_ex;        /* the first of them, told */
};
/* Mailchimp's member ids, in the order tried */
static const char *const member_id_cols[2] = {"LEID", "EUID"};
static int load_previous(struct previous *pv, const char *path);
static int previous_has_column(const char *path, const char *name);

/* the aliases dropped as another contact's e-mail: the count, and the first
 * (its alias and the contact it was given with) */
struct other_alias {
	unsigned long n;
	fu_buf ex;
};

struct fu_import {
	fu_import_opts o;
	/* o.country taken from --source-tz's zone: "the country of --source-tz
	 * ZONE" (told with it), else "" (--country, or its default) */
	char country_why[96];
	struct previous prev;
	int kind;
	size_t ncanon, ncols;
	char **colnames;
	fu_map colmap; /* output column name -> its index (the map's dense index) */
	long source_stage; /* output column keeping a stage word not understood, or -1 */
	long do_not_call;  /* output column do_not_call, when an input has such a flag, or -1 */
	long sms_unsubscribed; /* output column sms_unsubscribed, when an input has consent
	                          to text messages of its own, or -1 */
	long currency;     /* output column of the amounts' currency, or -1 */
	long renewal;      /* output column renewal (yes: a subscription renewed), or -1 */
	char currencies[4][8]; /* the currencies read, told when more than one */
	int ncurrencies, more_currencies;
	/* amounts written with a sign several currencies use and nothing
	 * settled ("$" without --currency): how many, the first sign, where */
	struct unsettled {
		char sign[8];
		unsigned long n;
		char at[96];
	} unsettled[4];
	/* amounts that name a currency where no currency column is written
	 * (standard input past the sample the columns were decided by) */
	unsigned long currency_lost;
	fu_buf currency_lost_at;
	struct source *src;
	int nsrc;
	struct source *cur;
	prefetch *pf;
	int threaded, last_got;
	fu_buf *val;
	fu_merge *merge;
	fu_orders *orders;
	fu_csv_writer *w;
	unsigned long nread, nwrote, nmerged, nrejected;
	unsigned long napart; /* rows not merged by phone: names differ, or a switchboard's */
	fu_map phone_ids;     /* then, the phones of contacts known by phone alone */
	unsigned long nhousehold; /* rows not merged by e-mail: another first name */
	fu_map mail_ids;      /* then, the e-mails of contacts without an id */
	int status;
	fu_buf reason, tmp, cell, name, fin, cancelled, item, intl, buyer, paid, keyreason;
	fu_buf label; /* an order as a message names it (order_label) */
	fu_buf return_why; /* why a sales list's line is a return (event_row) */
	/* the purchases of plain sales lists written so far, that a later return
	 * line of the same contact and item takes back (sales_return) */
	struct sale {
		uint64_t key; /* its contact and item (sale_key) */
		int64_t t;
		double value, returned;
		char when[40]; /* as written: the refund's when */
		size_t prev;   /* the one before it of the same key, + 1; 0 none */
	} *sales;
	size_t nsales, salescap;
	size_t *salehead; /* open addressing by key: its latest sale, + 1 */
	size_t headcap, nheads;
	/* a contact's further e-mails in its e-mail cell (Freshsales' "Emails":
	 * "jane@gmail.com,jane@widgetz.io"): ';'-separated, its aliases */
	fu_buf more_emails;
	/* the aliases dropped as another contact's e-mail (aliases_not_own) */
	struct other_alias other_alias;
	/* a record whose Excel text cells (="0401") were read as their text */
	fu_record xl;
	char **xl_fields;
	size_t *xl_lens, xlcap;
	fu_buf *xl_cells;
	char *email_col_name; /* for the message on a missing key */
	/* --opt-in-list: the e-mails (else phones) of the rows of the inputs it
	 * names; the contacts in none, written unsubscribed yes, counted and the
	 * first one told */
	fu_map listed;
	/* and those of rows of any input that give consent of their own
	 * (row_gives_consent: Shopify's Accepts Email Marketing yes, Klaviyo's
	 * subscribed), which count as being on the list; written by the
	 * normalising thread, read once every input is */
	fu_map consented;
	unsigned long nconsented; /* contacts on no list but with such a row */
	/* merging: the latest opt-out date and the latest consent time (a row
	 * that says subscribed, with its time) of each e-mail (else phone), so
	 * that a person merged from rows of several keys (re-subscribed under a
	 * new address, joined by phone) is judged by the newest (newest_consent);
	 * written by the normalising thread, read once every input is */
	struct key_times { fu_map keys; fu_buf text; size_t *at, cap; } optout_times, consent_times;
	unsigned long nresub_merged, nkept_merged;
	fu_buf resub_merged_ex, kept_merged_ex;
	unsigned long nunlisted;
	fu_buf unlisted_ex;
	/* one mailbox, one consent: each mailbox's opt-out (an e-mail without
	 * its +tag, RFC 5233), "value\0e-mail\0" in MAILBOX_OUT at MAILBOX_AT
	 * by the map's index, so that every contact at it (ann+news@ and ann@;
	 * two people kept apart at one address) is unsubscribed
	 * (mailbox_optout); the rows whose e-mail has a +tag; the contacts so
	 * unsubscribed, the first told */
	fu_map mailboxes;
	fu_buf mailbox_out;
	size_t *mailbox_at, mailbox_cap;
	unsigned long nsubaddr, nmailbox;
	fu_buf mailbox_ex, mailbox_key; /* (the key: the merge thread's own) */
	fu_buf log_mailbox;             /* (log_hashes': the normaliser's own) */
	fu_record fixed;       /* a record read by regularise */
	char **fix_fields;
	size_t *fix_lens, fixcap;
	fu_buf *fix_cells;     /* its repaired fields */
	fu_buf pending[3];     /* its problems, told if it is written (defer_warning) */
	const char *pending_kind[3];
	int npending;
	/* with threads: the batch the normalising thread writes what becomes of
	 * each row into (NULL: act at once), and the batches' way to the main
	 * thread, which reads the values of each row into VIEW */
	fu_buf *log;
	uint64_t first_batch_bytes; /* the normaliser's first batch's input bytes (expect_keys) */
	relay *relay;
	fu_buf *view;
	char derived_id[17];   /* replay's id for a row of --no-merge without one */
	const char **log_cell; /* log_row's cells, ncols of each */
	size_t *log_len;
	fu_buf rows_at; /* merging: where each row of a batch is (replay) */
	int row_rejected; /* the record being normalised was rejected */
	/* the problems of each kind the normalising thread logged for this
	 * input: past fu_warn_cap (and with no reject report) the main thread
	 * only counts one, so its reason and record need not be written */
	struct kind_count {
		const char *kind;
		long n;
	} logged[64];
	size_t nlogged;
	/* the row's phone is a national number read in the default --country:
	 * a guess, from which no tz is derived */
	int phone_guessed;
	/* phone_zone's answers, by a number's first three digits */
	const char *phone_zone[1000];
	unsigned char phone_zone_known[1000];
	/* purchases of orders re-timed to their payment (paid_later), held to
	 * the end of the run: an older export read later may show the order a
	 * purchase (authorised, part paid) before it was paid, and then it
	 * keeps that time */
	fu_map retimed;        /* buyer \x1f order name -> index */
	fu_buf *retimed_rows;  /* ncols values each */
	size_t retimed_cap;
	int held_retimed;      /* the order held (fu_orders) is one: its key in retimed_key */
	size_t order_lines;     /* the lines of the order held so far */
	unsigned char *line_joined; /* pass-through column - ncanon: its cells of the order
	                               held joined with "; ", one a line */
	fu_buf retimed_key;
	unsigned long nkept_time; /* such orders that kept their earlier time */
	/* referral rows whose reward status says the reward was sent: a reward
	 * event written beside each (a note counts them), the first at
	 * reward_at; those without an amount, the first at no_amount_at */
	unsigned long nreward_sent, nreward_no_amount;
	char reward_at[256], no_amount_at[256];
	fu_household *household; /* --contacts: the addresses several contacts share */
	/* contacts: the ids written, each with a hash of its contact's name
	 * (id_unique); the later people given an id already taken */
	fu_map written_ids;
	unsigned long nid_taken, nid_twice;
	unsigned long nscientific; /* ids and phones in scientific notation */
	int empty_status; /* --order-status '=purchase' (1) or '=skip' (-1) */
	fu_buf id_note;
	/* an id read in two rows with other keys (id_clash): ids may be
	 * shared, contacts are then written one by one (id_unique) */
	fu_map input_ids;
	int ids_clash;
	fu_map paypal_txns; /* PayPal payments and refunds read, by transaction id:
	                       overlapping downloads give each once */
	/* typed_order: the purchases (type, buyer, order) and refunds (also
	 * when and amount) written, so that an overlapping export's copy is
	 * merged; the key of the row being read, remembered once it is written */
	fu_map typed_seen;
	fu_buf typed_key;
	/* the rows of orders, payments and refunds read before (exports that
	 * overlap, each re-imported whole): told in one note when the run
	 * ends, its first one's place and words in again_first (--explain:
	 * each one) */
	unsigned long nagain;
	fu_buf again_first;
	/* an export of one row per line item (Square's Item Detail): the
	 * purchase or refund whose lines are being read, held in im->orders
	 * (its key: type, buyer, order and a refund's when; "" none held), and
	 * each line's key (typed_line: the order's and the row's text) */
	fu_buf typed_held_key, typed_held_order, typed_line;
	size_t typed_order_len; /* of typed_key: its order's part */
	/* the block of rows of one order (typed_key) read one after the other,
	 * held or not, and the hashes of its rows so far: a line's key has the
	 * number of its row's text within the block, so that a row repeated in
	 * one export is a line again, and an export read again matches line for
	 * line */
	fu_buf typed_block;
	uint64_t *block_rows;
	size_t block_n, block_cap;
	int typed_held_refund;
	/* the refunds written of each order (type, buyer, order): their amount
	 * and items so far, as a later refund of the order is written (fu(7):
	 * of two refunds of an order the largest counts) */
	fu_map typed_refunds;
	double *refund_sum;
	fu_buf *refund_items;
	size_t refund_cap;
	/* an order refunded in part, its refund held until the order's line
	 * items are all read (refund_in_part): it names the items whose price
	 * x quantity make up the amount refunded */
	struct part_refund {
		int active;
		fu_buf *row;      /* ncols values, as it will be written */
		double back;      /* the amount refunded */
		fu_buf name, buyer; /* its order's */
		long line;        /* its row's line (for a note) */
		struct part_line {
			size_t off, len; /* its item in names */
			double amount;   /* price x quantity; NAN: not known */
			uint64_t raw;    /* a hash of its row as read (the same row twice is one) */
		} *lines;
		size_t nlines, linecap;
		fu_buf names;
	} part;
};

static void worse(fu_import *im, int st)
{
	if (st > im->status)
		im->status = st;
}

/* ---- problems ------------------------------------------------------------- */

/* ---- problems and rows, at once or through the log -----------------------
 *
 * Contacts may be normalised in a thread of their own: then what becomes of
 * a row (a problem to tell, its values) is written to im->log, and the main
 * thread acts on it in the same order (replay), so that messages, the
 * reject report, the counts and the output are the same either way. */

enum { PROBLEM_REJECT, PROBLEM_KEPT, PROBLEM_NOTE };
/* a row's entry: LOG_ROW, the entry's length (u32, so that the main thread
 * finds the rows of a batch without reading their cells), the line, when
 * merging the hashes of its e-mail's and phone's keys and of its opt-out's
 * mailbox (log_hashes: a byte of which are made, then three u64), the cells;
 * a problem's: LOG_PROBLEM and its fields (log_problem) */
enum { LOG_ROW = 'R', LOG_PROBLEM = 'P', LOG_HASHES = 1 + 3 * sizeof(uint64_t) };

/* merging: a row soon to come, fetched ahead (ahead_start) */
struct ahead {
	fu_merge_ahead merge;
	uint64_t mailbox; /* its opt-out's mailbox's hash (has_mailbox) */
	int has_mailbox;
	uint32_t mailbox_at; /* its likely entry + 1 in im->mailboxes (0: none) */
};

static void problem(fu_import *im, int what, int error, const char *kind, long warn_line,
                    long col, long line, const char *reason, const char *raw, size_t raw_len)
{
	const char *path = im->cur->path;
	switch (what) {
	case PROBLEM_REJECT:
		im->nrejected++;
		if (error)
			worse(im, FU_EXIT_DATA);
		if (error || !im->o.rejects->open)
			fu_warn_capped(kind, path, warn_line, col, "%s%s", error ? "" : "skipped: ", reason);
		fu_rejects_add(im->o.rejects, path, line, reason, raw, raw_len);
		break;
	case PROBLEM_KEPT:
		worse(im, FU_EXIT_DATA);
		fu_warn_capped(kind, path, line, 0, "%s", reason);
		fu_rejects_add(im->o.rejects, path, line, reason, raw, raw_len);
		break;
	default:
		fu_warn_capped(kind, path, line, 0, "note: %s", reason);
		break;
	}
}

static void log_bytes(fu_buf *b, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;
	fu_buf_reserve(b, sizeof len + n + 1);
	char *q = b->data + b->len;
	memcpy(q, &len, sizeof len);
	memcpy(q + sizeof len, p, n);
	q[sizeof len + n] = '\0';
	b->len += sizeof len + n + 1;
}

static const char *unlog_bytes(const char **pp, size_t *n)
{
	uint32_t len;
	memcpy(&len, *pp, sizeof len);
	const char *s = *pp + sizeof len;
	*pp = s + len + 1;
	*n = len;
	return s;
}

/* the count of KIND's problems logged for this input; NULL past 64 kinds
 * (as fu_warn_capped, which then tells them all) */
static struct kind_count *logged_of(fu_import *im, const char *kind)
{
	for (size_t i = 0; i < im->nlogged; i++)
		if (im->logged[i].kind == kind || strcmp(im->logged[i].kind, kind) == 0)
			return &im->logged[i];
	if (im->nlogged == sizeof im->logged / sizeof im->logged[0])
		return NULL;
	im->logged[im->nlogged] = (struct kind_count){kind, 0};
	return &im->logged[im->nlogged++];
}

/* Will a problem of KIND logged now be told in words (on standard error
 * or in the reject report)?  Not when the normalising thread has logged
 * fu_warn_cap of its kind for this input and there is no report: the main
 * thread, which tells them in the same order (and may tell more of the
 * kind of its own), will only count it.  A caller may then spare the
 * making of its reason. */
static int in_words(const fu_import *im, const struct kind_count *k)
{
	return im->o.rejects->open || fu_warn_cap <= 0 || !k || k->n < fu_warn_cap;
}

static int told_in_words(fu_import *im, const char *kind)
{
	return !im->log || in_words(im, logged_of(im, kind));
}

static void log_problem(fu_import *im, int what, int error, const char *kind, long warn_line,
                        long col, const fu_record *rec, const char *reason)
{
	if (!im->log) {
		problem(im, what, error, kind, warn_line, col, rec->line, reason, rec->raw, rec->raw_len);
		return;
	}
	struct kind_count *k = logged_of(im, kind);
	int words = in_words(im, k);
	if (k)
		k->n++;
	fu_buf *b = im->log;
	int64_t at[3] = {warn_line, col, rec->line};
	fu_buf_addc(b, LOG_PROBLEM);
	fu_buf_addc(b, (char)what);
	fu_buf_addc(b, (char)error);
	fu_buf_add(b, at, sizeof at);
	log_bytes(b, kind, strlen(kind));
	log_bytes(b, words ? reason : "", words ? strlen(reason) : 0);
	log_bytes(b, rec->raw, words ? rec->raw_len : 0);
}

/* A record not written.  ERROR = 0 for rows that are fine but not wanted
 * (an order that is not a purchase): they do not make the exit status 1, and
 * with a reject report they are only listed there. */
static void reject(fu_import *im, const fu_record *rec, const char *kind, int error,
                   const char *reason)
{
	im->row_rejected = 1;
	log_problem(im, PROBLEM_REJECT, error, kind, rec->error_line ? rec->error_line : rec->line,
	            rec->error_col, rec, reason);
}

/* A problem with a row that is written anyway (a column left empty, a
 * stage kept aside): the input had errors, the report lists the row. */
static void warn_kept(fu_import *im, const fu_record *rec, const char *kind, const char *reason)
{
	log_problem(im, PROBLEM_KEPT, 1, kind, rec->line, 0, rec, reason);
}

/* A note that does not change the exit status. */
static void note(fu_import *im, const fu_record *rec, const char *kind, const char *text)
{
	log_problem(im, PROBLEM_NOTE, 0, kind, rec->line, 0, rec, text);
}

/* A row of an order (payment, refund) read before, merged: counted, and
 * told in one note when the run ends (a month of overlapping exports
 * re-imported each day has hundreds); --explain tells each. */
static void note_again(fu_import *im, const fu_record *rec, const char *kind, const char *text)
{
	if (im->o.explain) {
		note(im, rec, kind, text);
		return;
	}
	if (im->nagain++ == 0)
		fu_buf_printf(&im->again_first, "%s:%ld: %s", fu_input_name(im->cur->path), rec->line, text);
}

/* a value quoted for a message: at most 40 bytes, control characters as '?' */
static const char *quote_value(const char *s, size_t n, fu_buf *b)
{
	fu_buf_clear(b);
	fu_buf_addc(b, '\'');
	size_t k = 0;
	for (; k < n && k < 40; k++)
		fu_buf_addc(b, (unsigned char)s[k] < 0x20 ? '?' : s[k]);
	if (k < n) {
		while (k > 0 && ((unsigned char)b->data[b->len - 1] & 0xC0) == 0x80)
			b->len--, k--; /* do not cut a character in two */
		if (((unsigned char)b->data[b->len - 1] & 0xC0) == 0xC0)
			b->len--;
		b->data[b->len] = '\0';
		fu_buf_adds(b, "...");
	}
	fu_buf_addc(b, '\'');
	return b->data;
}

/* ---- opening an input ---------------------------------------------------- */

/* A hand-kept sheet often has a title (and a blank or date row) above its
 * table, and a spreadsheet exports them as the first lines.  The header is
 * the first of the first HEADER_SCAN records whose cells name columns the
 * table knows; a record with an e-mail address in it is data, not a header.
 * When the first record names one, or none does, it is the header (as
 * --map may name its columns).  Read from the dialect's sample, so the
 * input itself is read once. */
enum { HEADER_SCAN = 10 };

static size_t known_cells(const fu_record *rec, int *has_address)
{
	fu_header h = {.n = rec->nfields, .names = rec->fields};
	*has_address = 0;
	for (size_t c = 0; c < rec->nfields; c++)
		if (memchr(rec->fields[c], '@', rec->lens[c]))
			*has_address = 1;
	return hm_known_cells(&h);
}

static void find_header_line(const fu_import *im, struct source *S)
{
	S->header_line = 1;
	if (im->o.header_line > 0) {
		S->header_line = im->o.header_line;
		S->header_given = 1;
		snprintf(S->header_why, sizeof S->header_why, "given by --header-line");
		return;
	}
	if (S->d.sample_len == 0)
		return;
	FILE *mem = fmemopen(S->d.sample, S->d.sample_len, "r");
	if (!mem)
		return;
	fu_csv_reader *r = fu_csv_open(mem, S->path, S->d.delim);
	fu_csv_quiet(r);
	fu_record *rec;
	long first = 0;
	for (int k = 0; k < HEADER_SCAN && fu_csv_next(r, &rec) == 1; k++) {
		if (rec->error)
			continue;
		int address;
		size_t known = known_cells(rec, &address);
		if (k == 0) {
			first = rec->line;
			S->header_line = first;
			if (known > 0 || address)
				break;
			continue;
		}
		if (known > 0 && !address) {
			S->header_line = rec->line;
			snprintf(S->header_why, sizeof S->header_why,
			         "the first line whose cells name known columns (%zu); the %s above it "
			         "name%s none: a title, skipped", known, rec->line - first > 1 ? "lines" : "line",
			         rec->line - first > 1 ? "" : "s");
			break;
		}
	}
	fu_csv_close(r);
	fclose(mem);
}

/* The header: unlike fu(7)'s own streams, a foreign export may leave
 * columns unnamed (Excel's trailing delimiter) or repeat a name (Mailchimp's
 * UNSUB_REASON): an unnamed column is column_N, a repeated name passes
 * through with _2 appended, and a trailing run of unnamed columns is read
 * only to check it is empty.  The rows above the header's line are skipped
 * (and told, and counted). */
static int read_header(struct source *S)
{
	fu_record *rec;
	int got;
	long first = 0;
	while ((got = fu_csv_next(S->r, &rec)) > 0 && rec->line < S->header_line) {
		if (!S->above++)
			first = rec->line;
	}
	if (got < 0)
		return -1;
	if (got == 0) {
		if (S->above)
			fu_warn_at(S->path, 0, "no header row on or after line %ld (--header-line)",
			           S->header_line);
		else
			fu_warn_at(S->path, 0, "empty input: no header row");
		return 1;
	}
	if (S->above) {
		fu_buf note = {0}, *b = &note;
		if (rec->line - first > 1)
			fu_buf_printf(b, "the lines above it (%ld-%ld: %lu row%s)", first, rec->line - 1,
			              S->above, S->above == 1 ? "" : "s");
		else
			fu_buf_printf(b, "the line above it (%ld)", first);
		fu_warn("%s: the header is on line %ld%s: %s skipped%s", fu_input_name(S->path),
		        rec->line, S->header_given ? " (--header-line)" : "", b->data,
		        S->header_given ? "" : " as a title (--header-line N takes line N)");
		fu_buf_free(b);
	}
	S->header_line = rec->line;
	if (rec->error || !fu_record_check_utf8(rec)) {
		fu_warn_at_col(S->path, rec->error_line ? rec->error_line : rec->line, rec->error_col,
		               "header: %s", rec->error);
		return -1;
	}
	S->h.n = rec->nfields;
	S->h.names = fu_xcalloc(S->h.n, sizeof *S->h.names);
	S->named = 0;
	for (size_t i = 0; i < S->h.n; i++) {
		fu_buf b = {0};
		norm_trim(rec->fields[i], rec->lens[i], &b);
		if (b.len)
			S->named = i + 1;
		else
			fu_buf_printf(&b, "column_%zu", i + 1);
		S->h.names[i] = b.data;
	}
	if (S->named == 0) {
		fu_warn_at(S->path, rec->line, "header: no column has a name");
		return -1;
	}
	return 0;
}

static int open_source(fu_import *im, struct source *S)
{
	if (strcmp(S->path, "-") == 0) {
		S->raw = stdin;
	} else if (!(S->raw = fopen(S->path, "rb"))) {
		fu_warn("%s: %s", S->path, strerror(errno));
		return -1;
	}
	S->fp = dialect_open(S->raw, S->path, im->o.delim, im->o.encoding, &S->d);
	if (!S->fp)
		return -1;
	find_header_line(im, S);
	S->r = fu_csv_open(S->fp, S->path, S->d.delim);
	return read_header(S);
}

static void close_source(struct source *S)
{
	if (S->r)
		fu_csv_close(S->r);
	S->r = NULL;
	dialect_close(S->fp, S->raw);
	S->fp = NULL;
	if (S->raw && S->raw != stdin)
		fclose(S->raw);
	S->raw = NULL;
	dialect_sample_free(&S->d);
	S->open = 0;
}

/* The kind of an input by its header: HM_EVENTS, HM_CONTACTS, or 0 when it
 * looks like sales or orders but not enough to be sure (*WHY then names the
 * columns, *ADVICE the options that would read it).  Reading purchases as
 * contacts would merge repeat purchases away without a word, so doubt is an
 * error, not a guess. */
static int detect_kind(const struct source *S, fu_buf *why, fu_buf *advice)
{
	hm_map m;
	hm_build(&S->h, HM_EVENTS, &m);
	/* a contact list has an id too ("Contact ID"): events have a time and
	 * a type, or an id with one of them, or are orders */
	int when = m.src[T_WHEN] >= 0, type = m.src[T_TYPE] >= 0;
	int value = m.src[T_VALUE] >= 0, item = m.src[T_ITEM] >= 0;
	int own_id = m.src[T_CONTACT_ID] >= 0 && strcmp(m.why[T_CONTACT_ID], "fu's own name") == 0;
	/* a customers export names each customer's totals (Stripe's "Total
	 * Spend", "Payment Count"): its Status is a subscription's, its Name a
	 * person's, not an order's (trial8/03) */
	if (!type && !m.order_named && hm_customer_totals(&S->h))
		return HM_CONTACTS;
	/* fu's own contact_id with a time is an events stream; a "Contact ID"
	 * with a time and no type or amount is a contacts export's (Zoho
	 * Books' "Contact ID" and "Created Time"): as events every row would
	 * be rejected for its type (trial8/10) */
	int fu_spelt = own_id && strcmp(S->h.names[m.src[T_CONTACT_ID]], "contact_id") == 0;
	if (m.shopify || (when && type) || (own_id && (type || (when && (value || fu_spelt)))) ||
	    hm_tickets_export(&m) || hm_survey_export(&m) || hm_referrals_export(&m))
		return HM_EVENTS;
	/* a sales list: the date, the amount and the product of each sale */
	if (!type && when && value && item)
		return HM_EVENTS;
	if (type || !(m.order_named || (value && (when || item))))
		return HM_CONTACTS;
	/* the way out: without a date every row would be rejected as events,
	 * and with a status its rows are read by it, not all as purchases */
	if (!when)
		fu_buf_printf(advice, "give --kind events and name its date column with --map "
		              "when=HEADER%s, or --kind contacts",
		              m.src[T_FINSTATUS] >= 0 ? " (each row is then read by its status: a "
		                                        "purchase, a refund or skipped)"
		                                      : " to read every row as a purchase");
	else if (!value)
		fu_buf_adds(advice, "give --kind events and name its amount column with --map "
		            "value=HEADER to read every row as a purchase (or its type column with --map "
		            "type=HEADER), or --kind contacts");
	else
		fu_buf_adds(advice, "give --kind events to read every row as a purchase, or --kind "
		            "contacts");
	const int shown[] = {T_ORDER, T_WHEN, T_VALUE, T_ITEM, T_FINSTATUS};
	for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++) {
		long c = m.src[shown[k]];
		if (c >= 0 && (shown[k] != T_ORDER || m.order_named))
			fu_buf_printf(why, "%s\"%s\" (%s)", why->len ? ", " : "", S->h.names[c],
			              shown[k] == T_ORDER ? "an order number" : shown[k] == T_WHEN ? "a date"
			              : shown[k] == T_VALUE ? "an amount" : shown[k] == T_ITEM ? "a product"
			              : "a status");
	}
	return 0;
}

static const char *kind_name(int kind)
{
	return kind == HM_EVENTS ? "events" : "contacts";
}

/* " on line N" for a header below line 1 (in B) */
static const char *header_at(const struct source *S, fu_buf *b)
{
	fu_buf_clear(b);
	fu_buf_printf(b, " on line %ld", S->header_line);
	return b->data;
}

/* Columns the header table does not know, told by their values: a header
 * with one of WORDS in it (lower-cased) whose cells in the rows of the
 * sample are mostly what the target holds. */
enum { BY_EMAIL, BY_STATUS };

static int blank(const char *s, size_t n);

static int value_fits(fu_import *im, int what, const char *s, size_t n, int *several)
{
	const char *why;
	if (what == BY_EMAIL) {
		norm_span part[4];
		size_t np = norm_split(s, n, 1, part, 4); /* Freshsales' "Emails": a list */
		*several |= np > 1;
		return np && norm_email(part[0].s, part[0].n, &im->tmp, &why) == 0;
	}
	fu_buf_clear(&im->tmp);
	norm_trim(s, n, &im->tmp);
	norm_lower_utf8(im->tmp.data, im->tmp.len);
	return fu_orders_status_kind(im->tmp.data) != FU_STATUS_UNKNOWN;
}

/* Does S hold a digit? */
static int has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* Are most filled cells of column C in the first 1000 rows names, a
 * person's or a company's: letters, no digit, no '@', no yes or no? */
static int column_of_names(const struct source *S, long c)
{
	if (!S->d.sample_len)
		return 1;
	FILE *mem = fmemopen(S->d.sample, S->d.sample_len, "r");
	if (!mem)
		return 1;
	fu_csv_reader *r = fu_csv_open(mem, S->path, S->d.delim);
	fu_csv_quiet(r);
	unsigned long rows = 0, filled = 0, names = 0;
	fu_record *rec;
	while (rows < 1000 && fu_csv_next(r, &rec) == 1) {
		if (rec->line <= S->header_line || rec->error || (size_t)c >= rec->nfields)
			continue;
		rows++;
		const char *v = rec->fields[c];
		size_t n = rec->lens[c];
		if (blank(v, n))
			continue;
		filled++;
		int letter = 0;
		for (size_t i = 0; i < n; i++)
			letter |= ((v[i] | 0x20) >= 'a' && (v[i] | 0x20) <= 'z') || (unsigned char)v[i] >= 0x80;
		names += letter && !has_digit(v, n) && !memchr(v, '@', n) && norm_flag(v, n) < 0;
	}
	fu_csv_close(r);
	fclose(mem);
	return 2 * names > filled;
}

static long column_by_values(fu_import *im, const struct source *S, int what, int *several)
{
	/* and MailerLite's "Subscriber", an address */
	static const char *const email_words[] = {"mail", "sähköposti", "e-post", "epost", "correo",
	                                          "courriel", "subscriber", "messagerie"};
	static const char *const status_words[] = {"status", "state", "tila", "statut", "état",
	                                           "etat", "estado", "zustand", "stato"};
	const char *const *words = what == BY_EMAIL ? email_words : status_words;
	size_t nwords = what == BY_EMAIL ? sizeof email_words / sizeof *email_words
	                                 : sizeof status_words / sizeof *status_words;
	enum { ROWS = 1000 };
	if (!S->d.sample_len || !S->h.n)
		return -1;
	unsigned char *cand = fu_xcalloc(S->h.n, 1);
	int any = 0;
	fu_buf low = {0};
	for (size_t c = 0; c < S->h.n && c < S->named; c++) {
		int taken = 0;
		for (int t = 0; t < T_COUNT; t++)
			taken |= S->m.src[t] == (long)c;
		fu_buf_clear(&low);
		fu_buf_adds(&low, S->h.names[c]);
		norm_lower_utf8(low.data, low.len);
		for (size_t k = 0; k < nwords && !taken; k++)
			if (strstr(low.data, words[k]))
				cand[c] = 1, any = 1;
	}
	fu_buf_free(&low);
	long best = -1;
	FILE *mem = any ? fmemopen(S->d.sample, S->d.sample_len, "r") : NULL;
	if (!mem) {
		free(cand);
		return -1;
	}
	fu_csv_reader *r = fu_csv_open(mem, S->path, S->d.delim);
	fu_csv_quiet(r);
	unsigned long *fits = fu_xcalloc(S->h.n, sizeof *fits), *filled = fu_xcalloc(S->h.n, sizeof *filled);
	unsigned char *lists = fu_xcalloc(S->h.n, 1);
	unsigned long rows = 0;
	fu_record *rec;
	while (rows < ROWS && fu_csv_next(r, &rec) == 1) {
		if (rec->line <= S->header_line || rec->error)
			continue;
		rows++;
		for (size_t c = 0; c < rec->nfields && c < S->h.n; c++)
			if (cand[c] && !blank(rec->fields[c], rec->lens[c])) {
				filled[c]++;
				int list = 0;
				fits[c] += value_fits(im, what, rec->fields[c], rec->lens[c], &list);
				lists[c] |= list;
			}
	}
	fu_csv_close(r);
	fclose(mem);
	/* the e-mail: in most rows; a status: nearly every filled cell a status word */
	for (size_t c = 0; c < S->h.n; c++)
		if (cand[c] && (what == BY_EMAIL ? 2 * fits[c] > rows : fits[c] && 10 * fits[c] >= 9 * filled[c]) &&
		    (best < 0 || fits[c] > fits[best]))
			best = (long)c;
	*several = best >= 0 && lists[best];
	free(lists);
	free(cand);
	free(fits);
	free(filled);
	return best;
}

/* apply --map (a column named again gets fallbacks), decide which targets
 * are used */
/* An events export's column of each row's time zone ("Time Zone", Square's
 * transactions), or -1 */
static long zone_column(const struct source *S)
{
	for (size_t c = 0; c < S->named; c++) {
		char low[16];
		size_t k = 0;
		for (const char *p = S->h.names[c]; *p && k + 1 < sizeof low; p++)
			if (isalnum((unsigned char)*p))
				low[k++] = (char)tolower((unsigned char)*p);
		low[k] = '\0';
		if (strcmp(low, "timezone") == 0 && strlen(S->h.names[c]) < 16)
			return (long)c;
	}
	return -1;
}

/* PayPal's activity download (paypal.h): its columns are taken for what
 * they are in that export, whatever the table says of the same headers
 * ("Name" is the payer's, not an order's; "Type" holds PayPal's words, not
 * fu(7)'s types; "TimeZone" is the download's zone, not the contact's), and
 * the rows are read by paypal_row.  --map type= reads it as a list with an
 * event type instead; other --map columns stay as given. */
static int paypal_source(fu_import *im, struct source *S)
{
	if (S->m.user[T_TYPE])
		return 0;
	if (!fu_paypal_columns(&S->h, &S->pp)) {
		const fu_paypal_cols *pp = &S->pp;
		if (pp->from >= 0 || pp->txn < 0 || pp->gross < 0 || pp->date < 0 || pp->type < 0 ||
		    pp->status < 0)
			return 0; /* not PayPal's */
		if (!S->m.user[T_EMAIL]) {
			/* its download without the e-mail columns: nobody to follow up */
			fu_warn("%s: PayPal's activity download without the payer's e-mail (\"From Email "
			        "Address\"): its payments would join no contact; download it with the "
			        "e-mail columns (Activity, Download, Customize report fields), or name the "
			        "column with --map email=HEADER", fu_input_name(S->path));
			return -1;
		}
		S->pp.from = S->m.src[T_EMAIL]; /* the payer's, by --map */
	}
	S->paypal = 1;
	S->m.shopify = 0;
	static const int kept[] = {T_PHONE, T_COUNTRY, T_REGION}; /* the counterparty's */
	for (int t = 0; t < T_COUNT; t++) {
		int keep = S->m.user[t];
		for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++)
			keep |= kept[k] == t;
		if (keep)
			continue;
		S->m.src[t] = -1;
		for (int a = 0; a < HM_ALT; a++)
			S->m.alt[t][a] = -1;
		S->m.multi[t] = 0;
	}
	const struct {
		int t;
		long c;
	} cols[] = {
		{T_WHEN, S->pp.date},       {T_CLOCK, S->pp.time}, {T_VALUE, S->pp.gross},
		{T_CURRENCY, S->pp.currency}, {T_ITEM, S->pp.item}, {T_EMAIL, S->pp.from},
		{T_NAME, S->pp.name},
	};
	for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
		if (!S->m.user[cols[k].t] && cols[k].c >= 0) {
			S->m.src[cols[k].t] = cols[k].c;
			S->m.why[cols[k].t] = "PayPal activity";
		}
	/* the item: the item's title, else the payment's subject */
	if (!S->m.user[T_ITEM] && S->pp.subject >= 0) {
		if (S->m.src[T_ITEM] < 0) {
			S->m.src[T_ITEM] = S->pp.subject;
			S->m.why[T_ITEM] = "PayPal activity";
		} else {
			S->m.alt[T_ITEM][0] = S->pp.subject;
		}
	}
	(void)im;
	return 0;
}

/* The column of S whose header, letters and digits lower-cased, is NAME
 * (one of a few words: "Do not contact?" is donotcontact), or -1 */
static long column_named(const struct source *S, const char *name)
{
	for (size_t c = 0; c < S->named; c++) {
		char low[40];
		size_t k = 0;
		const char *p = S->h.names[c];
		for (; *p && k + 1 < sizeof low; p++)
			if (isalnum((unsigned char)*p))
				low[k++] = (char)tolower((unsigned char)*p);
		low[k] = '\0';
		if (!*p && strcmp(low, name) == 0)
			return (long)c;
	}
	return -1;
}

enum { FLAG_FULL_REFUND, FLAG_DISPUTED, FLAG_DISPUTE_WON, FLAG_PREORDER, FLAG_TRIAL };

/* the first of NAMES (column_named's form) that S has, or -1 */
static long column_named_any(const struct source *S, const char *const *names, size_t n)
{
	long c = -1;
	for (size_t i = 0; i < n && c < 0; i++)
		c = column_named(S, names[i]);
	return c;
}

/* S's column NAME (column_named's form) as target T's, unless --map named
 * one for it; no other target reads it then */
static int flag_set(const fu_record *rec, long c);

static void column_for(struct source *S, int t, long c)
{
	if (c < 0 || S->m.user[t])
		return;
	for (int u = 0; u < T_COUNT; u++)
		if (u != t && S->m.src[u] == c && !S->m.user[u])
			S->m.src[u] = -1, S->use[u] = 0;
	S->m.src[t] = c;
	S->use[t] = 1;
}

/* Calendly's events export (a booking a row: "Invitee Email", "Event Type
 * Name", "Start Date & Time", "Canceled", "Marked as No-Show"), read as
 * events: each booking a meeting at its start, its item the event type.
 * fu(7) has no event for a meeting cancelled or missed, so those rows are
 * skipped (meeting_not_held), and fu-schedule follows up no meeting that
 * did not happen. */
static void meeting_columns(fu_import *im, struct source *S)
{
	S->meetings = 0;
	S->canceled_col = S->noshow_col = -1;
	long start = column_named(S, "startdatetime"), type = column_named(S, "eventtypename");
	if (im->kind != HM_EVENTS || S->m.shopify || S->tickets || S->survey || S->referrals ||
	    S->paypal || S->use[T_TYPE] || S->use[T_VALUE] || start < 0 || type < 0)
		return;
	S->meetings = 1;
	column_for(S, T_WHEN, start);
	column_for(S, T_ITEM, type);
	/* the invitee (in events the table takes "Invitee Email" for a
	 * referral app's friend) */
	if (!S->use[T_EMAIL])
		column_for(S, T_EMAIL, column_named(S, "inviteeemail"));
	if (!S->use[T_PHONE])
		column_for(S, T_PHONE, column_named(S, "textremindernumber"));
	static const char *const canceled[] = {"canceled", "cancelled"};
	static const char *const noshow[] = {"markedasnoshow", "noshow", "markednoshow"};
	S->canceled_col = column_named_any(S, canceled, 2);
	S->noshow_col = column_named_any(S, noshow, 3);
}

/* A booking that was cancelled, or whose invitee did not come, is no
 * meeting held: its reason in im->reason, and 1; else 0.  Counted, told
 * when the input ends. */
static int meeting_not_held(fu_import *im, const fu_record *rec)
{
	struct source *S = im->cur;
	long c = -1;
	if (S->canceled_col >= 0 && flag_set(rec, S->canceled_col) == 1)
		c = S->canceled_col, S->ncanceled++;
	else if (S->noshow_col >= 0 && flag_set(rec, S->noshow_col) == 1)
		c = S->noshow_col, S->nnoshow++;
	if (c < 0)
		return 0;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: not a meeting held (fu(7) has no event for one %s), "
	              "nothing to follow up", S->h.names[c],
	              quote_value(rec->fields[c], rec->lens[c], &im->cell),
	              c == S->canceled_col ? "cancelled" : "missed");
	return 1;
}

/* An orders export's status columns (the table's status and the ones
 * standing in for it): the order's and, in another, its payment's, known by
 * a word of its header (Shopware's transactions.stateMachineState, a
 * "Payment Status" beside "Order Status"); both -1 unless there are both.
 * A state's id (Shopware's order_state_id) is neither. */
static void payment_state_columns(struct source *S)
{
	static const char *const payment_words[] = {"payment", "transaction", "transactions",
	                                            "zahlung", "zahlungs", "paiement", "pago",
	                                            "betaling", "betalning", "maksu", "maksun"};
	S->order_state_col = S->pay_state_col = -1;
	if (!S->m.shopify || !S->use[T_FINSTATUS] || S->m.user[T_FINSTATUS])
		return;
	for (int a = -1; a < HM_ALT; a++) {
		long c = a < 0 ? S->m.src[T_FINSTATUS] : S->m.alt[T_FINSTATUS][a];
		if (c < 0)
			break;
		char words[160];
		size_t k = 0;
		int payment = 0, id = 0;
		/* the header's words, lower-case, camelCase apart */
		for (const char *p = S->h.names[c]; *p && k + 2 < sizeof words; p++) {
			if (isupper((unsigned char)*p) && p > S->h.names[c] && islower((unsigned char)p[-1]))
				words[k++] = ' ';
			words[k++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : ' ';
		}
		words[k] = '\0';
		for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
			for (size_t i = 0; i < sizeof payment_words / sizeof *payment_words; i++)
				if (strcmp(w, payment_words[i]) == 0)
					payment = 1;
			id = strcmp(w, "id") == 0;
		}
		if (id)
			continue;
		if (payment && S->pay_state_col < 0)
			S->pay_state_col = c;
		else if (!payment && S->order_state_col < 0)
			S->order_state_col = c;
	}
	if (S->order_state_col < 0 || S->pay_state_col < 0)
		S->order_state_col = S->pay_state_col = -1;
}

/* Contacts: the columns that say a contact is no customer (a vendor, a
 * supplier, a partner: Zoho Books' contacts hold both kinds).  The type
 * column by the table (or --map contact_type=); flags by their names; a
 * vendor list by a header only vendor lists have, when nothing names a
 * customer.  --map contact_type= (empty) reads none of them. */
/* Odoo's contacts (res.partner) keep companies and their people in one
 * list: "Is a Company" (True, False), or "Company Type" (Company,
 * Individual), says which a row is */
static void company_flag_column(const fu_import *im, struct source *S)
{
	static const char *const flags[] = {"isacompany", "iscompany"};
	S->company_type = 0;
	S->company_flag_col = -1;
	if (im->kind != HM_CONTACTS)
		return;
	S->company_flag_col = column_named_any(S, flags, 2);
	if (S->company_flag_col < 0 && (S->company_flag_col = column_named(S, "companytype")) >= 0)
		S->company_type = 1;
}

static void party_columns(struct source *S)
{
	static const char *const vendor_flags[] = {"isavendor", "isvendor", "isasupplier",
	                                           "issupplier", "supplierrank", "vendorrank",
	                                           "supplier", "vendor"};
	static const char *const customer_flags[] = {"isacustomer", "iscustomer", "customerrank",
	                                             "customer", "client", "isaclient", "isclient"};
	/* QuickBooks' vendor lists ("Vendor" first, "Vendor Type", IIF's
	 * VTYPE), and other vendor or supplier registers by their own id */
	static const char *const vendor_headers[] = {
		"vendortype", "vtype", "vendorid", "vendorname", "vendornumber", "vendorno",
		"supplierid", "suppliername", "suppliernumber", "supplierno", "suppliertype",
		"lieferantennummer", "lieferantennr", "toimittajanumero", "leverantörsnummer",
	};
	static const char *const customer_headers[] = {
		"customer", "customerid", "customername", "customernumber", "customerno",
		"customertype", "customercode", "client", "clientid",
	};
	S->party_col = S->vendor_flag = S->customer_flag = -1;
	S->vendor_list = NULL;
	if (S->m.user[T_PARTY] && S->m.src[T_PARTY] < 0)
		return; /* --map contact_type= */
	if (S->use[T_PARTY])
		S->party_col = S->m.src[T_PARTY];
	/* a flag column only by an "is ..." or "... rank" name; bare
	 * "Vendor" and "Customer" are flags only beside the other one */
	S->vendor_flag = column_named_any(S, vendor_flags, 6);
	S->customer_flag = column_named_any(S, customer_flags, 3);
	if (S->vendor_flag < 0 && S->customer_flag < 0) {
		long v = column_named_any(S, vendor_flags + 6, 2), c = column_named_any(S, customer_flags + 3, 4);
		if (v >= 0 && c >= 0)
			S->vendor_flag = v, S->customer_flag = c;
	}
	if (S->party_col < 0 && S->vendor_flag < 0 &&
	    column_named_any(S, customer_headers, sizeof customer_headers / sizeof *customer_headers) < 0) {
		long v = column_named_any(S, vendor_headers, sizeof vendor_headers / sizeof *vendor_headers);
		if (v < 0 && S->named > 0 && (column_named(S, "vendor") == 0 || column_named(S, "supplier") == 0))
			v = 0;
		if (v >= 0)
			S->vendor_list = S->h.names[v];
	}
	/* a helpdesk's users (Zendesk's role, suspended): its own staff and
	 * the users it blocked are no customers to follow up */
	S->role_col = column_named(S, "role");
	S->suspended_col = column_named(S, "suspended");
	S->party = S->party_col >= 0 || S->vendor_flag >= 0 || S->vendor_list || S->role_col >= 0 ||
	           S->suspended_col >= 0;
}

/* a role cell that says the shop's own staff: Zendesk's agent and admin */
static int staff_role(const char *s, size_t n)
{
	static const char *const staff[] = {"agent", "admin", "administrator", "light agent", "staff"};
	return norm_word_listed(s, n, staff, sizeof staff / sizeof *staff);
}


/* Is S an export of abandoned checkouts (carts left at the checkout)?  Its
 * layout is an orders export's (Shopify's: Name, Email, Financial Status,
 * Created at, Lineitem ...), but no row is a purchase.  Told by a header
 * that starts by naming abandoned checkouts or carts ("Abandoned Checkout
 * URL", abandoned_checkout_url, "Abandoned cart date"), not one about a
 * reminder of them (Gumroad's sales have "Sent Abandoned Cart Email?"):
 * its name, or NULL. */
/* Is S a Vend (Lightspeed Retail X-Series) sales export?  Its sale and
 * line rows (Line Type), a register, and a customer code */
static int vend_sales(const struct source *S)
{
	return column_named(S, "linetype") >= 0 && column_named(S, "register") >= 0 &&
	       column_named(S, "customercode") >= 0;
}

static const char *abandoned_checkouts(const struct source *S)
{
	for (size_t c = 0; c < S->named; c++) {
		const char *h = S->h.names[c];
		if (strncasecmp(h, "abandoned", 9) == 0 &&
		    (strcasestr(h, "checkout") || strcasestr(h, "cart")) && !strcasestr(h, "mail") &&
		    !strcasestr(h, "sent") && !strcasestr(h, "reminder"))
			return h;
	}
	return NULL;
}
static int map_source(fu_import *im, struct source *S)
{
	hm_build(&S->h, im->kind, &S->m);
	int named[T_COUNT] = {0};
	S->referrer_col = -1;
	for (size_t i = 0; i < im->o.nmaps; i++) {
		const fu_import_map *mp = &im->o.maps[i];
		int t = hm_target_find(mp->column);
		if (strcmp(mp->column, "referred_by") == 0) {
			/* a contacts list's referrer column, passed through as fu(7)'s
			 * referred_by; an events input's referrer is the referral's */
			if (im->kind == HM_EVENTS) {
				t = T_REFERRER;
			} else {
				long c = mp->header[0] ? fu_header_find(&S->h, mp->header) : -1;
				if (mp->header[0] && c < 0) {
					fu_warn("%s: --map referred_by=%s: no such column in the header",
					        fu_input_name(S->path), mp->header);
					return -1;
				}
				S->referrer_col = c;
				for (int u = 0; u < T_COUNT; u++) /* the column is the referrer's, not the contact's */
					if (c >= 0 && S->m.src[u] == c && !S->m.user[u])
						S->m.src[u] = -1;
				continue;
			}
		}
		if (!(hm_target_kinds(t) & im->kind)) {
			fu_warn("--map %s: not a column of %s", mp->column, kind_name(im->kind));
			return -1;
		}
		if (!named[t]) {
			for (int a = 0; a < HM_ALT; a++)
				S->m.alt[t][a] = -1;
			S->m.multi[t] = 0;
		}
		if (mp->header[0] == '\0') {
			if (t == T_VALUE)
				S->m.value_per_line = 0;
			S->m.src[t] = -1;
			S->m.user[t] = 1;
			named[t] = 1;
			continue;
		}
		long c = fu_header_find(&S->h, mp->header);
		if (c < 0) {
			fu_warn("%s: --map %s=%s: no such column in the header", fu_input_name(S->path),
			        mp->column, mp->header);
			return -1;
		}
		for (int u = 0; u < T_COUNT; u++) /* a column feeds one target */
			if (u != t && S->m.src[u] == c && !S->m.user[u])
				S->m.src[u] = -1;
		if (t == T_VALUE && S->m.src[T_VALUE] != c)
			S->m.value_per_line = 0; /* not the line's amount found */
		if (named[t] && S->m.src[t] >= 0) {
			int a = 0;
			while (a < HM_ALT && S->m.alt[t][a] >= 0)
				a++;
			if (a == HM_ALT) {
				fu_warn("--map %s: at most %d fallback columns", mp->column, HM_ALT);
				return -1;
			}
			S->m.alt[t][a] = c;
		} else {
			S->m.src[t] = c;
		}
		S->m.user[t] = 1;
		S->m.why[t] = "--map";
		if (t == T_ORDER) /* an order number, by the user's word */
			S->m.order_named = 1;
		named[t] = 1;
	}
	if (paypal_source(im, S) != 0)
		return -1;
	/* an e-mail column under a header the table does not know ("Business
	 * Email", "Email ID", "Emails"): taken by its values (trial 6/23) */
	long by;
	int several = 0;
	if (S->m.src[T_EMAIL] < 0 && !S->m.user[T_EMAIL] &&
	    (by = column_by_values(im, S, BY_EMAIL, &several)) >= 0) {
		S->m.src[T_EMAIL] = by;
		S->m.multi[T_EMAIL] = several; /* a list: passed through whole too */
		S->m.why[T_EMAIL] = "its values are e-mail addresses";
		fu_warn("%s: note: \"%s\" read as the e-mail: its values are e-mail addresses (--map "
		        "email= if it is not)", fu_input_name(S->path), S->h.names[by]);
	}
	if (im->kind == HM_EVENTS) {
		S->m.shopify = !S->paypal && hm_orders_export(&S->m);
		/* an orders export whose status column has a header the table does
		 * not know ("State", "Stato ordine"): taken by its values, else every
		 * cancelled order would be a purchase (trial 6/31) */
		if (S->m.shopify && S->m.src[T_FINSTATUS] < 0 && !S->m.user[T_FINSTATUS] &&
		    (by = column_by_values(im, S, BY_STATUS, &several)) >= 0) {
			S->m.src[T_FINSTATUS] = by;
			S->m.why[T_FINSTATUS] = "its values are order statuses";
			fu_warn("%s: note: \"%s\" read as the order status: its values are order statuses "
			        "(--map financial_status= if it is not)", fu_input_name(S->path), S->h.names[by]);
		}
		if (S->m.shopify && !S->m.user[T_NOTE])
			S->m.src[T_NOTE] = -1; /* the note is the order's name */
		if (S->m.shopify && vend_sales(S)) {
			/* Vend / Lightspeed Retail X-Series sales: its own statuses
			 * (fu_import_open), the line's product in Details */
			S->vend = 1;
			long d = column_named(S, "details");
			if (S->m.src[T_ITEM] < 0 && !S->m.user[T_ITEM] && d >= 0)
				S->m.src[T_ITEM] = d;
		}
		S->abandoned = abandoned_checkouts(S);
	}
	for (int t = 0; t < T_COUNT; t++)
		S->use[t] = (hm_target_kinds(t) & im->kind) && S->m.src[t] >= 0;
	S->reach = S->named;
	for (int t = 0; t < T_COUNT; t++)
		for (int a = -1; a < HM_ALT; a++) {
			long c = a < 0 ? S->m.src[t] : S->m.alt[t][a];
			if (c >= 0 && (size_t)c + 1 > S->reach)
				S->reach = (size_t)c + 1;
		}
	S->colflags = fu_xcalloc(S->h.n ? S->h.n : 1, 1);
	for (size_t c = 0; c < S->h.n; c++)
		S->colflags[c] = (unsigned char)hm_column_flags(S->h.names[c], im->kind);
	S->product_details = S->m.src[T_ITEM] >= 0 && (S->colflags[S->m.src[T_ITEM]] & HM_DETAILS);
	if (im->kind == HM_EVENTS && !S->m.shopify)
		S->use[T_FINSTATUS] = S->use[T_CANCELLED] = S->use[T_ORDER] = S->use[T_REFUNDED] =
			S->use[T_PAID] = S->use[T_OPTIN] = 0; /* a buyer's consent: an orders export's */
	S->tickets = im->kind == HM_EVENTS && hm_tickets_export(&S->m);
	S->survey = im->kind == HM_EVENTS && hm_survey_export(&S->m);
	S->referrals = im->kind == HM_EVENTS && hm_referrals_export(&S->m);
	if (S->tickets && !S->use[T_TICKET]) {
		/* Zendesk's "Id" is the ticket's */
		long c = fu_header_find(&S->h, "Id");
		if (c < 0)
			c = fu_header_find(&S->h, "ID");
		if (c >= 0) {
			for (int t = 0; t < T_COUNT; t++)
				if (S->m.src[t] == c && !S->m.user[t])
					S->m.src[t] = -1, S->use[t] = 0;
			S->m.src[T_TICKET] = c;
			S->use[T_TICKET] = 1;
		}
	}
	if (S->tickets && !S->m.user[T_TYPE])
		S->use[T_TYPE] = 0; /* a ticket's type (Problem, Question) passes through */
	/* and a deal's (Salesforce's New Business, Existing Business) */
	if (im->kind == HM_EVENTS && S->m.shopify && !S->m.user[T_TYPE] && S->m.why[T_FINSTATUS] &&
	    (strstr(S->m.why[T_FINSTATUS], " deals") || strstr(S->m.why[T_FINSTATUS], " opportunities")))
		S->use[T_TYPE] = 0;
	S->sales = im->kind == HM_EVENTS && !S->m.shopify && !S->tickets && !S->survey && !S->referrals &&
	           !S->paypal && !S->use[T_TYPE] && S->use[T_VALUE];
	/* a typed export with an order's or transaction's number (Square's
	 * "Transaction ID"); never a person's "Name" or a bare "id" */
	S->typed_orders = im->kind == HM_EVENTS && !S->m.shopify && !S->tickets && !S->survey &&
	                  !S->referrals && !S->paypal && S->use[T_TYPE] && S->m.src[T_ORDER] >= 0 &&
	                  (S->m.order_named || (strcasecmp(S->h.names[S->m.src[T_ORDER]], "name") != 0 &&
	                                        strcasecmp(S->h.names[S->m.src[T_ORDER]], "id") != 0));
	if (S->typed_orders)
		S->use[T_ORDER] = 1;
	meeting_columns(im, S);
	S->zone_col = im->kind == HM_EVENTS && !S->paypal ? zone_column(S) : -1; /* PayPal: paypal_zone */
	if (S->meetings && S->zone_col < 0) {
		/* a scheduling tool's times are wall-clock times of the booking's
		 * zone (Calendly's "Start Date & Time" beside its "Invitee Time
		 * Zone"): the event's own zone first, else the invitee's */
		static const char *const zones[] = {"eventtypetimezone", "eventtimezone",
		                                    "meetingtimezone", "inviteetimezone",
		                                    "attendeetimezone", "timezone"};
		S->zone_col = column_named_any(S, zones, sizeof zones / sizeof zones[0]);
	}
	static const char *const flags[] = {"fullyrefunded", "disputed", "disputewon",
	                                    "preorderauthorization", "freetrialpurchase"};
	for (int k = 0; k < 5; k++)
		S->flag[k] = S->m.shopify && !S->use[T_FINSTATUS] ? column_named(S, flags[k]) : -1;
	S->dnc_col = -1;
	if (S->m.shopify && !S->use[T_OPTIN] && (S->dnc_col = column_named(S, "donotcontact")) < 0)
		S->dnc_col = column_named(S, "donotemail");
	payment_state_columns(S);
	S->mode_col = S->m.shopify ? column_named(S, "mode") : -1;
	S->livemode_col = S->m.shopify ? column_named(S, "livemode") : -1;
	/* a weak name header (QuickBooks' "Customer") whose values are no
	 * names (ids, yes and no): no name column, passed through */
	if (im->kind == HM_CONTACTS && S->use[T_NAME] && !S->m.user[T_NAME] &&
	    (hm_column_flags(S->h.names[S->m.src[T_NAME]], im->kind) & HM_NAMES) &&
	    !column_of_names(S, S->m.src[T_NAME])) {
		S->m.src[T_NAME] = -1;
		S->use[T_NAME] = 0;
	}
	/* "Name" beside "Last name" and no first name (MailerLite's export):
	 * the first name (trials9/16) */
	if (im->kind == HM_CONTACTS && S->use[T_NAME] && !S->use[T_FIRST] && S->use[T_LAST] &&
	    !S->m.user[T_NAME] && strcasecmp(S->h.names[S->m.src[T_NAME]], "name") == 0) {
		S->m.src[T_FIRST] = S->m.src[T_NAME];
		S->m.why[T_FIRST] = "\"Name\" beside a last name: the first name (MailerLite)";
		S->m.src[T_NAME] = -1;
		S->use[T_NAME] = 0;
		S->use[T_FIRST] = 1;
	}
	/* the other way round: a word that is "name" itself ("Nombre", "Nome",
	 * "Imię", "Jméno"), the first name beside a last name, with no last
	 * name column is the whole name ("Maria Silva"), split as "Name" is */
	if (im->kind == HM_CONTACTS && S->use[T_FIRST] && !S->use[T_LAST] && !S->use[T_NAME] &&
	    !S->m.user[T_FIRST] && (hm_column_flags(S->h.names[S->m.src[T_FIRST]], im->kind) & HM_ALONE_FULL)) {
		S->m.src[T_NAME] = S->m.src[T_FIRST];
		S->m.why[T_NAME] = "a word for \"name\" with no last name column: the whole name, split";
		S->m.src[T_FIRST] = -1;
		S->use[T_FIRST] = 0;
		S->use[T_NAME] = 1;
	}
	if (im->kind == HM_CONTACTS && (S->use[T_FIRST] || S->use[T_LAST])) {
		/* the first and last names are read; a full name beside them
		 * (Xero's "*ContactName") only where both are empty */
		S->name_stand_in = S->use[T_NAME];
		S->use[T_PERSON] = 0;
	}
	party_columns(S);
	company_flag_column(im, S);
	/* an orders export with no key of its buyer (Etsy's Sold Orders has
	 * none): its purchases would join no contact, one error */
	if (im->kind == HM_EVENTS && S->m.shopify && !S->use[T_EMAIL] && !S->use[T_PHONE] &&
	    !S->use[T_CONTACT_ID] && !S->use[T_CUSTOMER]) {
		fu_warn("%s: an orders export with no column for the buyer's e-mail, phone or customer "
		        "id: its purchases would join no contact (Etsy's Sold Orders carries none: take "
		        "the e-mails from another export); name one with --map email=HEADER",
		        fu_input_name(S->path));
		return -1;
	}
	/* without a key nothing of the input can be imported: one error */
	if (im->kind == HM_CONTACTS && !S->use[T_EMAIL] && !S->use[T_PHONE] && S->h.n) {
		/* the first few names: a header may have 100,000 */
		enum { SHOWN = 8 };
		fu_buf cols = {0};
		for (size_t c = 0; c < S->named && c < SHOWN; c++)
			fu_buf_printf(&cols, "%s%s", c ? ", " : "", quote_value(S->h.names[c],
			              strlen(S->h.names[c]), &im->cell));
		if (S->named > SHOWN)
			fu_buf_printf(&cols, " and %zu more", S->named - SHOWN);
		/* a spreadsheet's title above the table ("Asiakasrekisteri 2026;;;")
		 * is read as the header: --map cannot help, dropping lines can */
		const char *title = S->named == 1
			? "; if that line is a title above the table, give the header's line (for a "
			  "header on line 3: --header-line 3)"
			: "";
		fu_warn("%s: no column for the e-mail or the phone (the header%s has %s); name it with "
		        "--map email=HEADER or --map phone=HEADER%s",
		        fu_input_name(S->path), S->header_line > 1 ? header_at(S, &im->tmp) : "",
		        cols.data, title);
		fu_buf_free(&cols);
		return -1;
	}
	return 0;
}

/* ---- the order of each date column ---------------------------------------- */

static const int date_targets[] = {T_CREATED, T_UNSUB, T_WHEN, T_PAID, T_CONSENT_AT};
enum { NDATES = sizeof date_targets / sizeof date_targets[0] };

struct tally {
	unsigned long dmy, mdy, amb, other;
	unsigned long clock12; /* a/b/yyyy with an AM/PM time: a US habit */
	char ex_dmy[24], ex_mdy[24], ex_amb[24], ex_clock12[32];
};

/* Does S end in a 12-hour time ("2:22 PM", "2:22pm", "2:22 p.m.")? */
static int twelve_hour_clock(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	if (n < 4 || (tolower((unsigned char)s[n - 1]) != 'm'))
		return 0;
	size_t i = n - 1;
	if (s[i - 1] == '.')
		i--; /* p.m. */
	char ap = (char)tolower((unsigned char)s[i - 1]);
	if (ap != 'a' && ap != 'p')
		return 0;
	i--;
	while (i && s[i - 1] == ' ')
		i--;
	return i && isdigit((unsigned char)s[i - 1]) && memchr(s, ':', i);
}

static void tally_value(struct tally *t, const char *s, size_t n)
{
	int a, b;
	if (!norm_date_slashed(s, n, &a, &b)) {
		t->other++;
		return;
	}
	if (twelve_hour_clock(s, n) && t->clock12++ == 0)
		snprintf(t->ex_clock12, sizeof t->ex_clock12, "%.*s", (int)(n < 28 ? n : 28), s);
	char *ex = NULL;
	if (a > 12 && b <= 12)
		t->dmy++, ex = t->ex_dmy;
	else if (b > 12 && a <= 12)
		t->mdy++, ex = t->ex_mdy;
	else if (a <= 12 && b <= 12)
		t->amb++, ex = t->ex_amb;
	if (ex && !ex[0])
		snprintf(ex, sizeof t->ex_dmy, "%.*s", (int)(n < 20 ? n : 20), s);
}

/* what a scan of the values looks for; when a date column's own values
 * decide nothing, the file's other a/b/yyyy cells (a "Date Modified" passed
 * through) and its phones and countries (mostly North American: +1, US, CA)
 * are the evidence */
struct scan {
	int dates, amounts, consent;
	unsigned char *gives; /* consent: each column, does a value give consent? */
	/* opt-in columns: each column's cells that are dates (MailerLite's
	 * "Subscribed": when they subscribed) and cells that are not */
	unsigned long *dated, *undated;
	/* a region column named "state" (Kit's export): its cells that are a
	 * subscriber state (active, cancelled, bounced ...) and others */
	long state_col;
	unsigned long nstate_words, nstate_other;
	/* a plain "status" consent column: its cells that are a newsletter
	 * tool's subscriber states, those only Beehiiv writes, and others */
	long status_col;
	unsigned long nstatus_words, nstatus_beehiiv, nstatus_other;
	struct tally tl[NDATES];
	norm_marks mk; /* the value column's decimal marks */
	struct tally others;
	unsigned long north_american, elsewhere;
	int evidence; /* EV_*: the kinds of cell that told North American or not */
	/* each phone source column (as in source.phone_na): its numbers with
	 * +1, with another code, and bare ones of ten digits as NANP has them */
	int phones;
	unsigned long na_other, else_other; /* of them, the zones, currencies and countries */
	unsigned long plus1[1 + HM_ALT], plus_other[1 + HM_ALT], bare_na[1 + HM_ALT];
	unsigned long bare_other[1 + HM_ALT]; /* national numbers not of NANP's shape */
};

/* the kinds of region evidence a file's cells gave */
enum { EV_ZONE = 1, EV_CURRENCY = 2, EV_NANP = 4 };

/* Is source column C one a date target reads? */
static int date_source(const struct source *S, size_t c)
{
	for (size_t k = 0; k < NDATES; k++) {
		int t = date_targets[k];
		if (!S->use[t])
			continue;
		if (S->m.src[t] == (long)c)
			return 1;
		for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0; a++)
			if (S->m.alt[t][a] == (long)c)
				return 1;
	}
	return 0;
}

/* Is S (N bytes) a national number as North America writes it: ten
 * digits grouped "(212) 555-0100" or "212-555-0100", the area code and the
 * exchange starting 2-9?  Europe's national numbers start with a trunk 0,
 * and their grouping has no parentheses around three digits. */
/* Is the country code CC (two letters, either case) US or CA?  (Asked of
 * every phone read in the default --country: no strcasecmp calls.) */
static int us_or_canada(const char *cc)
{
	char a = (char)(cc[0] | 0x20), b = cc[1] ? (char)(cc[1] | 0x20) : 0;
	return cc[1] && !cc[2] && ((a == 'u' && b == 's') || (a == 'c' && b == 'a'));
}

static int nanp_written(const char *s, size_t n)
{
	char shape[24];
	size_t k = 0, digits = 0;
	const char *d[10];
	for (size_t i = 0; i < n && k + 1 < sizeof shape; i++) {
		char c = s[i];
		if (isdigit((unsigned char)c)) {
			if (digits < 10)
				d[digits] = s + i;
			digits++;
			c = '9';
		} else if (c != '(' && c != ')' && c != '-' && c != ' ') {
			return 0;
		}
		shape[k++] = c;
	}
	shape[k] = '\0';
	if (digits != 10 || *d[0] < '2' || *d[3] < '2')
		return 0;
	return strcmp(shape, "(999) 999-9999") == 0 || strcmp(shape, "(999)999-9999") == 0 ||
	       strcmp(shape, "999-999-9999") == 0;
}

/* Is S (N bytes) a number as NANP numbers are, written without + or its
 * country code: ten digits (2125550100, 212.555.0100), or eleven after
 * the 1 (1-212-555-0100), the area code and the exchange starting 2-9?
 * A trunk 0 (Europe's national numbers) is never one. */
static int nanp_digits(const char *s, size_t n)
{
	char d[12];
	size_t digits = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (isdigit((unsigned char)c)) {
			if (digits >= 11)
				return 0;
			d[digits++] = c;
		} else if (!strchr(" -.()\t", c) || c == '\0') {
			return 0;
		}
	}
	const char *a = digits == 11 && d[0] == '1' ? d + 1 : d;
	return (digits == 10 || (digits == 11 && d[0] == '1')) && a[0] >= '2' && a[3] >= '2';
}

/* a phone source column's cell (slot K of struct scan's): +1, another
 * code, or bare and of NANP's shape; anything else says nothing */
static void tally_phone_column(struct scan *sc, int k, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\'' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || norm_placeholder(s, n))
		return;
	if (s[0] == '+' || (n > 2 && s[0] == '0' && s[1] == '0')) {
		size_t i = s[0] == '+' ? 1 : 2;
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == '1' && (i + 1 == n || !isdigit((unsigned char)s[i + 1]) ||
		                             nanp_digits(s + i + 1, n - i - 1)))
			sc->plus1[k]++;
		else
			sc->plus_other[k]++;
	} else if (nanp_digits(s, n)) {
		if (!nanp_written(s, n))
			sc->bare_na[k]++; /* "(212) 555-0100" is read as +1 whatever the column */
	} else if (isdigit((unsigned char)s[0]) || s[0] == '(') {
		sc->bare_other[k]++; /* 040 123 4567: the column's are not mostly +1 */
	}
}

/* a time-zone cell (a contact's tz, an export's "Time Zone": America/Chicago,
 * Square's "Pacific Time (US & Canada)", PST): North American or not */
static void tally_zone(struct scan *sc, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (!n || norm_placeholder(s, n))
		return;
	if (norm_zone_north_american(s, n) || fu_paypal_zone_american(s, n))
		sc->north_american++, sc->na_other++;
	else if (memchr(s, '/', n) && !(n >= 8 && strncmp(s, "Etc/", 4) == 0))
		sc->elsewhere++, sc->else_other++; /* Europe/Helsinki, America/Sao_Paulo */
	else
		return; /* UTC, an abbreviation of elsewhere we may not know */
	sc->evidence |= EV_ZONE;
}

/* a currency cell, or the currency written with an amount: USD and CAD are
 * North American, another ISO 4217 code is not; "$" alone says nothing */
static void tally_currency(struct scan *sc, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n != 3 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]) ||
	    !isalpha((unsigned char)s[2]))
		return;
	if (strncasecmp(s, "USD", 3) == 0 || strncasecmp(s, "CAD", 3) == 0)
		sc->north_american++, sc->na_other++;
	else
		sc->elsewhere++, sc->else_other++;
	sc->evidence |= EV_CURRENCY;
}

/* a phone or a country cell: North American or not (or neither: empty) */
static void tally_region(struct scan *sc, const char *s, size_t n, int phone)
{
	while (n && (*s == ' ' || *s == '\'' || *s == '\t'))
		s++, n--;
	if (!n || norm_placeholder(s, n))
		return;
	int na;
	if (phone) {
		if (s[0] == '+')
			na = n > 1 && s[1] == '1';
		else if (n > 2 && s[0] == '0' && s[1] == '0')
			na = s[2] == '1';
		else if (nanp_written(s, n))
			na = 1, sc->evidence |= EV_NANP;
		else
			return; /* another national number says nothing */
	} else {
		const char *iso = norm_country(s, n);
		if (!iso)
			return;
		na = strcmp(iso, "US") == 0 || strcmp(iso, "CA") == 0;
		if (na)
			sc->na_other++;
		else
			sc->else_other++;
	}
	if (na)
		sc->north_american++;
	else
		sc->elsewhere++;
}

/* a value as tallied: an Excel text cell ="..." as its text */
static void tally_amount_cell(norm_marks *mk, const char *s, size_t n)
{
	if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"' && !memchr(s + 2, '"', n - 3))
		s += 2, n -= 3;
	norm_marks_add(mk, s, n);
}

static void tally_value_cell(struct tally *t, const char *s, size_t n)
{
	if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"' && !memchr(s + 2, '"', n - 3))
		s += 2, n -= 3;
	tally_value(t, s, n);
}

static int blank(const char *s, size_t n);

/* Is S a date (2026-10-01 10:00:00, 1.10.2026, 10/01/2026): digits and
 * two of '-', '/', '.' among its first ten characters?  In an opt-in column
 * it is when they opted in, not a yes or no. */
static int looks_dated(const char *s, size_t n)
{
	size_t digits = 0, seps = 0;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (!n || s[0] < '0' || s[0] > '9')
		return 0;
	for (size_t i = 0; i < n && i < 10; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '-' || s[i] == '/' || s[i] == '.')
			seps++;
		else
			return 0;
	}
	return seps == 2 && digits >= 4;
}

/* A newsletter tool's subscriber states (Beehiiv's active, inactive,
 * pending, and the ones only it writes: invalid, validating, needs
 * attention / approval), as its export's plain "status" column has them */
static const char *const subscriber_states[] = {"active", "inactive", "pending"};
#define NSUBSCRIBER_STATES (sizeof subscriber_states / sizeof *subscriber_states)
static const char *const beehiiv_only[] = {"invalid", "validating", "needs attention",
                                           "needs approval"};
#define NBEEHIIV_ONLY (sizeof beehiiv_only / sizeof *beehiiv_only)

/* A plain "status" consent column of a contacts list (not one --map
 * named) that may be Beehiiv's subscriber status, read by its values, or
 * -1 */
static long status_column(const fu_import *im, const struct source *S)
{
	long c = S->m.src[T_CONSENT];
	if (im->kind != HM_CONTACTS || !S->use[T_CONSENT] || S->m.user[T_CONSENT] || c < 0 ||
	    (S->colflags[c] & (HM_WEAK | HM_LIST)) != HM_WEAK)
		return -1;
	return strcasecmp(S->h.names[c], "status") == 0 ? c : -1;
}

/* Does the header name a column only a newsletter tool's subscriber export
 * has (Beehiiv's subscription tier, UTM channel, referring site)? */
static int newsletter_header(const struct source *S)
{
	static const char *const names[] = {"subscription_tier", "subscription_premium_tier_names",
	                                    "utm_channel", "referring_site"};
	for (size_t c = 0; c < S->h.n; c++)
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			if (strcasecmp(S->h.names[c], names[i]) == 0)
				return 1;
	return 0;
}

/* does an opt-in cell give consent (yes, checked, Subscribed ...)? */
static int gives_consent(const char *s, size_t n)
{
	if (blank(s, n))
		return 0;
	int f = norm_consent_word(s, n);
	return f == 0 || (f < 0 && norm_flag(s, n) == 1);
}

static void tally_record(const struct source *S, const fu_record *rec, struct scan *sc)
{
	if (rec->error || rec->nfields < S->named)
		return;
	if (sc->amounts && S->use[T_VALUE])
		tally_amount_cell(&sc->mk, rec->fields[S->m.src[T_VALUE]], rec->lens[S->m.src[T_VALUE]]);
	for (int a = -1; sc->consent && a < HM_ALT; a++) {
		long c = a < 0 ? S->m.src[T_OPTIN] : S->m.alt[T_OPTIN][a];
		if (c < 0)
			break;
		if (gives_consent(rec->fields[c], rec->lens[c]))
			sc->gives[c] = 1;
		if (!blank(rec->fields[c], rec->lens[c]))
			(looks_dated(rec->fields[c], rec->lens[c]) ? sc->dated : sc->undated)[c]++;
	}
	if (sc->state_col >= 0 && !blank(rec->fields[sc->state_col], rec->lens[sc->state_col])) {
		static const char *const states[] = {"cancelled", "canceled", "inactive"};
		const char *s = rec->fields[sc->state_col];
		size_t n = rec->lens[sc->state_col];
		if (norm_opt_out_word(s, n) || norm_consent_word(s, n) == 0 ||
		    norm_word_listed(s, n, states, 3))
			sc->nstate_words++;
		else
			sc->nstate_other++;
	}
	if (sc->status_col >= 0 && !blank(rec->fields[sc->status_col], rec->lens[sc->status_col])) {
		const char *s = rec->fields[sc->status_col];
		size_t n = rec->lens[sc->status_col];
		if (norm_word_listed(s, n, beehiiv_only, NBEEHIIV_ONLY))
			sc->nstatus_beehiiv++;
		else if (norm_word_listed(s, n, subscriber_states, NSUBSCRIBER_STATES) ||
		         norm_opt_out_word(s, n))
			sc->nstatus_words++;
		else
			sc->nstatus_other++;
	}
	struct tally *tl = sc->tl;
	for (size_t k = 0; k < sizeof date_targets / sizeof date_targets[0] && sc->dates; k++) {
		int t = date_targets[k];
		if (!S->use[t])
			continue;
		tally_value_cell(&tl[k], rec->fields[S->m.src[t]], rec->lens[S->m.src[t]]);
		for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0; a++)
			tally_value_cell(&tl[k], rec->fields[S->m.alt[t][a]], rec->lens[S->m.alt[t][a]]);
	}
	for (int k = 0; sc->phones && k < 1 + HM_ALT; k++) {
		long c = k == 0 ? S->m.src[T_PHONE] : S->m.alt[T_PHONE][k - 1];
		if (c < 0)
			break;
		tally_phone_column(sc, k, rec->fields[c], rec->lens[c]);
	}
	if (!sc->dates && !sc->phones)
		return;
	for (size_t c = 0; sc->dates && c < rec->nfields && c < S->h.n; c++)
		if (rec->lens[c] >= 6 && rec->lens[c] <= 32 && memchr(rec->fields[c], '/', rec->lens[c]) &&
		    !date_source(S, c))
			tally_value_cell(&sc->others, rec->fields[c], rec->lens[c]);
	if (S->use[T_PHONE])
		tally_region(sc, rec->fields[S->m.src[T_PHONE]], rec->lens[S->m.src[T_PHONE]], 1);
	if (S->use[T_COUNTRY])
		tally_region(sc, rec->fields[S->m.src[T_COUNTRY]], rec->lens[S->m.src[T_COUNTRY]], 0);
	if (S->use[T_TZ])
		tally_zone(sc, rec->fields[S->m.src[T_TZ]], rec->lens[S->m.src[T_TZ]]);
	if (S->zone_col >= 0 && (size_t)S->zone_col < rec->nfields)
		tally_zone(sc, rec->fields[S->zone_col], rec->lens[S->zone_col]);
	if (S->use[T_CURRENCY])
		tally_currency(sc, rec->fields[S->m.src[T_CURRENCY]], rec->lens[S->m.src[T_CURRENCY]]);
	else if (S->use[T_VALUE]) {
		char cur[8];
		norm_amount_mark(rec->fields[S->m.src[T_VALUE]], rec->lens[S->m.src[T_VALUE]], cur);
		tally_currency(sc, cur, strlen(cur));
	}
	/* PayPal's zone is its account's: a US or Canadian one writes month first */
	if (S->paypal && S->pp.zone >= 0 && (size_t)S->pp.zone < rec->nfields &&
	    !blank(rec->fields[S->pp.zone], rec->lens[S->pp.zone])) {
		if (fu_paypal_zone_american(rec->fields[S->pp.zone], rec->lens[S->pp.zone]))
			sc->north_american++;
		else
			sc->elsewhere++;
	}
}

/* Read the date and amount columns of every record once more (a file is
 * opened again; standard input, read once, is judged by the sample the
 * dialect was guessed from).  Returns a description of what was read. */
static const char *scan_values(fu_import *im, struct source *S, struct scan *sc, int sample_only)
{
	FILE *raw = NULL, *fp = NULL;
	fu_dialect d2;
	memset(&d2, 0, sizeof d2);
	int whole = S->d.sample_whole || (!sample_only && strcmp(S->path, "-") != 0);
	if (!S->d.sample_whole && !sample_only && strcmp(S->path, "-") != 0) {
		raw = fopen(S->path, "rb");
		if (raw)
			fp = dialect_open(raw, S->path, S->d.delim, im->o.encoding, &d2);
		dialect_sample_free(&d2);
		if (!fp)
			whole = 0;
	}
	if (!fp) {
		if (raw)
			fclose(raw);
		raw = NULL;
		/* a sample cut short ends with a cut record: left out */
		size_t len = S->d.sample_len;
		if (!S->d.sample_whole)
			while (len > 0 && S->d.sample[len - 1] != '\n')
				len--;
		fp = len ? fmemopen(S->d.sample, len, "r") : NULL;
		if (!fp)
			return "no values";
	}
	fu_csv_reader *r = fu_csv_open(fp, S->path, S->d.delim);
	fu_record *rec;
	int got;
	while ((got = fu_csv_next(r, &rec)) > 0 && rec->line < S->header_line)
		; /* the rows above the header (a title), then the header */
	while (got > 0 && (got = fu_csv_next(r, &rec)) > 0)
		tally_record(S, rec, sc);
	fu_csv_close(r);
	if (raw) {
		dialect_close(fp, raw);
		fclose(raw);
	} else {
		fclose(fp);
	}
	return whole ? "all its values"
	       : sample_only ? "the values in the first 256 KiB"
	                     : "the values in the first 256 KiB (standard input is read once)";
}

/* The decimal mark of the value column, for amounts like "1,234" that no
 * currency settles: the mark more of its values can only be read with. */
static void decide_amounts(struct source *S, const norm_marks *mk, const char *basis)
{
	char *why = S->order_why[T_VALUE];
	size_t sz = sizeof S->order_why[T_VALUE];
	if (!norm_marks_decide(mk)) {
		S->order[T_VALUE] = 0;
		snprintf(why, sz, "no value among %s decides the decimal mark: a lone '.' or ',' before "
		         "three digits ('1,234') is a thousands separator when a currency is written "
		         "with it, else the value is left empty", basis);
		return;
	}
	int comma = norm_marks_decide(mk) == ',';
	unsigned long won = comma ? mk->comma : mk->point, lost = comma ? mk->point : mk->comma;
	S->order[T_VALUE] = comma ? ',' : '.';
	snprintf(why, sz, "decimal mark '%c': among %s, %lu can only be read with a decimal %s "
	         "(like '%s'), %lu with a decimal %s%s%s%s", comma ? ',' : '.', basis, won,
	         comma ? "comma" : "point", comma ? mk->ex_comma : mk->ex_point, lost,
	         comma ? "point" : "comma", lost ? " (like '" : "",
	         lost ? (comma ? mk->ex_point : mk->ex_comma) : "", lost ? "')" : "");
}

/* Drop column C from target T's sources (the first alternate takes its
 * place) */
static void drop_source(struct source *S, int t, long c)
{
	long *alt = S->m.alt[t];
	if (S->m.src[t] == c) {
		S->m.src[t] = alt[0];
		c = alt[0];
	}
	for (int a = 0; a < HM_ALT; a++)
		if (alt[a] == c && c >= 0) {
			for (int b = a; b + 1 < HM_ALT; b++)
				alt[b] = alt[b + 1];
			alt[HM_ALT - 1] = -1;
			break;
		}
	S->use[t] = S->m.src[t] >= 0;
}

/* Add column C to target T's sources (as an alternate when it has one) */
static void add_source(struct source *S, int t, long c)
{
	if (S->m.src[t] < 0) {
		S->m.src[t] = c;
	} else {
		for (int a = 0; a < HM_ALT; a++)
			if (S->m.alt[t][a] < 0) {
				S->m.alt[t][a] = c;
				break;
			}
	}
	S->use[t] = 1;
}

/* A contacts list's region column headed just "state" (Kit's export has
 * one: first_name, email_address, state, created_at), read by its values,
 * or -1 */
static long state_column(const fu_import *im, const struct source *S)
{
	long c = S->m.src[T_REGION];
	if (im->kind != HM_CONTACTS || !S->use[T_REGION] || S->m.user[T_REGION] || c < 0)
		return -1;
	return strcasecmp(S->h.names[c], "state") == 0 ? c : -1;
}

/* Every value of region column C is a subscriber state (active, cancelled,
 * bounced, complained, inactive: Kit's), none a state or province: the
 * column is the list's status (trials9/15) */
static void state_is_consent(struct source *S, long c)
{
	drop_source(S, T_REGION, c);
	add_source(S, T_CONSENT, c);
	if (S->m.src[T_CONSENT] == c)
		S->m.why[T_CONSENT] = "Kit (ConvertKit): its values are subscriber states";
	S->colflags[c] |= HM_WEAK | HM_LIST;
}

/* An opt-in column all of whose values are dates ("Subscribed" in
 * MailerLite's export) says when they subscribed: the contact's created
 * time, when no other column gives it (trials9/16).  Else it stays an
 * opt-in column, where a date is consent given (consent_says): the column
 * is read, not passed through, either way. */
static void dated_opt_in(struct source *S, const unsigned long *dated, const unsigned long *undated)
{
	for (int a = HM_ALT - 1; a >= -1 && !S->use[T_CREATED]; a--) {
		long c = a < 0 ? S->m.src[T_OPTIN] : S->m.alt[T_OPTIN][a];
		if (c < 0 || !dated[c] || undated[c] || S->m.user[T_OPTIN])
			continue;
		drop_source(S, T_OPTIN, c);
		add_source(S, T_CREATED, c);
		S->m.why[T_CREATED] = "an opt-in column whose values are dates: when they subscribed";
	}
}

/* Each phone column's bare ten-digit numbers (2125550100): North
 * American (+1) when the column's numbers are mostly +1 (more than those
 * with another code and the national ones of another shape together), or,
 * with none written with a code, when the file's other cells (zones,
 * currencies, countries, "(212) 555-0100") are mostly North American.
 * Else they stay numbers of the default --country, as before; and a
 * country the user implied keeps its own numbers (key_value). */
static void decide_phone_columns(struct source *S, const struct scan *sc)
{
	for (int k = 0; k < 1 + HM_ALT; k++) {
		char *why = S->phone_na_why[k];
		size_t sz = sizeof S->phone_na_why[k];
		if (!sc->bare_na[k])
			continue;
		if (sc->plus1[k] > sc->plus_other[k] + sc->bare_other[k]) {
			S->phone_na[k] = 1;
			snprintf(why, sz, "%lu of its numbers written with a country code are +1, %lu "
			         "another, and %lu are national numbers of another shape", sc->plus1[k],
			         sc->plus_other[k], sc->bare_other[k]);
		} else if (!sc->plus1[k] && !sc->plus_other[k] && sc->na_other > sc->else_other) {
			S->phone_na[k] = 1;
			snprintf(why, sz, "it has no number with a country code, and %lu of the file's "
			         "countries, time zones and currencies are North American, %lu elsewhere",
			         sc->na_other, sc->else_other);
		}
	}
}

static void decide_columns(fu_import *im, struct source *S)
{
	struct scan sc;
	memset(&sc, 0, sizeof sc);
	int any = 0;
	for (size_t k = 0; k < NDATES; k++)
		any |= S->use[date_targets[k]];
	sc.dates = any && im->o.date_order < 0;
	sc.amounts = S->use[T_VALUE];
	sc.consent = im->kind == HM_CONTACTS && S->use[T_OPTIN];
	sc.state_col = state_column(im, S);
	sc.status_col = status_column(im, S);
	/* phones read in the default --country, which is not North American:
	 * is a column's evidence that its numbers are? */
	sc.phones = S->use[T_PHONE] && !im->o.country_given && !us_or_canada(im->o.country);
	if (!any && !sc.amounts && !sc.consent && sc.state_col < 0 && sc.status_col < 0 && !sc.phones)
		return;
	if (sc.consent) {
		sc.gives = fu_xcalloc(S->h.n ? S->h.n : 1, 1);
		sc.dated = fu_xcalloc(S->h.n ? S->h.n : 1, sizeof *sc.dated);
		sc.undated = fu_xcalloc(S->h.n ? S->h.n : 1, sizeof *sc.undated);
	}
	int deflt = strcasecmp(im->o.country, "US") == 0 || strcasecmp(im->o.country, "CA") == 0
	                ? NORM_MDY : NORM_DMY;
	const char *basis = "";
	int phones_only = !sc.dates && !sc.amounts && !sc.consent && sc.state_col < 0 && sc.status_col < 0;
	if (sc.phones && phones_only && !S->d.sample_whole && strcmp(S->path, "-") != 0) {
		/* only the phones ask, and the part already read (as much as
		 * standard input gives) has nothing North American (no +1, no US
		 * zone, currency or country): no phone column can be decided +1, so
		 * a named file is not read twice (most lists); else all its values */
		struct scan first = sc;
		basis = scan_values(im, S, &first, 1);
		int na = first.north_american > 0;
		for (int k = 0; k < 1 + HM_ALT; k++)
			na |= first.plus1[k] > 0;
		if (na)
			basis = scan_values(im, S, &sc, 0);
		else
			sc = first;
	} else if (sc.dates || sc.amounts || sc.consent || sc.state_col >= 0 || sc.status_col >= 0 ||
	           sc.phones) {
		basis = scan_values(im, S, &sc, 0);
	}
	if (sc.phones)
		decide_phone_columns(S, &sc);
	if (sc.state_col >= 0 && sc.nstate_words && !sc.nstate_other)
		state_is_consent(S, sc.state_col);
	/* every value a subscriber state, and one only Beehiiv writes or a
	 * header only a newsletter tool's export has: the list's own status,
	 * whose Inactive is an unsubscribe (trials13) */
	if (sc.status_col >= 0 && !sc.nstatus_other && (sc.nstatus_words || sc.nstatus_beehiiv) &&
	    (sc.nstatus_beehiiv || newsletter_header(S))) {
		S->colflags[sc.status_col] |= HM_LIST;
		S->m.why[T_CONSENT] = "Beehiiv: its values are subscriber states";
		S->newsletter_col = sc.status_col + 1; /* (0: none) */
	}
	if (sc.consent)
		dated_opt_in(S, sc.dated, sc.undated);
	free(sc.dated);
	free(sc.undated);
	if (sc.amounts) {
		decide_amounts(S, &sc.mk, basis);
		S->amount_currencies = sc.mk.currency;
	}
	/* an opt-in column some of whose values give consent: an empty cell
	 * there is an unticked box, not an unknown */
	for (size_t c = 0; sc.consent && c < S->h.n; c++)
		if (sc.gives[c])
			S->colflags[c] |= EMPTY_NO;
	free(sc.gives);
	struct tally *tl = sc.tl;
	for (size_t k = 0; k < NDATES; k++) {
		int t = date_targets[k];
		struct tally *x = &tl[k];
		char *why = S->order_why[t];
		size_t sz = sizeof S->order_why[t];
		if (!S->use[t])
			continue;
		if (im->o.date_order >= 0) {
			S->order[t] = im->o.date_order;
			snprintf(why, sz, "a/b/yyyy read as %s: given by --date-order",
			         im->o.date_order == NORM_MDY ? "m/d/yyyy" : "d/m/yyyy");
		} else if (x->dmy + x->mdy + x->amb == 0) {
			S->order[t] = deflt;
			snprintf(why, sz, "no a/b/yyyy dates among %s", basis);
		} else if (x->dmy || x->mdy) {
			int mdy = x->mdy > x->dmy;
			S->order[t] = mdy ? NORM_MDY : NORM_DMY;
			unsigned long won = mdy ? x->mdy : x->dmy, lost = mdy ? x->dmy : x->mdy;
			snprintf(why, sz, "a/b/yyyy read as %s: among %s, %lu can only be %s first (like '%s'), "
			         "%lu only %s first%s%s%s",
			         mdy ? "m/d/yyyy" : "d/m/yyyy", basis, won, mdy ? "month" : "day",
			         mdy ? x->ex_mdy : x->ex_dmy, lost, mdy ? "day" : "month",
			         lost ? " (errors, like '" : "", lost ? (mdy ? x->ex_dmy : x->ex_mdy) : "",
			         lost ? "')" : "");
		} else if (S->colflags[S->m.src[t]] & HM_MDY) {
			/* the export always writes them so (Etsy) */
			S->order[t] = NORM_MDY;
			snprintf(why, sz, "a/b/yyyy read as m/d/yyyy: among %s none decides (%lu like '%s' "
			         "could be either), and the export (%s) writes its dates month first", basis, x->amb,
			         x->ex_amb, S->m.why[t]);
		} else if (sc.others.dmy != sc.others.mdy) {
			/* the file's other dates decide */
			int mdy = sc.others.mdy > sc.others.dmy;
			S->order[t] = mdy ? NORM_MDY : NORM_DMY;
			S->order_guessed[t] = x->amb;
			snprintf(why, sz, "a/b/yyyy read as %s: among %s none decides (%lu like '%s' could be "
			         "either), but the file's other date columns have %lu that can only be %s first "
			         "(like '%s') and %lu only %s first", mdy ? "m/d/yyyy" : "d/m/yyyy", basis, x->amb,
			         x->ex_amb, mdy ? sc.others.mdy : sc.others.dmy, mdy ? "month" : "day",
			         mdy ? sc.others.ex_mdy : sc.others.ex_dmy, mdy ? sc.others.dmy : sc.others.mdy,
			         mdy ? "day" : "month");
		} else if (deflt == NORM_DMY && (x->clock12 || sc.others.clock12)) {
			/* a 12-hour clock with AM/PM is written with month-first dates
			 * (the US); day-first countries write 24-hour times */
			S->order[t] = NORM_MDY;
			S->order_guessed[t] = x->amb;
			unsigned long c12 = x->clock12 + sc.others.clock12;
			snprintf(why, sz, "a/b/yyyy read as m/d/yyyy: among %s none decides (%lu like '%s' could "
			         "be either), but %lu of the file's a/b/yyyy dates have a 12-hour AM/PM time "
			         "(like '%s'), a month-first habit", basis, x->amb, x->ex_amb, c12,
			         x->clock12 ? x->ex_clock12 : sc.others.ex_clock12);
		} else if (deflt == NORM_DMY && sc.north_american > sc.elsewhere) {
			/* --country not said; the phones and countries are mostly +1 */
			S->order[t] = NORM_MDY;
			S->order_guessed[t] = x->amb;
			int zones = S->paypal || (sc.evidence & EV_ZONE), money = sc.evidence & EV_CURRENCY;
			snprintf(why, sz, "a/b/yyyy read as m/d/yyyy: among %s none decides (%lu like '%s' could "
			         "be either), but %lu of the file's %s%s%s are North American "
			         "(+1%s, US, CA%s%s) and %lu elsewhere", basis, x->amb, x->ex_amb, sc.north_american,
			         zones || money ? "phones, countries" : "phones and countries",
			         zones ? (money ? ", time zones" : " and time zones") : "",
			         money ? " and currencies" : "", sc.evidence & EV_NANP ? ", (212) 555-0100" : "",
			         zones ? ", PST, EST ..." : "", money ? ", USD" : "", sc.elsewhere);
		} else {
			S->order[t] = deflt;
			S->order_guessed[t] = im->o.country_given ? 0 : x->amb; /* --country said it */
			snprintf(why, sz, "a/b/yyyy read as %s: among %s none decides (%lu like '%s' could be "
			         "either), so the usual order for %s%s %s",
			         deflt == NORM_MDY ? "m/d/yyyy" : "d/m/yyyy", basis, x->amb, x->ex_amb,
			         im->country_why[0] ? im->country_why : "--country",
			         im->country_why[0] ? "," : "", im->o.country);
		}
	}
}

/* ---- output columns -------------------------------------------------------- */

/* By a hash map, so that an input of 100,000 columns takes linear time.
 * The output columns are unique and enter the map in order (add_col): a
 * name's index in the map is its column. */
static long find_col(const fu_import *im, const char *name)
{
	return fu_map_get(&im->colmap, name, strlen(name));
}

static int renewal_columns(struct source *S);

static long add_col(fu_import *im, const char *name)
{
	fu_buf nm = {0};
	fu_buf_adds(&nm, name);
	for (int k = 2; find_col(im, nm.data) >= 0; k++) {
		fu_buf_clear(&nm);
		fu_buf_printf(&nm, "%s_%d", name, k);
	}
	im->colnames = fu_xrealloc(im->colnames, (im->ncols + 1) * sizeof *im->colnames);
	im->colnames[im->ncols] = nm.data;
	fu_map_put(&im->colmap, nm.data, nm.len, NULL);
	return (long)im->ncols++;
}

/* Is source column C consumed by a target (and so not passed through)?  A
 * column whose cells may hold several values (Google Contacts' " ::: "), the
 * country, a contact person and a business id (not columns of fu(7)), a
 * full name beside first and last names are both read and kept whole. */
static int consumed(const struct source *S, size_t c, int kind)
{
	for (int t = 0; t < T_COUNT; t++)
		if (S->use[t] && S->m.src[t] == (long)c && !S->m.multi[t] && t != T_COUNTRY &&
		    t != T_PERSON && t != T_BUSINESS_ID && t != T_REFUNDED && t != T_CUSTOMER &&
		    t != T_PAID && t != T_LEAD_STATUS && t != T_REGION && t != T_CONSENT_AT && t != T_QTY &&
		    t != T_UNIT_PRICE && /* (the value when it is the amount: consumed by that) */
		    t != T_PARTY && t != T_UNSUB_REASON && t != T_SUPPRESSION && t != T_BOUNCE &&
		    t != T_SMS_OPTOUT && t != T_SMS_OPTIN && t != T_SMS_CONSENT &&
		    !(t == T_NAME && S->name_stand_in) && /* beside first and last names */
		    !(t == T_CONSENT && (S->colflags[c] & HM_WEAK)) && !(t == T_OPTIN && kind == HM_EVENTS))
			return 1;
	return 0;
}

static void add_pass_columns(fu_import *im, struct source *S)
{
	S->out_of = fu_xcalloc(S->h.n ? S->h.n : 1, sizeof *S->out_of);
	fu_map here; /* this input's names so far */
	fu_map_init(&here);
	/* a referrer's column ("Referred by", "Referrer Email") is fu(7)'s
	 * referred_by, which fu-referrals reads: the first one, unless the
	 * input has a referred_by of its own */
	int mapped = im->kind == HM_CONTACTS && S->referrer_col >= 0;
	int referrer = im->kind == HM_CONTACTS && !mapped && fu_header_find(&S->h, "referred_by") < 0;
	/* a referral program's own code for each contact (Viral Loops'
	 * referralCode), beside a referrer column that may hold such codes:
	 * fu(7)'s referral_code, by which a referred_by names its contact */
	int code = im->kind == HM_CONTACTS && fu_header_find(&S->h, "referral_code") < 0;
	if (code && !mapped) {
		code = 0;
		for (size_t c = 0; c < S->h.n && c < S->named; c++)
			code |= !consumed(S, c, im->kind) && hm_referrer_header(S->h.names[c]);
	}
	for (size_t c = 0; c < S->h.n; c++) {
		S->out_of[c] = -1;
		const char *name = S->h.names[c];
		if (mapped && (long)c == S->referrer_col) {
			name = "referred_by";
		} else if (mapped && strcmp(name, "referred_by") == 0) {
			name = "referred_by_was"; /* the mapped column is the one read */
		} else if (referrer && c < S->named && !consumed(S, c, im->kind) && hm_referrer_header(name)) {
			name = "referred_by";
			referrer = 0;
		} else if (code && c < S->named && !consumed(S, c, im->kind) && hm_referral_code_header(name)) {
			name = "referral_code";
			code = 0;
		}
		int added;
		fu_map_put(&here, name, strlen(name), &added);
		if (c >= S->named || consumed(S, c, im->kind))
			continue;
		long o = find_col(im, name);
		/* the same column in an earlier input (not a repeat in this one) */
		int repeat = !added;
		if (o >= 0 && (size_t)o >= im->ncanon && !repeat) {
			S->out_of[c] = o;
			continue;
		}
		S->out_of[c] = add_col(im, name);
	}
	fu_map_free(&here);
}

static void link_pass_columns(fu_import *im, struct source *S)
{
	size_t np = im->ncols - im->ncanon;
	S->src_of_out = fu_xcalloc(np ? np : 1, sizeof *S->src_of_out);
	for (size_t c = 0; c < np; c++)
		S->src_of_out[c] = -1;
	for (size_t c = 0; c < S->h.n; c++)
		if (S->out_of[c] >= 0)
			S->src_of_out[S->out_of[c] - (long)im->ncanon] = (long)c;
	/* the columns of an order's line: by what they are read as, or by a
	 * word of their name ("Item Cost", "Lineitem price", "Product SKU") */
	static const char *const line_words[] = {"item", "line", "lineitem", "product", "sku",
	                                         "quantity", "qty", "variant", "variation", "ticket"};
	S->line_cell = fu_xcalloc(np ? np : 1, 1);
	for (size_t c = 0; c < np; c++) {
		long f = S->src_of_out[c];
		if (f < 0)
			continue;
		int line = f == S->m.src[T_QTY] || f == S->m.src[T_UNIT_PRICE];
		const char *h = S->h.names[f];
		for (const char *p = h; *p && !line;) {
			while (*p && !isalpha((unsigned char)*p))
				p++;
			const char *w = p;
			while (isalpha((unsigned char)*p))
				p++;
			line = p > w && norm_word_listed(w, (size_t)(p - w), line_words,
			                                 sizeof line_words / sizeof *line_words);
		}
		S->line_cell[c] = (unsigned char)line;
	}
}

/* No column is the e-mail, but one passed through holds addresses in most
 * rows (a header the table does not know: "Kontakt", "E-post 1"): its
 * contacts would be kept by their phone alone, or rejected, and lose the
 * e-mail follow-up without a word.  Told once, naming the column, from the
 * rows of the sample. */
static void warn_unmapped_email(fu_import *im, const struct source *S)
{
	enum { ROWS = 1000 };
	if (im->kind != HM_CONTACTS || S->use[T_EMAIL] || S->m.user[T_EMAIL] || !S->d.sample_len)
		return;
	FILE *mem = fmemopen(S->d.sample, S->d.sample_len, "r");
	if (!mem)
		return;
	fu_csv_reader *r = fu_csv_open(mem, S->path, S->d.delim);
	fu_csv_quiet(r);
	unsigned long *addresses = fu_xcalloc(S->h.n ? S->h.n : 1, sizeof *addresses), rows = 0;
	fu_record *rec;
	const char *why;
	while (rows < ROWS && fu_csv_next(r, &rec) == 1) {
		if (rec->line <= S->header_line || rec->error)
			continue;
		rows++;
		for (size_t c = 0; c < rec->nfields && c < S->h.n; c++)
			if (S->out_of[c] >= 0 && memchr(rec->fields[c], '@', rec->lens[c]) &&
			    norm_email(rec->fields[c], rec->lens[c], &im->tmp, &why) == 0)
				addresses[c]++;
	}
	fu_csv_close(r);
	fclose(mem);
	size_t best = 0;
	for (size_t c = 1; c < S->h.n; c++)
		if (addresses[c] > addresses[best])
			best = c;
	if (rows && S->h.n && 2 * addresses[best] > rows) {
		fu_warn("%s: no column is read as the e-mail, but \"%s\" holds an e-mail address in %lu "
		        "of the first %lu rows (passed through): give --map email=\"%s\" if it is the "
		        "contacts' e-mail (--map email= if it is not)", fu_input_name(S->path),
		        S->h.names[best], addresses[best], rows, S->h.names[best]);
		worse(im, FU_EXIT_DATA);
	}
	free(addresses);
}

static int read_column(const struct source *S, size_t c);

/* Columns whose headers sound like consent ("Unsubscribed newsletter",
 * "Abmeldung Datum", "GDPR") but that no target reads pass through: a
 * person who said no there would get marketing.  Told once per input,
 * naming them, with the --map that reads one. */
static void warn_unread_consent(fu_import *im, const struct source *S)
{
	enum { SHOWN = 5 };
	if (im->kind != HM_CONTACTS)
		return;
	fu_buf names = {0};
	size_t found = 0;
	const char *first = NULL;
	for (size_t c = 0; c < S->named; c++) {
		if (read_column(S, c) || !hm_consent_header(S->h.names[c]))
			continue;
		if (!found++)
			first = S->h.names[c];
		if (found <= SHOWN)
			fu_buf_printf(&names, "%s\"%s\"", found > 1 ? ", " : "", S->h.names[c]);
	}
	if (found > SHOWN)
		fu_buf_printf(&names, " and %zu more", found - SHOWN);
	if (found)
		fu_warn("%s: note: %s sound%s like consent but %s not read as consent (passed through): "
		        "if %s whether the contact may get marketing e-mail, name it with --map "
		        "unsubscribed=\"%s\" (the opt-out's date), opt_out= (yes: opted out), opt_in= (no: "
		        "opted out) or consent= (a status word)", fu_input_name(S->path), names.data,
		        found == 1 ? "s" : "", found == 1 ? "is" : "are", found == 1 ? "it says" : "one says",
		        first);
	fu_buf_free(&names);
}

static int fold(fu_buf *merged, const fu_buf *other, void *arg);

/* Mailchimp's export of its subscribed members has their opt-in and
 * confirmation times but no consent column: every row is a member who
 * opted in then (trials10/12), read by says_subscribed.  Its unsubscribed
 * and cleaned exports have UNSUB_TIME, CLEAN_TIME (unsubscribed). */
static void subscribed_list(struct source *S)
{
	S->member_since[0] = S->member_since[1] = -1;
	if (S->use[T_UNSUB] || S->use[T_OPTOUT] || S->use[T_OPTIN] || S->use[T_CONSENT] ||
	    column_named(S, "leid") < 0)
		return;
	S->member_since[0] = column_named(S, "optintime");
	S->member_since[1] = column_named(S, "confirmtime");
}

/* ---- opening the run ---------------------------------------------------------- */

fu_import *fu_import_open(const fu_import_opts *o, char *const *files, int nfiles, int *status)
{
	static char *const stdin_only[] = {"-"};
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	fu_import *im = fu_xcalloc(1, sizeof *im);
	im->o = *o;
	/* no --country: a shop whose times are in --source-tz's zone is in that
	 * zone's country, and so are most of its customers' national numbers
	 * (a New York shop's (212) 555-0100 is a US one, not a Finnish one) */
	const char *zone_cc = o->country_given ? NULL : norm_tz_country(o->source_tz);
	if (zone_cc) {
		im->o.country = zone_cc;
		snprintf(im->country_why, sizeof im->country_why, "the country of --source-tz %s",
		         o->source_tz);
	}
	im->source_stage = -1;
	im->currency = -1;
	im->renewal = -1;
	im->do_not_call = -1;
	im->sms_unsubscribed = -1;
	im->src = fu_xcalloc((size_t)nfiles, sizeof *im->src);
	*status = FU_EXIT_USAGE;
	int unreadable = 0, empty = 0;
	for (int i = 0; i < nfiles; i++) {
		struct source *S = &im->src[im->nsrc];
		S->path = files[i];
		int rc = open_source(im, S);
		if (rc != 0) {
			/* unreadable, or no usable header: nothing of it can be imported */
			if (rc > 0 || (S->fp && S->d.empty))
				empty++;
			else
				unreadable++;
			close_source(S);
			fu_header_free(&S->h);
			memset(S, 0, sizeof *S);
			continue;
		}
		S->open = 1;
		im->nsrc++;
	}
	if (unreadable)
		goto fail; /* stop before writing anything */
	im->status = empty ? FU_EXIT_DATA : FU_EXIT_OK;

	/* one output stream has one kind: every input must agree on it */
	im->kind = o->kind;
	int first_kind = 0;
	for (int i = 0; i < im->nsrc && !o->kind; i++) {
		fu_buf why = {0}, advice = {0};
		int k = detect_kind(&im->src[i], &why, &advice);
		if (!k) {
			fu_warn("%s: looks like sales or orders (%s) but has no column that says what each "
			        "row is: %s", fu_input_name(im->src[i].path), why.data, advice.data);
			fu_buf_free(&why);
			fu_buf_free(&advice);
			goto fail;
		}
		fu_buf_free(&why);
		fu_buf_free(&advice);
		if (!im->kind) {
			im->kind = k;
			first_kind = i;
		} else if (k != im->kind) {
			fu_warn("%s looks like %s but %s looks like %s: import them in separate runs, "
			        "or give --kind",
			        fu_input_name(im->src[first_kind].path), kind_name(im->kind),
			        fu_input_name(im->src[i].path), kind_name(k));
			goto fail;
		}
	}
	if (!im->kind)
		im->kind = HM_CONTACTS;
	im->ncanon = im->kind == HM_CONTACTS ? FU_CONTACT_NCOLS : FU_EVENT_NCOLS;
	for (size_t c = 0; c < im->ncanon; c++)
		add_col(im, im->kind == HM_CONTACTS ? fu_contact_columns[c] : fu_event_columns[c]);
	for (int i = 0; i < im->nsrc; i++)
		if (map_source(im, &im->src[i]) != 0)
			goto fail;
	/* a stage word not understood is kept beside the stage */
	for (int i = 0; i < im->nsrc; i++)
		if (im->kind == HM_CONTACTS && im->src[i].use[T_STAGE] && im->source_stage < 0)
			im->source_stage = add_col(im, "source_stage");
	/* a do-not-call flag, read into a column of its own */
	for (int i = 0; i < im->nsrc; i++)
		if (im->kind == HM_CONTACTS && im->src[i].use[T_NOCALL] && im->do_not_call < 0)
			im->do_not_call = add_col(im, "do_not_call");
	/* consent to text messages alone, read into a column of its own; kept
	 * when the previous list has it (its opt-outs are carried on) */
	for (int i = 0; i < im->nsrc; i++)
		if (im->kind == HM_CONTACTS && im->sms_unsubscribed < 0 &&
		    (im->src[i].use[T_SMS_OPTOUT] || im->src[i].use[T_SMS_OPTIN] ||
		     im->src[i].use[T_SMS_CONSENT]))
			im->sms_unsubscribed = add_col(im, "sms_unsubscribed");
	if (im->kind == HM_CONTACTS && im->sms_unsubscribed < 0 && o->previous && o->merge &&
	    previous_has_column(o->previous, "sms_unsubscribed"))
		im->sms_unsubscribed = add_col(im, "sms_unsubscribed");
	/* the dates' orders and the amounts' decimal marks and currencies,
	 * from the values */
	for (int i = 0; i < im->nsrc; i++)
		decide_columns(im, &im->src[i]);
	/* an amount's currency, read from a column of its own, or written with
	 * the amounts ("€10", "12.00 USD"), or given by --currency */
	for (int i = 0; i < im->nsrc; i++) {
		const struct source *S = &im->src[i];
		if (im->kind == HM_EVENTS && im->currency < 0 &&
		    (S->use[T_CURRENCY] || S->amount_currencies || (o->currency && S->use[T_VALUE])))
			im->currency = add_col(im, "currency");
	}
	/* a subscription's automatic renewal, where the export says so */
	for (int i = 0; i < im->nsrc; i++)
		if (im->kind == HM_EVENTS && !im->src[i].survey && !im->src[i].tickets &&
		    !im->src[i].referrals && !im->src[i].meetings && renewal_columns(&im->src[i]) &&
		    im->renewal < 0)
			im->renewal = add_col(im, "renewal");
	for (int i = 0; i < im->nsrc; i++)
		add_pass_columns(im, &im->src[i]);
	for (int i = 0; i < im->nsrc; i++)
		subscribed_list(&im->src[i]);
	for (int i = 0; i < im->nsrc; i++) {
		link_pass_columns(im, &im->src[i]);
		warn_unmapped_email(im, &im->src[i]);
		warn_unread_consent(im, &im->src[i]);
		dialect_sample_free(&im->src[i].d);
	}
	im->val = fu_xcalloc(im->ncols, sizeof *im->val);
	if (o->previous && (im->kind != HM_CONTACTS || !o->merge)) {
		fu_warn("--previous: only for contacts, and not with --no-merge (%s)",
		        im->kind != HM_CONTACTS ? (o->kind ? "the input is events"
		                                   : "the input is events, guessed from its header: "
		                                     "--kind contacts if it is a contacts export")
		                                : "every contact must be read first");
		goto fail;
	}
	if (o->noptin_lists && (im->kind != HM_CONTACTS || !o->merge)) {
		fu_warn("--opt-in-list: only for contacts, and not with --no-merge (%s)",
		        im->kind != HM_CONTACTS ? "the input is events" : "every contact must be read first");
		goto fail;
	}
	for (int j = 0; j < o->noptin_lists; j++) {
		int found = 0;
		struct stat want, st;
		int have = stat(o->optin_lists[j], &want) == 0;
		for (int i = 0; i < im->nsrc; i++) {
			const char *p = im->src[i].path;
			if (p && (strcmp(p, o->optin_lists[j]) == 0 ||
			          (have && stat(p, &st) == 0 && st.st_dev == want.st_dev &&
			           st.st_ino == want.st_ino)))
				im->src[i].optin_list = found = 1;
		}
		if (!found) {
			fu_warn("--opt-in-list: %s is not one of the inputs (name it among the files "
			        "imported too)", o->optin_lists[j]);
			goto fail;
		}
	}
	for (int k = 0; k < 2; k++)
		im->prev.member_col[k] = o->previous ? find_col(im, member_id_cols[k]) : -1;
	if (o->previous && load_previous(&im->prev, o->previous) != 0)
		goto fail;
	if (o->contacts && im->kind != HM_EVENTS) {
		fu_warn("--contacts: only for events (the input is contacts; --previous carries an old "
		        "list's keys on)");
		goto fail;
	}
	if (o->contacts) {
		if (!(im->household = fu_household_load(o->contacts)))
			goto fail;
		for (int i = 0; i < im->nsrc; i++)
			fu_household_columns(&im->src[i].h, &im->src[i].buyer);
	}
	if (im->kind == HM_CONTACTS && o->merge) {
		im->merge = fu_merge_new(im->ncols, T_EMAIL, T_PHONE, o->memory, fold, im);
		fu_merge_set_names(im->merge, T_FIRST, T_LAST);
	}
	if (im->kind == HM_EVENTS) {
		im->orders = fu_orders_new(im->ncols);
		/* a deals export's "Open" deal is not won yet; elsewhere "Open"
		 * is not known (an open invoice? an open order?).  So is a deal
		 * at any stage but won (Salesforce's "Negotiation/Review") */
		for (int i = 0; i < im->nsrc; i++)
			if (im->src[i].use[T_FINSTATUS] && im->src[i].m.why[T_FINSTATUS] &&
			    (strstr(im->src[i].m.why[T_FINSTATUS], " deals") ||
			     strstr(im->src[i].m.why[T_FINSTATUS], " opportunities"))) {
				fu_orders_set_status(im->orders, "Open", 0);
				fu_orders_unknown_not_purchase(im->orders);
				break;
			}
		for (size_t i = 0; i < o->nstatuses; i++) {
			/* '=purchase': an empty status (a column left empty) taken */
			if (blank(o->statuses[i].label, strlen(o->statuses[i].label))) {
				im->empty_status = o->statuses[i].purchase ? 1 : -1;
				continue;
			}
			if (fu_orders_set_status(im->orders, o->statuses[i].label, o->statuses[i].purchase)) {
				fu_warn("--order-status: an empty status label");
				goto fail;
			}
		}
		/* Vend's statuses: a sale closed (paid), on account (the goods taken,
		 * paid later) or a lay-by closed is a purchase; one saved (parked)
		 * or on lay-by (not yet taken) is not; VOIDED is refunded by the
		 * words.  After --order-status, which wins. */
		static const struct { const char *label; int purchase; } vend[] = {
			{"closed", 1}, {"onaccount", 1}, {"onaccount_closed", 1}, {"layby_closed", 1},
			{"layby", 0}, {"saved", 0},
		};
		for (int i = 0; i < im->nsrc; i++)
			if (im->src[i].vend) {
				for (size_t k = 0; k < sizeof vend / sizeof vend[0]; k++)
					fu_orders_default_status(im->orders, vend[k].label, vend[k].purchase);
				break;
			}
	}
	im->threaded = prefetch_worthwhile();
	*status = im->status;
	return im;
fail:
	fu_import_close(im);
	return NULL;
}

/* ---- --explain ------------------------------------------------------------- */

static void explain_target(const struct source *S, FILE *f, const char *label, int t)
{
	fprintf(f, "  %-16s <- \"%s\" (%s)", label, S->h.names[S->m.src[t]], S->m.why[t]);
	/* consent columns are all read: one that says no is enough */
	int every = t == T_OPTOUT || t == T_OPTIN || t == T_CONSENT || t == T_SUPPRESSION ||
	            t == T_BOUNCE || t == T_SMS_OPTOUT || t == T_SMS_OPTIN || t == T_SMS_CONSENT;
	for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0; a++)
		fprintf(f, ", %s \"%s\"", every ? "and" : "else", S->h.names[S->m.alt[t][a]]);
	if (every && S->m.alt[t][0] >= 0)
		fprintf(f, " (each read: one saying no marketing is enough)");
	if (S->m.multi[t])
		fprintf(f, "; several in a cell: the first usable, the cell also kept whole");
	if (t == T_PHONE && (S->colflags[S->m.src[t]] & HM_INTL))
		fprintf(f, "; international numbers written without the + (33612345678 is +33612345678)");
	for (int k = 0; t == T_PHONE && k < 1 + HM_ALT; k++)
		if (S->phone_na[k])
			fprintf(f, "; \"%s\": its numbers of ten digits without a code (2125550100) read "
			        "as North American (+1): %s", S->h.names[k ? S->m.alt[t][k - 1] : S->m.src[t]],
			        S->phone_na_why[k]);
	fputc('\n', f);
}

static long reward_status_col(const struct source *S, int *row);
static const char *const reward_amounts[9];

/* when a referral program's row writes a reward event beside its referral */
static void explain_reward(const struct source *S, FILE *f)
{
	int row;
	long rc = reward_status_col(S, &row);
	long amt = -1;
	for (size_t i = 0; amt < 0 && i < sizeof reward_amounts / sizeof reward_amounts[0]; i++)
		amt = fu_header_find(&S->h, reward_amounts[i]);
	if (rc < 0) {
		fprintf(f, "  %-16s    (none: no reward status column%s, so no reward event; "
		        "fu-referrals' perks_given counts those logged otherwise)\n", "reward",
		        amt < 0 ? " nor a reward amount with a status" : "");
		return;
	}
	fprintf(f, "  %-16s <- \"%s\"%s: one that says the program gave the reward (Approved, "
	        "Sent, Paid, Issued, Rewarded, Distributed ...; not Not sent) writes a reward event "
	        "for the referrer%s; Pending, Declined, Rejected, Cancelled and other statuses "
	        "write none\n", "reward", S->h.names[rc],
	        row ? " (the row's status: the export's rows are rewards)" : "",
	        row ? ", when the row has a reward amount" : "");
	if (amt >= 0)
		fprintf(f, "  %-16s <- \"%s\": the reward event's value, its amount%s\n", "",
		        S->h.names[amt], row ? "" : " (a reward without one: no value, one perk)");
}

/* how national phone numbers are read: in the row's country or --country */
static void explain_country(const fu_import *im, const struct source *S, FILE *f)
{
	if (!S->use[T_PHONE])
		return;
	if (!S->use[T_COUNTRY]) {
		fprintf(f, "  %-16s    national phone numbers read as %s (%s%s)\n", "country",
		        im->o.country, im->country_why[0] ? im->country_why : "--country",
		        im->o.country_given ? "" : im->country_why[0] ? ": give --country for another "
		                                                        "country's list"
		                                                      : ", the default: give it for "
		                                                        "another country's list");
		return;
	}
	fprintf(f, "  %-16s <- \"%s\" (%s)", "country", S->h.names[S->m.src[T_COUNTRY]],
	        S->m.why[T_COUNTRY]);
	for (int a = 0; a < HM_ALT && S->m.alt[T_COUNTRY][a] >= 0; a++)
		fprintf(f, ", else \"%s\"", S->h.names[S->m.alt[T_COUNTRY][a]]);
	fprintf(f, ": a national phone number is read in the row's country (a code, a name or +46), "
	           "as %s (--country) where the cell is empty; the column also passes through\n",
	        im->o.country);
}

/* where an empty tz comes from */
static void explain_zone(const struct source *S, FILE *f)
{
	fprintf(f, "  %-16s    %s from the row's country", "tz (derived)",
	        S->use[T_TZ] ? "an empty tz is filled" : "filled");
	if (S->use[T_COUNTRY])
		fprintf(f, " (\"%s\")", S->h.names[S->m.src[T_COUNTRY]]);
	fprintf(f, " when it has one zone or one where nearly all its people live (JP Asia/Tokyo, "
	        "ES Europe/Madrid)");
	if (S->use[T_REGION])
		fprintf(f, "; the state, province or region in \"%s\" settles it in a country of several "
		        "(US, CA, AU, MX, BR, RU; the Canaries, the Azores)", S->h.names[S->m.src[T_REGION]]);
	fprintf(f, "; with no country, from the phone's calling code when the countries that have "
	        "it keep one time (+81 Asia/Tokyo; not +1; not a national number read in the default "
	        "--country)%s%s\n",
	        S->use[T_REGION] ? ", or with the state in its calling code's country (or --country's)" : "",
	        S->use[T_TZ] ? "; a tz given is kept" : "");
}

/* how a name column is read: a person's, or a company's */
static void explain_names(const struct source *S, FILE *f)
{
	if (S->use[T_PERSON])
		explain_target(S, f, "person", T_PERSON);
	if (S->use[T_BUSINESS_ID] && (S->use[T_NAME] || S->use[T_PERSON]))
		explain_target(S, f, "business_id", T_BUSINESS_ID);
	if (!S->use[T_NAME] && !S->use[T_PERSON])
		return;
	fprintf(f, "  %-16s    ", "name or company");
	if (S->use[T_NAME]) {
		fprintf(f, "\"%s\" is split into first and last name%s, unless it has a legal form (Oy, "
		        "AB, GmbH, Inc, & Co ...)", S->h.names[S->m.src[T_NAME]],
		        S->name_stand_in ? " where both are empty" : "");
		if (S->use[T_BUSINESS_ID])
			fprintf(f, " or the row a business id in \"%s\"", S->h.names[S->m.src[T_BUSINESS_ID]]);
		if (S->company_flag_col >= 0)
			fprintf(f, " or \"%s\" says the row is a company's", S->h.names[S->company_flag_col]);
		fprintf(f, ": then it is the company%s", S->use[T_PERSON] ? ", and " : "");
		if (S->company_flag_col >= 0 && strcasecmp(S->h.names[S->m.src[T_NAME]], "display name") == 0)
			fprintf(f, "; a person's \"Company, Person\" is the person, of the company before "
			        "the comma");
	}
	if (S->use[T_PERSON])
		fprintf(f, "\"%s\" is split into first and last name%s", S->h.names[S->m.src[T_PERSON]],
		        S->use[T_NAME] ? "" : "");
	fprintf(f, "; the columns also pass through\n");
}

/* which contacts are skipped as no customers (party_columns) */
static void explain_party(const struct source *S, FILE *f)
{
	const char *label = hm_target_name[T_PARTY];
	if (S->vendor_list)
		fprintf(f, "  %-16s    a vendor list (its header has \"%s\"): every row skipped\n", label,
		        S->vendor_list);
	if (S->party_col >= 0)
		fprintf(f, "  %-16s <- \"%s\" (%s): a vendor, supplier, partner, competitor or employee "
		        "(and no customer word beside it) skipped; the column also passes through\n",
		        label, S->h.names[S->party_col], S->m.why[T_PARTY] ? S->m.why[T_PARTY] : "--map");
	if (S->vendor_flag >= 0)
		fprintf(f, "  %-16s    \"%s\" set%s%s%s: skipped as a supplier\n", label,
		        S->h.names[S->vendor_flag], S->customer_flag >= 0 ? " and \"" : "",
		        S->customer_flag >= 0 ? S->h.names[S->customer_flag] : "",
		        S->customer_flag >= 0 ? "\" not" : "");
}

static void explain_source(const fu_import *im, const struct source *S, FILE *f)
{
	fprintf(f, "input %s\n", fu_input_name(S->path));
	fprintf(f, "  encoding   %s: %s\n", S->d.encoding, S->d.enc_why);
	fprintf(f, "  delimiter  %s: %s\n", dialect_delim_name(S->d.delim), S->d.delim_why);
	fprintf(f, "  line ends  %s\n", S->d.line_ends);
	if (S->header_why[0])
		fprintf(f, "  header     line %ld: %s\n", S->header_line, S->header_why);
	fprintf(f, "  kind       %s%s\n", kind_name(im->kind),
	        im->o.kind ? " (given by --kind)" : " (guessed from the header)");
	fprintf(f, "  looks like %s\n", S->paypal ? "PayPal activity download" : hm_profile(&S->h));
	fprintf(f, "columns\n");
	int first = im->kind == HM_EVENTS ? T_CONTACT_ID : T_ID;
	int last = im->kind == HM_EVENTS ? T_ORDER : T_CONSENT;
	for (int t = first; t <= last; t++) {
		if (im->kind == HM_EVENTS && t >= T_FINSTATUS && !S->m.shopify)
			continue;
		const char *name = hm_target_name[t];
		if (S->referrals && (t == T_CONTACT_ID || t == T_ITEM)) {
			int k = t == T_CONTACT_ID ? T_REFERRER : T_REFERRED;
			explain_target(S, f, name, k);
			fprintf(f, "  %-16s    %s\n", "", k == T_REFERRER ? "the referrer" : "the friend referred");
		} else if (t == T_TYPE && S->referrals) {
			fprintf(f, "  %-16s <- referral (a referral program's export: a referrer and a friend "
			        "column, no type); a reward event beside it when the program gave the reward "
			        "(see reward below)\n", name);
		} else if (t == T_VALUE && S->referrals) {
			fprintf(f, "  %-16s    (none: an order's amount is the friend's purchase, its own "
			        "event from the shop's orders, which fu-referrals' converted needs)\n", name);
		} else if (t == T_NOTE && S->referrals) {
			if (S->m.src[T_FINSTATUS] < 0) {
				fprintf(f, "  %-16s    (none: no status column; every row a referral)\n", name);
				continue;
			}
			explain_target(S, f, name, T_FINSTATUS);
			fprintf(f, "  %-16s    the program's status: refused (Rejected, Declined, Fraud, "
			        "Flagged, Refunded ...) or not yet confirmed (Pending, Held, In review ...) "
			        "skips the row, counted with its reason, no error\n", "");
		} else if (S->use[t]) {
			explain_target(S, f, name, t);
		} else if (t == T_ID) {
			fprintf(f, "  %-16s <- derived from the e-mail, else the phone\n", name);
		} else if (t == T_CONTACT_ID) {
			fprintf(f, "  %-16s <- the e-mail, else the id derived from the phone", name);
			if (S->use[T_CUSTOMER])
				fprintf(f, ", else \"%s\" (not 0)", S->h.names[S->m.src[T_CUSTOMER]]);
			fputc('\n', f);
		} else if (t == T_TYPE && S->m.shopify) {
			fprintf(f, "  %-16s <- purchase (an orders export; refunded, voided and cancelled orders "
			           "a refund; expired, failed and unpaid orders skipped, and those whose status "
			           "is not known)\n",
			        name);
			for (size_t i = 0; i < im->o.nstatuses; i++)
				fprintf(f, "  %-16s    status \"%s\" %s (--order-status)\n", "", im->o.statuses[i].label,
				        im->o.statuses[i].purchase ? "is a purchase" : "is not a purchase");
		} else if (t == T_TYPE && S->paypal) {
			const fu_paypal_cols *pp = &S->pp;
			fprintf(f, "  %-16s <- by \"%s\"%s%s%s%s%s%s: a customer's payment (Express Checkout, "
			        "Website, Subscription, eBay ... Payment, Payment Received) with a positive "
			        "amount a purchase; a refund, reversal or chargeback of one a refund; pending "
			        "and denied payments, and the shop's own money (conversions, withdrawals, "
			        "deposits, fees, holds, payments it sent), skipped\n", name,
			        pp->type >= 0 ? S->h.names[pp->type] : "?",
			        pp->status >= 0 ? ", \"" : "", pp->status >= 0 ? S->h.names[pp->status] : "",
			        pp->status >= 0 ? "\"" : "", pp->impact >= 0 ? " and \"" : "",
			        pp->impact >= 0 ? S->h.names[pp->impact] : "", pp->impact >= 0 ? "\"" : "");
		} else if (t == T_NOTE && S->paypal) {
			fprintf(f, "  %-16s <- \"order \" and \"%s\"; a refund's: \"%s\" (the payment it "
			        "takes back)\n", name, S->pp.txn >= 0 ? S->h.names[S->pp.txn] : "?",
			        S->pp.ref >= 0 ? S->h.names[S->pp.ref] : "(none)");
		} else if (t == T_TYPE && S->sales) {
			fprintf(f, "  %-16s <- purchase (no type column, and amounts in \"%s\": a sales list, "
			        "every row a purchase)\n", name, S->h.names[S->m.src[T_VALUE]]);
		} else if (t == T_NOTE && S->m.shopify) {
			fprintf(f, "  %-16s <- \"order \" and the order's name\n", name);
			if (S->use[T_REFUNDED]) {
				explain_target(S, f, "refunded", T_REFUNDED);
				fprintf(f, "  %-16s    an order refunded in full is a refund of this amount; the "
				        "column also passes through\n", "");
			}
		} else if (t == T_NAME && S->m.src[t] >= 0) {
			fprintf(f, "  %-16s    \"%s\" not split: first or last name given\n", name,
			        S->h.names[S->m.src[t]]);
		} else if (t == T_NAME || t == T_OPTOUT || t == T_OPTIN || t == T_CONSENT) {
			continue;
		} else {
			fprintf(f, "  %-16s    (none)\n", name);
		}
	}
	if (im->kind == HM_CONTACTS) {
		explain_names(S, f);
		explain_country(im, S, f);
		explain_zone(S, f);
		explain_party(S, f);
		if (S->use[T_UNSUB_REASON]) {
			explain_target(S, f, hm_target_name[T_UNSUB_REASON], T_UNSUB_REASON);
			fprintf(f, "  %-16s    filled: unsubscribed (yes) when no consent column of the row "
			        "says subscribed; the column also passes through\n", "");
		}
	}
	if (im->household) {
		fu_buf cols = {0};
		const char *names = fu_household_column_names(&S->h, &S->buyer, &cols);
		fprintf(f, "  %-16s <- %s (--contacts, %zu address%s several contacts share: an event "
		        "at one joins the contact the buyer's name names, else the first there)\n", "buyer",
		        *names ? names : "no column names the buyer", fu_household_shared(im->household),
		        fu_household_shared(im->household) == 1 ? "" : "es");
		fu_buf_free(&cols);
	}
	if (im->kind == HM_CONTACTS) {
		if (S->use[T_UNSUB] || S->use[T_OPTOUT] || S->use[T_OPTIN] || S->use[T_CONSENT])
			fprintf(f, "  %-16s    a date from \"unsubscribed\", else yes when opt_out says "
			           "yes, opt_in says no or consent is an opt-out word\n", "consent");
		if (S->use[T_NOCALL]) {
			explain_target(S, f, "do_not_call", T_NOCALL);
			fprintf(f, "  %-16s    yes when it says so (or gives a day): no calls or texts "
			        "are planned (fu-schedule)\n", "");
		}
		if (S->use[T_SUPPRESSION]) {
			explain_target(S, f, "suppression", T_SUPPRESSION);
			fprintf(f, "  %-16s    any reason (a list of them, or a word: HARD_BOUNCE, "
			        "SPAM_COMPLAINT, UNSUBSCRIBE ...) makes unsubscribed yes, whatever a consent "
			        "column says; an empty list [] is none; the column also passes through\n", "");
		}
		if (S->use[T_BOUNCE]) {
			explain_target(S, f, "bounce", T_BOUNCE);
			fprintf(f, "  %-16s    a hard bounce (hard, permanent, a 5xx reply) makes unsubscribed "
			        "yes; a soft one (soft, transient, a 4xx reply) does not; the column also "
			        "passes through\n", "");
		}
		for (int t = T_SMS_OPTOUT; t <= T_SMS_CONSENT; t++)
			if (S->use[t])
				explain_target(S, f, hm_target_name[t], t);
		if (S->use[T_SMS_OPTOUT] || S->use[T_SMS_OPTIN] || S->use[T_SMS_CONSENT])
			fprintf(f, "  %-16s    yes when consent to texts alone says no (sms_opt_out yes, "
			        "sms_opt_in no, sms_consent an opt-out or no consent): no marketing texts "
			        "(fu-schedule); not e-mail's consent; the columns also pass through\n",
			        "sms_unsubscribed");
		if (S->use[T_CONSENT_AT] && (S->use[T_OPTOUT] || S->use[T_OPTIN] || S->use[T_CONSENT])) {
			explain_target(S, f, "consent_at", T_CONSENT_AT);
			fprintf(f, "  %-16s    the time of that opt-out (instead of yes) when it has one; "
			        "the column also passes through\n", "");
		}
		if (S->use[T_CONSENT] && (S->colflags[S->m.src[T_CONSENT]] & HM_WEAK))
			fprintf(f, "  %-16s    \"%s\" is a list's status: only a clear opt-out word "
			        "(Unsubscribed, Bounced, Cleaned, Unconfirmed, Marked as spam, Deleted ...%s) "
			        "counts, other words are the CRM's own; the column also passes through\n", "",
			        S->h.names[S->m.src[T_CONSENT]],
			        S->colflags[S->m.src[T_CONSENT]] & HM_LIST
			            ? "; Cancelled, Inactive (Kit: never confirmed; Beehiiv: unsubscribed) and "
			              "Invalid; Pending, Validating and Needs approval: no-consent"
			                                                   : "; not Cancelled or Inactive");
		if (S->use[T_STAGE])
			fprintf(f, "  %-16s    a stage word not understood is kept in source_stage\n",
			        "source_stage");
		if (S->use[T_LEAD_STATUS]) {
			explain_target(S, f, "lead_status", T_LEAD_STATUS);
			fprintf(f, "  %-16s    Unqualified, Bad Timing (and lost, junk) make the segment "
			        "closed: no lead plan; Connected, Open Deal, In Progress make a new lead "
			        "mid; the column also passes through\n", "");
		}
	}
	if (im->kind == HM_EVENTS) {
		if (S->use[T_EMAIL])
			explain_target(S, f, "e-mail (key)", T_EMAIL);
		if (S->paypal && S->pp.to >= 0 && !S->m.user[T_EMAIL])
			fprintf(f, "  %-16s    a refund's: \"%s\" (the customer paid back)\n", "",
			        S->h.names[S->pp.to]);
		if (S->paypal && S->pp.zone >= 0)
			fprintf(f, "  %-16s <- \"%s\" (PayPal activity)\n  %-16s    each when's zone: an "
			        "abbreviation its offset (PST -08:00, PDT -07:00, CET +01:00, CEST +02:00), "
			        "an offset itself, a tz name its offset that day\n", "zone",
			        S->h.names[S->pp.zone], "");
		if (S->use[T_PHONE])
			explain_target(S, f, "phone (key)", T_PHONE);
		if (S->use[T_CUSTOMER]) {
			explain_target(S, f, "customer", T_CUSTOMER);
			fprintf(f, "  %-16s    not a CRM id: the key only of a row with no e-mail or phone "
			        "(never a guest's 0); the column also passes through\n", "");
		}
		/* which amount the price is, by its header (hm_build) */
		if (S->m.src[T_VALUE] >= 0 && S->m.value_per_line)
			fprintf(f, "  %-16s    \"%s\" is a line's amount, already times its quantity "
			        "(by its name): an order's value is the sum of its lines'\n", "",
			        S->h.names[S->m.src[T_VALUE]]);
		if (S->m.src[T_VALUE] >= 0 && S->m.src[T_VALUE] == S->m.src[T_UNIT_PRICE])
			fprintf(f, "  %-16s    \"%s\" is a unit's price (by its name): the value is it "
			        "times the quantity%s\n", "", S->h.names[S->m.src[T_VALUE]],
			        S->m.shopify ? ", an order's the sum of its lines'" : "");
		if (S->use[T_QTY])
			explain_target(S, f, "quantity", T_QTY);
		if (S->sales)
			fprintf(f, "  %-16s    a line of a negative quantity or amount is a return: a "
			        "refund of the contact's purchase of its item on or before it (read this "
			        "run), else skipped; never a purchase\n", "");
		if (S->referrals)
			explain_reward(S, f);
		if (S->survey) {
			explain_target(S, f, "score", T_SCORE);
			fprintf(f, "  %-16s    each answer a feedback event, its value the score (0 to 10); "
			        "an answer without one is skipped\n", "");
		}
		if (S->zone_col >= 0)
			fprintf(f, "  %-16s <- \"%s\": the zone of each row's times without an offset "
			        "(written with their offset there); the column also passes through\n", "zone",
			        S->h.names[S->zone_col]);
		if (S->typed_orders) {
			explain_target(S, f, "order", T_ORDER);
			fprintf(f, "  %-16s    a purchase's note \"order \" and its number, a refund's too "
			        "(it takes back that purchase, its amount without its sign); an order read "
			        "before (overlapping exports) is not a second purchase\n", "");
		}
		if (S->use[T_CLOCK]) {
			explain_target(S, f, "time", T_CLOCK);
			fprintf(f, "  %-16s    the clock time of each when's date, read with it as one "
			        "date-time\n", "");
		}
		if (S->use[T_PAID]) {
			explain_target(S, f, "paid", T_PAID);
			fprintf(f, "  %-16s    an order paid a day or more after it was placed is a purchase "
			        "from then: its when is this time; the column also passes through\n", "");
		}
		explain_country(im, S, f);
		if (S->use[T_CURRENCY]) {
			explain_target(S, f, "currency", T_CURRENCY);
			fprintf(f, "  %-16s    each amount's currency, upper-cased, in the column currency\n", "");
		}
		if (im->kind == HM_EVENTS && S->use[T_VALUE] && (S->amount_currencies || im->o.currency))
			fprintf(f, "  %-16s <- the currency written with each amount%s (%lu of the values "
			        "scanned name one)%s\n", "currency", S->use[T_CURRENCY] ? " whose column is empty" : "",
			        S->amount_currencies,
			        im->o.currency ? "; --currency for the others and for a sign several use" : "");
		if (S->use[T_OPTIN]) {
			explain_target(S, f, "opt_in", T_OPTIN);
			fprintf(f, "  %-16s    an order whose buyer said no adds an unsubscribe event; the "
			        "column also passes through\n", "");
		}
		if (S->dnc_col >= 0)
			fprintf(f, "  %-16s <- \"%s\": an order whose buyer said yes adds an unsubscribe "
			        "event; the column also passes through\n", "opt_out", S->h.names[S->dnc_col]);
		for (int k = 0; k < 5; k++)
			if (S->flag[k] >= 0)
				fprintf(f, "  %-16s <- \"%s\": %s\n", "status flag", S->h.names[S->flag[k]],
				        k == FLAG_FULL_REFUND ? "set, the sale is refunded (a refund)"
				        : k == FLAG_DISPUTED ? "set, a chargeback (a refund) unless the dispute was won"
				        : k == FLAG_DISPUTE_WON ? "set, a dispute won: still a purchase"
				        : k == FLAG_PREORDER ? "set, only authorised (not charged): skipped"
				        : "set, a free trial (not charged): skipped");
	}
	for (size_t c = 0; c < S->h.n; c++)
		if (S->out_of[c] >= 0) {
			const char *out = im->colnames[S->out_of[c]];
			if (strcmp(out, S->h.names[c]) == 0)
				fprintf(f, "  pass-through     \"%s\"\n", S->h.names[c]);
			else
				fprintf(f, "  pass-through     \"%s\" as \"%s\"\n", S->h.names[c], out);
		}
	int dates = 0;
	for (size_t k = 0; k < NDATES; k++) {
		int t = date_targets[k];
		if (!S->use[t])
			continue;
		if (!dates++)
			fprintf(f, "dates\n");
		fprintf(f, "  %-16s %s", hm_target_name[t], S->order_why[t]);
		int utc = S->colflags[S->m.src[t]] & HM_UTC;
		for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0; a++)
			utc |= S->colflags[S->m.alt[t][a]] & HM_UTC;
		if (utc)
			fprintf(f, "; times without an offset are UTC (the header says so), written with Z");
		else if (im->o.source_tz)
			fprintf(f, "; times without an offset are in %s (--source-tz), written with "
			        "their offset", im->o.source_tz);
		fputc('\n', f);
	}
	if (im->kind == HM_EVENTS && S->use[T_VALUE])
		fprintf(f, "amounts\n  %-16s %s\n", hm_target_name[T_VALUE], S->order_why[T_VALUE]);
}

void fu_import_explain(const fu_import *im, FILE *out)
{
	for (int i = 0; i < im->nsrc; i++)
		explain_source(im, &im->src[i], out);
	fprintf(out, "output columns\n  ");
	for (size_t c = 0; c < im->ncols; c++)
		fprintf(out, "%s%s", c ? "," : "", im->colnames[c]);
	fprintf(out, "\n");
}

void fu_import_write_header(const fu_import *im, fu_csv_writer *w)
{
	for (size_t c = 0; c < im->ncols; c++)
		fu_csv_fields(w, im->colnames[c]);
	fu_csv_endrow(w);
}

int fu_import_ninputs(const fu_import *im)
{
	return im->nsrc;
}

/* ---- values ---------------------------------------------------------------- */

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* the column of target T's cell, or of a weaker match where it is empty;
 * -1 when the input has none */
static long field_col(const struct source *S, const fu_record *rec, int t)
{
	long c = S->use[t] ? S->m.src[t] : -1;
	if (c < 0)
		return -1;
	for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0 && blank(rec->fields[c], rec->lens[c]); a++)
		c = S->m.alt[t][a];
	return c;
}

/* the cell of target T, or of a weaker match where it is empty */
static const char *field(const struct source *S, const fu_record *rec, int t, size_t *n)
{
	long c = field_col(S, rec, t);
	if (c < 0) {
		*n = 0;
		return "";
	}
	*n = rec->lens[c];
	return rec->fields[c];
}

/* The country a row's national phone numbers are read in: its own country
 * column's when it has one, else --country.  NULL when the cell names no
 * country we know; *CELL is then that cell. */
static const char *row_country(fu_import *im, const fu_record *rec, const char **cell,
                               size_t *celln)
{
	const struct source *S = im->cur;
	*cell = NULL;
	*celln = 0;
	if (!S->use[T_COUNTRY])
		return im->o.country;
	size_t n;
	const char *s = field(S, rec, T_COUNTRY, &n);
	if (blank(s, n) || norm_placeholder(s, n))
		return im->o.country;
	*cell = s;
	*celln = n;
	return norm_country(s, n);
}

/* An e-mail or a phone: the first usable value of the target's columns (the
 * strongest first); a cell may hold several (" ::: ", ',', ';', lines).
 * Placeholders (N/A, -, puuttuu ...) and Exchange addresses are no value.
 * Returns 0 (OUT may be empty), or -1 with REASON when the only values are
 * unusable. */
static int phone_value(fu_import *im, const char *s, size_t n, const char *country, int intl,
                       const char **why);

static int count_national(fu_import *im, const fu_record *rec, const char *s, size_t n);

/* A cell that is one phone number as most are written: digits (two or more)
 * and + ( ) - . / spaces only, so neither a placeholder nor several values;
 * PART is it without the blanks around.  0 for any other cell. */
static int plain_phone(const char *s, size_t n, norm_span *part)
{
	static const unsigned char ok[256] = {
		['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2,
		['7'] = 2, ['8'] = 2, ['9'] = 2, [' '] = 1, ['+'] = 1, ['('] = 1, [')'] = 1,
		['-'] = 1, ['.'] = 1, ['/'] = 1,
	};
	size_t digits = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char k = ok[(unsigned char)s[i]];
		if (!k)
			return 0;
		digits += k == 2;
	}
	if (digits < 2)
		return 0;
	while (*s == ' ')
		s++, n--;
	while (s[n - 1] == ' ')
		n--;
	*part = (norm_span){s, n};
	return 1;
}

/* A contact's addresses in its weaker e-mail columns after column K, the
 * one taken (Outlook's "E-mail 2 Address", "Secondary Email", "Email -
 * Home"): the same person's, its aliases, so that events keyed by them are
 * theirs.  Plain addresses only; OUT, the e-mail taken, is no alias. */
static void other_emails(fu_import *im, const fu_record *rec, const long *cols, int k,
                         int ncols, const fu_buf *out)
{
	if (im->kind != HM_CONTACTS)
		return;
	for (int j = k + 1; j < ncols; j++) {
		if (!norm_email_plain(rec->fields[cols[j]], rec->lens[cols[j]], &im->tmp) ||
		    (im->tmp.len == out->len && memcmp(im->tmp.data, out->data, out->len) == 0))
			continue;
		if (im->more_emails.len)
			fu_buf_addc(&im->more_emails, ';');
		fu_buf_add(&im->more_emails, im->tmp.data, im->tmp.len);
	}
}

static int key_value(fu_import *im, const fu_record *rec, int t, fu_buf *out)
{
	const struct source *S = im->cur;
	fu_buf_clear(out);
	if (!S->use[t])
		return 0;
	long cols[1 + HM_ALT];
	int ncols = 0;
	cols[ncols++] = S->m.src[t];
	for (int a = 0; a < HM_ALT && S->m.alt[t][a] >= 0; a++)
		cols[ncols++] = S->m.alt[t][a];
	const char *bad = NULL, *badwhy = NULL, *cty_cell = NULL;
	size_t badn = 0, cty_n = 0;
	const char *country = t == T_PHONE ? row_country(im, rec, &cty_cell, &cty_n) : NULL;
	if (t == T_PHONE)
		im->phone_guessed = 0;
	if (t == T_EMAIL)
		fu_buf_clear(&im->more_emails);
	for (int k = 0; k < ncols; k++) {
		const char *s = rec->fields[cols[k]];
		size_t n = rec->lens[cols[k]];
		if (t == T_EMAIL && norm_email_plain(s, n, out)) {
			other_emails(im, rec, cols, k, ncols, out);
			return 0; /* one plain address: nothing to split, no placeholder */
		}
		norm_span part[16];
		size_t np;
		int plain = t == T_PHONE && plain_phone(s, n, &part[0]);
		if (plain) {
			np = 1;
		} else {
			if (blank(s, n) || norm_placeholder(s, n))
				continue;
			np = norm_split(s, n, t == T_EMAIL, part, 16);
		}
		size_t good = 0;
		for (size_t i = 0; i < np; i++) {
			const char *why;
			if (!plain && norm_placeholder(part[i].s, part[i].n))
				continue;
			/* under the default --country, a number written as North
			 * America writes it, "(212) 555-0100", is one of the +1 */
			int nanp = t == T_PHONE && country == im->o.country && !im->o.country_given &&
			           !us_or_canada(country) && nanp_written(part[i].s, part[i].n);
			/* its column's evidence says North America (decide_phone_columns),
			 * but never over a number of the country the user implied
			 * (--source-tz, the row's country): 333 987 6543 in an Italian
			 * shop's list is an Italian mobile, whatever its +1 customers */
			int na_col = t == T_PHONE && !nanp && country == im->o.country &&
			             !im->o.country_given && S->phone_na[k] &&
			             nanp_digits(part[i].s, part[i].n) &&
			             !((im->country_why[0] || cty_cell) &&
			               norm_phone(part[i].s, part[i].n, country, &im->tmp, &why) == 0);
			if (na_col && good == 0 && im->cur->nphone_na++ == 0)
				snprintf(im->cur->phone_na_ex, sizeof im->cur->phone_na_ex, "%.*s",
				         (int)(part[i].n < 20 ? part[i].n : 20), part[i].s);
			nanp |= na_col;
			int rc = t == T_EMAIL ? norm_email(part[i].s, part[i].n, &im->tmp, &why)
			                      : phone_value(im, part[i].s, part[i].n, nanp ? "US" : country,
			                                    S->colflags[cols[k]] & HM_INTL, &why);
			/* a byte that was not UTF-8 (U+FFFD in its place: a file in
			 * another encoding, or one byte of it) makes no address to send
			 * to: some other mailbox's, maybe */
			if (rc == 0 && t == T_EMAIL && memmem(im->tmp.data, im->tmp.len, "\xEF\xBF\xBD", 3)) {
				rc = -1;
				why = "a byte that is not UTF-8 in it (read as U+FFFD): not knowing the letter, "
				      "no address (is the file in another encoding? see --encoding)";
			}
			if (rc == 0 && nanp && !na_col && good == 0 && im->cur->nanp++ == 0)
				snprintf(im->cur->nanp_ex, sizeof im->cur->nanp_ex, "%.*s",
				         (int)(part[i].n < 20 ? part[i].n : 20), part[i].s);
			if (rc != 0) {
				if (t == T_EMAIL && part[i].n >= 3 && part[i].s[0] == '/' &&
				    (part[i].s[1] | 0x20) == 'o' && part[i].s[2] == '=')
					continue; /* Outlook's Exchange address: not one we can mail */
				if (!bad)
					bad = part[i].s, badn = part[i].n, badwhy = why;
				continue;
			}
			if (good && t == T_EMAIL && k == 0 && im->kind == HM_CONTACTS) {
				/* the person's other address: an alias, so that
				 * events keyed by it are theirs */
				if (im->more_emails.len)
					fu_buf_addc(&im->more_emails, ';');
				fu_buf_add(&im->more_emails, im->tmp.data, im->tmp.len);
			}
			if (good++ == 0) {
				fu_buf_add(out, im->tmp.data, im->tmp.len);
				if (t == T_PHONE && country == im->o.country && !im->o.country_given &&
				    !(S->colflags[cols[k]] & HM_INTL) && !nanp)
					im->phone_guessed = count_national(im, rec, part[i].s, part[i].n);
			}
		}
		if (good > 1 && !S->m.multi[t] && k == 0) {
			fu_buf_clear(&im->reason);
			fu_buf_printf(&im->reason, "%s %s: %zu values in one cell; the first usable one is kept%s",
			              hm_target_name[t], quote_value(s, n, &im->cell), good,
			              im->more_emails.len ? ", the others are its aliases" : "");
			warn_kept(im, rec, "several values in one cell", im->reason.data);
		}
		if (good) {
			if (t == T_EMAIL)
				other_emails(im, rec, cols, k, ncols, out);
			return 0;
		}
	}
	if (!bad)
		return 0;
	/* an address with an obvious slip (a blank beside its @, a full stop
	 * after it): repaired, not rejected, so an opt-out reaches its person */
	for (int k = 0; t == T_EMAIL && k < ncols; k++) {
		const char *what;
		if (norm_email_repair(rec->fields[cols[k]], rec->lens[cols[k]], out, &what) != 0 ||
		    memmem(out->data, out->len, "\xEF\xBF\xBD", 3))
			continue;
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "email %s read as %s (%s)",
		              quote_value(rec->fields[cols[k]], rec->lens[cols[k]], &im->cell), out->data, what);
		note(im, rec, "e-mail address repaired", im->reason.data);
		return 0;
	}
	fu_buf_clear(out);
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: ", hm_target_name[t], quote_value(bad, badn, &im->cell));
	if (t == T_PHONE && cty_cell && !country && badwhy == norm_why_no_country)
		fu_buf_printf(&im->reason, "a national number, and the row's country %s is none we know "
		              "the calling code of (write the number with + and the code)",
		              quote_value(cty_cell, cty_n, &im->cell));
	else
		fu_buf_adds(&im->reason, badwhy);
	return -1;
}

/* A phone number written without its country code and read in the default
 * --country: counted, and told once an input ends (a German list's 0171 ...
 * would otherwise become +358171... silently) */
static int count_national(fu_import *im, const fu_record *rec, const char *s, size_t n)
{
	struct source *S = im->cur;
	while (n && (*s == ' ' || *s == '\t' || *s == '\''))
		s++, n--;
	if (n >= 4 && (*s == 't' || *s == 'T') && strncasecmp(s, "tel:", 4) == 0)
		s += 4, n -= 4;
	if (n && (*s == '+' || (n > 1 && s[0] == '0' && s[1] == '0') || (unsigned char)*s == 0xEF))
		return 0; /* international already (0xEF: a full-width plus) */
	if (S->national++ == 0) {
		S->national_line = rec->line;
		snprintf(S->national_ex, sizeof S->national_ex, "%.*s", (int)(n < 40 ? n : 40), s);
	}
	return 1;
}

/* The language of a list's headers when it is spoken in none of the
 * countries of the default --country (a German list read with FI): its
 * national phone numbers are likely that country's, not the default's.
 * NULL for English lists, exports of known systems, or --country given. */
static const char *list_language_abroad(const fu_import *im, const struct source *S)
{
	static const struct {
		const char *lang, *countries;
	} langs[] = {
		{"German", "DE AT CH LI LU BE"}, {"Danish", "DK"}, {"Norwegian", "NO"},
		{"Dutch", "NL BE"}, {"French", "FR BE CH LU CA"}, {"Spanish", "ES MX AR CO CL PE US"},
		{"Swedish", "SE FI"}, {"Finnish", "FI"},
	};
	if (im->o.country_given)
		return NULL;
	const char *profile = hm_profile(&S->h);
	char cc[3] = {0};
	for (int i = 0; i < 2 && im->o.country[i]; i++)
		cc[i] = (char)toupper((unsigned char)im->o.country[i]);
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if (strncmp(profile, langs[i].lang, strlen(langs[i].lang)) == 0)
			return strstr(langs[i].countries, cc) ? NULL : langs[i].lang;
	return NULL;
}

/* A phone number read in COUNTRY; in a column of international numbers
 * written without the + (Brevo's SMS: 33612345678), one that does not start
 * with 0 is given its +. */
static int phone_value(fu_import *im, const char *s, size_t n, const char *country, int intl,
                       const char **why)
{
	if (intl) {
		size_t i = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\''))
			i++;
		if (i < n && s[i] >= '1' && s[i] <= '9') {
			fu_buf_clear(&im->intl);
			fu_buf_addc(&im->intl, '+');
			fu_buf_add(&im->intl, s + i, n - i);
			return norm_phone(im->intl.data, im->intl.len, country, &im->tmp, why);
		}
	}
	return norm_phone(s, n, country, &im->tmp, why);
}

static int has_offset(const char *s);
static int earlier(const char *a, const char *b);

/* --source-tz: a time without an offset is a wall-clock time in that zone
 * (a CRM account's): written with its offset there, so that fu(7) does not
 * read it again in each contact's own zone */
static void source_zone(fu_import *im, fu_buf *out)
{
	fu_time t;
	const char *why;
	char buf[32];
	if (!im->o.source_tz || out->len <= 10 || has_offset(out->data) ||
	    fu_parse_time(out->data, im->o.source_tz, &t, &why) != 0)
		return;
	fu_format_time(t.t, im->o.source_tz, buf, sizeof buf);
	fu_buf_clear(out);
	fu_buf_adds(out, buf);
}

/* A time without an offset in an export that names each row's zone (Square's
 * "Time Zone": "Pacific Time (US & Canada)"): a wall-clock time there,
 * written with its offset (before --source-tz: the row says more).  A zone
 * not understood leaves the time as written, with a warning. */
static void row_zone(fu_import *im, const fu_record *rec, fu_buf *out)
{
	struct source *S = im->cur;
	if (S->zone_col < 0 || (size_t)S->zone_col >= rec->nfields || out->len <= 10 ||
	    has_offset(out->data))
		return;
	const char *z = rec->fields[S->zone_col], *why;
	size_t zn = rec->lens[S->zone_col];
	if (blank(z, zn) || norm_placeholder(z, zn))
		return;
	fu_buf zone = {0};
	fu_time t;
	char buf[40];
	if (norm_tz(z, zn, &zone, &why) != 0 || !zone.len) {
		S->nzone_bad++;
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "time zone %s: %s; the time %s read as written%s",
		              quote_value(z, zn, &im->cell), why, out->data,
		              im->o.source_tz ? " in --source-tz" : " (in each contact's zone)");
		warn_kept(im, rec, "time zone not known", im->reason.data);
	} else if (fu_parse_time(out->data, zone.data, &t, &why) == 0) {
		fu_format_time(t.t, zone.data, buf, sizeof buf);
		fu_buf_clear(out);
		fu_buf_adds(out, buf);
	}
	fu_buf_free(&zone);
}

/* An event's date S (read as OUT) and the clock time in a column of its own
 * (Wix's, Square's "Time"): read together, as one date-time.  A clock cell
 * that is not a time of day leaves the date alone, with a warning. */
static void join_clock(fu_import *im, const fu_record *rec, const char *s, size_t n, fu_buf *out)
{
	const struct source *S = im->cur;
	size_t cn;
	const char *clock = field(S, rec, T_CLOCK, &cn), *why;
	if (blank(clock, cn) || norm_placeholder(clock, cn))
		return;
	fu_buf both = {0}, joined = {0};
	norm_trim(s, n, &both);
	fu_buf_addc(&both, ' ');
	fu_buf_add(&both, clock, cn);
	if (norm_date(both.data, both.len, S->order[T_WHEN], &joined, &why) == 0 && joined.len > 10) {
		fu_buf_clear(out);
		fu_buf_add(out, joined.data, joined.len);
	} else {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "time %s: not a time of day (HH:MM, h:mm AM/PM); the date "
		              "alone kept", quote_value(clock, cn, &im->cell));
		warn_kept(im, rec, "time not a time of day", im->reason.data);
	}
	fu_buf_free(&both);
	fu_buf_free(&joined);
}

/* A PayPal row's when, a wall-clock date-time, in the zone of its TimeZone
 * cell: written with that offset.  A zone not known leaves it without one,
 * with a warning. */
static void paypal_zone(fu_import *im, const fu_record *rec, fu_buf *out)
{
	const struct source *S = im->cur;
	const char *why;
	if (S->pp.zone < 0 || (size_t)S->pp.zone >= rec->nfields)
		return;
	const char *z = rec->fields[S->pp.zone];
	size_t n = rec->lens[S->pp.zone];
	if (fu_paypal_when(out, z, n, &why) == 0)
		return;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: %s; the time is written without an offset",
	              S->h.names[S->pp.zone], quote_value(z, n, &im->cell), why);
	warn_kept(im, rec, "zone not known", im->reason.data);
}

/* a date of column T in its decided order; -1 with REASON */
static int date_value(fu_import *im, const fu_record *rec, int t, fu_buf *out)
{
	long c = field_col(im->cur, rec, t);
	size_t n = c >= 0 ? rec->lens[c] : 0;
	const char *s = c >= 0 ? rec->fields[c] : "";
	const char *why;
	fu_buf_clear(out);
	if (blank(s, n) || norm_placeholder(s, n))
		return 0;
	if (norm_date(s, n, im->cur->order[t], out, &why) == 0) {
		if (t == T_WHEN && out->len == 10 && im->cur->use[T_CLOCK])
			join_clock(im, rec, s, n, out);
		if (t == T_WHEN && im->cur->paypal)
			paypal_zone(im, rec, out);
		/* a time in a column whose header says UTC: written so (fu(7)
		 * reads a time without an offset as local) */
		if ((im->cur->colflags[c] & HM_UTC) && out->len > 10 && !has_offset(out->data))
			fu_buf_addc(out, 'Z');
		row_zone(im, rec, out);
		source_zone(im, out);
		return 0;
	}
	fu_buf_clear(out);
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: %s", hm_target_name[t], quote_value(s, n, &im->cell), why);
	return -1;
}

typedef int (*vocab_fn)(const char *, size_t, fu_buf *, const char **);

/* an optional column with a vocabulary: a value not understood leaves it
 * empty, with a warning */
static void optional_value(fu_import *im, const fu_record *rec, int t, vocab_fn fn, fu_buf *out)
{
	size_t n;
	const char *s = field(im->cur, rec, t, &n);
	const char *why;
	fu_buf_clear(out);
	if (n == 0 || fn(s, n, out, &why) == 0)
		return;
	fu_buf_clear(out);
	if (norm_placeholder(s, n))
		return;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: %s; left empty", hm_target_name[t],
	              quote_value(s, n, &im->cell), why);
	warn_kept(im, rec, why, im->reason.data);
}

/* the cell of consent target T, or NULL when the input has none or it is
 * empty ("-", "0", "ei" are answers here, not placeholders) */
static const char *consent_cell(const struct source *S, const fu_record *rec, int t, size_t *n)
{
	if (!S->use[t])
		return NULL;
	const char *s = field(S, rec, t, n);
	return blank(s, *n) ? NULL : s;
}

/* What a list's status (HM_WEAK: a plain "Status", Kit's "state") says: 1
 * a clear opt-out word (Unsubscribed, Bounced, Marked as spam, Deleted ...;
 * Cancelled or Inactive in an e-mail tool's subscriber state), 0 a consent
 * word (Active, Subscribed, Confirmed), -2 a word that is neither: a CRM's
 * own, or one we do not know, not read (told in a note).  Only in an e-mail
 * tool's subscriber state (HM_LIST, Kit's) is Cancelled an unsubscribe and
 * Inactive a subscriber who never confirmed the double opt-in (Kit sends
 * them nothing): in a plain "Status" Cancelled is a membership's or an
 * order's, and a win-back is for them, and Inactive a record the shop
 * shelved (Zoho Books: no longer used in transactions, or a duplicate
 * merged into another), neither a word about consent. */
/* In such a state (Beehiiv's) Invalid is an address that cannot be mailed,
 * an opt-out as a hard bounce is, and Pending, Validating and Needs
 * attention / approval a sign-up not confirmed yet (double opt-in, an
 * address being checked, the publisher's approval): no consent, 2, which
 * the next export may give. */
static int list_status_says(unsigned char flags, const char *s, size_t n)
{
	static const char *const list_out[] = {"cancelled", "canceled", "inactive", "invalid"};
	static const char *const list_unconfirmed[] = {"pending", "validating", "needs attention",
	                                               "needs approval"};
	if (norm_opt_out_word(s, n) ||
	    ((flags & HM_LIST) && norm_word_listed(s, n, list_out, 4)))
		return 1;
	if ((flags & HM_LIST) && norm_word_listed(s, n, list_unconfirmed, 4))
		return 2;
	return norm_consent_word(s, n) == 0 ? 0 : -2;
}

/* What a suppression column says (Klaviyo's Email Suppressions, a list
 * [{"reason": "HARD_BOUNCE", "timestamp": ...}], or its Suppression Reason
 * UNSUBSCRIBE, SPAM_COMPLAINT, INVALID_EMAIL, USER_SUPPRESSED; HubSpot's
 * Email hard bounce reason): any reason is a suppression, 1; an empty list,
 * no, none or a placeholder, 0. */
static int suppression_says(const char *s, size_t n)
{
	static const char *const none[] = {"[]", "{}", "null", "none", "not suppressed", "active"};
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || norm_placeholder(s, n) || norm_flag(s, n) == 0 ||
	    norm_word_listed(s, n, none, sizeof none / sizeof *none))
		return 0;
	if (s[0] == '[') { /* a list: empty when nothing but blanks is in it */
		size_t k = 1;
		while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
			k++;
		if (k < n && s[k] == ']')
			return 0;
	}
	return 1;
}

/* What a bounce's kind says (Bounce Type, Bounce Status, Bounce Reason):
 * 1 the address bounced for good (hard, permanent, an SMTP 5xx reply), 0
 * no bounce or one that may yet be delivered (soft, transient, 4xx), -1 a
 * word that says neither. */
static int bounce_says(const char *s, size_t n)
{
	static const char *const hard[] = {"hard", "hard bounce", "hard bounced", "hardbounce",
	                                   "permanent", "permanent failure", "bounced", "bounce",
	                                   "invalid", "invalid email", "invalid address", "undeliverable",
	                                   "suppressed", "blocked", "spam", "complaint", "yes", "true",
	                                   /* Amazon SES's permanent bounces' subtypes */
	                                   "noemail", "onaccountsuppressionlist"};
	static const char *const soft[] = {"soft", "soft bounce", "soft bounced", "softbounce",
	                                   "transient", "temporary", "undetermined", "none", "no",
	                                   "false", "0", "not bounced", "ok", "delivered", "valid",
	                                   /* Amazon SES's transient bounces' subtypes */
	                                   "mailbox full", "mailboxfull", "messagetoolarge",
	                                   "contentrejected", "attachmentrejected"};
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n == 0 || norm_placeholder(s, n))
		return 0;
	if (norm_word_listed(s, n, hard, sizeof hard / sizeof *hard))
		return 1;
	if (norm_word_listed(s, n, soft, sizeof soft / sizeof *soft))
		return 0;
	/* an SMTP reply: 550 5.1.1, 5.7.1 ... for good; 421, 4.2.2 ... not */
	if (n >= 3 && (s[0] == '5' || s[0] == '4') && (s[1] == '.' || (s[1] >= '0' && s[1] <= '9')))
		return s[0] == '5';
	/* a reason in words: "Hard bounce: mailbox does not exist" */
	char low[64];
	size_t k = n < sizeof low - 1 ? n : sizeof low - 1;
	for (size_t i = 0; i < k; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[k] = '\0';
	if (strncmp(low, "hard", 4) == 0 || strncmp(low, "permanent", 9) == 0)
		return 1;
	if (strncmp(low, "soft", 4) == 0 || strncmp(low, "transient", 9) == 0 ||
	    strncmp(low, "temporary", 9) == 0)
		return 0;
	return -1;
}

/* Does a bounce column of the row say soft (a filled cell read as no hard
 * bounce)?  Then another's word that says neither ("General", a bounce's
 * subtype or reason beside its type) is a detail of that soft bounce. */
static int bounce_said_soft(const struct source *S, const fu_record *rec)
{
	for (int a = -1; S->use[T_BOUNCE] && a < HM_ALT; a++) {
		long c = a < 0 ? S->m.src[T_BOUNCE] : S->m.alt[T_BOUNCE][a];
		if (c < 0)
			break;
		if ((size_t)c < rec->nfields && !blank(rec->fields[c], rec->lens[c]) &&
		    bounce_says(rec->fields[c], rec->lens[c]) == 0)
			return 1;
	}
	return 0;
}

/* What consent column C (of target T) says for a row: 1 opted out, 0
 * consent or nothing, -1 a word not understood, 2 (a list's status) a
 * sign-up not confirmed: no consent yet.  An empty opt-in cell is no
 * consent where other rows of the column give it (an unticked box). */
static int consent_says(const struct source *S, const fu_record *rec, int t, long c)
{
	const char *s = rec->fields[c];
	size_t n = rec->lens[c];
	int f;
	if (blank(s, n))
		return t == T_OPTIN && (S->colflags[c] & EMPTY_NO) ? 1 : 0;
	switch (t) {
	case T_OPTOUT: /* yes is an opt-out; so is a consent word that says one */
		f = norm_flag(s, n);
		if (f < 0 && norm_placeholder(s, n))
			return 0; /* "-", "n/a": nothing said */
		if (f < 0 && (f = norm_consent_word(s, n)) < 0 && norm_opt_out_phrase(s, n))
			f = 1; /* "Unsubscribed via link" */
		return f;
	case T_OPTIN:
		/* no is an opt-out; a consent word first, as "Unsubscribed" in a
		 * newsletter column is an opt-out however a flag would read it */
		f = norm_consent_word(s, n);
		if (f >= 0)
			return f;
		f = norm_flag(s, n);
		/* a date there is when they opted in (trials9/16) */
		return f == 0 ? 1 : f == 1 || looks_dated(s, n) ? 0 : -1;
	case T_SUPPRESSION:
		return suppression_says(s, n);
	case T_BOUNCE:
		f = bounce_says(s, n);
		return f < 0 && bounce_said_soft(S, rec) ? 0 : f;
	default:
		if (S->colflags[c] & HM_WEAK)
			return list_status_says(S->colflags[c], s, n);
		return norm_consent_word(s, n);
	}
}

/* one more row whose column C held a word told in a note: how many, and the
 * first's column, line and text (EX: 32 bytes) */
static void count_word(unsigned long *n, long *col, long *line, char ex[32], const fu_record *rec,
                       long c)
{
	if ((*n)++)
		return;
	*col = c;
	*line = rec->line;
	snprintf(ex, 32, "%.*s", (int)(rec->lens[c] < 24 ? rec->lens[c] : 24), rec->fields[c]);
}

/* unsubscribed: the opt-out time, or yes, from whichever consent columns the
 * input has (every one of them: one that says no is enough); a value not
 * understood counts as an opt-out (better one message too few than one to a
 * person who said no), except in a column known only by its words ("Marketing
 * Opt-In"), which may not be consent after all: there it is told once and
 * not read */
/* do_not_call: yes when a do-not-call column says so (or gives the day it
 * was set); a value not understood is taken as do not call, with a warning:
 * a call to someone who said no is the costlier mistake */
static void no_call_value(fu_import *im, const fu_record *rec, fu_buf *out)
{
	const struct source *S = im->cur;
	size_t n;
	const char *s, *why;
	fu_buf_clear(out);
	if (!S->use[T_NOCALL])
		return;
	s = field(S, rec, T_NOCALL, &n);
	int f = norm_flag(s, n); /* (before placeholders: "x" is a ticked box) */
	if (f == 0 || (f < 0 && norm_placeholder(s, n)))
		return;
	if (f < 0 && norm_date(s, n, NORM_DMY, out, &why) != 0) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "do_not_call %s: not yes/no or a date; taken as do not call",
		              quote_value(s, n, &im->cell));
		warn_kept(im, rec, "do-not-call word not known", im->reason.data);
	}
	fu_buf_clear(out);
	fu_buf_adds(out, "yes");
}

static int says_subscribed(const struct source *S, const fu_record *rec);
static int consent_says(const struct source *S, const fu_record *rec, int t, long c);

/* sms_unsubscribed: yes when a column of consent to text messages alone
 * says no (an SMS opt-out flag says yes, an SMS opt-in flag says no, an SMS
 * consent word is an opt-out or no consent: Klaviyo's NEVER_SUBSCRIBED),
 * or the day an SMS opt-out column gives.  A value not understood is taken
 * as no marketing texts, with a warning.  E-mail's consent is not touched:
 * a person who said no to texts may still get marketing e-mail. */
static void sms_consent_value(fu_import *im, const fu_record *rec, fu_buf *out)
{
	static const int targets[] = {T_SMS_OPTOUT, T_SMS_OPTIN, T_SMS_CONSENT};
	static const int read_as[] = {T_OPTOUT, T_OPTIN, T_CONSENT};
	struct source *S = im->cur;
	const char *why;
	long unknown = -1, unknown_t = 0;
	fu_buf_clear(out);
	for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
		int t = targets[k];
		for (int a = -1; S->use[t] && a < HM_ALT; a++) {
			long c = a < 0 ? S->m.src[t] : S->m.alt[t][a];
			if (c < 0)
				break;
			if ((size_t)c >= rec->nfields)
				continue;
			const char *s = rec->fields[c];
			size_t n = rec->lens[c];
			int f = consent_says(S, rec, read_as[k], c);
			/* the day of an SMS opt-out (fu's own sms_unsubscribed) */
			if (f < 0 && t == T_SMS_OPTOUT && norm_date(s, n, NORM_DMY, out, &why) == 0) {
				source_zone(im, out);
				S->nsms_out++;
				return;
			}
			fu_buf_clear(out);
			if (f == 1) {
				fu_buf_adds(out, "yes");
				S->nsms_out++;
				return;
			}
			if (f < 0 && unknown < 0)
				unknown = c, unknown_t = t;
		}
	}
	if (unknown < 0)
		return;
	fu_buf_adds(out, "yes");
	S->nsms_out++;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: not a yes/no or consent word we know; taken as no "
	              "marketing texts (sms_unsubscribed)", hm_target_name[unknown_t],
	              quote_value(rec->fields[unknown], rec->lens[unknown], &im->cell));
	warn_kept(im, rec, "SMS consent word not known", im->reason.data);
}

/* A filled unsubscribe reason (Mailchimp's UNSUB_REASON, "Unsubscribe
 * Reason") is an opt-out when no consent column of the row says the contact
 * is subscribed: the time the export gives with it (a consent timestamp),
 * else yes.  An empty cell or a placeholder ("-", "n/a", "none") says
 * nothing. */
static void reason_optout(fu_import *im, const fu_record *rec, fu_buf *out)
{
	struct source *S = im->cur;
	int given = 0;
	for (int a = -1; a < HM_ALT && !given; a++) {
		long c = a < 0 ? S->m.src[T_UNSUB_REASON] : S->m.alt[T_UNSUB_REASON][a];
		if (c < 0)
			break;
		given = (size_t)c < rec->nfields && !blank(rec->fields[c], rec->lens[c]) &&
		        !norm_placeholder(rec->fields[c], rec->lens[c]);
	}
	if (!given || says_subscribed(S, rec))
		return;
	S->nreason++;
	if (S->use[T_CONSENT_AT] && date_value(im, rec, T_CONSENT_AT, out) == 0 && out->len)
		return;
	fu_buf_clear(out);
	fu_buf_adds(out, "yes");
}

/* the date an opt-out column C of a row gives (when they opted out), in
 * OUT: 0, or -1 when the cell is no date */
static int optout_date(fu_import *im, const fu_record *rec, long c, fu_buf *out)
{
	const char *why;
	fu_buf_clear(out);
	if (norm_date(rec->fields[c], rec->lens[c], im->cur->order[T_UNSUB], out, &why) != 0) {
		fu_buf_clear(out);
		return -1;
	}
	if ((im->cur->colflags[c] & HM_UTC) && out->len > 10 && !has_offset(out->data))
		fu_buf_addc(out, 'Z'); /* as in date_value */
	source_zone(im, out);
	return 0;
}

static void consent_value(fu_import *im, const fu_record *rec, fu_buf *out)
{
	static const char *const active_word[] = {"active"};
	struct source *S = im->cur;
	size_t n = 0;
	const char *s, *why;
	fu_buf_clear(out);
	if ((s = consent_cell(S, rec, T_UNSUB, &n)) && fu_unsub_no_consent(s, n)) {
		/* fu's own "not in the list of consent" (a list this program
		 * wrote): made again from this run's --opt-in-list, else kept */
		if (!im->o.noptin_lists) {
			fu_buf_adds(out, FU_NO_CONSENT);
			return;
		}
	} else if (s) {
		int f = norm_flag(s, n);
		if (f == -1 && norm_placeholder(s, n))
			f = 0;
		if (f == -1 && norm_date(s, n, S->order[T_UNSUB], out, &why) == 0) {
			if ((S->colflags[field_col(S, rec, T_UNSUB)] & HM_UTC) && out->len > 10 &&
			    !has_offset(out->data))
				fu_buf_addc(out, 'Z'); /* as in date_value */
			source_zone(im, out);
			return;
		}
		fu_buf_clear(out);
		if (f != 0) {
			fu_buf_adds(out, "yes");
			if (f < 0) {
				fu_buf_clear(&im->reason);
				fu_buf_printf(&im->reason, "unsubscribed %s: not a date, yes/no or consent word "
				              "we know; taken as unsubscribed", quote_value(s, n, &im->cell));
				warn_kept(im, rec, "consent word not known", im->reason.data);
			}
			return;
		}
	}
	/* a suppression or a hard bounce ends marketing mail whatever a
	 * consent column says (the address cannot be mailed) */
	static const int targets[] = {T_SUPPRESSION, T_BOUNCE, T_OPTOUT, T_OPTIN, T_CONSENT};
	static const char *const record_words[] = {"inactive", "cancelled", "canceled"};
	long unknown = -1, unknown_t = 0;
	int unconfirmed = 0;
	for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
		int t = targets[k];
		for (int a = -1; S->use[t] && a < HM_ALT; a++) {
			long c = a < 0 ? S->m.src[t] : S->m.alt[t][a];
			if (c < 0)
				break;
			if ((size_t)c >= rec->nfields)
				continue;
			int f = consent_says(S, rec, t, c);
			if (f == 1 && S->newsletter_col == c + 1)
				S->nnewsletter_out++;
			if (f == 2) { /* (an opt-out in another column is worth more) */
				unconfirmed = 1;
				S->nlist_known++;
				continue;
			}
			/* a date in an opt-out column is when they opted out (fu(7)) */
			if (f < 0 && t == T_OPTOUT && optout_date(im, rec, c, out) == 0)
				return;
			if (f == -2 && norm_word_listed(rec->fields[c], rec->lens[c], record_words, 3)) {
				/* a plain Status's Inactive or Cancelled: the record's (told) */
				count_word(&S->nrecord_status, &S->record_status_col, &S->record_status_line,
				           S->record_status_ex, rec, c);
				continue;
			}
			if (f == -2) { /* a list status's word that is no consent word */
				count_word(&S->nlist_unread, &S->list_col, &S->list_line, S->list_ex, rec, c);
				continue;
			}
			/* a list's own words (not Active, which a CRM says too, but in
			 * an e-mail tool's subscriber state) make the column's other
			 * words worth a note */
			if ((S->colflags[c] & HM_WEAK) && !blank(rec->fields[c], rec->lens[c]) &&
			    (f == 1 || (S->colflags[c] & HM_LIST) ||
			     !norm_word_listed(rec->fields[c], rec->lens[c], active_word, 1)))
				S->nlist_known++;
			if (f == 1) {
				if (t == T_OPTIN && blank(rec->fields[c], rec->lens[c]) && !S->nempty_no++)
					S->empty_no_col = c;
				if (t == T_SUPPRESSION || t == T_BOUNCE)
					S->nsuppressed++;
				/* an opt-out whose time the export gives (Klaviyo's
				 * consent timestamp; not a suppression's: the consent
				 * time is not when the address bounced, and the export's
				 * yes holds against any event, fu(7)) */
				if (t != T_SUPPRESSION && t != T_BOUNCE && S->use[T_CONSENT_AT] &&
				    date_value(im, rec, T_CONSENT_AT, out) == 0 && out->len)
					return;
				fu_buf_clear(out);
				fu_buf_adds(out, "yes");
				return;
			}
			/* a column known only by its words may not be consent after
			 * all; but one whose words say opt-out fails safe, below */
			if (f < 0 && (S->colflags[c] & HM_GUESS) && t != T_OPTOUT) {
				if (!S->nguess_unread++) {
					S->guess_col = c;
					fu_buf_clear(&im->reason);
					fu_buf_printf(&im->reason, "\"%s\" looks like a consent column, but %s "
					              "is not a yes/no or consent word we know: not read in the rows "
					              "that say such words; say what the column is with --map "
					              "opt_in=HEADER (or opt_out=, consent=)", S->h.names[c],
					              quote_value(rec->fields[c], rec->lens[c], &im->cell));
					warn_kept(im, rec, "consent column not read", im->reason.data);
				}
			} else if (f < 0 && unknown < 0) {
				unknown = c;
				unknown_t = t;
			}
		}
	}
	if (unknown < 0) {
		if (S->use[T_UNSUB_REASON])
			reason_optout(im, rec, out);
		/* a sign-up not confirmed: no consent, made again by each
		 * import (fu(7)), so that the one who confirms is subscribed */
		if (unconfirmed && !out->len) {
			fu_buf_adds(out, FU_NO_CONSENT);
			S->nunconfirmed++;
		}
		return;
	}
	fu_buf_adds(out, "yes");
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: %s; taken as unsubscribed", hm_target_name[unknown_t],
	              quote_value(rec->fields[unknown], rec->lens[unknown], &im->cell),
	              unknown_t == T_BOUNCE ? "neither a hard nor a soft bounce"
	                                    : "not a date, yes/no or consent word we know");
	warn_kept(im, rec, "consent word not known", im->reason.data);
}

/* Does a consent column of the row say the contact is subscribed (a cell
 * that is not empty and reads as consent: "yes" in an opt-in column, "no"
 * in an opt-out or unsubscribed one, "Subscribed" in a status)?  A list
 * status that is no consent word ("Active") says nothing. */
static int says_subscribed(const struct source *S, const fu_record *rec)
{
	static const int targets[] = {T_UNSUB, T_OPTOUT, T_OPTIN, T_CONSENT};
	if (S->member_since[0] >= 0 || S->member_since[1] >= 0)
		return 1; /* a list of subscribed members */
	for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
		int t = targets[k];
		for (int a = -1; S->use[t] && a < HM_ALT; a++) {
			long c = a < 0 ? S->m.src[t] : S->m.alt[t][a];
			if (c < 0)
				break;
			if ((size_t)c >= rec->nfields || blank(rec->fields[c], rec->lens[c]))
				continue;
			const char *s = rec->fields[c];
			size_t n = rec->lens[c];
			if (t == T_UNSUB ? norm_flag(s, n) == 0
			    : (S->colflags[c] & HM_WEAK) ? norm_consent_word(s, n) == 0
			    : consent_says(S, rec, t, c) == 0)
				return 1;
		}
	}
	return 0;
}

/* Does a row give consent of its own, as a list of consent does
 * (--opt-in-list)?  A row of Mailchimp's subscribed export; a filled cell of
 * an opt-in column that reads as consent (Shopify's Accepts Email Marketing
 * yes, a date: when they opted in); a consent status word (Klaviyo's Email
 * Marketing Consent SUBSCRIBED, Square's Email Subscription Status
 * Subscribed, Mailchimp's status subscribed), but not a plain "Status"
 * whose Active may be the CRM record's.  Not an opt-out column's no, nor an
 * empty cell: no opt-out is not consent. */
static int row_gives_consent(const struct source *S, const fu_record *rec)
{
	static const int targets[] = {T_OPTIN, T_CONSENT};
	if (S->member_since[0] >= 0 || S->member_since[1] >= 0)
		return 1;
	for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
		int t = targets[k];
		for (int a = -1; S->use[t] && a < HM_ALT; a++) {
			long c = a < 0 ? S->m.src[t] : S->m.alt[t][a];
			if (c < 0)
				break;
			if ((size_t)c >= rec->nfields || blank(rec->fields[c], rec->lens[c]) ||
			    ((S->colflags[c] & HM_WEAK) && !(S->colflags[c] & HM_LIST)))
				continue;
			if (consent_says(S, rec, t, c) == 0)
				return 1;
		}
	}
	return 0;
}

/* A subscribed member's latest consent time (its opt-in or confirmation,
 * Mailchimp's OPTIN_TIME and CONFIRM_TIME, in UTC) into OUT when later than
 * what OUT has */
static int has_offset(const char *s);
static int earlier(const char *a, const char *b);

static void member_since(fu_import *im, const fu_record *rec, fu_buf *out)
{
	const struct source *S = im->cur;
	const char *why;
	for (int k = 0; k < 2; k++) {
		long c = S->member_since[k];
		if (c < 0 || (size_t)c >= rec->nfields || blank(rec->fields[c], rec->lens[c]))
			continue;
		fu_buf_clear(&im->cell);
		if (norm_date(rec->fields[c], rec->lens[c], NORM_DMY, &im->cell, &why) != 0)
			continue;
		if (im->cell.len > 10 && !has_offset(im->cell.data))
			fu_buf_addc(&im->cell, 'Z'); /* Mailchimp's times are UTC */
		if (!out->len || earlier(out->data, im->cell.data)) {
			fu_buf_clear(out);
			fu_buf_add(out, im->cell.data, im->cell.len);
		}
	}
}

/* KEY (N bytes) at TIME into KT, when later than the time it has */
static void key_time_put(struct key_times *kt, const char *key, size_t n, const char *time)
{
	int added;
	size_t x = fu_map_put(&kt->keys, key, n, &added);
	if (x >= kt->cap) {
		kt->cap = kt->cap ? 2 * kt->cap : 256;
		kt->at = fu_xrealloc(kt->at, kt->cap * sizeof *kt->at);
	}
	if (!added && !earlier(kt->text.data + kt->at[x], time))
		return;
	kt->at[x] = kt->text.len;
	fu_buf_add(&kt->text, time, strlen(time) + 1);
}

/* the latest time KT has for ROW's e-mail, phone or aliases ("" none) */
static const char *key_time_of(const struct key_times *kt, const fu_buf *row)
{
	const char *best = "";
	long x;
	for (int t = 0; t < 2; t++) {
		const fu_buf *k = &row[t == 0 ? T_EMAIL : T_PHONE];
		if (k->len && (x = fu_map_get(&kt->keys, k->data, k->len)) >= 0 &&
		    (!best[0] || earlier(best, kt->text.data + kt->at[x])))
			best = kt->text.data + kt->at[x];
	}
	const char *list = row[T_ALIASES].len ? row[T_ALIASES].data : "", *a;
	size_t n;
	while (fu_alias_next(&list, &a, &n))
		if ((x = fu_map_get(&kt->keys, a, n)) >= 0 && (!best[0] || earlier(best, kt->text.data + kt->at[x])))
			best = kt->text.data + kt->at[x];
	return best;
}

/* merging: a row's dated opt-out, or the time of the consent it gives
 * (Klaviyo's consent timestamp, Mailchimp's OPTIN_TIME), by its e-mail
 * (else phone), for newest_consent */
static void note_key_time(fu_import *im, const fu_record *rec, const fu_buf *v)
{
	const fu_buf *k = v[T_EMAIL].len ? &v[T_EMAIL] : &v[T_PHONE];
	if (!k->len)
		return;
	if (v[T_UNSUB].len && isdigit((unsigned char)v[T_UNSUB].data[0])) {
		key_time_put(&im->optout_times, k->data, k->len, v[T_UNSUB].data);
		return;
	}
	if (v[T_UNSUB].len || !says_subscribed(im->cur, rec))
		return;
	fu_buf_clear(&im->tmp);
	if (im->cur->use[T_CONSENT_AT] && date_value(im, rec, T_CONSENT_AT, &im->tmp) != 0)
		fu_buf_clear(&im->tmp);
	member_since(im, rec, &im->tmp);
	if (im->tmp.len && isdigit((unsigned char)im->tmp.data[0]))
		key_time_put(&im->consent_times, k->data, k->len, im->tmp.data);
}

/* --previous had this contact (by its id or e-mail) with an opt-out, and
 * this row says nothing of one: when it says the contact is subscribed,
 * remembered for the old contact with the consent time the row gives
 * (Klaviyo's consent timestamp; the latest of its rows), for
 * keep_optout.  Per row only when the old list had opt-outs. */
static void optout_said(fu_import *im, const fu_record *rec, const fu_buf *v)
{
	struct previous *pv = &im->prev;
	const struct source *S = im->cur;
	long k;
	size_t old[2] = {SIZE_MAX, SIZE_MAX};
	if (v[T_ID].len && (k = fu_map_get(&pv->ids, v[T_ID].data, v[T_ID].len)) >= 0)
		old[0] = pv->id_row[k];
	if (v[T_EMAIL].len && (k = fu_map_get(&pv->mails, v[T_EMAIL].data, v[T_EMAIL].len)) >= 0)
		old[1] = pv->mail_row[k];
	if ((old[0] == SIZE_MAX || pv->optout_at[old[0]] == SIZE_MAX) &&
	    (old[1] == SIZE_MAX || pv->optout_at[old[1]] == SIZE_MAX))
		return;
	if (!says_subscribed(S, rec))
		return;
	fu_buf_clear(&im->tmp);
	if (S->use[T_CONSENT_AT] && date_value(im, rec, T_CONSENT_AT, &im->tmp) != 0)
		fu_buf_clear(&im->tmp);
	member_since(im, rec, &im->tmp);
	for (int i = 0; i < 2; i++) {
		if (old[i] == SIZE_MAX || pv->optout_at[old[i]] == SIZE_MAX || (i == 1 && old[1] == old[0]))
			continue;
		int added;
		size_t x = fu_map_put(&pv->said, (const char *)&old[i], sizeof old[i], &added);
		if (x == pv->saidcap) {
			pv->saidcap = pv->saidcap ? 2 * pv->saidcap : 64;
			pv->said_at = fu_xrealloc(pv->said_at, pv->saidcap * sizeof *pv->said_at);
		}
		const char *had = added ? NULL : pv->said_text.data + pv->said_at[x];
		if (had && (!im->tmp.len || (had[0] && !earlier(had, im->tmp.data))))
			continue; /* a later consent time already */
		pv->said_at[x] = pv->said_text.len;
		fu_buf_add(&pv->said_text, im->tmp.len ? im->tmp.data : "", im->tmp.len + 1);
	}
}

static void text_value(const struct source *S, const fu_record *rec, int t, fu_buf *out)
{
	size_t n;
	const char *s = field(S, rec, t, &n);
	norm_trim(s, n, out);
}

/* BigCommerce's "Product Details" in B ("Product ID: 77, Product Qty: 1,
 * Product SKU: TEA-1, Product Name: Sencha, Product Weight: 0.1, ...", one
 * such run a product, '|' between them) becomes its product names, "; "
 * between them as between an order's line items (a name may hold a comma:
 * it ends where the next "Product ..." field starts).  A cell without a
 * product name is left as it is.  TMP is scratch. */
static void product_names(fu_buf *b, fu_buf *tmp)
{
	static const char key[] = "Product Name:";
	if (!b->len)
		return;
	fu_buf_clear(tmp);
	const char *p = b->data, *end = b->data + b->len;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *stop = bar ? bar : end;
		const char *k = memmem(p, (size_t)(stop - p), key, sizeof key - 1);
		if (k) {
			const char *v = k + sizeof key - 1, *e = stop;
			const char *next = memmem(v, (size_t)(stop - v), ", Product ", 10);
			if (next)
				e = next;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			if (e > v) {
				if (tmp->len)
					fu_buf_adds(tmp, "; ");
				fu_buf_add(tmp, v, (size_t)(e - v));
			}
		}
		p = bar ? bar + 1 : end;
	}
	if (!tmp->len)
		return;
	fu_buf_clear(b);
	fu_buf_add(b, tmp->data, tmp->len);
}

/* Is the word W (N bytes, a '.' after it or not) in LIST, in any case? */
static int word_listed(const char *w, size_t n, const char *const *list, size_t count)
{
	if (n && w[n - 1] == '.')
		n--;
	return n && norm_word_listed(w, n, list, count);
}

/* A full name's titles before it (Mr, Dr, Prof, Herr, Mme ...) and its
 * suffixes after it (Jr, Sr, III, PhD) taken off in place: a greeting goes
 * to the first name alone.  Returns 1 when a title was there, so that a
 * single name left is the family name ("Mr. Smith"). */
static int drop_affixes(fu_buf *b)
{
	static const char *const titles[] = {
		/* (not words that are also first names or initials: Don, Tri, M.) */
		"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev",
		"herr", "frau", "hr", "fru", "fröken", "mme", "mlle", "monsieur", "madame", "sr",
		"sra", "srta", "dott", "herra", "rouva", "neiti",
	};
	static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq",
	                                        "mba", "dds"};
	int titled = 0;
	for (;;) { /* leading titles, while a name stays */
		char *sp = memchr(b->data, ' ', b->len);
		if (!sp || !word_listed(b->data, (size_t)(sp - b->data), titles,
		                        sizeof titles / sizeof titles[0]))
			break;
		size_t skip = (size_t)(sp - b->data) + 1;
		while (skip < b->len && b->data[skip] == ' ')
			skip++;
		memmove(b->data, b->data + skip, b->len - skip + 1);
		b->len -= skip;
		titled = 1;
	}
	for (;;) { /* trailing suffixes ("Smith Jr.", "Smith, Jr.") */
		char *sp = memrchr(b->data, ' ', b->len);
		if (!sp || !word_listed(sp + 1, b->len - (size_t)(sp - b->data) - 1, suffixes,
		                        sizeof suffixes / sizeof suffixes[0]))
			break;
		b->len = (size_t)(sp - b->data);
		while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == ','))
			b->len--;
		b->data[b->len] = '\0';
	}
	return titled;
}

static void split_name(const char *s, size_t n, fu_buf *first, fu_buf *last)
{
	fu_buf full = {0};
	norm_trim(s, n, &full);
	fu_buf_clear(first);
	fu_buf_clear(last);
	if (full.len == 0) {
		fu_buf_free(&full);
		return;
	}
	char *comma = memchr(full.data, ',', full.len);
	char *sp = NULL;
	if (comma) { /* "Virtanen, Matti" */
		norm_trim(comma + 1, full.len - (size_t)(comma - full.data) - 1, first);
		norm_trim(full.data, (size_t)(comma - full.data), last);
		if (first->len)
			drop_affixes(first);
		if (last->len)
			drop_affixes(last);
	} else {
		/* at the first space: the greeting's first name is the first word,
		 * and the family name keeps its particles and second words ("Kayla
		 * Te Awa", "Guadalupe de la Cruz", "Jan van der Berg", "María
		 * García López"); a second given name ("Mary Ann Smith") goes with
		 * the family name, where a greeting does not show it */
		int titled = drop_affixes(&full);
		size_t k = 0; /* one space between words */
		for (size_t i = 0; i < full.len; i++)
			if (full.data[i] != ' ' || (k && full.data[k - 1] != ' '))
				full.data[k++] = full.data[i];
		full.data[full.len = k] = '\0';
		if ((sp = strchr(full.data, ' ')) != NULL) {
			norm_trim(full.data, (size_t)(sp - full.data), first);
			norm_trim(sp + 1, full.len - (size_t)(sp - full.data) - 1, last);
		} else if (titled) { /* "Mr. Smith": a title goes with the family name */
			fu_buf_add(last, full.data, full.len);
		} else {
			fu_buf_add(first, full.data, full.len);
		}
	}
	fu_buf_free(&full);
}

/* Is a business id a company's?  Any value is, but a Swedish personal
 * number (YYMMDD-NNNN, YYYYMMDD-NNNN: a month where an organisation number
 * has 20 or more), which Fortnox keeps in the same column. */
static int business_id(const char *s, size_t n)
{
	if (blank(s, n) || norm_placeholder(s, n))
		return 0;
	char d[16];
	size_t nd = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (nd == sizeof d)
				return 1;
			d[nd++] = s[i];
		} else if (s[i] != '-' && s[i] != '+' && s[i] != ' ') {
			return 1;
		}
	}
	size_t month = nd == 10 ? 2 : nd == 12 ? 4 : 0;
	return !month || d[month] >= '2';
}

/* A name column is a person's, split into first and last name, unless the
 * row is a company's: a business id in it (Y-tunnus, Organisationsnummer),
 * or a legal form in the name (Oy, AB, GmbH, Inc, "& Co" ...).  Then the
 * name is the company, and a contact person column (Yhteyshenkilö,
 * Kontaktperson) gives the first and last name. */
/* A vCard's structured name "Last;First;Middle;Prefix;Suffix" (a part's
 * first value when it has several "A,B"): 1 when it gave a name */
static int vcard_name(const char *s, size_t n, fu_buf *first, fu_buf *last)
{
	fu_buf_clear(first);
	fu_buf_clear(last);
	const char *end = s + n, *p = s;
	for (int part = 0; part < 2 && p <= end; part++) {
		const char *e = p;
		while (e < end && *e != ';')
			e++;
		const char *comma = memchr(p, ',', (size_t)(e - p));
		norm_trim(p, (size_t)((comma ? comma : e) - p), part == 0 ? last : first);
		p = e + 1;
	}
	return first->len || last->len;
}

/* Is the row a company's by its company flag column (company_flag_column)? */
static int company_row(const struct source *S, const fu_record *rec)
{
	long c = S->company_flag_col;
	if (c < 0 || (size_t)c >= rec->nfields)
		return 0;
	const char *s = rec->fields[c];
	size_t n = rec->lens[c];
	if (S->company_type) {
		static const char *const company[] = {"company", "organization", "organisation",
		                                      "business", "yritys", "företag", "unternehmen",
		                                      "firma", "société", "empresa"};
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		return n && norm_word_listed(s, n, company, sizeof company / sizeof company[0]);
	}
	return norm_flag(s, n) == 1;
}

/* A name written "Company, Person" (Odoo's "Display Name" of a company's
 * contact: "Azure Interior, Brandon Freeman"): the person's part, in *S
 * and *N, and the company's into COMPANY when it is empty.  So when the
 * part before the comma is the row's company, or the name column is Odoo's
 * Display Name (beside its Is a Company or Company Type), where a comma
 * never means "Last, First". */
static void company_person_name(const struct source *S, const fu_record *rec, const char **s,
                                size_t *n, fu_buf *company)
{
	const char *p = *s;
	size_t len = *n;
	while (len && (*p == ' ' || *p == '\t'))
		p++, len--;
	if (company->len && len > company->len + 1 && strncmp(p, company->data, company->len) == 0 &&
	    p[company->len] == ',') {
		*s = p + company->len + 1;
		*n = len - company->len - 1;
		return;
	}
	long c = field_col(S, rec, T_NAME);
	if (S->company_flag_col < 0 || c < 0 || strcasecmp(S->h.names[c], "display name") != 0)
		return;
	const char *comma = NULL;
	for (size_t i = 0; i < len; i++)
		if (p[i] == ',')
			comma = p + i;
	if (!comma || comma == p)
		return;
	if (!company->len)
		norm_trim(p, (size_t)(comma - p), company);
	*s = comma + 1;
	*n = len - (size_t)(comma - p) - 1;
}

static void name_values(fu_import *im, const fu_record *rec, fu_buf *v)
{
	const struct source *S = im->cur;
	size_t n = 0, pn = 0, bn = 0;
	const char *s = S->use[T_NAME] ? field(S, rec, T_NAME, &n) : "";
	if (!blank(s, n) && company_row(S, rec)) {
		/* a company's own row: its name is the company, no person's */
		if (!v[T_COMPANY].len)
			norm_trim(s, n, &v[T_COMPANY]);
		fu_buf_clear(&v[T_FIRST]);
		fu_buf_clear(&v[T_LAST]);
		return;
	}
	if (!blank(s, n))
		company_person_name(S, rec, &s, &n, &v[T_COMPANY]);
	if (S->use[T_NAME] && S->m.vcard_n >= 0 && field_col(S, rec, T_NAME) == S->m.vcard_n) {
		if (vcard_name(s, n, &v[T_FIRST], &v[T_LAST]))
			return;
		/* "N:;;;;" (an organisation's card): the formatted name FN */
		s = "", n = 0;
		for (int a = 0; a < HM_ALT && S->m.alt[T_NAME][a] >= 0 && !n; a++) {
			long ac = S->m.alt[T_NAME][a];
			if (!blank(rec->fields[ac], rec->lens[ac]))
				s = rec->fields[ac], n = rec->lens[ac];
		}
	}
	const char *p = S->use[T_PERSON] ? field(S, rec, T_PERSON, &pn) : "";
	const char *b = S->use[T_BUSINESS_ID] ? field(S, rec, T_BUSINESS_ID, &bn) : "";
	if (blank(s, n)) {
		split_name(p, pn, &v[T_FIRST], &v[T_LAST]);
	} else if (business_id(b, bn) || norm_company_name(s, n)) {
		if (!v[T_COMPANY].len)
			norm_trim(s, n, &v[T_COMPANY]);
		split_name(p, pn, &v[T_FIRST], &v[T_LAST]);
	} else if (!memchr(s, '@', n) && !has_digit(s, n)) {
		split_name(s, n, &v[T_FIRST], &v[T_LAST]);
	} else {
		/* an id, an address, a number ("C-1001", QuickBooks' "Customer"
		 * of a list keyed by number): no person's name */
		split_name(p, pn, &v[T_FIRST], &v[T_LAST]);
	}
}

/* Does a value hold a line break, a tab or another control character? */
static int has_line_break(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	/* eight bytes at a time while all are printable ASCII (0x20-0x7E: a
	 * byte below 0x20 borrows in w - 0x20.., one of 0x7F up carries into
	 * its high bit in w + 0x01..; either stops this at that word) */
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	while (i < n) {
		uint64_t w;
		size_t stop = n; /* the bytes to look at one by one: a word's, or the rest */
		if (i + 8 <= n) {
			memcpy(&w, u + i, 8);
			stop = i + 8; /* then words again: a name's ä is no reason to stop */
		} else if (n >= 8) {
			memcpy(&w, u + n - 8, 8); /* the last eight (some of them seen) */
		} else {
			w = ones * ' '; /* a short value, padded with spaces */
			memcpy(&w, u, n);
		}
		if (!(((w - ones * 0x20) | (w + ones) | w) & highs)) {
			i = stop;
			continue;
		}
		for (; i < stop; i++)
			if (u[i] < 0x20 || u[i] == 0x7F || (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0x85) ||
			    (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] & 0xFE) == 0xA8))
				return 1;
	}
	return 0;
}

/* A value that is one line (a name, a company, an owner, a product): a line
 * break or tab in it (Excel's Alt+Enter, a pasted address) becomes one
 * space, with a note; a message's header never gets a line break from it. */
static void one_line(fu_import *im, const fu_record *rec, const char *column, fu_buf *b)
{
	if (!b->len || !has_line_break(b->data, b->len))
		return;
	fu_buf_clear(&im->tmp);
	fu_buf_add(&im->tmp, b->data, b->len);
	norm_fold_line(b);
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: its line break or tab read as one space", column,
	              quote_value(im->tmp.data, im->tmp.len, &im->cell));
	note(im, rec, "line break in a one-line value", im->reason.data);
}

/* An empty tz from the row's country: its zone when it has one (or one that
 * nearly all its people live in), else the zone of the row's state or
 * province; with no country, from the phone's calling code when the
 * countries that have it keep one time.  A country of several zones and no
 * state leaves it empty (counted, told when the input ends). */
/* The zone of the country of a phone number in E.164 form, when the
 * countries of its calling code keep one time (+1, the United States and
 * Canada, do not); NULL when none.  The first three digits decide the code:
 * the answer for them is remembered. */
static const char *phone_zone(fu_import *im, const char *e164)
{
	int prefix = -1, dominant;
	if (e164[0] == '+' && isdigit((unsigned char)e164[1]) && isdigit((unsigned char)e164[2]) &&
	    isdigit((unsigned char)e164[3])) {
		prefix = (e164[1] - '0') * 100 + (e164[2] - '0') * 10 + (e164[3] - '0');
		if (im->phone_zone_known[prefix])
			return im->phone_zone[prefix];
	}
	const char *cc[8];
	size_t k = norm_phone_countries(e164, cc, 8);
	const char *tz = k ? norm_country_tz(cc[0], &dominant) : NULL;
	for (size_t i = 1; i < k && tz; i++) {
		const char *other = norm_country_tz(cc[i], &dominant);
		if (!other || !norm_same_zone(tz, other))
			tz = NULL;
	}
	if (prefix >= 0) {
		im->phone_zone[prefix] = tz;
		im->phone_zone_known[prefix] = 1;
	}
	return tz;
}

/* A row with a state or province but no country: the state's zone in
 * the country its phone's calling code names (+1: the US or Canada, whose
 * codes differ), else in --country when given; NULL when none knows it */
static const char *region_zone(fu_import *im, const fu_record *rec, const fu_buf *v)
{
	size_t n;
	const char *s = field(im->cur, rec, T_REGION, &n), *tz = NULL;
	if (blank(s, n))
		return NULL;
	if (v[T_PHONE].len && !im->phone_guessed) {
		const char *cc[8];
		size_t k = norm_phone_countries(v[T_PHONE].data, cc, 8);
		for (size_t i = 0; i < k && !tz; i++)
			tz = norm_region_tz(cc[i], s, n);
		if (k)
			return tz;
	}
	return im->o.country_given ? norm_region_tz(norm_country(im->o.country, strlen(im->o.country)), s, n)
	                           : NULL;
}

static void zone_of_country(fu_import *im, const fu_record *rec, fu_buf *v)
{
	struct source *S = im->cur;
	const char *iso = NULL, *tz = NULL;
	int dominant;
	size_t n;
	if (S->use[T_COUNTRY]) {
		const char *s = field(S, rec, T_COUNTRY, &n);
		if (!blank(s, n) && !norm_placeholder(s, n))
			iso = norm_country(s, n);
	}
	if (iso) {
		tz = norm_country_tz(iso, &dominant);
		/* a country of several zones, or one whose edges keep another
		 * time (Mexico's Cancún, the Canaries): the state's */
		if ((!tz || dominant) && S->use[T_REGION]) {
			const char *s = field(S, rec, T_REGION, &n), *r = norm_region_tz(iso, s, n);
			if (r)
				tz = r;
		}
		if (!tz && S->nzone_open++ == 0)
			snprintf(S->zone_open_example, sizeof S->zone_open_example, "%s", iso);
	} else {
		if (S->use[T_REGION])
			tz = region_zone(im, rec, v);
		/* not from a number whose country is only the default's guess:
		 * an American list's (602) ... is no Finn; an empty tz is served
		 * in the shop's zone */
		if (!tz && v[T_PHONE].len && !im->phone_guessed)
			tz = phone_zone(im, v[T_PHONE].data);
	}
	if (tz)
		fu_buf_adds(&v[T_TZ], tz);
}

/* The tz: the row's own, else the zone of its country (zone_of_country); a
 * tz that cannot be read is warned of with what was written instead */
static void tz_value(fu_import *im, const fu_record *rec, fu_buf *v)
{
	size_t n;
	const char *s = field(im->cur, rec, T_TZ, &n), *why;
	fu_buf_clear(&v[T_TZ]);
	if (n == 0 || norm_tz(s, n, &v[T_TZ], &why) == 0) {
		if (!v[T_TZ].len)
			zone_of_country(im, rec, v);
		else if (n >= 3 && n <= 5 && strcasecmp(v[T_TZ].data, "America/Denver") == 0) {
			norm_trim(s, n, &im->tmp);
			if (strcasecmp(im->tmp.data, "MST") == 0)
				im->cur->nmst++;
		}
		return;
	}
	fu_buf_clear(&v[T_TZ]);
	zone_of_country(im, rec, v);
	if (norm_placeholder(s, n))
		return;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "tz %s: %s; ", quote_value(s, n, &im->cell), why);
	if (v[T_TZ].len)
		fu_buf_printf(&im->reason, "%s written, the zone of the row's %s", v[T_TZ].data,
		              im->cur->use[T_COUNTRY] && !blank(field(im->cur, rec, T_COUNTRY, &n), n)
		                      ? "country" : im->cur->use[T_REGION] ? "country, state or phone"
		                                                           : "phone");
	else
		fu_buf_adds(&im->reason, "left empty");
	warn_kept(im, rec, why, im->reason.data);
}

/* ---- writing ----------------------------------------------------------------- */

/* ---- aliases: the keys a person had before (fu(7), Identity) ---------------- */

/* ALIAS (N bytes) in the ';'-separated LIST?  E-mails compare in any case */
static int alias_listed(const char *list, const char *alias, size_t n)
{
	const char *a;
	size_t len;
	while (fu_alias_next(&list, &a, &len))
		if (len == n && (memchr(alias, '@', n) ? strncasecmp(a, alias, n) : strncmp(a, alias, n)) == 0)
			return 1;
	return 0;
}

/* ALIAS added to the list in V (an e-mail lower-cased), unless it is there */
static void alias_add(fu_buf *v, const char *alias, size_t n)
{
	while (n && (*alias == ' ' || *alias == '\t'))
		alias++, n--;
	while (n && (alias[n - 1] == ' ' || alias[n - 1] == '\t'))
		n--;
	if (!n || memchr(alias, ';', n) || (v->len && alias_listed(v->data, alias, n)))
		return;
	if (v->len)
		fu_buf_addc(v, ';');
	size_t at = v->len;
	fu_buf_add(v, alias, n);
	if (memchr(alias, '@', n))
		fu_ascii_lower(v->data + at, n);
}

/* every alias of the ';'-separated LIST added to V */
static void alias_add_list(fu_buf *v, const char *list)
{
	const char *a;
	size_t n;
	while (fu_alias_next(&list, &a, &n))
		alias_add(v, a, n);
}

/* the aliases of LIST that are not V's own id, e-mail or phone, added to
 * OUT (V's columns need not end in a NUL); with M, nor another contact's
 * e-mail than contact C's (an address given beside the person's own in one
 * cell, or carried from before, that is now someone else's: events at it
 * are that one's), those counted in OTHER */
static void aliases_not_own(const fu_buf *v, const char *list, fu_buf *out, const fu_merge *m,
                            size_t c, struct other_alias *other)
{
	const char *a;
	size_t n;
	while (fu_alias_next(&list, &a, &n)) {
		int own = 0;
		for (int t = 0; t < 3; t++) {
			const fu_buf *k = &v[t == 0 ? T_ID : t == 1 ? T_EMAIL : T_PHONE];
			own |= k->len == n && strncasecmp(k->data, a, n) == 0;
		}
		if (!own && m && memchr(a, '@', n)) {
			long o = fu_merge_email_contact(m, a, n);
			if (o >= 0 && (size_t)o != c) {
				if (!other->n++)
					fu_buf_printf(&other->ex, "%.*s, given with %.*s", (int)n, a,
					              (int)(v[T_EMAIL].len ? v[T_EMAIL].len : v[T_PHONE].len),
					              v[T_EMAIL].len ? v[T_EMAIL].data : v[T_PHONE].data);
				continue;
			}
		}
		if (!own)
			alias_add(out, a, n);
	}
}

/* a contact's own id, e-mail and phone are no aliases of it (nor, with M,
 * another contact's e-mail than contact C's) */
static void alias_drop_own(fu_buf *v, fu_buf *tmp, const fu_merge *m, size_t c,
                           struct other_alias *other)
{
	if (!v[T_ALIASES].len)
		return;
	fu_buf_clear(tmp);
	fu_buf_add(tmp, v[T_ALIASES].data, v[T_ALIASES].len);
	fu_buf_clear(&v[T_ALIASES]);
	aliases_not_own(v, tmp->data, &v[T_ALIASES], m, c, other);
}

/* Which of two CRM ids a merged contact keeps: the smaller, numbers by
 * value (007 = 7 < 10), else byte by byte, so that the order of the export's
 * rows never changes it (fu-import(1), MERGING) */
static int id_before(const fu_buf *a, const fu_buf *b)
{
	size_t da = strspn(a->data, "0123456789"), db = strspn(b->data, "0123456789");
	if (da == a->len && db == b->len) {
		const char *x = a->data, *y = b->data;
		size_t nx = a->len, ny = b->len;
		while (nx > 1 && *x == '0')
			x++, nx--;
		while (ny > 1 && *y == '0')
			y++, ny--;
		if (nx != ny)
			return nx < ny;
		int c = memcmp(x, y, nx);
		return c != 0 ? c < 0 : strcmp(a->data, b->data) < 0;
	}
	return strcmp(a->data, b->data) < 0;
}

/* A contact's phone with its name, lower-cased ("" in KEY without a
 * phone or a name): a person whose e-mail changed in a list without ids
 * is still known by these (trial 6/21). */
static void phone_key(const char *phone, size_t np, const char *first, size_t nf,
                      const char *last, size_t nl, fu_buf *key)
{
	fu_buf_clear(key);
	if (!np || (!nf && !nl))
		return;
	fu_buf_add(key, phone, np);
	fu_buf_addc(key, '\x1f');
	fu_buf_add(key, first, nf);
	fu_buf_addc(key, '\x1f');
	fu_buf_add(key, last, nl);
	norm_lower_utf8(key->data, key->len);
}

/* An old contact's unsubscribed (S, N bytes) as an opt-out kept in OUT:
 * a date-time as written, any other word but a no as "yes"; where it
 * begins, or SIZE_MAX when it is none */
static size_t previous_optout(const char *s, size_t n, fu_buf *out)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	int f = norm_flag(s, n);
	/* no-consent is the opt-in rule's, made again each run from the lists
	 * of consent: no opt-out of the person's (joining the list subscribes) */
	if (!n || f == 0 || (f < 0 && norm_placeholder(s, n)) || fu_unsub_no_consent(s, n))
		return SIZE_MAX;
	size_t at = out->len;
	if (f < 0 && isdigit((unsigned char)s[0]))
		fu_buf_add(out, s, n);
	else
		fu_buf_adds(out, "yes");
	fu_buf_add(out, "", 1);
	return at;
}

/* Read --previous PATH: every old contact's keys, by its id and its e-mail.
 * 0, or -1 (reported) when it cannot be read or has neither column. */
/* KEY (N bytes) of old contact ROW into the previous list's ids (K 0) or
 * e-mails (K 1, lower-cased): the first old contact with a key keeps it */
static void previous_key(struct previous *pv, int k, const char *key, size_t n, size_t row,
                         size_t mapcap[2], fu_buf *low)
{
	fu_buf_clear(low);
	fu_buf_add(low, key, n);
	if (k == 1)
		fu_ascii_lower(low->data, low->len);
	fu_map *m = k == 0 ? &pv->ids : &pv->mails;
	size_t **rows = k == 0 ? &pv->id_row : &pv->mail_row;
	int added;
	size_t i = fu_map_put(m, low->data, low->len, &added);
	if (!added)
		return;
	if (i == mapcap[k]) {
		mapcap[k] = mapcap[k] ? 2 * mapcap[k] : 1024;
		*rows = fu_xrealloc(*rows, mapcap[k] * sizeof **rows);
	}
	(*rows)[i] = row;
}

/* Does the header line of the --previous list at PATH name column NAME (a
 * field of it, quotes and blanks around it aside)?  Read quietly: 0 when it
 * cannot be read, which load_previous tells. */
static int previous_has_column(const char *path, const char *name)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	char *line = NULL;
	size_t cap = 0, n = strlen(name);
	int has = 0;
	if (getline(&line, &cap, fp) > 0) {
		for (char *f = line, *end; *f && !has; f = *end ? end + 1 : end) {
			end = f + strcspn(f, ",;\t\r\n");
			char *a = f, *b = end;
			while (a < b && (*a == ' ' || *a == '"' || (unsigned char)*a == 0xEF ||
			                 (unsigned char)*a == 0xBB || (unsigned char)*a == 0xBF))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '"'))
				b--;
			has = (size_t)(b - a) == n && strncasecmp(a, name, n) == 0;
		}
	}
	free(line);
	fclose(fp);
	return has;
}

static int load_previous(struct previous *pv, const char *path)
{
	fu_reader r;
	int got = fu_reader_open(&r, path, "a contacts list (--previous)", NULL, NULL);
	if (got > 0) /* most likely the output redirected onto it: every alias would be lost */
		fu_warn("%s: --previous: an empty file (write the new list to another file, then rename it)",
		        fu_input_name(path));
	if (got != 0)
		return -1;
	fu_contacts_canon(&r.hdr, fu_input_name(path));
	long c_member[2];
	for (int k = 0; k < 2; k++)
		c_member[k] = pv->member_col[k] >= 0 ? fu_reader_col(&r, member_id_cols[k]) : -1;
	long c_id = fu_reader_col(&r, "id"), c_mail = fu_reader_col(&r, "email"),
	     c_phone = fu_reader_col(&r, "phone"), c_alias = fu_reader_col(&r, "aliases"),
	     c_first = fu_reader_col(&r, "first_name"), c_last = fu_reader_col(&r, "last_name"),
	     c_unsub = fu_reader_col(&r, "unsubscribed"), c_created = fu_reader_col(&r, "created"),
	     c_sms = fu_reader_col(&r, "sms_unsubscribed");
	size_t phonecap = 0, lonecap = 0;
	struct stat st;
	if (stat(path, &st) == 0) {
		struct tm tm;
		gmtime_r(&st.st_mtime, &tm);
		strftime(pv->written, sizeof pv->written, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	if (c_id < 0 && c_mail < 0) {
		fu_warn("%s: --previous: neither an id nor an email column", fu_input_name(path));
		fu_reader_close(&r);
		return -1;
	}
	fu_record *rec;
	size_t cap = 0, mapcap[2] = {0, 0}, membercap[2] = {0, 0};
	fu_buf low = {0}, created_cell = {0}, alias_cells = {0};
	while ((got = fu_reader_next(&r, &rec)) == 1) {
		if (pv->n == cap) {
			cap = cap ? 2 * cap : 1024;
			pv->at = fu_xrealloc(pv->at, cap * sizeof *pv->at);
			pv->optout_at = fu_xrealloc(pv->optout_at, cap * sizeof *pv->optout_at);
			pv->sms_optout_at = fu_xrealloc(pv->sms_optout_at, cap * sizeof *pv->sms_optout_at);
			pv->created_at = fu_xrealloc(pv->created_at, cap * sizeof *pv->created_at);
		}
		size_t row = pv->n++;
		pv->at[row] = pv->keys.len;
		pv->created_at[row] = pv->created.len;
		if (c_created >= 0)
			norm_trim(rec->fields[c_created], rec->lens[c_created], &created_cell);
		else
			fu_buf_clear(&created_cell);
		fu_buf_add(&pv->created, created_cell.len ? created_cell.data : "", created_cell.len + 1);
		pv->optout_at[row] = c_unsub >= 0 ? previous_optout(rec->fields[c_unsub],
		                                                    rec->lens[c_unsub], &pv->optout)
		                                  : SIZE_MAX;
		pv->noptout += pv->optout_at[row] != SIZE_MAX;
		pv->sms_optout_at[row] = c_sms >= 0 ? previous_optout(rec->fields[c_sms], rec->lens[c_sms],
		                                                      &pv->sms_optout)
		                                    : SIZE_MAX;
		pv->nsms_optout += pv->sms_optout_at[row] != SIZE_MAX;
		const long cols[4] = {c_id, c_mail, c_phone, c_alias};
		for (int k = 0; k < 4; k++) {
			if (cols[k] < 0 || !rec->lens[cols[k]])
				continue;
			if (pv->keys.len > pv->at[row])
				fu_buf_addc(&pv->keys, ';');
			fu_buf_add(&pv->keys, rec->fields[cols[k]], rec->lens[cols[k]]);
		}
		fu_buf_add(&pv->keys, "", 1);
		if (c_phone >= 0) {
			phone_key(rec->fields[c_phone], rec->lens[c_phone],
			          c_first >= 0 ? rec->fields[c_first] : "", c_first >= 0 ? rec->lens[c_first] : 0,
			          c_last >= 0 ? rec->fields[c_last] : "", c_last >= 0 ? rec->lens[c_last] : 0, &low);
			if (low.len) {
				int added;
				size_t i = fu_map_put(&pv->phones, low.data, low.len, &added);
				if (i == phonecap) {
					phonecap = phonecap ? 2 * phonecap : 1024;
					pv->phone_row = fu_xrealloc(pv->phone_row, phonecap * sizeof *pv->phone_row);
				}
				pv->phone_row[i] = added ? row : SIZE_MAX; /* two people: neither */
			}
			if (rec->lens[c_phone] && (c_mail < 0 || !rec->lens[c_mail])) {
				int added;
				size_t i = fu_map_put(&pv->lone, rec->fields[c_phone], rec->lens[c_phone], &added);
				if (i == lonecap) {
					lonecap = lonecap ? 2 * lonecap : 256;
					pv->lone_row = fu_xrealloc(pv->lone_row, lonecap * sizeof *pv->lone_row);
					pv->lone_names_at = fu_xrealloc(pv->lone_names_at, lonecap * sizeof *pv->lone_names_at);
				}
				pv->lone_row[i] = added ? row : SIZE_MAX; /* two people: neither */
				pv->lone_names_at[i] = pv->lone_names.len;
				fu_buf_add(&pv->lone_names, c_first >= 0 ? rec->fields[c_first] : "",
				           c_first >= 0 ? rec->lens[c_first] : 0);
				fu_buf_addc(&pv->lone_names, '\0');
				fu_buf_add(&pv->lone_names, c_last >= 0 ? rec->fields[c_last] : "",
				           c_last >= 0 ? rec->lens[c_last] : 0);
				fu_buf_addc(&pv->lone_names, '\0');
			}
		}
		for (int k = 0; k < 2; k++)
			if (cols[k] >= 0 && rec->lens[cols[k]])
				previous_key(pv, k, rec->fields[cols[k]], rec->lens[cols[k]], row, mapcap, &low);
		if (c_alias >= 0 && rec->lens[c_alias]) { /* indexed after every row's own keys */
			fu_buf_add(&alias_cells, &row, sizeof row);
			fu_buf_add(&alias_cells, rec->fields[c_alias], rec->lens[c_alias]);
			fu_buf_addc(&alias_cells, '\0');
		}
		for (int k = 0; k < 2; k++) {
			if (c_member[k] < 0 || !rec->lens[c_member[k]])
				continue;
			int added;
			size_t i = fu_map_put(&pv->members[k], rec->fields[c_member[k]], rec->lens[c_member[k]],
			                      &added);
			if (i == membercap[k]) {
				membercap[k] = membercap[k] ? 2 * membercap[k] : 1024;
				pv->member_row[k] = fu_xrealloc(pv->member_row[k],
				                                membercap[k] * sizeof *pv->member_row[k]);
			}
			pv->member_row[k][i] = added ? row : SIZE_MAX; /* two contacts: neither */
		}
	}
	/* an old contact's aliases (the e-mails and ids an earlier run carried:
	 * her address before it changed) link this run's rows to it as its own
	 * keys do, when no old contact has them as its own: else the customer
	 * list that still has the old address splits her off again, subscribed,
	 * the run after the one that joined her */
	for (size_t at = 0; at < alias_cells.len;) {
		size_t row;
		memcpy(&row, alias_cells.data + at, sizeof row);
		const char *list = alias_cells.data + at + sizeof row, *a;
		size_t n;
		at += sizeof row + strlen(list) + 1;
		/* an alias is an e-mail with '@', a phone with '+' (phones link by
		 * phone and name), else an id: as the events' join reads them */
		while (fu_alias_next(&list, &a, &n))
			if (*a != '+')
				previous_key(pv, memchr(a, '@', n) ? 1 : 0, a, n, row, mapcap, &low);
	}
	fu_buf_free(&alias_cells);
	for (int k = 0; k < 2; k++)
		if (c_member[k] < 0)
			pv->member_col[k] = -1; /* the old list has no such column */
	pv->person_at = fu_xrealloc(pv->person_at, (pv->n ? pv->n : 1) * sizeof *pv->person_at);
	for (size_t i = 0; i < pv->n; i++)
		pv->person_at[i] = SIZE_MAX;
	fu_buf_free(&low);
	fu_buf_free(&created_cell);
	fu_reader_close(&r);
	return got < 0 ? -1 : 0;
}

/* The old contact a row of this run is (--previous): the one with its CRM
 * id, its e-mail, its member id or its phone and name, when those that
 * name one name the same; else -1 */
static long previous_person(fu_import *im, const fu_buf *v)
{
	struct previous *pv = &im->prev;
	long found = -1, k;
	size_t row;
#define LINKED(r)                                                                                  \
	do {                                                                                       \
		row = (r);                                                                         \
		if (row == SIZE_MAX || (found >= 0 && (size_t)found != row))                       \
			return -1;                                                                 \
		found = (long)row;                                                                 \
	} while (0)
	if (v[T_ID].len && (k = fu_map_get(&pv->ids, v[T_ID].data, v[T_ID].len)) >= 0)
		LINKED(pv->id_row[k]);
	if (v[T_EMAIL].len && (k = fu_map_get(&pv->mails, v[T_EMAIL].data, v[T_EMAIL].len)) >= 0)
		LINKED(pv->mail_row[k]);
	for (int m = 0; m < 2; m++) {
		long c = pv->member_col[m];
		if (c >= 0 && v[c].len && (k = fu_map_get(&pv->members[m], v[c].data, v[c].len)) >= 0)
			LINKED(pv->member_row[m][k]);
	}
	if (v[T_PHONE].len) {
		phone_key(v[T_PHONE].data, v[T_PHONE].len, v[T_FIRST].len ? v[T_FIRST].data : "",
		          v[T_FIRST].len, v[T_LAST].len ? v[T_LAST].data : "", v[T_LAST].len, &pv->person_key);
		if (pv->person_key.len && (k = fu_map_get(&pv->phones, pv->person_key.data, pv->person_key.len)) >= 0)
			LINKED(pv->phone_row[k]);
	}
#undef LINKED
	return found;
}

/* --previous: rows of this run that are one old contact, one person, with
 * different e-mails (her e-mail changed in the newsletter tool, the shop's
 * customer list still has the old one) become one contact: a later row
 * takes the first one's e-mail, its own going to aliases, and so merges
 * with it; its opt-out is the person's, and her old address is no second
 * contact that still gets the marketing she opted out of.  Not when their
 * CRM ids differ (the CRM holds them as two records) or their first names
 * say two people.  Returns V, or the row so joined (in PV->joined). */
static const fu_buf *same_person(fu_import *im, const fu_buf *v)
{
	struct previous *pv = &im->prev;
	long old = previous_person(im, v);
	if (old < 0 || !v[T_EMAIL].len)
		return v;
	const char *fn = v[T_FIRST].len ? v[T_FIRST].data : "";
	if (pv->person_at[old] == SIZE_MAX) {
		pv->person_at[old] = pv->person_text.len;
		fu_buf_add(&pv->person_text, v[T_EMAIL].data, v[T_EMAIL].len + 1);
		fu_buf_add(&pv->person_text, v[T_ID].len ? v[T_ID].data : "", v[T_ID].len + 1);
		fu_buf_add(&pv->person_text, fn, v[T_FIRST].len);
		fu_buf_addc(&pv->person_text, '\0');
		return v;
	}
	const char *mail = pv->person_text.data + pv->person_at[old];
	const char *id = mail + strlen(mail) + 1, *first = id + strlen(id) + 1;
	if (strcmp(mail, v[T_EMAIL].data) == 0 || (id[0] && v[T_ID].len && strcmp(id, v[T_ID].data) != 0) ||
	    !norm_first_names_agree(first, strlen(first), fn, v[T_FIRST].len))
		return v;
	if (!pv->joined)
		pv->joined = fu_xcalloc(im->ncols, sizeof *pv->joined);
	for (size_t c = 0; c < im->ncols; c++) {
		fu_buf_clear(&pv->joined[c]);
		fu_buf_add(&pv->joined[c], v[c].len ? v[c].data : "", v[c].len);
	}
	alias_add(&pv->joined[T_ALIASES], v[T_EMAIL].data, v[T_EMAIL].len);
	fu_buf_clear(&pv->joined[T_EMAIL]);
	fu_buf_adds(&pv->joined[T_EMAIL], mail);
	if (!pv->njoined++)
		fu_buf_printf(&pv->joined_ex, "%s into %s", v[T_EMAIL].data, mail);
	return pv->joined;
}

/* Is KEY (N bytes, an e-mail lower-cased) another contact's own in this
 * run: one of this run's keys that is not one of ROW's? */
static int others_key(fu_import *im, const fu_buf *row, const char *key, size_t n)
{
	if (fu_map_get(&im->prev.own, key, n) < 0)
		return 0;
	for (int t = 0; t < 3; t++) {
		const fu_buf *k = &row[t == 0 ? T_ID : t == 1 ? T_EMAIL : T_PHONE];
		if (k->len == n && memcmp(k->data, key, n) == 0)
			return 0;
	}
	return 1;
}

/* The old contact whose id or e-mail this contact has: its keys become this
 * one's aliases, but for a key some contact of this run has as its own (an
 * id given to another person, a shared address).  An old contact whose id
 * went to one contact and its e-mail to another was split: who is who is
 * not known, and nothing is carried. */
static void keep_optout(fu_import *im, fu_buf *row, long by_mail, const long *old, const int *split);

/* The old contacts a new row is (carry_aliases): the one with its id, the
 * one with its e-mail when another, and one known by its phone alone whom
 * this run joined to it (phone_only_holder). */
enum { PREVIOUS_OF = 3 };

/* The old contact whose value (AT[i] != SIZE_MAX) a new row keeps: the one
 * with its e-mail, else the one with its id (or phone and name), else the
 * one known by its phone alone, when that was not split; -1 for none. */
static long previous_holder(const size_t *at, long by_mail, const long *old, const int *split)
{
	if (by_mail >= 0 && at[by_mail] != SIZE_MAX)
		return by_mail;
	for (int i = 0; i < PREVIOUS_OF; i++)
		if (old[i] >= 0 && !split[i] && at[old[i]] != SIZE_MAX)
			return old[i];
	return -1;
}

/* --previous: a contact this run gives no opt-out of texts keeps the one the
 * old list had (a STOP texted back is not forgotten because this run's
 * export does not carry SMS consent), from the old contact keep_optout
 * reads.  No source's "SMS subscribed" undoes it: there is no consent time
 * to order it by, and a text to one who said STOP is the costlier mistake
 * (cleared by taking it out of the previous list). */
static void keep_sms_optout(fu_import *im, fu_buf *row, long by_mail, const long *old,
                            const int *split)
{
	struct previous *pv = &im->prev;
	long from = previous_holder(pv->sms_optout_at, by_mail, old, split);
	if (from < 0)
		return;
	const char *was = pv->sms_optout.data + pv->sms_optout_at[from];
	fu_buf_adds(&row[im->sms_unsubscribed], was);
	if (!pv->nsms_kept++)
		fu_buf_printf(&pv->sms_kept_ex, "%s: %s", row[T_EMAIL].len ? row[T_EMAIL].data
		                                          : row[T_ID].len ? row[T_ID].data
		                                                          : row[T_PHONE].data, was);
}

/* The old contact known by ROW's phone alone (no e-mail), when ROW has an
 * e-mail as well and their names do not say two people (as merging joins
 * such a contact to one with an e-mail); else -1.  Its id and opt-out are
 * then this contact's too: tasks done for it are not done again. */
static long phone_only_holder(const struct previous *pv, const fu_buf *row)
{
	long k;
	if (!row[T_EMAIL].len || !row[T_PHONE].len ||
	    (k = fu_map_get(&pv->lone, row[T_PHONE].data, row[T_PHONE].len)) < 0 ||
	    pv->lone_row[k] == SIZE_MAX)
		return -1;
	const char *first = pv->lone_names.data + pv->lone_names_at[k], *last = first + strlen(first) + 1;
	size_t nf = strlen(first), nl = strlen(last);
	if (nf && row[T_FIRST].len && !norm_first_names_agree(first, nf, row[T_FIRST].data, row[T_FIRST].len))
		return -1;
	if (nl && row[T_LAST].len && norm_name_hash(last, nl) != norm_name_hash(row[T_LAST].data, row[T_LAST].len))
		return -1;
	return (long)pv->lone_row[k];
}

static void carry_aliases(fu_import *im, fu_buf *row)
{
	struct previous *pv = &im->prev;
	long old[PREVIOUS_OF] = {-1, -1, -1}, k, by_mail = -1;
	int split_of[PREVIOUS_OF] = {0, 0, 0}, by_phone = 0;
	if (row[T_ID].len && (k = fu_map_get(&pv->ids, row[T_ID].data, row[T_ID].len)) >= 0)
		old[0] = (long)pv->id_row[k];
	if (row[T_EMAIL].len && (k = fu_map_get(&pv->mails, row[T_EMAIL].data, row[T_EMAIL].len)) >= 0)
		by_mail = (long)pv->mail_row[k];
	if (by_mail >= 0 && by_mail != old[0])
		old[1] = by_mail;
	/* neither: the old contact with its member id, or its phone and name
	 * (an e-mail changed in a list whose ids are derived from the e-mail) */
	if (old[0] < 0 && old[1] < 0 && (k = previous_person(im, row)) >= 0) {
		old[0] = k;
		by_phone = 1;
	}
	if ((k = phone_only_holder(pv, row)) >= 0 && k != old[0] && k != old[1]) {
		old[2] = k;
		if (!pv->nlone++)
			fu_buf_printf(&pv->lone_ex, "%s (%s before)", row[T_EMAIL].data,
			              pv->keys.data + pv->at[k]);
	}
	for (int i = 0; i < PREVIOUS_OF; i++) {
		if (old[i] < 0)
			continue;
		/* its id, e-mail, phone and aliases, in that order (load_previous):
		 * first the keys, to see whether it was split */
		int split = 0;
		for (int pass = 0; pass < 2 && !split; pass++) {
			const char *list = pv->keys.data + pv->at[old[i]], *a;
			size_t n;
			while (fu_alias_next(&list, &a, &n)) {
				fu_buf_clear(&im->cell);
				fu_buf_add(&im->cell, a, n);
				if (memchr(a, '@', n))
					fu_ascii_lower(im->cell.data, n);
				int other = others_key(im, row, im->cell.data, n);
				if (pass == 0 && other && (fu_map_get(&pv->ids, im->cell.data, n) >= 0 ||
				                           fu_map_get(&pv->mails, im->cell.data, n) >= 0)) {
					split = 1; /* its id or e-mail is another contact's now */
					break;
				}
				if (pass == 1 && !other)
					alias_add(&row[T_ALIASES], a, n);
			}
		}
		split_of[i] = split;
	}
	/* told only when carried: keys other contacts have are not */
	if (by_phone && !split_of[0] && !pv->nby_phone++)
		fu_buf_printf(&pv->by_phone_ex, "%s (%s before)",
		              row[T_EMAIL].len ? row[T_EMAIL].data : row[T_ID].data,
		              pv->keys.data + pv->at[old[0]]);
	if (pv->noptout && !row[T_UNSUB].len)
		keep_optout(im, row, by_mail, old, split_of);
	if (pv->nsms_optout && im->sms_unsubscribed >= 0 && !row[im->sms_unsubscribed].len)
		keep_sms_optout(im, row, by_mail, old, split_of);
	/* created is when the person was first known: a re-subscription's
	 * opt-in time (Mailchimp's OPTIN_TIME) does not move it */
	long from = by_mail >= 0 ? by_mail : old[0] >= 0 && !split_of[0] ? old[0] : -1;
	const char *was = from >= 0 ? pv->created.data + pv->created_at[from] : "";
	if (strlen(was) >= 10 && was[4] == '-' && (!row[T_CREATED].len || earlier(was, row[T_CREATED].data))) {
		fu_buf_clear(&row[T_CREATED]);
		fu_buf_adds(&row[T_CREATED], was);
	}
}

/* --previous: a contact this run gives no opt-out keeps the one the old
 * list had (an opt-out once read is not forgotten when the export that
 * said so no longer lists the person, or a shop's own "accepts marketing"
 * never heard of it), unless a row of this run said it is subscribed with
 * a consent time after the opt-out (one without a date: after the old
 * list was written).  The old contact is the one with its e-mail, else the
 * one with its id (or phone and name) when that was not split. */
static void keep_optout(fu_import *im, fu_buf *row, long by_mail, const long *old, const int *split)
{
	struct previous *pv = &im->prev;
	long from = previous_holder(pv->optout_at, by_mail, old, split);
	if (from < 0)
		return;
	const char *was = pv->optout.data + pv->optout_at[from], *said = NULL;
	long x = fu_map_get(&pv->said, (const char *)&(size_t){(size_t)from}, sizeof(size_t));
	if (x >= 0)
		said = pv->said_text.data + pv->said_at[x];
	const char *key = row[T_EMAIL].len ? row[T_EMAIL].data : row[T_ID].data;
	if (said && said[0]) {
		const char *as_of = isdigit((unsigned char)was[0]) ? was : pv->written;
		if (as_of[0] && earlier(as_of, said)) {
			if (!pv->nresub++)
				fu_buf_printf(&pv->resub_ex, "%s: unsubscribed %s%s, consent %s", key,
				              as_of == was ? "" : "with no date in the list written ", as_of, said);
			return;
		}
	}
	fu_buf_adds(&row[T_UNSUB], was);
	if (!pv->nkept++)
		fu_buf_printf(&pv->kept_ex, "%s: %s", key, was);
	pv->nkept_said += said != NULL;
}

/* Is the (lower-case) e-mail a marketplace's buyer relay (Amazon's
 * Buyer-Seller Messaging, eBay's masked addresses, Walmart's relay)?
 * Those pass on messages about an order only: no marketing (trials10/07,
 * 14). */
static int marketplace_relay(const char *mail)
{
	static const char *const domains[] = {"marketplace.amazon.", "members.ebay.",
	                                      "relay.walmart.com"};
	const char *at = strrchr(mail, '@');
	if (!at || (at[1] != 'm' && at[1] != 'r')) /* (no call for most: their first letters) */
		return 0;
	for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++)
		if (strncmp(at + 1, domains[i], strlen(domains[i])) == 0)
			return 1;
	return 0;
}

/* a contact without an id gets the one derived from its e-mail, else phone */
static void derive_id(fu_buf *v)
{
	if (v[T_ID].len)
		return;
	const fu_buf *key = v[T_EMAIL].len ? &v[T_EMAIL] : &v[T_PHONE];
	char id[17];
	norm_contact_id(key->data, key->len, id);
	fu_buf_adds(&v[T_ID], id);
}

/* ---- ids: damaged by a spreadsheet, or another person's ------------------ */

/* Is S a number as a spreadsheet shows one too long for its cell, in
 * scientific notation ("9.87654E+09", "1E+12", "3,58401E+11")?  Excel saves
 * a CSV with the text shown: the digits past the sixth are lost. */
static int scientific_number(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t from = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == from)
		return 0;
	if (i < n && (s[i] == '.' || s[i] == ',')) {
		from = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == from)
			return 0;
	}
	if (i + 2 > n || (s[i] != 'E' && s[i] != 'e') || s[i + 1] != '+')
		return 0;
	from = i += 2;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == from)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i == n;
}

static const char scientific_why[] = "in scientific notation, its last digits lost by a spreadsheet";

/* a key (T) that cannot be read: why, when its cell is such a number */
static void scientific_hint(fu_import *im, const fu_record *rec, int t)
{
	size_t n;
	const char *s = field(im->cur, rec, t, &n);
	if (s && scientific_number(s, n)) {
		fu_buf_printf(&im->reason, " (%s)", scientific_why);
		im->nscientific++;
	}
}

/* a contact's or event's id (T) in scientific notation is not used: rows
 * whose ids became the same would be one person; the id is derived from
 * the e-mail or phone instead, as for a row without one */
static void scientific_id(fu_import *im, const fu_record *rec, int t, fu_buf *id)
{
	if (!id->len || !scientific_number(id->data, id->len))
		return;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s %s: a number %s; not used, the id derived from the e-mail or "
	              "phone", hm_target_name[t], quote_value(id->data, id->len, &im->cell),
	              scientific_why);
	warn_kept(im, rec, "id in scientific notation", im->reason.data);
	fu_buf_clear(id);
	im->nscientific++;
}

/* a contact's name for telling two contacts with one id apart: 0 = none */
static uint32_t name_hash(const fu_buf *row)
{
	if (!row[T_FIRST].len && !row[T_LAST].len)
		return 0;
	uint64_t h = 0;
	const int parts[] = {T_FIRST, T_LAST};
	for (int k = 0; k < 2; k++) {
		const fu_buf *b = &row[parts[k]];
		for (size_t i = 0; i < b->len; i++)
			h = (h ^ (unsigned char)tolower((unsigned char)b->data[i])) * 0x100000001b3ULL;
		h = (h ^ 0x1f) * 0x100000001b3ULL;
	}
	h ^= h >> 32;
	return (uint32_t)h ? (uint32_t)h : 1;
}

/* Two people are never written with one id (two CRMs both numbering from
 * 1, ids a spreadsheet damaged): a later contact whose id an earlier one
 * has, with another name or none, gets the id derived from its e-mail or
 * phone (else from them, its name and a count) and IM->id_note says so;
 * one with the earlier one's name is the same person with another e-mail
 * or phone: it keeps the id (the programs after take the earlier row) and
 * is noted too.  Returns 1 when noted. */
static int id_unique(fu_import *im, fu_buf *row)
{
	int added;
	uint32_t at, name = name_hash(row);
	fu_map_put_at(&im->written_ids, row[T_ID].data, row[T_ID].len, &added, &at);
	if (added) {
		fu_map_set_value(&im->written_ids, at, name);
		return 0;
	}
	const fu_buf *key = row[T_EMAIL].len ? &row[T_EMAIL] : &row[T_PHONE];
	const char *first = row[T_FIRST].len ? row[T_FIRST].data : "";
	const char *last = row[T_LAST].len ? row[T_LAST].data : "";
	fu_buf_clear(&im->id_note);
	if (name && fu_map_value(&im->written_ids, at) == name) {
		im->nid_twice++;
		fu_buf_printf(&im->id_note, "id %s is also an earlier contact's of the same name (%s%s%s): "
		              "the same person with another e-mail or phone (%s)? written with that id: the "
		              "programs after take the earlier one; merge the two in the CRM",
		              row[T_ID].data, first, *first && *last ? " " : "", last, key->data);
		return 1;
	}
	char id[17];
	fu_buf k = {0};
	for (int count = 0;; count++) {
		fu_buf_clear(&k);
		if (count == 0)
			fu_buf_add(&k, key->data, key->len);
		else
			fu_buf_printf(&k, "%s %s %s %d", key->data, first, last, count);
		norm_contact_id(k.data, k.len, id);
		fu_map_put_at(&im->written_ids, id, strlen(id), &added, &at);
		if (added)
			break;
	}
	fu_buf_free(&k);
	fu_map_set_value(&im->written_ids, at, name);
	im->nid_taken++;
	fu_buf_printf(&im->id_note, "id %s is also an earlier contact's, another person's (%s): %s%s%s%s%s> "
	              "written with the id %s derived from the %s; events keyed by %s are the earlier "
	              "contact's", row[T_ID].data, name ? "the names differ" : "no name to tell them apart",
	              first, *first && *last ? " " : "", last, *first || *last ? " <" : "<", key->data, id,
	              row[T_EMAIL].len ? "e-mail" : "phone", row[T_ID].data);
	fu_buf_clear(&row[T_ID]);
	fu_buf_adds(&row[T_ID], id);
	return 1;
}

static void write_row(fu_import *im, const fu_buf *v)
{
	fu_csv_row_bufs(im->w, v, im->ncols);
	im->nwrote++;
}

/* An order's purchase, complete (fu_orders): written, or held to the end
 * of the run when it was re-timed to its payment (see paid_later). */
static void write_order(fu_import *im, const fu_buf *v)
{
	if (!im->held_retimed) {
		write_row(im, v);
		return;
	}
	im->held_retimed = 0;
	int added;
	size_t i = fu_map_put(&im->retimed, im->retimed_key.data, im->retimed_key.len, &added);
	if (!added)
		return; /* cannot be: an order is held once */
	if ((i + 1) * im->ncols > im->retimed_cap) {
		size_t cap = im->retimed_cap ? im->retimed_cap * 2 : 64 * im->ncols;
		im->retimed_rows = fu_xrealloc(im->retimed_rows, cap * sizeof *im->retimed_rows);
		memset(im->retimed_rows + im->retimed_cap, 0,
		       (cap - im->retimed_cap) * sizeof *im->retimed_rows);
		im->retimed_cap = cap;
	}
	for (size_t c = 0; c < im->ncols; c++)
		fu_buf_add(&im->retimed_rows[i * im->ncols + c], v[c].data ? v[c].data : "", v[c].len);
}

/* Is output column C one fu-import fills itself beyond the canonical ones
 * (source_stage, currency, do_not_call, sms_unsubscribed), not passed through? */
static int own_extra(const fu_import *im, size_t c)
{
	return (long)c == im->source_stage || (long)c == im->currency || (long)c == im->do_not_call ||
	       (long)c == im->renewal || (long)c == im->sms_unsubscribed;
}

/* the canonical columns from the values, the passed-through ones straight
 * from the record (no copy) */
static void write_direct(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	for (size_t c = 0; c < im->ncanon; c++)
		fu_csv_field(im->w, im->val[c].data ? im->val[c].data : "", im->val[c].len);
	for (size_t c = im->ncanon; c < im->ncols; c++) {
		long f = S->src_of_out[c - im->ncanon];
		if (f >= 0)
			fu_csv_field(im->w, rec->fields[f], rec->lens[f]);
		else if (own_extra(im, c))
			fu_csv_field(im->w, im->val[c].data ? im->val[c].data : "", im->val[c].len);
		else
			fu_csv_field(im->w, "", 0);
	}
	fu_csv_endrow(im->w);
	im->nwrote++;
}

static void pass_through(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	for (size_t c = 0; c < S->named && c < rec->nfields; c++) {
		long o = S->out_of[c];
		if (o >= 0) {
			fu_buf_clear(&im->val[o]);
			fu_buf_add(&im->val[o], rec->fields[c], rec->lens[c]);
		}
	}
}

static int opts_out(const fu_buf *unsub);
static void mailbox_of(const fu_buf *email, fu_buf *key);

/* Merging: the hashes the thread that merges will look a row up by, made
 * by the normaliser instead (that thread has the most to do): of its
 * e-mail's and phone's keys (fu_merge_key_hash) and, when it opts out, of
 * its mailbox (mailbox_note).  At Q: a byte of which are made (bits 0, 1,
 * 2), then the three; returns the end. */
static char *log_hashes(fu_import *im, char *q, const char **cell, const size_t *len)
{
	uint64_t hash[3] = {0, 0, 0};
	unsigned made = (unsigned)fu_merge_key_hash(0, cell[T_EMAIL], len[T_EMAIL], &hash[0]) |
	                (unsigned)fu_merge_key_hash(1, cell[T_PHONE], len[T_PHONE], &hash[1]) << 1;
	fu_buf mail = {(char *)cell[T_EMAIL], len[T_EMAIL], 0},
	       unsub = {(char *)cell[T_UNSUB], len[T_UNSUB], 0};
	if (mail.len && opts_out(&unsub)) {
		mailbox_of(&mail, &im->log_mailbox);
		hash[2] = fu_map_hash(im->log_mailbox.data, im->log_mailbox.len);
		made |= 4;
	}
	*q++ = (char)made;
	memcpy(q, hash, sizeof hash);
	return q + sizeof hash;
}

/* the values of a contact row for the main thread: the canonical columns,
 * the passed-through ones straight from the record (as write_direct) */
static void log_row(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	const fu_buf *v = im->val;
	int64_t line = rec->line;
	/* each cell's text first, so that the entry is made in one piece */
	const char **cell = im->log_cell;
	size_t *len = im->log_len, size = 1 + sizeof(uint32_t) + sizeof line;
	if (im->merge)
		size += LOG_HASHES;
	for (size_t c = 0; c < im->ncols; c++) {
		long f = c < im->ncanon ? -1 : S->src_of_out[c - im->ncanon];
		if (f >= 0)
			cell[c] = rec->fields[f], len[c] = rec->lens[f];
		else if ((c < im->ncanon || own_extra(im, c)) && v[c].data)
			cell[c] = v[c].data, len[c] = v[c].len;
		else
			cell[c] = "", len[c] = 0;
		size += sizeof(uint32_t) + len[c] + 1;
	}
	fu_buf *b = im->log;
	fu_buf_reserve(b, size);
	char *q = b->data + b->len;
	*q++ = LOG_ROW;
	uint32_t entry = (uint32_t)size;
	memcpy(q, &entry, sizeof entry);
	q += sizeof entry;
	memcpy(q, &line, sizeof line);
	q += sizeof line;
	if (im->merge)
		q = log_hashes(im, q, cell, len);
	for (size_t c = 0; c < im->ncols; c++) {
		uint32_t n = (uint32_t)len[c]; /* as log_bytes */
		memcpy(q, &n, sizeof n);
		if (n) /* (many cells are empty: no call for them) */
			memcpy(q + sizeof n, cell[c], n);
		q[sizeof n + n] = '\0';
		q += sizeof n + n + 1;
	}
	b->len = (size_t)(q - b->data);
	*q = '\0';
}

/* The mailbox of a lower-case e-mail: itself without a +tag (RFC 5233
 * sub-address: ann+news@x.fi is ann@x.fi's mailbox where the domain
 * delivers so, and a mail to either reaches the same person) into KEY */
static void mailbox_of(const fu_buf *email, fu_buf *key)
{
	if (!fu_email_untagged(email->data, email->len, key)) {
		fu_buf_clear(key);
		fu_buf_add(key, email->data, email->len);
	}
}

static int earlier(const char *a, const char *b);

/* A row's opt-out (not no-consent: no opt-out the person gave) remembered
 * by its mailbox: a date before yes, the earliest date (as fold keeps a
 * contact's) */
static int opts_out(const fu_buf *unsub)
{
	return unsub->len && !fu_unsub_no_consent(unsub->data, unsub->len);
}

static void mailbox_note(fu_import *im, const fu_buf *v, const uint64_t *hash)
{
	const fu_buf *mail = &v[T_EMAIL], *out = &v[T_UNSUB];
	if (!mail->len)
		return;
	const char *at = memchr(mail->data, '@', mail->len);
	if (at && memchr(mail->data, '+', (size_t)(at - mail->data)))
		im->nsubaddr++;
	if (!opts_out(out))
		return;
	mailbox_of(mail, &im->mailbox_key);
	int added;
	size_t i = hash ? fu_map_put_hashed(&im->mailboxes, im->mailbox_key.data, im->mailbox_key.len,
	                                    *hash, &added)
	                : fu_map_put(&im->mailboxes, im->mailbox_key.data, im->mailbox_key.len, &added);
	if (!added) {
		const char *was = im->mailbox_out.data + im->mailbox_at[i];
		int wyes = strcmp(was, "yes") == 0, oyes = strcmp(out->data, "yes") == 0;
		if (!(wyes && !oyes) && (oyes || wyes || !earlier(out->data, was)))
			return;
	} else if (i == im->mailbox_cap) {
		im->mailbox_cap = im->mailbox_cap ? 2 * im->mailbox_cap : 256;
		im->mailbox_at = fu_xrealloc(im->mailbox_at, im->mailbox_cap * sizeof *im->mailbox_at);
	}
	im->mailbox_at[i] = im->mailbox_out.len;
	fu_buf_add(&im->mailbox_out, out->data, out->len + 1);
	fu_buf_add(&im->mailbox_out, mail->data, mail->len + 1);
}

/* A contact without an opt-out (or with no-consent) at a mailbox another
 * contact opted out of (its +tag sub-address, its base address, or the
 * other person kept apart at one address) gets that opt-out: the mail
 * would reach the mailbox that said no.  The safe way round: a domain
 * that does not deliver +tags so loses a message, never sends one to
 * someone who opted out. */
static void mailbox_optout(fu_import *im, fu_buf *row)
{
	if (!row[T_EMAIL].len ||
	    (row[T_UNSUB].len && !fu_unsub_no_consent(row[T_UNSUB].data, row[T_UNSUB].len)))
		return;
	mailbox_of(&row[T_EMAIL], &im->tmp);
	long i = fu_map_get(&im->mailboxes, im->tmp.data, im->tmp.len);
	if (i < 0)
		return;
	const char *out = im->mailbox_out.data + im->mailbox_at[i], *from = out + strlen(out) + 1;
	/* consent this contact gave after the mailbox's dated opt-out: the
	 * latest of unsubscribe and subscribe wins (fu(7)) */
	const char *given = key_time_of(&im->consent_times, row);
	if (given[0] && isdigit((unsigned char)out[0]) && earlier(out, given))
		return;
	fu_buf_clear(&row[T_UNSUB]);
	fu_buf_adds(&row[T_UNSUB], out);
	if (!im->nmailbox++)
		fu_buf_printf(&im->mailbox_ex, "%s%s%s%s, by an opt-out under %s", row[T_EMAIL].data,
		              row[T_FIRST].len ? " (" : "", row[T_FIRST].len ? row[T_FIRST].data : "",
		              row[T_FIRST].len ? ")" : "", from);
}

/* a row (of input line LINE) into the merge; the merge's answer */
static int merge_row(fu_import *im, const fu_buf *v, const struct ahead *ahead, long line)
{
	if (im->prev.n) {
		const fu_buf *joined = same_person(im, v);
		if (joined != v) {
			v = joined;
			ahead = NULL; /* its e-mail's hash is another */
		}
	}
	if (im->cur->optin_list) { /* (e-mails are lower-case) */
		const fu_buf *k = v[T_EMAIL].len ? &v[T_EMAIL] : &v[T_PHONE];
		if (k->len)
			fu_map_put(&im->listed, k->data, k->len, NULL);
	}
	if (im->prev.n)
		for (int t = 0; t < 3; t++) {
			const fu_buf *k = &v[t == 0 ? T_ID : t == 1 ? T_EMAIL : T_PHONE];
			if (k->len)
				fu_map_put(&im->prev.own, k->data, k->len, NULL); /* (e-mails are lower-case) */
		}
	mailbox_note(im, v, ahead && ahead->has_mailbox ? &ahead->mailbox : NULL);
	fu_buf err = {0};
	int rc = fu_merge_add_ahead(im->merge, v, ahead ? &ahead->merge : NULL, &err);
	if (rc < 0) {
		fu_warn("%s", err.data);
		worse(im, FU_EXIT_USAGE);
		im->nrejected++;
	} else if (rc == 1) {
		im->nmerged++;
	} else if (rc == FU_MERGE_LINKED) {
		im->nmerged += 2; /* the row, and the first row of the contact it joined to another */
	} else if (rc == FU_MERGE_APART_HOUSEHOLD) {
		fu_buf_clear(&err);
		fu_buf_printf(&err, "e-mail %s is also another contact's, but the first names differ "
		              "(a household's or a firm's shared address?): kept as a contact of its own",
		              v[T_EMAIL].data);
		problem(im, PROBLEM_NOTE, 0, "not merged by e-mail", line, 0, line, err.data, NULL, 0);
		im->nhousehold++;
	} else if (rc > 0) {
		fu_buf_clear(&err);
		fu_buf_printf(&err, "phone %s is also another contact's, but %s: kept as a "
		              "contact of its own", v[T_PHONE].data,
		              rc == FU_MERGE_APART_NAMES ? "the names differ"
		                                         : "contacts with different e-mails share it");
		problem(im, PROBLEM_NOTE, 0, "not merged by phone", line, 0, line, err.data, NULL, 0);
		im->napart++;
	}
	fu_buf_free(&err);
	return rc;
}

/* Merging: an id read before with another e-mail or phone may become two
 * contacts' ids; then the contacts are written one by one, each checked by
 * id_unique (with none, each contact's row depends on itself alone). */
static void id_clash(fu_import *im, const fu_buf *v)
{
	if (im->ids_clash)
		return;
	uint64_t h = fu_hash64(v[T_EMAIL].len ? v[T_EMAIL].data : "", v[T_EMAIL].len, 0);
	h = fu_hash64(v[T_PHONE].len ? v[T_PHONE].data : "", v[T_PHONE].len, h);
	uint32_t keys = (uint32_t)(h ^ h >> 32);
	int added;
	uint32_t at;
	fu_map_put_at(&im->input_ids, v[T_ID].data, v[T_ID].len, &added, &at);
	if (added)
		fu_map_set_value(&im->input_ids, at, keys);
	else if (fu_map_value(&im->input_ids, at) != keys)
		im->ids_clash = 1;
}

/* ---- rows ---------------------------------------------------------------- */

static int paypal_contact(fu_import *im, const fu_record *rec);

/* Is a contact type value (S, N bytes) one of no customer: a vendor, a
 * supplier, a partner, a competitor, an employee, in some language, and no
 * customer word beside it ("Customer, Vendor" is a customer too)? */
static int no_customer_type(const char *s, size_t n)
{
	static const char *const customer[] = {
		"customer", "customers", "client", "clients", "buyer", "both", "asiakas", "kund",
		"kunde", "cliente", "klant", "klient", "kunder", "debitor", "debtor",
	};
	static const char *const other[] = {
		"vendor", "vendors", "supplier", "suppliers", "partner", "partners", "competitor",
		"competitors", "employee", "employees", "worker", "investor", "press", "bank",
		"toimittaja", "tavarantoimittaja", "kumppani", "kilpailija", "leverantör", "leverantor",
		"lieferant", "fournisseur", "proveedor", "leverancier", "fornitore", "leverandør",
		"dostawca", "fornecedor", "kreditor", "creditor",
	};
	char w[32];
	int no = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && !isalnum((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
			i++;
		size_t k = 0;
		while (i < n && (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) {
			if (k + 1 < sizeof w)
				w[k++] = s[i];
			i++;
		}
		if (!k)
			continue;
		w[k] = '\0';
		norm_lower_utf8(w, k);
		if (word_listed(w, k, customer, sizeof customer / sizeof *customer))
			return 0;
		no |= word_listed(w, k, other, sizeof other / sizeof *other);
	}
	return no;
}

/* a flag cell: set (yes, true, 1, a rank above 0)? */
static int flag_set(const fu_record *rec, long c)
{
	if (c < 0 || (size_t)c >= rec->nfields)
		return 0;
	const char *s = rec->fields[c];
	size_t n = rec->lens[c];
	int f = norm_flag(s, n);
	if (f >= 0)
		return f;
	while (n && *s == ' ')
		s++, n--;
	return n && isdigit((unsigned char)s[0]) && strtol(s, NULL, 10) > 0;
}

/* "Header 'value'" of column C of REC, in im->tmp */
static const char *cell_named(fu_import *im, const fu_record *rec, long c)
{
	fu_buf_clear(&im->tmp);
	fu_buf_printf(&im->tmp, "%s %s", im->cur->h.names[c],
	              quote_value(rec->fields[c], rec->lens[c], &im->cell));
	return im->tmp.data;
}

/* A contact that is no customer (party_columns): skipped with its reason,
 * counted (1); else 0 */
static int not_customer(fu_import *im, const fu_record *rec)
{
	struct source *S = im->cur;
	const char *what = NULL;
	fu_buf_clear(&im->reason);
	if (S->vendor_list) {
		what = "vendor";
		fu_buf_printf(&im->reason, "a vendor list (its header has \"%s\"): a supplier, not a "
		              "customer (--map contact_type= imports them)", S->vendor_list);
	} else if (S->party_col >= 0 && (size_t)S->party_col < rec->nfields &&
	           no_customer_type(rec->fields[S->party_col], rec->lens[S->party_col])) {
		what = cell_named(im, rec, S->party_col);
		fu_buf_printf(&im->reason, "%s: not a customer (--map contact_type= imports them)", what);
	} else if (S->role_col >= 0 && (size_t)S->role_col < rec->nfields &&
	           staff_role(rec->fields[S->role_col], rec->lens[S->role_col])) {
		what = cell_named(im, rec, S->role_col);
		fu_buf_printf(&im->reason, "%s: the shop's own staff, not a customer", what);
	} else if (S->suspended_col >= 0 && flag_set(rec, S->suspended_col)) {
		fu_buf_clear(&im->tmp);
		fu_buf_printf(&im->tmp, "\"%s\" set", S->h.names[S->suspended_col]);
		what = im->tmp.data;
		fu_buf_printf(&im->reason, "%s: a user the helpdesk blocked (spam, abuse), not one to "
		              "follow up", what);
	} else if (S->vendor_flag >= 0 && flag_set(rec, S->vendor_flag) &&
	           !flag_set(rec, S->customer_flag)) {
		fu_buf_clear(&im->tmp);
		fu_buf_printf(&im->tmp, "\"%s\" set", S->h.names[S->vendor_flag]);
		what = im->tmp.data;
		fu_buf_printf(&im->reason, "%s%s%s%s: a supplier, not a customer "
		              "(--map contact_type= imports them)", what,
		              S->customer_flag >= 0 ? " and \"" : "",
		              S->customer_flag >= 0 ? S->h.names[S->customer_flag] : "",
		              S->customer_flag >= 0 ? "\" not" : "");
	}
	if (!what)
		return 0;
	if (!S->nvendors++)
		snprintf(S->vendor_ex, sizeof S->vendor_ex, "%s", what);
	reject(im, rec, "not a customer", 0, im->reason.data);
	return 1;
}

static void contact_row(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	fu_buf *v = im->val;
	for (size_t c = 0; c < im->ncols; c++)
		fu_buf_clear(&v[c]);
	if (S->party && not_customer(im, rec))
		return;
	if (S->paypal && paypal_contact(im, rec) != 0)
		return;
	/* an e-mail or a phone that cannot be read is left empty when the
	 * other one knows the contact; with neither the row is rejected */
	int bad_email = key_value(im, rec, T_EMAIL, &v[T_EMAIL]) != 0;
	if (bad_email) {
		fu_buf_clear(&im->keyreason);
		fu_buf_add(&im->keyreason, im->reason.data, im->reason.len);
	}
	if (key_value(im, rec, T_PHONE, &v[T_PHONE]) != 0) {
		scientific_hint(im, rec, T_PHONE);
		if (!v[T_EMAIL].len) { /* the phone is what the contact is known by */
			reject(im, rec, bad_email ? "e-mail not usable" : "phone not usable", 1,
			       bad_email ? im->keyreason.data : im->reason.data);
			return;
		}
		fu_buf_adds(&im->reason, "; left empty");
		warn_kept(im, rec, "phone not usable", im->reason.data);
	}
	if (bad_email) {
		if (!v[T_PHONE].len) {
			reject(im, rec, "e-mail not usable", 1, im->keyreason.data);
			return;
		}
		fu_buf_adds(&im->keyreason, "; left empty, the contact kept by its phone");
		warn_kept(im, rec, "e-mail not usable", im->keyreason.data);
	}
	if (!v[T_EMAIL].len && !v[T_PHONE].len) {
		reject(im, rec, "no e-mail and no phone", 1,
		       "no e-mail and no phone: nothing to know the contact by");
		return;
	}
	text_value(S, rec, T_ID, &v[T_ID]);
	if (v[T_ID].len > 1 && v[T_ID].data[0] == '\'') /* Shopify's '7985351721238 */
		memmove(v[T_ID].data, v[T_ID].data + 1, v[T_ID].len--);
	scientific_id(im, rec, T_ID, &v[T_ID]);
	text_value(S, rec, T_FIRST, &v[T_FIRST]);
	text_value(S, rec, T_LAST, &v[T_LAST]);
	text_value(S, rec, T_COMPANY, &v[T_COMPANY]);
	text_value(S, rec, T_OWNER, &v[T_OWNER]);
	if ((S->use[T_NAME] || S->use[T_PERSON]) &&
	    (!S->name_stand_in || (!v[T_FIRST].len && !v[T_LAST].len)))
		name_values(im, rec, v);
	static const int one_line_targets[] = {T_FIRST, T_LAST, T_COMPANY, T_OWNER};
	for (size_t k = 0; k < sizeof one_line_targets / sizeof one_line_targets[0]; k++)
		one_line(im, rec, hm_target_name[one_line_targets[k]], &v[one_line_targets[k]]);
	const char *seg = "";
	if (S->use[T_STAGE]) {
		size_t n;
		const char *s = field(S, rec, T_STAGE, &n), *why;
		if (norm_stage(s, n, &v[T_STAGE], &seg, &why) != 0) {
			/* kept aside, as written: a CRM's own stages mean something */
			fu_buf_clear(&v[T_STAGE]);
			norm_trim(s, n, &v[im->source_stage]);
			fu_buf_clear(&im->reason);
			if (told_in_words(im, "stage not known"))
				fu_buf_printf(&im->reason, "stage %s: %s; kept in source_stage",
				              quote_value(s, n, &im->cell), why);
			else
				fu_buf_adds(&im->reason, ""); /* counted only */
			warn_kept(im, rec, "stage not known", im->reason.data);
			seg = "";
		}
	}
	optional_value(im, rec, T_SEGMENT, norm_segment, &v[T_SEGMENT]);
	if (!v[T_SEGMENT].len && seg[0])
		fu_buf_adds(&v[T_SEGMENT], seg);
	if (S->use[T_LEAD_STATUS]) {
		/* a lead set aside in the CRM is closed: no lead plan applies; one in
		 * talks is at least mid */
		size_t n;
		const char *s = field(S, rec, T_LEAD_STATUS, &n), *ls = norm_lead_status(s, n);
		if (strcmp(ls, "closed") == 0 || (ls[0] && (!v[T_SEGMENT].len ||
		                                             strcmp(v[T_SEGMENT].data, "new") == 0))) {
			fu_buf_clear(&v[T_SEGMENT]);
			fu_buf_adds(&v[T_SEGMENT], ls);
		}
	}
	optional_value(im, rec, T_LANG, norm_lang, &v[T_LANG]);
	optional_value(im, rec, T_FORMAL, norm_formal, &v[T_FORMAL]);
	tz_value(im, rec, v);
	if (date_value(im, rec, T_CREATED, &v[T_CREATED]) != 0) {
		fu_buf_adds(&im->reason, "; left empty");
		warn_kept(im, rec, "created not a date", im->reason.data);
	}
	consent_value(im, rec, &v[T_UNSUB]);
	if (im->o.noptin_lists && !v[T_UNSUB].len && !S->optin_list && row_gives_consent(S, rec)) {
		const fu_buf *k = v[T_EMAIL].len ? &v[T_EMAIL] : &v[T_PHONE];
		if (k->len) /* (e-mails are lower-case) */
			fu_map_put(&im->consented, k->data, k->len, NULL);
	}
	if (im->merge)
		note_key_time(im, rec, v);
	if (im->prev.noptout && !v[T_UNSUB].len)
		optout_said(im, rec, v);
	if (!v[T_UNSUB].len && v[T_EMAIL].len && marketplace_relay(v[T_EMAIL].data)) {
		/* order messages only: the marketplace forbids marketing through it */
		fu_buf_adds(&v[T_UNSUB], "yes");
		if (!im->cur->nrelay++)
			snprintf(im->cur->relay_ex, sizeof im->cur->relay_ex, "%s", v[T_EMAIL].data);
	}
	if (im->do_not_call >= 0)
		no_call_value(im, rec, &v[im->do_not_call]);
	if (im->sms_unsubscribed >= 0)
		sms_consent_value(im, rec, &v[im->sms_unsubscribed]);
	if (im->more_emails.len)
		alias_add_list(&v[T_ALIASES], im->more_emails.data);
	if (S->use[T_ALIASES]) {
		size_t n;
		const char *s = field(S, rec, T_ALIASES, &n);
		fu_buf_clear(&im->tmp);
		fu_buf_add(&im->tmp, s, n);
		alias_add_list(&v[T_ALIASES], im->tmp.data);
	}
	if (!im->merge) {
		/* rows not merged: those with one key and no id of their own are
		 * one person's, written with one id on purpose */
		if (v[T_ID].len && id_unique(im, v))
			note(im, rec, "id another contact's", im->id_note.data);
		/* with threads the main thread derives a missing id (replay): it
		 * has the time to spare; the aliases need it here */
		if (!im->log || v[T_ALIASES].len) {
			derive_id(v);
			alias_drop_own(v, &im->tmp, NULL, 0, NULL);
		}
	} else if (v[T_ID].len) {
		id_clash(im, v);
	}
	if (im->log) {
		log_row(im, rec);
	} else if (im->merge) {
		pass_through(im, rec);
		if (merge_row(im, v, NULL, rec->line) < 0)
			im->row_rejected = 1;
	} else {
		write_direct(im, rec);
	}
}

static const char *trimmed(const struct source *S, const fu_record *rec, int t, fu_buf *b)
{
	size_t n;
	const char *s = field(S, rec, t, &n);
	norm_trim(s, n, b);
	return b->data ? b->data : "";
}

/* The amount an order's row says was refunded: 0 when none or not a number */
static double refunded_amount(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	const char *why;
	if (!S->use[T_REFUNDED])
		return 0;
	trimmed(S, rec, T_REFUNDED, &im->tmp);
	if (!im->tmp.len || norm_amount(&im->tmp, S->order[T_VALUE], &why) != 0)
		return 0;
	double refunded = strtod(im->tmp.data, NULL);
	return refunded > 0 ? refunded : 0;
}

/* Was an order or payment refunded in full (Stripe's "Paid" charge with
 * its whole amount in "Amount Refunded")?  A part refunded leaves a purchase. */
static int refunded_in_full(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	const char *why;
	double refunded = refunded_amount(im, rec);
	if (refunded <= 0)
		return 0;
	trimmed(S, rec, T_VALUE, &im->tmp);
	if (!im->tmp.len || norm_amount(&im->tmp, S->order[T_VALUE], &why) != 0)
		return 0;
	return refunded >= strtod(im->tmp.data, NULL);
}

/* A customer id that is a key: not empty, a placeholder, WooCommerce's
 * guest 0 (every guest order has it) or a till's walk-in customer (Vend's
 * WALKIN: every sale without a customer has it) */
static int customer_key(const char *s, size_t n)
{
	if (blank(s, n) || norm_placeholder(s, n) || strspn(s, "0 ") >= n)
		return 0;
	char low[24];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof low; i++)
		if (isalnum((unsigned char)s[i]))
			low[k++] = (char)tolower((unsigned char)s[i]);
	low[k] = '\0';
	return strcmp(low, "walkin") != 0 && strcmp(low, "walkincustomer") != 0 &&
	       strcmp(low, "guest") != 0 && strcmp(low, "cashcustomer") != 0;
}

/* Who an order's row is of, as written (an order is known by its name and
 * its buyer): the first e-mail cell lower-cased, else the phone's digits,
 * else the contact or customer id; "" when the row names nobody. */
static const char *buyer_token(fu_import *im, const fu_record *rec, fu_buf *out)
{
	const struct source *S = im->cur;
	static const int keys[] = {T_EMAIL, T_PHONE, T_CONTACT_ID, T_CUSTOMER};
	fu_buf_clear(out);
	for (size_t k = 0; k < sizeof keys / sizeof keys[0] && !out->len; k++) {
		size_t n;
		const char *s = field(S, rec, keys[k], &n);
		if (blank(s, n) || norm_placeholder(s, n) ||
		    (keys[k] == T_CUSTOMER && !customer_key(s, n)))
			continue;
		if (keys[k] == T_PHONE) {
			for (size_t i = 0; i < n; i++)
				if (s[i] >= '0' && s[i] <= '9')
					fu_buf_addc(out, s[i]);
		} else {
			norm_trim(s, n, out);
			fu_ascii_lower(out->data, out->len);
		}
	}
	if (!out->data)
		fu_buf_adds(out, "");
	return out->data;
}

static int sales_line(fu_import *im, const fu_record *rec, fu_buf *v);

/* A further line of the order held, in an export whose value is a unit's
 * price (Online Retail: one row per line, UnitPrice and Quantity): its
 * quantity x price added to the order's value.  A return line adds nothing
 * (it is no purchase). */
static void further_line_value(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	fu_buf *sum = fu_orders_held_col(im->orders, EV_VALUE);
	if (!sum || !sum->len || S->m.src[T_VALUE] < 0 ||
	    (S->m.src[T_VALUE] != S->m.src[T_UNIT_PRICE] && !S->m.value_per_line))
		return;
	fu_buf line[EV_NOTE + 1] = {{0}};
	const char *why;
	size_t n;
	const char *s = field(S, rec, T_VALUE, &n);
	norm_trim(s, n, &line[EV_VALUE]);
	if (line[EV_VALUE].len && norm_amount(&line[EV_VALUE], S->order[T_VALUE], &why) == 0 &&
	    sales_line(im, rec, line) == 0) {
		const char *a = strchr(sum->data, '.'), *b = strchr(line[EV_VALUE].data, '.');
		int da = a ? (int)strlen(a + 1) : 0, db = b ? (int)strlen(b + 1) : 0;
		double total = strtod(sum->data, NULL) + strtod(line[EV_VALUE].data, NULL);
		fu_buf_clear(sum);
		fu_buf_printf(sum, "%.*f", da > db ? da : db, total);
	}
	for (size_t c = 0; c <= EV_NOTE; c++)
		fu_buf_free(&line[c]);
}

/* A further line of the order held: the pass-through cells that describe
 * its line (S->line_cell: "Quantity", "Item Cost") joined to the order's
 * with "; ", one a line as its items are, and so is any other cell that
 * differs from the order's first row's (not an empty one); the order's own
 * fields (its total, its buyer) are the same on every line and stay one. */
static void further_line_cells(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	size_t np = im->ncols - im->ncanon;
	if (!np)
		return;
	if (!im->line_joined)
		im->line_joined = fu_xcalloc(np, 1);
	im->order_lines++;
	for (size_t c = 0; c < np; c++) {
		long f = S->src_of_out[c];
		fu_buf *held = fu_orders_held_col(im->orders, im->ncanon + c);
		if (f < 0 || !held || (size_t)f >= rec->nfields)
			continue;
		const char *s = rec->fields[f];
		size_t n = rec->lens[f];
		/* an empty cell of a further line (Shopify's, Odoo's) is the
		 * order's field left out, not another value */
		if (!S->line_cell[c] && blank(s, n))
			continue;
		if (!im->line_joined[c]) {
			if (!S->line_cell[c] && n == held->len && memcmp(s, held->data, n) == 0)
				continue;
			/* the lines before this one: the first line's cell each */
			fu_buf_clear(&im->tmp);
			fu_buf_add(&im->tmp, held->data ? held->data : "", held->len);
			for (size_t k = 2; k < im->order_lines; k++) {
				fu_buf_adds(held, "; ");
				fu_buf_add(held, im->tmp.data, im->tmp.len);
			}
			im->line_joined[c] = 1;
		}
		fu_buf_adds(held, "; ");
		fu_buf_add(held, s, n);
	}
}

/* The status an orders export's flags of a sale say (S->flag: Gumroad's),
 * in im->fin: a chargeback not won and a refund in full take the sale
 * back; a pre-order only authorised and a free trial were never charged;
 * "" when none is set */
static const char *flag_status(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	int set[5] = {0};
	for (int k = 0; k < 5; k++) {
		long c = S->flag[k];
		set[k] = c >= 0 && (size_t)c < rec->nfields && norm_flag(rec->fields[c], rec->lens[c]) == 1;
	}
	const char *status = set[FLAG_DISPUTED] && !set[FLAG_DISPUTE_WON] ? "disputed (a chargeback)"
	                   : set[FLAG_FULL_REFUND] ? "refunded"
	                   : set[FLAG_PREORDER] ? "a pre-order authorization (not charged)"
	                   : set[FLAG_TRIAL] ? "a free trial (not charged)" : "";
	fu_buf_clear(&im->fin);
	fu_buf_adds(&im->fin, status);
	return im->fin.data;
}

/* an order export's row: whether it is a purchase of its own */
static void older_order_row(fu_import *im, const fu_record *rec);
/* an order refunded in part: its refund held for its line items */
static int part_of(const fu_import *im, enum fu_order_row kind, const char *name, const char *buyer);
static void part_line(fu_import *im, const fu_record *rec);
static void part_flush(fu_import *im);

/* The order of REC, named NAME ("" none), as a message names it: "order
 * 1001", else by its date and item ("the order of 2026-03-05 (Tea)": a
 * sales list with a status and no order number); valid until the next call */
static const char *order_label(fu_import *im, const fu_record *rec, const char *name)
{
	const struct source *S = im->cur;
	fu_buf when = {0}, item = {0};
	fu_buf_clear(&im->label);
	fu_orders_label(&im->label, name, name[0] ? "" : trimmed(S, rec, T_WHEN, &when),
	                name[0] ? "" : trimmed(S, rec, T_ITEM, &item));
	fu_buf_free(&when);
	fu_buf_free(&item);
	return im->label.data;
}

/* An order's own row (it has a date) whose status column is empty, with no
 * payment time: not known to be paid (an abandoned checkout, a draft) unless
 * --order-status '=purchase' says so; rejected (1) with the reason, else 0.
 * An export without a status column (a plain sales list) is not asked. */
static int empty_status_skipped(fu_import *im, const fu_record *rec, const char *name)
{
	struct source *S = im->cur;
	size_t wn;
	const char *when = field(S, rec, T_WHEN, &wn);
	if (!S->use[T_FINSTATUS] || im->empty_status == 1 || blank(when, wn))
		return 0;
	if (S->use[T_PAID]) {
		size_t n;
		const char *paid = field(S, rec, T_PAID, &n);
		if (!blank(paid, n))
			return 0;
	}
	const char *col = S->h.names[S->m.src[T_FINSTATUS]];
	size_t cn;
	const char *cell = field(S, rec, T_FINSTATUS, &cn);
	fu_buf_clear(&im->reason);
	if (!blank(cell, cn) && im->empty_status != -1) {
		/* Shopware's order_state_id: an id of the shop's own state machine */
		fu_buf_printf(&im->reason, "%s has only a state's id in %s (%s), not its name: "
		              "not known to be paid, not taken for a purchase (export the states' "
		              "technical names, stateMachineState.technicalName and "
		              "transactions.stateMachineState.technicalName; --order-status '=purchase' "
		              "would take it)", order_label(im, rec, name), col, quote_value(cell, cn, &im->cell));
		reject(im, rec, "order status an id", 1, im->reason.data);
		S->nstate_id++;
		return 1;
	}
	if (im->empty_status == -1) {
		fu_buf_printf(&im->reason, "%s has an empty %s: skipped (--order-status '=skip')",
		              order_label(im, rec, name), col);
		reject(im, rec, "order not a purchase", 0, im->reason.data);
	} else {
		fu_buf_printf(&im->reason, "%s has an empty %s%s: not known to be paid (an abandoned "
		              "checkout, a draft?), not taken for a purchase (--order-status '=purchase' "
		              "would take it)", order_label(im, rec, name), col,
		              S->use[T_PAID] ? " and no payment time" : "");
		reject(im, rec, "order status empty", 1, im->reason.data);
	}
	S->nempty_status++;
	return 1;
}

/* An order of an export without a status column but with its payment's
 * time (eBay's "Paid On Date") that has no payment time: awaiting payment
 * (eBay cancels it if the buyer never pays), not a purchase yet; skipped
 * with the reason (1), counted and told when the input ends; else 0. */
static int unpaid_skipped(fu_import *im, const fu_record *rec, const char *name)
{
	struct source *S = im->cur;
	size_t n;
	if (S->use[T_FINSTATUS] || !S->use[T_PAID] || im->empty_status == 1)
		return 0;
	const char *paid = field(S, rec, T_PAID, &n);
	if (!blank(paid, n) && !norm_placeholder(paid, n))
		return 0;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s has an empty %s: not paid (yet), not a purchase "
	              "(--order-status '=purchase' would take it)", order_label(im, rec, name),
	              S->h.names[S->m.src[T_PAID]]);
	reject(im, rec, "order not paid", 0, im->reason.data);
	if (S->nunpaid++ == 0)
		snprintf(S->unpaid_ex, sizeof S->unpaid_ex, "%s", name);
	return 1;
}

/* Shopify's "Name" column is the order's name (#1001); a "Name" without a
 * digit is a person's (a sales list with Name and Status): no order name
 * then, so two purchases of one person are never taken for one order */
static int person_for_order(const struct source *S, const char *name)
{
	long c = S->m.src[T_ORDER];
	return c >= 0 && S->use[T_ORDER] && strcasecmp(S->h.names[c], "name") == 0 &&
	       !strpbrk(name, "0123456789");
}

/* A charge made in a payment processor's test mode (Stripe's payments
 * export: "Mode" Test, or "Livemode" false) moved no money: the shop's own
 * trial of its checkout, not a customer's purchase, and a thank-you for it
 * would be wrong (and its refund takes nothing back).  Skipped with the
 * reason (1), counted and told when the input ends; else 0. */
static int test_mode_skipped(fu_import *im, const fu_record *rec, const char *name)
{
	struct source *S = im->cur;
	long c = -1;
	if (S->mode_col >= 0 && (size_t)S->mode_col < rec->nfields &&
	    norm_word_listed(rec->fields[S->mode_col], rec->lens[S->mode_col],
	                     (const char *const[]){"test"}, 1))
		c = S->mode_col;
	else if (S->livemode_col >= 0 && (size_t)S->livemode_col < rec->nfields &&
	         norm_flag(rec->fields[S->livemode_col], rec->lens[S->livemode_col]) == 0)
		c = S->livemode_col;
	if (c < 0)
		return 0;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s is a test-mode charge (%s %s): no money moved, not a "
	              "purchase", order_label(im, rec, name), S->h.names[c],
	              quote_value(rec->fields[c], rec->lens[c], &im->cell));
	reject(im, rec, "test-mode charge", 0, im->reason.data);
	if (S->ntest_mode++ == 0)
		snprintf(S->test_mode_ex, sizeof S->test_mode_ex, "%s", name[0] ? name : order_label(im, rec, name));
	return 1;
}

/* An order cancelled (or failed) that its export says was never paid was
 * never bought: a refund of it would take back revenue there never was.
 * Never paid: a payment status column beside the order's (WooCommerce's
 * "Payment Status", Shopware's payment state) says so (unpaid, open,
 * failed, cancelled; not paid, refunded), else its payment time column
 * (WooCommerce's "Paid Date") is empty.  An export with neither does not
 * say, and the order stays a refund; so does one this run read as a
 * purchase before (a cash-on-delivery order refused at the door), and one
 * with an amount refunded.  Skipped with the reason (1), counted and told
 * when the input ends; else 0. */
static int never_paid_skipped(fu_import *im, const fu_record *rec, const char *name,
                              const char *buyer, const char *status)
{
	struct source *S = im->cur;
	fu_buf *low = &im->tmp;
	fu_buf_clear(low);
	fu_buf_adds(low, status);
	norm_lower_utf8(low->data, low->len);
	char said[64]; /* the status, lower-cased, for the reason */
	snprintf(said, sizeof said, "%s", low->data);
	if (!fu_orders_status_cancelled(low->data) || fu_orders_read_as_purchase(im->orders, name, buyer) ||
	    (S->use[T_REFUNDED] && refunded_amount(im, rec) > 0))
		return 0;
	long col = -1;
	int unpaid = -1; /* not known */
	for (int a = 0; a < HM_ALT && unpaid < 0 && S->use[T_FINSTATUS]; a++) {
		long c = S->m.alt[T_FINSTATUS][a];
		if (c < 0)
			break;
		if ((size_t)c >= rec->nfields || blank(rec->fields[c], rec->lens[c]))
			continue;
		fu_buf_clear(low);
		norm_trim(rec->fields[c], rec->lens[c], low);
		norm_lower_utf8(low->data, low->len);
		enum fu_order_status k = fu_orders_status_kind(low->data);
		if (fu_orders_status_money_back(low->data) || k == FU_STATUS_PURCHASE)
			unpaid = 0;
		else if (k == FU_STATUS_NOT_PURCHASE ||
		         norm_word_listed(low->data, low->len, (const char *const[]){"open", "reopen",
		                                                                  "in progress"}, 3))
			unpaid = 1;
		col = c;
	}
	if (unpaid < 0 && S->use[T_PAID]) {
		size_t n;
		const char *paid = field(S, rec, T_PAID, &n);
		unpaid = blank(paid, n) || norm_placeholder(paid, n);
		col = S->m.src[T_PAID];
	}
	if (unpaid != 1)
		return 0;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s is %s and was never paid (its %s is %s): nothing bought, "
	              "nothing to take back", order_label(im, rec, name), said, S->h.names[col],
	              blank(rec->fields[col], rec->lens[col]) ? "empty"
	              : quote_value(rec->fields[col], rec->lens[col], &im->cell));
	reject(im, rec, "order never paid", 0, im->reason.data);
	fu_orders_skip(im->orders, im->reason.data); /* and its further line items */
	if (S->nnever_paid++ == 0)
		snprintf(S->never_paid_ex, sizeof S->never_paid_ex, "%s", name[0] ? name : order_label(im, rec, name));
	return 1;
}

/* Is a status cell a state's id (Shopware's order_state_id: 32 hex
 * digits, or a UUID with its dashes), not a state's name? */
static int state_id(const char *s)
{
	size_t n = 0, hex = 0;
	for (; s[n]; n++)
		if (isxdigit((unsigned char)s[n]))
			hex++;
		else if (s[n] != '-')
			return 0;
	return hex == 32 && (n == 32 || n == 36);
}

/* cell C of REC, trimmed and lower-cased, '_' and '-' as spaces, in OUT */
static void status_words(const fu_record *rec, long c, char *out, size_t size)
{
	out[0] = '\0';
	if (c < 0 || (size_t)c >= rec->nfields)
		return;
	fu_buf b = {0};
	norm_trim(rec->fields[c], rec->lens[c], &b);
	norm_lower_utf8(b.data ? b.data : "", b.len);
	snprintf(out, size, "%s", b.data ? b.data : "");
	fu_buf_free(&b);
	if (!state_id(out))
		for (char *p = out; *p; p++)
			if (*p == '_' || *p == '-')
				*p = ' ';
}

/* The status of an order whose export gives its state and its payment's
 * apart (Shopware's technical names: the order open, in_progress,
 * completed or cancelled; its payment open, paid, paid_partially,
 * refunded, refunded_partially, failed, cancelled ...), in im->fin: a
 * cancelled order is cancelled (a refund, unless its payment says it was
 * never paid: never_paid_skipped); else its payment says whether it is a
 * purchase: paid, authorised or refunded as they are, a payment still open
 * (reminded, unconfirmed, in progress), failed or cancelled "unpaid". */
static const char *order_and_payment(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	char order[96], pay[96];
	status_words(rec, S->order_state_col, order, sizeof order);
	status_words(rec, S->pay_state_col, pay, sizeof pay);
	fu_buf_clear(&im->fin);
	if (state_id(order))
		order[0] = '\0';
	if (state_id(pay))
		pay[0] = '\0';
	static const char *const open[] = {"open", "reopen", "reopened", "reminded", "unconfirmed",
	                                   "in progress"};
	if (fu_orders_status_cancelled(order) || !pay[0])
		fu_buf_adds(&im->fin, order);
	else if (norm_word_listed(pay, strlen(pay), open, sizeof open / sizeof *open))
		fu_buf_printf(&im->fin, "unpaid (payment %s)", pay);
	else if (fu_orders_status_cancelled(pay))
		fu_buf_printf(&im->fin, "unpaid (payment %s, not completed)",
		              strstr(pay, "fail") ? "failed" : "stopped");
	else
		fu_buf_adds(&im->fin, pay);
	return im->fin.data ? im->fin.data : "";
}

static int order_row(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	fu_buf *first;
	const char *name = trimmed(S, rec, T_ORDER, &im->name);
	if (*name && person_for_order(S, name)) {
		fu_buf_clear(&im->name);
		name = "";
	}
	const char *status = trimmed(S, rec, T_FINSTATUS, &im->fin);
	if (!S->use[T_FINSTATUS])
		status = flag_status(im, rec);
	else if (S->pay_state_col >= 0)
		status = order_and_payment(im, rec);
	if (state_id(status)) {
		/* a state's id is no state: as if empty (empty_status_skipped) */
		fu_buf_clear(&im->fin);
		status = "";
	}
	const char *buyer = buyer_token(im, rec, &im->buyer);
	size_t wn;
	const char *when = field(S, rec, T_WHEN, &wn);
	const char *cur = fu_orders_current(im->orders);
	size_t in;
	const char *item = field(S, rec, T_ITEM, &in);
	if (!status[0] && !buyer[0] && blank(when, wn) && blank(item, in) &&
	    (!name[0] || !S->use[T_VALUE] || blank(field(S, rec, T_VALUE, &in), in))) {
		/* no buyer, date, line or amount (an order number at most): a
		 * report's blank, total or footer row (eBay's "2 record(s)
		 * downloaded" in two cells, "Seller ID: ...") */
		size_t c = 0;
		while (c < rec->nfields && blank(rec->fields[c], rec->lens[c]))
			c++;
		fu_buf_clear(&im->reason);
		fu_buf_adds(&im->reason, "not an order row: no order number, buyer, date, item or amount");
		if (c < rec->nfields)
			fu_buf_printf(&im->reason, " (%s: a report's footer?)",
			              quote_value(rec->fields[c], rec->lens[c], &im->cell));
		reject(im, rec, "not an order row", 0, im->reason.data);
		return 0;
	}
	if (test_mode_skipped(im, rec, name))
		return 0;
	if (!name[0] && !status[0] && !buyer[0] && blank(when, wn) && cur && S->use[T_ORDER]) {
		/* a row with nothing of an order but its line (Odoo's further
		 * order lines): the current order's */
		fu_buf_clear(&im->tmp);
		fu_buf_adds(&im->tmp, cur);
		fu_buf_clear(&im->name);
		fu_buf_add(&im->name, im->tmp.data, im->tmp.len);
		name = im->name.data;
	}
	if (S->use[T_REFUNDED] && refunded_in_full(im, rec))
		status = "refunded";
	enum fu_order_row kind = fu_orders_classify(
		im->orders, name, buyer, trimmed(S, rec, T_WHEN, &im->tmp), status,
		trimmed(S, rec, T_CANCELLED, &im->cancelled), trimmed(S, rec, T_ITEM, &im->item),
		rec->raw, rec->raw_len, &im->reason, &first);
	int part = part_of(im, kind, name, buyer);
	if (part)
		part_line(im, rec); /* a further line of the order refunded in part */
	else
		part_flush(im);
	if (first)
		write_order(im, first);
	switch (kind) {
	case FU_ORDER_NEW:
		im->order_lines = 1;
		if (im->line_joined)
			memset(im->line_joined, 0, im->ncols - im->ncanon);
		if (!status[0] && (empty_status_skipped(im, rec, name) || unpaid_skipped(im, rec, name))) {
			fu_orders_skip(im->orders, im->reason.data);
			return 0;
		}
		/* refunded in part, and no column says how much (BigCommerce's
		 * Partially Refunded): a purchase of its whole amount, told */
		if (status[0] && !S->use[T_REFUNDED] && strcasestr(status, "partial") &&
		    (strcasestr(status, "refund") || strcasestr(status, "return")) &&
		    !im->cur->npartial_unknown++)
			snprintf(im->cur->partial_unknown_ex, sizeof im->cur->partial_unknown_ex, "%s",
			         name);
		return 1;
	case FU_ORDER_ITEM:
		further_line_value(im, rec);
		further_line_cells(im, rec);
		im->nmerged++;
		return 0;
	case FU_ORDER_ITEM_AGAIN:
		note_again(im, rec, "order read before", im->reason.data);
		im->nmerged++;
		return 0;
	case FU_ORDER_ITEM_LATE:
	case FU_ORDER_AGAIN:
		if (kind == FU_ORDER_AGAIN && fu_orders_again_other_buyer(im->orders))
			note(im, rec, "order read before", im->reason.data); /* the buyer kept: told */
		else if (kind == FU_ORDER_AGAIN)
			note_again(im, rec, "order read before", im->reason.data);
		else
			note(im, rec, "line item apart", im->reason.data);
		im->nmerged++;
		if (kind == FU_ORDER_AGAIN)
			older_order_row(im, rec);
		/* read before, now refunded in part (a newer export read after an
		 * older one): its refund still to be written */
		return kind == FU_ORDER_AGAIN && !part && refunded_amount(im, rec) > 0 ? 3 : 0;
	case FU_ORDER_REFUND: /* noted by event_row once the row is written */
		if (never_paid_skipped(im, rec, name, buyer, status))
			return 0;
		return 2;
	case FU_ORDER_SKIP:
	case FU_ORDER_ITEM_SKIP:
		reject(im, rec, "order not a purchase", 0, im->reason.data);
		/* a payment that failed or never completed (Shopware's payment
		 * state failed, open, reminded): counted, told when the input ends */
		if (kind == FU_ORDER_SKIP && (strncmp(status, "unpaid", 6) == 0 || strstr(status, "fail")) &&
		    im->cur->nfailed_pay++ == 0)
			snprintf(im->cur->failed_pay_ex, sizeof im->cur->failed_pay_ex, "%s%.24s: %.60s",
			         name[0] ? "order " : "", name[0] ? name : "an order", status);
		return 0;
	case FU_ORDER_UNKNOWN:
		reject(im, rec, "order status not known", 1, im->reason.data);
		return 0;
	}
	return 0;
}

/* Subscription renewals (fu(7), the renewal column): the columns of a
 * payments or orders export that tell an automatic renewal from a new
 * order.  A flag (Gumroad's "Recurring Charge?"), a word for how the
 * payment came (Paddle's Origin subscription_recurring, Stripe's or Lemon
 * Squeezy's Billing Reason subscription_cycle or renewal, WooCommerce's
 * Subscription Relationship "Renewal Order"), Stripe's payment Description
 * "Subscription update", or a subscription app's order tag (Recharge's
 * "Subscription Recurring Order" in Shopify's Tags).  A column named
 * renewal is passed through as it is (fu-schedule reads its yes). */
enum { RENEW_FLAG, RENEW_WORD, RENEW_DESCRIPTION, RENEW_TAG };

static int renewal_columns(struct source *S)
{
	static const struct {
		const char *name;
		int how;
	} known[] = {
		{"recurring charge?", RENEW_FLAG}, {"recurring charge", RENEW_FLAG},
		{"is recurring charge", RENEW_FLAG}, {"is_recurring_charge", RENEW_FLAG},
		{"is renewal", RENEW_FLAG}, {"origin", RENEW_WORD}, {"billing reason", RENEW_WORD},
		{"billing_reason", RENEW_WORD}, {"subscription relationship", RENEW_WORD},
		{"description", RENEW_DESCRIPTION}, {"tags", RENEW_TAG},
	};
	S->nrenew = 0;
	for (size_t c = 0; c < S->named && c < S->h.n; c++)
		for (size_t k = 0; k < sizeof known / sizeof *known; k++)
			if (fu_streq_ci(S->h.names[c], known[k].name) && S->nrenew < 4) {
				S->renew[S->nrenew].col = (long)c;
				S->renew[S->nrenew++].how = known[k].how;
			}
	return S->nrenew;
}

/* does the text (lower-cased) hold WORD as a whole word? */
static int holds_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = s; (p = strstr(p, word)) != NULL; p++) {
		int starts = p == s || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
		int ends = !((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9'));
		if (starts && ends)
			return 1;
	}
	return 0;
}

/* V's renewal column: yes for a purchase its export marks as a renewal */
static void renewal_value(fu_import *im, const fu_record *rec, fu_buf *v)
{
	const struct source *S = im->cur;
	if (S->nrenew == 0) /* (another input's renewal column, passed through) */
		return;
	fu_buf *out = &v[im->renewal];
	fu_buf_clear(out);
	if (strcmp(v[EV_TYPE].data ? v[EV_TYPE].data : "", "purchase") != 0)
		return;
	int renewal = 0;
	for (int i = 0; i < S->nrenew && !renewal; i++) {
		long c = S->renew[i].col;
		if ((size_t)c >= rec->nfields)
			continue;
		fu_buf *t = &im->tmp;
		fu_buf_clear(t);
		norm_trim(rec->fields[c], rec->lens[c], t);
		norm_lower_utf8(t->data, t->len);
		switch (S->renew[i].how) {
		case RENEW_FLAG:
			renewal = norm_flag(t->data, t->len) == 1;
			break;
		case RENEW_WORD: /* subscription_recurring, subscription_cycle, renewal, Renewal Order */
			for (size_t k = 0; k < t->len; k++)
				if (t->data[k] == '_')
					t->data[k] = ' ';
			renewal = holds_word(t->data, "recurring") || holds_word(t->data, "renewal") ||
			          holds_word(t->data, "cycle");
			break;
		case RENEW_DESCRIPTION:
			renewal = strcmp(t->data, "subscription update") == 0 ||
			          strcmp(t->data, "subscription cycle") == 0 ||
			          strcmp(t->data, "subscription renewal") == 0;
			break;
		case RENEW_TAG:
			renewal = strstr(t->data, "subscription recurring order") != NULL ||
			          holds_word(t->data, "recurring order") || holds_word(t->data, "renewal order");
			break;
		}
	}
	if (renewal)
		fu_buf_adds(out, "yes");
}

/* The currency of an event's amount: its column's code, upper-cased
 * (EUR, JPY); else the one written with the amount, AMOUNT_CUR (norm_amount_cur:
 * "€10" EUR; a sign several currencies use settled by --currency or
 * --country, else kept as written, "$", and told); else --currency, for
 * an amount (HAS_AMOUNT) that names none.  The currencies read are
 * counted, told when the run ends. */
static void currency_value(fu_import *im, const fu_record *rec, const char *amount_cur, int has_amount,
                           fu_buf *out)
{
	const struct source *S = im->cur;
	fu_buf_clear(out);
	if (S->use[T_CURRENCY]) {
		size_t n;
		const char *s = field(S, rec, T_CURRENCY, &n);
		norm_trim(s, n, out);
		if (!out->len || norm_placeholder(out->data, out->len))
			fu_buf_clear(out);
		for (size_t i = 0; i < out->len; i++)
			if (out->data[i] >= 'a' && out->data[i] <= 'z')
				out->data[i] = (char)(out->data[i] - 32);
	}
	if (!out->len && amount_cur[0]) {
		char code[4];
		if (!norm_currency_shared(amount_cur))
			fu_buf_adds(out, amount_cur);
		else if (norm_currency_settle(amount_cur, im->o.country_given ? im->o.country : NULL,
		                              im->o.currency, code) == 0)
			fu_buf_adds(out, code);
		else {
			fu_buf_adds(out, amount_cur); /* as written: which dollar is not known */
			size_t k = 0, nk = sizeof im->unsettled / sizeof im->unsettled[0];
			while (k < nk && im->unsettled[k].n && strcmp(im->unsettled[k].sign, amount_cur) != 0)
				k++;
			if (k < nk && im->unsettled[k].n++ == 0) {
				snprintf(im->unsettled[k].sign, sizeof im->unsettled[k].sign, "%s", amount_cur);
				snprintf(im->unsettled[k].at, sizeof im->unsettled[k].at, "%s:%ld",
				         fu_input_name(S->path), rec->line);
			}
		}
	}
	if (!out->len && has_amount && im->o.currency)
		fu_buf_adds(out, im->o.currency);
	if (!out->len)
		return;
	int k = 0;
	while (k < im->ncurrencies && strcmp(im->currencies[k], out->data) != 0)
		k++;
	if (k == im->ncurrencies) {
		if (k < (int)(sizeof im->currencies / sizeof im->currencies[0]))
			snprintf(im->currencies[im->ncurrencies++], sizeof im->currencies[0], "%.7s", out->data);
		else
			im->more_currencies = 1;
	}
}

/* An order whose buyer declined marketing (Shopify's "Accepts Marketing"
 * no): an unsubscribe event beside the purchase, at the order's time, so
 * that fu-schedule sends that buyer service messages only.  A word not
 * understood is taken as no, as for contacts.  Not counted as a row
 * written: the row is the purchase; the count is told when the input ends. */
static void declined_marketing(fu_import *im, const fu_record *rec, fu_buf *v)
{
	struct source *S = im->cur;
	size_t n = 0;
	/* else the buyer's "Do not contact?" (S->dnc_col): yes is an opt-out */
	long col = S->use[T_OPTIN] ? S->m.src[T_OPTIN] : S->dnc_col;
	const char *s = "";
	if (S->use[T_OPTIN])
		s = field(S, rec, T_OPTIN, &n);
	else if ((size_t)col < rec->nfields)
		s = rec->fields[col], n = rec->lens[col];
	if (blank(s, n))
		return;
	int f = norm_flag(s, n);
	if (!S->use[T_OPTIN])
		f = f == 1 ? 0 : f == 0 ? 1 : f;
	if (f == 1 || (f == -1 && norm_placeholder(s, n)))
		return;
	if (f == -1) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "%s %s: not yes or no; taken as declining marketing",
		              S->use[T_OPTIN] ? "opt_in" : S->h.names[col], quote_value(s, n, &im->cell));
		warn_kept(im, rec, "consent word not known", im->reason.data);
	}
	fu_buf_clear(&v[EV_TYPE]);
	fu_buf_adds(&v[EV_TYPE], "unsubscribe");
	fu_buf_clear(&v[EV_VALUE]);
	fu_buf_clear(&v[EV_ITEM]);
	fu_buf_clear(&v[EV_NOTE]);
	fu_buf_printf(&v[EV_NOTE], "%s: %s %s", order_label(im, rec, im->name.len ? im->name.data : ""),
	              S->h.names[col], quote_value(s, n, &im->cell));
	for (size_t c = 0; c < im->ncols; c++)
		fu_csv_field(im->w, v[c].data ? v[c].data : "", v[c].len);
	fu_csv_endrow(im->w);
	S->nunsub++;
}

/* An event written beside the row REC's own (V): of TYPE, with WHEN, VALUE
 * and NOTE where given (else V's), its columns passed through as the row's
 * own are (write_direct).  Not counted as a row written. */
static void write_beside(fu_import *im, const fu_record *rec, const fu_buf *v, const char *type,
                         const fu_buf *when, const fu_buf *value, const fu_buf *note)
{
	const struct source *S = im->cur;
	for (size_t c = 0; c < im->ncanon; c++) {
		const fu_buf *b = c == EV_WHEN && when ? when : c == EV_VALUE && value ? value
		                : c == EV_NOTE && note ? note : &v[c];
		if (c == EV_TYPE)
			fu_csv_field(im->w, type, strlen(type));
		else
			fu_csv_field(im->w, b->data ? b->data : "", b->len);
	}
	for (size_t c = im->ncanon; c < im->ncols; c++) {
		long f = S->src_of_out[c - im->ncanon];
		if (f >= 0)
			fu_csv_field(im->w, rec->fields[f], rec->lens[f]);
		else if (own_extra(im, c))
			fu_csv_field(im->w, v[c].data ? v[c].data : "", v[c].len);
		else
			fu_csv_field(im->w, "", 0);
	}
	fu_csv_endrow(im->w);
}

/* A line item's amount: its price x its quantity (1 when none is given),
 * NAN when the export gives no price or it is not a number */
static double line_amount(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	const char *why;
	/* a line's amount ("Line Total", Amazon's item-price) is it already */
	int line = !S->use[T_UNIT_PRICE] && S->m.value_per_line && S->use[T_VALUE];
	if (!S->use[T_UNIT_PRICE] && !line)
		return NAN;
	fu_buf b = {0};
	double amount = NAN, qty = 1;
	trimmed(S, rec, line ? T_VALUE : T_UNIT_PRICE, &b);
	if (b.len && norm_amount(&b, S->order[T_VALUE], &why) == 0)
		amount = strtod(b.data, NULL);
	if (S->use[T_QTY] && !line) {
		trimmed(S, rec, T_QTY, &b);
		if (b.len && norm_amount(&b, '.', &why) == 0)
			qty = strtod(b.data, NULL);
		else if (b.len)
			amount = NAN;
	}
	fu_buf_free(&b);
	return amount * qty;
}

/* Line item REC of the order whose refund in part is held: its item and
 * amount, once however often its row is read */
static void part_line(fu_import *im, const fu_record *rec)
{
	struct part_refund *P = &im->part;
	uint64_t raw = fu_hash64(rec->raw, rec->raw_len, 5);
	for (size_t i = 0; i < P->nlines; i++)
		if (P->lines[i].raw == raw)
			return;
	if (P->nlines == P->linecap) {
		P->linecap = P->linecap ? 2 * P->linecap : 8;
		P->lines = fu_xrealloc(P->lines, P->linecap * sizeof *P->lines);
	}
	fu_buf item = {0};
	trimmed(im->cur, rec, T_ITEM, &item);
	P->lines[P->nlines++] = (struct part_line){.off = P->names.len, .len = item.len,
	                                           .amount = line_amount(im, rec), .raw = raw};
	fu_buf_add(&P->names, item.data ? item.data : "", item.len);
	fu_buf_free(&item);
}

/* Count the sets of the N line amounts A (thousandths, > 0) from I on that
 * add up to LEFT (SUFFIX[i]: the sum of A[i..]), up to 2; the first in *SET */
static int amount_sets(const long long *a, const long long *suffix, size_t n, size_t i, long long left,
                       uint32_t cur, uint32_t *set, int *count)
{
	if (left == 0) {
		if ((*count)++ == 0)
			*set = cur;
		return *count > 1;
	}
	if (i == n || left < 0 || suffix[i] < left)
		return 0;
	return amount_sets(a, suffix, n, i + 1, left - a[i], cur | (uint32_t)1 << i, set, count) ||
	       amount_sets(a, suffix, n, i + 1, left, cur, set, count);
}

/* the most line items an order's refund is matched against (2^n sets) */
enum { PART_MAX_LINES = 24 };

/* The refund in part held, written now that its order's line items are
 * all read.  It names the line items it took back: the one set of them
 * whose price x quantity add up to the amount refunded; when no set does
 * (a refund of shipping, of a discount, of one of two units), or several
 * do, or a line's price is not known, it names no item, and a note says
 * why (so fu-schedule never leaves out an item that was kept). */
static void part_flush(fu_import *im)
{
	struct part_refund *P = &im->part;
	if (!P->active)
		return;
	P->active = 0;
	long long a[PART_MAX_LINES], suffix[PART_MAX_LINES + 1];
	size_t idx[PART_MAX_LINES], n = 0;
	int unknown = 0, named = 0;
	for (size_t i = 0; i < P->nlines; i++) {
		named |= P->lines[i].len > 0;
		if (isnan(P->lines[i].amount))
			unknown = 1;
		else if (P->lines[i].amount > 0 && n < PART_MAX_LINES)
			a[n] = llround(P->lines[i].amount * 1000), idx[n++] = i;
		else if (P->lines[i].amount > 0)
			unknown = 1;
	}
	fu_buf *item = &P->row[EV_ITEM];
	fu_buf_clear(item);
	uint32_t set = 0;
	int count = 0;
	if (!unknown) {
		suffix[n] = 0;
		for (size_t i = n; i-- > 0;)
			suffix[i] = suffix[i + 1] + a[i];
		amount_sets(a, suffix, n, 0, llround(P->back * 1000), 0, &set, &count);
	}
	if (count == 1) {
		for (size_t k = 0; k < n; k++)
			if (set & (uint32_t)1 << k && P->lines[idx[k]].len) {
				if (item->len)
					fu_buf_adds(item, "; ");
				fu_buf_add(item, P->names.data + P->lines[idx[k]].off, P->lines[idx[k]].len);
			}
	} else if (named) { /* (its own words: the row being read has its reason in im->reason) */
		fu_buf why = {0};
		fu_buf_printf(&why, "order %s refunded in part (%s): ", P->name.len ? P->name.data : "?",
		              P->row[EV_VALUE].data ? P->row[EV_VALUE].data : "");
		fu_buf_adds(&why,
		            unknown ? "a line item's price or quantity is not known (no such column, or not a "
		                      "number), so what went back is not known"
		            : count ? "several sets of line items have that price x quantity, so which went "
		                      "back is not known"
		                    : "no line item, nor set of them, has that price x quantity (shipping, a "
		                      "discount, one unit of several?)");
		fu_buf_adds(&why, "; the refund names no item");
		problem(im, PROBLEM_NOTE, 0, "refund names no item", P->line, 0, P->line, why.data, NULL, 0);
		fu_buf_free(&why);
	}
	for (size_t c = 0; c < im->ncols; c++)
		fu_csv_field(im->w, P->row[c].data ? P->row[c].data : "", P->row[c].len);
	fu_csv_endrow(im->w);
}

/* Is the row of order NAME and BUYER, classified KIND, a further line of
 * the order whose refund in part is held? */
static int part_of(const fu_import *im, enum fu_order_row kind, const char *name, const char *buyer)
{
	const struct part_refund *P = &im->part;
	return P->active &&
	       (kind == FU_ORDER_ITEM || kind == FU_ORDER_ITEM_LATE || kind == FU_ORDER_AGAIN ||
	        kind == FU_ORDER_ITEM_AGAIN) &&
	       name[0] && P->name.len && strcmp(name, P->name.data) == 0 &&
	       (!buyer[0] || !P->buyer.len || strcmp(buyer, P->buyer.data) == 0);
}

/* An order refunded in part (Shopify's partially_refunded, Stripe's
 * "Amount Refunded" below the amount): beside its purchase in V, a refund
 * of the amount refunded at the purchase's when (fu(7): a refund logged
 * again takes back once), so its spend is what was kept.  Held until the
 * order's further line items are read (part_flush: which items it names).
 * Not counted as a row written: told when the input ends. */
static void refund_in_part(fu_import *im, const fu_record *rec, const fu_buf *v)
{
	struct source *S = im->cur;
	struct part_refund *P = &im->part;
	double back = refunded_amount(im, rec);
	if (back <= 0 || !v[EV_VALUE].len || back >= strtod(v[EV_VALUE].data, NULL))
		return; /* none, or the purchase's amount unknown (all would be taken back) */
	part_flush(im);
	if (!P->row)
		P->row = fu_xcalloc(im->ncols, sizeof *P->row);
	for (size_t c = 0; c < im->ncols; c++)
		fu_buf_clear(&P->row[c]);
	for (size_t c = 0; c < im->ncanon; c++)
		if (c != EV_TYPE && c != EV_VALUE && c != EV_NOTE)
			fu_buf_add(&P->row[c], v[c].data ? v[c].data : "", v[c].len);
	fu_buf_adds(&P->row[EV_TYPE], "refund");
	const char *why;
	trimmed(S, rec, T_REFUNDED, &P->row[EV_VALUE]);
	norm_amount(&P->row[EV_VALUE], S->order[T_VALUE], &why);
	if (im->name.len)
		fu_buf_printf(&P->row[EV_NOTE], "order %s refunded in part", im->name.data);
	else
		fu_buf_adds(&P->row[EV_NOTE], "refunded in part");
	for (size_t c = im->ncanon; c < im->ncols; c++) {
		long f = S->src_of_out[c - im->ncanon];
		if (f >= 0)
			fu_buf_add(&P->row[c], rec->fields[f], rec->lens[f]);
		else if (own_extra(im, c))
			fu_buf_add(&P->row[c], v[c].data ? v[c].data : "", v[c].len);
	}
	P->back = back;
	fu_buf_clear(&P->name);
	fu_buf_add(&P->name, im->name.data ? im->name.data : "", im->name.len);
	fu_buf_clear(&P->buyer);
	fu_buf_add(&P->buyer, im->buyer.data ? im->buyer.data : "", im->buyer.len);
	P->line = rec->line;
	P->nlines = 0;
	fu_buf_clear(&P->names);
	P->active = 1;
	part_line(im, rec);
	S->npartial++;
	if (!S->m.shopify)
		part_flush(im); /* a row is the whole sale */
}

/* ---- a helpdesk's tickets, a survey's answers -------------------------- */

/* A ticket's row as the ticket_opened event fu(7) has: at its creation
 * (the row's when), item its id, note its subject; -1 (REASON) without an id */
static int ticket_values(fu_import *im, const fu_record *rec, fu_buf *v)
{
	const struct source *S = im->cur;
	fu_buf_clear(&im->tmp);
	if (S->use[T_ITEM])
		text_value(S, rec, T_ITEM, &im->tmp); /* the subject */
	fu_buf_clear(&v[EV_ITEM]);
	text_value(S, rec, T_TICKET, &v[EV_ITEM]);
	one_line(im, rec, "ticket", &v[EV_ITEM]);
	if (!v[EV_ITEM].len) {
		fu_buf_clear(&im->reason);
		fu_buf_adds(&im->reason, "a ticket without its id: its opening and closing could not be "
		            "told to be one ticket's");
		return -1;
	}
	fu_buf_clear(&v[EV_NOTE]);
	fu_buf_add(&v[EV_NOTE], im->tmp.data ? im->tmp.data : "", im->tmp.len);
	one_line(im, rec, "subject", &v[EV_NOTE]);
	fu_buf_adds(&v[EV_TYPE], "ticket_opened");
	return 0;
}

/* a ticket status that says it is over (English, Finnish, Swedish) */
static int ticket_status_closed(const char *s, size_t n)
{
	static const char *const words[] = {
		"solved", "resolved", "closed", "done", "completed", "complete", "fixed",
		"ratkaistu", "suljettu", "valmis", "löst", "stängd", "avslutad", "klar",
	};
	return norm_word_listed(s, n, words, sizeof words / sizeof words[0]);
}

/* Beside a ticket's ticket_opened (V), its ticket_closed when its status
 * says it is over: at its solved or closed time, else (none given) at its
 * opening, so that it does not stay open for ever.  A closing time that
 * cannot be read is warned about and the opening taken too: the helpdesk
 * says the ticket is over, and one left open would have fu-churn call the
 * customer about a problem solved.  Counted apart, told when the input
 * ends, like a refund in part. */
static void ticket_closed(fu_import *im, const fu_record *rec, const fu_buf *v)
{
	struct source *S = im->cur;
	long st = S->m.src[T_FINSTATUS];
	size_t n = 0;
	const char *s = "";
	int closed_at = S->use[T_CLOSED_AT] && (s = field(S, rec, T_CLOSED_AT, &n)) && !blank(s, n) &&
	                !norm_placeholder(s, n);
	if (st >= 0 && (size_t)st < rec->nfields) {
		if (!ticket_status_closed(rec->fields[st], rec->lens[st]))
			return;
	} else if (!closed_at) {
		return; /* no status and no closing time: open */
	}
	fu_buf when = {0};
	if (closed_at && date_value(im, rec, T_CLOSED_AT, &when) != 0) {
		fu_buf_printf(&im->reason, "; the ticket_closed is at its opening, %s (%s)", v[EV_WHEN].data,
		              st >= 0 ? "its status says it is over" : "a closing time is given: it is over");
		warn_kept(im, rec, "closing time not a date", im->reason.data);
	}
	if (!when.len) {
		fu_buf_clear(&when);
		fu_buf_add(&when, v[EV_WHEN].data, v[EV_WHEN].len);
	}
	write_beside(im, rec, v, "ticket_closed", &when, NULL, NULL);
	S->nclosed++;
	fu_buf_free(&when);
}

/* A survey's answer as fu(7)'s feedback: value the score (0-10), item the
 * survey, note the comment; -1 (REASON) when the score is not one, 1
 * (REASON) when the row is no answer with a score: skipped */
static int survey_values(fu_import *im, const fu_record *rec, fu_buf *v)
{
	const struct source *S = im->cur;
	size_t n;
	const char *s = field(S, rec, T_SCORE, &n);
	fu_buf_clear(&im->tmp);
	norm_trim(s, n, &im->tmp);
	/* SurveyMonkey's second header line ("Response", "Open-Ended
	 * Response" under each question), and an answer that skipped the
	 * question: no feedback, nothing wrong (1: skipped, counted) */
	if (rec->line == S->header_line + 1 && fu_streq_ci(im->tmp.data, "response")) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "score %s: the export's second header line (SurveyMonkey's "
		              "Response, Open-Ended Response), not an answer", quote_value(s, n, &im->cell));
		return 1;
	}
	if (!im->tmp.len || norm_placeholder(im->tmp.data, im->tmp.len)) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "score empty: the answer gave none (the question skipped), "
		              "no feedback to log");
		return 1;
	}
	char *end = NULL;
	double score = im->tmp.len ? strtod(im->tmp.data, &end) : -1;
	if (!im->tmp.len || end != im->tmp.data + im->tmp.len || score < 0 || score > 10) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "score %s: not a score from 0 to 10 (an NPS answer)",
		              quote_value(s, n, &im->cell));
		return -1;
	}
	fu_buf_clear(&v[EV_VALUE]);
	fu_buf_add(&v[EV_VALUE], im->tmp.data, im->tmp.len);
	fu_buf_adds(&v[EV_TYPE], "feedback");
	return 0;
}

/* Does the status S (N bytes) have one of LIST's words (lower case), the
 * words split at anything but letters and digits, in any case?
 * ("Flagged (self-referral)" has "flagged", "self" and "referral".) */
static int status_has_word(const char *s, size_t n, const char *const *list, size_t nlist)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && !isalnum((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80))
			i++;
		size_t j = i;
		while (j < n && (isalnum((unsigned char)s[j]) || ((unsigned char)s[j] & 0x80)))
			j++;
		if (j > i && norm_word_listed(s + i, j - i, list, nlist))
			return 1;
		i = j;
	}
	return 0;
}

/* the first column of S's header named one of NAMES (N), or -1 */
static long first_named(const struct source *S, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long c = fu_header_find(&S->h, names[i]);
		if (c >= 0)
			return c;
	}
	return -1;
}

/* a referral program's columns of the referrer's reward: its amount, date
 * and type (ReferralCandy, Friendbuy's Rewards Report and API, Talkable) */
static const char *const reward_amounts[9] = {"Reward Amount", "Advocate Reward Amount",
                                             "Referrer Reward Amount", "Advocate Reward",
                                             "Referrer Reward", "Reward Value", "reward_amount",
                                             "rewardAmount", "Reward"};

/* A referral program's reward status column ("Reward Status"), else, when
 * the export has a reward amount, its row's status (Friendbuy's Rewards
 * Report: each row a reward, its Status the reward's; *ROW set), or -1 */
static long reward_status_col(const struct source *S, int *row)
{
	static const char *const names[] = {"Reward Status", "Reward State", "Advocate Reward Status",
	                                    "Referrer Reward Status", "reward_status", "rewardStatus"};
	*row = 0;
	long c = first_named(S, names, sizeof names / sizeof names[0]);
	if (c >= 0)
		return c;
	if (S->m.src[T_FINSTATUS] < 0 ||
	    first_named(S, reward_amounts, sizeof reward_amounts / sizeof reward_amounts[0]) < 0)
		return -1;
	*row = 1;
	return S->m.src[T_FINSTATUS];
}

/* Does a reward status (S, N bytes) say the program sent the reward?  By
 * its words (Reward Sent, Paid, Issued ...), not when one of them is
 * negated (Not sent, No reward) */
static int reward_status_sent(const char *s, size_t n)
{
	static const char *const sent[] = {"sent", "resent", "paid", "issued", "delivered", "redeemed",
	                                   "rewarded", "granted", "credited", "fulfilled", "approved",
	                                   "distributed", "awarded", "lähetetty", "maksettu",
	                                   "hyväksytty", "skickad", "betald", "godkänd"};
	static const char *const negated[] = {"not", "no", "never", "ei", "inte", "ej"};
	return status_has_word(s, n, sent, sizeof sent / sizeof sent[0]) &&
	       !status_has_word(s, n, negated, sizeof negated / sizeof negated[0]);
}

/* Beside a referral (V) whose reward status says the program gave the
 * referrer its reward (ReferralCandy's "Reward Sent", Paid, Issued,
 * Friendbuy's Approved ...), that reward as fu(7)'s reward event, so that
 * fu-referrals' perks_given counts it and its balance does not owe it
 * again: contact_id the referrer, value the reward's amount (Reward Amount,
 * Friendbuy's reward_amount; kept as written when it is no amount, for
 * fu-referrals to reject rather than count as 0), when its reward date else
 * the referral's, item its reward type else "referral reward", note the
 * status and the friend.  A row's own status (no reward status column)
 * gives one only with an amount: without one it may be the referral's
 * status alone.  Not counted as a row written; told when the run ends. */
static void referral_reward(fu_import *im, const fu_record *rec, fu_buf *v)
{
	const struct source *S = im->cur;
	static const char *const dates[] = {"Reward Date", "Reward Sent At", "Reward Sent Date", "Rewarded At",
	                                    "Reward Issued At", "Reward Created At", "reward_date", "rewarded_at"};
	static const char *const kinds[] = {"Reward Type", "Reward Name", "Advocate Reward Type", "reward_type",
	                                    "reward_name", "rewardType"};
	int row;
	long rc = reward_status_col(S, &row);
	if (rc < 0 || (size_t)rc >= rec->nfields || !reward_status_sent(rec->fields[rc], rec->lens[rc]))
		return;
	long c = first_named(S, reward_amounts, sizeof reward_amounts / sizeof reward_amounts[0]);
	if (row && (c < 0 || (size_t)c >= rec->nfields || blank(rec->fields[c], rec->lens[c]) ||
	            norm_placeholder(rec->fields[c], rec->lens[c])))
		return;
	const char *in = fu_input_name(S->path);
	if (im->nreward_sent++ == 0)
		snprintf(im->reward_at, sizeof im->reward_at, "%s:%ld", in, rec->line);
	fu_buf value = {0}, when = {0}, item = {0}, note = {0}, cur = {0};
	if (c >= 0 && (size_t)c < rec->nfields) {
		norm_trim(rec->fields[c], rec->lens[c], &value);
		if (norm_placeholder(value.data, value.len))
			fu_buf_clear(&value);
		fu_buf num = {0};
		fu_buf_add(&num, value.data, value.len);
		char currency[8] = "";
		const char *why;
		if (num.len && norm_amount_cur(&num, S->order[T_VALUE], currency, &why) == 0) {
			fu_buf_clear(&value);
			fu_buf_add(&value, num.data, num.len);
			fu_buf_adds(&cur, currency);
			/* no currency column to put it in: kept with the amount ("10.00
			 * EUR"), which fu-referrals reads so */
			if (im->currency < 0 && strlen(currency) == 3 && isupper((unsigned char)currency[0]))
				fu_buf_printf(&value, " %s", currency);
		}
		fu_buf_free(&num);
	}
	if (!value.len && im->nreward_no_amount++ == 0)
		snprintf(im->no_amount_at, sizeof im->no_amount_at, "%s:%ld", in, rec->line);
	c = first_named(S, dates, sizeof dates / sizeof dates[0]);
	const char *why;
	if (c >= 0 && (size_t)c < rec->nfields && !blank(rec->fields[c], rec->lens[c]) &&
	    !norm_placeholder(rec->fields[c], rec->lens[c]) &&
	    norm_date(rec->fields[c], rec->lens[c], S->order[T_WHEN], &when, &why) == 0) {
		row_zone(im, rec, &when);
		source_zone(im, &when);
	} else {
		fu_buf_clear(&when);
		fu_buf_add(&when, v[EV_WHEN].data, v[EV_WHEN].len);
	}
	c = first_named(S, kinds, sizeof kinds / sizeof kinds[0]);
	if (c >= 0 && (size_t)c < rec->nfields)
		norm_trim(rec->fields[c], rec->lens[c], &item);
	if (!item.len)
		fu_buf_adds(&item, "referral reward");
	fu_buf_clear(&im->tmp);
	norm_trim(rec->fields[rc], rec->lens[rc], &im->tmp);
	fu_buf_printf(&note, "%.*s for referring %.*s", (int)im->tmp.len, im->tmp.data, (int)v[EV_ITEM].len,
	              v[EV_ITEM].data);
	/* the item and currency are the reward's, not the referral's */
	fu_buf friend = v[EV_ITEM];
	v[EV_ITEM] = item;
	fu_buf order_cur = {0};
	if (im->currency >= 0) {
		order_cur = v[im->currency];
		v[im->currency] = cur;
	}
	write_beside(im, rec, v, "reward", &when, &value, &note);
	v[EV_ITEM] = friend;
	if (im->currency >= 0)
		v[im->currency] = order_cur;
	fu_buf_free(&value);
	fu_buf_free(&when);
	fu_buf_free(&item);
	fu_buf_free(&note);
	fu_buf_free(&cur);
}

/* A referral app's row as fu(7)'s referral: contact_id the referrer, item
 * the friend, note the program's status; the order's amount is the
 * friend's purchase, not the referral's.  -1 (KIND, REASON) when the row
 * names no referrer or friend, or the program's status (Referral Status,
 * Status) does not make it a referral to credit: refused (Rejected,
 * Declined, Fraud, Flagged, a self-referral, Refunded ...) or not yet
 * confirmed (Pending, Held, In review): skipped, no error (*ERROR 0).  A
 * pending referral is the program's to decide: credited on a later import
 * that says it succeeded, not now, as its perk is not yet owed. */
static int referral_values(fu_import *im, const fu_record *rec, fu_buf *v, const char **kind, int *error)
{
	const struct source *S = im->cur;
	static const char *const refused[] = {"rejected", "declined", "denied", "fraud", "fraudulent",
	                                      "cancelled", "canceled", "void", "voided", "blocked",
	                                      "flagged", "self", "selfreferral", "refunded", "reversed",
	                                      "invalid", "duplicate", "expired", "hylätty", "avvisad",
	                                      "peruttu", "makulerad"};
	static const char *const unconfirmed[] = {"pending", "held", "hold", "review", "reviewing",
	                                          "awaiting", "waiting", "unconfirmed", "unverified",
	                                          "processing", "odottaa", "väntande"};
	size_t n;
	fu_buf_clear(&im->reason);
	long c = S->m.src[T_FINSTATUS];
	if (c >= 0 && (size_t)c < rec->nfields) {
		fu_buf_clear(&im->tmp);
		norm_trim(rec->fields[c], rec->lens[c], &im->tmp);
		fu_buf_clear(&v[EV_NOTE]);
		fu_buf_add(&v[EV_NOTE], im->tmp.data, im->tmp.len);
		if (status_has_word(im->tmp.data, im->tmp.len, refused, sizeof refused / sizeof refused[0])) {
			fu_buf_printf(&im->reason, "referral status %s: refused by the program, not a "
			              "referral", quote_value(rec->fields[c], rec->lens[c], &im->cell));
			*kind = "referral refused";
			*error = 0;
			return -1;
		}
		if (status_has_word(im->tmp.data, im->tmp.len, unconfirmed,
		                    sizeof unconfirmed / sizeof unconfirmed[0])) {
			fu_buf_printf(&im->reason, "referral status %s: not yet confirmed by the program, "
			              "left out until an export says it succeeded",
			              quote_value(rec->fields[c], rec->lens[c], &im->cell));
			*kind = "referral pending";
			*error = 0;
			return -1;
		}
	}
	const char *s = field(S, rec, T_REFERRER, &n);
	fu_buf_clear(&v[EV_CONTACT_ID]);
	norm_trim(s, n, &v[EV_CONTACT_ID]);
	s = field(S, rec, T_REFERRED, &n);
	fu_buf_clear(&v[EV_ITEM]);
	norm_trim(s, n, &v[EV_ITEM]);
	if (!v[EV_CONTACT_ID].len || !v[EV_ITEM].len) {
		fu_buf_adds(&im->reason, v[EV_CONTACT_ID].len ? "a referral that names no friend"
		                                               : "a referral that names no referrer");
		*kind = "referral without a key";
		return -1;
	}
	/* e-mails join the contacts' in any case (fu(7)) */
	if (memchr(v[EV_CONTACT_ID].data, '@', v[EV_CONTACT_ID].len))
		fu_ascii_lower(v[EV_CONTACT_ID].data, v[EV_CONTACT_ID].len);
	if (memchr(v[EV_ITEM].data, '@', v[EV_ITEM].len))
		fu_ascii_lower(v[EV_ITEM].data, v[EV_ITEM].len);
	fu_buf_clear(&v[EV_VALUE]);
	if (im->currency >= 0)
		fu_buf_clear(&v[im->currency]);
	fu_buf_adds(&v[EV_TYPE], "referral");
	return 0;
}

/* A mail service's activity row that tells of a mail's way, not of its
 * reader (sent, delivered, a bounce not said to be hard): skipped, no error. */
/* A metric of a marketing tool's event export that is no event of fu(7)
 * (Klaviyo's browsing, cart and text-message metrics): the reason it is
 * skipped, or NULL.  TYPE is lower-cased. */
static const char *not_an_fu_event(const char *type)
{
	static const char *const sms_out[] = {"unsubscribed from sms marketing",
	                                      "unsubscribed from sms", "unsubscribed from text"};
	static const char *const lines[] = {"ordered product"};
	static const char *const other[] = {
		"viewed product", "active on site", "started checkout", "checkout started",
		"added to cart", "viewed page", "viewed collection", "searched site",
		"fulfilled order", "fulfilled partial order", "received sms", "sent sms", "clicked sms",
		"failed to deliver sms", "subscribed to sms marketing", "subscribed to back in stock",
		"received push", "opened push", "bounced push", "filled out form", "submitted search",
	};
	size_t n = strlen(type);
	if (norm_word_listed(type, n, sms_out, sizeof sms_out / sizeof *sms_out))
		return "an opt-out of text messages alone, no event of fu(7): read the profile "
		       "export's SMS Consent into sms_unsubscribed (fu-import of the contacts), which "
		       "keeps marketing texts from the contact";
	if (norm_word_listed(type, n, lines, sizeof lines / sizeof *lines))
		return "a line of a Placed Order, which is the purchase: not counted twice";
	if (norm_word_listed(type, n, other, sizeof other / sizeof *other))
		return "a metric that is no event of fu(7) (browsing, a cart, a text or push "
		       "message): not followed up";
	return NULL;
}

static int mail_delivery(const char *type)
{
	static const char *const words[] = {
		"sent", "send", "delivered", "delivery", "processed", "queued", "deferred", "dropped",
		"bounce", "bounced", "soft bounce", "softbounce", /* soft_bounce, soft-bounce */
		"bounced email", "dropped email", /* Klaviyo's: hard or soft; a send it dropped */
	};
	return norm_word_listed(type, strlen(type), words, sizeof words / sizeof words[0]);
}

/* An order paid a day or more after it was placed (a bank transfer, an
 * invoice: pending in one export, paid in a later one) is a purchase from
 * when it was paid: WHEN becomes the payment time (1).  One paid at checkout
 * keeps its order time, so the times (and task ids) of card orders do not
 * move; both times are fixed once the order is paid, so every re-import
 * gives the same.  An order time missing: the payment time.  -1: the
 * payment time is not a date (im->reason). */
static int paid_later(fu_import *im, const fu_record *rec, fu_buf *when)
{
	if (date_value(im, rec, T_PAID, &im->paid) != 0)
		return -1;
	if (!im->paid.len)
		return 0;
	fu_time placed, paid;
	const char *why;
	if (when->len && (im->paid.len <= 10 || fu_parse_time(when->data, NULL, &placed, &why) != 0 ||
	                  fu_parse_time(im->paid.data, NULL, &paid, &why) != 0 ||
	                  paid.t - placed.t < 24 * 3600))
		return 0;
	fu_buf_clear(when);
	fu_buf_add(when, im->paid.data, im->paid.len);
	return 1;
}

static int paid_when(fu_import *im, const fu_record *rec, fu_buf *when)
{
	int r = paid_later(im, rec, when);
	if (r < 0) {
		fu_buf_adds(&im->reason, "; the order's time is used");
		warn_kept(im, rec, "paid not a date", im->reason.data);
		return 0;
	}
	return r;
}

/* The order of REC was read before (a newer export first) and re-timed to
 * its payment: if this older row shows it a purchase already (authorised,
 * part paid) at an earlier time, that time is its purchase's, as the runs
 * that read this export first logged it (its task ids, its thank-you's done
 * mark stay good). */
static void older_order_row(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	if (!fu_map_count(&im->retimed))
		return;
	fu_buf_clear(&im->tmp);
	fu_buf_printf(&im->tmp, "%s\x1f%s", im->buyer.data ? im->buyer.data : "",
	              im->name.data ? im->name.data : "");
	long i = fu_map_get(&im->retimed, im->tmp.data, im->tmp.len);
	if (i < 0 || im->cancelled.len || !fu_orders_is_purchase(im->orders, im->fin.data ? im->fin.data : ""))
		return;
	fu_buf when = {0};
	fu_time older, held;
	const char *why;
	fu_buf *logged = &im->retimed_rows[(size_t)i * im->ncols + EV_WHEN];
	if (date_value(im, rec, T_WHEN, &when) == 0 && when.len &&
	    (!S->use[T_PAID] || paid_later(im, rec, &when) >= 0) &&
	    fu_parse_time(when.data, NULL, &older, &why) == 0 &&
	    fu_parse_time(logged->data, NULL, &held, &why) == 0 && older.t < held.t) {
		fu_buf_clear(logged);
		fu_buf_add(logged, when.data, when.len);
		im->nkept_time++;
	}
	fu_buf_free(&when);
}

/* A sales line's value, and whether it is a return.  A unit's price taken as
 * the value (no column is the amount: "Price", "Unit price", Online
 * Retail's "UnitPrice") is multiplied by the line's quantity.  A line whose
 * quantity or amount is negative (a return; Online Retail's cancellation
 * "C536379" of quantity -1) is no purchase: 1 with REASON (a sales list
 * skips it: no thank-you for a return, and it names no order a refund could
 * take back); else 0.  A quantity that is not a number counts as 1. */
static int sales_line(fu_import *im, const fu_record *rec, fu_buf *v)
{
	const struct source *S = im->cur;
	double qty = 1;
	fu_buf q = {0};
	const char *why;
	size_t qn = 0;
	const char *qcell = S->use[T_QTY] ? field(S, rec, T_QTY, &qn) : "";
	if (!blank(qcell, qn) && !norm_placeholder(qcell, qn)) {
		norm_trim(qcell, qn, &q);
		if (norm_amount(&q, '.', &why) == 0) {
			qty = strtod(q.data, NULL);
		} else {
			fu_buf_clear(&q);
			fu_buf_clear(&im->reason);
			fu_buf_printf(&im->reason, "quantity %s: %s; taken as 1", quote_value(qcell, qn, &im->cell),
			              why);
			warn_kept(im, rec, "quantity not a number", im->reason.data);
		}
	}
	if (q.len && v[EV_VALUE].len && S->m.src[T_VALUE] >= 0 &&
	    S->m.src[T_VALUE] == S->m.src[T_UNIT_PRICE]) {
		const char *dot = strchr(v[EV_VALUE].data, '.'), *qdot = strchr(q.data, '.');
		int d = (dot ? (int)strlen(dot + 1) : 0) + (qdot ? (int)strlen(qdot + 1) : 0);
		double total = qty * strtod(v[EV_VALUE].data, NULL);
		fu_buf_clear(&v[EV_VALUE]);
		fu_buf_printf(&v[EV_VALUE], "%.*f", d > 6 ? 6 : d, total);
	}
	fu_buf_free(&q);
	int negative = v[EV_VALUE].len && v[EV_VALUE].data[0] == '-' && strtod(v[EV_VALUE].data, NULL) < 0;
	if (qty >= 0 && !negative)
		return 0;
	fu_buf_clear(&im->reason);
	if (qty < 0)
		fu_buf_printf(&im->reason, "a return (quantity %s)", quote_value(qcell, qn, &im->cell));
	else
		fu_buf_printf(&im->reason, "a return (amount %s)", v[EV_VALUE].data);
	fu_buf_adds(&im->reason, ": not a purchase, nothing to thank for (a return line names no "
	            "order a refund could take back)");
	return 1;
}

/* The order number of a row of a typed export with an order column
 * (S->typed_orders), trimmed in im->name; NULL when it has none */
static const char *typed_order_of(fu_import *im, const fu_record *rec)
{
	const struct source *S = im->cur;
	if (!S->typed_orders)
		return NULL;
	const char *order = trimmed(S, rec, T_ORDER, &im->name);
	return order[0] && !norm_placeholder(order, strlen(order)) ? order : NULL;
}

/* SUM plus AMOUNT (both plain decimals, as norm_amount writes them), with
 * the more decimals of the two; an empty SUM becomes AMOUNT */
static void add_amount(fu_buf *sum, const char *amount)
{
	if (!amount || !amount[0])
		return;
	if (!sum->len) {
		fu_buf_adds(sum, amount);
		return;
	}
	const char *a = strchr(sum->data, '.'), *b = strchr(amount, '.');
	int da = a ? (int)strlen(a + 1) : 0, db = b ? (int)strlen(b + 1) : 0;
	double total = strtod(sum->data, NULL) + strtod(amount, NULL);
	fu_buf_clear(sum);
	fu_buf_printf(sum, "%.*f", da > db ? da : db, total);
}

/* ITEM (N bytes) added to the "; "-separated LIST unless it is one of them
 * already (two lines of one item, a price point each: named once) */
static void add_item(fu_buf *list, const char *item, size_t n)
{
	if (!n)
		return;
	for (const char *p = list->data; p && *p;) {
		const char *end = strstr(p, "; ");
		size_t k = end ? (size_t)(end - p) : strlen(p);
		if (k == n && memcmp(p, item, n) == 0)
			return;
		p = end ? end + 2 : NULL;
	}
	if (list->len)
		fu_buf_adds(list, "; ");
	fu_buf_add(list, item, n);
}

/* the length of a quantity word at S (N bytes): digits, blanks, then x or
 * the multiplication sign and a blank ("2 x "); 0 when none */
static size_t qty_prefix(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && isdigit((unsigned char)s[i]))
		i++;
	if (!i || i + 1 >= n || s[i] != ' ')
		return 0;
	i++;
	if (s[i] == 'x' || s[i] == 'X')
		i++;
	else if (n - i >= 2 && memcmp(s + i, "\xc3\x97", 2) == 0)
		i += 2;
	else
		return 0;
	return i < n && s[i] == ' ' ? i + 1 : 0;
}

/* A payment's description naming its items (Square's transactions:
 * "2 x Latte, Muffin", "Speckled Mug x 1, Print x 1") as the items of
 * fu(7), "Latte; Muffin", so that a refund naming one of them names that
 * line.  Each ", "-separated part loses a count before or after it. */
static void description_items(fu_buf *item, fu_buf *tmp)
{
	if (!item->len || !strstr(item->data, ", "))
		return;
	fu_buf_clear(tmp);
	for (const char *p = item->data; p && *p;) {
		const char *end = strstr(p, ", ");
		size_t k = end ? (size_t)(end - p) : strlen(p);
		size_t q = qty_prefix(p, k);
		p += q, k -= q;
		for (size_t j = k; j > 3; j--) /* " x 2" after it */
			if (isdigit((unsigned char)p[j - 1])) {
				size_t d = j;
				while (d > 0 && isdigit((unsigned char)p[d - 1]))
					d--;
				if (d >= 3 && (p[d - 2] == 'x' || p[d - 2] == 'X') && p[d - 1] == ' ' &&
				    p[d - 3] == ' ' && j == k)
					k = d - 3;
				break;
			} else {
				break;
			}
		add_item(tmp, p, k);
		p = end ? end + 2 : NULL;
	}
	fu_buf_clear(item);
	fu_buf_add(item, tmp->data ? tmp->data : "", tmp->len);
}

/* The purchase or refund of a typed export held while its lines come
 * (typed_order), written now: a refund of an order that an earlier refund
 * of this run took back from already is written with the amount and items
 * of both (fu(7) counts the largest of an order's refunds, as amounts
 * refunded in parts, each the total so far). */
static void typed_release(fu_import *im)
{
	if (!im->typed_held_key.len)
		return;
	fu_buf_clear(&im->typed_held_key);
	fu_buf *held = fu_orders_release(im->orders);
	if (!held)
		return;
	if (im->typed_held_refund) {
		int added;
		size_t i = fu_map_put(&im->typed_refunds, im->typed_held_order.data,
		                      im->typed_held_order.len, &added);
		if (i >= im->refund_cap) {
			size_t cap = im->refund_cap ? im->refund_cap * 2 : 64;
			im->refund_sum = fu_xrealloc(im->refund_sum, cap * sizeof *im->refund_sum);
			im->refund_items = fu_xrealloc(im->refund_items, cap * sizeof *im->refund_items);
			memset(im->refund_items + im->refund_cap, 0,
			       (cap - im->refund_cap) * sizeof *im->refund_items);
			im->refund_cap = cap;
		}
		fu_buf *value = &held[EV_VALUE], *item = &held[EV_ITEM];
		if (!added) {
			/* "" is all of it: so are both */
			if (value->len && !isnan(im->refund_sum[i])) {
				char before[64];
				snprintf(before, sizeof before, "%.2f", im->refund_sum[i]);
				add_amount(value, before);
			} else {
				fu_buf_clear(value);
			}
			fu_buf_clear(&im->tmp);
			fu_buf_add(&im->tmp, im->refund_items[i].data ? im->refund_items[i].data : "",
			           im->refund_items[i].len);
			for (const char *p = item->data; p && *p;) {
				const char *end = strstr(p, "; ");
				size_t k = end ? (size_t)(end - p) : strlen(p);
				add_item(&im->tmp, p, k);
				p = end ? end + 2 : NULL;
			}
			fu_buf_clear(item);
			fu_buf_add(item, im->tmp.data ? im->tmp.data : "", im->tmp.len);
		}
		im->refund_sum[i] = value->len ? strtod(value->data, NULL) : NAN;
		fu_buf_clear(&im->refund_items[i]);
		fu_buf_add(&im->refund_items[i], item->data ? item->data : "", item->len);
	}
	write_order(im, held);
}

/* A typed export's purchase or refund of an order (Square's transactions:
 * a Payment row and, dated when the money went back, a Refund row of the
 * same "Transaction ID"): both carry "order NUMBER" in their note, so that
 * the refund takes back that purchase (fu(7)) wherever the rows are; a
 * refund's amount is written without its sign ("($1.00)").  An export of
 * one row per line item (Square's Item Detail) has a row for each line of
 * the order, one after the other: they are one purchase (or one refund,
 * those of its time), its amount their sum and its item theirs.  A line is
 * known by its order, its row's text and its number among the rows of that
 * text in the order's block (two identical lines are two): the same row again (overlapping
 * exports) is not written twice, nor is a purchase of an order written
 * before (its lines elsewhere, or an export that writes them otherwise):
 * 1, with REASON.  A further line of the one held: 2, added to it.  An
 * export of one row per payment (no item nor quantity column) has no lines:
 * a row of an order written before is the same purchase again (1). 
 * Else 0, its keys in im->typed_key and im->typed_line, for the caller to
 * hold it (typed_hold) once it is known to be written. */
static int typed_order(fu_import *im, const fu_record *rec, fu_buf *v)
{
	const char *order = typed_order_of(im, rec);
	const char *type = v[EV_TYPE].data ? v[EV_TYPE].data : "";
	int refund = strcmp(type, "refund") == 0;
	if (!refund && strcmp(type, "purchase") != 0)
		return 0;
	if (refund && v[EV_VALUE].len && v[EV_VALUE].data[0] == '-') {
		memmove(v[EV_VALUE].data, v[EV_VALUE].data + 1, v[EV_VALUE].len);
		v[EV_VALUE].len--;
	}
	fu_buf_clear(&im->tmp);
	fu_buf_printf(&im->tmp, "order %s", order);
	if (v[EV_NOTE].len)
		fu_buf_printf(&im->tmp, "; %s", v[EV_NOTE].data);
	fu_buf_clear(&v[EV_NOTE]);
	fu_buf_add(&v[EV_NOTE], im->tmp.data, im->tmp.len);
	buyer_token(im, rec, &im->buyer);
	struct source *S = im->cur;
	/* one row per line item: a quantity column, or an item column other
	 * than Square Transactions' "Description" (the transaction's items) */
	int lines = S->use[T_QTY] || (S->m.src[T_ITEM] >= 0 &&
	                              !fu_streq_ci(S->h.names[S->m.src[T_ITEM]], "description"));
	fu_buf_clear(&im->typed_key);
	fu_buf_printf(&im->typed_key, "%s\x1f%s\x1f%s", type, im->buyer.data, order);
	im->typed_order_len = im->typed_key.len;
	if (refund)
		fu_buf_printf(&im->typed_key, "\x1f%s", v[EV_WHEN].data ? v[EV_WHEN].data : "");
	if (refund && !lines) /* one refund a row: of its amount too */
		fu_buf_printf(&im->typed_key, "\x1f%s", v[EV_VALUE].data ? v[EV_VALUE].data : "");
	fu_buf_clear(&im->typed_line);
	fu_buf_add(&im->typed_line, im->typed_key.data, im->typed_key.len);
	if (lines) {
		/* the line: its row's text and its number among the rows of that
		 * text in this block of the order's rows */
		uint64_t h = fu_hash64(rec->raw, rec->raw_len, 0x6c696e65);
		if (im->typed_block.len != im->typed_key.len ||
		    memcmp(im->typed_block.data, im->typed_key.data, im->typed_key.len) != 0) {
			fu_buf_clear(&im->typed_block);
			fu_buf_add(&im->typed_block, im->typed_key.data, im->typed_key.len);
			im->block_n = 0;
		}
		size_t nth = 1;
		for (size_t k = 0; k < im->block_n; k++)
			nth += im->block_rows[k] == h;
		if (im->block_n == im->block_cap) {
			im->block_cap = im->block_cap ? im->block_cap * 2 : 16;
			im->block_rows = fu_xrealloc(im->block_rows, im->block_cap * sizeof *im->block_rows);
		}
		im->block_rows[im->block_n++] = h;
		fu_buf_printf(&im->typed_line, "\x1e%016llx\x1e%zu", (unsigned long long)h, nth);
	}
	fu_buf_clear(&im->reason);
	if (fu_map_get(&im->typed_seen, im->typed_line.data, im->typed_line.len) >= 0) {
		fu_buf_printf(&im->reason, "%s of order %s again (read before): not written twice",
		              refund ? "the refund" : "the purchase", order);
		fu_buf_clear(&im->typed_key);
		return 1;
	}
	if (lines && im->typed_held_key.len && im->typed_held_key.len == im->typed_key.len &&
	    memcmp(im->typed_held_key.data, im->typed_key.data, im->typed_key.len) == 0) {
		/* a further line of the purchase (refund) held */
		fu_map_put(&im->typed_seen, im->typed_line.data, im->typed_line.len, NULL);
		add_amount(fu_orders_held_col(im->orders, EV_VALUE), v[EV_VALUE].data);
		add_item(fu_orders_held_col(im->orders, EV_ITEM), v[EV_ITEM].data ? v[EV_ITEM].data : "",
		         v[EV_ITEM].len);
		further_line_cells(im, rec);
		fu_buf_clear(&im->typed_key);
		return 2;
	}
	if (fu_map_get(&im->typed_seen, im->typed_key.data, im->typed_key.len) >= 0) {
		fu_buf_printf(&im->reason, "%s of order %s again (read before; this row is not one of "
		              "its lines as read then): not written twice, nor added to it",
		              refund ? "the refund" : "the purchase", order);
		fu_buf_clear(&im->typed_key);
		return 1;
	}
	typed_release(im);
	return 0;
}

/* The purchase or refund just classified new by typed_order (its row in
 * im->val), held for its further lines */
static void typed_hold(fu_import *im, const fu_record *rec)
{
	pass_through(im, rec);
	fu_orders_hold(im->orders, im->val, EV_ITEM);
	im->order_lines = 1;
	if (im->line_joined)
		memset(im->line_joined, 0, im->ncols - im->ncanon);
	fu_map_put(&im->typed_seen, im->typed_key.data, im->typed_key.len, NULL);
	fu_map_put(&im->typed_seen, im->typed_line.data, im->typed_line.len, NULL);
	fu_buf_clear(&im->typed_held_key);
	fu_buf_add(&im->typed_held_key, im->typed_key.data, im->typed_key.len);
	fu_buf_clear(&im->typed_held_order);
	fu_buf_add(&im->typed_held_order, im->typed_key.data, im->typed_order_len);
	im->typed_held_refund = strncmp(im->typed_key.data, "refund\x1f", 7) == 0;
}

/* column C's cell of REC trimmed into B, "" when the input has no column C */
static const char *cell_trimmed(const fu_record *rec, long c, fu_buf *b)
{
	fu_buf_clear(b);
	if (c >= 0 && (size_t)c < rec->nfields)
		norm_trim(rec->fields[c], rec->lens[c], b);
	return b->data ? b->data : "";
}

/* The kind of a row of PayPal's activity download (paypal.h), counted;
 * REASON why it is not a payment or a refund, TYPE its type as written. */
static enum fu_paypal_row paypal_kind(fu_import *im, const fu_record *rec, fu_buf *type)
{
	struct source *S = im->cur;
	const fu_paypal_cols *pp = &S->pp;
	fu_buf status = {0}, impact = {0}, gross = {0};
	const char *why;
	cell_trimmed(rec, pp->type, type);
	cell_trimmed(rec, pp->status, &status);
	cell_trimmed(rec, pp->impact, &impact);
	int sign = 0;
	if (cell_trimmed(rec, pp->gross, &gross)[0] &&
	    norm_amount(&gross, S->order[T_VALUE], &why) == 0) {
		double g = strtod(gross.data, NULL);
		sign = g > 0 ? 1 : g < 0 ? -1 : 0;
	}
	enum fu_paypal_row k = fu_paypal_classify(type->data ? type->data : "", status.data ? status.data : "",
	                                          impact.data ? impact.data : "", sign, &im->reason);
	S->npaypal[k]++;
	fu_buf_free(&status);
	fu_buf_free(&impact);
	fu_buf_free(&gross);
	return k;
}

/* a skipped PayPal row of kind K: its reason told (im->reason) */
static void paypal_skip(fu_import *im, const fu_record *rec, enum fu_paypal_row k)
{
	static const char *const kinds[FU_PAYPAL_NKINDS] = {
		"not a payment", "not a payment", "payment pending", "payment denied", "no money moved",
		"the shop's own money", "PayPal type not known",
	};
	reject(im, rec, kinds[k], k == FU_PAYPAL_UNKNOWN, im->reason.data);
}

/* A row of PayPal's activity download: 1 a customer's payment, a purchase
 * of its payer (From Email Address), its transaction the order; 2 a refund
 * (a reversal, a chargeback) of a payment, of its payee (To Email
 * Address), naming the payment by the reference transaction (fu(7): a
 * refund that names its order takes it back whatever its own date); 0
 * anything else, skipped with its reason.  Each row's kind is counted and
 * told when the input ends. */
static int paypal_row(fu_import *im, const fu_record *rec)
{
	struct source *S = im->cur;
	const fu_paypal_cols *pp = &S->pp;
	fu_buf type = {0};
	enum fu_paypal_row k = paypal_kind(im, rec, &type);
	int r = 0, added = 1;
	if ((k == FU_PAYPAL_PAYMENT || k == FU_PAYPAL_REFUND) &&
	    cell_trimmed(rec, pp->txn, &im->tmp)[0])
		fu_map_put(&im->paypal_txns, im->tmp.data, im->tmp.len, &added);
	if (!added) {
		/* the same transaction in two downloads whose dates overlap */
		S->npaypal[k]--;
		S->npaypal_again++;
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "transaction %s read before (downloads that overlap): "
		              "counted as merged", im->tmp.data);
		note_again(im, rec, "transaction read before", im->reason.data);
		im->nmerged++;
	} else if (k == FU_PAYPAL_PAYMENT) {
		cell_trimmed(rec, pp->txn, &im->name);
		if (!S->m.user[T_EMAIL])
			S->m.src[T_EMAIL] = pp->from;
		r = 1;
	} else if (k == FU_PAYPAL_REFUND) {
		/* the buyer is who the money went to; the column is chosen row
		 * by row (events are read in one thread) */
		cell_trimmed(rec, pp->ref, &im->name);
		if (pp->to >= 0 && !S->m.user[T_EMAIL])
			S->m.src[T_EMAIL] = pp->to;
		fu_buf_clear(&im->reason);
		if (im->name.len) {
			fu_buf_printf(&im->reason, "'%s' of payment %s: written as a refund of it", type.data,
			              im->name.data);
			r = 2;
		} else {
			fu_buf_printf(&im->reason, "'%s' names no payment (its %s is empty): nothing it "
			              "could take back", type.data,
			              pp->ref >= 0 ? S->h.names[pp->ref] : "Reference Txn ID");
			reject(im, rec, "refund names no payment", 0, im->reason.data);
			S->npaypal_unnamed++;
		}
	} else {
		paypal_skip(im, rec, k);
	}
	fu_buf_free(&type);
	return r;
}

/* A row of PayPal's activity download read as contacts: the payer of a
 * customer's payment, completed or pending, is a contact (its name the
 * Name column's); 0, or -1 when the row is skipped (its reason told). */
static int paypal_contact(fu_import *im, const fu_record *rec)
{
	fu_buf type = {0};
	enum fu_paypal_row k = paypal_kind(im, rec, &type);
	fu_buf_free(&type);
	if (k == FU_PAYPAL_PAYMENT || k == FU_PAYPAL_PENDING)
		return 0;
	if (k == FU_PAYPAL_REFUND) {
		fu_buf_clear(&im->reason);
		fu_buf_adds(&im->reason, "a refund: its customer is the payer of the payment it names");
	}
	paypal_skip(im, rec, k);
	return -1;
}

/* --contacts: an event keyed by an address several contacts share (a
 * household kept apart by first names) joins the one its buyer's name
 * names, by that one's id; else, as without --contacts, the first of them
 * (whose key the address is), with a note. */
static void household_member(fu_import *im, const fu_record *rec, fu_buf *v)
{
	struct source *S = im->cur;
	fu_household_pick pick;
	fu_household_choose(im->household, v[EV_CONTACT_ID].data, v[EV_CONTACT_ID].len, &S->buyer, rec,
	                    &pick);
	if (pick.members < 2)
		return;
	if (pick.id) {
		S->nhouse_picked++;
		if (*pick.id) {
			fu_buf_clear(&v[EV_CONTACT_ID]);
			fu_buf_adds(&v[EV_CONTACT_ID], pick.id);
		}
		return;
	}
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "%s is the address of %d contacts (--contacts) and %s", v[EV_CONTACT_ID].data,
	              pick.members, pick.why);
	if (pick.name[0])
		fu_buf_printf(&im->reason, " (%s)", quote_value(pick.name, strlen(pick.name), &im->cell));
	fu_buf_printf(&im->reason, ": the event joins the first of them, %s", pick.first);
	note(im, rec, "household member not told", im->reason.data);
}

/* An order's time without an offset, and no --source-tz: it is read in
 * each buyer's zone (fu(7)), though a shop writes its own clock's time;
 * counted, told once when the input ends. */
static void naive_order_time(fu_import *im, const fu_buf *when)
{
	struct source *S = im->cur;
	if (im->o.source_tz || !(S->m.shopify || S->sales) || when->len <= 10 || has_offset(when->data))
		return;
	if (!S->nnaive++)
		snprintf(S->naive_ex, sizeof S->naive_ex, "%s", when->data);
}

/* Does the row's bounce column (Klaviyo's Bounce Type beside its Bounced
 * Email metric) say the bounce was hard? */
static int hard_bounce_row(const struct source *S, const fu_record *rec)
{
	for (int a = -1; S->use[T_BOUNCE] && a < HM_ALT; a++) {
		long c = a < 0 ? S->m.src[T_BOUNCE] : S->m.alt[T_BOUNCE][a];
		if (c < 0)
			break;
		if ((size_t)c < rec->nfields && bounce_says(rec->fields[c], rec->lens[c]) == 1)
			return 1;
	}
	return 0;
}

/* a hash of a sale's contact and item (in any case): 56 bytes a purchase
 * of a sales list are kept for its returns */
static uint64_t sale_key(const fu_buf *v)
{
	fu_buf k = {0};
	fu_buf_add(&k, v[EV_CONTACT_ID].data, v[EV_CONTACT_ID].len);
	fu_buf_addc(&k, '\x1f');
	fu_buf_add(&k, v[EV_ITEM].data ? v[EV_ITEM].data : "", v[EV_ITEM].len);
	fu_ascii_lower(k.data, k.len);
	uint64_t h = fu_hash64(k.data, k.len, 11);
	fu_buf_free(&k);
	return h;
}

/* the slot of KEY in the sales' table: its latest sale + 1, or an empty
 * one (counted as taken: the caller fills it) */
static size_t *sale_slot(fu_import *im, uint64_t key)
{
	size_t j = (size_t)key & (im->headcap - 1);
	while (im->salehead[j] && im->sales[im->salehead[j] - 1].key != key)
		j = (j + 1) & (im->headcap - 1);
	if (!im->salehead[j])
		im->nheads++;
	return &im->salehead[j];
}

/* A purchase of a plain sales list just written (V), remembered for a
 * later return line of it (sales_return) */
static void sales_remember(fu_import *im, const fu_buf *v)
{
	fu_time t;
	const char *why;
	if (!v[EV_VALUE].len || v[EV_WHEN].len >= sizeof im->sales->when ||
	    fu_parse_time(v[EV_WHEN].data, NULL, &t, &why) != 0)
		return;
	if (im->nsales == im->salescap) {
		im->salescap = im->salescap ? 2 * im->salescap : 64;
		im->sales = fu_xrealloc(im->sales, im->salescap * sizeof *im->sales);
	}
	struct sale *p = &im->sales[im->nsales++];
	*p = (struct sale){.key = sale_key(v), .t = t.t, .value = strtod(v[EV_VALUE].data, NULL)};
	memcpy(p->when, v[EV_WHEN].data, v[EV_WHEN].len + 1);
	if ((im->nheads + 1) * 4 > im->headcap * 3) {
		/* grown: each key's latest sale again */
		free(im->salehead);
		im->headcap = im->headcap ? 2 * im->headcap : 256;
		im->salehead = fu_xcalloc(im->headcap, sizeof *im->salehead);
		im->nheads = 0;
		for (size_t i = 0; i + 1 < im->nsales; i++)
			*sale_slot(im, im->sales[i].key) = i + 1;
	}
	size_t *slot = sale_slot(im, p->key);
	p->prev = *slot;
	*slot = im->nsales;
}

/* A return line of a plain sales list (V: its negative amount): the refund
 * of the purchase it takes back, the latest one of the same contact and
 * item made on or before it, written this run, whose amount not yet taken
 * back is at least the return's.  V becomes that refund (fu(7): the
 * purchase's when, the amount returned); 0.  -1 when there is none (the
 * return stays skipped, as before). */
static int sales_return(fu_import *im, const fu_record *rec, fu_buf *v)
{
	fu_time t;
	const char *why;
	if (!v[EV_VALUE].len || fu_parse_time(v[EV_WHEN].data, NULL, &t, &why) != 0)
		return -1;
	double amount = fabs(strtod(v[EV_VALUE].data, NULL));
	const char *item = v[EV_ITEM].data ? v[EV_ITEM].data : "";
	uint64_t key = sale_key(v);
	struct sale *best = NULL;
	if (!im->headcap)
		return -1;
	size_t j = (size_t)key & (im->headcap - 1);
	while (im->salehead[j] && im->sales[im->salehead[j] - 1].key != key)
		j = (j + 1) & (im->headcap - 1);
	for (size_t i = im->salehead[j]; i; i = im->sales[i - 1].prev) {
		struct sale *p = &im->sales[i - 1];
		if (p->t > t.t || p->value - p->returned < amount - 0.005)
			continue;
		if (!best || p->t > best->t)
			best = p;
	}
	if (!best)
		return -1;
	best->returned += amount;
	const char *dot = strchr(v[EV_VALUE].data, '.');
	int dec = dot ? (int)strlen(dot + 1) : 0;
	fu_buf_clear(&im->reason);
	fu_buf_printf(&im->reason, "a return (amount %s) of %s's purchase of %s (%s): written as a "
	              "refund of it", v[EV_VALUE].data, v[EV_CONTACT_ID].data, best->when,
	              item[0] ? item : "no item");
	note(im, rec, "return taken back", im->reason.data);
	fu_buf_clear(&v[EV_NOTE]);
	fu_buf_printf(&v[EV_NOTE], "returned %s", v[EV_WHEN].data);
	fu_buf_clear(&v[EV_WHEN]);
	fu_buf_adds(&v[EV_WHEN], best->when);
	fu_buf_clear(&v[EV_VALUE]);
	fu_buf_printf(&v[EV_VALUE], "%.*f", dec, amount);
	fu_buf_clear(&v[EV_TYPE]);
	fu_buf_adds(&v[EV_TYPE], "refund");
	return 0;
}

static void event_row(fu_import *im, const fu_record *rec)
{
	struct source *S = im->cur;
	fu_buf *v = im->val;
	fu_buf email = {0}, phone = {0};
	const char *why, *s;
	size_t n = 0;
	for (size_t c = 0; c < im->ncols; c++)
		fu_buf_clear(&v[c]);
	/* 2: a refund; 3: an order read before, now refunded in part */
	if (S->abandoned) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "an abandoned checkout (the export has \"%s\"): a cart not "
		              "bought, not a purchase", S->abandoned);
		reject(im, rec, "abandoned checkout", 0, im->reason.data);
		im->cur->nabandoned++;
		return;
	}
	int order = S->m.shopify ? order_row(im, rec) : S->paypal ? paypal_row(im, rec) : 1;
	if (!order)
		return;
	fu_buf refund_note = {0}; /* why it is a refund, told if it is written */
	if (order == 2)
		fu_buf_adds(&refund_note, im->reason.data);
	/* an order's own row that turns out bad: its line items go with it */
	const char *kind = NULL;
	int error = 1;
	text_value(S, rec, T_CONTACT_ID, &v[EV_CONTACT_ID]);
	scientific_id(im, rec, T_CONTACT_ID, &v[EV_CONTACT_ID]);
	/* as for contacts: an e-mail or phone that cannot be read is left
	 * empty when the event has another key */
	int bad_email = key_value(im, rec, T_EMAIL, &email) != 0;
	if (bad_email) {
		fu_buf_clear(&im->keyreason);
		fu_buf_add(&im->keyreason, im->reason.data, im->reason.len);
	}
	if (key_value(im, rec, T_PHONE, &phone) != 0) {
		scientific_hint(im, rec, T_PHONE);
		s = field(S, rec, T_CUSTOMER, &n);
		if (!v[EV_CONTACT_ID].len && !email.len && !customer_key(s, n)) {
			kind = bad_email ? "e-mail not usable" : "phone not usable";
			if (bad_email) {
				fu_buf_clear(&im->reason);
				fu_buf_add(&im->reason, im->keyreason.data, im->keyreason.len);
			}
			goto bad;
		}
		fu_buf_adds(&im->reason, "; left empty");
		warn_kept(im, rec, "phone not usable", im->reason.data);
		fu_buf_clear(&phone);
	}
	if (bad_email) {
		s = field(S, rec, T_CUSTOMER, &n);
		if (!v[EV_CONTACT_ID].len && !phone.len && !customer_key(s, n)) {
			kind = "e-mail not usable";
			fu_buf_clear(&im->reason);
			fu_buf_add(&im->reason, im->keyreason.data, im->keyreason.len);
			goto bad;
		}
		fu_buf_printf(&im->keyreason, "; left empty, the event kept by its %s",
		              v[EV_CONTACT_ID].len ? "contact_id" : "phone");
		warn_kept(im, rec, "e-mail not usable", im->keyreason.data);
	}
	if (date_value(im, rec, T_WHEN, &v[EV_WHEN]) != 0) {
		kind = "when not a date";
		goto bad;
	}
	int retimed = S->use[T_PAID] && paid_when(im, rec, &v[EV_WHEN]) == 1;
	naive_order_time(im, &v[EV_WHEN]);
	s = field(S, rec, T_VALUE, &n);
	norm_trim(s, n, &v[EV_VALUE]);
	char amount_cur[8] = ""; /* the currency written with it ("€10") */
	if (v[EV_VALUE].len && norm_amount_cur(&v[EV_VALUE], S->order[T_VALUE], amount_cur, &why) != 0) {
		/* the event stands without its amount (a thank-you does not need it) */
		amount_cur[0] = '\0';
		fu_buf_clear(&v[EV_VALUE]);
		if (!norm_placeholder(s, n)) {
			fu_buf_clear(&im->reason);
			fu_buf_printf(&im->reason, "value %s: %s; left empty", quote_value(s, n, &im->cell), why);
			warn_kept(im, rec, "value not a number", im->reason.data);
		}
	}
	/* a return line: of a plain sales list, maybe the refund of a purchase
	 * before it (sales_return, once its contact is known) */
	fu_buf *return_why = &im->return_why;
	fu_buf_clear(return_why);
	if (sales_line(im, rec, v) && (S->sales || S->m.shopify)) {
		if (!S->sales) {
			kind = "a return, not a purchase";
			error = 0;
			goto bad;
		}
		fu_buf_add(return_why, im->reason.data, im->reason.len);
	}
	text_value(S, rec, T_ITEM, &v[EV_ITEM]);
	if (S->typed_orders && !S->use[T_QTY] && S->m.src[T_ITEM] >= 0 &&
	    fu_streq_ci(S->h.names[S->m.src[T_ITEM]], "description"))
		description_items(&v[EV_ITEM], &im->tmp);
	if (S->product_details)
		product_names(&v[EV_ITEM], &im->tmp);
	one_line(im, rec, "item", &v[EV_ITEM]);
	text_value(S, rec, T_NOTE, &v[EV_NOTE]);
	if (im->currency >= 0)
		currency_value(im, rec, amount_cur, v[EV_VALUE].len > 0, &v[im->currency]);
	else if (amount_cur[0] && im->currency_lost++ == 0)
		fu_buf_printf(&im->currency_lost_at, "%s:%ld, %s", fu_input_name(S->path), rec->line,
		              quote_value(s, n, &im->cell));
	if (order == 2) {
		/* the amount refunded, else the order's (cancelled) */
		if (S->use[T_REFUNDED]) {
			trimmed(S, rec, T_REFUNDED, &im->tmp);
			if (im->tmp.len && norm_amount(&im->tmp, S->order[T_VALUE], &why) == 0 &&
			    strtod(im->tmp.data, NULL) > 0) {
				fu_buf_clear(&v[EV_VALUE]);
				fu_buf_add(&v[EV_VALUE], im->tmp.data, im->tmp.len);
			}
		}
		if (S->paypal && v[EV_VALUE].len && v[EV_VALUE].data[0] == '-') {
			/* PayPal's refund is the shop's money out: the amount refunded */
			memmove(v[EV_VALUE].data, v[EV_VALUE].data + 1, v[EV_VALUE].len--);
		}
		fu_buf_adds(&v[EV_TYPE], "refund");
		if (im->name.len) {
			fu_buf_clear(&v[EV_NOTE]);
			fu_buf_printf(&v[EV_NOTE], "order %s", im->name.data);
		}
	} else if (S->tickets) {
		if (ticket_values(im, rec, v) != 0) {
			kind = "ticket without an id";
			goto bad;
		}
	} else if (S->survey) {
		int rc = survey_values(im, rec, v);
		if (rc != 0) {
			kind = rc > 0 ? "no score" : "score not a number";
			error = rc < 0;
			goto bad;
		}
	} else if (S->referrals) {
		if (referral_values(im, rec, v, &kind, &error) != 0)
			goto bad;
	} else if (S->meetings) {
		if (meeting_not_held(im, rec)) {
			kind = "meeting not held";
			error = 0;
			goto bad;
		}
		fu_buf_adds(&v[EV_TYPE], "meeting");
	} else if (S->m.shopify || S->sales || S->paypal) {
		fu_buf_adds(&v[EV_TYPE], "purchase");
		if ((S->m.shopify || S->paypal) && im->name.len) {
			fu_buf_clear(&v[EV_NOTE]);
			fu_buf_printf(&v[EV_NOTE], "order %s", im->name.data);
		}
	} else {
		text_value(S, rec, T_TYPE, &v[EV_TYPE]);
		fu_buf_clear(&im->reason);
		if (v[EV_TYPE].len == 0) {
			fu_buf_adds(&im->reason, "no event type");
			/* the kind was a guess: say where the way out is */
			if (!im->o.kind && !S->use[T_TYPE])
				fu_buf_adds(&im->reason, " (the input was guessed to be events from its "
				            "header and has no type column: --kind contacts if it is a "
				            "contacts list)");
			else if (!S->use[T_TYPE])
				fu_buf_adds(&im->reason, " (no type column and no amount: --map value=HEADER "
				            "reads each row as a purchase, --map type=HEADER names its type)");
			kind = "no event type";
			goto bad;
		}
		if (norm_type(&v[EV_TYPE], &why) != 0) {
			s = field(S, rec, T_TYPE, &n);
			fu_buf_printf(&im->reason, "type %s: %s", quote_value(s, n, &im->cell), why);
			kind = "type not known";
			/* a refund or a failed payment (Square's "Refund") is no event
			 * to follow up, and no error */
			norm_lower_utf8(v[EV_TYPE].data, v[EV_TYPE].len);
			if (fu_orders_status_kind(v[EV_TYPE].data) == FU_STATUS_NOT_PURCHASE) {
				fu_buf_clear(&im->reason);
				fu_buf_printf(&im->reason, "type %s: not a purchase", quote_value(s, n, &im->cell));
				kind = "not a purchase";
				error = 0;
			} else if (not_an_fu_event(v[EV_TYPE].data)) {
				fu_buf_clear(&im->reason);
				fu_buf_printf(&im->reason, "type %s: %s", quote_value(s, n, &im->cell),
				              not_an_fu_event(v[EV_TYPE].data));
				kind = "not an event";
				error = 0;
				S->nmetric_skipped++;
			} else if (S->use[T_TYPE] && strcmp(S->m.why[T_TYPE], "Klaviyo events") == 0 &&
			           !mail_delivery(v[EV_TYPE].data)) {
				/* a metric of the shop's own (Klaviyo's custom metrics):
				 * no event of fu(7), and no error in its export */
				fu_buf_clear(&im->reason);
				fu_buf_printf(&im->reason, "type %s: a metric that is no event of fu(7): not "
				              "followed up", quote_value(s, n, &im->cell));
				kind = "not an event";
				error = 0;
				S->nmetric_skipped++;
			} else if (mail_delivery(v[EV_TYPE].data) && hard_bounce_row(S, rec)) {
				/* a bounce whose kind the export gives as hard: the
				 * address bounced for good, an opt-out (fu(7)) */
				fu_buf_clear(&v[EV_TYPE]);
				fu_buf_adds(&v[EV_TYPE], "unsubscribe");
				if (!S->use[T_NOTE]) {
					fu_buf_clear(&v[EV_NOTE]);
					fu_buf_printf(&v[EV_NOTE], "%.*s: hard bounce", (int)(n < 40 ? n : 40), s);
				}
				goto typed;
			} else if (mail_delivery(v[EV_TYPE].data)) {
				fu_buf_clear(&im->reason);
				fu_buf_printf(&im->reason, "type %s: a mail's delivery (a bounce that may be a soft "
				              "one is no opt-out), not an event to follow up",
				              quote_value(s, n, &im->cell));
				kind = "not an event";
				error = 0;
			}
			goto bad;
		}
	typed:
		if (strcmp(v[EV_TYPE].data, "refund") == 0 && !typed_order_of(im, rec)) {
			/* a payment service's refund is dated when it was made; fu(7)'s
			 * refund names its purchase by the purchase's when, which such
			 * a row does not give (nor an order): no event to write, and
			 * no error */
			s = field(S, rec, T_TYPE, &n);
			fu_buf_printf(&im->reason, "type %s: not a purchase (a refund of its own date "
			              "names no purchase)", quote_value(s, n, &im->cell));
			kind = "not a purchase";
			error = 0;
			goto bad;
		}
	}
	if (im->renewal >= 0)
		renewal_value(im, rec, v);
	fu_buf_clear(&im->typed_key);
	int typed = typed_order_of(im, rec) ? typed_order(im, rec, v) : 0;
	if (typed) {
		if (typed == 1)
			note_again(im, rec, "order read before", im->reason.data);
		im->nmerged++;
		fu_buf_free(&email);
		fu_buf_free(&phone);
		fu_buf_free(&refund_note);
		return;
	}
	if (v[EV_WHEN].len == 0) {
		fu_buf_clear(&im->reason);
		fu_buf_adds(&im->reason, "no date: an event needs its 'when'");
		kind = "no date";
		goto bad;
	}
	if (v[EV_CONTACT_ID].len == 0) {
		/* the e-mail itself: consumers join it to the contacts' email column
		 * (fu(7)) whatever ids the contacts have; else the id a contact with
		 * this phone and no e-mail gets; else a payment processor's or shop's
		 * own customer id (Stripe's cus_...), which joins only contacts from
		 * the same system, and never the guest id 0 */
		s = field(S, rec, T_CUSTOMER, &n);
		if (email.len) {
			fu_buf_add(&v[EV_CONTACT_ID], email.data, email.len);
			if (im->household)
				household_member(im, rec, v);
		} else if (phone.len) {
			char id[17];
			norm_contact_id(phone.data, phone.len, id);
			fu_buf_adds(&v[EV_CONTACT_ID], id);
		} else if (customer_key(s, n)) {
			norm_trim(s, n, &v[EV_CONTACT_ID]);
		} else {
			fu_buf_clear(&im->reason);
			if (S->m.shopify) {
				/* a sale at the till, with no customer: nobody to follow up */
				fu_buf_printf(&im->reason, "%s has no customer (no e-mail or phone: a "
				              "point-of-sale sale?)", order_label(im, rec, im->name.len ? im->name.data : ""));
				kind = "order without a customer";
				error = 0;
			} else if (strcmp(v[EV_TYPE].data, "purchase") == 0) {
				/* a sale at the till (Square's walk-in): skipped, no error */
				fu_buf_adds(&im->reason, "a purchase with no contact_id, e-mail or phone (a "
				            "point-of-sale sale?): nobody to follow up");
				kind = "purchase without a customer";
				error = 0;
			} else {
				fu_buf_adds(&im->reason, "no contact_id, e-mail or phone: no contact to join to");
				kind = "no contact";
			}
			goto bad;
		}
	}
	fu_buf_free(&email);
	fu_buf_free(&phone);
	if (return_why->len && sales_return(im, rec, v) != 0) {
		/* "a return (amount -12.50)": the purchase it would take back */
		const char *colon = strchr(return_why->data, ':');
		fu_buf_clear(&im->reason);
		fu_buf_add(&im->reason, return_why->data,
		           colon ? (size_t)(colon - return_why->data) : return_why->len);
		fu_buf_printf(&im->reason, ": not a purchase, and no purchase of %s by this contact "
		              "on or before it, of at least its amount, was read this run for it to "
		              "take back", v[EV_ITEM].len ? quote_value(v[EV_ITEM].data, v[EV_ITEM].len,
		                                                         &im->cell) : "it");
		kind = "a return, not a purchase";
		error = 0;
		goto bad;
	}
	if (order == 2)
		note(im, rec, "order taken back", refund_note.data);
	fu_buf_free(&refund_note);
	if (order == 3) {
		refund_in_part(im, rec, v); /* the purchase was written before */
		return;
	}
	if (order == 1 && strcmp(v[EV_TYPE].data, "purchase") == 0)
		refund_in_part(im, rec, v);
	if (S->m.shopify) {
		pass_through(im, rec);
		fu_orders_hold(im->orders, v, EV_ITEM);
		if (retimed && im->name.len && strcmp(v[EV_TYPE].data, "purchase") == 0) {
			im->held_retimed = 1;
			fu_buf_clear(&im->retimed_key);
			fu_buf_printf(&im->retimed_key, "%s\x1f%s", im->buyer.data ? im->buyer.data : "",
			              im->name.data);
		}
		if (S->use[T_OPTIN] || S->dnc_col >= 0)
			declined_marketing(im, rec, v);
		return;
	}
	if (im->typed_key.len) {
		typed_hold(im, rec);
		return;
	}
	typed_release(im); /* written before the rows after it */
	write_direct(im, rec);
	if (S->sales && !return_why->len && strcmp(v[EV_TYPE].data, "purchase") == 0)
		sales_remember(im, v);
	if (S->tickets)
		ticket_closed(im, rec, v); /* after its opening */
	else if (S->referrals)
		referral_reward(im, rec, v); /* the reward the program sent for it */
	return;
bad:
	fu_buf_free(&email);
	fu_buf_free(&phone);
	fu_buf_free(&refund_note);
	if (order == 3)
		return; /* counted as merged: its purchase was read before */
	if (S->m.shopify)
		fu_orders_skip(im->orders, im->reason.data);
	reject(im, rec, kind, error, im->reason.data);
}

/* ---- the run ----------------------------------------------------------------- */

void fu_import_begin(fu_import *im, int i)
{
	im->cur = &im->src[i];
	im->nlogged = 0;
	im->pf = prefetch_start(im->cur->r, im->threaded);
}

int fu_import_next(fu_import *im, fu_record **rec)
{
	int got;
	while ((got = prefetch_next(im->pf, rec)) > 0 && fu_record_is_header(*rec, &im->cur->h))
		if (im->cur->headers_again++ == 0)
			fu_warn_at(im->cur->path, (*rec)->line,
			           "note: the header line again (inputs joined with cat?): skipped, as any later one is");
	if (got > 0)
		im->nread++;
	im->last_got = got;
	return got;
}

/* Is the record's text valid UTF-8?  Its fields are pieces of it cut at
 * ASCII bytes, so this settles them all in one pass, skipping ASCII eight
 * bytes at a time and leaving the rest to fu_utf8_seq; only a record that
 * fails is checked field by field, for the message. */
static int raw_utf8_ok(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		uint64_t w;
		if (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		int k = fu_utf8_seq(s + i, n - i);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* Text of a field with each byte that is not UTF-8 as U+FFFD. */
static void repair_utf8(const char *s, size_t n, fu_buf *out)
{
	fu_buf_clear(out);
	for (size_t i = 0; i < n;) {
		int k = fu_utf8_seq((const unsigned char *)s + i, n - i);
		if (k <= 0) {
			fu_buf_adds(out, "\xEF\xBF\xBD");
			i++;
		} else {
			fu_buf_add(out, s + i, (size_t)k);
			i += (size_t)k;
		}
	}
	if (!out->data)
		fu_buf_adds(out, "");
}

/* Is column C read by a target (--map may name an unnamed one)? */
static int read_column(const struct source *S, size_t c)
{
	for (int t = 0; t < T_COUNT; t++)
		for (int a = -1; a < HM_ALT; a++)
			if (S->use[t] && (a < 0 ? S->m.src[t] : S->m.alt[t][a]) == (long)c)
				return 1;
	return 0;
}

/* A problem regularise found, told once the row is known to be written
 * (a row rejected after all is in the report for its own reason). */
static void defer_warning(fu_import *im, const char *kind, const char *reason)
{
	if (im->npending == sizeof im->pending / sizeof im->pending[0])
		return;
	im->pending_kind[im->npending] = kind;
	fu_buf_clear(&im->pending[im->npending]);
	fu_buf_printf(&im->pending[im->npending++], "%s; row kept", reason);
}

/* A record is read whatever its width, so that a contact is not lost for a
 * stray note or a pasted character: fields missing at the end are empty,
 * values beyond the named columns (in an unnamed one, or past the header's
 * width) are named in a warning and not imported (the record is in the
 * reject report), empty ones there are ignored as Excel writes them, and a
 * byte that is not UTF-8 is U+FFFD, with a warning.  Returns REC when it
 * needs none of this, else im->fixed over it. */
static fu_record *regularise(fu_import *im, fu_record *rec)
{
	const struct source *S = im->cur;
	size_t want = S->h.n, stray = 0, first = 0;
	for (size_t c = S->named; c < rec->nfields; c++)
		if (!blank(rec->fields[c], rec->lens[c]) && !read_column(S, c) && stray++ == 0)
			first = c;
	int utf8 = rec->utf8_valid || raw_utf8_ok(rec->raw, rec->raw_len);
	if (!stray && utf8 && rec->nfields >= S->reach)
		return rec; /* short of trailing unnamed columns, or extra empty fields */
	if (stray) {
		fu_buf_clear(&im->reason);
		if (first < want)
			fu_buf_printf(&im->reason, "a value in column %zu, which has no name in the header",
			              first + 1);
		else
			fu_buf_printf(&im->reason, "%zu fields, the header has %zu: a value beyond it",
			              rec->nfields, want);
		fu_buf_printf(&im->reason, " (%s%s) not imported",
		              quote_value(rec->fields[first], rec->lens[first], &im->cell),
		              stray > 1 ? " and more" : "");
		defer_warning(im, "values beyond the header", im->reason.data);
	}
	size_t n = rec->nfields > want ? rec->nfields : want;
	if (n > im->fixcap) {
		im->fix_fields = fu_xrealloc(im->fix_fields, n * sizeof *im->fix_fields);
		im->fix_lens = fu_xrealloc(im->fix_lens, n * sizeof *im->fix_lens);
		im->fix_cells = fu_xrealloc(im->fix_cells, n * sizeof *im->fix_cells);
		memset(im->fix_cells + im->fixcap, 0, (n - im->fixcap) * sizeof *im->fix_cells);
		im->fixcap = n;
	}
	im->fixed = *rec;
	im->fixed.fields = im->fix_fields;
	im->fixed.lens = im->fix_lens;
	im->fixed.nfields = n;
	size_t bad = 0, badfield = 0;
	for (size_t c = 0; c < n; c++) {
		if (c >= rec->nfields) {
			im->fix_fields[c] = (char *)"";
			im->fix_lens[c] = 0;
		} else if (!utf8 && !fu_utf8_valid(rec->fields[c], rec->lens[c])) {
			repair_utf8(rec->fields[c], rec->lens[c], &im->fix_cells[c]);
			im->fix_fields[c] = im->fix_cells[c].data;
			im->fix_lens[c] = im->fix_cells[c].len;
			if (bad++ == 0)
				badfield = c;
		} else {
			im->fix_fields[c] = rec->fields[c];
			im->fix_lens[c] = rec->lens[c];
		}
	}
	if (rec->nfields < S->reach) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "%zu fields, the header has %zu: the missing ones read as empty",
		              rec->nfields, want);
		defer_warning(im, "fields missing", im->reason.data);
	}
	if (bad) {
		fu_buf_clear(&im->reason);
		fu_buf_printf(&im->reason, "invalid UTF-8 in field %zu (%s)%s: each such byte read as "
		              "U+FFFD (the input was read as %s; is it another encoding? see --encoding)",
		              badfield + 1, quote_value(im->fix_fields[badfield], im->fix_lens[badfield],
		                                        &im->cell),
		              bad > 1 ? " and others" : "", S->d.encoding);
		defer_warning(im, "invalid UTF-8", im->reason.data);
	}
	return &im->fixed;
}

/* ---- Excel's text cells ------------------------------------------------------
 * A file made "for Excel" writes number-like text as ="0401234567" (so that
 * a spreadsheet keeps the leading zero), bare or quoted again by a
 * spreadsheet that saved it ("=""0401234567"""): either is read as the text
 * inside, in every column. */

static int excel_cell(const char *s, size_t n)
{
	return n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"';
}

static void xl_reserve(fu_import *im, size_t n)
{
	if (n <= im->xlcap)
		return;
	size_t cap = n < 16 ? 16 : n * 2;
	im->xl_fields = fu_xrealloc(im->xl_fields, cap * sizeof *im->xl_fields);
	im->xl_lens = fu_xrealloc(im->xl_lens, cap * sizeof *im->xl_lens);
	im->xl_cells = fu_xrealloc(im->xl_cells, cap * sizeof *im->xl_cells);
	memset(im->xl_cells + im->xlcap, 0, (cap - im->xlcap) * sizeof *im->xl_cells);
	im->xlcap = cap;
}

/* The record with its ="..." cells read as their text: REC when it has none. */
static fu_record *excel_cells(fu_import *im, fu_record *rec)
{
	size_t c = 0;
	while (c < rec->nfields && !(rec->fields[c][0] == '=' && excel_cell(rec->fields[c], rec->lens[c])))
		c++;
	if (c == rec->nfields)
		return rec;
	xl_reserve(im, rec->nfields);
	im->xl = *rec;
	im->xl.fields = im->xl_fields;
	im->xl.lens = im->xl_lens;
	for (c = 0; c < rec->nfields; c++) {
		if (excel_cell(rec->fields[c], rec->lens[c]) &&
		    norm_excel_text(rec->fields[c], rec->lens[c], &im->xl_cells[c]) == 0) {
			im->xl_fields[c] = im->xl_cells[c].data;
			im->xl_lens[c] = im->xl_cells[c].len;
		} else {
			im->xl_fields[c] = rec->fields[c];
			im->xl_lens[c] = rec->lens[c];
		}
	}
	return &im->xl;
}

/* A record the CSV reader found malformed read again from its text, with a
 * bare ="..." field read as its text: NULL when it has none, or when
 * anything else is wrong with it (then the reader's error stands). */
static fu_record *excel_reparse(fu_import *im, const fu_record *rec)
{
	const char *p = rec->raw, *end = rec->raw + rec->raw_len;
	const char delim = im->cur->d.delim;
	size_t nf = 0;
	int bare = 0;
	if (memchr(p, '\0', rec->raw_len))
		return NULL;
	for (;;) {
		xl_reserve(im, nf + 1);
		fu_buf *cell = &im->xl_cells[nf];
		fu_buf_clear(cell);
		fu_buf_adds(cell, "");
		if (p < end && (*p == '"' || (end - p > 1 && p[0] == '=' && p[1] == '"'))) {
			int excel = *p == '=';
			bare |= excel;
			p += excel ? 2 : 1;
			for (;;) {
				if (p == end)
					return NULL; /* a quote never closed */
				if (*p == '"') {
					if (end - p > 1 && p[1] == '"') {
						fu_buf_addc(cell, '"');
						p += 2;
						continue;
					}
					p++;
					break;
				}
				fu_buf_addc(cell, *p++);
			}
			if (p < end && *p != delim)
				return NULL; /* text after the closing quote */
			if (!excel && excel_cell(cell->data, cell->len)) {
				fu_buf_clear(&im->tmp);
				if (norm_excel_text(cell->data, cell->len, &im->tmp) == 0) {
					fu_buf_clear(cell);
					fu_buf_add(cell, im->tmp.data, im->tmp.len);
				}
			}
		} else {
			for (; p < end && *p != delim; p++) {
				if (*p == '"' || *p == '\n' || *p == '\r')
					return NULL;
				fu_buf_addc(cell, *p);
			}
		}
		nf++;
		if (p == end)
			break;
		p++; /* the delimiter */
	}
	if (!bare)
		return NULL;
	im->xl = *rec;
	im->xl.fields = im->xl_fields;
	im->xl.lens = im->xl_lens;
	im->xl.nfields = nf;
	im->xl.error = NULL;
	im->xl.error_kind = NULL;
	im->xl.error_col = im->xl.error_line = 0;
	im->xl.utf8_valid = 0;
	for (size_t c = 0; c < nf; c++) {
		im->xl_fields[c] = im->xl_cells[c].data;
		im->xl_lens[c] = im->xl_cells[c].len;
	}
	return &im->xl;
}

static void import_record(fu_import *im, fu_record *rec)
{
	const struct source *S = im->cur;
	fu_record *again;
	if (rec->error && (again = excel_reparse(im, rec)) != NULL)
		rec = again;
	else if (!rec->error)
		rec = excel_cells(im, rec);
	if (rec->error) { /* its quoting is broken: where its fields are is not known */
		if (S->m.shopify) {
			part_flush(im);
			fu_buf *held = fu_orders_release(im->orders);
			if (held)
				write_order(im, held);
		}
		typed_release(im);
		reject(im, rec, "bad record", 1, rec->error);
		return;
	}
	const fu_record *as_read = rec;
	if (rec->nfields != S->h.n || S->named != S->h.n ||
	    (!rec->utf8_valid && !raw_utf8_ok(rec->raw, rec->raw_len)))
		rec = regularise(im, rec);
	im->row_rejected = 0;
	if (im->kind == HM_CONTACTS)
		contact_row(im, rec);
	else
		event_row(im, rec);
	for (int k = 0; k < im->npending; k++)
		if (!im->row_rejected)
			warn_kept(im, as_read, im->pending_kind[k], im->pending[k].data);
	im->npending = 0;
}

void fu_import_row(fu_import *im, fu_record *rec, fu_csv_writer *w)
{
	im->w = w;
	import_record(im, rec);
}

/* ---- contacts in three threads ------------------------------------------------
 * The reader's thread parses (prefetch.c), this one normalises into batches
 * of the log, and the main thread replays them: writes or merges the rows
 * and tells the problems. */

enum { LOG_BATCH = 512 * 1024 };

static void *normaliser(void *arg)
{
	fu_import *im = arg;
	fu_record *rec;
	int got = 1, first = 1;
	uint64_t bytes = 0;
	while (got > 0) {
		fu_buf *b = relay_claim(im->relay);
		im->log = b;
		while (b->len < LOG_BATCH && (got = fu_import_next(im, &rec)) > 0) {
			bytes += rec->raw_len + 1;
			import_record(im, rec);
		}
		if (first) /* (read by the main thread once it has this batch) */
			im->first_batch_bytes = bytes;
		first = 0;
		im->log = NULL;
		relay_publish(im->relay, got <= 0);
	}
	return NULL;
}

/* Merging a file: once the first batch is merged, the keys the whole file
 * likely has (as many per byte as that batch had, a little more than the
 * rest will: fewer of its rows came back) get their table at once: a
 * table that doubles its way there takes twice the memory the kernel must
 * zero, as much again as the last.  KEYS_BEFORE: the keys earlier inputs
 * brought.  Only a hint: a wrong guess costs memory, nothing else. */
static void expect_keys(fu_import *im, size_t keys_before)
{
	struct stat st;
	const char *path = im->cur->path;
	uint64_t bytes = im->first_batch_bytes;
	size_t keys = fu_merge_keys(im->merge) - keys_before;
	if (bytes == 0 || keys < 256 ||
	    (strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(path, &st)) != 0 ||
	    !S_ISREG(st.st_mode) || (uint64_t)st.st_size <= bytes)
		return;
	double expect = (double)keys * (double)st.st_size / (double)bytes;
	if (expect > (double)st.st_size / 4) /* (a key takes more bytes than that) */
		expect = (double)st.st_size / 4;
	fu_merge_expect_keys(im->merge, keys_before + (size_t)expect);
}

/* the entry of the log at P: its length */
static size_t log_entry_len(const char *p)
{
	const char *q = p + 1;
	size_t n;
	if (*p == LOG_ROW) {
		uint32_t entry;
		memcpy(&entry, q, sizeof entry);
		return entry;
	}
	q += 2 + 3 * sizeof(int64_t);
	for (int k = 0; k < 3; k++)
		unlog_bytes(&q, &n);
	return (size_t)(q - p);
}

/* Merging: a row soon to come (AT, the log's row entry) has what adding it
 * reads fetched ahead (fu_merge_ahead), in steps some rows apart. */
enum { AHEAD = 8 };

/* the opt-out kept for the mailbox at handle AT of im->mailboxes, fetched */
static void mailbox_ahead(const fu_import *im, uint32_t at)
{
	uint32_t i = fu_map_index_at(&im->mailboxes, at);
	if (i < fu_map_count(&im->mailboxes))
		__builtin_prefetch(im->mailbox_out.data + im->mailbox_at[i]);
}

static void ahead_start(fu_import *im, struct ahead *a, const char *at)
{
	uint32_t entry;
	memcpy(&entry, at + 1, sizeof entry);
	for (uint32_t k = 64; k < entry && k < 512; k += 64)
		__builtin_prefetch(at + k); /* its cells, read when it is merged */
	const char *q = at + 1 + sizeof entry + sizeof(int64_t);
	unsigned made = (unsigned char)*q;
	uint64_t hash[3];
	memcpy(hash, q + 1, sizeof hash);
	fu_merge_ahead_hashed(im->merge, &a->merge, made & 3, hash);
	a->has_mailbox = (made & 4) != 0;
	a->mailbox = hash[2];
	a->mailbox_at = 0;
	if (a->has_mailbox)
		fu_map_prefetch(&im->mailboxes, hash[2]);
}

enum { LOG_FETCH_AHEAD = 2048 };

static void replay(fu_import *im, const char *p, size_t n)
{
	if (n == 0) /* an empty batch may have no buffer yet */
		return;
	const char *end = p + n;
	fu_buf *view = im->view;
	/* merging: where each row of the batch is, to fetch ahead */
	size_t nrows = 0, row = 0;
	struct ahead ahead[AHEAD];
	/* the batch was written on the other core: its lines are fetched some
	 * way ahead of the first walk over it, which else waits for each in
	 * turn (a tenth of a merging run's CPU time) */
	const char *fetched = p;
	if (im->merge) {
		fu_buf_clear(&im->rows_at);
		for (const char *q = p; q < end; q += log_entry_len(q)) {
			for (; fetched < end && fetched < q + LOG_FETCH_AHEAD; fetched += 64)
				__builtin_prefetch(fetched);
			if (*q == LOG_ROW) {
				fu_buf_add(&im->rows_at, &q, sizeof q);
				nrows++;
			}
		}
		for (size_t r = 0; r < nrows && r < AHEAD; r++)
			ahead_start(im, &ahead[r], ((const char **)im->rows_at.data)[r]);
	}
	const char **rows_at = (const char **)im->rows_at.data;
	while (p < end) {
		for (; fetched < end && fetched < p + LOG_FETCH_AHEAD; fetched += 64)
			__builtin_prefetch(fetched); /* (not merging: the first walk) */
		char type = *p++;
		if (type == LOG_ROW) {
			int64_t line;
			p += sizeof(uint32_t); /* (the entry's length) */
			memcpy(&line, p, sizeof line);
			p += sizeof line;
			if (im->merge)
				p += LOG_HASHES; /* (read by ahead_start) */
			for (size_t c = 0; c < im->ncols; c++) {
				size_t len;
				view[c].data = (char *)unlog_bytes(&p, &len);
				view[c].len = len;
			}
			if (im->merge) {
				merge_row(im, view, &ahead[row % AHEAD], (long)line); /* its start */
				if (row + AHEAD < nrows)
					ahead_start(im, &ahead[row % AHEAD], rows_at[row + AHEAD]);
				if (row + 6 < nrows) {
					struct ahead *a = &ahead[(row + 6) % AHEAD];
					fu_merge_ahead_step(im->merge, &a->merge, 1);
					if (a->has_mailbox) /* (its entry fetched) */
						a->mailbox_at = fu_map_peek(&im->mailboxes, a->mailbox);
				}
				if (row + 4 < nrows)
					fu_merge_ahead_step(im->merge, &ahead[(row + 4) % AHEAD].merge, 2);
				if (row + 2 < nrows) {
					struct ahead *a = &ahead[(row + 2) % AHEAD];
					fu_merge_ahead_step(im->merge, &a->merge, 3);
					if (a->mailbox_at) /* the opt-out it is compared with */
						mailbox_ahead(im, a->mailbox_at - 1);
				}
				row++;
			} else {
				if (!view[T_ID].len) {
					/* left to this thread by contact_row (derive_id), which
					 * gives every row it writes an id */
					const fu_buf *key = view[T_EMAIL].len ? &view[T_EMAIL] : &view[T_PHONE];
					norm_contact_id(key->data, key->len, im->derived_id);
					view[T_ID].data = im->derived_id;
					view[T_ID].len = strlen(im->derived_id);
				}
				write_row(im, view);
			}
			continue;
		}
		int what = (unsigned char)*p++, error = *p++;
		int64_t at[3];
		memcpy(at, p, sizeof at);
		p += sizeof at;
		size_t nk, nr, nraw;
		const char *kind = unlog_bytes(&p, &nk), *reason = unlog_bytes(&p, &nr);
		const char *raw = unlog_bytes(&p, &nraw);
		problem(im, what, error, kind, (long)at[0], (long)at[1], (long)at[2], reason, raw, nraw);
	}
}

/* Normalise in a thread of its own; 0, or -1 when no thread is to be had */
static int input_threaded(fu_import *im)
{
	pthread_t t;
	im->relay = relay_new();
	if (!im->log_cell) {
		im->log_cell = fu_xcalloc(im->ncols, sizeof *im->log_cell);
		im->log_len = fu_xcalloc(im->ncols, sizeof *im->log_len);
	}
	if (pthread_create(&t, NULL, normaliser, im) != 0) {
		relay_free(im->relay);
		im->relay = NULL;
		return -1;
	}
	if (!im->view)
		im->view = fu_xcalloc(im->ncols, sizeof *im->view);
	int end = 0, first = 1;
	size_t keys_before = im->merge ? fu_merge_keys(im->merge) : 0;
	while (!end) {
		fu_buf *b = relay_take(im->relay, &end);
		replay(im, b->data, b->len);
		if (first && !end && im->merge)
			expect_keys(im, keys_before);
		first = 0;
		relay_release(im->relay);
	}
	pthread_join(t, NULL);
	relay_free(im->relay);
	im->relay = NULL;
	return 0;
}

void fu_import_input(fu_import *im, int i, fu_csv_writer *w)
{
	fu_import_begin(im, i);
	im->w = w;
	if (!(im->threaded && im->kind == HM_CONTACTS && input_threaded(im) == 0)) {
		fu_record *rec;
		while (fu_import_next(im, &rec) > 0)
			import_record(im, rec);
	}
	fu_import_end(im, w);
}

/* A PayPal activity download's rows by kind: what became purchases and
 * refunds, and how many of each other kind were skipped (each was named
 * on its own, up to 20 of a kind). */
static void tell_paypal(const fu_import *im, const struct source *S, const char *in)
{
	const unsigned long *k = S->npaypal;
	fu_buf b = {0};
	if (im->kind == HM_EVENTS)
		fu_buf_printf(&b, "%s: note: PayPal activity download: %lu customer payment%s "
		              "(purchases), %lu refund%s", in, k[FU_PAYPAL_PAYMENT],
		              k[FU_PAYPAL_PAYMENT] == 1 ? "" : "s", k[FU_PAYPAL_REFUND] - S->npaypal_unnamed,
		              k[FU_PAYPAL_REFUND] - S->npaypal_unnamed == 1 ? "" : "s");
	else
		fu_buf_printf(&b, "%s: note: PayPal activity download: %lu customer payment%s (their "
		              "payers the contacts), %lu refund%s skipped (their payers are in the "
		              "payments)", in, k[FU_PAYPAL_PAYMENT] + k[FU_PAYPAL_PENDING],
		              k[FU_PAYPAL_PAYMENT] + k[FU_PAYPAL_PENDING] == 1 ? "" : "s",
		              k[FU_PAYPAL_REFUND], k[FU_PAYPAL_REFUND] == 1 ? "" : "s");
	const struct {
		int kind;
		const char *what;
	} skipped[] = {
		{FU_PAYPAL_OWN, "of the shop's own money (conversions, withdrawals, deposits, fees, "
		                "holds, payments it sent)"},
		{im->kind == HM_EVENTS ? FU_PAYPAL_PENDING : FU_PAYPAL_NKINDS,
		 "pending (no purchase until completed)"},
		{FU_PAYPAL_FAILED, "denied, failed or cancelled"},
		{FU_PAYPAL_MEMO, "that moved no money (authorisations, cart lines)"},
		{FU_PAYPAL_UNKNOWN, "of a type or status not known"},
	};
	if (S->npaypal_again)
		fu_buf_printf(&b, "; %lu read before (downloads that overlap), merged",
		              S->npaypal_again);
	const char *sep = "; skipped: ";
	if (S->npaypal_unnamed) {
		fu_buf_printf(&b, "%s%lu refund%s naming no payment", sep, S->npaypal_unnamed,
		              S->npaypal_unnamed == 1 ? "" : "s");
		sep = ", ";
	}
	for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
		if (skipped[i].kind < FU_PAYPAL_NKINDS && k[skipped[i].kind]) {
			fu_buf_printf(&b, "%s%lu %s", sep, k[skipped[i].kind], skipped[i].what);
			sep = ", ";
		}
	fu_warn("%s", b.data);
	fu_buf_free(&b);
}

/* What the rows of an input had in common, told once when it ends: notes,
 * the exit status is not changed. */
static void tell_input_notes(const fu_import *im, const struct source *S)
{
	const char *in = fu_input_name(S->path);
	if (S->nrelay)
		fu_warn("%s: note: %lu row%s with a marketplace's relay address (like %s): Amazon, "
		        "eBay and Walmart pass on order messages only and forbid marketing through "
		        "it, so unsubscribed is yes (thank-yous and other service steps still go)", in,
		        S->nrelay, S->nrelay == 1 ? "" : "s", S->relay_ex);
	if (S->nabandoned)
		fu_warn("%s: note: an export of abandoned checkouts (column \"%s\"): its %lu row%s, "
		        "carts not bought, skipped: none is a purchase", in, S->abandoned, S->nabandoned,
		        S->nabandoned == 1 ? "" : "s");
	if (S->nreason)
		fu_warn("%s: note: %lu contact%s read as unsubscribed by %s \"%s\" alone (filled, and "
		        "no consent column of the row says subscribed)", in, S->nreason,
		        S->nreason == 1 ? "" : "s", S->nreason == 1 ? "its" : "their",
		        S->h.names[S->m.src[T_UNSUB_REASON]]);
	if (S->nmetric_skipped)
		fu_warn("%s: note: %lu row%s of metrics that are no event of fu(7) skipped (a Placed "
		        "Order's product lines, browsing, carts, text and push messages; each named "
		        "above)", in, S->nmetric_skipped, S->nmetric_skipped == 1 ? "" : "s");
	if (S->nunconfirmed)
		fu_warn("%s: note: %lu contact%s whose \"%s\" says the sign-up is not confirmed "
		        "(pending double opt-in, validating, needs approval): unsubscribed %s, no "
		        "marketing until an export says active", in, S->nunconfirmed,
		        S->nunconfirmed == 1 ? "" : "s", S->h.names[S->m.src[T_CONSENT]], FU_NO_CONSENT);
	if (S->nsuppressed)
		fu_warn("%s: note: %lu contact%s read as unsubscribed by a suppression or hard bounce "
		        "(\"%s\"): the address may get no marketing mail, whatever %s consent says", in,
		        S->nsuppressed, S->nsuppressed == 1 ? "" : "s",
		        S->h.names[S->m.src[S->use[T_SUPPRESSION] ? T_SUPPRESSION : T_BOUNCE]],
		        S->nsuppressed == 1 ? "its" : "their");
	if (S->nsms_out)
		fu_warn("%s: note: %lu contact%s said no to marketing texts (sms_unsubscribed): "
		        "fu-schedule plans %s no marketing sms, mms or whatsapp step; e-mail is %s "
		        "unsubscribed column's", in, S->nsms_out, S->nsms_out == 1 ? "" : "s",
		        S->nsms_out == 1 ? "it" : "them", S->nsms_out == 1 ? "its" : "their");
	if (S->nvendors && S->vendor_list)
		fu_warn("%s: note: a vendor list (its header has \"%s\"): its %lu row%s skipped, "
		        "suppliers get no customer follow-up (--map contact_type= imports them)", in,
		        S->vendor_list, S->nvendors, S->nvendors == 1 ? "" : "s");
	else if (S->nvendors)
		fu_warn("%s: note: %lu contact%s skipped as no customer%s (like %s): vendors, suppliers, "
		        "partners, the shop's own staff and blocked users get no customer follow-up "
		        "(--map contact_type= imports them)", in,
		        S->nvendors, S->nvendors == 1 ? "" : "s", S->nvendors == 1 ? "" : "s", S->vendor_ex);
	if (S->nempty_status)
		fu_warn("%s: note: %lu order%s with an empty %s%s skipped: not known to be paid "
		        "(--order-status '=purchase' takes them)", in, S->nempty_status,
		        S->nempty_status == 1 ? "" : "s", S->h.names[S->m.src[T_FINSTATUS]],
		        S->use[T_PAID] ? " and no payment time" : "");
	/* a guess that changes every accented letter: told, with the way out */
	if (!im->o.encoding && (strcmp(S->d.encoding, "MACINTOSH") == 0 ||
	                        strcmp(S->d.switched, "MACINTOSH") == 0))
		fu_warn("%s: note: read as Mac Roman (Excel for Mac's \"CSV (Macintosh)\"): its bytes "
		        "0x80-0x9F inside words are Mac Roman's letters; give --encoding WINDOWS-1252 "
		        "(or another) if the letters came out wrong", in);
	if (S->ncanceled || S->nnoshow)
		fu_warn("%s: note: %lu booking%s skipped as no meeting held (%lu cancelled, %lu no-show): "
		        "fu(7) has no event for them, and a meeting that did not happen is not "
		        "followed up", in, S->ncanceled + S->nnoshow,
		        S->ncanceled + S->nnoshow == 1 ? "" : "s", S->ncanceled, S->nnoshow);
	if (S->nstate_id)
		fu_warn("%s: note: %lu order%s skipped whose %s held a state's id, not its name: not "
		        "known to be paid (--order-status '=purchase' takes them)", in, S->nstate_id,
		        S->nstate_id == 1 ? "" : "s", S->h.names[S->m.src[T_FINSTATUS]]);
	if (S->nnever_paid)
		fu_warn("%s: note: %lu order%s cancelled before %s paid (like %s) skipped: never bought, "
		        "so no refund of %s is written", in, S->nnever_paid,
		        S->nnever_paid == 1 ? "" : "s", S->nnever_paid == 1 ? "it was" : "they were",
		        S->never_paid_ex, S->nnever_paid == 1 ? "it" : "them");
	if (S->ntest_mode)
		fu_warn("%s: note: %lu test-mode charge%s (like %s) skipped: a charge of the payment "
		        "processor's test mode (Stripe's Mode Test, Livemode false) is no customer's "
		        "purchase and gets no thank-you", in, S->ntest_mode,
		        S->ntest_mode == 1 ? "" : "s", S->test_mode_ex);
	if (S->nfailed_pay)
		fu_warn("%s: note: %lu order%s skipped as not paid by %s payment's state (like %s): no "
		        "purchase, nothing to thank for", in, S->nfailed_pay, S->nfailed_pay == 1 ? "" : "s",
		        S->nfailed_pay == 1 ? "its" : "their", S->failed_pay_ex);
	if (S->nunpaid)
		fu_warn("%s: note: %lu order%s with an empty %s (like %s) skipped: not paid yet "
		        "(--order-status '=purchase' takes them)", in, S->nunpaid,
		        S->nunpaid == 1 ? "" : "s", S->h.names[S->m.src[T_PAID]], S->unpaid_ex);
	if (S->nanp)
		fu_warn("%s: note: %lu national phone number%s written as North America writes them "
		        "(like '%s') read as US (+1), not as %s%s%s%s: give --country "
		        "if they are not", in, S->nanp, S->nanp == 1 ? "" : "s", S->nanp_ex,
		        im->country_why[0] ? "" : "the default --country ", im->o.country,
		        im->country_why[0] ? ", " : "", im->country_why);
	if (S->nphone_na)
		fu_warn("%s: note: %lu phone number%s of ten digits without a country code (like '%s') "
		        "read as North American (+1), not as %s%s%s%s: the column's numbers with a code "
		        "are mostly +1, or the file's zones, currencies and countries North American "
		        "(--explain says which); give --country if they are not", in, S->nphone_na,
		        S->nphone_na == 1 ? "" : "s", S->phone_na_ex,
		        im->country_why[0] ? "" : "the default --country ", im->o.country,
		        im->country_why[0] ? ", " : "", im->country_why);
	/* the default told for any list (a list in another language: above) */
	if (S->national && !list_language_abroad(im, S))
		fu_warn("%s: note: %lu national phone number%s (like '%s') read as %s, %s, as %s "
		        "(no tz is derived from them): give --country, or a country column, if they "
		        "are not",
		        in, S->national, S->national == 1 ? "" : "s", S->national_ex, im->o.country,
		        im->country_why[0] ? im->country_why : "the default --country", S->use[T_COUNTRY] ? "their row's country is empty"
		                                           : "the input has no country column");
	for (size_t k = 0; k < NDATES; k++) {
		int t = date_targets[k];
		if (S->use[t] && S->order_guessed[t])
			fu_warn("%s: note: %s: its %lu a/b/yyyy date%s could be read either way; %s: give "
			        "--date-order if that is wrong", in, S->h.names[S->m.src[t]], S->order_guessed[t],
			        S->order_guessed[t] == 1 ? "" : "s", S->order_why[t]);
	}
	if (S->nmst)
		fu_warn("%s: note: %lu tz value%s 'MST' read as America/Denver (Mountain Time, with its "
		        "daylight saving); Arizona keeps MST all year: write America/Phoenix (or "
		        "Arizona) for a contact there", in, S->nmst, S->nmst == 1 ? "" : "s");
	if (S->nzone_open)
		fu_warn("%s: note: %lu contact%s of a country of several time zones (like %s) and no "
		        "state or province we know: tz left empty (fu-schedule then keeps their send "
		        "window in its own zone)", in, S->nzone_open, S->nzone_open == 1 ? "" : "s",
		        S->zone_open_example);
	if (S->nnaive)
		fu_warn("%s: note: %lu order time%s without an offset (like %s): read in each buyer's "
		        "own zone; if the shop wrote them in its zone, give --source-tz ZONE", in, S->nnaive,
		        S->nnaive == 1 ? "" : "s", S->naive_ex);
	if (S->nhouse_picked)
		fu_warn("%s: note: %lu event%s at an address several contacts share (--contacts) joined "
		        "the one %s buyer's name names", in, S->nhouse_picked, S->nhouse_picked == 1 ? "" : "s",
		        S->nhouse_picked == 1 ? "its" : "their");
	if (S->nclosed)
		fu_warn("%s: note: %lu ticket%s solved or closed: a ticket_closed written beside %s "
		        "ticket_opened; not counted as rows written", in, S->nclosed,
		        S->nclosed == 1 ? "" : "s", S->nclosed == 1 ? "its" : "each");
	if (S->npartial)
		fu_warn("%s: note: %lu order%s refunded in part: a refund of the amount refunded "
		        "written beside %s purchase; not counted as rows written", in, S->npartial,
		        S->npartial == 1 ? "" : "s", S->npartial == 1 ? "its" : "each");
	if (S->npartial_unknown)
		fu_warn("%s: note: %lu order%s refunded in part (like order %s) written as %s "
		        "purchase%s of the whole amount: the export has no column of the amount "
		        "refunded", in, S->npartial_unknown, S->npartial_unknown == 1 ? "" : "s",
		        S->partial_unknown_ex, S->npartial_unknown == 1 ? "a" : "",
		        S->npartial_unknown == 1 ? "" : "s");
	if (S->nempty_no)
		fu_warn("%s: note: %lu contact%s with an empty \"%s\" taken as not opted in "
		        "(unsubscribed yes): other rows of that opt-in column give consent, so an "
		        "empty cell is a box not ticked", in, S->nempty_no,
		        S->nempty_no == 1 ? "" : "s", S->h.names[S->empty_no_col]);
	if (S->nguess_unread > 1)
		fu_warn("%s: note: %lu rows' \"%s\" (a consent column known by its words) held "
		        "values not understood and not read, as told for the first", in,
		        S->nguess_unread, S->h.names[S->guess_col]);
	/* a list's status that held consent words in some rows and other words
	 * in others: those others were not read (trials9/15) */
	if (S->nlist_unread && S->nlist_known)
		fu_warn("%s: note: %lu %s \"%s\" held a word that is no opt-out or consent word we "
		        "know (like '%s', line %ld): not read as an opt-out, so those contacts stay "
		        "subscribed unless another column says otherwise", in, S->nlist_unread,
		        S->nlist_unread == 1 ? "row's" : "rows'", S->h.names[S->list_col], S->list_ex,
		        S->list_line);
	if (S->nrecord_status)
		fu_warn("%s: note: %lu %s \"%s\" said '%s' (line %ld) or the like: a word about the "
		        "record (a contact shelved, as Zoho Books' Inactive; a membership or an order "
		        "cancelled), not about e-mail consent: not read as an opt-out", in,
		        S->nrecord_status, S->nrecord_status == 1 ? "row's" : "rows'",
		        S->h.names[S->record_status_col], S->record_status_ex, S->record_status_line);
	/* (the no-consent ones have a note of their own) */
	if (S->nnewsletter_out)
		fu_warn("%s: note: \"%s\" read as a newsletter tool's subscriber status (Beehiiv's: "
		        "every value a subscriber state): %lu row%s said inactive, invalid or the like, "
		        "an opt-out there (unsubscribed yes); if it is a CRM's own status, rename the "
		        "column (as crm_status) and it is not read so", in,
		        S->h.names[S->newsletter_col - 1], S->nnewsletter_out,
		        S->nnewsletter_out == 1 ? "" : "s");
	if (S->paypal)
		tell_paypal(im, S, in);
	if (S->nunsub)
		fu_warn("%s: note: %lu unsubscribe event%s written beside the purchases, for buyers "
		        "who declined marketing (\"%s\"); not counted as rows written", in, S->nunsub,
		        S->nunsub == 1 ? "" : "s", S->h.names[S->use[T_OPTIN] ? S->m.src[T_OPTIN] : S->dnc_col]);
}

void fu_import_end(fu_import *im, fu_csv_writer *w)
{
	struct source *S = im->cur;
	im->w = w;
	int got = im->last_got;
	prefetch_stop(im->pf);
	im->pf = NULL;
	part_flush(im);
	typed_release(im);
	fu_buf_clear(&im->typed_block); /* an order's rows are one block in one input */
	im->block_n = 0;
	if (im->orders) {
		fu_buf *held = fu_orders_release(im->orders);
		if (held)
			write_order(im, held);
	}
	if (got < 0)
		worse(im, FU_EXIT_USAGE);
	if (S->d.read_errno) {
		fu_warn("%s: read error: %s", fu_input_name(S->path), strerror(S->d.read_errno));
		worse(im, FU_EXIT_USAGE);
	}
	if (S->d.bad_bytes) {
		fu_warn("%s: %lu bytes are not %s; each was read as U+FFFD", fu_input_name(S->path),
		        S->d.bad_bytes, S->d.switched[0] ? S->d.switched : S->d.encoding);
		worse(im, FU_EXIT_DATA);
	}
	const char *lang = S->national ? list_language_abroad(im, S) : NULL;
	if (lang)
		fu_warn_at(S->path, S->national_line,
		           "note: the headers are %s, and %lu phone number%s without a country code "
		           "(like '%s') %s read as %s numbers, %s: give --country (or a "
		           "country column) for the list's country",
		           lang, S->national, S->national == 1 ? "" : "s", S->national_ex,
		           S->national == 1 ? "was" : "were", im->o.country,
		           im->country_why[0] ? im->country_why : "the default");
	fu_warn_caps_flush(S->path);
	tell_input_notes(im, S);
	close_source(S);
}

/* has an ISO date-time a UTC offset or Z (after its date)? */
static int has_offset(const char *s)
{
	size_t n = strlen(s);
	return n > 10 && (strchr(s + 10, 'Z') || strchr(s + 10, '+') || strchr(s + 10, '-'));
}

static int earlier(const char *a, const char *b)
{
	/* local dates and times in ISO form sort as text: no zone lookup */
	if (!has_offset(a) && !has_offset(b))
		return strcmp(a, b) < 0;
	fu_time ta, tb;
	const char *why;
	if (fu_parse_time(a, NULL, &ta, &why) == 0 && fu_parse_time(b, NULL, &tb, &why) == 0)
		return ta.t < tb.t;
	return strcmp(a, b) < 0;
}

/* Rows of one contact: each column keeps its first value, created and an
 * opt-out time their earliest (a date beats a bare yes); the id the smaller
 * one, whatever the rows' order; the ids, e-mails and phones not kept, and
 * every row's aliases, are the contact's aliases. */
static int fold(fu_buf *merged, const fu_buf *other, void *arg)
{
	fu_import *im = arg;
	size_t aliases = merged[T_ALIASES].len; /* (they only grow) */
	int changed = 0;
	for (size_t c = 0; c < im->ncols; c++) {
		fu_buf *m = &merged[c];
		const fu_buf *o = &other[c];
		if (!o->len)
			continue;
		if (c == T_ALIASES) {
			alias_add_list(m, o->data);
		} else if (!m->len) {
			fu_buf_add(m, o->data, o->len);
			changed = 1;
		} else if ((c == T_ID || c == T_EMAIL || c == T_PHONE) &&
		           (m->len != o->len || strncasecmp(m->data, o->data, m->len) != 0)) {
			if (c == T_ID && id_before(o, m)) {
				alias_add(&merged[T_ALIASES], m->data, m->len);
				fu_buf_clear(m);
				fu_buf_add(m, o->data, o->len);
				changed = 1;
			} else {
				alias_add(&merged[T_ALIASES], o->data, o->len);
			}
		} else if (c == T_UNSUB && (fu_unsub_no_consent(m->data, m->len) ||
		                            fu_unsub_no_consent(o->data, o->len))) {
			/* no consent known (a list fu wrote, no --opt-in-list now):
			 * any opt-out the person gave is worth more */
			if (!fu_unsub_no_consent(o->data, o->len)) {
				fu_buf_clear(m);
				fu_buf_add(m, o->data, o->len);
				changed = 1;
			}
		} else if (c == T_CREATED || c == T_UNSUB || (long)c == im->sms_unsubscribed) {
			int myes = m->data[0] == 'y' && strcmp(m->data, "yes") == 0,
			    oyes = o->data[0] == 'y' && strcmp(o->data, "yes") == 0;
			if ((myes && !oyes) || (!myes && !oyes && earlier(o->data, m->data))) {
				fu_buf_clear(m);
				fu_buf_add(m, o->data, o->len);
				changed = 1;
			}
		}
	}
	return changed || merged[T_ALIASES].len != aliases;
}

/* ROW, without a CRM id, kept apart from a contact with the same KEY
 * column: the id derived from the key and the name when SEEN had the key */
static void id_apart(fu_map *seen, int key, fu_buf *row)
{
	int added;
	fu_map_put(seen, row[key].data, row[key].len, &added);
	if (added)
		return;
	fu_buf k = {0};
	fu_buf_printf(&k, "%s %s %s", row[key].data, row[T_FIRST].len ? row[T_FIRST].data : "",
	              row[T_LAST].len ? row[T_LAST].data : "");
	char id[17];
	norm_contact_id(k.data, k.len, id);
	fu_buf_adds(&row[T_ID], id);
	fu_buf_free(&k);
}

/* --opt-in-list: is a row of a consent list this contact's (its e-mail,
 * phone or an alias)? */
static int in_map(const fu_map *m, const fu_buf *row)
{
	for (int t = 0; t < 2; t++) {
		const fu_buf *k = &row[t == 0 ? T_EMAIL : T_PHONE];
		if (k->len && fu_map_get(m, k->data, k->len) >= 0)
			return 1;
	}
	const char *list = row[T_ALIASES].len ? row[T_ALIASES].data : "", *a;
	size_t n;
	while (fu_alias_next(&list, &a, &n))
		if (fu_map_get(m, a, n) >= 0)
			return 1;
	return 0;
}

/* ... or did a row of another input give consent of its own (counted)? */
static int listed(fu_import *im, const fu_buf *row)
{
	if (in_map(&im->listed, row))
		return 1;
	if (fu_map_count(&im->consented) == 0 || !in_map(&im->consented, row))
		return 0;
	im->nconsented++;
	return 1;
}

/* A contact with an opt-out one of whose rows (another e-mail, joined by
 * phone and name: re-subscribed under a new address) gave consent with a
 * time: the newest wins, as --previous undoes an opt-out (keep_optout).
 * Consent after the latest dated opt-out of its keys: subscribed; else, or
 * with an opt-out without a date (which cannot be ordered), the opt-out
 * stands.  Both counted (a kept one when this run dated it), the first
 * told. */
static void newest_consent(fu_import *im, fu_buf *row)
{
	const char *given = key_time_of(&im->consent_times, row);
	if (!given[0] || fu_unsub_no_consent(row[T_UNSUB].data, row[T_UNSUB].len))
		return;
	const char *key = row[T_EMAIL].len ? row[T_EMAIL].data : row[T_PHONE].data;
	const char *out = key_time_of(&im->optout_times, row);
	if (!out[0] && isdigit((unsigned char)row[T_UNSUB].data[0]))
		out = row[T_UNSUB].data;
	if (out[0] && earlier(out, given)) {
		if (!im->nresub_merged++)
			fu_buf_printf(&im->resub_merged_ex, "%s: unsubscribed %s, consent %s", key, out, given);
		fu_buf_clear(&row[T_UNSUB]);
		return;
	}
	if (!out[0] || out == row[T_UNSUB].data)
		return; /* not this run's dated opt-out: --previous tells its own */
	if (!im->nkept_merged++)
		fu_buf_printf(&im->kept_merged_ex, "%s: unsubscribed %s, consent %s", key, out, given);
}

static void emit_merged(fu_buf *row, size_t c, void *arg)
{
	fu_import *im = arg;
	/* people kept apart though they share a phone, or an e-mail: the first
	 * one's id is the key's, a later one's derived from the key and the
	 * name, ids stay unique */
	if (im->napart && !row[T_ID].len && !row[T_EMAIL].len)
		id_apart(&im->phone_ids, T_PHONE, row);
	if (im->nhousehold && !row[T_ID].len && row[T_EMAIL].len)
		id_apart(&im->mail_ids, T_EMAIL, row);
	derive_id(row);
	if (id_unique(im, row))
		fu_warn_capped("id another contact's", NULL, 0, 0, "note: %s", im->id_note.data);
	if (im->prev.n)
		carry_aliases(im, row);
	if ((im->nsubaddr || im->nhousehold) && fu_map_count(&im->mailboxes))
		mailbox_optout(im, row);
	if (row[T_UNSUB].len && row[T_ALIASES].len && fu_map_count(&im->consent_times.keys))
		newest_consent(im, row); /* (one made of rows of several keys) */
	if (im->o.noptin_lists && !row[T_UNSUB].len && !listed(im, row)) {
		fu_buf_adds(&row[T_UNSUB], FU_NO_CONSENT);
		if (!im->nunlisted++)
			fu_buf_adds(&im->unlisted_ex, row[T_EMAIL].len ? row[T_EMAIL].data : row[T_PHONE].data);
	}
	alias_drop_own(row, &im->tmp, im->merge, c, &im->other_alias);
	write_row(im, row);
}

/* --previous: the opt-outs kept and undone (keep_optout), counted */
static void optouts_told(const fu_import *im)
{
	const struct previous *pv = &im->prev;
	if (pv->nkept)
		fu_warn("note: --previous: %lu contact%s kept the opt-out the previous list had: no "
		        "input of this run gives %s one (like %s)", pv->nkept, pv->nkept == 1 ? "" : "s",
		        pv->nkept == 1 ? "it" : "them", pv->kept_ex.data);
	if (pv->nkept_said)
		fu_warn("note: --previous: %lu of them an input gives as subscribed, with no consent "
		        "time after the opt-out (a shop's own 'accepts marketing' may never have heard "
		        "of it): an opt-out stands until a source says subscribed at a later time (or "
		        "it is taken out of the previous list)", pv->nkept_said);
	if (pv->nsms_kept)
		fu_warn("note: --previous: %lu contact%s kept the opt-out of texts (sms_unsubscribed) "
		        "the previous list had: no input of this run gives %s one (like %s)",
		        pv->nsms_kept, pv->nsms_kept == 1 ? "" : "s", pv->nsms_kept == 1 ? "it" : "them",
		        pv->sms_kept_ex.data);
	if (pv->nresub)
		fu_warn("note: --previous: %lu contact%s the previous list had as unsubscribed %s "
		        "subscribed again: consent given after the opt-out (like %s)", pv->nresub,
		        pv->nresub == 1 ? "" : "s", pv->nresub == 1 ? "is" : "are", pv->resub_ex.data);
}

/* the contacts whose id an earlier one had, counted (id_unique) */
static void ids_told(fu_import *im)
{
	fu_warn_caps_flush(NULL); /* the notes of id_unique, before the counts */
	if (im->nscientific)
		fu_warn("note: %lu id%s or phone%s in scientific notation (like 9.87654E+09): a "
		        "spreadsheet such as Excel showed long numbers so and saved what it showed, the "
		        "digits past the sixth lost; open the CSV with those columns as text, or export "
		        "it again from the CRM", im->nscientific, im->nscientific == 1 ? "" : "s",
		        im->nscientific == 1 ? "" : "s");
	if (im->nid_taken)
		fu_warn("note: %lu contact%s had an id an earlier contact, another person, had (two "
		        "CRMs' ids, or ids a spreadsheet damaged): written with %s of %s own, derived "
		        "from the e-mail or phone", im->nid_taken, im->nid_taken == 1 ? "" : "s",
		        im->nid_taken == 1 ? "an id" : "ids", im->nid_taken == 1 ? "its" : "their");
	if (im->nid_twice)
		fu_warn("note: %lu contact%s had the id and the name of an earlier contact but another "
		        "e-mail or phone: written with the same id (one person twice in the CRM?)",
		        im->nid_twice, im->nid_twice == 1 ? "" : "s");
}

/* ---- merged contacts written in two threads ---------------------------------
 * Once the input is read, the merged contacts are written in chunks: the
 * main thread formats the even chunks itself and writes the odd ones as a
 * helper thread formatted them into memory, in order, two at most held.
 * Only when each contact's row depends on nothing but itself: none kept
 * apart (their ids depend on the order), no id read with two keys
 * (id_clash), no --previous, nothing spilled. */
enum { EMIT_CHUNK = 4096 };

struct emitter {
	fu_import *im;
	size_t ncontacts, nchunks;
	int excel_safe;
	struct other_alias other; /* the helper's (final_row) */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct {
		fu_buf text;
		FILE *fp; /* writes into text (emit_to_text) */
		int ready; /* formatted and not written yet */
	} slot[2];
};

static ssize_t emit_to_text(void *cookie, const char *p, size_t n)
{
	fu_buf_add(cookie, p, n);
	return (ssize_t)n;
}

/* Contact C's row as written (emit_merged, with no one kept apart and no
 * --previous), as views into the merge's memory (nothing copied): the id
 * derived into ID when it has none, the aliases not its own into ALIASES
 * (TMP their list as stored, NUL-terminated for fu_alias_next) */
static void final_row(const fu_merge *m, size_t c, fu_buf *view, char id[17], fu_buf *aliases,
                      fu_buf *tmp, struct other_alias *other)
{
	fu_merge_view(m, c, view);
	if (!view[T_ID].len) {
		const fu_buf *key = view[T_EMAIL].len ? &view[T_EMAIL] : &view[T_PHONE];
		norm_contact_id(key->data, key->len, id);
		view[T_ID] = (fu_buf){id, strlen(id), 0};
	}
	if (view[T_ALIASES].len) {
		fu_buf_clear(tmp);
		fu_buf_add(tmp, view[T_ALIASES].data, view[T_ALIASES].len);
		fu_buf_clear(aliases);
		aliases_not_own(view, tmp->data, aliases, m, c, other);
		view[T_ALIASES] = *aliases;
	}
}

static void *emit_worker(void *arg)
{
	struct emitter *e = arg;
	const fu_import *im = e->im;
	fu_buf *row = fu_xcalloc(im->ncols, sizeof *row), aliases = {0}, tmp = {0};
	char id[17];
	for (size_t ch = 1; ch < e->nchunks; ch += 2) {
		size_t k = ch / 2 % 2;
		pthread_mutex_lock(&e->mu);
		while (e->slot[k].ready)
			pthread_cond_wait(&e->cv, &e->mu);
		pthread_mutex_unlock(&e->mu);
		fu_buf_clear(&e->slot[k].text);
		fu_csv_writer w;
		fu_csv_writer_init(&w, e->slot[k].fp, e->excel_safe);
		size_t end = (ch + 1) * EMIT_CHUNK < e->ncontacts ? (ch + 1) * EMIT_CHUNK : e->ncontacts;
		for (size_t c = ch * EMIT_CHUNK; c < end; c++) {
			final_row(im->merge, c, row, id, &aliases, &tmp, &e->other);
			fu_csv_row_bufs(&w, row, im->ncols);
		}
		fflush(e->slot[k].fp);
		pthread_mutex_lock(&e->mu);
		e->slot[k].ready = 1;
		pthread_cond_broadcast(&e->cv);
		pthread_mutex_unlock(&e->mu);
	}
	free(row); /* (views) */
	fu_buf_free(&aliases);
	fu_buf_free(&tmp);
	return NULL;
}

/* the merged contacts written in two threads; -1 (nothing written) when
 * they cannot be, or it is not worth it */
static int emit_in_two(fu_import *im)
{
	fu_merge *m = im->merge;
	size_t n = fu_merge_contacts(m);
	/* (contacts folded into another: numbers to skip, rows to count) */
	if (!im->threaded || im->w->jsonl || fu_merge_spilled(m) || fu_merge_linked(m) || im->napart ||
	    im->nhousehold || (im->nsubaddr && fu_map_count(&im->mailboxes)) ||
	    im->prev.n || im->o.noptin_lists || im->ids_clash || n < 4 * EMIT_CHUNK)
		return -1;
	struct emitter *e = fu_xcalloc(1, sizeof *e);
	e->im = im;
	e->ncontacts = n;
	e->nchunks = (n + EMIT_CHUNK - 1) / EMIT_CHUNK;
	e->excel_safe = im->w->excel_safe;
	for (int k = 0; k < 2; k++)
		e->slot[k].fp = fopencookie(&e->slot[k].text, "w",
		                            (cookie_io_functions_t){.write = emit_to_text});
	pthread_t t;
	int ok = e->slot[0].fp && e->slot[1].fp;
	if (ok) {
		pthread_mutex_init(&e->mu, NULL);
		pthread_cond_init(&e->cv, NULL);
		ok = pthread_create(&t, NULL, emit_worker, e) == 0;
		if (!ok) {
			pthread_mutex_destroy(&e->mu);
			pthread_cond_destroy(&e->cv);
		}
	}
	if (ok) {
		fu_buf *row = fu_xcalloc(im->ncols, sizeof *row), aliases = {0};
		char id[17];
		for (size_t ch = 0; ch < e->nchunks; ch++) {
			size_t end = (ch + 1) * EMIT_CHUNK < n ? (ch + 1) * EMIT_CHUNK : n;
			if (ch % 2 == 0) {
				for (size_t c = ch * EMIT_CHUNK; c < end; c++) {
					final_row(m, c, row, id, &aliases, &im->tmp, &im->other_alias);
					write_row(im, row);
				}
				continue;
			}
			size_t k = ch / 2 % 2;
			pthread_mutex_lock(&e->mu);
			while (!e->slot[k].ready)
				pthread_cond_wait(&e->cv, &e->mu);
			pthread_mutex_unlock(&e->mu);
			fwrite_unlocked(e->slot[k].text.data, 1, e->slot[k].text.len, im->w->fp);
			im->nwrote += end - ch * EMIT_CHUNK;
			pthread_mutex_lock(&e->mu);
			e->slot[k].ready = 0;
			pthread_cond_broadcast(&e->cv);
			pthread_mutex_unlock(&e->mu);
		}
		pthread_join(t, NULL);
		im->other_alias.n += e->other.n;
		if (!im->other_alias.ex.len && e->other.ex.len)
			fu_buf_add(&im->other_alias.ex, e->other.ex.data, e->other.ex.len);
		fu_buf_free(&e->other.ex);
		pthread_mutex_destroy(&e->mu);
		pthread_cond_destroy(&e->cv);
		free(row); /* (views) */
		fu_buf_free(&aliases);
	}
	for (int k = 0; k < 2; k++) {
		if (e->slot[k].fp)
			fclose(e->slot[k].fp);
		fu_buf_free(&e->slot[k].text);
	}
	free(e);
	return ok ? 0 : -1;
}

int fu_import_finish(fu_import *im, fu_csv_writer *w)
{
	im->w = w;
	for (size_t i = 0; i < fu_map_count(&im->retimed); i++)
		write_row(im, &im->retimed_rows[i * im->ncols]);
	if (im->nagain)
		fu_warn("note: %lu row%s of orders (payments, refunds) read before (exports that overlap, "
		        "a row repeated): counted as merged, none written twice; the first at %s; "
		        "--explain names each", im->nagain,
		        im->nagain == 1 ? "" : "s", im->again_first.data);
	if (im->nreward_sent)
		fu_warn("note: %lu referral%s say%s the reward was sent (the first at %s): a reward event "
		        "written beside %s, for fu-referrals' perks_given; not counted as rows written",
		        im->nreward_sent, im->nreward_sent == 1 ? "" : "s", im->nreward_sent == 1 ? "s" : "",
		        im->reward_at, im->nreward_sent == 1 ? "it" : "each");
	if (im->nreward_no_amount)
		fu_warn("note: %lu of those rewards %s no amount (the first at %s; the export has no Reward "
		        "Amount): written without a value, which fu-referrals counts as one perk of its "
		        "per rule's amount", im->nreward_no_amount, im->nreward_no_amount == 1 ? "has" : "have",
		        im->no_amount_at);
	if (im->nkept_time)
		fu_warn("note: %lu order%s paid a day or more after %s placed kept the time of an older "
		        "export that showed %s a purchase already (authorised, or part paid)",
		        im->nkept_time, im->nkept_time == 1 ? "" : "s",
		        im->nkept_time == 1 ? "it was" : "they were", im->nkept_time == 1 ? "it" : "them");
	for (size_t k = 0; k < sizeof im->unsettled / sizeof im->unsettled[0] && im->unsettled[k].n; k++) {
		const struct unsettled *u = &im->unsettled[k];
		fu_buf choices = {0};
		norm_currency_choices(u->sign, &choices);
		fu_warn("note: %lu amount%s written with '%s' (the first at %s), a sign several currencies "
		        "use (%s): kept as '%s' in the currency column; --currency names the one meant%s",
		        u->n, u->n == 1 ? "" : "s", u->sign, u->at, choices.data, u->sign,
		        im->o.currency ? " (the one given is not among them)" : "");
		fu_buf_free(&choices);
	}
	if (im->currency_lost) { /* kept without what they said: exit 1 */
		worse(im, FU_EXIT_DATA);
		fu_warn("warning: %lu amount%s currency (the first at %s) but no currency column "
		        "is written: the first 256 KiB of standard input named none; read the file by its "
		        "name, or give --currency",
		        im->currency_lost, im->currency_lost == 1 ? " names its" : "s name their",
		        im->currency_lost_at.data);
	}
	if (im->ncurrencies > 1) {
		fu_buf list = {0};
		for (int k = 0; k < im->ncurrencies; k++)
			fu_buf_printf(&list, "%s%s", k ? ", " : "", im->currencies[k]);
		fu_warn("warning: amounts in several currencies (%s%s): each event keeps its own in "
		        "the currency column; a sum of their values (fu-churn, fu-referrals) mixes them",
		        list.data, im->more_currencies ? " and more" : "");
		fu_buf_free(&list);
	}
	if (!im->merge) {
		ids_told(im);
		return 0;
	}
	fu_buf err = {0};
	int rc = emit_in_two(im) == 0 ? 0 : fu_merge_replay(im->merge, emit_merged, im, &err);
	if (rc != 0) {
		fu_warn("%s", err.data);
		worse(im, FU_EXIT_USAGE);
	}
	ids_told(im);
	if (im->other_alias.n)
		fu_warn("note: %lu alias%s dropped: another contact's e-mail (like %s; an address "
		        "given beside the person's own, in one cell or carried from before): the "
		        "events at it are that contact's alone", im->other_alias.n,
		        im->other_alias.n == 1 ? "" : "es", im->other_alias.ex.data);
	if (im->prev.nby_phone)
		fu_warn("note: --previous: %lu contact%s whose id and e-mail the previous list did not "
		        "have, but a contact with the same phone and name (or Mailchimp member id), carr%s "
		        "its keys in aliases "
		        "(like %s)", im->prev.nby_phone, im->prev.nby_phone == 1 ? "" : "s",
		        im->prev.nby_phone == 1 ? "ies" : "y", im->prev.by_phone_ex.data);
	if (im->prev.nlone)
		fu_warn("note: --previous: %lu contact%s with an e-mail this run joined to one the previous "
		        "list knew by its phone alone: %s keys (its id) in aliases and %s opt-out "
		        "(like %s)", im->prev.nlone, im->prev.nlone == 1 ? "" : "s",
		        im->prev.nlone == 1 ? "its" : "their", im->prev.nlone == 1 ? "its" : "their",
		        im->prev.lone_ex.data);
	if (im->prev.njoined)
		fu_warn("note: --previous: %lu row%s merged into a contact with another e-mail: both "
		        "are one contact of the previous list (by id, e-mail, member id, or phone and "
		        "name), whose address changed in one export and not in another; the other "
		        "e-mail is kept in aliases (like %s)",
		        im->prev.njoined, im->prev.njoined == 1 ? "" : "s", im->prev.joined_ex.data);
	if (im->nunlisted)
		fu_warn("note: --opt-in-list: %lu contact%s in no list of consent written unsubscribed "
		        "%s: no consent given, no marketing (like %s); not an opt-out: one who "
		        "joins the list later is subscribed", im->nunlisted,
		        im->nunlisted == 1 ? "" : "s", FU_NO_CONSENT, im->unlisted_ex.data);
	if (im->nmailbox)
		fu_warn("note: %lu contact%s unsubscribed by an opt-out at the same mailbox (a +tag "
		        "sub-address of the e-mail, or the address itself, or another person's at one "
		        "address): mail to either reaches the person who said no (like %s)",
		        im->nmailbox, im->nmailbox == 1 ? "" : "s", im->mailbox_ex.data);
	if (im->nresub_merged)
		fu_warn("note: %lu contact%s merged from rows with an opt-out and rows giving consent "
		        "(another e-mail of the same person, joined by phone and name: re-subscribed) %s "
		        "subscribed: the consent is newer than the opt-out (like %s)", im->nresub_merged,
		        im->nresub_merged == 1 ? "" : "s", im->nresub_merged == 1 ? "is" : "are",
		        im->resub_merged_ex.data);
	if (im->nkept_merged)
		fu_warn("note: %lu contact%s merged from rows with an opt-out and rows giving consent "
		        "stay%s unsubscribed: the opt-out is newer (like %s)",
		        im->nkept_merged, im->nkept_merged == 1 ? "" : "s", im->nkept_merged == 1 ? "s" : "",
		        im->kept_merged_ex.data);
	if (im->nconsented)
		fu_warn("note: --opt-in-list: %lu contact%s in no list of consent, but %s gave "
		        "consent in another input (an opt-in flag yes, a consent status subscribed): "
		        "subscribed", im->nconsented, im->nconsented == 1 ? "" : "s",
		        im->nconsented == 1 ? "its row" : "their rows");
	optouts_told(im);
	fu_buf_free(&err);
	return rc;
}

void fu_import_ledger_get(const fu_import *im, fu_import_ledger *l)
{
	l->read = im->nread;
	l->wrote = im->nwrote;
	l->merged = im->nmerged;
	l->rejected = im->nrejected;
	l->above = 0;
	for (int i = 0; i < im->nsrc; i++)
		l->above += im->src[i].above;
	l->status = im->status;
}

int fu_import_merge_stats(const fu_import *im, unsigned long *contacts, size_t *memory,
                          uint64_t *spilled)
{
	if (!im->merge)
		return -1;
	fu_merge_stats st;
	fu_merge_stats_get(im->merge, &st);
	*contacts = st.contacts;
	*memory = st.memory;
	*spilled = st.spilled;
	return 0;
}

void fu_import_close(fu_import *im)
{
	if (!im)
		return;
	if (im->pf)
		prefetch_stop(im->pf);
	for (int i = 0; i < im->nsrc; i++) {
		struct source *S = &im->src[i];
		if (S->open)
			close_source(S);
		fu_header_free(&S->h);
		free(S->out_of);
		free(S->src_of_out);
		free(S->line_cell);
		free(S->colflags);
	}
	free(im->src);
	free(im->line_joined);
	for (size_t c = 0; c < im->ncols; c++) {
		free(im->colnames[c]);
		if (im->val)
			fu_buf_free(&im->val[c]);
	}
	free(im->colnames);
	fu_map_free(&im->colmap);
	fu_map_free(&im->phone_ids);
	fu_map_free(&im->mail_ids);
	fu_map_free(&im->written_ids);
	fu_map_free(&im->input_ids);
	fu_buf_free(&im->id_note);
	fu_household_free(im->household);
	fu_map_free(&im->prev.ids);
	fu_map_free(&im->prev.mails);
	fu_map_free(&im->prev.own);
	fu_map_free(&im->prev.phones);
	free(im->prev.phone_row);
	fu_map_free(&im->prev.lone);
	free(im->prev.lone_row);
	free(im->prev.lone_names_at);
	fu_buf_free(&im->prev.lone_names);
	fu_buf_free(&im->prev.lone_ex);
	fu_buf_free(&im->prev.by_phone_ex);
	fu_buf_free(&im->prev.optout);
	free(im->prev.optout_at);
	fu_buf_free(&im->prev.sms_optout);
	free(im->prev.sms_optout_at);
	fu_buf_free(&im->prev.sms_kept_ex);
	fu_map_free(&im->prev.said);
	fu_buf_free(&im->prev.said_text);
	free(im->prev.said_at);
	fu_buf_free(&im->prev.kept_ex);
	fu_buf_free(&im->prev.resub_ex);
	for (int k = 0; k < 2; k++) {
		fu_map_free(&im->prev.members[k]);
		free(im->prev.member_row[k]);
	}
	free(im->prev.person_at);
	fu_buf_free(&im->prev.created);
	fu_map_free(&im->listed);
	fu_map_free(&im->consented);
	for (int k = 0; k < 2; k++) {
		struct key_times *kt = k ? &im->consent_times : &im->optout_times;
		fu_map_free(&kt->keys);
		fu_buf_free(&kt->text);
		free(kt->at);
	}
	fu_buf_free(&im->resub_merged_ex);
	fu_buf_free(&im->kept_merged_ex);
	fu_buf_free(&im->unlisted_ex);
	fu_map_free(&im->mailboxes);
	fu_buf_free(&im->mailbox_out);
	free(im->mailbox_at);
	fu_buf_free(&im->mailbox_ex);
	fu_buf_free(&im->mailbox_key);
	fu_buf_free(&im->log_mailbox);
	free(im->prev.created_at);
	fu_buf_free(&im->prev.person_text);
	fu_buf_free(&im->prev.person_key);
	if (im->prev.joined)
		for (size_t c = 0; c < im->ncols; c++)
			fu_buf_free(&im->prev.joined[c]);
	free(im->prev.joined);
	fu_buf_free(&im->prev.joined_ex);
	free(im->prev.id_row);
	free(im->prev.mail_row);
	free(im->prev.at);
	fu_buf_free(&im->prev.keys);
	free(im->val);
	free(im->view); /* its values point into the relay's batches */
	free(im->log_cell);
	free(im->log_len);
	fu_merge_free(im->merge);
	fu_orders_free(im->orders);
	fu_buf_free(&im->reason);
	fu_buf_free(&im->tmp);
	fu_buf_free(&im->cell);
	fu_buf_free(&im->currency_lost_at);
	fu_buf_free(&im->name);
	fu_buf_free(&im->fin);
	fu_buf_free(&im->cancelled);
	fu_buf_free(&im->label);
	fu_buf_free(&im->return_why);
	free(im->sales);
	free(im->salehead);
	fu_buf_free(&im->item);
	fu_buf_free(&im->intl);
	fu_buf_free(&im->more_emails);
	fu_buf_free(&im->other_alias.ex);
	fu_buf_free(&im->buyer);
	fu_buf_free(&im->paid);
	fu_buf_free(&im->rows_at);
	for (size_t c = 0; c < im->fixcap; c++)
		fu_buf_free(&im->fix_cells[c]);
	free(im->fix_fields);
	free(im->fix_lens);
	free(im->fix_cells);
	for (size_t k = 0; k < sizeof im->pending / sizeof im->pending[0]; k++)
		fu_buf_free(&im->pending[k]);
	for (size_t c = 0; c < im->xlcap; c++)
		fu_buf_free(&im->xl_cells[c]);
	free(im->xl_fields);
	free(im->xl_lens);
	free(im->xl_cells);
	fu_buf_free(&im->keyreason);
	for (size_t r = 0; r < fu_map_count(&im->retimed) * im->ncols; r++)
		fu_buf_free(&im->retimed_rows[r]);
	free(im->retimed_rows);
	fu_map_free(&im->retimed);
	fu_map_free(&im->paypal_txns);
	fu_buf_free(&im->retimed_key);
	fu_map_free(&im->typed_seen);
	fu_buf_free(&im->typed_key);
	fu_buf_free(&im->again_first);
	fu_buf_free(&im->typed_held_key);
	fu_buf_free(&im->typed_held_order);
	fu_buf_free(&im->typed_line);
	fu_buf_free(&im->typed_block);
	free(im->block_rows);
	fu_map_free(&im->typed_refunds);
	for (size_t i = 0; i < im->refund_cap; i++)
		fu_buf_free(&im->refund_items[i]);
	free(im->refund_items);
	free(im->refund_sum);
	for (size_t c = 0; im->part.row && c < im->ncols; c++)
		fu_buf_free(&im->part.row[c]);
	free(im->part.row);
	fu_buf_free(&im->part.name);
	fu_buf_free(&im->part.buyer);
	fu_buf_free(&im->part.names);
	free(im->part.lines);
	free(im);
}

/* The header pattern table.  A header is normalised (lower-cased, including
 * Nordic letters; every run of characters that is not a letter or digit
 * becomes one space; trimmed) and compared with the patterns below; when
 * nothing matches, a leading "person", "contact", "kontakt", "customer",
 * "invitee" or "attendee" word is dropped (Pipedrive's "Person - Email", MiniCRM's "Contact: Email",
 * Lightspeed eCom's "Customer - Email Address") and it is tried again.  The earlier a pattern is in the table, the stronger it is: when two
 * headers match one column, the stronger pattern takes it and the other one
 * passes through unchanged. */
#include "headermap.h"
#include "norm.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const hm_target_name[T_COUNT] = {
	"id", "first_name", "last_name", "email", "phone", "company", "owner", "stage", "segment",
	"lang", "formal", "tz", "created", "unsubscribed", "aliases", "name", "opt_out", "opt_in", "consent",
	"contact_id", "when", "type", "value", "item", "note",
	"financial_status", "cancelled_at", "order", "country", "person", "business_id", "refunded",
	"customer", "paid", "lead_status", "region", "currency", "consent_at",
	"do_not_call", "ticket", "closed_at", "ticket_hint", "score", "referrer", "referred", "time",
	"quantity", "unit_price", "contact_type", "unsubscribe_reason", "suppression", "bounce",
	"sms_opt_out", "sms_opt_in", "sms_consent",
};

enum { C = HM_CONTACTS, E = HM_EVENTS, B = HM_CONTACTS | HM_EVENTS,
       MULTI = 4, /* its cells may hold several values */
       UTC = 8,   /* its times are UTC */
       INTL = 16, /* its phone numbers are international without the + */
       WEAK = 32, /* a consent column whose other words are not consent (HM_WEAK) */
       ORD = 64,  /* an order's or invoice's number by its name (not Shopify's
                     "Name" or Stripe's "id", which contacts have too) */
       MDY = 256, /* its a/b/yy dates are month first (HM_MDY) */
       ORDERS = 512, /* only beside an order number by its name: a header that
                        other lists have in another sense (Wix's "Date created"
                        is an order's date, a contact list's is its created) */
       LIST = 1024, /* an e-mail tool's subscriber state (HM_LIST) */
       DETAILS = 2048, /* BigCommerce's product list (HM_DETAILS) */
       NAMES = 4096, /* a name only when its values are names (HM_NAMES) */
       ALONE_FULL = 8192, /* the first name beside a last name, else the whole name (HM_ALONE_FULL) */
       GUESS = 128 /* not a header of the table: a consent column by its words
                      (consent_guess); its pattern is no normalised header */ };

static const struct pattern {
	int target, kinds;
	const char *pat, *from;
} table[] = {
	/* our own names first */
	{T_ID, C, "id", "fu's own name"},
	{T_FIRST, C, "first name", "fu's own name"},
	{T_LAST, C, "last name", "fu's own name"},
	{T_EMAIL, B, "email", "fu's own name"},
	{T_PHONE, B, "phone", "fu's own name"},
	{T_COMPANY, C, "company", "fu's own name"},
	{T_OWNER, C, "owner", "fu's own name"},
	{T_STAGE, C, "stage", "fu's own name"},
	{T_SEGMENT, C, "segment", "fu's own name"},
	{T_LANG, C, "lang", "fu's own name"},
	{T_FORMAL, C, "formal", "fu's own name"},
	{T_TZ, C, "tz", "fu's own name"},
	{T_CREATED, C, "created", "fu's own name"},
	{T_UNSUB, C, "unsubscribed", "fu's own name"},
	{T_ALIASES, C, "aliases", "fu's own name"},
	{T_CONTACT_ID, E, "contact id", "fu's own name"},
	{T_WHEN, E, "when", "fu's own name"},
	{T_TYPE, E, "type", "fu's own name"},
	{T_VALUE, E, "value", "fu's own name"},
	{T_ITEM, E, "item name", "WooCommerce orders"}, /* before "Item #" */
	{T_ITEM, E, "item", "fu's own name"},
	{T_NOTE, E, "note", "fu's own name"},
	/* Shopify orders export */
	{T_FINSTATUS, E, "financial status", "Shopify orders"},
	{T_CANCELLED, E, "cancelled at", "Shopify orders"},
	{T_ORDER, E, "name", "Shopify orders: the order's name"},
	{T_VALUE, E, "total", "Shopify orders"},
	{T_ITEM, E, "lineitem name", "Shopify orders"},
	{T_WHEN, E, "created at", "Shopify orders"},
	{T_PAID, E, "paid at", "Shopify orders"},
	{T_PHONE, E, "billing phone", "Shopify orders"},
	{T_PHONE, E, "shipping phone", "Shopify orders"},
	/* HubSpot contacts export */
	{T_ID, C, "record id", "HubSpot"},
	{T_EMAIL, B, "email address", "Mailchimp / HubSpot"},
	{T_PHONE, B, "phone number", "HubSpot / Mailchimp"},
	{T_PHONE, B, "mobile phone number", "HubSpot"},
	{T_COMPANY, C, "company name", "HubSpot"},
	{T_COMPANY, C, "associated company", "HubSpot"},
	{T_OWNER, C, "contact owner", "HubSpot"},
	{T_OWNER, C, "lead owner", "Close"},
	{T_STAGE, C, "lifecycle stage", "HubSpot"},
	{T_CREATED, C, "create date", "HubSpot"},
	/* Pipedrive people export ("Person - " dropped) */
	{T_NAME, C, "name", "Pipedrive / MiniCRM / English list"},
	{T_EMAIL, B, "email default", "Agile CRM"},
	{T_EMAIL, B, "email work", "Pipedrive"},
	{T_EMAIL, B, "email home", "Pipedrive"},
	{T_EMAIL, B, "email personal", "Copper / Agile CRM"},
	{T_EMAIL, B, "email other", "Pipedrive"},
	{T_PHONE, B, "phone mobile", "Pipedrive"},
	{T_PHONE, B, "phone work", "Pipedrive"},
	{T_PHONE, B, "phone home", "Pipedrive"},
	{T_PHONE, B, "phone other", "Pipedrive"},
	/* Copper people: "Phone Number - Mobile" */
	{T_PHONE, B, "phone number mobile", "Copper"},
	{T_PHONE, B, "phone number work", "Copper"},
	{T_PHONE, B, "phone number home", "Copper"},
	{T_PHONE, B, "phone number other", "Copper"},
	{T_PHONE, B, "phone default", "Agile CRM"},
	{T_COMPANY, C, "organization", "Pipedrive"},
	{T_COMPANY, C, "organization name", "Pipedrive"},
	{T_STAGE, C, "label", "Pipedrive"},
	{T_CREATED, C, "person created", "Pipedrive"},
	{T_CREATED, C, "add time", "Pipedrive"},
	{T_CONSENT, C, "marketing status", "Pipedrive"},
	/* Google Contacts (both layouts) */
	{T_EMAIL, B | MULTI, "e mail 1 value", "Google Contacts"},
	{T_EMAIL, B | MULTI, "e mail 2 value", "Google Contacts"},
	{T_EMAIL, B | MULTI, "e mail 3 value", "Google Contacts"},
	{T_PHONE, B | MULTI, "phone 1 value", "Google Contacts"},
	{T_PHONE, B | MULTI, "phone 2 value", "Google Contacts"},
	{T_PHONE, B | MULTI, "phone 3 value", "Google Contacts"},
	{T_COMPANY, C, "organization 1 name", "Google Contacts"},
	/* Outlook */
	{T_PHONE, B, "mobile phone", "Outlook / English list"},
	{T_PHONE, B, "business phone", "Outlook"},
	{T_PHONE, B, "primary phone", "Outlook"},
	{T_PHONE, B, "home phone", "Outlook"},
	{T_PHONE, B, "business phone 2", "Outlook"},
	{T_PHONE, B, "home phone 2", "Outlook"},
	{T_PHONE, B, "other phone", "Outlook"},
	/* Thunderbird and vCard converters: the primary address before any
	 * secondary one (Zoho's below), numbered ones by their number */
	{T_EMAIL, B, "primary email", "Thunderbird"},
	{T_EMAIL, B, "email address 1", "vCard converter"},
	{T_EMAIL, B, "e mail address 1", "vCard converter"},
	{T_EMAIL, B, "email 1", "vCard converter"},
	{T_EMAIL, B, "e mail 1", "vCard converter"},
	{T_EMAIL, B, "email address 2", "vCard converter"},
	{T_EMAIL, B, "e mail address 2", "vCard converter"},
	{T_EMAIL, B, "email 2", "vCard converter"},
	{T_EMAIL, B, "e mail 2", "vCard converter"},
	{T_EMAIL, B, "work email", "English list"},
	{T_EMAIL, B, "private email", "English list"},
	{T_EMAIL, B, "personal email", "English list"},
	{T_EMAIL, B, "home email", "English list"},
	{T_EMAIL, B, "other email", "English list"},
	/* Bitrix24 contacts: "Work E-mail", "Home E-mail" ... (English and
	 * Russian UI), the phones below */
	{T_EMAIL, B, "work e mail", "Bitrix24 / English list"},
	{T_EMAIL, B, "private e mail", "English list"},
	{T_EMAIL, B, "personal e mail", "English list"},
	{T_EMAIL, B, "home e mail", "Bitrix24 / English list"},
	{T_EMAIL, B, "other e mail", "Bitrix24 / English list"},
	{T_EMAIL, B, "newsletter e mail", "Bitrix24"},
	{T_EMAIL, B, "рабочий e mail", "Bitrix24 (Russian)"},
	{T_EMAIL, B, "частный e mail", "Bitrix24 (Russian)"},
	{T_EMAIL, B, "другой e mail", "Bitrix24 (Russian)"},
	{T_EMAIL, B, "e mail для рассылок", "Bitrix24 (Russian)"},
	{T_PHONE, B, "мобильный телефон", "Bitrix24 (Russian)"},
	{T_PHONE, B, "рабочий телефон", "Bitrix24 (Russian)"},
	{T_PHONE, B, "домашний телефон", "Bitrix24 (Russian)"},
	{T_PHONE, B, "другой телефон", "Bitrix24 (Russian)"},
	/* Zoho CRM */
	{T_EMAIL, B, "secondary email", "Zoho"},
	{T_CREATED, C, "created time", "Zoho"},
	{T_OPTOUT, C, "email opt out", "Zoho / Salesforce"},
	/* Salesforce */
	{T_PHONE, B, "mobilephone", "Salesforce"},
	{T_CREATED, C, "createddate", "Salesforce"},
	{T_OPTOUT, C, "hasoptedoutofemail", "Salesforce"},
	{T_FIRST, C, "firstname", "Salesforce"},
	{T_LAST, C, "lastname", "Salesforce"},
	/* WooCommerce customers and orders */
	{T_EMAIL, B, "email billing", "WooCommerce"},
	{T_PHONE, B, "phone billing", "WooCommerce"},
	{T_FIRST, C, "first name billing", "WooCommerce"},
	{T_LAST, C, "last name billing", "WooCommerce"},
	{T_COMPANY, C, "company billing", "WooCommerce"},
	{T_CREATED, C, "date registered", "WooCommerce"},
	{T_ORDER, E | ORD, "order number", "WooCommerce orders"},
	{T_ORDER, E | ORD, "order id", "WooCommerce orders"},
	{T_FINSTATUS, E, "order status", "WooCommerce orders"},
	{T_WHEN, E, "order date", "WooCommerce orders"},
	{T_VALUE, E, "order total amount", "WooCommerce orders"},
	{T_VALUE, E, "order total inc tax", "BigCommerce orders"},
	{T_VALUE, E, "order total ex tax", "BigCommerce orders"},
	{T_VALUE, E, "order total", "WooCommerce orders"},
	/* more orders, invoices and payments exports: their order (or invoice,
	 * or transaction) number, item, status and payment time */
	{T_ORDER, E | ORD, "order reference", "Odoo sale orders"},
	{T_ORDER, E, "transaction id", "Paddle / Square transactions"},
	{T_ORDER, E | ORD, "invoice number", "Zoho Books invoices / Paddle"},
	{T_ORDER, E | ORD, "order no", "English list"},
	{T_ORDER, E | ORD, "amazon order id", "Amazon Seller Central orders"},
	{T_ITEM, E, "order lines product", "Odoo sale orders"},
	{T_ITEM, E, "product name", "Lemon Squeezy orders / English list"},
	{T_ITEM, E | DETAILS, "product details", "BigCommerce orders: each product's \"Product Name: ...\""},
	{T_WHEN, E, "invoice date", "Zoho Books invoices"},
	{T_VALUE, E, "total formatted", "Lemon Squeezy orders"},
	{T_EMAIL, E, "billing email", "WooCommerce orders"},
	{T_EMAIL, E, "user email", "Lemon Squeezy orders"},
	{T_EMAIL, E, "purchase email", "Gumroad sales: the buyer's (Buyer Email: a Gumroad account's)"},
	{T_EMAIL, E, "buyer email", "English list"},
	{T_EMAIL, E, "purchaser email", "English list"},
	{T_CUSTOMER, E, "customer code", "Vend / Lightspeed Retail X-Series sales: the customer's code"},
	{T_ALIASES, C, "customer code", "Vend / Lightspeed Retail X-Series customers: the code its sales carry"},
	{T_CUSTOMER, E, "customer user id", "WooCommerce orders: the shop's customer id"},
	{T_CUSTOMER, E, "user id", "WooCommerce orders: the shop's customer id"},
	{T_PAID, E, "date paid", "WooCommerce orders"},
	{T_PAID, E, "paid date", "WooCommerce orders"},
	{T_PAID, E, "billed at", "Paddle transactions"},
	{T_PAID, E, "payment date", "English list"},
	{T_PAID, E, "paid on", "English list"},
	/* more consent columns: opt-out flags (yes = opted out), opt-in flags
	 * and newsletters (no = opted out), list statuses (only clear opt-out
	 * words count: a "Status" column may be a CRM's own) */
	{T_OPTOUT, C, "blacklist", "Odoo contacts"},
	/* a contact's company (parent_id), and its name as Odoo shows it,
	 * "Azure Interior, Brandon Freeman" (import.c: company_person_name);
	 * "Name" wins where both are */
	{T_COMPANY, C, "related company", "Odoo contacts"},
	{T_NAME, C, "display name", "Odoo contacts"},
	{T_OPTOUT, C, "is blacklisted", "Odoo contacts"},
	{T_OPTOUT, C, "do not allow emails", "Dynamics 365 contacts"},
	{T_OPTOUT, C, "do not allow bulk emails", "Dynamics 365 contacts"},
	{T_OPTOUT, C, "donotemail", "Dynamics 365 / Salesforce"},
	{T_OPTOUT, C, "donotbulkemail", "Dynamics 365"},
	{T_OPTOUT, C, "suppressed", "English list"},
	{T_OPTOUT, C, "email suppressed", "English list"},
	{T_OPTOUT, C, "werbesperre", "German list"},
	{T_OPTIN, C, "email opt in", "English list"},
	{T_OPTIN, C, "opted in", "English list"},
	{T_OPTIN, C, "optin", "English list"},
	{T_OPTIN, C, "subscribed", "English list"},
	{T_OPTIN, C, "email subscribed", "English list"},
	{T_OPTIN, C, "newsletter", "English / German list"},
	{T_OPTIN, C, "marketing emails", "English list"},
	{T_OPTIN, C, "email marketing", "English list"},
	{T_OPTIN, C, "email subscription", "English list"},
	{T_OPTIN, C, "mailing list", "English list"},
	{T_OPTIN, C, "gdpr consent", "English list"},
	{T_OPTIN, C, "consent", "English list"},
	{T_OPTIN, C, "uutiskirje", "Finnish list"},
	{T_OPTIN, C, "nyhetsbrev", "Swedish / Norwegian list"},
	{T_OPTIN, C, "nyhedsbrev", "Danish list"},
	{T_OPTIN, C, "nieuwsbrief", "Dutch list"},
	{T_OPTIN, C, "einwilligung", "German list"},
	{T_CONSENT, C, "email subscriber status", "English list"},
	{T_CONSENT, C, "email permission status", "English list"},
	{T_CONSENT, C, "email marketing status", "English list"},
	{T_CONSENT, C | WEAK, "status", "ActiveCampaign list status"},
	{T_CONSENT, C | WEAK, "list status", "ActiveCampaign list status"},
	/* the e-mail tools' own (trials9/15, 16): Kit's subscriber state
	 * (active, cancelled, bounced, complained, inactive; its export's plain
	 * "state" is read by its values), Sendy's bounced and complaint flags
	 * (1: no more mail), Substack's email_disabled (true: the reader turned
	 * e-mails off) */
	{T_CONSENT, C | WEAK | LIST, "subscriber state", "Kit (ConvertKit)"},
	{T_OPTOUT, C, "bounced", "Sendy"},
	{T_OPTOUT, C, "complaint", "Sendy"},
	{T_OPTOUT, C, "email disabled", "Substack"},
	/* a spam complaint or a hard bounce as a true/false column of its own
	 * (trials10/03): no more mail, as the status words say */
	{T_OPTOUT, C, "marked email as spam", "Intercom (a spam complaint)"},
	{T_OPTOUT, C, "has hard bounced", "Intercom (the address bounced)"},
	{T_OPTOUT, C, "spam complaint", "English list (a spam complaint)"},
	{T_OPTOUT, C, "spam complaints", "English list (a spam complaint)"},
	{T_OPTOUT, C, "complained", "English list (a spam complaint)"},
	{T_OPTOUT, C, "marked as spam", "English list (a spam complaint)"},
	{T_OPTOUT, C, "reported spam", "English list (a spam complaint)"},
	{T_OPTOUT, C, "hard bounced", "English list (the address bounced)"},
	{T_OPTOUT, C, "hard bounce", "English list (the address bounced)"},
	{T_OPTOUT, C, "is bounced", "English list (the address bounced)"},
	{T_OPTOUT, C, "email bounced", "English list (the address bounced)"},
	{T_CREATED, C, "signed up", "Intercom"},
	{T_ID, C, "user id", "Intercom"},
	/* HubSpot's lead status: the lead's sales state, read as its segment */
	{T_LEAD_STATUS, C, "lead status", "HubSpot"},
	{T_LEAD_STATUS, C, "hs lead status", "HubSpot"},
	/* Shopify customers */
	{T_OPTIN, B, "accepts email marketing", "Shopify customers / orders"},
	{T_OPTIN, B, "accepts marketing", "Shopify customers / orders"},
	{T_COMPANY, C, "default address company", "Shopify customers"},
	{T_PHONE, C, "default address phone", "Shopify customers"},
	/* HubSpot consent */
	{T_OPTOUT, C, "unsubscribed from all email", "HubSpot"},
	{T_OPTOUT, C, "opted out of all email", "HubSpot"},
	{T_OPTOUT, C, "opted out of email marketing information", "HubSpot"},
	/* a non-marketing contact is one the shop decided not to market to:
	 * HubSpot sends it no marketing e-mail, and neither do we */
	{T_CONSENT, C, "marketing contact status", "HubSpot"},
	/* Brevo (Sendinblue) */
	{T_PHONE, B | INTL, "sms", "Brevo"},
	{T_PHONE, B | INTL, "whatsapp", "Brevo"},
	{T_PHONE, B | INTL, "landline number", "Brevo"},
	{T_CREATED, C, "added time", "Brevo"},
	{T_OPTOUT, C, "email blacklisted", "Brevo"},
	{T_OPTOUT, C, "blacklisted", "Brevo"},
	{T_OPTOUT, C, "email blocklisted", "Brevo"},
	{T_OPTOUT, C, "blocklisted", "Brevo"},
	{T_FIRST, C, "prenom", "Brevo"},
	{T_LAST, C, "nom", "Brevo"},
	/* Klaviyo */
	{T_CONSENT, C, "email marketing consent", "Klaviyo"},
	{T_CONSENT_AT, C, "email marketing consent timestamp", "Klaviyo"},
	/* a suppressed profile gets no marketing mail whatever its consent
	 * says (Klaviyo's API: its suppressions are HARD_BOUNCE, INVALID_EMAIL,
	 * SPAM_COMPLAINT, UNSUBSCRIBE, USER_SUPPRESSED; the profile export
	 * writes them as a list, [{"reason": ..., "timestamp": ...}]) */
	{T_SUPPRESSION, C, "email suppressions", "Klaviyo (the address suppressed)"},
	{T_SUPPRESSION, C, "email suppression", "Klaviyo (the address suppressed)"},
	{T_SUPPRESSION, C, "suppression reason", "Klaviyo (the address suppressed)"},
	{T_SUPPRESSION, C, "email suppression reason", "Klaviyo (the address suppressed)"},
	{T_SUPPRESSION, C, "suppressions", "English list (the address suppressed)"},
	{T_SUPPRESSION, C, "suppression", "English list (the address suppressed)"},
	{T_SUPPRESSION, C, "suppressed reason", "English list (the address suppressed)"},
	/* HubSpot's bounce: a reason filled only when the address bounced for
	 * good; a bounce's kind (hard: no more mail, soft: a delivery that
	 * may yet work) */
	{T_SUPPRESSION, C, "email hard bounce reason", "HubSpot (the address bounced)"},
	{T_SUPPRESSION, C, "hard bounce reason", "HubSpot (the address bounced)"},
	{T_SUPPRESSION, C, "email hard bounce reason enum", "HubSpot (the address bounced)"},
	{T_BOUNCE, B, "bounce status", "HubSpot / English list (hard: bounced)"},
	{T_BOUNCE, B, "email bounce status", "English list (hard: bounced)"},
	{T_BOUNCE, B, "bounce type", "English list (hard: bounced)"},
	{T_BOUNCE, B, "email bounce type", "English list (hard: bounced)"},
	{T_BOUNCE, B, "bounce reason", "English list (hard: bounced)"},
	{T_BOUNCE, B, "email bounce reason", "English list (hard: bounced)"},
	{T_BOUNCE, B, "bounce category", "English list (hard: bounced)"},
	/* consent to text messages alone (fu(7), sms_unsubscribed): Klaviyo's
	 * SMS consent words, Brevo's SMS blocklist, Wix's SMS subscriber
	 * status, Shopify's SMS opt-in and a list's own SMS opt-in or opt-out */
	{T_SMS_CONSENT, C, "sms consent", "Klaviyo (texts only)"},
	{T_SMS_CONSENT, C, "sms marketing consent", "Klaviyo (texts only)"},
	{T_SMS_CONSENT, C, "sms subscriber status", "Wix (texts only)"},
	{T_SMS_CONSENT, C, "sms subscription status", "English list (texts only)"},
	{T_SMS_CONSENT, C, "sms marketing status", "English list (texts only)"},
	{T_SMS_CONSENT, C, "sms status", "English list (texts only)"},
	{T_SMS_CONSENT, C, "sms consent status", "English list (texts only)"},
	{T_SMS_CONSENT, C, "sms marketing consent status", "English list (texts only)"},
	{T_SMS_CONSENT, C, "text marketing status", "English list (texts only)"},
	{T_SMS_OPTOUT, C, "sms blacklisted", "Brevo (texts only)"},
	{T_SMS_OPTOUT, C, "sms blocklisted", "Brevo (texts only)"},
	{T_SMS_OPTOUT, C, "sms opt out", "English list (texts only)"},
	{T_SMS_OPTOUT, C, "sms opted out", "English list (texts only)"},
	{T_SMS_OPTOUT, C, "sms unsubscribed", "English list (texts only)"},
	{T_SMS_OPTOUT, C, "text opt out", "English list (texts only)"},
	{T_SMS_OPTOUT, C, "no sms", "English list (texts only)"},
	{T_SMS_OPTOUT, C, "do not text", "English list (texts only)"},
	{T_SMS_OPTOUT, C, "do not sms", "English list (texts only)"},
	{T_SMS_OPTIN, C, "accepts sms marketing", "Shopify customers (texts only)"},
	{T_SMS_OPTIN, C, "sms opt in", "English list (texts only)"},
	{T_SMS_OPTIN, C, "sms opted in", "English list (texts only)"},
	{T_SMS_OPTIN, C, "sms marketing opt in", "English list (texts only)"},
	{T_SMS_OPTIN, C, "sms marketing", "English list (texts only)"},
	{T_SMS_OPTIN, C, "text opt in", "English list (texts only)"},
	{T_SMS_OPTIN, C, "sms subscribed", "English list (texts only)"},
	{T_SMS_OPTIN, C, "accepts sms", "English list (texts only)"},
	{T_SMS_OPTIN, C, "marketing sms opt in", "English list (texts only)"},
	/* do not call: no calls or texts (fu(7), do_not_call) */
	{T_NOCALL, C, "do not call", "HubSpot / Salesforce / English list"},
	{T_NOCALL, C, "donotcall", "Salesforce"},
	{T_NOCALL, C, "do not phone", "English list"},
	{T_NOCALL, C, "donotphone", "Dynamics 365"},
	{T_NOCALL, C, "do not allow phone calls", "Dynamics 365 contacts"},
	{T_NOCALL, C, "dont call", "English list"},
	{T_NOCALL, C, "don t call", "English list"},
	{T_NOCALL, C, "no calls", "English list"},
	{T_NOCALL, C, "no phone calls", "English list"},
	{T_NOCALL, C, "do not call list", "English list"},
	{T_NOCALL, C, "no call", "Lightspeed Retail customers"},
	{T_NOCALL, C, "no phone", "Lightspeed Retail (noPhone)"},
	{T_NOCALL, C, "no phoning", "English list"},
	{T_NOCALL, C, "no telephone", "English list"},
	{T_NOCALL, C, "do not telephone", "English list"},
	{T_NOCALL, C, "dont phone", "English list"},
	{T_NOCALL, C, "don t phone", "English list"},
	{T_NOCALL, C, "dnc", "English list"},
	{T_NOCALL, C, "älä soita", "Finnish list"},
	{T_NOCALL, C, "ei puheluita", "Finnish list"},
	{T_NOCALL, C, "ring inte", "Swedish list"},
	{T_NOCALL, C, "nix telefon", "German list"},
	{T_NOCALL, C, "keine anrufe", "German list"},
	{T_NOCALL, C, "nicht anrufen", "German list"},
	{T_CREATED, C, "profile created on", "Klaviyo"},
	/* the platform's own id of a profile or guest, as other CRMs' ids are
	 * (HubSpot's Record ID, Square Customer ID): the contact's id */
	{T_ID, C, "klaviyo id", "Klaviyo"},
	{T_ID, C, "profile id", "Klaviyo"},
	{T_ID, C, "guest id", "Toast guests"},
	{T_ID, C, "guest guid", "Toast guests"},
	{T_ID, C, "customer guid", "Toast guests"},
	{T_CUSTOMER, E, "guest id", "Toast orders: the guest's id"},
	{T_CUSTOMER, E, "guest guid", "Toast orders: the guest's id"},
	{T_CUSTOMER, E, "customer guid", "Toast orders: the guest's id"},
	/* Square customers */
	{T_ID, C, "square customer id", "Square"},
	{T_CONSENT, C, "email subscription status", "Square"},
	{T_CREATED, C, "creation date", "Square"},
	/* Stripe customers */
	{T_CREATED, C | UTC, "created utc", "Stripe"},
	/* Stripe payments */
	{T_FINSTATUS, E, "status", "Stripe payments / Magento orders"},
	{T_ORDER, E, "id", "Stripe payments / Magento orders"},
	{T_WHEN, E, "created date utc", "Stripe payments"},
	{T_WHEN, E, "created utc", "Stripe payments"},
	{T_REFUNDED, E, "amount refunded", "Stripe payments"},
	{T_CUSTOMER, E, "customer id", "Stripe payments / Paddle / WooCommerce orders: the processor's or shop's customer id"},
	{T_ITEM, E, "description", "Stripe payments / Square transactions"},
	/* Square transactions */
	{T_VALUE, E, "net sales", "Square transactions"},
	{T_VALUE, E, "total collected", "Square transactions"},
	{T_REFUNDED, E, "refunded amount", "Shopify orders"},
	/* Gumroad sales: the time beside the date, the sale's amount, a part refunded */
	{T_WHEN, E | UTC, "purchase time utc timezone", "Gumroad sales"},
	{T_VALUE, E, "sale price", "Gumroad sales / English list"},
	{T_REFUNDED, E, "partial refund", "Gumroad sales"},
	/* Magento orders grid */
	{T_WHEN, E, "purchase date", "Magento orders"},
	{T_VALUE, E, "grand total purchased", "Magento orders"},
	{T_VALUE, E, "grand total base", "Magento orders"},
	{T_VALUE, E, "grand total", "Magento orders"},
	{T_REFUNDED, E, "total refunded", "Magento orders"},
	{T_REFUNDED, E, "refunded total", "WooCommerce orders (Customer/Order CSV Export)"},
	{T_REFUNDED, E, "order refund amount", "WooCommerce orders (Advanced Order Export)"},
	{T_REFUNDED, E, "order refund", "WooCommerce orders (Advanced Order Export)"},
	{T_REFUNDED, E, "refund amount", "English list"},
	{T_REFUNDED, E, "total refunds", "English list"},
	{T_REFUNDED, E, "total refund", "English list"},
	{T_REFUNDED, E, "refunds", "English list"},
	/* Lightspeed */
	{T_PHONE, B, "phone 1", "Lightspeed / Fortnox"},
	{T_PHONE, B, "phone 2", "Lightspeed / Fortnox"},
	{T_CREATED, C, "create time", "Lightspeed"},
	{T_ID, C, "internal id", "Lightspeed eCom (\"Customer - \" dropped)"},
	{T_OPTIN, C, "newsletter", "Lightspeed eCom"},
	/* ActiveCampaign */
	/* Mailchimp audience export */
	{T_CREATED, C | UTC, "optin time", "Mailchimp"},
	{T_CREATED, C | UTC, "confirm time", "Mailchimp"},
	{T_TZ, C, "timezone", "Mailchimp / English list"},
	{T_UNSUB, C | UTC, "unsub time", "Mailchimp (unsubscribed)"},
	{T_UNSUB, C | UTC, "clean time", "Mailchimp (cleaned: the address bounced)"},
	{T_COUNTRY, B, "cc", "Mailchimp"},
	/* MiniCRM ("Contact: " dropped) */
	{T_COMPANY, C, "business name", "MiniCRM"},
	{T_OWNER, C, "opportunity owner", "MiniCRM"},
	{T_CREATED, C, "created at", "MiniCRM / English list"},
	/* the row's country (a code or a name; how its national phones are read),
	 * the one that goes with the phone first: billing before shipping */
	{T_COUNTRY, B, "default address country code", "Shopify customers"},
	{T_COUNTRY, B, "default address country", "Shopify customers"},
	{T_COUNTRY, B, "mailingcountry", "Salesforce"},
	{T_COUNTRY, B, "mailingcountrycode", "Salesforce"},
	{T_COUNTRY, B, "mailing country", "Zoho"},
	{T_COUNTRY, B, "primary address country", "SuiteCRM / SugarCRM"},
	{T_COUNTRY, B, "address 1 country region", "Dynamics 365"},
	{T_COUNTRY, B, "mailing address country", "English list"},
	{T_COUNTRY, B, "billing address country", "SuiteCRM / SugarCRM accounts"},
	{T_COUNTRY, B, "country region", "HubSpot"},
	{T_COUNTRY, B, "phone country code", "English list"},
	{T_COUNTRY, B, "country code billing", "WooCommerce"},
	{T_COUNTRY, B, "country billing", "WooCommerce"},
	{T_COUNTRY, B, "billing country code", "WooCommerce / Shopify orders"},
	{T_COUNTRY, B, "billing country", "Shopify orders / WooCommerce"},
	/* an address's country the table does not name, known by its words
	 * (address_part): the person's own address (billing, mailing, postal,
	 * home, work), then one not said whose, before any shipping country */
	{T_COUNTRY, B, "*the person's address country*", "an address's country by its words: billing, mailing, postal, home or work"},
	{T_COUNTRY, B, "*an address country*", "an address's country by its words"},
	{T_COUNTRY, B, "shipping country code", "WooCommerce / Shopify orders"},
	{T_COUNTRY, B, "shipping country", "Shopify orders / WooCommerce"},
	{T_COUNTRY, B, "shipping address country", "SuiteCRM / SugarCRM accounts"},
	{T_COUNTRY, B, "alternate address country", "SuiteCRM / SugarCRM"},
	{T_COUNTRY, B, "address 2 country region", "Dynamics 365"},
	{T_COUNTRY, B, "other country", "Zoho / Salesforce"},
	{T_COUNTRY, B, "address 1 country", "Google Contacts"},
	{T_COUNTRY, B, "business country region", "Outlook"},
	{T_COUNTRY, B, "home country region", "Outlook"},
	{T_COUNTRY, B, "other country region", "Outlook"},
	{T_COUNTRY, B, "address country", "Stripe / Pipedrive"},
	/* and after shipping: an address's country by its words, shipping or
	 * an alternate address's (address_part) */
	{T_COUNTRY, B, "*a shipping address country*", "an address's country by its words: shipping (after billing, mailing, home or work)"},
	{T_COUNTRY, B, "*another address country*", "an address's country by its words: an alternate address (after the main one)"},
	{T_COUNTRY, B, "country", "English list"},
	{T_COUNTRY, B, "country code", "English list"},
	{T_COUNTRY, B, "country iso", "Shopware"},
	{T_COUNTRY, B, "country name", "English list"},
	{T_COUNTRY, B, "maa", "Finnish list"},
	{T_COUNTRY, B, "maakoodi", "Finnish list"},
	{T_COUNTRY, B, "asuinmaa", "Finnish list"},
	{T_COUNTRY, B, "land", "Swedish list"},
	/* ISO codes under the field's name (trials8/16) */
	{T_COUNTRY, B, "country id", "Magento 2 customer addresses"},
	{T_COUNTRY, B, "physical country id", "Lightspeed X-Series customers"},
	{T_COUNTRY, B, "postal country id", "Lightspeed X-Series customers"},
	{T_COUNTRY, B, "country iso", "English list"},
	{T_COUNTRY, B, "country iso code", "English list"},
	{T_COUNTRY, B, "iso country", "English list"},
	{T_COUNTRY, B, "iso country code", "English list"},
	{T_COUNTRY, B, "pays", "French list"},
	{T_COUNTRY, B, "país", "Spanish / Portuguese list"},
	{T_COUNTRY, B, "pais", "Spanish / Portuguese list"},
	{T_COUNTRY, B, "paese", "Italian list"},
	{T_COUNTRY, B, "nazione", "Italian list"},
	{T_COUNTRY, B, "kraj", "Polish list"},
	{T_COUNTRY, B, "landskod", "Swedish list"},
	{T_COUNTRY, B, "landkod", "Swedish list"},
	/* an order's or invoice's number, its currency, the row's state or
	 * province (the zone of a country of several) */
	{T_ORDER, E | ORD, "order", "orders or invoices"},
	{T_ORDER, E | ORD, "order nr", "orders or invoices"},
	{T_ORDER, E | ORD, "invoice", "orders or invoices"},
	{T_ORDER, E | ORD, "invoice no", "orders or invoices"},
	{T_ORDER, E | ORD, "invoice id", "orders or invoices"},
	{T_ORDER, E | ORD, "receipt", "orders or invoices"},
	{T_ORDER, E | ORD, "receipt number", "orders or invoices"},
	{T_ORDER, E | ORD, "tilausnumero", "Finnish list"},
	{T_ORDER, E | ORD, "tilausnro", "Finnish list"},
	{T_ORDER, E | ORD, "laskunumero", "Finnish list"},
	{T_ORDER, E | ORD, "laskunro", "Finnish list"},
	{T_ORDER, E | ORD, "kuittinumero", "Finnish list"},
	{T_ORDER, E | ORD, "ordernummer", "Swedish list"},
	{T_ORDER, E | ORD, "ordernr", "Swedish list"},
	{T_ORDER, E | ORD, "fakturanummer", "Swedish list"},
	{T_ORDER, E | ORD, "fakturanr", "Swedish list"},
	{T_ORDER, E | ORD, "kvittonummer", "Swedish list"},
	{T_CURRENCY, E, "currency", "Shopify orders / Stripe payments / English list"},
	{T_CURRENCY, E, "order currency", "WooCommerce orders"},
	{T_CURRENCY, E, "currency code", "English list"},
	{T_CURRENCY, E, "valuutta", "Finnish list"},
	{T_CURRENCY, E, "valuta", "Swedish list"},
	{T_REGION, C, "default address province code", "Shopify customers"},
	{T_REGION, C, "default address province", "Shopify customers"},
	{T_REGION, C, "province code", "Shopify / English list"},
	{T_REGION, C, "province", "Shopify / English list"},
	{T_REGION, C, "state code billing", "WooCommerce"},
	{T_REGION, C, "state billing", "WooCommerce"},
	{T_REGION, C, "billing state", "English list"},
	{T_REGION, C, "billing province", "Shopify orders"},
	{T_REGION, C, "state region", "HubSpot"},
	{T_REGION, C, "mailingstate", "Salesforce"},
	{T_REGION, C, "mailing state", "Zoho"},
	{T_REGION, C, "primary address state", "SuiteCRM / SugarCRM"},
	{T_REGION, C, "address 1 state province", "Dynamics 365"},
	{T_REGION, C, "mailing address state", "English list"},
	{T_REGION, C, "billing address state", "SuiteCRM / SugarCRM accounts"},
	{T_REGION, C, "shipping address state", "SuiteCRM / SugarCRM accounts"},
	{T_REGION, C, "alternate address state", "SuiteCRM / SugarCRM"},
	{T_REGION, C, "address 2 state province", "Dynamics 365"},
	{T_REGION, C, "address state", "Stripe / Pipedrive"},
	{T_REGION, C, "address 1 region", "Google Contacts"},
	{T_REGION, C, "business state", "Outlook"},
	{T_REGION, C, "home state", "Outlook"},
	{T_REGION, C, "state", "English list"},
	{T_REGION, C, "state code", "English list"},
	{T_REGION, C, "state province", "English list"},
	/* Magento's customer addresses, WooCommerce's customers, Mailchimp's
	 * REGION (trials8/16, 8/19): the state's name or code */
	{T_REGION, C, "region", "Magento / WooCommerce customers / Mailchimp"},
	{T_REGION, C, "region code", "English list"},
	{T_REGION, C, "billing region", "English list"},
	{T_REGION, C, "province state", "English list"},
	{T_REGION, C, "state or province", "English list"},
	{T_REGION, C, "estado", "Spanish / Portuguese list (Mexico, Brazil)"},
	{T_REGION, C, "uf", "Portuguese list (Brazil)"},
	{T_REGION, C, "provincia", "Spanish / Italian list"},
	{T_REGION, C, "región", "Spanish list"},
	{T_REGION, C, "oblast", "Russian list"},
	/* hand-made lists, English */
	{T_ID, C, "contact id", "English list"},
	{T_ID, C, "customer id", "English list"},
	{T_FIRST, C, "firstname", "English list"},
	{T_FIRST, C, "first", "English list"},
	{T_FIRST, C, "given name", "English list"},
	{T_LAST, C, "lastname", "English list"},
	{T_LAST, C, "last", "English list"},
	{T_LAST, C, "surname", "English list"},
	{T_LAST, C, "family name", "English list"},
	{T_NAME, C, "full name", "English list"},
	/* QuickBooks' customer list: the customer's name, "Lee, Ann" or "Ann
	 * Lee", or a company's (told by its name); a value that is no name (an
	 * id, an address) gives no first name */
	{T_NAME, C | NAMES, "customer", "QuickBooks customers: the customer's name"},
	{T_NAME, C, "customer full name", "QuickBooks customers: the customer's name"},
	{T_PERSON, C, "contact person", "English list"},
	{T_BUSINESS_ID, C, "business id", "English list"},
	{T_BUSINESS_ID, C, "vat number", "English list"},
	{T_BUSINESS_ID, C, "vat id", "English list"},
	{T_BUSINESS_ID, C, "vat", "English list"},
	{T_BUSINESS_ID, C, "tax id", "English list"},
	{T_BUSINESS_ID, C, "company number", "English list"},
	{T_BUSINESS_ID, C, "company registration number", "English list"},
	{T_BUSINESS_ID, C, "registration number", "English list"},
	{T_BUSINESS_ID, C, "organisation number", "English list"},
	{T_BUSINESS_ID, C, "organization number", "English list"},
	{T_EMAIL, B, "e mail", "English list"},
	{T_EMAIL, B, "e mail address", "English list / Outlook"},
	{T_EMAIL, B, "e mail 2 address", "Outlook"},
	{T_EMAIL, B, "e mail 3 address", "Outlook"},
	{T_EMAIL, B, "mail", "English list"},
	{T_EMAIL, B, "customer email", "Stripe payments / English list"},
	/* a metadata field the shop's checkout set: Stripe's export names it
	 * "email (metadata)", other tools "Metadata: email"; after Customer
	 * Email, standing in where that is empty (a guest's charge) */
	{T_EMAIL, B, "email metadata", "Stripe: a metadata field"},
	{T_EMAIL, B, "customer email metadata", "Stripe: a metadata field"},
	{T_EMAIL, B, "metadata email", "Stripe: a metadata field"},
	{T_EMAIL, B, "metadata customer email", "Stripe: a metadata field"},
	{T_PHONE, B, "mobile", "English list"},
	{T_PHONE, B, "telephone", "English list"},
	{T_PHONE, B, "tel", "English list"},
	{T_PHONE, B, "cell", "English list"},
	{T_PHONE, B, "cell phone", "English list"},
	{T_PHONE, B, "mobile number", "English list"},
	/* a work number after the mobile (Bitrix24's "Work Phone" beside "Mobile") */
	{T_PHONE, B, "work phone", "Bitrix24 / English list"},
	{T_PHONE, B, "office phone", "SuiteCRM / SugarCRM"},
	{T_PHONE, B, "work number", "Freshsales"},
	{T_EMAIL, C | MULTI, "emails", "Freshsales: the contact's addresses, the others its aliases"},
	{T_COMPANY, C, "organisation", "English list"},
	{T_COMPANY, C, "account", "English list"},
	{T_COMPANY, C, "account name", "English list"},
	{T_OWNER, C, "account owner", "English list"},
	{T_OWNER, C, "sales rep", "English list"},
	{T_OWNER, C, "salesperson", "English list"},
	{T_OWNER, C, "sales owner", "Freshsales"},
	{T_OWNER, C, "owned by", "Copper"},
	{T_OWNER, C, "assigned to", "English list"},
	{T_STAGE, C, "lifecycle", "English list"},
	{T_SEGMENT, C, "lead segment", "English list"},
	{T_LANG, C, "language", "English list"},
	{T_LANG, C, "preferred locales", "Stripe customers: the first is the preferred"},
	{T_LANG, C, "preferred locale", "English list"},
	{T_LANG, C, "preferred language", "English list"},
	{T_FORMAL, C, "formal address", "English list"},
	{T_TZ, C, "time zone", "English list"},
	{T_CREATED, C, "created date", "English list"},
	{T_CREATED, C, "date created", "English list"},
	{T_CREATED, C, "date added", "English list"},
	{T_CREATED, C, "signup date", "English list"},
	/* when they subscribed: Sendy's "Date Subscribed", MailerLite's
	 * "Subscribed at" (its "Subscribed" alone is read by its values) */
	{T_CREATED, C, "date subscribed", "Sendy"},
	{T_CREATED, C, "subscribed at", "MailerLite / English list"},
	{T_CREATED, C, "subscribed on", "English list"},
	{T_CREATED, C, "subscription date", "English list"},
	{T_CREATED, C, "subscribe date", "English list"},
	{T_CREATED, C, "sign up date", "English list"},
	{T_CREATED, C, "sign up", "WooCommerce customers report"},
	{T_CREATED, C, "signed up", "Intercom users"},
	{T_CREATED, C, "signed up at", "English list"},
	{T_CREATED, C, "signup", "English list"},
	{T_CREATED, C, "created on", "English list"},
	{T_CREATED, C, "registration date", "English list"},
	{T_CREATED, C, "registration", "PrestaShop customers"},
	{T_CREATED, C, "date d inscription", "PrestaShop customers (French)"},
	{T_CREATED, C, "customer since", "English list"},
	{T_UNSUB, C, "unsubscribed at", "English list"},
	{T_UNSUB, C, "unsubscribe date", "English list"},
	/* AWeber's legacy export: when and why the subscriber stopped (any
	 * filled Stop Status is an opt-out: "Unsubscribed via link") */
	{T_UNSUB, C, "stop time", "AWeber"},
	{T_OPTOUT, C, "stop status", "AWeber"},
	{T_UNSUB, C, "unsubscribed date", "English list"},
	{T_UNSUB, C, "opt out date", "English list"},
	{T_UNSUB, C, "opted out at", "English list"},
	/* trial8/08 (and trial6/03's list) */
	{T_UNSUB, C, "unsubscribed on", "English list"},
	{T_UNSUB, C, "date unsubscribed", "English list"},
	{T_UNSUB, C, "opted out on", "English list"},
	{T_UNSUB, C, "date opted out", "English list"},
	{T_UNSUB, C, "email unsubscribe date", "English list"},
	{T_UNSUB, C, "email unsubscribed date", "English list"},
	{T_UNSUB, C, "email opt out date", "English list"},
	{T_UNSUB, C, "email opted out date", "English list"},
	/* Constant Contact: the export's opt-out date, and its API export's */
	{T_UNSUB, C, "confirmed opt out date", "Constant Contact"},
	{T_UNSUB, C, "email optout date", "Constant Contact"},
	{T_UNSUB, C, "opt out time", "English list"},
	{T_UNSUB, C, "unsubscribe time", "English list"},
	{T_OPTOUT, C, "opt out", "English list"},
	{T_OPTOUT, C, "opted out", "English list"},
	{T_OPTOUT, C, "email opt out", "English list"},
	{T_OPTOUT, C, "do not email", "English list"},
	{T_OPTOUT, C, "do not contact", "English list"},
	/* Lightspeed Retail's "No Email" (its "No Mail" is post: not read), and
	 * other systems' e-mail opt-out flags */
	{T_OPTOUT, C, "no email", "Lightspeed Retail customers"},
	{T_OPTOUT, C, "no e mail", "English list"},
	{T_OPTOUT, C, "no emails", "English list"},
	{T_OPTOUT, C, "no e mails", "English list"},
	{T_OPTOUT, C, "no marketing", "English list"},
	{T_OPTOUT, C, "no marketing emails", "English list"},
	{T_OPTOUT, C, "no email marketing", "English list"},
	{T_OPTOUT, C, "no newsletter", "English list"},
	{T_OPTOUT, C, "email opted out", "Insightly"},
	{T_OPTOUT, C, "opted out of email", "English list"},
	{T_OPTOUT, C, "unsubscribed from email", "English list"},
	{T_OPTOUT, C, "unsubscribed from emails", "English list"},
	{T_OPTOUT, C, "do not send email", "English list"},
	{T_OPTOUT, C, "do not send emails", "English list"},
	{T_OPTOUT, C, "do not e mail", "English list"},
	{T_OPTOUT, C, "dont email", "English list"},
	{T_OPTOUT, C, "don t email", "English list"},
	{T_OPTOUT, C, "do not market", "English list"},
	{T_OPTOUT, C, "bulk email", "Dynamics 365 (Allow / Do Not Allow)"},
	{T_OPTOUT, C, "invalid email", "SuiteCRM / SugarCRM (the address bounced)"},
	{T_OPTIN, C, "marketing consent", "English list"},
	{T_OPTIN, C, "email consent", "English list"},
	{T_OPTIN, C, "opt in", "English list"},
	{T_OPTOUT, C, "do not disturb", "Freshsales"},
	{T_OPTOUT, C, "dnd", "English list (do not disturb)"},
	{T_OPTIN, C, "receive review marketing emails", "BigCommerce customers"},
	{T_CREATED, C, "date joined", "BigCommerce customers"},
	{T_CONSENT, C, "subscription status", "English list"},
	{T_CONSENT, C, "email status", "English list"},
	{T_WHEN, E, "date", "English list"},
	{T_CLOCK, E, "time", "English list / Square / Wix orders: a clock time beside the date"},
	{T_WHEN, E, "timestamp", "English list"},
	{T_TYPE, E, "event", "English list"},
	{T_TYPE, E, "event type", "English list"},
	{T_TYPE, E, "metric name", "Klaviyo events"},
	{T_TYPE, E, "metric", "Klaviyo events"},
	{T_EMAIL, B, "profile email", "Klaviyo"},
	/* a helpdesk's tickets (Zendesk, Freshdesk, Help Scout) and a survey's
	 * answers (Delighted, Typeform, SurveyMonkey) */
	{T_TICKET, E, "ticket id", "Freshdesk tickets"},
	{T_TICKET, E, "ticket number", "English list"},
	{T_TICKET, E, "ticket", "English list"},
	{T_CLOSED_AT, E, "solved at", "Zendesk tickets"},
	{T_CLOSED_AT, E, "resolved time", "Freshdesk tickets"},
	{T_CLOSED_AT, E, "closed time", "Freshdesk tickets"},
	{T_CLOSED_AT, E, "resolved at", "English list"},
	{T_CLOSED_AT, E, "closed at", "English list"},
	{T_CLOSED_AT, E, "solved time", "English list"},
	{T_CLOSED_AT, E, "date solved", "English list"},
	{T_CLOSED_AT, E, "date closed", "English list"},
	{T_WHEN, E, "created time", "Freshdesk tickets"},
	{T_TICKET_HINT, E, "priority", "Zendesk tickets"},
	{T_TICKET_HINT, E, "requester", "Zendesk tickets"},
	{T_EMAIL, E, "requester email", "Zendesk tickets"},
	/* a referral program's export (ReferralCandy, Smile.io, ReferralHero):
	 * who referred whom, when the referral converted */
	{T_REFERRER, E, "advocate email", "ReferralCandy referrals"},
	{T_REFERRER, E, "referrer email", "referral app export"},
	{T_REFERRER, E, "referrer e mail", "referral app export"},
	{T_REFERRER, E, "referring customer email", "referral app export"},
	{T_REFERRER, E, "advocate", "referral app export"},
	{T_REFERRER, E, "referrer", "referral app export"},
	{T_REFERRED, E, "friend email", "ReferralCandy referrals"},
	{T_REFERRED, E, "friend e mail", "referral app export"},
	{T_REFERRED, E, "referred email", "referral app export"},
	{T_REFERRED, E, "referee email", "referral app export"},
	{T_REFERRED, E, "referred customer email", "referral app export"},
	{T_REFERRED, E, "referred friend email", "referral app export"},
	{T_REFERRED, E, "invitee email", "referral app export"},
	/* Calendly's export of scheduled events: one row an invitee's booking */
	{T_NAME, C, "invitee name", "Calendly events export"},
	{T_FIRST, C, "invitee first name", "Calendly events export"},
	{T_LAST, C, "invitee last name", "Calendly events export"},
	{T_EMAIL, C, "invitee email", "Calendly events export"},
	{T_PHONE, C, "text reminder number", "Calendly events export"},
	{T_TZ, C, "invitee time zone", "Calendly events export"},
	{T_CREATED, C, "event created date time", "Calendly events export"},
	{T_WHEN, E, "referral date", "ReferralCandy referrals"},
	{T_WHEN, E, "conversion date", "Friendbuy conversions"},
	{T_WHEN, E, "converted at", "referral app export"},
	{T_FINSTATUS, E, "referral status", "ReferralCandy referrals"},
	{T_WHEN, E, "referred at", "referral app export"},
	{T_WHEN, E, "referral created at", "referral app export"},
	{T_SCORE, E, "score", "Delighted / English list"},
	{T_SCORE, E, "nps", "English list"},
	{T_SCORE, E, "nps score", "English list"},
	{T_SCORE, E, "net promoter score", "English list"},
	{T_SCORE, E, "suositteluindeksi", "Finnish list"},
	{T_WHEN, E, "response date", "Delighted / English list"},
	{T_WHEN, E, "submitted at", "Typeform"},
	{T_WHEN, E, "submit date", "Typeform: when the answer was submitted"},
	{T_ITEM, E, "survey", "English list"},
	{T_TYPE, E, "action", "Mailchimp activity / English list"},
	{T_TYPE, E, "activity", "English list"},
	{T_TYPE, E, "activity type", "English list"},
	{T_VALUE, E, "amount", "English list"},
	/* a sales line's quantity and unit price (hand-kept sales lists, the
	 * UCI Online Retail ledger): value = quantity x price */
	{T_QTY, E, "quantity", "English list / Online Retail"},
	/* Advanced Order Export's quantity less the refunded: the one kept */
	{T_QTY, E, "quantity refund", "WooCommerce orders (Advanced Order Export)"},
	{T_QTY, E, "qty", "English list"},
	{T_QTY, E, "units", "English list"},
	{T_QTY, E, "pcs", "English list"},
	{T_QTY, E, "määrä", "Finnish list"},
	{T_QTY, E, "kpl", "Finnish list"},
	{T_QTY, E, "lukumäärä", "Finnish list"},
	{T_QTY, E, "antal", "Swedish list"},
	{T_QTY, E, "menge", "German list"},
	{T_QTY, E, "anzahl", "German list"},
	{T_QTY, E, "lineitem quantity", "Shopify orders"},
	{T_QTY, E, "item quantity", "WooCommerce orders"},
	{T_QTY, E, "quantity purchased", "Amazon Seller Central orders"},
	{T_UNIT_PRICE, E, "lineitem price", "Shopify orders"},
	{T_UNIT_PRICE, E, "item cost", "WooCommerce orders"},
	{T_UNIT_PRICE, E, "unit price", "English list"},
	{T_UNIT_PRICE, E, "unitprice", "Online Retail"},
	{T_UNIT_PRICE, E, "price", "English list"},
	{T_UNIT_PRICE, E, "price each", "English list"},
	{T_UNIT_PRICE, E, "item price", "English list"},
	{T_UNIT_PRICE, E, "hinta", "Finnish list"},
	{T_UNIT_PRICE, E, "yksikköhinta", "Finnish list"},
	{T_UNIT_PRICE, E, "à hinta", "Finnish list"},
	{T_UNIT_PRICE, E, "pris", "Swedish list"},
	{T_UNIT_PRICE, E, "styckpris", "Swedish list"},
	{T_UNIT_PRICE, E, "á pris", "Swedish list"},
	{T_UNIT_PRICE, E, "preis", "German list"},
	{T_UNIT_PRICE, E, "einzelpreis", "German list"},
	{T_WHEN, E, "invoicedate", "Online Retail"},
	{T_CUSTOMER, E, "customerid", "Online Retail: the shop's customer id"},
	{T_ITEM, E, "product", "English list"},
	{T_ITEM, E, "subject", "English list"},
	{T_ITEM, E, "campaign", "English list"},
	{T_NOTE, E, "notes", "English list"},
	{T_NOTE, E, "comment", "English list"},
	/* hand-made lists, Finnish */
	{T_ID, C, "asiakasnumero", "Finnish list"},
	{T_ID, C, "asiakastunnus", "Finnish list"},
	{T_FIRST, C, "etunimi", "Finnish list"},
	{T_LAST, C, "sukunimi", "Finnish list"},
	{T_NAME, C, "nimi", "Finnish list"},
	{T_NAME, C, "koko nimi", "Finnish list"},
	{T_EMAIL, B, "sähköposti", "Finnish list"},
	{T_EMAIL, B, "sähköpostiosoite", "Finnish list"},
	{T_EMAIL, B, "s posti", "Finnish list"},
	{T_PHONE, B, "puhelin", "Finnish list"},
	{T_PHONE, B, "puhelinnumero", "Finnish list"},
	{T_PHONE, B, "matkapuhelin", "Finnish list"},
	{T_PHONE, B, "gsm", "Finnish list"},
	{T_PHONE, B, "mobiili", "Finnish list"},
	{T_PHONE, B, "mobiilinumero", "Finnish list"},
	{T_COMPANY, C, "yritys", "Finnish list"},
	{T_COMPANY, C, "yrityksen nimi", "Finnish list"},
	{T_COMPANY, C, "organisaatio", "Finnish list"},
	{T_OWNER, C, "myyjä", "Finnish list"},
	{T_OWNER, C, "vastuumyyjä", "Finnish list"},
	{T_OWNER, C, "vastuuhenkilö", "Finnish list"},
	{T_OWNER, C, "omistaja", "Finnish list"},
	{T_STAGE, C, "elinkaari", "Finnish list"},
	{T_STAGE, C, "elinkaaren vaihe", "Finnish list"},
	{T_STAGE, C, "vaihe", "Finnish list"},
	{T_STAGE, C, "asiakkuus", "Finnish list"},
	{T_SEGMENT, C, "segmentti", "Finnish list"},
	{T_LANG, C, "kieli", "Finnish list"},
	{T_LANG, C, "asiointikieli", "Finnish list"},
	{T_FORMAL, C, "teitittely", "Finnish list"},
	{T_FORMAL, C, "muodollinen", "Finnish list"},
	{T_TZ, C, "aikavyöhyke", "Finnish list"},
	{T_CREATED, C, "luotu", "Finnish list"},
	{T_CREATED, C, "lisätty", "Finnish list"},
	{T_CREATED, C, "luontipäivä", "Finnish list"},
	{T_CREATED, C, "perustettu", "Finnish list"},
	{T_ID, C, "asiakaskoodi", "Finnish list (Netvisor)"},
	{T_ID, C, "asiakasnro", "Finnish list"},
	{T_EMAIL, B, "email osoite", "Finnish list"},
	{T_EMAIL, B, "laskutuksen sähköposti", "Finnish list (Procountor)"},
	{T_PHONE, B, "puh", "Finnish list"},
	{T_PHONE, B, "puhelinnro", "Finnish list"},
	{T_PHONE, B, "matkapuhelinnumero", "Finnish list"},
	{T_PHONE, B, "kännykkä", "Finnish list"},
	{T_PERSON, C, "yhteyshenkilö", "Finnish list (Visma, Netvisor)"},
	{T_PERSON, C, "yhteyshenkilön nimi", "Finnish list"},
	{T_PERSON, C, "teidän viitteenne", "Finnish list (Netvisor)"},
	{T_OWNER, C, "meidän viitteemme", "Finnish list (Netvisor)"},
	{T_BUSINESS_ID, C, "y tunnus", "Finnish list"},
	{T_BUSINESS_ID, C, "ytunnus", "Finnish list"},
	{T_BUSINESS_ID, C, "ly tunnus", "Finnish list"},
	{T_BUSINESS_ID, C, "alv tunnus", "Finnish list"},
	{T_BUSINESS_ID, C, "alv numero", "Finnish list"},
	{T_UNSUB, C, "markkinointikielto pvm", "Finnish list"},
	{T_OPTOUT, C, "markkinointikielto", "Finnish list"},
	{T_OPTOUT, C, "suoramarkkinointikielto", "Finnish list"},
	{T_OPTIN, C, "markkinointilupa", "Finnish list"},
	{T_OPTIN, C, "sähköpostimarkkinointilupa", "Finnish list"},
	{T_WHEN, E, "päivämäärä", "Finnish list"},
	{T_WHEN, E, "pvm", "Finnish list"},
	{T_WHEN, E, "ajankohta", "Finnish list"},
	{T_TYPE, E, "tapahtuma", "Finnish list"},
	{T_TYPE, E, "tyyppi", "Finnish list"},
	{T_VALUE, E, "summa", "Finnish list"},
	{T_VALUE, E, "arvo", "Finnish list"},
	{T_ITEM, E, "tuote", "Finnish list"},
	{T_ITEM, E, "aihe", "Finnish list"},
	{T_NOTE, E, "huomautus", "Finnish list"},
	{T_NOTE, E, "kommentti", "Finnish list"},
	/* hand-made lists, German */
	{T_ID, C, "kundennummer", "German list"},
	{T_ID, C, "kundennr", "German list"},
	{T_FIRST, C, "vorname", "German list"},
	{T_LAST, C, "nachname", "German list"},
	{T_LAST, C, "familienname", "German list"},
	{T_EMAIL, B, "e mail adresse", "German / Danish / Norwegian list"},
	{T_EMAIL, B, "email adresse", "German / Danish / Norwegian list"},
	{T_PHONE, B, "handy", "German list"},
	{T_PHONE, B, "handynummer", "German list"},
	{T_PHONE, B, "mobilfunknummer", "German list"},
	{T_COMPANY, C, "unternehmen", "German list"},
	{T_COMPANY, C, "firmenname", "German list"},
	{T_OWNER, C, "betreuer", "German list"},
	{T_OWNER, C, "verantwortlich", "German list"},
	{T_LANG, C, "sprache", "German list"},
	{T_TZ, C, "zeitzone", "German list"},
	{T_CREATED, C, "erstellt am", "German list"},
	{T_CREATED, C, "erstellt", "German list"},
	{T_CREATED, C, "angelegt am", "German list"},
	{T_CREATED, C, "erstelldatum", "German list"},
	{T_UNSUB, C, "abgemeldet am", "German list"},
	{T_TYPE, E, "art", "German list"},
	{T_VALUE, E, "betrag", "German list"},
	{T_ITEM, E, "artikel", "German list"},
	{T_NOTE, E, "notiz", "German list"},
	{T_NOTE, E, "bemerkung", "German list"},
	/* hand-made lists, Danish and Norwegian */
	{T_ID, C, "kundenummer", "Danish / Norwegian list"},
	{T_FIRST, C, "fornavn", "Danish / Norwegian list"},
	{T_LAST, C, "efternavn", "Danish list"},
	{T_LAST, C, "etternavn", "Norwegian list"},
	{T_NAME, C, "navn", "Danish / Norwegian list"},
	{T_COMPANY, C, "virksomhed", "Danish list"},
	{T_COMPANY, C, "bedrift", "Norwegian list"},
	{T_LANG, C, "sprog", "Danish list"},
	{T_CREATED, C, "oprettet", "Danish list"},
	{T_CREATED, C, "opprettet", "Norwegian list"},
	/* hand-made lists, Dutch */
	{T_ID, C, "klantnummer", "Dutch list"},
	{T_FIRST, C, "voornaam", "Dutch list"},
	{T_LAST, C, "achternaam", "Dutch list"},
	{T_LAST, C, "familienaam", "Flemish list (Teamleader)"},
	{T_NAME, C, "naam", "Dutch list"},
	{T_EMAIL, B, "e mailadres", "Dutch list"},
	{T_EMAIL, B, "emailadres", "Dutch list"},
	{T_PHONE, B, "telefoonnummer", "Dutch list"},
	{T_PHONE, B, "telefoon", "Dutch list"},
	{T_PHONE, B, "mobiel", "Dutch list"},
	{T_PHONE, B, "mobiel nummer", "Dutch list"},
	{T_COMPANY, C, "bedrijf", "Dutch list"},
	{T_COMPANY, C, "bedrijfsnaam", "Dutch list"},
	{T_LANG, C, "taal", "Dutch list"},
	{T_TZ, C, "tijdzone", "Dutch list"},
	{T_CREATED, C, "aangemaakt", "Dutch list"},
	{T_CREATED, C, "aangemaakt op", "Dutch list"},
	/* hand-made lists, French */
	{T_ID, C, "numéro client", "French list"},
	{T_FIRST, C, "prénom", "French list"},
	{T_LAST, C, "nom de famille", "French list"},
	{T_EMAIL, B, "adresse e mail", "French list"},
	{T_EMAIL, B, "adresse email", "French list"},
	{T_EMAIL, B, "courriel", "French list"},
	{T_PHONE, B, "téléphone", "French list"},
	{T_PHONE, B, "portable", "French list"},
	{T_PHONE, B, "téléphone portable", "French list"},
	{T_COMPANY, C, "entreprise", "French list"},
	{T_COMPANY, C, "société", "French list"},
	{T_COMPANY, C, "societe", "French list"},
	{T_LANG, C, "langue", "French list"},
	{T_TZ, C, "fuseau horaire", "French list"},
	{T_CREATED, C, "date de création", "French list"},
	/* hand-made lists, Spanish ("Nombre" beside "Apellidos" is the first name) */
	{T_FIRST, C | ALONE_FULL, "nombre", "Spanish list"},
	{T_LAST, C, "apellidos", "Spanish list"},
	{T_LAST, C, "apellido", "Spanish list"},
	{T_NAME, C, "nombre completo", "Spanish list"},
	{T_EMAIL, B, "correo electrónico", "Spanish list"},
	{T_EMAIL, B, "correo electronico", "Spanish list"},
	{T_EMAIL, B, "correo", "Spanish list"},
	{T_PHONE, B, "teléfono", "Spanish list"},
	{T_PHONE, B, "telefono", "Spanish list"},
	{T_PHONE, B, "móvil", "Spanish list"},
	{T_PHONE, B, "movil", "Spanish list"},
	{T_PHONE, B, "celular", "Spanish list"},
	{T_COMPANY, C, "empresa", "Spanish list"},
	{T_LANG, C, "idioma", "Spanish list"},
	{T_TZ, C, "zona horaria", "Spanish list"},
	{T_CREATED, C, "fecha de creación", "Spanish list"},
	{T_CREATED, C, "fecha de alta", "Spanish list"},
	/* Outlook's and hand-made lists' names in Italian, Portuguese, Polish,
	 * Czech and Estonian ("Nome" beside "Cognome" is the first name) */
	{T_FIRST, C | ALONE_FULL, "nome", "Italian / Portuguese list / Outlook"},
	{T_LAST, C, "cognome", "Italian list / Outlook"},
	{T_LAST, C, "sobrenome", "Portuguese list / Outlook"},
	{T_NAME, C, "nome completo", "Italian / Portuguese list"},
	{T_FIRST, C | ALONE_FULL, "imię", "Polish list / Outlook"},
	{T_LAST, C, "nazwisko", "Polish list / Outlook"},
	{T_NAME, C, "imię i nazwisko", "Polish list"},
	{T_FIRST, C | ALONE_FULL, "jméno", "Czech list / Outlook"},
	{T_LAST, C, "příjmení", "Czech list / Outlook"},
	{T_FIRST, C, "eesnimi", "Estonian list / Outlook"},
	{T_LAST, C, "perekonnanimi", "Estonian list / Outlook"},
	{T_COMPANY, C, "società", "Italian list / Outlook"},
	{T_COMPANY, C, "azienda", "Italian list"},
	{T_COMPANY, C, "organización", "Spanish list / Outlook"},
	{T_COMPANY, C, "společnost", "Czech list / Outlook"},
	{T_COMPANY, C, "ettevõte", "Estonian list / Outlook"},
	/* hand-made lists, Swedish */
	{T_ID, C, "kundnummer", "Swedish list"},
	{T_FIRST, C, "förnamn", "Swedish list"},
	{T_LAST, C, "efternamn", "Swedish list"},
	{T_NAME, C, "namn", "Swedish list"},
	{T_EMAIL, B, "e post", "Swedish list"},
	{T_EMAIL, B, "e postadress", "Swedish list"},
	{T_EMAIL, B, "epost", "Swedish list"},
	{T_EMAIL, B, "mejl", "Swedish list"},
	{T_PHONE, B, "telefon", "Swedish list"},
	{T_PHONE, B, "telefonnummer", "Swedish list"},
	{T_PHONE, B, "mobil", "Swedish list"},
	{T_PHONE, B, "mobiltelefon", "Swedish list"},
	{T_PHONE, B, "mobilnummer", "Swedish list"},
	{T_COMPANY, C, "företag", "Swedish list"},
	{T_COMPANY, C, "firma", "Swedish list"},
	{T_OWNER, C, "ansvarig", "Swedish list"},
	{T_OWNER, C, "kundansvarig", "Swedish list"},
	{T_OWNER, C, "säljare", "Swedish list"},
	{T_OWNER, C, "ägare", "Swedish list"},
	{T_STAGE, C, "fas", "Swedish list"},
	{T_STAGE, C, "kundstatus", "Swedish list"},
	{T_STAGE, C, "livscykel", "Swedish list"},
	{T_LANG, C, "språk", "Swedish list"},
	{T_FORMAL, C, "formell", "Swedish list"},
	{T_FORMAL, C, "tilltal", "Swedish list"},
	{T_TZ, C, "tidszon", "Swedish list"},
	{T_CREATED, C, "skapad", "Swedish list"},
	{T_CREATED, C, "skapat", "Swedish list"},
	{T_CREATED, C, "registrerad", "Swedish list"},
	{T_CREATED, C, "skapad datum", "Swedish list"},
	{T_ID, C, "kundnr", "Swedish list (Fortnox)"},
	{T_PHONE, B, "telefon 1", "Swedish list (Fortnox)"},
	{T_PHONE, B, "telefon 2", "Swedish list (Fortnox)"},
	{T_PHONE, B, "mobiltelefonnummer", "Swedish list"},
	{T_EMAIL, B, "e post faktura", "Swedish list (Fortnox)"},
	{T_EMAIL, B, "e post order", "Swedish list (Fortnox)"},
	{T_PERSON, C, "kontaktperson", "Swedish list (Fortnox)"},
	{T_PERSON, C, "er referens", "Swedish list (Fortnox)"},
	{T_OWNER, C, "vår referens", "Swedish list (Fortnox)"},
	{T_BUSINESS_ID, C, "organisationsnummer", "Swedish list"},
	{T_BUSINESS_ID, C, "org nr", "Swedish list (Fortnox)"},
	{T_BUSINESS_ID, C, "orgnr", "Swedish list"},
	{T_BUSINESS_ID, C, "org nr personnr", "Swedish list (Fortnox)"},
	{T_BUSINESS_ID, C, "organisationsnr", "Swedish list"},
	{T_BUSINESS_ID, C, "momsnummer", "Swedish list"},
	{T_BUSINESS_ID, C, "momsregistreringsnummer", "Swedish list"},
	{T_BUSINESS_ID, C, "vat nr", "Swedish list (Fortnox)"},
	{T_UNSUB, C, "avregistrerad", "Swedish list"},
	{T_OPTOUT, C, "reklamspärr", "Swedish list"},
	{T_OPTIN, C, "samtycke", "Swedish list"},
	{T_OPTIN, C, "marknadsföringssamtycke", "Swedish list"},
	{T_WHEN, E, "datum", "Swedish list"},
	{T_WHEN, E, "tidpunkt", "Swedish list"},
	{T_TYPE, E, "händelse", "Swedish list"},
	{T_TYPE, E, "typ", "Swedish list"},
	{T_VALUE, E, "belopp", "Swedish list"},
	{T_VALUE, E, "värde", "Swedish list"},
	{T_ITEM, E, "produkt", "Swedish list"},
	{T_ITEM, E, "ämne", "Swedish list"},
	{T_NOTE, E, "anteckning", "Swedish list"},
	{T_NOTE, E, "kommentar", "Swedish list"},
	/* an invoice's or payment's status: weaker than an order's own ("Status"
	 * beside Odoo's "Invoice Status") */
	{T_FINSTATUS, E, "invoice status", "Zoho Books invoices"},
	{T_FINSTATUS, E, "payment status", "English list"},
	/* marketplaces' and shop builders' orders: Etsy's Sold Orders and eBay's
	 * orders report (Sale Date: Etsy writes 09/03/26, month first; eBay
	 * Sep-12-26), Wix Stores' orders (Date created, and its clock time in
	 * "Time") */
	{T_WHEN, E | MDY, "sale date", "Etsy / eBay orders"},
	{T_VALUE, E, "total price", "eBay orders"},
	{T_ITEM, E, "item title", "eBay orders"},
	{T_PAID, E, "paid on date", "eBay orders"},
	{T_WHEN, E | ORDERS, "date created", "Wix Stores orders"},
	{T_WHEN, E | ORDERS, "creation date", "Odoo sale orders"},
	/* Eventbrite's attendee report: a row an attendee of an order, the
	 * order's total on each of its rows */
	{T_VALUE, E | ORDERS, "total paid", "Eventbrite attendees"},
	{T_ITEM, E | ORDERS, "event name", "Eventbrite attendees"},
	{T_FINSTATUS, E | ORDERS, "attendee status", "Eventbrite attendees"},
	{T_CLOCK, E, "order time", "English list: a clock time beside the date"},
	{T_CLOCK, E, "sale time", "English list: a clock time beside the date"},
	{T_CLOCK, E, "time of sale", "English list: a clock time beside the date"},
	{T_CLOCK, E, "transaction time", "English list: a clock time beside the date"},
	{T_CLOCK, E, "purchase time", "English list: a clock time beside the date"},
	{T_CLOCK, E, "kellonaika", "Finnish list: a clock time beside the date"},
	{T_CLOCK, E, "klo", "Finnish list: a clock time beside the date"},
	{T_CLOCK, E, "klockslag", "Swedish list: a clock time beside the date"},
	{T_CLOCK, E, "uhrzeit", "German list: a clock time beside the date"},
	/* orders in other words (trial 6/31): the status column, the order's
	 * number, date and total of Finnish, Swedish, German, French, Spanish
	 * and Dutch order exports and sheets ("Tila", "Bestellstatus", "Statut",
	 * "Estado"); a status word of theirs is read by orders.c */
	/* Shopware 6 orders: its Import/Export profile "Default orders" (';'
	 * between; order_number, customer_email, amount_total, order_date_time,
	 * and order_state_id, an id of the state machine's state, not a name:
	 * order_state_id below), with the states' technical names where the
	 * profile adds stateMachineState.technicalName (the order's: open,
	 * in_progress, completed, cancelled) and the transactions' (the
	 * payment's: open, paid, refunded, failed ...) */
	{T_FINSTATUS, E, "state machine state technical name", "Shopware 6 orders: the order's state"},
	{T_FINSTATUS, E, "state machine state name", "Shopware 6 orders: the order's state"},
	{T_FINSTATUS, E, "state machine state", "Shopware 6 orders: the order's state"},
	{T_FINSTATUS, E, "transactions state machine state technical name", "Shopware 6 orders: the payment's state"},
	{T_FINSTATUS, E, "transactions state machine state name", "Shopware 6 orders: the payment's state"},
	{T_FINSTATUS, E, "transaction state", "Shopware 6 orders: the payment's state"},
	{T_VALUE, E, "amount total", "Shopware 6 orders"},
	{T_WHEN, E, "order date time", "Shopware 6 orders"},
	{T_CURRENCY, E, "currency iso code", "Shopware 6 orders"},
	{T_FINSTATUS, E, "order state", "English list (Magento, PrestaShop)"},
	{T_FINSTATUS, E, "payment state", "English list"},
	{T_FINSTATUS, E, "current status", "English list"},
	{T_FINSTATUS, E, "current state", "English list"},
	{T_FINSTATUS, E, "tila", "Finnish list"},
	{T_FINSTATUS, E, "tilauksen tila", "Finnish list"},
	{T_FINSTATUS, E, "maksun tila", "Finnish list"},
	{T_FINSTATUS, E, "maksutila", "Finnish list"},
	{T_FINSTATUS, E, "orderstatus", "Swedish list"},
	{T_FINSTATUS, E, "betalningsstatus", "Swedish list"},
	{T_FINSTATUS, E, "bestellstatus", "German list"},
	{T_FINSTATUS, E, "zahlungsstatus", "German list"},
	{T_FINSTATUS, E, "statut", "French list"},
	{T_FINSTATUS, E, "statut de la commande", "French list"},
	{T_FINSTATUS, E, "état", "French list"},
	{T_FINSTATUS, E, "état de la commande", "French list"},
	{T_FINSTATUS, E, "estado", "Spanish list"},
	{T_FINSTATUS, E, "estado del pedido", "Spanish list"},
	{T_FINSTATUS, E, "bestelstatus", "Dutch list"},
	{T_FINSTATUS, E, "order state id", "Shopware 6 orders: an id of the order's state, not its name"},
	{T_ORDER, E | ORD, "bestellnummer", "German list"},
	{T_ORDER, E | ORD, "bestellnr", "German list"},
	{T_ORDER, E | ORD, "auftragsnummer", "German list"},
	{T_ORDER, E | ORD, "rechnungsnummer", "German list"},
	{T_ORDER, E | ORD, "numéro de commande", "French list"},
	{T_ORDER, E | ORD, "numero de commande", "French list"},
	{T_ORDER, E | ORD, "n de commande", "French list"},
	{T_ORDER, E | ORD, "commande", "French list"},
	{T_ORDER, E | ORD, "número de pedido", "Spanish list"},
	{T_ORDER, E | ORD, "numero de pedido", "Spanish list"},
	{T_ORDER, E | ORD, "n de pedido", "Spanish list"},
	{T_ORDER, E | ORD, "pedido", "Spanish list"},
	{T_ORDER, E | ORD, "bestelnummer", "Dutch list"},
	{T_ORDER, E | ORD, "bestelnr", "Dutch list"},
	{T_ORDER, E | ORD, "ordernummer", "Dutch list"},
	{T_WHEN, E, "tilauspäivä", "Finnish list"},
	{T_WHEN, E, "tilauspäivämäärä", "Finnish list"},
	{T_WHEN, E, "orderdatum", "Swedish / Dutch list"},
	{T_WHEN, E, "bestelldatum", "German list"},
	{T_WHEN, E, "auftragsdatum", "German list"},
	{T_WHEN, E, "date de commande", "French list"},
	{T_WHEN, E, "date de la commande", "French list"},
	{T_WHEN, E, "fecha", "Spanish list"},
	{T_WHEN, E, "fecha del pedido", "Spanish list"},
	{T_WHEN, E, "fecha de pedido", "Spanish list"},
	{T_WHEN, E, "besteldatum", "Dutch list"},
	{T_VALUE, E, "yhteensä", "Finnish list"},
	{T_VALUE, E, "loppusumma", "Finnish list"},
	{T_VALUE, E, "totalt", "Swedish list"},
	{T_VALUE, E, "totalbelopp", "Swedish list"},
	{T_VALUE, E, "belopp", "Swedish list"},
	{T_VALUE, E, "gesamtsumme", "German list"},
	{T_VALUE, E, "gesamtbetrag", "German list"},
	{T_VALUE, E, "summe", "German list"},
	{T_VALUE, E, "montant", "French list"},
	{T_VALUE, E, "montant total", "French list"},
	{T_VALUE, E, "importe", "Spanish list"},
	{T_VALUE, E, "importe total", "Spanish list"},
	{T_VALUE, E, "totaal", "Dutch list"},
	{T_VALUE, E, "bedrag", "Dutch list"},
	{T_ITEM, E, "produit", "French list"},
	{T_ITEM, E, "producto", "Spanish list"},
	/* a CRM's deals export (Pipedrive's "Deal - Status" Won/Lost/Open): a
	 * won deal is a purchase at its won time (trial 6/27) */
	{T_FINSTATUS, E, "deal status", "Pipedrive deals"},
	{T_ORDER, E | ORD, "deal id", "Pipedrive deals"},
	{T_WHEN, E, "deal won time", "Pipedrive deals"},
	{T_WHEN, E, "won time", "Pipedrive deals"},
	{T_VALUE, E, "deal value", "Pipedrive deals"},
	{T_ITEM, E, "deal title", "Pipedrive deals"},
	{T_CURRENCY, E, "deal currency", "Pipedrive deals"},
	/* Salesforce's Opportunities report and HubSpot's deals export: a
	 * Closed Won deal is a purchase at its close date (trial8/04); the
	 * bare "Stage" only beside an "Opportunity ID" (a contact list's
	 * stage is its lifecycle's) */
	{T_FINSTATUS, E, "deal stage", "HubSpot deals"},
	{T_FINSTATUS, E, "opportunity stage", "Salesforce opportunities"},
	{T_FINSTATUS, E | ORDERS, "stage", "Salesforce opportunities"},
	{T_ORDER, E | ORD, "opportunity id", "Salesforce opportunities"},
	{T_ITEM, E, "opportunity name", "Salesforce opportunities"},
	{T_ITEM, E, "deal name", "HubSpot deals"},
	{T_ORDER, E, "record id", "HubSpot deals: the deal's id"},
	{T_WHEN, E, "close date", "Salesforce opportunities / HubSpot deals"},
	{T_VALUE, E, "opportunity amount", "Salesforce opportunities"},
	{T_VALUE, E, "deal amount", "HubSpot deals"},
	{T_CURRENCY, E, "amount currency", "Salesforce opportunities"},
	{T_CURRENCY, E, "opportunity currency", "Salesforce opportunities"},
	{T_EMAIL, E, "associated contact", "HubSpot deals: \"Name (address)\""},
	{T_EMAIL, E, "associated contact email", "HubSpot deals"},
	/* vCard property names as headers (vcf-to-CSV converters, phone
	 * backups): "EMAIL;TYPE=INTERNET;TYPE=HOME", "TEL;TYPE=CELL".  Their
	 * patterns come from vcard_key (a ':' no normalised header has); the
	 * preferred address or number first, a mobile before other phones,
	 * the structured name N before the formatted FN */
	{T_EMAIL, B, "vcard:email pref", "vCard properties"},
	{T_EMAIL, B, "vcard:email", "vCard properties"},
	{T_PHONE, B, "vcard:tel pref", "vCard properties"},
	{T_PHONE, B, "vcard:tel cell", "vCard properties"},
	{T_PHONE, B, "vcard:tel", "vCard properties"},
	{T_NAME, C, "vcard:n", "vCard properties"},
	{T_NAME, C, "vcard:fn", "vCard properties"},
	{T_COMPANY, C, "vcard:org", "vCard properties"},
	/* an e-mail address by its words in other languages (email_words):
	 * Outlook's "E-Mail 2: Adresse", "Adresse de messagerie 2", "E-post 2:
	 * Adress", "Sähköpostiosoite 2", "Dirección de correo electrónico 2";
	 * after every e-mail the table names; the first before the second, the second before the third */
	{T_EMAIL, B, "*an e-mail address*", "Outlook (localised) / a list: an e-mail address by its words"},
	{T_EMAIL, B, "*a second e-mail address*", "Outlook (localised) / a list: a second e-mail address by its words"},
	{T_EMAIL, B, "*a third e-mail address*", "Outlook (localised) / a list: a third e-mail address by its words"},
	/* Outlook's phones in other languages ("Telefon geschäftlich", "Tél.
	 * mobile", "Teléfono del trabajo", "Työpuhelin"), known by their words
	 * (phone_words), after every phone the table names: a mobile first, then work, main, home, the others */
	{T_PHONE, B, "*a mobile phone*", "Outlook (localised) / a list: a mobile phone by its words"},
	{T_PHONE, B, "*a work phone*", "Outlook (localised) / a list: a work phone by its words"},
	{T_PHONE, B, "*a main phone*", "Outlook (localised) / a list: a main phone by its words"},
	{T_PHONE, B, "*a home phone*", "Outlook (localised) / a list: a home phone by its words"},
	{T_PHONE, B, "*another phone*", "Outlook (localised) / a list: another phone by its words"},
	/* what a contact is to the shop: a customer, or a vendor, a supplier,
	 * a partner (trials8/10) */
	{T_PARTY, C, "contact type", "Zoho Books / Zoho Inventory / Cin7 / Sage contacts"},
	{T_PARTY, C, "relationship type", "Dynamics 365 accounts"},
	{T_PARTY, C, "contact business relation", "Dynamics 365 Business Central contacts"},
	{T_PARTY, C, "business relation", "Dynamics 365 Business Central contacts"},
	{T_PARTY, C, "account type", "Salesforce accounts"},
	{T_PARTY, C, "partner type", "English list"},
	{T_PARTY, C, "party type", "English list"},
	{T_PARTY, C, "kontaktityyppi", "Finnish list"},
	{T_PARTY, C, "kontakttyp", "Swedish / German list"},
	{T_PARTY, C, "kontaktart", "German list"},
	/* why the contact unsubscribed: a filled one is an opt-out (trials8/08) */
	{T_UNSUB_REASON, C, "unsubscribe reason", "Constant Contact / English list"},
	{T_UNSUB_REASON, C, "unsub reason", "Mailchimp (unsubscribed)"},
	{T_UNSUB_REASON, C, "unsub reason other", "Mailchimp (unsubscribed)"},
	{T_UNSUB_REASON, C, "opt out reason", "English list"},
	/* an unsubscribe reason known by its words (unsub_reason_guess) */
	{T_UNSUB_REASON, C, "*unsubscribe reason*", "an unsubscribe reason by its words"},
	/* the weakest: a consent column known by its words alone (consent_guess) */
	{T_OPTOUT, C | GUESS, "*opt out*", "a consent column by its words: an opt-out flag"},
	{T_OPTIN, C | GUESS, "*opt in*", "a consent column by its words: an opt-in flag"},
	{T_CONSENT, C | GUESS, "*consent*", "a consent column by its words: a consent status"},
	{T_UNSUB, C | GUESS, "*opt-out date*", "a consent column by its words: an opt-out's date"},
};
enum {
	GUESS_OPTOUT = sizeof table / sizeof table[0] - 4,
	GUESS_OPTIN,
	GUESS_STATUS,
	GUESS_OPTOUT_AT
};

static const int target_kinds[T_COUNT] = {
	[T_ID] = C, [T_FIRST] = C, [T_LAST] = C, [T_EMAIL] = B, [T_PHONE] = B,
	[T_COMPANY] = C, [T_OWNER] = C, [T_STAGE] = C, [T_SEGMENT] = C, [T_LANG] = C,
	[T_FORMAL] = C, [T_TZ] = C, [T_CREATED] = C, [T_UNSUB] = C, [T_ALIASES] = C, [T_NAME] = C,
	[T_OPTOUT] = C, [T_OPTIN] = B, [T_CONSENT] = C,
	[T_CONTACT_ID] = E, [T_WHEN] = E, [T_TYPE] = E, [T_VALUE] = E, [T_ITEM] = E,
	[T_NOTE] = E, [T_FINSTATUS] = E, [T_CANCELLED] = E, [T_ORDER] = E, [T_COUNTRY] = B,
	[T_PERSON] = C, [T_BUSINESS_ID] = C, [T_REFUNDED] = E, [T_CUSTOMER] = E, [T_PAID] = E,
	[T_LEAD_STATUS] = C, [T_REGION] = C, [T_CURRENCY] = E,
	[T_CONSENT_AT] = C, [T_NOCALL] = C,
	[T_TICKET] = E, [T_CLOSED_AT] = E, [T_TICKET_HINT] = E, [T_SCORE] = E,
	[T_REFERRER] = E, [T_REFERRED] = E,
	[T_CLOCK] = E, [T_QTY] = E, [T_UNIT_PRICE] = E, [T_PARTY] = C, [T_UNSUB_REASON] = C,
	[T_SUPPRESSION] = C, [T_BOUNCE] = B, [T_SMS_OPTOUT] = C, [T_SMS_OPTIN] = C, [T_SMS_CONSENT] = C,
};

int hm_target_kinds(int t)
{
	return target_kinds[t];
}

int hm_target_find(const char *name)
{
	for (int t = 0; t < T_COUNT; t++)
		if (strcmp(hm_target_name[t], name) == 0)
			return t;
	return -1;
}

/* lower-case; runs of non-alphanumerics (ASCII) become one space; trimmed */
static void normalise(const char *s, char *out, size_t size)
{
	size_t k = 0;
	int space = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 2 < size; p++) {
		int word = (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		           (*p >= 'a' && *p <= 'z') || *p >= 0x80;
		if (!word) {
			space = 1;
			continue;
		}
		if (space && k > 0)
			out[k++] = ' ';
		space = 0;
		out[k++] = (char)*p;
	}
	out[k] = '\0';
	norm_lower_utf8(out, k);
}

/* Is HEADER, normalised, one of NAMES (normalised forms)? */
static int header_listed(const char *header, const char *const *names, size_t n)
{
	char norm[128];
	normalise(header, norm, sizeof norm);
	for (size_t i = 0; i < n; i++)
		if (strcmp(norm, names[i]) == 0)
			return 1;
	return 0;
}

int hm_referrer_header(const char *header)
{
	static const char *const names[] = {
		"referred by", "referred by email", "referred by id", "referred by e mail", "referrer",
		"referrer email", "referrer e mail", "referrer id", "referral", "referral email",
		"referral e mail", "referred from", "referrer name",
		/* affiliate and referral apps (Rewardful, Viral Loops: referrerId,
		 * referredBy; a camelCase header reads as one word) */
		"affiliate email", "affiliate e mail", "referrerid", "referredby", "referrer code",
		"referred by code",
		"suosittelija", "suosittelijan sähköposti", "suosittelijan email", "suositellut",
		"värvad av", "värvare", "rekommenderad av", "tipsad av", "värvarens e post",
	};
	return header_listed(header, names, sizeof names / sizeof names[0]);
}

int hm_referral_code_header(const char *header)
{
	static const char *const names[] = {
		"referral code", "referralcode", "own referral code", "my referral code", "share code",
		"sharecode", "invite code", "invitecode",
	};
	return header_listed(header, names, sizeof names / sizeof names[0]);
}

static long lookup(const char *norm, int kind)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if ((table[i].kinds & kind) && strcmp(table[i].pat, norm) == 0)
			return (long)i;
	return -1;
}

static size_t says_utc(const char *norm);

/* the words of a normalised header, each a NUL-ended string in BUF */
static size_t words_of(const char *norm, char *buf, size_t size, const char **w, size_t max)
{
	size_t n = 0;
	snprintf(buf, size, "%s", norm);
	for (char *p = buf; *p && n < max;) {
		w[n++] = p;
		char *sp = strchr(p, ' ');
		if (!sp)
			break;
		*sp = '\0';
		p = sp + 1;
	}
	return n;
}

static int word_is(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}
#define WORD_IS(w, list) word_is(w, list, sizeof list / sizeof list[0])

/* words that make a header about consent (consent_guess, hm_consent_header) */
static const char *const consent_about[] = {
	"consent", "consents", "consented", "subscribe", "subscribed", "subscriber",
	"subscription", "subscriptions", "unsubscribe", "unsubscribed", "newsletter",
	"newsletters", "marketing", "dnd", "permission", "permissions", "emailing",
	"emailings", "mailing", "mailings", "optin", "optout", "optedin", "optedout",
	"gdpr", "blacklist", "blacklisted", "blocklist", "blocklisted", "suppressed",
	"suppression", "werbung", "markkinointi", "marknadsföring", "samtykke",
	/* e-mail allowed in one word; other languages' consent, marketing,
	 * newsletter (trial8/08) */
	"emailable", "mailable", "contactable", "sähköpostimarkkinointi", "uutiskirje",
	"uutiskirjeen", "uutiskirjeet", "werbeeinwilligung", "einwilligung", "consentement",
	"publicidad", "publicité", "toestemming", "nieuwsbrief", "markedsføring", "zgoda",
	"marketingowa", "marketingowe", "direktreklam", "reklam", "reklame", "suscrito",
	"suscrita", "inscrit", "inscrite", "abonniert", "désinscrit", "désinscrite",
	"desinscrit", "baja", "afgemeld", "afmelding", "robinson", "nix", "werbewiderspruch",
	"widerspruch", "avmeldt", "afmeldt", "abgemeldet", "abmeldung", "abbestellt",
	"uitgeschreven", "désabonné", "désabonnée", "desabonne", "désabonnement",
	"utmeldt", "utmeldet", "avmeldet", "disiscritto", "disiscritta", "disiscrizione",
	"descadastrado", "descadastrada", "wypisany", "wypisana", "ausgetragen",
};
static const char *const consent_out[] = {
	"optout", "optedout", "unsubscribe", "unsubscribed", "dnd", "blacklist",
	"blacklisted", "blocklist", "blocklisted", "suppressed", "suppression",
	"dont", "never", "withdrawn", "revoked", "stop", "exclude", "excluded",
	/* unsubscribed; an objection to marketing, a do-not-mail list
	 * (Robinson, Austria's NIX, a Werbewiderspruch) */
	"désinscrit", "désinscrite", "desinscrit", "baja", "afgemeld", "afmelding",
	"robinson", "nix", "werbewiderspruch", "widerspruch", "avmeldt", "afmeldt",
	"abgemeldet", "abmeldung", "abbestellt", "uitgeschreven", "désabonné", "désabonnée",
	"desabonne", "désabonnement", "utmeldt", "utmeldet", "avmeldet", "disiscritto",
	"disiscritta", "disiscrizione", "descadastrado", "descadastrada", "wypisany", "wypisana",
	"ausgetragen",
};

/* Words about subscribers that are no consent (trials9/16): the subscriber
 * alone ("Subscriber", MailerLite's id), and a paid subscription's state
 * (Substack's "active_subscription" false: a free subscriber, who gets
 * every post) */
static int not_consent(const char *const *w, size_t n)
{
	static const char *const paid[] = {"active", "paid", "premium", "billing", "renewal",
	                                   "renews", "trial", "tier", "membership"};
	if (n == 1 && (strcmp(w[0], "subscriber") == 0 || strcmp(w[0], "subscribers") == 0))
		return 1;
	int subscription = 0, pay = 0;
	for (size_t i = 0; i < n; i++) {
		subscription |= strcmp(w[i], "subscription") == 0 || strcmp(w[i], "subscriptions") == 0;
		pay |= WORD_IS(w[i], paid);
	}
	return subscription && pay;
}

/* A header the table does not know that gives when a contact opted out
 * ("Opted Out Date", "Date of unsubscription", "Désinscrit le", "Date
 * Removed", "removal_date"): the table entry of an opt-out's date, else -1.
 * Only a header of a time, an opt-out and words that join them ("of",
 * "from the list"), not one that says more ("Subscription Stop Date" of a
 * paid plan, "Tattoo removal date"). */
static long optout_date_guess(const char *norm)
{
	static const char *const when[] = {"date", "time", "timestamp", "at", "on", "when",
	                                   "day", "since", "pvm", "datum", "am", "le", "el", "op",
	                                   "den", "dato", "data", "päivämäärä"};
	/* what stops marketing mail: the consent words that say an opt-out, a
	 * removal from the list, an unsubscription */
	static const char *const out[] = {"removed", "removal", "unsub", "unsubscription",
	                                  "désinscription", "desinscription", "afmelding",
	                                  "avregistrering", "avregistrerad", "peruutus",
	                                  "peruttu"};
	static const char *const joining[] = {"of", "from", "the", "list", "email", "e", "mail",
	                                      "mailing", "newsletter", "marketing", "was", "du",
	                                      "de", "der", "la", "van", "list's"};
	char buf[256];
	const char *w[32];
	size_t n = words_of(norm, buf, sizeof buf, w, 32);
	int dated = 0, says_out = 0;
	for (size_t i = 0; i < n; i++) {
		int opt = strcmp(w[i], "opt") == 0 || strcmp(w[i], "opted") == 0;
		if (opt && i + 1 < n && strcmp(w[i + 1], "out") == 0)
			says_out = 1, i++;
		else if (WORD_IS(w[i], when))
			dated = 1;
		else if (WORD_IS(w[i], consent_out) || WORD_IS(w[i], out))
			says_out = 1;
		else if (!WORD_IS(w[i], joining))
			return -1;
	}
	return dated && says_out ? GUESS_OPTOUT_AT : -1;
}

/* A header the table does not know that names consent by its words
 * ("Marketing Opt-In", "Subscribed to newsletter", "Do Not Disturb",
 * "Permission", "Receive Newsletter"): the table entry of an opt-out flag,
 * an opt-in flag or a consent status, else -1.  Not a header that names
 * something about consent other than whether it is given: its date, source,
 * campaign, list, count ("Consent date", "Marketing source", "Newsletter
 * topic", "Marketing emails opened"). */
static long consent_guess(const char *norm)
{
	/* what the column says about consent that is not a yes or no */
	static const char *const other[] = {
		"date", "time", "timestamp", "at", "on", "since", "when", "day", "ip", "source",
		"method", "channel", "id", "name", "campaign", "campaigns", "count", "number",
		"sent", "sends", "last", "first", "url", "link", "reason", "note", "notes",
		"comment", "text", "language", "lang", "frequency", "type", "topic", "topics",
		"list", "lists", "tag", "tags", "group", "groups", "segment", "score", "plan",
		"by", "form", "page", "opened", "opens", "delivered", "clicked", "clicks",
		"bounced", "replied", "rate", "template", "owner", "amount", "value", "price",
		"total", "revenue", "spend", "cost", "budget", "event", "events", "history",
		"version", "code", "details", "description", "fee", "expiry", "expires",
		"expiration", "days", "period", "interval", "category", "categories", "content",
		"interest", "interests", "agency", "manager", "team", "budget", "year", "month",
		"pvm", "datum", "am", "le", "el", "op", "den", "päivämäärä",
		/* service mail, which needs no consent and says nothing of marketing
		 * (Mindbody's "Send Account Emails", "Send Schedule Emails" beside
		 * its "Send Promotional Emails": trials10/13) */
		"account", "schedule", "scheduling", "transactional", "reminder", "reminders",
		"appointment", "appointments", "booking", "bookings", "receipt", "receipts",
		"shipping", "invoice", "invoices", "billing", "security", "password",
		/* consent to other channels than e-mail: not the e-mail's */
		"sms", "text", "texts", "whatsapp", "phone", "call", "calls", "telephone",
		"postal", "post", "push", "mms",
	};
	static const char *const status[] = {"status", "state", "preference", "preferences",
	                                     "choice", "level", "tila"};
	char buf[256];
	const char *w[32];
	size_t n = words_of(norm, buf, sizeof buf, w, 32);
	int about_it = 0, says_out = 0, says_in = 0, is_status = 0;
	if (not_consent(w, n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (WORD_IS(w[i], other))
			return -1;
		int opt = strcmp(w[i], "opt") == 0 || strcmp(w[i], "opted") == 0;
		if (opt && i + 1 < n && strcmp(w[i + 1], "out") == 0)
			about_it = says_out = 1;
		else if (opt && i + 1 < n && strcmp(w[i + 1], "in") == 0)
			about_it = says_in = 1;
		if (WORD_IS(w[i], consent_about))
			about_it = 1;
		/* "No marketing", not "Newsletter (yes/no)" */
		if (WORD_IS(w[i], consent_out) || (i == 0 && strcmp(w[i], "no") == 0))
			says_out = 1;
		if (strcmp(w[i], "optin") == 0 || strcmp(w[i], "optedin") == 0)
			says_in = 1;
		/* "Do not ...", "Don't ...": an opt-out when the rest is about
		 * contact or consent ("Do Not Disturb", "Do not send newsletter") */
		if (strcmp(w[i], "do") == 0 && i + 1 < n && strcmp(w[i + 1], "not") == 0)
			says_out = 1, about_it |= i + 2 < n && (strcmp(w[i + 2], "disturb") == 0 ||
			                                       strcmp(w[i + 2], "mail") == 0 ||
			                                       strcmp(w[i + 2], "market") == 0);
		/* "Accepts Emails", "Receive Emails", "Allow E-mail", "Email allowed" */
		if (strcmp(w[i], "email") == 0 || strcmp(w[i], "emails") == 0 ||
		    strcmp(w[i], "mails") == 0)
			for (size_t k = 0; k < n; k++)
				if (strcmp(w[k], "can") == 0 || strcmp(w[k], "ok") == 0 ||
				    strcmp(w[k], "okay") == 0 || strcmp(w[k], "send") == 0 ||
				    strcmp(w[k], "may") == 0 ||
				    strcmp(w[k], "accepts") == 0 || strcmp(w[k], "accept") == 0 ||
				    strcmp(w[k], "receive") == 0 || strcmp(w[k], "receives") == 0 ||
				    strcmp(w[k], "allow") == 0 || strcmp(w[k], "allowed") == 0 ||
				    strcmp(w[k], "allows") == 0 || strcmp(w[k], "wants") == 0)
					about_it = 1;
	}
	if (!about_it)
		return -1;
	if (n > 0 && WORD_IS(w[n - 1], status))
		is_status = 1;
	if (is_status || (says_in && says_out))
		return GUESS_STATUS;
	return says_out ? GUESS_OPTOUT : GUESS_OPTIN;
}

/* A header the table does not know that gives why a contact opted out
 * ("Reason for unsubscribing", "Suppression reason", "Abmeldegrund"): the
 * table entry of an unsubscribe reason, else -1 */
static long unsub_reason_guess(const char *norm)
{
	static const char *const out[] = {
		"unsubscribe", "unsubscribed", "unsubscribing", "unsubscription", "unsub", "optout",
		"optedout", "suppression", "suppressed", "blocklist", "blacklist", "désinscription",
		"desinscription", "abmeldung", "baja", "afmelding", "avregistrering", "peruutus",
	};
	static const char *const reason[] = {"reason", "reasons", "cause", "why", "grund", "syy",
	                                     "orsak", "raison", "motif", "motivo", "reden"};
	/* one word: "Abmeldegrund", "Peruutussyy" */
	static const char *const joined[] = {"abmeldegrund", "kündigungsgrund", "peruutussyy",
	                                     "avregistreringsorsak"};
	char buf[256];
	const char *w[32];
	size_t n = words_of(norm, buf, sizeof buf, w, 32);
	int says_out = 0, why = 0;
	for (size_t i = 0; i < n; i++) {
		if (WORD_IS(w[i], out) || WORD_IS(w[i], joined))
			says_out = 1;
		if (WORD_IS(w[i], reason) || WORD_IS(w[i], joined))
			why = 1;
		if ((strcmp(w[i], "opt") == 0 || strcmp(w[i], "opted") == 0) && i + 1 < n &&
		    strcmp(w[i + 1], "out") == 0)
			says_out = 1;
	}
	return says_out && why ? lookup("*unsubscribe reason*", HM_CONTACTS) : -1;
}

/* Does TYPE=... of a vCard property's parameters P name WORD (TYPE=CELL,
 * TYPE=WORK,PREF, a bare CELL of vCard 2.1, PREF=1)? */
static int vcard_param(const char *p, const char *word)
{
	size_t n = strlen(word);
	while (*p) {
		while (*p == ';' || *p == ',' || *p == '=')
			p++;
		const char *w = p;
		while (*p && *p != ';' && *p != ',' && *p != '=')
			p++;
		if ((size_t)(p - w) == n && strncasecmp(w, word, n) == 0)
			return 1;
	}
	return 0;
}

/* The table pattern of a vCard property name as a header ("FN", "N",
 * "ORG", "EMAIL;TYPE=INTERNET", "item1.TEL;TYPE=CELL") in KEY, 1; or 0.
 * A bare name counts only in capitals (a header "n" or "Org" is some
 * list's own); a fax or pager number is no phone. */
static int vcard_key(const char *header, char *key, size_t size)
{
	const char *h = header, *dot = strchr(header, '.');
	const char *semi = strchr(header, ';');
	if (dot && (!semi || dot < semi))
		h = dot + 1; /* Apple's group: item1.EMAIL */
	size_t n = semi ? (size_t)(semi - h) : strlen(h);
	const char *params = semi ? semi : "";
	static const char *const props[] = {"EMAIL", "TEL", "N", "FN", "ORG"};
	const char *prop = NULL;
	for (size_t k = 0; k < sizeof props / sizeof *props && !prop; k++)
		if (strlen(props[k]) == n &&
		    (semi || h != header ? strncasecmp(h, props[k], n) : strncmp(h, props[k], n)) == 0)
			prop = props[k];
	if (!prop)
		return 0;
	const char *rank = "";
	if (strcmp(prop, "TEL") == 0) {
		if (vcard_param(params, "FAX") || vcard_param(params, "PAGER"))
			return 0;
		rank = vcard_param(params, "PREF") ? " pref"
		       : vcard_param(params, "CELL") || vcard_param(params, "MOBILE") ? " cell" : "";
	} else if (strcmp(prop, "EMAIL") == 0) {
		rank = vcard_param(params, "PREF") ? " pref" : "";
	}
	snprintf(key, size, "vcard:%s%s", prop, rank);
	norm_lower_utf8(key, strlen(key));
	return 1;
}

static long match_words(const char *header, int kind);

/* HEADER with a space where a lower-case letter or digit meets a capital
 * ("phoneNumber" -> "phone Number", "createdAt") or a capitalised word
 * follows capitals ("POCountry" -> "PO Country"), in OUT: 1, or 0 when it
 * has no such place */
static int camel_split(const char *header, char *out, size_t size)
{
	size_t k = 0;
	int split = 0;
	for (const char *p = header; *p && k + 2 < size; p++) {
		int upper = *p >= 'A' && *p <= 'Z';
		/* and where a capitalised word follows capitals (Xero's "POCountry",
		 * "SACountry": "PO Country") */
		int acronym = upper && p > header && p[-1] >= 'A' && p[-1] <= 'Z' && p[1] >= 'a' &&
		              p[1] <= 'z';
		if (p > header && upper &&
		    ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9') || acronym)) {
			out[k++] = ' ';
			split = 1;
		}
		out[k++] = *p;
	}
	out[k] = '\0';
	return split;
}

/* Is the segment [S, E) of a dotted path the person or their address
 * ("customer", "defaultBillingAddress", "user"), whose fields are the
 * person's?  Not a group's or a sales channel's ("group.id"). */
static int person_segment(const char *s, const char *e)
{
	static const char *const words[] = {"customer", "contact", "person", "user", "billing",
	                                    "shipping", "address", "profile", "default", "primary",
	                                    "member", "subscriber", "buyer", "client", "owner"};
	char seg[128], split[256], norm[256];
	size_t n = (size_t)(e - s) < sizeof seg - 1 ? (size_t)(e - s) : sizeof seg - 1;
	memcpy(seg, s, n);
	seg[n] = '\0';
	camel_split(seg, split, sizeof split);
	normalise(split, norm, sizeof norm);
	char buf[256];
	const char *w[16];
	size_t nw = words_of(norm, buf, sizeof buf, w, 16);
	for (size_t i = 0; i < nw; i++)
		if (WORD_IS(w[i], words))
			return 1;
	return 0;
}

/* A header by the table, else as camelCase words ("phoneNumber" as "Phone
 * Number", "createdAt"), else by the last parts of a dotted path below the
 * person (Shopware's "defaultBillingAddress.phoneNumber",
 * "defaultBillingAddress.country.iso"); or -1 */
static long match(const char *header, int kind)
{
	long i = match_words(header, kind);
	if (i >= 0)
		return i;
	char alt[256];
	if (camel_split(header, alt, sizeof alt) && (i = match_words(alt, kind)) >= 0)
		return i;
	if (strchr(header, ' '))
		return -1;
	for (const char *d = strchr(header, '.'); d && d > header && d[1]; d = strchr(d + 1, '.')) {
		const char *seg = d - 1;
		while (seg > header && seg[-1] != '.')
			seg--;
		if (person_segment(seg, d) && (i = match(d + 1, kind)) >= 0)
			return i;
	}
	return -1;
}

/* does a normalised header name a channel other than e-mail (SMS, text
 * messages, WhatsApp, calls, post, push)?  Its consent is not the e-mail's */
static int other_channel(const char *norm)
{
	static const char *const channels[] = {"sms", "text", "texts", "whatsapp", "phone", "call",
	                                       "calls", "telephone", "postal", "post", "push", "mms",
	                                       "mobile", "tekstiviesti", "puhelin"};
	char buf[256];
	const char *w[32];
	size_t n = words_of(norm, buf, sizeof buf, w, 32);
	for (size_t i = 0; i < n; i++)
		if (WORD_IS(w[i], channels))
			return 1;
	return 0;
}

/* A country or state column of an address the table does not name
 * ("Alternate Billing Address Country", "Bill To Country", Xero's
 * "POCountry", Magento's "_address_country_id", "addresses.0.country",
 * Outlook's "Land/Region geschäftlich" and "Pays/Région (bureau)"): the
 * table entry of an address's country, ranked by whose address it is (the
 * person's own, one not said whose, shipping, an alternate one), or of
 * "address state"; else -1.  Only when every other word says which address
 * it is or joins (not "Birth Country", "Tax State", "Country of origin"). */
static long address_part(const char *norm, int kind)
{
	enum { OWN = 1, NEUTRAL, SHIP, OTHER };
	static const struct { const char *w; int rank; } which[] = {
		{"primary", OWN}, {"billing", OWN}, {"bill", OWN}, {"mailing", OWN}, {"mail", OWN},
		{"postal", OWN}, {"post", OWN}, {"po", OWN}, {"home", OWN}, {"work", OWN},
		{"business", OWN}, {"office", OWN}, {"main", OWN}, {"default", OWN},
		{"invoice", OWN}, {"invoicing", OWN}, {"residential", OWN}, {"contact", OWN},
		{"customer", OWN},
		/* Outlook's in other languages */
		{"geschäftlich", OWN}, {"privat", OWN}, {"priv", OWN}, {"arb", OWN}, {"bureau", OWN},
		{"domicile", OWN}, {"trabajo", OWN}, {"domicilio", OWN}, {"lavoro", OWN},
		{"casa", OWN}, {"arbejde", OWN}, {"arbete", OWN}, {"hem", OWN}, {"werk", OWN},
		{"thuis", OWN}, {"työ", OWN}, {"koti", OWN}, {"służbowy", OWN}, {"domowy", OWN},
		{"zaměstnání", OWN}, {"domů", OWN},
		{"address", NEUTRAL}, {"addr", NEUTRAL}, {"addresses", NEUTRAL}, {"street", NEUTRAL},
		{"physical", NEUTRAL}, {"sa", NEUTRAL}, {"adres", NEUTRAL}, {"adresse", NEUTRAL},
		{"shipping", SHIP}, {"ship", SHIP}, {"delivery", SHIP},
		{"alternate", OTHER}, {"alternative", OTHER}, {"secondary", OTHER}, {"other", OTHER},
		{"weiteres", OTHER}, {"weitere", OTHER}, {"autre", OTHER}, {"otro", OTHER},
		{"otra", OTHER}, {"andet", OTHER}, {"annet", OTHER}, {"annan", OTHER}, {"muu", OTHER},
		{"inny", OTHER}, {"jiná", OTHER}, {"altro", OTHER}, {"overig", OTHER},
	};
	/* the country in other words, and the words that may go with it */
	static const char *const country[] = {"country", "land", "pays", "país", "pais", "nazione",
	                                      "paese", "maa", "kraj", "země", "riik"};
	static const char *const country_with[] = {"region", "code", "iso", "name", "id",
	                                           "région", "regione", "regio", "región",
	                                           "område", "alue"};
	static const char *const joining[] = {"to", "of", "the", "de", "del", "di", "o", "e"};
	static const char *const state_tail[] = {"province", "region", "code"};
	static const char *const ranked[] = {"*the person's address country*",
	                                     "*an address country*", "*a shipping address country*",
	                                     "*another address country*"};
	char buf[256];
	const char *w[16];
	size_t n = words_of(norm, buf, sizeof buf, w, 16), tail = 0;
	int nouns = 0, rank = 0;
	for (size_t i = 0; i < n; i++)
		nouns += WORD_IS(w[i], country);
	if (nouns == 1) {
		/* a word that names none of these is some other country's
		 * ("Birth Country") */
		for (size_t i = 0; i < n; i++) {
			int r = 0;
			for (size_t k = 0; k < sizeof which / sizeof *which && !r; k++)
				if (strcmp(w[i], which[k].w) == 0)
					r = which[k].rank;
			int digits = strspn(w[i], "0123456789") == strlen(w[i]);
			if (digits) /* "Address 2", "addresses.0" */
				r = strcmp(w[i], "0") == 0 || strcmp(w[i], "1") == 0 ? 0 : OTHER;
			else if (WORD_IS(w[i], country))
				continue;
			else if (!r && !WORD_IS(w[i], country_with) && !WORD_IS(w[i], joining))
				return -1;
			rank = r > rank ? r : rank;
		}
		return rank ? lookup(ranked[rank - 1], kind) : -1;
	}
	if (nouns)
		return -1;
	if (n >= 2 && (strcmp(w[n - 1], "state") == 0 || strcmp(w[n - 1], "province") == 0 ||
	               strcmp(w[n - 1], "region") == 0))
		tail = 1;
	else if (n >= 3 && strcmp(w[n - 2], "state") == 0 && WORD_IS(w[n - 1], state_tail))
		tail = 2;
	if (!tail)
		return -1;
	for (size_t i = 0; i + tail < n; i++) {
		int r = 0;
		for (size_t k = 0; k < sizeof which / sizeof *which && !r; k++)
			if (strcmp(w[i], which[k].w) == 0)
				r = which[k].rank;
		if (!r && !WORD_IS(w[i], joining) && strspn(w[i], "0123456789") != strlen(w[i]))
			return -1;
		rank |= r;
	}
	return rank ? lookup("address state", kind) : -1;
}

/* the words of a normalised header, with an "e" or "el" joined to the word
 * after it ("e mail" -> "email", "e post" -> "epost", "el pašto"), each a
 * NUL-ended string in BUF */
static size_t words_joined(const char *norm, char *buf, size_t size, const char **w, size_t max)
{
	const char *raw[32];
	char tmp[256];
	size_t n = words_of(norm, tmp, sizeof tmp, raw, 32), k = 0, at = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		int join = (strcmp(raw[i], "e") == 0 || strcmp(raw[i], "el") == 0) && i + 1 < n &&
		           !(raw[i + 1][0] >= '0' && raw[i + 1][0] <= '9');
		int len = join ? snprintf(buf + at, size - at, "%s%s", raw[i], raw[i + 1])
		               : snprintf(buf + at, size - at, "%s", raw[i]);
		if (len < 0 || (size_t)len >= size - at)
			break;
		w[k++] = buf + at;
		at += (size_t)len + 1;
		i += join;
	}
	return k;
}

/* Is W all digits?  Its number (at most 9), else 0 */
static int number_word(const char *w)
{
	size_t n = strlen(w);
	if (!n || strspn(w, "0123456789") != n)
		return 0;
	return n > 1 ? 9 : w[0] - '0' ? w[0] - '0' : 1;
}

/* An e-mail address column the table does not name, by its words in other
 * languages: Outlook's "E-Mail 2: Adresse", "Adresse de messagerie 2",
 * "E-post 2: Adress", "Sähköpostiosoite 2", "E-mail 2: adres", "Dirección de
 * correo electrónico 2", "Indirizzo E-mail 2", "Adres e-mail 2".  The
 * table entry of the first, second or third address, else -1.  Only the
 * words of an address and its number: not its type or display name
 * ("E-Mail 2: Typ", "Nom complet de l'adresse de messagerie"). */
static long email_words(const char *norm, int kind)
{
	static const char *const mail[] = {"email", "mail", "epost", "eposti", "sähköposti",
	                                   "messagerie", "correo", "courriel", "elettronica",
	                                   "emailová", "elpašto", "meil"};
	/* the address and the e-mail in one word */
	static const char *const mail_address[] = {
		"emailaddress", "emailadres", "emailadresse", "emailadress", "emailadresa",
		"epostadress", "epostadresse", "sähköpostiosoite", "meiliaadress", "mailadres",
		"mailadresse",
	};
	static const char *const address[] = {"address", "adresse", "adres", "adress", "adresa",
	                                      "adresas", "osoite", "dirección", "direccion",
	                                      "indirizzo", "endereço", "endereco"};
	static const char *const joining[] = {"de", "del", "di", "da", "do", "the", "of",
	                                      "electrónico", "electronico", "posta"};
	static const char *const ranked[] = {"*an e-mail address*", "*a second e-mail address*",
	                                     "*a third e-mail address*"};
	char buf[256];
	const char *w[16];
	size_t n = words_joined(norm, buf, sizeof buf, w, 16);
	int said = 0, number = 0;
	for (size_t i = 0; i < n; i++) {
		int k = number_word(w[i]);
		if (k) {
			if (number)
				return -1;
			number = k;
		} else if (WORD_IS(w[i], mail) || WORD_IS(w[i], mail_address)) {
			said = 1;
		} else if (!WORD_IS(w[i], address) && !WORD_IS(w[i], joining)) {
			return -1;
		}
	}
	if (!said)
		return -1;
	return lookup(ranked[number <= 1 ? 0 : number == 2 ? 1 : 2], kind);
}

/* A phone column the table does not name, by its words in other languages:
 * Outlook's "Telefon geschäftlich", "Tél. mobile", "Téléphone (bureau)",
 * "Teléfono del trabajo", "Telefono di casa", "Telefon komórkowy",
 * "Työpuhelin".  The table entry of a mobile, work, main, home or other
 * phone, else -1.  Only a phone and words of whose it is: not a fax, a
 * car's, an assistant's or the company's switchboard ("Autotelefon",
 * "Telefon Assistent", "Téléphone société"). */
static long phone_words(const char *norm, int kind)
{
	enum { MOBILE = 1, WORK, MAIN, HOME, OTHER };
	static const char *const phone[] = {"phone", "telephone", "téléphone", "tél", "tel",
	                                    "telefon", "telefono", "teléfono", "telefone",
	                                    "telefoon", "puhelin", "telefonas"};
	static const struct { const char *w; int rank; } which[] = {
		/* a phone and whose in one word */
		{"mobiltelefon", MOBILE}, {"mobiiltelefon", MOBILE}, {"matkapuhelin", MOBILE},
		{"haupttelefon", MAIN}, {"hovedtelefon", MAIN}, {"huvudtelefon", MAIN},
		{"arbetstelefon", WORK}, {"työpuhelin", WORK}, {"töötelefon", WORK},
		{"hemtelefon", HOME}, {"kotipuhelin", HOME}, {"kodutelefon", HOME},
		{"mobile", MOBILE}, {"mobil", MOBILE}, {"mobilní", MOBILE}, {"móvil", MOBILE},
		{"movil", MOBILE}, {"cellulare", MOBILE}, {"celular", MOBILE}, {"cell", MOBILE},
		{"komórkowy", MOBILE}, {"mobiele", MOBILE}, {"mobiel", MOBILE}, {"portable", MOBILE},
		{"work", WORK}, {"business", WORK}, {"office", WORK}, {"geschäftlich", WORK},
		{"dienstlich", WORK}, {"bureau", WORK}, {"trabajo", WORK}, {"lavoro", WORK},
		{"arbejde", WORK}, {"arb", WORK}, {"arbete", WORK}, {"werk", WORK}, {"zam", WORK},
		{"służbowy", WORK}, {"comercial", WORK}, {"työ", WORK},
		{"primary", MAIN}, {"main", MAIN}, {"principal", MAIN}, {"principale", MAIN},
		{"primær", MAIN}, {"primär", MAIN}, {"podstawowy", MAIN}, {"primární", MAIN},
		{"ensisijainen", MAIN},
		{"home", HOME}, {"privat", HOME}, {"priv", HOME}, {"domicile", HOME}, {"casa", HOME},
		{"thuis", HOME}, {"domů", HOME}, {"domowy", HOME}, {"residencial", HOME},
		{"koti", HOME},
		{"other", OTHER}, {"weiteres", OTHER}, {"autre", OTHER}, {"otro", OTHER},
		{"anden", OTHER}, {"annen", OTHER}, {"muu", OTHER}, {"inny", OTHER}, {"jiný", OTHER},
		{"altro", OTHER},
	};
	static const char *const joining[] = {"de", "del", "di", "da", "do", "op", "the", "number",
	                                      "nummer", "numero", "número", "no", "nr"};
	static const char *const ranked[] = {"*a mobile phone*", "*a work phone*", "*a main phone*",
	                                     "*a home phone*", "*another phone*"};
	char buf[256];
	const char *w[16];
	size_t n = words_of(norm, buf, sizeof buf, w, 16);
	int said = 0, rank = 0;
	for (size_t i = 0; i < n; i++) {
		int r = 0;
		for (size_t k = 0; k < sizeof which / sizeof *which && !r; k++)
			if (strcmp(w[i], which[k].w) == 0)
				r = which[k].rank;
		if (number_word(w[i])) /* "Telefon geschäftlich 2" */
			r = OTHER;
		else if (!r && WORD_IS(w[i], phone))
			said = 1;
		else if (!r && !WORD_IS(w[i], joining))
			return -1;
		/* "Työpuhelin": the phone and whose in one word */
		said |= r && (strstr(w[i], "telefon") || strstr(w[i], "puhelin"));
		rank = r > rank ? r : rank;
	}
	if (!said || !rank)
		return -1;
	return lookup(ranked[rank - 1], kind);
}

/* what an invitee's or attendee's column may be: the person's name, keys
 * and zone (an "Attendee Status" is the booking's, not a list status) */
static int invitee_target(int t)
{
	return t == T_NAME || t == T_FIRST || t == T_LAST || t == T_EMAIL || t == T_PHONE || t == T_TZ;
}

static long match_words(const char *header, int kind)
{
	char norm[256];
	normalise(header, norm, sizeof norm);
	long i = lookup(norm, kind);
	if (i >= 0)
		return i;
	char key[32];
	if (vcard_key(header, key, sizeof key))
		return lookup(key, kind);
	/* the first four name the person, the others what only its keys, name
	 * and zone may be under: an invitee, an attendee, Close's lead's
	 * "primary_contact_primary_phone" and "primary_contact_name" (the lead's
	 * "display_name" is its company's); an address only its keys
	 * (Magento's "_address_telephone", "_address_firstname") */
	static const char *const prefixes[] = {"person ", "contact ", "kontakt ", "customer ",
	                                       "invitee ", "attendee ", "primary contact ",
	                                       "address "};
	for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
		size_t n = strlen(prefixes[k]);
		/* what the rest names is the person's: a customer's name,
		 * status or description is not the order's (Stripe's "Customer
		 * Description", Square's "Customer Name") */
		if (strncmp(norm, prefixes[k], n) == 0 && (i = lookup(norm + n, kind)) >= 0 &&
		    (target_kinds[table[i].target] & HM_CONTACTS) &&
		    (k < 4 || (invitee_target(table[i].target) &&
		               (k < 7 || (table[i].target != T_NAME && table[i].target != T_TZ)))))
			return i;
	}
	if ((i = address_part(norm, kind)) >= 0 || (i = email_words(norm, kind)) >= 0 ||
	    (i = phone_words(norm, kind)) >= 0)
		return i;
	/* a survey's question as its header: "How likely are you to recommend
	 * us to a friend?" holds the NPS score */
	if ((kind & HM_EVENTS) && (strstr(norm, "recommend") || strstr(norm, "suosittel")))
		return lookup("score", HM_EVENTS);
	/* "Created (UTC)", "Order Date UTC": the column the rest names */
	size_t n = strlen(norm);
	/* ActiveCampaign's "<list name> (Status)": a list status; not a
	 * status of consent to another channel (Wix's "SMS subscriber status",
	 * "SMS Subscription Status"): unsubscribed governs e-mail alone */
	if ((kind & HM_CONTACTS) && n > 7 && strcmp(norm + n - 7, " status") == 0 &&
	    !other_channel(norm))
		return lookup("status", HM_CONTACTS);
	/* and its "<list name> (Date Unsubscribed)": the day the contact left
	 * that list, an opt-out (one list's is enough: no marketing at all) */
	if ((kind & HM_CONTACTS) && n > 18 && strcmp(norm + n - 18, " date unsubscribed") == 0 &&
	    !other_channel(norm))
		return lookup("date unsubscribed", HM_CONTACTS);
	size_t z = says_utc(norm);
	if (z) {
		if (strncmp(norm, "utc ", 4) == 0 || strncmp(norm, "gmt ", 4) == 0)
			memmove(norm, norm + 4, n - 3);
		else
			norm[n - z] = '\0';
		if ((i = lookup(norm, kind)) >= 0)
			return i;
	}
	if ((kind & HM_CONTACTS) && ((i = unsub_reason_guess(norm)) >= 0 ||
	                             (i = optout_date_guess(norm)) >= 0 ||
	                             (i = consent_guess(norm)) >= 0))
		return i;
	return -1;
}

/* does a normalised header end with the word utc or gmt (or "UTC+0",
 * "GMT+00:00"), or start with it?  The length of the words at its end, or 4
 * at its start; 0 when not */
static size_t says_utc(const char *norm)
{
	static const char *const ends[] = {" utc", " gmt", " utc 0", " gmt 0", " utc 00 00",
	                                   " gmt 00 00", " utc 0000", " utc 00"};
	size_t n = strlen(norm);
	for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
		size_t e = strlen(ends[k]);
		if (n > e && strcmp(norm + n - e, ends[k]) == 0)
			return e;
	}
	return n > 4 && (strncmp(norm, "utc ", 4) == 0 || strncmp(norm, "gmt ", 4) == 0) ? 4 : 0;
}

int hm_consent_header(const char *header)
{
	/* what a column about consent holds when it is no yes or no: a count,
	 * a source, a topic ("Marketing emails opened", "Marketing source",
	 * "Newsletter topic") */
	static const char *const detail[] = {
		"ip", "source", "method", "channel", "id", "campaign", "campaigns", "count", "number",
		"sent", "sends", "url", "link", "note", "notes", "comment", "comments", "language",
		"lang", "frequency", "topic", "topics", "tag", "tags", "group", "groups", "segment",
		"score", "form", "page", "opened", "opens", "delivered", "clicked", "clicks", "bounced",
		"replied", "rate", "template", "owner", "amount", "value", "price", "total", "revenue",
		"spend", "cost", "budget", "event", "events", "history", "version", "code", "details",
		"description", "fee", "interest", "interests", "category", "categories", "content",
		"agency", "manager", "team", "name", "last", "first", "list", "lists", "type", "by",
		"plan", "sms", "text", "texts", "whatsapp", "phone", "call", "calls", "telephone",
		"postal", "post", "push", "mms", "mobile", "tekstiviesti", "puhelin",
	};
	/* its time: an opt-out's is worth reading, a consent's alone says nothing */
	static const char *const when[] = {"date", "time", "timestamp", "at", "on", "since", "when",
	                                   "day", "pvm", "datum", "year", "month", "expiry",
	                                   "expires", "expiration", "am", "le", "el", "op", "den",
	                                   "päivämäärä"};
	char norm[256], buf[256];
	const char *w[32];
	normalise(header, norm, sizeof norm);
	size_t n = words_of(norm, buf, sizeof buf, w, 32);
	int about = 0, out = 0, dated = 0;
	if (not_consent(w, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (WORD_IS(w[i], detail))
			return 0;
		dated |= WORD_IS(w[i], when);
		int opt = strcmp(w[i], "opt") == 0 || strcmp(w[i], "opted") == 0;
		int next_out = i + 1 < n && strcmp(w[i + 1], "out") == 0;
		if ((opt && next_out) || WORD_IS(w[i], consent_out) || strcmp(w[i], "unsub") == 0 ||
		    strcmp(w[i], "unsubscription") == 0 ||
		    (strcmp(w[i], "do") == 0 && i + 1 < n && strcmp(w[i + 1], "not") == 0))
			about = out = 1;
		if ((opt && i + 1 < n && strcmp(w[i + 1], "in") == 0) || WORD_IS(w[i], consent_about))
			about = 1;
	}
	return about && (!dated || out);
}

int hm_column_flags(const char *header, int kind)
{
	char norm[256];
	normalise(header, norm, sizeof norm);
	long i = match(header, kind);
	int f = says_utc(norm) ? HM_UTC : 0;
	if (i >= 0 && (table[i].kinds & UTC))
		f |= HM_UTC;
	if (i >= 0 && (table[i].kinds & INTL))
		f |= HM_INTL;
	if (i >= 0 && (table[i].kinds & WEAK))
		f |= HM_WEAK;
	if (i >= 0 && (table[i].kinds & GUESS))
		f |= HM_GUESS;
	if (i >= 0 && (table[i].kinds & MDY))
		f |= HM_MDY;
	if (i >= 0 && (table[i].kinds & LIST))
		f |= HM_LIST;
	if (i >= 0 && (table[i].kinds & DETAILS))
		f |= HM_DETAILS;
	if (i >= 0 && (table[i].kinds & NAMES))
		f |= HM_NAMES;
	if (i >= 0 && (table[i].kinds & ALONE_FULL))
		f |= HM_ALONE_FULL;
	return f;
}

/* each column's table entry for KIND (or -1), worked out once: the callers
 * below look at every column many times, and a header may have 100,000 */
static long *match_columns(const fu_header *h, int kind)
{
	long *mi = fu_xmalloc((h->n ? h->n : 1) * sizeof *mi);
	for (size_t c = 0; c < h->n; c++)
		mi[c] = match(h->names[c], kind);
	return mi;
}

/* Is column C, a price by its name, the line's amount in an export of
 * Amazon Seller Central's order reports (All Orders: "amazon-order-id";
 * Unshipped and New Orders: "order-item-id")?  Their "item-price" is the
 * selling price times the quantity ordered (Amazon's field list: "not unit
 * price"); another export's "Item Price" (Gumroad's) is a unit's. */
static int amazon_line_price(const fu_header *h, long c)
{
	char key[64];
	normalise(h->names[c], key, sizeof key);
	if (strcmp(key, "item price") != 0)
		return 0;
	for (size_t k = 0; k < h->n; k++) {
		normalise(h->names[k], key, sizeof key);
		if (strcmp(key, "amazon order id") == 0 || strcmp(key, "order item id") == 0)
			return 1;
	}
	return 0;
}

void hm_build(const fu_header *h, int kind, hm_map *m)
{
	long best[T_COUNT];
	memset(m, 0, sizeof *m);
	for (int t = 0; t < T_COUNT; t++) {
		m->src[t] = -1;
		best[t] = -1;
	}
	for (int t = 0; t < T_COUNT; t++)
		for (int a = 0; a < HM_ALT; a++)
			m->alt[t][a] = -1;
	m->vcard_n = -1;
	long *mi = match_columns(h, kind);
	/* a header "N" is a vCard's structured name only beside another vCard
	 * property (FN, EMAIL;..., TEL;...) */
	long n_col = -1, vcard_others = 0;
	for (size_t c = 0; c < h->n; c++)
		if (mi[c] >= 0 && strncmp(table[mi[c]].pat, "vcard:", 6) == 0) {
			if (strcmp(table[mi[c]].pat, "vcard:n") == 0)
				n_col = (long)c;
			else
				vcard_others++;
		}
	if (n_col >= 0 && !vcard_others)
		mi[n_col] = -1;
	for (size_t c = 0; c < h->n; c++) {
		long i = mi[c];
		if (i < 0)
			continue;
		int t = table[i].target;
		if (table[i].kinds & ORDERS)
			continue; /* below, once the order column is known */
		if (best[t] < 0 || i < best[t]) {
			best[t] = i;
			m->src[t] = (long)c;
			m->why[t] = table[i].from;
			m->multi[t] = (table[i].kinds & MULTI) != 0;
			m->order_named = t == T_ORDER ? (table[i].kinds & ORD) != 0 : m->order_named;
		}
	}
	for (size_t c = 0; c < h->n && m->order_named; c++) {
		long i = mi[c];
		if (i >= 0 && (table[i].kinds & ORDERS) && m->src[table[i].target] < 0) {
			m->src[table[i].target] = (long)c;
			m->why[table[i].target] = table[i].from;
		}
	}
	/* the other matches, strongest first, stand in when the winner is empty */
	for (int t = 0; t < T_COUNT; t++) {
		int na = 0;
		for (size_t i = 0; i < sizeof table / sizeof table[0] && na < HM_ALT; i++) {
			if (table[i].target != t || !(table[i].kinds & kind) || (table[i].kinds & ORDERS))
				continue;
			for (size_t c = 0; c < h->n && na < HM_ALT; c++)
				if ((long)c != m->src[t] && mi[c] == (long)i)
					m->alt[t][na++] = (long)c;
		}
	}
	if (n_col >= 0 && mi[n_col] >= 0)
		m->vcard_n = n_col;
	free(mi);
	/* a time column with no date beside it is the when ("Time" of a
	 * hand-kept list holding 2024-03-01 10:00) */
	if (m->src[T_WHEN] < 0 && m->src[T_CLOCK] >= 0) {
		m->src[T_WHEN] = m->src[T_CLOCK];
		m->why[T_WHEN] = m->why[T_CLOCK];
		memcpy(m->alt[T_WHEN], m->alt[T_CLOCK], sizeof m->alt[T_WHEN]);
		m->src[T_CLOCK] = -1;
		for (int a = 0; a < HM_ALT; a++)
			m->alt[T_CLOCK][a] = -1;
	}
	/* Which amount a price column is, decided here once by its header:
	 * an order's (the table's value columns: "Total"), a line's, already
	 * times its quantity ("Line Total", Amazon's "item-price"), or a unit's
	 * ("Unit Price", "Price": import.c multiplies it by the quantity).
	 * A line's or a unit's is the value only where no column is the
	 * order's; an order's value is then the sum of its lines'. */
	static const char *const line_totals[] = {
		"line total", "line subtotal", "line item total", "lineitem total", "line amount",
		"item total", "line item subtotal", "lineitem subtotal", "item subtotal",
		"line price", "extended price", "ext price", "line item amount", "total line amount"};
	for (size_t c = 0; c < h->n && m->src[T_VALUE] < 0 && kind == HM_EVENTS; c++) {
		char key[64];
		normalise(h->names[c], key, sizeof key);
		for (size_t k = 0; k < sizeof line_totals / sizeof *line_totals; k++)
			if (strcmp(key, line_totals[k]) == 0) {
				m->src[T_VALUE] = (long)c;
				m->why[T_VALUE] = "a line item's amount";
				m->value_per_line = 1;
				break;
			}
	}
	if (m->src[T_VALUE] < 0 && m->src[T_UNIT_PRICE] >= 0) {
		m->src[T_VALUE] = m->src[T_UNIT_PRICE];
		m->why[T_VALUE] = m->why[T_UNIT_PRICE];
		if (kind == HM_EVENTS && amazon_line_price(h, m->src[T_UNIT_PRICE])) {
			/* a line's amount under a unit's name: no unit's price */
			m->why[T_VALUE] = "Amazon Seller Central orders: a line's price times its quantity";
			m->value_per_line = 1;
			m->src[T_UNIT_PRICE] = -1;
		}
	}
	/* SurveyMonkey's responses ("Respondent ID", "Collector ID"): its "End
	 * Date" is when the answer was submitted ("Start Date" when it was
	 * begun); no other export's end date is an event's time */
	if ((kind & HM_EVENTS) && m->src[T_WHEN] < 0) {
		long respondent = -1, collector = -1, end = -1;
		char norm[64];
		for (size_t c = 0; c < h->n; c++) {
			normalise(h->names[c], norm, sizeof norm);
			if (strcmp(norm, "respondent id") == 0)
				respondent = (long)c;
			else if (strcmp(norm, "collector id") == 0)
				collector = (long)c;
			else if (strcmp(norm, "end date") == 0)
				end = (long)c;
		}
		if (respondent >= 0 && collector >= 0 && end >= 0) {
			m->src[T_WHEN] = end;
			m->why[T_WHEN] = "SurveyMonkey responses: when the answer was submitted";
		}
	}
	m->shopify = kind == HM_EVENTS && hm_orders_export(m);
}

size_t hm_known_cells(const fu_header *h)
{
	size_t n = 0;
	for (size_t c = 0; c < h->n; c++) {
		/* not a guess: a title above the table may name a newsletter */
		long i = match(h->names[c], HM_CONTACTS | HM_EVENTS);
		n += i >= 0 && !(table[i].kinds & GUESS);
	}
	return n;
}

int hm_customer_totals(const fu_header *h)
{
	static const char *const totals[] = {
		"total spend", "total spent", "amount spent", "payment count", "payments count",
		"order count", "orders count", "total orders", "number of orders", "delinquent",
		"account balance", "lifetime value", "customer lifetime value", "refunded volume",
		"dispute losses", "average order value", "last order date", "first order date",
	};
	char norm[128];
	for (size_t c = 0; c < h->n; c++) {
		normalise(h->names[c], norm, sizeof norm);
		if (WORD_IS(norm, totals))
			return 1;
	}
	return 0;
}

int hm_tickets_export(const hm_map *m)
{
	int ticket = m->src[T_TICKET] >= 0, closed = m->src[T_CLOSED_AT] >= 0;
	int hint = m->src[T_TICKET_HINT] >= 0;
	/* a type column there is the ticket's (Problem, Question) */
	return m->src[T_WHEN] >= 0 && (ticket || (hint && closed));
}

int hm_survey_export(const hm_map *m)
{
	return m->src[T_TYPE] < 0 && m->src[T_WHEN] >= 0 && m->src[T_SCORE] >= 0 &&
	       !hm_tickets_export(m);
}

int hm_referrals_export(const hm_map *m)
{
	return m->src[T_TYPE] < 0 && m->src[T_REFERRER] >= 0 && m->src[T_REFERRED] >= 0;
}

int hm_orders_export(const hm_map *m)
{
	if (hm_tickets_export(m) || hm_survey_export(m) || hm_referrals_export(m))
		return 0;
	int status = m->src[T_FINSTATUS] >= 0, type = m->src[T_TYPE] >= 0;
	int when = m->src[T_WHEN] >= 0, value = m->src[T_VALUE] >= 0, item = m->src[T_ITEM] >= 0;
	int order = m->src[T_ORDER] >= 0, named = order && m->order_named;
	if (status)
		return (item && order) || (!type && value && when) || (!type && named && when);
	/* without a status every order is a purchase: an order number by its
	 * name, a date and an amount or a product say orders */
	return !type && named && when && (value || item);
}

const char *hm_profile(const fu_header *h)
{
	/* the origin most of the matched headers share: each table entry's
	 * origin is named by its first entry with the same text, and counted
	 * per kind in one pass over the columns */
	enum { NT = sizeof table / sizeof table[0] };
	size_t origin[NT];
	for (size_t i = 0; i < NT; i++) {
		origin[i] = i;
		for (size_t j = 0; j < i; j++)
			if (strcmp(table[j].from, table[i].from) == 0) {
				origin[i] = origin[j];
				break;
			}
	}
	const char *best = NULL;
	long bestn = 0;
	for (int kind = HM_CONTACTS; kind <= HM_EVENTS; kind++) {
		long *mi = match_columns(h, kind);
		long count[NT] = {0};
		for (size_t c = 0; c < h->n; c++)
			if (mi[c] >= 0)
				count[origin[mi[c]]]++;
		for (size_t a = 0; a < h->n; a++) {
			long i = mi[a];
			if (i < 0 || strcmp(table[i].from, "fu's own name") == 0 ||
			    (table[i].kinds & GUESS))
				continue;
			long n = count[origin[i]];
			if (n > bestn) {
				bestn = n;
				best = table[i].from;
			}
		}
		free(mi);
	}
	return best ? best : "fu (canonical names)";
}

/* message.h — one message from one task row (or a --group-by group) and a
 * template set, for fu-render(1): choosing the template, rendering its
 * headers, body and HTML part, addressing it, the --unsubscribe and
 * --referral-url links, and the stable Message-ID.  What becomes of the
 * message (CSV, mbox, Maildir, .eml, a review) is the sink's (msgsink.h). */
#ifndef FU_MESSAGE_H
#define FU_MESSAGE_H

#include "fu.h"
#include "lib/mime.h"
#include "lib/mustache.h"
#include "lib/tset.h"

#define FU_MSG_MAX_ADDRS 32

typedef struct fu_msg_ctx fu_msg_ctx; /* below */

/* Names fu-render gives every row beside its columns; an option fills each
 * (--unsubscribe, --referral-url), and a given option wins over a column of
 * the same name. */
enum { FU_MSG_UNSUBSCRIBE_URL, FU_MSG_REFERRAL_URL, FU_MSG_NURLS };
extern const char *const fu_msg_url_names[FU_MSG_NURLS];
extern const char *const fu_msg_url_options[FU_MSG_NURLS];

/* a {{name}} that rendered as nothing, and where the tag is */
typedef struct {
	const char *name;
	size_t len;
	const char *file;
	long line, col;
} fu_msg_empty;

/* An address header's last value, parsed and written out: the same value
 * again (a constant Reply-To, the same owner row after row) is reused. */
typedef struct {
	fu_buf value;
	mime_mailbox mb[FU_MSG_MAX_ADDRS];
	long n; /* < 0: VALUE did not parse */
	const char *why;
	fu_buf line; /* "Name: encoded\n" for mail */
} fu_msg_addr_memo;

typedef struct {
	const message_tpl *tpl;
	const char *task_id, *contact_id;
	long nrows; /* rows in the message: 1, or the group's */
	long line;  /* the (first) row's line, for --check */
	fu_buf subject, body, html;
	fu_buf headers_text; /* the other headers as written, for CSV */
	fu_buf headers_mail; /* the same, encoded for mail */
	const mime_mailbox *to, *from;
	long nto, nfrom;
	fu_buf to_text, from_text; /* for people and CSV */
	const fu_buf *from_line;   /* "From: ...\n", encoded (mail only) */
	fu_buf url[FU_MSG_NURLS];     /* rendered links ("" when not asked for) */
	int has_url[FU_MSG_NURLS];
	char id[17];               /* the Message-ID's hex part */
	fu_buf message_id;         /* <id.fu-render@domain> */
	fu_msg_empty *empties;        /* variables that came out empty */
	size_t nempties, capempties;
	fu_buf why; /* when the row is refused: the reason */
	int formal_unknown; /* the formal cell is neither empty nor a yes or no word:
	                     * read as neither (the caller warns) */
	int lang_unknown;   /* the lang cell is no language tag, locale or name:
	                     * read as none (the caller warns) */
	/* storage */
	mime_mailbox row_to;
	fu_buf val, own_from_line;
} fu_message;

typedef struct {
	tset *ts;
	const fu_header *hdr;
	const char *force_template;       /* --template: the same for every row */
	mu_template *url_tpl[FU_MSG_NURLS];  /* NULL: option not given */
	int mail;                         /* build the mail forms (else the CSV forms) */
	int review;                       /* --check: a link with an empty variable is
	                                   * listed, not refused or left out */
	long c_template, c_lang, c_formal, c_email, c_first, c_last, c_task, c_contact;
	long c_kind, c_step, c_anchor, c_channel; /* is the row marketing? */
	long c_unsub, c_tz;                       /* has the contact opted out? */
	long c_sms_unsub;                         /* of texts alone (sms_unsubscribed)? */
	long c_promo[2];                          /* perk, offer: promotions */
	int64_t now;                              /* --now: an opt-out after it is
	                                           * not yet in force */
	char send_day[40];                        /* the messages' Date as a day
	                                           * (YYYY-MM-DD): part of the
	                                           * Message-ID of a row without a
	                                           * task_id */
	const message_tpl *group_tpl;             /* a --group-by group's template
	                                           * (chosen by the row that began
	                                           * it), or NULL: the row's own */
	int group_marketing;                      /* that group holds a marketing
	                                           * row: its message needs an
	                                           * opt-out whatever its first row */
	signed char *optout;                      /* [template]: 0 not looked at yet,
	                                           * 1 it carries an opt-out, -1 not */
	signed char *rows_shown;                  /* [template]: the same for
	                                           * fu_msg_shows_rows */
	/* --from, parsed and encoded once */
	mime_mailbox from[FU_MSG_MAX_ADDRS];
	long nfrom;
	fu_buf from_line, from_text;
	fu_msg_addr_memo **memo; /* [template][header] */
	/* the last row's template, language and formality cells and their choice:
	 * rows in a run usually repeat them */
	fu_buf last_name, last_lang, last_formal;
	const message_tpl *last_tpl;
	int last_formal_unknown, last_lang_unknown;
	fu_buf scratch;
} fu_msg_builder;

/* Set B up for rows with header HDR from template set TS (loaded).  FROM is
 * --from or NULL; MAIL: build the mail forms of the headers (else the CSV
 * forms).  Returns 0, or -1 with WHY filled (FROM does not parse). */
int fu_msg_builder_init(fu_msg_builder *b, tset *ts, const fu_header *hdr, const char *from,
                        int mail, char *why, size_t whysize);
/* Compile an --unsubscribe or --referral-url link template (which is
 * FU_MSG_UNSUBSCRIBE_URL or FU_MSG_REFERRAL_URL): it must begin with https://,
 * http:// (or mailto: for unsubscribe).  Returns 0, or -1 with *err filled. */
int fu_msg_builder_url(fu_msg_builder *b, tset *ts, int which, const char *tpl, mu_error *err);
void fu_msg_builder_free(fu_msg_builder *b);

/* Is REC's message a marketing e-mail (fu-render(1) Opt-out: its kind
 * column, else its step)?  A row with neither, or not for e-mail, is not. */
int fu_msg_is_marketing(const fu_msg_builder *b, const fu_record *rec);
/* May REC, a marketing row, not go out with template T?  Its contact has
 * opted out (the unsubscribed column, as of b->now), or T carries no
 * opt-out; or REC is a marketing text (sms, mms, whatsapp) to a contact
 * whose sms_unsubscribed says no to texts.  Returns 1 with the reason in WHY, else 0 (also for a service
 * row).  T NULL: only the opt-out of the contact is judged. */
int fu_msg_marketing_refused(fu_msg_builder *b, const fu_record *rec, const message_tpl *t, fu_buf *why);

/* Does template T show a --group-by group's rows: a {{#rows}} section in
 * its text part (partials included), and in its HTML part if it has one?
 * A digest made with a template that does not would name only its first
 * row.  Looked at once per template. */
int fu_msg_shows_rows(fu_msg_builder *b, const message_tpl *t);
/* A template with an HTML part that lists a group's rows in one part
 * only: with --group-by its other part would say nothing of them.  Returns
 * 0 when no template does, else -1 with *err at the {{#rows}} tag. */
int fu_msg_check_rows(const fu_msg_builder *b, mu_error *err);

/* Every variable of every template (headers, bodies, HTML parts, partials,
 * link templates) must be a column of the header, one of fu_msg_url_names, or
 * with GROUPED `rows` and `count`; a name inside a section of its own name is
 * optional.  INPUT names the input in the message.  Returns 0, or -1 with *err at the first unknown variable's tag,
 * naming the nearest column ("did you mean"). */
int fu_msg_check_names(fu_msg_builder *b, int grouped, const char *input, mu_error *err);

/* Build M from REC (the first row of a group) in context CTX (made by
 * msg_ctx_*, whose link slots this fills).  Returns 1 built, 0 refused
 * (M->why says why: no template, an unsafe header, a bad address), -1 on a
 * template error found while rendering (*err filled). */
int fu_msg_build(fu_msg_builder *b, const fu_record *rec, fu_msg_ctx *ctx, long nrows, fu_message *m,
              mu_error *err);
void fu_msg_free(fu_message *m);
/* REC's email cell read as the join reads a contact's e-mail (fu(7),
 * Identity): a cell that is no address as written (blanks or a no-break
 * space around it, a display form "Ann <ann@x.fi>", mailto:) is replaced in
 * place by the address in it, lower-cased as fu-import writes it, so that
 * To, the Message-ID and --group-by see the address the contact has.  A
 * cell with no address in it is left alone (refused when its message is
 * built).  SCRATCH is a buffer to reuse.  Returns 1 when the cell changed. */
int fu_msg_clean_email(const fu_msg_builder *b, fu_record *rec, fu_buf *scratch);
/* Whom REC's message goes to, for --group-by to keep one message to one
 * person: the addresses its template's To line renders to in context CTX
 * (a row's), else its email column, in lower case, into OUT.  *TPL is the
 * template (NULL: chosen for REC, and set); M is scratch.  Returns 0, or -1
 * on a template error (*err filled). */
int fu_msg_recipient_key(fu_msg_builder *b, const fu_record *rec, const fu_msg_ctx *ctx,
                         const message_tpl **tpl, fu_message *m, fu_buf *out, mu_error *err);
/* M as an RFC 5322 message with the Date line DATE_LINE, into OUT */
void fu_msg_write_mail(const fu_message *m, const char *date_line, fu_buf *out);
/* append "first_name (file:line:col); item (...)", the empties of M */
void fu_msg_empties_text(const fu_message *m, fu_buf *out);

/* ---- the context a row is rendered in ------------------------------------
 * Its columns (a value of only blanks counts as missing), the links asked for,
 * and for a group `rows` (each row's columns) and `count`. */
struct fu_msg_ctx {
	mu_val root;
	mu_val *vals; /* [links given][columns][rows, count] */
	const char **keys;
	size_t *keylens;
	size_t nlinks, ncols;
	int link_slot[FU_MSG_NURLS]; /* index in vals, or -1 */
	/* a group's rows */
	mu_val *rows, *cells;
	size_t rowcap;
	char count[24];
};

void fu_msg_ctx_init(fu_msg_ctx *c, const fu_msg_builder *b, const fu_header *hdr);
void fu_msg_ctx_row(fu_msg_ctx *c, char *const *fields, const size_t *lens);
/* NROWS rows of the header's width, fields row after row */
void fu_msg_ctx_group(fu_msg_ctx *c, char *const *fields, const size_t *lens, size_t nrows);
void fu_msg_ctx_free(fu_msg_ctx *c);

#endif

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

#define MSG_MAX_ADDRS 32

typedef struct msg_ctx msg_ctx; /* below */

/* Names fu-render gives every row beside its columns; an option fills each
 * (--unsubscribe, --referral-url), and a given option wins over a column of
 * the same name. */
enum { MSG_UNSUBSCRIBE_URL, MSG_REFERRAL_URL, MSG_NURLS };
extern const char *const msg_url_names[MSG_NURLS];
extern const char *const msg_url_options[MSG_NURLS];

/* a {{name}} that rendered as nothing, and where the tag is */
typedef struct {
	const char *name;
	size_t len;
	const char *file;
	long line, col;
} msg_empty;

/* An address header's last value, parsed and written out: the same value
 * again (a constant Reply-To, the same owner row after row) is reused. */
typedef struct {
	fu_buf value;
	mime_mailbox mb[MSG_MAX_ADDRS];
	long n; /* < 0: VALUE did not parse */
	const char *why;
	fu_buf line; /* "Name: encoded\n" for mail */
} msg_addr_memo;

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
	fu_buf url[MSG_NURLS];     /* rendered links ("" when not asked for) */
	int has_url[MSG_NURLS];
	char id[17];               /* the Message-ID's hex part */
	fu_buf message_id;         /* <id.fu-render@domain> */
	msg_empty *empties;        /* variables that came out empty */
	size_t nempties, capempties;
	fu_buf why; /* when the row is refused: the reason */
	/* storage */
	mime_mailbox row_to;
	fu_buf val, own_from_line;
} message;

typedef struct {
	tset *ts;
	const fu_header *hdr;
	const char *force_template;       /* --template: the same for every row */
	mu_template *url_tpl[MSG_NURLS];  /* NULL: option not given */
	int mail;                         /* build the mail forms (else the CSV forms) */
	long c_template, c_lang, c_formal, c_email, c_first, c_last, c_task, c_contact;
	/* --from, parsed and encoded once */
	mime_mailbox from[MSG_MAX_ADDRS];
	long nfrom;
	fu_buf from_line, from_text;
	msg_addr_memo **memo; /* [template][header] */
	fu_buf scratch;
} msg_builder;

/* Set B up for rows with header HDR from template set TS (loaded).  FROM is
 * --from or NULL.  Returns 0, or -1 with WHY filled (FROM does not parse). */
int msg_builder_init(msg_builder *b, tset *ts, const fu_header *hdr, const char *from, char *why,
                     size_t whysize);
/* Compile an --unsubscribe or --referral-url link template (which is
 * MSG_UNSUBSCRIBE_URL or MSG_REFERRAL_URL): it must begin with https://,
 * http:// (or mailto: for unsubscribe).  Returns 0, or -1 with *err filled. */
int msg_builder_url(msg_builder *b, int which, const char *tpl, mu_error *err);
void msg_builder_free(msg_builder *b);

/* Every variable of every template (headers, bodies, HTML parts, partials,
 * link templates) must be a column of the header, one of msg_url_names, or
 * with GROUPED `rows` and `count`; a name inside a section of its own name is
 * optional.  INPUT names the input in the message.  Returns 0, or -1 with *err at the first unknown variable's tag,
 * naming the nearest column ("did you mean"). */
int msg_check_names(msg_builder *b, int grouped, const char *input, mu_error *err);

/* Build M from REC (the first row of a group) in context CTX (made by
 * msg_ctx_*, whose link slots this fills).  Returns 1 built, 0 refused
 * (M->why says why: no template, an unsafe header, a bad address), -1 on a
 * template error found while rendering (*err filled). */
int msg_build(msg_builder *b, const fu_record *rec, msg_ctx *ctx, long nrows, message *m,
              mu_error *err);
void msg_free(message *m);
/* M as an RFC 5322 message with the Date line DATE_LINE, into OUT */
void msg_write_mail(const message *m, const char *date_line, fu_buf *out);
/* "first_name (file:line:col); item (...)", the empties of M */
void msg_empties_text(const message *m, fu_buf *out);

/* ---- the context a row is rendered in ------------------------------------
 * Its columns (a value of only blanks counts as missing), the links asked for,
 * and for a group `rows` (each row's columns) and `count`. */
struct msg_ctx {
	mu_val root;
	mu_val *vals; /* [links given][columns][rows, count] */
	const char **keys;
	size_t *keylens;
	size_t nlinks, ncols;
	int link_slot[MSG_NURLS]; /* index in vals, or -1 */
	/* a group's rows */
	mu_val *rows, *cells;
	size_t rowcap;
	char count[24];
};

void msg_ctx_init(msg_ctx *c, const msg_builder *b, const fu_header *hdr);
void msg_ctx_row(msg_ctx *c, char *const *fields, const size_t *lens);
/* NROWS rows of the header's width, fields row after row */
void msg_ctx_group(msg_ctx *c, char *const *fields, const size_t *lens, size_t nrows);
void msg_ctx_free(msg_ctx *c);

#endif

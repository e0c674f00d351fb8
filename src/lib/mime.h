/* mime.h — writing Internet mail: RFC 5322 headers (folded, lines <= 998
 * octets), RFC 2047 encoded words, MIME text parts in 7bit or
 * quoted-printable, mboxrd framing; and the checks that keep data out of
 * header structure (no CR, LF or NUL; addresses that parse). */
#ifndef FU_MIME_H
#define FU_MIME_H

#include "fu.h"

/* 1 if a header value may be used: no CR, LF or NUL, valid UTF-8 */
int mime_header_safe(const char *s, size_t n);
/* 1 if S is an addr-spec we send to: dot-atom local part (UTF-8 letters
 * allowed, RFC 6532) @ a domain of two or more LDH labels (ASCII: an
 * internationalised one in its xn-- form; no IP literals, no quoted local
 * parts) */
int mime_addr_valid(const char *s, size_t n);
/* S as it goes into a header, in OUT: a domain written in Unicode
 * (anna@exämple.fi) in its ASCII form (anna@xn--exmple-cua.fi, by libidn2),
 * the local part kept (a UTF-8 one needs a server that speaks SMTPUTF8).
 * Returns 0, or -1 when S is not mime_addr_valid that way. */
int mime_addr_sendable(const char *s, size_t n, fu_buf *out);

typedef struct {
	fu_buf name; /* display name, unquoted (may be empty) */
	fu_buf addr; /* addr-spec */
} mime_mailbox;
/* Parse an address list ("a@b.fi, Name <c@d.fi>, \"Last, First\" <e@f.fi>")
 * into up to MAX mailboxes (reusing their buffers).  Returns the count, or -1
 * with *why set.  Every address is checked, and its domain made ASCII, by
 * mime_addr_sendable. */
long mime_parse_addresses(const char *s, size_t n, mime_mailbox *mb, size_t max, const char **why);
/* A From given by a person (--from, $EMAIL): an address list as above, or
 * else one mailbox as typed, its display name unquoted with specials in it
 * ("Acme, Inc. <shop@acme.fi>": the comma is the name's) or an address with
 * its name as a comment ("shop@acme.fi (Acme)").  The name is quoted (or
 * encoded) when the header is written. */
long mime_parse_from(const char *s, size_t n, mime_mailbox *mb, size_t max, const char **why);
void mime_mailbox_free(mime_mailbox *mb);

/* Append the mailbox as text for people and CSV (UTF-8, not encoded):
 * addr, or Name <addr>, the name quoted when it holds specials. */
void mime_mailbox_text(fu_buf *out, const mime_mailbox *mb);

/* 1 for headers whose value is an address list (From, To, Cc, Bcc,
 * Reply-To, Sender) */
int mime_is_address_header(const char *name);

/* "Name: value\n", folded at spaces to 78 columns where it can be; encoded
 * words (UTF-8, Q) when the value is not plain printable ASCII or holds "=?". */
void mime_put_unstructured(fu_buf *out, const char *name, const char *v, size_t n);
/* "Name: mailbox, mailbox\n" with display names quoted or encoded as needed */
void mime_put_addresses(fu_buf *out, const char *name, const mime_mailbox *mb, size_t n);
/* "Date: Mon, 23 Nov 2026 12:50:49 +0200\n" in $TZ */
void mime_put_date(fu_buf *out, int64_t t);

/* 1 if a text body needs quoted-printable rather than 7bit: non-ASCII or
 * control bytes, a CR, lines over 998 octets, trailing blanks, a line that
 * begins with "From " or ">From ", or no final newline. */
int mime_needs_qp(const char *s, size_t n);
/* Quoted-printable (RFC 2045): lines <= 76, "From " at a line start written
 * as "=46rom ", a body without a final newline ends in a soft break. */
void mime_qp_encode(fu_buf *out, const char *s, size_t n);
/* Content-Type and Content-Transfer-Encoding lines, a blank line and the
 * body of one text part ("plain" or "html", charset UTF-8). */
void mime_put_text_part(fu_buf *out, const char *subtype, const char *s, size_t n, int force_qp);

/* the date of an mbox From_ line, in UTC: "Mon Nov 23 10:50:49 2026" */
void mime_mbox_date(int64_t t, char *buf, size_t size);
/* mboxrd: "From SENDER DATE\n", then MSG with every line matching ^>*From
 * given one more '>', then a blank line. */
void mime_mboxrd_append(fu_buf *out, const char *sender, const char *date, const char *msg,
                        size_t n);

#endif

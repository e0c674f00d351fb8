/* merge.h — fu-import's contact merging: rows with the same e-mail, or with
 * the same phone where one of them has no e-mail (and the names do not say
 * they are two people: norm_first_names_agree, norm_name_hash), become one
 * contact, written at the place of its first row.  So do two contacts that
 * a later row shows to be one person: its e-mail one's, its phone the
 * other's, known by the phone alone.
 *
 * Each contact is kept as one serialised row, a later row of it folded in as
 * it comes, in memory up to a budget; beyond it the older part goes to an
 * unlinked spool file in TMPDIR and is read back with pread only when a later
 * row joins a contact there or at the replay.  Keys (the e-mail or phone) and
 * a few bytes per contact always stay in memory. */
#ifndef FU_MERGE_H
#define FU_MERGE_H

#include "fu.h"

typedef struct fu_merge fu_merge;

/* How a later row of a contact folds into it: OTHER into MERGED (the
 * contact so far); nonzero when MERGED changed. */
typedef int (*fu_merge_fold_fn)(fu_buf *merged, const fu_buf *other, void *arg);
/* NCOLS values per row; the key columns EMAIL_COL and PHONE_COL (two); BUDGET bytes
 * of contacts held in memory; FOLD and its ARG.  Never fails (allocation
 * failure exits). */
fu_merge *fu_merge_new(size_t ncols, size_t email_col, size_t phone_col, size_t budget,
                       fu_merge_fold_fn fold, void *arg);
/* Compare names before merging by phone: the columns of the first and last
 * name.  Without it a row without an e-mail joins whoever has its phone. */
void fu_merge_set_names(fu_merge *m, size_t first_col, size_t last_col);
/* Add a row (VALS[0..ncols)) whose e-mail or phone is not empty.  Returns 1
 * if it joined an earlier contact, FU_MERGE_LINKED if it joined one by its
 * e-mail and its phone was another's known by the phone alone, whose names
 * agree: that contact is folded into the first and written no more (the
 * row and that contact's first row are merged ones), 0 if it starts one,
 * FU_MERGE_APART_NAMES
 * or FU_MERGE_APART_SHARED when it starts one although its phone is another
 * contact's (the names differ; contacts with two e-mails share the phone),
 * FU_MERGE_APART_HOUSEHOLD when it starts one although its e-mail is
 * another contact's (their first names differ: two people at one address),
 * -1 on a spool error (why in ERR). */
enum { FU_MERGE_APART_NAMES = 2, FU_MERGE_APART_SHARED = 3, FU_MERGE_APART_HOUSEHOLD = 4,
       FU_MERGE_LINKED = 5 };
int fu_merge_add(fu_merge *m, const fu_buf *vals, fu_buf *err);

/* Rows to be added soon: what adding one reads (its keys' places in the
 * hash map, its contact's record) is fetched into the cache in steps, a few
 * rows ahead, so that adding it waits less for memory.  Start with the
 * hashes of its e-mail's and phone's keys (made by any thread), then take
 * steps 1, 2 and 3 some rows apart.  Only hints: nothing changes. */
typedef struct {
	uint64_t hash[2]; /* of the e-mail and phone keys */
	uint32_t at[2];   /* their likely handles + 1 (0: none) */
	uint32_t contact; /* the likely contact, or UINT32_MAX */
	unsigned char has[2];
} fu_merge_ahead;
/* The hash of the e-mail's (PHONE 0) or phone's key of V (N bytes) into
 * *HASH, 1; or 0 for a key hashed only when looked up (empty, or
 * FU_MERGE_HASHED bytes or more).  Then the start with bit 0 of HAS for the
 * e-mail, bit 1 the phone. */
enum { FU_MERGE_HASHED = 256 };
int fu_merge_key_hash(int phone, const char *v, size_t n, uint64_t *hash);
void fu_merge_ahead_hashed(const fu_merge *m, fu_merge_ahead *a, unsigned has,
                           const uint64_t hash[2]);
void fu_merge_ahead_step(const fu_merge *m, fu_merge_ahead *a, int step);
/* fu_merge_add of the row A was started with (its keys' hashes not made
 * again); A may be NULL */
int fu_merge_add_ahead(fu_merge *m, const fu_buf *vals, const fu_merge_ahead *a, fu_buf *err);

/* The merged row of each contact, in the order of their first rows; C its
 * number (as fu_merge_email_contact has it; a contact folded into another
 * has none of its own, so numbers may be skipped). */
typedef void (*fu_merge_emit_fn)(fu_buf *row, size_t c, void *arg);
/* Replay every contact once.  Returns 0, or -1 on a spool error (ERR). */
int fu_merge_replay(fu_merge *m, fu_merge_emit_fn emit, void *arg, fu_buf *err);
/* The contacts' numbers (one past the last), those of them folded into
 * another (FU_MERGE_LINKED: not written), and whether some were spilled to
 * the spool. */
size_t fu_merge_contacts(const fu_merge *m);
size_t fu_merge_linked(const fu_merge *m);
/* The contact (its number, in the order of the replay) whose e-mail EMAIL
 * (N bytes, lower-case) is, or -1; changes nothing, so threads may ask */
long fu_merge_email_contact(const fu_merge *m, const char *email, size_t n);
int fu_merge_spilled(const fu_merge *m);
/* Contact C's merged row as VIEW (ncols buffers pointing into M's memory,
 * not NUL-terminated, not to be changed or freed; nothing copied), read
 * from memory only (not when spilled, nor for contacts folded into another)
 * and changing nothing in M: threads may look at once. */
void fu_merge_view(const fu_merge *m, size_t c, fu_buf *view);

typedef struct {
	unsigned long rows, contacts;
	uint64_t spilled; /* bytes written to the spool file */
	size_t memory;    /* bytes held: rows in memory, keys, tables */
} fu_merge_stats;
void fu_merge_stats_get(const fu_merge *m, fu_merge_stats *st);
/* the keys (e-mails, phones) known so far; room made for N of them in one
 * step, for a caller that can tell about how many are coming */
size_t fu_merge_keys(const fu_merge *m);
void fu_merge_expect_keys(fu_merge *m, size_t n);
void fu_merge_free(fu_merge *m);

#endif

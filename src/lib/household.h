/* household.h — fu-import --contacts: which of the people who share an
 * e-mail address (a household's or a small firm's: fu-import keeps them
 * apart when their first names differ) an event keyed by that
 * address belongs to, told by the buyer's name the event's row gives
 * (an order's Billing Name, Customer Name, First Name + Last Name ...).
 *
 * The first contact with the address in the list is the one its events
 * join (fu(7), Identity); each later one is known by its id.  An event
 * whose name names a later one is written under that one's id. */
#ifndef FU_HOUSEHOLD_H
#define FU_HOUSEHOLD_H

#include "fu.h"

typedef struct fu_household fu_household;

/* Read the contacts list PATH (fu(7) contacts: email, id, first_name,
 * last_name).  NULL after the message when it cannot be read or has no
 * email or id column. */
fu_household *fu_household_load(const char *path);
/* how many addresses the list has that several contacts share */
size_t fu_household_shared(const fu_household *hh);
void fu_household_free(fu_household *hh);

/* The columns of an events export's header that name the buyer: groups
 * of a first name, a last name and a full name column (-1 each when not
 * there), best first (billing, customer, buyer, a plain name). */
enum { FU_HOUSEHOLD_GROUPS = 4 };
typedef struct {
	long first[FU_HOUSEHOLD_GROUPS], last[FU_HOUSEHOLD_GROUPS], full[FU_HOUSEHOLD_GROUPS];
} fu_household_cols;
/* Fills COLS from H; 1 when some column names the buyer, else 0. */
int fu_household_columns(const fu_header *h, fu_household_cols *cols);
/* The first of COLS's columns found, for --explain ("" when none). */
const char *fu_household_column_names(const fu_header *h, const fu_household_cols *cols, fu_buf *out);

typedef struct {
	int members;          /* contacts with the address (below 2: not shared) */
	const char *id;       /* the member the name names, NULL when undecided;
	                         "" when it is the first, whose key the address is */
	const char *first;    /* the first member's name (or id), for a note */
	const char *why;      /* undecided: why, as a phrase */
	char name[96];        /* the buyer's name read, for a note ("" none) */
} fu_household_pick;

/* The member of EMAIL's household (lower-cased, N bytes) that record REC's
 * buyer's name (COLS) names, in *PICK; PICK->members < 2 when the address
 * is no household's (HH may be NULL: none is). */
void fu_household_choose(const fu_household *hh, const char *email, size_t n,
                         const fu_household_cols *cols, const fu_record *rec, fu_household_pick *pick);

#endif

/* people.h — one person, one row: the contacts already read, by id and by
 * e-mail (any case), so that a contacts list naming someone twice
 * (concatenated exports, a CRM's duplicates) is caught.  fu-schedule would
 * send each message once per row; fu-churn would count the person's
 * purchases twice in the customer base the model and RFM look at. */
#ifndef FU_PEOPLE_H
#define FU_PEOPLE_H

#include "fu.h"
#include "lib/map.h"

typedef struct {
	fu_map ids, emails;
	long *id_line, *email_line; /* the line each was first read on */
	fu_buf low;                 /* the e-mail lower-cased, reused row to row */
} fu_people;

/* The line of an earlier row of the same person, or 0: then this row's id
 * and e-mail are remembered at LINE.  The same person: the same id, or the
 * same e-mail (any case).  With SHARED, two rows with different ids and one
 * e-mail are two people (a household, info@company): 0 is returned and
 * *SHARED set to the earlier row's line (else 0); the same e-mail is one
 * person only when one of the rows has no id.  An empty id or e-mail is no
 * key.  Zero-initialise S; free with fu_people_free. */
long fu_people_seen(fu_people *s, const char *id, size_t idlen, const char *email, size_t emaillen,
                    long line, long *shared);
void fu_people_free(fu_people *s);

#endif

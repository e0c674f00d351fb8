/* prefetch.h — read a CSV reader's records in a helper thread, so that
 * parsing and fu-import's normalising and writing run side by side.
 *
 * The helper only calls fu_csv_next on the reader it is given; records are
 * copied into batches handed over through a small queue.  The reader must
 * never print (its FILE must not fail: fu-import gives it the stream of
 * dialect.h, which keeps read errors for the main thread to report). */
#ifndef FU_PREFETCH_H
#define FU_PREFETCH_H

#include "fu.h"

typedef struct prefetch prefetch;

/* Start reading R (its header already read).  With THREADED 0 no thread is
 * started and prefetch_next is fu_csv_next. */
prefetch *prefetch_start(fu_csv_reader *r, int threaded);
/* Is a helper thread worth it here: is there more than one CPU?  (On one CPU
 * the copying only costs.)  FU_IMPORT_THREADS set to 1 or 0 decides instead
 * (tests run both ways). */
int prefetch_worthwhile(void);
/* Like fu_csv_next: 1 and a record (valid until the next call), 0 at the end,
 * -1 if the reader reported an error. */
int prefetch_next(prefetch *p, fu_record **rec);
/* Stop (also before the end), join the thread, free. */
void prefetch_stop(prefetch *p);

#endif

/* relay.h — a ring of byte batches handed from one producer thread to one
 * consumer thread (fu-import normalises rows in one thread and writes or
 * merges them in another).  The producer fills a batch and publishes it;
 * the consumer takes the oldest, reads it and releases it, until the one
 * published as the end.  Batches are
 * reused, so their buffers stop growing once warm. */
#ifndef FU_RELAY_H
#define FU_RELAY_H

#include "fu.h"

typedef struct relay relay;

relay *relay_new(void);
/* Producer: an empty batch to fill (waits while all are full). */
fu_buf *relay_claim(relay *r);
/* Producer: hand the claimed batch over; END says nothing follows it. */
void relay_publish(relay *r, int end);
/* Consumer: the oldest full batch (waits for one); *END as published. */
fu_buf *relay_take(relay *r, int *end);
/* Consumer: the taken batch is read; it may be filled again. */
void relay_release(relay *r);
void relay_free(relay *r);

#endif

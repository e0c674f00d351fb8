/* A ring of NBATCH byte batches between two threads (relay.h), under one
 * mutex: batches [head, head + count) are full. */
#include "relay.h"

#include <pthread.h>
#include <stdlib.h>

enum { NBATCH = 8 };

struct relay {
	pthread_mutex_t mu;
	pthread_cond_t filled, drained;
	fu_buf b[NBATCH];
	int end[NBATCH];
	size_t head, count;
};

relay *relay_new(void)
{
	relay *r = fu_xcalloc(1, sizeof *r);
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->drained, NULL);
	return r;
}

fu_buf *relay_claim(relay *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->count == NBATCH)
		pthread_cond_wait(&r->drained, &r->mu);
	fu_buf *b = &r->b[(r->head + r->count) % NBATCH];
	pthread_mutex_unlock(&r->mu);
	fu_buf_clear(b);
	return b;
}

void relay_publish(relay *r, int end)
{
	pthread_mutex_lock(&r->mu);
	r->end[(r->head + r->count) % NBATCH] = end;
	r->count++;
	pthread_cond_signal(&r->filled);
	pthread_mutex_unlock(&r->mu);
}

fu_buf *relay_take(relay *r, int *end)
{
	pthread_mutex_lock(&r->mu);
	while (r->count == 0)
		pthread_cond_wait(&r->filled, &r->mu);
	fu_buf *b = &r->b[r->head];
	*end = r->end[r->head];
	pthread_mutex_unlock(&r->mu);
	return b;
}

void relay_release(relay *r)
{
	pthread_mutex_lock(&r->mu);
	r->head = (r->head + 1) % NBATCH;
	r->count--;
	pthread_cond_signal(&r->drained);
	pthread_mutex_unlock(&r->mu);
}

void relay_free(relay *r)
{
	if (!r)
		return;
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->filled);
	pthread_cond_destroy(&r->drained);
	for (int i = 0; i < NBATCH; i++)
		fu_buf_free(&r->b[i]);
	free(r);
}

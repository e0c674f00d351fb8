/* Records read ahead in a helper thread: a ring of NBATCH batches, each a
 * run of records copied into one byte buffer, moved between the reader
 * thread (fills) and the caller (drains) under one mutex. */
#include "prefetch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { NBATCH = 4, BATCH_RECS = 2048, BATCH_BYTES = 384 * 1024 };

struct brec {
	size_t nfields, first;      /* fields are offs/lens[first .. first+nfields) */
	size_t raw_off, raw_len;
	long line, end_line, error_line, error_col;
	long error_off;             /* offset of the error text in data, or -1 */
	int utf8_valid;
};

struct batch {
	fu_buf data;
	struct brec *recs;
	size_t nrec, reccap;
	size_t *offs, *lens;
	char **ptrs; /* the fields' addresses, made from offs once the batch is full */
	size_t nf, fcap;
	int end; /* the reader returned END after these records */
};

struct prefetch {
	fu_csv_reader *r;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t filled, drained;
	struct batch b[NBATCH];
	size_t head, count; /* ring: batches [head, head+count) are full */
	int stop;
	int threaded;
	/* the consumer's current batch and position */
	struct batch *cur;
	size_t pos;
	int done, end;
	fu_record rec;
};

static void batch_clear(struct batch *b)
{
	fu_buf_clear(&b->data);
	b->nrec = b->nf = 0;
	b->end = 1; /* set by the filler */
}

static size_t put(struct batch *b, const void *p, size_t n)
{
	size_t off = b->data.len;
	fu_buf_add(&b->data, p, n);
	fu_buf_addc(&b->data, '\0');
	return off;
}

/* Does each field of REC follow the one before it and its NUL? */
static int fields_in_a_row(const fu_record *rec)
{
	for (size_t i = 1; i < rec->nfields; i++)
		if (rec->fields[i] != rec->fields[i - 1] + rec->lens[i - 1] + 1)
			return 0;
	return 1;
}

static void add_record(struct batch *b, const fu_record *rec)
{
	if (b->nrec == b->reccap) {
		b->reccap = b->reccap ? b->reccap * 2 : 64;
		b->recs = fu_xrealloc(b->recs, b->reccap * sizeof *b->recs);
	}
	if (b->nf + rec->nfields > b->fcap) {
		while (b->nf + rec->nfields > b->fcap)
			b->fcap = b->fcap ? b->fcap * 2 : 1024;
		b->offs = fu_xrealloc(b->offs, b->fcap * sizeof *b->offs);
		b->lens = fu_xrealloc(b->lens, b->fcap * sizeof *b->lens);
		b->ptrs = fu_xrealloc(b->ptrs, b->fcap * sizeof *b->ptrs);
	}
	struct brec *br = &b->recs[b->nrec++];
	br->nfields = rec->nfields;
	br->first = b->nf;
	size_t n = rec->nfields;
	if (n && fields_in_a_row(rec)) {
		/* the reader's own layout, each field's NUL between it and the
		 * next: one copy, the offsets kept */
		const char *first = rec->fields[0];
		size_t span = (size_t)(rec->fields[n - 1] - first) + rec->lens[n - 1] + 1;
		size_t base = b->data.len;
		fu_buf_reserve(&b->data, span);
		memcpy(b->data.data + base, first, span);
		b->data.len += span;
		b->data.data[b->data.len] = '\0';
		for (size_t i = 0; i < n; i++) {
			b->offs[b->nf] = base + (size_t)(rec->fields[i] - first);
			b->lens[b->nf++] = rec->lens[i];
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			b->offs[b->nf] = put(b, rec->fields[i], rec->lens[i]);
			b->lens[b->nf++] = rec->lens[i];
		}
	}
	br->raw_off = put(b, rec->raw, rec->raw_len);
	br->raw_len = rec->raw_len;
	br->line = rec->line;
	br->end_line = rec->end_line;
	br->error_line = rec->error_line;
	br->error_col = rec->error_col;
	br->utf8_valid = rec->utf8_valid;
	br->error_off = rec->error ? (long)put(b, rec->error, strlen(rec->error)) : -1;
}

static void *reader(void *arg)
{
	prefetch *p = arg;
	int got = 1;
	while (got > 0) {
		pthread_mutex_lock(&p->mu);
		while (p->count == NBATCH && !p->stop)
			pthread_cond_wait(&p->drained, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		struct batch *b = &p->b[(p->head + p->count) % NBATCH];
		pthread_mutex_unlock(&p->mu);

		batch_clear(b);
		b->end = 0;
		fu_record *rec;
		while (b->nrec < BATCH_RECS && b->data.len < BATCH_BYTES) {
			got = fu_csv_next(p->r, &rec);
			if (got <= 0) {
				b->end = got == 0 ? 1 : -1;
				break;
			}
			add_record(b, rec);
		}
		/* the addresses here, not in the consumer's thread, which has
		 * more to do for each record than this one */
		char *base = b->data.data, **ptrs = b->ptrs;
		const size_t *offs = b->offs;
		for (size_t i = 0, nf = b->nf; i < nf; i++)
			ptrs[i] = base + offs[i];
		pthread_mutex_lock(&p->mu);
		p->count++;
		pthread_cond_signal(&p->filled);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

int prefetch_worthwhile(void)
{
	const char *env = getenv("FU_IMPORT_THREADS");
	if (env && (strcmp(env, "0") == 0 || strcmp(env, "1") == 0))
		return env[0] == '1';
	return sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

prefetch *prefetch_start(fu_csv_reader *r, int threaded)
{
	prefetch *p = fu_xcalloc(1, sizeof *p);
	p->r = r;
	p->threaded = threaded;
	if (!threaded)
		return p;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->drained, NULL);
	if (pthread_create(&p->thread, NULL, reader, p) != 0) {
		/* no thread to be had: read in this one (the same records) */
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->filled);
		pthread_cond_destroy(&p->drained);
		p->threaded = 0;
	}
	return p;
}

int prefetch_next(prefetch *p, fu_record **out)
{
	if (!p->threaded)
		return fu_csv_next(p->r, out);
	for (;;) {
		if (p->cur && p->pos < p->cur->nrec)
			break;
		if (p->cur) {
			/* the batch is drained: give it back */
			int end = p->cur->end;
			pthread_mutex_lock(&p->mu);
			p->head = (p->head + 1) % NBATCH;
			p->count--;
			p->cur = NULL;
			pthread_cond_signal(&p->drained);
			pthread_mutex_unlock(&p->mu);
			if (end) {
				p->done = 1;
				p->end = end;
			}
		}
		if (p->done)
			return p->end > 0 ? 0 : -1;
		pthread_mutex_lock(&p->mu);
		while (p->count == 0)
			pthread_cond_wait(&p->filled, &p->mu);
		p->cur = &p->b[p->head];
		p->pos = 0;
		pthread_mutex_unlock(&p->mu);
	}
	struct batch *b = p->cur;
	struct brec *br = &b->recs[p->pos++];
	fu_record *rec = &p->rec;
	rec->nfields = br->nfields;
	rec->fields = b->ptrs ? b->ptrs + br->first : NULL; /* NULL: no field in the batch yet */
	rec->lens = b->lens ? b->lens + br->first : NULL; /* NULL: no field in the batch yet */
	rec->line = br->line;
	rec->end_line = br->end_line;
	rec->raw = b->data.data + br->raw_off;
	rec->raw_len = br->raw_len;
	rec->error = br->error_off >= 0 ? b->data.data + br->error_off : NULL;
	rec->error_line = br->error_line;
	rec->error_col = br->error_col;
	rec->utf8_valid = br->utf8_valid;
	rec->legacy = NULL;
	*out = rec;
	return 1;
}

void prefetch_stop(prefetch *p)
{
	if (!p)
		return;
	if (!p->threaded) {
		free(p);
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->drained);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->drained);
	for (int i = 0; i < NBATCH; i++) {
		fu_buf_free(&p->b[i].data);
		free(p->b[i].recs);
		free(p->b[i].offs);
		free(p->b[i].lens);
		free(p->b[i].ptrs);
	}
	free(p);
}

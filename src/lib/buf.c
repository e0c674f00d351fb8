/* Growable byte buffer. */
#include "fu.h"

#include <stdlib.h>
#include <string.h>

void fu_buf_grow(fu_buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = fu_xrealloc(b->data, cap);
	b->cap = cap;
}

void fu_buf_printf(fu_buf *b, const char *fmt, ...)
{
	/* format once into the room there is; only a longer text is formatted
	 * a second time, after growing */
	fu_buf_reserve(b, 64);
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		fu_buf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void fu_buf_free(fu_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void fu_strlist_add(fu_strlist *l, const char *s)
{
	l->v = fu_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = s;
}

void fu_strlist_free(fu_strlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* pieces.c: shared immutable pieces and the lists of spans made of them (pieces.h). */
#include "util/pieces.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct piece {
	atomic_long refs;
	size_t len;
	char data[];
};

struct piece *
piece_new(const char *data, size_t len)
{
	struct piece *p;

	if (len > (size_t)-1 - sizeof(*p) - 1)
		len = 0; /* never: nothing okra writes is that long */
	p = xmalloc(sizeof(*p) + len + 1);
	atomic_init(&p->refs, 1);
	p->len = len;
	if (len)
		memcpy(p->data, data, len);
	p->data[len] = '\0';
	return p;
}

struct piece *
piece_ref(struct piece *p)
{
	if (p)
		atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
	return p;
}

void
piece_unref(struct piece *p)
{
	/* acq_rel: the last owner sees every write made before the others let go */
	if (p && atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) == 1)
		free(p);
}

const char *
piece_data(const struct piece *p)
{
	return p->data;
}

size_t
piece_len(const struct piece *p)
{
	return p->len;
}

static struct piece_span *
span_new(struct pieces *l)
{
	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	return memset(&l->v[l->n++], 0, sizeof(*l->v));
}

void
pieces_add(struct pieces *l, const char *data, size_t len)
{
	struct piece_span *s = l->n ? &l->v[l->n - 1] : NULL;

	if (!len)
		return;
	/* bytes right after bytes of the list's own extend that span */
	if (!s || s->piece)
		(s = span_new(l))->off = l->own.len;
	buf_add(&l->own, data, len);
	s->len += len;
	l->len += len;
}

void
pieces_take(struct pieces *l, struct buf *b)
{
	size_t cap = b->cap;

	if (l->n || l->own.alloc || !b->alloc) {
		pieces_add(l, b->buf, b->len);
		buf_reset(b);
		return;
	}
	/* the list's first bytes: b's buffer becomes the list's own, not copied */
	buf_release(&l->own);
	l->own = *b;
	l->own.cap = 0;
	buf_init(b, cap);
	if (l->own.len) {
		span_new(l)->len = l->own.len;
		l->len += l->own.len;
	}
}

void
pieces_adds(struct pieces *l, const char *s)
{
	pieces_add(l, s, strlen(s));
}

void
pieces_put(struct pieces *l, struct piece *p)
{
	struct piece_span *s;

	if (!p->len)
		return;
	s = span_new(l);
	s->piece = piece_ref(p);
	s->data = p->data;
	s->len = p->len;
	l->len += p->len;
}

void
pieces_end(struct pieces *l)
{
	/* the list may be kept long: fit its buffer to what it holds */
	if (l->own.alloc > l->own.len + 1) {
		l->own.buf = xrealloc(l->own.buf, l->own.len + 1);
		l->own.alloc = l->own.len + 1;
	}
	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i].piece)
			l->v[i].data = l->own.buf + l->v[i].off;
}

void
pieces_join(const struct pieces *l, struct buf *out)
{
	for (size_t i = 0; i < l->n; i++)
		buf_add(out, l->v[i].data, l->v[i].len);
}

void
pieces_release(struct pieces *l)
{
	for (size_t i = 0; i < l->n; i++)
		piece_unref(l->v[i].piece);
	free(l->v);
	buf_release(&l->own);
	memset(l, 0, sizeof(*l));
	l->own = (struct buf)BUF_INIT;
}

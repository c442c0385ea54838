/* buf.c: the growable string buffer (see buf.h for its invariants). */
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

char buf_empty[1];

void
buf_init(struct buf *b, size_t cap)
{
	b->buf = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
	b->err = 0;
}

void
buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->buf);
	buf_init(b, b->cap);
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *s = b->alloc ? b->buf : xstrdup("");

	if (len)
		*len = b->len;
	buf_init(b, b->cap);
	return s;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = 0;
	/* Never write to the shared empty string: other threads read it. */
	if (b->alloc)
		b->buf[0] = '\0';
}

int
buf_grow(struct buf *b, size_t extra)
{
	size_t want;

	if (b->err)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len || (b->cap && b->len + extra > b->cap)) {
		b->err = 1;
		return -1;
	}
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return 0;
	if (want < 64)
		want = 64;
	if (want < b->alloc * 2)
		want = b->alloc * 2;
	if (b->alloc) {
		b->buf = xrealloc(b->buf, want);
	} else {
		b->buf = xmalloc(want);
		b->buf[0] = '\0';
	}
	b->alloc = want;
	return 0;
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	/*
	 * data may point into b itself (appending a buffer to itself): growing
	 * can move the memory, so remember the offset and find it again after.
	 */
	uintptr_t p = (uintptr_t)data, start = (uintptr_t)b->buf;
	int own = b->alloc && p >= start && p < start + b->alloc;
	size_t off = own ? (size_t)(p - start) : 0;

	if (buf_grow(b, len) < 0)
		return;
	if (own)
		data = b->buf + off;
	memmove(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addch(struct buf *b, char c)
{
	/* the common case, room already there, without buf_add's bookkeeping: pages add text a byte
	 * at a time */
	if (!b->err && b->len + 2 <= b->alloc && (!b->cap || b->len + 1 <= b->cap)) {
		b->buf[b->len++] = c;
		b->buf[b->len] = '\0';
		return;
	}
	buf_add(b, &c, 1);
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->err)
		return;
	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->err = 1;
		return;
	}
	if (b->alloc && (size_t)n < b->alloc - b->len) {
		if (b->cap && b->len + (size_t)n > b->cap) {
			b->buf[b->len] = '\0';
			b->err = 1;
			return;
		}
		b->len += (size_t)n;
		return;
	}
	if (buf_grow(b, (size_t)n) < 0) {
		if (b->alloc)
			b->buf[b->len] = '\0';
		return;
	}
	vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
buf_rtrim(struct buf *b)
{
	while (b->len && (b->buf[b->len - 1] == ' ' || b->buf[b->len - 1] == '\n' ||
			  b->buf[b->len - 1] == '\t' || b->buf[b->len - 1] == '\r'))
		b->len--;
	if (b->alloc)
		b->buf[b->len] = '\0';
}

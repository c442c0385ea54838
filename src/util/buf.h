/* buf.h: okra's one growable string buffer. */
#ifndef OKRA_BUF_H
#define OKRA_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Invariants, once buf_init() has run:
 *   - b->buf is never NULL and is always NUL-terminated at b->buf[b->len];
 *   - b->len never exceeds b->cap when a cap is set (cap 0 = no cap);
 *   - the first failed append (over the cap) sets b->err and every later
 *     append is ignored, so a writer checks once at the end (SQLite's habit).
 * Allocation failure aborts the program (xmalloc): okra does not limp on
 * without memory.
 */
struct buf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap;
	int err;
};

#define BUF_INIT                                                                                   \
	{                                                                                          \
		buf_empty, 0, 0, 0, 0                                                              \
	}
extern char buf_empty[];

/* Start an empty buffer; cap = 0 means unbounded, else the largest len. */
void buf_init(struct buf *b, size_t cap);
/* Free the contents and leave b as after buf_init(b, b->cap). */
void buf_release(struct buf *b);
/* Hand the string to the caller (free() it); b is left empty. */
char *buf_detach(struct buf *b, size_t *len);
/* Empty the buffer, keeping its memory and cap; clears err. */
void buf_reset(struct buf *b);
/* Make room for extra more bytes. Returns 0, or -1 (and sets err) past the cap. */
int buf_grow(struct buf *b, size_t extra);

void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Drop trailing white space. */
void buf_rtrim(struct buf *b);

#endif

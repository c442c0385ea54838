/*
 * pieces.h: bytes made of shared immutable pieces (pieces.c), so that a large body made of
 * parts that are kept anyway (the kept tree's objectives, the tree page's cards) is sent as
 * those parts, not joined into one more copy of itself.
 */
#ifndef OKRA_PIECES_H
#define OKRA_PIECES_H

#include <stddef.h>

#include "util/buf.h"

/* A piece: bytes fixed once made, freed with the last reference (thread safe). */
struct piece;
struct piece *piece_new(const char *data, size_t len); /* a copy of data, one reference */
struct piece *piece_ref(struct piece *p);
void piece_unref(struct piece *p);
const char *piece_data(const struct piece *p);
size_t piece_len(const struct piece *p);

/*
 * A list of spans in order: pieces held by reference, and the bytes added between them, kept
 * in the list's own buffer. Build with pieces_add and pieces_put, then pieces_end once; read
 * v[0..n) only after it.
 */
struct piece_span {
	const char *data;
	size_t len;
	size_t off; /* before pieces_end: where in own its bytes are, when it has no piece */
	struct piece *piece;
};
struct pieces {
	struct piece_span *v;
	size_t n, alloc;
	size_t len; /* of all the spans */
	struct buf own;
};
#define PIECES_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0, 0, BUF_INIT                                                            \
	}
void pieces_add(struct pieces *l, const char *data, size_t len);
void pieces_adds(struct pieces *l, const char *s);
/* pieces_add of b's bytes, b left empty (its buffer taken over when the list has nothing yet). */
void pieces_take(struct pieces *l, struct buf *b);
void pieces_put(struct pieces *l, struct piece *p); /* takes a reference of its own */
void pieces_end(struct pieces *l);
/* The spans joined, appended to out. */
void pieces_join(const struct pieces *l, struct buf *out);
void pieces_release(struct pieces *l);

#endif

/*
 * shared.h: bodies shared by reference (shared.c): immutable once made, freed
 * when the last owner (a cache entry, a response being sent) lets go; thread safe.
 */
#ifndef OKRA_HTTP_SHARED_H
#define OKRA_HTTP_SHARED_H

#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "util/pieces.h"

struct shared_body;
struct shared_body *shared_new(char *data, size_t len); /* takes data (malloc'd), one reference */
/*
 * A body made of the spans of l (pieces_end done), which it takes over (l is left empty): sent
 * as they are, one iovec, never joined (the kept tree's JSON: no copy of 28 MB on L).
 */
struct shared_body *shared_new_parts(struct pieces *l);
/*
 * The same for a body of SHARED_PARTS_MIN bytes or more; a smaller one is joined into one piece
 * (then sealed, or sent in one iovec, as fast as a static file; and what it keeps twice is
 * small; OKRA_PARTS_MIN_BYTES sets another bound, for tests). A body of parts goes out copied a
 * block at a time (MHD keeps an iovec in the connection's memory, too small for thousands of
 * spans), so only a large body is worth it.
 */
#define SHARED_PARTS_MIN (4u * 1024 * 1024)
struct shared_body *shared_from_parts(struct pieces *l);
/*
 * Move the body into a memory file before it is shared, so a reply of the
 * body alone goes out with sendfile; the memory it was in is freed, so the
 * bytes exist once. 0, or -1: it stays in memory and goes out from there.
 */
int shared_seal(struct shared_body *s);
/* What the body encodes, when it is an encoding (gzip.c's segments): its CRC-32 and length. */
void shared_set_plain(struct shared_body *s, uint32_t crc, size_t len);
uint32_t shared_plain_crc(const struct shared_body *s);
size_t shared_plain_len(const struct shared_body *s);
struct shared_body *shared_ref(struct shared_body *s);
void shared_unref(struct shared_body *s);
/* The bytes in one piece: a sealed body's memory file mapped (once, on the first call); NULL for
 * a body of parts (read those with shared_spans) or when the file cannot be mapped. */
const char *shared_data(struct shared_body *s);
/* The body's spans in order, *v set: its parts, or one (in *one) for a body in one piece. */
size_t shared_spans(struct shared_body *s, struct piece_span *one, const struct piece_span **v);
size_t shared_len(const struct shared_body *s);
/* Reply with s as the body, sent without a copy: r->out before it, r->tail after it. */
int reply_shared(struct request *r, int status, const char *type, struct shared_body *s);
/* Forget a shared body set earlier (every other reply does). */
void reply_drop_shared(struct request *r);
/* The MHD response for r->out + r->shared + r->tail; it takes them over. NULL = out of memory. */
struct MHD_Response;
struct MHD_Response *shared_response(struct request *r, size_t *len);

#endif

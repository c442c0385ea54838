/*
 * shared.h: bodies shared by reference (shared.c): immutable once made, freed
 * when the last owner (a cache entry, a response being sent) lets go; thread safe.
 */
#ifndef OKRA_HTTP_SHARED_H
#define OKRA_HTTP_SHARED_H

#include <stddef.h>
#include <stdint.h>

#include "http/request.h"

struct shared_body;
struct shared_body *shared_new(char *data, size_t len); /* takes data (malloc'd), one reference */
/*
 * Copy the body into a memory file before it is shared, so a reply of the
 * body alone goes out with sendfile. 0, or -1: it goes out from memory.
 */
int shared_seal(struct shared_body *s);
/* What the body encodes, when it is an encoding (gzip.c's segments): its CRC-32 and length. */
void shared_set_plain(struct shared_body *s, uint32_t crc, size_t len);
uint32_t shared_plain_crc(const struct shared_body *s);
size_t shared_plain_len(const struct shared_body *s);
struct shared_body *shared_ref(struct shared_body *s);
void shared_unref(struct shared_body *s);
const char *shared_data(const struct shared_body *s);
size_t shared_len(const struct shared_body *s);
/* Reply with s as the body, sent without a copy: r->out before it, r->tail after it. */
int reply_shared(struct request *r, int status, const char *type, struct shared_body *s);
/* Forget a shared body set earlier (every other reply does). */
void reply_drop_shared(struct request *r);
/* The MHD response for r->out + r->shared + r->tail; it takes them over. NULL = out of memory. */
struct MHD_Response;
struct MHD_Response *shared_response(struct request *r, size_t *len);

#endif

/* gzip.h: does Accept-Encoding allow gzip; a gzip copy of a body or of a reply (gzip.c, zlib). */
#ifndef OKRA_HTTP_GZIP_H
#define OKRA_HTTP_GZIP_H

#include <stdatomic.h>
#include <stddef.h>

#include "http/shared.h"

int accepts_gzip(const char *header);
/* A gzip copy of data, one reference; NULL if it cannot be made. */
struct shared_body *gzip_body(const char *data, size_t len);
/* The same of a shared body, in one piece or in parts. */
struct shared_body *gzip_shared(struct shared_body *body);
/* Bodies below this go out as they are: the gzip header and the work cost more than they save. */
#define GZIP_MIN_BYTES 1024
/*
 * Just before a reply is sent: a text reply of GZIP_MIN_BYTES or more without an ETag says
 * Vary: Accept-Encoding, and goes out gzipped when the client accepts it (pages, openapi.json,
 * the stylesheet, lists, reports).
 */
void gzip_reply(struct request *r);
/*
 * Reply with a body fixed for the life of the process (the stylesheet, the script,
 * openapi.json); its gzip copy is made by the first request that asks for it and kept in *gz.
 */
/*
 * A cached body as a raw deflate segment (gzip_segment, with its CRC-32 kept beside it), and a
 * reply of r->out + a body + r->tail sent gzipped with that segment in the middle: the head and
 * the tail are compressed for this reply only and the member's CRC-32 combined from the three,
 * so a cached page goes out compressed without compressing it again. 0, or -1: the reply is
 * left as it was.
 */
struct shared_body *gzip_segment(struct shared_body *body);
int gzip_reply_segment(struct request *r, struct shared_body *seg);
int reply_constant(struct request *r, const char *type, const char *data, size_t len,
		   _Atomic(struct shared_body *) *gz);

#endif

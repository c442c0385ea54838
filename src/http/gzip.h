/* gzip.h: does Accept-Encoding allow gzip; a gzip copy of a body (gzip.c, zlib). */
#ifndef OKRA_HTTP_GZIP_H
#define OKRA_HTTP_GZIP_H

#include <stddef.h>

#include "http/shared.h"

int accepts_gzip(const char *header);
/* A gzip copy of data, one reference; NULL if it cannot be made. */
struct shared_body *gzip_body(const char *data, size_t len);

#endif

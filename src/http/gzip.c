/* gzip.c: Accept-Encoding and the gzip copy of a cached body (zlib). */
#include "http/gzip.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#define ZLIB_CONST /* next_in is a pointer to const */
#include <zlib.h>

#include "util/xalloc.h"

/*
 * RFC 9110 §12.5.3: a list of codings, each with an optional weight; gzip
 * (or its old name x-gzip, or "*") is acceptable unless its weight is 0.
 */
int
accepts_gzip(const char *header)
{
	if (!header)
		return 0;
	for (const char *p = header; *p;) {
		size_t n;
		const char *semi, *end;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		end = p + strcspn(p, ",");
		semi = memchr(p, ';', (size_t)(end - p));
		n = (size_t)((semi ? semi : end) - p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if ((n == 4 && !strncasecmp(p, "gzip", 4)) ||
		    (n == 6 && !strncasecmp(p, "x-gzip", 6)) || (n == 1 && *p == '*')) {
			const char *q = semi;
			int zero = 0;

			while (q && q < end) {
				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				if ((*q == 'q' || *q == 'Q') && q[1] == '=') {
					/* a weight is 0 when every digit of it is: q=0, q=0.000 */
					int digits = 0;

					zero = 1;
					for (const char *v = q + 2;
					     v < end && (*v == '.' || (*v >= '0' && *v <= '9'));
					     v++)
						if (*v != '.' && (++digits, *v != '0'))
							zero = 0;
					zero &= digits > 0;
				}
				q = memchr(q, ';', (size_t)(end - q));
			}
			if (!zero)
				return 1;
		}
		p = end;
	}
	return 0;
}

struct shared_body *
gzip_body(const char *data, size_t len)
{
	z_stream z = {0};
	size_t cap;
	char *out;
	int rc;

	/* 15 + 16: a gzip wrapper around deflate; level 6 is zlib's own default */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	/* zlib counts in uInt: a body that large is sent as it is */
	if (len > 0x40000000 || (cap = deflateBound(&z, len)) > 0x7fffffff) {
		deflateEnd(&z);
		return NULL;
	}
	out = xmalloc(cap);
	z.next_in = (const Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	/* deflateBound is about the input's size; keep only what the copy needs */
	cap = (size_t)((char *)z.next_out - out);
	return shared_new(xrealloc(out, cap ? cap : 1), cap);
}

/* gzip.c: Accept-Encoding and the gzip copy of a cached body (zlib). */
#include "http/gzip.h"

#include <stdatomic.h>
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

/*
 * The spans v[0..n) (len bytes in all) deflated at level (1-9) as one stream: with wbits 15 +
 * 16 a whole gzip member (flush Z_FINISH); with wbits -15 a raw deflate segment, which
 * Z_SYNC_FLUSH ends on a byte boundary without a last block, so others may follow it. NULL if
 * it cannot be made. A raw segment of fewer window bits (a page's frame around its cached
 * <main>, a few KiB) also gets a small hash: zlib clears its window and hash at every start,
 * and at 32 KiB that cost more than the deflating.
 */
static char *
deflate_spans(const struct piece_span *v, size_t n, size_t len, int level, int wbits, int flush,
	      size_t *outlen)
{
	z_stream z = {0};
	int mem = wbits < 0 && wbits > -15 ? 4 : 8;
	size_t cap, i = 0;
	char *out;
	int rc;

	if (deflateInit2(&z, level, Z_DEFLATED, wbits, mem, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	/* zlib counts in uInt: a body that large is sent as it is */
	if (len > 0x40000000 || (cap = deflateBound(&z, len) + 16) > 0x7fffffff) {
		deflateEnd(&z);
		return NULL;
	}
	out = xmalloc(cap);
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	/* each span in turn, the flush with the last (the output is as if they were one) */
	do {
		z.next_in = (const Bytef *)(i < n ? v[i].data : "");
		z.avail_in = (uInt)(i < n ? v[i].len : 0);
		rc = deflate(&z, i + 1 >= n ? flush : Z_NO_FLUSH);
	} while (++i < n && rc == Z_OK && !z.avail_in);
	deflateEnd(&z);
	if (rc != (flush == Z_FINISH ? Z_STREAM_END : Z_OK) || z.avail_in) {
		free(out);
		return NULL;
	}
	/* deflateBound is about the input's size; keep only what the copy needs */
	*outlen = (size_t)((char *)z.next_out - out);
	return xrealloc(out, *outlen ? *outlen : 1);
}

static char *
deflate_to(const char *data, size_t len, int level, int wbits, int flush, size_t *outlen)
{
	struct piece_span one = {.data = data, .len = len};

	return deflate_spans(&one, 1, len, level, wbits, flush, outlen);
}

static char *
deflate_gzip(const char *data, size_t len, int level, size_t *outlen)
{
	return deflate_to(data, len, level, 15 + 16, Z_FINISH, outlen);
}

struct shared_body *
gzip_body(const char *data, size_t len)
{
	size_t n;
	char *out;

	/* level 6 is zlib's own default: a cached copy is made once and sent many times */
	if (!(out = deflate_gzip(data, len, 6, &n)))
		return NULL;
	return shared_new(out, n);
}

struct shared_body *
gzip_shared(struct shared_body *body)
{
	const struct piece_span *v;
	struct piece_span one;
	size_t nv = shared_spans(body, &one, &v), n;
	char *out;

	if ((!nv && shared_len(body)) ||
	    !(out = deflate_spans(v, nv, shared_len(body), 6, 15 + 16, Z_FINISH, &n)))
		return NULL;
	return shared_new(out, n);
}

/* A body worth compressing: text of a type that shrinks, and not tiny (a header costs more). */
static int
compressible(const struct request *r)
{
	static const char *const types[] = {"text/", "application/json",
					    "application/problem+json"};
	const char *t = r->content_type;

	if (!t || r->out.len < GZIP_MIN_BYTES)
		return 0;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strncmp(t, types[i], strlen(types[i])))
			return 1;
	return 0;
}

static int
has_header(const struct request *r, const char *name)
{
	for (int i = 0; i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i][0], name))
			return 1;
	return 0;
}

void
gzip_reply(struct request *r)
{
	size_t n;
	char *out;

	/*
	 * A reply with an ETag names one representation, and a client sends that tag back in
	 * If-Match: those keep their identity bytes (the cached tree has its own gzip copy).
	 */
	if (r->shared || !compressible(r) || has_header(r, "ETag") ||
	    has_header(r, "Content-Encoding"))
		return;
	if (!has_header(r, "Vary"))
		reply_header(r, "Vary", "Accept-Encoding");
	if (!accepts_gzip(req_header(r, "Accept-Encoding")))
		return;
	/* level 4: made for each reply, so cheaper than the cached copies' level 6 */
	if (!(out = deflate_gzip(r->out.buf, r->out.len, 4, &n)))
		return;
	buf_reset(&r->out);
	buf_add(&r->out, out, n);
	free(out);
	reply_header(r, "Content-Encoding", "gzip");
}

int
reply_constant(struct request *r, const char *type, const char *data, size_t len,
	       _Atomic(struct shared_body *) *kept)
{
	struct shared_body *gz, *none = NULL;

	reply_header(r, "Vary", "Accept-Encoding");
	if (!accepts_gzip(req_header(r, "Accept-Encoding")) || len < GZIP_MIN_BYTES)
		return reply_text(r, 200, type, data, len);
	/* Made by the first request that asks; a thread that loses the race drops its copy. */
	if (!(gz = atomic_load(kept)) && (gz = gzip_body(data, len))) {
		shared_seal(gz);
		if (!atomic_compare_exchange_strong(kept, &none, gz)) {
			shared_unref(gz);
			gz = none;
		}
	}
	if (!gz)
		return reply_text(r, 200, type, data, len);
	reply_header(r, "Content-Encoding", "gzip");
	return reply_shared(r, 200, type, gz);
}

struct shared_body *
gzip_segment(struct shared_body *body)
{
	const struct piece_span *v;
	struct piece_span one;
	size_t nv = shared_spans(body, &one, &v), len = shared_len(body), n;
	struct shared_body *seg;
	uLong crc = crc32_z(0, NULL, 0);
	char *out;

	if ((!nv && len) || !(out = deflate_spans(v, nv, len, 6, -15, Z_SYNC_FLUSH, &n)))
		return NULL;
	for (size_t i = 0; i < nv; i++)
		crc = crc32_z(crc, (const Bytef *)v[i].data, v[i].len);
	seg = shared_new(out, n);
	shared_set_plain(seg, (uint32_t)crc, len);
	return seg;
}

static void
put_le32(struct buf *b, uint32_t v)
{
	char le[4] = {(char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16 & 0xff),
		      (char)(v >> 24 & 0xff)};

	buf_add(b, le, 4);
}

int
gzip_reply_segment(struct request *r, struct shared_body *seg)
{
	/* RFC 1952: deflate, no name or time, from a Unix system */
	static const char header[10] = {0x1f, (char)0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
	size_t hlen, tlen, blen = shared_plain_len(seg);
	char *head, *tail;
	uLong crc;

	if (!(head = deflate_to(r->out.buf, r->out.len, 1, -12, Z_SYNC_FLUSH, &hlen)))
		return -1;
	if (!(tail = deflate_to(r->tail.buf, r->tail.len, 1, -12, Z_FINISH, &tlen))) {
		free(head);
		return -1;
	}
	crc = crc32_z(0, (const Bytef *)r->out.buf, r->out.len);
	crc = crc32_combine(crc, shared_plain_crc(seg), (z_off_t)blen);
	crc = crc32_combine(crc, crc32_z(0, (const Bytef *)r->tail.buf, r->tail.len),
			    (z_off_t)r->tail.len);
	blen += r->out.len + r->tail.len;
	buf_reset(&r->out);
	buf_add(&r->out, header, sizeof(header));
	buf_add(&r->out, head, hlen);
	buf_reset(&r->tail);
	buf_add(&r->tail, tail, tlen);
	put_le32(&r->tail, (uint32_t)crc);
	put_le32(&r->tail, (uint32_t)blen); /* the length modulo 2^32 */
	free(head);
	free(tail);
	shared_unref(r->shared);
	r->shared = shared_ref(seg);
	reply_header(r, "Content-Encoding", "gzip");
	return 0;
}

/* test_http_parts.c: a body made of shared pieces is the same bytes as the pieces joined, in
 * its spans, its gzip copy and its deflate segment, and its pieces outlive their first owner. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http/gzip.h"
#include "http/shared.h"
#include "util/pieces.h"
#include "util/xalloc.h"

/* Some JSON-like bytes: pieces of varied sizes with own bytes between them, as the tree's. */
static void
make_parts(struct pieces *l, struct buf *joined, struct piece **kept, size_t nkept)
{
	char s[256];

	for (size_t i = 0; i < nkept; i++) {
		int n = snprintf(s, sizeof(s),
				 "{\"id\":%zu,\"title\":\"objective %zu %*s\",\"krs\":[", i,
				 i * 7919 % 1000, (int)(i % 97), "x");

		kept[i] = piece_new(s, (size_t)n);
	}
	pieces_adds(l, "{\"cycle\":\"FY2026-Q3\",\"objectives\":[");
	buf_adds(joined, "{\"cycle\":\"FY2026-Q3\",\"objectives\":[");
	for (size_t i = 0; i < nkept; i++) {
		if (i) {
			pieces_add(l, ",", 1);
			buf_addch(joined, ',');
		}
		pieces_put(l, kept[i]);
		buf_add(joined, piece_data(kept[i]), piece_len(kept[i]));
		pieces_add(l, "]}", 2);
		buf_adds(joined, "]}");
	}
	pieces_adds(l, "]}");
	buf_adds(joined, "]}");
	pieces_end(l);
}

static void
test_parts_are_the_joined_bytes(void **state)
{
	enum { N = 3000 };
	struct piece *kept[N];
	struct pieces l = PIECES_INIT;
	struct buf joined = BUF_INIT, again = BUF_INIT;
	struct shared_body *body, *gz, *flat_gz, *seg;
	const struct piece_span *v;
	struct piece_span one;
	size_t nv;
	uLong crc;

	(void)state;
	make_parts(&l, &joined, kept, N);
	assert_int_equal(l.len, joined.len);
	pieces_join(&l, &again);
	assert_int_equal(again.len, joined.len);
	assert_memory_equal(again.buf, joined.buf, joined.len);
	/* own bytes between two pieces are one span: a piece, then ",", or "]}," */
	assert_true(l.n < 3 * N);
	body = shared_new_parts(&l);
	assert_int_equal(l.n, 0);
	/* the first owners let go: the body holds its pieces */
	for (size_t i = 0; i < N; i++)
		piece_unref(kept[i]);
	assert_int_equal(shared_len(body), joined.len);
	nv = shared_spans(body, &one, &v);
	buf_reset(&again);
	for (size_t i = 0; i < nv; i++)
		buf_add(&again, v[i].data, v[i].len);
	assert_memory_equal(again.buf, joined.buf, joined.len);
	/* the gzip copy made over the spans is the one made of the joined bytes, byte for byte */
	gz = gzip_shared(body);
	flat_gz = gzip_body(joined.buf, joined.len);
	assert_non_null(gz);
	assert_non_null(flat_gz);
	assert_int_equal(shared_len(gz), shared_len(flat_gz));
	assert_memory_equal(shared_data(gz), shared_data(flat_gz), shared_len(gz));
	/* the deflate segment knows the CRC-32 and length of the joined bytes */
	seg = gzip_segment(body);
	assert_non_null(seg);
	crc = crc32_z(0, (const Bytef *)joined.buf, joined.len);
	assert_int_equal(shared_plain_crc(seg), (uint32_t)crc);
	assert_int_equal(shared_plain_len(seg), joined.len);
	shared_unref(seg);
	shared_unref(gz);
	shared_unref(flat_gz);
	shared_unref(body);
	buf_release(&joined);
	buf_release(&again);
}

/* A sealed body's bytes live in its memory file alone, and read back the same. */
static void
test_sealed_body_reads_back(void **state)
{
	const char *text = "sealed bytes, sent by sendfile";
	struct shared_body *s = shared_new(xstrdup(text), strlen(text));
	const struct piece_span *v;
	struct piece_span one;

	(void)state;
	if (shared_seal(s) == 0) {
		assert_int_equal(shared_spans(s, &one, &v), 1);
		assert_int_equal(v[0].len, strlen(text));
		assert_memory_equal(v[0].data, text, strlen(text));
	}
	assert_memory_equal(shared_data(s), text, strlen(text));
	shared_unref(s);
}

/* A small body of parts is joined into one piece; a large one stays parts. */
static void
test_small_parts_are_joined(void **state)
{
	struct pieces l = PIECES_INIT;
	struct piece *p = piece_new("{\"a\":1}", 7);
	struct shared_body *s;
	struct buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "["); /* the list's first bytes: b's buffer is taken over */
	pieces_take(&l, &b);
	assert_int_equal(b.len, 0);
	pieces_put(&l, p);
	buf_adds(&b, "]"); /* then copied */
	pieces_take(&l, &b);
	buf_release(&b);
	pieces_end(&l);
	piece_unref(p);
	s = shared_from_parts(&l);
	assert_non_null(shared_data(s));
	assert_int_equal(shared_len(s), 9);
	assert_memory_equal(shared_data(s), "[{\"a\":1}]", 9);
	shared_unref(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_are_the_joined_bytes),
		cmocka_unit_test(test_sealed_body_reads_back),
		cmocka_unit_test(test_small_parts_are_joined),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_http_cache.c: the body caches and the rendered-HTML cache stay under their byte bounds
 * when filled past them, keeping the most recently used. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/cache.h"
#include "http/markdown.h"
#include "util/xalloc.h"

static struct shared_body *
body_of(size_t len, char fill)
{
	char *d = xmalloc(len + 1);

	memset(d, fill, len);
	d[len] = '\0';
	return shared_new(d, len);
}

/* Ask for key (as a request would) and, on a miss, build and keep a body of len bytes. */
static int
get_or_put(struct body_cache *c, const char *key, int64_t rev, size_t len)
{
	struct cache_hit h;
	struct shared_body *b;

	if (cache_get(c, key, rev, &h)) {
		cache_hit_release(&h);
		return 1;
	}
	b = body_of(len, 'x');
	cache_put(c, key, rev, b, "a title");
	shared_unref(b);
	return 0;
}

static void
test_body_cache_stays_under_its_bytes(void **state)
{
	static struct body_cache c = BODY_CACHE_INIT("test", 10000);
	size_t bytes, entries;
	char key[32];

	(void)state;
	for (int i = 0; i < 40; i++) {
		snprintf(key, sizeof(key), "key %d", i);
		assert_int_equal(get_or_put(&c, key, 7, 3000), 0);
		cache_stats(&c, &bytes, &entries);
		assert_true(bytes <= 10000);
		assert_true(entries <= 3);
	}
	/* The most recent keys stayed, the oldest went. */
	assert_int_equal(get_or_put(&c, "key 39", 7, 3000), 1);
	assert_int_equal(get_or_put(&c, "key 38", 7, 3000), 1);
	assert_int_equal(get_or_put(&c, "key 0", 7, 3000), 0);
	/* A body larger than the bound is not kept at all. */
	assert_int_equal(get_or_put(&c, "huge", 7, 20000), 0);
	cache_stats(&c, &bytes, &entries);
	assert_true(bytes <= 10000);
	assert_int_equal(get_or_put(&c, "huge", 7, 20000), 0);
	/* A gzip copy counts too: it pushes out the least recent entry, or is not kept. */
	{
		struct shared_body *gz = body_of(4000, 'z');

		cache_put_gz(&c, "key 39", 7, gz);
		shared_unref(gz);
		cache_stats(&c, &bytes, &entries);
		assert_true(bytes <= 10000);
		gz = body_of(9000, 'z');
		cache_put_gz(&c, "key 38", 7, gz);
		shared_unref(gz);
		cache_stats(&c, &bytes, &entries);
		assert_true(bytes <= 10000);
	}
	/* A new revision drops every older entry. */
	assert_int_equal(get_or_put(&c, "key 39", 8, 100), 0);
	cache_stats(&c, &bytes, &entries);
	assert_int_equal(entries, 1);
	assert_int_equal(bytes, 100 + strlen("a title") + 1);
	/* The cache is listed for /metrics. */
	{
		struct body_cache *l[CACHE_LIST_MAX];
		size_t n = cache_list(l);

		assert_int_equal(n, 1);
		assert_string_equal(l[0]->name, "test");
	}
}

/* Texts of old revisions make way: filled past its bound, the newest texts are still kept. */
static void
test_markdown_cache_stays_under_its_bytes_and_keeps_the_newest(void **state)
{
	struct buf md = BUF_INIT, out = BUF_INIT;
	unsigned long h0, h1, m0, m1;
	size_t bytes, entries;
	const size_t each = 60 * 1024;
	const int n = (int)(MARKDOWN_CACHE_BYTES / each) * 2;

	(void)state;
	for (int i = 0; i < n; i++) {
		buf_reset(&md);
		buf_addf(&md, "Text %d: ", i);
		while (md.len < each)
			buf_adds(&md, "a long description of a plan. ");
		buf_reset(&out);
		markdown_html(&out, md.buf);
		markdown_cache_stats(&bytes, &entries, &h0, &m0);
		assert_true(bytes <= MARKDOWN_CACHE_BYTES);
	}
	assert_true(entries >= MARKDOWN_CACHE_BYTES / each / 2);
	/* The last text is shown again from the cache, not rendered again. */
	buf_reset(&out);
	markdown_html(&out, md.buf);
	markdown_cache_stats(&bytes, &entries, &h1, &m1);
	assert_int_equal(h1 - h0, 1);
	assert_int_equal(m1 - m0, 0);
	buf_release(&md);
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_cache_stays_under_its_bytes),
		cmocka_unit_test(test_markdown_cache_stays_under_its_bytes_and_keeps_the_newest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_source_parse.c: a KR source's answers taken apart: Prometheus's documented instant-query
 * answers (a vector of one sample, a scalar, an error) and RFC 6901 JSON pointers (issue 21 item
 * 9).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/source.h"
#include "source/parse.h"

static double
prom_ok(const char *body, int64_t want_at)
{
	struct buf why = BUF_INIT;
	double v = -1;
	int64_t at = 0;

	if (source_prom_parse(body, strlen(body), &v, &at, &why) != 0)
		fail_msg("refused %s: %s", body, why.buf);
	assert_int_equal(at, want_at);
	buf_release(&why);
	return v;
}

static void
prom_refused(const char *body, const char *why_has)
{
	struct buf why = BUF_INIT;
	double v;
	int64_t at;

	if (source_prom_parse(body, strlen(body), &v, &at, &why) != -1)
		fail_msg("took %s", body);
	if (!strstr(why.buf, why_has))
		fail_msg("why \"%s\" does not say \"%s\"", why.buf, why_has);
	buf_release(&why);
}

/* The answers as Prometheus's HTTP API documentation shows them. */
static void
test_prometheus_answers(void **state)
{
	(void)state;
	assert_true(
		prom_ok("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
			"[{\"metric\":{},\"value\":[1435781451.781,\"99.2\"]}]}}",
			1435781451) == 99.2);
	assert_true(prom_ok("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
			    "\"result\":[1435781451.781,\"1e2\"]}}",
			    1435781451) == 100);
	prom_refused(
		"{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:30: parse "
		"error: unclosed left parenthesis\"}",
		"Prometheus answered an error (bad_data): 1:30: parse error");
	prom_refused("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
		     "gives 0 samples; exactly one is needed");
	prom_refused(
		"{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
		"{\"metric\":{\"a\":\"1\"},\"value\":[1,\"1\"]},"
		"{\"metric\":{\"a\":\"2\"},\"value\":[1,\"2\"]}]}}",
		"gives 2 samples");
	prom_refused("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}",
		     "gives a matrix");
	prom_refused(
		"{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
		"\"result\":[1,\"NaN\"]}}",
		"NaN, not a finite number");
	prom_refused(
		"{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
		"\"result\":[1,\"+Inf\"]}}",
		"not a finite number");
	prom_refused(
		"{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
		"\"result\":[1,\"0x10\"]}}",
		"not a finite number");
	prom_refused(
		"{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
		"\"result\":[1,2]}}",
		"not [time, \"value\"]");
	prom_refused("<html>502 Bad Gateway</html>", "not JSON");
	prom_refused("{}", "no status");
	prom_refused("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
		     "nests deeper");
}

static double
ptr_ok(const char *body, const char *pointer)
{
	struct buf why = BUF_INIT;
	double v = -1;

	if (source_json_pointer(body, strlen(body), pointer, &v, &why) != 0)
		fail_msg("refused %s at %s: %s", body, pointer, why.buf);
	buf_release(&why);
	return v;
}

static void
ptr_refused(const char *body, const char *pointer, const char *why_has)
{
	struct buf why = BUF_INIT;
	double v;

	if (source_json_pointer(body, strlen(body), pointer, &v, &why) != -1)
		fail_msg("took %s at %s", body, pointer);
	if (!strstr(why.buf, why_has))
		fail_msg("why \"%s\" does not say \"%s\"", why.buf, why_has);
	buf_release(&why);
}

/* RFC 6901's own examples (section 5), where they point at a number. */
static void
test_json_pointer(void **state)
{
	static const char doc[] =
		"{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,"
		"\"g|h\":4,\"i\\\\j\":5,\"k\\\"l\":6,\" \":7,\"m~n\":8}";

	(void)state;
	assert_true(ptr_ok(doc, "/") == 0);
	assert_true(ptr_ok(doc, "/a~1b") == 1);
	assert_true(ptr_ok(doc, "/c%d") == 2);
	assert_true(ptr_ok(doc, "/e^f") == 3);
	assert_true(ptr_ok(doc, "/g|h") == 4);
	assert_true(ptr_ok(doc, "/i\\j") == 5);
	assert_true(ptr_ok(doc, "/k\"l") == 6);
	assert_true(ptr_ok(doc, "/ ") == 7);
	assert_true(ptr_ok(doc, "/m~0n") == 8);
	assert_true(ptr_ok("42.5", "") == 42.5);
	assert_true(ptr_ok("{\"a\":[{\"b\":\"99.95\"}]}", "/a/0/b") == 99.95);
	ptr_refused(doc, "/foo/0", "is not a number");
	ptr_refused(doc, "/foo/01", "has nothing at /foo/01");
	ptr_refused(doc, "/foo/-", "has nothing at");
	ptr_refused(doc, "/foo/2", "has nothing at");
	ptr_refused(doc, "/x~2", "~ not followed by 0 or 1");
	ptr_refused(doc, "foo", "does not start with /");
	ptr_refused("{\"a\":null}", "/a", "is not a number");
	ptr_refused("{\"a\":\"1e999\"}", "/a", "is not a number");
	ptr_refused("{\"a\":\" 1\"}", "/a", "is not a number");
	ptr_refused("{\"a\":1,\"a\":2}", "/a", "not JSON");
}

static void
test_source_check(void **state)
{
	struct okra_err err = {0};
	struct kr_source s = {.kind = SOURCE_PROMETHEUS,
			      .url = "http://127.0.0.1:9090",
			      .query = "up",
			      .every_s = 60};

	(void)state;
	assert_int_equal(source_check(&s, &err), 0);
	s.url = "http:///x";
	assert_int_equal(source_check(&s, &err), OKRA_EINVAL);
	s.url = "http://a b";
	assert_int_equal(source_check(&s, &err), OKRA_EINVAL);
	s.url = "https://prom.example";
	s.every_s = 59;
	assert_int_equal(source_check(&s, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "every");
	s.every_s = 7 * 86400;
	s.kind = SOURCE_POSTGRES;
	assert_int_equal(source_check(&s, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "url");
	s.url = "postgresql://ro@db/metrics";
	assert_int_equal(source_check(&s, &err), 0);
	s.query = "";
	assert_int_equal(source_check(&s, &err), OKRA_EINVAL);
	s.kind = SOURCE_JSON;
	s.url = "https://status.example/x.json";
	assert_int_equal(source_check(&s, &err), 0); /* "" is the whole document */
	s.query = "a/b";
	assert_int_equal(source_check(&s, &err), OKRA_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prometheus_answers),
		cmocka_unit_test(test_json_pointer),
		cmocka_unit_test(test_source_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

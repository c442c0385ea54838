/* test_util_net.c: trusted-proxy lists and the client address behind them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "util/net.h"

static void
test_lists_and_prefixes(void **state)
{
	(void)state;
	assert_true(net_list_valid(""));
	assert_true(net_list_valid("127.0.0.1, 10.0.0.0/8 ::1 fd00::/8"));
	assert_false(net_list_valid("10.0.0.0/33"));
	assert_false(net_list_valid("example.com"));
	assert_false(net_list_valid("10.0.0.1/"));
	assert_false(net_list_valid("::1/129"));
	assert_true(net_in_list("10.1.2.3", "127.0.0.1, 10.0.0.0/8"));
	assert_false(net_in_list("11.1.2.3", "127.0.0.1, 10.0.0.0/8"));
	assert_true(net_in_list("192.168.5.7", "192.168.4.0/23"));
	assert_false(net_in_list("192.168.6.7", "192.168.4.0/23"));
	assert_true(net_in_list("::ffff:10.9.9.9", "10.0.0.0/8"));
	assert_true(net_in_list("fd00::5", "fd00::/8"));
	assert_false(net_in_list("fe80::5", "fd00::/8"));
	assert_true(net_in_list(" 127.0.0.1 ", "127.0.0.1"));
	assert_false(net_in_list("not-an-address", "0.0.0.0/0"));
	assert_true(net_in_list("1.2.3.4", "0.0.0.0/0"));
}

static void
test_client_behind_proxies(void **state)
{
	char out[64];

	(void)state;
	/* No trusted proxy, or a peer that is not one: the header is not believed. */
	net_client("203.0.113.9", "1.2.3.4", "", out, sizeof(out));
	assert_string_equal(out, "203.0.113.9");
	net_client("203.0.113.9", "1.2.3.4", "127.0.0.1", out, sizeof(out));
	assert_string_equal(out, "203.0.113.9");
	/* One proxy: the right-most hop is the client. */
	net_client("127.0.0.1", "198.51.100.7", "127.0.0.1", out, sizeof(out));
	assert_string_equal(out, "198.51.100.7");
	/* A client that sends its own X-Forwarded-For cannot choose its address. */
	net_client("127.0.0.1", "1.2.3.4, 198.51.100.7", "127.0.0.1", out, sizeof(out));
	assert_string_equal(out, "198.51.100.7");
	/* Two trusted hops (a load balancer, then nginx): the first untrusted from the right. */
	net_client("127.0.0.1", "1.2.3.4,198.51.100.7 , 10.0.0.2", "127.0.0.1 10.0.0.0/8", out,
		   sizeof(out));
	assert_string_equal(out, "198.51.100.7");
	/* Every hop trusted: the farthest. */
	net_client("127.0.0.1", "10.0.0.3, 10.0.0.2", "127.0.0.1 10.0.0.0/8", out, sizeof(out));
	assert_string_equal(out, "10.0.0.3");
	/* Garbage in the header: stop at the last hop believed. */
	net_client("127.0.0.1", "1.2.3.4, unknown", "127.0.0.1", out, sizeof(out));
	assert_string_equal(out, "127.0.0.1");
	net_client("127.0.0.1", "", "127.0.0.1", out, sizeof(out));
	assert_string_equal(out, "127.0.0.1");
	net_client("127.0.0.1", NULL, "127.0.0.1", out, sizeof(out));
	assert_string_equal(out, "127.0.0.1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_and_prefixes),
		cmocka_unit_test(test_client_behind_proxies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

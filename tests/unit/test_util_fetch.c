/* test_util_fetch.c: the one outward HTTP client against a real HTTP server on 127.0.0.1 (a
 * thread here answering one request each time): methods, headers, bodies, Basic auth, the
 * header lookup, the answer cap, the protocol pin, and errors that never show a URL's path. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/fetch.h"

struct server {
	int fd;
	int port;
	const char *answer; /* the whole HTTP answer sent back */
	size_t answer_len;
	char request[8192]; /* what the client sent: head and body */
	size_t request_len;
	pthread_t thread;
};

/* Read the request's head, then as many body bytes as its Content-Length says. */
static void
read_request(int c, struct server *s)
{
	size_t want = 0, head = 0;
	ssize_t n;

	s->request_len = 0;
	while (s->request_len + 1 < sizeof(s->request)) {
		n = read(c, s->request + s->request_len, sizeof(s->request) - 1 - s->request_len);
		if (n <= 0)
			break;
		s->request_len += (size_t)n;
		s->request[s->request_len] = '\0';
		if (!head) {
			char *end = strstr(s->request, "\r\n\r\n");
			char *cl = strstr(s->request, "\r\nContent-Length:");

			if (!end)
				continue;
			head = (size_t)(end + 4 - s->request);
			want = cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0;
		}
		if (s->request_len >= head + want)
			break;
	}
}

static void *
serve_one(void *arg)
{
	struct server *s = arg;
	int c = accept(s->fd, NULL, NULL);

	if (c >= 0) {
		read_request(c, s);
		if (write(c, s->answer, s->answer_len) < 0)
			perror("write");
		close(c);
	}
	return NULL;
}

static void
start(struct server *s, const char *answer, size_t len)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t alen = sizeof(a);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->fd >= 0);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s->fd, 1), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&a, &alen), 0);
	s->port = ntohs(a.sin_port);
	s->answer = answer;
	s->answer_len = len;
	assert_int_equal(pthread_create(&s->thread, NULL, serve_one, s), 0);
}

static void
stop(struct server *s)
{
	pthread_join(s->thread, NULL);
	close(s->fd);
}

static const char *
url(const struct server *s, const char *path, char *out, size_t n)
{
	snprintf(out, n, "http://127.0.0.1:%d%s", s->port, path);
	return out;
}

static void
test_get_keeps_status_body_and_headers(void **state)
{
	static const char answer[] =
		"HTTP/1.1 200 OK\r\n"
		"Content-Length: 5\r\n"
		"link: <https://h/x?page=2>; rel=\"next\"\r\n"
		"X-Next-Page:   2  \r\n"
		"X-Next-Page: 3\r\n"
		"\r\nhello";
	struct server s;
	struct fetch_ans a = FETCH_ANS_INIT;
	struct okra_err err = {0};
	char u[128];
	size_t len;
	const char *v;

	(void)state;
	start(&s, answer, sizeof(answer) - 1);
	struct fetch_req q = {.url = url(&s, "/issues?iids[]=1", u, sizeof(u)),
			      .plain_http = 1,
			      .agent = "okra-test"};
	assert_int_equal(fetch(&q, &a, &err), 0);
	stop(&s);
	assert_int_equal(a.status, 200);
	assert_int_equal(a.body.len, 5);
	assert_memory_equal(a.body.buf, "hello", 5);
	assert_non_null(strstr(s.request, "GET /issues?iids[]=1 HTTP/1.1\r\n"));
	assert_non_null(strstr(s.request, "User-Agent: okra-test\r\n"));
	v = fetch_header(&a, "Link", &len);
	assert_non_null(v);
	assert_int_equal(len, strlen("<https://h/x?page=2>; rel=\"next\""));
	v = fetch_header(&a, "x-next-page", &len); /* the last one, trimmed */
	assert_int_equal(len, 1);
	assert_memory_equal(v, "3", 1);
	assert_null(fetch_header(&a, "X-Next", &len));
	assert_int_equal(len, 0);
	fetch_ans_release(&a);
}

static void
test_post_sends_method_headers_body_and_basic_auth(void **state)
{
	static const char answer[] =
		"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\n"
		"Content-Length: 0\r\n\r\n";
	const char *h[] = {"Content-Type: application/json", "Accept: application/json", NULL};
	struct server s;
	struct fetch_ans a = FETCH_ANS_INIT;
	struct okra_err err = {0};
	char u[128];
	size_t len;
	const char *v;

	(void)state;
	start(&s, answer, sizeof(answer) - 1);
	struct fetch_req q = {.method = "POST",
			      .url = url(&s, "/search", u, sizeof(u)),
			      .headers = h,
			      .body = "{\"a\":1}",
			      .body_len = 7,
			      .user = "me@x",
			      .password = "tok",
			      .plain_http = 1};
	assert_int_equal(fetch(&q, &a, &err), 0); /* any HTTP status is an answer */
	stop(&s);
	assert_int_equal(a.status, 429);
	v = fetch_header(&a, "retry-after", &len);
	assert_memory_equal(v, "7", len);
	assert_non_null(strstr(s.request, "POST /search HTTP/1.1\r\n"));
	assert_non_null(strstr(s.request, "Content-Type: application/json\r\n"));
	/* base64("me@x:tok") */
	assert_non_null(strstr(s.request, "Authorization: Basic bWVAeDp0b2s=\r\n"));
	assert_null(strstr(s.request, "Expect:"));
	assert_string_equal(s.request + s.request_len - 7, "{\"a\":1}");
	fetch_ans_release(&a);
}

static void
test_an_answer_over_the_cap_is_an_error(void **state)
{
	static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789";
	struct server s;
	struct fetch_ans a = FETCH_ANS_INIT;
	struct okra_err err = {0};
	char u[128];

	(void)state;
	start(&s, answer, sizeof(answer) - 1);
	struct fetch_req q = {.url = url(&s, "/secret-path?token=s3cret", u, sizeof(u)),
			      .max = 4,
			      .plain_http = 1};
	assert_int_equal(fetch(&q, &a, &err), -1);
	stop(&s);
	assert_non_null(strstr(err.msg, "too large"));
	assert_null(strstr(err.msg, "secret"));
	fetch_ans_release(&a);
}

static void
test_errors_name_the_origin_only(void **state)
{
	struct fetch_ans a = FETCH_ANS_INIT;
	struct okra_err err = {0};
	struct fetch_req plain = {.url = "http://127.0.0.1:9/hook/s3cret"};
	struct fetch_req refused = {.url = "http://127.0.0.1:9/hook/s3cret", .plain_http = 1};

	(void)state;
	/* http:// without plain_http: refused before any connection */
	assert_int_equal(fetch(&plain, &a, &err), -1);
	assert_null(strstr(err.msg, "s3cret"));
	assert_non_null(strstr(err.msg, "127.0.0.1"));
	/* nobody listens on the discard port */
	assert_int_equal(fetch(&refused, &a, &err), -1);
	assert_null(strstr(err.msg, "s3cret"));
	assert_int_equal(a.status, 0);
	fetch_ans_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_keeps_status_body_and_headers),
		cmocka_unit_test(test_post_sends_method_headers_body_and_basic_auth),
		cmocka_unit_test(test_an_answer_over_the_cap_is_an_error),
		cmocka_unit_test(test_errors_name_the_origin_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

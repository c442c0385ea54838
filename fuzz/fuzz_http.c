/* fuzz_http.c: whole HTTP requests through the real server on a demo store; no 5xx, JSON replies
 * parse. */
#define _GNU_SOURCE /* memmem */
#include "fuzz.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app/app.h"
#include "http/daemon.h"
#include "app/auth.h"
#include "app/transfer.h"
#include "app/settings.h"

/*
 * The input is one byte choosing who asks, then the raw bytes of a request
 * (request line, headers, body: routing, query strings, cookies, If-Match,
 * every JSON body, the webhooks all come from them). The credentials chosen
 * are put in after the request line (build_request), so every signed-in
 * route is reachable:
 *   0 nobody   1 alex's API token (admin)   2 pat's API token (member)
 *   3 alex's session cookie with its CSRF token
 * The store is a file under /dev/shm holding the demo company, opened by the
 * server's own worker; what one input writes the next one sees.
 */
static struct server_config cfg;
static struct MHD_Daemon *daemon_;
static char dir[64], path[96];
static char creds[4][400];
static const char hook_secret[] = "fuzz-gitlab-secret";
static int listener = -1; /* 127.0.0.1:any: each input is one real TCP connection */
static struct sockaddr_in laddr;

static void
fail(const char *what, const struct okra_err *err)
{
	fprintf(stderr, "fuzz_http: %s: %s\n", what, err ? err->msg : strerror(errno));
	exit(1);
}

static void
cleanup(void)
{
	static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
	char p[128];

	if (daemon_)
		MHD_stop_daemon(daemon_);
	if (listener >= 0)
		close(listener);
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, ext[i]);
		unlink(p);
	}
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct okra_err err = {0};
	char admin[APP_SECRET_LEN + 1], member[APP_SECRET_LEN + 1];
	struct app_session s;
	struct app a;
	int64_t id;

	(void)argc;
	(void)argv;
	/* A fixed clock: the demo's dates, and sessions that never expire mid-run. */
	setenv("OKRA_NOW", "2026-11-23T09:00", 1);
	snprintf(dir, sizeof(dir), "/dev/shm/okra-fuzz-XXXXXX");
	if (!mkdtemp(dir)) {
		snprintf(dir, sizeof(dir), "/tmp/okra-fuzz-XXXXXX");
		if (!mkdtemp(dir))
			fail("mkdtemp", NULL);
	}
	snprintf(path, sizeof(path), "%s/okra.db", dir);
	atexit(cleanup);
	if (app_open(&a, path, &err) < 0 || app_demo(&a, &err) < 0 ||
	    app_act_as(&a, "alex", &err) < 0 ||
	    app_setting_set(&a, "gitlab_webhook_secret", hook_secret, &err) < 0 ||
	    app_token_add(&a, "alex", "fuzz", &id, admin, &err) < 0 ||
	    app_user_passwd(&a, "alex", "fuzz-password", &err) < 0 ||
	    app_login(&a, "alex", "fuzz-password", &s, &err) < 0 ||
	    app_act_as(&a, "pat", &err) < 0 ||
	    app_token_add(&a, "pat", "fuzz", &id, member, &err) < 0)
		fail("setting up the demo store", &err);
	app_close(&a);
	creds[0][0] = '\0';
	snprintf(creds[1], sizeof(creds[1]), "Authorization: Bearer %s\r\n", admin);
	snprintf(creds[2], sizeof(creds[2]), "Authorization: Bearer %s\r\n", member);
	snprintf(creds[3], sizeof(creds[3]), "Cookie: okra_session=%s\r\nX-CSRF-Token: %s\r\n",
		 s.token, s.csrf);
	cfg.db = path;
	snprintf(cfg.host, sizeof(cfg.host), "127.0.0.1");
	cfg.threads = 1;
	cfg.quiet = 1;
	signal(SIGPIPE, SIG_IGN);
	laddr.sin_family = AF_INET;
	laddr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((listener = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(listener, (struct sockaddr *)&laddr, sizeof(laddr)) < 0 ||
	    listen(listener, 16) < 0 ||
	    getsockname(listener, (struct sockaddr *)&laddr, &(socklen_t){sizeof(laddr)}) < 0)
		fail("listening on 127.0.0.1", NULL);
	if (!(daemon_ = server_daemon(&cfg, NULL, 1)))
		fail("starting the daemon", NULL);
	return 0;
}

/* Write req and read the whole answer, both at once (neither side may block the other). */
static void
exchange(int fd, const char *req, size_t len, struct buf *resp)
{
	size_t off = 0;
	int wdone = 0;
	char chunk[16384];

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	for (;;) {
		struct pollfd p = {fd, POLLIN | (wdone ? 0 : POLLOUT), 0};
		int n = poll(&p, 1, 2000);

		/* Bytes the server still waits on (a request it reads as unfinished): give up. */
		if (n < 0 && errno == EINTR)
			continue; /* libFuzzer's timer (SIGALRM) */
		if (n <= 0) {
			if (getenv("FUZZ_VERBOSE"))
				fprintf(stderr, "fuzz_http: gave up waiting on [%.*s]\n", (int)len,
					req);
			break;
		}
		if (!wdone && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = off < len ? write(fd, req + off, len - off) : 0;

			if (w > 0)
				off += (size_t)w;
			if (w < 0 && errno != EAGAIN && errno != EINTR) {
				wdone = 1; /* the server closed early (a refused request) */
			} else if (off == len) {
				shutdown(fd, SHUT_WR);
				wdone = 1;
			}
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = read(fd, chunk, sizeof(chunk));

			if (r > 0)
				buf_add(resp, chunk, (size_t)r);
			else if (r == 0 || (errno != EAGAIN && errno != EINTR))
				break;
		}
	}
}

/* The value of header name in the head of a response (NULL when absent); copied into out. */
static const char *
header(const char *head, size_t hlen, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);

	for (const char *p = head; p < head + hlen;) {
		const char *e = memchr(p, '\n', (size_t)(head + hlen - p));
		size_t l = e ? (size_t)(e - p) : (size_t)(head + hlen - p);

		if (l > nl + 1 && !strncasecmp(p, name, nl) && p[nl] == ':') {
			const char *v = p + nl + 1;
			size_t vl = l - nl - 1;

			while (vl && *v == ' ')
				v++, vl--;
			while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
				vl--;
			snprintf(out, n, "%.*s", (int)vl, v);
			return out;
		}
		p += l + 1;
	}
	return NULL;
}

/* The first response: a status under 500 (505 is the HTTP library refusing a version), JSON that
 * parses. */
static void
check(const struct buf *resp, int head_request)
{
	const char *end;
	char type[128], clen[32];
	int status;

	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "%.*s\n", (int)resp->len, resp->buf);
	if (resp->len < 12 || strncmp(resp->buf, "HTTP/1.", 7))
		return; /* closed without an answer: the library refused the bytes */
	status = (int)strtol(resp->buf + 9, NULL, 10);
	if (status >= 500 && status != 505) {
		fprintf(stderr, "fuzz_http: answered %d:\n%.*s\n", status, (int)resp->len,
			resp->buf);
		FUZZ_CHECK(status < 500 || status == 505);
	}
	end = strstr(resp->buf, "\r\n\r\n");
	if (!end || head_request)
		return;
	if (header(resp->buf, (size_t)(end - resp->buf), "Content-Type", type, sizeof(type)) &&
	    (!strcmp(type, "application/json") || !strcmp(type, "application/problem+json")) &&
	    header(resp->buf, (size_t)(end - resp->buf), "Content-Length", clen, sizeof(clen))) {
		size_t n = strtoul(clen, NULL, 10);
		const char *body = end + 4;

		if ((size_t)(resp->buf + resp->len - body) >= n) {
			json_t *j = json_loadb(body, n, 0, NULL);

			if (!j)
				fprintf(stderr, "fuzz_http: not JSON:\n%.*s\n", (int)n, body);
			FUZZ_CHECK(j);
			json_decref(j);
		}
	}
}

static int
framing_header(const char *line, size_t len)
{
	static const char *const names[] = {"content-length:", "transfer-encoding:", "connection:"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (len >= strlen(names[i]) && !strncasecmp(line, names[i], strlen(names[i])))
			return 1;
	return 0;
}

/*
 * The input up to its first blank line is the head, the rest the body. The
 * request sent is the head's request line, the credentials, "Connection:
 * close", the body's true Content-Length, the head's other lines (framing
 * headers dropped), a blank line and the body: always complete, so the
 * server always answers and closes.
 */
static void
build_request(const char *raw, size_t rlen, const char *cred, struct buf *req)
{
	const char *crlf = memmem(raw, rlen, "\r\n\r\n", 4), *lf = memmem(raw, rlen, "\n\n", 2);
	const char *sep = crlf && (!lf || crlf < lf) ? crlf : lf;
	size_t hlen = sep ? (size_t)(sep - raw) : rlen;
	const char *body = sep ? sep + (sep == crlf ? 4 : 2) : raw + rlen;
	size_t blen = (size_t)(raw + rlen - body);
	int first = 1;

	for (const char *p = raw; p < raw + hlen;) {
		const char *e = memchr(p, '\n', (size_t)(raw + hlen - p));
		size_t l = e ? (size_t)(e - p) : (size_t)(raw + hlen - p);

		if (first || !framing_header(p, l)) {
			buf_add(req, p, l);
			buf_adds(req, "\n");
		}
		if (first)
			buf_addf(req, "%sConnection: close\r\nContent-Length: %zu\r\n", cred, blen);
		first = 0;
		p += l + 1;
	}
	buf_adds(req, "\r\n");
	buf_add(req, body, blen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in addr = {0};
	struct buf req = BUF_INIT, resp = BUF_INIT;
	const char *raw;
	size_t rlen;
	sigset_t alarm;
	int sv[2];

	if (size < 1)
		return 0;
	raw = (const char *)data + 1;
	rlen = size - 1;
	/* The server skips blank lines before a request line and waits for one: no request. */
	while (rlen && (*raw == '\r' || *raw == '\n'))
		raw++, rlen--;
	if (!rlen || *raw == '\r' || *raw == '\n')
		return 0;
	build_request(raw, rlen, creds[data[0] & 3], &req);
	/*
	 * The server's end is accepted here and handed to the daemon, as its own
	 * accept would; libFuzzer's timer (SIGALRM) is held off meanwhile, so that
	 * connect and accept are not interrupted.
	 */
	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &alarm, NULL);
	if ((sv[0] = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(sv[0], (struct sockaddr *)&laddr, sizeof(laddr)) < 0 ||
	    (sv[1] = accept(listener, (struct sockaddr *)&addr, &(socklen_t){sizeof(addr)})) < 0)
		fail("connecting to 127.0.0.1", NULL);
	if (MHD_add_connection(daemon_, sv[1], (const struct sockaddr *)&addr, sizeof(addr)) !=
	    MHD_YES)
		fail("MHD_add_connection", NULL);
	pthread_sigmask(SIG_UNBLOCK, &alarm, NULL);
	exchange(sv[0], req.buf ? req.buf : "", req.len, &resp);
	close(sv[0]);
	buf_addch(&resp, '\0');
	resp.len--;
	check(&resp, rlen >= 5 && !strncmp(raw, "HEAD ", 5));
	buf_release(&req);
	buf_release(&resp);
	return 0;
}

/* server.c: the libmicrohttpd daemon, one request's life, per-thread stores, clean shutdown. */
#include "http/page.h"
#include "http/log.h"

#include <arpa/inet.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/calendar.h"
#include "core/validate.h"
#include "http/auth.h"
#include "http/daemon.h"
#include "http/gzip.h"
#include "http/hook_parse.h"
#include "http/idem.h"
#include "http/metrics.h"
#include "http/route.h"
#include "http/shared.h"
#include "http/startcheck.h"
#include "http/writer.h"
#include "util/sdnotify.h"
#include "util/xalloc.h"
#include "util/uri.h"
#include "app/tree.h"

/*
 * Each worker thread keeps its own store connection (SQLite connections are
 * not shared between threads); it is opened on the thread's first request and
 * closed by the key's destructor when the thread ends.
 */
static pthread_key_t app_key;
static pthread_once_t app_key_once = PTHREAD_ONCE_INIT;
static atomic_int draining;
static atomic_int inflight; /* requests begun and not yet completed */
/* unauthenticated bodies, and signed webhook deliveries' not yet checked (daemon.h) */
static atomic_ullong anon_bytes, anon_refused, signed_bytes;

#define DEFAULT_TIMEOUT 30           /* seconds of silence before a connection is closed */
#define DEFAULT_MAX_CONNECTIONS 1000 /* connections held at once */

static void
app_free(void *p)
{
	app_close(p);
	free(p);
}

static void
app_key_init(void)
{
	pthread_key_create(&app_key, app_free);
}

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct app *
worker_app(const struct server_config *cfg, struct okra_err *err)
{
	struct app *a;

	pthread_once(&app_key_once, app_key_init);
	if ((a = pthread_getspecific(app_key)))
		return a;
	a = xcalloc(1, sizeof(*a));
	if (app_open(a, cfg->db, err) < 0) {
		free(a);
		return NULL;
	}
	app_join_group(a, writer_group());
	pthread_setspecific(app_key, a);
	return a;
}

static void
request_free(struct request *r)
{
	buf_release(&r->body);
	buf_release(&r->out);
	buf_release(&r->tail);
	shared_unref(r->shared);
	app_ticket_free(r->ticket);
	atomic_fetch_sub(r->anon_signed ? &signed_bytes : &anon_bytes, r->anon_held);
	arena_release(&r->arena);
	jw_release(&r->jw); /* a reply begun and never ended */
	free(r);
}

/* Set for every response in one place. */
static void
security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
				"base-uri 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

static void
access_log(struct request *r, double seconds, size_t bytes)
{
	struct buf path = BUF_INIT;
	struct buf line = BUF_INIT;
	struct jw w;
	char ts[21];

	if (r->cfg->quiet)
		return;
	cal_format_instant((int64_t)time(NULL), ts);
	/* Bytes that are not printable ASCII go in as %XX, so every request gets its line. */
	/* A setup link's secret is not for the log: it would sign its reader up as the admin. */
	const char *shown = strncmp(r->path, "/setup/", 7) ? r->path : "/setup/...";

	for (const unsigned char *p = (const unsigned char *)shown; *p && path.len < 2048; p++) {
		if (*p >= 0x20 && *p < 0x7f)
			buf_addch(&path, (char)*p);
		else
			buf_addf(&path, "%%%02X", *p);
	}
	jw_init(&w, &line, 0);
	jw_object(&w);
	jw_kstr(&w, "time", ts);
	jw_kstr(&w, "method", r->method);
	jw_kstr(&w, "path", path.buf);
	jw_kint(&w, "status", r->status);
	jw_kreal(&w, "ms", seconds * 1000);
	jw_kint(&w, "bytes", (int64_t)bytes);
	jw_kstr(&w, "user", r->who.id > 0 ? r->who.handle : "-");
	jw_end(&w);
	jw_release(&w);
	buf_release(&path);
	http_log_raw(line.buf);
	buf_release(&line);
}

static enum MHD_Result
send_response(struct request *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	size_t len;
	char *body;
	double secs;

	if (!r->status)
		reply_problem(r, 500, "the handler gave no answer", NULL);
	if (r->shared) {
		/* A cached body goes out by reference, with whatever the handler put around it. */
		if (!(resp = shared_response(r, &len)))
			return MHD_NO;
	} else {
		gzip_reply(r);
		body = buf_detach(&r->out, &len);
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!resp) {
			free(body);
			return MHD_NO;
		}
	}
	security_headers(resp);
	if (r->cfg->secure_cookies)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (r->content_type)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
	/* Draining: a keep-alive connection carries no further request; the client reconnects. */
	if (atomic_load(&draining))
		MHD_add_response_header(resp, "Connection", "close");
	/* What a signed-in person was shown stays out of every cache unless the handler said. */
	if (r->who.id > 0 && !MHD_get_response_header(resp, "Cache-Control"))
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	secs = (double)(now_ns() - r->started_ns) / 1e9;
	/* Every 5xx says its cause once in the log (the client got only the short reason). */
	if (r->status >= 500)
		http_log("okra: %s %s: %d: %s", r->method, r->path, r->status,
			 r->cause ? r->cause : "(no cause recorded)");
	metrics_count(r->route, r->status, secs);
	access_log(r, secs, len);
	return ret;
}

static enum MHD_Result
check_query_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	int *ok = cls;

	(void)kind;
	if (validate_text("query", key, 2048, NULL) < 0 ||
	    (value && validate_text("query", value, 2048, NULL) < 0)) {
		*ok = 0;
		return MHD_NO;
	}
	return MHD_YES;
}

/* Every query parameter, name and value, is UTF-8 text without control characters. */
static int
query_is_text(struct request *r)
{
	int ok = 1;

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_query_arg, &ok);
	return ok;
}

struct header_count {
	int host, te;
	int lengths;        /* Content-Length headers */
	const char *length; /* the first one's value */
	int lengths_differ;
};

static enum MHD_Result
count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct header_count *c = cls;

	(void)kind;
	if (!strcasecmp(key, "Host")) {
		c->host++;
	} else if (!strcasecmp(key, "Transfer-Encoding")) {
		c->te++;
	} else if (!strcasecmp(key, "Content-Length")) {
		if (c->lengths++ == 0)
			c->length = value;
		else if (strcmp(c->length, value ? value : ""))
			c->lengths_differ = 1;
	}
	return MHD_YES;
}

/*
 * A message whose length two headers disagree on is the raw material of
 * request smuggling behind a proxy: both Content-Length and
 * Transfer-Encoding, two different Content-Lengths, or two Hosts are
 * refused with 400 and the connection closed (RFC 9112 §6.3, §3.2).
 */
static const char *
framing_problem(struct MHD_Connection *conn)
{
	struct header_count c = {0};

	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &c);
	if (c.host > 1)
		return "the request has more than one Host header";
	if (c.te && c.lengths)
		return "the request has both Content-Length and Transfer-Encoding";
	if (c.lengths_differ)
		return "the request has Content-Length headers that disagree";
	return NULL;
}

/*
 * MHD decodes %00 in a path to a NUL that cuts the path short, so
 * "/objectives/4%00x" would be answered as /objectives/4: a path or query
 * holding %00 is left undecoded, and so matches no route.
 */
static size_t
unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	for (const char *p = s; (p = strchr(p, '%')); p++)
		if (p[1] == '0' && p[2] == '0')
			return strlen(s);
	return MHD_http_unescape(s);
}

/*
 * A browser's 404: the page frame says who is signed in, as on every other
 * page, so the person is not left wondering whether they were signed out.
 */
static void
not_found_page(struct request *r)
{
	struct okra_err err = {0};

	if ((r->app = worker_app(r->cfg, &err)) && app_refresh(r->app, &err) == 0) {
		app_act_as_nobody(r->app);
		if (auth_resolve(r, 0) < 0)
			return;
	}
	page_error(r, 404, "Not found", "There is no page at this address.");
}

/* Answer r as its route's row says: who may call it, the guards, then the handler. */
static void
dispatch(struct request *r)
{
	struct okra_err err = {0};
	struct buf allow = BUF_INIT;
	const struct route *row;

	if (r->bad_framing) {
		reply_header(r, "Connection", "close");
		reply_problem(r, 400, r->bad_framing, NULL);
		return;
	}
	if (r->anon_full) {
		reply_header(r, "Retry-After", "5");
		reply_problem(r, 503,
			      "the server holds as many unauthenticated request bodies as it "
			      "takes at once: retry shortly",
			      NULL);
		return;
	}
	if (r->too_big) {
		reply_problem(r, 413,
			      "the request body is too large (1 MiB for the API, 64 KiB on "
			      "public routes, 25 MiB for the forges' webhooks)",
			      NULL);
		return;
	}
	if (!query_is_text(r)) {
		reply_problem(r, 400, "the query string is not valid UTF-8 text", NULL);
		return;
	}
	if (r->match == -1) {
		const char *accept = req_header(r, "Accept");

		/* A browser gets a page it can read; a program gets problem+json. */
		if (accept && strstr(accept, "text/html")) {
			not_found_page(r);
			return;
		}
		reply_problem(r, 404, "no such resource", NULL);
		return;
	}
	if (r->match == -2) {
		router_allowed(r->path, &allow);
		reply_header(r, "Allow", allow.buf);
		reply_problem(r, 405, "this method is not allowed here", NULL);
		buf_release(&allow);
		return;
	}
	r->route = r->match;
	row = req_route(r);
	if (!(r->app = worker_app(r->cfg, &err))) {
		r->cause = arena_strdup(&r->arena, err.msg);
		reply_problem(r, 503, "the store cannot be opened", NULL);
		return;
	}
	if (app_refresh(r->app, &err) < 0) {
		r->cause = arena_strdup(&r->arena, err.msg);
		reply_problem(r, 503, "the store does not answer", NULL);
		return;
	}
	/* No actor until authentication says who: nothing runs as "the first admin". */
	app_act_as_nobody(r->app);
	/* A webhook is no one's session: its handler checks the forge's secret. */
	if (row->access != HOOK && !r->auth && auth_resolve(r, row->access != PUBLIC) < 0)
		return;
	if (row->access == PAGE && r->who.id <= 0) {
		/* A page asked signed out: the browser goes to sign in, not to a JSON 401. */
		reply_header(r, "Location", "/login");
		reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
		return;
	}
	if (row->access == SIGNED_IN && !r->who.id) {
		reply_header(r, "WWW-Authenticate", "Bearer realm=\"okra\"");
		reply_problem(r, 401,
			      "sign in first: a session cookie or an Authorization: Bearer token",
			      NULL);
		return;
	}
	/* Anything that changes state must come from this site; with a cookie, also the token. */
	if ((row->guard & ORIGIN) && auth_check_origin(r) < 0)
		return;
	if ((row->guard & CSRF) && auth_check_csrf(r) < 0)
		return;
	if (r->who.id)
		app_act_as_person(r->app, &r->who);
	if (idem_wraps(row, r)) {
		/* On SQLite the writer thread runs it: this worker goes on meanwhile. */
		if (!writer_take(r))
			idem_run(r, row);
	} else
		row->fn(r);
}

_Static_assert(HOOK_BODY_MAX <= SIGNED_HOOK_TOTAL,
	       "a signed delivery the hooks take must fit in the signed deliveries' total");

/*
 * Match the route once, as the headers arrive, and decide from its row how
 * much of the body to keep: nothing past the row's cap (a declared
 * Content-Length over it is refused without reading), and nothing at all for a
 * signed-in route asked without any credentials, which will be refused anyway.
 * So anonymous clients cannot make the server hold megabytes each.
 */
static void
body_policy(struct request *r)
{
	const char *cl = req_header(r, "Content-Length");
	const struct route *row;
	int authed = 0;

	r->match = router_match(r, r->method, r->path);
	row = r->match >= 0 ? &routes[r->match] : NULL;
	if (row)
		r->body.cap = row->cap;
	if (row && row->access == PUBLIC) {
		r->anon = 1;
	} else if (row && row->access == HOOK) {
		struct okra_err err = {0};
		int v = -1;

		/* A secret in a header is checked now: a wrong or missing one keeps nothing. */
		if ((r->app = worker_app(r->cfg, &err)) && app_refresh(r->app, &err) == 0)
			v = hook_peek(r);
		r->anon = v == 0 || v == 2;
		r->anon_signed = v == 2;
		r->skip_body = v < 0;
		authed = v == 1; /* its declared body is kept in one block, never copied */
	} else if (row && r->method[0] != 'G' && r->method[0] != 'H') {
		struct okra_err err = {0};

		/*
		 * A body for a signed-in route is kept only once its token or session
		 * is known to be live: a made-up cookie holds nothing.
		 */
		if (!(r->app = worker_app(r->cfg, &err)) || app_refresh(r->app, &err) < 0 ||
		    auth_peek(r) < 0)
			r->skip_body = 1;
	}
	if (cl) {
		char *end;
		unsigned long long n = strtoull(cl, &end, 10);

		if (*end || n > r->body.cap)
			r->too_big = 1;
		else if (authed && n)
			buf_grow(&r->body, (size_t)n);
	}
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
	   const char *version, const char *upload, size_t *upload_size, void **state)
{
	const struct server_config *cfg = cls;
	struct request *r = *state;

	(void)version;
	if (r && r->queued) {
		/* Resumed by the writer thread: the reply is final, its write committed. */
		r->queued = 0;
		return send_response(r);
	}
	if (!r) {
		/* First call: headers only. Answer on a later call, as MHD expects. */
		r = xcalloc(1, sizeof(*r));
		r->conn = conn;
		r->cfg = cfg;
		r->method = method;
		r->path = url;
		r->route = -1;
		r->started_ns = now_ns();
		atomic_fetch_add(&inflight, 1);
		buf_init(&r->body, BODY_MAX);
		buf_init(&r->out, 0);
		buf_init(&r->tail, 0);
		*state = r;
		body_policy(r);
		if ((r->bad_framing = framing_problem(conn)))
			r->skip_body = 1;
		return MHD_YES;
	}
	if (*upload_size) {
		if (r->anon && !r->too_big && !r->skip_body) {
			atomic_ullong *pool = r->anon_signed ? &signed_bytes : &anon_bytes;
			r->anon_held += *upload_size;
			if (atomic_fetch_add(pool, *upload_size) + *upload_size >
			    (r->anon_signed ? SIGNED_HOOK_TOTAL : ANON_BODY_TOTAL)) {
				atomic_fetch_sub(pool, r->anon_held);
				atomic_fetch_add(&anon_refused, 1);
				r->anon_held = 0;
				r->anon_full = r->skip_body = 1;
				buf_release(&r->body);
			}
		}
		if (!r->too_big && !r->skip_body) {
			buf_add(&r->body, upload, *upload_size);
			if (r->body.err)
				r->too_big = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	dispatch(r);
	if (r->queued)
		return MHD_YES; /* suspended: answered once resumed */
	return send_response(r);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **state,
	     enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)conn;
	(void)code;
	if (*state) {
		request_free(*state);
		atomic_fetch_sub(&inflight, 1);
	}
	*state = NULL;
}

/* MHD hands a printf format: say so, so the compiler checks its use as one. */
static void __attribute__((format(printf, 2, 0))) log_mhd(void *cls, const char *fmt, va_list ap)
{
	char line[400];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	http_log("okra: http: %s", line);
}

void
server_anon_bodies(unsigned long long *held, unsigned long long *refused)
{
	*held = atomic_load(&anon_bytes);
	*refused = atomic_load(&anon_refused);
}

int
server_draining(void)
{
	return atomic_load(&draining);
}

/*
 * Connections are file descriptors: with more allowed than the process may
 * open, accept() fails with EMFILE and the listening socket stays readable
 * for ever (a busy loop and a flood of log lines). The soft limit is raised to
 * the hard one, and the connection limit lowered to what fits beside the
 * store's files, the workers' own and a margin.
 */
static unsigned
fit_descriptors(unsigned conns, unsigned threads)
{
	struct rlimit rl;
	rlim_t reserve = 64 + (rlim_t)threads * 8, room;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return conns;
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t want = rl.rlim_max == RLIM_INFINITY ? 1048576 : rl.rlim_max;
		struct rlimit up = {want, rl.rlim_max};

		if (setrlimit(RLIMIT_NOFILE, &up) == 0)
			rl.rlim_cur = want;
	}
	if (rl.rlim_cur == RLIM_INFINITY)
		return conns;
	room = rl.rlim_cur > reserve + threads ? rl.rlim_cur - reserve : threads;
	if (conns > room) {
		http_log(
			"okra: --max-connections lowered from %u to %u: the process may open %llu "
			"files (ulimit -n)",
			conns, (unsigned)room, (unsigned long long)rl.rlim_cur);
		conns = (unsigned)room;
	}
	return conns;
}

struct MHD_Daemon *
server_daemon(struct server_config *cfg, const struct sockaddr_in *addr, unsigned threads)
{
	unsigned timeout, conns, per_ip;

	/*
	 * The limits a client from the internet meets (SECURITY.md, docs/decisions.md):
	 * - timeout: a connection that sends nothing for this long is closed, so a
	 *   client that opens a request and stalls (slowloris) holds a slot only
	 *   that long;
	 * - connection limit: at most this many connections at once, shared out
	 *   among the worker threads; past it new ones wait in the listen backlog;
	 * - per address: at most a quarter of them (256 at most) from one address,
	 *   so one client cannot take every slot; past it, new ones are closed;
	 * - memory per connection: the request line and headers must fit in
	 *   64 KiB, or the connection gets 431 (414 for the URL) and is closed;
	 * - strict HTTP: a request line or header name with spaces, or HTTP/1.1
	 *   without Host, is refused with 400 before okra sees it.
	 * Bodies are capped separately, per route, in body_policy.
	 */
	timeout = cfg->timeout ? cfg->timeout : DEFAULT_TIMEOUT;
	conns = cfg->max_connections ? cfg->max_connections : DEFAULT_MAX_CONNECTIONS;
	conns = fit_descriptors(conns, threads);
	if (conns < threads)
		conns = threads; /* each worker needs at least one */
	per_ip = conns / 4 > 256 ? 256 : conns / 4;
	if (per_ip < 1)
		per_ip = 1;
	/* Without an address: no listening socket, connections come by MHD_add_connection. */
	if (!addr)
		return MHD_start_daemon(
			MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
				MHD_USE_NO_LISTEN_SOCKET | MHD_ALLOW_SUSPEND_RESUME,
			0, NULL, NULL, on_request, cfg, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
			MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			MHD_OPTION_CONNECTION_TIMEOUT, timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
			(size_t)(64 * 1024), MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
			MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	/*
	 * poll(2), not epoll, in the workers: stopping the listening socket
	 * (MHD_quiesce_daemon, in drain) takes it out of every worker's epoll set
	 * while a worker at its connection limit may be taking it out too, and
	 * the library aborts when the second removal finds it gone ("Failed to
	 * remove listen FD from epoll set", seen under load at SIGTERM). With
	 * poll a worker only reads a flag when it builds its next set.
	 */
	return MHD_start_daemon(
		MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
			MHD_ALLOW_SUSPEND_RESUME,
		0, NULL, NULL, on_request, cfg, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
		MHD_OPTION_SOCK_ADDR, addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
		timeout, MHD_OPTION_CONNECTION_LIMIT, conns, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		per_ip, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)128, MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
}

/*
 * Stop accepting and let the requests in flight finish (10 s at most). Every
 * answer from now on says Connection: close; an idle keep-alive connection
 * gets a second to send one last request (a load balancer's health check sees
 * /readyz turn 503), not the whole 10 s. The listening socket is returned.
 */
static MHD_socket
drain(struct MHD_Daemon *d)
{
	MHD_socket ls = MHD_quiesce_daemon(d);

	for (int i = 0, quiet_since = -1; i < 200; i++) {
		const union MHD_DaemonInfo *ci =
			MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

		if (atomic_load(&inflight) > 0) {
			quiet_since = -1;
		} else if (!ci || !ci->num_connections) {
			break;
		} else if (quiet_since < 0) {
			quiet_since = i;
		} else if (i - quiet_since >= 20) {
			break;
		}
		usleep(50000);
	}
	return ls;
}

/*
 * Until SIGTERM or SIGINT, which it returns: a SIGHUP calls cfg->reload, and when the service
 * manager set a watchdog, WATCHDOG=1 goes to it every half interval.
 */
static int
wait_for_stop(const struct server_config *cfg, const sigset_t *sigs)
{
	uint64_t half = sd_watchdog_usec() / 2;
	struct timespec ts = {(time_t)(half / 1000000), (long)(half % 1000000) * 1000};
	int sig = 0;

	for (;;) {
		if (half) {
			if ((sig = sigtimedwait(sigs, NULL, &ts)) < 0) {
				sd_notify_send("WATCHDOG=1");
				continue;
			}
		} else if (sigwait(sigs, &sig) != 0) {
			continue;
		}
		if (sig != SIGHUP)
			return sig;
		http_log("okra: SIGHUP: reloading the configuration, reopening the log");
		if (cfg->reload)
			cfg->reload(cfg->reload_arg);
		sd_notify_send("READY=1");
	}
}

int
server_run(struct server_config *cfg, struct okra_err *err)
{
	struct sockaddr_in addr = {0};
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	unsigned threads = cfg->threads;
	sigset_t sigs;
	MHD_socket ls;
	int sig = 0;
	struct app probe = {0};

#ifdef __GLIBC__
	/*
	 * Fixed malloc thresholds: left dynamic, glibc raises them to the size of the
	 * largest block freed (a 28 MB tree), and then keeps that much freed memory
	 * in each worker thread's arena instead of giving it back. Each arena keeps
	 * up to the trim threshold of free memory at its top, and glibc makes up to
	 * eight per core: two arenas shared by the workers, and 1 MiB kept by each,
	 * bound what is kept (bench/RESULTS.md, the soak).
	 */
	mallopt(M_ARENA_MAX, 2);
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
#endif
	if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1)
		return okra_err_set(err, OKRA_EINVAL, "listen",
				    "%s is not an IPv4 address to listen on", cfg->host);
	addr.sin_family = AF_INET;
	addr.sin_port = htons(cfg->port);
	/* Open (and migrate) the store once up front, so a bad --db fails now, not per request. */
	if (app_open(&probe, cfg->db, err) < 0)
		return err->code;
	app_close(&probe);
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		threads = n > 0 ? (unsigned)n : 2;
	}
	/* Workers inherit this mask: only the main thread takes SIGINT/SIGTERM/SIGHUP, in sigwait.
	 */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (writer_start(cfg, err) < 0)
		return err->code;
	d = server_daemon(cfg, &addr, threads);
	if (!d) {
		writer_stop();
		return okra_err_set(err, OKRA_EIO, "listen", "cannot listen on %s:%u", cfg->host,
				    (unsigned)cfg->port);
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	{
		/* A PostgreSQL URI may carry a password: never print it. */
		char shown[512];

		http_log("okra: serving http://%s:%u/ with %u threads (%s)", cfg->host,
			 info ? (unsigned)info->port : (unsigned)cfg->port, threads,
			 uri_redact(cfg->db, shown, sizeof(shown)));
	}
	page_setup_link(cfg, info ? (unsigned)info->port : (unsigned)cfg->port);
	if (cfg->ready_file && info) {
		FILE *f = fopen(cfg->ready_file, "w");

		if (f) {
			fprintf(f, "%u\n", (unsigned)info->port);
			fclose(f);
		}
	}
	sd_notify_send("READY=1");
	sig = wait_for_stop(cfg, &sigs);
	sd_notify_send("STOPPING=1");
	atomic_store(&draining, 1);
	http_log("okra: %s: finishing the requests in flight", start_check_stop_reason(sig));
	ls = drain(d);
	/* The writes queued are answered before the daemon stops (none is left suspended). */
	writer_drain();
	MHD_stop_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	/* The workers have ended, and their apps with them: no write is in flight. */
	writer_stop();
	app_kept_forget();
	page_tree_cards_forget();
	http_log_flush();
	return 0;
}

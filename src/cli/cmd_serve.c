/* cmd_serve.c: okra serve — fills the server's configuration; src/http does the serving. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "notify/scheduler.h"

/* "ADDR:PORT", ":PORT" or "PORT" (address 127.0.0.1). */
static int
parse_listen(const char *s, struct server_config *cfg, struct okra_err *err)
{
	const char *colon = strrchr(s, ':');
	const char *port = colon ? colon + 1 : s;
	size_t hlen = colon ? (size_t)(colon - s) : 0;
	char *end;
	long p;

	if (hlen >= sizeof(cfg->host))
		return okra_err_set(err, OKRA_EINVAL, "listen",
				    "--listen ADDR:PORT, like 127.0.0.1:8080");
	if (hlen) {
		memcpy(cfg->host, s, hlen);
		cfg->host[hlen] = '\0';
	}
	p = strtol(port, &end, 10);
	if (!*port || *end || p < 0 || p > 65535)
		return okra_err_set(err, OKRA_EINVAL, "listen",
				    "--listen ADDR:PORT needs a port from 0 to 65535, not %s",
				    port);
	cfg->port = (uint16_t)p;
	return 0;
}

int
cmd_serve(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"listen", OPT_STRING, "ADDR:PORT",
		 "where to listen (default 127.0.0.1:8080; port 0 = any)"},
		{"threads", OPT_STRING, "N", "worker threads (default: one per core)"},
		{"secure-cookies", OPT_FLAG, NULL, "behind TLS: Secure, __Host- session cookies"},
		{"quiet", OPT_FLAG, NULL, "no access log"},
		{"ready-file", OPT_STRING, "PATH", "write the bound port here once listening"},
		{"no-reminders", OPT_FLAG, NULL, "do not run the weekly reminder scheduler here"},
		{"timeout", OPT_STRING, "SECONDS",
		 "close a connection silent this long (default 30)"},
		{"max-connections", OPT_STRING, "N", "connections held at once (default 1000)"},
		OPT_END,
	};
	struct server_config cfg = {.host = "127.0.0.1", .port = 8080};
	struct notify_scheduler *sched = NULL;
	const char *pos[1];
	int64_t threads, n;
	int rc;

	if ((rc = opt_parse(c,
			    "serve [--listen ADDR:PORT] [--threads N] [--timeout S] "
			    "[--max-connections N]",
			    opts, argc - 1, argv + 1, pos, 0, 0, err)) != 0)
		goto out;
	if (opts[0].set && (rc = parse_listen(opts[0].value, &cfg, err)) < 0)
		goto out;
	if (opts[1].set) {
		if ((rc = cli_id("threads", opts[1].value, &threads, err)) < 0)
			goto out;
		if (threads > 256) {
			rc = okra_err_set(err, OKRA_EINVAL, "threads", "--threads is 1 to 256");
			goto out;
		}
		cfg.threads = (unsigned)threads;
	}
	if (opts[6].set) {
		if ((rc = cli_id("timeout", opts[6].value, &n, err)) < 0)
			goto out;
		if (n > 3600) {
			rc = okra_err_set(err, OKRA_EINVAL, "timeout",
					  "--timeout is 1 to 3600 seconds");
			goto out;
		}
		cfg.timeout = (unsigned)n;
	}
	if (opts[7].set) {
		if ((rc = cli_id("max-connections", opts[7].value, &n, err)) < 0)
			goto out;
		if (n > 100000) {
			rc = okra_err_set(err, OKRA_EINVAL, "max-connections",
					  "--max-connections is 1 to 100000");
			goto out;
		}
		cfg.max_connections = (unsigned)n;
	}
	cfg.secure_cookies = opts[2].set;
	cfg.quiet = opts[3].set;
	cfg.ready_file = opts[4].value;
	cfg.db = c->db;
	/* The database must exist (okra init or okra demo); the server opens its own connections.
	 */
	if ((rc = cli_open(c, 0, err)) < 0)
		goto out;
	app_close(&c->app);
	c->app_open = 0;
	/* The reminders run in their own thread, started before the server's (signals:
	 * scheduler.h). */
	if (!opts[5].set && (rc = notify_scheduler_start(cfg.db, &sched, err)) < 0)
		goto out;
	rc = server_run(&cfg, err);
	notify_scheduler_stop(sched);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

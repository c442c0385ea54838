/* cmd_serve.c: okra serve — fills the server's configuration; src/http does the serving. */
#include "cli/cli.h"

#include "app/check.h"

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

enum {
	SERVE_LISTEN,
	SERVE_THREADS,
	SERVE_SECURE_COOKIES,
	SERVE_QUIET,
	SERVE_READY_FILE,
	SERVE_NO_REMINDERS,
	SERVE_TIMEOUT,
	SERVE_MAX_CONNECTIONS,
	SERVE_NOPTS
};
static const struct opt serve_opts[SERVE_NOPTS] = {
	[SERVE_LISTEN] = {"listen", OPT_STRING, "ADDR:PORT",
			  "where to listen (default 127.0.0.1:8080; port 0 = any)"},
	[SERVE_THREADS] = {"threads", OPT_STRING, "N", "worker threads (default: one per core)"},
	[SERVE_SECURE_COOKIES] = {"secure-cookies", OPT_FLAG, NULL,
				  "behind TLS: Secure, __Host- session cookies"},
	[SERVE_QUIET] = {"quiet", OPT_FLAG, NULL, "no access log"},
	[SERVE_READY_FILE] = {"ready-file", OPT_STRING, "PATH",
			      "write the bound port here once listening"},
	[SERVE_NO_REMINDERS] = {"no-reminders", OPT_FLAG, NULL,
				"do not run the weekly reminder scheduler here"},
	[SERVE_TIMEOUT] = {"timeout", OPT_STRING, "SECONDS",
			   "close a connection silent this long (default 30)"},
	[SERVE_MAX_CONNECTIONS] = {"max-connections", OPT_STRING, "N",
				   "connections held at once (default 1000)"},
};
static const struct cli_usage serve_usage = {"serve", NULL, 0, 0, OPTS(serve_opts)};

/* A whole number from 1 to max for --NAME, or the refusal "--NAME is 1 to MAX[ unit]". */
static int
bounded(const struct optv *v, const char *name, int64_t max, const char *unit, unsigned *out,
	struct okra_err *err)
{
	int64_t n;
	int rc;

	if ((rc = cli_id(name, v->value, &n, err)) < 0)
		return rc;
	if (n > max)
		return okra_err_set(err, OKRA_EINVAL, name, "--%s is 1 to %lld%s", name,
				    (long long)max, unit);
	*out = (unsigned)n;
	return 0;
}

/* Keeps the first problem the quick check saw. */
static void
first_problem(void *arg, const char *line)
{
	char *first = arg;

	if (!*first)
		snprintf(first, 256, "%s", line);
}

/* A damaged database is not served: it would answer until the first query met the damage. */
static int
refuse_damaged(struct cli *c, struct okra_err *err)
{
	char first[256] = "";
	int rc = app_check(&c->app, 1, first_problem, first, err);

	if (rc <= 0)
		return rc;
	return okra_err_set(err, OKRA_ESTATE, "db",
			    "the database %s is damaged (%s): not serving it; restore the last "
			    "backup (okra backup makes one) and run okra check on it",
			    c->db, first);
}

int
cmd_serve(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[SERVE_NOPTS];
	struct server_config cfg = {.host = "127.0.0.1", .port = 8080};
	struct notify_scheduler *sched = NULL;
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &serve_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	if (v[SERVE_LISTEN].set && (rc = parse_listen(v[SERVE_LISTEN].value, &cfg, err)) < 0)
		goto out;
	if (v[SERVE_THREADS].set &&
	    (rc = bounded(&v[SERVE_THREADS], "threads", 256, "", &cfg.threads, err)) < 0)
		goto out;
	if (v[SERVE_TIMEOUT].set &&
	    (rc = bounded(&v[SERVE_TIMEOUT], "timeout", 3600, " seconds", &cfg.timeout, err)) < 0)
		goto out;
	if (v[SERVE_MAX_CONNECTIONS].set &&
	    (rc = bounded(&v[SERVE_MAX_CONNECTIONS], "max-connections", 100000, "",
			  &cfg.max_connections, err)) < 0)
		goto out;
	cfg.secure_cookies = v[SERVE_SECURE_COOKIES].set;
	cfg.quiet = v[SERVE_QUIET].set;
	cfg.ready_file = v[SERVE_READY_FILE].value;
	cfg.db = c->db;
	/* The database must exist (okra init or okra demo); the server opens its own connections.
	 */
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = refuse_damaged(c, err)) < 0)
		goto out;
	app_close(&c->app);
	c->app_open = 0;
	/* The reminders run in their own thread, started before the server's (signals:
	 * scheduler.h). */
	if (!v[SERVE_NO_REMINDERS].set && (rc = notify_scheduler_start(cfg.db, &sched, err)) < 0)
		goto out;
	rc = server_run(&cfg, err);
	notify_scheduler_stop(sched);
out:
	opt_release(v, SERVE_NOPTS);
	return rc < 0 ? rc : 0;
}

/* cmd_serve.c: okra serve — fills the server's configuration; src/http does the serving. */
#include "cli/cli.h"

#include "app/check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config.h"
#include "http/http.h"
#include "http/log.h"
#include "http/startcheck.h"
#include "util/uri.h"
#include "util/logline.h"
#include "notify/scheduler.h"
#include "sync/sync.h"

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
	SERVE_CONFIG,
	SERVE_LOG_FORMAT,
	SERVE_LOG_FILE,
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
	[SERVE_CONFIG] = {"config", OPT_STRING, "FILE",
			  "read these options from FILE as key = value lines (default "
			  "$OKRA_CONFIG); the command line wins"},
	[SERVE_LOG_FORMAT] = {"log-format", OPT_STRING, "text|json",
			      "one line per event as text (default) or as a JSON object"},
	[SERVE_LOG_FILE] = {"log-file", OPT_STRING, "PATH",
			    "append the log to PATH instead of stderr (reopened on SIGHUP)"},
};
static const struct cli_usage serve_usage = {"serve", NULL, 0, 0, OPTS(serve_opts)};

/* What okra serve was started with, kept for SIGHUP. */
struct serve_state {
	struct optv given[SERVE_NOPTS]; /* the command line's own options */
	const char *config;             /* the configuration file, or NULL */
	struct conf conf;               /* what it said when last read */
	struct strlist args;            /* its options as arguments, then the command line's */
};

/*
 * The options: the command line's, over the configuration file's (--config or
 * $OKRA_CONFIG), into v. The file may also name the database (unless --db or $OKRA_DB did)
 * and its password.
 */
static int
serve_options(struct cli *c, struct serve_state *st, struct optv *v, int argc, char **argv,
	      struct okra_err *err)
{
	const char *env = getenv("OKRA_CONFIG"), *pos[1];
	int rc;

	if ((rc = opt_parse(c, &serve_usage, st->given, argc - 1, argv + 1, pos, err)) != 0)
		return rc;
	st->config = st->given[SERVE_CONFIG].set ? st->given[SERVE_CONFIG].value
		     : env && *env               ? env
						 : NULL;
	if (st->config && ((rc = conf_load(st->config, &serve_usage, &st->conf, err)) < 0 ||
			   (rc = conf_password(&st->conf, err)) < 0))
		return rc;
	if (st->config && st->conf.database && !c->db_given)
		c->db = arena_strdup(&c->arena, st->conf.database); /* outlives a reload */
	conf_args(&st->conf, &serve_usage, &st->args);
	for (int i = 1; i < argc; i++)
		strlist_push(&st->args, argv[i]);
	return opt_parse(c, &serve_usage, v, (int)st->args.n, st->args.v, pos, err);
}

/* The log's format and file: the command line's, else the file's, else text on stderr. */
static int
serve_log(const struct serve_state *st, const struct conf *cf, struct okra_err *err)
{
	const char *fmt = st->given[SERVE_LOG_FORMAT].set ? st->given[SERVE_LOG_FORMAT].value
			  : cf->val[SERVE_LOG_FORMAT]     ? cf->val[SERVE_LOG_FORMAT]
							  : "text";
	const char *file = st->given[SERVE_LOG_FILE].set ? st->given[SERVE_LOG_FILE].value
							 : cf->val[SERVE_LOG_FILE];
	enum log_format f;

	if (log_format_parse(fmt, &f) < 0)
		return okra_err_set(err, OKRA_EINVAL, "log-format",
				    "--log-format is text or json, not %s", fmt);
	log_format_set(f);
	return log_reopen(file, err);
}

/* 1 when a and b (either may be NULL) differ. */
static int
differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

/*
 * SIGHUP: read the file again; the log's format and file take effect now, and a change to
 * anything else is logged as waiting for the next start. A file that no longer reads is
 * logged and the running configuration kept.
 */
static void
serve_reload(void *arg)
{
	struct serve_state *st = arg;
	struct okra_err err = {0};
	struct conf cf = {0};

	if (st->config && conf_load(st->config, &serve_usage, &cf, &err) < 0) {
		http_log("okra: SIGHUP: %s (the running configuration stays)", err.msg);
		conf_release(&cf);
		serve_log(st, &st->conf, &err);
		return;
	}
	if (serve_log(st, &cf, &err) < 0) {
		conf_blame(&cf, &serve_usage, st->given, &err);
		http_log("okra: SIGHUP: %s", err.msg);
	}
	for (size_t i = 0; i < SERVE_NOPTS; i++)
		if (i != SERVE_LOG_FORMAT && i != SERVE_LOG_FILE && !st->given[i].set &&
		    differ(st->conf.val[i], cf.val[i]))
			http_log(
				"okra: SIGHUP: %s changed in %s: it takes effect at the next start",
				serve_opts[i].name, st->config);
	if (differ(st->conf.database, cf.database) ||
	    differ(st->conf.password_file, cf.password_file))
		http_log(
			"okra: SIGHUP: the database changed in %s: it takes effect at the next "
			"start",
			st->config);
	conf_release(&st->conf);
	st->conf = cf;
}

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

/*
 * A damaged database is not served: it would answer until the first query met the damage.
 * On SQLite the quick check runs beside the listening server (http/startcheck.h), every
 * write held until it has passed; on PostgreSQL there is no file to check and it runs here.
 */
static int
check_at_start(struct cli *c, const struct server_config *cfg, struct okra_err *err)
{
	if (uri_is_postgres(c->db))
		return app_check_served(&c->app, c->db, err);
	return start_check_begin(cfg, pthread_self(), err);
}

/* The options' values into cfg, each checked. */
static int
serve_values(const struct optv *v, struct server_config *cfg, struct okra_err *err)
{
	int rc;

	if (v[SERVE_LISTEN].set && (rc = parse_listen(v[SERVE_LISTEN].value, cfg, err)) < 0)
		return rc;
	if (v[SERVE_THREADS].set &&
	    (rc = bounded(&v[SERVE_THREADS], "threads", 256, "", &cfg->threads, err)) < 0)
		return rc;
	if (v[SERVE_TIMEOUT].set &&
	    (rc = bounded(&v[SERVE_TIMEOUT], "timeout", 3600, " seconds", &cfg->timeout, err)) < 0)
		return rc;
	if (v[SERVE_MAX_CONNECTIONS].set &&
	    (rc = bounded(&v[SERVE_MAX_CONNECTIONS], "max-connections", 100000, "",
			  &cfg->max_connections, err)) < 0)
		return rc;
	cfg->secure_cookies = v[SERVE_SECURE_COOKIES].set;
	cfg->quiet = v[SERVE_QUIET].set;
	cfg->ready_file = v[SERVE_READY_FILE].value;
	return 0;
}

int
cmd_serve(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[SERVE_NOPTS] = {0};
	struct serve_state st = {0};
	struct server_config cfg = {.host = "127.0.0.1", .port = 8080};
	struct notify_scheduler *sched = NULL;
	struct sync_daily *daily = NULL;
	struct okra_err cerr = {0};
	int rc, crc;

	if ((rc = serve_options(c, &st, v, argc, argv, err)) != 0)
		goto out;
	if ((rc = serve_values(v, &cfg, err)) < 0 || (rc = serve_log(&st, &st.conf, err)) < 0)
		goto out;
	if (st.conf.password_from)
		http_log("okra: the database password is read from %s", st.conf.password_from);
	cfg.db = c->db;
	cfg.reload = serve_reload;
	cfg.reload_arg = &st;
	/* The database must exist (okra init or okra demo); the server opens its own connections.
	 */
	if ((rc = cli_open(c, 0, err)) < 0)
		goto out;
	rc = check_at_start(c, &cfg, err);
	app_close(&c->app);
	c->app_open = 0;
	if (rc < 0)
		goto out;
	/* The reminders run in their own thread, started before the server's (signals:
	 * scheduler.h). */
	if (!v[SERVE_NO_REMINDERS].set && (rc = notify_scheduler_start(cfg.db, &sched, err)) < 0)
		goto out;
	/* okra sync's daily run (the setting sync_daily; idle while it is empty), the same way. */
	if ((rc = sync_daily_start(cfg.db, &daily, err)) < 0) {
		notify_scheduler_stop(sched);
		goto out;
	}
	rc = server_run(&cfg, err);
	sync_daily_stop(daily);
	notify_scheduler_stop(sched);
out:
	/* The check's damage (the server stopped for it) is the answer, unless serving failed. */
	if ((crc = start_check_end(&cerr)) < 0 && rc >= 0) {
		*err = cerr;
		rc = crc;
	}
	opt_release(v, SERVE_NOPTS);
	opt_release(st.given, SERVE_NOPTS);
	strlist_release(&st.args);
	if (rc < 0 && st.config)
		conf_blame(&st.conf, &serve_usage, st.given, err);
	conf_release(&st.conf);
	return rc < 0 ? rc : 0;
}

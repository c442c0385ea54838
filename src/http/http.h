/* http.h: okra serve — what the CLI hands the web server (config apart from behaviour). */
#ifndef OKRA_HTTP_H
#define OKRA_HTTP_H

#include <stdint.h>

#include "util/err.h"

struct server_config {
	const char *db;         /* the store's URI, opened once per worker thread */
	char host[64];          /* address to listen on, "127.0.0.1" */
	uint16_t port;          /* 0 = any free port (printed on start) */
	unsigned threads;       /* worker threads; 0 = one per core */
	int secure_cookies;     /* behind TLS: Secure cookies with the __Host- prefix */
	int quiet;              /* no access log */
	const char *ready_file; /* when set, the bound port is written here once listening */
	/* The first run's setup link's secret (app/setup.h), printed with the address; "" = none.
	 */
	char setup_token[72];
	unsigned timeout; /* seconds a connection may stay silent before it is closed; 0 = 30 */
	unsigned
		max_connections; /* connections held at once; 0 = 1000 (more wait in the backlog) */
	/* Called on SIGHUP, in the main thread: read the configuration again, reopen the log. */
	void (*reload)(void *arg);
	void *reload_arg;
};

/*
 * Serve until SIGTERM or SIGINT, then finish the requests in flight and
 * return 0. SIGHUP calls cfg->reload. Under a service manager ($NOTIFY_SOCKET) it says
 * READY=1 once listening, STOPPING=1 when told to stop, and WATCHDOG=1 when asked to. Fails (with
 * err) when the address cannot be bound or the store cannot be opened.
 */
int server_run(struct server_config *cfg, struct okra_err *err);

#endif

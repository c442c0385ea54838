/*
 * daemon.h: the libmicrohttpd daemon okra serves with (server.c), for
 * server_run and the fuzzing harness.
 */
#ifndef OKRA_HTTP_DAEMON_H
#define OKRA_HTTP_DAEMON_H

#include "http/http.h"

/*
 * Listening on addr with a pool of threads, or, with addr NULL, one thread and
 * no listening socket, taking connections handed to it by MHD_add_connection
 * (the fuzzing harness).
 */
struct MHD_Daemon;
struct sockaddr_in;
/* cfg is handed to the HTTP library as its callbacks' context (not const there). */
struct MHD_Daemon *server_daemon(struct server_config *cfg, const struct sockaddr_in *addr,
				 unsigned threads);
/* 1 once SIGTERM/SIGINT arrived: the server finishes what is in flight (/readyz says 503). */
int server_draining(void);
/*
 * Bodies of requests nobody has authenticated yet (public routes, webhooks)
 * share ANON_BODY_TOTAL bytes; past it such a body is refused with 503 and
 * Retry-After rather than buffered. held: bytes held now; refused: so far.
 */
#define ANON_BODY_TOTAL (16u * 1024 * 1024)
/*
 * Bodies of signed webhook deliveries not yet checked (their signature covers
 * the body) share SIGNED_HOOK_TOTAL bytes, two whole deliveries of
 * HOOK_BODY_MAX, refused the same way past it.
 */
#define SIGNED_HOOK_TOTAL (50u * 1024 * 1024)
void server_anon_bodies(unsigned long long *held, unsigned long long *refused);

#endif

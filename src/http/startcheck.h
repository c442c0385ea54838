/*
 * startcheck.h: okra serve on SQLite listens at once and runs the file's
 * quick check beside the server, in its own thread on its own connection;
 * until it has passed no write reaches the file (startcheck.c).
 */
#ifndef OKRA_HTTP_STARTCHECK_H
#define OKRA_HTTP_STARTCHECK_H

#include <pthread.h>

#include "http/http.h"

/*
 * Holds every write of the process and starts the check on cfg->db; main is
 * the thread (waiting for signals in server_run) sent SIGTERM when the check
 * finds damage or cannot run: the server stops accepting, drains and returns.
 * Call before any thread that may write is started.
 */
int start_check_begin(const struct server_config *cfg, pthread_t main, struct okra_err *err);
/* What stopped the server: the check's damage, else the signal sig (SIGTERM or SIGINT). */
const char *start_check_stop_reason(int sig);
/* NULL once the check has passed (or none runs), else why this instance is not ready yet. */
const char *start_check_waiting(void);
/*
 * Waits for the check to end: 0 when it passed or none ran, else its error
 * (the damage, with the message that points to the last backup).
 */
int start_check_end(struct okra_err *err);

#endif

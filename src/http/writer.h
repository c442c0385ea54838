/*
 * writer.h: the write requests of a server on SQLite run in one writer thread,
 * not in the worker that read them, so a write waiting for the lock or for its
 * batch's commit holds no worker and reads keep flowing (writer.c).
 */
#ifndef OKRA_HTTP_WRITER_H
#define OKRA_HTTP_WRITER_H

#include "http/request.h"
#include "http/route.h"

struct db_group;

/*
 * Opens the group commit on cfg's store (after it is migrated) and starts the
 * writer thread on it; on PostgreSQL neither (writes stay in the workers).
 */
int writer_start(const struct server_config *cfg, struct okra_err *err);
/* The group every worker's app joins, NULL on PostgreSQL. */
struct db_group *writer_group(void);
/* Answers every request still queued, then ends the thread (the daemon is draining). */
void writer_drain(void);
/* Once the workers ended too: logs the group's counters and closes it. */
void writer_stop(void);
/*
 * 1 when r (a write idem_run answers) went to the writer: its
 * connection is suspended, and resumed once its reply is ready and its write
 * committed (or its 503 made); 0 when there is no writer (PostgreSQL).
 */
int writer_take(struct request *r);
/* Its gauges and counters for /metrics (nothing on PostgreSQL). */
void writer_metrics(struct buf *b);

#endif

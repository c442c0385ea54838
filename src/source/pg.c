/* pg.c: a KR source's SQL query run on an outside PostgreSQL database, read-only, with a time
 * limit: its own libpq connection, never okra's store. */
#include "source/source.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "source/parse.h"

/* The query's limit; the connection's is PGCONNECT_TIMEOUT-like, in the URI's options. */
#define STATEMENT_TIMEOUT "10s"
#define CONNECT_TIMEOUT "5"

/* The first line of libpq's message, cut short. */
static void
pg_why(struct buf *why, const char *what, const char *msg)
{
	size_t n = msg ? strcspn(msg, "\n") : 0;

	buf_addf(why, "%s: %.*s", what, (int)(n > 200 ? 200 : n), msg ? msg : "");
	buf_rtrim(why);
}

static int
run(PGconn *c, const char *sql, int want_rows, PGresult **out, struct buf *why)
{
	/* PQexecParams sends one statement only: two joined by a semicolon are refused. */
	PGresult *r = PQexecParams(c, sql, 0, NULL, NULL, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);

	if (st != (want_rows ? PGRES_TUPLES_OK : PGRES_COMMAND_OK)) {
		pg_why(why, "the query failed", PQresultErrorMessage(r));
		PQclear(r);
		return -1;
	}
	if (out)
		*out = r;
	else
		PQclear(r);
	return 0;
}

/* The one row's one numeric column. */
static int
one_number(PGresult *r, double *value, struct buf *why)
{
	Oid t;

	if (PQntuples(r) != 1 || PQnfields(r) != 1) {
		buf_addf(why,
			 "the query gives %d rows of %d columns; one row of one number is needed",
			 PQntuples(r), PQnfields(r));
		return -1;
	}
	/* int2, int4, int8, float4, float8, numeric */
	t = PQftype(r, 0);
	if (t != 21 && t != 23 && t != 20 && t != 700 && t != 701 && t != 1700) {
		buf_adds(why, "the query's column is not a number");
		return -1;
	}
	if (PQgetisnull(r, 0, 0)) {
		buf_adds(why, "the query gives NULL");
		return -1;
	}
	if (source_number(PQgetvalue(r, 0, 0), value) < 0) {
		buf_addf(why, "the query gives %.40s, not a finite number", PQgetvalue(r, 0, 0));
		return -1;
	}
	return 0;
}

int
source_pg_read(const char *uri, const char *sql, double *value, struct buf *why)
{
	const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
	const char *vals[] = {uri, CONNECT_TIMEOUT, "okra-source", NULL};
	PGresult *r = NULL;
	PGconn *c;
	int rc = -1;

	/* expand_dbname: the URI gives everything; the time limit and the name are ours. */
	c = PQconnectdbParams(keys, vals, 1);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		pg_why(why, "cannot connect to the database", c ? PQerrorMessage(c) : "no memory");
		goto out;
	}
	if (run(c, "BEGIN TRANSACTION READ ONLY", 0, NULL, why) < 0 ||
	    run(c, "SET LOCAL statement_timeout = '" STATEMENT_TIMEOUT "'", 0, NULL, why) < 0 ||
	    run(c, "SET LOCAL default_transaction_read_only = on", 0, NULL, why) < 0 ||
	    run(c, sql, 1, &r, why) < 0)
		goto out;
	rc = one_number(r, value, why);
out:
	PQclear(r);
	if (c)
		PQfinish(c); /* the read-only transaction goes with the connection, never committed
			      */
	return rc;
}

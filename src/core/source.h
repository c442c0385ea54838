/* source.h: a metric KR's source (a Prometheus query, a PostgreSQL query, a JSON URL) as plain
 * values, and the checks every interface's "set" goes through. */
#ifndef OKRA_CORE_SOURCE_H
#define OKRA_CORE_SOURCE_H

#include <stdint.h>

#include "util/err.h"

enum source_kind { SOURCE_PROMETHEUS, SOURCE_POSTGRES, SOURCE_JSON };

/* The bounds of a source's interval, in seconds: a minute to a week. */
#define SOURCE_EVERY_MIN 60
#define SOURCE_EVERY_MAX (7 * 86400)
#define SOURCE_EVERY_DEFAULT 3600
/* The longest error kept and told (longer is cut). */
#define SOURCE_ERROR_MAX 300

/*
 * A KR's source as stored (kr_sources, migration 19). Its strings are the
 * reader's (an arena's); url is the secret-bearing one: show it only through
 * source_url_shown().
 */
struct kr_source {
	int64_t key_result;
	enum source_kind kind;
	const char *url;   /* Prometheus base URL, postgresql:// URI, or the JSON URL */
	const char *query; /* PromQL, SQL, or an RFC 6901 JSON pointer ("" = the whole answer) */
	int64_t every_s;
	int64_t next_at;
	int has_reading;
	int64_t read_at;
	double read_value;
	const char *error; /* NULL when the last read succeeded (or none yet) */
	int64_t error_at;
	int error_told;
	int64_t set_at;
};

/* "prometheus", "postgres", "json". */
const char *source_kind_name(enum source_kind k);
/* The kind called s (field names the refusal's field), else OKRA_EINVAL naming the three. */
int source_kind_parse(const char *field, const char *s, enum source_kind *out,
		      struct okra_err *err);
/*
 * The checks of a source to be set: the URL of its kind (http:// or https://
 * with a host for Prometheus and JSON, postgresql:// for PostgreSQL), a query
 * (a JSON pointer "" or starting with "/"), an interval within bounds.
 */
int source_check(const struct kr_source *s, struct okra_err *err);

#endif

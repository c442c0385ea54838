/* parse.h: the answers a KR source reads, taken apart: a Prometheus query's JSON answer and a
 * number found by an RFC 6901 JSON pointer. Pure functions of the bytes given (fuzzed). */
#ifndef OKRA_SOURCE_PARSE_H
#define OKRA_SOURCE_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/*
 * A Prometheus HTTP API answer to an instant query (GET /api/v1/query): a
 * "success" with a "vector" of exactly one sample or a "scalar", whose value
 * [time, "number"] is finite. 0 with *value and *at (the sample's time, whole
 * seconds) set; -1 with why (one line, what the answer said or lacked) filled.
 * An "error" answer's errorType and error are quoted in why.
 */
int source_prom_parse(const char *body, size_t len, double *value, int64_t *at, struct buf *why);

/*
 * The number at pointer (RFC 6901: "" is the whole document, "/a/0/b~1c"
 * steps into objects and arrays) in the JSON document body: a JSON number, or
 * a string holding one (as "99.2"); finite. 0 with *value set, else -1 with
 * why filled.
 */
int source_json_pointer(const char *body, size_t len, const char *pointer, double *value,
			struct buf *why);

/* s as a whole finite number (a decimal, no spaces): 0 with *out set, else -1. */
int source_number(const char *s, double *out);

#endif

/* parse.c: a Prometheus instant query's answer and an RFC 6901 JSON pointer's number, read from
 * the bytes an outside server sent (jansson parses; nothing here trusts their shape). */
#include "source/parse.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Deeper documents are refused before jansson recurses into them. */
#define DEPTH_MAX 64

int
source_number(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s || strchr(" \t\n\r\v\f", *s))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return -1;
	/* strtod takes "nan", "inf" and hexadecimal: none is a reading. */
	for (const char *p = s; *p; p++)
		if (strchr("xXnNiI", *p))
			return -1;
	*out = v;
	return 0;
}

/* The document, refused (why filled) when it is not JSON or nests too deep. */
static json_t *
load(const char *body, size_t len, struct buf *why)
{
	json_error_t e;
	json_t *doc;
	size_t depth = 0, max = 0;
	int in_str = 0;

	for (size_t i = 0; i < len; i++) {
		char c = body[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				max = depth;
		} else if ((c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	if (max > DEPTH_MAX) {
		buf_addf(why, "the answer nests deeper than %d levels", DEPTH_MAX);
		return NULL;
	}
	doc = json_loadb(body, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		buf_addf(why, "the answer is not JSON (%s at byte %d)", e.text, e.position);
	return doc;
}

/* The sample [time, "value"] of a vector item or a scalar. */
static int
sample(const json_t *pair, double *value, int64_t *at, struct buf *why)
{
	const json_t *t = json_array_get(pair, 0), *v = json_array_get(pair, 1);
	const char *s = json_string_value(v);
	double tv = json_number_value(t);

	if (!json_is_array(pair) || json_array_size(pair) != 2 || !json_is_number(t) || !s) {
		buf_adds(why, "the sample is not [time, \"value\"]");
		return -1;
	}
	if (!isfinite(tv) || tv < 0 || tv > 253402300799.0) {
		buf_adds(why, "the sample's time is not a time");
		return -1;
	}
	if (source_number(s, value) < 0) {
		buf_adds(why, "the sample's value is ");
		buf_adds(why, strlen(s) <= 40 ? s : "not a number");
		buf_adds(why, ", not a finite number");
		return -1;
	}
	*at = (int64_t)floor(tv);
	return 0;
}

/* An error answer: its type and message, cut short. */
static void
prom_error(const json_t *doc, struct buf *why)
{
	const char *type = json_string_value(json_object_get(doc, "errorType"));
	const char *msg = json_string_value(json_object_get(doc, "error"));
	size_t n = msg ? strlen(msg) : 0;

	buf_adds(why, "Prometheus answered an error");
	if (type)
		buf_addf(why, " (%.40s)", type);
	if (msg)
		buf_addf(why, ": %.*s%s", (int)(n > 200 ? 200 : n), msg, n > 200 ? "…" : "");
}

static int
prom_data(const json_t *data, double *value, int64_t *at, struct buf *why)
{
	const char *type = json_string_value(json_object_get(data, "resultType"));
	const json_t *res = json_object_get(data, "result");
	size_t n;

	if (!type || !res) {
		buf_adds(why, "the answer has no data.resultType and data.result");
		return -1;
	}
	if (!strcmp(type, "scalar"))
		return sample(res, value, at, why);
	if (strcmp(type, "vector")) {
		buf_addf(why,
			 "the query gives a %.20s, not a vector or a scalar: use an instant "
			 "query (e.g. avg_over_time(m[5m]), not m[5m])",
			 type);
		return -1;
	}
	if (!json_is_array(res)) {
		buf_adds(why, "data.result is not a list");
		return -1;
	}
	if ((n = json_array_size(res)) != 1) {
		buf_addf(why,
			 "the query gives %zu samples; exactly one is needed (aggregate them, "
			 "e.g. with avg(…) or sum(…))",
			 n);
		return -1;
	}
	return sample(json_object_get(json_array_get(res, 0), "value"), value, at, why);
}

int
source_prom_parse(const char *body, size_t len, double *value, int64_t *at, struct buf *why)
{
	json_t *doc = load(body, len, why);
	const char *status;
	int rc = -1;

	if (!doc)
		return -1;
	status = json_string_value(json_object_get(doc, "status"));
	if (!status)
		buf_adds(why, "the answer is not a Prometheus API answer (no status)");
	else if (!strcmp(status, "error"))
		prom_error(doc, why);
	else if (strcmp(status, "success"))
		buf_adds(why, "the answer's status is neither success nor error");
	else
		rc = prom_data(json_object_get(doc, "data"), value, at, why);
	json_decref(doc);
	return rc;
}

/* One reference token of a pointer, unescaped (~1 is /, ~0 is ~) into tok; -1 if malformed. */
static int
token(const char **p, struct buf *tok)
{
	const char *s = *p;

	buf_reset(tok);
	for (; *s && *s != '/'; s++) {
		if (*s != '~') {
			buf_addch(tok, *s);
		} else if (s[1] == '0' || s[1] == '1') {
			buf_addch(tok, s[1] == '0' ? '~' : '/');
			s++;
		} else {
			return -1;
		}
	}
	*p = s;
	return 0;
}

/* An array index: "0" or digits not starting with 0, within the array. */
static json_t *
index_of(json_t *arr, const char *tok)
{
	size_t i = 0, n = strlen(tok);

	if (!n || n > 9 || (n > 1 && tok[0] == '0') || strspn(tok, "0123456789") != n)
		return NULL;
	for (size_t k = 0; k < n; k++)
		i = i * 10 + (size_t)(tok[k] - '0');
	return json_array_get(arr, i);
}

static json_t *
walk(json_t *doc, const char *pointer, struct buf *why)
{
	struct buf tok = BUF_INIT;
	const char *p = pointer;
	json_t *at = doc;

	if (*p && *p != '/') {
		buf_adds(why, "the JSON pointer does not start with /");
		return NULL;
	}
	while (at && *p == '/') {
		p++;
		if (token(&p, &tok) < 0) {
			buf_adds(why, "the JSON pointer has a ~ not followed by 0 or 1");
			at = NULL;
			break;
		}
		at = json_is_object(at)  ? json_object_get(at, tok.buf)
		     : json_is_array(at) ? index_of(at, tok.buf)
					 : NULL;
		if (!at)
			buf_addf(why, "the answer has nothing at %.*s", (int)(p - pointer),
				 pointer);
	}
	buf_release(&tok);
	return at;
}

int
source_json_pointer(const char *body, size_t len, const char *pointer, double *value,
		    struct buf *why)
{
	json_t *doc = load(body, len, why), *at;
	int rc = -1;

	if (!doc)
		return -1;
	if ((at = walk(doc, pointer ? pointer : "", why))) {
		if (json_is_number(at) && isfinite(json_number_value(at))) {
			*value = json_number_value(at);
			rc = 0;
		} else if (json_is_string(at) && source_number(json_string_value(at), value) == 0) {
			rc = 0;
		} else {
			buf_addf(why, "the answer at \"%.100s\" is not a number", pointer);
		}
	}
	json_decref(doc);
	return rc;
}

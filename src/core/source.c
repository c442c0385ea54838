/* source.c: a KR source's kinds and the checks of one to be set (no I/O: the reading is
 * src/source's). */
#include "core/source.h"

#include <string.h>

#include "core/validate.h"

#define URL_MAX 2000
#define QUERY_MAX 4000

static const char *const kind_names[] = {"prometheus", "postgres", "json"};

const char *
source_kind_name(enum source_kind k)
{
	return (unsigned)k < 3 ? kind_names[k] : "prometheus";
}

int
source_kind_parse(const char *field, const char *s, enum source_kind *out, struct okra_err *err)
{
	for (unsigned i = 0; i < 3; i++)
		if (s && !strcmp(s, kind_names[i])) {
			*out = (enum source_kind)i;
			return 0;
		}
	return okra_err_set(err, OKRA_EINVAL, field, "%s must be prometheus, postgres or json",
			    field);
}

/* 1 when s starts with prefix and has something after it. */
static int
starts(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return !strncmp(s, prefix, n) && s[n] && s[n] != '/';
}

static int
check_url(const struct kr_source *s, struct okra_err *err)
{
	int rc;

	if (!s->url || !*s->url)
		return okra_err_set(err, OKRA_EINVAL, "url", "a source needs its url");
	if ((rc = validate_text("url", s->url, URL_MAX, err)) < 0)
		return rc;
	if (strpbrk(s->url, " \t\n\r"))
		return okra_err_set(err, OKRA_EINVAL, "url", "url has a space or a new line");
	if (s->kind == SOURCE_POSTGRES) {
		if (!starts(s->url, "postgresql://") && !starts(s->url, "postgres://"))
			return okra_err_set(err, OKRA_EINVAL, "url",
					    "a postgres source's url is a postgresql:// URI");
	} else if (!starts(s->url, "http://") && !starts(s->url, "https://")) {
		return okra_err_set(err, OKRA_EINVAL, "url",
				    "a %s source's url is an http:// or https:// URL with a host",
				    source_kind_name(s->kind));
	}
	return 0;
}

int
source_check(const struct kr_source *s, struct okra_err *err)
{
	int rc;

	if ((unsigned)s->kind > SOURCE_JSON)
		return okra_err_set(err, OKRA_EINVAL, "kind",
				    "kind must be prometheus, postgres or json");
	if ((rc = check_url(s, err)) < 0)
		return rc;
	if (!s->query || (s->kind != SOURCE_JSON && !*s->query))
		return okra_err_set(err, OKRA_EINVAL, "query",
				    s->kind == SOURCE_PROMETHEUS
					    ? "a prometheus source needs its query"
					    : "a postgres source needs its query");
	if ((rc = validate_text("query", s->query, QUERY_MAX, err)) < 0)
		return rc;
	if (s->kind == SOURCE_JSON && *s->query && *s->query != '/')
		return okra_err_set(err, OKRA_EINVAL, "query",
				    "a json source's query is a JSON pointer (RFC 6901): empty, or "
				    "starting with /");
	if (s->every_s < SOURCE_EVERY_MIN || s->every_s > SOURCE_EVERY_MAX)
		return okra_err_set(err, OKRA_EINVAL, "every",
				    "every must be from %d seconds to %d (a week)",
				    SOURCE_EVERY_MIN, SOURCE_EVERY_MAX);
	return 0;
}

/* cmd_kr_source.c: okra kr source set|clear|show|read KR — a metric KR that measures itself. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "app/sources.h"
#include "core/calendar.h"
#include "source/source.h"

enum { SRC_KIND, SRC_URL, SRC_QUERY, SRC_EVERY, SRC_NOPTS };
static const struct opt src_opts[SRC_NOPTS] = {
	[SRC_KIND] = {"kind", OPT_STRING, "K", "set: prometheus, postgres or json", .group = 1},
	[SRC_URL] =
		{"url", OPT_STRING, "U",
		 "set: the Prometheus base URL, the postgresql:// URI (read-only) or the JSON URL",
		 .group = 1},
	[SRC_QUERY] = {"query", OPT_STRING, "Q",
		       "set: the PromQL query, the SQL query (one row, one number) or the JSON "
		       "pointer (RFC 6901)",
		       .group = 1},
	[SRC_EVERY] = {"every", OPT_STRING, "S",
		       "set: seconds between reads inside okra serve (60 to 604800, default 3600)"},
};
const struct cli_usage cli_kr_source_usage = {
	"kr source",
	"set|clear|show|read KR",
	2,
	2,
	OPTS(src_opts),
	.json = 1,
	.note = "    (read: now, recorded as a check-in of source integration; a failure records "
		"nothing)"};

static void
print_source(const struct kr_source *s)
{
	struct buf url = BUF_INIT;
	char at[21];

	app_source_url_shown(s->url, &url);
	printf("KR #%lld reads %s %s every %llds\nquery: %s\n", (long long)s->key_result,
	       source_kind_name(s->kind), url.buf, (long long)s->every_s, s->query);
	if (s->has_reading) {
		cal_format_instant(s->read_at, at);
		printf("last reading: %g at %s\n", s->read_value, at);
	}
	if (s->error) {
		cal_format_instant(s->error_at, at);
		printf("last error at %s: %s\n", at, s->error);
	}
	buf_release(&url);
}

static int
source_set(struct cli *c, int64_t kr, struct optv *v, struct okra_err *err)
{
	struct kr_source s = {.key_result = kr, .every_s = SOURCE_EVERY_DEFAULT};
	double every;
	int rc;

	if (!v[SRC_KIND].set || !v[SRC_URL].set || !v[SRC_QUERY].set)
		return okra_err_set(err, OKRA_EUSAGE, "",
				    "kr source set needs --kind, --url and "
				    "--query");
	if ((rc = source_kind_parse("kind", v[SRC_KIND].value, &s.kind, err)) < 0)
		return rc;
	if (v[SRC_EVERY].set) {
		if ((rc = cli_number("every", v[SRC_EVERY].value, &every, err)) < 0)
			return rc;
		if (every != (double)(int64_t)every || every < 0 || every > SOURCE_EVERY_MAX)
			return okra_err_set(err, OKRA_EINVAL, "every",
					    "every must be from %d seconds to %d (a week)",
					    SOURCE_EVERY_MIN, SOURCE_EVERY_MAX);
		s.every_s = (int64_t)every;
	}
	s.url = v[SRC_URL].value;
	s.query = v[SRC_QUERY].value;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_source_set(&c->app, &s, err)) < 0)
		return rc;
	cli_print_id(kr);
	return 0;
}

static int
source_read_now(struct cli *c, int64_t kr, struct okra_err *err)
{
	struct source_result r;
	int rc;

	if ((rc = cli_open(c, 0, err)) < 0 || (rc = source_read(&c->app, kr, &r, err)) < 0)
		return rc;
	if (!r.ok) {
		rc = okra_err_set(err, OKRA_ESTATE, "",
				  "key result %lld's source: %s (nothing "
				  "recorded)",
				  (long long)kr, r.why.buf);
	} else if (c->json) {
		struct jw *w = cli_json_begin();

		jw_object(w);
		jw_kint(w, "checkin", r.checkin);
		jw_kreal(w, "value", r.value);
		jw_end(w);
		cli_json_end();
	} else {
		cli_print_id(r.checkin);
	}
	source_result_release(&r);
	return rc;
}

static int
source_show(struct cli *c, int64_t kr, struct okra_err *err)
{
	struct kr_source s = {0};
	int rc;

	if ((rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_source_get(&c->app, &c->arena, kr, &s, err)) < 0)
		return rc;
	if (c->json) {
		app_jw_source(cli_json_begin(), &s);
		cli_json_end();
	} else {
		print_source(&s);
	}
	return 0;
}

int
cli_kr_source(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[SRC_NOPTS];
	const char *pos[2], *act;
	int64_t kr;
	int rc, set;

	if ((rc = opt_parse(c, &cli_kr_source_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("key result", pos[1], &kr, err)) < 0)
		goto out;
	act = pos[0];
	set = !strcmp(act, "set");
	if (!set && (v[SRC_KIND].set || v[SRC_URL].set || v[SRC_QUERY].set || v[SRC_EVERY].set)) {
		rc = okra_err_set(err, OKRA_EUSAGE, "",
				  "--kind, --url, --query and --every are "
				  "for kr source set");
		goto out;
	}
	if (set)
		rc = source_set(c, kr, v, err);
	else if (!strcmp(act, "clear"))
		rc = (rc = cli_open(c, 0, err)) < 0 ? rc : app_source_clear(&c->app, kr, err);
	else if (!strcmp(act, "show"))
		rc = source_show(c, kr, err);
	else if (!strcmp(act, "read"))
		rc = source_read_now(c, kr, err);
	else
		rc = okra_err_set(err, OKRA_EUSAGE, "",
				  "kr source takes set, clear, show or read, not %s", act);
out:
	opt_release(v, SRC_NOPTS);
	return rc < 0 ? rc : 0;
}

/* cmd_cycle.c: okra cycle add | year | list. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "app/people.h"
#include "app/reads.h"

enum { ADD_KIND, ADD_START, ADD_END, ADD_PARENT, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_KIND] = {"kind", OPT_STRING, "year|quarter", "year or quarter (required)",
		      .flags = OPT_REQUIRED},
	[ADD_START] = {"start", OPT_STRING, "D", "first day, YYYY-MM-DD (required)",
		       .flags = OPT_REQUIRED},
	[ADD_END] = {"end", OPT_STRING, "D", "last day, YYYY-MM-DD (required)",
		     .flags = OPT_REQUIRED},
	[ADD_PARENT] = {"parent", OPT_STRING, "NAME", "the year a quarter belongs to"},
};
static const struct cli_usage add_usage = {"cycle add", "NAME", 1, 1, OPTS(add_opts)};

static int
cycle_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	const char *pos[1];
	int32_t start, end;
	int64_t id;
	int rc, kind;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0)
		goto out;
	if ((kind = cycle_kind_parse(v[ADD_KIND].value)) < 0) {
		rc = okra_err_set(err, OKRA_EINVAL, "kind", "--kind is year or quarter, not %s",
				  v[ADD_KIND].value);
		goto out;
	}
	if ((rc = cli_date("start", v[ADD_START].value, &start, err)) < 0 ||
	    (rc = cli_date("end", v[ADD_END].value, &end, err)) < 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_cycle_add(&c->app, pos[0], (enum cycle_kind)kind, start, end,
				v[ADD_PARENT].value, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

enum { YEAR_START, YEAR_NOPTS };
static const struct opt year_opts[YEAR_NOPTS] = {
	[YEAR_START] = {"start", OPT_STRING, "D", "first day of the year, YYYY-MM-DD (required)",
			.flags = OPT_REQUIRED},
};
static const struct cli_usage year_usage = {
	"cycle year", "NAME", 1, 1, OPTS(year_opts), .note = "    (the year and NAME-Q1..Q4)"};

static int
cycle_year(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[YEAR_NOPTS];
	const char *pos[1];
	int32_t start;
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &year_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	if (!v[YEAR_START].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "start", "cycle year needs --start YYYY-MM-DD");
		goto out;
	}
	if ((rc = cli_date("start", v[YEAR_START].value, &start, err)) < 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_cycle_year(&c->app, pos[0], start, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, YEAR_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage list_usage = {"cycle list", NULL, 0, 0, .json = 1};

static int
cycle_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct cycle *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, &list_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_cycles(&c->app, &c->arena, &v, &n, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json) {
		struct jw *w = cli_json_begin();

		jw_array(w);
		for (size_t i = 0; i < n; i++)
			app_jw_cycle(w, &v[i]);
		jw_end(w);
		cli_json_end();
	}
	for (size_t i = 0; i < n; i++) {
		char s[11], e[11];

		cal_format_date(v[i].starts_on, s);
		cal_format_date(v[i].ends_on, e);
		if (!c->json)
			printf("%-14s %-8s %s → %s%s\n", v[i].name, cycle_kind_name(v[i].kind), s,
			       e,
			       v[i].starts_on <= c->app.today && c->app.today <= v[i].ends_on
				       ? "  (now)"
				       : "");
	}
	return 0;
}

static const struct subcommand subs[] = {
	{"add", cycle_add, &add_usage},
	{"year", cycle_year, &year_usage},
	{"list", cycle_list, &list_usage},
};

int
cmd_cycle(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

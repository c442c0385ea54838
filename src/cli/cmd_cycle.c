/* cmd_cycle.c: okra cycle add | year | list. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json.h"
#include "core/calendar.h"

static int
cycle_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"kind", OPT_STRING, "K", "year or quarter (required)"},
		{"start", OPT_STRING, "D", "first day, YYYY-MM-DD (required)"},
		{"end", OPT_STRING, "D", "last day, YYYY-MM-DD (required)"},
		{"parent", OPT_STRING, "NAME", "the year a quarter belongs to"},
		OPT_END,
	};
	const char *pos[1];
	int32_t start, end;
	int64_t id;
	int rc, kind;

	if ((rc = opt_parse(c,
			    "cycle add NAME --kind year|quarter --start D --end D [--parent NAME]",
			    opts, argc - 1, argv + 1, pos, 1, 1, err)) != 0)
		goto out;
	if (!opts[0].set || !opts[1].set || !opts[2].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "",
				  "cycle add needs --kind, --start and --end");
		goto out;
	}
	if ((kind = cycle_kind_parse(opts[0].value)) < 0) {
		rc = okra_err_set(err, OKRA_EINVAL, "kind", "--kind is year or quarter, not %s",
				  opts[0].value);
		goto out;
	}
	if ((rc = cli_date("start", opts[1].value, &start, err)) < 0 ||
	    (rc = cli_date("end", opts[2].value, &end, err)) < 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_cycle_add(&c->app, pos[0], (enum cycle_kind)kind, start, end, opts[3].value,
				&id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
cycle_year(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"start", OPT_STRING, "D", "first day of the year, YYYY-MM-DD (required)"},
		OPT_END,
	};
	const char *pos[1];
	int32_t start;
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "cycle year NAME --start D", opts, argc - 1, argv + 1, pos, 1, 1,
			    err)) != 0)
		goto out;
	if (!opts[0].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "start", "cycle year needs --start YYYY-MM-DD");
		goto out;
	}
	if ((rc = cli_date("start", opts[0].value, &start, err)) < 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_cycle_year(&c->app, pos[0], start, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
cycle_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	struct cycle *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, "cycle list", opts, argc - 1, argv + 1, pos, 0, 0, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 || (rc = app_cycles(&c->app, &v, &n, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, app_json_cycle(&v[i]));
		cli_print_json(a);
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
		cycle_release(&v[i]);
	}
	free(v);
	return 0;
}

static const struct subcommand subs[] = {
	{"add", cycle_add, "cycle add NAME --kind year|quarter --start D --end D [--parent NAME]"},
	{"year", cycle_year, "cycle year NAME --start D    (the year and NAME-Q1..Q4)"},
	{"list", cycle_list, "cycle list [--json]"},
};

int
cmd_cycle(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

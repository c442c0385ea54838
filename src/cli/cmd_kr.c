/* cmd_kr.c: okra kr add | show | edit. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json.h"
#include "core/calendar.h"
#include "core/present.h"

static int
kr_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"title", OPT_STRING, "T", "how you will know (required)"},
		{"dri", OPT_STRING, "H", "directly responsible individual (required)"},
		{"unit", OPT_STRING, "U", "metric: the unit, like % or ms"},
		{"start", OPT_STRING, "S", "metric: where it starts"},
		{"target", OPT_STRING, "T", "metric: where it should end (may be below start)"},
		{"criteria", OPT_FLAG, NULL, "scored by criteria (epics/issues with a % each, R7)"},
		{"context", OPT_STRING, "T", "the ### Context text (R7)"},
		{"weight", OPT_STRING, "W", "weight in the objective's roll-up (default 1)"},
		OPT_END,
	};
	struct kr_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c,
			    "kr add OBJ --title T --dri H (--unit U --start S --target T | "
			    "--criteria) [--context T] [--weight W]",
			    opts, argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &in.objective, err)) < 0)
		goto out;
	if (!opts[0].set || !opts[1].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "", "kr add needs --title and --dri");
		goto out;
	}
	if (opts[5].set) {
		if (opts[2].set || opts[3].set || opts[4].set) {
			rc = okra_err_set(err, OKRA_EUSAGE, "criteria",
					  "a KR is a metric (--unit --start --target) or "
					  "--criteria, not both");
			goto out;
		}
		in.kind = KR_CRITERIA;
	} else {
		if (!opts[3].set || !opts[4].set) {
			rc = okra_err_set(err, OKRA_EUSAGE, "start",
					  "a metric KR needs --start and --target (R2); or use "
					  "--criteria");
			goto out;
		}
		in.kind = KR_METRIC;
		if ((rc = cli_number("start", opts[3].value, &in.start, err)) < 0 ||
		    (rc = cli_number("target", opts[4].value, &in.target, err)) < 0)
			goto out;
	}
	in.title = opts[0].value;
	in.dri = opts[1].value;
	in.unit = opts[2].value;
	in.context = opts[6].value;
	in.has_weight = opts[7].set;
	if (in.has_weight && (rc = cli_number("weight", opts[7].value, &in.weight, err)) < 0)
		goto out;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_kr_add(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
kr_show(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	struct key_result kr = {0};
	struct checkin *h = NULL;
	const char *pos[1];
	size_t n = 0;
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "kr show ID", opts, argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_kr(&c->app, &c->arena, id, &kr, &h, &n, err)) < 0)
		goto out;
	if (c->json) {
		json_t *j = app_json_kr(&kr), *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, app_json_checkin(&h[i]));
		json_object_set_new(j, "checkins", a);
		cli_print_json(j);
	} else {
		char pct[16];

		present_pct_str(pct, sizeof(pct), kr.progress);
		printf("KR #%lld %s\n%s · %s · DRI %s · objective #%lld", (long long)kr.id,
		       kr.title, pct, health_name(kr.health), kr.dri_handle,
		       (long long)kr.objective);
		render_pace(stdout, &kr.pace, kr.health);
		render_forecast(stdout, &kr);
		putchar('\n');
		if (kr.kind == KR_METRIC)
			printf("%g → %g → %g %s\n", kr.start, kr.current, kr.target, kr.unit);
		for (size_t i = 0; i < kr.ncriteria; i++)
			printf("  %3g%%  %-6s %s %s\n", kr.criteria[i].contribution,
			       item_state_name(kr.criteria[i].state), kr.criteria[i].ref,
			       kr.criteria[i].title);
		if (n)
			printf("\nCheck-ins\n");
		for (size_t i = 0; i < n; i++) {
			char at[21];

			cal_format_instant(h[i].at, at);
			present_pct_str(pct, sizeof(pct), h[i].progress);
			printf("  %.10s %5s %-15s %-8s %s\n", at, pct, health_name(h[i].health),
			       h[i].author_handle ? h[i].author_handle : "system", h[i].note);
		}
	}
out:
	for (size_t i = 0; i < n; i++)
		checkin_release(&h[i]);
	free(h);
	return rc < 0 ? rc : 0;
}

static int
kr_edit(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"title", OPT_STRING, "T", "new title"},
		{"dri", OPT_STRING, "H", "new DRI"},
		{"context", OPT_STRING, "T", "new context"},
		{"unit", OPT_STRING, "U", "metric: new unit"},
		{"start", OPT_STRING, "S", "metric: new start"},
		{"target", OPT_STRING, "T", "metric: new target"},
		{"weight", OPT_STRING, "W", "new weight"},
		OPT_END,
	};
	struct kr_edit e = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "kr edit ID [--title T] [--dri H] [--start S] [--target T] …", opts,
			    argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0)
		goto out;
	e.title = opts[0].value;
	e.dri = opts[1].value;
	e.context = opts[2].value;
	e.unit = opts[3].value;
	if ((e.set_start = opts[4].set) &&
	    (rc = cli_number("start", opts[4].value, &e.start, err)) < 0)
		goto out;
	if ((e.set_target = opts[5].set) &&
	    (rc = cli_number("target", opts[5].value, &e.target, err)) < 0)
		goto out;
	if ((e.set_weight = opts[6].set) &&
	    (rc = cli_number("weight", opts[6].value, &e.weight, err)) < 0)
		goto out;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_kr_edit(&c->app, id, &e, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static const struct subcommand subs[] = {
	{"add", kr_add,
	 "kr add OBJ --title T --dri H (--unit U --start S --target T | --criteria) [--context T] "
	 "[--weight W]"},
	{"show", kr_show, "kr show ID [--json]"},
	{"edit", kr_edit,
	 "kr edit ID [--title T] [--dri H] [--context T] [--unit U] [--start S] [--target T] "
	 "[--weight W]"},
};

int
cmd_kr(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

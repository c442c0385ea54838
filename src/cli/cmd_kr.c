/* cmd_kr.c: okra kr add | show | edit | delete | move. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "core/present.h"
#include "app/corrections.h"
#include "app/objectives.h"
#include "app/reads.h"

enum {
	ADD_TITLE,
	ADD_DRI,
	ADD_UNIT,
	ADD_START,
	ADD_TARGET,
	ADD_CRITERIA,
	ADD_CONTEXT,
	ADD_WEIGHT,
	ADD_NOPTS
};
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_TITLE] = {"title", OPT_STRING, "T", "how you will know (required)",
		       .flags = OPT_REQUIRED},
	[ADD_DRI] = {"dri", OPT_STRING, "H", "directly responsible individual (required)",
		     .flags = OPT_REQUIRED},
	[ADD_UNIT] = {"unit", OPT_STRING, "U", "metric: the unit, like % or ms", .group = 1},
	[ADD_START] = {"start", OPT_STRING, "S", "metric: where it starts", .group = 1},
	[ADD_TARGET] = {"target", OPT_STRING, "T",
			"metric: where it should end (may be below start)", .group = 1},
	[ADD_CRITERIA] = {"criteria", OPT_FLAG, NULL,
			  "scored by criteria (epics/issues with a % each, R7)", .flags = OPT_ALT,
			  .group = 1},
	[ADD_CONTEXT] = {"context", OPT_STRING, "T", "the ### Context text (R7)"},
	[ADD_WEIGHT] = {"weight", OPT_STRING, "W", "weight in the objective's roll-up (default 1)"},
};
static const struct cli_usage add_usage = {"kr add", "OBJ", 1, 1, OPTS(add_opts)};

static int
kr_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	struct kr_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &in.objective, err)) < 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0)
		goto out;
	if (v[ADD_CRITERIA].set) {
		if (v[ADD_UNIT].set || v[ADD_START].set || v[ADD_TARGET].set) {
			rc = okra_err_set(err, OKRA_EUSAGE, "criteria",
					  "a KR is a metric (--unit --start --target) or "
					  "--criteria, not both");
			goto out;
		}
		in.kind = KR_CRITERIA;
	} else {
		if (!v[ADD_START].set || !v[ADD_TARGET].set) {
			rc = okra_err_set(err, OKRA_EUSAGE, "start",
					  "a metric KR needs --start and --target (R2); or use "
					  "--criteria");
			goto out;
		}
		in.kind = KR_METRIC;
		if ((rc = cli_number("start", v[ADD_START].value, &in.start, err)) < 0 ||
		    (rc = cli_number("target", v[ADD_TARGET].value, &in.target, err)) < 0)
			goto out;
	}
	in.title = v[ADD_TITLE].value;
	in.dri = v[ADD_DRI].value;
	in.unit = v[ADD_UNIT].value;
	in.context = v[ADD_CONTEXT].value;
	if ((rc = cli_number_opt("weight", &v[ADD_WEIGHT], &in.has_weight, &in.weight, err)) < 0)
		goto out;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_kr_add(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage show_usage = {"kr show", "ID", 1, 1, .json = 1};

static int
kr_show(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct key_result kr = {0};
	struct checkin *h = NULL;
	const char *pos[1];
	size_t n = 0;
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &show_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_kr(&c->app, &c->arena, id, &kr, &h, &n, err)) < 0)
		goto out;
	if (c->json) {
		struct jw *w = cli_json_begin();

		app_jw_kr_open(w, &kr);
		jw_key(w, "checkins");
		jw_array(w);
		for (size_t i = 0; i < n; i++)
			app_jw_checkin(w, &h[i]);
		jw_end(w);
		jw_end(w);
		cli_json_end();
	} else {
		char pct[16];

		present_pct_str(pct, sizeof(pct), kr.progress);
		printf("KR #%lld %s\n%s · %s · DRI %s · objective #%lld", (long long)kr.id,
		       kr.title, pct, present_health_words(kr.health), kr.dri_handle,
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
			printf("  %.10s %5s %-15s %-8s ", at, pct,
			       present_health_words(h[i].health),
			       h[i].author_handle ? h[i].author_handle : "system");
			if (h[i].on_behalf_handle) /* R14 */
				printf("for %s ", h[i].on_behalf_handle);
			printf("%s\n", h[i].note);
		}
	}
out:
	return rc < 0 ? rc : 0;
}

enum {
	EDIT_TITLE,
	EDIT_DRI,
	EDIT_CONTEXT,
	EDIT_UNIT,
	EDIT_START,
	EDIT_TARGET,
	EDIT_WEIGHT,
	EDIT_NOPTS
};
static const struct opt edit_opts[EDIT_NOPTS] = {
	[EDIT_TITLE] = {"title", OPT_STRING, "T", "new title"},
	[EDIT_DRI] = {"dri", OPT_STRING, "H", "new DRI"},
	[EDIT_CONTEXT] = {"context", OPT_STRING, "T", "new context"},
	[EDIT_UNIT] = {"unit", OPT_STRING, "U", "metric: new unit"},
	[EDIT_START] = {"start", OPT_STRING, "S", "metric: new start"},
	[EDIT_TARGET] = {"target", OPT_STRING, "T", "metric: new target"},
	[EDIT_WEIGHT] = {"weight", OPT_STRING, "W", "new weight"},
};
static const struct cli_usage edit_usage = {"kr edit", "ID", 1, 1, OPTS(edit_opts)};

static int
kr_edit(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[EDIT_NOPTS];
	struct kr_edit e = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &edit_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0)
		goto out;
	e.title = v[EDIT_TITLE].value;
	e.dri = v[EDIT_DRI].value;
	e.context = v[EDIT_CONTEXT].value;
	e.unit = v[EDIT_UNIT].value;
	if ((rc = cli_number_opt("start", &v[EDIT_START], &e.set_start, &e.start, err)) < 0 ||
	    (rc = cli_number_opt("target", &v[EDIT_TARGET], &e.set_target, &e.target, err)) < 0 ||
	    (rc = cli_number_opt("weight", &v[EDIT_WEIGHT], &e.set_weight, &e.weight, err)) < 0)
		goto out;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_kr_edit(&c->app, id, &e, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, EDIT_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage delete_usage = {"kr delete", "ID", 1, 1,
					      .note = "    (a key result of a draft objective)"};

static int
kr_delete(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_by_id(c, &delete_usage, "id", app_kr_delete, argc, argv, err);
}

enum { MOVE_UP, MOVE_DOWN, MOVE_TO, MOVE_OBJECTIVE, MOVE_NOPTS };
static const struct opt move_opts[MOVE_NOPTS] = {
	[MOVE_UP] = {"up", OPT_FLAG, NULL, "one place up among its objective's", .group = 1},
	[MOVE_DOWN] = {"down", OPT_FLAG, NULL, "one place down", .flags = OPT_ALT, .group = 1},
	[MOVE_TO] = {"to", OPT_STRING, "N", "to place N (1 = first)", .flags = OPT_ALT, .group = 1},
	[MOVE_OBJECTIVE] = {"objective", OPT_STRING, "OBJ",
			    "to this objective of the same team and cycle (at its end, or --to N)"},
};
static const struct cli_usage move_usage = {
	"kr move",
	"ID",
	1,
	1,
	OPTS(move_opts),
	.note = "    (or --objective OBJ alone; check-ins, criteria and initiatives go with it)"};

static int
kr_move(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[MOVE_NOPTS];
	struct kr_move m = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &move_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 ||
	    (v[MOVE_TO].set && (rc = cli_id("position", v[MOVE_TO].value, &m.position, err)) < 0) ||
	    (v[MOVE_OBJECTIVE].set &&
	     (rc = cli_id("objective", v[MOVE_OBJECTIVE].value, &m.objective, err)) < 0))
		goto out;
	m.step = v[MOVE_UP].set ? -1 : v[MOVE_DOWN].set ? 1 : 0;
	if (v[MOVE_UP].set && v[MOVE_DOWN].set) {
		rc = okra_err_set(err, OKRA_EINVAL, "direction", "up or down, not both");
		goto out;
	}
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_kr_move(&c->app, id, &m, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, MOVE_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct subcommand subs[] = {
	{"add", kr_add, &add_usage},    {"show", kr_show, &show_usage},
	{"edit", kr_edit, &edit_usage}, {"delete", kr_delete, &delete_usage},
	{"move", kr_move, &move_usage}, {"source", cli_kr_source, &cli_kr_source_usage},
};

int
cmd_kr(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

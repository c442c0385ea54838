/* cmd_objective.c: okra objective add | list | show | edit | close. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "core/present.h"

static int
objective_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"cycle", OPT_STRING, "C", "cycle name, like FY2027-Q3 (required)"},
		{"team", OPT_STRING, "SLUG", "the workstream; none = a company objective"},
		{"parent", OPT_STRING, "ID", "the objective this one aligns to (R1)"},
		{"dri", OPT_STRING, "H", "directly responsible individual (required)"},
		{"title", OPT_STRING, "T", "what you want to achieve (required)"},
		{"context", OPT_STRING, "T", "the ### Context text (R6)"},
		{"sections", OPT_STRING, "MD", "further Markdown sections after the R6 block"},
		{"link", OPT_LIST, "REF", "a linked epic or issue; repeat for each"},
		{"weight", OPT_STRING, "W", "weight in its parent's roll-up (default 1)"},
		{"draft", OPT_FLAG, NULL, "create as a draft"},
		OPT_END,
	};
	struct objective_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c,
			    "objective add --cycle C [--team SLUG] [--parent ID] --dri H --title T "
			    "[--context T] [--link REF]…",
			    opts, argc - 1, argv + 1, pos, 0, 0, err)) != 0)
		goto out;
	if (!opts[0].set || !opts[3].set || !opts[4].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "",
				  "objective add needs --cycle, --dri and --title");
		goto out;
	}
	in.cycle = opts[0].value;
	in.team = opts[1].value;
	if (opts[2].set && (rc = cli_id("parent", opts[2].value, &in.parent, err)) < 0)
		goto out;
	in.dri = opts[3].value;
	in.title = opts[4].value;
	in.context = opts[5].value;
	in.sections = opts[6].value;
	in.links = &opts[7].list;
	in.has_weight = opts[8].set;
	if (in.has_weight && (rc = cli_number("weight", opts[8].value, &in.weight, err)) < 0)
		goto out;
	in.draft = opts[9].set;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_objective_add(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

/* Objectives in tree order (parents before their children), for list. */
static void
walk(const struct app_tree *t, size_t idx, int depth, const char *team, json_t *out)
{
	const struct objective *o = &t->v[idx];
	char pct[16];

	if (!team || (o->team_slug && !strcmp(team, o->team_slug))) {
		if (out) {
			json_t *j = app_json_objective_row(&o->row);

			json_object_set_new(j, "progress", json_real(o->progress));
			json_object_set_new(j, "achieved", json_boolean(o->achieved));
			json_object_set_new(j, "pace", app_json_pace(&o->pace));
			json_array_append_new(out, j);
		} else {
			present_pct_str(pct, sizeof(pct), o->progress);
			printf("%*s#%-4lld %5s  %-15s %-10s %-8s %s%s\n", depth * 2, "",
			       (long long)o->id, pct, health_name(o->health),
			       o->team_slug ? o->team_slug : "company", o->dri_handle, o->title,
			       o->state == STATE_CLOSED  ? "  [closed]"
			       : o->state == STATE_DRAFT ? "  [draft]"
							 : "");
		}
	}
	for (size_t i = 0; i < o->nchildren; i++)
		walk(t, o->children[i], team ? 0 : depth + 1, team, out);
}

static int
objective_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"cycle", OPT_STRING, "C", "cycle name (default: the current quarter)"},
		{"team", OPT_STRING, "SLUG", "only this workstream's objectives"},
		OPT_END,
	};
	struct app_tree t = {0};
	struct team team = {0};
	const char *pos[1];
	json_t *a = NULL;
	int rc;

	if ((rc = opt_parse(c, "objective list [--cycle C] [--team SLUG]", opts, argc - 1, argv + 1,
			    pos, 0, 0, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (opts[1].set && (rc = app_team(&c->app, opts[1].value, &team, err)) < 0)
		goto out;
	if ((rc = app_tree(&c->app, &c->arena, opts[0].value, &t, err)) < 0)
		goto out;
	if (c->json)
		a = json_array();
	for (size_t i = 0; i < t.nroots; i++)
		walk(&t, t.roots[i], 0, opts[1].value, a);
	if (a)
		cli_print_json(a);
out:
	team_release(&team);
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
objective_show(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	struct app_tree t = {0};
	struct status_update *s = NULL;
	const char *pos[1];
	size_t idx, ns = 0;
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "objective show ID", opts, argc - 1, argv + 1, pos, 1, 1, err)) !=
		    0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_objective_tree(&c->app, &c->arena, id, &t, &idx, err)) < 0 ||
	    (rc = app_status_history(&c->app, id, &s, &ns, err)) < 0)
		goto out;
	if (c->json) {
		json_t *j = app_json_objective(&t, idx), *h = json_array();

		for (size_t i = 0; i < ns; i++)
			json_array_append_new(h, app_json_status(&s[i]));
		json_object_set_new(j, "status_updates", h);
		cli_print_json(j);
	} else {
		render_objective(stdout, &t, idx);
		if (ns) {
			const struct status_update *u = &s[ns - 1];

			printf("\nLatest status (%s, by %s)\n", health_name(u->health),
			       u->author_handle ? u->author_handle : "the system");
			for (size_t i = 0; i < u->nlines; i++)
				printf("  KR #%lld: %s\n", (long long)u->lines[i].key_result,
				       u->lines[i].line);
		}
	}
out:
	for (size_t i = 0; i < ns; i++)
		status_update_release(&s[i]);
	free(s);
	return rc < 0 ? rc : 0;
}

static int
objective_edit(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"title", OPT_STRING, "T", "new title"},
		{"context", OPT_STRING, "T", "new context"},
		{"sections", OPT_STRING, "MD", "new further sections"},
		{"dri", OPT_STRING, "H", "new DRI"},
		{"parent", OPT_STRING, "ID", "align to another objective (none = no parent)"},
		{"weight", OPT_STRING, "W", "weight in its parent's roll-up"},
		{"state", OPT_STRING, "S", "draft or active"},
		{"progress", OPT_STRING, "P", "refused: objective progress rolls up (R10)"},
		OPT_END,
	};
	struct objective_edit e = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c,
			    "objective edit ID [--title T] [--context T] [--dri H] [--parent ID]",
			    opts, argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0)
		goto out;
	e.title = opts[0].value;
	e.context = opts[1].value;
	e.sections = opts[2].value;
	e.dri = opts[3].value;
	if (opts[4].set) {
		e.set_parent = 1;
		if (strcmp(opts[4].value, "none") &&
		    (rc = cli_id("parent", opts[4].value, &e.parent, err)) < 0)
			goto out;
	}
	if (opts[5].set) {
		e.set_weight = 1;
		if ((rc = cli_number("weight", opts[5].value, &e.weight, err)) < 0)
			goto out;
	}
	e.state = opts[6].value;
	e.set_progress = opts[7].set;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_objective_edit(&c->app, id, &e, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
objective_close(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"score", OPT_STRING, "S", "final score 0..1 (default: the progress at close)"},
		{"reason", OPT_STRING, "T", "why that score (at most 500 bytes)"},
		OPT_END,
	};
	struct close_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "objective close ID [--score S --reason T]", opts, argc - 1,
			    argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0)
		goto out;
	if (opts[0].set) {
		in.has_score = 1;
		if ((rc = cli_number("score", opts[0].value, &in.score, err)) < 0)
			goto out;
	}
	in.reason = opts[1].value;
	if ((rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_objective_close_scored(&c->app, id, &in, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static const struct subcommand subs[] = {
	{"add", objective_add,
	 "objective add --cycle C [--team SLUG] [--parent ID] --dri H --title T [--context T] "
	 "[--link REF]…"},
	{"list", objective_list, "objective list [--cycle C] [--team SLUG] [--json]"},
	{"show", objective_show, "objective show ID [--json]"},
	{"edit", objective_edit,
	 "objective edit ID [--title T] [--context T] [--sections MD] [--dri H] [--parent ID|none] "
	 "[--weight W] [--state draft|active]"},
	{"close", objective_close,
	 "objective close ID [--score S --reason T]    (needs a final retro, R11)"},
};

int
cmd_objective(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

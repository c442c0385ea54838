/* cmd_objective.c: okra objective add | list | show | edit | close | reopen | delete. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/present.h"
#include "app/corrections.h"
#include "app/objectives.h"
#include "app/tree.h"
#include "app/reads.h"

enum {
	ADD_CYCLE,
	ADD_TEAM,
	ADD_PARENT,
	ADD_DRI,
	ADD_TITLE,
	ADD_CONTEXT,
	ADD_SECTIONS,
	ADD_LINK,
	ADD_WEIGHT,
	ADD_DRAFT,
	ADD_NOPTS
};
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_CYCLE] = {"cycle", OPT_STRING, "C", "cycle name, like FY2027-Q3 (required)",
		       .flags = OPT_REQUIRED},
	[ADD_TEAM] = {"team", OPT_STRING, "SLUG", "the workstream; none = a company objective"},
	[ADD_PARENT] = {"parent", OPT_STRING, "ID", "the objective this one aligns to (R1)"},
	[ADD_DRI] = {"dri", OPT_STRING, "H", "directly responsible individual (required)",
		     .flags = OPT_REQUIRED},
	[ADD_TITLE] = {"title", OPT_STRING, "T", "what you want to achieve (required)",
		       .flags = OPT_REQUIRED},
	[ADD_CONTEXT] = {"context", OPT_STRING, "T", "the ### Context text (R6)"},
	[ADD_SECTIONS] = {"sections", OPT_STRING, "MD",
			  "further Markdown sections after the R6 block"},
	[ADD_LINK] = {"link", OPT_LIST, "REF", "a linked epic or issue; repeat for each"},
	[ADD_WEIGHT] = {"weight", OPT_STRING, "W", "weight in its parent's roll-up (default 1)"},
	[ADD_DRAFT] = {"draft", OPT_FLAG, NULL, "create as a draft"},
};
static const struct cli_usage add_usage = {"objective add", NULL, 0, 0, OPTS(add_opts)};

static int
objective_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	struct objective_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0)
		goto out;
	in.cycle = v[ADD_CYCLE].value;
	in.team = v[ADD_TEAM].value;
	if (v[ADD_PARENT].set && (rc = cli_id("parent", v[ADD_PARENT].value, &in.parent, err)) < 0)
		goto out;
	in.dri = v[ADD_DRI].value;
	in.title = v[ADD_TITLE].value;
	in.context = v[ADD_CONTEXT].value;
	in.sections = v[ADD_SECTIONS].value;
	in.links = &v[ADD_LINK].list;
	if ((rc = cli_number_opt("weight", &v[ADD_WEIGHT], &in.has_weight, &in.weight, err)) < 0)
		goto out;
	in.draft = v[ADD_DRAFT].set;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_objective_add(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

/* Objectives in tree order (parents before their children), for list. */
static void
walk(const struct app_tree *t, size_t idx, int depth, const char *team, struct jw *out)
{
	const struct objective *o = &t->v[idx];
	char pct[16];

	if (!team || (o->team_slug && !strcmp(team, o->team_slug))) {
		if (out) {
			app_jw_objective_item(out, o);
		} else {
			present_pct_str(pct, sizeof(pct), o->progress);
			printf("%*s#%-4lld %5s  %-15s %-10s %-8s %s%s\n", depth * 2, "",
			       (long long)o->id, pct, present_health_words(o->health),
			       o->team_slug ? o->team_slug : "company", o->dri_handle, o->title,
			       o->state == STATE_CLOSED  ? "  [closed]"
			       : o->state == STATE_DRAFT ? "  [draft]"
							 : "");
		}
	}
	for (size_t i = 0; i < o->nchildren; i++)
		walk(t, o->children[i], team ? 0 : depth + 1, team, out);
}

enum { LIST_CYCLE, LIST_TEAM, LIST_NOPTS };
static const struct opt list_opts[LIST_NOPTS] = {
	[LIST_CYCLE] = {"cycle", OPT_STRING, "C", "cycle name (default: the current quarter)"},
	[LIST_TEAM] = {"team", OPT_STRING, "SLUG", "only this workstream's objectives"},
};
static const struct cli_usage list_usage = {"objective list", NULL,     0, 0,
					    OPTS(list_opts),  .json = 1};

static int
objective_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[LIST_NOPTS];
	struct app_tree t = {0};
	struct team team = {0};
	const char *pos[1];
	struct jw *w = NULL;
	int rc;

	if ((rc = opt_parse(c, &list_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (v[LIST_TEAM].set &&
	    (rc = app_team(&c->app, &c->arena, v[LIST_TEAM].value, &team, err)) < 0)
		goto out;
	if ((rc = app_tree(&c->app, &c->arena, v[LIST_CYCLE].value, &t, err)) < 0)
		goto out;
	if (c->json) {
		w = cli_json_begin();
		jw_array(w);
	}
	for (size_t i = 0; i < t.nroots; i++)
		walk(&t, t.roots[i], 0, v[LIST_TEAM].value, w);
	if (w) {
		jw_end(w);
		cli_json_end();
	}
out:
	opt_release(v, LIST_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage show_usage = {"objective show", "ID", 1, 1, .json = 1};

static int
objective_show(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct app_tree t = {0};
	struct status_update *s = NULL;
	const char *pos[1];
	size_t idx, ns = 0;
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &show_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_objective_tree(&c->app, &c->arena, id, &t, &idx, err)) < 0 ||
	    (rc = app_status_history(&c->app, &c->arena, id, &s, &ns, err)) < 0)
		goto out;
	if (c->json) {
		struct jw *w = cli_json_begin();

		app_jw_objective_open(w, &t, idx);
		jw_key(w, "status_updates");
		jw_array(w);
		for (size_t i = 0; i < ns; i++)
			app_jw_status(w, &s[i]);
		jw_end(w);
		jw_end(w);
		cli_json_end();
	} else {
		render_objective(stdout, &t, idx);
		if (ns) {
			const struct status_update *u = &s[ns - 1];

			printf("\nLatest status (%s, by %s%s%s)\n", present_health_words(u->health),
			       u->author_handle ? u->author_handle : "the system",
			       u->on_behalf_handle ? " for " : "",
			       u->on_behalf_handle ? u->on_behalf_handle : "");
			for (size_t i = 0; i < u->nlines; i++)
				printf("  KR #%lld: %s\n", (long long)u->lines[i].key_result,
				       u->lines[i].line);
		}
	}
out:
	return rc < 0 ? rc : 0;
}

enum {
	EDIT_TITLE,
	EDIT_CONTEXT,
	EDIT_SECTIONS,
	EDIT_DRI,
	EDIT_PARENT,
	EDIT_WEIGHT,
	EDIT_STATE,
	EDIT_PROGRESS,
	EDIT_NOPTS
};
static const struct opt edit_opts[EDIT_NOPTS] = {
	[EDIT_TITLE] = {"title", OPT_STRING, "T", "new title"},
	[EDIT_CONTEXT] = {"context", OPT_STRING, "T", "new context"},
	[EDIT_SECTIONS] = {"sections", OPT_STRING, "MD", "new further sections"},
	[EDIT_DRI] = {"dri", OPT_STRING, "H", "new DRI"},
	[EDIT_PARENT] = {"parent", OPT_STRING, "ID|none",
			 "align to another objective (none = no parent)"},
	[EDIT_WEIGHT] = {"weight", OPT_STRING, "W", "weight in its parent's roll-up"},
	[EDIT_STATE] = {"state", OPT_STRING, "draft|active", "draft or active"},
	[EDIT_PROGRESS] = {"progress", OPT_STRING, "P",
			   "refused: objective progress rolls up (R10)", .flags = OPT_HIDDEN},
};
static const struct cli_usage edit_usage = {"objective edit", "ID", 1, 1, OPTS(edit_opts)};

static int
objective_edit(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[EDIT_NOPTS];
	struct objective_edit e = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &edit_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0)
		goto out;
	e.title = v[EDIT_TITLE].value;
	e.context = v[EDIT_CONTEXT].value;
	e.sections = v[EDIT_SECTIONS].value;
	e.dri = v[EDIT_DRI].value;
	if (v[EDIT_PARENT].set) {
		e.set_parent = 1;
		if (strcmp(v[EDIT_PARENT].value, "none") &&
		    (rc = cli_id("parent", v[EDIT_PARENT].value, &e.parent, err)) < 0)
			goto out;
	}
	if ((rc = cli_number_opt("weight", &v[EDIT_WEIGHT], &e.set_weight, &e.weight, err)) < 0)
		goto out;
	e.state = v[EDIT_STATE].value;
	e.set_progress = v[EDIT_PROGRESS].set;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_objective_edit(&c->app, id, &e, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, EDIT_NOPTS);
	return rc < 0 ? rc : 0;
}

enum { CLOSE_SCORE, CLOSE_REASON, CLOSE_NOPTS };
static const struct opt close_opts[CLOSE_NOPTS] = {
	[CLOSE_SCORE] = {"score", OPT_STRING, "S",
			 "final score 0..1 (default: the progress at close)", .group = 1},
	[CLOSE_REASON] = {"reason", OPT_STRING, "T", "why that score (at most 500 bytes)",
			  .group = 1},
};
static const struct cli_usage close_usage = {
	"objective close", "ID", 1, 1, OPTS(close_opts), .note = "    (needs a final retro, R11)"};

static int
objective_close(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[CLOSE_NOPTS];
	struct close_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &close_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0)
		goto out;
	if ((rc = cli_number_opt("score", &v[CLOSE_SCORE], &in.has_score, &in.score, err)) < 0)
		goto out;
	in.reason = v[CLOSE_REASON].value;
	if ((rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_objective_close_scored(&c->app, id, &in, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, CLOSE_NOPTS);
	return rc < 0 ? rc : 0;
}

enum { REOPEN_REASON, REOPEN_NOPTS };
static const struct opt reopen_opts[REOPEN_NOPTS] = {
	[REOPEN_REASON] = {"reason", OPT_STRING, "T", "why it is reopened (required)",
			   .flags = OPT_REQUIRED},
};
static const struct cli_usage reopen_usage = {
	"objective reopen", "ID", 1, 1, OPTS(reopen_opts), .note = "    (leaders and admins)"};

static int
objective_reopen(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[REOPEN_NOPTS];
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &reopen_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 ||
	    (rc = opt_require(&reopen_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_objective_reopen(&c->app, id, v[REOPEN_REASON].value, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, REOPEN_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage delete_usage = {"objective delete", "ID", 1, 1,
					      .note = "    (a draft only)"};

static int
objective_delete(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_by_id(c, &delete_usage, "id", app_objective_delete, argc, argv, err);
}

static const struct cli_usage publish_usage = {"objective publish", "ID", 1, 1,
					       .note = "    (a draft becomes active)"};

static int
objective_publish(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_by_id(c, &publish_usage, "id", app_objective_publish, argc, argv, err);
}

enum { COPY_TO, COPY_NOPTS };
static const struct opt copy_opts[COPY_NOPTS] = {
	[COPY_TO] = {"to", OPT_STRING, "CYCLE", "the cycle to carry it over into (required)",
		     .flags = OPT_REQUIRED},
};
static const struct cli_usage copy_usage = {
	"objective copy",
	"ID",
	1,
	1,
	OPTS(copy_opts),
	.note = "    (a draft there with the open KRs, criteria and initiatives)"};

static int
objective_copy(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[COPY_NOPTS];
	const char *pos[1];
	int64_t id, copy;
	int rc;

	if ((rc = opt_parse(c, &copy_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &id, err)) < 0 ||
	    (rc = opt_require(&copy_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_objective_copy(&c->app, id, v[COPY_TO].value, &copy, err)) < 0)
		goto out;
	cli_print_id(copy);
out:
	opt_release(v, COPY_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct subcommand subs[] = {
	{"add", objective_add, &add_usage},          {"list", objective_list, &list_usage},
	{"show", objective_show, &show_usage},       {"edit", objective_edit, &edit_usage},
	{"close", objective_close, &close_usage},    {"reopen", objective_reopen, &reopen_usage},
	{"delete", objective_delete, &delete_usage}, {"publish", objective_publish, &publish_usage},
	{"copy", objective_copy, &copy_usage},
};

int
cmd_objective(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

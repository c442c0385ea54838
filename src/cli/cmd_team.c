/* cmd_team.c: okra team add | join | leave | rename | list | copy. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json_write.h"
#include "app/objectives.h"
#include "app/people.h"
#include "app/reads.h"

enum { ADD_NAME, ADD_MEMBER, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_NAME] = {"name", OPT_STRING, "N", "the team's name (required)", .flags = OPT_REQUIRED},
	[ADD_MEMBER] = {"member", OPT_LIST, "HANDLE", "a member; repeat for each"},
};
static const struct cli_usage add_usage = {"team add", "SLUG", 1, 1, OPTS(add_opts)};

static int
team_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_team_add(&c->app, pos[0], v[ADD_NAME].value, &v[ADD_MEMBER].list, &id, err)) <
		    0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage join_usage = {"team join", "SLUG HANDLE", 2, 2};

static int
team_join(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	const char *pos[2];
	int rc;

	if ((rc = opt_parse(c, &join_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_team_join(&c->app, pos[0], pos[1], err)) < 0)
		return rc < 0 ? rc : 0;
	return 0;
}

static const struct cli_usage leave_usage = {"team leave", "SLUG HANDLE", 2, 2};

static int
team_leave(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	const char *pos[2];
	int rc;

	if ((rc = opt_parse(c, &leave_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_team_leave(&c->app, pos[0], pos[1], err)) < 0)
		return rc < 0 ? rc : 0;
	return 0;
}

enum { RENAME_NAME, RENAME_NOPTS };
static const struct opt rename_opts[RENAME_NOPTS] = {
	[RENAME_NAME] = {"name", OPT_STRING, "N", "the team's new name (required)",
			 .flags = OPT_REQUIRED},
};
static const struct cli_usage rename_usage = {
	"team rename", "SLUG", 1, 1, OPTS(rename_opts), .note = "    (the slug stays)"};

static int
team_rename(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[RENAME_NOPTS];
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &rename_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = opt_require(&rename_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0)
		goto out;
	rc = app_team_rename(&c->app, pos[0], v[RENAME_NAME].value, err);
out:
	opt_release(v, RENAME_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage list_usage = {"team list", NULL, 0, 0, .json = 1};

static int
team_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct team *v = NULL;
	const char *pos[1];
	struct jw *w = NULL;
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, &list_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 || (rc = app_teams(&c->app, &c->arena, &v, &n, err)) < 0)
		goto out;
	if (c->json) {
		w = cli_json_begin();
		jw_array(w);
	}
	for (size_t i = 0; i < n; i++) {
		struct strlist m = {0};

		if ((rc = app_team_members(&c->app, v[i].id, &m, err)) < 0)
			goto out;
		if (w) {
			app_jw_team(w, &v[i], &m);
		} else {
			printf("%-14s %-24s", v[i].slug, v[i].name);
			for (size_t k = 0; k < m.n; k++)
				printf("%s%s", k ? ", " : " ", m.v[k]);
			putchar('\n');
		}
		strlist_release(&m);
	}
	if (w) {
		jw_end(w);
		cli_json_end();
	}
out:
	return rc < 0 ? rc : 0;
}

enum { COPY_FROM, COPY_TO, COPY_NOPTS };
static const struct opt copy_opts[COPY_NOPTS] = {
	[COPY_FROM] = {"from", OPT_STRING, "C", "the cycle carried over, like FY2027-Q3 (required)",
		       .flags = OPT_REQUIRED},
	[COPY_TO] = {"to", OPT_STRING, "C", "the cycle it goes to, like FY2027-Q4 (required)",
		     .flags = OPT_REQUIRED},
};
static const struct cli_usage copy_usage = {
	"team copy",
	"SLUG",
	1,
	1,
	OPTS(copy_opts),
	.note = "    (each objective not a draft as okra objective copy does; prints the new ids)"};

static int
team_copy(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[COPY_NOPTS];
	const char *pos[1];
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, &copy_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = opt_require(&copy_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_team_copy(&c->app, &c->arena, pos[0], v[COPY_FROM].value, v[COPY_TO].value,
				&ids, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		cli_print_id(ids[i]);
out:
	opt_release(v, COPY_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct subcommand subs[] = {
	{"add", team_add, &add_usage},       {"join", team_join, &join_usage},
	{"leave", team_leave, &leave_usage}, {"rename", team_rename, &rename_usage},
	{"list", team_list, &list_usage},    {"copy", team_copy, &copy_usage},
};

int
cmd_team(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

/* cmd_team.c: okra team add | join | list. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json.h"

static int
team_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"name", OPT_STRING, "N", "the team's name (required)"},
		{"member", OPT_LIST, "HANDLE", "a member; repeat for each"},
		OPT_END,
	};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "team add SLUG --name N [--member HANDLE]…", opts, argc - 1,
			    argv + 1, pos, 1, 1, err)) != 0)
		goto out;
	if (!opts[0].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "name", "team add needs --name");
		goto out;
	}
	if ((rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_team_add(&c->app, pos[0], opts[0].value, &opts[1].list, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
team_join(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	const char *pos[2];
	int rc;

	if ((rc = opt_parse(c, "team join SLUG HANDLE", opts, argc - 1, argv + 1, pos, 2, 2,
			    err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_team_join(&c->app, pos[0], pos[1], err)) < 0)
		return rc < 0 ? rc : 0;
	return 0;
}

static int
team_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	struct team *v = NULL;
	const char *pos[1];
	json_t *a = json_array();
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, "team list", opts, argc - 1, argv + 1, pos, 0, 0, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 || (rc = app_teams(&c->app, &v, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct strlist m = {0};

		if ((rc = app_team_members(&c->app, v[i].id, &m, err)) < 0)
			goto out;
		if (c->json) {
			json_array_append_new(a, app_json_team(&v[i], &m));
		} else {
			printf("%-14s %-24s", v[i].slug, v[i].name);
			for (size_t k = 0; k < m.n; k++)
				printf("%s%s", k ? ", " : " ", m.v[k]);
			putchar('\n');
		}
		strlist_release(&m);
	}
	if (c->json) {
		cli_print_json(a);
		a = NULL;
	}
out:
	json_decref(a);
	for (size_t i = 0; i < n; i++)
		team_release(&v[i]);
	free(v);
	return rc < 0 ? rc : 0;
}

static const struct subcommand subs[] = {
	{"add", team_add, "team add SLUG --name N [--member HANDLE]…"},
	{"join", team_join, "team join SLUG HANDLE"},
	{"list", team_list, "team list [--json]"},
};

int
cmd_team(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

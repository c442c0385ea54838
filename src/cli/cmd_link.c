/* cmd_link.c: okra link add | close | reopen | remove — an objective's Linked Epics and Issues
 * (R6). */
#include "cli/cli.h"

#include "app/corrections.h"
#include "app/objectives.h"

enum { ADD_REF, ADD_TITLE, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_REF] = {"ref", OPT_STRING, "REF",
		     "epic or issue: group/project#123, group&45, PROJ-123 (Jira), URL",
		     .flags = OPT_REQUIRED},
	[ADD_TITLE] = {"title", OPT_STRING, "T", "a short title"},
};
static const struct cli_usage add_usage = {"link add", "OBJ", 1, 1, OPTS(add_opts)};

static int
link_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	const char *pos[1];
	int64_t obj, id;
	int rc;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &obj, err)) < 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_link_add(&c->app, obj, v[ADD_REF].value, v[ADD_TITLE].value, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage close_usage = {"link close", "REF", 1, 1};
static const struct cli_usage reopen_usage = {"link reopen", "REF", 1, 1};

static int
link_close(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, &close_usage, argc, argv, ITEM_CLOSED, err);
}

static int
link_reopen(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, &reopen_usage, argc, argv, ITEM_OPEN, err);
}

static const struct cli_usage remove_usage = {"link remove", "ID", 1, 1};

static int
link_remove(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_by_id(c, &remove_usage, "id", app_link_remove, argc, argv, err);
}

static const struct subcommand subs[] = {
	{"add", link_add, &add_usage},
	{"close", link_close, &close_usage},
	{"reopen", link_reopen, &reopen_usage},
	{"remove", link_remove, &remove_usage},
};

int
cmd_link(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

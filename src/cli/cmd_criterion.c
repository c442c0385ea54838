/* cmd_criterion.c: okra criterion add | close | reopen | remove — the scoring criteria of R7 and
 * R9. */
#include "cli/cli.h"

#include "app/corrections.h"
#include "app/objectives.h"

#include <stdio.h>

enum { ADD_REF, ADD_CONTRIBUTION, ADD_TITLE, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_REF] = {"ref", OPT_STRING, "REF",
		     "epic or issue: group/project#123, group&45, PROJ-123 (Jira), URL",
		     .flags = OPT_REQUIRED},
	[ADD_CONTRIBUTION] = {"contribution", OPT_STRING, "PCT",
			      "its share of the KR in percent (R7)", .flags = OPT_REQUIRED},
	[ADD_TITLE] = {"title", OPT_STRING, "T", "a short title"},
};
static const struct cli_usage add_usage = {"criterion add", "KR", 1, 1, OPTS(add_opts)};

static int
criterion_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	const char *pos[1];
	double pct;
	int64_t kr, id;
	int rc;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("key_result", pos[0], &kr, err)) < 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0 ||
	    (rc = cli_number("contribution", v[ADD_CONTRIBUTION].value, &pct, err)) < 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_criterion_add(&c->app, kr, v[ADD_REF].value, pct, v[ADD_TITLE].value, &id,
				    err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

int
cli_ref_state(struct cli *c, const struct cli_usage *u, int argc, char **argv,
	      enum item_state state, struct okra_err *err)
{
	const char *pos[1];
	int64_t changed;
	int rc;

	if ((rc = opt_parse(c, u, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_ref_set_state(&c->app, pos[0], state, SOURCE_MANUAL, &changed, err)) < 0)
		return rc < 0 ? rc : 0;
	if (!changed)
		fprintf(stderr, "okra: %s was %s already\n", pos[0], item_state_name(state));
	printf("%lld\n", (long long)changed);
	return 0;
}

static const struct cli_usage close_usage = {"criterion close", "REF", 1, 1,
					     .note = "    (prints how many items changed)"};
static const struct cli_usage reopen_usage = {"criterion reopen", "REF", 1, 1};

static int
criterion_close(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, &close_usage, argc, argv, ITEM_CLOSED, err);
}

static int
criterion_reopen(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, &reopen_usage, argc, argv, ITEM_OPEN, err);
}

static const struct cli_usage remove_usage = {
	"criterion remove", "ID", 1, 1,
	.note = "    (one added by mistake; the KR's progress follows)"};

static int
criterion_remove(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_by_id(c, &remove_usage, "id", app_criterion_remove, argc, argv, err);
}

static const struct subcommand subs[] = {
	{"add", criterion_add, &add_usage},
	{"close", criterion_close, &close_usage},
	{"reopen", criterion_reopen, &reopen_usage},
	{"remove", criterion_remove, &remove_usage},
};

int
cmd_criterion(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

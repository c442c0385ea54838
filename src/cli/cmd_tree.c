/* cmd_tree.c: okra tree — a cycle's objectives rolled up (R10), now or as of a day. */
#include "cli/cli.h"

#include <stdio.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "app/tree.h"

enum { TREE_CYCLE, TREE_AS_OF, TREE_NOPTS };
static const struct opt tree_opts[TREE_NOPTS] = {
	[TREE_CYCLE] = {"cycle", OPT_STRING, "C",
			"cycle name (default: the quarter containing today)"},
	[TREE_AS_OF] = {"as-of", OPT_STRING, "D",
			"the tree as it stood at the end of day D, rebuilt from the history"},
};
static const struct cli_usage tree_usage = {"tree", NULL, 0, 0, OPTS(tree_opts)};

int
cmd_tree(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[TREE_NOPTS];
	struct app_tree t = {0};
	const char *pos[1];
	int32_t day = 0;
	char d[11];
	int rc;

	if ((rc = opt_parse(c, &tree_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (v[TREE_AS_OF].value &&
	     (rc = cli_date("--as-of", v[TREE_AS_OF].value, &day, err)) < 0) ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (v[TREE_AS_OF].value)
		rc = app_tree_as_of(&c->app, &c->arena, v[TREE_CYCLE].value, day, &t, err);
	else
		rc = app_tree(&c->app, &c->arena, v[TREE_CYCLE].value, &t, err);
	if (rc < 0)
		goto out;
	if (c->json) {
		app_jw_tree(cli_json_begin(), &t);
		cli_json_end();
	} else {
		if (t.has_as_of) {
			cal_format_date(t.as_of, d);
			printf("As it stood at the end of %s (from the check-in history)\n", d);
		}
		render_tree(stdout, &t, t.has_as_of ? t.as_of : c->app.today);
	}
out:
	opt_release(v, TREE_NOPTS);
	return rc < 0 ? rc : 0;
}

/* cmd_tree.c: okra tree — a cycle's objectives with progress rolled up (R10). */
#include "cli/cli.h"

#include <stdio.h>

#include "app/json.h"

int
cmd_tree(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"cycle", OPT_STRING, "C", "cycle name (default: the quarter containing today)"},
		OPT_END,
	};
	struct app_tree t = {0};
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, "tree [--cycle C]", opts, argc - 1, argv + 1, pos, 0, 0, err)) !=
		    0 ||
	    (rc = cli_open(c, 0, err)) < 0 || (rc = app_tree(&c->app, opts[0].value, &t, err)) < 0)
		goto out;
	if (c->json)
		cli_print_json(app_json_tree(&t));
	else
		render_tree(stdout, &t, c->app.today);
out:
	app_tree_release(&t);
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

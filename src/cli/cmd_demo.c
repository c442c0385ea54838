/* cmd_demo.c: okra demo — the handbook's example company, for a first look. */
#include "cli/cli.h"

#include <stdio.h>


int
cmd_demo(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"if-empty", OPT_FLAG, NULL, "do nothing (and succeed) when there is data already"},
		OPT_END,
	};
	const char *pos[1];
	int rc, empty = 0;

	if ((rc = opt_parse(c, "demo [--if-empty]", opts, argc - 1, argv + 1, pos, 0, 0, err)) !=
	    0)
		goto out;
	if ((rc = cli_open(c, 1, err)) < 0)
		goto out;
	if (opts[0].set) {
		if ((rc = app_is_empty(&c->app, &empty, err)) < 0)
			goto out;
		if (!empty) {
			fprintf(stderr, "okra: %s already holds data; the demo was not loaded\n",
				c->db);
			goto out;
		}
	}
	if ((rc = app_demo(&c->app, err)) < 0)
		goto out;
	fprintf(stderr, "okra: loaded the demo company into %s (sign in as alex, sam, pat, …)\n",
		c->db);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

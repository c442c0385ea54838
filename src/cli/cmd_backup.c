/* cmd_backup.c: okra backup FILE — a consistent copy of the live database (SQLite online backup).
 */
#include "cli/cli.h"

#include <stdio.h>

int
cmd_backup(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"force", OPT_FLAG, NULL, "overwrite FILE if it exists"},
		OPT_END,
	};
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, "backup FILE [--force]", opts, argc - 1, argv + 1, pos, 1, 1,
			    err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_backup(&c->app, pos[0], opts[0].set, err)) < 0)
		goto out;
	printf("%s\n", pos[0]);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

/* cmd_backup.c: okra backup FILE — a consistent copy of the live database (SQLite online backup).
 */
#include "cli/cli.h"

#include "app/transfer.h"

#include <stdio.h>

enum { BACKUP_FORCE, BACKUP_NOPTS };
static const struct opt backup_opts[BACKUP_NOPTS] = {
	[BACKUP_FORCE] = {"force", OPT_FLAG, NULL, "overwrite FILE if it exists"},
};
static const struct cli_usage backup_usage = {"backup", "FILE", 1, 1, OPTS(backup_opts)};

int
cmd_backup(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[BACKUP_NOPTS];
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &backup_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_backup(&c->app, pos[0], v[BACKUP_FORCE].set, err)) < 0)
		goto out;
	printf("%s\n", pos[0]);
out:
	opt_release(v, BACKUP_NOPTS);
	return rc < 0 ? rc : 0;
}

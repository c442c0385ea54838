/* by_id.c: the subcommands that take one id and nothing else — retract, remove, delete. */
#include "cli/cli.h"

int
cli_by_id(struct cli *c, const struct cli_usage *u, const char *field,
	  int (*fn)(struct app *a, int64_t id, struct okra_err *err), int argc, char **argv,
	  struct okra_err *err)
{
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, u, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id(field, pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = fn(&c->app, id, err)) < 0)
		return rc < 0 ? rc : 0;
	cli_print_id(id);
	return 0;
}

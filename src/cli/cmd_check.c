/* cmd_check.c: okra check — the database's integrity and okra's invariants, one line per problem.
 */
#include "cli/cli.h"

#include "app/check.h"

#include <stdio.h>

enum { CHECK_QUICK, CHECK_NOPTS };
static const struct opt check_opts[CHECK_NOPTS] = {
	[CHECK_QUICK] = {"quick", OPT_FLAG, NULL,
			 "SQLite's quick check only (what okra serve runs at start)"},
};
static const struct cli_usage check_usage = {"check", NULL, 0, 0, OPTS(check_opts)};

static void
print_problem(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

int
cmd_check(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[CHECK_NOPTS];
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &check_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	rc = app_check(&c->app, v[CHECK_QUICK].set, print_problem, NULL, err);
	fflush(stdout);
	if (rc > 0)
		rc = okra_err_set(err, OKRA_ESTATE, "",
				  "%d problem%s found: restore the last good backup (okra backup "
				  "makes them) or repair the rows named above",
				  rc, rc == 1 ? "" : "s");
out:
	opt_release(v, CHECK_NOPTS);
	return rc < 0 ? rc : 0;
}

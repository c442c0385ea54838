/* cmd_migrate.c: okra migrate --to URI — the database copied, verified, into an empty one (SQLite
 * to PostgreSQL). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/uri.h"
#include "app/transfer.h"

enum { MIGRATE_TO, MIGRATE_NOPTS };
static const struct opt migrate_opts[MIGRATE_NOPTS] = {
	[MIGRATE_TO] = {"to", OPT_STRING, "URI", "the empty database to copy into (postgresql://…)",
			.flags = OPT_REQUIRED},
};
static const struct cli_usage migrate_usage = {"migrate", NULL, 0, 0, OPTS(migrate_opts)};

int
cmd_migrate(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[MIGRATE_NOPTS];
	struct app_migrated *m = NULL;
	char shown[256];
	int64_t rows = 0;
	int rc, n = app_migrate_tables();

	if ((rc = opt_parse(c, &migrate_usage, v, argc - 1, argv + 1, NULL, err)) != 0)
		goto out;
	if (!v[MIGRATE_TO].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "to", "give the target database with --to URI");
		goto out;
	}
	m = calloc((size_t)n, sizeof(*m));
	if (!m) {
		rc = okra_err_set(err, OKRA_EIO, "", "out of memory");
		goto out;
	}
	if ((rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_migrate_to(&c->app, v[MIGRATE_TO].value, m, err)) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		printf("%-16s %8lld  sha256 %s\n", m[i].table, (long long)m[i].rows, m[i].sha256);
		rows += m[i].rows;
	}
	fprintf(stderr, "okra: copied %lld rows in %d tables into %s; counts and checksums match\n",
		(long long)rows, n, uri_redact(v[MIGRATE_TO].value, shown, sizeof(shown)));
out:
	free(m);
	opt_release(v, MIGRATE_NOPTS);
	return rc < 0 ? rc : 0;
}

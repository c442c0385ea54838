/* cmd_demo.c: okra demo — the handbook's example company, for a first look. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/uri.h"
#include "app/reads.h"
#include "app/auth.h"
#include "app/transfer.h"

/* Every demo person gets the same password, so each role can be tried in a browser. */
static int
set_passwords(struct cli *c, const char *password, struct okra_err *err)
{
	struct person *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = app_people(&c->app, &c->arena, &v, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = app_user_passwd(&c->app, v[i].handle, password, err);
	return rc;
}

enum { DEMO_IF_EMPTY, DEMO_PASSWORD, DEMO_NOPTS };
static const struct opt demo_opts[DEMO_NOPTS] = {
	[DEMO_IF_EMPTY] = {"if-empty", OPT_FLAG, NULL,
			   "do nothing (and succeed) when there is data already"},
	[DEMO_PASSWORD] = {"password", OPT_STRING, "PW",
			   "give every demo person this password (to sign in)"},
};
static const struct cli_usage demo_usage = {"demo", NULL, 0, 0, OPTS(demo_opts)};

int
cmd_demo(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	char shown[256];
	struct optv v[DEMO_NOPTS];
	const char *pos[1];
	int rc, empty = 0;

	if ((rc = opt_parse(c, &demo_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	if ((rc = cli_open(c, 1, err)) < 0)
		goto out;
	if (v[DEMO_IF_EMPTY].set) {
		if ((rc = app_is_empty(&c->app, &empty, err)) < 0)
			goto out;
		if (!empty) {
			fprintf(stderr, "okra: %s already holds data; the demo was not loaded\n",
				uri_redact(c->db, shown, sizeof(shown)));
			goto out;
		}
	}
	if ((rc = app_demo(&c->app, err)) < 0)
		goto out;
	if (v[DEMO_PASSWORD].set && (rc = set_passwords(c, v[DEMO_PASSWORD].value, err)) < 0)
		goto out;
	fprintf(stderr, "okra: loaded the demo company into %s (people: alex, sam, pat, …)\n",
		uri_redact(c->db, shown, sizeof(shown)));
out:
	opt_release(v, DEMO_NOPTS);
	return rc < 0 ? rc : 0;
}

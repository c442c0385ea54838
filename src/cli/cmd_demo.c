/* cmd_demo.c: okra demo — the handbook's example company, for a first look. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/uri.h"

/* Every demo person gets the same password, so each role can be tried in a browser. */
static int
set_passwords(struct cli *c, const char *password, struct okra_err *err)
{
	struct person *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = app_people(&c->app, &v, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			rc = app_user_passwd(&c->app, v[i].handle, password, err);
		person_release(&v[i]);
	}
	free(v);
	return rc;
}

int
cmd_demo(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	char shown[256];
	struct opt opts[] = {
		{"if-empty", OPT_FLAG, NULL, "do nothing (and succeed) when there is data already"},
		{"password", OPT_STRING, "PW", "give every demo person this password (to sign in)"},
		OPT_END,
	};
	const char *pos[1];
	int rc, empty = 0;

	if ((rc = opt_parse(c, "demo [--if-empty] [--password PW]", opts, argc - 1, argv + 1, pos,
			    0, 0, err)) != 0)
		goto out;
	if ((rc = cli_open(c, 1, err)) < 0)
		goto out;
	if (opts[0].set) {
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
	if (opts[1].set && (rc = set_passwords(c, opts[1].value, err)) < 0)
		goto out;
	fprintf(stderr, "okra: loaded the demo company into %s (people: alex, sam, pat, …)\n",
		uri_redact(c->db, shown, sizeof(shown)));
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

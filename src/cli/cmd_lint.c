/* cmd_lint.c: okra lint — warnings about OKR practice (R2 KR count, R7 totals); exit 1 if any. */
#include "cli/cli.h"

#include <stdio.h>

#include "app/json_write.h"
#include "app/tree.h"

enum { LINT_CYCLE, LINT_NOPTS };
static const struct opt lint_opts[LINT_NOPTS] = {
	[LINT_CYCLE] = {"cycle", OPT_STRING, "C", "only this cycle (default: every objective)"},
};
static const struct cli_usage lint_usage = {"lint", NULL, 0, 0, OPTS(lint_opts)};

int
cmd_lint(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[LINT_NOPTS];
	struct lint_report r = {0};
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &lint_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_lint(&c->app, v[LINT_CYCLE].value, &r, err)) < 0)
		goto out;
	if (c->json) {
		app_jw_lint(cli_json_begin(), &r);
		cli_json_end();
	} else
		for (size_t i = 0; i < r.n; i++)
			printf("%s: %s\n", r.v[i].rule, r.v[i].msg);
	if (r.n)
		rc = okra_err_set(err, OKRA_EINVAL, "", "%zu finding%s", r.n, r.n == 1 ? "" : "s");
out:
	lint_report_release(&r);
	opt_release(v, LINT_NOPTS);
	return rc < 0 ? rc : 0;
}

/* cmd_init.c: okra init — create the database and set the fiscal year and the update day. */
#include "cli/cli.h"

#include <stdio.h>

#include "util/uri.h"
#include "app/settings.h"

enum { INIT_FY_START, INIT_UPDATE_DAY, INIT_NOPTS };
static const struct opt init_opts[INIT_NOPTS] = {
	[INIT_FY_START] = {"fy-start", OPT_STRING, "MONTH",
			   "first month of the fiscal year, 1-12 (default 1)"},
	[INIT_UPDATE_DAY] = {"update-day", OPT_STRING, "DAY",
			     "weekday updates are due (default wednesday)"},
};
static const struct cli_usage init_usage = {"init", NULL, 0, 0, OPTS(init_opts)};

int
cmd_init(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	char shown[256];
	struct optv v[INIT_NOPTS];
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &init_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	if ((rc = cli_open(c, 1, err)) < 0)
		goto out;
	if (v[INIT_FY_START].set && (rc = app_setting_set(&c->app, "fiscal_year_first_month",
							  v[INIT_FY_START].value, err)) < 0)
		goto out;
	if (v[INIT_UPDATE_DAY].set &&
	    (rc = app_setting_set(&c->app, "update_weekday", v[INIT_UPDATE_DAY].value, err)) < 0)
		goto out;
	printf("%s\n", uri_redact(c->db, shown, sizeof(shown)));
out:
	opt_release(v, INIT_NOPTS);
	return rc < 0 ? rc : 0;
}

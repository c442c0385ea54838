/* cmd_init.c: okra init — create the database and set the fiscal year and the update day. */
#include "cli/cli.h"

#include <stdio.h>

#include "util/uri.h"

int
cmd_init(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	char shown[256];
	struct opt opts[] = {
		{"fy-start", OPT_STRING, "MONTH",
		 "first month of the fiscal year, 1-12 (default 1)"},
		{"update-day", OPT_STRING, "DAY", "weekday updates are due (default wednesday)"},
		OPT_END,
	};
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, "init [--fy-start MONTH] [--update-day DAY]", opts, argc - 1,
			    argv + 1, pos, 0, 0, err)) != 0)
		goto out;
	if ((rc = cli_open(c, 1, err)) < 0)
		goto out;
	if (opts[0].set &&
	    (rc = app_setting_set(&c->app, "fiscal_year_first_month", opts[0].value, err)) < 0)
		goto out;
	if (opts[1].set &&
	    (rc = app_setting_set(&c->app, "update_weekday", opts[1].value, err)) < 0)
		goto out;
	printf("%s\n", uri_redact(c->db, shown, sizeof(shown)));
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

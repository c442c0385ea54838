/* cmd_setting.c: okra setting set NAME VALUE — the admin's settings (update day, reminders, …). */
#include "cli/cli.h"

#include <stdio.h>

static int
set(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	const char *pos[2];
	int rc;

	if ((rc = opt_parse(c, "setting set NAME VALUE", opts, argc - 1, argv + 1, pos, 2, 2,
			    err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	rc = app_setting_set(&c->app, pos[0], pos[1], err);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

int
cmd_setting(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	static const struct subcommand subs[] = {
		{"set", set,
		 "setting set NAME VALUE   (update_weekday, fiscal_year_first_month, remind_at "
		 "HH:MM, "
		 "remind_tz ZONE, base_url URL, chat_webhook URL, smtp_url URL, smtp_from ADDRESS, "
		 "gitlab_webhook_secret S, github_webhook_secret S, github_not_planned "
		 "done|ignore; "
		 "\"\" turns a channel or webhook off)"},
	};

	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

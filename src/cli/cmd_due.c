/* cmd_due.c: okra due — who owes which update this week (R8), new joiners left out (R4). */
#include "cli/cli.h"

#include <stdio.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "app/tree.h"

enum { DUE_DATE, DUE_NOPTS };
static const struct opt due_opts[DUE_NOPTS] = {
	[DUE_DATE] = {"date", OPT_STRING, "D", "the day to ask about (default: today)"},
};
static const struct cli_usage due_usage = {"due", NULL, 0, 0, OPTS(due_opts)};

int
cmd_due(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[DUE_NOPTS];
	struct due_list d = {0};
	const char *pos[1];
	int32_t day;
	int rc;

	if ((rc = opt_parse(c, &due_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	day = c->app.today;
	if (v[DUE_DATE].set && (rc = cli_date("date", v[DUE_DATE].value, &day, err)) < 0)
		goto out;
	if ((rc = app_due(&c->app, day, &d, err)) < 0)
		goto out;
	if (c->json) {
		{
			app_jw_due(cli_json_begin(), &d);
			cli_json_end();
		}
	} else {
		char u[11];

		cal_format_date(d.update_day, u);
		if (!d.n)
			printf("Nothing due for the week of %s %s: everyone has updated.\n",
			       cal_weekday_name(cal_weekday(d.update_day)), u);
		else
			printf("Due for the week of %s %s\n",
			       cal_weekday_name(cal_weekday(d.update_day)), u);
		for (size_t i = 0; i < d.n; i++) {
			const struct due_item *x = &d.v[i];

			if (x->key_result)
				printf("  %-10s check-in   KR #%-4lld %s\n", x->handle,
				       (long long)x->key_result, x->title);
			else
				printf("  %-10s status     #%-7lld %s\n", x->handle,
				       (long long)x->objective, x->title);
		}
	}
out:
	due_list_release(&d);
	opt_release(v, DUE_NOPTS);
	return rc < 0 ? rc : 0;
}

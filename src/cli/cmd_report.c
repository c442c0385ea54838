/* cmd_report.c: okra report weekly — the week's status as Markdown to paste, or post to chat; okra
 * report calibration — whose "on track" meant on track in a cycle. */
#include "cli/cli.h"

#include <stdio.h>

#include "app/calibration.h"
#include "app/remind.h"
#include "app/report.h"
#include "notify/send.h"
#include "util/buf.h"

enum { WEEKLY_CYCLE, WEEKLY_DATE, WEEKLY_POST, WEEKLY_NOPTS };
static const struct opt weekly_opts[WEEKLY_NOPTS] = {
	[WEEKLY_CYCLE] = {"cycle", OPT_STRING, "C",
			  "the cycle (default: the quarter containing the date)"},
	[WEEKLY_DATE] = {"date", OPT_STRING, "D", "the week of this day (default: today)"},
	[WEEKLY_POST] = {"post", OPT_FLAG, NULL,
			 "also post it to the chat webhook (setting chat_webhook)"},
};
static const struct cli_usage weekly_usage = {"report weekly",   NULL,     0, 0,
					      OPTS(weekly_opts), .json = 1};

static int
weekly(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[WEEKLY_NOPTS];
	struct remind_settings s = {0};
	struct report r = {0};
	struct buf text = BUF_INIT;
	const char *pos[1];
	int32_t day;
	int rc;

	if ((rc = opt_parse(c, &weekly_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	day = c->app.today;
	if (v[WEEKLY_DATE].set && (rc = cli_date("date", v[WEEKLY_DATE].value, &day, err)) < 0)
		goto out;
	if ((rc = app_report_weekly(&c->app, v[WEEKLY_CYCLE].value, day, &r, err)) < 0)
		goto out;
	if (v[WEEKLY_POST].set) {
		if ((rc = app_remind_settings(&c->app, &s, err)) < 0)
			goto out;
		if (!*s.chat_webhook) {
			rc = okra_err_set(
				err, OKRA_ESTATE, "post",
				"no chat webhook is set up: okra setting set chat_webhook URL");
			goto out;
		}
		/* Slack reads &, < and > as markup: escaped, a title cannot become a mention. */
		notify_chat_escape(r.markdown, &text);
		if ((rc = notify_webhook_post(s.chat_webhook, text.buf, err)) < 0)
			goto out;
	}
	if (c->json) {
		app_jw_report(cli_json_begin(), &r);
		cli_json_end();
	} else
		fputs(r.markdown, stdout);
out:
	buf_release(&text);
	report_release(&r);
	remind_settings_release(&s);
	opt_release(v, WEEKLY_NOPTS);
	return rc < 0 ? rc : 0;
}

enum { CAL_CYCLE, CAL_NOPTS };
static const struct opt cal_opts[CAL_NOPTS] = {
	[CAL_CYCLE] = {"cycle", OPT_STRING, "C",
		       "the cycle (default: the quarter containing today)"},
};
static const struct cli_usage cal_usage = {"report calibration", NULL,     0, 0,
					   OPTS(cal_opts),       .json = 1};

static void
print_rows(const char *head, const struct calib *v, size_t n, int finished)
{
	struct buf s = BUF_INIT;

	printf("%s\n", head);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&s);
		calib_sentence(&s, &v[i], finished);
		printf("  %-12s %s\n",
		       v[i].dri    ? v[i].dri
		       : v[i].team ? v[i].team
				   : "company",
		       s.buf);
	}
	buf_release(&s);
}

static int
calibration(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[CAL_NOPTS];
	struct calibration cal;
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &cal_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_calibration(&c->app, &c->arena, v[CAL_CYCLE].value, &cal, err)) < 0)
		goto out;
	if (c->json) {
		app_jw_calibration(cli_json_begin(), &cal);
		cli_json_end();
	} else {
		printf("Health calibration, %s\n", cal.cycle.name);
		print_rows("By DRI", cal.dris, cal.ndris, cal.finished);
		print_rows("By team", cal.teams, cal.nteams, cal.finished);
	}
out:
	opt_release(v, CAL_NOPTS);
	return rc < 0 ? rc : 0;
}

int
cmd_report(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	static const struct subcommand subs[] = {
		{"weekly", weekly, &weekly_usage},
		{"calibration", calibration, &cal_usage},
	};

	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

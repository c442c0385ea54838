/* cmd_report.c: okra report weekly — the week's status as Markdown to paste, or post to chat. */
#include "cli/cli.h"

#include <stdio.h>

#include "app/remind.h"
#include "app/report.h"
#include "notify/send.h"
#include "util/buf.h"

static int
weekly(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"cycle", OPT_STRING, "C", "the cycle (default: the quarter containing the date)"},
		{"date", OPT_STRING, "D", "the week of this day (default: today)"},
		{"post", OPT_FLAG, NULL, "also post it to the chat webhook (setting chat_webhook)"},
		OPT_END,
	};
	struct remind_settings s = {0};
	struct report r = {0};
	struct buf text = BUF_INIT;
	const char *pos[1];
	int32_t day;
	int rc;

	if ((rc = opt_parse(c, "report weekly [--cycle C] [--date D] [--post]", opts, argc - 1,
			    argv + 1, pos, 0, 0, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	day = c->app.today;
	if (opts[1].set && (rc = cli_date("date", opts[1].value, &day, err)) < 0)
		goto out;
	if ((rc = app_report_weekly(&c->app, opts[0].value, day, &r, err)) < 0)
		goto out;
	if (opts[2].set) {
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
	if (c->json)
		cli_print_json(app_json_report(&r));
	else
		fputs(r.markdown, stdout);
out:
	buf_release(&text);
	report_release(&r);
	remind_settings_release(&s);
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

int
cmd_report(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	static const struct subcommand subs[] = {
		{"weekly", weekly, "report weekly [--cycle C] [--date D] [--post] [--json]"},
	};

	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

/* cmd_remind.c: okra remind — send this week's reminders to every DRI who owes an update (R8, R4).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/remind.h"
#include "notify/notify.h"
#include "util/buf.h"

static void
print_dry_run(struct cli *c, const struct remind_settings *s, const struct remind_msg *m, size_t n)
{
	json_t *a = c->json ? json_array() : NULL;

	for (size_t i = 0; i < n; i++) {
		int mail = *s->smtp_url && m[i].email;

		if (a) {
			json_array_append_new(
				a, json_pack("{ss ss sb sb ss ss sI}", "dri", m[i].handle, "week",
					     m[i].week, "webhook", *s->chat_webhook != '\0', "mail",
					     mail, "subject", m[i].subject, "text", m[i].text,
					     "items", (json_int_t)m[i].nitems));
			continue;
		}
		printf("--- to %s (%s%s%s) ---\n%s", m[i].handle, *s->chat_webhook ? "webhook" : "",
		       *s->chat_webhook && mail ? ", " : "",
		       mail ? m[i].email : (*s->chat_webhook ? "" : "no channel set up"),
		       m[i].text);
	}
	if (a)
		cli_print_json(a);
	else if (!n)
		printf("Nobody owes an update this week: no reminders.\n");
}

enum { REMIND_DATE, REMIND_DRY_RUN, REMIND_NOPTS };
static const struct opt remind_opts[REMIND_NOPTS] = {
	[REMIND_DATE] = {"date", OPT_STRING, "D",
			 "remind about the week of this day (default: today)"},
	[REMIND_DRY_RUN] = {"dry-run", OPT_FLAG, NULL,
			    "print the messages; claim and send nothing"},
};
static const struct cli_usage remind_usage = {"remind", NULL, 0, 0, OPTS(remind_opts)};

int
cmd_remind(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[REMIND_NOPTS];
	struct remind_settings s = {0};
	struct remind_msg *m = NULL;
	struct notify_run run = {0};
	struct buf line = BUF_INIT;
	const char *pos[1];
	size_t nm = 0;
	int32_t day;
	int rc;

	if ((rc = opt_parse(c, &remind_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	day = c->app.today;
	if (v[REMIND_DATE].set && (rc = cli_date("date", v[REMIND_DATE].value, &day, err)) < 0)
		goto out;
	if (v[REMIND_DRY_RUN].set) {
		if ((rc = app_remind_settings(&c->app, &s, err)) < 0 ||
		    (rc = app_remind_messages(&c->app, day, 0, s.base_url, &m, &nm, err)) < 0)
			goto out;
		print_dry_run(c, &s, m, nm);
		goto out;
	}
	rc = notify_remind(&c->app, day, &run, err);
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < run.n; i++) {
			static const char *const kinds[] = {"sent", "failed", "already", "no_email",
							    "dropped"};
			const struct notify_outcome *o = &run.v[i];

			json_array_append_new(
				a, json_pack("{ss ss ss ss si sI so}", "dri", o->handle, "channel",
					     o->channel, "week", o->week, "outcome", kinds[o->kind],
					     "attempt", o->attempt, "retry_in_ms",
					     (json_int_t)o->retry_in_ms, "error",
					     o->error ? json_string(o->error) : json_null()));
		}
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < run.n; i++) {
			buf_reset(&line);
			notify_outcome_format(&run.v[i], &line);
			/* A failure is claimed and will be retried: said on stderr, not an exit
			 * code. */
			fprintf(run.v[i].kind == NOTIFY_FAILED ? stderr : stdout, "%s%s\n",
				run.v[i].kind == NOTIFY_FAILED ? "okra: remind: " : "", line.buf);
		}
		if (rc == 0 && !run.n)
			printf("Nobody owes an update this week: no reminders.\n");
	}
out:
	buf_release(&line);
	notify_run_release(&run);
	remind_msgs_free(m, nm);
	remind_settings_release(&s);
	opt_release(v, REMIND_NOPTS);
	return rc < 0 ? rc : 0;
}

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
	struct jw *w = NULL;

	if (c->json) {
		w = cli_json_begin();
		jw_array(w);
	}
	for (size_t i = 0; i < n; i++) {
		int mail = *s->smtp_url && m[i].email;

		if (w) {
			jw_object(w);
			jw_kstr(w, "dri", m[i].handle);
			jw_kstr(w, "week", m[i].week);
			jw_kbool(w, "webhook", *s->chat_webhook != '\0');
			jw_kbool(w, "mail", mail);
			jw_kstr(w, "subject", m[i].subject);
			jw_kstr(w, "text", m[i].text);
			jw_kint(w, "items", (int64_t)m[i].nitems);
			jw_end(w);
			continue;
		}
		printf("--- to %s (%s%s%s) ---\n%s", m[i].handle, *s->chat_webhook ? "webhook" : "",
		       *s->chat_webhook && mail ? ", " : "",
		       mail ? m[i].email : (*s->chat_webhook ? "" : "no channel set up"),
		       m[i].text);
	}
	if (w) {
		jw_end(w);
		cli_json_end();
	} else if (!n)
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
		struct jw *w = cli_json_begin();

		jw_array(w);
		for (size_t i = 0; i < run.n; i++) {
			static const char *const kinds[] = {"sent", "failed", "already", "no_email",
							    "dropped"};
			const struct notify_outcome *o = &run.v[i];

			jw_object(w);
			jw_kstr(w, "dri", o->handle);
			jw_kstr(w, "channel", o->channel);
			jw_kstr(w, "week", o->week);
			jw_kstr(w, "outcome", kinds[o->kind]);
			jw_kint(w, "attempt", o->attempt);
			jw_kint(w, "retry_in_ms", o->retry_in_ms);
			jw_kstr(w, "error", o->error);
			jw_end(w);
		}
		jw_end(w);
		cli_json_end();
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

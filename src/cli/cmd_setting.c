/* cmd_setting.c: okra setting set | get | list | test — the admin's settings, as the registry
 * (app/settings.h) names and explains them; secrets are never printed. */
#include "cli/cli.h"

#include "app/json_write.h"
#include "app/remind.h"
#include "app/settings.h"

#include <stdio.h>
#include <string.h>

static const struct cli_usage set_usage = {"setting set", "NAME VALUE", 2, 2,
					   .note = "   (\"\" turns a channel or webhook off)"};

static int
set(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	const char *pos[2];
	int rc;

	if ((rc = opt_parse(c, &set_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		return rc < 0 ? rc : 0;
	rc = app_setting_set(&c->app, pos[0], pos[1], err);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage get_usage = {
	"setting get", "NAME", 1, 1, .note = "         (a secret shows only whether it is set)"};

static int
get(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct buf v = BUF_INIT;
	const struct setting_def *d;
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &get_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (!(d = setting_find(pos[0]))) {
		rc = app_setting_text(&c->app, pos[0], &v, err); /* the "no setting" refusal */
		goto out;
	}
	if ((rc = app_setting_shown(&c->app, d, &v, err)) < 0)
		goto out;
	if (c->json) {
		struct jw *w = cli_json_begin();

		jw_object(w);
		jw_kstr(w, "name", d->name);
		jw_kstr(w, "value", v.buf);
		jw_end(w);
		cli_json_end();
	} else
		printf("%s\n", v.buf);
out:
	buf_release(&v);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage list_usage = {"setting list", NULL, 0, 0,
					    .note = "             (every setting and its value)"};

/* Every setting and its value (a secret only as set or not), one a line. */
static int
list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct buf v = BUF_INIT;
	struct jw *w = c->json ? cli_json_begin() : NULL;
	int rc;

	if ((rc = opt_parse(c, &list_usage, NULL, argc - 1, argv + 1, NULL, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (w)
		jw_object(w);
	for (size_t i = 0; i < setting_count; i++) {
		const struct setting_def *d = &setting_defs[i];

		if ((rc = app_setting_shown(&c->app, d, &v, err)) < 0)
			goto out;
		if (w)
			jw_kstr(w, d->name, v.buf);
		else if (v.len)
			printf("%-24s %s\n", d->name, v.buf);
		else
			printf("%s\n", d->name);
	}
	if (w) {
		jw_end(w);
		cli_json_end();
	}
out:
	buf_release(&v);
	return rc < 0 ? rc : 0;
}

enum { TEST_TO, TEST_NOPTS };
static const struct opt test_opts[TEST_NOPTS] = {
	[TEST_TO] = {"to", OPT_STRING, "ADDRESS",
		     "where the test mail goes (default: your own address)"},
};
static const struct cli_usage test_usage = {
	"setting test",
	"chat|email",
	1,
	1,
	OPTS(test_opts),
	.json = 1,
	.note = "   (send a test message and say what the channel answered)"};

/* A test message through the chat webhook or the mail server: exit 1 when not delivered. */
static int
test(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[TEST_NOPTS];
	struct channel_answer ans;
	struct buf words = BUF_INIT;
	const char *pos[1];
	int rc, email;

	if ((rc = opt_parse(c, &test_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_try_channel(&c->app, pos[0], v[TEST_TO].value, &ans, err)) < 0)
		goto out;
	email = !strcmp(pos[0], "email");
	app_channel_answer_words(email, &ans, &words);
	if (c->json) {
		app_jw_channel_answer(cli_json_begin(), pos[0], &ans, words.buf);
		cli_json_end();
	} else {
		printf("%s\n", words.buf);
	}
	if (!ans.delivered)
		rc = okra_err_set(err, OKRA_EIO, "channel", "the test message was not delivered");
out:
	opt_release(v, TEST_NOPTS);
	buf_release(&words);
	return rc < 0 ? rc : 0;
}

int
cmd_setting(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	static const struct subcommand subs[] = {
		{"set", set, &set_usage},
		{"get", get, &get_usage},
		{"list", list, &list_usage},
		{"test", test, &test_usage},
	};
	int rc = cli_dispatch(c, subs, NELEM(subs), argc, argv, err);

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))) {
		printf("settings:\n");
		for (size_t i = 0; i < setting_count; i++)
			printf("  %s\n      %s (default \"%s\")\n", setting_defs[i].name,
			       setting_defs[i].sentence, setting_defs[i].fallback);
	}
	return rc;
}

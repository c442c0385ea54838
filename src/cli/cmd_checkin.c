/* cmd_checkin.c: okra checkin — a KR DRI's weekly progress and health (R8); okra checkin amend |
 * retract ID — one corrected until the next update day. */
#include "cli/cli.h"

#include <string.h>

#include "app/corrections.h"
#include "app/updates.h"

enum { CHECKIN_VALUE, CHECKIN_PROGRESS, CHECKIN_HEALTH, CHECKIN_NOTE, CHECKIN_NOPTS };
static const struct opt checkin_opts[CHECKIN_NOPTS] = {
	[CHECKIN_VALUE] = {"value", OPT_STRING, "V", "metric: the value measured now", .group = 1},
	[CHECKIN_PROGRESS] = {"progress", OPT_STRING, "P",
			      "metric: progress as a fraction (0.5 = 50%)", .flags = OPT_ALT,
			      .group = 1},
	[CHECKIN_HEALTH] = {"health", OPT_STRING, "H",
			    "on_track, needs_attention or at_risk (required)",
			    .flags = OPT_REQUIRED},
	[CHECKIN_NOTE] = {"note", OPT_STRING, "T", "a short note"},
};
static const struct cli_usage checkin_usage = {"checkin", "KR", 1, 1, OPTS(checkin_opts)};

enum { AMEND_VALUE, AMEND_PROGRESS, AMEND_HEALTH, AMEND_NOTE, AMEND_NOPTS };
static const struct opt amend_opts[AMEND_NOPTS] = {
	[AMEND_VALUE] = {"value", OPT_STRING, "V", "metric: the value it should have said",
			 .group = 1},
	[AMEND_PROGRESS] = {"progress", OPT_STRING, "P", "metric: progress as a fraction",
			    .flags = OPT_ALT, .group = 1},
	[AMEND_HEALTH] = {"health", OPT_STRING, "H", "on_track, needs_attention or at_risk"},
	[AMEND_NOTE] = {"note", OPT_STRING, "T", "the note it should have said"},
};
static const struct cli_usage amend_usage = {
	"checkin amend",
	"ID",
	1,
	1,
	OPTS(amend_opts),
	.note = "    (its author or a leader or admin, until the next update day)"};
static const struct cli_usage retract_usage = {
	"checkin retract", "ID", 1, 1,
	.note = "    (its author or a leader or admin, until the next update day)"};

static int
checkin_amend(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[AMEND_NOPTS];
	struct checkin_amend in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &amend_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0)
		goto out;
	if ((in.has_health = v[AMEND_HEALTH].set) &&
	    (rc = cli_health(v[AMEND_HEALTH].value, &in.health, err)) < 0)
		goto out;
	if ((in.has_value = v[AMEND_VALUE].set) &&
	    (rc = cli_number("value", v[AMEND_VALUE].value, &in.value, err)) < 0)
		goto out;
	if ((in.has_progress = v[AMEND_PROGRESS].set) &&
	    (rc = cli_number("progress", v[AMEND_PROGRESS].value, &in.progress, err)) < 0)
		goto out;
	in.note = v[AMEND_NOTE].value;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_checkin_amend(&c->app, id, &in, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, AMEND_NOPTS);
	return rc < 0 ? rc : 0;
}

int
cmd_checkin(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[CHECKIN_NOPTS];
	struct checkin_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if (c->describe) { /* its subcommands, which its own --help leaves out */
		opt_describe(c->describe, &amend_usage);
		opt_describe(c->describe, &retract_usage);
	}
	if (argc >= 2 && !strcmp(argv[1], "amend"))
		return checkin_amend(c, argc - 1, argv + 1, err);
	if (argc >= 2 && !strcmp(argv[1], "retract"))
		return cli_by_id(c, &retract_usage, "id", app_checkin_retract, argc - 1, argv + 1,
				 err);
	if ((rc = opt_parse(c, &checkin_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("key_result", pos[0], &in.key_result, err)) < 0 ||
	    (rc = cli_health(v[CHECKIN_HEALTH].value, &in.health, err)) < 0)
		goto out;
	if ((in.has_value = v[CHECKIN_VALUE].set) &&
	    (rc = cli_number("value", v[CHECKIN_VALUE].value, &in.value, err)) < 0)
		goto out;
	if ((in.has_progress = v[CHECKIN_PROGRESS].set) &&
	    (rc = cli_number("progress", v[CHECKIN_PROGRESS].value, &in.progress, err)) < 0)
		goto out;
	in.note = v[CHECKIN_NOTE].value;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_checkin(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, CHECKIN_NOPTS);
	return rc < 0 ? rc : 0;
}

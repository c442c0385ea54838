/* cmd_status.c: okra status — an objective DRI's weekly health and one line per KR (R8); okra
 * status amend | retract ID — one corrected until the next update day. */
#include "cli/cli.h"

#include <string.h>

#include "app/corrections.h"
#include "app/updates.h"

enum { STATUS_HEALTH, STATUS_LINE, STATUS_NOPTS };
static const struct opt status_opts[STATUS_NOPTS] = {
	[STATUS_HEALTH] = {"health", OPT_STRING, "H",
			   "on_track, needs_attention or at_risk (required)",
			   .flags = OPT_REQUIRED},
	[STATUS_LINE] = {"line", OPT_LIST, "KR=TEXT",
			 "one line for each key result of the objective", .flags = OPT_REQUIRED},
};
static const struct cli_usage status_usage = {"status", "OBJ", 1, 1, OPTS(status_opts)};

enum { AMEND_HEALTH, AMEND_LINE, AMEND_NOPTS };
static const struct opt amend_opts[AMEND_NOPTS] = {
	[AMEND_HEALTH] = {"health", OPT_STRING, "H", "on_track, needs_attention or at_risk"},
	[AMEND_LINE] = {"line", OPT_LIST, "KR=TEXT", "a key result's line as it should have said"},
};
static const struct cli_usage amend_usage = {
	"status amend",
	"ID",
	1,
	1,
	OPTS(amend_opts),
	.note = "    (its author or a leader or admin, until the next update day)"};
static const struct cli_usage retract_usage = {
	"status retract", "ID", 1, 1,
	.note = "    (its author or a leader or admin, until the next update day)"};

/* Each --line KR=TEXT of l as a status line, in c's arena. */
static int
parse_lines(struct cli *c, const struct strlist *l, struct status_line **out, struct okra_err *err)
{
	struct status_line *lines = arena_calloc(&c->arena, l->n ? l->n : 1, sizeof(*lines));
	int rc;

	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i], *eq = strchr(s, '=');

		if (!eq)
			return okra_err_set(err, OKRA_EUSAGE, "line",
					    "--line is KR=TEXT (the key result's id, '=', its "
					    "line), not %s",
					    s);
		if ((rc = cli_id("line", arena_strndup(&c->arena, s, (size_t)(eq - s)),
				 &lines[i].key_result, err)) < 0)
			return rc;
		lines[i].line = eq + 1;
	}
	*out = lines;
	return 0;
}

static int
status_amend(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[AMEND_NOPTS];
	struct status_amend in = {0};
	struct status_line *lines = NULL;
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &amend_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 ||
	    (rc = parse_lines(c, &v[AMEND_LINE].list, &lines, err)) < 0)
		goto out;
	if ((in.has_health = v[AMEND_HEALTH].set) &&
	    (rc = cli_health(v[AMEND_HEALTH].value, &in.health, err)) < 0)
		goto out;
	in.lines = lines;
	in.nlines = v[AMEND_LINE].list.n;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_status_amend(&c->app, id, &in, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, AMEND_NOPTS);
	return rc < 0 ? rc : 0;
}

int
cmd_status(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[STATUS_NOPTS];
	struct status_input in = {0};
	struct status_line *lines = NULL;
	const char *pos[1];
	int64_t id;
	int rc;

	if (c->describe) { /* its subcommands, which its own --help leaves out */
		opt_describe(c->describe, &amend_usage);
		opt_describe(c->describe, &retract_usage);
	}
	if (argc >= 2 && !strcmp(argv[1], "amend"))
		return status_amend(c, argc - 1, argv + 1, err);
	if (argc >= 2 && !strcmp(argv[1], "retract"))
		return cli_by_id(c, &retract_usage, "id", app_status_retract, argc - 1, argv + 1,
				 err);
	if ((rc = opt_parse(c, &status_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &in.objective, err)) < 0 ||
	    (rc = cli_health(v[STATUS_HEALTH].value, &in.health, err)) < 0 ||
	    (rc = parse_lines(c, &v[STATUS_LINE].list, &lines, err)) < 0)
		goto out;
	in.lines = lines;
	in.nlines = v[STATUS_LINE].list.n;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_status(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, STATUS_NOPTS);
	return rc < 0 ? rc : 0;
}

/* cmd_checkin.c: okra checkin — a KR DRI's weekly progress and health (R8). */
#include "cli/cli.h"

int
cmd_checkin(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"value", OPT_STRING, "V", "metric: the value measured now"},
		{"progress", OPT_STRING, "P", "metric: progress as a fraction (0.5 = 50%)"},
		{"health", OPT_STRING, "H", "on_track, needs_attention or at_risk (required)"},
		{"note", OPT_STRING, "T", "a short note"},
		OPT_END,
	};
	struct checkin_input in = {0};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "checkin KR (--value V | --progress P) --health H [--note T]", opts,
			    argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("key_result", pos[0], &in.key_result, err)) < 0 ||
	    (rc = cli_health(opts[2].value, &in.health, err)) < 0)
		goto out;
	if ((in.has_value = opts[0].set) &&
	    (rc = cli_number("value", opts[0].value, &in.value, err)) < 0)
		goto out;
	if ((in.has_progress = opts[1].set) &&
	    (rc = cli_number("progress", opts[1].value, &in.progress, err)) < 0)
		goto out;
	in.note = opts[3].value;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_checkin(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

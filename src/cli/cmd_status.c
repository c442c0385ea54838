/* cmd_status.c: okra status — an objective DRI's weekly health and one line per KR (R8). */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
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

int
cmd_status(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[STATUS_NOPTS];
	struct status_input in = {0};
	struct status_line *lines = NULL;
	char **keys = NULL;
	const char *pos[1];
	size_t n = 0;
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &status_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &in.objective, err)) < 0 ||
	    (rc = cli_health(v[STATUS_HEALTH].value, &in.health, err)) < 0)
		goto out;
	n = v[STATUS_LINE].list.n;
	lines = xcalloc(n ? n : 1, sizeof(*lines));
	keys = xcalloc(n ? n : 1, sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		const char *s = v[STATUS_LINE].list.v[i], *eq = strchr(s, '=');

		if (!eq) {
			rc = okra_err_set(err, OKRA_EUSAGE, "line",
					  "--line is KR=TEXT (the key result's id, '=', its line), "
					  "not %s",
					  s);
			goto out;
		}
		keys[i] = xstrndup(s, (size_t)(eq - s));
		if ((rc = cli_id("line", keys[i], &lines[i].key_result, err)) < 0)
			goto out;
		lines[i].line = eq + 1;
	}
	in.lines = lines;
	in.nlines = n;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_status(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	for (size_t i = 0; keys && i < n; i++)
		free(keys[i]);
	free(keys);
	free(lines);
	opt_release(v, STATUS_NOPTS);
	return rc < 0 ? rc : 0;
}

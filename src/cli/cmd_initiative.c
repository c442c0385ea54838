/* cmd_initiative.c: okra initiative add | remove — the "how" under a key result (R5). */
#include "cli/cli.h"

#include "app/corrections.h"
#include "app/objectives.h"

#include <string.h>

enum { ADD_TITLE, ADD_REF, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_TITLE] = {"title", OPT_STRING, "T", "how you will achieve the KR (required)",
		       .flags = OPT_REQUIRED},
	[ADD_REF] = {"ref", OPT_STRING, "REF", "the epic it is tracked in"},
};
static const struct cli_usage add_usage = {"initiative add", "KR", 1, 1, OPTS(add_opts)};

static const struct cli_usage remove_usage = {"initiative remove", "ID", 1, 1,
					      .note = "    (one added by mistake)"};

int
cmd_initiative(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	const char *pos[1];
	int64_t kr, id;
	int rc;

	if (argc >= 2 && !strcmp(argv[1], "remove"))
		return cli_by_id(c, &remove_usage, "id", app_initiative_remove, argc - 1, argv + 1,
				 err);
	/* "okra initiative add KR …": the subcommand by default. */
	if (argc >= 2 && !strcmp(argv[1], "add")) {
		argc--;
		argv++;
	}
	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("key_result", pos[0], &kr, err)) < 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_initiative_add(&c->app, kr, v[ADD_TITLE].value, v[ADD_REF].value, &id, err)) <
		    0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

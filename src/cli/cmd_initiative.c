/* cmd_initiative.c: okra initiative add — the "how" under a key result (R5). */
#include "cli/cli.h"

#include <string.h>

int
cmd_initiative(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"title", OPT_STRING, "T", "how you will achieve the KR (required)"},
		{"ref", OPT_STRING, "REF", "the epic it is tracked in"},
		OPT_END,
	};
	const char *pos[1];
	int64_t kr, id;
	int rc;

	/* "okra initiative add KR …": the one subcommand. */
	if (argc >= 2 && !strcmp(argv[1], "add")) {
		argc--;
		argv++;
	}
	if ((rc = opt_parse(c, "initiative add KR --title T [--ref REF]", opts, argc - 1, argv + 1,
			    pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("key_result", pos[0], &kr, err)) < 0)
		goto out;
	if (!opts[0].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "title", "initiative add needs --title");
		goto out;
	}
	if ((rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_initiative_add(&c->app, kr, opts[0].value, opts[1].value, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

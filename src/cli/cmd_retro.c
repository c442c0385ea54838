/* cmd_retro.c: okra retro — Good, Bad and Try before an objective closes (R11). */
#include "cli/cli.h"

int
cmd_retro(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"good", OPT_LIST, "T", "what went well (2-3 when final)"},
		{"bad", OPT_LIST, "T", "what did not go well (2-3 when final)"},
		{"try", OPT_LIST, "T", "what to do differently next time (2-3 when final)"},
		{"final", OPT_FLAG, NULL, "the retro is done: the objective may close"},
		OPT_END,
	};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "retro OBJ [--good T]… [--bad T]… [--try T]… [--final]", opts,
			    argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_retro(&c->app, id, opts[0].set ? &opts[0].list : NULL,
			    opts[1].set ? &opts[1].list : NULL, opts[2].set ? &opts[2].list : NULL,
			    opts[3].set, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

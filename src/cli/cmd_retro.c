/* cmd_retro.c: okra retro — Good, Bad and Try before an objective closes (R11). */
#include "cli/cli.h"

#include "app/updates.h"

enum { RETRO_GOOD, RETRO_BAD, RETRO_TRY, RETRO_FINAL, RETRO_NOPTS };
static const struct opt retro_opts[RETRO_NOPTS] = {
	[RETRO_GOOD] = {"good", OPT_LIST, "T", "what went well (2-3 when final)"},
	[RETRO_BAD] = {"bad", OPT_LIST, "T", "what did not go well (2-3 when final)"},
	[RETRO_TRY] = {"try", OPT_LIST, "T", "what to do differently next time (2-3 when final)"},
	[RETRO_FINAL] = {"final", OPT_FLAG, NULL, "the retro is done: the objective may close"},
};
static const struct cli_usage retro_usage = {"retro", "OBJ", 1, 1, OPTS(retro_opts)};

/* A list option as app_retro takes it: NULL when not given. */
static const struct strlist *
given(const struct optv *v)
{
	return v->set ? &v->list : NULL;
}

int
cmd_retro(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[RETRO_NOPTS];
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &retro_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_retro(&c->app, id, given(&v[RETRO_GOOD]), given(&v[RETRO_BAD]),
			    given(&v[RETRO_TRY]), v[RETRO_FINAL].set, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, RETRO_NOPTS);
	return rc < 0 ? rc : 0;
}

/* cmd_link.c: okra link add | close | reopen — an objective's Linked Epics and Issues (R6). */
#include "cli/cli.h"

static int
link_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"ref", OPT_STRING, "REF", "epic or issue: group/project#123, group&45, URL"},
		{"title", OPT_STRING, "T", "a short title"},
		OPT_END,
	};
	const char *pos[1];
	int64_t obj, id;
	int rc;

	if ((rc = opt_parse(c, "link add OBJ --ref REF [--title T]", opts, argc - 1, argv + 1, pos,
			    1, 1, err)) != 0 ||
	    (rc = cli_id("objective", pos[0], &obj, err)) < 0)
		goto out;
	if (!opts[0].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "ref", "link add needs --ref");
		goto out;
	}
	if ((rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_link_add(&c->app, obj, opts[0].value, opts[1].value, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
link_close(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, argc, argv, ITEM_CLOSED, err);
}

static int
link_reopen(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, argc, argv, ITEM_OPEN, err);
}

static const struct subcommand subs[] = {
	{"add", link_add, "link add OBJ --ref REF [--title T]"},
	{"close", link_close, "link close REF"},
	{"reopen", link_reopen, "link reopen REF"},
};

int
cmd_link(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

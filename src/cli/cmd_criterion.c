/* cmd_criterion.c: okra criterion add | close | reopen — the scoring criteria of R7 and R9. */
#include "cli/cli.h"

#include <stdio.h>

static int
criterion_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"ref", OPT_STRING, "REF", "epic or issue: group/project#123, group&45, URL"},
		{"contribution", OPT_STRING, "PCT", "its share of the KR in percent (R7)"},
		{"title", OPT_STRING, "T", "a short title"},
		OPT_END,
	};
	const char *pos[1];
	double pct;
	int64_t kr, id;
	int rc;

	if ((rc = opt_parse(c, "criterion add KR --ref REF --contribution PCT [--title T]", opts,
			    argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("key_result", pos[0], &kr, err)) < 0)
		goto out;
	if (!opts[0].set || !opts[1].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "",
				  "criterion add needs --ref and --contribution");
		goto out;
	}
	if ((rc = cli_number("contribution", opts[1].value, &pct, err)) < 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_criterion_add(&c->app, kr, opts[0].value, pct, opts[2].value, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

int
cli_ref_state(struct cli *c, int argc, char **argv, enum item_state state, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	const char *pos[1];
	int64_t changed;
	int rc;

	if ((rc = opt_parse(c,
			    state == ITEM_CLOSED ? "criterion close REF" : "criterion reopen REF",
			    opts, argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_ref_set_state(&c->app, pos[0], state, SOURCE_MANUAL, &changed, err)) < 0)
		return rc < 0 ? rc : 0;
	if (!changed)
		fprintf(stderr, "okra: %s was %s already\n", pos[0], item_state_name(state));
	printf("%lld\n", (long long)changed);
	return 0;
}

static int
criterion_close(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, argc, argv, ITEM_CLOSED, err);
}

static int
criterion_reopen(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_ref_state(c, argc, argv, ITEM_OPEN, err);
}

static const struct subcommand subs[] = {
	{"add", criterion_add, "criterion add KR --ref REF --contribution PCT [--title T]"},
	{"close", criterion_close, "criterion close REF    (prints how many items changed)"},
	{"reopen", criterion_reopen, "criterion reopen REF"},
};

int
cmd_criterion(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

/* cmd_token.c: okra token add | revoke — API tokens for scripts (Authorization: Bearer). */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>

static int
token_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"name", OPT_STRING, "N", "a label to tell tokens apart (at most 100 bytes)"},
		OPT_END,
	};
	char token[APP_SECRET_LEN + 1] = "";
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "token add HANDLE [--name N]", opts, argc - 1, argv + 1, pos, 1, 1,
			    err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_token_add(&c->app, pos[0], opts[0].value, &id, token, err)) < 0)
		goto out;
	/*
	 * The token is shown this once (only its hash is kept), alone on stdout so
	 * TOKEN=$(okra token add pat) works; the id, needed to revoke it, goes to
	 * stderr. --json gives both.
	 */
	if (c->json) {
		cli_print_json(json_pack("{sI ss}", "id", (json_int_t)id, "token", token));
	} else {
		printf("%s\n", token);
		fprintf(stderr, "okra: API token %lld for %s; revoke it with: okra token revoke %lld\n",
			(long long)id, pos[0], (long long)id);
	}
out:
	sodium_memzero(token, sizeof(token));
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

static int
token_revoke(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, "token revoke ID", opts, argc - 1, argv + 1, pos, 1, 1, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_token_revoke(&c->app, id, err)) < 0)
		return rc < 0 ? rc : 0;
	return 0;
}

static const struct subcommand subs[] = {
	{"add", token_add, "token add HANDLE [--name N]  (prints the token once)"},
	{"revoke", token_revoke, "token revoke ID"},
};

int
cmd_token(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

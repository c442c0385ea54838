/* cmd_token.c: okra token add | list | revoke — API tokens for scripts (Bearer auth). */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/json.h"
#include "core/calendar.h"

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
		fprintf(stderr,
			"okra: API token %lld for %s; revoke it with: okra token revoke %lld\n",
			(long long)id, pos[0], (long long)id);
	}
out:
	sodium_memzero(token, sizeof(token));
	opt_release(opts);
	return rc < 0 ? rc : 0;
}

/* One token a line: id, whose, state, when made and last used, and its label. */
static void
print_token(const struct token_row *t)
{
	char made[21], used[21] = "never", revoked[21];

	cal_format_instant(t->created_at, made);
	if (t->last_used_at)
		cal_format_instant(t->last_used_at, used);
	printf("%-6lld %-12s ", (long long)t->id, t->handle);
	if (t->revoked_at) {
		cal_format_instant(t->revoked_at, revoked);
		printf("revoked %s", revoked);
	} else {
		printf("live");
	}
	printf("  made %s  last used %s", made, used);
	if (*t->name)
		printf("  %s", t->name);
	putchar('\n');
}

static int
token_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"all", OPT_FLAG, NULL, "every person's tokens (admins)"},
		OPT_END,
	};
	struct token_row *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, "token list [HANDLE] [--all] [--json]", opts, argc - 1, argv + 1,
			    pos, 0, 1, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_token_list(&c->app, pos[0], opts[0].set, &v, &n, err)) < 0)
		goto out;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, app_json_token(&v[i]));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++)
			print_token(&v[i]);
	}
out:
	for (size_t i = 0; i < n; i++)
		token_row_release(&v[i]);
	free(v);
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
	{"list", token_list, "token list [HANDLE] [--all] [--json]  (never shows a token)"},
	{"revoke", token_revoke, "token revoke ID"},
};

int
cmd_token(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

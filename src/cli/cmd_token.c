/* cmd_token.c: okra token add | list | revoke — API tokens for scripts (Bearer auth). */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "app/auth.h"

enum { ADD_NAME, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_NAME] = {"name", OPT_STRING, "N", "a label to tell tokens apart (at most 100 bytes)"},
};
static const struct cli_usage add_usage = {
	"token add", "HANDLE", 1, 1, OPTS(add_opts), .note = "  (prints the token once)"};

static int
token_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	char token[APP_SECRET_LEN + 1] = "";
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_token_add(&c->app, pos[0], v[ADD_NAME].value, &id, token, err)) < 0)
		goto out;
	/*
	 * The token is shown this once (only its hash is kept), alone on stdout so
	 * TOKEN=$(okra token add pat) works; the id, needed to revoke it, goes to
	 * stderr. --json gives both.
	 */
	if (c->json) {
		struct jw *w = cli_json_begin();

		jw_object(w);
		jw_kint(w, "id", id);
		jw_kstr(w, "token", token);
		jw_end(w);
		cli_json_end();
	} else {
		printf("%s\n", token);
		fprintf(stderr,
			"okra: API token %lld for %s; revoke it with: okra token revoke %lld\n",
			(long long)id, pos[0], (long long)id);
	}
out:
	sodium_memzero(token, sizeof(token));
	opt_release(v, ADD_NOPTS);
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

enum { LIST_ALL, LIST_NOPTS };
static const struct opt list_opts[LIST_NOPTS] = {
	[LIST_ALL] = {"all", OPT_FLAG, NULL, "every person's tokens (admins)"},
};
static const struct cli_usage list_usage = {"token list",
					    "[HANDLE]",
					    0,
					    1,
					    OPTS(list_opts),
					    .json = 1,
					    .note = "  (never shows a token)"};

static int
token_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv o[LIST_NOPTS];
	struct token_row *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, &list_usage, o, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_token_list(&c->app, pos[0], o[LIST_ALL].set, &v, &n, err)) < 0)
		goto out;
	if (c->json) {
		struct jw *w = cli_json_begin();

		jw_array(w);
		for (size_t i = 0; i < n; i++)
			app_jw_token(w, &v[i]);
		jw_end(w);
		cli_json_end();
	} else {
		for (size_t i = 0; i < n; i++)
			print_token(&v[i]);
	}
out:
	for (size_t i = 0; i < n; i++)
		token_row_release(&v[i]);
	free(v);
	opt_release(o, LIST_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage revoke_usage = {"token revoke", "ID", 1, 1};

static int
token_revoke(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &revoke_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_token_revoke(&c->app, id, err)) < 0)
		return rc < 0 ? rc : 0;
	return 0;
}

static const struct subcommand subs[] = {
	{"add", token_add, &add_usage},
	{"list", token_list, &list_usage},
	{"revoke", token_revoke, &revoke_usage},
};

int
cmd_token(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

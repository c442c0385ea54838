/* meta.c: the hidden commands that describe okra to its man pages and its shell completion. */
#include "cli/cli.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/reads.h"
#include "app/settings.h"

struct meta_command {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv, struct okra_err *err);
	const char *help;
};

static const struct meta_command meta_commands[] = {
#define META_ENTRY(name, help) {#name, cmd_##name, help},
	CLI_COMMANDS(META_ENTRY)
#undef META_ENTRY
};

/* Each command's usages, as its --help would show them, written into w. */
static void
describe_commands(struct cli *c, struct jw *w)
{
	struct okra_err err = {0};
	int saved, null;

	/* A command may say more than its usage on --help (setting lists the settings). */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	c->describe = w;
	jw_key(w, "commands");
	jw_array(w);
	for (size_t i = 0; i < NELEM(meta_commands); i++) {
		char name[32], help[] = "--help";
		char *argv[] = {name, help, NULL};

		snprintf(name, sizeof(name), "%s", meta_commands[i].name);

		jw_object(w);
		jw_kstr(w, "name", meta_commands[i].name);
		jw_kstr(w, "help", meta_commands[i].help);
		jw_key(w, "usages");
		jw_array(w);
		meta_commands[i].fn(c, 2, argv, &err);
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
	c->describe = NULL;
	fflush(stdout);
	if (saved >= 0) {
		dup2(saved, STDOUT_FILENO);
		close(saved);
	}
}

static void
describe_settings(struct jw *w)
{
	jw_key(w, "settings");
	jw_array(w);
	for (size_t i = 0; i < setting_count; i++) {
		jw_object(w);
		jw_kstr(w, "name", setting_defs[i].name);
		jw_kstr(w, "sentence", setting_defs[i].sentence);
		jw_kstr(w, "default", setting_defs[i].fallback);
		jw_end(w);
	}
	jw_end(w);
}

/* okra __describe: the global options, every command's usages and the settings, as JSON. */
int
cli_describe(struct cli *c)
{
	struct jw *w = cli_json_begin();

	jw_object(w);
	jw_kstr(w, "version", cli_version);
	jw_key(w, "global");
	opt_describe(w, &cli_global_usage);
	describe_commands(c, w);
	describe_settings(w);
	jw_end(w);
	cli_json_end();
	return 0;
}

static int
complete_people(struct cli *c, struct okra_err *err)
{
	struct person *v = NULL;
	size_t n = 0;
	int rc = app_people(&c->app, &c->arena, &v, &n, err);

	for (size_t i = 0; i < n; i++)
		printf("%s\n", v[i].handle);
	return rc;
}

static int
complete_teams(struct cli *c, struct okra_err *err)
{
	struct team *v = NULL;
	size_t n = 0;
	int rc = app_teams(&c->app, &c->arena, &v, &n, err);

	for (size_t i = 0; i < n; i++)
		printf("%s\n", v[i].slug);
	return rc;
}

static int
complete_cycles(struct cli *c, struct okra_err *err)
{
	struct cycle *v = NULL;
	size_t n = 0;
	int rc = app_cycles(&c->app, &c->arena, &v, &n, err);

	for (size_t i = 0; i < n; i++)
		printf("%s\n", v[i].name);
	return rc;
}

/* The current quarter's objectives' or key results' ids. */
static int
complete_ids(struct cli *c, int krs, struct okra_err *err)
{
	struct app_tree t;
	int rc = app_tree(&c->app, &c->arena, NULL, &t, err);

	for (size_t i = 0; rc == 0 && i < t.n; i++) {
		if (!krs)
			printf("%lld\n", (long long)t.v[i].id);
		for (size_t k = 0; krs && k < t.v[i].nkrs; k++)
			printf("%lld\n", (long long)t.v[i].krs[k].id);
	}
	return rc;
}

/*
 * okra __complete KIND: the words a shell completes from the database, one a line: handles,
 * teams, cycles, objectives (ids) or krs (ids). Silent, and exit 0, when there is no database:
 * a completion never prints an error into a command line.
 */
int
cli_complete(struct cli *c, const char *kind)
{
	struct okra_err err = {0};

	if (!kind || cli_open(c, 0, &err) < 0)
		return 0;
	if (!strcmp(kind, "handles"))
		complete_people(c, &err);
	else if (!strcmp(kind, "teams"))
		complete_teams(c, &err);
	else if (!strcmp(kind, "cycles"))
		complete_cycles(c, &err);
	else if (!strcmp(kind, "objectives") || !strcmp(kind, "krs"))
		complete_ids(c, kind[0] == 'k', &err);
	return 0;
}

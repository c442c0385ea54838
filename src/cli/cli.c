/* cli.c: okra's command table, global options, exit codes and output helpers. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/remind.h"
#include "notify/notify.h"
#include "util/buf.h"
#include "util/uri.h"

/* The build's version (the Makefile passes git describe's), for --version and the man pages. */
#ifndef OKRA_VERSION
#define OKRA_VERSION "0.1.0"
#endif
const char cli_version[] = OKRA_VERSION;

/* The options before the command, parsed by cli_main below (keep the two together). */
static const struct opt global_opts[] = {
	{"db", OPT_STRING, "PATH",
	 "the database: a SQLite file or a postgresql:// URI (default "
	 "$OKRA_DB, else ./okra.db)"},
	{"as", OPT_STRING, "HANDLE", "act as this person (default $OKRA_USER)"},
	{"json", OPT_FLAG, NULL, "print JSON instead of text (also after the command)"},
	{"version", OPT_FLAG, NULL, "print okra's version", OPT_HIDDEN},
	{"help", OPT_FLAG, NULL, "list the commands", OPT_HIDDEN},
};
const struct cli_usage cli_global_usage = {"okra", NULL, 0, 0, OPTS(global_opts)};

struct command {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv, struct okra_err *err);
	const char *help;
};

static const struct command commands[] = {
#define CLI_ENTRY(name, help) {#name, cmd_##name, help},
	CLI_COMMANDS(CLI_ENTRY)
#undef CLI_ENTRY
};

static void
usage(FILE *f)
{
	struct buf line = BUF_INIT;

	opt_usage_line(&cli_global_usage, &line);
	fprintf(f, "usage: %s COMMAND [ARGS]\n\n", line.buf);
	buf_release(&line);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].help);
	fprintf(f,
		"\n'okra COMMAND --help' tells more. The database is --db, $OKRA_DB or "
		"./okra.db;\nOKRA_NOW=YYYY-MM-DD[THH:MM] sets the clock.\n");
}

int
cli_open(struct cli *c, int create, struct okra_err *err)
{
	const char *as = c->as && *c->as ? c->as : getenv("OKRA_USER");
	int rc;

	if (c->app_open)
		return 0;
	/* A SQLite file that is not there is not created by a command that needs one. */
	if (!create && !uri_is_postgres(c->db) && access(c->db, F_OK) != 0)
		return okra_err_set(err, OKRA_ENOTFOUND, "db",
				    "no database at %s: create one with okra init (or okra demo)",
				    c->db);
	if ((rc = (create ? app_open : app_open_existing)(&c->app, c->db, err)) < 0)
		return rc;
	c->app_open = 1;
	return app_act_as(&c->app, as && *as ? as : NULL, err);
}

static struct buf json_out = BUF_INIT;
static struct jw json_w;

struct jw *
cli_json_begin(void)
{
	buf_reset(&json_out);
	jw_init(&json_w, &json_out, 2);
	return &json_w;
}

void
cli_json_end(void)
{
	jw_release(&json_w);
	puts(json_out.buf);
	buf_release(&json_out);
}

void
cli_print_id(int64_t id)
{
	printf("%lld\n", (long long)id);
}

static int
exit_code(int rc)
{
	if (rc == 0)
		return 0;
	return rc == OKRA_EUSAGE ? 2 : 1;
}

int
cli_main(int argc, char **argv)
{
	struct cli c = {0};
	struct okra_err err = {0};
	const struct command *cmd = NULL;
	const char *env = getenv("OKRA_DB");
	int i, rc;

	c.db = env && *env ? env : "okra.db";
	c.db_given = env && *env;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("okra %s\n", cli_version);
			return 0;
		} else if (!strcmp(a, "--json")) {
			c.json = 1;
		} else if ((!strcmp(a, "--db") || !strcmp(a, "--as")) && i + 1 < argc) {
			if (a[2] == 'd') {
				c.db = argv[++i];
				c.db_given = 1;
			} else {
				c.as = argv[++i];
			}
		} else if (!strncmp(a, "--db=", 5)) {
			c.db = a + 5;
			c.db_given = 1;
		} else if (!strncmp(a, "--as=", 5)) {
			c.as = a + 5;
		} else {
			fprintf(stderr, "okra: unknown option %s (see: okra --help)\n", a);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	/* Hidden: what the man pages and the shell completion are made from (meta.c). */
	if (!strcmp(argv[i], "__describe"))
		return cli_describe(&c);
	if (!strcmp(argv[i], "__complete")) {
		rc = cli_complete(&c, i + 1 < argc ? argv[i + 1] : NULL);
		if (c.app_open)
			app_close(&c.app);
		arena_release(&c.arena);
		return rc;
	}
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (!strcmp(argv[i], commands[k].name))
			cmd = &commands[k];
	if (!cmd) {
		fprintf(stderr, "okra: '%s' is not a command (see: okra --help)\n", argv[i]);
		return 2;
	}
	app_set_channel_sender(notify_send_test); /* test messages (okra setting test, serve) */
	rc = cmd->fn(&c, argc - i, argv + i, &err);
	if (rc < 0) {
		const char *msg = err.msg[0] ? err.msg : okra_code_msg(rc);

		/* One line, always: a message never carries a newline to stderr. */
		fputs("okra: ", stderr);
		for (const char *p = msg; *p; p++)
			fputc(*p == '\n' || *p == '\r' ? ' ' : *p, stderr);
		fputc('\n', stderr);
	}
	if (c.app_open)
		app_close(&c.app);
	arena_release(&c.arena);
	if (fflush(stdout) != 0 && rc == 0) {
		perror("okra: stdout");
		return 1;
	}
	return exit_code(rc < 0 ? rc : 0);
}

int
cli_dispatch(struct cli *c, const struct subcommand *subs, size_t n, int argc, char **argv,
	     struct okra_err *err)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) && c->describe) {
		for (size_t i = 0; i < n; i++)
			opt_describe(c->describe, subs[i].usage);
		return 0;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))) {
		struct buf line = BUF_INIT;

		printf("usage:\n");
		for (size_t i = 0; i < n; i++) {
			buf_reset(&line);
			opt_usage_line(subs[i].usage, &line);
			printf("  okra %s%s\n", line.buf,
			       subs[i].usage->note ? subs[i].usage->note : "");
		}
		buf_release(&line);
		return 0;
	}
	for (size_t i = 0; argc >= 2 && i < n; i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].fn(c, argc - 1, argv + 1, err);
	{
		struct buf names = BUF_INIT;
		int rc;

		for (size_t i = 0; i < n; i++)
			buf_addf(&names, "%s%s", i ? ", " : "", subs[i].name);
		rc = okra_err_set(err, OKRA_EUSAGE, "", "%s needs a subcommand: %s", argv[0],
				  names.buf);
		buf_release(&names);
		return rc;
	}
}

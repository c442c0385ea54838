/* cli.h: the command line: option parsing, the command table, output helpers. */
#ifndef OKRA_CLI_H
#define OKRA_CLI_H

#include <stdio.h>

#include "app/app.h"
#include "app/tree.h"
#include "cli/opt.h"
#include "core/types.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/jw.h"

/* What every command receives: the opened app, its arena and the global flags. */
struct cli {
	struct app app;
	struct arena arena; /* what the command reads lives here, freed when it ends */
	const char *db;
	int db_given; /* by --db or $OKRA_DB (else a configuration file's database may say) */
	const char *as;
	int json;
	int app_open;
	struct jw *describe; /* okra __describe: --help writes each usage here instead (opt.h) */
};

/* Open the store (and act as --as / $OKRA_USER) on first use. */
int cli_open(struct cli *c, int create, struct okra_err *err);

/*
 * Output: JSON (indented, one document), or one id per write. cli_json_begin
 * gives a writer; the command writes one value and cli_json_end prints it
 * (a command that fails before the end prints nothing).
 */
struct jw *cli_json_begin(void);
void cli_json_end(void);
void cli_print_id(int64_t id);

/* Strict parsing of flag values into the err's field. */
int cli_number(const char *field, const char *s, double *out, struct okra_err *err);
int cli_id(const char *field, const char *s, int64_t *out, struct okra_err *err);
int cli_date(const char *field, const char *s, int32_t *out, struct okra_err *err);
int cli_health(const char *s, enum health *out, struct okra_err *err);
/* An optional number flag: *set says whether it was given; one given is parsed as cli_number. */
int cli_number_opt(const char *field, const struct optv *o, int *set, double *out,
		   struct okra_err *err);

/* Text rendering of the rolled-up tree and one objective. */
void render_tree(FILE *f, const struct app_tree *t, int32_t today);
void render_objective(FILE *f, const struct app_tree *t, size_t idx);
/* Pace (core/pace.h) as " · expected …" text, and a KR's " · forecast 87% by D"; nothing when
 * unknown. */
void render_pace(FILE *f, const struct pace *p, enum health recorded);
void render_forecast(FILE *f, const struct key_result *kr);

/* The commands (one file each). argv[0] is the command word. */
#define CLI_COMMANDS(X)                                                                            \
	X(init, "create the database and set the fiscal year and update day")                      \
	X(demo, "load the example company of the handbook into an empty database")                 \
	X(person, "add and list people (admin)")                                                   \
	X(team, "add teams and members (admin)")                                                   \
	X(cycle, "plan years and quarters")                                                        \
	X(objective, "add, list, show, edit and close objectives")                                 \
	X(kr, "add, show and edit key results")                                                    \
	X(criterion, "scoring criteria of a KR: add, close, reopen")                               \
	X(initiative, "add an initiative (how) under a key result")                                \
	X(link, "link an epic or issue to an objective")                                           \
	X(checkin, "record a key result's progress and health")                                    \
	X(status, "record an objective's health and one line per key result")                      \
	X(retro, "write the Good/Bad/Try retro of an objective")                                   \
	X(comment, "comment on an objective, a KR or a check-in; @mention people")                 \
	X(due, "who owes which update this week")                                                  \
	X(remind, "send this week's reminders to the DRIs who owe an update")                      \
	X(sync, "ask the forges about the items okra tracks; apply the closes webhooks missed")    \
	X(report, "the weekly report as Markdown (report weekly)")                                 \
	X(setting, "change a setting: update day, reminders (admin)")                              \
	X(tree, "the rolled-up tree of a cycle")                                                   \
	X(search, "find objectives, key results, notes, statuses, retros, comments by words")      \
	X(lint, "check OKRs against good practice")                                                \
	X(serve, "serve the JSON API and the web pages")                                           \
	X(user, "set a person's password")                                                         \
	X(token, "API tokens: add, list, revoke")                                                  \
	X(backup, "copy the live database into FILE, consistently (admin)")                        \
	X(check, "check the database is whole: integrity, keys, okra's invariants")                \
	X(migrate,                                                                                 \
	  "copy the database into an empty one, e.g. PostgreSQL (migrate --to URI, admin)")        \
	X(export,                                                                                  \
	  "write the OKRs as handbook Markdown, JSON or CSV (export --format md|json|csv)")        \
	X(import, "read handbook Markdown (or a JSON export) back: import FILE")

#define CLI_DECLARE(name, help)                                                                    \
	int cmd_##name(struct cli *c, int argc, char **argv, struct okra_err *err);
CLI_COMMANDS(CLI_DECLARE)
#undef CLI_DECLARE

/* criterion/link close|reopen REF: the ref moves everywhere it is used. */
int cli_ref_state(struct cli *c, const struct cli_usage *u, int argc, char **argv,
		  enum item_state state, struct okra_err *err);

/* by_id.c: a subcommand whose one positional is an id handed to fn (remove, delete, retract). */
int cli_by_id(struct cli *c, const struct cli_usage *u, const char *field,
	      int (*fn)(struct app *a, int64_t id, struct okra_err *err), int argc, char **argv,
	      struct okra_err *err);

int cli_main(int argc, char **argv);

/* okra's version, and the options before the command (okra [--db PATH] …). */
extern const char cli_version[];
extern const struct cli_usage cli_global_usage;
/* meta.c: okra __describe (JSON of every usage, for the man pages and the completion) and
 * okra __complete KIND (handles, teams, cycles, objectives, krs: one a line). */
int cli_describe(struct cli *c);
int cli_complete(struct cli *c, const char *kind);

#endif

#ifndef OKRA_CLI_SUB
#define OKRA_CLI_SUB
/* Commands with subcommands ("okra person add") dispatch through a table of these. */
struct subcommand {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv, struct okra_err *err);
	const struct cli_usage *usage;
};
/* argv[0] is the command, argv[1] the subcommand; the subcommand sees argv + 1. */
int cli_dispatch(struct cli *c, const struct subcommand *subs, size_t n, int argc, char **argv,
		 struct okra_err *err);
/* cmd_kr_source.c: okra kr source set|clear|show|read KR (a subcommand of okra kr). */
extern const struct cli_usage cli_kr_source_usage;
int cli_kr_source(struct cli *c, int argc, char **argv, struct okra_err *err);
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#endif

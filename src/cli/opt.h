/* opt.h: a command's options as a table indexed by its own enum, and the usage line made from it.
 */
#ifndef OKRA_CLI_OPT_H
#define OKRA_CLI_OPT_H

#include <stddef.h>

#include "core/types.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jw.h"

struct cli;

enum opt_type { OPT_FLAG, OPT_STRING, OPT_LIST };

/* How an option shows in the usage line. */
enum {
	OPT_REQUIRED = 1, /* "--title T", not "[--title T]" */
	OPT_ALT = 2,    /* in a group, starts the next alternative: "(--value V | --progress P)" */
	OPT_HIDDEN = 4, /* accepted and listed by --help, left out of the usage line */
};

/*
 * One row of a command's option table. A command declares an enum with one
 * constant per option and a last one for the count, and a table of that size
 * with designated rows, so the constant is the row:
 *
 *     enum { CHECKIN_VALUE, CHECKIN_HEALTH, CHECKIN_NOPTS };
 *     static const struct opt checkin_opts[CHECKIN_NOPTS] = {
 *             [CHECKIN_VALUE] = {"value", OPT_STRING, "V", "the value measured now"},
 *             [CHECKIN_HEALTH] = {"health", OPT_STRING, "H", "…", OPT_REQUIRED},
 *     };
 *
 * A row more than the enum does not compile; a row fewer leaves a hole that
 * opt_parse and the usage line refuse (abort), and `okra CMD --help` reaches
 * every table (tests/cli/t03-refusals.sh runs it for each).
 */
struct opt {
	const char *name; /* "title" for --title */
	enum opt_type type;
	const char *arg;  /* placeholder in the usage line and in help: "T", "year|quarter" */
	const char *help; /* the sentence --help prints after it */
	unsigned flags;   /* OPT_REQUIRED, OPT_ALT, OPT_HIDDEN */
	int group;        /* rows with the same group > 0 show together: "[--score S --reason T]",
			     bracketed (…) when one of them has OPT_ALT, else […] */
};

/* What was given for one option: filled by opt_parse, freed by opt_release. */
struct optv {
	int set;
	const char *value;   /* OPT_STRING: the last one given */
	struct strlist list; /* OPT_LIST: every one given, in order */
};

/* A command or subcommand: its words, positionals and options, whence its usage line. */
struct cli_usage {
	const char *words; /* "objective add" */
	const char *args;  /* the positionals as the usage line shows them: "ID", "[HANDLE]" */
	int minpos, maxpos;
	const struct opt *opts; /* nopts rows, or NULL */
	size_t nopts;
	int json;         /* writes JSON with --json: the line ends in "[--json]" */
	const char *note; /* said after the line in help: "    (prints the token once)" */
};
#define OPTS(table) (table), (sizeof(table) / sizeof((table)[0]))

/* The usage line: words, positionals, then the options in table order (see struct opt). */
void opt_usage_line(const struct cli_usage *u, struct buf *out);

/* The usage as a JSON object (words, args, line, json, note, options), for okra __describe. */
void opt_describe(struct jw *w, const struct cli_usage *u);

/*
 * Parse argv (after the command words) against u->opts into v (u->nopts
 * entries; NULL when none): "--name value", "--name=value", flags, and
 * positionals into pos (u->minpos to u->maxpos of them; the rest NULL).
 * "--help" prints the usage line and the options (or, under c->describe, writes
 * opt_describe there) and returns 1. Returns 0,
 * 1, or OKRA_EUSAGE with err filled. A "--json" is accepted anywhere and sets
 * c->json.
 */
int opt_parse(struct cli *c, const struct cli_usage *u, struct optv *v, int argc, char **argv,
	      const char **pos, struct okra_err *err);
/* OKRA_EUSAGE "objective add needs --cycle, --dri and --title" unless every OPT_REQUIRED option
 * was given; 0 then. */
int opt_require(const struct cli_usage *u, const struct optv *v, struct okra_err *err);
void opt_release(struct optv *v, size_t n);

#endif

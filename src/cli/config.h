/* config.h: a command's options read from a configuration file of key = value lines. */
#ifndef OKRA_CLI_CONFIG_H
#define OKRA_CLI_CONFIG_H

#include "cli/opt.h"
#include "core/types.h"
#include "util/err.h"

#define CONF_MAX_OPTS 32

/*
 * What a file said. Its keys are the options of one command (a cli_usage) with "_" for "-"
 * ("max_connections = 500"), a flag taking true/false (yes/no, on/off, 1/0), plus
 * `database` (what --db says) and `database_password_file` (a file whose first line is the
 * PostgreSQL password). Blank lines and lines starting with # are skipped; a value may be in
 * double quotes. An unknown key, a key given twice, a line without "=" or a flag's value that
 * is not one of those words is refused with FILE:LINE.
 */
struct conf {
	char *path;
	char *val[CONF_MAX_OPTS]; /* by option index; a flag set to true is "true", false NULL */
	int line[CONF_MAX_OPTS];  /* where each was given, 0 when not */
	char *database, *password_file;
	int database_line, password_file_line;
	char *password_from; /* set by conf_password: the file the password came from */
};

int conf_load(const char *path, const struct cli_usage *u, struct conf *cf, struct okra_err *err);
void conf_release(struct conf *cf);

/* The file's options as arguments ("--listen", "…", "--quiet"), for opt_parse before the
 * command line's own, so the command line wins. */
void conf_args(const struct conf *cf, const struct cli_usage *u, struct strlist *args);

/*
 * When err names an option (err->field) whose value came from the file, and the command line
 * (given) did not override it, prefix err's message with "FILE:LINE: ".
 */
void conf_blame(const struct conf *cf, const struct cli_usage *u, const struct optv *given,
		struct okra_err *err);

/*
 * The database password, when the file names one (database_password_file) or the service
 * manager passed a credential named okra-db-password ($CREDENTIALS_DIRECTORY), goes to
 * PGPASSWORD for libpq, so it is never on a command line or in a URI; cf->password_from
 * then names the file.
 */
int conf_password(struct conf *cf, struct okra_err *err);

#endif

/* config.c: okra.conf — a command's options as key = value lines, with their line numbers. */
#include "cli/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* The credential the unit passes (LoadCredential=okra-db-password:…). */
#define CREDENTIAL_NAME "okra-db-password"

void
conf_release(struct conf *cf)
{
	for (size_t i = 0; i < CONF_MAX_OPTS; i++)
		free(cf->val[i]);
	free(cf->path);
	free(cf->database);
	free(cf->password_file);
	free(cf->password_from);
	*cf = (struct conf){0};
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* 1 true, 0 false, -1 neither. */
static int
truth(const char *s)
{
	static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no",
										    "off", "0"};

	for (size_t i = 0; i < 4; i++) {
		if (!strcmp(s, yes[i]))
			return 1;
		if (!strcmp(s, no[i]))
			return 0;
	}
	return -1;
}

static void
known_keys(const struct cli_usage *u, struct buf *b)
{
	buf_adds(b, "database, database_password_file");
	for (size_t i = 0; i < u->nopts; i++) {
		if (!strcmp(u->opts[i].name, "config"))
			continue;
		buf_adds(b, ", ");
		for (const char *p = u->opts[i].name; *p; p++)
			buf_addch(b, *p == '-' ? '_' : *p);
	}
}

/* The option whose name is key with "_" for "-"; -1 when none (or "config" itself). */
static int
key_index(const struct cli_usage *u, const char *key)
{
	char name[64];
	size_t len = strlen(key);

	if (len >= sizeof(name))
		return -1;
	for (size_t i = 0; i <= len; i++)
		name[i] = key[i] == '_' ? '-' : key[i];
	for (size_t i = 0; i < u->nopts; i++)
		if (!strcmp(u->opts[i].name, name) && strcmp(name, "config"))
			return (int)i;
	return -1;
}

/* A string key (database, database_password_file) into *slot, once. */
static int
set_once(struct conf *cf, char **slot, int *slot_line, const char *key, const char *value, int line,
	 struct okra_err *err)
{
	if (*slot)
		return okra_err_set(err, OKRA_EINVAL, "config",
				    "%s:%d: %s given twice (first on line %d)", cf->path, line, key,
				    *slot_line);
	*slot = xstrdup(value);
	*slot_line = line;
	return 0;
}

static int
conf_line(struct conf *cf, const struct cli_usage *u, char *s, int line, struct okra_err *err)
{
	char *eq = strchr(s, '='), *key, *value;
	struct buf known = BUF_INIT;
	int i, t, rc;

	if (!eq)
		return okra_err_set(err, OKRA_EINVAL, "config", "%s:%d: expected key = value",
				    cf->path, line);
	*eq = '\0';
	key = trim(s);
	value = trim(eq + 1);
	if (value[0] == '"' && strlen(value) >= 2 && value[strlen(value) - 1] == '"') {
		value[strlen(value) - 1] = '\0';
		value++;
	}
	if (!strcmp(key, "database"))
		return set_once(cf, &cf->database, &cf->database_line, key, value, line, err);
	if (!strcmp(key, "database_password_file"))
		return set_once(cf, &cf->password_file, &cf->password_file_line, key, value, line,
				err);
	if ((i = key_index(u, key)) < 0 || i >= CONF_MAX_OPTS) {
		known_keys(u, &known);
		rc = okra_err_set(err, OKRA_EINVAL, "config", "%s:%d: unknown key '%s' (known: %s)",
				  cf->path, line, key, known.buf);
		buf_release(&known);
		return rc;
	}
	if (cf->line[i])
		return okra_err_set(err, OKRA_EINVAL, "config",
				    "%s:%d: %s given twice (first on line %d)", cf->path, line, key,
				    cf->line[i]);
	cf->line[i] = line;
	if (u->opts[i].type != OPT_FLAG) {
		cf->val[i] = xstrdup(value);
		return 0;
	}
	if ((t = truth(value)) < 0)
		return okra_err_set(err, OKRA_EINVAL, "config",
				    "%s:%d: %s is true or false (yes/no, on/off, 1/0), not '%s'",
				    cf->path, line, key, value);
	cf->val[i] = t ? xstrdup("true") : NULL;
	return 0;
}

int
conf_load(const char *path, const struct cli_usage *u, struct conf *cf, struct okra_err *err)
{
	FILE *f = fopen(path, "r");
	char raw[4096];
	int line = 0, rc = 0;

	*cf = (struct conf){.path = xstrdup(path)};
	if (!f)
		return okra_err_set(err, OKRA_ENOTFOUND, "config",
				    "cannot read the configuration file %s: %s", path,
				    strerror(errno));
	while (rc == 0 && fgets(raw, sizeof(raw), f)) {
		char *s;

		line++;
		if (!strchr(raw, '\n') && !feof(f)) {
			rc = okra_err_set(err, OKRA_EINVAL, "config", "%s:%d: line too long", path,
					  line);
			break;
		}
		s = trim(raw);
		if (*s && *s != '#')
			rc = conf_line(cf, u, s, line, err);
	}
	fclose(f);
	return rc;
}

void
conf_args(const struct conf *cf, const struct cli_usage *u, struct strlist *args)
{
	char word[80];

	for (size_t i = 0; i < u->nopts && i < CONF_MAX_OPTS; i++) {
		if (!cf->val[i])
			continue;
		snprintf(word, sizeof(word), "--%s", u->opts[i].name);
		strlist_push(args, word);
		if (u->opts[i].type != OPT_FLAG)
			strlist_push(args, cf->val[i]);
	}
}

void
conf_blame(const struct conf *cf, const struct cli_usage *u, const struct optv *given,
	   struct okra_err *err)
{
	struct buf msg = BUF_INIT;

	for (size_t i = 0; i < u->nopts && i < CONF_MAX_OPTS; i++) {
		if (strcmp(u->opts[i].name, err->field) || !cf->line[i] || given[i].set)
			continue;
		buf_addf(&msg, "%s:%d: %s", cf->path, cf->line[i], err->msg);
		snprintf(err->msg, sizeof(err->msg), "%s", msg.buf);
		buf_release(&msg);
		return;
	}
}

/* The first line of the file at path, without its newline, into out. */
static int
read_secret(const char *path, const char *what, struct buf *out, struct okra_err *err)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	if (!f)
		return okra_err_set(err, OKRA_ENOTFOUND, "database_password_file",
				    "cannot read %s %s: %s", what, path, strerror(errno));
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	buf_adds(out, line);
	return 0;
}

int
conf_password(struct conf *cf, struct okra_err *err)
{
	const char *dir = getenv("CREDENTIALS_DIRECTORY");
	struct buf path = BUF_INIT, secret = BUF_INIT;
	int rc = 0;

	if (cf->password_file) {
		rc = read_secret(cf->password_file, "the database password file", &secret, err);
		if (rc < 0)
			snprintf(err->msg + strlen(err->msg), sizeof(err->msg) - strlen(err->msg),
				 " (%s:%d)", cf->path, cf->password_file_line);
	} else if (dir && *dir) {
		buf_addf(&path, "%s/%s", dir, CREDENTIAL_NAME);
		rc = read_secret(path.buf, "the credential", &secret, NULL);
		if (rc < 0) /* no such credential: nothing to pass on */
			rc = 0;
	}
	if (rc == 0 && secret.len) {
		setenv("PGPASSWORD", secret.buf, 1);
		cf->password_from = xstrdup(cf->password_file ? cf->password_file : path.buf);
	}
	explicit_bzero(secret.buf, secret.len);
	buf_release(&secret);
	buf_release(&path);
	return rc;
}

/* cmd_user.c: okra user passwd — set a password read from stdin (asked twice at a terminal) —
 * and user sessions | sign-out. */
#include "cli/cli.h"

#include "app/auth.h"
#include "app/json_write.h"
#include "core/calendar.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Room for the longest password app_password_check allows, one byte more to see it overflow. */
#define PASSWORD_BUF 1026

/*
 * One line from fd 0 into buf, without the trailing "\n" (or "\r\n"). Read a
 * byte at a time with read(2), not stdio, so no copy of the password is left
 * in a FILE buffer we cannot wipe. *len is the bytes kept; a line longer than
 * the buffer is cut and *len = size (app_password_check then refuses it).
 */
static int
read_line(char *buf, size_t size, size_t *len, struct okra_err *err)
{
	size_t n = 0;
	int got = 0;
	char ch;

	for (;;) {
		ssize_t r = read(STDIN_FILENO, &ch, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return okra_err_set(err, OKRA_EIO, "password", "reading stdin: %s",
					    strerror(errno));
		if (r == 0 || ch == '\n')
			break;
		got = 1;
		if (n < size - 1)
			buf[n++] = ch;
		else
			n = size; /* too long: remember, keep reading to the end of the line */
	}
	ch = 0;
	if (!got && n == 0)
		return okra_err_set(err, OKRA_EINVAL, "password",
				    "no password on stdin (one line: printf '%%s\\n' … | okra user "
				    "passwd HANDLE)");
	if (n == size) {
		*len = size;
		buf[size - 1] = '\0';
		return 0;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	*len = n;
	return 0;
}

/* At a terminal: prompt on stderr and read with echo off. */
static int
ask(const char *prompt, char *buf, size_t size, size_t *len, struct okra_err *err)
{
	struct termios old, quiet;
	int rc;

	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return okra_err_set(err, OKRA_EIO, "password", "cannot read the terminal: %s",
				    strerror(errno));
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	fputs(prompt, stderr);
	fflush(stderr);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
		return okra_err_set(err, OKRA_EIO, "password", "cannot turn off echo: %s",
				    strerror(errno));
	rc = read_line(buf, size, len, err);
	/* Echo comes back even when reading failed; a ^C leaves it off (the shell's reset fixes
	 * it). */
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return rc;
}

static const struct cli_usage passwd_usage = {"user passwd", "HANDLE", 1, 1,
					      .note = "  (password on stdin, one line)"};

static int
user_passwd(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	char pw[PASSWORD_BUF], again[PASSWORD_BUF];
	const char *pos[1];
	size_t len = 0, len2 = 0;
	int rc;

	if ((rc = opt_parse(c, &passwd_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (isatty(STDIN_FILENO)) {
		char prompt[96];

		snprintf(prompt, sizeof(prompt), "New password for %s: ", pos[0]);
		if ((rc = ask(prompt, pw, sizeof(pw), &len, err)) < 0 ||
		    (rc = app_password_check(pw, len, err)) < 0 ||
		    (rc = ask("Again: ", again, sizeof(again), &len2, err)) < 0)
			goto out;
		if (len != len2 || sodium_memcmp(pw, again, len) != 0) {
			rc = okra_err_set(err, OKRA_EINVAL, "password",
					  "the two passwords differ: nothing changed");
			goto out;
		}
	} else if ((rc = read_line(pw, sizeof(pw), &len, err)) < 0) {
		goto out;
	}
	if ((rc = app_password_check(pw, len, err)) < 0)
		goto out;
	rc = app_user_passwd(&c->app, pos[0], pw, err);
out:
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(again, sizeof(again));
	return rc < 0 ? rc : 0;
}

static const struct cli_usage sessions_usage = {"user sessions", "HANDLE", 1, 1, .json = 1};

static int
user_sessions(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct app_session_info *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, &sessions_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_sessions(&c->app, &c->arena, pos[0], NULL, &v, &n, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json) {
		struct jw *w = cli_json_begin();

		jw_array(w);
		for (size_t i = 0; i < n; i++)
			app_jw_session(w, &v[i]);
		jw_end(w);
		cli_json_end();
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char made[32], seen[32];

		cal_format_instant(v[i].created_at, made);
		cal_format_instant(v[i].seen_at, seen);
		printf("signed in %s, last seen %s\n", made, seen);
	}
	return 0;
}

static const struct cli_usage signout_usage = {"user sign-out", "HANDLE", 1, 1,
					       .note = "    (ends every session they have)"};

static int
user_signout(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	const char *pos[1];
	int64_t ended = 0;
	int rc;

	if ((rc = opt_parse(c, &signout_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_sessions_end_others(&c->app, pos[0], NULL, &ended, err)) < 0)
		return rc < 0 ? rc : 0;
	printf("%lld\n", (long long)ended);
	return 0;
}

static const struct subcommand subs[] = {
	{"passwd", user_passwd, &passwd_usage},
	{"sessions", user_sessions, &sessions_usage},
	{"sign-out", user_signout, &signout_usage},
};

int
cmd_user(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

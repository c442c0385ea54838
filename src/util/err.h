/* err.h: okra's error codes (one X-macro: name, message, HTTP status) and struct okra_err. */
#ifndef OKRA_ERR_H
#define OKRA_ERR_H

/*
 * Fallible functions return 0 or one of these negative codes and, when the
 * caller passed a struct okra_err, say in it what a person can do about it.
 * The HTTP layer maps the code to a status; the CLI prints msg and exits 1
 * (2 for OKRA_EUSAGE). OKRA_EBUSY is a store that did not take a write
 * within its deadline (another writer held the lock): worth retrying.
 */
#define OKRA_ERRORS(X)                                                                             \
	X(EINVAL, -1, "invalid input", 422)                                                        \
	X(ENOTFOUND, -2, "not found", 404)                                                         \
	X(EFORBIDDEN, -3, "forbidden", 403)                                                        \
	X(ECONFLICT, -4, "conflict", 409)                                                          \
	X(ESTATE, -5, "refused in this state", 409)                                                \
	X(EDB, -6, "database error", 500)                                                          \
	X(EUSAGE, -7, "usage", 400)                                                                \
	X(ESTALE, -8, "stale version", 412)                                                        \
	X(EIO, -9, "input/output error", 500)                                                      \
	X(EBUSY, -10, "the store is busy", 503)

enum okra_code {
	OKRA_OK = 0,
#define OKRA_ERR_ENUM(name, code, msg, status) OKRA_##name = code,
	OKRA_ERRORS(OKRA_ERR_ENUM)
#undef OKRA_ERR_ENUM
};

struct okra_err {
	int code;       /* 0 or an enum okra_code */
	char field[48]; /* the input field at fault, or "" */
	char msg[1024]; /* one line a person can act on (every setting's name fits) */
	/*
	 * The same for a page or an API client when msg tells a CLI user what to
	 * type (an option, an okra command): said in words. "" = msg serves both.
	 */
	char plain[480];
};

/* Fill err (if not NULL) and return code, so callers write `return okra_err_set(...)`. */
int okra_err_set(struct okra_err *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void okra_err_clear(struct okra_err *err);
/*
 * After okra_err_set: the wording for pages and the API when msg names CLI
 * options or commands. okra_err_text: what a page or the API shows (plain or msg).
 */
void okra_err_plain(struct okra_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *okra_err_text(const struct okra_err *err);
/* The code's symbolic name ("EINVAL"), generic message and HTTP status. */
const char *okra_code_name(int code);
const char *okra_code_msg(int code);
int okra_code_status(int code);

#endif

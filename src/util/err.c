/* err.c: error codes and the error record shared by every layer. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

int
okra_err_set(struct okra_err *err, int code, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->plain[0] = '\0';
	return code;
}

void
okra_err_plain(struct okra_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->plain, sizeof(err->plain), fmt, ap);
	va_end(ap);
}

const char *
okra_err_text(const struct okra_err *err)
{
	if (err->plain[0])
		return err->plain;
	return err->msg[0] ? err->msg : okra_code_msg(err->code);
}

void
okra_err_clear(struct okra_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->field[0] = '\0';
	err->msg[0] = '\0';
	err->plain[0] = '\0';
}

const char *
okra_code_name(int code)
{
	switch (code) {
	case 0:
		return "OK";
#define X(name, c, msg, status)                                                                    \
	case c:                                                                                    \
		return #name;
		OKRA_ERRORS(X)
#undef X
	}
	return "EUNKNOWN";
}

const char *
okra_code_msg(int code)
{
	switch (code) {
	case 0:
		return "ok";
#define X(name, c, msg, status)                                                                    \
	case c:                                                                                    \
		return msg;
		OKRA_ERRORS(X)
#undef X
	}
	return "unknown error";
}

int
okra_code_status(int code)
{
	switch (code) {
	case 0:
		return 200;
#define X(name, c, msg, status)                                                                    \
	case c:                                                                                    \
		return status;
		OKRA_ERRORS(X)
#undef X
	}
	return 500;
}

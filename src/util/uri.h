/* uri.h: a database URI fit to print: the password taken out. */
#ifndef OKRA_URI_H
#define OKRA_URI_H

#include <stddef.h>

/*
 * Copy uri into out (n bytes, always terminated) with any password replaced
 * by "***": the one in "scheme://user:password@host" and any "password=…"
 * parameter. A SQLite path is copied as it is. Returns out.
 */
char *uri_redact(const char *uri, char *out, size_t n);

#endif

/* uri.h: database URIs and outside URLs told apart, and shown without their secrets. */
#ifndef OKRA_URI_H
#define OKRA_URI_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Every place that prints, logs or audits a URI goes through one of the two
 * redactions here, so a password cannot leak through a copy that forgot a case.
 */

/* 1 when s is a PostgreSQL URI ("postgresql://" or "postgres://"), 0 for anything else (a path). */
int uri_is_postgres(const char *s);

/*
 * A database URI fit to print: copy uri into out (n bytes, always
 * terminated) with any password replaced by "***": the one in
 * "scheme://user:password@host" and any "password=…" parameter. A SQLite
 * path is copied as it is. Returns out.
 */
char *uri_redact(const char *uri, char *out, size_t n);

/*
 * An outside URL (a webhook, an SMTP server) as logs and audit rows may show
 * it: "scheme://host[:port]", then "/…" when anything followed. The user,
 * password, path and query all go, since a webhook's path is often its
 * secret. Something without "://" is shown as "(a URL)".
 */
void uri_origin(const char *url, struct buf *out);

/*
 * 1 when url may carry a sign-in (an OpenID issuer or one of its endpoints):
 * https:// with a host, or http:// only on a loopback address (localhost,
 * 127.0.0.1, [::1]) for tests and local trials; 0 for anything else.
 */
int uri_https_or_loopback(const char *url);

#endif

/* fetch.h: the HTTP calls single sign-on makes to the provider (libcurl): a GET of a JSON
 * document and a form POST to its token endpoint. */
#ifndef OKRA_SSO_FETCH_H
#define OKRA_SSO_FETCH_H

#include "util/buf.h"
#include "util/err.h"

/* The largest answer read (a discovery document, a key set, a token response). */
#define SSO_FETCH_MAX (256 * 1024)

/*
 * GET url (http or https, no redirects followed, 5 s to connect, 15 s in
 * all) into out (reset), with Authorization: Bearer when bearer is not NULL;
 * *status the HTTP status. A failure to connect or an answer over
 * SSO_FETCH_MAX is OKRA_EIO naming only the URL's host.
 */
int sso_get(const char *url, const char *bearer, struct buf *out, long *status,
	    struct okra_err *err);
/*
 * POST body as application/x-www-form-urlencoded to url, with HTTP Basic
 * user:password when user is not NULL (client_secret_basic: both already
 * form-encoded by the caller), the answer into out (reset) and *status.
 */
int sso_post_form(const char *url, const char *body, const char *user, const char *password,
		  struct buf *out, long *status, struct okra_err *err);

#endif

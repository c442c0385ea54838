/* sso.h: single sign-on with one OpenID Connect provider (provider.c): its discovery document
 * and key set cached, the authorization URL (code flow, PKCE S256, state, nonce), the code
 * exchanged for an ID token and the token checked, and where signing out sends the browser. */
#ifndef OKRA_SSO_SSO_H
#define OKRA_SSO_SSO_H

#include "app/oidc.h"
#include "util/buf.h"
#include "util/err.h"

struct app;
struct arena;

/* The cookie saying this browser signed in through the provider (its sign-out goes there). */
#define SSO_VIA_COOKIE "okra_sso"

/* 1 when oidc_issuer and oidc_client_id are both set. */
int sso_enabled(struct app *a);
/* The provider's name for the sign-in button ("GitLab") into out (reset). */
void sso_provider_name(struct app *a, struct buf *out);

/*
 * Begin a sign-in: the provider's discovery document (fetched, or cached for
 * an hour), a sign-in begun in the store (app_oidc_begin) and the URL to
 * send the browser to into url; its state into state (to bind it to the
 * browser in a cookie). redirect_uri is okra's callback. On failure a
 * negative code, *fault (OFF, PROVIDER, STORE) and err's detail for the log.
 */
int sso_begin(struct app *a, const char *redirect_uri, struct buf *url,
	      char state[OIDC_RANDOM_LEN + 1], enum oidc_fault *fault, struct okra_err *err);
/*
 * Finish one: exchange code (with verifier) at the token endpoint and check
 * the ID token (idtoken_verify) against nonce, fetching the key set again
 * once when no key has the token's kid (the provider rotated its keys).
 * The claims into out (strings in ar). On failure a negative code, *fault
 * and err's detail (never the secret, the code or the token) for the log.
 */
int sso_finish(struct app *a, struct arena *ar, const char *code, const char *nonce,
	       const char *verifier, const char *redirect_uri, struct oidc_claims *out,
	       enum oidc_fault *fault, struct okra_err *err);
/*
 * The provider's end-session URL, with client_id and post_logout (where the
 * provider sends the browser back) into out: 1 when the provider has one
 * (from the cached discovery document; nothing is fetched here), else 0.
 */
int sso_end_session_url(struct app *a, const char *post_logout, struct buf *out);

/* Forget the cached documents (tests; a changed issuer is noticed without it). */
void sso_forget(void);

#endif

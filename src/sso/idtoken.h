/* idtoken.h: an OpenID Connect ID token checked in full — its signature against the provider's
 * JWKS (libcjose), then iss, aud, azp, exp, iat and nonce — and its claims read. */
#ifndef OKRA_SSO_IDTOKEN_H
#define OKRA_SSO_IDTOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "app/oidc.h"
#include "util/err.h"

struct arena;

/* What the token must say. */
struct idtoken_expect {
	const char *issuer;       /* the configured issuer, compared exactly */
	const char *client_id;    /* in aud (and azp when there) */
	const char *nonce;        /* the one this sign-in sent */
	int64_t now;              /* UTC seconds (the real clock: the provider's is real too) */
	int skew;                 /* seconds either way a clock may be off */
	const char *groups_claim; /* the claim read into out->groups, or NULL */
};

/* The largest token looked at; a bigger one is refused unread. */
#define IDTOKEN_MAX 16384

/*
 * Check jwt (len bytes, not NUL-terminated necessarily) against jwks (the
 * provider's key set as JSON text) and x. Only RS256/384/512, PS256/384/512
 * and ES256/384/512 are accepted: `none` and HS* (a shared secret, which a
 * forger would take from the public key) are refused before any key is
 * looked at, and a key is used only for the family of its type. On success
 * 0 and the claims in out (strings in ar). Else a negative code, *fault
 * saying which check failed (OIDC_FAULT_KID when no key of the set has the
 * token's kid: the caller fetches the set again once, the provider may have
 * rotated its keys) and err the detail for the operator's log.
 */
int idtoken_verify(const char *jwt, size_t len, const char *jwks, const struct idtoken_expect *x,
		   struct arena *ar, struct oidc_claims *out, enum oidc_fault *fault,
		   struct okra_err *err);

#endif

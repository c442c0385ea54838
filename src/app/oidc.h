/* oidc.h: single sign-on's rules (oidc.c): a sign-in begun and taken once, who the person is
 * (their link, e-mail or handle), people created, groups to teams and roles, the session. */
#ifndef OKRA_APP_OIDC_H
#define OKRA_APP_OIDC_H

#include <stddef.h>
#include <stdint.h>

#include "app/auth.h"
#include "util/err.h"

struct app;
struct arena;

/* Why a single sign-in failed: each has its own page (http/page_oidc.c). */
enum oidc_fault {
	OIDC_FAULT_NONE,
	OIDC_FAULT_OFF,        /* single sign-on is not configured */
	OIDC_FAULT_PROVIDER,   /* the provider did not answer, or answered nonsense */
	OIDC_FAULT_CLIENT,     /* the provider refused okra's client id or secret */
	OIDC_FAULT_CANCELLED,  /* the person (or the provider) cancelled the sign-in */
	OIDC_FAULT_STATE,      /* no such sign-in begun here: stale, replayed or forged */
	OIDC_FAULT_MALFORMED,  /* the ID token is not a JWS or lacks a claim */
	OIDC_FAULT_ALG,        /* an algorithm okra does not accept (none, HS*) */
	OIDC_FAULT_KID,        /* no key of the provider's set has the token's kid */
	OIDC_FAULT_SIGNATURE,  /* the signature does not verify */
	OIDC_FAULT_ISSUER,     /* iss is not the configured issuer */
	OIDC_FAULT_AUDIENCE,   /* aud or azp is not okra's client */
	OIDC_FAULT_EXPIRED,    /* exp has passed */
	OIDC_FAULT_CLOCK,      /* iat or nbf is in the future: a clock is off */
	OIDC_FAULT_NONCE,      /* the nonce is missing or not this sign-in's */
	OIDC_FAULT_UNKNOWN,    /* nobody here matches, and creating people is off */
	OIDC_FAULT_AMBIGUOUS,  /* two people here have the e-mail */
	OIDC_FAULT_INACTIVE,   /* the person was deactivated */
	OIDC_FAULT_UNVERIFIED, /* the provider does not vouch for the e-mail */
	OIDC_FAULT_STORE,      /* the store failed (busy): try again */
};

/* What the ID token says of the person (strings in the caller's arena; absent ones NULL). */
struct oidc_claims {
	const char *sub, *email, *preferred_username, *name;
	int email_verified;
	const char **groups; /* the groups claim's values, when asked for and present */
	size_t ngroups;
	int has_groups; /* the claim was there (an empty list takes every mapped team away) */
};

/* The pieces a sign-in begun keeps, each URL-safe base64 of 32 random bytes (43 characters). */
#define OIDC_RANDOM_LEN 43
struct oidc_begun {
	char state[OIDC_RANDOM_LEN + 1], nonce[OIDC_RANDOM_LEN + 1], verifier[OIDC_RANDOM_LEN + 1];
	char challenge[OIDC_RANDOM_LEN + 1]; /* PKCE S256: base64url(SHA-256(verifier)) */
};

/*
 * Begin a sign-in: fresh state, nonce and PKCE verifier, kept in the store
 * (the state only as its hash) for ten minutes, one transaction.
 */
int app_oidc_begin(struct app *a, struct oidc_begun *out, struct okra_err *err);
/*
 * Take the sign-in begun with state: its nonce and verifier into ar, the
 * row deleted in the same transaction, so a state is good once.
 * OKRA_ENOTFOUND for a state unknown, used already or older than ten minutes.
 */
int app_oidc_take(struct app *a, struct arena *ar, const char *state, const char **nonce,
		  const char **verifier, struct okra_err *err);
/*
 * Sign in the person the provider vouched for: the one linked to c->sub,
 * else (linking them) the one with c's verified e-mail (oidc_match email) or
 * with preferred_username as handle (oidc_match handle), else, with
 * oidc_create_people on, a new member who joins today. Then their teams and
 * role follow the groups claim (when oidc_groups_claim is set), each change
 * audited, and a session starts. One transaction. A refusal is OKRA_EFORBIDDEN
 * with *fault saying why (UNKNOWN, AMBIGUOUS, INACTIVE, UNVERIFIED) and err
 * the detail for the log; *handle (in ar) names the person when there is one.
 */
int app_oidc_sign_in(struct app *a, struct arena *ar, const struct oidc_claims *c,
		     struct app_session *out, const char **handle, enum oidc_fault *fault,
		     struct okra_err *err);
/*
 * May handle sign in with a password now? 0, or OKRA_EFORBIDDEN when
 * oidc_only is on and handle is not oidc_break_glass.
 */
int app_oidc_password_allowed(struct app *a, const char *handle, struct okra_err *err);

#endif

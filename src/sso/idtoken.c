/* idtoken.c: an ID token checked in full with libcjose (JWS and JWK) and jansson (its claims):
 * the algorithm allowed, the key found by kid, the signature, then iss, aud, azp, times, nonce. */
#include "sso/idtoken.h"

#include <cjose/cjose.h>
#include <jansson.h>
#include <string.h>

#include "util/arena.h"

/* The accepted algorithms and the key type each needs; nothing else is looked at further. */
static const struct {
	const char *alg, *kty;
} algs[] = {
	{"RS256", "RSA"}, {"RS384", "RSA"}, {"RS512", "RSA"}, {"PS256", "RSA"}, {"PS384", "RSA"},
	{"PS512", "RSA"}, {"ES256", "EC"},  {"ES384", "EC"},  {"ES512", "EC"},
};

static int
refuse(enum oidc_fault *fault, enum oidc_fault f, struct okra_err *err, const char *what)
{
	*fault = f;
	return okra_err_set(err, OKRA_EFORBIDDEN, "id_token", "the ID token was refused: %s", what);
}

/*
 * The compact form's shape before libcjose sees it: three base64url parts
 * (the third may be empty), none of a length that no encoding has (4n + 1).
 * libcjose 0.6 asserts on such a length, taking the whole server down with it.
 */
static int
compact_ok(const char *jwt, size_t len)
{
	static const char b64url[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t run = 0;
	int dots = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || jwt[i] == '.') {
			if (run % 4 == 1 || (run == 0 && dots < 2) || ++dots > 3)
				return 0;
			run = 0;
		} else if (!memchr(b64url, jwt[i], sizeof(b64url) - 1)) {
			return 0;
		} else {
			run++;
		}
	}
	return dots == 3;
}

static const char *
kty_for(const char *alg)
{
	for (size_t i = 0; alg && i < sizeof(algs) / sizeof(algs[0]); i++)
		if (!strcmp(algs[i].alg, alg))
			return algs[i].kty;
	return NULL;
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * Verify jws with the keys of jwks that may have signed it (kid, type, use).
 * 0; or OIDC_FAULT_KID when no key qualifies, OIDC_FAULT_SIGNATURE when none verifies.
 */
static enum oidc_fault
verify_with_set(cjose_jws_t *jws, const char *jwks, const char *kid, const char *kty)
{
	json_t *set = json_loads(jwks, 0, NULL), *key;
	enum oidc_fault f = OIDC_FAULT_KID;
	size_t i;

	json_array_foreach(json_object_get(set, "keys"), i, key)
	{
		const char *use = str(key, "use"), *k_kid = str(key, "kid"),
			   *k_kty = str(key, "kty");
		cjose_err cerr;
		cjose_jwk_t *jwk;

		if (!k_kty || strcmp(k_kty, kty) || (use && strcmp(use, "sig")) ||
		    (kid && (!k_kid || strcmp(kid, k_kid))))
			continue;
		f = OIDC_FAULT_SIGNATURE;
		if (!(jwk = cjose_jwk_import_json((cjose_header_t *)key, &cerr)))
			continue;
		if (cjose_jws_verify(jws, jwk, &cerr))
			f = OIDC_FAULT_NONE;
		cjose_jwk_release(jwk);
		if (f == OIDC_FAULT_NONE)
			break;
	}
	json_decref(set);
	return f;
}

/* aud is client_id or a list holding it; with several audiences azp must be there; azp is us. */
static int
audience_ok(json_t *claims, const char *client_id)
{
	json_t *aud = json_object_get(claims, "aud"), *v;
	const char *azp = str(claims, "azp");
	int found = 0;
	size_t i;

	if (json_is_string(aud))
		found = !strcmp(json_string_value(aud), client_id);
	json_array_foreach(aud, i, v) found |=
		json_is_string(v) && !strcmp(json_string_value(v), client_id);
	if (!found)
		return 0;
	if (json_is_array(aud) && json_array_size(aud) > 1 && !azp)
		return 0;
	return !azp || !strcmp(azp, client_id);
}

/* exp, iat and nbf against now, each with skew seconds of grace. */
static int
times_ok(json_t *claims, const struct idtoken_expect *x, enum oidc_fault *fault,
	 struct okra_err *err)
{
	json_t *exp = json_object_get(claims, "exp"), *iat = json_object_get(claims, "iat");
	json_t *nbf = json_object_get(claims, "nbf");

	if (!json_is_number(exp) || !json_is_number(iat) || (nbf && !json_is_number(nbf)))
		return refuse(fault, OIDC_FAULT_MALFORMED, err, "exp or iat is missing");
	if (json_number_value(exp) + x->skew < (double)x->now)
		return refuse(fault, OIDC_FAULT_EXPIRED, err, "it has expired (exp is past)");
	if (json_number_value(iat) - x->skew > (double)x->now ||
	    (nbf && json_number_value(nbf) - x->skew > (double)x->now))
		return refuse(fault, OIDC_FAULT_CLOCK, err,
			      "it was issued in the future (iat or nbf): a clock is off");
	return 0;
}

static void
read_groups(json_t *claims, const char *name, struct arena *ar, struct oidc_claims *out)
{
	json_t *g = name && *name ? json_object_get(claims, name) : NULL, *v;
	size_t i;

	if (!g)
		return;
	out->has_groups = 1;
	if (json_is_string(g)) {
		out->groups = arena_alloc(ar, sizeof(char *));
		out->groups[out->ngroups++] = arena_strdup(ar, json_string_value(g));
		return;
	}
	out->groups = arena_calloc(ar, json_array_size(g) + 1, sizeof(char *));
	json_array_foreach(g, i, v) if (json_is_string(v)) out->groups[out->ngroups++] =
		arena_strdup(ar, json_string_value(v));
}

static const char *
adup(struct arena *ar, const char *s)
{
	return s ? arena_strdup(ar, s) : NULL;
}

/* The claims after the signature: issuer, audience, times, nonce, subject; then read. */
static int
check_claims(json_t *claims, const struct idtoken_expect *x, struct arena *ar,
	     struct oidc_claims *out, enum oidc_fault *fault, struct okra_err *err)
{
	const char *iss = str(claims, "iss"), *nonce = str(claims, "nonce"),
		   *sub = str(claims, "sub");
	json_t *verified = json_object_get(claims, "email_verified");
	int rc;

	if (!json_is_object(claims))
		return refuse(fault, OIDC_FAULT_MALFORMED, err, "its payload is not a JSON object");
	if (!iss || strcmp(iss, x->issuer))
		return refuse(fault, OIDC_FAULT_ISSUER, err, "iss is not the configured issuer");
	if (!audience_ok(claims, x->client_id))
		return refuse(fault, OIDC_FAULT_AUDIENCE, err,
			      "aud (or azp) is not okra's client id");
	if ((rc = times_ok(claims, x, fault, err)) < 0)
		return rc;
	if (!nonce || strcmp(nonce, x->nonce))
		return refuse(fault, OIDC_FAULT_NONCE, err,
			      nonce ? "the nonce is not this sign-in's" : "it has no nonce");
	if (!sub || !*sub || strlen(sub) > 255)
		return refuse(fault, OIDC_FAULT_MALFORMED, err, "sub is missing or too long");
	out->sub = arena_strdup(ar, sub);
	out->email = adup(ar, str(claims, "email"));
	out->preferred_username = adup(ar, str(claims, "preferred_username"));
	out->name = adup(ar, str(claims, "name"));
	/* Some providers send the boolean as a string. */
	out->email_verified =
		json_is_true(verified) ||
		(json_is_string(verified) && !strcmp(json_string_value(verified), "true"));
	read_groups(claims, x->groups_claim, ar, out);
	return 0;
}

int
idtoken_verify(const char *jwt, size_t len, const char *jwks, const struct idtoken_expect *x,
	       struct arena *ar, struct oidc_claims *out, enum oidc_fault *fault,
	       struct okra_err *err)
{
	cjose_jws_t *jws = NULL;
	cjose_err cerr;
	json_t *claims = NULL;
	uint8_t *plain = NULL;
	size_t plain_len = 0;
	const char *alg, *kty;
	int rc;

	*out = (struct oidc_claims){0};
	*fault = OIDC_FAULT_NONE;
	if (!jwt || len == 0 || len > IDTOKEN_MAX || !compact_ok(jwt, len))
		return refuse(fault, OIDC_FAULT_MALFORMED, err,
			      "it is not three base64url parts (or is too long)");
	/* cjose refuses alg none and algorithms it does not know here already. */
	if (!(jws = cjose_jws_import(jwt, len, &cerr))) {
		rc = refuse(fault, OIDC_FAULT_MALFORMED, err, "it is not a signed JWS");
		goto out;
	}
	alg = str(cjose_jws_get_protected(jws), "alg");
	if (!(kty = kty_for(alg))) {
		rc = refuse(fault, OIDC_FAULT_ALG, err, "its algorithm is not RS*, PS* or ES*");
		goto out;
	}
	*fault = verify_with_set(jws, jwks ? jwks : "{}", str(cjose_jws_get_protected(jws), "kid"),
				 kty);
	if (*fault != OIDC_FAULT_NONE) {
		rc = refuse(fault, *fault, err,
			    *fault == OIDC_FAULT_KID ? "no key of the provider's set has its kid"
						     : "its signature does not verify");
		goto out;
	}
	if (!cjose_jws_get_plaintext(jws, &plain, &plain_len, &cerr) ||
	    !(claims = json_loadb((const char *)plain, plain_len, 0, NULL))) {
		rc = refuse(fault, OIDC_FAULT_MALFORMED, err, "its payload is not JSON");
		goto out;
	}
	rc = check_claims(claims, x, ar, out, fault, err);
out:
	json_decref(claims);
	cjose_jws_release(jws);
	if (rc < 0)
		*out = (struct oidc_claims){0};
	return rc;
}

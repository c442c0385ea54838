/* test_sso_idtoken.c: an ID token is taken only when everything holds — RS256 and ES256 keys of
 * the set by kid, iss, aud, azp, exp/iat with the skew, nonce — and refused with the right fault
 * otherwise: another key, an unknown kid, alg none, HS256 keyed with the public key, garbage.
 * The tokens are signed here with libcjose, as a provider would. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjose/cjose.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sso/idtoken.h"
#include "util/arena.h"
#include "util/buf.h"

#define NOW 1800000000
#define ISS "https://id.example.com"

static cjose_jwk_t *rsa, *ec, *other;
static char *jwks; /* rsa (kid r1) and ec (kid e1), public halves */

static int
setup(void **state)
{
	cjose_err e;
	static const uint8_t exp65537[] = {1, 0, 1};
	char *r, *c;
	struct buf b = BUF_INIT;

	(void)state;
	rsa = cjose_jwk_create_RSA_random(2048, exp65537, sizeof(exp65537), &e);
	other = cjose_jwk_create_RSA_random(2048, exp65537, sizeof(exp65537), &e);
	ec = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &e);
	cjose_jwk_set_kid(rsa, "r1", 2, &e);
	cjose_jwk_set_kid(other, "r1", 2, &e);
	cjose_jwk_set_kid(ec, "e1", 2, &e);
	r = cjose_jwk_to_json(rsa, false, &e);
	c = cjose_jwk_to_json(ec, false, &e);
	buf_addf(&b, "{\"keys\":[%s,%s]}", r, c);
	jwks = buf_detach(&b, NULL);
	free(r);
	free(c);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	cjose_jwk_release(rsa);
	cjose_jwk_release(other);
	cjose_jwk_release(ec);
	free(jwks);
	return 0;
}

/* A compact JWS of claims (JSON text) signed by key with alg and kid (kid NULL: none). */
static char *
sign(cjose_jwk_t *key, const char *alg, const char *kid, const char *claims)
{
	cjose_err e;
	cjose_header_t *h = cjose_header_new(&e);
	cjose_jws_t *jws;
	const char *out;
	char *copy;

	cjose_header_set(h, CJOSE_HDR_ALG, alg, &e);
	if (kid)
		cjose_header_set(h, CJOSE_HDR_KID, kid, &e);
	jws = cjose_jws_sign(key, h, (const uint8_t *)claims, strlen(claims), &e);
	assert_non_null(jws);
	assert_true(cjose_jws_export(jws, &out, &e));
	copy = strdup(out);
	cjose_jws_release(jws);
	cjose_header_release(h);
	return copy;
}

/* The claims of a good token, with one member replaced or added (extra: ",\"k\":v"). */
static char *
claims(const char *iss, const char *aud, long iat, long exp, const char *nonce, const char *extra)
{
	char *s = malloc(1024);

	snprintf(s, 1024,
		 "{\"iss\":\"%s\",\"sub\":\"u-42\",\"aud\":%s,\"iat\":%ld,\"exp\":%ld%s%s%s,"
		 "\"email\":\"pat@example.com\",\"email_verified\":true,"
		 "\"groups\":[\"platform-eng\",\"okr-leaders\"]%s}",
		 iss, aud, iat, exp, nonce ? ",\"nonce\":\"" : "", nonce ? nonce : "",
		 nonce ? "\"" : "", extra ? extra : "");
	return s;
}

static const struct idtoken_expect X = {.issuer = ISS,
					.client_id = "okra",
					.nonce = "n-123",
					.now = NOW,
					.skew = 60,
					.groups_claim = "groups"};

/* Verify jwt against the set; the code, *fault set. */
static int
verify(const char *jwt, enum oidc_fault *fault, struct oidc_claims *c, struct arena *ar)
{
	struct okra_err err = {0};

	return idtoken_verify(jwt, strlen(jwt), jwks, &X, ar, c, fault, &err);
}

static void
expect(cjose_jwk_t *key, const char *alg, const char *kid, char *body, enum oidc_fault want)
{
	struct arena ar = ARENA_INIT;
	struct oidc_claims c;
	enum oidc_fault f;
	char *jwt = sign(key, alg, kid, body);
	int rc = verify(jwt, &f, &c, &ar);

	if (want == OIDC_FAULT_NONE) {
		assert_int_equal(rc, 0);
		assert_string_equal(c.sub, "u-42");
		assert_string_equal(c.email, "pat@example.com");
		assert_true(c.email_verified);
		assert_int_equal(c.ngroups, 2);
		assert_string_equal(c.groups[1], "okr-leaders");
	} else {
		assert_int_equal(rc, OKRA_EFORBIDDEN);
		assert_int_equal(f, want);
		assert_null(c.sub);
	}
	free(jwt);
	free(body);
	arena_release(&ar);
}

static void
test_rs256_and_es256_tokens_are_taken(void **state)
{
	(void)state;
	expect(rsa, "RS256", "r1", claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_NONE);
	expect(ec, "ES256", "e1", claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_NONE);
	/* Several audiences with azp ours; a clock 50 s off either way (within the skew). */
	expect(rsa, "RS256", "r1",
	       claims(ISS, "[\"okra\",\"api\"]", NOW + 50, NOW - 50, "n-123", ",\"azp\":\"okra\""),
	       OIDC_FAULT_NONE);
	/* No kid: any key of the right type may have signed it. */
	expect(ec, "ES256", NULL, claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_NONE);
}

static void
test_claims_that_do_not_hold_are_refused(void **state)
{
	(void)state;
	expect(rsa, "RS256", "r1",
	       claims("https://evil.example.com", "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_ISSUER);
	expect(rsa, "RS256", "r1", claims(ISS "/", "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_ISSUER);
	expect(rsa, "RS256", "r1", claims(ISS, "\"other\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_AUDIENCE);
	expect(rsa, "RS256", "r1", claims(ISS, "[\"okra\",\"api\"]", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_AUDIENCE); /* several audiences and no azp */
	expect(rsa, "RS256", "r1",
	       claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", ",\"azp\":\"api\""),
	       OIDC_FAULT_AUDIENCE);
	expect(rsa, "RS256", "r1", claims(ISS, "\"okra\"", NOW - 600, NOW - 61, "n-123", NULL),
	       OIDC_FAULT_EXPIRED);
	expect(rsa, "RS256", "r1", claims(ISS, "\"okra\"", NOW + 61, NOW + 600, "n-123", NULL),
	       OIDC_FAULT_CLOCK);
	expect(rsa, "RS256", "r1", claims(ISS, "\"okra\"", NOW, NOW + 300, "n-999", NULL),
	       OIDC_FAULT_NONCE);
	expect(rsa, "RS256", "r1", claims(ISS, "\"okra\"", NOW, NOW + 300, NULL, NULL),
	       OIDC_FAULT_NONCE);
}

static void
test_keys_and_algorithms_that_do_not_hold_are_refused(void **state)
{
	cjose_err e;
	char *pub = cjose_jwk_to_json(rsa, false, &e);
	cjose_jwk_t *hs = cjose_jwk_create_oct_spec((const uint8_t *)pub, strlen(pub), &e);

	(void)state;
	expect(other, "RS256", "r1", claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_SIGNATURE);
	expect(other, "RS256", "r9", claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_KID);
	/* An RSA signature named as made by the EC key's kid finds no RSA key with that kid. */
	expect(rsa, "RS256", "e1", claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_KID);
	/* The classic forgery: HMAC keyed with the provider's public key. */
	expect(hs, "HS256", "r1", claims(ISS, "\"okra\"", NOW, NOW + 300, "n-123", NULL),
	       OIDC_FAULT_ALG);
	cjose_jwk_release(hs);
	free(pub);
}

static void
test_unsigned_and_garbage_are_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"a.b.c",
		"not a token",
		"....",
		/* {"alg":"none"} . {"iss":…} . (no signature) */
		"eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2lkLmV4YW1wbGUuY29tIiwic3ViIjoidSJ9.",
		"eyJhbGciOiJOT05FIn0.eyJzdWIiOiJ1In0.",
		/* fuzz_oidc found it: a part of length 4n + 1 made libcjose 0.6 assert (abort). */
		"eyJhbGciOiJSUzI1NiIsImtpZCI6InIxIn0.eyJzdWI.AAAAA",
		"eyJhbGciOiJSUzI1NiIsImtpZCI6InIxIn0.e.AAAA",
		"eyJhbGciO=iJSUzI1NiIsImtpZCI6InIxIn0.eyJzdWI.AAAA",
		"a.b.c.d",
		".eyJzdWIiOiJ1In0.AAAA",
	};
	struct arena ar = ARENA_INIT;
	struct oidc_claims c;
	enum oidc_fault f;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(verify(bad[i], &f, &c, &ar), OKRA_EFORBIDDEN);
		assert_true(f == OIDC_FAULT_MALFORMED || f == OIDC_FAULT_ALG);
	}
	arena_release(&ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rs256_and_es256_tokens_are_taken),
		cmocka_unit_test(test_claims_that_do_not_hold_are_refused),
		cmocka_unit_test(test_keys_and_algorithms_that_do_not_hold_are_refused),
		cmocka_unit_test(test_unsigned_and_garbage_are_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

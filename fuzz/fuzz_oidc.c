/* fuzz_oidc.c: single sign-on's outside inputs: the callback's state taken from a real store,
 * any bytes as an ID token, and any claims signed with the provider's own key. The first byte
 * picks which. */
#include "fuzz.h"
#include "fuzz_store.h"

#include <cjose/cjose.h>
#include <jansson.h>

#include "app/oidc.h"
#include "sso/idtoken.h"
#include "util/arena.h"

#define ISS "https://id.example.com"

static cjose_jwk_t *ec;
static char *jwks;
static struct oidc_begun begun;
static const struct idtoken_expect want = {.issuer = ISS,
					   .client_id = "okra",
					   .nonce = "n-123",
					   .now = 1800000000,
					   .skew = 60,
					   .groups_claim = "groups"};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t e65537[] = {1, 0, 1};
	struct okra_err err = {0};
	cjose_jwk_t *rsa;
	cjose_err ce;
	char *r, *c;
	struct buf b = BUF_INIT;

	(void)argc;
	(void)argv;
	fuzz_store_open(0);
	/* One sign-in begun and committed: every input meets it (and its take is rolled back). */
	if (app_oidc_begin(&fuzz_app, &begun, &err) < 0) {
		fprintf(stderr, "fuzz: cannot begin a sign-in: %s\n", err.msg);
		exit(1);
	}
	rsa = cjose_jwk_create_RSA_random(2048, e65537, sizeof(e65537), &ce);
	ec = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &ce);
	cjose_jwk_set_kid(rsa, "r1", 2, &ce);
	cjose_jwk_set_kid(ec, "e1", 2, &ce);
	r = cjose_jwk_to_json(rsa, false, &ce);
	c = cjose_jwk_to_json(ec, false, &ce);
	buf_addf(&b, "{\"keys\":[%s,%s]}", r, c);
	jwks = buf_detach(&b, NULL);
	free(r);
	free(c);
	cjose_jwk_release(rsa);
	return 0;
}

/* A state from the callback's query: only the one begun is taken, with its own nonce. */
static void
state(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct arena ar = ARENA_INIT;
	struct okra_err err = {0};
	const char *nonce, *verifier;
	int rc;

	fuzz_store_begin();
	rc = app_oidc_take(&fuzz_app, &ar, s, &nonce, &verifier, &err);
	if (rc == 0)
		FUZZ_CHECK(!strcmp(s, begun.state) && !strcmp(nonce, begun.nonce) &&
			   !strcmp(verifier, begun.verifier));
	else
		FUZZ_CHECK(rc < 0 && err.msg[0]);
	fuzz_store_undo();
	arena_release(&ar);
	free(s);
}

/* Any bytes as a token: nobody without the key can make one that passes. */
static void
token(const uint8_t *data, size_t size)
{
	struct arena ar = ARENA_INIT;
	struct okra_err err = {0};
	struct oidc_claims c;
	enum oidc_fault f;
	int rc = idtoken_verify((const char *)data, size, jwks, &want, &ar, &c, &f, &err);

	FUZZ_CHECK(rc < 0 && f != OIDC_FAULT_NONE && err.msg[0] && !c.sub);
	arena_release(&ar);
}

/* Any claims, truly signed: taken only when iss, aud, times, nonce and sub all hold. */
static void
claims(const uint8_t *data, size_t size)
{
	struct arena ar = ARENA_INIT;
	struct okra_err err = {0};
	struct oidc_claims c;
	enum oidc_fault f;
	cjose_err ce;
	cjose_header_t *h = cjose_header_new(&ce);
	cjose_jws_t *jws;
	const char *out;
	json_t *j;
	int rc;

	cjose_header_set(h, CJOSE_HDR_ALG, "ES256", &ce);
	cjose_header_set(h, CJOSE_HDR_KID, "e1", &ce);
	jws = cjose_jws_sign(ec, h, data, size, &ce);
	cjose_header_release(h);
	if (!jws || !cjose_jws_export(jws, &out, &ce))
		goto out;
	rc = idtoken_verify(out, strlen(out), jwks, &want, &ar, &c, &f, &err);
	if (rc == 0) {
		j = json_loadb((const char *)data, size, 0, NULL);
		FUZZ_CHECK(j && c.sub && *c.sub);
		FUZZ_CHECK(!strcmp(json_string_value(json_object_get(j, "iss")), ISS));
		FUZZ_CHECK(!strcmp(json_string_value(json_object_get(j, "nonce")), "n-123"));
		FUZZ_CHECK(json_number_value(json_object_get(j, "exp")) + 60 >= 1800000000);
		json_decref(j);
	} else {
		FUZZ_CHECK(f != OIDC_FAULT_NONE && !c.sub);
	}
out:
	cjose_jws_release(jws);
	arena_release(&ar);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > IDTOKEN_MAX)
		return 0;
	switch (data[0] % 3) {
	case 0:
		state(data + 1, size - 1);
		break;
	case 1:
		token(data + 1, size - 1);
		break;
	default:
		claims(data + 1, size - 1);
		break;
	}
	return 0;
}

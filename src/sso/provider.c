/* provider.c: one OpenID Connect provider: its discovery document and key set fetched and
 * cached, the authorization URL, the code exchanged for an ID token and the token checked. */
#include "sso/sso.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/settings.h"
#include "sso/fetch.h"
#include "sso/idtoken.h"
#include "util/arena.h"
#include "util/html.h"
#include "util/uri.h"
#include "util/xalloc.h"

#define DISCOVERY_TTL_S 3600 /* the documents are fetched again after an hour */
#define CLOCK_SKEW_S 60      /* the grace either way on exp, iat and nbf */

/* What okra needs of a provider, strings in the caller's arena. */
struct prov {
	const char *authz, *token, *jwks_uri, *end_session, *userinfo, *jwks;
	int post_auth; /* the token endpoint takes client_secret_post only */
};

/* The cache: one provider, shared by every worker thread under mu, heap strings. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char *issuer, *authz, *token, *jwks_uri, *end_session, *userinfo, *jwks;
	int post_auth;
	time_t at;
} cache;

static void
cache_clear(void)
{
	free(cache.issuer);
	free(cache.authz);
	free(cache.token);
	free(cache.jwks_uri);
	free(cache.end_session);
	free(cache.userinfo);
	free(cache.jwks);
	memset(&cache, 0, sizeof(cache));
}

void
sso_forget(void)
{
	pthread_mutex_lock(&mu);
	cache_clear();
	pthread_mutex_unlock(&mu);
}

static const char *
adup(struct arena *ar, const char *s)
{
	return s ? arena_strdup(ar, s) : NULL;
}

static void
setting(struct app *a, const char *name, struct buf *out)
{
	struct okra_err ignore = {0};

	app_setting_text(a, name, out, &ignore);
}

int
sso_enabled(struct app *a)
{
	struct buf issuer = BUF_INIT, id = BUF_INIT;
	int on;

	setting(a, "oidc_issuer", &issuer);
	setting(a, "oidc_client_id", &id);
	on = issuer.len && id.len;
	buf_release(&issuer);
	buf_release(&id);
	return on;
}

void
sso_provider_name(struct app *a, struct buf *out)
{
	setting(a, "oidc_provider_name", out);
}

static int
provider_fault(enum oidc_fault *fault, struct okra_err *err, const char *issuer, const char *what)
{
	struct buf where = BUF_INIT;
	int rc;

	*fault = OIDC_FAULT_PROVIDER;
	uri_origin(issuer, &where);
	rc = okra_err_set(err, OKRA_EIO, "provider", "the provider at %s: %s", where.buf, what);
	buf_release(&where);
	return rc;
}

/* GET url as a JSON object (status 200), or a provider fault. */
static json_t *
get_json(const char *issuer, const char *url, const char *bearer, struct buf *text,
	 enum oidc_fault *fault, struct okra_err *err)
{
	json_t *doc;
	long status;

	if (sso_get(url, bearer, text, &status, err) < 0) {
		*fault = OIDC_FAULT_PROVIDER;
		return NULL;
	}
	if (status != 200 || !(doc = json_loadb(text->buf, text->len, 0, NULL)) ||
	    !json_is_object(doc)) {
		if (status == 200)
			json_decref(doc);
		provider_fault(fault, err, issuer,
			       status != 200 ? "a document answered not 200"
					     : "a document is not JSON");
		return NULL;
	}
	return doc;
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Does the token endpoint take client_secret_basic (the default when it does not say)? */
static int
post_only(json_t *d)
{
	json_t *m = json_object_get(d, "token_endpoint_auth_methods_supported"), *v;
	int basic = 0, post = 0;
	size_t i;

	if (!json_is_array(m))
		return 0;
	json_array_foreach(m, i, v)
	{
		basic |= json_is_string(v) && !strcmp(json_string_value(v), "client_secret_basic");
		post |= json_is_string(v) && !strcmp(json_string_value(v), "client_secret_post");
	}
	return !basic && post;
}

/* The discovery document of issuer into the cache (mu not held: the fetch is slow). */
static int
discover(const char *issuer, enum oidc_fault *fault, struct okra_err *err)
{
	struct buf url = BUF_INIT, text = BUF_INIT;
	json_t *d;
	const char *end;
	int rc = -1;

	buf_adds(&url, issuer);
	if (url.len && url.buf[url.len - 1] == '/')
		url.buf[--url.len] = '\0';
	buf_adds(&url, "/.well-known/openid-configuration");
	if (!(d = get_json(issuer, url.buf, NULL, &text, fault, err)))
		goto out;
	/* OpenID Connect Discovery 1.0, 4.3: the document's issuer is exactly the one asked. */
	if (!str(d, "issuer") || strcmp(str(d, "issuer"), issuer))
		rc = provider_fault(fault, err, issuer,
				    "its discovery document names another issuer");
	else if (!str(d, "authorization_endpoint") || !str(d, "token_endpoint") ||
		 !str(d, "jwks_uri") || !uri_https_or_loopback(str(d, "authorization_endpoint")) ||
		 !uri_https_or_loopback(str(d, "token_endpoint")) ||
		 !uri_https_or_loopback(str(d, "jwks_uri")))
		rc = provider_fault(fault, err, issuer,
				    "its discovery document lacks an https endpoint");
	else
		rc = 0;
	if (rc == 0) {
		end = str(d, "end_session_endpoint");
		pthread_mutex_lock(&mu);
		cache_clear();
		cache.issuer = xstrdup(issuer);
		cache.authz = xstrdup(str(d, "authorization_endpoint"));
		cache.token = xstrdup(str(d, "token_endpoint"));
		cache.jwks_uri = xstrdup(str(d, "jwks_uri"));
		cache.end_session = end && uri_https_or_loopback(end) ? xstrdup(end) : NULL;
		end = str(d, "userinfo_endpoint");
		cache.userinfo = end && uri_https_or_loopback(end) ? xstrdup(end) : NULL;
		cache.post_auth = post_only(d);
		cache.at = time(NULL);
		pthread_mutex_unlock(&mu);
	}
	json_decref(d);
out:
	buf_release(&url);
	buf_release(&text);
	return rc;
}

/* The key set from jwks_uri into the cache, when the cache is still issuer's. */
static int
fetch_keys(const char *issuer, const char *jwks_uri, enum oidc_fault *fault, struct okra_err *err)
{
	struct buf text = BUF_INIT;
	json_t *set = get_json(issuer, jwks_uri, NULL, &text, fault, err);
	int rc = -1;

	if (set && !json_is_array(json_object_get(set, "keys")))
		provider_fault(fault, err, issuer, "its key set has no keys");
	else if (set) {
		pthread_mutex_lock(&mu);
		if (cache.issuer && !strcmp(cache.issuer, issuer)) {
			free(cache.jwks);
			cache.jwks = xstrdup(text.buf);
		}
		pthread_mutex_unlock(&mu);
		rc = 0;
	}
	json_decref(set);
	buf_release(&text);
	return rc;
}

/* Copy the cache into p when it is issuer's, fresh and (unless keys_too is 0) has keys. */
static int
cached(const char *issuer, struct arena *ar, struct prov *p, const char **jwks_uri)
{
	int hit;

	pthread_mutex_lock(&mu);
	hit = cache.issuer && !strcmp(cache.issuer, issuer) &&
	      time(NULL) - cache.at < DISCOVERY_TTL_S && cache.at <= time(NULL);
	if (hit) {
		p->authz = adup(ar, cache.authz);
		p->token = adup(ar, cache.token);
		p->end_session = adup(ar, cache.end_session);
		p->userinfo = adup(ar, cache.userinfo);
		p->jwks = adup(ar, cache.jwks);
		p->post_auth = cache.post_auth;
		*jwks_uri = adup(ar, cache.jwks_uri);
	}
	pthread_mutex_unlock(&mu);
	return hit;
}

/* The provider of issuer, from the cache or fetched; refresh_keys fetches the key set again. */
static int
provider(const char *issuer, struct arena *ar, int refresh_keys, struct prov *p,
	 enum oidc_fault *fault, struct okra_err *err)
{
	const char *jwks_uri = NULL;

	*p = (struct prov){0};
	if (cached(issuer, ar, p, &jwks_uri) && p->jwks && !refresh_keys)
		return 0;
	if (!jwks_uri) {
		if (discover(issuer, fault, err) < 0)
			return -1;
		pthread_mutex_lock(&mu);
		jwks_uri = adup(ar, cache.jwks_uri);
		pthread_mutex_unlock(&mu);
	}
	if (!jwks_uri || fetch_keys(issuer, jwks_uri, fault, err) < 0)
		return jwks_uri ? -1 : provider_fault(fault, err, issuer, "its cache was replaced");
	if (!cached(issuer, ar, p, &jwks_uri) || !p->jwks)
		return provider_fault(fault, err, issuer, "its documents changed while read");
	return 0;
}

/* issuer and client id, or OIDC_FAULT_OFF. */
static int
configured(struct app *a, struct buf *issuer, struct buf *client_id, enum oidc_fault *fault,
	   struct okra_err *err)
{
	setting(a, "oidc_issuer", issuer);
	setting(a, "oidc_client_id", client_id);
	if (issuer->len && client_id->len)
		return 0;
	*fault = OIDC_FAULT_OFF;
	return okra_err_set(err, OKRA_ESTATE, "oidc_issuer",
			    "single sign-on is off: set oidc_issuer and oidc_client_id");
}

static void
param(struct buf *b, const char *name, const char *value)
{
	buf_addf(b, "%s%s=", b->len && !strchr("?&", b->buf[b->len - 1]) ? "&" : "", name);
	url_enc(b, value);
}

int
sso_begin(struct app *a, const char *redirect_uri, struct buf *url, char state[OIDC_RANDOM_LEN + 1],
	  enum oidc_fault *fault, struct okra_err *err)
{
	struct buf issuer = BUF_INIT, client_id = BUF_INIT, scopes = BUF_INIT;
	struct arena ar = ARENA_INIT;
	struct oidc_begun b;
	struct prov p;
	int rc;

	*fault = OIDC_FAULT_NONE;
	buf_reset(url);
	if ((rc = configured(a, &issuer, &client_id, fault, err)) < 0 ||
	    (rc = provider(issuer.buf, &ar, 0, &p, fault, err)) < 0)
		goto out;
	if ((rc = app_oidc_begin(a, &b, err)) < 0) {
		*fault = OIDC_FAULT_STORE;
		goto out;
	}
	setting(a, "oidc_scopes", &scopes);
	buf_adds(url, p.authz);
	buf_addch(url, strchr(p.authz, '?') ? '&' : '?');
	param(url, "response_type", "code");
	param(url, "client_id", client_id.buf);
	param(url, "redirect_uri", redirect_uri);
	param(url, "scope", scopes.buf);
	param(url, "state", b.state);
	param(url, "nonce", b.nonce);
	param(url, "code_challenge", b.challenge);
	param(url, "code_challenge_method", "S256");
	memcpy(state, b.state, sizeof(b.state));
out:
	buf_release(&issuer);
	buf_release(&client_id);
	buf_release(&scopes);
	arena_release(&ar);
	return rc;
}

/* The token endpoint's refusal as a fault: a client it does not know, a code it will not take. */
static int
token_refused(const char *issuer, const struct buf *text, long status, enum oidc_fault *fault,
	      struct okra_err *err)
{
	json_t *e = json_loadb(text->buf, text->len, 0, NULL);
	const char *code = str(e, "error");
	struct buf where = BUF_INIT;
	int rc;

	uri_origin(issuer, &where);
	*fault = (code && !strcmp(code, "invalid_client")) || status == 401 ? OIDC_FAULT_CLIENT
		 : code && !strcmp(code, "invalid_grant")                   ? OIDC_FAULT_STATE
									    : OIDC_FAULT_PROVIDER;
	/* The provider's error code is a fixed word; its description may echo input: left out. */
	rc = okra_err_set(err, OKRA_EFORBIDDEN, "provider",
			  "the token endpoint of %s answered %ld%s%.60s", where.buf, status,
			  code ? ": " : "", code ? code : "");
	buf_release(&where);
	json_decref(e);
	return rc;
}

/* The authorization code for tokens; the ID token into *id_token (in ar). */
static int
exchange(struct app *a, struct arena *ar, const struct prov *p, const char *issuer,
	 const char *client_id, const char *code, const char *verifier, const char *redirect_uri,
	 const char **id_token, const char **access_token, enum oidc_fault *fault,
	 struct okra_err *err)
{
	struct buf body = BUF_INIT, secret = BUF_INIT, text = BUF_INIT, user = BUF_INIT,
		   pass = BUF_INIT;
	json_t *t = NULL;
	long status;
	int basic, rc;

	setting(a, "oidc_client_secret", &secret);
	basic = secret.len && !p->post_auth;
	param(&body, "grant_type", "authorization_code");
	param(&body, "code", code);
	param(&body, "redirect_uri", redirect_uri);
	param(&body, "code_verifier", verifier);
	if (!basic)
		param(&body, "client_id", client_id);
	if (secret.len && !basic)
		param(&body, "client_secret", secret.buf);
	/* RFC 6749 2.3.1: the id and secret are form-encoded before Basic's base64. */
	url_enc(&user, client_id);
	url_enc(&pass, secret.buf);
	if ((rc = sso_post_form(p->token, body.buf, basic ? user.buf : NULL, pass.buf, &text,
				&status, err)) < 0) {
		*fault = OIDC_FAULT_PROVIDER;
		goto out;
	}
	if (status != 200) {
		rc = token_refused(issuer, &text, status, fault, err);
		goto out;
	}
	t = json_loadb(text.buf, text.len, 0, NULL);
	if (!str(t, "id_token")) {
		rc = provider_fault(fault, err, issuer, "its token answer has no id_token");
		goto out;
	}
	*id_token = arena_strdup(ar, str(t, "id_token"));
	*access_token = str(t, "access_token") ? arena_strdup(ar, str(t, "access_token")) : NULL;
out:
	json_decref(t);
	buf_release(&body);
	buf_release(&secret);
	buf_release(&text);
	buf_release(&user);
	buf_release(&pass);
	return rc;
}

/*
 * The groups claim from the userinfo endpoint, for the ID token's subject only
 * (OpenID Connect Core 5.3.2: a sub that differs must not be used).
 */
static int
userinfo_groups(struct arena *ar, const char *issuer, const char *url, const char *access_token,
		const struct idtoken_expect *x, struct oidc_claims *out, enum oidc_fault *fault,
		struct okra_err *err)
{
	struct buf text = BUF_INIT;
	json_t *u = get_json(issuer, url, access_token, &text, fault, err), *g, *v;
	size_t i;
	int rc = u ? 0 : -1;

	if (u && (!str(u, "sub") || strcmp(str(u, "sub"), out->sub)))
		rc = provider_fault(fault, err, issuer,
				    "its userinfo answer is for another subject");
	g = rc == 0 ? json_object_get(u, x->groups_claim) : NULL;
	if (g) {
		out->has_groups = 1;
		out->groups = arena_calloc(ar, json_is_array(g) ? json_array_size(g) + 1 : 1,
					   sizeof(char *));
		if (json_is_string(g))
			out->groups[out->ngroups++] = arena_strdup(ar, json_string_value(g));
		json_array_foreach(g, i, v) if (json_is_string(v)) out->groups[out->ngroups++] =
			arena_strdup(ar, json_string_value(v));
	}
	json_decref(u);
	buf_release(&text);
	return rc;
}

int
sso_finish(struct app *a, struct arena *ar, const char *code, const char *nonce,
	   const char *verifier, const char *redirect_uri, struct oidc_claims *out,
	   enum oidc_fault *fault, struct okra_err *err)
{
	struct buf issuer = BUF_INIT, client_id = BUF_INIT, groups = BUF_INIT;
	struct idtoken_expect x = {.now = time(NULL), .skew = CLOCK_SKEW_S, .nonce = nonce};
	const char *id_token = NULL, *access_token = NULL;
	struct prov p;
	int rc;

	*fault = OIDC_FAULT_NONE;
	*out = (struct oidc_claims){0};
	if ((rc = configured(a, &issuer, &client_id, fault, err)) < 0 ||
	    (rc = provider(issuer.buf, ar, 0, &p, fault, err)) < 0 ||
	    (rc = exchange(a, ar, &p, issuer.buf, client_id.buf, code, verifier, redirect_uri,
			   &id_token, &access_token, fault, err)) < 0)
		goto out;
	setting(a, "oidc_groups_claim", &groups);
	x.issuer = issuer.buf;
	x.client_id = client_id.buf;
	x.groups_claim = groups.len ? groups.buf : NULL;
	rc = idtoken_verify(id_token, strlen(id_token), p.jwks, &x, ar, out, fault, err);
	/* An unknown kid: the provider may have rotated its keys; fetch the set once more. */
	if (rc < 0 && *fault == OIDC_FAULT_KID) {
		okra_err_clear(err);
		if ((rc = provider(issuer.buf, ar, 1, &p, fault, err)) == 0)
			rc = idtoken_verify(id_token, strlen(id_token), p.jwks, &x, ar, out, fault,
					    err);
	}
	/* The groups may be only in the userinfo answer (GitLab's groups claim is). */
	if (rc == 0 && x.groups_claim && !out->has_groups && p.userinfo && access_token)
		rc = userinfo_groups(ar, issuer.buf, p.userinfo, access_token, &x, out, fault, err);
out:
	buf_release(&issuer);
	buf_release(&client_id);
	buf_release(&groups);
	return rc;
}

int
sso_end_session_url(struct app *a, const char *post_logout, struct buf *out)
{
	struct buf issuer = BUF_INIT, client_id = BUF_INIT;
	int has = 0;

	buf_reset(out);
	setting(a, "oidc_issuer", &issuer);
	setting(a, "oidc_client_id", &client_id);
	pthread_mutex_lock(&mu);
	if (issuer.len && client_id.len && cache.issuer && !strcmp(cache.issuer, issuer.buf) &&
	    cache.end_session) {
		buf_adds(out, cache.end_session);
		buf_addch(out, strchr(cache.end_session, '?') ? '&' : '?');
		has = 1;
	}
	pthread_mutex_unlock(&mu);
	if (has) {
		param(out, "client_id", client_id.buf);
		param(out, "post_logout_redirect_uri", post_logout);
	}
	buf_release(&issuer);
	buf_release(&client_id);
	return has;
}

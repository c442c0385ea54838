/* page_oidc.c: signing in with the OpenID Connect provider: GET /login/oidc sends the browser
 * there, GET /login/oidc/callback signs the person in; every failure is a page saying what
 * happened and what to do, and one log line with the detail. */
#include "http/page.h"

#include <string.h>

#include "app/oidc.h"
#include "app/reads.h"
#include "app/settings.h"
#include "http/auth.h"
#include "http/handler.h"
#include "http/log.h"
#include "sso/sso.h"
#include "util/html.h"

/* The cookie binding a sign-in begun to this browser (so nobody can finish it for another). */
#define STATE_COOKIE "okra_oidc_state"
#define STATE_MAX_AGE 600

/* What each failure shows: status, title, what happened and what to do. */
static const struct {
	enum oidc_fault fault;
	int status;
	const char *title, *text;
} faults[] = {
	{OIDC_FAULT_OFF, 409, "Single sign-on is off",
	 "okra is not set up to sign in with an identity provider. Sign in with your handle and "
	 "password, or ask an admin to set it up."},
	{OIDC_FAULT_PROVIDER, 400, "The identity provider did not answer",
	 "okra could not reach the identity provider, or did not understand its answer. Try "
	 "again in a few minutes; if it goes on, tell an admin (the server's log has the detail)."},
	{OIDC_FAULT_CLIENT, 400, "The identity provider refused okra",
	 "The identity provider did not accept okra's client ID or secret. This is not your "
	 "fault: tell an admin, who will find the detail in the server's log."},
	{OIDC_FAULT_CANCELLED, 400, "Sign-in cancelled",
	 "The sign-in was cancelled at the identity provider, so you are not signed in. Start "
	 "again when you are ready."},
	{OIDC_FAULT_STATE, 400, "This sign-in has expired",
	 "This sign-in link was used already, is too old, or was started in another browser. "
	 "Start again from the sign-in page."},
	{OIDC_FAULT_CLOCK, 403, "The clocks disagree",
	 "The identity provider's answer is dated in the future: the clock of okra's server or "
	 "of the provider is wrong. Tell an admin; the server's log has the detail."},
	{OIDC_FAULT_EXPIRED, 403, "The sign-in took too long",
	 "The identity provider's answer had expired when it arrived (or a clock is wrong). "
	 "Start again; if it goes on, tell an admin."},
	{OIDC_FAULT_UNKNOWN, 403, "No account here for you",
	 "The identity provider knows you, but nobody in okra has your e-mail address. Ask an "
	 "admin to add you (with the address your provider has), then sign in again."},
	{OIDC_FAULT_AMBIGUOUS, 403, "Your e-mail is on two accounts",
	 "Two people in okra have your e-mail address, so okra cannot tell which one is you. "
	 "Ask an admin to correct one of them."},
	{OIDC_FAULT_INACTIVE, 403, "Your account is deactivated",
	 "Your okra account was deactivated, so you cannot sign in. Ask an admin if this is a "
	 "mistake."},
	{OIDC_FAULT_UNVERIFIED, 403, "Your e-mail is not verified",
	 "The identity provider does not vouch for your e-mail address. Verify it there, then "
	 "sign in again."},
	{OIDC_FAULT_STORE, 400, "okra is busy",
	 "okra could not finish the sign-in just now. Start again in a moment."},
};

/* A token that does not pass every check (signature, issuer, audience, nonce, …). */
static const char token_title[] = "The sign-in could not be trusted";
static const char token_text[] =
	"The identity provider's answer did not pass okra's checks, so you are not signed in. "
	"Start again; if it goes on, tell an admin (the server's log has the detail).";

static const char *const fault_names[] = {
	[OIDC_FAULT_NONE] = "none",
	[OIDC_FAULT_OFF] = "off",
	[OIDC_FAULT_PROVIDER] = "provider",
	[OIDC_FAULT_CLIENT] = "client",
	[OIDC_FAULT_CANCELLED] = "cancelled",
	[OIDC_FAULT_STATE] = "state",
	[OIDC_FAULT_MALFORMED] = "malformed",
	[OIDC_FAULT_ALG] = "alg",
	[OIDC_FAULT_KID] = "kid",
	[OIDC_FAULT_SIGNATURE] = "signature",
	[OIDC_FAULT_ISSUER] = "issuer",
	[OIDC_FAULT_AUDIENCE] = "audience",
	[OIDC_FAULT_EXPIRED] = "expired",
	[OIDC_FAULT_CLOCK] = "clock",
	[OIDC_FAULT_NONCE] = "nonce",
	[OIDC_FAULT_UNKNOWN] = "unknown-person",
	[OIDC_FAULT_AMBIGUOUS] = "ambiguous",
	[OIDC_FAULT_INACTIVE] = "deactivated",
	[OIDC_FAULT_UNVERIFIED] = "unverified",
	[OIDC_FAULT_STORE] = "store",
};

static void
state_cookie(struct request *r, const char *value, int max_age)
{
	struct buf c = BUF_INIT;

	/* Lax: the provider sends the browser back with a top-level GET, which carries it. */
	buf_addf(&c, "%s=%s; Path=/login/oidc; HttpOnly; SameSite=Lax; Max-Age=%d%s", STATE_COOKIE,
		 value, max_age, r->cfg->secure_cookies ? "; Secure" : "");
	reply_header(r, "Set-Cookie", c.buf);
	buf_release(&c);
}

/* The failure's page and its one log line; never a 5xx, and its only way on is /login. */
static int
failed(struct request *r, enum oidc_fault fault, const struct okra_err *err)
{
	const char *title = token_title, *text = token_text;
	int status = 403;
	struct buf *b;

	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (faults[i].fault == fault) {
			status = faults[i].status;
			title = faults[i].title;
			text = faults[i].text;
		}
	http_log("okra: single sign-on refused (%s): %s",
		 fault < sizeof(fault_names) / sizeof(fault_names[0]) && fault_names[fault]
			 ? fault_names[fault]
			 : "?",
		 err && err->msg[0] ? err->msg : "no detail");
	state_cookie(r, "", 0);
	page_begin(r, title, NULL);
	b = &r->out;
	buf_adds(b, "<h1>");
	html_txt(b, title);
	buf_adds(b, "</h1>\n<p class=\"sso-error\">");
	html_txt(b, text);
	buf_adds(b, "</p>\n<p><a href=\"/login\">Back to the sign-in page</a></p>\n");
	page_end(r, status);
	return 0;
}

/* base_url's callback, or its sign-in page: the addresses registered at the provider. */
static void
our_url(struct request *r, const char *path, struct buf *out)
{
	struct okra_err ignore = {0};

	app_setting_text(r->app, "base_url", out, &ignore);
	while (out->len && out->buf[out->len - 1] == '/')
		out->buf[--out->len] = '\0';
	buf_adds(out, path);
}

int
h_oidc_start(struct request *r)
{
	struct buf url = BUF_INIT, callback = BUF_INIT;
	char state[OIDC_RANDOM_LEN + 1];
	enum oidc_fault fault;
	struct okra_err err = {0};

	our_url(r, "/login/oidc/callback", &callback);
	if (sso_begin(r->app, callback.buf, &url, state, &fault, &err) < 0) {
		failed(r, fault, &err);
	} else {
		state_cookie(r, state, STATE_MAX_AGE);
		reply_header(r, "Location", url.buf);
		reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
	}
	buf_release(&url);
	buf_release(&callback);
	return 0;
}

/* The code for tokens, the token checked, the person signed in; a fault page otherwise. */
static int
finish(struct request *r, const char *state, const char *code)
{
	const char *nonce, *verifier, *handle = NULL;
	struct buf callback = BUF_INIT;
	struct oidc_claims c;
	struct app_session s = {0};
	enum oidc_fault fault = OIDC_FAULT_NONE;
	struct okra_err err = {0};
	int rc;

	if ((rc = app_oidc_take(r->app, &r->arena, state, &nonce, &verifier, &err)) < 0) {
		fault = rc == OKRA_ENOTFOUND ? OIDC_FAULT_STATE : OIDC_FAULT_STORE;
		goto out;
	}
	our_url(r, "/login/oidc/callback", &callback);
	if (sso_finish(r->app, &r->arena, code, nonce, verifier, callback.buf, &c, &fault, &err) <
		    0 ||
	    app_oidc_sign_in(r->app, &r->arena, &c, &s, &handle, &fault, &err) < 0)
		goto out;
	if (app_person(r->app, &r->arena, handle, &r->who, &err) < 0) {
		fault = OIDC_FAULT_STORE;
		goto out;
	}
	state_cookie(r, "", 0);
	set_session_cookie(r, s.token, r->app->session_max);
	/* Signing out will send this browser to the provider's end-session endpoint too. */
	reply_header(r, "Set-Cookie", SSO_VIA_COOKIE "=1; Path=/; HttpOnly; SameSite=Lax");
	reply_header(r, "Location", "/");
	reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
out:
	if (fault != OIDC_FAULT_NONE)
		failed(r, fault, &err);
	buf_release(&callback);
	return 0;
}

int
h_oidc_callback(struct request *r)
{
	const char *state = req_query(r, "state"), *code = req_query(r, "code");
	const char *error = req_query(r, "error"), *cookie = req_cookie(r, STATE_COOKIE);
	struct okra_err err = {0};

	if (error) {
		/* The provider's error code, logged only when it is a plain word (no forged lines).
		 */
		okra_err_set(&err, OKRA_EFORBIDDEN, "error", "the provider answered error=%.40s",
			     strspn(error, "abcdefghijklmnopqrstuvwxyz_") == strlen(error)
				     ? error
				     : "(not a word)");
		return failed(r,
			      strcmp(error, "access_denied") ? OIDC_FAULT_PROVIDER
							     : OIDC_FAULT_CANCELLED,
			      &err);
	}
	if (!state || !code || !*code || strlen(code) > 2048 || !cookie || strcmp(state, cookie)) {
		okra_err_set(&err, OKRA_EFORBIDDEN, "state",
			     !state || !code ? "the callback lacks its state or code"
			     : !cookie       ? "this browser did not begin the sign-in (no cookie)"
					     : "the state is not the one this browser began");
		return failed(r, OIDC_FAULT_STATE, &err);
	}
	return finish(r, state, code);
}

/*
 * hooks.c: webhooks from GitLab, GitHub and Jira — secrets, settings, which forge an
 * item belongs to, and applying a delivery once and in the order of its events.
 */
#include "app/app_int.h"
#include "app/json_write.h"

#include <sodium.h>
#include <string.h>

#include "app/settings.h"
#include "core/ref.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "app/objectives.h"
#include "app/hooks.h"

static const char *const forge_names[] = {"gitlab", "github", "jira"};
static const char *const secret_names[] = {"gitlab_webhook_secret", "github_webhook_secret",
					   "jira_webhook_secret"};

/* GitHub's X-Hub-Signature-256 and Jira's X-Hub-Signature: "sha256=" and the hex HMAC. */
static int
verify_hmac(const struct buf *secret, const char *credential, const void *body, size_t len)
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES], got[crypto_auth_hmacsha256_BYTES];
	size_t n = 0;
	int ok;

	if (strncmp(credential, "sha256=", 7) || strlen(credential + 7) != 2 * sizeof(got))
		return 0;
	if (sodium_hex2bin(got, sizeof(got), credential + 7, 2 * sizeof(got), NULL, &n, NULL) ||
	    n != sizeof(got))
		return 0;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret->buf, secret->len);
	crypto_auth_hmacsha256_update(&st, body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	ok = !sodium_memcmp(mac, got, sizeof(mac));
	sodium_memzero(mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
	return ok;
}

int
app_hook_verify(struct app *a, enum hook_forge forge, const char *credential, const void *body,
		size_t len, struct okra_err *err)
{
	struct buf secret = BUF_INIT;
	int rc, ok = 0;

	if ((rc = app_setting_text(a, secret_names[forge], &secret, err)) < 0)
		goto out;
	if (!secret.len || !credential)
		ok = 0;
	else if (forge == HOOK_GITLAB)
		ok = strlen(credential) == secret.len &&
		     !sodium_memcmp(credential, secret.buf, secret.len);
	else
		ok = verify_hmac(&secret, credential, body, len);
	if (!ok)
		rc = okra_err_set(
			err, OKRA_EFORBIDDEN, "",
			!secret.len ? "the %s webhook is off: its secret is not set"
				    : "the %s webhook secret or signature is wrong or missing",
			forge_names[forge]);
out:
	if (secret.buf)
		sodium_memzero(secret.buf, secret.len);
	buf_release(&secret);
	return rc;
}

/*
 * The HMAC key of a signing token: whsec_ and the key in base64 (the form GitLab
 * gives), else the token's own bytes. 0, or -1 when the base64 is bad.
 */
static int
signing_key(const struct buf *token, unsigned char *key, size_t cap, size_t *len)
{
	if (token->len > 6 && !strncmp(token->buf, "whsec_", 6))
		return sodium_base642bin(key, cap, token->buf + 6, token->len - 6, NULL, len, NULL,
					 sodium_base64_VARIANT_ORIGINAL);
	if (token->len > cap)
		return -1;
	memcpy(key, token->buf, token->len);
	*len = token->len;
	return 0;
}

/* Does one "v1,BASE64" of the space-separated list sig hold the MAC? Constant time per entry. */
static int
signature_matches(const char *sig, const unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
	unsigned char got[crypto_auth_hmacsha256_BYTES];
	int ok = 0;

	while (*sig) {
		size_t n = strcspn(sig, " "), blen = 0;

		if (n > 3 && !strncmp(sig, "v1,", 3) &&
		    !sodium_base642bin(got, sizeof(got), sig + 3, n - 3, NULL, &blen, NULL,
				       sodium_base64_VARIANT_ORIGINAL) &&
		    blen == sizeof(got))
			ok |= !sodium_memcmp(got, mac, sizeof(got));
		sig += n;
		sig += strspn(sig, " ");
	}
	sodium_memzero(got, sizeof(got));
	return ok;
}

int
app_hook_verify_signed(struct app *a, const struct hook_signature *s, const void *body, size_t len,
		       struct okra_err *err)
{
	struct buf token = BUF_INIT;
	unsigned char key[256], mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	size_t klen = 0;
	int rc, ok = 0;

	if ((rc = app_setting_text(a, "gitlab_webhook_signing_token", &token, err)) < 0)
		goto out;
	if (token.len && s->id && s->timestamp && s->signature &&
	    signing_key(&token, key, sizeof(key), &klen) == 0) {
		/* Standard Webhooks: the MAC of "ID.TIMESTAMP.BODY". */
		crypto_auth_hmacsha256_init(&st, key, klen);
		crypto_auth_hmacsha256_update(&st, (const unsigned char *)s->id, strlen(s->id));
		crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
		crypto_auth_hmacsha256_update(&st, (const unsigned char *)s->timestamp,
					      strlen(s->timestamp));
		crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
		crypto_auth_hmacsha256_update(&st, body, len);
		crypto_auth_hmacsha256_final(&st, mac);
		ok = signature_matches(s->signature, mac);
	}
	if (!ok)
		rc = okra_err_set(err, OKRA_EFORBIDDEN, "",
				  !token.len ? "the gitlab webhook's signing token is not set"
					     : "the gitlab webhook signature is wrong or missing");
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
	if (token.buf)
		sodium_memzero(token.buf, token.len);
	buf_release(&token);
	return rc;
}

/* What a GitHub "closed as not planned" means here: the setting github_not_planned. */
static int
resolve_action(struct app *a, enum hook_action action, enum hook_action *out, struct okra_err *err)
{
	struct buf v = BUF_INIT;
	int rc = 0;

	*out = action;
	if (action == HOOK_CLOSE_NOT_PLANNED) {
		rc = app_setting_text(a, "github_not_planned", &v, err);
		*out = rc == 0 && !strcmp(v.buf, "done") ? HOOK_CLOSE : HOOK_NONE;
	}
	buf_release(&v);
	return rc;
}

int
app_ref_claim(struct app *a, const char *ref, const char *canon, struct okra_err *err)
{
	struct buf host = BUF_INIT;
	enum ref_forge f = ref_forge_of(ref, &host);
	int64_t n = 0;
	int rc = 0;

	/* n counts the item just added: 1 = no other item carries the ref. */
	if (f != REF_FORGE_NONE && (rc = store_ref_count(a->db, canon, &n, err)) == 0)
		rc = store_forge_item_claim(a->db, canon,
					    f == REF_FORGE_GITHUB ? "github"
					    : f == REF_FORGE_JIRA ? "jira"
								  : "gitlab",
					    host.len ? host.buf : NULL, n <= 1, err);
	buf_release(&host);
	return rc;
}

/* A short form GitHub can name: owner/repo#N (GitLab's group&N and g/sub/p#N are GitLab's only). */
static int
github_shaped(const char *canon)
{
	const char *mark = strchr(canon, '#'), *slash = strchr(canon, '/');

	return mark && slash && slash < mark && !memchr(slash + 1, '/', (size_t)(mark - slash - 1));
}

/* Which forge owns a short form no URL tied to a forge: the setting hook_short_refs. */
static int
short_ref_owner(struct app *a, enum hook_forge forge, int *ok, struct okra_err *err)
{
	struct buf v = BUF_INIT, gl = BUF_INIT, gh = BUF_INIT;
	int rc;

	*ok = 0;
	if ((rc = app_setting_text(a, "hook_short_refs", &v, err)) < 0)
		goto out;
	if (!strcmp(v.buf, "either"))
		*ok = 1;
	else if (!strcmp(v.buf, "gitlab") || !strcmp(v.buf, "github"))
		*ok = !strcmp(v.buf, forge_names[forge]);
	else if ((rc = app_setting_text(a, "gitlab_webhook_secret", &gl, err)) == 0 &&
		 (rc = app_setting_text(a, "github_webhook_secret", &gh, err)) == 0 &&
		 (gl.len || (rc = app_setting_text(a, "gitlab_api_token", &gl, err)) == 0) &&
		 (gh.len || (rc = app_setting_text(a, "github_api_token", &gh, err)) == 0))
		/* auto: the only forge with a webhook or an API token, else GitLab (whose
		 * notation it is). */
		*ok = forge == HOOK_GITLAB ? !(gh.len && !gl.len) : gh.len && !gl.len;
out:
	if (gl.buf)
		sodium_memzero(gl.buf, gl.len);
	if (gh.buf)
		sodium_memzero(gh.buf, gh.len);
	buf_release(&gl);
	buf_release(&gh);
	buf_release(&v);
	return rc;
}

/*
 * May ev change the item canon? It may when the item is the delivering
 * forge's (recorded from the URL it was given as, the host too when both are
 * known), or, for a short form with no forge recorded, when GitHub can name it
 * at all and hook_short_refs gives it to this forge. host: the event's own
 * host (from its URL), or NULL.
 */
static int
belongs(struct app *a, const struct hook_event *ev, const char *canon, const struct forge_item *fi,
	const char *host, int *ok, struct okra_err *err)
{
	*ok = 0;
	if (fi->forge) {
		*ok = !strcmp(fi->forge, forge_names[ev->forge]) &&
		      (!fi->host || !host || !strcmp(fi->host, host));
		return 0;
	}
	/* A Jira key is Jira's alone, and Jira names nothing else. */
	if (ev->forge == HOOK_JIRA || ref_is_jira(canon)) {
		*ok = ev->forge == HOOK_JIRA && ref_is_jira(canon);
		return 0;
	}
	if (!github_shaped(canon)) {
		*ok = ev->forge == HOOK_GITLAB;
		return 0;
	}
	return short_ref_owner(a, ev->forge, ok, err);
}

/* Outcomes of one item: what app_hook_apply says when no item changed. */
struct tally {
	int known, stale, foreign;
	int64_t changed;
};

/*
 * The item canon as the event names it is unknown, but an item of the same
 * project (by the forge's id, ev->project) is known under another path: the
 * project was renamed or moved. The item of the old path with canon's number
 * (#N or !N) takes canon's name, audited, so this and later events find it.
 */
static int
follow_rename(struct app *a, const struct hook_event *ev, const char *canon, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct buf from = BUF_INIT;
	const char *known, *mark = canon + strcspn(canon, "#!"), *kmark;
	int64_t n = 0;
	int rc = 0;

	if (!ev->project || !*mark || (rc = store_ref_count(a->db, canon, &n, err)) < 0 || n)
		goto out;
	if ((rc = store_forge_project_ref(a->db, &ar, ev->project, &known, err)) < 0 || !known)
		goto out;
	kmark = known + strcspn(known, "#!");
	if (!*kmark || ((size_t)(kmark - known) == (size_t)(mark - canon) &&
			!strncmp(known, canon, (size_t)(mark - canon))))
		goto out;
	buf_add(&from, known, (size_t)(kmark - known));
	buf_adds(&from, mark);
	if ((rc = store_ref_count(a->db, from.buf, &n, err)) < 0 || !n ||
	    (rc = store_ref_rename(a->db, from.buf, canon, &n, err)) < 0 || !n)
		goto out;
	{
		struct app_text t;
		struct jw *w = app_text_begin(&t);

		jw_object(w);
		jw_kstr(w, "from", from.buf);
		jw_kstr(w, "to", canon);
		jw_kstr(w, "project", ev->project);
		jw_kint(w, "items", n);
		jw_end(w);
		rc = app_audit(a, "rename", "ref", 0, NULL, app_text_end(&t), err);
	}
out:
	buf_release(&from);
	arena_release(&ar);
	return rc < 0 ? rc : 0;
}

/* Close or reopen the item canon if it is this forge's and the event is not older than its last. */
static int
apply_item(struct app *a, const struct hook_event *ev, enum hook_action action, const char *canon,
	   const char *host, struct tally *t, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct forge_item fi;
	int64_t n = 0;
	int rc, ok;

	if ((rc = follow_rename(a, ev, canon, err)) < 0 ||
	    (rc = store_forge_item_get(a->db, &ar, canon, &fi, err)) < 0 ||
	    (rc = belongs(a, ev, canon, &fi, host, &ok, err)) < 0)
		goto out;
	if (!ok) {
		t->foreign = 1;
		goto out;
	}
	if (ev->at && fi.has_event && ev->at < fi.event_at) {
		t->stale = 1;
		goto out;
	}
	rc = app_ref_set_state(a, canon, action == HOOK_REOPEN ? ITEM_OPEN : ITEM_CLOSED,
			       SOURCE_INTEGRATION, &n, err);
	if (rc == OKRA_ENOTFOUND) {
		okra_err_clear(err);
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	t->known = 1;
	t->changed += n;
	if (ev->at)
		rc = store_forge_item_event(a->db, canon, ev->at, err);
	/* The project's id, first time seen (an item's project does not change its id). */
	if (rc == 0 && ev->project && (!fi.project || strcmp(fi.project, ev->project)))
		rc = store_forge_item_project(a->db, canon, ev->project, err);
	rc = rc < 0 ? rc : 1;
out:
	arena_release(&ar);
	return rc;
}

int
app_hook_apply(struct app *a, const struct hook_event *ev, enum hook_outcome *out, int64_t *changed,
	       struct okra_err *err)
{
	struct buf canon[2] = {BUF_INIT, BUF_INIT}, host = BUF_INIT;
	enum hook_action action;
	struct strlist refs = {0};
	struct tally t = {0};
	enum ref_forge mine = ev->forge == HOOK_GITHUB ? REF_FORGE_GITHUB
			      : ev->forge == HOOK_JIRA ? REF_FORGE_JIRA
						       : REF_FORGE_GITLAB;
	int rc, fresh = 0;

	*out = HOOK_IGNORED;
	*changed = 0;
	app_act_as_system(a);
	if ((rc = app_tx_begin(a, err)) < 0)
		goto release;
	if ((rc = store_delivery_add(a->db, ev->delivery, forge_names[ev->forge], a->now, &fresh,
				     err)) < 0)
		goto out;
	if (!fresh) {
		*out = HOOK_REPLAY;
		goto out;
	}
	if ((rc = resolve_action(a, ev->action, &action, err)) < 0 || action == HOOK_NONE)
		goto out;
	/* The event's host: from the item's URL, when it is this forge's. */
	for (int i = 0; i < 2; i++)
		if (ref_forge_of(ev->refs[i], &host) != mine)
			buf_reset(&host);
		else if (host.len)
			break;
	for (int i = 0; i < 2; i++) {
		enum ref_forge f;

		/* A name that is not a ref, or the same item twice (URL and short form), is
		 * skipped; so is a URL of the other forge. */
		if (!ev->refs[i] || ref_parse(ev->refs[i], "ref", &canon[i], NULL, NULL) < 0 ||
		    (i && canon[0].len && !strcmp(canon[0].buf, canon[1].buf)))
			continue;
		f = ref_forge_of(ev->refs[i], NULL);
		if (f != REF_FORGE_NONE && f != mine) {
			t.foreign = 1;
			continue;
		}
		if ((rc = apply_item(a, ev, action, canon[i].buf, host.len ? host.buf : NULL, &t,
				     err)) < 0)
			goto out;
		if (rc)
			strlist_push(&refs, canon[i].buf);
		rc = 0;
	}
	*changed = t.changed;
	*out = t.known     ? HOOK_APPLIED
	       : t.stale   ? HOOK_STALE
	       : t.foreign ? HOOK_FOREIGN
			   : HOOK_UNKNOWN_REF;
	if (*changed) {
		struct app_text tx;
		struct jw *w = app_text_begin(&tx);

		jw_object(w);
		jw_kstr(w, "source", forge_names[ev->forge]);
		jw_kstr(w, "delivery", ev->delivery);
		jw_key(w, "refs");
		jw_array(w);
		for (size_t i = 0; i < refs.n; i++)
			jw_str(w, refs.v[i]);
		jw_end(w);
		jw_end(w);
		rc = app_audit(a, "apply", "delivery", 0, NULL, app_text_end(&tx), err);
	}
out:
	rc = app_tx_end(a, rc, err);
release:
	strlist_release(&refs);
	buf_release(&host);
	buf_release(&canon[0]);
	buf_release(&canon[1]);
	return rc;
}

int
app_hook_open_refs(struct app *a, struct arena *ar, struct hook_open_ref **out, size_t *n,
		   struct okra_err *err)
{
	struct open_ref *v = NULL;
	size_t nv = 0;
	int rc, ok;

	*out = NULL;
	*n = 0;
	if ((rc = store_open_refs(a->db, ar, &v, &nv, err)) < 0)
		return rc;
	*out = arena_calloc(ar, nv ? nv : 1, sizeof(**out));
	for (size_t i = 0; i < nv; i++) {
		struct hook_open_ref *o = &(*out)[*n];

		o->ref = v[i].ref;
		o->host = v[i].host;
		if (v[i].forge) {
			for (int f = HOOK_GITLAB; f <= HOOK_JIRA; f++)
				if (!strcmp(v[i].forge, forge_names[f]))
					o->forges |= 1u << f;
		} else if (ref_is_jira(v[i].ref)) {
			o->forges = 1u << HOOK_JIRA;
		} else if (!github_shaped(v[i].ref)) {
			o->forges = 1u << HOOK_GITLAB;
		} else {
			for (int f = HOOK_GITLAB; f <= HOOK_GITHUB; f++) {
				if ((rc = short_ref_owner(a, (enum hook_forge)f, &ok, err)) < 0)
					return rc;
				o->forges |= ok ? 1u << f : 0;
			}
		}
		if (o->forges)
			(*n)++;
	}
	return 0;
}

int
app_rehearse_begin(struct app *a, struct okra_err *err)
{
	return app_tx_begin(a, err);
}

void
app_rehearse_end(struct app *a)
{
	struct okra_err err = {0};

	app_tx_end(a, OKRA_EINVAL, &err);
}

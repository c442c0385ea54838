/* oidc.c: single sign-on's rules: a sign-in begun and taken once; who the provider's person is
 * here (linked subject, verified e-mail or handle; created when allowed); the teams and role
 * their groups give; the session. The provider itself is spoken to by src/sso. */
#include "app/oidc.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/json_write.h"
#include "app/settings.h"
#include "core/validate.h"
#include "store/store.h"
#include "util/arena.h"

#define BEGUN_MAX_AGE 600 /* a sign-in must come back within ten minutes */

/* 32 random bytes as URL-safe base64 without padding: 43 characters. */
static void
random_b64(char out[OIDC_RANDOM_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, OIDC_RANDOM_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* The store keeps only the hash of a state: a database read gives nobody a sign-in. */
static void
state_hash(const char *state, char out[STORE_HASH_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)state, strlen(state));
	sodium_bin2hex(out, STORE_HASH_HEX + 1, h, sizeof(h));
}

int
app_oidc_begin(struct app *a, struct oidc_begun *out, struct okra_err *err)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hash[STORE_HASH_HEX + 1];
	int rc;

	random_b64(out->state);
	random_b64(out->nonce);
	random_b64(out->verifier);
	/* RFC 7636 4.2: S256 is the URL-safe base64 of the verifier's SHA-256. */
	crypto_hash_sha256(h, (const unsigned char *)out->verifier, strlen(out->verifier));
	sodium_bin2base64(out->challenge, sizeof(out->challenge), h, sizeof(h),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	state_hash(out->state, hash);
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_oidc_login_add(a->db, hash, out->nonce, out->verifier, a->now,
				  a->now - BEGUN_MAX_AGE, err);
	return app_tx_end(a, rc, err);
}

int
app_oidc_take(struct app *a, struct arena *ar, const char *state, const char **nonce,
	      const char **verifier, struct okra_err *err)
{
	char hash[STORE_HASH_HEX + 1];
	struct store_oidc_login l;
	int rc;

	*nonce = *verifier = NULL;
	if (!state || strlen(state) != OIDC_RANDOM_LEN)
		return okra_err_set(err, OKRA_ENOTFOUND, "state", "the state is not one okra made");
	state_hash(state, hash);
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_oidc_login_take(a->db, ar, hash, &l, err);
	/* A stale one stays refused (and is swept by the next sign-in begun). */
	if (rc == 0 && l.created_at < a->now - BEGUN_MAX_AGE)
		rc = okra_err_set(err, OKRA_ENOTFOUND, "state",
				  "the sign-in was begun too long ago");
	if ((rc = app_tx_end(a, rc, err)) < 0)
		return rc;
	*nonce = l.nonce;
	*verifier = l.verifier;
	return 0;
}

static void
setting(struct app *a, const char *name, struct buf *out)
{
	struct okra_err ignore = {0};

	app_setting_text(a, name, out, &ignore);
}

static int
on(struct app *a, const char *name)
{
	struct buf b = BUF_INIT;
	int yes;

	setting(a, name, &b);
	yes = !strcmp(b.buf, "on");
	buf_release(&b);
	return yes;
}

int
app_oidc_password_allowed(struct app *a, const char *handle, struct okra_err *err)
{
	struct buf glass = BUF_INIT;
	int ok;

	if (!on(a, "oidc_only"))
		return 0;
	setting(a, "oidc_break_glass", &glass);
	ok = glass.len && handle && !strcmp(handle, glass.buf);
	buf_release(&glass);
	if (ok)
		return 0;
	return okra_err_set(err, OKRA_EFORBIDDEN, "password",
			    "passwords are turned off: sign in with the identity provider");
}

/* An audit row whose actor is the person signing in (no actor is set yet); frees the texts. */
static int
audit_by(struct db *db, int64_t at, int64_t actor, const char *action, const char *entity,
	 int64_t id, char *before, char *after, struct okra_err *err)
{
	int rc = store_audit_add(db, at, actor, action, entity, id, before, after, err);

	free(before);
	free(after);
	return rc;
}

/* A refusal of the person: *fault says which page, err the detail for the log. */
#define REFUSE(f, ...) (*fault = (f), okra_err_set(err, OKRA_EFORBIDDEN, "person", __VA_ARGS__))

/* A handle made from the provider's username or the e-mail's local part, or NULL. */
static const char *
new_handle(struct arena *ar, const struct oidc_claims *c)
{
	const char *from = c->preferred_username ? c->preferred_username : c->email;
	char *h;
	size_t n = 0;
	struct okra_err ignore = {0};

	if (!from)
		return NULL;
	h = arena_alloc(ar, strlen(from) + 1);
	for (const char *p = from; *p && *p != '@' && n < 40; p++) {
		char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    (n && (ch == '.' || ch == '_' || ch == '-')))
			h[n++] = ch;
	}
	h[n] = '\0';
	return validate_handle("handle", h, &ignore) == 0 ? h : NULL;
}

/* Is c's e-mail one to match or keep: marked verified, or oidc_email_verified trusted? */
static int
verified(struct app *a, const struct oidc_claims *c)
{
	struct buf b = BUF_INIT;
	int trusted;

	if (c->email_verified)
		return 1;
	setting(a, "oidc_email_verified", &b);
	trusted = !strcmp(b.buf, "trusted");
	buf_release(&b);
	return trusted;
}

/* A new member who joins today (R4 applies: a new joiner writes no updates for a while). */
static int
create(struct app *a, struct arena *ar, const struct oidc_claims *c, struct person *p,
       enum oidc_fault *fault, struct okra_err *err)
{
	int64_t id;
	int rc;

	*p = (struct person){.handle = new_handle(ar, c),
			     .email = verified(a, c) ? c->email : NULL,
			     .role = ROLE_MEMBER,
			     .joined_on = a->today};
	p->name = c->name && validate_title("name", c->name, err) == 0 ? c->name : p->handle;
	okra_err_clear(err);
	if (!p->handle || (p->email && validate_email("email", p->email, err) < 0))
		return REFUSE(OIDC_FAULT_UNKNOWN,
			      "cannot make a handle or take the e-mail of subject %s", c->sub);
	if ((rc = store_person_add(a->db, p, &id, err)) < 0) {
		if (rc == OKRA_ECONFLICT)
			return REFUSE(OIDC_FAULT_AMBIGUOUS,
				      "a person with handle %s exists already", p->handle);
		return rc;
	}
	p->id = id;
	return audit_by(a->db, a->now, id, "create", "person", id, NULL,
			app_text_person(p, a->today), err);
}

/* The person c matches by e-mail or handle (oidc_match), OKRA_ENOTFOUND, or refused. */
static int
match(struct app *a, struct arena *ar, const struct oidc_claims *c, struct person *p,
      enum oidc_fault *fault, struct okra_err *err)
{
	struct buf how = BUF_INIT;
	int64_t id = 0;
	int by_handle, rc;

	setting(a, "oidc_match", &how);
	by_handle = !strcmp(how.buf, "handle");
	buf_release(&how);
	if (by_handle)
		return c->preferred_username
			       ? store_person_by_handle(a->db, ar, c->preferred_username, p, err)
			       : OKRA_ENOTFOUND;
	if (!c->email)
		return OKRA_ENOTFOUND;
	if (!verified(a, c))
		return REFUSE(OIDC_FAULT_UNVERIFIED, "the provider does not say %s is verified",
			      c->email);
	rc = store_person_by_email(a->db, c->email, &id, err);
	if (rc == OKRA_ECONFLICT)
		return REFUSE(OIDC_FAULT_AMBIGUOUS, "two people here have the e-mail %s", c->email);
	return rc < 0 ? rc : store_person_get(a->db, ar, id, p, err);
}

/* The person c's subject is linked to, or matched and linked now, or created; or refused. */
static int
find(struct app *a, struct arena *ar, const struct oidc_claims *c, struct person *p, int *linked,
     enum oidc_fault *fault, struct okra_err *err)
{
	int64_t id = 0;
	int rc;

	*linked = 1;
	if ((rc = store_oidc_link_get(a->db, c->sub, &id, err)) == 0)
		return store_person_get(a->db, ar, id, p, err);
	if (rc != OKRA_ENOTFOUND)
		return rc;
	*linked = 0;
	okra_err_clear(err);
	if ((rc = match(a, ar, c, p, fault, err)) != OKRA_ENOTFOUND)
		return rc;
	okra_err_clear(err);
	if (!on(a, "oidc_create_people"))
		return REFUSE(OIDC_FAULT_UNKNOWN,
			      "nobody here matches subject %s and oidc_create_people is off",
			      c->sub);
	return create(a, ar, c, p, fault, err);
}

/* The next comma-separated item of *list, trimmed, as [*at, *at + *n); 0 at the end. */
static int
next_item(const char **list, const char **at, size_t *n)
{
	const char *s = *list, *e;

	while (*s == ' ' || *s == ',')
		s++;
	if (!*s)
		return 0;
	e = strchr(s, ',');
	e = e ? e : s + strlen(s);
	*list = e;
	while (e > s && e[-1] == ' ')
		e--;
	*at = s;
	*n = (size_t)(e - s);
	return 1;
}

static int
in_group(const struct oidc_claims *c, const char *g, size_t n)
{
	for (size_t i = 0; i < c->ngroups; i++)
		if (strlen(c->groups[i]) == n && !memcmp(c->groups[i], g, n))
			return 1;
	return 0;
}

/* Is c in any group of the comma-separated list named by setting name? -1 when it is empty. */
static int
in_any(struct app *a, const struct oidc_claims *c, const char *name)
{
	struct buf list = BUF_INIT;
	const char *p, *g;
	size_t n;
	int yes = -1;

	setting(a, name, &list);
	for (p = list.buf; next_item(&p, &g, &n);)
		yes = (yes == 1) || in_group(c, g, n);
	buf_release(&list);
	return yes;
}

/* Should c be in team slug? Any pair GROUP=slug of oidc_group_teams whose group c is in. */
static int
wants_team(const char *pairs, const struct oidc_claims *c, const char *slug)
{
	const char *p = pairs, *item, *eq;
	size_t n;

	while (next_item(&p, &item, &n))
		if ((eq = memchr(item, '=', n)) && strlen(slug) == (size_t)(item + n - eq - 1) &&
		    !memcmp(eq + 1, slug, strlen(slug)) && in_group(c, item, (size_t)(eq - item)))
			return 1;
	return 0;
}

/* Join or leave one mapped team as the claim says, audited. */
static int
follow_team(struct app *a, struct arena *ar, const char *pairs, const struct oidc_claims *c,
	    const struct person *p, const char *slug, struct okra_err *err)
{
	struct team t = {0};
	int has = 0, want = wants_team(pairs, c, slug), rc;

	if ((rc = store_team_by_slug(a->db, ar, slug, &t, err)) == OKRA_ENOTFOUND) {
		okra_err_clear(err);
		return 0; /* a pair naming no team changes nothing */
	}
	if (rc < 0 || (rc = store_membership_has(a->db, p->id, t.id, &has, err)) < 0 || want == has)
		return rc;
	rc = want ? store_membership_add(a->db, p->id, t.id, err)
		  : store_membership_delete(a->db, p->id, t.id, err);
	if (rc == 0)
		rc = audit_by(a->db, a->now, p->id, want ? "join" : "leave", "team", t.id, NULL,
			      app_text_strings("member", p->handle, "via", "oidc groups", NULL),
			      err);
	return rc;
}

static int
follow_teams(struct app *a, struct arena *ar, const struct oidc_claims *c, const struct person *p,
	     struct okra_err *err)
{
	struct buf pairs = BUF_INIT;
	const char *it, *item, *eq;
	int rc = 0;
	size_t n;

	setting(a, "oidc_group_teams", &pairs);
	for (it = pairs.buf; rc == 0 && next_item(&it, &item, &n);)
		if ((eq = memchr(item, '=', n)) && eq + 1 < item + n)
			rc = follow_team(a, ar, pairs.buf, c, p,
					 arena_strndup(ar, eq + 1, (size_t)(item + n - eq - 1)),
					 err);
	buf_release(&pairs);
	return rc;
}

/* The role the groups give: admin, leader, else member for one who was either; the last admin
 * stays one. */
static int
follow_role(struct app *a, const struct oidc_claims *c, struct person *p, struct okra_err *err)
{
	int admin = in_any(a, c, "oidc_admin_groups"), leader = in_any(a, c, "oidc_leader_groups");
	enum role role = p->role;
	struct person row = *p;
	int64_t others = 1;
	char *before;
	int rc;

	if (admin < 0 && leader < 0)
		return 0;
	if (admin == 1)
		role = ROLE_ADMIN;
	else if (leader == 1)
		role = ROLE_LEADER;
	else if (role == ROLE_ADMIN || role == ROLE_LEADER)
		role = ROLE_MEMBER;
	if (role == p->role)
		return 0;
	if (p->role == ROLE_ADMIN && (rc = store_other_admins(a->db, p->id, &others, err)) < 0)
		return rc;
	if (!others)
		return 0; /* okra is never left without an active admin */
	row.role = role;
	if ((rc = store_person_update(a->db, &row, err)) < 0)
		return rc;
	before = app_text_person(p, a->today);
	p->role = role;
	return audit_by(a->db, a->now, p->id, "update", "person", p->id, before,
			app_text_person(p, a->today), err);
}

int
app_oidc_sign_in(struct app *a, struct arena *ar, const struct oidc_claims *c,
		 struct app_session *out, const char **handle, enum oidc_fault *fault,
		 struct okra_err *err)
{
	struct buf claim = BUF_INIT;
	struct person p = {0};
	int linked = 0, rc;

	*fault = OIDC_FAULT_NONE;
	*handle = NULL;
	memset(out, 0, sizeof(*out));
	if ((rc = app_tx_begin(a, err)) < 0) {
		*fault = OIDC_FAULT_STORE;
		return rc;
	}
	if ((rc = find(a, ar, c, &p, &linked, fault, err)) < 0)
		goto out;
	*handle = p.handle;
	if (p.deactivated_at) {
		rc = REFUSE(OIDC_FAULT_INACTIVE, "%s was deactivated", p.handle);
		goto out;
	}
	if (!linked && ((rc = store_oidc_link_add(a->db, c->sub, p.id, a->now, err)) < 0 ||
			(rc = audit_by(a->db, a->now, p.id, "link", "person", p.id, NULL,
				       app_text_strings("oidc_sub", c->sub, NULL), err)) < 0))
		goto out;
	setting(a, "oidc_groups_claim", &claim);
	if (claim.len && c->has_groups &&
	    ((rc = follow_teams(a, ar, c, &p, err)) < 0 || (rc = follow_role(a, c, &p, err)) < 0))
		goto out;
	rc = app_session_start(a, &p, "oidc", out, err);
out:
	buf_release(&claim);
	rc = app_tx_end(a, rc, err);
	if (rc < 0 && *fault == OIDC_FAULT_NONE)
		*fault = OIDC_FAULT_STORE;
	if (rc < 0)
		sodium_memzero(out, sizeof(*out));
	return rc;
}

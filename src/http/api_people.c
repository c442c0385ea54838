/* api_people.c: /api/v1 people, teams, cycles, the session and API tokens. */
#include "http/handler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/validate.h"
#include "http/auth.h"
#include "http/body.h"
#include "http/paging.h"
#include "util/html.h"
#include "app/people.h"
#include "app/reads.h"
#include "app/auth.h"
#include "app/remind.h"
#include "app/settings.h"

int
h_people_list(struct request *r)
{
	struct okra_err err = {0};
	struct person *v = NULL;
	size_t n = 0;
	struct page pg = PAGE_INIT;
	int rc;

	if ((rc = app_people(r->app, &r->arena, &v, &n, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	for (size_t i = 0; i < n; i++)
		app_jw_person(page_item(&pg, v[i].id), &v[i], r->app->today);
	return reply_page(r, &pg);
}

int
h_person_get(struct request *r)
{
	struct okra_err err = {0};
	struct person p = {0};
	int rc;

	if ((rc = app_person(r->app, &r->arena, r->params[0], &p, &err)) < 0)
		return reply_error(r, rc, &err, "handle");
	app_jw_person(reply_json_begin(r), &p, r->app->today);
	return reply_json_end(r, 200);
}

int
h_people_post(struct request *r)
{
	struct person p = {.role = ROLE_MEMBER, .joined_on = DATE_NONE};
	struct okra_err err = {0};
	json_t *b = req_body(r);
	char loc[128];
	int64_t id;
	int rc, role;

	if (!b)
		goto out;
	p.handle = body_str(b, "handle");
	p.name = body_str(b, "name");
	p.email = body_str(b, "email");
	if (body_has(b, "role")) {
		if ((role = role_parse(body_str(b, "role"))) < 0) {
			reply_problem(r, 422, "role is admin, leader, member or viewer", "role");
			goto out;
		}
		p.role = (enum role)role;
	}
	if (body_has(b, "joined_on") &&
	    (rc = validate_date("joined_on", body_str(b, "joined_on"), &p.joined_on, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	if ((rc = app_person_add(r->app, &p, &id, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	p.id = id;
	snprintf(loc, sizeof(loc), "/api/v1/people/%s", p.handle);
	reply_header(r, "Location", loc);
	app_jw_person(reply_json_begin(r), &p, r->app->today);
	reply_json_end(r, 201);
out:
	json_decref(b);
	return 0;
}

/*
 * 1 after a 422 if the body's password holds a NUL: a JSON string may hold
 * \u0000, which a C string would silently cut short. Else 0.
 */
static int
password_has_nul(struct request *r, json_t *b)
{
	if (strlen(body_str(b, "password")) == json_string_length(json_object_get(b, "password")))
		return 0;
	reply_problem(r, 422, "a password cannot contain a NUL character", "password");
	return 1;
}

/* 0 if the body's current_password is the signed-in person's; else replied to, -1. */
static int
current_password_ok(struct request *r, json_t *b)
{
	const char *cur = body_str(b, "current_password");
	struct okra_err err = {0};
	char addr[64], secs[16];
	int wait, rc;

	if (!cur)
		return reply_problem(r, 422, "give current_password to change your own password",
				     "current_password");
	req_client_addr(r, addr, sizeof(addr));
	if ((rc = app_login_throttle(r->app, r->who.handle, addr, &wait, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	if (wait > 0) {
		snprintf(secs, sizeof(secs), "%d", wait);
		reply_header(r, "Retry-After", secs);
		return reply_problem(r, 429, "too many wrong passwords: try again later",
				     "current_password");
	}
	if (app_password_matches(r->app, r->who.handle, cur, &err) < 0)
		return reply_problem(r, 403, "current_password is not your password",
				     "current_password");
	app_login_forgive(r->app, r->who.handle, addr, &err);
	return 0;
}

int
h_person_password(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int rc;

	if (!b)
		goto out;
	if (password_has_nul(r, b))
		goto out;
	/*
	 * Changing one's own password needs the current one — admins too — so a
	 * stolen session cannot lock the owner out; an admin resetting someone
	 * else's does not. Guesses at it count against the sign-in limits.
	 */
	if (!strcmp(r->params[0], r->who.handle) && current_password_ok(r, b) < 0)
		goto out;
	if ((rc = app_user_passwd(r->app, r->params[0], body_str(b, "password"), &err)) < 0)
		reply_error(r, rc, &err, "handle");
	else
		reply_text(r, 204, NULL, "", 0);
out:
	json_decref(b);
	return 0;
}

/* The team with its members, as the reply. */
static int
reply_team(struct request *r, const struct team *t, int status)
{
	struct okra_err err = {0};
	struct strlist m = {0};

	app_team_members(r->app, t->id, &m, &err);
	app_jw_team(reply_json_begin(r), t, &m);
	strlist_release(&m);
	return reply_json_end(r, status);
}

int
h_teams_list(struct request *r)
{
	struct okra_err err = {0};
	struct strlist handles = {0};
	int64_t *mt = NULL;
	struct team *v = NULL;
	size_t n = 0;
	struct page pg = PAGE_INIT;
	int rc;

	if ((rc = app_teams(r->app, &r->arena, &v, &n, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	/* Members of every team in one query, not one per team. */
	if ((rc = app_memberships(r->app, &mt, &handles, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	for (size_t i = 0; i < n; i++) {
		struct strlist m = {0};

		for (size_t k = 0; k < handles.n; k++)
			if (mt[k] == v[i].id)
				strlist_push(&m, handles.v[k]);
		app_jw_team(page_item(&pg, v[i].id), &v[i], &m);
		strlist_release(&m);
	}
	free(mt);
	strlist_release(&handles);
	return reply_page(r, &pg);
}

int
h_team_get(struct request *r)
{
	struct okra_err err = {0};
	struct team t = {0};
	int rc;

	if ((rc = app_team(r->app, &r->arena, r->params[0], &t, &err)) < 0)
		return reply_error(r, rc, &err, "team");
	return reply_team(r, &t, 200);
}

int
h_teams_post(struct request *r)
{
	struct okra_err err = {0};
	struct strlist m = {0};
	struct team t = {0};
	json_t *b = req_body(r);
	char loc[128];
	int64_t id;
	int rc;

	if (!b)
		goto out;
	body_strings(b, "members", &m);
	if ((rc = app_team_add(r->app, body_str(b, "slug"), body_str(b, "name"), &m, &id, &err)) <
	    0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	if ((rc = app_team(r->app, &r->arena, body_str(b, "slug"), &t, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/api/v1/teams/%s", t.slug);
	reply_header(r, "Location", loc);
	reply_team(r, &t, 201);
out:
	strlist_release(&m);
	json_decref(b);
	return 0;
}

int
h_team_members_post(struct request *r)
{
	struct okra_err err = {0};
	struct team t = {0};
	json_t *b = req_body(r);
	int rc;

	if (!b)
		goto out;
	if ((rc = app_team(r->app, &r->arena, r->params[0], &t, &err)) < 0) {
		reply_error(r, rc, &err, "team");
		goto out;
	}
	if ((rc = app_team_join(r->app, r->params[0], body_str(b, "handle"), &err)) < 0)
		reply_error(r, rc, &err, "team");
	else
		reply_team(r, &t, 200);
out:
	json_decref(b);
	return 0;
}

int
h_cycles_list(struct request *r)
{
	struct okra_err err = {0};
	struct cycle *v = NULL;
	size_t n = 0;
	struct page pg = PAGE_INIT;
	int rc;

	if ((rc = app_cycles(r->app, &r->arena, &v, &n, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	for (size_t i = 0; i < n; i++)
		app_jw_cycle(page_item(&pg, v[i].id), &v[i]);
	return reply_page(r, &pg);
}

/* A cycle by name; 404 if it is not one. */
static int
reply_cycle(struct request *r, const char *name, int status)
{
	struct okra_err err = {0};
	struct cycle *v = NULL;
	struct buf loc = BUF_INIT;
	size_t n = 0;
	int rc, found = 0;

	if ((rc = app_cycles(r->app, &r->arena, &v, &n, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	for (size_t i = 0; i < n; i++) {
		if (!found && !strcmp(v[i].name, name)) {
			found = 1;
			if (status == 201) {
				buf_adds(&loc, "/api/v1/cycles/");
				url_enc(&loc, v[i].name);
				reply_header(r, "Location", loc.buf);
			}
			app_jw_cycle(reply_json_begin(r), &v[i]);
			reply_json_end(r, status);
		}
	}
	buf_release(&loc);
	if (!found)
		return reply_problem(r, 404, "no such cycle", "name");
	return 0;
}

int
h_cycle_get(struct request *r)
{
	return reply_cycle(r, r->params[0], 200);
}

int
h_cycles_post(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int32_t s, e;
	int64_t id;
	int rc, kind;

	if (!b)
		goto out;
	if ((kind = cycle_kind_parse(body_str(b, "kind"))) < 0) {
		reply_problem(r, 422, "kind is year or quarter", "kind");
		goto out;
	}
	if ((rc = validate_date("starts_on", body_str(b, "starts_on"), &s, &err)) < 0 ||
	    (rc = validate_date("ends_on", body_str(b, "ends_on"), &e, &err)) < 0 ||
	    (rc = app_cycle_add(r->app, body_str(b, "name"), (enum cycle_kind)kind, s, e,
				body_str(b, "parent"), &id, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	reply_cycle(r, body_str(b, "name"), 201);
out:
	json_decref(b);
	return 0;
}

int
h_cycle_year_post(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int32_t s;
	int64_t id;
	int rc;

	if (!b)
		goto out;
	if ((rc = validate_date("starts_on", body_str(b, "starts_on"), &s, &err)) < 0 ||
	    (rc = app_cycle_year(r->app, body_str(b, "name"), s, &id, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	reply_cycle(r, body_str(b, "name"), 201);
out:
	json_decref(b);
	return 0;
}

/* {"person": {...}, "csrf_token": csrf | null}, as the reply. */
static int
reply_session(struct request *r, const struct person *who, const char *csrf, int status)
{
	struct jw *w = reply_json_begin(r);

	jw_object(w);
	jw_key(w, "person");
	app_jw_person(w, who, r->app->today);
	jw_kstr(w, "csrf_token", csrf);
	jw_end(w);
	return reply_json_end(r, status);
}

int
h_session_get(struct request *r)
{
	reply_header(r, "Cache-Control", "no-store");
	return reply_session(r, &r->who, r->auth == AUTH_SESSION ? r->session.csrf : NULL, 200);
}

int
h_session_post(struct request *r)
{
	struct okra_err err = {0};
	struct app_session s = {0};
	struct person who = {0};
	json_t *b = req_body(r);

	if (!b)
		goto out;
	if (password_has_nul(r, b))
		goto out;
	if (http_login(r, body_str(b, "handle"), body_str(b, "password"), &s, &who, &err) == 0) {
		reply_header(r, "Cache-Control", "no-store");
		reply_session(r, &who, s.csrf, 201);
	}
out:
	json_decref(b);
	return 0;
}

int
h_session_delete(struct request *r)
{
	struct okra_err err = {0};
	const char *cookie = req_cookie(r, auth_cookie_name(r->cfg));
	int rc;

	if (r->auth == AUTH_SESSION && cookie && (rc = app_logout(r->app, cookie, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	set_session_cookie(r, "", 0);
	return reply_text(r, 204, NULL, "", 0);
}

int
h_tokens_post(struct request *r)
{
	char token[APP_SECRET_LEN + 1];
	struct okra_err err = {0};
	const char *handle;
	json_t *b = req_body(r);
	struct jw *w;
	int64_t id;
	int rc;

	if (!b)
		goto out;
	handle = body_has(b, "handle") ? body_str(b, "handle") : r->who.handle;
	if ((rc = app_token_add(r->app, handle, body_str(b, "name"), &id, token, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	/* The only time the token is shown: keep it out of every cache. */
	reply_header(r, "Cache-Control", "no-store");
	w = reply_json_begin(r);
	jw_object(w);
	jw_kint(w, "id", id);
	jw_kstr(w, "handle", handle);
	jw_kstr(w, "token", token);
	jw_end(w);
	reply_json_end(r, 201);
out:
	json_decref(b);
	return 0;
}

/*
 * GET /api/v1/tokens[?handle=H][&all=1]: the caller's own tokens, another
 * person's (themself or an admin), or everyone's (admins). Never a secret.
 */
int
h_tokens_list(struct request *r)
{
	struct okra_err err = {0};
	struct token_row *v = NULL;
	const char *all = req_query(r, "all");
	size_t n = 0;
	struct jw *w;
	int rc;

	if (all && strcmp(all, "0") && strcmp(all, "1"))
		return reply_problem(r, 400, "all is 1 (every person's tokens) or 0", "all");
	rc = app_token_list(r->app, req_query(r, "handle"), all && !strcmp(all, "1"), &v, &n, &err);
	if (rc < 0)
		return reply_error(r, rc, &err, "handle");
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < n; i++) {
		app_jw_token(w, &v[i]);
		token_row_release(&v[i]);
	}
	jw_end(w);
	free(v);
	reply_header(r, "Cache-Control", "no-store");
	return reply_json_end(r, 200);
}

int
h_token_delete(struct request *r)
{
	struct okra_err err = {0};
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0)
		return 0;
	if ((rc = app_token_revoke(r->app, id, &err)) < 0)
		return reply_error(r, rc, &err, "token");
	return reply_text(r, 204, NULL, "", 0);
}

/* The registry's listed settings (never a secret), typed as DESIGN §4 says, as the reply. */
static int
reply_settings(struct request *r)
{
	struct jw *w = reply_json_begin(r);
	struct buf v = BUF_INIT;

	jw_object(w);
	for (size_t i = 0; i < setting_count; i++) {
		const struct setting_def *d = &setting_defs[i];

		if (!d->listed || d->secrecy != SETTING_SHOWN)
			continue;
		if (d->type == SETTING_INT)
			jw_kint(w, d->name, app_setting_int(r->app, d->name));
		else if (d->type == SETTING_FRACTION)
			jw_kreal(w, d->name, app_setting_number(r->app, d->name));
		else if (app_setting_shown(r->app, d, &v, NULL) == 0)
			jw_kstr(w, d->name, v.buf);
	}
	jw_end(w);
	buf_release(&v);
	return reply_json_end(r, 200);
}

int
h_settings_get(struct request *r)
{
	return reply_settings(r);
}

/* A test message through a channel: 200 with what it answered, delivered or not. */
int
h_test_message_post(struct request *r)
{
	struct okra_err err = {0};
	struct channel_answer ans;
	struct buf words = BUF_INIT;
	json_t *b = req_body(r);
	const char *channel;
	int rc;

	if (!b)
		return 0;
	channel = body_str(b, "channel");
	if ((rc = app_try_channel(r->app, channel, body_str(b, "to"), &ans, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
	} else {
		app_channel_answer_words(!strcmp(channel, "email"), &ans, &words);
		app_jw_channel_answer(reply_json_begin(r), channel, &ans, words.buf);
		reply_json_end(r, 200);
	}
	buf_release(&words);
	json_decref(b);
	return 0;
}

int
h_setting_put(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int rc;

	if (!b)
		goto out;
	if ((rc = app_setting_set(r->app, r->params[0], body_str(b, "value"), &err)) < 0)
		reply_error(r,
			    rc == OKRA_EINVAL && !strcmp(err.field, "name") ? OKRA_ENOTFOUND : rc,
			    &err, "name");
	else
		reply_settings(r);
out:
	json_decref(b);
	return 0;
}

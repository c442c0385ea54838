/*
 * api_hooks.c: POST /hooks/gitlab, /hooks/github and /hooks/jira — issue, epic and merge or
 * pull request events close and reopen refs (R9).
 */
#include "http/handler.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "http/hook_parse.h"
#include "core/calendar.h"
#include "http/route.h"
#include "util/buf.h"
#include "app/hooks.h"

#define DELIVERY_MAX 200 /* bytes of a delivery id header kept; longer ones are refused */

static const char *const source_names[] = {"gitlab", "github", "jira"};

static json_t *
body_json(struct request *r)
{
	json_t *j = r->body.len ? json_loadb(r->body.buf, r->body.len, 0, NULL) : NULL;

	if (!json_is_object(j)) {
		json_decref(j);
		reply_problem(r, 400, "the body is not a JSON object", NULL);
		return NULL;
	}
	return j;
}

/*
 * The delivery id: "gitlab:" or "github:" + the forge's header, else +
 * "sha256:" + the body's hash. GitLab's header is Idempotency-Key (17.4 and
 * later: the same across retries of one delivery); X-Gitlab-Event-UUID is
 * shared by the events one delivery sets off, so it names no delivery.
 */
static int
delivery_id(struct request *r, enum hook_forge forge, const char *header, struct buf *out)
{
	const char *h = req_header(r, header);
	unsigned char hash[crypto_hash_sha256_BYTES];

	/* A signed GitLab delivery's webhook-id is its Idempotency-Key. */
	if ((!h || !*h) && forge == HOOK_GITLAB)
		h = req_header(r, "webhook-id");
	char hex[2 * sizeof(hash) + 1];

	if (h && *h) {
		if (strlen(h) > DELIVERY_MAX)
			return reply_problem(r, 400, "the delivery id is too long", header);
		buf_addf(out, "%s:%s", source_names[forge], h);
		return 0;
	}
	crypto_hash_sha256(hash, (const unsigned char *)(r->body.buf ? r->body.buf : ""),
			   r->body.len);
	buf_addf(out, "%s:sha256:%s", source_names[forge],
		 sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash)));
	return 0;
}

/* {"status","delivery","changed","note"}: what became of a delivery. */
static int
reply_outcome(struct request *r, int code, const char *status, const char *delivery,
	      int64_t changed, const char *note)
{
	struct jw *w = reply_json_begin(r);

	jw_object(w);
	jw_kstr(w, "status", status);
	jw_kstr(w, "delivery", delivery);
	jw_kint(w, "changed", changed);
	jw_kstr(w, "note", note);
	jw_end(w);
	return reply_json_end(r, code);
}

/* 200 applied or replay, 202 ignored; never a 5xx but for a store that cannot write. */
static int
apply(struct request *r, struct hook_parse *p)
{
	struct okra_err err = {0};
	enum hook_outcome out;
	int64_t changed = 0;
	const char *note;
	int rc;

	rc = app_hook_apply(r->app, &p->ev, &out, &changed, &err);
	if (rc == OKRA_EDB || rc == OKRA_EIO || rc == OKRA_EBUSY)
		return reply_problem(r, 503, "the store could not record the delivery: retry later",
				     NULL);
	if (rc < 0)
		return reply_problem(r, 400, err.msg, err.field[0] ? err.field : NULL);
	if (out == HOOK_REPLAY)
		note = "this delivery was applied before: nothing changed";
	else if (out == HOOK_STALE)
		note = "a later event of this item was applied before: nothing changed";
	else if (out == HOOK_FOREIGN)
		note = "the item belongs to another forge or host: nothing changed";
	else if (out == HOOK_UNKNOWN_REF)
		note = "no criterion, initiative or linked item refers to this item";
	else if (out == HOOK_IGNORED)
		note = p->ignored ? p->ignored : "okra does not act on this event";
	else
		note = changed ? "applied" : "applied: the item was already in that state";
	return reply_outcome(
		r, out == HOOK_APPLIED || out == HOOK_REPLAY || out == HOOK_STALE ? 200 : 202,
		out == HOOK_APPLIED  ? "applied"
		: out == HOOK_REPLAY ? "replay"
		: out == HOOK_STALE  ? "stale"
				     : "ignored",
		p->ev.delivery, changed, note);
}

static const char *
str_at(json_t *o, const char *a, const char *b)
{
	json_t *x = json_object_get(o, a);

	return json_string_value(b ? json_object_get(x, b) : x);
}

/*
 * GitLab: "issue" events, and "work_item" events (an epic, a task …): the
 * action close / reopen (or, without one, the state closed / opened) of
 * project#iid — group&iid for an epic — and of object_attributes.url.
 * "merge_request" events: merge (state merged) is done, close (state closed)
 * is closed without a merge, which follows the not-planned setting, of
 * project!iid.
 */
int
hook_bad(struct hook_parse *p, const char *detail, const char *field)
{
	p->detail = detail;
	p->field = field;
	return -1;
}

/*
 * A GitLab action (else, without one, the state) as okra acts on it. A merge
 * request closed without a merge is "not planned".
 */
static enum hook_action
gitlab_action(const char *action, const char *state, int mr)
{
	const char *w = action ? action : state;

	if (!w)
		return HOOK_NONE;
	if (!strcmp(w, action ? "close" : "closed"))
		return mr ? HOOK_CLOSE_NOT_PLANNED : HOOK_CLOSE;
	if (mr && !strcmp(w, action ? "merge" : "merged"))
		return HOOK_CLOSE;
	if (!strcmp(w, action ? "reopen" : "opened"))
		return HOOK_REOPEN;
	return HOOK_NONE;
}

static int
parse_gitlab(json_t *j, struct hook_parse *p)
{
	const char *kind = str_at(j, "object_kind", NULL);
	json_t *attrs = json_object_get(j, "object_attributes");
	const char *action, *state, *type, *path, *url;
	json_t *iid;

	if (!kind)
		return hook_bad(p, "object_kind is missing", "object_kind");
	if (strcmp(kind, "issue") && strcmp(kind, "work_item") && strcmp(kind, "epic") &&
	    strcmp(kind, "merge_request")) {
		p->ignored = "okra acts on issue, work item, epic and merge request events only";
		return 0;
	}
	iid = json_object_get(attrs, "iid");
	if (!json_is_object(attrs) || !json_is_integer(iid) || json_integer_value(iid) <= 0)
		return hook_bad(p, "object_attributes.iid is missing", "object_attributes");
	action = str_at(attrs, "action", NULL);
	state = str_at(attrs, "state", NULL);
	type = str_at(attrs, "type", NULL);
	url = str_at(attrs, "url", NULL);
	p->ev.action = gitlab_action(action, state, !strcmp(kind, "merge_request"));
	/* An issue closed because it moved, or as a duplicate, was not done here. */
	if (p->ev.action == HOOK_CLOSE &&
	    (json_is_integer(json_object_get(attrs, "moved_to_id")) ||
	     json_is_integer(json_object_get(attrs, "duplicated_to_id"))))
		p->ev.action = HOOK_CLOSE_NOT_PLANNED;
	if (p->ev.action == HOOK_NONE)
		p->ignored = "okra acts on close, merge and reopen only";
	else if (p->ev.action == HOOK_CLOSE_NOT_PLANNED)
		p->ignored =
			!strcmp(kind, "merge_request")
				? "closed without a merge: the setting github_not_planned says "
				  "ignore"
				: "closed as moved or duplicate: the setting github_not_planned "
				  "says ignore";
	if (!strcmp(kind, "merge_request")) {
		path = str_at(j, "project", "path_with_namespace");
		if (path)
			buf_addf(&p->ref, "%s!%" JSON_INTEGER_FORMAT, path,
				 json_integer_value(iid));
	} else if (!strcmp(kind, "epic") || (type && !strcmp(type, "Epic"))) {
		path = str_at(j, "group", "full_path");
		if (!path)
			path = str_at(j, "group", "path");
		if (path)
			buf_addf(&p->ref, "%s&%" JSON_INTEGER_FORMAT, path,
				 json_integer_value(iid));
	} else {
		path = str_at(j, "project", "path_with_namespace");
		if (path)
			buf_addf(&p->ref, "%s#%" JSON_INTEGER_FORMAT, path,
				 json_integer_value(iid));
	}
	if (!p->ref.len && !url)
		return hook_bad(p,
				"the payload names no item: project.path_with_namespace "
				"(group.full_path for an epic) or object_attributes.url",
				"project");
	p->ev.refs[0] = p->ref.len ? p->ref.buf : NULL;
	p->ev.refs[1] = url;
	p->ev.at = cal_parse_forge_time(str_at(attrs, "updated_at", NULL));
	if (!p->ev.at && p->ev.action != HOOK_REOPEN)
		p->ev.at = cal_parse_forge_time(str_at(attrs, "closed_at", NULL));
	return 0;
}

/*
 * GitHub: "issues" events, closed (completed; not_planned and duplicate per
 * the setting) and reopened; "pull_request" events, closed (merged is done,
 * unmerged is not planned) and reopened. The item is repository#number.
 */
static int
parse_github(const char *event, json_t *j, struct hook_parse *p)
{
	int pr = event && !strcmp(event, "pull_request");
	json_t *item = json_object_get(j, pr ? "pull_request" : "issue");
	const char *action = str_at(j, "action", NULL),
		   *repo = str_at(j, "repository", "full_name");
	const char *reason = str_at(item, "state_reason", NULL);
	json_t *number = json_object_get(item, "number");

	if (!event || (strcmp(event, "issues") && !pr)) {
		p->ignored = "okra acts on issues and pull_request events only";
		return 0;
	}
	if (!action || !repo || !json_is_integer(number) || json_integer_value(number) <= 0)
		return hook_bad(
			p,
			pr ? "a pull_request event has action, repository.full_name and "
			     "pull_request.number"
			   : "an issues event has action, repository.full_name and issue.number",
			NULL);
	if (!strcmp(action, "closed"))
		p->ev.action =
			pr ? (json_is_true(json_object_get(item, "merged"))
				      ? HOOK_CLOSE
				      : HOOK_CLOSE_NOT_PLANNED)
			: reason && (!strcmp(reason, "not_planned") || !strcmp(reason, "duplicate"))
				? HOOK_CLOSE_NOT_PLANNED
				: HOOK_CLOSE;
	else if (!strcmp(action, "reopened"))
		p->ev.action = HOOK_REOPEN;
	else
		p->ignored = "okra acts on closed and reopened only";
	if (p->ev.action == HOOK_CLOSE_NOT_PLANNED)
		p->ignored =
			pr ? "closed without a merge: the setting github_not_planned says ignore"
			   : "closed as not planned: the setting github_not_planned says ignore";
	buf_addf(&p->ref, "%s#%" JSON_INTEGER_FORMAT, repo, json_integer_value(number));
	p->ev.refs[0] = p->ref.buf;
	p->ev.refs[1] = str_at(item, "html_url", NULL);
	p->ev.at = cal_parse_forge_time(str_at(item, "updated_at", NULL));
	if (!p->ev.at && p->ev.action != HOOK_REOPEN)
		p->ev.at = cal_parse_forge_time(str_at(item, "closed_at", NULL));
	return 0;
}

/*
 * The forge's id of the item's project, "gitlab:ID" (project.id; an epic's
 * group has none here) or "github:ID" (repository.id), into p->ev.project.
 */
static void
project_id(enum hook_forge forge, json_t *j, struct hook_parse *p)
{
	json_t *id = json_object_get(
		json_object_get(j, forge == HOOK_GITLAB ? "project" : "repository"), "id");

	if (!p->ref.len || strchr(p->ref.buf, '&') || !json_is_integer(id) ||
	    json_integer_value(id) <= 0)
		return;
	buf_addf(&p->project, "%s:%" JSON_INTEGER_FORMAT,
		 forge == HOOK_GITLAB ? "gitlab" : "github", json_integer_value(id));
	p->ev.project = p->project.buf;
}

int
hook_parse(enum hook_forge forge, const char *event, json_t *j, struct hook_parse *p)
{
	int rc;

	p->ev.forge = forge;
	if (forge == HOOK_JIRA)
		return hook_parse_jira(j, p);
	rc = forge == HOOK_GITLAB ? parse_gitlab(j, p) : parse_github(event, j, p);
	if (rc == 0)
		project_id(forge, j, p);
	return rc;
}

int
hook_peek(struct request *r)
{
	struct okra_err err = {0};

	/* A signed delivery is checked once its body is read: kept as a signed one. */
	if (strcmp(r->path, "/hooks/gitlab"))
		return req_header(r, strcmp(r->path, "/hooks/jira") ? "X-Hub-Signature-256"
								    : "X-Hub-Signature")
			       ? 2
			       : 0;
	if (app_hook_verify(r->app, HOOK_GITLAB, req_header(r, "X-Gitlab-Token"), NULL, 0, &err) ==
	    0)
		return 1;
	return req_header(r, "webhook-signature") ? 2 : -1;
}

/*
 * GitLab: the secret token (X-Gitlab-Token) or the signing token's signature
 * (webhook-signature); either configured one authenticates.
 */
static int
verify_gitlab(struct request *r, struct okra_err *err)
{
	struct hook_signature s = {req_header(r, "webhook-id"), req_header(r, "webhook-timestamp"),
				   req_header(r, "webhook-signature")};
	const char *body = r->body.buf ? r->body.buf : "";
	int rc = app_hook_verify(r->app, HOOK_GITLAB, req_header(r, "X-Gitlab-Token"), body,
				 r->body.len, err);

	if (rc != OKRA_EFORBIDDEN || !s.signature)
		return rc;
	okra_err_clear(err);
	return app_hook_verify_signed(r->app, &s, body, r->body.len, err);
}

static int
hook(struct request *r, enum hook_forge forge)
{
	struct okra_err err = {0};
	struct hook_parse p = {{0}, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, NULL, NULL, NULL};
	const char *event = NULL;
	json_t *j = NULL;
	int rc;

	p.ev.forge = forge;
	/* GitHub signs with X-Hub-Signature-256, Jira with X-Hub-Signature (sha256= both). */
	rc = forge == HOOK_GITLAB
		     ? verify_gitlab(r, &err)
		     : app_hook_verify(r->app, forge,
				       req_header(r, forge == HOOK_GITHUB ? "X-Hub-Signature-256"
									  : "X-Hub-Signature"),
				       r->body.buf ? r->body.buf : "", r->body.len, &err);
	if (rc == OKRA_EDB || rc == OKRA_EIO || rc == OKRA_EBUSY) {
		reply_problem(r, 503, "the store does not answer: retry later", NULL);
		goto out;
	}
	if (rc < 0) {
		reply_problem(r, 401, err.msg, NULL);
		goto out;
	}
	if (forge == HOOK_GITHUB) {
		event = req_header(r, "X-GitHub-Event");
		if (!event || !*event) {
			reply_problem(r, 400, "the X-GitHub-Event header is missing",
				      "X-GitHub-Event");
			goto out;
		}
	}
	if (!(j = body_json(r)))
		goto out;
	if (event && !strcmp(event, "ping")) {
		const char *id = req_header(r, "X-GitHub-Delivery");

		reply_outcome(r, 200, "pong", id ? id : "", 0, "the webhook is set up");
		goto out;
	}
	if (hook_parse(forge, event, j, &p) < 0) {
		reply_problem(r, 400, p.detail, p.field);
		goto out;
	}
	if (delivery_id(r, forge,
			forge == HOOK_GITLAB   ? "Idempotency-Key"
			: forge == HOOK_GITHUB ? "X-GitHub-Delivery"
					       : "X-Atlassian-Webhook-Identifier",
			&p.delivery) < 0)
		goto out;
	p.ev.delivery = p.delivery.buf;
	apply(r, &p);
out:
	json_decref(j);
	buf_release(&p.ref);
	buf_release(&p.delivery);
	buf_release(&p.project);
	buf_release(&p.url);
	return 0;
}

int
h_hook_gitlab(struct request *r)
{
	return hook(r, HOOK_GITLAB);
}

int
h_hook_github(struct request *r)
{
	return hook(r, HOOK_GITHUB);
}

int
h_hook_jira(struct request *r)
{
	return hook(r, HOOK_JIRA);
}

/*
 * jira.c: okra sync's Jira (REST API v3): the issues of one project by key
 * (POST /rest/api/3/search/jql with jql "key in (PROJ-1,PROJ-2)" and the fields
 * status, resolution and updated), page after page by nextPageToken; a 429
 * waits Retry-After. Basic authentication: jira_api_email and jira_api_token.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/calendar.h"
#include "core/ref.h"
#include "sync/forge.h"
#include "util/jw.h"

#define PAGE_MAX 100 /* issues a page asks for */

/* Resolutions that close an issue without doing it, as the webhook reads them (hook_jira.c). */
static const char *const not_planned[] = {"Won't Do", "Won't Fix", "Duplicate", "Cannot Reproduce",
					  NULL};

/* PROJ-12: the project key is the container, '-' the kind. */
static int
jira_split(const char *ref, struct buf *container, char *kind, int64_t *num)
{
	const char *dash;

	if (!ref_is_jira(ref) || !(dash = strrchr(ref, '-')))
		return -1;
	buf_add(container, ref, (size_t)(dash - ref));
	*kind = '-';
	*num = strtoll(dash + 1, NULL, 10);
	return *num > 0 ? 0 : -1;
}

/* token is "EMAIL:TOKEN" (sync.c joins jira_api_email and jira_api_token). */
static void
jira_auth(const char *token, struct buf *h)
{
	size_t len = strlen(token),
	       cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(cap);

	if (!b64)
		abort();
	sodium_bin2base64(b64, cap, (const unsigned char *)token, len,
			  sodium_base64_VARIANT_ORIGINAL);
	buf_addf(h, "Authorization: Basic %s\n", b64);
	buf_adds(h, "Accept: application/json\n");
	buf_adds(h, "Content-Type: application/json\n");
	sodium_memzero(b64, cap);
	free(b64);
}

/* The search's body: the query, the fields okra reads, and the page after token (or NULL). */
static void
search_body(struct buf *body, const char *jql, const char *token)
{
	struct jw w;

	jw_init(&w, body, 0);
	jw_object(&w);
	jw_kstr(&w, "jql", jql);
	jw_key(&w, "fields");
	jw_array(&w);
	jw_str(&w, "status");
	jw_str(&w, "resolution");
	jw_str(&w, "updated");
	jw_end(&w);
	jw_kint(&w, "maxResults", PAGE_MAX);
	if (token)
		jw_kstr(&w, "nextPageToken", token);
	jw_end(&w);
	jw_release(&w);
}

static void
jira_request(const char *base, const struct sync_batch *b, struct sync_call *c)
{
	struct buf jql = BUF_INIT;

	buf_adds(&jql, "key in (");
	for (size_t i = 0; i < b->n; i++)
		buf_addf(&jql, "%s%s", i ? "," : "", b->v[i]->ref);
	buf_addch(&jql, ')');
	c->method = "POST";
	buf_adds(&c->url, base);
	buf_adds(&c->url, "/rest/api/3/search/jql");
	search_body(&c->body, jql.buf, NULL);
	buf_release(&jql);
}

/* Done is the status category done; a not-planned resolution follows the setting. */
static void
jira_state(json_t *fields, struct sync_item *it)
{
	json_t *status = json_object_get(fields, "status");
	const char *cat = json_string_value(
			   json_object_get(json_object_get(status, "statusCategory"), "key")),
		   *name = json_string_value(json_object_get(status, "name")),
		   *res = json_string_value(
			   json_object_get(json_object_get(fields, "resolution"), "name"));

	it->action = HOOK_NONE;
	snprintf(it->state, sizeof(it->state), "%s", name ? name : cat ? cat : "?");
	if (!cat || strcmp(cat, "done"))
		return;
	it->action = HOOK_CLOSE;
	for (int i = 0; res && not_planned[i]; i++)
		if (!strcasecmp(res, not_planned[i])) {
			it->action = HOOK_CLOSE_NOT_PLANNED;
			snprintf(it->state, sizeof(it->state), "resolved as %s", res);
		}
}

static int
jira_item(json_t *o, struct sync_batch *b, struct okra_err *err)
{
	const char *key = json_string_value(json_object_get(o, "key")), *dash;
	json_t *fields = json_object_get(o, "fields");
	size_t clen = strlen(b->container);
	struct sync_item *it;

	if (!key || !json_is_object(fields))
		return okra_err_set(err, OKRA_EIO, "",
				    "jira's answer has an issue without key or fields");
	/* An issue of the batch's project, by its number (a moved issue has a new key). */
	dash = strrchr(key, '-');
	if (!dash || (size_t)(dash - key) != clen || strncasecmp(key, b->container, clen) ||
	    !(it = sync_batch_find(b, strtoll(dash + 1, NULL, 10))))
		return 0;
	it->found = 1;
	jira_state(fields, it);
	it->at = cal_parse_forge_time(json_string_value(json_object_get(fields, "updated")));
	return 0;
}

static int
jira_parse(json_t *answer, struct sync_batch *b, struct okra_err *err)
{
	json_t *issues = json_object_get(answer, "issues"), *o;
	size_t i;

	if (!json_is_array(issues))
		return okra_err_set(err, OKRA_EIO, "", "jira's answer has no list of issues");
	json_array_foreach(issues, i, o)
	{
		if (jira_item(o, b, err) < 0)
			return -1;
	}
	return 0;
}

/* The next page: the same query with the answer's nextPageToken, until isLast or none. */
static int
jira_next(const struct fetch_ans *ans, json_t *answer, const struct sync_call *cur,
	  struct sync_call *next)
{
	const char *token = json_string_value(json_object_get(answer, "nextPageToken"));
	json_t *q;

	(void)ans;
	if (!token || !*token || json_is_true(json_object_get(answer, "isLast")))
		return 0;
	q = json_loadb(cur->body.buf, cur->body.len, 0, NULL);
	if (!json_string_value(json_object_get(q, "jql"))) {
		json_decref(q);
		return 0;
	}
	buf_add(&next->url, cur->url.buf, cur->url.len);
	search_body(&next->body, json_string_value(json_object_get(q, "jql")), token);
	json_decref(q);
	return 1;
}

/* Jira Cloud's rate limit: a 429 with Retry-After (seconds); without it, a minute. */
static int64_t
jira_wait(const struct fetch_ans *ans, int64_t now)
{
	int64_t after = sync_header_int(ans, "Retry-After");

	(void)now;
	if (ans->status != 429)
		return 0;
	return after > 0 ? after : after == 0 ? 1 : 60;
}

const struct sync_forge sync_jira = {
	.name = "jira",
	.hook = HOOK_JIRA,
	.default_url = "",
	.batch_max = 50,
	.user_setting = "jira_api_email",
	.site_path = 1,
	.unknown_is_400 = 1,
	.split = jira_split,
	.auth = jira_auth,
	.request = jira_request,
	.parse = jira_parse,
	.next = jira_next,
	.wait = jira_wait,
};

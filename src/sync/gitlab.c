/*
 * gitlab.c: okra sync's GitLab (REST API v4): issues and work items by project
 * (GET /projects/:id/issues?iids[]=…), merge requests (…/merge_requests?iids[]=…)
 * and epics by group (GET /groups/:id/epics?iids[]=…); pages by Link or
 * X-Next-Page; a 429 waits Retry-After or until RateLimit-Reset.
 */
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "sync/forge.h"

static int
gitlab_split(const char *ref, struct buf *container, char *kind, int64_t *num)
{
	size_t at = strcspn(ref, "#&!"), len = strlen(ref);
	int64_t n = 0;

	if (strstr(ref, "://") || at == 0 || at + 1 >= len || at + 1 + 18 < len)
		return -1;
	for (size_t i = at + 1; i < len; i++) {
		if (ref[i] < '0' || ref[i] > '9')
			return -1;
		n = n * 10 + (ref[i] - '0');
	}
	/* An issue or merge request is a project's (group/project), an epic a group's. */
	if (ref[at] != '&' && !memchr(ref, '/', at))
		return -1;
	buf_add(container, ref, at);
	*kind = ref[at];
	*num = n;
	return n > 0 ? 0 : -1;
}

static void
gitlab_auth(const char *token, struct buf *h)
{
	buf_addf(h, "PRIVATE-TOKEN: %s\n", token);
}

static void
gitlab_request(const char *base, const struct sync_batch *b, struct sync_call *c)
{
	buf_adds(&c->url, base);
	buf_adds(&c->url, b->kind == '&' ? "/groups/" : "/projects/");
	sync_path_enc(&c->url, b->container);
	buf_adds(&c->url, b->kind == '&'   ? "/epics"
			  : b->kind == '!' ? "/merge_requests"
					   : "/issues");
	buf_adds(&c->url, "?state=all&per_page=100");
	for (size_t i = 0; i < b->n; i++)
		buf_addf(&c->url, "&iids%%5B%%5D=%lld", (long long)b->v[i]->num);
}

/* What GitLab's state (and, for an issue, moved_to_id / duplicated_to_id) means here. */
static void
gitlab_state(json_t *o, char kind, struct sync_item *it)
{
	const char *state = json_string_value(json_object_get(o, "state"));
	int moved = json_is_integer(json_object_get(o, "moved_to_id")) ||
		    json_is_integer(json_object_get(o, "duplicated_to_id"));

	it->action = HOOK_NONE;
	snprintf(it->state, sizeof(it->state), "%s", state);
	if (kind == '!' && !strcmp(state, "merged"))
		it->action = HOOK_CLOSE;
	else if (!strcmp(state, "closed"))
		it->action = kind == '!' || moved ? HOOK_CLOSE_NOT_PLANNED : HOOK_CLOSE;
	if (kind == '!' && !strcmp(state, "closed"))
		snprintf(it->state, sizeof(it->state), "closed without a merge");
	else if (it->action == HOOK_CLOSE_NOT_PLANNED)
		snprintf(it->state, sizeof(it->state), "closed as moved or duplicate");
}

static int
gitlab_parse(json_t *answer, struct sync_batch *b, struct okra_err *err)
{
	size_t i;
	json_t *o;

	if (!json_is_array(answer))
		return okra_err_set(err, OKRA_EIO, "", "gitlab's answer is not a list");
	json_array_foreach(answer, i, o)
	{
		json_t *iid = json_object_get(o, "iid"), *pid = json_object_get(o, "project_id");
		const char *state = json_string_value(json_object_get(o, "state"));
		struct sync_item *it;

		if (!json_is_integer(iid) || !state)
			return okra_err_set(err, OKRA_EIO, "",
					    "gitlab's answer has an item without iid or state");
		if (!(it = sync_batch_find(b, json_integer_value(iid))))
			continue;
		it->found = 1;
		gitlab_state(o, b->kind, it);
		it->at = cal_parse_forge_time(json_string_value(json_object_get(o, "updated_at")));
		if (b->kind != '&' && json_is_integer(pid) && json_integer_value(pid) > 0)
			snprintf(it->project, sizeof(it->project), "gitlab:%lld",
				 (long long)json_integer_value(pid));
	}
	return 0;
}

/* The next page: Link's rel="next", else X-Next-Page (empty on the last page). */
static int
gitlab_next(const struct fetch_ans *ans, json_t *answer, const struct sync_call *cur,
	    struct sync_call *next)
{
	int64_t page = sync_header_int(ans, "X-Next-Page");
	const char *url = cur->url.buf, *p;

	(void)answer;
	if (sync_link_next(ans, &next->url))
		return 1;
	if (page <= 0)
		return 0;
	/* The request's own page parameter, always the last, is replaced. */
	p = strstr(url, "&page=");
	buf_add(&next->url, url, p ? (size_t)(p - url) : strlen(url));
	buf_addf(&next->url, "&page=%lld", (long long)page);
	return 1;
}

static int64_t
gitlab_wait(const struct fetch_ans *ans, int64_t now)
{
	int64_t after = sync_header_int(ans, "Retry-After"),
		reset = sync_header_int(ans, "RateLimit-Reset");

	if (ans->status != 429)
		return 0;
	if (after >= 0)
		return after ? after : 1;
	if (reset >= 0)
		return reset > now ? reset - now : 1;
	return 60;
}

const struct sync_forge sync_gitlab = {
	.name = "gitlab",
	.hook = HOOK_GITLAB,
	.default_url = "https://gitlab.com/api/v4",
	.batch_max = 50,
	.split = gitlab_split,
	.auth = gitlab_auth,
	.request = gitlab_request,
	.parse = gitlab_parse,
	.next = gitlab_next,
	.wait = gitlab_wait,
};

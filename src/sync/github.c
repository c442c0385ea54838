/*
 * github.c: okra sync's GitHub (REST API): each issue or pull request by
 * number (GET /repos/:owner/:repo/issues/:number — a pull request's answer
 * carries pull_request.merged_at); a list answer pages by Link; a 403 or 429
 * with X-RateLimit-Remaining 0 or Retry-After waits.
 */
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "sync/forge.h"

/* owner/repo#N: one slash before the mark. */
static int
github_split(const char *ref, struct buf *container, char *kind, int64_t *num)
{
	const char *mark = strchr(ref, '#'), *slash = strchr(ref, '/');
	int64_t n = 0;

	if (!mark || !slash || slash > mark || slash == ref || slash + 1 == mark ||
	    memchr(slash + 1, '/', (size_t)(mark - slash - 1)) || strstr(ref, "://") ||
	    strlen(mark + 1) > 18 || !mark[1])
		return -1;
	for (const char *p = mark + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
	}
	buf_add(container, ref, (size_t)(mark - ref));
	*kind = '#';
	*num = n;
	return n > 0 ? 0 : -1;
}

static void
github_auth(const char *token, struct buf *h)
{
	buf_addf(h, "Authorization: Bearer %s\n", token);
	buf_adds(h, "Accept: application/vnd.github+json\n");
	buf_adds(h, "X-GitHub-Api-Version: 2022-11-28\n");
}

static void
github_request(const char *base, const struct sync_batch *b, struct sync_call *c)
{
	const char *slash = strchr(b->container, '/');
	struct buf owner = BUF_INIT;

	buf_add(&owner, b->container, (size_t)(slash - b->container));
	buf_adds(&c->url, base);
	buf_adds(&c->url, "/repos/");
	sync_path_enc(&c->url, owner.buf);
	buf_addch(&c->url, '/');
	sync_path_enc(&c->url, slash + 1);
	buf_addf(&c->url, "/issues/%lld", (long long)b->v[0]->num);
	buf_release(&owner);
}

static void
github_state(json_t *o, struct sync_item *it)
{
	const char *state = json_string_value(json_object_get(o, "state")),
		   *reason = json_string_value(json_object_get(o, "state_reason"));
	json_t *pr = json_object_get(o, "pull_request");

	it->action = HOOK_NONE;
	snprintf(it->state, sizeof(it->state), "%s", state);
	if (strcmp(state, "closed"))
		return;
	if (json_is_object(pr)) {
		int merged = json_is_string(json_object_get(pr, "merged_at"));

		it->action = merged ? HOOK_CLOSE : HOOK_CLOSE_NOT_PLANNED;
		snprintf(it->state, sizeof(it->state), "%s",
			 merged ? "merged" : "closed without a merge");
	} else if (reason && (!strcmp(reason, "not_planned") || !strcmp(reason, "duplicate"))) {
		it->action = HOOK_CLOSE_NOT_PLANNED;
		snprintf(it->state, sizeof(it->state), "closed as %s", reason);
	} else {
		it->action = HOOK_CLOSE;
	}
}

static int
github_item(json_t *o, struct sync_batch *b, struct okra_err *err)
{
	json_t *number = json_object_get(o, "number");
	struct sync_item *it;

	if (!json_is_integer(number) || !json_is_string(json_object_get(o, "state")))
		return okra_err_set(err, OKRA_EIO, "",
				    "github's answer has an item without number or state");
	if (!(it = sync_batch_find(b, json_integer_value(number))))
		return 0;
	it->found = 1;
	github_state(o, it);
	it->at = cal_parse_forge_time(json_string_value(json_object_get(o, "updated_at")));
	return 0;
}

/* One issue (the answer of …/issues/N), or a list of them. */
static int
github_parse(json_t *answer, struct sync_batch *b, struct okra_err *err)
{
	size_t i;
	json_t *o;

	if (json_is_object(answer))
		return github_item(answer, b, err);
	if (!json_is_array(answer))
		return okra_err_set(err, OKRA_EIO, "", "github's answer is not an issue");
	json_array_foreach(answer, i, o)
	{
		if (github_item(o, b, err) < 0)
			return -1;
	}
	return 0;
}

static int
github_next(const struct fetch_ans *ans, json_t *answer, const struct sync_call *cur,
	    struct sync_call *next)
{
	(void)answer;
	(void)cur;
	return sync_link_next(ans, &next->url);
}

/* The primary limit (remaining 0: until X-RateLimit-Reset) or a secondary one (Retry-After). */
static int64_t
github_wait(const struct fetch_ans *ans, int64_t now)
{
	int64_t after = sync_header_int(ans, "Retry-After"),
		left = sync_header_int(ans, "X-RateLimit-Remaining"),
		reset = sync_header_int(ans, "X-RateLimit-Reset");

	if ((ans->status != 403 && ans->status != 429) || (left != 0 && after < 0))
		return ans->status == 429 ? 60 : 0;
	if (after >= 0)
		return after ? after : 1;
	/* A reset already past (the clocks differ, or time went by): ask again now. */
	if (reset >= 0)
		return reset > now ? reset - now : 1;
	return 60;
}

const struct sync_forge sync_github = {
	.name = "github",
	.hook = HOOK_GITHUB,
	.default_url = "https://api.github.com",
	.batch_max = 1,
	.split = github_split,
	.auth = github_auth,
	.request = github_request,
	.parse = github_parse,
	.next = github_next,
	.wait = github_wait,
};

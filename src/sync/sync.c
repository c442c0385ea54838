/*
 * sync.c: okra sync — the open items okra tracks asked of each forge's REST
 * API (its entry in sync_forges[]), page after page, waiting out rate limits
 * within a bound, and each close applied through the webhooks' own path.
 */
#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/settings.h"
#include "sync/forge.h"
#include "util/arena.h"
#include "util/uri.h"

/* The forges, in the order they are asked (a short ref either may own goes to the first). */
static const struct sync_forge *const sync_forges[] = {&sync_gitlab, &sync_github, &sync_jira};
#define NFORGES (sizeof(sync_forges) / sizeof(sync_forges[0]))

#define ANSWER_MAX (32u << 20) /* an answer's body: GitLab sends each whole description */
#define WAIT_MAX 120           /* the longest rate-limit wait taken, in seconds */
#define RETRIES 5              /* rate-limit answers to one request before giving up */
#define PAGES_MAX 1000         /* pages of one batch: a forge that never ends is an error */
#define NHEADERS 8

/* One forge's run: its settings, its request headers, the report and the store. */
struct run {
	struct app *a;
	const struct sync_opts *o;
	const struct sync_forge *f;
	struct sync_report *rep;
	struct buf token, base, host, head;
	const char *headers[NHEADERS + 1];
	int plain_http;
};

static int64_t
now_s(void)
{
	return (int64_t)time(NULL);
}

static void
pause_s(int64_t s)
{
	struct timespec ts = {.tv_sec = (time_t)s, .tv_nsec = 0};

	while (nanosleep(&ts, &ts) < 0)
		;
}

/* The headers of every request: the forge's credentials, split into lines. */
static void
make_headers(struct run *r)
{
	size_t n = 0;
	char *p;

	r->f->auth(r->token.buf, &r->head);
	p = r->head.buf;
	while (p && *p && n < NHEADERS) {
		char *nl = strchr(p, '\n');

		r->headers[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	r->headers[n] = NULL;
}

/* One request, again after each rate-limit answer (within the bounds); 0 or -1 with err. */
static int
ask(struct run *r, const struct sync_call *c, struct fetch_ans *ans, struct okra_err *err)
{
	struct fetch_req q = {.method = c->method,
			      .url = c->url.buf,
			      .headers = r->headers,
			      .body = c->body.len ? c->body.buf : NULL,
			      .body_len = c->body.len,
			      .max = ANSWER_MAX,
			      .timeout_s = 30,
			      .agent = "okra-sync",
			      .plain_http = r->plain_http};

	for (int tries = 0;; tries++) {
		int64_t wait;

		if (fetch(&q, ans, err) < 0) {
			struct okra_err why = *err;

			return okra_err_set(err, OKRA_EIO, "", "%s: %s", r->f->name, why.msg);
		}
		if (!(wait = r->f->wait(ans, now_s())))
			return 0;
		if (wait > WAIT_MAX || tries == RETRIES)
			return okra_err_set(err, OKRA_EIO, "",
					    "%s: rate limited (HTTP %ld): try again in %lld s",
					    r->f->name, ans->status, (long long)wait);
		pause_s(wait);
	}
}

/* An answer that names no item: the batch's items are skipped (1), or an error (-1). */
static int
not_there(struct run *r, const struct fetch_ans *ans, struct okra_err *err)
{
	if (ans->status == 404 || ans->status == 410 || ans->status == 301)
		return 1;
	if (ans->status == 401 || ans->status == 403)
		return okra_err_set(err, OKRA_EINVAL, "",
				    "%s: HTTP %ld: the token %s_api_token is refused", r->f->name,
				    ans->status, r->f->name);
	return okra_err_set(err, OKRA_EIO, "", "%s: HTTP %ld from %s", r->f->name, ans->status,
			    r->host.buf);
}

static int ask_batch(struct run *r, struct sync_batch *b, struct okra_err *err);

/* A batch the forge refused whole (one item may not exist): each item asked alone. */
static int
one_by_one(struct run *r, struct sync_batch *b, struct okra_err *err)
{
	for (size_t i = 0; i < b->n; i++) {
		struct sync_batch one = {b->container, b->kind, b->v + i, 1};
		int rc = ask_batch(r, &one, err);

		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Ask about the items of b, page after page, into the items: 0 or -1 with err. */
static int
ask_batch(struct run *r, struct sync_batch *b, struct okra_err *err)
{
	struct sync_call c = {NULL, BUF_INIT, BUF_INIT}, next = {NULL, BUF_INIT, BUF_INIT};
	struct fetch_ans ans = FETCH_ANS_INIT;
	int rc = 0, pages = 0;

	r->f->request(r->base.buf, b, &c);
	for (;;) {
		json_t *j;
		int more;

		if ((rc = ask(r, &c, &ans, err)) < 0)
			break;
		if (ans.status == 400 && r->f->unknown_is_400) {
			rc = b->n > 1 ? one_by_one(r, b, err) : 0;
			break;
		}
		if (ans.status < 200 || ans.status > 299) {
			rc = not_there(r, &ans, err) < 0 ? -1 : 0;
			break;
		}
		if (!(j = json_loadb(ans.body.buf ? ans.body.buf : "", ans.body.len, 0, NULL))) {
			rc = okra_err_set(err, OKRA_EIO, "", "%s: the answer is not JSON",
					  r->f->name);
			break;
		}
		if ((rc = r->f->parse(j, b, err)) < 0) {
			json_decref(j);
			break;
		}
		next.method = c.method;
		more = r->f->next(&ans, j, &c, &next);
		json_decref(j);
		if (!more)
			break;
		if (++pages == PAGES_MAX) {
			rc = okra_err_set(err, OKRA_EIO, "", "%s: more than %d pages", r->f->name,
					  PAGES_MAX);
			break;
		}
		buf_reset(&c.url);
		buf_reset(&c.body);
		buf_add(&c.url, next.url.buf, next.url.len);
		buf_add(&c.body, next.body.buf, next.body.len);
		buf_reset(&next.url);
		buf_reset(&next.body);
	}
	fetch_ans_release(&ans);
	buf_release(&c.url);
	buf_release(&c.body);
	buf_release(&next.url);
	buf_release(&next.body);
	return rc;
}

/* Apply what the forge said of one item, as its webhook would; one line for a change. */
static int
apply_one(struct run *r, struct sync_item *it, struct okra_err *err)
{
	struct buf id = BUF_INIT;
	struct hook_event ev = {.forge = r->f->hook, .action = it->action, .at = it->at};
	enum hook_outcome out;
	int64_t changed = 0;
	int rc;

	if (!it->found) {
		r->rep->skipped++;
		buf_addf(&r->rep->lines, "not found %s (%s does not know it)\n", it->ref,
			 r->f->name);
		return 0;
	}
	if (it->action == HOOK_NONE)
		return 0;
	/* The same state at the same time is one delivery: a second run is a replay. */
	buf_addf(&id, "%s:sync:%s@%lld:%s", r->f->name, it->ref, (long long)it->at, it->state);
	ev.delivery = id.buf;
	ev.refs[0] = it->ref;
	ev.project = it->project[0] ? it->project : NULL;
	rc = app_hook_apply(r->a, &ev, &out, &changed, err);
	buf_release(&id);
	if (rc < 0)
		return rc;
	if (out == HOOK_APPLIED && changed) {
		r->rep->changed++;
		buf_addf(&r->rep->lines, "%s %s (%s: %s)\n",
			 r->o->dry_run ? "would close" : "closed", it->ref, r->f->name, it->state);
	} else if (out == HOOK_IGNORED && it->action == HOOK_CLOSE_NOT_PLANNED) {
		buf_addf(&r->rep->lines, "left open %s (%s: %s; github_not_planned is ignore)\n",
			 it->ref, r->f->name, it->state);
	}
	return 0;
}

static int
by_container(const void *x, const void *y)
{
	const struct sync_item *const *a = x, *const *b = y;
	int c = strcmp((*a)->container, (*b)->container);

	if (!c)
		c = (*a)->kind - (*b)->kind;
	return c ? c : (*a)->num < (*b)->num ? -1 : (*a)->num > (*b)->num;
}

/* The host of a URL (lower case, port kept), appended to out. */
static void
url_host(const char *url, struct buf *out)
{
	const char *p = strstr(url, "://");

	p = p ? p + 3 : url;
	for (; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		buf_addch(out, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
}

/* An item given on another host than the API's (api.HOST is HOST's) is not asked there. */
static int
same_host(const struct run *r, const char *host)
{
	size_t n;

	if (!host)
		return 1;
	n = strlen(host);
	return !strcmp(r->host.buf, host) ||
	       (r->host.len == n + 4 && !strncmp(r->host.buf, "api.", 4) &&
		!strcmp(r->host.buf + 4, host));
}

/*
 * The items this forge is asked about: those it may own, not taken by a forge
 * before it (taken[]), of a shape it has, given on its host; sorted by
 * container, kind and number.
 */
static size_t
collect(struct run *r, struct arena *ar, const struct hook_open_ref *refs, size_t n, char *taken,
	struct sync_item ***out)
{
	struct sync_item **v = arena_calloc(ar, n ? n : 1, sizeof(*v));
	struct buf container = BUF_INIT;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		struct sync_item it = {.ref = refs[i].ref};

		buf_reset(&container);
		if (taken[i] || !(refs[i].forges & (1u << r->f->hook)) ||
		    r->f->split(refs[i].ref, &container, &it.kind, &it.num) < 0)
			continue;
		taken[i] = 1;
		if (!same_host(r, refs[i].host)) {
			r->rep->skipped++;
			buf_addf(&r->rep->lines, "not asked %s (it is on %s, not on %s)\n",
				 refs[i].ref, refs[i].host, r->host.buf);
			continue;
		}
		it.container = arena_strdup(ar, container.buf);
		v[k] = arena_alloc(ar, sizeof(it));
		*v[k++] = it;
	}
	buf_release(&container);
	qsort(v, k, sizeof(*v), by_container);
	*out = v;
	return k;
}

/* Ask about and apply the items v[0 .. n-1], batch after batch: 0, or -1 with err. */
static int
run_items(struct run *r, struct sync_item **v, size_t n, struct okra_err *err)
{
	for (size_t i = 0; i < n;) {
		struct sync_batch b = {v[i]->container, v[i]->kind, v + i, 0};
		int rc;

		while (i + b.n < n && b.n < r->f->batch_max &&
		       !strcmp(v[i + b.n]->container, b.container) && v[i + b.n]->kind == b.kind)
			b.n++;
		r->rep->asked += (int64_t)b.n;
		if ((rc = ask_batch(r, &b, err)) < 0)
			return rc;
		for (size_t j = 0; j < b.n; j++)
			if ((rc = apply_one(r, b.v[j], err)) < 0)
				return rc;
		i += b.n;
	}
	return 0;
}

/* The path after a URL's host (Jira's context path), appended to out. */
static void
site_path(const char *url, struct buf *out)
{
	const char *p = strstr(url, "://");

	p = p ? p + 3 : url;
	p += strcspn(p, "/?#");
	if (*p == '/')
		buf_add(out, p, strcspn(p, "?#"));
	while (out->len && out->buf[out->len - 1] == '/')
		out->buf[--out->len] = '\0';
}

/* A forge whose credentials are a user and a token: the token becomes "USER:TOKEN". */
static int
join_user(struct run *r, struct okra_err *err)
{
	struct buf user = BUF_INIT, both = BUF_INIT;
	int rc;

	if (!r->f->user_setting || !r->token.len)
		return 0;
	if ((rc = app_setting_text(r->a, r->f->user_setting, &user, err)) == 0 && !user.len)
		rc = okra_err_set(err, OKRA_EINVAL, "", "%s: the setting %s is not set", r->f->name,
				  r->f->user_setting);
	if (rc == 0) {
		buf_addf(&both, "%s:%s", user.buf, r->token.buf);
		memset(r->token.buf, 0, r->token.len);
		buf_reset(&r->token);
		buf_add(&r->token, both.buf, both.len);
		memset(both.buf, 0, both.len);
	}
	buf_release(&both);
	buf_release(&user);
	return rc;
}

/* The forge's settings: 1 when its token is set, 0 when not, or -1 with err. */
static int
forge_settings(struct run *r, struct okra_err *err)
{
	struct buf name = BUF_INIT;
	int rc;

	buf_addf(&name, "%s_api_token", r->f->name);
	if ((rc = app_setting_text(r->a, name.buf, &r->token, err)) < 0 ||
	    (rc = join_user(r, err)) < 0)
		goto out;
	/* No token, no forge: its address does not matter. */
	if (!r->token.len) {
		rc = 0;
		goto out;
	}
	buf_reset(&name);
	buf_addf(&name, "%s_api_url", r->f->name);
	if ((rc = app_setting_text(r->a, name.buf, &r->base, err)) < 0)
		goto out;
	if (!r->base.len && !*r->f->default_url) {
		rc = okra_err_set(err, OKRA_EINVAL, "", "%s: the setting %s is not set", r->f->name,
				  name.buf);
		goto out;
	}
	if (!r->base.len)
		buf_adds(&r->base, r->f->default_url);
	while (r->base.len && r->base.buf[r->base.len - 1] == '/')
		r->base.buf[--r->base.len] = '\0';
	if (!uri_https_or_loopback(r->base.buf)) {
		rc = okra_err_set(err, OKRA_EINVAL, "",
				  "%s: %s is not https (http only on a loopback address)",
				  r->f->name, name.buf);
		goto out;
	}
	r->plain_http = !strncmp(r->base.buf, "http://", 7);
	url_host(r->base.buf, &r->host);
	if (r->f->site_path)
		site_path(r->base.buf, &r->host);
	rc = 1;
out:
	buf_release(&name);
	return rc;
}

static void
run_release(struct run *r)
{
	if (r->token.buf)
		memset(r->token.buf, 0, r->token.len);
	if (r->head.buf)
		memset(r->head.buf, 0, r->head.len);
	buf_release(&r->token);
	buf_release(&r->base);
	buf_release(&r->host);
	buf_release(&r->head);
}

/* One forge: 0 (asked, or its token unset and not named), or -1 with err. */
static int
run_forge(struct app *a, const struct sync_opts *o, const struct sync_forge *f,
	  struct sync_report *rep, const struct hook_open_ref *refs, size_t n, char *taken,
	  struct okra_err *err)
{
	struct run r = {.a = a, .o = o, .f = f, .rep = rep};
	struct arena ar = ARENA_INIT;
	struct sync_item **v;
	size_t k;
	int rc;

	if ((rc = forge_settings(&r, err)) <= 0) {
		if (rc == 0 && o->forge)
			rc = okra_err_set(err, OKRA_EINVAL, "forge",
					  "%s: the setting %s_api_token is not set", f->name,
					  f->name);
		goto out;
	}
	rep->forges++;
	make_headers(&r);
	k = collect(&r, &ar, refs, n, taken, &v);
	rc = run_items(&r, v, k, err);
out:
	arena_release(&ar);
	run_release(&r);
	return rc;
}

int
sync_run(struct app *a, const struct sync_opts *o, struct sync_report *rep, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct hook_open_ref *refs = NULL;
	struct okra_err first = {0};
	size_t n = 0, i;
	char *taken = NULL;
	int rc = 0, failed = 0;

	for (i = 0; o->forge && i < NFORGES && strcmp(o->forge, sync_forges[i]->name); i++)
		;
	if (o->forge && i == NFORGES)
		return okra_err_set(err, OKRA_EINVAL, "forge",
				    "no forge %s (known: gitlab, github, jira)", o->forge);
	if (o->dry_run && (rc = app_rehearse_begin(a, err)) < 0)
		return rc;
	if ((rc = app_hook_open_refs(a, &ar, &refs, &n, err)) < 0)
		goto out;
	taken = arena_calloc(&ar, n ? n : 1, 1);
	for (i = 0; i < NFORGES; i++) {
		/* A forge not named still takes the items it owns from the ones after it. */
		if (o->forge && strcmp(o->forge, sync_forges[i]->name)) {
			continue;
		}
		if (run_forge(a, o, sync_forges[i], rep, refs, n, taken, err) < 0) {
			if (!failed)
				first = *err;
			failed = 1;
			okra_err_clear(err);
		}
	}
	if (failed) {
		*err = first;
		rc = first.code ? first.code : OKRA_EIO;
	}
out:
	if (o->dry_run)
		app_rehearse_end(a);
	arena_release(&ar);
	return rc;
}

void
sync_report_release(struct sync_report *rep)
{
	buf_release(&rep->lines);
}

void
sync_report_summary(const struct sync_report *rep, const struct sync_opts *o, struct buf *out)
{
	buf_addf(out, "%lld item%s asked of %lld forge%s: %lld %s, %lld not found",
		 (long long)rep->asked, rep->asked == 1 ? "" : "s", (long long)rep->forges,
		 rep->forges == 1 ? "" : "s", (long long)rep->changed,
		 o->dry_run ? "would close" : "closed", (long long)rep->skipped);
}

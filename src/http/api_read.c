/* api_read.c: the tree (now or as of a day, cached per revision), the due list, lint, the audit. */
#include "http/handler.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "core/validate.h"
#include "http/cache.h"
#include "http/gzip.h"
#include "http/paging.h"
#include "http/tree_view.h"
#include "util/html.h"
#include "app/tree.h"
#include "app/reads.h"

/*
 * The tree is built once per store revision (the newest audit id: every write
 * adds one) and served from memory until the next write, by reference, and
 * gzipped once for the clients that ask; its ETag is the revision (and the
 * coding), so a client holding it gets 304.
 */
static struct body_cache trees = BODY_CACHE_INIT("tree", CACHE_BYTES_MAX);

/* RFC 9110 §13.1.2: If-None-Match is "*" or a list of tags compared weakly. */
static int
none_match(const char *header, const char *etag)
{
	size_t len = strlen(etag);

	if (!strcmp(header, "*"))
		return 1;
	for (const char *p = header; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, len) && (!p[len] || p[len] == ',' || p[len] == ' '))
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

/* 0 if the cycle exists (or none was named), else a 404 reply and -1. */
static int
cycle_known(struct request *r, const char *name)
{
	struct okra_err err = {0};
	struct cycle *v = NULL;
	size_t n = 0;
	int found = 0;

	if (!name)
		return 0;
	if (app_cycles(r->app, &r->arena, &v, &n, &err) < 0)
		return reply_error(r, OKRA_EDB, &err, NULL);
	for (size_t i = 0; i < n; i++)
		found |= !strcmp(v[i].name, name);
	if (!found)
		return reply_problem(r, 404, "no such cycle", "cycle");
	return 0;
}

/* Send the cached body, gzipped when asked (made once per revision, then kept). */
static void
send_tree(struct request *r, const char *key, int64_t rev, struct cache_hit *h, int gz)
{
	struct buf etag = BUF_INIT;

	if (gz && !h->gz && (h->gz = gzip_shared(h->body))) {
		shared_seal(h->gz);
		cache_put_gz(&trees, key, rev, h->gz);
	}
	gz = gz && h->gz;
	buf_addf(&etag, "\"t%" PRId64 "-%s%s\"", rev, key, gz ? "-gz" : "");
	reply_header(r, "ETag", etag.buf);
	buf_release(&etag);
	if (gz)
		reply_header(r, "Content-Encoding", "gzip");
	reply_shared(r, 200, "application/json", gz ? h->gz : h->body);
}

/* Build the tree for key at rev (cache_get found none and left the build to us), keep it, send it.
 */
static int
tree_build(struct request *r, const char *cycle, const int32_t *as_of, const char *key, int64_t rev,
	   int gz)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct cache_hit h = {0};
	struct buf json = BUF_INIT;
	struct pieces parts = PIECES_INIT;
	char *data;
	size_t len;
	int rc;

	if (as_of) {
		if ((rc = app_tree_as_of(r->app, &r->arena, cycle, *as_of, &t, &err)) == 0)
			app_json_tree_write(&json, &t, 0);
	} else {
		/*
		 * The tree of now is kept, patched after a check-in rather than built again, and
		 * its objectives' JSON with it: the reply is those parts, by reference (one copy of
		 * the bytes, not two more), one iovec.
		 */
		const struct app_tree *kept;

		app_kept_lock();
		if ((rc = app_tree_kept(r->app, cycle, &kept, &err)) == 0)
			app_tree_kept_pieces(kept, &parts);
		app_kept_unlock();
	}
	if (rc < 0) {
		buf_release(&json);
		cache_give_up(&trees, key, rev);
		return reply_error(r, rc, &err, "cycle");
	}
	if (as_of) {
		data = buf_detach(&json, &len);
		h.body = shared_new(data, len);
	} else {
		h.body = shared_from_parts(&parts);
	}
	shared_seal(h.body); /* a body of parts is not: it is sent as its parts */
	cache_put(&trees, key, rev, h.body, NULL);
	send_tree(r, key, rev, &h, gz);
	cache_hit_release(&h);
	cache_trim();
	return 0;
}

/* Filter t (loaded if rc is 0) and send it as format asks. */
static int
tree_view_send(struct request *r, struct app_tree *t, const struct tree_filter *f,
	       enum tree_format format, int rc, struct okra_err *err)
{
	if (rc == 0)
		rc = app_tree_filter(r->app, &r->arena, t, f, err);
	if (rc < 0)
		return reply_error(r, rc, err, "cycle");
	if (format != TREE_AS_PAGE)
		return tree_view_export(r, t, f, format);
	reply_header(r, "Cache-Control", "private, no-cache");
	app_jw_tree(reply_json_begin(r), t);
	return reply_json_end(r, 200);
}

/*
 * A filtered tree, or the view as a file (csv, md, or json as an attachment):
 * loaded, filtered in memory and written for this request alone, not kept.
 */
static int
tree_view(struct request *r, const char *cycle, const int32_t *as_of, const struct tree_filter *f,
	  enum tree_format format)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	const struct app_tree *kept;
	int rc;

	if (as_of)
		return tree_view_send(r, &t, f, format,
				      app_tree_as_of(r->app, &r->arena, cycle, *as_of, &t, &err),
				      &err);
	/* The kept tree, not loaded again: a copy of its head takes the filter's marks. */
	app_kept_lock();
	if ((rc = app_tree_kept(r->app, cycle, &kept, &err)) == 0)
		t = *kept;
	rc = tree_view_send(r, &t, f, format, rc, &err);
	app_kept_unlock();
	return rc;
}

int
h_tree(struct request *r)
{
	struct okra_err err = {0};
	const char *cycle = req_query(r, "cycle"), *inm = req_header(r, "If-None-Match");
	const char *as_of = req_query(r, "as_of");
	struct tree_filter f;
	enum tree_format format;
	int gz = accepts_gzip(req_header(r, "Accept-Encoding"));
	struct buf key = BUF_INIT, etag = BUF_INIT;
	struct cache_hit h;
	char day[11];
	int32_t as_of_day = 0;
	int64_t rev;
	int rc, hit;

	if (cycle && strlen(cycle) > 200)
		return reply_problem(r, 404, "no such cycle", "cycle");
	if (as_of && validate_date("as_of", as_of, &as_of_day, &err) < 0)
		return reply_problem(r, 400, err.msg, "as_of");
	if (tree_view_query(r, req_query(r, "team"), &f, &format, &err) < 0)
		return reply_problem(r, 400, err.msg, err.field);
	if (tree_filter_any(&f) || format != TREE_AS_PAGE)
		return tree_view(r, cycle, as_of ? &as_of_day : NULL, &f, format);
	if ((rc = app_revision(r->app, &rev, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	/* Which quarter is "current" depends on the day, so the day is part of the key. */
	cal_format_date(r->app->today, day);
	buf_addf(&key, "%s/", day);
	if (as_of) {
		cal_format_date(as_of_day, day);
		buf_addf(&key, "%s/", day);
	} else {
		buf_adds(&key, "now/");
	}
	url_enc(&key, cycle ? cycle : "");
	/* A tree kept at this revision proves its cycle exists; otherwise look it up. */
	hit = cache_get(&trees, key.buf, rev, &h);
	if (!hit && cycle_known(r, cycle) < 0) {
		cache_give_up(&trees, key.buf, rev);
		buf_release(&key);
		return 0;
	}
	/* a representation per coding: the gzip one has its own tag (RFC 9110 §8.8.3) */
	buf_addf(&etag, "\"t%" PRId64 "-%s%s\"", rev, key.buf, gz ? "-gz" : "");
	reply_header(r, "Cache-Control", "private, no-cache");
	reply_header(r, "Vary", "Accept-Encoding");
	if (inm && none_match(inm, etag.buf)) {
		reply_header(r, "ETag", etag.buf);
		reply_text(r, 304, NULL, "", 0);
		if (hit)
			cache_hit_release(&h);
		else
			cache_give_up(&trees, key.buf, rev);
	} else if (hit) {
		send_tree(r, key.buf, rev, &h, gz);
		cache_hit_release(&h);
	} else {
		tree_build(r, cycle, as_of ? &as_of_day : NULL, key.buf, rev, gz);
	}
	buf_release(&etag);
	buf_release(&key);
	return 0;
}

int
h_due(struct request *r)
{
	struct okra_err err = {0};
	struct due_list d = {0};
	const char *date = req_query(r, "date");
	int32_t day = r->app->today;
	int rc;

	if (date && (rc = validate_date("date", date, &day, &err)) < 0)
		return reply_problem(r, 400, err.msg, "date");
	if ((rc = app_due(r->app, day, &d, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	app_jw_due(reply_json_begin(r), &d);
	reply_json_end(r, 200);
	due_list_release(&d);
	return 0;
}

int
h_lint(struct request *r)
{
	struct okra_err err = {0};
	struct lint_report l = {0};
	int rc;

	if ((rc = app_lint(r->app, req_query(r, "cycle"), &l, &err)) < 0)
		return reply_error(r, rc, &err, "cycle");
	app_jw_lint(reply_json_begin(r), &l);
	reply_json_end(r, 200);
	lint_report_release(&l);
	return 0;
}

/* before/after are stored as JSON texts; they go out as JSON (null if not JSON), not as strings. */
static void
stored_json(struct jw *w, const char *k, const char *s)
{
	json_t *j = s ? json_loads(s, 0, NULL) : NULL;

	jw_key(w, k);
	if (j)
		jw_raw(w, s, strlen(s));
	else
		jw_null(w);
	json_decref(j);
}

/* The filters of GET /api/v1/audit, the same as /audit's (app_audit_query). */
static int
audit_filters(struct request *r, struct audit_query *q, int *limit)
{
	struct okra_err err = {0};
	struct audit_typed t = {.entity = req_query(r, "entity"),
				.id = req_query(r, "id"),
				.actor = req_query(r, "actor"),
				.from = req_query(r, "from"),
				.to = req_query(r, "to"),
				.objective = req_query(r, "objective")};
	int64_t cursor;
	int rc;

	if (page_params(r, limit, &cursor) < 0)
		return -1;
	if ((rc = app_audit_query(r->app, &r->arena, &t, q, &err)) < 0)
		return rc == OKRA_EINVAL ? reply_problem(r, 400, err.msg, err.field)
					 : reply_error(r, rc, &err, NULL);
	q->before = cursor;
	q->limit = *limit + 1;
	return 0;
}

int
h_audit(struct request *r)
{
	struct okra_err err = {0};
	struct audit_row *v = NULL;
	struct audit_query q;
	size_t n = 0;
	struct jw *w;
	int limit, rc;

	if (audit_filters(r, &q, &limit) < 0)
		return 0;
	if ((rc = app_audit_list(r->app, &q, &v, &n, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < n && (int)i < limit; i++) {
		jw_object(w);
		jw_kint(w, "id", v[i].id);
		jw_key(w, "at");
		app_jw_instant(w, v[i].at);
		jw_kstr(w, "actor", v[i].actor);
		jw_kstr(w, "action", v[i].action);
		jw_kstr(w, "entity", v[i].entity);
		jw_kint(w, "entity_id", v[i].entity_id);
		stored_json(w, "before", v[i].before);
		stored_json(w, "after", v[i].after);
		jw_end(w);
	}
	jw_end(w);
	/* Newest first: the next page is below the last id shown. */
	if ((int)n > limit)
		reply_next_link(r, v[limit - 1].id, limit);
	for (size_t i = 0; i < n; i++)
		audit_row_release(&v[i]);
	free(v);
	return reply_json_end(r, 200);
}

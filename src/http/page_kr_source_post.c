/* page_kr_source_post.c: the objective page's KR source forms posted: the source set, read now,
 * cleared; a refusal (or a read that gave nothing) draws the page again beside its form. */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "app/sources.h"
#include "core/validate.h"
#include "http/handler.h"
#include "source/source.h"

static int
after(struct request *r, const struct key_result *kr, const char *what, int rc,
      const struct okra_err *err)
{
	const char *form = what ? arena_sprintf(&r->arena, "source-%s-%" PRId64, what, kr->id)
				: arena_sprintf(&r->arena, "source-%" PRId64, kr->id);

	return objective_page_after(r, kr->objective, form,
				    arena_sprintf(&r->arena, "kr-%" PRId64, kr->id), rc, err);
}

/* The form's fields into s (its strings in the request's arena). */
static int
read_fields(struct request *r, struct kr_source *s, struct okra_err *err)
{
	struct buf kind = BUF_INIT, url = BUF_INIT, query = BUF_INIT, every = BUF_INIT;
	double minutes = 60;
	int rc;

	page_form(r, "kind", &kind);
	page_form(r, "url", &url);
	page_form(r, "query", &query);
	page_form(r, "every", &every);
	s->url = arena_strdup(&r->arena, url.buf);
	s->query = arena_strdup(&r->arena, query.buf);
	if ((rc = source_kind_parse("kind", kind.buf, &s->kind, err)) == 0 && every.len &&
	    (rc = validate_number("every", every.buf, &minutes, err)) == 0 &&
	    (minutes != (double)(int64_t)minutes || minutes < 0 || minutes > 7 * 24 * 60))
		rc = okra_err_set(err, OKRA_EINVAL, "every",
				  "every is a whole number of minutes from 1 to 10080 (a week)");
	s->every_s = (int64_t)minutes * 60;
	buf_release(&kind);
	buf_release(&url);
	buf_release(&query);
	buf_release(&every);
	return rc;
}

int
h_page_kr_source(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct kr_source s = {0};
	int rc;

	if (page_post_kr(r, &s.key_result, &kr) < 0)
		return 0;
	if ((rc = read_fields(r, &s, &err)) == 0)
		rc = app_source_set(r->app, &s, &err);
	return after(r, &kr, NULL, rc, &err);
}

int
h_page_kr_source_read(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct source_result res;
	int64_t id;
	int rc;

	if (page_post_kr(r, &id, &kr) < 0)
		return 0;
	rc = source_read(r->app, id, &res, &err);
	if (rc == 0 && !res.ok)
		rc = okra_err_set(&err, OKRA_EINVAL, "", "the source gave no reading: %s",
				  res.why.buf);
	source_result_release(&res);
	return after(r, &kr, "read", rc, &err);
}

int
h_page_kr_source_clear(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	int64_t id;
	int rc;

	if (page_post_kr(r, &id, &kr) < 0)
		return 0;
	rc = app_source_clear(r->app, id, &err);
	return after(r, &kr, "clear", rc, &err);
}

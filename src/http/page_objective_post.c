/* page_objective_post.c: the forms of the objective page — a KR's check-in, the weekly status, the
 * retro, close.
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "http/handler.h"
#include "util/xalloc.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/reads.h"

static int
no_objective(struct request *r)
{
	return page_error(r, 404, "No such objective", "There is no objective with that number.");
}

/* After a form: back to the page on success, or the page again with the error (and 4xx). */
static int
after_form(struct request *r, int64_t objective, const char *form, const char *anchor, int rc,
	   const struct okra_err *err)
{
	struct refused_form f = {form, err};
	struct buf url = BUF_INIT;

	if (rc == 0) {
		page_url_objective(&url, objective);
		if (anchor)
			buf_addf(&url, "#%s", anchor);
		page_redirect(r, url.buf);
		buf_release(&url);
		return 0;
	}
	return objective_page(r, objective, &f, form_status(rc));
}

int
h_page_kr_checkin(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct checkin *h = NULL;
	struct buf form = BUF_INIT;
	size_t nh = 0;
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0 ||
	    app_kr(r->app, &r->arena, id, &kr, &h, &nh, &err) < 0)
		return page_error(r, 404, "No such key result",
				  "There is no key result with that number.");
	rc = page_checkin_post(r, &kr, 1, &err);
	buf_addf(&form, "kr-%" PRId64, id);
	after_form(r, kr.objective, form.buf, form.buf, rc, &err);
	buf_release(&form);
	return 0;
}

int
h_page_status(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	size_t idx;
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0 ||
	    app_objective_tree(r->app, &r->arena, id, &t, &idx, &err) < 0)
		return no_objective(r);
	rc = page_status_post(r, &t.v[idx], 1, &err);
	after_form(r, id, "status", "status", rc, &err);
	return 0;
}

/* A textarea's lines, trimmed, empty ones dropped. */
static void
lines_of(const char *s, struct strlist *out)
{
	while (*s) {
		size_t len = strcspn(s, "\r\n");
		const char *a = s, *e = s + len;

		while (a < e && (*a == ' ' || *a == '\t' || *a == '-' || *a == '*'))
			a++;
		while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > a) {
			char *line = xstrndup(a, (size_t)(e - a));

			strlist_push(out, line);
			free(line);
		}
		s += len;
		while (*s == '\r' || *s == '\n')
			s++;
	}
}

int
h_page_retro(struct request *r)
{
	struct okra_err err = {0};
	struct strlist g = {0}, bd = {0}, t = {0};
	struct buf good = BUF_INIT, bad = BUF_INIT, try = BUF_INIT, final = BUF_INIT;
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0)
		return no_objective(r);
	page_form(r, "good", &good);
	page_form(r, "bad", &bad);
	page_form(r, "try", &try);
	page_form(r, "final", &final);
	lines_of(good.buf, &g);
	lines_of(bad.buf, &bd);
	lines_of(try.buf, &t);
	rc = app_retro(r->app, id, &g, &bd, &t, final.len > 0, &err);
	if (rc == OKRA_ENOTFOUND)
		no_objective(r);
	else
		after_form(r, id, "retro", "retro", rc, &err);
	strlist_release(&g);
	strlist_release(&bd);
	strlist_release(&t);
	buf_release(&good);
	buf_release(&bad);
	buf_release(&try);
	buf_release(&final);
	return 0;
}

int
h_page_close(struct request *r)
{
	struct okra_err err = {0};
	struct close_input in = {0};
	struct buf score = BUF_INIT, reason = BUF_INIT;
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0)
		return no_objective(r);
	page_form(r, "score", &score);
	page_form(r, "reason", &reason);
	in.reason = reason.buf;
	rc = 0;
	if (score.len) {
		in.has_score = 1;
		rc = validate_number("score", score.buf, &in.score, &err);
	}
	if (rc == 0)
		rc = app_objective_close_scored(r->app, id, &in, &err);
	if (rc == OKRA_ENOTFOUND)
		no_objective(r);
	else
		after_form(r, id, "close", NULL, rc, &err);
	buf_release(&score);
	buf_release(&reason);
	return 0;
}

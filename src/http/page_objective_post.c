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
	struct failed f = {form, err};
	struct buf url = BUF_INIT;
	int status;

	if (rc == 0) {
		page_url_objective(&url, objective);
		if (anchor)
			buf_addf(&url, "#%s", anchor);
		page_redirect(r, url.buf);
		buf_release(&url);
		return 0;
	}
	status = okra_code_status(rc);
	if (status >= 500 || rc == OKRA_EINVAL || rc == OKRA_EUSAGE)
		status = status >= 500 ? 503 : 422;
	return objective_page(r, objective, &f, status);
}

int
h_page_kr_checkin(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct checkin *h = NULL;
	struct checkin_input in = {0};
	struct buf value = BUF_INIT, health = BUF_INIT, note = BUF_INIT, form = BUF_INIT,
		   anchor = BUF_INIT;
	size_t nh = 0;
	int64_t id, cid, objective;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0 ||
	    app_kr(r->app, &r->arena, id, &kr, &h, &nh, &err) < 0)
		return page_error(r, 404, "No such key result",
				  "There is no key result with that number.");
	objective = kr.objective;
	buf_addf(&form, "kr-%" PRId64, id);
	buf_addf(&anchor, "kr-%" PRId64, id);
	page_form(r, "value", &value);
	page_form(r, "health", &health);
	page_form(r, "note", &note);
	in.key_result = id;
	in.note = note.buf;
	if ((rc = validate_health("health", health.buf, &in.health, &err)) == 0) {
		if (kr.kind == KR_METRIC) {
			if (!value.len)
				rc = okra_err_set(&err, OKRA_EINVAL, "value",
						  "Enter the value measured now.");
			else if ((rc = validate_number("value", value.buf, &in.value, &err)) == 0)
				in.has_value = 1;
		}
		if (rc == 0)
			rc = app_checkin(r->app, &in, &cid, &err);
	}
	after_form(r, objective, form.buf, anchor.buf, rc, &err);
	for (size_t i = 0; i < nh; i++)
		checkin_release(&h[i]);
	free(h);
	buf_release(&value);
	buf_release(&health);
	buf_release(&note);
	buf_release(&form);
	buf_release(&anchor);
	return 0;
}

int
h_page_status(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct status_input in = {0};
	struct status_line *lines = NULL;
	struct buf health = BUF_INIT, name = BUF_INIT;
	struct buf *texts = NULL;
	size_t idx;
	int64_t id, sid;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0 ||
	    app_objective_tree(r->app, &r->arena, id, &t, &idx, &err) < 0)
		return no_objective(r);
	page_form(r, "health", &health);
	lines = xcalloc(t.v[idx].nkrs + 1, sizeof(*lines));
	texts = xcalloc(t.v[idx].nkrs + 1, sizeof(*texts));
	for (size_t k = 0; k < t.v[idx].nkrs; k++) {
		buf_init(&texts[k], 0);
		buf_reset(&name);
		buf_addf(&name, "line-%" PRId64, t.v[idx].krs[k].id);
		/* A line left empty is missing: the app says which KR still needs one. */
		if (page_form(r, name.buf, &texts[k]) && texts[k].len) {
			lines[in.nlines].key_result = t.v[idx].krs[k].id;
			lines[in.nlines].line = texts[k].buf;
			in.nlines++;
		}
	}
	in.objective = id;
	in.lines = lines;
	if ((rc = validate_health("health", health.buf, &in.health, &err)) == 0)
		rc = app_status(r->app, &in, &sid, &err);
	after_form(r, id, "status", "status", rc, &err);
	for (size_t k = 0; k < t.v[idx].nkrs; k++)
		buf_release(&texts[k]);
	free(texts);
	free(lines);
	buf_release(&health);
	buf_release(&name);
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

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

int
page_no_objective(struct request *r)
{
	return page_error(r, 404, "No such objective", "There is no objective with that number.");
}

int
page_post_objective_id(struct request *r, int64_t *id)
{
	struct okra_err err = {0};

	if (page_form_check(r) < 0)
		return -1;
	if (validate_id("id", r->params[0], id, &err) < 0) {
		page_no_objective(r);
		return -1;
	}
	return 0;
}

int
page_post_objective(struct request *r, int64_t *id, struct app_tree *t, size_t *idx)
{
	struct okra_err err = {0};

	if (page_post_objective_id(r, id) < 0)
		return -1;
	if (app_objective_tree(r->app, &r->arena, *id, t, idx, &err) < 0) {
		page_no_objective(r);
		return -1;
	}
	return 0;
}

int
page_post_kr(struct request *r, int64_t *id, struct key_result *kr)
{
	struct okra_err err = {0};

	if (page_form_check(r) < 0)
		return -1;
	/* The KR without its history: a long one is not read for a form (issue 16, 18). */
	if (validate_id("id", r->params[0], id, &err) < 0 ||
	    app_kr_row(r->app, &r->arena, *id, kr, &err) < 0) {
		page_error(r, 404, "No such key result",
			   "There is no key result with that number.");
		return -1;
	}
	return 0;
}

/* After an objective's form: a 404 if the objective is not there, else as objective_page_after().
 */
static void
after_objective_form(struct request *r, int64_t id, const char *form, const char *anchor, int rc,
		     const struct okra_err *err)
{
	if (rc == OKRA_ENOTFOUND)
		page_no_objective(r);
	else
		objective_page_after(r, id, form, anchor, rc, err);
}

int
h_page_kr_checkin(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct buf form = BUF_INIT;
	int64_t id;
	int rc;

	if (page_post_kr(r, &id, &kr) < 0)
		return 0;
	rc = page_checkin_post(r, &kr, 1, &err);
	buf_addf(&form, "kr-%" PRId64, id);
	objective_page_after(r, kr.objective, form.buf, form.buf, rc, &err);
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

	if (page_post_objective(r, &id, &t, &idx) < 0)
		return 0;
	rc = page_status_post(r, &t.v[idx], 1, &err);
	objective_page_after(r, id, "status", "status", rc, &err);
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

void
page_form_lines(struct request *r, const char *name, struct strlist *out)
{
	struct buf text = BUF_INIT;

	page_form(r, name, &text);
	lines_of(text.buf, out);
	buf_release(&text);
}

int
h_page_retro(struct request *r)
{
	struct okra_err err = {0};
	struct strlist g = {0}, bd = {0}, t = {0};
	struct buf final = BUF_INIT;
	int64_t id;
	int rc;

	if (page_post_objective_id(r, &id) < 0)
		return 0;
	page_form_lines(r, "good", &g);
	page_form_lines(r, "bad", &bd);
	page_form_lines(r, "try", &t);
	page_form(r, "final", &final);
	rc = app_retro(r->app, id, &g, &bd, &t, final.len > 0, &err);
	after_objective_form(r, id, "retro", "retro", rc, &err);
	strlist_release(&g);
	strlist_release(&bd);
	strlist_release(&t);
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

	if (page_post_objective_id(r, &id) < 0)
		return 0;
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
	after_objective_form(r, id, "close", NULL, rc, &err);
	buf_release(&score);
	buf_release(&reason);
	return 0;
}

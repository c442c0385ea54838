/* page_comments_post.c: the conversation's forms on the objective page — a comment added (on the
 * objective or a key result, or as an answer), edited, removed; a refusal shows the page again with
 * the message beside the form and the text typed kept. */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "app/comments.h"
#include "core/validate.h"
#include "http/handler.h"

/* After a comment's form: to the comment when saved, else the objective page with the refusal. */
static int
after(struct request *r, int64_t objective, const char *form, int64_t comment, int rc,
      const struct okra_err *err)
{
	struct buf anchor = BUF_INIT;
	int out;

	if (rc == OKRA_ENOTFOUND && err->field[0] == '\0')
		return page_no_objective(r);
	buf_addf(&anchor, "comment-%" PRId64, comment);
	out = objective_page_after(r, objective, form, comment ? anchor.buf : "comments", rc, err);
	buf_release(&anchor);
	return out;
}

int
h_page_comment_add(struct request *r)
{
	struct okra_err err = {0};
	struct comment_input in = {0};
	struct buf body = BUF_INIT, on = BUF_INIT, parent = BUF_INIT, form = BUF_INIT;
	int64_t oid, id = 0;
	int rc;

	if (page_post_objective_id(r, &oid) < 0)
		return 0;
	page_form_text(r, "body", &body);
	page_form(r, "on", &on);
	page_form(r, "parent", &parent);
	in.body = body.buf;
	if (parent.len) {
		rc = validate_id("parent", parent.buf, &in.parent, &err);
		buf_addf(&form, "reply-%s", parent.buf);
	} else if (!strncmp(on.buf, "kr-", 3)) {
		rc = validate_id("on", on.buf + 3, &in.key_result, &err);
		buf_addf(&form, "new-kr-%s", on.buf + 3);
	} else {
		in.objective = oid;
		rc = 0;
		buf_adds(&form, "new");
	}
	if (rc == 0)
		rc = app_comment_add(r->app, &in, &id, &err);
	after(r, oid, form.buf, id, rc, &err);
	buf_release(&body);
	buf_release(&on);
	buf_release(&parent);
	buf_release(&form);
	return 0;
}

/* The comment a form posts to: 0, or -1 with the answer sent (415, 404). */
static int
posted_comment(struct request *r, int64_t *id, struct comment_full *c)
{
	struct okra_err err = {0};

	if (page_form_check(r) < 0)
		return -1;
	if (validate_id("id", r->params[0], id, &err) < 0 ||
	    app_comment_get(r->app, &r->arena, *id, c, &err) < 0) {
		page_error(r, 404, "No such comment", "There is no comment with that number.");
		return -1;
	}
	return 0;
}

int
h_page_comment_edit(struct request *r)
{
	struct okra_err err = {0};
	struct comment_full c;
	struct buf body = BUF_INIT, form = BUF_INIT;
	int64_t id;
	int rc;

	if (posted_comment(r, &id, &c) < 0)
		return 0;
	page_form_text(r, "body", &body);
	buf_addf(&form, "edit-%" PRId64, id);
	rc = app_comment_edit(r->app, id, body.buf, &err);
	after(r, c.c.objective, form.buf, id, rc, &err);
	buf_release(&body);
	buf_release(&form);
	return 0;
}

int
h_page_comment_remove(struct request *r)
{
	struct okra_err err = {0};
	struct comment_full c;
	struct buf form = BUF_INIT;
	int64_t id;
	int rc;

	if (posted_comment(r, &id, &c) < 0)
		return 0;
	buf_addf(&form, "remove-%" PRId64, id);
	rc = app_comment_delete(r->app, id, &err);
	after(r, c.c.objective, form.buf, id, rc, &err);
	buf_release(&form);
	return 0;
}

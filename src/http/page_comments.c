/* page_comments.c: the conversation on the objective page — a thread on the objective and one on
 * each key result (its check-ins' comments among them), each comment rendered from Markdown, with
 * the forms to add, answer, edit and remove drawn only for who may (they work without JavaScript).
 */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "app/comments.h"
#include "core/calendar.h"
#include "http/form.h"
#include "http/markdown.h"
#include "util/html.h"

/* Everything a thread's drawing needs. */
struct thread {
	struct request *r;
	const struct objective *o;
	const struct refused_form *f;
	const struct comment *v;
	size_t n;
	int may; /* the actor may comment here */
};

static const struct okra_err *
refused(const struct thread *t, const char *form)
{
	return t->f && t->f->form && !strcmp(t->f->form, form) ? t->f->err : NULL;
}

static const struct comment *
find(const struct thread *t, int64_t id)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].id == id)
			return &t->v[i];
	return NULL;
}

/* The thread a comment belongs to: the KR it is on (0: the objective). */
static int64_t
group_of(const struct comment *c)
{
	return c->key_result;
}

/* The comment of c's thread that starts it (the first answered in the same group). */
static const struct comment *
root_of(const struct thread *t, const struct comment *c)
{
	const struct comment *p;
	size_t hops = 0;

	while (c->parent && (p = find(t, c->parent)) && group_of(p) == group_of(c) && hops++ < t->n)
		c = p;
	return c;
}

/* A body text field: the textarea of a comment form, with its own id. */
static void
body_field(struct form *fm, const char *id, const char *label, const char *value)
{
	form_field(fm, &(struct form_field){.type = FIELD_TEXTAREA,
					    .name = "body",
					    .id = id,
					    .key = "body",
					    .label = label,
					    .value = value,
					    .hint = "Markdown; @handle tells that person",
					    .rows = 3,
					    .required = 1});
}

/* <details> around a form, open when that form was just refused. */
static void
details_open(struct buf *b, const char *summary, int open)
{
	buf_addf(b, "<details class=\"no-print\"%s><summary>", open ? " open" : "");
	html_txt(b, summary);
	buf_adds(b, "</summary>\n");
}

static void
reply_form(const struct thread *t, const struct comment *c)
{
	struct buf action = BUF_INIT, name = BUF_INIT, id = BUF_INIT, parent = BUF_INIT;
	struct form fm = {.r = t->r, .cls = "comment-form"};

	buf_addf(&name, "reply-%" PRId64, c->id);
	buf_addf(&id, "comment-%" PRId64 "-reply", c->id);
	buf_addf(&parent, "%" PRId64, c->id);
	page_url_objective(&action, t->o->id);
	buf_adds(&action, "/comments");
	fm.err = refused(t, name.buf);
	fm.action = action.buf;
	details_open(&t->r->out, "Reply", fm.err != NULL);
	form_open(&fm);
	form_top(&fm);
	form_field(&fm,
		   &(struct form_field){
			   .type = FIELD_HIDDEN, .name = "parent", .id = "", .value = parent.buf});
	body_field(&fm, id.buf, "Your reply", "");
	buf_adds(&t->r->out, "<button type=\"submit\">Reply</button>\n");
	form_close(&fm);
	buf_adds(&t->r->out, "</details>\n");
	buf_release(&action);
	buf_release(&name);
	buf_release(&id);
	buf_release(&parent);
}

static void
edit_form(const struct thread *t, const struct comment *c)
{
	struct buf action = BUF_INIT, name = BUF_INIT, id = BUF_INIT;
	struct form fm = {.r = t->r, .cls = "comment-form"};

	buf_addf(&name, "edit-%" PRId64, c->id);
	buf_addf(&id, "comment-%" PRId64 "-edit", c->id);
	buf_addf(&action, "/comments/%" PRId64 "/edit", c->id);
	fm.err = refused(t, name.buf);
	fm.action = action.buf;
	details_open(&t->r->out, "Edit", fm.err != NULL);
	form_open(&fm);
	form_top(&fm);
	body_field(&fm, id.buf, "Your comment (the earlier text is kept)", c->body);
	buf_adds(&t->r->out, "<button type=\"submit\">Save</button>\n");
	form_close(&fm);
	buf_adds(&t->r->out, "</details>\n");
	buf_release(&action);
	buf_release(&name);
	buf_release(&id);
}

static void
remove_form(const struct thread *t, const struct comment *c)
{
	struct buf action = BUF_INIT, name = BUF_INIT;
	struct form fm = {.r = t->r,
			  .cls = "comment-form inline no-print",
			  .confirm = "Remove this comment?"};

	buf_addf(&name, "remove-%" PRId64, c->id);
	buf_addf(&action, "/comments/%" PRId64 "/remove", c->id);
	fm.err = refused(t, name.buf);
	fm.action = action.buf;
	form_open(&fm);
	form_top(&fm);
	buf_addf(&t->r->out,
		 "<button type=\"submit\" class=\"secondary\" aria-label=\"Remove comment %" PRId64
		 "\">Remove</button>\n",
		 c->id);
	form_close(&fm);
	buf_release(&action);
	buf_release(&name);
}

static void
comment_meta(const struct thread *t, const struct comment *c)
{
	struct buf *b = &t->r->out;
	char at[21];

	cal_format_instant(c->created_at, at);
	buf_adds(b, "<p class=\"meta\"><strong>");
	html_txt(b, c->author_name && *c->author_name ? c->author_name : c->author_handle);
	buf_adds(b, "</strong> <span class=\"muted\">@");
	html_txt(b, c->author_handle);
	/* at is "YYYY-MM-DDTHH:MM:SSZ": shown as the day and the minute */
	buf_addf(b, "</span> · <time datetime=\"%s\">%.10s", at, at);
	buf_adds(b, " ");
	buf_add(b, at + 11, 5);
	buf_adds(b, "</time>");
	if (c->checkin) {
		char day[21];

		cal_format_instant(c->checkin_at, day);
		buf_addf(b, " · on the check-in of %.10s", day);
	}
	if (c->parent)
		buf_addf(b, " · answers <a href=\"#comment-%" PRId64 "\">#%" PRId64 "</a>",
			 c->parent, c->parent);
	if (c->edited_at && !c->deleted_at)
		buf_adds(b, " · edited");
	buf_adds(b, "</p>\n");
}

static void
comment_one(const struct thread *t, const struct comment *c)
{
	struct buf *b = &t->r->out;
	const struct person *me = &t->r->app->actor;
	int open = t->o->state != STATE_CLOSED;

	buf_addf(b, "<article class=\"comment\" id=\"comment-%" PRId64 "\">\n", c->id);
	comment_meta(t, c);
	if (c->deleted_at) {
		buf_adds(b, "<p class=\"muted\">Comment removed by ");
		html_txt(b, c->deleted_by ? c->deleted_by : "?");
		buf_adds(b, ".</p>\n</article>\n");
		return;
	}
	buf_adds(b, "<div class=\"comment-body\">\n");
	markdown_html(b, c->body);
	buf_adds(b, "</div>\n");
	if (open && c->author == me->id)
		edit_form(t, c);
	if (open && (c->author == me->id || me->role == ROLE_ADMIN))
		remove_form(t, c);
	if (t->may)
		reply_form(t, c);
	buf_adds(b, "</article>\n");
}

static void
new_form(const struct thread *t, int64_t kr)
{
	struct buf action = BUF_INIT, name = BUF_INIT, id = BUF_INIT, on = BUF_INIT;
	struct form fm = {.r = t->r, .cls = "comment-form"};

	if (kr) {
		buf_addf(&name, "new-kr-%" PRId64, kr);
		buf_addf(&id, "comments-kr-%" PRId64 "-new", kr);
		buf_addf(&on, "kr-%" PRId64, kr);
	} else {
		buf_adds(&name, "new");
		buf_adds(&id, "comments-new");
		buf_adds(&on, "objective");
	}
	page_url_objective(&action, t->o->id);
	buf_adds(&action, "/comments");
	fm.err = refused(t, name.buf);
	fm.action = action.buf;
	form_open(&fm);
	form_top(&fm);
	form_field(&fm, &(struct form_field){
				.type = FIELD_HIDDEN, .name = "on", .id = "", .value = on.buf});
	body_field(&fm, id.buf, kr ? "Comment on this key result" : "Comment on this objective",
		   "");
	buf_adds(&t->r->out, "<button type=\"submit\">Comment</button>\n");
	form_close(&fm);
	buf_release(&action);
	buf_release(&name);
	buf_release(&id);
	buf_release(&on);
}

/* The thread of one group: its comments, each root followed by its answers, then the form. */
static void
thread(const struct thread *t, int64_t kr)
{
	struct buf *b = &t->r->out;
	size_t shown = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct comment *c = &t->v[i];

		if (group_of(c) != kr || root_of(t, c) != c)
			continue;
		comment_one(t, c);
		shown++;
		buf_adds(b, "<div class=\"replies\">\n");
		for (size_t k = i + 1; k < t->n; k++)
			if (group_of(&t->v[k]) == kr && root_of(t, &t->v[k]) == c)
				comment_one(t, &t->v[k]);
		buf_adds(b, "</div>\n");
	}
	if (!shown)
		buf_adds(b, "<p class=\"muted\">No comments yet.</p>\n");
	if (t->may)
		new_form(t, kr);
}

void
page_comments(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct okra_err err = {0};
	struct comment *v = NULL;
	size_t n = 0;
	struct thread t = {.r = r, .o = o, .f = f};
	struct buf *b = &r->out;

	if (app_comments_list(r->app, &r->arena, o->id, 0, 0, &v, &n, &err) < 0) {
		buf_adds(b, "<h2 id=\"comments\">Conversation</h2>\n<p class=\"muted\">");
		html_txt(b, okra_err_text(&err));
		buf_adds(b, "</p>\n");
		return;
	}
	t.v = v;
	t.n = n;
	t.may = o->state != STATE_CLOSED && app_may_comment(r->app, &err) == 0;
	buf_adds(b,
		 "<section class=\"conversation\" aria-labelledby=\"comments\">\n"
		 "<h2 id=\"comments\">Conversation</h2>\n<h3>On the objective</h3>\n");
	thread(&t, 0);
	for (size_t k = 0; k < o->nkrs; k++) {
		buf_addf(b, "<h3 id=\"comments-kr-%" PRId64 "\">On the key result “", o->krs[k].id);
		html_txt(b, o->krs[k].title);
		buf_adds(b, "”</h3>\n");
		thread(&t, o->krs[k].id);
	}
	buf_adds(b, "</section>\n");
}

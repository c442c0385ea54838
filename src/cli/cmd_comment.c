/* cmd_comment.c: okra comment add | list | show | edit | rm — the conversation on an objective, a
 * key result or a check-in, in Markdown with @mentions (issue 19). */
#include "cli/cli.h"

#include <stdio.h>

#include "app/comments.h"
#include "core/calendar.h"
#include "notify/notify.h"
#include "util/jw.h"

/* What a comment is on: one of these (add: or only --reply). */
#define ON_OPTS(OBJ, KR, CI)                                                                       \
	[OBJ] = {"objective", OPT_STRING, "ID", "on this objective", .group = 1},                  \
	[KR] = {"kr", OPT_STRING, "ID", "on this key result", .group = 1, .flags = OPT_ALT},       \
	[CI] = {"checkin", OPT_STRING, "ID", "on this check-in", .group = 1, .flags = OPT_ALT}

enum { ADD_OBJ, ADD_KR, ADD_CHECKIN, ADD_REPLY, ADD_BODY, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	ON_OPTS(ADD_OBJ, ADD_KR, ADD_CHECKIN),
	[ADD_REPLY] = {"reply", OPT_STRING, "ID", "answer this comment (on what it is on)"},
	[ADD_BODY] = {"body", OPT_STRING, "T",
		      "what to say, in Markdown; @handle tells that person", .flags = OPT_REQUIRED},
};
static const struct cli_usage add_usage = {"comment add", NULL, 0, 0, OPTS(add_opts)};

enum { LIST_OBJ, LIST_KR, LIST_CHECKIN, LIST_NOPTS };
static const struct opt list_opts[LIST_NOPTS] = {ON_OPTS(LIST_OBJ, LIST_KR, LIST_CHECKIN)};
static const struct cli_usage list_usage = {"comment list", NULL, 0, 0, OPTS(list_opts), .json = 1};

enum { EDIT_BODY, EDIT_NOPTS };
static const struct opt edit_opts[EDIT_NOPTS] = {
	[EDIT_BODY] = {"body", OPT_STRING, "T", "the new text (the old one is kept in its history)",
		       .flags = OPT_REQUIRED},
};
static const struct cli_usage edit_usage = {
	"comment edit", "ID", 1, 1, OPTS(edit_opts), .note = "    (its author only)"};
static const struct cli_usage show_usage = {"comment show", "ID", 1, 1, .json = 1};
static const struct cli_usage rm_usage = {"comment rm", "ID", 1, 1,
					  .note = "    (its author or an admin)"};

/* An id option: 0 when not given. */
static int
opt_id(const struct optv *v, const char *field, int64_t *id, struct okra_err *err)
{
	*id = 0;
	return v->set ? cli_id(field, v->value, id, err) : 0;
}

/* Send the notices the write made (a failed send is retried by okra remind or okra serve). */
static void
send_notices(struct cli *c)
{
	struct notify_run run = {0};
	struct okra_err ignore = {0};
	struct buf line = BUF_INIT;

	notify_comments(&c->app, &run, &ignore);
	for (size_t i = 0; i < run.n; i++) {
		if (run.v[i].kind != NOTIFY_FAILED)
			continue;
		buf_reset(&line);
		notify_outcome_format(&run.v[i], &line);
		fprintf(stderr, "okra: %s\n", line.buf);
	}
	buf_release(&line);
	notify_run_release(&run);
}

static int
comment_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	struct comment_input in = {0};
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, NULL, err)) != 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0 ||
	    (rc = opt_id(&v[ADD_OBJ], "objective", &in.objective, err)) < 0 ||
	    (rc = opt_id(&v[ADD_KR], "kr", &in.key_result, err)) < 0 ||
	    (rc = opt_id(&v[ADD_CHECKIN], "checkin", &in.checkin, err)) < 0 ||
	    (rc = opt_id(&v[ADD_REPLY], "reply", &in.parent, err)) < 0)
		goto out;
	in.body = v[ADD_BODY].value;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_comment_add(&c->app, &in, &id, err)) < 0)
		goto out;
	cli_print_id(id);
	send_notices(c);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

static void
print_comment(const struct comment *m)
{
	char at[21];

	cal_format_instant(m->created_at, at);
	printf("#%lld %s %s", (long long)m->id, m->author_handle, at);
	if (m->parent)
		printf(" (reply to #%lld)", (long long)m->parent);
	if (m->checkin)
		printf(" on check-in %lld", (long long)m->checkin);
	else if (m->key_result)
		printf(" on key result %lld", (long long)m->key_result);
	if (m->deleted_at) {
		printf(": removed by %s\n", m->deleted_by ? m->deleted_by : "?");
		return;
	}
	printf("%s\n", m->edited_at ? " (edited)" : "");
	for (const char *p = m->body; *p;) {
		const char *nl = p;

		while (*nl && *nl != '\n')
			nl++;
		printf("    %.*s\n", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

static int
comment_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[LIST_NOPTS];
	struct comment *m = NULL;
	int64_t obj, kr, ci;
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, &list_usage, v, argc - 1, argv + 1, NULL, err)) != 0 ||
	    (rc = opt_id(&v[LIST_OBJ], "objective", &obj, err)) < 0 ||
	    (rc = opt_id(&v[LIST_KR], "kr", &kr, err)) < 0 ||
	    (rc = opt_id(&v[LIST_CHECKIN], "checkin", &ci, err)) < 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_comments_list(&c->app, &c->arena, obj, kr, ci, &m, &n, err)) < 0)
		goto out;
	if (c->json) {
		struct jw *w = cli_json_begin();

		jw_array(w);
		for (size_t i = 0; i < n; i++)
			app_jw_comment(w, &m[i], NULL);
		jw_end(w);
		cli_json_end();
	} else {
		for (size_t i = 0; i < n; i++)
			print_comment(&m[i]);
	}
out:
	opt_release(v, LIST_NOPTS);
	return rc < 0 ? rc : 0;
}

static int
comment_show(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct comment_full f;
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &show_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_comment_get(&c->app, &c->arena, id, &f, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json) {
		app_jw_comment(cli_json_begin(), &f.c, &f);
		cli_json_end();
		return 0;
	}
	print_comment(&f.c);
	for (size_t i = 0; f.nrevisions > 1 && i < f.nrevisions; i++) {
		char at[21];

		cal_format_instant(f.revisions[i].at, at);
		printf("  revision %zu, %s:\n    %s\n", i + 1, at, f.revisions[i].body);
	}
	return 0;
}

static int
comment_edit(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[EDIT_NOPTS];
	const char *pos[1];
	int64_t id;
	int rc;

	if ((rc = opt_parse(c, &edit_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_id("id", pos[0], &id, err)) < 0 ||
	    (rc = opt_require(&edit_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_comment_edit(&c->app, id, v[EDIT_BODY].value, err)) < 0)
		goto out;
	send_notices(c);
out:
	opt_release(v, EDIT_NOPTS);
	return rc < 0 ? rc : 0;
}

static int
comment_rm(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_by_id(c, &rm_usage, "id", app_comment_delete, argc, argv, err);
}

static const struct subcommand subs[] = {
	{"add", comment_add, &add_usage},    {"list", comment_list, &list_usage},
	{"show", comment_show, &show_usage}, {"edit", comment_edit, &edit_usage},
	{"rm", comment_rm, &rm_usage},
};

int
cmd_comment(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}

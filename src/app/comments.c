/* comments.c: the conversation's use cases: a comment added, edited (history kept), removed, read;
 * its @mentions kept and told (the notices and their sends are comment_notices.c's). */
#include "app/comments.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/json_write.h"
#include "store/store.h"
#include "store/store_comments.h"
#include "util/jw.h"

int
app_may_comment(struct app *a, struct okra_err *err)
{
	if (a->actor.id <= 0)
		return okra_err_set(err, OKRA_EFORBIDDEN, "",
				    "a comment needs an author: act as a person (--as HANDLE)");
	if (a->actor.role == ROLE_VIEWER)
		return okra_err_set(
			err, OKRA_EFORBIDDEN, "",
			"%s is a viewer: viewers only read (members, leaders and admins "
			"comment)",
			a->actor.handle);
	return 0;
}

/* The objective of what in is on, filling c's objective, key_result and checkin. */
static int
resolve_target(struct app *a, struct arena *ar, const struct comment_input *in, struct comment *c,
	       struct objective_row *o, struct okra_err *err)
{
	int given = !!in->objective + !!in->key_result + !!in->checkin, rc;

	if (given != 1)
		return okra_err_set(err, OKRA_EINVAL, "objective",
				    "a comment is on an objective, a key result or a check-in: "
				    "name exactly one (or the comment it answers)");
	c->checkin = in->checkin;
	c->key_result = in->key_result;
	c->objective = in->objective;
	if (c->checkin) {
		struct checkin ci = {0};

		if ((rc = store_checkin_get(a->db, ar, c->checkin, &ci, err)) < 0)
			return rc == OKRA_ENOTFOUND
				       ? okra_err_set(err, rc, "checkin", "no check-in %lld",
						      (long long)c->checkin)
				       : rc;
		c->key_result = ci.key_result;
	}
	if (c->key_result) {
		struct key_result kr = {0};

		if ((rc = store_kr_get(a->db, ar, c->key_result, &kr, err)) < 0)
			return rc == OKRA_ENOTFOUND
				       ? okra_err_set(err, rc, "key_result", "no key result %lld",
						      (long long)c->key_result)
				       : rc;
		c->objective = kr.objective;
	}
	if ((rc = store_objective_get(a->db, ar, c->objective, o, err)) < 0)
		return rc == OKRA_ENOTFOUND
			       ? okra_err_set(err, rc, "objective", "no objective %lld",
					      (long long)c->objective)
			       : rc;
	return 0;
}

/* The people body names (active, each once, at most COMMENT_MENTIONS_MAX). */
static int
find_mentions(struct app *a, struct arena *ar, const char *body, int64_t *ids, size_t *n,
	      struct okra_err *err)
{
	size_t pos = 0;
	char h[41];
	int rc;

	*n = 0;
	while (*n < COMMENT_MENTIONS_MAX && comment_next_mention(body, &pos, h)) {
		struct person p = {0};
		size_t i;

		if ((rc = store_person_by_handle(a->db, ar, h, &p, err)) == OKRA_ENOTFOUND) {
			okra_err_clear(err);
			continue;
		}
		if (rc < 0)
			return rc;
		for (i = 0; i < *n && ids[i] != p.id; i++)
			;
		if (!p.deactivated_at && i == *n)
			ids[(*n)++] = p.id;
	}
	return 0;
}

static char *
comment_text(const struct comment *c)
{
	struct app_text t;
	struct jw *w = app_text_begin(&t);

	jw_object(w);
	jw_kint(w, "objective", c->objective);
	jw_kid_or_null(w, "key_result", c->key_result);
	jw_kid_or_null(w, "checkin", c->checkin);
	jw_kid_or_null(w, "parent", c->parent);
	jw_kstr(w, "body", c->body);
	jw_end(w);
	return app_text_end(&t);
}

/* The comment answered, checked and its target taken when in names none. */
static int
answered(struct app *a, struct arena *ar, struct comment_input *in, struct comment *parent,
	 struct okra_err *err)
{
	int rc;

	if ((rc = store_comment_get(a->db, ar, in->parent, parent, err)) < 0)
		return okra_err_set(err, OKRA_EINVAL, "parent", "no comment %lld to answer",
				    (long long)in->parent);
	if (parent->deleted_at)
		return okra_err_set(err, OKRA_EINVAL, "parent",
				    "comment %lld was removed: there is nothing to answer",
				    (long long)in->parent);
	if (!in->objective && !in->key_result && !in->checkin) {
		in->objective = parent->checkin || parent->key_result ? 0 : parent->objective;
		in->key_result = parent->checkin ? 0 : parent->key_result;
		in->checkin = parent->checkin;
	}
	return 0;
}

int
app_comment_add(struct app *a, const struct comment_input *given, int64_t *id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct comment_input in = *given;
	struct comment c = {0}, parent = {0};
	struct objective_row o = {0};
	int64_t ids[COMMENT_MENTIONS_MAX];
	size_t n = 0;
	int rc;

	if ((rc = app_may_comment(a, err)) < 0 ||
	    (rc = comment_check_body("body", in.body, err)) < 0)
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((in.parent && (rc = answered(a, &ar, &in, &parent, err)) < 0) ||
	    (rc = resolve_target(a, &ar, &in, &c, &o, err)) < 0 || (rc = app_writable(&o, err)) < 0)
		goto out;
	if (in.parent && parent.objective != c.objective) {
		rc = okra_err_set(err, OKRA_EINVAL, "parent",
				  "comment %lld is on objective %lld, not on objective %lld",
				  (long long)in.parent, (long long)parent.objective,
				  (long long)c.objective);
		goto out;
	}
	c.parent = in.parent;
	c.author = a->actor.id;
	c.body = in.body;
	if ((rc = store_comment_add(a->db, &c, a->now, id, err)) < 0 ||
	    (rc = find_mentions(a, &ar, in.body, ids, &n, err)) < 0 ||
	    (rc = store_comment_mentions_set(a->db, *id, ids, n, err)) < 0 ||
	    (rc = app_comments_tell(a, &ar, *id, ids, n, parent.author, err)) < 0)
		goto out;
	rc = app_audit(a, "create", "comment", *id, NULL, comment_text(&c), err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/* The comment to change, and whether the actor may: its author (or an admin, to remove). */
static int
for_change(struct app *a, struct arena *ar, int64_t id, int removing, struct comment *c,
	   struct okra_err *err)
{
	struct objective_row o = {0};
	int rc;

	if ((rc = app_may_comment(a, err)) < 0 ||
	    (rc = store_comment_get(a->db, ar, id, c, err)) < 0)
		return rc;
	if (c->deleted_at)
		return okra_err_set(err, OKRA_ECONFLICT, "id", "comment %lld was removed",
				    (long long)id);
	if (c->author != a->actor.id && !(removing && a->actor.role == ROLE_ADMIN))
		return okra_err_set(err, OKRA_EFORBIDDEN, "",
				    removing ? "comment %lld is %s's: only its author or an admin "
					       "removes it"
					     : "comment %lld is %s's: only its author edits it",
				    (long long)id, c->author_handle);
	if ((rc = store_objective_get(a->db, ar, c->objective, &o, err)) < 0)
		return rc;
	return app_writable(&o, err);
}

int
app_comment_edit(struct app *a, int64_t id, const char *body, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct comment c = {0}, parent = {0};
	int64_t ids[COMMENT_MENTIONS_MAX];
	char *before = NULL;
	size_t n = 0;
	int rc;

	if ((rc = comment_check_body("body", body, err)) < 0)
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = for_change(a, &ar, id, 0, &c, err)) < 0)
		goto out;
	before = comment_text(&c);
	c.body = body;
	if ((rc = store_comment_edit(a->db, id, body, a->now, err)) < 0 ||
	    (rc = find_mentions(a, &ar, body, ids, &n, err)) < 0 ||
	    (rc = store_comment_mentions_set(a->db, id, ids, n, err)) < 0)
		goto out;
	/* Only who is newly named hears of it: a notice is given once per person and comment. */
	if (c.parent && (rc = store_comment_get(a->db, &ar, c.parent, &parent, err)) < 0)
		goto out;
	if ((rc = app_comments_tell(a, &ar, id, ids, n, parent.author, err)) < 0)
		goto out;
	rc = app_audit(a, "update", "comment", id, before, comment_text(&c), err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_comment_delete(struct app *a, int64_t id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct comment c = {0};
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = for_change(a, &ar, id, 1, &c, err)) < 0 ||
	    (rc = store_comment_delete(a->db, id, a->actor.id, a->now, err)) < 0)
		goto out;
	rc = app_audit(a, "delete", "comment", id, comment_text(&c), NULL, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_comment_get(struct app *a, struct arena *ar, int64_t id, struct comment_full *out,
		struct okra_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_comment_get(a->db, ar, id, &out->c, err)) < 0 ||
	    (rc = store_comment_mentions(a->db, ar, id, &out->mentions, &out->nmentions, err)) < 0)
		return rc;
	if (out->c.deleted_at) { /* its words are gone, the earlier ones too */
		out->nmentions = 0;
		return 0;
	}
	return store_comment_revisions(a->db, ar, id, &out->revisions, &out->nrevisions, err);
}

int
app_comments_list(struct app *a, struct arena *ar, int64_t objective, int64_t key_result,
		  int64_t checkin, struct comment **v, size_t *n, struct okra_err *err)
{
	struct comment_input in = {objective, key_result, checkin, 0, NULL};
	struct comment c = {0};
	struct objective_row o = {0};
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = resolve_target(a, ar, &in, &c, &o, err)) < 0)
		return rc;
	return store_comments_list(a->db, ar, c.objective, key_result ? c.key_result : 0, checkin,
				   v, n, err);
}

void
app_jw_comment(struct jw *w, const struct comment *c, const struct comment_full *full)
{
	jw_object(w);
	jw_kint(w, "id", c->id);
	jw_kint(w, "objective", c->objective);
	jw_kid_or_null(w, "key_result", c->key_result);
	jw_kid_or_null(w, "checkin", c->checkin);
	jw_kid_or_null(w, "parent", c->parent);
	jw_kstr(w, "author", c->author_handle);
	jw_kstr(w, "body", c->body);
	jw_key(w, "created_at");
	app_jw_instant(w, c->created_at);
	jw_key(w, "edited_at");
	if (c->edited_at)
		app_jw_instant(w, c->edited_at);
	else
		jw_null(w);
	jw_kbool(w, "removed", c->deleted_at != 0);
	jw_kstr_or_null(w, "removed_by", c->deleted_by);
	jw_kint(w, "version", c->version);
	jw_kint(w, "revisions", (int64_t)c->revisions);
	if (full) {
		jw_key(w, "mentions");
		jw_array(w);
		for (size_t i = 0; i < full->nmentions; i++)
			jw_str(w, full->mentions[i]);
		jw_end(w);
		jw_key(w, "history");
		jw_array(w);
		for (size_t i = 0; i < full->nrevisions; i++) {
			jw_object(w);
			jw_kstr(w, "body", full->revisions[i].body);
			jw_key(w, "at");
			app_jw_instant(w, full->revisions[i].at);
			jw_end(w);
		}
		jw_end(w);
	}
	jw_end(w);
}

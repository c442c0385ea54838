/* store_comments.c: the conversation's rows: comments and their revisions, mentions, notices and
 * their sends (the outbox the notify layer empties). */
#include "store/store_comments.h"

#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

#define COMMENT_COLS                                                                               \
	"m.id, m.objective, m.key_result, m.checkin, m.parent, m.author, a.handle, a.name,"        \
	" m.body, m.created_at, m.edited_at, m.deleted_at, d.handle, m.version,"                   \
	" (SELECT count(*) FROM comment_revisions r WHERE r.comment = m.id),"                      \
	" (SELECT x.at FROM checkins x WHERE x.id = m.checkin)"
#define COMMENT_FROM                                                                               \
	" FROM comments m JOIN people a ON a.id = m.author LEFT JOIN people d ON d.id = "          \
	"m.deleted_by"

static const char sql_add[] =
	"INSERT INTO comments (objective, key_result, checkin, parent, author, body, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
static const char sql_revision[] =
	"INSERT INTO comment_revisions (comment, body, at) VALUES ($1, $2, $3)";
static const char sql_get[] = "SELECT " COMMENT_COLS COMMENT_FROM " WHERE m.id = $1";
static const char sql_list[] = "SELECT " COMMENT_COLS COMMENT_FROM
			       " WHERE m.objective = $1 AND ($2 = 0 OR m.key_result = $2)"
			       " AND ($3 = 0 OR m.checkin = $3) ORDER BY m.id";
static const char sql_edit[] =
	"UPDATE comments SET body = $2, edited_at = $3,"
	" version = version + 1 WHERE id = $1 AND deleted_at IS NULL";
static const char sql_delete[] =
	"UPDATE comments SET deleted_at = $3, deleted_by = $2,"
	" version = version + 1 WHERE id = $1 AND deleted_at IS NULL";
static const char sql_revisions[] =
	"SELECT id, body, at FROM comment_revisions WHERE comment = $1 ORDER BY id";
static const char sql_mentions_clear[] = "DELETE FROM comment_mentions WHERE comment = $1";
static const char sql_mention_add[] =
	"INSERT INTO comment_mentions (comment, person) VALUES ($1, $2) ON CONFLICT DO NOTHING";
static const char sql_mentions[] =
	"SELECT p.handle FROM comment_mentions x JOIN people p ON p.id = x.person"
	" WHERE x.comment = $1 ORDER BY p.handle";
static const char sql_notice_add[] =
	"INSERT INTO comment_notices (person, comment, reason, at) VALUES ($1, $2, $3, $4)"
	" ON CONFLICT (person, comment) DO NOTHING RETURNING id";
static const char sql_send_add[] =
	"INSERT INTO comment_sends (notice, channel, attempts, retry_at) VALUES ($1, $2, 0, 1)";
#define NOTICE_COLS                                                                                \
	"n.id, n.comment, c.objective, n.reason, n.at, a.handle, o.title,"                         \
	" CASE WHEN c.deleted_at IS NULL THEN c.body ELSE '' END"
#define NOTICE_FROM                                                                                \
	" FROM comment_notices n JOIN comments c ON c.id = n.comment"                              \
	" JOIN people a ON a.id = c.author JOIN objectives o ON o.id = c.objective"
static const char sql_notices[] =
	"SELECT " NOTICE_COLS NOTICE_FROM " WHERE n.person = $1 ORDER BY n.id DESC LIMIT $2";
static const char sql_seen_get[] = "SELECT seen FROM notice_marks WHERE person = $1";
static const char sql_seen_set[] =
	"INSERT INTO notice_marks (person, seen) VALUES ($1, $2) ON CONFLICT (person)"
	" DO UPDATE SET seen = excluded.seen WHERE notice_marks.seen < excluded.seen";
static const char sql_sends_due[] =
	"SELECT s.id, s.attempts, s.channel, n.person, p.handle, p.email, "
	"p.deactivated_at, " NOTICE_COLS
	" FROM comment_sends s JOIN comment_notices n ON n.id = s.notice"
	" JOIN people p ON p.id = n.person JOIN comments c ON c.id = n.comment"
	" JOIN people a ON a.id = c.author JOIN objectives o ON o.id = c.objective"
	" WHERE s.sent_at IS NULL AND s.retry_at IS NOT NULL AND s.retry_at <= $1"
	" ORDER BY s.retry_at, s.id LIMIT 100";
static const char sql_send_take[] =
	"UPDATE comment_sends SET attempts = attempts + 1, retry_at = $3"
	" WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND retry_at IS NOT NULL";
static const char sql_send_sent[] =
	"UPDATE comment_sends SET sent_at = $2, retry_at = NULL, error = NULL WHERE id = $1";
static const char sql_send_failed[] =
	"UPDATE comment_sends SET error = $2, retry_at = $3 WHERE id = $1";

static void
comment_row(struct arena *ar, struct db_stmt *st, struct comment *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->objective = db_col_int(st, 1);
	c->key_result = db_col_int(st, 2);
	c->checkin = db_col_int(st, 3);
	c->parent = db_col_int(st, 4);
	c->author = db_col_int(st, 5);
	c->author_handle = sq_adup0(ar, st, 6);
	c->author_name = sq_adup0(ar, st, 7);
	c->created_at = db_col_int(st, 9);
	c->edited_at = db_col_int(st, 10);
	c->deleted_at = db_col_int(st, 11);
	/* A removed comment's words are gone from every interface: none is given them. */
	c->body = c->deleted_at ? "" : sq_adup0(ar, st, 8);
	c->deleted_by = sq_adup(ar, st, 12);
	c->version = db_col_int(st, 13);
	c->revisions = (size_t)db_col_int(st, 14);
	c->checkin_at = db_col_int(st, 15);
}

static void
notice_row(struct arena *ar, struct db_stmt *st, int col, struct comment_notice *n)
{
	memset(n, 0, sizeof(*n));
	n->id = db_col_int(st, col);
	n->comment = db_col_int(st, col + 1);
	n->objective = db_col_int(st, col + 2);
	n->reason = sq_adup0(ar, st, col + 3);
	n->at = db_col_int(st, col + 4);
	n->author_handle = sq_adup0(ar, st, col + 5);
	n->objective_title = sq_adup0(ar, st, col + 6);
	n->body = sq_adup0(ar, st, col + 7);
}

static int
add_revision(struct db *db, int64_t id, const char *body, int64_t now, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_revision, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, body);
	db_bind_int(st, 3, now);
	return sq_done(st, err);
}

int
store_comment_add(struct db *db, const struct comment *c, int64_t now, int64_t *id,
		  struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, c->objective);
	sq_bind_ref(st, 2, c->key_result);
	sq_bind_ref(st, 3, c->checkin);
	sq_bind_ref(st, 4, c->parent);
	db_bind_int(st, 5, c->author);
	db_bind_text(st, 6, c->body);
	db_bind_int(st, 7, now);
	if ((rc = sq_insert(st, id, err)) < 0)
		return rc;
	return add_revision(db, *id, c->body, now, err);
}

int
store_comment_get(struct db *db, struct arena *ar, int64_t id, struct comment *out,
		  struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	if ((rc = db_step(st, err)) == DB_ROW)
		comment_row(ar, st, out);
	db_finalize(st);
	if (rc == DB_DONE)
		return okra_err_set(err, OKRA_ENOTFOUND, "id", "no comment %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

int
store_comments_list(struct db *db, struct arena *ar, int64_t objective, int64_t key_result,
		    int64_t checkin, struct comment **v, size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_list, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, objective);
	db_bind_int(st, 2, key_result);
	db_bind_int(st, 3, checkin);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		comment_row(ar, st, &(*v)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_comment_edit(struct db *db, int64_t id, const char *body, int64_t now, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_edit, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, body);
	db_bind_int(st, 3, now);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	if (db_changes(db) != 1)
		return okra_err_set(err, OKRA_ECONFLICT, "id",
				    "comment %lld was removed: it cannot be edited", (long long)id);
	return add_revision(db, id, body, now, err);
}

int
store_comment_delete(struct db *db, int64_t id, int64_t by, int64_t now, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_delete, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, by);
	db_bind_int(st, 3, now);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	if (db_changes(db) != 1)
		return okra_err_set(err, OKRA_ECONFLICT, "id", "comment %lld was removed already",
				    (long long)id);
	return 0;
}

int
store_comment_revisions(struct db *db, struct arena *ar, int64_t id, struct comment_revision **v,
			size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_revisions, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct comment_revision *r;

		ARENA_GROW(ar, *v, *n + 1, alloc);
		r = &(*v)[(*n)++];
		r->id = db_col_int(st, 0);
		r->body = sq_adup0(ar, st, 1);
		r->at = db_col_int(st, 2);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_comment_mentions_set(struct db *db, int64_t id, const int64_t *people, size_t n,
			   struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_mentions_clear, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if ((rc = db_prepare(db, sql_mention_add, &st, err)) < 0)
			return rc;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, people[i]);
		if ((rc = sq_done(st, err)) < 0)
			return rc;
	}
	return 0;
}

int
store_comment_mentions(struct db *db, struct arena *ar, int64_t id, const char ***v, size_t *n,
		       struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_mentions, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		(*v)[(*n)++] = sq_adup0(ar, st, 0);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_notice_add(struct db *db, int64_t person, int64_t comment, const char *reason, int64_t at,
		 const char *const *channels, size_t nch, int *added, struct okra_err *err)
{
	struct db_stmt *st;
	int64_t id = 0;
	int rc;

	*added = 0;
	if ((rc = db_prepare(db, sql_notice_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_int(st, 2, comment);
	db_bind_text(st, 3, reason);
	db_bind_int(st, 4, at);
	if ((rc = db_step(st, err)) == DB_ROW)
		id = db_col_int(st, 0);
	db_finalize(st);
	if (rc < 0 || !id)
		return rc < 0 ? rc : 0;
	*added = 1;
	for (size_t i = 0; i < nch; i++) {
		if ((rc = db_prepare(db, sql_send_add, &st, err)) < 0)
			return rc;
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, channels[i]);
		if ((rc = sq_done(st, err)) < 0)
			return rc;
	}
	return 0;
}

int
store_notices(struct db *db, struct arena *ar, int64_t person, size_t limit,
	      struct comment_notice **v, size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_notices, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_int(st, 2, (int64_t)limit);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		notice_row(ar, st, 0, &(*v)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_notice_seen_get(struct db *db, int64_t person, int64_t *seen, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_seen_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	return sq_int(st, seen, err);
}

int
store_notice_seen_set(struct db *db, int64_t person, int64_t seen, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_seen_set, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_int(st, 2, seen);
	return sq_done(st, err);
}

int
store_comment_sends_due(struct db *db, struct arena *ar, int64_t now_ms,
			struct store_comment_send **v, size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_sends_due, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, now_ms);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct store_comment_send *s;

		ARENA_GROW(ar, *v, *n + 1, alloc);
		s = &(*v)[(*n)++];
		s->id = db_col_int(st, 0);
		s->attempts = db_col_int(st, 1);
		s->channel = sq_adup0(ar, st, 2);
		s->person = db_col_int(st, 3);
		s->handle = sq_adup0(ar, st, 4);
		s->email = sq_adup(ar, st, 5);
		s->active = db_col_int(st, 6) == 0;
		notice_row(ar, st, 7, &s->notice);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_comment_send_take(struct db *db, int64_t id, int64_t seen, int64_t retry_at, int *taken,
			struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*taken = 0;
	if ((rc = db_prepare(db, sql_send_take, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, seen);
	sq_bind_ref(st, 3, retry_at);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	*taken = db_changes(db) == 1;
	return 0;
}

int
store_comment_send_done(struct db *db, int64_t id, int64_t at, const char *error, int64_t retry_at,
			struct okra_err *err)
{
	struct db_stmt *st;
	char kept[301];
	int rc;

	if ((rc = db_prepare(db, error ? sql_send_failed : sql_send_sent, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	if (error) {
		snprintf(kept, sizeof(kept), "%s", error);
		db_bind_text(st, 2, kept);
		sq_bind_ref(st, 3, retry_at);
	} else {
		db_bind_int(st, 2, at);
	}
	return sq_done(st, err);
}

/* store_copy.c: every table a restore needs, column by column, read and written generically
 * (export, import, backup). */
#include "store/store.h"

#include <stdlib.h>

#include "store/store_int.h"
#include "util/xalloc.h"

/*
 * The whitelist: table and column names come from here only, never from
 * input, and every statement is static text. The tables are in the order an
 * import inserts them (foreign keys point backwards); sessions, failed
 * sign-ins, idempotency keys, unfinished single sign-ins and setup links are left out on purpose
 * (docs/decisions.md, "Export, import and backup"). Columns are in the schema's order;
 * tests/unit/test_store_copy.c proves this list matches the migrated schema, so a migration that
 * adds a table or a column fails until it is added here.
 */
#define I STORE_COL_INT
#define R STORE_COL_REAL
#define T STORE_COL_TEXT
#define S STORE_COL_INSTANT
#define NCOLS(c) (sizeof(c) / sizeof((c)[0]))

static const struct store_col c_settings[] = {{"name", T}, {"value", T}, {"set_at", S}};
static const struct store_col c_people[] = {{"id", I},      {"handle", T},  {"name", T},
					    {"email", T},   {"role", T},    {"joined_on", T},
					    {"pw_hash", T}, {"version", I}, {"deactivated_at", S}};
static const struct store_col c_teams[] = {{"id", I}, {"slug", T}, {"name", T}, {"version", I}};
static const struct store_col c_memberships[] = {{"person", I}, {"team", I}};
static const struct store_col c_cycles[] = {{"id", I},        {"kind", T},    {"name", T},
					    {"starts_on", T}, {"ends_on", T}, {"parent", I}};
static const struct store_col c_objectives[] = {
	{"id", I},         {"cycle", I},     {"team", I},        {"parent", I},
	{"title", T},      {"context", T},   {"sections", T},    {"dri", I},
	{"health", T},     {"state", T},     {"weight", R},      {"version", I},
	{"created_at", S}, {"closed_at", S}, {"final_score", R}, {"final_reason", T}};
static const struct store_col c_key_results[] = {
	{"id", I},     {"objective", I}, {"title", T},   {"context", T},    {"dri", I},
	{"kind", T},   {"unit", T},      {"start", R},   {"target", R},     {"current_value", R},
	{"health", T}, {"weight", R},    {"version", I}, {"created_at", S}, {"position", I}};
static const struct store_col c_criteria[] = {{"id", I},      {"key_result", I},   {"ref", T},
					      {"title", T},   {"contribution", R}, {"state", T},
					      {"progress", R}};
static const struct store_col c_initiatives[] = {
	{"id", I}, {"key_result", I}, {"title", T}, {"ref", T}, {"state", T}};
static const struct store_col c_links[] = {
	{"id", I}, {"objective", I}, {"ref", T}, {"title", T}, {"state", T}};
static const struct store_col c_checkins[] = {
	{"id", I},       {"key_result", I}, {"author", I}, {"at", S},     {"value", R},
	{"progress", R}, {"health", T},     {"note", T},   {"source", T}, {"on_behalf_of", I}};
static const struct store_col c_status_updates[] = {
	{"id", I}, {"objective", I}, {"author", I}, {"at", S}, {"health", T}, {"on_behalf_of", I}};
static const struct store_col c_status_lines[] = {{"update_id", I}, {"key_result", I}, {"line", T}};
static const struct store_col c_retros[] = {
	{"objective", I}, {"good", T}, {"bad", T}, {"try", T}, {"final_at", S}};
static const struct store_col c_audit[] = {{"id", I},          {"at", S},        {"actor", I},
					   {"action", T},      {"entity", T},    {"entity_id", I},
					   {"before_json", T}, {"after_json", T}};
static const struct store_col c_notifications[] = {{"id", I},       {"person", I},   {"week", T},
						   {"channel", T},  {"at", S},       {"sent_at", S},
						   {"attempts", I}, {"retry_at", I}, {"error", T}};
static const struct store_col c_comments[] = {
	{"id", I},        {"objective", I},  {"key_result", I}, {"checkin", I},
	{"parent", I},    {"author", I},     {"body", T},       {"created_at", S},
	{"edited_at", S}, {"deleted_at", S}, {"deleted_by", I}, {"version", I}};
static const struct store_col c_comment_revisions[] = {
	{"id", I}, {"comment", I}, {"body", T}, {"at", S}};
static const struct store_col c_comment_mentions[] = {{"comment", I}, {"person", I}};
static const struct store_col c_comment_notices[] = {
	{"id", I}, {"person", I}, {"comment", I}, {"reason", T}, {"at", S}};
static const struct store_col c_comment_sends[] = {{"id", I},      {"notice", I},   {"channel", T},
						   {"sent_at", S}, {"attempts", I}, {"retry_at", I},
						   {"error", T}};
static const struct store_col c_notice_marks[] = {{"person", I}, {"seen", I}};
static const struct store_col c_deliveries[] = {{"id", T}, {"source", T}, {"at", S}};
static const struct store_col c_forge_items[] = {
	{"ref", T}, {"forge", T}, {"host", T}, {"event_at", S}, {"project", T}};
static const struct store_col c_kr_sources[] = {
	{"key_result", I}, {"kind", T},    {"url", T},        {"query", T}, {"every_s", I},
	{"next_at", I},    {"read_at", S}, {"read_value", R}, {"error", T}, {"error_at", S},
	{"error_told", I}, {"set_by", I},  {"set_at", S}};
static const struct store_col c_oidc_links[] = {{"sub", T}, {"person", I}, {"linked_at", S}};
static const struct store_col c_api_tokens[] = {
	{"id", I},         {"person", I},     {"name", T},        {"token_hash", T},
	{"created_at", S}, {"revoked_at", S}, {"last_used_at", S}};

#define TABLE(n, order, ph, selfref, fixup)                                                        \
	{                                                                                          \
#n, c_##n, NCOLS(c_##n), selfref, "SELECT * FROM " #n " ORDER BY " order,          \
			"INSERT INTO " #n " VALUES (" ph ")", "SELECT count(*) FROM " #n, fixup    \
	}

const struct store_table store_copy_tables[] = {
	TABLE(settings, "name", "$1, $2, $3", -1, NULL),
	TABLE(people, "id", "$1, $2, $3, $4, $5, $6, $7, $8, $9", -1, NULL),
	TABLE(teams, "id", "$1, $2, $3, $4", -1, NULL),
	TABLE(memberships, "person, team", "$1, $2", -1, NULL),
	/* A parent may have a larger id than its child (an edit can re-parent): the
	   self-references are set once every row of the table is in. */
	TABLE(cycles, "id", "$1, $2, $3, $4, $5, $6", 5,
	      "UPDATE cycles SET parent = $2 WHERE id = $1"),
	TABLE(objectives, "id",
	      "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16", 3,
	      "UPDATE objectives SET parent = $2 WHERE id = $1"),
	TABLE(key_results, "id", "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15",
	      -1, NULL),
	TABLE(criteria, "id", "$1, $2, $3, $4, $5, $6, $7", -1, NULL),
	TABLE(initiatives, "id", "$1, $2, $3, $4, $5", -1, NULL),
	TABLE(links, "id", "$1, $2, $3, $4, $5", -1, NULL),
	TABLE(checkins, "id", "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10", -1, NULL),
	TABLE(status_updates, "id", "$1, $2, $3, $4, $5, $6", -1, NULL),
	TABLE(status_lines, "update_id, key_result", "$1, $2, $3", -1, NULL),
	TABLE(retros, "objective", "$1, $2, $3, $4, $5", -1, NULL),
	TABLE(audit, "id", "$1, $2, $3, $4, $5, $6, $7, $8", -1, NULL),
	TABLE(notifications, "id", "$1, $2, $3, $4, $5, $6, $7, $8, $9", -1, NULL),
	TABLE(deliveries, "id", "$1, $2, $3", -1, NULL),
	TABLE(forge_items, "ref", "$1, $2, $3, $4, $5", -1, NULL),
	TABLE(api_tokens, "id", "$1, $2, $3, $4, $5, $6, $7", -1, NULL),
	TABLE(oidc_links, "sub", "$1, $2, $3", -1, NULL),
	/* A reply is written after what it answers: its parent's id is always smaller. */
	TABLE(comments, "id", "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12", -1, NULL),
	TABLE(comment_revisions, "id", "$1, $2, $3, $4", -1, NULL),
	TABLE(comment_mentions, "comment, person", "$1, $2", -1, NULL),
	TABLE(comment_notices, "id", "$1, $2, $3, $4, $5", -1, NULL),
	TABLE(comment_sends, "id", "$1, $2, $3, $4, $5, $6, $7", -1, NULL),
	TABLE(notice_marks, "person", "$1, $2", -1, NULL),
	TABLE(kr_sources, "key_result", "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13",
	      -1, NULL),
};
const size_t store_copy_ntables = NCOLS(store_copy_tables);

/* The CSV views (app/export_csv.c): names instead of ids where a person reads them. */
static const struct store_col v_objectives[] = {
	{"id", I},          {"cycle", T},        {"team", T},       {"parent", I},
	{"title", T},       {"dri", T},          {"health", T},     {"state", T},
	{"weight", R},      {"version", I},      {"created_at", S}, {"closed_at", S},
	{"final_score", R}, {"final_reason", T}, {"context", T}};
static const struct store_col v_key_results[] = {
	{"id", I},     {"objective", I}, {"title", T},      {"dri", T},     {"kind", T},
	{"unit", T},   {"start", R},     {"target", R},     {"current", R}, {"health", T},
	{"weight", R}, {"version", I},   {"created_at", S}, {"context", T}};
static const struct store_col v_checkins[] = {{"id", I},     {"key_result", I}, {"author", T},
					      {"at", S},     {"value", R},      {"progress", R},
					      {"health", T}, {"note", T},       {"source", T}};

static const struct store_table store_copy_views[] = {
	{"objectives", v_objectives, NCOLS(v_objectives), -1,
	 "SELECT o.id, c.name, t.slug, o.parent, o.title, p.handle, o.health, o.state, o.weight,"
	 " o.version, o.created_at, o.closed_at, o.final_score, o.final_reason, o.context"
	 " FROM objectives o JOIN cycles c ON c.id = o.cycle LEFT JOIN teams t ON t.id = o.team"
	 " JOIN people p ON p.id = o.dri ORDER BY o.id",
	 NULL, NULL, NULL},
	{"key_results", v_key_results, NCOLS(v_key_results), -1,
	 "SELECT k.id, k.objective, k.title, p.handle, k.kind, k.unit, k.start, k.target,"
	 " k.current_value, k.health, k.weight, k.version, k.created_at, k.context"
	 " FROM key_results k JOIN people p ON p.id = k.dri ORDER BY k.id",
	 NULL, NULL, NULL},
	{"checkins", v_checkins, NCOLS(v_checkins), -1,
	 "SELECT x.id, x.key_result, p.handle, x.at, x.value, x.progress, x.health, x.note,"
	 " x.source FROM checkins x LEFT JOIN people p ON p.id = x.author ORDER BY x.id",
	 NULL, NULL, NULL},
};

#undef I
#undef R
#undef T
#undef S

static int
streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

const struct store_table *
store_copy_table(const char *name)
{
	for (size_t i = 0; i < store_copy_ntables; i++)
		if (streq(store_copy_tables[i].name, name))
			return &store_copy_tables[i];
	return NULL;
}

const struct store_table *
store_copy_view(const char *name)
{
	for (size_t i = 0; i < NCOLS(store_copy_views); i++)
		if (streq(store_copy_views[i].name, name))
			return &store_copy_views[i];
	return NULL;
}

int
store_copy_read(struct db *db, const struct store_table *t, store_row_fn fn, void *ctx,
		struct okra_err *err)
{
	struct store_value *v = xcalloc(t->ncols, sizeof(*v));
	struct db_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(db, t->select_sql, &st, err)) < 0)
		goto out;
	while ((rc = db_step(st, err)) == DB_ROW) {
		for (size_t i = 0; i < t->ncols; i++) {
			int col = (int)i;

			v[i].null = db_col_is_null(st, col);
			v[i].i = 0;
			v[i].d = 0;
			v[i].s = NULL;
			if (v[i].null)
				continue;
			if (t->cols[i].type == STORE_COL_REAL)
				v[i].d = db_col_double(st, col);
			else if (t->cols[i].type == STORE_COL_TEXT)
				v[i].s = db_col_text(st, col);
			else
				v[i].i = db_col_int(st, col);
		}
		if ((rc = fn(ctx, v, err)) < 0)
			goto out;
	}
out:
	db_finalize(st);
	free(v);
	return rc < 0 ? rc : 0;
}

int
store_copy_count(struct db *db, const struct store_table *t, int64_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*n = 0;
	if (!t->count_sql)
		return okra_err_set(err, OKRA_EINVAL, "", "%s is a view, not a table", t->name);
	if ((rc = db_prepare(db, t->count_sql, &st, err)) < 0)
		return rc;
	return sq_int(st, n, err);
}

struct store_copy {
	struct db *db;
	const struct store_table *t;
	struct db_stmt *st;
	int64_t *fix; /* pairs (id, parent) of the self-references to set at the end */
	size_t nfix, afix;
};

int
store_copy_open(struct db *db, const struct store_table *t, struct store_copy **out,
		struct okra_err *err)
{
	struct store_copy *c;
	int rc;

	*out = NULL;
	if (!t->insert_sql)
		return okra_err_set(err, OKRA_EINVAL, "", "%s is a view, not a table", t->name);
	c = xcalloc(1, sizeof(*c));
	c->db = db;
	c->t = t;
	if ((rc = db_prepare(db, t->insert_sql, &c->st, err)) < 0) {
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int
store_copy_put(struct store_copy *c, const struct store_value *v, struct okra_err *err)
{
	const struct store_table *t = c->t;
	int rc = 0;

	for (size_t i = 0; i < t->ncols && rc == 0; i++) {
		int idx = (int)i + 1;

		if ((int)i == t->selfref && !v[i].null) {
			if (c->nfix + 2 > c->afix) {
				c->afix = c->afix ? 2 * c->afix : 32;
				c->fix = xrealloc(c->fix, c->afix * sizeof(*c->fix));
			}
			c->fix[c->nfix++] = v[0].i;
			c->fix[c->nfix++] = v[i].i;
			rc = db_bind_null(c->st, idx);
		} else if (v[i].null) {
			rc = db_bind_null(c->st, idx);
		} else if (t->cols[i].type == STORE_COL_REAL) {
			rc = db_bind_double(c->st, idx, v[i].d);
		} else if (t->cols[i].type == STORE_COL_TEXT) {
			rc = db_bind_text(c->st, idx, v[i].s);
		} else {
			rc = db_bind_int(c->st, idx, v[i].i);
		}
	}
	if (rc < 0) {
		rc = okra_err_set(err, OKRA_EDB, "", "%s: cannot bind a value", t->name);
		goto out;
	}
	if ((rc = db_step(c->st, err)) == DB_ROW)
		rc = okra_err_set(err, OKRA_EDB, "", "%s: an insert returned a row", t->name);
out:
	db_reset(c->st);
	return rc < 0 ? rc : 0;
}

int
store_copy_close(struct store_copy *c, int rc, struct okra_err *err)
{
	struct db_stmt *st = NULL;

	if (!c)
		return rc;
	if (rc == 0 && c->nfix && (rc = db_prepare(c->db, c->t->fixup_sql, &st, err)) == 0) {
		for (size_t i = 0; i < c->nfix && rc == 0; i += 2) {
			db_bind_int(st, 1, c->fix[i]);
			db_bind_int(st, 2, c->fix[i + 1]);
			if ((rc = db_step(st, err)) > 0)
				rc = 0;
			db_reset(st);
		}
	}
	db_finalize(st);
	/* Rows came in with their ids: the engine's next id must follow them. */
	if (rc == 0 && c->t->cols[0].type == STORE_COL_INT && streq(c->t->cols[0].name, "id"))
		rc = db_sync_ids(c->db, c->t->name, err);
	db_finalize(c->st);
	free(c->fix);
	free(c);
	return rc < 0 ? rc : 0;
}

int
store_backup(struct db *db, const char *path, int overwrite, struct okra_err *err)
{
	return db_backup(db, path, overwrite, err);
}

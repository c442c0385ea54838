/* export_json.c: the whole database as one versioned JSON document, and its import into an empty
 * database. */
#include "app/app_int.h"
#include "app/settings.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "store/migrate.h"
#include "store/store.h"
#include "util/xalloc.h"
#include "app/transfer.h"

#define EXPORT_FORMAT 1
/* One space a level; 17 significant digits: every double comes back bit for bit. */
#define EXPORT_INDENT 1
#define EXPORT_PRECISION 17

struct rows_ctx {
	const struct store_table *t;
	struct jw *w;
	size_t nrows;
};

/*
 * A setting the registry never shows in full — a webhook secret, a chat
 * webhook or SMTP URL that may carry credentials — is left out of the export:
 * a copy of the file must not be a copy of the keys. An admin sets them
 * again after an import (docs/decisions.md, "Export, import and backup").
 */
static int
is_secret_setting(const struct store_table *t, const struct store_value *v)
{
	const struct setting_def *d;

	if (strcmp(t->name, "settings") != 0)
		return 0;
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].name, "name") && !v[i].null)
			return (d = setting_find(v[i].s)) && d->secrecy != SETTING_SHOWN;
	return 0;
}

static int
row_to_json(void *ctx, const struct store_value *v, struct okra_err *err)
{
	struct rows_ctx *c = ctx;

	if (is_secret_setting(c->t, v))
		return 0;
	c->nrows++;
	for (size_t i = 0; i < c->t->ncols; i++) {
		const struct store_col *col = &c->t->cols[i];

		if (!v[i].null && (col->type == STORE_COL_REAL   ? !isfinite(v[i].d)
				   : col->type == STORE_COL_TEXT ? !jw_utf8_valid(v[i].s)
								 : 0))
			return okra_err_set(
				err, OKRA_EINVAL, col->name,
				"%s row %zu: column %s is not valid UTF-8 or not a finite "
				"number, so it cannot be exported",
				c->t->name, c->nrows, col->name);
	}
	jw_object(c->w);
	for (size_t i = 0; i < c->t->ncols; i++) {
		const struct store_col *col = &c->t->cols[i];

		jw_key(c->w, col->name);
		if (v[i].null)
			jw_null(c->w);
		else if (col->type == STORE_COL_REAL)
			jw_real(c->w, v[i].d);
		else if (col->type == STORE_COL_TEXT)
			jw_str(c->w, v[i].s);
		else
			jw_int(c->w, v[i].i);
	}
	jw_end(c->w);
	return 0;
}

/* A consistent snapshot for the reads of one export (nothing to do inside a use case). */
static int
read_begin(struct app *a, struct okra_err *err)
{
	return a->tx_depth ? 0 : db_begin(a->db, 0, err);
}

static void
read_end(struct app *a)
{
	if (!a->tx_depth)
		db_rollback(a->db);
}

int
app_export_json(struct app *a, struct buf *out, struct okra_err *err)
{
	struct buf doc = BUF_INIT;
	struct rows_ctx c = {0};
	struct jw w;
	int rc, version, reading = 0;

	jw_init(&w, &doc, EXPORT_INDENT);
	w.precision = EXPORT_PRECISION;
	c.w = &w;
	if ((rc = app_may_admin(a, "export the database (it holds password hashes)", err)) < 0)
		goto out;
	if ((rc = version = migrate_version(a->db, err)) < 0)
		goto out;
	if ((rc = read_begin(a, err)) < 0)
		goto out;
	reading = 1;
	jw_object(&w);
	jw_kint(&w, "okra_export", EXPORT_FORMAT);
	jw_kint(&w, "schema_version", version);
	jw_key(&w, "tables");
	jw_object(&w);
	for (size_t i = 0; i < store_copy_ntables && rc == 0; i++) {
		c.t = &store_copy_tables[i];
		c.nrows = 0;
		jw_key(&w, c.t->name);
		jw_array(&w);
		rc = store_copy_read(a->db, c.t, row_to_json, &c, err);
		jw_end(&w);
	}
	if (rc < 0)
		goto out;
	jw_end(&w);
	jw_end(&w);
	buf_add(out, doc.buf, doc.len);
	buf_addch(out, '\n');
	if (out->err || doc.err)
		rc = okra_err_set(err, OKRA_EIO, "", "the export is larger than its buffer allows");
out:
	if (reading)
		read_end(a);
	jw_release(&w);
	buf_release(&doc);
	return rc;
}

/* One JSON value into v for column col; a message naming table, row and column if it does not fit.
 */
static int
value_from_json(const struct store_table *t, size_t row, const struct store_col *col, json_t *x,
		struct store_value *v, struct okra_err *err)
{
	const char *want;

	memset(v, 0, sizeof(*v));
	if (json_is_null(x)) {
		v->null = 1;
		return 0;
	}
	switch (col->type) {
	case STORE_COL_REAL:
		want = "a number";
		if (!json_is_number(x))
			break;
		v->d = json_number_value(x);
		return 0;
	case STORE_COL_TEXT:
		want = "a string without NUL bytes";
		if (!json_is_string(x) || strlen(json_string_value(x)) != json_string_length(x))
			break;
		v->s = json_string_value(x);
		return 0;
	default:
		want = "an integer";
		if (!json_is_integer(x))
			break;
		v->i = json_integer_value(x);
		return 0;
	}
	return okra_err_set(err, OKRA_EINVAL, col->name,
			    "import: %s row %zu: %s must be %s or null", t->name, row, col->name,
			    want);
}

static int
import_table(struct app *a, const struct store_table *t, json_t *rows, struct okra_err *err)
{
	struct store_value *v = xcalloc(t->ncols, sizeof(*v));
	struct store_copy *c = NULL;
	struct okra_err inner = {0};
	size_t r, i;
	json_t *row, *x;
	int rc;

	if (!json_is_array(rows)) {
		rc = okra_err_set(err, OKRA_EINVAL, t->name, "import: tables.%s must be an array",
				  t->name);
		goto out;
	}
	if ((rc = store_copy_open(a->db, t, &c, err)) < 0)
		goto out;
	json_array_foreach(rows, r, row)
	{
		if (!json_is_object(row) || json_object_size(row) != t->ncols) {
			rc = okra_err_set(err, OKRA_EINVAL, t->name,
					  "import: %s row %zu must be an object with exactly its "
					  "%zu columns",
					  t->name, r + 1, t->ncols);
			break;
		}
		for (i = 0; i < t->ncols && rc == 0; i++) {
			if (!(x = json_object_get(row, t->cols[i].name)))
				rc = okra_err_set(err, OKRA_EINVAL, t->cols[i].name,
						  "import: %s row %zu has no column %s", t->name,
						  r + 1, t->cols[i].name);
			else
				rc = value_from_json(t, r + 1, &t->cols[i], x, &v[i], err);
		}
		if (rc < 0)
			break;
		if ((rc = store_copy_put(c, v, &inner)) < 0) {
			okra_err_set(err, rc, t->name, "import: %s row %zu: %s", t->name, r + 1,
				     inner.msg);
			break;
		}
	}
	if ((rc = store_copy_close(c, rc, &inner)) < 0 && !err->code)
		okra_err_set(err, rc, t->name, "import: %s: %s", t->name, inner.msg);
out:
	free(v);
	return rc;
}

/* The document's shape, before anything is written. */
static int
import_check(json_t *doc, int version, json_t **tables, struct okra_err *err)
{
	json_t *f = json_object_get(doc, "okra_export"),
	       *sv = json_object_get(doc, "schema_version");
	const char *key;
	json_t *x;

	if (!json_is_object(doc) || !json_is_integer(f))
		return okra_err_set(err, OKRA_EINVAL, "okra_export",
				    "import: not an okra export (no \"okra_export\" number)");
	if (json_integer_value(f) != EXPORT_FORMAT)
		return okra_err_set(
			err, OKRA_EINVAL, "okra_export",
			"import: export format %lld is not %d: use the okra that wrote it",
			(long long)json_integer_value(f), EXPORT_FORMAT);
	if (!json_is_integer(sv) || json_integer_value(sv) != version)
		return okra_err_set(
			err, OKRA_EINVAL, "schema_version",
			"import: the export is of schema version %lld but this database "
			"is at %d: import it with the okra version that wrote it",
			json_is_integer(sv) ? (long long)json_integer_value(sv) : -1LL, version);
	*tables = json_object_get(doc, "tables");
	if (!json_is_object(*tables) || json_object_size(doc) != 3)
		return okra_err_set(err, OKRA_EINVAL, "tables",
				    "import: the export must hold okra_export, schema_version and "
				    "tables, and nothing else");
	json_object_foreach(*tables, key, x)
	{
		if (!store_copy_table(key))
			return okra_err_set(err, OKRA_EINVAL, "tables",
					    "import: unknown table \"%.60s\"", key);
	}
	for (size_t i = 0; i < store_copy_ntables; i++)
		if (!json_object_get(*tables, store_copy_tables[i].name))
			return okra_err_set(err, OKRA_EINVAL, "tables",
					    "import: table %s is missing",
					    store_copy_tables[i].name);
	return 0;
}

int
app_import_json(struct app *a, const char *text, size_t len, struct okra_err *err)
{
	json_t *doc = NULL, *tables = NULL;
	json_error_t jerr;
	int64_t n;
	int rc, version;

	okra_err_clear(err);
	if ((rc = app_may_admin(a, "import a database", err)) < 0)
		goto out;
	if ((rc = version = migrate_version(a->db, err)) < 0)
		goto out;
	if (!(doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr))) {
		rc = okra_err_set(err, OKRA_EINVAL, "", "import: not valid JSON at line %d: %s",
				  jerr.line, jerr.text);
		goto out;
	}
	if ((rc = import_check(doc, version, &tables, err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		goto out;
	for (size_t i = 0; i < store_copy_ntables && rc == 0; i++) {
		if ((rc = store_copy_count(a->db, &store_copy_tables[i], &n, err)) == 0 && n)
			rc = okra_err_set(err, OKRA_ESTATE, "",
					  "import: the database is not empty (%s has %lld rows): "
					  "import only into a new database",
					  store_copy_tables[i].name, (long long)n);
	}
	for (size_t i = 0; i < store_copy_ntables && rc == 0; i++)
		rc = import_table(a, &store_copy_tables[i],
				  json_object_get(tables, store_copy_tables[i].name), err);
	if ((rc = app_tx_end(a, rc, err)) == 0)
		rc = app_refresh(a, err);
out:
	json_decref(doc);
	return rc;
}

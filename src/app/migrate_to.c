/* migrate_to.c: okra migrate --to URI — copy every table into an empty database on another engine,
 * verified. */
#include "app/app_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/migrate.h"
#include "store/store.h"
#include "util/uri.h"
#include "app/transfer.h"

/*
 * The rows of one table, hashed in one canonical form both engines give the
 * same bytes for: a type letter, then the value (integers in decimal, doubles
 * at 17 significant digits, text with its length), in column order.
 */
struct table_copy {
	const struct store_table *t;
	struct store_copy *put; /* NULL while only hashing */
	crypto_hash_sha256_state h;
	int64_t rows;
};

static void
hash_row(struct table_copy *c, const struct store_value *v)
{
	char num[40];

	for (size_t i = 0; i < c->t->ncols; i++) {
		const char *s = num;
		size_t len;

		if (v[i].null)
			snprintf(num, sizeof(num), "N;");
		else if (c->t->cols[i].type == STORE_COL_REAL)
			snprintf(num, sizeof(num), "R%.17g;", v[i].d);
		else if (c->t->cols[i].type == STORE_COL_TEXT)
			snprintf(num, sizeof(num), "T%zu:", strlen(v[i].s));
		else
			snprintf(num, sizeof(num), "I%lld;", (long long)v[i].i);
		crypto_hash_sha256_update(&c->h, (const unsigned char *)s, strlen(s));
		if (!v[i].null && c->t->cols[i].type == STORE_COL_TEXT) {
			len = strlen(v[i].s);
			crypto_hash_sha256_update(&c->h, (const unsigned char *)v[i].s, len);
		}
	}
	crypto_hash_sha256_update(&c->h, (const unsigned char *)"\n", 1);
}

static int
copy_row(void *ctx, const struct store_value *v, struct okra_err *err)
{
	struct table_copy *c = ctx;

	hash_row(c, v);
	c->rows++;
	return c->put ? store_copy_put(c->put, v, err) : 0;
}

static void
digest_hex(struct table_copy *c, char hex[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final(&c->h, d);
	sodium_bin2hex(hex, 65, d, sizeof(d));
}

/* The target must hold no okra data: no schema yet, or an empty one (okra init). */
static int
target_is_empty(struct db *db, const char *shown, struct okra_err *err)
{
	int64_t n;
	int rc;

	if (!migrate_is_initialised(db))
		return 0;
	if ((rc = migrate_version(db, err)) < 0)
		return rc;
	if (rc != migrate_latest())
		return okra_err_set(err, OKRA_ESTATE, "to",
				    "%s holds an okra schema of another version (%d, this okra "
				    "has %d): migrate only into a new database",
				    shown, rc, migrate_latest());
	for (size_t i = 0; i < store_copy_ntables; i++) {
		if ((rc = store_copy_count(db, &store_copy_tables[i], &n, err)) < 0)
			return rc;
		if (n)
			return okra_err_set(err, OKRA_ESTATE, "to",
					    "%s is not empty (%s has %lld rows): migrate only into "
					    "a new database",
					    shown, store_copy_tables[i].name, (long long)n);
	}
	return 0;
}

/* Copy every table from src to dst inside dst's open write transaction, then read it back. */
static int
copy_all(struct db *src, struct db *dst, struct app_migrated *out, struct okra_err *err)
{
	int rc = 0;

	for (size_t i = 0; i < store_copy_ntables && rc == 0; i++) {
		struct table_copy from = {.t = &store_copy_tables[i]};
		struct table_copy back = {.t = &store_copy_tables[i]};
		struct app_migrated *m = &out[i];
		char check[65];
		int64_t n;

		crypto_hash_sha256_init(&from.h);
		crypto_hash_sha256_init(&back.h);
		if ((rc = store_copy_open(dst, from.t, &from.put, err)) < 0)
			break;
		rc = store_copy_read(src, from.t, copy_row, &from, err);
		if ((rc = store_copy_close(from.put, rc, err)) < 0)
			break;
		/* Verify what the target now holds: its count and its own rows' checksum. */
		if ((rc = store_copy_count(dst, from.t, &n, err)) < 0 ||
		    (rc = store_copy_read(dst, from.t, copy_row, &back, err)) < 0)
			break;
		m->table = from.t->name;
		m->rows = from.rows;
		digest_hex(&from, m->sha256);
		digest_hex(&back, check);
		if (n != from.rows || back.rows != from.rows || strcmp(check, m->sha256))
			rc = okra_err_set(err, OKRA_EDB, "to",
					  "%s: the copy does not match (%lld rows read, %lld "
					  "written, checksums %.12s and %.12s): nothing was kept",
					  m->table, (long long)from.rows, (long long)n, m->sha256,
					  check);
	}
	return rc;
}

int
app_migrate_tables(void)
{
	return (int)store_copy_ntables;
}

int
app_migrate_to(struct app *a, const char *uri, struct app_migrated *out, struct okra_err *err)
{
	char shown[256];
	struct db *dst = NULL;
	int rc, reading = 0, writing = 0;

	okra_err_clear(err);
	if ((rc = app_may_admin(a, "copy the database (it holds password hashes)", err)) < 0)
		return rc;
	if (!uri || !*uri)
		return okra_err_set(err, OKRA_EUSAGE, "to", "give the target database with --to");
	uri_redact(uri, shown, sizeof(shown));
	if ((rc = db_open(&dst, uri, err)) < 0)
		return rc;
	/* Empty, then migrated, under the target's write lock so no one fills it meanwhile. */
	if ((rc = target_is_empty(dst, shown, err)) < 0 || (rc = migrate_up(dst, err)) < 0)
		goto out;
	if ((rc = db_begin(a->db, 0, err)) < 0)
		goto out;
	reading = 1;
	if ((rc = db_begin(dst, 1, err)) < 0)
		goto out;
	writing = 1;
	if ((rc = target_is_empty(dst, shown, err)) < 0 ||
	    (rc = copy_all(a->db, dst, out, err)) < 0)
		goto out;
	rc = db_commit(dst, err);
	writing = 0;
out:
	if (writing)
		db_rollback(dst);
	if (reading)
		db_rollback(a->db);
	db_close(dst);
	return rc;
}

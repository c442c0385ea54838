/* fixture.h: the unit tests' shared fixture: a temp dir with a fresh database, OK(), date(). */
#ifndef OKRA_TESTS_FIXTURE_H
#define OKRA_TESTS_FIXTURE_H

/*
 * Header-only, so a test links only its own layer's archives: nothing here
 * calls above the store layer (app helpers are in fixture_app.h). Include it
 * after <cmocka.h>. Not every test uses every helper.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/calendar.h"
#include "store/db.h"
#include "store/migrate.h"
#include "util/err.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"

/* Sizes of a fixture's dir and path buffers. */
enum { FIXTURE_DIR_SIZE = 64, FIXTURE_PATH_SIZE = 128 };

static struct okra_err E;

#define OK(call)                                                                                   \
	do {                                                                                       \
		int rc_;                                                                           \
		okra_err_clear(&E);                                                                \
		rc_ = (call);                                                                      \
		if (rc_ != 0)                                                                      \
			fail_msg("%s:%d: %s returned %d: %s", __FILE__, __LINE__, #call, rc_,      \
				 E.msg);                                                           \
	} while (0)

/*
 * The engine under test: SQLite files in the fixture's directory, or, when
 * OKRA_TEST_PG holds a server's base URI ("postgresql://user@host:port/",
 * tests/run sets it), a fresh PostgreSQL database per fixture database. The
 * names of those are listed in DIR/pg-databases so remove_tree drops them.
 */
static const char *
fixture_pg(void)
{
	const char *base = getenv("OKRA_TEST_PG");

	return base && *base ? base : NULL;
}

/* The names of the database's tables, one per row, by name (the catalogue differs per engine). */
#define FIXTURE_SQL_TABLES                                                                         \
	(fixture_pg() ? "SELECT table_name FROM information_schema.tables"                         \
			" WHERE table_schema = 'public' ORDER BY table_name"                       \
		      : "SELECT name FROM sqlite_master WHERE type = 'table'"                      \
			" AND name NOT LIKE 'sqlite_%' ORDER BY name")

/* A table's column names in their order; $1 is the table. */
#define FIXTURE_SQL_COLUMNS                                                                        \
	(fixture_pg()                                                                              \
		 ? "SELECT column_name FROM information_schema.columns"                            \
		   " WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position"  \
		 : "SELECT name FROM pragma_table_info($1) ORDER BY cid")

/* Run one statement on the server's maintenance database; 0 or -1. */
static int
fixture_pg_admin(const char *sql)
{
	char uri[256];
	struct db *db;
	struct okra_err err = {0};
	int rc;

	snprintf(uri, sizeof(uri), "%spostgres", fixture_pg());
	if (db_open(&db, uri, &err) != 0) {
		fprintf(stderr, "fixture: %s\n", err.msg);
		return -1;
	}
	rc = db_exec(db, sql, &err);
	if (rc)
		fprintf(stderr, "fixture: %s\n", err.msg);
	db_close(db);
	return rc ? -1 : 0;
}

static int
fixture_is_pg(void)
{
	return fixture_pg() != NULL;
}

/*
 * In out (n bytes): where the fixture's database called file lives: dir/file
 * for SQLite, or the URI of a new empty PostgreSQL database; 0, or -1.
 */
static int
fixture_db_path(char *out, size_t n, const char *dir, const char *file)
{
	static unsigned serial;
	char name[64], sql[128], list[FIXTURE_DIR_SIZE + 16];
	const char *tail = strrchr(dir, '-');
	FILE *fp;
	size_t i;

	if (!fixture_pg()) {
		snprintf(out, n, "%s/%s", dir, file);
		return 0;
	}
	/* The mkdtemp suffix makes the name unique among concurrent test binaries. */
	snprintf(name, sizeof(name), "okra_%s_%u_%u", tail ? tail + 1 : "x", (unsigned)getpid(),
		 ++serial);
	for (i = 0; name[i]; i++)
		if (name[i] >= 'A' && name[i] <= 'Z')
			name[i] = (char)(name[i] - 'A' + 'a');
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	if (fixture_pg_admin(sql))
		return -1;
	snprintf(list, sizeof(list), "%s/pg-databases", dir);
	fp = fopen(list, "a");
	if (fp) {
		fprintf(fp, "%s\n", name);
		fclose(fp);
	}
	snprintf(out, n, "%s%s", fixture_pg(), name);
	return 0;
}

/* Drop the PostgreSQL databases listed in dir/pg-databases. */
static void
fixture_drop_databases(const char *dir)
{
	char list[FIXTURE_DIR_SIZE + 16], name[64], sql[128];
	FILE *fp;

	snprintf(list, sizeof(list), "%s/pg-databases", dir);
	fp = fopen(list, "r");
	if (!fp)
		return;
	while (fgets(name, sizeof(name), fp)) {
		name[strcspn(name, "\n")] = '\0';
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
		fixture_pg_admin(sql);
	}
	fclose(fp);
}

/* Remove the temp directory and whatever SQLite left in it (-wal, -shm), or the PostgreSQL
 * databases. */
static void
remove_tree(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *d;

	fixture_drop_databases(dir);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int32_t
date(const char *s)
{
	int32_t d;

	if (cal_parse_date(s, &d) < 0)
		fail_msg("bad date in test: %s", s);
	return d;
}

/*
 * A fresh directory /tmp/okra-test-NAME-XXXXXX in dir (FIXTURE_DIR_SIZE) and
 * the fixture's database (dir/okra.db, or a new PostgreSQL database) in path
 * (FIXTURE_PATH_SIZE); 0, or -1 if they cannot be made.
 */
static int
fixture_mkdir(char *dir, char *path, const char *name)
{
	snprintf(dir, FIXTURE_DIR_SIZE, "/tmp/okra-test-%s-XXXXXX", name);
	if (!mkdtemp(dir))
		return -1;
	if (fixture_db_path(path, FIXTURE_PATH_SIZE, dir, "okra.db")) {
		remove_tree(dir);
		return -1;
	}
	return 0;
}

/*
 * fixture_mkdir, then the database at path opened into *db, and migrated to
 * the latest schema if migrate; 0, or -1 having said why and left nothing
 * behind.
 */
static int
fixture_db_open(struct db **db, char *dir, char *path, const char *name, int migrate)
{
	struct okra_err err = {0};

	if (fixture_mkdir(dir, path, name))
		return -1;
	if (db_open(db, path, &err) != 0) {
		fprintf(stderr, "db_open: %s\n", err.msg);
		remove_tree(dir);
		return -1;
	}
	if (migrate && migrate_up(*db, &err) != 0) {
		fprintf(stderr, "migrate_up: %s\n", err.msg);
		db_close(*db);
		*db = NULL;
		remove_tree(dir);
		return -1;
	}
	return 0;
}

/* Undo fixture_db_open. */
static void
fixture_db_close(struct db *db, const char *dir)
{
	db_close(db);
	remove_tree(dir);
}

#pragma GCC diagnostic pop

#endif

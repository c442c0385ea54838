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
			fail_msg("%s:%d: %s returned %d: %s", __FILE__, __LINE__, #call, rc_,     \
				 E.msg);                                                           \
	} while (0)

/* Remove the temp directory and whatever SQLite left in it (-wal, -shm). */
static void
remove_tree(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *d = opendir(dir);

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
 * dir/okra.db in path (FIXTURE_PATH_SIZE); 0, or -1 if it cannot be made.
 */
static int
fixture_mkdir(char *dir, char *path, const char *name)
{
	snprintf(dir, FIXTURE_DIR_SIZE, "/tmp/okra-test-%s-XXXXXX", name);
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, FIXTURE_PATH_SIZE, "%s/okra.db", dir);
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

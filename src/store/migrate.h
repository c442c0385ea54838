/* migrate.h: versioned schema migrations, applied in order from an empty database. */
#ifndef OKRA_MIGRATE_H
#define OKRA_MIGRATE_H

#include "store/db.h"

/*
 * Bring the schema to the latest version, each migration in its own
 * transaction, recording the version in schema_version. Idempotent.
 * Returns 0 or a negative code (err filled); a failed migration leaves the
 * database at the previous version.
 */
int migrate_up(struct db *db, struct okra_err *err);
/*
 * The same, stopping at version target (at most migrate_latest()): the tests
 * make a database as an earlier build left it, to upgrade it.
 */
int migrate_to(struct db *db, int target, struct okra_err *err);
/* The version the database is at (0 = empty), or a negative code. */
int migrate_version(struct db *db, struct okra_err *err);
/*
 * 1 if the database holds an okra schema (at any version), 0 if it holds
 * none (a new SQLite file, an empty PostgreSQL database). Creates nothing.
 */
int migrate_is_initialised(struct db *db);
/* The latest version this build knows. */
int migrate_latest(void);

#endif

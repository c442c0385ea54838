/* store_check.h: the database's integrity (engine checks) and okra's own invariants. */
#ifndef OKRA_STORE_CHECK_H
#define OKRA_STORE_CHECK_H

#include "store/db.h"

/* Called once per problem with one line a person can read. */
typedef void (*store_problem_fn)(void *arg, const char *line);

/*
 * quick = 1: SQLite's quick_check only (the start of okra serve); quick = 0:
 * integrity_check and foreign_key_check on SQLite, then, if the pages hold
 * together, okra's invariants on either engine: no KR's criteria contribute
 * more than 100, no objective is its own ancestor. Returns the number of
 * problems (0: sound) or a negative code when the checks could not run.
 */
int store_check(struct db *db, int quick, store_problem_fn say, void *arg, struct okra_err *err);

#endif

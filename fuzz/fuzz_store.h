/* fuzz_store.h: a real okra store for the harnesses that need one, each input undone by a rollback.
 */
#ifndef OKRA_FUZZ_STORE_H
#define OKRA_FUZZ_STORE_H

#include "app/app.h"
#include "app/app_int.h"
#include "app/transfer.h"

/*
 * An in-memory SQLite database, migrated like any other, optionally holding
 * the demo company, with alex (admin) acting. Each input runs inside an outer
 * transaction (app_tx_begin nests: the use cases' own begin/end do not
 * commit) that fuzz_store_undo rolls back, so every input meets the same store.
 */
static struct app fuzz_app;

static inline void
fuzz_store_open(int demo)
{
	struct okra_err err = {0};

	/* A fixed clock: the demo's dates are relative to it. */
	setenv("OKRA_NOW", "2026-11-23T09:00", 1);
	if (app_open(&fuzz_app, ":memory:", &err) < 0 || (demo && app_demo(&fuzz_app, &err) < 0) ||
	    (demo && app_act_as(&fuzz_app, "alex", &err) < 0)) {
		fprintf(stderr, "fuzz: cannot set up the store: %s\n", err.msg);
		exit(1);
	}
	if (!demo)
		app_act_as_system(&fuzz_app);
}

static inline void
fuzz_store_begin(void)
{
	struct okra_err err = {0};

	if (app_tx_begin(&fuzz_app, &err) < 0) {
		fprintf(stderr, "fuzz: cannot begin: %s\n", err.msg);
		exit(1);
	}
}

/* Roll back everything the input wrote: the outermost end with an error rolls back. */
static inline void
fuzz_store_undo(void)
{
	struct okra_err err = {0};

	app_tx_end(&fuzz_app, OKRA_EINVAL, &err);
}

#endif

/* db_int.h: what every engine shares behind db.h; private to src/store (curl's vtls_int.h). */
#ifndef OKRA_DB_INT_H
#define OKRA_DB_INT_H

#include "store/db.h"

/*
 * Every engine's statement struct starts with this prefix, so the db_*
 * wrappers can find the driver from a statement alone: a struct db_stmt *
 * converts to the engine's statement pointer because it is the first member.
 * Callers outside src/store see struct db_stmt only as an opaque type.
 */
struct db_stmt {
	struct db *db;
};

#endif

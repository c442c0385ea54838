/* schema.h: the migrations' SQL, in order (one text serves SQLite and PostgreSQL). */
#ifndef OKRA_SCHEMA_H
#define OKRA_SCHEMA_H

#include <stddef.h>

/* schema_migrations[i] takes the database from version i to i + 1. */
extern const char *const schema_migrations[];
extern const size_t schema_nmigrations;

#endif

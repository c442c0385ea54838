/* transfer.h: moving data in and out (export_*.c, import_md.c, backup.c, migrate_to.c, demo.c): the
 * JSON, CSV and Markdown exports and imports, the backup, the copy to another engine, the demo. */
#ifndef OKRA_APP_TRANSFER_H
#define OKRA_APP_TRANSFER_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

struct app;

/*
 * Export, import and backup (export_json.c, export_csv.c, backup.c; docs/decisions.md,
 * "Export, import and backup"). The JSON export is every table a restore needs
 * (password and API-token hashes included, sessions not) as
 * {"okra_export": 1, "schema_version": N, "tables": {...}}, rows in key order,
 * doubles exact; admins only. The import takes such a document into an empty
 * database (else OKRA_ESTATE) in one transaction, ids preserved, no audit row:
 * export, import, export gives the same bytes. The CSV export (RFC 4180, CRLF,
 * formula cells neutralised: util/csv.h) is of "objectives", "key_results" or
 * "checkins", open to every role. The backup copies the live database into the
 * file path, refusing an existing one unless overwrite (admins only).
 */
int app_export_json(struct app *a, struct buf *out, struct okra_err *err);
int app_export_csv(struct app *a, const char *what, struct buf *out, struct okra_err *err);
int app_import_json(struct app *a, const char *text, size_t len, struct okra_err *err);
int app_backup(struct app *a, const char *path, int overwrite, struct okra_err *err);

/*
 * Copy every table of the store into the empty database at uri (another
 * engine, typically SQLite into PostgreSQL), ids and hashes included, in one
 * transaction on the target; then read the target back and compare each
 * table's row count and SHA-256 over its rows (out[i] for store table i:
 * APP_MIGRATE_TABLES entries). A target holding okra data is refused
 * (OKRA_ESTATE) and left as it was; any mismatch keeps nothing. Admins only.
 */
struct app_migrated {
	const char *table;
	int64_t rows;
	char sha256[65];
};
int app_migrate_tables(void);
int app_migrate_to(struct app *a, const char *uri, struct app_migrated *out, struct okra_err *err);

/* The demo company of the seeds, into an empty database. */
int app_demo(struct app *a, struct okra_err *err);

/*
 * Markdown export and import (export_md.c, import_md.c; docs/markdown-format.md).
 * app_export_md: every objective of cycle (NULL = of every cycle) in the
 * handbook format with its okra blocks. app_import_md: parse text (cmark-gfm)
 * and create or update its objectives and KRs (matched by id) in ONE
 * transaction; an error's message starts "FILE:LINE: " and nothing is written.
 * Defaults (may be NULL) stand in for fields the file does not give.
 */
int app_export_md(struct app *a, const char *cycle, struct buf *out, struct okra_err *err);
/*
 * A loaded tree's view (issue 19, the pages' and GET /api/v1/tree's export):
 * as Markdown, exactly what app_export_md gives for its cycle, kept to the
 * objectives a filter matched; as CSV (RFC 4180, formula cells neutralised),
 * one row per objective shown and per KR of it, in the tree's order.
 */
struct app_tree;
void app_export_md_tree(const struct app_tree *t, struct buf *out);
void app_export_tree_csv(const struct app_tree *t, struct buf *out);
#define IMPORT_MD_MAX (16 << 20)
struct import_md_defaults {
	const char *cycle, *dri, *team;
};
int app_import_md(struct app *a, const char *file, const char *text, size_t len,
		  const struct import_md_defaults *d, int64_t *created, int64_t *updated,
		  struct okra_err *err);

#endif

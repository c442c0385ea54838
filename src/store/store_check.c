/* store_check.c: is the database whole? The engine's own checks and okra's invariants, one line
 * per problem. */
#include "store/store_check.h"

#include <stdio.h>
#include <string.h>

/* Each row's columns joined by spaces, as a problem line after prefix. */
static int
each_row(struct db *db, const char *sql, const char *prefix, const char *ok_text,
	 store_problem_fn say, void *arg, struct okra_err *err)
{
	struct db_stmt *st = NULL;
	char line[512];
	int rc, n = 0;

	if ((rc = db_prepare(db, sql, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int len = snprintf(line, sizeof(line), "%s", prefix);

		if (ok_text && !strcmp(db_col_text(st, 0), ok_text))
			continue;
		for (int c = 0; c < 4 && len < (int)sizeof(line); c++) {
			const char *v = db_col_text(st, c);

			/* SQLite opens its first integrity line with the schema's name: not news.
			 */
			if (!strncmp(v, "*** in database main ***", 24))
				v += 24;
			while (*v == '\n' || *v == ' ')
				v++;
			if (*v)
				len += snprintf(line + len, sizeof(line) - (size_t)len, "%s%s",
						c ? " " : "", v);
		}
		/* One line per problem, whatever the engine's text held. */
		for (char *p = line; *p; p++)
			if (*p == '\n')
				*p = ' ';
		say(arg, line);
		n++;
	}
	db_finalize(st);
	if (rc < 0) {
		/* The check stopped on the damage it met: that is a finding too. */
		say(arg, err->msg);
		okra_err_clear(err);
		n++;
	}
	return n;
}

/* SQLite's page-level checks; PostgreSQL checks its pages and keys itself as it writes. */
static int
engine_checks(struct db *db, int quick, store_problem_fn say, void *arg, struct okra_err *err)
{
	int rc, n;

	if (db_driver_of(db) != &db_sqlite_driver)
		return 0;
	n = each_row(db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check",
		     "integrity: ", "ok", say, arg, err);
	if (n < 0) {
		/* The check could not even start. */
		say(arg, err->msg);
		okra_err_clear(err);
		return 1;
	}
	if (quick)
		return n;
	/* Rows naming a row that is not there: table, rowid, the table it names. */
	rc = each_row(db, "PRAGMA foreign_key_check", "foreign key: a row of ", NULL, say, arg,
		      err);
	return rc < 0 ? rc : n + rc;
}

/* Each KR's criteria add up to 100 at most (R9), as the app refuses to make them. */
static const char sql_criteria_over[] =
	"SELECT 'key result ' || key_result || ': its criteria contribute ' ||"
	" CAST(sum(contribution) AS TEXT) || ' (at most 100)'"
	" FROM criteria GROUP BY key_result HAVING sum(contribution) > 100.000001"
	" ORDER BY key_result";

/* An objective that is its own ancestor: the walk up from it comes back to it. */
static const char sql_parent_cycles[] =
	"WITH RECURSIVE up(start, cur, depth) AS ("
	"  SELECT id, parent, 1 FROM objectives WHERE parent IS NOT NULL"
	"  UNION ALL"
	"  SELECT up.start, o.parent, up.depth + 1 FROM up JOIN objectives o ON o.id = up.cur"
	"  WHERE o.parent IS NOT NULL AND up.cur <> up.start AND up.depth < 10000)"
	" SELECT DISTINCT 'objective ' || start || ': its parents lead back to it'"
	" FROM up WHERE cur = start ORDER BY 1";

int
store_check(struct db *db, int quick, store_problem_fn say, void *arg, struct okra_err *err)
{
	int n, rc;

	if ((n = engine_checks(db, quick, say, arg, err)) < 0 || quick || n > 0)
		return n;
	/* The invariants are read only from a database whose pages hold together. */
	if ((rc = each_row(db, sql_criteria_over, "", NULL, say, arg, err)) < 0)
		return rc;
	n += rc;
	if ((rc = each_row(db, sql_parent_cycles, "", NULL, say, arg, err)) < 0)
		return rc;
	return n + rc;
}

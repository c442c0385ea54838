/* store_search.c: full-text search, each engine its own index (schema.c m016): SQLite's FTS5,
 * PostgreSQL's tsvector. The query's words (core/search.h) reach each engine only as terms of
 * its own quoting, so no typed text is read as the engine's query syntax. */
#include "store/store.h"

#include "store/store_int.h"

/*
 * The columns both texts return: kind, row, sub, objective, its title, its
 * cycle, whether every word is in the title, the title highlighted, an
 * excerpt of the body highlighted (marks \1 … \2). Title hits first, then
 * the engine's rank (SQLite's bm25 weighting the title 10 to 1; PostgreSQL's
 * ts_rank over the A-weighted title and B-weighted body).
 */
static const char sql_search_sqlite[] =
	"SELECT d.kind, d.source, d.sub, d.objective, o.title, c.name,"
	" d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH $2),"
	" highlight(search_fts, 0, char(1), char(2)),"
	" snippet(search_fts, 1, char(1), char(2), '…', 24)"
	" FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid"
	" JOIN objectives o ON o.id = d.objective JOIN cycles c ON c.id = o.cycle"
	" WHERE search_fts MATCH $1"
	" ORDER BY 7 DESC, bm25(search_fts, 10.0, 1.0), d.id LIMIT $3";
static const char sql_search_pg[] =
	"WITH q AS (SELECT to_tsquery('english', $1) AS q),"
	" hits AS (SELECT d.id, d.kind, d.source, d.sub, d.objective, d.title, d.body,"
	"  to_tsvector('english', d.title) @@ q.q AS in_title, ts_rank(d.tsv, q.q) AS rank"
	"  FROM search_docs d CROSS JOIN q WHERE d.tsv @@ q.q"
	"  ORDER BY in_title DESC, rank DESC, d.id LIMIT $3)"
	" SELECT h.kind, h.source, h.sub, h.objective, o.title, c.name,"
	" CASE WHEN h.in_title THEN 1 ELSE 0 END,"
	" ts_headline('english', h.title, q.q, E'HighlightAll=true, StartSel=\"\\x01\","
	"  StopSel=\"\\x02\"'),"
	" CASE WHEN h.body = '' THEN '' ELSE ts_headline('english', h.body, q.q,"
	"  E'StartSel=\"\\x01\", StopSel=\"\\x02\", MaxWords=30, MinWords=12, MaxFragments=2,"
	"  FragmentDelimiter=\" … \"') END"
	" FROM hits h CROSS JOIN q JOIN objectives o ON o.id = h.objective"
	" JOIN cycles c ON c.id = o.cycle"
	" ORDER BY h.in_title DESC, h.rank DESC, h.id";

/*
 * The words as each engine's terms, the last a prefix (what is being typed):
 * FTS5 strings ("w1" "w2"*, all of them in any column) and the same within
 * the title; a tsquery (w1 & w2:*). A word holds only letters, digits and
 * non-ASCII characters, none of which quotes or operators are made of.
 */
static void
query_terms(const struct search_query *q, int sqlite, struct buf *all, struct buf *title)
{
	if (sqlite)
		buf_adds(title, "title : (");
	for (size_t i = 0; i < q->n; i++) {
		const char *last = i + 1 == q->n ? "*" : "";

		if (sqlite) {
			buf_addf(all, "%s\"%s\"%s", i ? " " : "", q->words[i], last);
			buf_addf(title, "%s\"%s\"%s", i ? " " : "", q->words[i], last);
		} else {
			buf_addf(all, "%s%s%s", i ? " & " : "", q->words[i], *last ? ":*" : "");
		}
	}
	if (sqlite)
		buf_adds(title, ")");
}

static void
hit_row(struct arena *ar, struct db_stmt *st, struct search_hit *h)
{
	int kind = search_kind_parse(db_col_text(st, 0));

	h->kind = kind < 0 ? SEARCH_OBJECTIVE : (enum search_kind)kind;
	h->id = db_col_int(st, 1);
	h->sub = db_col_int(st, 2);
	h->objective = db_col_int(st, 3);
	h->objective_title = sq_adup0(ar, st, 4);
	h->cycle = sq_adup0(ar, st, 5);
	h->in_title = db_col_int(st, 6) != 0;
	h->title = sq_adup0(ar, st, 7);
	h->snippet = sq_adup0(ar, st, 8);
}

int
store_search(struct db *db, struct arena *ar, const struct search_query *q, int limit,
	     struct search_hit **v, size_t *n, struct okra_err *err)
{
	int sqlite = db_driver_of(db) == &db_sqlite_driver;
	struct buf all = BUF_INIT, title = BUF_INIT;
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (!q->n)
		return 0;
	query_terms(q, sqlite, &all, &title);
	if ((rc = db_prepare(db, sqlite ? sql_search_sqlite : sql_search_pg, &st, err)) < 0)
		goto out;
	db_bind_text(st, 1, all.buf);
	if (sqlite)
		db_bind_text(st, 2, title.buf);
	db_bind_int(st, 3, limit);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		hit_row(ar, st, &(*v)[(*n)++]);
	}
	db_finalize(st);
out:
	buf_release(&all);
	buf_release(&title);
	return rc < 0 ? rc : 0;
}

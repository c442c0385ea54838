/* store_search.c: full-text search, each engine its own index (schema.c m016): SQLite's FTS5,
 * PostgreSQL's tsvector. The query's words (core/search.h) reach each engine only as terms of
 * its own quoting, so no typed text is read as the engine's query syntax. */
#include "store/store.h"

#include "store/store_int.h"

/*
 * Both engines answer in two steps whose work is bounded whatever the words
 * (docs/decisions.md, "Search"): first the hits whose title holds every word,
 * from the titles' own index (m017), ranked (bm25; ts_rank) among 1,000 of
 * them (SQLite the newest; PostgreSQL the first its GIN index gives, since
 * ordering them all would read every one); then, while the limit is not
 * reached, the other hits newest first, read from the index in row order and
 * stopped at the limit instead of ranking every match. Each statement returns
 * the columns hit_row reads: kind, row, sub, objective, its title, its cycle,
 * whether it is a title hit, the title highlighted and an excerpt of the body
 * highlighted (marks \1 … \2).
 */
static const char sql_titles_sqlite[] =
	"SELECT d.kind, d.source, d.sub, d.objective, o.title, c.name, 1, t.h, t.s FROM"
	" (SELECT rowid AS id, bm25(search_titles) AS r,"
	"  highlight(search_titles, 0, char(1), char(2)) AS h,"
	"  snippet(search_titles, 1, char(1), char(2), '…', 24) AS s"
	"  FROM search_titles WHERE search_titles MATCH $1 ORDER BY rowid DESC LIMIT 1000) t"
	" JOIN search_docs d ON d.id = t.id JOIN objectives o ON o.id = d.objective"
	" JOIN cycles c ON c.id = o.cycle ORDER BY t.r, t.id LIMIT $2";
/* Every hit newest first (the title hits among them, left out by the caller). */
static const char sql_texts_sqlite[] =
	"SELECT d.kind, d.source, d.sub, d.objective, o.title, c.name, 0,"
	" highlight(search_fts, 0, char(1), char(2)),"
	" snippet(search_fts, 1, char(1), char(2), '…', 24)"
	" FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid"
	" JOIN objectives o ON o.id = d.objective JOIN cycles c ON c.id = o.cycle"
	" WHERE search_fts MATCH $1 ORDER BY search_fts.rowid DESC LIMIT $2";
/* The title and the body highlighted, of row d for the tsquery q.q. */
#define PG_HEADLINES                                                                               \
	" ts_headline('english', d.title, q.q, E'HighlightAll=true, StartSel=\"\\x01\","           \
	"  StopSel=\"\\x02\"'),"                                                                   \
	" CASE WHEN d.body = '' THEN '' ELSE ts_headline('english', d.body, q.q,"                  \
	"  E'StartSel=\"\\x01\", StopSel=\"\\x02\", MaxWords=30, MinWords=12, MaxFragments=2,"     \
	"  FragmentDelimiter=\" … \"') END"
static const char sql_titles_pg[] =
	"WITH q AS (SELECT to_tsquery('english', $1) AS q),"
	" t AS (SELECT d.id, d.tsv FROM search_docs d CROSS JOIN q"
	"  WHERE d.title <> '' AND to_tsvector('english', d.title) @@ q.q LIMIT 1000),"
	" r AS (SELECT t.id, ts_rank(t.tsv, q.q) AS rank FROM t CROSS JOIN q"
	"  ORDER BY rank DESC, t.id LIMIT $2)"
	" SELECT d.kind, d.source, d.sub, d.objective, o.title, c.name, 1," PG_HEADLINES
	" FROM r JOIN search_docs d ON d.id = r.id CROSS JOIN q"
	" JOIN objectives o ON o.id = d.objective JOIN cycles c ON c.id = o.cycle"
	" ORDER BY r.rank DESC, r.id";
/*
 * PostgreSQL's GIN index gives its rows in no order, so the other hits come
 * in two reads: the newest PG_RECENT rows by key, read backwards and each
 * tested (ts_match_vq is @@ as a function, which no index answers, so the
 * planner cannot choose to read every posting of a common word from the GIN
 * index instead), bounded by that count whatever the words; then, if the
 * limit is not reached, the older ones from the GIN index, sorted ("+ 0" so
 * the planner cannot choose to read the whole key backwards for a word in no
 * row).
 */
#define PG_RECENT 5000
static const char sql_last_pg[] = "SELECT coalesce(max(id), 0) FROM search_docs";
#define PG_TEXTS(WHERE, ORDER)                                                                     \
	"WITH q AS (SELECT to_tsquery('english', $1) AS q),"                                       \
	" h AS (SELECT d.id FROM search_docs d CROSS JOIN q"                                       \
	"  WHERE " WHERE " ORDER BY " ORDER                                                        \
	" DESC LIMIT $3)"                                                                          \
	" SELECT d.kind, d.source, d.sub, d.objective, o.title, c.name, 0," PG_HEADLINES           \
	" FROM h JOIN search_docs d ON d.id = h.id CROSS JOIN q"                                   \
	" JOIN objectives o ON o.id = d.objective JOIN cycles c ON c.id = o.cycle"                 \
	" ORDER BY d.id DESC"
static const char sql_recent_pg[] = PG_TEXTS("d.id > $2 AND ts_match_vq(d.tsv, q.q)", "d.id");
static const char sql_older_pg[] = PG_TEXTS("d.id <= $2 AND d.tsv @@ q.q", "d.id + 0");

/*
 * The words as each engine's terms, the last a prefix (what is being typed):
 * for FTS5, all holds strings ("w1" "w2"*, all of them in any column) and
 * title the same within the title; for PostgreSQL, all holds a tsquery
 * (w1 & w2:*). A word holds only letters, digits and non-ASCII characters,
 * none of which quotes or operators are made of.
 */
static void
query_terms(const struct search_query *q, int sqlite, struct buf *all, struct buf *title)
{
	for (size_t i = 0; i < q->n; i++) {
		const char *last = i + 1 == q->n ? "*" : "";

		if (sqlite)
			buf_addf(all, "%s\"%s\"%s", i ? " " : "", q->words[i], last);
		else
			buf_addf(all, "%s%s%s", i ? " & " : "", q->words[i], *last ? ":*" : "");
	}
	if (sqlite)
		buf_addf(title, "title : (%s)", all->buf);
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

/* The rows of st, run, appended to *v; a row that repeats one of the first ntitle is left out. */
static int
hits_add(struct arena *ar, struct db_stmt *st, size_t ntitle, int limit, struct search_hit **v,
	 size_t *n, size_t *alloc, struct okra_err *err)
{
	int rc;

	while ((rc = db_step(st, err)) == DB_ROW && *n < (size_t)limit) {
		struct search_hit h;
		size_t i = 0;

		hit_row(ar, st, &h);
		while (i < ntitle && ((*v)[i].kind != h.kind || (*v)[i].id != h.id))
			i++;
		if (i < ntitle)
			continue;
		ARENA_GROW(ar, *v, *n + 1, *alloc);
		(*v)[(*n)++] = h;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/*
 * The hits that are no title hit, newest first, after the ntitle there are:
 * fetched up to limit (as many more as there are title hits to leave out).
 */
static int
texts_add(struct db *db, struct arena *ar, const char *all, int limit, struct search_hit **v,
	  size_t *n, size_t *alloc, struct okra_err *err)
{
	size_t ntitle = *n;
	struct db_stmt *st;
	int64_t last = 0;
	int rc;

	if (db_driver_of(db) == &db_sqlite_driver) {
		if ((rc = db_prepare(db, sql_texts_sqlite, &st, err)) < 0)
			return rc;
		db_bind_text(st, 1, all);
		db_bind_int(st, 2, limit);
		return hits_add(ar, st, ntitle, limit, v, n, alloc, err);
	}
	if ((rc = db_prepare(db, sql_last_pg, &st, err)) < 0)
		return rc;
	if ((rc = db_step(st, err)) == DB_ROW)
		last = db_col_int(st, 0);
	db_finalize(st);
	if (rc < 0)
		return rc;
	for (int older = 0; older < 2 && *n < (size_t)limit; older++) {
		if ((rc = db_prepare(db, older ? sql_older_pg : sql_recent_pg, &st, err)) < 0)
			return rc;
		db_bind_text(st, 1, all);
		db_bind_int(st, 2, last - PG_RECENT);
		db_bind_int(st, 3, limit);
		if ((rc = hits_add(ar, st, ntitle, limit, v, n, alloc, err)) < 0)
			return rc;
	}
	return 0;
}

int
store_search(struct db *db, struct arena *ar, const struct search_query *q, int limit,
	     struct search_hit **v, size_t *n, struct okra_err *err)
{
	int sqlite = db_driver_of(db) == &db_sqlite_driver;
	struct buf all = BUF_INIT, title = BUF_INIT, both = BUF_INIT;
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (!q->n)
		return 0;
	query_terms(q, sqlite, &all, &title);
	/* SQLite: the title hits' own terms, and all of them too so the excerpt is marked. */
	if (sqlite)
		buf_addf(&both, "%s AND (%s)", title.buf, all.buf);
	if ((rc = db_prepare(db, sqlite ? sql_titles_sqlite : sql_titles_pg, &st, err)) < 0)
		goto out;
	db_bind_text(st, 1, sqlite ? both.buf : all.buf);
	db_bind_int(st, 2, limit);
	if ((rc = hits_add(ar, st, 0, limit, v, n, &alloc, err)) < 0 || *n >= (size_t)limit)
		goto out;
	rc = texts_add(db, ar, all.buf, limit, v, n, &alloc, err);
out:
	buf_release(&all);
	buf_release(&title);
	buf_release(&both);
	return rc < 0 ? rc : 0;
}

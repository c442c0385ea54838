/* schema.c: okra's tables (DESIGN.md §3) as versioned migrations. */
#include "store/schema.h"

/*
 * Rules for this text: @ID@ is the driver's auto-assigned integer key;
 * DOUBLE PRECISION is a real 8-byte float on both engines (PostgreSQL's REAL
 * is 4 bytes, so never write REAL); dates are TEXT 'YYYY-MM-DD' (they sort);
 * instants are BIGINT UTC seconds; booleans are INTEGER 0/1.
 * A migration, once released, is never edited: add the next one.
 */
static const char m001[] =
	"CREATE TABLE settings ("
	" name TEXT PRIMARY KEY,"
	" value TEXT NOT NULL);"

	"CREATE TABLE people ("
	" id @ID@,"
	" handle TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" email TEXT,"
	" role TEXT NOT NULL CHECK (role IN ('admin','leader','member','viewer')),"
	" joined_on TEXT,"
	" pw_hash TEXT,"
	" version BIGINT NOT NULL DEFAULT 1);"

	"CREATE TABLE teams ("
	" id @ID@,"
	" slug TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" version BIGINT NOT NULL DEFAULT 1);"

	"CREATE TABLE memberships ("
	" person BIGINT NOT NULL REFERENCES people(id),"
	" team BIGINT NOT NULL REFERENCES teams(id),"
	" PRIMARY KEY (person, team));"

	"CREATE TABLE cycles ("
	" id @ID@,"
	" kind TEXT NOT NULL CHECK (kind IN ('year','quarter')),"
	" name TEXT NOT NULL UNIQUE,"
	" starts_on TEXT NOT NULL,"
	" ends_on TEXT NOT NULL,"
	" parent BIGINT REFERENCES cycles(id),"
	" CHECK (starts_on <= ends_on));"

	"CREATE TABLE objectives ("
	" id @ID@,"
	" cycle BIGINT NOT NULL REFERENCES cycles(id),"
	" team BIGINT REFERENCES teams(id),"
	" parent BIGINT REFERENCES objectives(id),"
	" title TEXT NOT NULL,"
	" context TEXT NOT NULL DEFAULT '',"
	" sections TEXT NOT NULL DEFAULT '',"
	" dri BIGINT NOT NULL REFERENCES people(id),"
	" health TEXT NOT NULL DEFAULT 'none'"
	"  CHECK (health IN ('none','on_track','needs_attention','at_risk')),"
	" state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('draft','active','closed')),"
	" weight DOUBLE PRECISION NOT NULL DEFAULT 1,"
	" version BIGINT NOT NULL DEFAULT 1,"
	" created_at BIGINT NOT NULL,"
	" closed_at BIGINT);"
	"CREATE INDEX objectives_cycle ON objectives(cycle);"
	"CREATE INDEX objectives_parent ON objectives(parent);"

	"CREATE TABLE key_results ("
	" id @ID@,"
	" objective BIGINT NOT NULL REFERENCES objectives(id),"
	" title TEXT NOT NULL,"
	" context TEXT NOT NULL DEFAULT '',"
	" dri BIGINT NOT NULL REFERENCES people(id),"
	" kind TEXT NOT NULL CHECK (kind IN ('metric','criteria')),"
	" unit TEXT NOT NULL DEFAULT '',"
	" start DOUBLE PRECISION NOT NULL DEFAULT 0,"
	" target DOUBLE PRECISION NOT NULL DEFAULT 1,"
	" current_value DOUBLE PRECISION NOT NULL DEFAULT 0,"
	" health TEXT NOT NULL DEFAULT 'none'"
	"  CHECK (health IN ('none','on_track','needs_attention','at_risk')),"
	" weight DOUBLE PRECISION NOT NULL DEFAULT 1,"
	" version BIGINT NOT NULL DEFAULT 1,"
	" created_at BIGINT NOT NULL);"
	"CREATE INDEX key_results_objective ON key_results(objective);"

	"CREATE TABLE criteria ("
	" id @ID@,"
	" key_result BIGINT NOT NULL REFERENCES key_results(id),"
	" ref TEXT NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" contribution DOUBLE PRECISION NOT NULL CHECK (contribution > 0 AND contribution <= 100),"
	" state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')),"
	" progress DOUBLE PRECISION NOT NULL DEFAULT 0,"
	" UNIQUE (key_result, ref));"
	"CREATE INDEX criteria_ref ON criteria(ref);"

	"CREATE TABLE initiatives ("
	" id @ID@,"
	" key_result BIGINT NOT NULL REFERENCES key_results(id),"
	" title TEXT NOT NULL,"
	" ref TEXT,"
	" state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')));"
	"CREATE INDEX initiatives_kr ON initiatives(key_result);"
	"CREATE INDEX initiatives_ref ON initiatives(ref);"

	"CREATE TABLE links ("
	" id @ID@,"
	" objective BIGINT NOT NULL REFERENCES objectives(id),"
	" ref TEXT NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')),"
	" UNIQUE (objective, ref));"
	"CREATE INDEX links_ref ON links(ref);"

	"CREATE TABLE checkins ("
	" id @ID@,"
	" key_result BIGINT NOT NULL REFERENCES key_results(id),"
	" author BIGINT REFERENCES people(id),"
	" at BIGINT NOT NULL,"
	" value DOUBLE PRECISION,"
	" progress DOUBLE PRECISION NOT NULL,"
	" health TEXT NOT NULL CHECK (health IN ('none','on_track','needs_attention','at_risk')),"
	" note TEXT NOT NULL DEFAULT '',"
	" source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','integration')));"
	"CREATE INDEX checkins_kr_at ON checkins(key_result, at);"

	"CREATE TABLE status_updates ("
	" id @ID@,"
	" objective BIGINT NOT NULL REFERENCES objectives(id),"
	" author BIGINT REFERENCES people(id),"
	" at BIGINT NOT NULL,"
	" health TEXT NOT NULL CHECK (health IN ('on_track','needs_attention','at_risk')));"
	"CREATE INDEX status_updates_objective_at ON status_updates(objective, at);"

	"CREATE TABLE status_lines ("
	" update_id BIGINT NOT NULL REFERENCES status_updates(id),"
	" key_result BIGINT NOT NULL REFERENCES key_results(id),"
	" line TEXT NOT NULL,"
	" PRIMARY KEY (update_id, key_result));"

	"CREATE TABLE retros ("
	" objective BIGINT PRIMARY KEY REFERENCES objectives(id),"
	" good TEXT NOT NULL DEFAULT '',"
	" bad TEXT NOT NULL DEFAULT '',"
	" try TEXT NOT NULL DEFAULT '',"
	" final_at BIGINT);"

	"CREATE TABLE audit ("
	" id @ID@,"
	" at BIGINT NOT NULL,"
	" actor BIGINT REFERENCES people(id),"
	" action TEXT NOT NULL,"
	" entity TEXT NOT NULL,"
	" entity_id BIGINT NOT NULL,"
	" before_json TEXT,"
	" after_json TEXT);"
	"CREATE INDEX audit_entity ON audit(entity, entity_id);"

	"CREATE TABLE deliveries ("
	" id TEXT PRIMARY KEY,"
	" source TEXT NOT NULL,"
	" at BIGINT NOT NULL);"

	"CREATE TABLE notifications ("
	" id @ID@,"
	" person BIGINT NOT NULL REFERENCES people(id),"
	" week TEXT NOT NULL,"
	" channel TEXT NOT NULL,"
	" at BIGINT NOT NULL,"
	" UNIQUE (person, week, channel));";

/*
 * 2: authentication. A session or API token is stored only as the hex SHA-256
 * of its secret, so a copy of the database signs nobody in; the CSRF token is
 * kept as is because pages must echo it back into their forms.
 */
static const char m002[] =
	"CREATE TABLE sessions ("
	" id_hash TEXT PRIMARY KEY,"
	" person BIGINT NOT NULL REFERENCES people(id),"
	" csrf TEXT NOT NULL,"
	" created_at BIGINT NOT NULL,"
	" seen_at BIGINT NOT NULL);"
	"CREATE INDEX sessions_person ON sessions(person);"

	"CREATE TABLE api_tokens ("
	" id @ID@,"
	" person BIGINT NOT NULL REFERENCES people(id),"
	" name TEXT NOT NULL DEFAULT '',"
	" token_hash TEXT NOT NULL UNIQUE,"
	" created_at BIGINT NOT NULL,"
	" revoked_at BIGINT,"
	" last_used_at BIGINT);"
	"CREATE INDEX api_tokens_person ON api_tokens(person);";

/*
 * 3: reminders are claimed before they are sent and marked when delivered.
 * sent_at stays NULL until the receiver accepted the message; attempts counts
 * the sends tried; retry_at is when the next one is due (real-clock epoch
 * milliseconds, so back-off also runs while OKRA_NOW freezes the business
 * clock), NULL once delivered or given up; error is the last failure.
 */
static const char m003[] =
	"ALTER TABLE notifications ADD COLUMN sent_at BIGINT;"
	"ALTER TABLE notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE notifications ADD COLUMN retry_at BIGINT;"
	"ALTER TABLE notifications ADD COLUMN error TEXT;"
	"CREATE INDEX notifications_retry ON notifications(retry_at);";

/*
 * 4: the final score an objective's DRI may record at close (0..1, default
 * the progress at close) and why; NULL until the objective is closed.
 */
static const char m004[] =
	"ALTER TABLE objectives ADD COLUMN final_score DOUBLE PRECISION NULL;"
	"ALTER TABLE objectives ADD COLUMN final_reason TEXT NULL;";

/*
 * 5: failed sign-ins, shared by every server on the store so that the login
 * rate limit holds across instances. key is the hex SHA-256 of "h:" and the
 * handle or "a:" and the client address; first is when the window opened.
 */
static const char m005[] =
	"CREATE TABLE login_failures ("
	" key TEXT PRIMARY KEY,"
	" first BIGINT NOT NULL,"
	" fails INTEGER NOT NULL);"
	"CREATE INDEX login_failures_first ON login_failures(first);";

/*
 * 6: R14, an update made on someone's behalf: the DRI a check-in or a weekly
 * status was for when its author is not that DRI (a leader or admin, or the
 * objective's DRI for a KR's); NULL when the author wrote their own.
 */
static const char m006[] =
	"ALTER TABLE checkins ADD COLUMN on_behalf_of BIGINT NULL REFERENCES people(id);"
	"ALTER TABLE status_updates ADD COLUMN on_behalf_of BIGINT NULL REFERENCES people(id);";

/*
 * 7: what okra knows of a forge's item, by its canonical ref: the forge it
 * belongs to ('gitlab' or 'github') and the host of the URL it was first given
 * as (NULL when it was typed as a short form), and the forge's own time (UTC
 * seconds) of the last webhook event applied to it, so that an older event
 * delivered late, or replayed, changes nothing.
 */
static const char m007[] =
	"CREATE TABLE forge_items ("
	" ref TEXT PRIMARY KEY,"
	" forge TEXT,"
	" host TEXT,"
	" event_at BIGINT);";

/*
 * 8: a person who left (deactivated): when, in UTC seconds; NULL while active.
 * They keep their history but cannot sign in nor be made a DRI.
 */
static const char m008[] = "ALTER TABLE people ADD COLUMN deactivated_at BIGINT NULL;";

/*
 * 9: the answers to POSTs sent with an Idempotency-Key, kept 24 hours so a
 * retry gets the original answer and writes nothing. A key is the caller's
 * own (caller: the person, and which API token), fingerprint is the hash of
 * the method, path and body it came with; the answer is its status, type,
 * Location and ETag and body, kept in the write's own transaction.
 */
static const char m009[] =
	"CREATE TABLE idempotency_keys ("
	" id @ID@,"
	" caller TEXT NOT NULL,"
	" idem_key TEXT NOT NULL,"
	" fingerprint TEXT NOT NULL,"
	" status INTEGER NOT NULL,"
	" content_type TEXT NOT NULL,"
	" location TEXT NOT NULL,"
	" etag TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" created_at BIGINT NOT NULL,"
	" UNIQUE (caller, idem_key));"
	"CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);";

/*
 * 10: a key result's place among its objective's (1, 2, …; the page, the tree and the
 * exports list them by it, then by id). The KRs made before keep the order of their ids.
 */
static const char m010[] =
	"ALTER TABLE key_results ADD COLUMN position BIGINT NOT NULL DEFAULT 0;"
	"UPDATE key_results SET position = id;";

/*
 * 11: single sign-on (OpenID Connect). oidc_links ties the provider's
 * subject (`sub`, stable for a person there) to a person here once they have
 * signed in, so a later change of e-mail there does not lose them.
 * oidc_logins holds a sign-in begun but not finished: the hash of its state,
 * its nonce and PKCE verifier, taken (deleted) by the callback, so a state
 * is good once.
 */
static const char m011[] =
	"CREATE TABLE oidc_links ("
	" sub TEXT PRIMARY KEY,"
	" person BIGINT NOT NULL REFERENCES people(id),"
	" linked_at BIGINT NOT NULL);"
	"CREATE TABLE oidc_logins ("
	" state_hash TEXT PRIMARY KEY,"
	" nonce TEXT NOT NULL,"
	" verifier TEXT NOT NULL,"
	" created_at BIGINT NOT NULL);";

/*
 * 12: conversation (issue 19). A comment is on an objective, one of its KRs or
 * one of their check-ins (key_result and checkin narrow it; objective is always
 * set, so the objective page reads its whole conversation in one query); parent
 * is the comment it replies to. Deleting keeps the row (deleted_at, deleted_by)
 * and shows it as removed. Every body it ever had is a row of comment_revisions
 * (the first one too), so editing keeps history. comment_mentions are the people
 * its current body names (@handle); comment_notices are what a mention or a reply
 * tells a person, on their page and through the reminders' channels, each
 * channel's send kept in comment_sends (an outbox: claimed by a compare-and-set
 * on attempts, like the reminders' ledger); notice_marks is the newest notice a
 * person has seen ("since your last visit").
 */
static const char m012[] =
	"CREATE TABLE comments ("
	" id @ID@,"
	" objective BIGINT NOT NULL REFERENCES objectives(id),"
	" key_result BIGINT REFERENCES key_results(id),"
	" checkin BIGINT REFERENCES checkins(id),"
	" parent BIGINT REFERENCES comments(id),"
	" author BIGINT NOT NULL REFERENCES people(id),"
	" body TEXT NOT NULL,"
	" created_at BIGINT NOT NULL,"
	" edited_at BIGINT,"
	" deleted_at BIGINT,"
	" deleted_by BIGINT REFERENCES people(id),"
	" version BIGINT NOT NULL DEFAULT 1);"
	"CREATE INDEX comments_objective ON comments(objective, id);"
	"CREATE TABLE comment_revisions ("
	" id @ID@,"
	" comment BIGINT NOT NULL REFERENCES comments(id),"
	" body TEXT NOT NULL,"
	" at BIGINT NOT NULL);"
	"CREATE INDEX comment_revisions_comment ON comment_revisions(comment, id);"
	"CREATE TABLE comment_mentions ("
	" comment BIGINT NOT NULL REFERENCES comments(id),"
	" person BIGINT NOT NULL REFERENCES people(id),"
	" PRIMARY KEY (comment, person));"
	"CREATE TABLE comment_notices ("
	" id @ID@,"
	" person BIGINT NOT NULL REFERENCES people(id),"
	" comment BIGINT NOT NULL REFERENCES comments(id),"
	" reason TEXT NOT NULL CHECK (reason IN ('mention','reply')),"
	" at BIGINT NOT NULL,"
	" UNIQUE (person, comment));"
	"CREATE TABLE comment_sends ("
	" id @ID@,"
	" notice BIGINT NOT NULL REFERENCES comment_notices(id),"
	" channel TEXT NOT NULL,"
	" sent_at BIGINT,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" retry_at BIGINT,"
	" error TEXT,"
	" UNIQUE (notice, channel));"
	"CREATE INDEX comment_sends_retry ON comment_sends(retry_at);"
	"CREATE TABLE notice_marks ("
	" person BIGINT PRIMARY KEY REFERENCES people(id),"
	" seen BIGINT NOT NULL);";

/*
 * 13: the first run's one-time setup links (okra serve prints one while nobody can sign in):
 * the hash of the link's secret and when it stops working. Taken (deleted) when used.
 */
static const char m013[] =
	"CREATE TABLE setup_links ("
	" token_hash TEXT PRIMARY KEY,"
	" expires_at BIGINT NOT NULL);";

/*
 * 14: the forge's own id of an item's project ("gitlab:ID", "github:ID"),
 * remembered from the first event that names it, so an event after the
 * project is renamed or moved still finds the item (issue 21 item 5).
 */
static const char m014[] =
	"ALTER TABLE forge_items ADD COLUMN project TEXT NULL;"
	"CREATE INDEX forge_items_project ON forge_items(project);";

/*
 * 15: when each setting was last set (UTC seconds; NULL for a row written
 * before this column, or by the store itself): the settings page says "set on
 * DATE" of a secret it never shows again.
 */
static const char m015[] = "ALTER TABLE settings ADD COLUMN set_at BIGINT NULL;";

/*
 * 16: full-text search, each engine its own (docs/decisions.md, "Search").
 * search_docs holds one row per searchable text: its kind, the row it came
 * from (source; sub is the key result of a check-in or a status line), the
 * objective it belongs to (what a hit links to and whose visibility it
 * follows), a title and a body. Triggers on each source table keep it in step
 * inside the writing transaction, so every write path (the use cases,
 * imports, the demo, corrections, deletions) indexes without knowing it.
 * SQLite indexes the rows in an FTS5 table over search_docs (porter
 * stemming); PostgreSQL in a stored tsvector (english) with a GIN index.
 * "@ON engine@ … @END@" is text only that engine runs (migrate.c). A new
 * kind of text is one SEARCH_KIND line: its table, the columns whose change
 * re-indexes it, its row as a SELECT of (kind, source, sub, objective, title,
 * body) from the trigger's row r, and how to find that row again; its
 * existing rows are indexed by an UPDATE that sets a column to itself, which
 * fires the trigger. The kind's name goes in core/search.c. Comments (m012)
 * are indexed while not removed.
 */
/* clang-format off */
#define SEARCH_INSERT "INSERT INTO search_docs (kind, source, sub, objective, title, body) "
#define SEARCH_SQLITE(T, COLS, DOC, KEY)                                                           \
	"CREATE TRIGGER search_" T "_i AFTER INSERT ON " T                                         \
	" BEGIN " SEARCH_INSERT DOC("new") "; END;"                                                \
	"CREATE TRIGGER search_" T "_u AFTER UPDATE OF " COLS " ON " T                             \
	" BEGIN DELETE FROM search_docs WHERE " KEY("old") "; " SEARCH_INSERT DOC("new") "; END;"  \
	"CREATE TRIGGER search_" T "_d AFTER DELETE ON " T                                         \
	" BEGIN DELETE FROM search_docs WHERE " KEY("old") "; END;"
#define SEARCH_PG(T, COLS, DOC, KEY)                                                               \
	"CREATE FUNCTION search_" T "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"              \
	" IF TG_OP <> 'INSERT' THEN DELETE FROM search_docs WHERE " KEY("OLD") "; END IF;"         \
	" IF TG_OP <> 'DELETE' THEN " SEARCH_INSERT DOC("NEW") "; END IF;"                         \
	" RETURN NULL; END $$;"                                                                    \
	"CREATE TRIGGER search_" T " AFTER INSERT OR DELETE OR UPDATE OF " COLS " ON " T           \
	" FOR EACH ROW EXECUTE FUNCTION search_" T "();"
#define SEARCH_KIND(T, COLS, DOC, KEY, SELF)                                                       \
	"@ON sqlite@" SEARCH_SQLITE(T, COLS, DOC, KEY) "@END@"                                     \
	"@ON postgresql@" SEARCH_PG(T, COLS, DOC, KEY) "@END@"                                     \
	"UPDATE " T " SET " SELF ";"

#define DOC_OBJECTIVE(r) "SELECT 'objective', " r ".id, 0, " r ".id, " r ".title, " r ".context"
#define KEY_OBJECTIVE(r) "kind = 'objective' AND source = " r ".id"
#define DOC_KR(r) "SELECT 'key_result', " r ".id, 0, " r ".objective, " r ".title, " r ".context"
#define KEY_KR(r) "kind = 'key_result' AND source = " r ".id"
#define DOC_CHECKIN(r)                                                                             \
	"SELECT 'checkin', " r ".id, " r ".key_result, k.objective, '', " r ".note"                \
	" FROM key_results k WHERE k.id = " r ".key_result AND " r ".note <> ''"
#define KEY_CHECKIN(r) "kind = 'checkin' AND source = " r ".id"
#define DOC_STATUS(r)                                                                              \
	"SELECT 'status', " r ".update_id, " r ".key_result, s.objective, '', " r ".line"          \
	" FROM status_updates s WHERE s.id = " r ".update_id"
#define KEY_STATUS(r) "kind = 'status' AND source = " r ".update_id AND sub = " r ".key_result"
#define DOC_RETRO(r)                                                                               \
	"SELECT 'retro', " r ".objective, 0, " r ".objective, '', " r ".good || ' ' || " r         \
	".bad || ' ' || " r ".try"
#define KEY_RETRO(r) "kind = 'retro' AND source = " r ".objective"
/* A comment while not removed; its KR (when on a KR or one of its check-ins) as sub. */
#define DOC_COMMENT(r)                                                                             \
	"SELECT 'comment', " r ".id, coalesce(" r ".key_result, 0), " r ".objective, '', " r       \
	".body WHERE " r ".deleted_at IS NULL"
#define KEY_COMMENT(r) "kind = 'comment' AND source = " r ".id"
#define KR_MOVED(r)                                                                                \
	"(kind = 'key_result' AND source = " r ".id) OR (kind = 'checkin' AND sub = " r ".id)"

static const char m016[] =
	"CREATE TABLE search_docs ("
	" id @ID@,"
	" kind TEXT NOT NULL,"
	" source BIGINT NOT NULL,"
	" sub BIGINT NOT NULL DEFAULT 0,"
	" objective BIGINT NOT NULL,"
	" title TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" UNIQUE (kind, source, sub));"
	"@ON sqlite@"
	"CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_docs',"
	" content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');"
	"CREATE TRIGGER search_docs_i AFTER INSERT ON search_docs BEGIN"
	" INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END;"
	"CREATE TRIGGER search_docs_d AFTER DELETE ON search_docs BEGIN"
	" INSERT INTO search_fts (search_fts, rowid, title, body)"
	" VALUES ('delete', old.id, old.title, old.body); END;"
	"@END@"
	"@ON postgresql@"
	"ALTER TABLE search_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS"
	" (setweight(to_tsvector('english', title), 'A') ||"
	" setweight(to_tsvector('english', body), 'B')) STORED;"
	"CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);"
	"@END@"
	SEARCH_KIND("objectives", "title, context", DOC_OBJECTIVE, KEY_OBJECTIVE, "title = title")
	SEARCH_KIND("key_results", "title, context", DOC_KR, KEY_KR, "title = title")
	SEARCH_KIND("checkins", "note", DOC_CHECKIN, KEY_CHECKIN, "note = note")
	SEARCH_KIND("status_lines", "line", DOC_STATUS, KEY_STATUS, "line = line")
	SEARCH_KIND("retros", "good, bad, try", DOC_RETRO, KEY_RETRO, "good = good")
	SEARCH_KIND("comments", "body, deleted_at, objective, key_result", DOC_COMMENT, KEY_COMMENT,
		    "body = body")
	/* A KR moved to another objective (m010) takes its own and its check-ins' rows along. */
	"@ON sqlite@"
	"CREATE TRIGGER search_kr_moved AFTER UPDATE OF objective ON key_results BEGIN"
	" UPDATE search_docs SET objective = new.objective WHERE " KR_MOVED("new") "; END;"
	"@END@"
	"@ON postgresql@"
	"CREATE FUNCTION search_kr_moved() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	" UPDATE search_docs SET objective = NEW.objective WHERE " KR_MOVED("NEW") ";"
	" RETURN NULL; END $$;"
	"CREATE TRIGGER search_kr_moved AFTER UPDATE OF objective ON key_results"
	" FOR EACH ROW EXECUTE FUNCTION search_kr_moved();"
	"@END@";

/*
 * 17: search in bounded time (docs/decisions.md, "Search"). Titles get an
 * index of their own, so that the hits whose title holds every word are found
 * and ranked without reading the postings of the long texts: SQLite a second
 * FTS5 table over the rows of search_docs that have a title (objectives and
 * KRs; title and body, the body for the excerpt), kept by triggers on
 * search_docs as search_fts is; PostgreSQL a GIN index on the title's own
 * tsvector, for those rows only. SQLite's two tables also index every prefix
 * of one to four characters: the last word of a query is a prefix, and FTS5
 * answers a prefix without such an index by merging the postings of every
 * word it begins (all of them, before the first row), with one in a single
 * read it can stop at the limit. search_fts is made again for that option.
 */
#define SEARCH_FTS5_OPTIONS                                                                        \
	" content='search_docs', content_rowid='id',"                                              \
	" tokenize='porter unicode61 remove_diacritics 2', prefix='1 2 3 4');"
static const char m017[] =
	"@ON sqlite@"
	"DROP TABLE search_fts;"
	"CREATE VIRTUAL TABLE search_fts USING fts5(title, body," SEARCH_FTS5_OPTIONS
	"INSERT INTO search_fts (search_fts) VALUES ('rebuild');"
	"CREATE VIRTUAL TABLE search_titles USING fts5(title, body," SEARCH_FTS5_OPTIONS
	"CREATE TRIGGER search_titles_i AFTER INSERT ON search_docs WHEN new.title <> '' BEGIN"
	" INSERT INTO search_titles (rowid, title, body) VALUES (new.id, new.title, new.body); END;"
	"CREATE TRIGGER search_titles_d AFTER DELETE ON search_docs WHEN old.title <> '' BEGIN"
	" INSERT INTO search_titles (search_titles, rowid, title, body)"
	" VALUES ('delete', old.id, old.title, old.body); END;"
	"INSERT INTO search_titles (rowid, title, body)"
	" SELECT id, title, body FROM search_docs WHERE title <> '';"
	"@END@"
	"@ON postgresql@"
	"CREATE INDEX search_docs_title ON search_docs"
	" USING GIN (to_tsvector('english', title)) WHERE title <> '';"
	"@END@";
/* clang-format on */

/*
 * m018: the tree reads each objective's KRs in their planned order; an index in
 * that order spares the sort (the roll-up's instruction count back to before
 * m010 added position). It covers what key_results_objective did.
 */
static const char m018[] =
	"CREATE INDEX key_results_position ON key_results(objective, position, id);"
	"DROP INDEX key_results_objective;";

/*
 * 19: a metric KR that measures itself (docs/sources.md): its source — a
 * Prometheus instant query, a SQL query on a PostgreSQL database, or a JSON URL
 * and a JSON pointer — read every every_s seconds. next_at is the claim: a
 * reader takes a source by moving next_at on from the value it read, so two
 * okra serve never read one source at once. The last reading (read_at, its
 * value) and the last error (error, error_at) are shown on the KR's page;
 * error_told says whether the KR's DRI has been told of this error, so each
 * distinct error is told once.
 */
static const char m019[] =
	"CREATE TABLE kr_sources ("
	" key_result BIGINT PRIMARY KEY REFERENCES key_results(id),"
	" kind TEXT NOT NULL CHECK (kind IN ('prometheus','postgres','json')),"
	" url TEXT NOT NULL,"
	" query TEXT NOT NULL,"
	" every_s BIGINT NOT NULL,"
	" next_at BIGINT NOT NULL DEFAULT 0,"
	" read_at BIGINT NULL,"
	" read_value DOUBLE PRECISION NULL,"
	" error TEXT NULL,"
	" error_at BIGINT NULL,"
	" error_told INTEGER NOT NULL DEFAULT 0,"
	" set_by BIGINT NULL REFERENCES people(id),"
	" set_at BIGINT NOT NULL);"
	"CREATE INDEX kr_sources_next ON kr_sources(next_at);";

/*
 * m020: the tree pages' "Update due" marks ask which KRs were checked in during the week's
 * window (store_krs_checked_in): without an index on the time that read every check-in ever
 * made (500,000 on the L bench company) each time a tree page was built after a write.
 */
static const char m020[] = "CREATE INDEX checkins_at ON checkins(at, source, key_result);";

const char *const schema_migrations[] = {m001, m002, m003, m004, m005, m006, m007,
					 m008, m009, m010, m011, m012, m013, m014,
					 m015, m016, m017, m018, m019, m020};
const size_t schema_nmigrations = sizeof(schema_migrations) / sizeof(schema_migrations[0]);

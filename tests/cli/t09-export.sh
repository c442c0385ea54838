#!/usr/bin/env bash
# t09-export.sh: the JSON export round-trips byte for byte through an import into an empty database, a refused import writes nothing, the CSV is RFC 4180 with formula cells neutralised, and okra backup makes a consistent copy.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-23
B=$(new_db b)
C=$(new_db c)

# to FILE CMD…: CMD's stdout into FILE, byte for byte (no $(…) trimming).
to() {
	local f=$1
	shift
	"$@" >"$f"
}

ok "the demo company" okra demo

# --- secrets stay out of exports ---------------------------------------------------------------
ok "a shown setting is set" okra setting set remind_at 08:30
ok "a webhook secret is set" okra setting set gitlab_webhook_secret s3cret-hook-value-1234
ok "a chat webhook with a token in its path is set" okra setting set chat_webhook https://chat.example/hooks/T0KEN-in-path
ok "export --format json with secrets set" to "$T/s.json" okra export --format json
check "the export holds neither the webhook secret nor the chat webhook's URL" \
	sh -c "! grep -q -e s3cret-hook-value -e T0KEN-in-path '$T/s.json'"
check "but keeps the settings that are shown" test "$(jq -r '[.tables.settings[].name] | index("remind_at") != null' "$T/s.json")" = true
ok "unset the secret again" okra setting set gitlab_webhook_secret ""
ok "and the chat webhook" okra setting set chat_webhook ""
ok "and the reminder time" okra setting set remind_at 09:00

# --- JSON: export, import into an empty database, export again --------------------------------
ok "export --format json" to "$T/a.json" okra export --format json
check "the export is one versioned document" \
	test "$(jq -r '[.okra_export, (.schema_version | type), (.tables | type)] | join(",")' "$T/a.json")" = "1,number,object"
check "every person is exported, password hashes kept and sessions left out" \
	test "$(jq '.tables.people | length' "$T/a.json")" = "$(okra --json person list | jq length)" -a \
	"$(jq '.tables.people[0] | has("pw_hash")' "$T/a.json")" = true -a \
	"$(jq '.tables | has("sessions")' "$T/a.json")" = false
ok "a new database" okra --db "$B" init
ok "import into the new database" okra --db "$B" import "$T/a.json"
ok "export the imported database" to "$T/b.json" okra --db "$B" export --format json
check "export, import, export is byte-identical" cmp -s "$T/a.json" "$T/b.json"
check "the imported tree is the same tree" \
	test "$(okra --json tree --cycle FY2026-Q4)" = "$(okra --db "$B" --json tree --cycle FY2026-Q4)"

# --- refusals: nothing is written -------------------------------------------------------------
refused "import into a non-empty database is refused" 'not empty.*new database' \
	okra import "$T/a.json"
ok "an empty database" okra --db "$C" init
head -c 2000 "$T/a.json" >"$T/cut.json"
jq '.tables.audit[-1].action = null' "$T/a.json" >"$T/late.json"
jq '.tables.people[0].id = "one"' "$T/a.json" >"$T/type.json"
A=$OKRA_DB
OKRA_DB=$C # refused compares this database before and after
refused "a truncated export is refused" 'not valid JSON' okra import "$T/cut.json"
refused "a bad last row (after every other table) is refused, all of it rolled back" \
	'audit row' okra import "$T/late.json"
refused "a wrongly typed value is refused" 'people row 1: id must be an integer' \
	okra import "$T/type.json"
OKRA_DB=$A
check "the refused imports left the new database empty" \
	test "$(okra --db "$C" --json person list | jq length)" = 0
refused "a member may not export the password hashes" 'only admins' \
	okra --as pat export --format json

# --- CSV --------------------------------------------------------------------------------------
ok "an objective whose title is a formula" \
	okra objective add --cycle FY2026-Q4 --dri pat --title "=cmd|' /C calc'!A0"
ok "the updated export" to "$T/a2.json" okra export --format json
for what in objectives key_results checkins; do
	ok "export --format csv --what $what" to "$T/$what.csv" okra export --format csv --what "$what"
	check "$what.csv: CRLF records, one per row plus the header (python3 csv)" \
		python3 - "$T/$what.csv" "$(jq ".tables.$what | length" "$T/a2.json")" <<'PY'
import csv, io, sys
data = open(sys.argv[1], newline="").read()
assert data.endswith("\r\n"), "records end with CRLF"
assert "\n" not in data.replace("\r\n", ""), "a bare LF outside a quoted field"
rows = list(csv.reader(io.StringIO(data, newline="")))
assert len(rows) == int(sys.argv[2]) + 1, (len(rows), sys.argv[2])
assert all(len(r) == len(rows[0]) for r in rows)
PY
done
check "the formula title comes out neutralised" python3 - "$T/objectives.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
titles = [r["title"] for r in rows]
assert "'=cmd|' /C calc'!A0" in titles, titles
assert not any(t[:1] in "=+-@\t\r" and t for t in titles)
PY
check "check-in counts match the --json reads" \
	test "$(python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1], newline="")) if r["key_result"] == "1"))' "$T/checkins.csv")" = \
	"$(okra --json kr show 1 | jq '.checkins | length')"

# --- files okra creates are its owner's only, whatever the umask --------------------------------
if ! is_pg; then
	(umask 022 && "$OKRA" --db "$T/modes.db" init >/dev/null && "$OKRA" --db "$T/modes.db" export --format json --out "$T/modes.json")
	check "a new database is created mode 0600 (SQLite gives its WAL the same)" test "$(stat -c %a "$T/modes.db")" = 600
	check "so is an export written with --out" test "$(stat -c %a "$T/modes.json")" = 600
fi

# --- backup -----------------------------------------------------------------------------------
if is_pg; then
	refused "okra backup on PostgreSQL points to pg_dump" 'pg_dump' okra backup "$T/backup.db"
	check "and writes no file" test ! -e "$T/backup.db"
	finish
	exit
fi
ok "okra backup FILE" okra backup "$T/backup.db"
check "the backup passes SQLite's integrity check" \
	test "$(sqlite3 "$T/backup.db" 'PRAGMA integrity_check')" = ok
check "the backup opens with the same data" \
	test "$(okra --json tree --cycle FY2026-Q4)" = "$(okra --db "$T/backup.db" --json tree --cycle FY2026-Q4)"
sum=$(sha256sum <"$T/backup.db")
refused "backup onto an existing file is refused" 'exists already.*--force' \
	okra backup "$T/backup.db"
check "the existing file is untouched" test "$(sha256sum <"$T/backup.db")" = "$sum"
ok "backup --force overwrites" okra backup "$T/backup.db" --force
# A backup killed half-way (here by the file-size limit: SIGXFSZ once the copy passes 64 KiB)
# must leave nothing at the target's name: no file that passes for a backup, none that blocks the next.
# (Under make memcheck the killed run's valgrind report goes aside: a process killed mid-copy
# holds its memory when it dies, which is no leak.)
mkdir "$T/killed" "$T/killed-vg"
(ulimit -f 64 && MEMCHECK_LOGS="$T/killed-vg" exec "$OKRA" backup "$T/killed/b.db") 2>/dev/null
check "a backup killed half-way leaves no file at the target's name" test ! -e "$T/killed/b.db"
ok "and the next backup to that name works" okra backup "$T/killed/b.db"
check "and is whole" test "$(sqlite3 "$T/killed/b.db" 'PRAGMA integrity_check')" = ok -a \
	"$(sqlite3 "$T/killed/b.db" 'SELECT count(*) FROM checkins')" = "$(sqlite3 "$OKRA_DB" 'SELECT count(*) FROM checkins')"
check "the backup is readable by its owner only" test "$(stat -c %a "$T/killed/b.db")" = 600
refused "a member may not back up" 'only admins' okra --as pat backup "$T/other.db"
check "a refused backup leaves no file" test ! -e "$T/other.db"

finish

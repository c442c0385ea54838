#!/usr/bin/env bash
# t10-migrate.sh: okra migrate --to copies the demo company from SQLite into an empty database (PostgreSQL on the PostgreSQL pass) and back, losslessly: same JSON export byte for byte, same tree, counts and checksums printed and matching; a non-empty target is refused and left as it was.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-23
SRC="$T/source.db" # always SQLite: the migration this command exists for
DST=$(new_db target)
BACK="$T/back.db"

ok "the demo company in SQLite" okra --db "$SRC" demo
ok "export it" okra --db "$SRC" export --format json
printf '%s\n' "$out" >"$T/src.json"

ok "migrate --to an empty database" okra --db "$SRC" migrate --to "$DST"
check "one line per table, with rows and a SHA-256" \
	test "$(printf '%s\n' "$out" | grep -cE '^[a-z_]+ +[0-9]+  sha256 [0-9a-f]{64}$')" = 27
check "it says the counts and checksums match" grep -q 'counts and checksums match' <<<"$err"
check "the check-ins were all counted" \
	test "$(printf '%s\n' "$out" | awk '$1 == "checkins" {print $2}')" = "$(jq '.tables.checkins | length' "$T/src.json")"
ok "export the target" okra --db "$DST" export --format json
printf '%s\n' "$out" >"$T/dst.json"
check "the target's JSON export is byte-identical to the source's" cmp -s "$T/src.json" "$T/dst.json"
check "the tree is the same" \
	test "$(okra --db "$SRC" --json tree --cycle FY2026-Q4)" = "$(okra --db "$DST" --json tree --cycle FY2026-Q4)"
check "the demo passwords still sign in (hashes copied)" \
	test "$(okra --db "$DST" --json person list | jq length)" = "$(okra --db "$SRC" --json person list | jq length)"
ok "the target takes new writes after the copied ids" \
	okra --db "$DST" --as pat checkin 11 --value 40 --health on_track
check "the new check-in got the next id" \
	test "$(okra --db "$DST" --json kr show 11 | jq '.checkins | map(.id) | max')" -gt \
	"$(okra --db "$SRC" --json kr show 11 | jq '.checkins | map(.id) | max')"

# Back again: the target is now the source (PostgreSQL into SQLite on that pass).
ok "migrate back into a new SQLite file" okra --db "$DST" migrate --to "$BACK"
ok "export the copy of the copy" okra --db "$BACK" export --format json
printf '%s\n' "$out" >"$T/back.json"
ok "and the target's own" okra --db "$DST" export --format json
check "the round trip is byte-identical too" cmp -s <(printf '%s\n' "$out") "$T/back.json"

# --- refusals ---------------------------------------------------------------------------------
OKRA_DB=$DST # refused compares this database before and after
refused "a non-empty target is refused, naming a table" 'is not empty \(.* has [0-9]+ rows\)' \
	okra --db "$SRC" migrate --to "$DST"
OKRA_DB=$SRC
refused "a member may not copy the database" 'only admins' okra --as pat migrate --to "$(new_db member)"
usage "--to is required" okra migrate
refused "an unreachable server is one line, without the password" 'cannot connect to PostgreSQL' \
	okra migrate --to "postgresql://okra:hunter2@127.0.0.1:1/okra"
check "the password is not in the message" test "$(grep -c hunter2 <<<"$err")" = 0

finish

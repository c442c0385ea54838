# lib.sh: what every CLI test script shares: a fresh database, assertions, the closing count.
#
# Each script sources this, then calls the helpers; `finish` prints "N passed, N failed".
#   ok NAME CMD…               CMD exits 0 (its stdout is kept in $out)
#   refused NAME PATTERN CMD…  CMD exits 1, says one line on stderr matching PATTERN,
#                              and the database is byte-for-byte what it was before
#   usage NAME CMD…            CMD exits 2
#   check NAME TEST…           TEST (a shell test) holds
# The binary is $OKRA (tests/run sets it per build); the clock is OKRA_NOW.
# The engine is SQLite, or PostgreSQL when OKRA_TEST_PG holds a server's base URI
# (tests/run starts one with tests/pg): then every database is a fresh one there.
#   new_db NAME                a new empty database (a path, or a PostgreSQL URI)
#   sql QUERY [DB]             QUERY's rows, one per line, columns split by |
#   db_dump [DB]               every row as text, for grepping
#   is_pg                      true on PostgreSQL

set -u
OKRA=${OKRA:-build/release/okra}
case $OKRA in /*) ;; *) OKRA="$PWD/$OKRA" ;; esac
T=$(mktemp -d)
PG=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pg
_dbs=
_cleanup() {
	local d
	for d in $_dbs; do
		"$PG" dropdb "$d"
	done
	rm -rf "$T"
}
trap _cleanup EXIT

is_pg() {
	[ -n "${OKRA_TEST_PG:-}" ]
}

new_db() {
	local uri
	if is_pg; then
		uri=$("$PG" newdb "$OKRA_TEST_PG") || return 1
		_dbs="$_dbs $uri"
		echo "$uri"
	else
		echo "$T/$1.db"
	fi
}

if is_pg; then
	OKRA_DB=$("$PG" newdb "$OKRA_TEST_PG") || exit 1
	_dbs=$OKRA_DB
else
	OKRA_DB="$T/okra.db"
fi
export OKRA_DB
unset OKRA_USER
export OKRA_NOW=${OKRA_NOW:-2026-11-23}
pass=0
fail=0
out=
err=

okra() {
	"$OKRA" "$@"
}

sql() {
	if is_pg; then
		psql -X -q -At -v ON_ERROR_STOP=1 "${2:-$OKRA_DB}" -c "$1"
	else
		sqlite3 "${2:-$OKRA_DB}" "$1"
	fi
}

db_dump() {
	if is_pg; then
		# (it warns that cycles and objectives refer to themselves: true, and harmless here)
		pg_dump --data-only --no-owner "${1:-$OKRA_DB}" 2>/dev/null
	else
		sqlite3 "${1:-$OKRA_DB}" .dump
	fi
}

# A digest of every row of every table: what "the database is unchanged" means.
# PostgreSQL's sequences are left out (a rolled-back insert still uses up an id), and
# so are pg_dump's comments and its per-run random \restrict key.
db_digest() {
	if is_pg; then
		db_dump | grep -v -e '^--' -e 'pg_catalog.setval' -e '^\\restrict' -e '^\\unrestrict' |
			sha256sum | cut -d' ' -f1
	elif [ -f "$OKRA_DB" ]; then
		sqlite3 "$OKRA_DB" .dump | sha256sum | cut -d' ' -f1
	else
		echo none
	fi
}

_pass() {
	pass=$((pass + 1))
}

_fail() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	shift
	for line in "$@"; do
		echo "  $line"
	done
}

ok() {
	local name=$1 rc
	shift
	out=$("$@" 2>"$T/stderr")
	rc=$?
	err=$(cat "$T/stderr")
	if [ "$rc" -eq 0 ]; then
		_pass
	else
		_fail "$name" "exit $rc: $*" "stderr: $err"
	fi
}

refused() {
	local name=$1 pattern=$2 rc before after lines
	shift 2
	before=$(db_digest)
	out=$("$@" 2>"$T/stderr")
	rc=$?
	err=$(cat "$T/stderr")
	after=$(db_digest)
	lines=$(wc -l <"$T/stderr")
	if [ "$rc" -ne 1 ]; then
		_fail "$name" "expected exit 1, got $rc: $*" "stderr: $err"
	elif [ "$lines" -ne 1 ]; then
		_fail "$name" "expected one line on stderr, got $lines" "$err"
	elif ! printf '%s' "$err" | grep -Eq -- "$pattern"; then
		_fail "$name" "stderr does not match /$pattern/" "$err"
	elif [ "$before" != "$after" ]; then
		_fail "$name" "the database changed on a refused command: $*"
	else
		_pass
	fi
}

usage() {
	local name=$1 rc
	shift
	out=$("$@" 2>"$T/stderr")
	rc=$?
	err=$(cat "$T/stderr")
	if [ "$rc" -eq 2 ]; then
		_pass
	else
		_fail "$name" "expected exit 2, got $rc: $*" "stderr: $err"
	fi
}

check() {
	local name=$1
	shift
	if "$@"; then
		_pass
	else
		_fail "$name" "does not hold: $*"
	fi
}

# A value out of JSON on stdin: jget '.key_results[0].progress'.
jget() {
	jq -r "$1"
}

finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

#!/usr/bin/env bash
# t12-store-faults.sh: a store in trouble says so in words a person can act on: okra check names
# each problem of a damaged database (bytes flipped: SQLite; okra's invariants broken by hand:
# either engine) and okra serve refuses to serve one; a full disk is "no space left" with the
# bytes free and needed, not "disk I/O error" (SQLite; the full disk is a tiny tmpfs, so that part
# needs root and is skipped without it).
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-23

# --- okra check ---------------------------------------------------------------------------------
ok "the demo company" okra demo
ok "okra check on a sound database" okra check
check "says nothing" test -z "$out"
ok "okra check --quick too" okra check --quick

if ! is_pg; then
	cp "$OKRA_DB" "$T/bad.db"
	# A page header in the middle of the file: the file still opens, the page does not hold.
	printf '\015\377\377\000\001' | dd of="$T/bad.db" bs=1 seek=$((4096 * 30)) conv=notrunc status=none
	"$OKRA" --db "$T/bad.db" check >"$T/out" 2>"$T/err"
	check "okra check on flipped bytes exits 1" test $? -eq 1
	check "one line per problem, the page named" grep -q "^integrity: Page 31" "$T/out"
	check "and the count on stderr points to a backup" grep -q "problem.* found: restore the last good backup" "$T/err"
	"$OKRA" --db "$T/bad.db" check --quick >"$T/out" 2>"$T/err"
	check "okra check --quick finds it too" test $? -eq 1
	sum=$(sha256sum <"$T/bad.db")
	# It listens while the quick check runs beside it (writes held), then stops: see t38 for a
	# write sent meanwhile.
	timeout 20 "$OKRA" --db "$T/bad.db" serve --listen 127.0.0.1:0 --no-reminders >"$T/out" 2>"$T/err"
	check "okra serve refuses a damaged database (exit 1, not serving)" test $? -eq 1
	check "and says so, pointing to okra backup and okra check" \
		grep -q "is damaged (integrity: Page 31.*not serving it; restore the last backup (okra backup makes one) and run okra check" "$T/err"
	check "and leaves the damaged file's bytes as they were" test "$(sha256sum <"$T/bad.db")" = "$sum"
fi

# okra's own invariants, broken past the app's checks (a hand edit, a bad import): either engine.
ok "criteria that contribute more than 100 to a KR" sql "UPDATE criteria SET contribution = 100"
pair=$(sql "SELECT id, parent FROM objectives WHERE parent IS NOT NULL ORDER BY id LIMIT 1")
ok "an objective that is its own ancestor" sql "UPDATE objectives SET parent = ${pair%|*} WHERE id = ${pair#*|}"
"$OKRA" check >"$T/out" 2>"$T/err"
check "okra check exits 1" test $? -eq 1
check "names a KR whose criteria are over 100" grep -Eq "^key result [0-9]+: its criteria contribute [0-9.]+ \(at most 100\)$" "$T/out"
check "names the objectives in the loop" grep -q "^objective ${pair#*|}: its parents lead back to it$" "$T/out"
check "every line is a problem (no integrity line: the pages are fine)" sh -c "! grep -q '^integrity' '$T/out'"

# --- a full disk --------------------------------------------------------------------------------
if ! is_pg && [ "$(id -u)" -eq 0 ] && mkdir -p "$T/full" && mount -t tmpfs -o size=1m tmpfs "$T/full" 2>/dev/null; then
	ok "a demo database" okra --db "$T/demo.db" demo
	cp "$T/demo.db" "$T/full/okra.db"
	# Stopped cleanly: no WAL left. Then the last byte of the device is taken.
	head -c 100000000 /dev/zero >"$T/full/filler" 2>/dev/null
	check "the device is full" test "$(df -B1 --output=avail "$T/full" | tail -n 1 | tr -d ' ')" -eq 0
	"$OKRA" --db "$T/full/okra.db" team add x --name X >"$T/out" 2>"$T/err"
	check "a write on a full device fails" test $? -eq 1
	check "and says no space left, the bytes free and how many are needed" \
		grep -Eq "no space left on the device holding .*okra.db: 0 bytes free, at least [0-9]+ needed" "$T/err"
	check "not 'disk I/O error'" sh -c "! grep -q 'disk I/O error' '$T/err'"
	timeout 20 "$OKRA" --db "$T/full/okra.db" serve --listen 127.0.0.1:0 >"$T/out" 2>"$T/err"
	check "okra serve on a full device exits 1" test $? -eq 1
	check "and says no space left too" grep -q "no space left on the device holding" "$T/err"
	rm -f "$T/full/filler"
	ok "with space again the same write works" okra --db "$T/full/okra.db" team add x --name X
	umount "$T/full"
fi

finish

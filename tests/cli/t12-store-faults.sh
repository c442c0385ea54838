#!/usr/bin/env bash
# t12-store-faults.sh: a store in trouble says so in words a person can act on: a full disk is
# "no space left" with the bytes free and needed, not "disk I/O error" (SQLite; the full disk is a
# tiny tmpfs, so that part needs root and is skipped without it).
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-23

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

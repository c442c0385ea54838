#!/usr/bin/env bash
# t14-demo-week.sh: the demo loaded on any day of the week shows a realistic week (R15): some
# people have done the update that counts for the nearest update day and some still owe it —
# never everyone owing (as on a Sunday or Monday when the demo's last week was the one before)
# and never no one; and no update is dated after the moment the demo was loaded.
. "$(dirname "$0")/lib.sh"

EVERYONE="alex sam jordan pat rio kim dana lou"
for day in 2026-11-22:Sunday 2026-11-23:Monday 2026-11-24:Tuesday 2026-11-25:Wednesday \
	2026-11-28:Saturday; do
	d=${day%%:*}
	name=${day#*:}
	db=$(new_db "demo-$d")
	export OKRA_NOW=$d
	ok "$name: the demo loads" okra --db "$db" demo --password okra-demo-password
	ok "$name: okra due" okra --db "$db" due
	due=$out
	check "$name: due is for the week of Wednesday 2026-11-25" grep -q "Wednesday 2026-11-25" <<<"$due"
	owing=0
	done_=0
	for h in $EVERYONE; do
		if grep -q "^  $h " <<<"$due"; then owing=$((owing + 1)); else done_=$((done_ + 1)); fi
	done
	check "$name: some people owe this week's update ($owing)" test "$owing" -ge 1
	check "$name: some people have done it ($done_)" test "$done_" -ge 2
	# Nothing from the future: KR 9's latest check-in (Rio's) is dated no later than the clock.
	at=$(okra --db "$db" --json kr show 9 | jget .source.at)
	check "$name: KR 9's last check-in ($at) is not after $d" test "$(printf '%s\n%s\n' "${at:0:10}" "$d" | sort | tail -1)" = "$d"
	check "$name: Rio's KR 9 was updated in this week's window" test "$(printf '%s\n%s\n' "${at:0:10}" 2026-11-22 | sort | head -1)" = 2026-11-22
done
finish

#!/usr/bin/env bash
# t13-content.sh: what the CLI says agrees with the API and the pages: on the demo company, a
# criteria KR's forecast is never more than all of it (the tree's text and JSON, kr show), and a
# refusal keeps its rule code and the command to type, which only the CLI shows.
. "$(dirname "$0")/lib.sh"

has() { printf '%s' "$1" | grep -qF -- "$2"; }
# The percentages of every "forecast N%" in a text.
forecasts() { printf '%s' "$1" | grep -o 'forecast [0-9]*%' | tr -dc '0-9\n'; }

ok "the demo company" okra demo --password okra-demo-password
ok "the quarter's tree" okra tree --cycle FY2026-Q4
line=$(printf '%s\n' "$out" | grep 'Ship one-click environment provisioning')
f=$(forecasts "$line")
check "the criteria KR #12 has a forecast" test -n "$f"
check "the criteria KR #12's forecast is at most 100% (was 114%)" test "${f:-999}" -le 100
ok "KR #12 as JSON" okra --json kr show 12
fj=$(printf '%s' "$out" | jget .forecast)
check "KR #12's JSON forecast is within 0..1 ($fj)" test "$(awk -v f="$fj" 'BEGIN{print (f >= 0 && f <= 1) ? 1 : 0}')" = 1
for day in 2026-10-21 2026-10-28 2026-11-04 2026-11-11; do
	ok "the tree as of $day" okra tree --cycle FY2026-Q4 --as-of "$day"
	f=$(forecasts "$(printf '%s\n' "$out" | grep 'Ship one-click environment provisioning')")
	check "as of $day, the criteria KR's forecast is at most 100%" test "${f:-0}" -le 100
done

# The CLI keeps the rule code and the command to type; the API and the pages say it in words.
refused "closing without a final retro names the rule and the command" \
	'has no final retro \(R11\): write one first with okra retro 4' okra --as pat objective close 4
refused "an unknown cycle points to the list" 'no cycle FY2099 \(see: okra cycle list\)' okra tree --cycle FY2099
finish

#!/usr/bin/env bash
# t06-history.sh: okra tree --as-of — the tree as it stood at the end of a day, rebuilt from the check-in and status history (R8, R10, R11).
. "$(dirname "$0")/lib.sh"

near() { awk -v a="$1" -v b="$2" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(d<1e-9)}'; }
week() { export OKRA_NOW=$1; }
# The tree as of day $1 as JSON, kept in $T/tree.json; q Q prints jq query Q over it;
# obj ID Q and kr ID Q run Q on one objective or KR found anywhere in it.
tree_as_of() { okra --json tree --cycle FY2027-Q3 --as-of "$1" >"$T/tree.json"; }
q() { jget "$1" <"$T/tree.json"; }
obj() { q "[.. | objects | select(has(\"key_results\") and .id == $1)][0] | $2"; }
kr() { q "[.. | objects | select(has(\"target\") and .id == $1)][0] | $2"; }
pct() { near "$(obj "$1" .progress)" "$2"; }
krpct() { near "$(kr "$1" .progress)" "$2"; }

# --- a quarter (FY2027-Q3 = 2026-08-01 … 2026-10-31) with check-ins on four Wednesdays --------
week 2026-08-03
ok "init" okra init
ok "the first admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a DRI" okra person add pat --name "Pat Platforms" --joined 2023-01-01
ok "a team" okra team add plat --name "Platform" --member pat
ok "the year and its quarters" okra cycle year FY2027 --start 2026-02-01
ok "company objective A" okra objective add --cycle FY2027-Q3 --dri ada --title "Ship the platform"
A=$out
ok "KR1 metric 0 → 100" okra kr add "$A" --title "Adoption" --dri pat --unit % --start 0 --target 100
K1=$out
ok "KR2 criteria" okra kr add "$A" --title "Automate" --dri pat --criteria
K2=$out
ok "KR2 criterion 60%" okra criterion add "$K2" --ref 'plat/infra#1' --contribution 60
ok "KR2 criterion 40%" okra criterion add "$K2" --ref 'plat/infra#2' --contribution 40
ok "workstream objective B aligned to A" okra objective add --cycle FY2027-Q3 --team plat --parent "$A" --dri pat --title "Faster pages"
B=$out
ok "KR3 metric 800 → 200 ms" okra kr add "$B" --title "p95 latency" --dri pat --unit ms --start 800 --target 200
K3=$out

week 2026-08-05
ok "R8 Wed 1: KR1 at 20" okra --as pat checkin "$K1" --value 20 --health on_track
ok "R9 Wed 1: the 60% criterion closes (a check-in records 0.6)" okra criterion close 'plat/infra#1'
ok "R8 Wed 1: KR3 at 650" okra --as pat checkin "$K3" --value 650 --health needs_attention
ok "R8 Wed 1: A's status" okra status "$A" --health on_track --line "$K1=adoption up" --line "$K2=half done"

week 2026-08-12
ok "R8 Wed 2: KR1 at 50" okra --as pat checkin "$K1" --value 50 --health at_risk
ok "R8 Wed 2: KR3 at 500" okra --as pat checkin "$K3" --value 500 --health on_track
ok "R8 Wed 2: A's status" okra status "$A" --health needs_attention --line "$K1=slower" --line "$K2=waiting"

week 2026-08-19
ok "KR4 added on the third Wednesday: 0 → 10" okra kr add "$A" --title "Docs pages" --dri pat --unit pages --start 0 --target 10
K4=$out
ok "R8 Wed 3: KR4 at 5" okra --as pat checkin "$K4" --value 5 --health on_track
ok "R8 Wed 3: KR1 at 80" okra --as pat checkin "$K1" --value 80 --health on_track

week 2026-08-26
ok "R9 Wed 4: the 40% criterion closes" okra criterion close 'plat/infra#2'
ok "R8 Wed 4: KR3 reaches 200" okra --as pat checkin "$K3" --value 200 --health on_track
ok "R11 B's final retro" okra --as pat retro "$B" --good "Cache" --good "CDN" --bad "Late" --bad "Flaky" \
	--try "Budget" --try "Alerts" --final
ok "R11 B closes on 2026-08-26" okra --as pat objective close "$B"

week 2026-09-01

# --- now ----------------------------------------------------------------------------------------
ok "the tree now" okra --json tree --cycle FY2027-Q3
printf '%s' "$out" >"$T/tree.json"
check "the tree now says as_of null" test "$(q .as_of)" = null
check "R10 now: A = (0.8 + 1 + 0.5 + 1) / 4 = 0.825" pct "$A" 0.825
check "R11 now: B is closed and achieved" test "$(obj "$B" '"\(.state) \(.achieved)"')" = "closed true"

# --- as of 2026-08-04: everything created, nothing checked in -----------------------------------
ok "tree --as-of 2026-08-04" tree_as_of 2026-08-04
check "as_of is echoed" test "$(q .as_of)" = 2026-08-04
check "the cycle is named" test "$(q .cycle.name)" = FY2027-Q3
check "R10 2026-08-04: A at 0" pct "$A" 0
check "R2 2026-08-04: KR1's current is its start" test "$(kr "$K1" .current)" = 0
check "R2 2026-08-04: KR3's current is its start, 800" test "$(kr "$K3" .current)" = 800
check "R9 2026-08-04: KR2 at 0 (no check-in yet), though both criteria are closed now" krpct "$K2" 0
check "R12 2026-08-04: no health said yet on KR1 or A" test "$(kr "$K1" .health) $(obj "$A" .health)" = "none none"
check "2026-08-04: KR4 (created 2026-08-19) is absent" test "$(obj "$A" '.key_results | map(.id) | join(",")')" = "$K1,$K2"
check "R11 2026-08-04: B is active" test "$(obj "$B" '"\(.state) \(.achieved)"')" = "active false"

# --- as of 2026-08-05 (the first Wednesday, end of day) -----------------------------------------
ok "tree --as-of 2026-08-05" tree_as_of 2026-08-05
check "R2 2026-08-05: KR1 current 20, progress 0.2" test "$(kr "$K1" '"\(.current) \(.progress)"')" = "20 0.2"
check "R9 2026-08-05: KR2 at the 0.6 its check-in recorded" krpct "$K2" 0.6
check "R2 2026-08-05: KR3 650 → (650-800)/(200-800) = 0.25" test "$(kr "$K3" '"\(.current) \(.progress)"')" = "650 0.25"
check "R12 2026-08-05: KR3's health from its check-in" test "$(kr "$K3" .health)" = needs_attention
check "R8 2026-08-05: A's health from its status" test "$(obj "$A" .health)" = on_track
check "R10 2026-08-05: B = 0.25" pct "$B" 0.25
check "R10 2026-08-05: A = (0.2 + 0.6 + 0.25) / 3 = 0.35" pct "$A" 0.35

# --- as of 2026-08-18 (the day before the third Wednesday) --------------------------------------
ok "tree --as-of 2026-08-18" tree_as_of 2026-08-18
check "R2 2026-08-18: KR1 at 0.5 (the 2026-08-12 check-in)" test "$(kr "$K1" '"\(.current) \(.progress) \(.health)"')" = "50 0.5 at_risk"
check "R8 2026-08-18: A's health from the 2026-08-12 status" test "$(obj "$A" .health)" = needs_attention
check "2026-08-18: KR4 is still absent" test "$(obj "$A" '.key_results | length')" = 2
check "R10 2026-08-18: A = (0.5 + 0.6 + 0.5) / 3" pct "$A" "$(awk 'BEGIN{printf "%.17g", 1.6/3}')"

# --- as of 2026-08-19: KR4 exists --------------------------------------------------------------
ok "tree --as-of 2026-08-19" tree_as_of 2026-08-19
check "2026-08-19: KR4 is there, at 0.5" test "$(obj "$A" '.key_results | map(.id) | join(",")') $(kr "$K4" .progress)" = "$K1,$K2,$K4 0.5"
check "R10 2026-08-19: A = (0.8 + 0.6 + 0.5 + 0.5) / 4 = 0.6" pct "$A" 0.6

# --- as of 2026-08-25 / 2026-08-26: B closes on the 26th ----------------------------------------
ok "tree --as-of 2026-08-25" tree_as_of 2026-08-25
check "R11 2026-08-25: B, closed the next day, shows active" test "$(obj "$B" '"\(.state) \(.achieved)"')" = "active false"
ok "tree --as-of 2026-08-26" tree_as_of 2026-08-26
check "R11 2026-08-26: B is closed and achieved" test "$(obj "$B" '"\(.state) \(.achieved)"')" = "closed true"
check "R10 2026-08-26: A = 0.825, as now" pct "$A" 0.825

# --- the day by default, text output, refusals -------------------------------------------------
ok "tree --as-of without --cycle: the quarter containing the day" okra --json tree --as-of 2026-07-15
check "2026-07-15 lies in FY2027-Q2, which has no objectives" test "$(printf '%s' "$out" | jget '"\(.cycle.name) \(.as_of) \(.objectives | length)"')" = "FY2027-Q2 2026-07-15 0"
ok "text output says the day" okra tree --as-of 2026-08-05
check "the text names the day" test "$(printf '%s' "$out" | head -n 1)" = "As it stood at the end of 2026-08-05 (from the check-in history)"
check "the text shows A at 35% and B at 25%" test "$(printf '%s' "$out" | grep -cE ' 35%  #[0-9]+ Ship the platform$| 25%  #[0-9]+ Faster pages$')" = 2
refused "as of a day after today is refused" "as of 2026-09-02 is in the future" okra tree --as-of 2026-09-02
refused "as of a day before the cycle is refused" "before FY2027-Q3 starts \\(2026-08-01\\)" okra tree --cycle FY2027-Q3 --as-of 2026-07-31
refused "a date that is not one is refused" "--as-of must be a real date" okra tree --as-of 2026-02-30
refused "a date in another shape is refused" "--as-of must be a real date" okra tree --as-of 08/05/2026
usage "--as-of needs a value" okra tree --as-of

finish

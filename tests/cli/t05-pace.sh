#!/usr/bin/env bash
# t05-pace.sh: pace (expected progress by date, the health it suggests, the disagreement flag), the KR forecast and the final score at close, in the CLI's JSON and text.
. "$(dirname "$0")/lib.sh"

# near A B: |A - B| < 1e-9.
near() { awk -v a="$1" -v b="$2" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(d<1e-9)}'; }
krshow() { okra --json kr show "$1" | jget "$2"; }
show() { okra --json objective show "$1" | jget "$2"; }
has() { printf '%s' "$1" | grep -qF -- "$2"; }

# A cycle of exactly 100 days, 2026-07-01 .. 2026-10-08: day 50 (2026-08-19) is halfway.
export OKRA_NOW=2026-06-20
ok "init" okra init
ok "an admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a member" okra person add pat --name "Pat" --joined 2021-01-01
ok "a team" okra team add web --name "Web" --member pat
ok "a 100-day quarter" okra cycle add Q --kind quarter --start 2026-07-01 --end 2026-10-08
ok "a workstream objective" okra --as pat objective add --cycle Q --team web --dri pat --title "Fast pages"
O=$out
ok "a decreasing KR: p95 from 800 ms to 200 ms" okra kr add "$O" --title "p95" --dri pat --unit ms --start 800 --target 200
K=$out
ok "a second KR for vertical data" okra kr add "$O" --title "Errors" --dri pat --unit % --start 0 --target 10
K2=$out

# --- before the cycle starts --------------------------------------------------------------------
check "before the start nothing is expected (0)" near "$(krshow "$K" .pace.expected)" 0
check "before the start the gap is the progress (0)" near "$(krshow "$K" .pace.gap)" 0
check "before the start pace suggests on_track" test "$(krshow "$K" .pace.suggested_health)" = on_track
check "no check-in: no forecast (null)" test "$(krshow "$K" .forecast)" = null
check "no health recorded never disagrees" test "$(krshow "$K" .pace.disagrees)" = false

# --- check-ins --------------------------------------------------------------------------------
OKRA_NOW=2026-07-20 ok "day 20: 680 ms (progress 0.2)" okra --as pat checkin "$K" --value 680 --health on_track
OKRA_NOW=2026-07-20 check "a single check-in gives no forecast" test "$(krshow "$K" .forecast)" = null
OKRA_NOW=2026-08-19 ok "day 50, halfway: 500 ms (progress 0.5)" okra --as pat checkin "$K" --value 500 --health on_track

export OKRA_NOW=2026-08-19
check "halfway: progress 0.5" near "$(krshow "$K" .progress)" 0.5
check "halfway: expected 0.5 (50 of 100 days, the day itself counted)" near "$(krshow "$K" .pace.expected)" 0.5
check "halfway at 500: gap 0" near "$(krshow "$K" .pace.gap)" 0
check "halfway at 500: pace suggests on_track" test "$(krshow "$K" .pace.suggested_health)" = on_track
check "halfway at 500: on_track agrees with pace" test "$(krshow "$K" .pace.disagrees)" = false
# Least squares through (day 19, 0.2) and (day 49, 0.5), read at the end of day 100: 0.5 + 0.01 × 51.
check "forecast: the check-ins' line at the end of the cycle is 1.01" near "$(krshow "$K" .forecast)" 1.01
ok "kr show (text)" okra kr show "$K"
check "kr show says the expected pace" has "$out" "expected 50%, on pace"
check "kr show says the forecast and its date" has "$out" "forecast 101% by 2026-10-08"
check "kr show has no flag when health agrees" bash -c '! printf "%s" "$1" | grep -q "⚑"' _ "$out"

# --- twenty days later, no new check-in ---------------------------------------------------------
export OKRA_NOW=2026-09-08
check "day 70: expected 0.7" near "$(krshow "$K" .pace.expected)" 0.7
check "day 70 still at 500: gap -0.2" near "$(krshow "$K" .pace.gap)" -0.2
check "gap -0.2 (below -0.10, not below -0.25): needs_attention" test "$(krshow "$K" .pace.suggested_health)" = needs_attention
check "the DRI's on_track is better than pace: disagrees" test "$(krshow "$K" .pace.disagrees)" = true
check "the forecast does not move without a check-in" near "$(krshow "$K" .forecast)" 1.01
ok "kr show (text)" okra kr show "$K"
check "kr show: pace's suggestion when it differs" has "$out" "expected 70%, 20 points behind · pace says needs attention"
check "kr show: the disagreement mark" has "$out" "⚑ health disagrees with pace"
ok "objective show (text)" okra objective show "$O"
check "objective show: the objective's expected pace" has "$out" "expected 70%, 45 points behind"
check "objective show: the KR line carries the mark and the forecast" has "$out" "⚑ health disagrees with pace · forecast 101% by 2026-10-08"
ok "tree (text)" okra tree --cycle Q
check "tree: the mark and the forecast" has "$out" "⚑ health disagrees with pace · forecast 101% by 2026-10-08"
check "tree: the objective's pace" has "$out" "expected 70%, 45 points behind · pace says at risk"
# The objective: KRs 0.5 and 0 (weights 1): 0.25; gap 0.25 - 0.7 = -0.45.
check "objective JSON: progress 0.25" near "$(show "$O" .progress)" 0.25
check "objective JSON: expected 0.7" near "$(show "$O" .pace.expected)" 0.7
check "objective JSON: gap -0.45" near "$(show "$O" .pace.gap)" -0.45
check "objective JSON: at_risk" test "$(show "$O" .pace.suggested_health)" = at_risk
check "objective JSON: no status yet, no disagreement" test "$(show "$O" .pace.disagrees)" = false
check "objective JSON: KRs carry pace and forecast" near "$(show "$O" '.key_results[0].forecast')" 1.01
ok "the DRI says on_track" okra --as pat status "$O" --health on_track --line "$K=Slower than hoped" --line "$K2=Not started"
check "objective on_track against at_risk: disagrees" test "$(show "$O" .pace.disagrees)" = true
check "objective list JSON carries pace" test "$(okra --json objective list --cycle Q | jget '.[0].pace.suggested_health')" = at_risk

# --- vertical data: several check-ins at one instant --------------------------------------------
ok "a check-in" okra --as pat checkin "$K2" --value 1 --health needs_attention
ok "another at the same instant" okra --as pat checkin "$K2" --value 3 --health needs_attention
check "check-ins at one instant only: no forecast" test "$(krshow "$K2" .forecast)" = null
# 0.3 on day 70: gap -0.4, at_risk; the DRI's needs_attention is better by one level.
check "0.3 on day 70: at_risk" test "$(krshow "$K2" .pace.suggested_health)" = at_risk
check "needs_attention against at_risk (better by one): disagrees" test "$(krshow "$K2" .pace.disagrees)" = true

# --- after the end ------------------------------------------------------------------------------
export OKRA_NOW=2026-10-20
check "after the end: expected 1" near "$(krshow "$K" .pace.expected)" 1
check "after the end at 0.5: gap -0.5, at_risk" test "$(krshow "$K" .pace.suggested_health)" = at_risk

# --- the final score at close -------------------------------------------------------------------
check "final_score is null until closed" test "$(show "$O" .final_score)" = null
check "final_reason is null until closed" test "$(show "$O" .final_reason)" = null
ok "a final retro" okra --as pat retro "$O" --good a --good b --bad c --bad d --try e --try f --final
refused "a score above 1 is refused" 'final score is a fraction from 0 to 1' okra --as pat objective close "$O" --score 1.2
refused "a negative score is refused" 'final score is a fraction from 0 to 1' okra --as pat objective close "$O" --score -0.1
refused "a score that is no number is refused" 'score must be a decimal number' okra --as pat objective close "$O" --score lots
refused "a reason over 500 bytes is refused" 'at most 500 bytes, not 501' okra --as pat objective close "$O" --score 0.5 --reason "$(printf 'x%.0s' $(seq 501))"
ok "close with a score and a reason" okra --as pat objective close "$O" --score 0.8 --reason "Latency halved; errors work moved to Q4"
check "final_score 0.8" near "$(show "$O" .final_score)" 0.8
check "final_reason as written" test "$(show "$O" .final_reason)" = "Latency halved; errors work moved to Q4"
check "closed" test "$(show "$O" .state)" = closed
ok "objective show (text)" okra objective show "$O"
check "objective show: the final score next to progress" has "$out" "closed · final score 80% (Latency halved; errors work moved to Q4)"

# Without a score the progress at close is recorded, clamped to 1.
ok "an objective to overshoot" okra --as pat objective add --cycle Q --team web --dri pat --title "Overshoot"
O2=$out
ok "its KR" okra kr add "$O2" --title "Signups" --dri pat --unit n --start 0 --target 100
ok "a check-in at 150 (progress 1.5)" okra --as pat checkin "$out" --value 150 --health on_track
ok "its final retro" okra --as pat retro "$O2" --good a --good b --bad c --bad d --try e --try f --final
ok "close without a score" okra --as pat objective close "$O2"
check "no score given: the progress at close, clamped (1)" near "$(show "$O2" .final_score)" 1
check "no reason given: null" test "$(show "$O2" .final_reason)" = null
refused "closing twice is refused" 'already closed' okra --as pat objective close "$O2" --score 0.2

finish

#!/usr/bin/env bash
# t12-corrections.sh: corrections with history kept — a check-in or status amended or retracted
# by its author or a leader until the next update day (the KR and the roll-up following), a
# closed objective reopened, criteria, initiatives and links removed, a draft objective or its
# KRs deleted; each audited with the original.
. "$(dirname "$0")/lib.sh"

week() { export OKRA_NOW=$1; }
# obj FILTER: one value out of `okra --json objective show 1`.
obj() { okra --json objective show "${2:-1}" | jget "$1"; }
# audit ENTITY ID: the actions of its audit rows, oldest first.
audit() { sql "SELECT action FROM audit WHERE entity = '$1' AND entity_id = $2 ORDER BY id" | tr '\n' ' '; }
before() { sql "SELECT before_json FROM audit WHERE entity = '$1' AND entity_id = $2 AND action = '$3' ORDER BY id DESC LIMIT 1"; }

week 2026-11-25 # a Wednesday, the update day
ok "init" okra init
ok "the first admin" okra person add ada --name Ada --role admin --joined 2020-01-01
ok "a leader" okra --as ada person add lee --name Lee --role leader --joined 2020-01-01
ok "a member, the DRI" okra --as ada person add pat --name Pat --joined 2020-01-01
ok "a member" okra --as ada person add sam --name Sam --joined 2020-01-01
ok "a viewer" okra --as ada person add val --name Val --role viewer --joined 2020-01-01
ok "a team" okra --as ada team add platform --name Platform --member pat --member sam
ok "a year" okra --as lee cycle year FY2027 --start 2026-02-01
ok "an objective" okra --as pat objective add --cycle FY2027-Q4 --team platform --dri pat --title "Ship it well"
O=$out
ok "a metric KR 0 to 100" okra --as pat kr add "$O" --title "Latency down" --dri pat --unit ms --start 0 --target 100
K1=$out
ok "a criteria KR" okra --as pat kr add "$O" --title "Epics done" --dri sam --criteria
K2=$out
ok "a criterion of 60%" okra --as pat criterion add "$K2" --ref g/p#1 --contribution 60
C1=$out
ok "a criterion of 40%" okra --as pat criterion add "$K2" --ref g/p#2 --contribution 40
ok "the 60% closes" okra --as pat criterion close g/p#1
ok "pat checks in 40" okra --as pat checkin "$K1" --value 40 --health on_track --note first
CI=$out
check "R10 the objective rolls up (0.4 + 0.6) / 2" test "$(obj .progress)" = 0.5

# --- a check-in amended -------------------------------------------------------------------------
week 2026-11-30
refused "a member who is not its author may not amend it" \
	'check-in [0-9]+ was written by pat: only its author or a leader or admin may correct it' \
	okra --as sam checkin amend "$CI" --value 60
refused "a viewer may not amend it" 'only its author or a leader or admin' \
	okra --as val checkin amend "$CI" --value 60
usage "an amend needs an id" okra --as pat checkin amend
usage "nothing to amend" okra --as pat checkin amend "$CI"
refused "a value and a progress both" 'not both' okra --as pat checkin amend "$CI" --value 5 --progress 0.5
refused "a criteria KR's check-in takes no value" 'scored by its criteria' \
	okra --as pat checkin amend "$(sql "SELECT id FROM checkins WHERE key_result = $K2")" --value 1
ok "its author amends the value and note" okra --as pat checkin amend "$CI" --value 60 --note fixed
check "the check-in says 60 now" test "$(sql "SELECT CAST(value * 10 AS INTEGER) || ' ' || CAST(progress * 10 AS INTEGER) || ' ' || note FROM checkins WHERE id = $CI")" = "600 6 fixed"
check "the KR's current value follows" test "$(obj '.key_results[0].current')" = 60
check "the KR's progress follows" test "$(obj '.key_results[0].progress')" = 0.6
check "R10 the objective's roll-up follows: (0.6 + 0.6) / 2" test "$(obj .progress)" = 0.6
check "the audit keeps the original" test "$(before checkin "$CI" amend | jget .value)" = 40
ok "a leader amends the health" okra --as lee checkin amend "$CI" --health at_risk
check "the KR's health follows" test "$(obj '.key_results[0].health')" = at_risk
check "the audit has create, amend, amend" test "$(audit checkin "$CI")" = "create amend amend "

# --- a check-in retracted -----------------------------------------------------------------------
refused "a member who is not its author may not retract it" 'only its author or a leader or admin' \
	okra --as sam checkin retract "$CI"
ok "its author retracts it" okra --as pat checkin retract "$CI"
check "the check-in is gone" test "$(sql "SELECT count(*) FROM checkins WHERE id = $CI")" = 0
check "the KR goes back to its start" test "$(obj '.key_results[0].current') $(obj '.key_results[0].health')" = "0 none"
check "R10 the objective's roll-up follows: (0 + 0.6) / 2" test "$(obj .progress)" = 0.3
check "the audit keeps what was retracted" test "$(before checkin "$CI" retract | jget .value)" = 60
refused "a retracted check-in is no more" "no checkin with id $CI" okra --as pat checkin retract "$CI"

# --- until the next update day ------------------------------------------------------------------
week 2026-12-01
ok "a check-in the day before the update day" okra --as pat checkin "$K1" --value 30 --health on_track
C2=$out
ok "another after it" okra --as pat checkin "$K1" --value 35 --health on_track
C3=$out
ok "an older check-in is amended: the KR keeps the latest" okra --as pat checkin amend "$C2" --value 31
check "the latest check-in still sets the KR" test "$(obj '.key_results[0].current')" = 35
week 2026-12-09
refused "the next update day is too late" 'could be corrected until the update day 2026-12-0[29]' \
	okra --as pat checkin amend "$C3" --value 36
refused "too late for a leader too" 'could be corrected until' okra --as lee checkin retract "$C3"

# --- a status amended and retracted -------------------------------------------------------------
ok "pat posts a status" okra --as pat status "$O" --health at_risk --line "$K1=slow" --line "$K2=fine"
S=$out
check "the objective's health is at risk" test "$(obj .health)" = at_risk
refused "sam may not amend pat's status" 'status [0-9]+ was written by pat' \
	okra --as sam status amend "$S" --health on_track
refused "a line for a KR the status has none for" 'has no line for key result 99' \
	okra --as pat status amend "$S" --line 99=x
ok "pat amends health and a line" okra --as pat status amend "$S" --health on_track --line "$K1=faster"
check "the objective's health follows" test "$(obj .health)" = on_track
check "the line is amended, the other kept" test \
	"$(sql "SELECT line FROM status_lines WHERE update_id = $S ORDER BY key_result" | paste -sd, -)" = "faster,fine"
check "the audit keeps the original status" test "$(before status "$S" amend | jget .health)" = at_risk
ok "a leader retracts it" okra --as lee status retract "$S"
check "the objective's health goes back to none" test "$(obj .health)" = none
check "the status is gone, its lines too" test "$(sql "SELECT count(*) FROM status_lines WHERE update_id = $S")" = 0
check "the audit has create, amend, retract" test "$(audit status "$S")" = "create amend retract "

# --- items removed ------------------------------------------------------------------------------
refused "a viewer may not remove a criterion" 'viewer' okra --as val criterion remove "$C1"
ok "the 60% criterion is removed" okra --as pat criterion remove "$C1"
check "the criteria KR's progress follows: 0 of the 40% left" test "$(obj '.key_results[1].progress')" = 0
check "R10 the roll-up follows: (0.35 + 0) / 2" test "$(obj .progress)" = 0.175
check "the audit keeps the criterion" test "$(before criterion "$C1" delete | jget .ref)" = g/p#1
ok "an initiative" okra --as pat initiative add "$K1" --title "Cache it"
I=$out
ok "the initiative is removed" okra --as pat initiative remove "$I"
check "the initiative is gone" test "$(sql "SELECT count(*) FROM initiatives")" = 0
check "the initiative's removal is audited" test "$(audit initiative "$I")" = "create delete "
ok "a link" okra --as pat link add "$O" --ref g/p#9
L=$(sql "SELECT id FROM links WHERE ref = 'g/p#9'")
ok "the link is removed" okra --as sam link remove "$L"
check "the link's removal is audited" test "$(audit link "$L")" = "create delete "
refused "no such link" "no link with id $L" okra --as pat link remove "$L"

# --- drafts deleted -----------------------------------------------------------------------------
refused "an active objective is not deleted" 'only while it is a draft' okra --as pat objective delete "$O"
refused "nor its KRs" 'only while it is a draft' okra --as pat kr delete "$K1"
ok "a draft objective" okra --as pat objective add --cycle FY2027-Q4 --team platform --dri pat --title "Maybe" --draft
D=$out
ok "a KR on the draft" okra --as pat kr add "$D" --title "One" --dri pat --unit x --start 0 --target 1
DK1=$out
ok "another" okra --as pat kr add "$D" --title "Two" --dri pat --criteria
DK2=$out
ok "a criterion on it" okra --as pat criterion add "$DK2" --ref g/p#5 --contribution 50
refused "a viewer may not delete a draft" 'viewer' okra --as val objective delete "$D"
ok "a KR of a draft is deleted" okra --as pat kr delete "$DK1"
check "the KR is gone, the draft keeps the other" test "$(obj '[.key_results[].id] | join(",")' "$D")" = "$DK2"
check "the KR's deletion is audited with it" test "$(before key_result "$DK1" delete | jget .title)" = One
ok "the draft is deleted" okra --as pat objective delete "$D"
check "the draft and its KRs and criteria are gone" test \
	"$(sql "SELECT (SELECT count(*) FROM objectives WHERE id = $D) + (SELECT count(*) FROM key_results WHERE objective = $D) + (SELECT count(*) FROM criteria WHERE ref = 'g/p#5')")" = 0
check "the deletion is audited with the original" test "$(before objective "$D" delete | jget .title)" = Maybe

# --- a closed objective reopened ----------------------------------------------------------------
ok "a final retro" okra --as pat retro "$O" --good a --good b --bad c --bad d --try e --try f --final
ok "the objective closes" okra --as pat objective close "$O" --score 0.5 --reason "half"
refused "a member may not reopen it" 'only leaders and admins reopen a closed objective' \
	okra --as pat objective reopen "$O" --reason "wrong"
usage "reopen needs a reason" okra --as lee objective reopen "$O"
refused "an empty reason is refused" 'reason' okra --as lee objective reopen "$O" --reason ""
ok "a leader reopens it with a reason" okra --as lee objective reopen "$O" --reason "closed too early"
check "it is active again, without a final score" test "$(obj '.state + " " + (.final_score | tostring)')" = "active null"
check "the reopening is audited with the reason" test \
	"$(sql "SELECT after_json FROM audit WHERE entity = 'objective' AND entity_id = $O AND action = 'reopen'" | jget .reason)" = "closed too early"
check "the audit keeps it as it was closed" test "$(before objective "$O" reopen | jget .state)" = closed
refused "an active objective is not reopened" 'is active, not closed' \
	okra --as lee objective reopen "$O" --reason again
ok "a check-in may be made again" okra --as pat checkin "$K1" --value 50 --health on_track

finish

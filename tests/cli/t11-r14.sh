#!/usr/bin/env bash
# t11-r14.sh: R14, who writes which update — a non-DRI member, a new joiner and a viewer are refused every update with a sentence naming who may; a leader's update on the DRI's behalf is recorded as such.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-18 # a Wednesday, the update day
krshow() { okra --json kr show "$1" | jget "$2"; }
objshow() { okra --json objective show "$1" | jget "$2"; }

ok "init" okra init
ok "an admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a leader" okra person add lee --name "Lee Leader" --role leader --joined 2020-01-01
ok "the objective's DRI" okra person add pat --name "Pat" --joined 2021-01-01
ok "a KR's DRI" okra person add rio --name "Rio" --joined 2021-01-01
ok "a team member, DRI of nothing" okra person add mo --name "Mo" --joined 2021-01-01
ok "a new joiner" okra person add nj --name "New Joiner" --joined 2026-10-01
ok "a viewer" okra person add val --name "Val" --role viewer --joined 2021-01-01
ok "a new leader" okra person add nl --name "New Leader" --role leader --joined 2026-10-01
ok "team saas" okra team add saas --name "SaaS" --member pat --member rio --member mo --member nj
ok "the year" okra cycle year FY2027 --start 2026-02-01
ok "workstream objective" okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Ship it"
O=$out
ok "rio's KR" okra --as pat kr add "$O" --title "Uptime" --dri rio --unit % --start 99 --target 100
K1=$out
ok "pat's KR" okra --as pat kr add "$O" --title "Latency" --dri pat --unit ms --start 800 --target 200
K2=$out

# --- refused, each with who may instead, in words --------------------------------------------------
for who in mo nj val; do
	refused "R14 $who may not check in on rio's KR" \
		"made by its DRI rio or the objective's DRI pat, or by a leader or admin on their behalf$" \
		okra --as "$who" checkin "$K1" --value 99.5 --health on_track
	refused "R14 $who may not check in on pat's KR" \
		"made by its DRI pat, or by a leader or admin on their behalf$" \
		okra --as "$who" checkin "$K2" --value 700 --health on_track
	refused "R14 $who may not write the weekly status" \
		"the weekly status of objective $O is written by its DRI pat, or by a leader or admin on their behalf$" \
		okra --as "$who" status "$O" --health on_track --line "$K1=a" --line "$K2=b"
	refused "R14 $who may not write the retro" \
		"the retro of objective $O is written by its DRI pat, a leader or an admin$" \
		okra --as "$who" retro "$O" --good a --good b
	refused "R14 $who may not close the objective" \
		"objective $O is closed by its DRI pat, a leader or an admin$" \
		okra --as "$who" objective close "$O"
done
refused "R14 a team member is told they are not a DRI" "^okra: mo is not this key result's DRI nor its objective's: " \
	okra --as mo checkin "$K1" --value 99.5 --health on_track
refused "R14 R4 a new joiner is told when they start" "^okra: nj joined on 2026-10-01 and writes updates from 2027-01-01" \
	okra --as nj checkin "$K1" --value 99.5 --health on_track
refused "R14 R4 a leader in their first three months writes no updates either" "nl joined on 2026-10-01" \
	okra --as nl checkin "$K1" --value 99.5 --health on_track
refused "R14 a viewer is told viewers only read" "^okra: val is a viewer and viewers only read: " \
	okra --as val status "$O" --health on_track --line "$K1=a" --line "$K2=b"
refused "R14 a KR's DRI does not write the objective's status" "rio is not this objective's DRI" \
	okra --as rio status "$O" --health on_track --line "$K1=a" --line "$K2=b"
refused "R14 a KR's DRI does not close the objective" "closed by its DRI pat" okra --as rio objective close "$O"
out=$(okra --as mo checkin "$K1" --value 99.5 --health on_track 2>&1)
check "R14 a refusal carries no rule code" test -z "$(grep -E '\(R[0-9]+\)' <<<"$out")"

# --- allowed ---------------------------------------------------------------------------------------
ok "R14 the KR's DRI checks in" okra --as rio checkin "$K1" --value 99.5 --health on_track --note own
check "R14 their own check-in is not on anyone's behalf" test "$(krshow "$K1" '.checkins[-1].on_behalf_of')" = null
ok "R14 the objective's DRI checks in on rio's KR" okra --as pat checkin "$K1" --value 99.6 --health on_track
check "R14 recorded as by pat for rio" \
	test "$(krshow "$K1" '.checkins[-1] | "\(.author) \(.on_behalf_of)"')" = "pat rio"
ok "R14 a leader checks in on pat's KR on pat's behalf" okra --as lee checkin "$K2" --value 700 --health needs_attention
check "R14 recorded as by lee for pat (JSON)" \
	test "$(krshow "$K2" '.checkins[-1] | "\(.author) \(.on_behalf_of)"')" = "lee pat"
check "R14 recorded as by lee for pat (text)" grep -q ' lee  *for pat ' <<<"$(okra kr show "$K2")"
check "R14 the check-in made for pat counts as pat's: nothing due on K2" \
	test "$(okra --json due | jget "[.due[] | select(.key_result == $K2)] | length")" = 0
ok "R14 an admin checks in on behalf too" okra --as ada checkin "$K1" --value 99.7 --health on_track
check "R14 recorded as by ada for rio" \
	test "$(krshow "$K1" '.checkins[-1] | "\(.author) \(.on_behalf_of)"')" = "ada rio"

ok "R14 a leader writes the status on pat's behalf" okra --as lee status "$O" --health on_track --line "$K1=a" --line "$K2=b"
check "R14 the status is recorded as by lee for pat (JSON)" \
	test "$(objshow "$O" '.status_updates[-1] | "\(.author) \(.on_behalf_of)"')" = "lee pat"
check "R14 the status is recorded as by lee for pat (text)" grep -q 'by lee for pat' <<<"$(okra objective show "$O")"
check "R14 the audit trail keeps who it was for" \
	test "$(sql "SELECT count(*) FROM audit WHERE entity = 'status' AND after_json LIKE '%\"on_behalf_of\":%pat%'")" = 1
ok "R14 the objective's DRI writes their own status" okra --as pat status "$O" --health on_track --line "$K1=c" --line "$K2=d"
check "R14 pat's own status is on nobody's behalf" test "$(objshow "$O" '.status_updates[-1].on_behalf_of')" = null
ok "R14 a leader writes the retro" okra --as lee retro "$O" --good a --good b --bad c --bad d --try e --try f --final
ok "R14 the objective's DRI closes it" okra --as pat objective close "$O"

# --- alignment: a child's weight in a parent's roll-up is the parent's owners' decision ------------
ok "a member of another team" okra person add kit --name "Kit" --joined 2021-01-01
ok "team plat" okra team add plat --name "Platform" --member kit
ok "a company objective" okra --as lee objective add --cycle FY2027-Q4 --dri lee --title "Grow"
C=$out
ok "its KR" okra --as lee kr add "$C" --title "Revenue" --dri lee --unit k --start 0 --target 100
KC=$out
ok "its check-in at 54%" okra --as lee checkin "$KC" --value 54 --health on_track
check "the company objective is at 54%" test "$(objshow "$C" .progress)" = 0.54
refused "R14 a member may not give weight 100 under a company objective" \
	"pat may not edit objective $C: an objective aligned under it weighs 1 in its roll-up unless another weight is given by a leader or an admin$" \
	okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Drag" --parent "$C" --weight 100
check "R14 the company objective is still at 54%" test "$(objshow "$C" .progress)" = 0.54
ok "R14 a member aligns under a company objective with weight 1" \
	okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Aligned" --parent "$C" --weight 1
A1=$out
ok "R14 or with no weight given" okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Aligned 2" --parent "$C"
A2=$out
check "R14 no weight given is 1" test "$(objshow "$A2" .weight)" = 1
check "R14 the parent moves by a child's weight of 1 only: 0.54/3" test "$(objshow "$C" .progress)" = 0.18
refused "R14 re-weighing it by edit is refused too" "weighs 1 in its roll-up unless another weight is given by a leader or an admin$" \
	okra --as pat objective edit "$A1" --weight 100
ok "R14 a leader weighs it" okra --as lee objective edit "$A1" --weight 2
check "R14 the leader's weight stands" test "$(objshow "$A1" .weight)" = 2
ok "R14 the member edits its title: the weight stays" okra --as pat objective edit "$A1" --title "Aligned, retitled"
check "R14 still 2" test "$(objshow "$A1" .weight)" = 2
ok "a workstream objective of plat" okra --as kit objective add --cycle FY2027-Q4 --team plat --dri kit --title "Plat goal"
P=$out
refused "R14 aligning under another team's objective needs the right to edit it" \
	"pat may not edit objective $P of team plat: an objective is aligned under it by a member of team plat, its DRI kit, a leader or an admin$" \
	okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Under plat" --parent "$P"
refused "R14 re-parenting under another team's objective too" "aligned under it by a member of team plat, its DRI kit" \
	okra --as pat objective edit "$A2" --parent "$P"
ok "R14 that team's member may" okra --as kit objective add --cycle FY2027-Q4 --team plat --dri kit --title "Under plat" --parent "$P" --weight 4
ok "R14 re-parenting under the company objective with no weight given makes it 1" okra --as pat objective edit "$A1" --parent none
ok "R14 (back under it)" okra --as pat objective edit "$A1" --parent "$C"
check "R14 weight 1 under a parent the member may not edit" test "$(objshow "$A1" .weight)" = 1
out=$(okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Drag" --parent "$C" --weight 100 2>&1)
check "R14 the alignment refusal carries no rule code" test -z "$(grep -E '\(R[0-9]+\)' <<<"$out")"

finish

#!/usr/bin/env bash
# t19-plan.sh: okra objective publish | copy — a draft published with one command, and an objective carried over into the next quarter: a draft with its open KRs (from where they stand), their DRIs, the criteria and initiatives still open, its open links, the alignment mapped to the new quarter's copy of its parent, a line back; nothing of the old quarter changed; the same refusals as the API and the pages.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-18
show() { okra --json objective show "$1" | jget "$2"; }
ok "init" okra init
ok "the admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a leader" okra person add lee --name "Lee Leader" --role leader --joined 2020-01-01
ok "pat" okra person add pat --name "Pat" --joined 2021-01-01
ok "sam" okra person add sam --name "Sam" --joined 2021-01-01
ok "the platform team" okra team add platform --name Platform --member pat --member sam
ok "a year" okra cycle year FY2027 --start 2026-02-01
ok "the next year" okra cycle year FY2028 --start 2027-02-01
ok "the annual objective" okra --as lee objective add --cycle FY2027 --dri lee --title "Annual"
ok "the Q3 company objective" okra --as lee objective add --cycle FY2027-Q3 --parent 1 --dri lee --title "Company Q3"
ok "the Q3 workstream objective" okra --as pat objective add --cycle FY2027-Q3 --team platform --parent 2 \
	--dri pat --title "Workstream Q3" --context "Why it matters." --link acme/plat#1 --link acme/plat#2
ok "a metric KR" okra --as pat kr add 3 --title "Latency" --dri sam --unit ms --start 800 --target 200
ok "a criteria KR" okra --as pat kr add 3 --title "Scored" --dri pat --criteria
ok "a KR done by the end" okra --as pat kr add 3 --title "Done" --dri pat --unit x --start 0 --target 1
ok "criterion 50" okra --as pat criterion add 2 --ref acme/plat#10 --contribution 50
ok "criterion 30" okra --as pat criterion add 2 --ref acme/plat#11 --contribution 30 --title "Second"
ok "criterion 20" okra --as pat criterion add 2 --ref acme/plat#12 --contribution 20
ok "an initiative" okra --as pat initiative add 2 --title "Pipeline" --ref 'acme&9'
ok "the 50% item closes" okra --as pat criterion close acme/plat#10
ok "a link closes" okra --as pat criterion close acme/plat#2
ok "latency at 500" okra --as sam checkin 1 --value 500 --health on_track
ok "done is done" okra --as pat checkin 3 --value 1 --health on_track
before=$(okra --json objective show 3)

# --- publish ---------------------------------------------------------------------------------------
ok "a draft" okra --as pat objective add --cycle FY2027-Q3 --team platform --parent 2 --dri pat --title "Draft" --draft
check "it is a draft" test "$(show 4 .state)" = draft
ok "pat publishes it" okra --as pat objective publish 4
check "published: active" test "$(show 4 .state)" = active
usage "publish needs an id" okra objective publish

# --- copy ------------------------------------------------------------------------------------------
refused "R1 copied to a cycle of its kind" 'is in FY2027-Q3: it is copied to another quarter, not to FY2028' \
	okra --as pat objective copy 3 --to FY2028
refused "not to its own cycle" 'copied to another quarter, not to FY2027-Q3' okra --as pat objective copy 3 --to FY2027-Q3
refused "no such cycle" 'FY2099' okra --as pat objective copy 3 --to FY2099
refused "R1 a member does not copy a company objective" 'only leaders and admins' okra --as pat objective copy 2 --to FY2027-Q4
usage "copy needs --to" okra objective copy 3
ok "the leader carries the company objective over" okra --as lee objective copy 2 --to FY2027-Q4
check "the copy prints its id" test "$out" = 5
check "the company copy is a Q4 draft aligned to the annual objective (the same year)" \
	test "$(show 5 '"\(.state) \(.cycle) \(.parent) \(.dri)"')" = "draft FY2027-Q4 1 lee"
ok "pat carries the workstream objective over" okra --as pat objective copy 3 --to FY2027-Q4
check "the copy prints its id" test "$out" = 6
check "a draft of the same team and DRI in Q4, aligned to the parent's own copy" \
	test "$(show 6 '"\(.state) \(.cycle) \(.team) \(.parent) \(.dri) \(.title)"')" = "draft FY2027-Q4 platform 5 pat Workstream Q3"
check "the open KRs only, with their DRIs, from where they stand" \
	test "$(show 6 '[.key_results[] | "\(.title):\(.dri):\(.kind):\(.start):\(.target)"] | join(" ")')" = \
	"Latency:sam:metric:500:200 Scored:pat:criteria:null:null"
check "the open criteria only, and the open initiatives" \
	test "$(show 6 '[.key_results[1] | (.criteria[] | "\(.ref)=\(.contribution)"), (.initiatives[] | .title)] | join(" ")')" = \
	"acme/plat#11=30 acme/plat#12=20 Pipeline"
check "R6 the open links, and the line back to where it came from" \
	test "$(show 6 '.description | @json')" = \
	'"### Context\n\nWhy it matters.\n\n### Linked Epics and Issues\n\n1. acme/plat#1\n\n### Carried over\n\nFrom objective #3 in FY2027-Q3.\n"'
check "nothing of the old quarter changed" test "$(okra --json objective show 3)" = "$before"
ok "a copy is carried over again" okra --as pat objective copy 6 --to FY2028-Q1
check "the second copy names the first as its origin, and has no parent in the new year" \
	test "$(show 7 '"\(.parent) \(.description | test("From objective #6 in FY2027-Q4"))"')" = "null true"
# R14: under a parent the copier may not edit, the copy weighs 1 there (the parent's owners decide
# again) rather than the whole copy being refused; a leader's copy keeps the weight.
ok "a leader weighs a workstream objective 5 under the company objective" \
	okra --as lee objective add --cycle FY2027-Q3 --team platform --parent 2 --dri pat --title "Weighted" --weight 5
check "it prints its id" test "$out" = 8
ok "pat carries it over under the leader's Q4 copy" okra --as pat objective copy 8 --to FY2027-Q4
check "pat's copy aligns under the company copy and weighs 1" test "$(show "$out" '"\(.parent) \(.weight)"')" = "5 1"
ok "the leader carries it over too" okra --as lee objective copy 8 --to FY2027-Q4
check "the leader's copy keeps the weight" test "$(show "$out" '"\(.parent) \(.weight)"')" = "5 5"
finish

#!/usr/bin/env bash
# t19-plan-team-copy.sh: okra team copy — a team's whole quarter carried over into the next in one command: each of its objectives that is not a draft copied as okra objective copy does (drafts with their open KRs, DRIs, open criteria, a line back), parents first so a copy aligns to the copy of its parent, the company's copies used where they exist; what was copied already is not copied again; another team's and the old quarter are not changed; the same refusals as the API and the page.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-18
show() { okra --json objective show "$1" | jget "$2"; }
ok "init" okra init
ok "the admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a leader" okra person add lee --name "Lee Leader" --role leader --joined 2020-01-01
ok "pat" okra person add pat --name "Pat" --joined 2021-01-01
ok "gus" okra person add gus --name "Gus" --joined 2021-01-01
ok "the platform team" okra team add platform --name Platform --member pat
ok "the growth team" okra team add growth --name Growth --member gus
ok "a year" okra cycle year FY2027 --start 2026-02-01
ok "the Q3 company objective" okra --as lee objective add --cycle FY2027-Q3 --dri lee --title "Company Q3"
ok "platform's first" okra --as pat objective add --cycle FY2027-Q3 --team platform --parent 1 --dri pat --title "Reliable"
ok "platform's second, aligned to its first" okra --as pat objective add --cycle FY2027-Q3 --team platform --parent 2 --dri pat --title "Fast"
ok "platform's draft" okra --as pat objective add --cycle FY2027-Q3 --team platform --dri pat --title "Someday" --draft
ok "growth's" okra --as gus objective add --cycle FY2027-Q3 --team growth --parent 1 --dri gus --title "Grow"
ok "a KR" okra --as pat kr add 2 --title "Uptime" --dri pat --unit % --start 99 --target 99.9
ok "a KR done" okra --as pat kr add 3 --title "Done" --dri pat --unit x --start 0 --target 1
ok "another KR" okra --as pat kr add 3 --title "Latency" --dri pat --unit ms --start 800 --target 200
ok "done is done" okra --as pat checkin 2 --value 1 --health on_track
ok "latency at 500" okra --as pat checkin 3 --value 500 --health on_track
ok "the first's retro says what to try" okra --as pat retro 2 --try "Smaller epics"
ok "the leader carries the company objective over first" okra --as lee objective copy 1 --to FY2027-Q4
check "it is 6" test "$out" = 6
q3=$(okra --json tree --cycle FY2027-Q3)

refused "a member does not carry another team's quarter" 'gus is not in team platform' \
	okra --as gus team copy platform --from FY2027-Q3 --to FY2027-Q4
refused "to a cycle of its kind" 'copied to another quarter, not to FY2027' \
	okra --as pat team copy platform --from FY2027-Q3 --to FY2027
refused "no such team" 'no team' okra --as pat team copy nobody --from FY2027-Q3 --to FY2027-Q4
refused "no such cycle" 'FY2099' okra --as pat team copy platform --from FY2027-Q3 --to FY2099
usage "copy needs --from and --to" okra team copy platform --to FY2027-Q4
usage "copy needs a team" okra team copy --from FY2027-Q3 --to FY2027-Q4

ok "pat carries platform's quarter over" okra --as pat team copy platform --from FY2027-Q3 --to FY2027-Q4
check "two copies, parent first" test "$(echo $out)" = "7 8"
check "the first: a Q4 draft aligned to the company objective's copy, its open KR" \
	test "$(show 7 '"\(.state) \(.cycle) \(.team) \(.parent) \([.key_results[].title] | join(","))"')" = "draft FY2027-Q4 platform 6 Uptime"
check "the second aligned to the first's copy, the open KR from where it stands" \
	test "$(show 8 '"\(.state) \(.parent) \([.key_results[] | "\(.title):\(.start)"] | join(","))"')" = "draft 7 Latency:500"
check "each links back" test "$(show 8 '.description | test("From objective #3 in FY2027-Q3")')" = true
check "the draft stayed behind, and growth's" \
	test "$(okra --json tree --cycle FY2027-Q4 | jget '[.. | objects | select(has("key_results")) | .title] | sort | join(",")')" = "Company Q3,Fast,Reliable"
check "nothing of the old quarter changed" test "$(okra --json tree --cycle FY2027-Q3)" = "$q3"
refused "what was copied is not copied again" 'team platform has nothing in FY2027-Q3 to carry over to FY2027-Q4' \
	okra --as pat team copy platform --from FY2027-Q3 --to FY2027-Q4
ok "growth's is gus's to carry" okra --as gus team copy growth --from FY2027-Q3 --to FY2027-Q4
check "one copy, aligned to the company's copy" test "$(show "$out" '"\(.team) \(.parent)"')" = "growth 6"
finish

#!/usr/bin/env bash
# t19-plan-move.sh: okra kr move — key results reordered within their objective (--up, --down, --to N) and moved to another objective of the same team and cycle with their check-ins, criteria and initiatives; refused across teams or cycles, onto a closed objective or by who may not edit, in the API's and the pages' words; each move audited.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-18
krs() { okra --json objective show "$1" | jget '[.key_results[] | .title] | join(",")'; }
ok "init" okra init
ok "the admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a leader" okra person add lee --name "Lee Leader" --role leader --joined 2020-01-01
ok "pat" okra person add pat --name "Pat" --joined 2021-01-01
ok "gus" okra person add gus --name "Gus" --joined 2021-01-01
ok "the platform team" okra team add platform --name Platform --member pat
ok "the growth team" okra team add growth --name Growth --member gus
ok "a year" okra cycle year FY2027 --start 2026-02-01
ok "the company objective" okra --as lee objective add --cycle FY2027-Q3 --dri lee --title "Company"
ok "platform's objective" okra --as pat objective add --cycle FY2027-Q3 --team platform --parent 1 --dri pat --title "One"
ok "platform's second objective" okra --as pat objective add --cycle FY2027-Q3 --team platform --parent 1 --dri pat --title "Two"
ok "growth's objective" okra --as gus objective add --cycle FY2027-Q3 --team growth --parent 1 --dri gus --title "Growth"
ok "platform's Q4 objective" okra --as pat objective add --cycle FY2027-Q4 --team platform --dri pat --title "Later"
ok "KR A" okra --as pat kr add 2 --title A --dri pat --unit ms --start 800 --target 200
ok "KR B" okra --as pat kr add 2 --title B --dri pat --criteria
ok "KR C" okra --as pat kr add 2 --title C --dri pat --unit x --start 0 --target 10
ok "KR D on the second" okra --as pat kr add 3 --title D --dri pat --unit x --start 0 --target 10
ok "growth's KR" okra --as gus kr add 4 --title G --dri gus --unit x --start 0 --target 1
ok "a criterion on B" okra --as pat criterion add 2 --ref acme/plat#10 --contribution 100
ok "an initiative on B" okra --as pat initiative add 2 --title Pipeline
ok "a check-in on A" okra --as pat checkin 1 --value 500 --health on_track
check "in the order they were added" test "$(krs 2)" = "A,B,C"

# --- reorder ---------------------------------------------------------------------------------------
ok "C up" okra --as pat kr move 3 --up
check "it prints its id" test "$out" = 3
check "C is second" test "$(krs 2)" = "A,C,B"
ok "A down" okra --as pat kr move 1 --down
check "A is second" test "$(krs 2)" = "C,A,B"
ok "B to the first place" okra --as pat kr move 2 --to 1
check "B first" test "$(krs 2)" = "B,C,A"
ok "B to the last place" okra --as pat kr move 2 --to 3
check "B last" test "$(krs 2)" = "C,A,B"
check "the tree lists them in that order" \
	test "$(okra --json tree --cycle FY2027-Q3 | jget '[.. | objects | select(has("key_results") and .id == 2) | .key_results[].title] | join(",")')" = "C,A,B"
refused "the first does not go up" 'key result 3 is already the first of its objective' okra --as pat kr move 3 --up
refused "the last does not go down" 'key result 2 is already the last of its objective' okra --as pat kr move 2 --down
refused "past the last place" 'position 4 is past the last: objective 2 has 3 key results' okra --as pat kr move 2 --to 4
refused "up and --to together" 'a position, or up or down, not both' okra --as pat kr move 2 --up --to 1
refused "up and down together" 'up or down, not both' okra --as pat kr move 2 --up --down
refused "nowhere" 'say where to' okra --as pat kr move 2
refused "a position is a number" 'position' okra --as pat kr move 2 --to first
refused "R1 gus may not reorder platform's" 'gus is not in team platform' okra --as gus kr move 1 --up
usage "move needs an id" okra kr move

# --- move to another objective ---------------------------------------------------------------------
checkins_before=$(okra --json kr show 1 | jget '[.checkins[]? | .value] | join(",")')
ok "A to the second objective, first" okra --as pat kr move 1 --objective 3 --to 1
check "A left the first" test "$(krs 2)" = "C,B"
check "A is first of the second" test "$(krs 3)" = "A,D"
check "A's check-ins went with it" test "$(okra --json kr show 1 | jget '"\(.objective) \(.current)"')" = "3 500"
check "and its history" test "$(okra --json kr show 1 | jget '[.checkins[]? | .value] | join(",")')" = "$checkins_before"
ok "B to the second objective, at its end" okra --as pat kr move 2 --objective 3
check "B last there, with its criteria and initiative" \
	test "$(okra --json objective show 3 | jget '[.key_results[] | "\(.title):\(.criteria | length):\(.initiatives | length)"] | join(",")')" = "A:0:0,D:0:0,B:1:1"
refused "not to another team's" 'key result 3 moves only between objectives of the same team and cycle: objective 2 is platform.s in FY2027-Q3, objective 4 is growth.s in FY2027-Q3' \
	okra --as pat kr move 3 --objective 4
refused "not to another cycle" 'objective 2 is platform.s in FY2027-Q3, objective 5 is platform.s in FY2027-Q4' \
	okra --as pat kr move 3 --objective 5
refused "not to the company's" 'objective 1 is the company.s in FY2027-Q3' okra --as lee kr move 3 --objective 1
refused "up with another objective" 'up and down move a key result within its objective' okra --as pat kr move 3 --up --objective 3
refused "no such objective" 'no objective with id 99' okra --as pat kr move 3 --objective 99
refused "no such key result" 'no key result with id 99' okra --as pat kr move 99 --up
refused "past the end of the other" 'position 9 is past the last: objective 3 would have 4 key results' \
	okra --as pat kr move 3 --objective 3 --to 9
ok "the second objective's retro" okra --as pat retro 3 --good "g1" --good "g2" --bad "b1" --bad "b2" \
	--try "t1" --try "t2" --final
ok "the second objective closes" okra --as pat objective close 3
refused "R11 not onto a closed objective" 'closed' okra --as pat kr move 3 --objective 3
refused "R11 not out of a closed objective" 'closed' okra --as pat kr move 1 --objective 2
check "each move audited" test "$(sql "SELECT count(*) FROM audit WHERE action = 'move' AND entity = 'key_result'")" = 6
finish

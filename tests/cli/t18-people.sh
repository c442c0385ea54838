#!/usr/bin/env bash
# t18-people.sh: okra person edit | deactivate | reactivate | handover, okra team leave | rename — an admin changes a role and a join date, deactivates someone who left (no DRI, no API token, history kept), hands what they own to another in one step, and reactivates them; members are refused, and so is leaving the company without an active admin.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-18
ok "init" okra init
ok "the admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "pat" okra person add pat --name "Pat" --joined 2021-01-01
ok "rio" okra person add rio --name "Rio" --joined 2021-01-01
ok "a new joiner" okra person add nj --name "New" --joined 2026-10-01
ok "a year" okra cycle year FY2027 --start 2026-02-01
ok "pat's objective" okra objective add --cycle FY2027-Q4 --dri pat --title "Ship it"
ok "pat's KR" okra kr add 1 --title "K1" --dri pat --unit % --start 0 --target 10
ok "pat's second KR" okra kr add 1 --title "K2" --dri pat --unit % --start 0 --target 10
ok "pat checks in" okra --as pat checkin 1 --value 5 --health on_track
ok "pat's token" okra token add pat --name script

# --- edit ----------------------------------------------------------------------------------------
ok "rio becomes a leader who joined in 2022" okra person edit rio --role leader --joined 2022-03-01
check "rio's role and date are stored" test "$(okra person show rio --json | jget '.role + " " + .joined_on')" = "leader 2022-03-01"
refused "a member does not change people" 'pat is a member: only admins' okra --as pat person edit rio --role member
refused "a role that is none" '--role is admin, leader, member or viewer' okra person edit rio --role boss
refused "the only admin keeps the role" 'ada is the only active admin' okra person edit ada --role member
usage "edit needs a handle" okra person edit

# --- deactivate ----------------------------------------------------------------------------------
refused "a member does not deactivate" 'pat is a member: only admins' okra --as pat person deactivate rio
refused "the only admin is not deactivated" 'ada is the only active admin' okra person deactivate ada
ok "ada deactivates pat" okra person deactivate pat
check "pat is listed as deactivated" test "$(okra person list | grep -c '^pat .*(deactivated)')" = 1
check "pat reads as not active" test "$(okra person show pat --json | jget .active)" = false
refused "twice is refused" 'pat is deactivated already' okra person deactivate pat
refused "pat cannot be made a DRI" 'pat has been deactivated' okra objective add --cycle FY2027-Q4 --dri pat --title "New"
check "pat's check-in is kept" test "$(sql "SELECT count(*) FROM checkins c JOIN people p ON p.id = c.author WHERE p.handle = 'pat'")" = 1
check "the deactivation is audited" test "$(sql "SELECT count(*) FROM audit WHERE action = 'deactivate'")" = 1

# --- hand over -----------------------------------------------------------------------------------
refused "not to a new joiner (R4)" 'nj joined 2026-10-01 and can be a DRI from' okra person handover pat --to nj
refused "a leader does not hand over" 'rio is a leader: only admins' okra --as rio person handover pat --to rio
usage "handover needs --to" okra person handover pat
ok "pat's objective and 2 KRs go to rio" okra person handover pat --to rio
check "it says 3" test "$out" = 3
check "objective 1 and its KRs are rio's" test "$(okra objective show 1 --json | jget '[.dri] + [.key_results[].dri] | unique | join(",")')" = rio
check "three handover rows in the audit" test "$(sql "SELECT count(*) FROM audit WHERE action = 'handover'")" = 3
ok "a second hand-over has nothing to give" okra person handover pat --to rio
check "it says 0" test "$out" = 0

# --- reactivate ----------------------------------------------------------------------------------
ok "ada reactivates pat" okra person reactivate pat
refused "twice is refused" 'pat is active already' okra person reactivate pat
ok "pat can be a DRI again" okra objective add --cycle FY2027-Q4 --dri pat --title "Back"

# --- teams: rename, take a member out ----------------------------------------------------------
ok "a team" okra team add plat --name Platform --member pat --member rio
ok "renamed" okra team rename plat --name "Platform Engineering"
check "the new name, the same slug" test "$(okra team list --json | jget '.[0].slug + " " + .[0].name')" = "plat Platform Engineering"
refused "a member does not rename" 'pat is a member: only admins' okra --as pat team rename plat --name X
refused "an empty name" 'name' okra team rename plat --name ""
refused "an unknown team" 'no team nope' okra team rename nope --name X
ok "pat is taken out" okra team leave plat pat
check "rio is the one member left" test "$(okra team list --json | jget '.[0].members | join(",")')" = rio
refused "twice is refused" 'pat is not a member of plat' okra team leave plat pat
refused "a member does not take people out" 'rio is a leader: only admins' okra --as rio team leave plat rio
check "renamed and left are audited" test "$(sql "SELECT count(*) FROM audit WHERE entity = 'team' AND action IN ('update', 'leave')")" = 2

finish

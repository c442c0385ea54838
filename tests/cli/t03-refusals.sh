#!/usr/bin/env bash
# t03-refusals.sh: every refusal exits 1 with one actionable line on stderr and leaves the database unchanged; usage errors exit 2; hostile input is refused or stored byte-identical.
. "$(dirname "$0")/lib.sh"

show() { okra --json objective show "$1" | jget "$2"; }
krshow() { okra --json kr show "$1" | jget "$2"; }

export OKRA_NOW=2026-08-05

# --- no database yet --------------------------------------------------------------------------
refused "a read on a missing database says to run okra init" "no database at $OKRA_DB: create one with okra init" \
	okra objective list
refused "a write on a missing database says to run okra init" 'create one with okra init' \
	okra person add ada --name Ada --role admin
if is_pg; then
	check "a refused command on an empty database creates no table" \
		test "$(sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" = 0
else
	check "a refused command on a missing database creates no file" test ! -e "$OKRA_DB"
fi
refused "due on a missing database says to run okra init" 'okra init' okra due --date 2026-08-05

# --- setup ------------------------------------------------------------------------------------
ok "init" okra init
ok "the first admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a leader" okra person add lee --name "Lee Leader" --role leader --joined 2020-01-01
ok "a member of saas" okra person add pat --name "Pat" --joined 2021-01-01
ok "a member of web" okra person add mo --name "Mo" --joined 2021-01-01
ok "a viewer" okra person add val --name "Val" --role viewer --joined 2021-01-01
ok "a new joiner" okra person add nj --name "New Joiner" --joined 2026-07-01
ok "team saas" okra team add saas --name "SaaS Platforms" --member pat --member nj
ok "team web" okra team add web --name "Web" --member mo
ok "the year" okra cycle year FY2027 --start 2026-02-01
ok "annual company objective" okra --as lee objective add --cycle FY2027 --dri lee --title "Grow"
O1=$out
ok "quarterly company objective" okra --as lee objective add --cycle FY2027-Q3 --parent "$O1" --dri lee --title "Grow this quarter"
O2=$out
ok "workstream objective" okra --as pat objective add --cycle FY2027-Q3 --team saas --parent "$O2" --dri pat --title "Ship Dedicated"
O3=$out
ok "metric KR" okra --as pat kr add "$O3" --title "Uptime" --dri pat --unit % --start 99.9 --target 99.99
KM=$out
ok "criteria KR" okra --as pat kr add "$O3" --title "Automation" --dri pat --criteria
KC=$out
ok "criterion 50%" okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#1' --contribution 50
ok "criterion 30%" okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#2' --contribution 30
ok "another team's objective" okra --as mo objective add --cycle FY2027-Q3 --team web --dri mo --title "Faster pages"
O4=$out
ok "its KR" okra --as mo kr add "$O4" --title "LCP from 4 s to 2 s" --dri mo --unit s --start 4 --target 2
KW=$out
ok "an objective to close" okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "Old work"
OC=$out
ok "its KR" okra --as pat kr add "$OC" --title "Done" --dri pat --unit x --start 0 --target 1
KOC=$out
ok "its final retro" okra --as pat retro "$OC" --good a --good b --bad c --bad d --try e --try f --final
ok "closed" okra --as pat objective close "$OC"

# --- R10: progress is never set by hand --------------------------------------------------------
refused "R10 objective progress is never set by hand" 'never set by hand \(R10\)' okra --as lee objective edit "$O3" --progress 0.5
refused "R10 not even by an admin, not even to 0" 'never set by hand' okra objective edit "$O1" --progress 0

# --- R4: new joiners are not DRIs ---------------------------------------------------------------
refused "R4 a new joiner cannot be DRI of an objective" 'nj joined 2026-07-01 and can be a DRI from 2026-10-01 \(R4\)' \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --dri nj --title "Onboarding"
refused "R4 a new joiner cannot be DRI of a KR" 'can be a DRI from 2026-10-01' \
	okra --as pat kr add "$O3" --title "Docs" --dri nj --criteria
refused "R4 a new joiner cannot be made DRI by an edit" 'can be a DRI from 2026-10-01' \
	okra --as pat objective edit "$O3" --dri nj
refused "R4 a new joiner cannot take over a KR" 'can be a DRI from 2026-10-01' \
	okra --as pat kr edit "$KM" --dri nj

# --- R1: who may write what ---------------------------------------------------------------------
refused "R1 a member cannot create a company OKR" 'mo is a member: only leaders and admins create or edit company OKRs \(R1\)' \
	okra --as mo objective add --cycle FY2027-Q3 --dri mo --title "Company-wide"
refused "R1 a member cannot edit a company OKR" 'only leaders and admins create or edit company OKRs' \
	okra --as mo objective edit "$O2" --title "Mine now"
refused "R1 a member cannot add a KR to a company OKR" 'only leaders and admins' \
	okra --as pat kr add "$O2" --title "X" --dri pat --unit x --start 0 --target 1
refused "R1 a member cannot edit another team's objective" 'mo is not in team saas' \
	okra --as mo objective edit "$O3" --title "Taken over"
refused "R1 a member cannot create an objective for another team" 'mo is not in team saas' \
	okra --as mo objective add --cycle FY2027-Q3 --team saas --dri mo --title "For saas"
refused "R14 a member cannot check in on another team's KR" 'mo is not this key result.s DRI.*made by its DRI pat, or by a leader or admin on their behalf' \
	okra --as mo checkin "$KM" --value 99.95 --health on_track
refused "R14 a member cannot post another team's status" 'mo is not this objective.s DRI.*written by its DRI pat, or by a leader or admin on their behalf' \
	okra --as mo status "$O3" --health on_track --line "$KM=a" --line "$KC=b"
refused "R1 a member cannot add people" 'pat is a member: only admins add people' okra --as pat person add zed --name Zed
refused "R1 a member cannot plan cycles" 'only leaders and admins plan cycles' okra --as pat cycle year FY2028 --start 2027-02-01
refused "a viewer cannot add an objective" 'val is a viewer: viewers only read' \
	okra --as val objective add --cycle FY2027-Q3 --team saas --dri pat --title "Watching"
refused "a viewer cannot edit an objective" 'viewers only read' okra --as val objective edit "$O3" --title "x"
refused "a viewer cannot add a KR" 'viewers only read' okra --as val kr add "$O3" --title X --dri pat --criteria
refused "a viewer cannot check in" 'viewers only read' okra --as val checkin "$KM" --value 99.95 --health on_track
refused "a viewer cannot post a status" 'viewers only read' okra --as val status "$O3" --health on_track --line "$KM=a" --line "$KC=b"
refused "a viewer cannot write a retro" 'viewers only read' okra --as val retro "$O3" --good x
refused "a viewer cannot close an objective" 'viewers only read' okra --as val objective close "$O3"
refused "a viewer cannot add a criterion" 'viewers only read' okra --as val criterion add "$KC" --ref 'gitlab-org/saas#9' --contribution 5
refused "a viewer cannot close a criterion" 'viewers only read' okra --as val criterion close 'gitlab-org/saas#1'
refused "a viewer cannot add a link" 'viewers only read' okra --as val link add "$O3" --ref 'gitlab-org/saas#9'
refused "a viewer cannot add an initiative" 'viewers only read' okra --as val initiative add "$KC" --title x
refused "a viewer cannot add people" 'val is a viewer: only admins add people' okra --as val person add zed --name Zed
refused "a viewer cannot add teams" 'only admins add teams' okra --as val team add ops --name Ops
refused "a viewer cannot plan cycles" 'only leaders and admins plan cycles' okra --as val cycle year FY2028 --start 2027-02-01
ok "a viewer may read" okra --as val --json objective show "$O3"
check "a viewer reads the objective" test "$(printf '%s' "$out" | jget .title)" = "Ship Dedicated"

# --- R2, R7: key results ------------------------------------------------------------------------
refused "R2 a metric KR with target = start is refused" 'target equals start \(R2\): a key result must move from 5 to something else' \
	okra --as pat kr add "$O3" --title "Flat" --dri pat --unit x --start 5 --target 5.0
refused "R2 an edit cannot make target = start" 'target equals start \(R2\)' okra --as pat kr edit "$KM" --target 99.9
refused "R7 criteria contributions never total over 100" 'contributions would total 101% \(R7\).*at most 20% is left' \
	okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#3' --contribution 21
refused "R7 a contribution is more than 0" 'more than 0% and at most 100% \(R7\)' \
	okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#3' --contribution 0
refused "R7 a contribution is not negative" 'more than 0%' okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#3' --contribution -5
refused "R7 a criterion's ref appears once per KR" "key result $KC already has a criterion gitlab-org/saas#1" \
	okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#1' --contribution 10
refused "R7 the same ref as a URL is the same criterion" 'already has a criterion gitlab-org/saas#1' \
	okra --as pat criterion add "$KC" --ref 'https://gitlab.com/gitlab-org/saas/-/issues/1' --contribution 10
refused "R7 criteria belong to a criteria KR" "key result $KM is a metric" \
	okra --as pat criterion add "$KM" --ref 'gitlab-org/saas#7' --contribution 10
ok "R7 the last 20% fits exactly" okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#3' --contribution 20
refused "R7 nothing fits once the criteria total 100" 'at most 0% is left' \
	okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#4' --contribution 0.5
check "R7 the criteria total exactly 100" test "$(krshow "$KC" '[.criteria[].contribution] | add')" = 100

# --- R11: retro and close ------------------------------------------------------------------------
refused "R11 closing without a retro is refused" "objective $O3 has no final retro \\(R11\\): write one first with okra retro $O3" \
	okra --as pat objective close "$O3"
ok "R11 a draft retro" okra --as pat retro "$O3" --good "one" --bad "two" --bad "three"
refused "R11 closing with only a draft retro is refused" 'has no final retro \(R11\)' okra --as pat objective close "$O3"
refused "R11 a final retro needs 2 bullets per section" 'a final retro needs 2–3 bullets in each of Good, Bad and Try \(R11\): Good has 1' \
	okra --as pat retro "$O3" --good a --bad b --bad c --try d --try e --final
refused "R11 a final retro has at most 3 bullets per section" 'Try has 4' \
	okra --as pat retro "$O3" --good a --good b --bad c --bad d --try e --try f --try g --try h --final
refused "R11 a draft retro holds at most 3 bullets too" 'at most 3 bullets.*Bad has 4' \
	okra --as pat retro "$O3" --bad a --bad b --bad c --bad d
refused "R11 --final on the draft checks the draft's bullets" 'Good has 1' okra --as pat retro "$O3" --final
refused "R11 a retro bullet is one line" 'good has a control character' okra --as pat retro "$O3" --good "$(printf 'a\nb')"
usage "R11 a retro with nothing to record is a usage error" okra --as pat retro "$O3"
refused "R11 a closed objective takes no check-in" "objective $OC is closed and read-only \\(R11\\)" \
	okra --as pat checkin "$KOC" --value 1 --health on_track
refused "R11 a closed objective takes no status" 'closed and read-only' okra --as pat status "$OC" --health on_track --line "$KOC=done"
refused "R11 a closed objective takes no retro" 'closed and read-only' okra --as pat retro "$OC" --good x
refused "R11 a closed objective cannot be edited" 'closed and read-only' okra --as pat objective edit "$OC" --title "Reopened?"
refused "R11 a closed objective cannot go back to active" 'closed and read-only' okra --as pat objective edit "$OC" --state active
refused "R11 a closed objective's KR cannot be edited" 'closed and read-only' okra --as pat kr edit "$KOC" --title "Changed"
refused "R11 nothing aligns to a closed objective" "objective $OC is closed: nothing new aligns to it" \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --parent "$OC" --dri pat --title "Child"
refused "R11 an objective closes once" 'already closed' okra --as pat objective close "$OC"
refused "state is draft or active: close is its own command" 'state is draft or active' okra --as pat objective edit "$O3" --state closed

# --- R8, R12: check-ins and status ---------------------------------------------------------------
refused "R12 health green is refused" '^okra: health is one of on_track, needs_attention, at_risk \(R12\), not green' \
	okra --as pat checkin "$KM" --value 99.95 --health green
refused "R12 health is required" '^okra: health is one of on_track, needs_attention, at_risk \(R12\)$' \
	okra --as pat checkin "$KM" --value 99.95
refused "R12 health is case-sensitive" 'not On_Track' okra --as pat checkin "$KM" --value 99.95 --health On_Track
refused "R9 a criteria KR takes no value" "key result $KC is scored by its criteria \\(R9\\)" \
	okra --as pat checkin "$KC" --value 50 --health on_track
refused "R9 a criteria KR takes no progress" 'scored by its criteria' okra --as pat checkin "$KC" --progress 0.5 --health on_track
refused "R8 a metric check-in needs a value or progress" "key result $KM is a metric: give --value \\(in %\\) or --progress" \
	okra --as pat checkin "$KM" --health on_track
refused "R8 a check-in takes a value or a progress, not both" 'not both' okra --as pat checkin "$KM" --value 99.95 --progress 0.5 --health on_track
refused "R8 progress is a fraction in a sane range" 'between -10 and 10' okra --as pat checkin "$KM" --progress 11 --health on_track
refused "R8 a note has a size cap" 'note is 3000 bytes long; at most 2000' \
	okra --as pat checkin "$KM" --value 99.95 --health on_track --note "$(head -c 3000 /dev/zero | tr '\0' n)"
refused "R8 status needs a line for every KR" "no line for key result $KC \"Automation\": the status has one line per key result \\(R8\\)" \
	okra --as pat status "$O3" --health on_track --line "$KM=fine"
refused "R8 status refuses a line for another objective's KR" "key result $KW is not one of objective $O3's" \
	okra --as pat status "$O3" --health on_track --line "$KM=fine" --line "$KC=ok" --line "$KW=not mine"
refused "R8 status refuses two lines for one KR" "two lines for key result $KM" \
	okra --as pat status "$O3" --health on_track --line "$KM=fine" --line "$KC=ok" --line "$KM=again"
refused "R8 status refuses an empty line" 'line is empty' okra --as pat status "$O3" --health on_track --line "$KM=" --line "$KC=ok"
refused "R12 status needs a health" 'health is one of' okra --as pat status "$O3" --line "$KM=fine" --line "$KC=ok"
refused "R8 a status line names a KR by id" 'line must be a positive whole number, not Uptime' \
	okra --as pat status "$O3" --health on_track --line "Uptime=fine" --line "$KC=ok"
ok "R8 an objective with no KRs yet" okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "Empty"
OE=$out
refused "R8 status on an objective with no KRs" "objective $OE has no key results to report on yet" \
	okra --as pat status "$OE" --health on_track

# --- R1: levels and alignment --------------------------------------------------------------------
refused "R1 a workstream objective is not in a year cycle" 'workstream objectives are quarterly \(R1\): FY2027 is a year' \
	okra --as pat objective add --cycle FY2027 --team saas --dri pat --title "Yearly team goal"
refused "R1 an annual objective cannot align under a quarterly one" 'a company annual objective cannot align under a company quarterly one \(R1\)' \
	okra --as lee objective add --cycle FY2027 --parent "$O2" --dri lee --title "Upside down"
refused "R1 a company objective cannot align under a workstream one" 'cannot align under a workstream quarterly one' \
	okra --as lee objective edit "$O2" --parent "$O3"
ok "a second workstream objective under the first" okra --as pat objective add --cycle FY2027-Q3 --team saas --parent "$O3" --dri pat --title "Below"
OB=$out
refused "R1 a parent loop via edit is refused" "objective $OB is aligned under $O3 already: that would make a loop" \
	okra --as pat objective edit "$O3" --parent "$OB"
refused "R1 an objective is not its own parent" 'cannot align to itself' okra --as pat objective edit "$O3" --parent "$O3"
refused "R1 a quarterly objective aligns within its year" 'align to an objective in the same cycle or in the year that contains it' \
	okra --as pat objective add --cycle FY2027-Q4 --team saas --parent "$O3" --dri pat --title "Next quarter"
refused "R1 the parent must exist" 'no objective 999 to align to' \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --parent 999 --dri pat --title "Orphan"

# --- bad dates ----------------------------------------------------------------------------------
for d in 2026-02-30 2026-2-3 tomorrow "" 2026-13-01 "2026-08-05 " 20260805; do
	refused "a bad date ($d) is refused" 'date must be a real date written YYYY-MM-DD' okra due --date "$d"
done
refused "a bad joined date is refused" 'joined must be a real date written YYYY-MM-DD' okra person add zoe --name Zoe --joined 2026-02-30
refused "a bad cycle start is refused" 'start must be a real date' okra cycle year FY2030 --start 2029-2-1
refused "a bad cycle end is refused" 'end must be a real date' okra cycle add FY2030 --kind year --start 2029-02-01 --end tomorrow
refused "a cycle ends after it starts" 'ends on 2029-01-01, before it starts on 2029-02-01' \
	okra cycle add FY2030 --kind year --start 2029-02-01 --end 2029-01-01
refused "a bad OKRA_NOW is refused" 'OKRA_NOW=tomorrow is not YYYY-MM-DD' env OKRA_NOW=tomorrow "$OKRA" objective show "$O3"

# --- bad numbers --------------------------------------------------------------------------------
for n in abc nan inf -inf 0x10 12abc "" " 5" "5 " 1,5; do
	refused "a bad number ($n) is refused" 'value must be a decimal number such as 42 or -3.5' \
		okra --as pat checkin "$KM" --value "$n" --health on_track
done
refused "a number too large (1e400) is refused" 'value is out of range' okra --as pat checkin "$KM" --value 1e400 --health on_track
refused "a number beyond 1e15 is refused" 'value is out of range' okra --as pat checkin "$KM" --value 1e16 --health on_track
refused "a bad start is refused" 'start must be a decimal number' okra --as pat kr add "$O3" --title X --dri pat --unit x --start abc --target 1
refused "a bad target is refused" 'target must be a decimal number' okra --as pat kr add "$O3" --title X --dri pat --unit x --start 0 --target nan
refused "a bad contribution is refused" 'contribution must be a decimal number' \
	okra --as pat criterion add "$KC" --ref 'gitlab-org/saas#5' --contribution 0x10
refused "a bad progress is refused" 'progress must be a decimal number' okra --as pat checkin "$KM" --progress inf --health on_track
refused "a bad weight is refused" 'weight must be a decimal number' okra --as pat objective edit "$O3" --weight 12abc
refused "a weight of 0 is refused" 'weight must be more than 0 and at most 100' okra --as pat kr add "$O3" --title X --dri pat --unit x --start 0 --target 1 --weight 0
refused "a negative weight is refused" 'weight must be more than 0 and at most 100' okra --as pat objective edit "$O3" --weight -1

# --- unknown ids, people, teams, cycles ----------------------------------------------------------
refused "an unknown objective" 'no objective with id 999' okra objective show 999
refused "an unknown objective to edit" 'no objective with id 999' okra objective edit 999 --title x
refused "an unknown objective to close" 'no objective with id 999' okra objective close 999
refused "an unknown objective for a KR" 'no objective with id 999' okra kr add 999 --title x --dri pat --criteria
refused "an unknown objective for a status" 'no objective with id 999' okra status 999 --health on_track --line 1=a
refused "an unknown objective for a retro" 'no objective with id 999' okra retro 999 --good a
refused "an unknown objective for a link" 'no objective with id 999' okra link add 999 --ref 'a/b#1'
refused "an unknown KR" 'no key result with id 999' okra kr show 999
refused "an unknown KR to check in" 'no key result with id 999' okra checkin 999 --value 1 --health on_track
refused "an unknown KR for a criterion" 'no key result with id 999' okra criterion add 999 --ref 'a/b#1' --contribution 1
refused "an unknown KR for an initiative" 'no key result with id 999' okra initiative add 999 --title x
for id in abc 0 -1 1.5 99999999999999999999; do
	refused "an id is a positive whole number ($id)" 'id must be a positive whole number, not' okra objective show "$id"
done
refused "an unknown person acting" 'no person with handle nobody' okra --as nobody objective list --cycle FY2027-Q3
refused "an unknown person as DRI" 'no person with handle nobody to be DRI' \
	okra --as lee objective add --cycle FY2027-Q3 --dri nobody --title X
refused "an unknown person as team member" 'no person with handle nobody' okra team add ops --name Ops --member nobody
refused "an unknown team" 'no team nope' okra --as lee objective add --cycle FY2027-Q3 --team nope --dri lee --title X
refused "an unknown cycle" 'no cycle FY2099' okra --as lee objective add --cycle FY2099 --dri lee --title X
refused "an unknown cycle for tree" 'no cycle FY2099' okra tree --cycle FY2099
refused "an unknown parent cycle" 'no cycle FY2099' okra cycle add X1 --kind quarter --start 2099-01-01 --end 2099-03-31 --parent FY2099
refused "a duplicate handle" 'a person with handle pat already exists' okra person add pat --name "Pat Again"
refused "a duplicate team" 'a team saas already exists' okra team add saas --name "SaaS again"
refused "a duplicate cycle (year)" 'a cycle named FY2027 already exists' okra cycle year FY2027 --start 2027-02-01
refused "a year overlapping one planned" 'FY2028 would overlap the year FY2027 .2026-02-01 to 2027-01-31.' \
	okra cycle year FY2028 --start 2027-01-01
refused "a duplicate cycle (quarter)" 'a cycle named FY2027-Q1 already exists' \
	okra cycle add FY2027-Q1 --kind quarter --start 2026-02-01 --end 2026-04-30
refused "a bad handle" 'handle must be 1-40 characters' okra person add "Bad Handle" --name X
refused "a bad role" 'role is admin, leader, member or viewer, not boss' okra person add zoe --name Zoe --role boss
refused "a bad e-mail" 'email is not an e-mail address' okra person add zoe --name Zoe --email zoe
refused "a bad cycle kind" 'kind is year or quarter, not decade' okra cycle add D1 --kind decade --start 2030-01-01 --end 2030-12-31

# --- refs ---------------------------------------------------------------------------------------
refused "a ref with spaces is refused" 'ref has a space' okra criterion close "not a ref"
refused "a javascript: ref is refused" 'ref has neither #NUMBER \(issue\) nor &NUMBER \(epic\)' okra criterion close "javascript:alert(1)"
refused "a javascript: link is refused" 'link has neither' okra --as pat link add "$O3" --ref "javascript:alert(1)"
refused "a link with spaces is refused" 'link has a space' okra --as pat link add "$O3" --ref "not a ref"
refused "a criterion ref with spaces is refused" 'ref has a space' okra --as pat criterion add "$KC" --ref "not a ref" --contribution 1
refused "an initiative ref is checked too" 'ref has neither' okra --as pat initiative add "$KC" --title X --ref "javascript:alert(1)"
refused "issue #0 is no issue" 'positive whole number after # or &' okra --as pat link add "$O3" --ref 'a/b#0'
refused "closing a ref nothing uses" 'no criterion, initiative or linked item refers to gitlab-org/saas#77' \
	okra --as pat criterion close 'gitlab-org/saas#77'

# --- usage errors exit 2 ------------------------------------------------------------------------
usage "an unknown command" okra frobnicate
check "an unknown command says so" test "$err" = "okra: 'frobnicate' is not a command (see: okra --help)"
usage "an unknown global option" okra --bogus objective list
usage "an unknown option" okra objective list --bogus
check "an unknown option names it" test "${err%%;*}" = "okra: unknown option --bogus"
usage "an unknown subcommand" okra objective frob
usage "no subcommand" okra objective
usage "no command at all" okra
usage "a missing required option (--title)" okra --as lee objective add --cycle FY2027-Q3 --dri lee
usage "a missing required option (--ref)" okra --as pat criterion add "$KC" --contribution 5
usage "a missing required option (--name)" okra person add zoe
usage "a missing required option (metric --start/--target)" okra --as pat kr add "$O3" --title X --dri pat
usage "metric and criteria at once" okra --as pat kr add "$O3" --title X --dri pat --criteria --unit %
usage "an option without its value" okra --as pat checkin "$KM" --value 1 --health
usage "a missing positional (objective show)" okra objective show
usage "a missing positional (checkin)" okra checkin --value 1 --health on_track
usage "a missing positional (criterion close)" okra criterion close
usage "an extra positional" okra objective show 1 2
usage "a status line without '='" okra --as pat status "$O3" --health on_track --line "no equals sign"
usage "a flag given a value" okra --as pat retro "$O3" --good a --final=yes
before=$(db_digest)
usage "usage errors change nothing" okra --as lee objective add --cycle FY2027-Q3 --dri lee --bogus
check "a usage error leaves the database unchanged" test "$(db_digest)" = "$before"

# --- help: each usage line is made from the command's option table -------------------------------
# Every command's and subcommand's --help runs (a hole in an option table would abort), and a
# subcommand's own "usage:" line is the line its command's list shows for it.
for cmd in $(okra --help | awk '/^  [a-z]/ { print $1 }'); do
	ok "okra $cmd --help" okra "$cmd" --help
	listing=$out
	for sub in $(printf '%s\n' "$listing" | sed -n 's/^  okra [a-z]* \([a-z][a-z-]*\).*/\1/p'); do
		ok "okra $cmd $sub --help" okra "$cmd" "$sub" --help
		check "okra $cmd $sub --help shows the line okra $cmd --help lists" \
			test "${out%%$'\n'*}" = "usage: $(printf '%s\n' "$listing" |
				sed -n "s/^  okra $cmd $sub /$cmd $sub /p")"
	done
done
check "a required option shows bare, an optional one in brackets, alternatives in (…|…)" \
	test "$(okra checkin --help | head -1)" = \
	"usage: checkin KR (--value V | --progress P) --health H [--note T]"

# --- hostile strings ----------------------------------------------------------------------------
refused "a 10 KB title is refused as too long" 'title is 10240 bytes long; at most 200 are allowed' \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "$(head -c 10240 /dev/zero | tr '\0' x)"
refused "a title with a newline is refused" 'title has a control character at byte 5: use one line' \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "$(printf 'first\nsecond')"
refused "a title with a carriage return is refused" 'control character' \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "$(printf 'first\rsecond')"
refused "a title that is not UTF-8 is refused" 'not UTF-8' \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "$(printf 'caf\xe9')"
refused "a blank title is refused" 'title is empty' okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "   "
refused "a KR title with a newline is refused" 'title has a control character' \
	okra --as pat kr add "$O3" --title "$(printf 'a\nb')" --dri pat --criteria
refused "a status line with a newline is refused" 'line has a control character' \
	okra --as pat status "$O3" --health on_track --line "$KM=$(printf 'a\nb')" --line "$KC=ok"
hostile="<script>alert(1)</script> \"double\" 'single' \`tick\` \$(id) & < > ü — 🦘 \\n"
ok "a hostile-looking but valid title is stored" okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "$hostile" \
	--context "$(printf '<img src=x onerror=alert(1)>\n\n"quoted"')"
OH=$out
check "the hostile title comes back byte-identical in --json" test "$(show "$OH" .title)" = "$hostile"
check "the hostile context comes back byte-identical in --json" test "$(show "$OH" .context)" = "$(printf '<img src=x onerror=alert(1)>\n\n"quoted"')"
check "the hostile title is valid JSON in the list" \
	test "$(okra --json objective list --cycle FY2027-Q3 | jget ".[] | select(.id==$OH) | .title")" = "$hostile"
ok "a title of exactly 200 bytes is fine" okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "$(head -c 200 /dev/zero | tr '\0' y)"
check "the 200-byte title is kept whole" test "$(show "$out" '.title | length')" = 200
refused "a title of 201 bytes is refused" 'title is 201 bytes long' \
	okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat --title "$(head -c 201 /dev/zero | tr '\0' y)"

finish

#!/usr/bin/env bash
# t02-gitlab-process.sh: seed 001 end to end — handbook descriptions, links, scoring criteria, initiatives, Wednesday check-ins and status lines, retro and close.
. "$(dirname "$0")/lib.sh"

near() { awk -v a="$1" -v b="$2" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(d<1e-9)}'; }
calc() { awk "BEGIN{printf \"%.17g\", $1}"; }
show() { okra --json objective show "$1" | jget "$2"; }
krshow() { okra --json kr show "$1" | jget "$2"; }
week() { export OKRA_NOW=$1; }

week 2026-08-03
ok "init" okra init
ok "the first admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a leader" okra person add lee --name "Lee Leader" --role leader --joined 2020-01-01
ok "the objective's DRI" okra person add pat --name "Pat Platforms" --joined 2023-01-01
ok "a KR DRI" okra person add sam --name "Sam SRE" --joined 2023-01-01
ok "another KR DRI" okra person add kim --name "Kim Kube" --joined 2023-01-01
ok "the SaaS Platforms team" okra team add saas --name "SaaS Platforms" --member pat --member sam --member kim
ok "the year" okra cycle year FY2027 --start 2026-02-01

# --- R6: the objective's description in the handbook format ----------------------------------
ok "R6 an objective with context and linked epics" okra --as pat objective add --cycle FY2027-Q3 --team saas --dri pat \
	--title "Make GitLab Dedicated self-serve" \
	--context "Customers wait two weeks for a Dedicated instance.

Provisioning is manual." \
	--link 'gitlab-org/saas-platforms&7' --link 'https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/12'
O=$out
ok "R6 link add appends to Linked Epics and Issues" okra --as pat link add "$O" --ref 'gitlab-org/saas-platforms/dedicated#40' --title "Self-serve signup"
check "R6 link add prints the new link's id" test "$out" = 3
check "R6 description: ### Context, then ### Linked Epics and Issues as a numbered list" \
	test "$(show "$O" '.description | @json')" = \
	'"### Context\n\nCustomers wait two weeks for a Dedicated instance.\n\nProvisioning is manual.\n\n### Linked Epics and Issues\n\n1. gitlab-org/saas-platforms&7\n2. gitlab-org/saas-platforms/dedicated#12\n3. gitlab-org/saas-platforms/dedicated#40 — Self-serve signup\n"'
check "R6 links are kept with their canonical refs" \
	test "$(show "$O" '[.links[] | "\(.ref)|\(.title)|\(.state)"] | join(" ")')" = \
	"gitlab-org/saas-platforms&7||open gitlab-org/saas-platforms/dedicated#12||open gitlab-org/saas-platforms/dedicated#40|Self-serve signup|open"
check "R6 the context is kept as typed" test "$(show "$O" '.context | @json')" = \
	'"Customers wait two weeks for a Dedicated instance.\n\nProvisioning is manual."'

# --- R7: a criteria KR with Scoring Criteria 50/30/20 -----------------------------------------
ok "R7 a criteria KR" okra --as pat kr add "$O" --title "Provisioning is fully automated" --dri sam --criteria \
	--context "Automation removes the two-week wait."
KA=$out
ok "R2 a metric KR: provisioning time from 14 days to 1" okra --as pat kr add "$O" \
	--title "Cut provisioning time from 14 days to 1" --dri kim --unit days --start 14 --target 1
KB=$out
ok "R2 a metric KR: self-serve signups from 0 to 20" okra --as pat kr add "$O" \
	--title "Get 20 customers through self-serve signup" --dri pat --unit customers --start 0 --target 20
KC=$out
ok "R7 criterion 1 of 3: 50%" okra --as pat criterion add "$KA" --ref 'gitlab-org/saas-platforms/dedicated#101' --contribution 50 --title "Terraform the tenant"
ok "R7 criterion 2 of 3: 30%" okra --as sam criterion add "$KA" --ref 'gitlab-org/saas-platforms/dedicated#102' --contribution 30 --title "Automate DNS"
ok "R7 criterion 3 of 3: 20%" okra --as pat criterion add "$KA" --ref 'https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/103' --contribution 20
check "R7 the criteria are kept with refs, contributions and state" \
	test "$(krshow "$KA" '[.criteria[] | "\(.ref) \(.contribution) \(.state)"] | join(",")')" = \
	"gitlab-org/saas-platforms/dedicated#101 50 open,gitlab-org/saas-platforms/dedicated#102 30 open,gitlab-org/saas-platforms/dedicated#103 20 open"
ok "R5 an initiative under the KR, tied to an epic" okra --as sam initiative add "$KA" --title "Provisioning pipeline" --ref 'gitlab-org/saas-platforms&9'
check "R5 the initiative is kept on the KR" \
	test "$(krshow "$KA" '[.initiatives[] | "\(.title)|\(.ref)|\(.state)"] | join(",")')" = "Provisioning pipeline|gitlab-org/saas-platforms&9|open"
ok "R5 an initiative without a ref" okra --as pat initiative add "$KB" --title "Pre-warm a pool of instances"
check "R5 an initiative without a ref has ref null" test "$(krshow "$KB" '.initiatives[0].ref')" = null
check "R7 KR description: ### Context, then ### Scoring Criteria with a numbered list and percentages" \
	test "$(krshow "$KA" '.description | @json')" = \
	'"### Context\n\nAutomation removes the two-week wait.\n\n### Scoring Criteria\n\n1. gitlab-org/saas-platforms/dedicated#101 — Terraform the tenant — 50%\n2. gitlab-org/saas-platforms/dedicated#102 — Automate DNS — 30%\n3. gitlab-org/saas-platforms/dedicated#103 — 20%\n\n### Initiatives\n\n- Provisioning pipeline — gitlab-org/saas-platforms&9\n"'
check "R7 a metric KR's scoring criteria is its metric, 100%" \
	test "$(krshow "$KB" '.description | @json')" = \
	'"### Context\n\n### Scoring Criteria\n\n1. Cut provisioning time from 14 days to 1: from 14 to 1 days — 100%\n\n### Initiatives\n\n- Pre-warm a pool of instances\n"'
ok "R7 lint is clean: every criteria KR totals 100" okra lint
check "R9 no criterion closed: the KR is at 0" test "$(krshow "$KA" .progress)" = 0

# --- R9: closing criteria moves the KR by exactly its contribution ----------------------------
week 2026-08-05
ok "R9 close the 50% issue by hand" okra --as sam criterion close 'gitlab-org/saas-platforms/dedicated#101'
check "R9 close reports one item changed" test "$out" = 1
check "R9 the KR moves by 50%" test "$(krshow "$KA" .progress)" = 0.5
check "R9 the criterion is closed" test "$(krshow "$KA" '.criteria[0].state')" = closed
check "R10 the objective rolls up: (0.5 + 0 + 0)/3" test "$(near "$(show "$O" .progress)" "$(calc '0.5/3')" && echo y)" = y
check "R9 a close is recorded in the KR's history" \
	test "$(krshow "$KA" '.checkins[-1] | "\(.author) \(.progress) \(.note) \(.source)"')" = "sam 0.5 closed gitlab-org/saas-platforms/dedicated#101 manual"
ok "R9 closing it again changes nothing" okra --as sam criterion close 'gitlab-org/saas-platforms/dedicated#101'
check "R9 a second close reports 0 changed" test "$out" = 0
check "R9 a second close says so on stderr" test "$err" = "okra: gitlab-org/saas-platforms/dedicated#101 was closed already"
check "R9 the KR stays at 50%" test "$(krshow "$KA" .progress)" = 0.5

ok "R9 close the 30% issue (the ref written as a URL)" okra --as sam criterion close 'https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/102'
check "R9 the KR moves to 80%" test "$(near "$(krshow "$KA" .progress)" 0.8 && echo y)" = y
check "R10 the objective: (0.8 + 0 + 0)/3" test "$(near "$(show "$O" .progress)" "$(calc '0.8/3')" && echo y)" = y

ok "R8 the KR DRI's check-in on a criteria KR: health and a note, no value" \
	okra --as sam checkin "$KA" --health needs_attention --note "DNS automation slipped a week"
check "R8 the criteria check-in keeps the KR's progress and records no value" \
	test "$(krshow "$KA" '.checkins[-1] | "\(.value) \(.health) \(.note)"')" = "null needs_attention DNS automation slipped a week"
check "R8 the criteria check-in's progress is the KR's" test "$(near "$(krshow "$KA" '.checkins[-1].progress')" 0.8 && echo y)" = y
check "R12 the KR takes the check-in's health" test "$(krshow "$KA" .health)" = needs_attention
check "R9 a health check-in does not move a criteria KR" test "$(near "$(krshow "$KA" .progress)" 0.8 && echo y)" = y
ok "R8 the time KR's DRI checks in" okra --as kim checkin "$KB" --value 10 --health on_track --note "pool of 3"
ok "R8 the signup KR's DRI checks in" okra --as pat checkin "$KC" --value 2 --health at_risk

# Week 1 by hand: KA 0.8, KB (10-14)/(1-14) = 4/13, KC 2/20 = 0.1.
check "R10 the objective is the mean of the three KRs" \
	test "$(near "$(show "$O" .progress)" "$(calc '(0.8 + 4/13 + 0.1)/3')" && echo y)" = y

ok "R8 the objective DRI's weekly status: health and one line per KR" okra --as pat status "$O" --health needs_attention \
	--line "$KA=DNS slipped, Terraform done" --line "$KB=10 days now" --line "$KC=first two customers in"
S1=$out
check "R8 the status takes the objective's health" test "$(show "$O" .health)" = needs_attention
check "R8 the status is kept with one line per KR" \
	test "$(show "$O" '.status_updates[0] | "\(.id) \(.author) \(.health) \(.lines | length) \(.lines[0].key_result)=\(.lines[0].line)"')" = \
	"$S1 pat needs_attention 3 $KA=DNS slipped, Terraform done"

# --- week 2 ----------------------------------------------------------------------------------
week 2026-08-12
ok "R9 close the 20% issue" okra --as pat criterion close 'gitlab-org/saas-platforms/dedicated#103'
check "R9 all criteria closed: the KR is at 100%" test "$(near "$(krshow "$KA" .progress)" 1 && echo y)" = y
ok "R9 reopen the 30% issue" okra --as sam criterion reopen 'gitlab-org/saas-platforms/dedicated#102'
check "R9 reopen prints how many items changed" test "$out" = 1
check "R9 reopening takes its 30% back" test "$(near "$(krshow "$KA" .progress)" 0.7 && echo y)" = y
check "R9 the reopened criterion is open" test "$(krshow "$KA" '.criteria[1].state')" = open
check "R10 the objective follows the reopen" test "$(near "$(show "$O" .progress)" "$(calc '(0.7 + 4/13 + 0.1)/3')" && echo y)" = y
check "R9 reopen is recorded in the history" test "$(krshow "$KA" '.checkins[-1].note')" = "reopened gitlab-org/saas-platforms/dedicated#102"
ok "R9 close it again" okra --as sam criterion close 'gitlab-org/saas-platforms/dedicated#102'
check "R9 the KR is back at 100%" test "$(near "$(krshow "$KA" .progress)" 1 && echo y)" = y
check "R9 the closed criteria show as closed in the Scoring Criteria" \
	test "$(krshow "$KA" '.description | split("\n") | map(select(test("^[0-9]\\. "))) | join("|")')" = \
	"1. gitlab-org/saas-platforms/dedicated#101 — Terraform the tenant — 50% (closed)|2. gitlab-org/saas-platforms/dedicated#102 — Automate DNS — 30% (closed)|3. gitlab-org/saas-platforms/dedicated#103 — 20% (closed)"
ok "R6 a linked epic closes" okra --as pat link close 'gitlab-org/saas-platforms&7'
check "R6 a closed link shows as closed in the description" \
	test "$(show "$O" '.description | split("\n") | map(select(startswith("1. "))) | .[0]')" = "1. gitlab-org/saas-platforms&7 (closed)"
check "R6 a closed link does not move progress" test "$(near "$(show "$O" .progress)" "$(calc '(1 + 4/13 + 0.1)/3')" && echo y)" = y

ok "R8 check-in week 2 (time)" okra --as kim checkin "$KB" --value 1 --health on_track
ok "R8 check-in week 2 (signups)" okra --as pat checkin "$KC" --progress 0.5 --health needs_attention
check "R8 a progress check-in sets current" test "$(krshow "$KC" .current)" = 10
check "R10 week 2: (1 + 1 + 0.5)/3" test "$(near "$(show "$O" .progress)" "$(calc '2.5/3')" && echo y)" = y
ok "R8 the second weekly status" okra --as pat status "$O" --health on_track \
	--line "$KB=1 day: done" --line "$KA=all three issues closed" --line "$KC=10 of 20"
check "R8 status history keeps both weeks" \
	test "$(show "$O" '[.status_updates[] | "\(.health):\(.at[0:10]):\(.lines | length)"] | join(" ")')" = \
	"needs_attention:2026-08-05:3 on_track:2026-08-12:3"
check "R8 the latest status is the objective's health" test "$(show "$O" .health)" = on_track
check "R8 the lines are kept per KR" \
	test "$(show "$O" ".status_updates[1].lines[] | select(.key_result==$KC) | .line")" = "10 of 20"
check "R8 last_status_at is the latest Wednesday" test "$(show "$O" '.last_status_at[0:10]')" = 2026-08-12

ok "R6 other sections follow the R6 block" okra --as pat objective edit "$O" --sections "### Risks

- AWS quotas"
check "R6 the objective keeps its shape with a further section" \
	test "$(show "$O" '.description | @json')" = \
	'"### Context\n\nCustomers wait two weeks for a Dedicated instance.\n\nProvisioning is manual.\n\n### Linked Epics and Issues\n\n1. gitlab-org/saas-platforms&7 (closed)\n2. gitlab-org/saas-platforms/dedicated#12\n3. gitlab-org/saas-platforms/dedicated#40 — Self-serve signup\n\n### Risks\n\n- AWS quotas\n"'

# --- R11: the retro, appended once final; then close ----------------------------------------
week 2026-10-28
ok "R11 a draft retro" okra --as pat retro "$O" --good "Terraform module reused by two teams" --bad "DNS automation slipped"
check "R11 a draft is not in the description" test "$(show "$O" '.description | contains("### Retro")')" = false
check "R11 a draft is kept" test "$(show "$O" '"\(.retro.final) \(.retro.good | length) \(.retro.bad | length) \(.retro.try | length)"')" = "false 1 1 0"
ok "R11 the final retro, 2–3 bullets each" okra --as pat retro "$O" \
	--good "Terraform module reused by two teams" --good "Provisioning down to a day" \
	--bad "DNS automation slipped" --bad "Signup lagged behind" \
	--try "Split big issues before the quarter" --try "Check in on Wednesdays without fail" --try "Pair on DNS" --final
check "R11 the final retro is kept" test "$(show "$O" '"\(.retro.final) \(.retro.final_at[0:10])"')" = "true 2026-10-28"
check "R11 the retro is appended as ### Retro with #### Good, #### Bad, #### Try" \
	test "$(show "$O" '.description | @json')" = \
	'"### Context\n\nCustomers wait two weeks for a Dedicated instance.\n\nProvisioning is manual.\n\n### Linked Epics and Issues\n\n1. gitlab-org/saas-platforms&7 (closed)\n2. gitlab-org/saas-platforms/dedicated#12\n3. gitlab-org/saas-platforms/dedicated#40 — Self-serve signup\n\n### Risks\n\n- AWS quotas\n\n### Retro\n\n#### Good\n\n- Terraform module reused by two teams\n- Provisioning down to a day\n\n#### Bad\n\n- DNS automation slipped\n- Signup lagged behind\n\n#### Try\n\n- Split big issues before the quarter\n- Check in on Wednesdays without fail\n- Pair on DNS\n"'
ok "R11 the objective closes after a final retro" okra --as pat objective close "$O"
check "R11 the objective is closed" test "$(show "$O" .state)" = closed
refused "R11 a closed objective takes no status" "closed and read-only" \
	okra --as pat status "$O" --health on_track --line "$KA=a" --line "$KB=b" --line "$KC=c"
refused "R11 a closed objective takes no criterion" "closed and read-only" \
	okra --as pat criterion add "$KA" --ref 'gitlab-org/saas-platforms/dedicated#104' --contribution 1
refused "R11 a closed objective takes no link" "closed and read-only" \
	okra --as pat link add "$O" --ref 'gitlab-org/saas-platforms#5'
refused "R11 a closed objective's retro is final" "closed and read-only" \
	okra --as pat retro "$O" --good "x" --good "y" --bad "z" --bad "w" --try "v" --try "u" --final
check "R11 the closed objective keeps its history" test "$(show "$O" '.status_updates | length')" = 2

finish

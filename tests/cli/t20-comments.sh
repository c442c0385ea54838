#!/usr/bin/env bash
# t20-comments.sh: the conversation (issue 19) from the CLI — comments on an objective, a KR and a check-in, replies, @mentions kept (only existing, active people) and told, edits keeping history, removal by the author or an admin (shown as removed), and who may not (R14: viewers only read; a closed objective is read-only).
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-11-18
ok "init" okra init
ok "an admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "the DRI" okra person add pat --name "Pat" --joined 2021-01-01
ok "a member of another team, DRI of nothing" okra person add mo --name "Mo" --joined 2021-01-01
ok "a new joiner" okra person add nj --name "New Joiner" --joined 2026-10-01
ok "a viewer" okra person add val --name "Val" --role viewer --joined 2021-01-01
ok "one who left" okra person add gone --name "Gone" --joined 2021-01-01
ok "left" okra person deactivate gone
ok "team saas" okra team add saas --name "SaaS" --member pat
ok "team web" okra team add web --name "Web" --member mo
ok "the year" okra cycle year FY2027 --start 2026-02-01
ok "objective" okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Ship it"
O=$out
ok "KR" okra --as pat kr add "$O" --title "Uptime" --dri pat --unit % --start 99 --target 100
K=$out
ok "check-in" okra --as pat checkin "$K" --value 99.5 --health on_track
C=$(okra --json kr show "$K" | jq -r '.checkins[-1].id // empty')
[ -n "$C" ] || C=$(sql "SELECT max(id) FROM checkins")

# --- who comments ---------------------------------------------------------------------------
ok "a member who is not the DRI nor on the team comments" \
	okra --as mo comment add --objective "$O" --body "Why **now**, @pat? And @nobody, @gone, mo@example.com"
C1=$out
check "the comment's id is printed" test -n "$C1"
ok "a new joiner comments (a comment is not an update)" okra --as nj comment add --kr "$K" --body "Hi"
C2=$out
refused "a viewer only reads" "val is a viewer: viewers only read" \
	okra --as val comment add --objective "$O" --body "hello"
ok "but a viewer reads the conversation" okra --as val --json comment list --objective "$O"
check "the viewer sees both" test "$(printf '%s' "$out" | jq length)" = 2
ok "a comment on the check-in" okra --as pat comment add --checkin "$C" --body "Measured after the fix"
C3=$out

# --- mentions: only existing, active people, each told once ------------------------------------
ok "show" okra --json comment show "$C1"
check "only pat is mentioned (nobody does not exist, gone left, an address names nobody)" \
	test "$(printf '%s' "$out" | jq -c .mentions)" = '["pat"]'
check "pat is told of the mention" test "$(sql "SELECT count(*) FROM comment_notices n JOIN people p ON p.id = n.person WHERE p.handle = 'pat' AND n.reason = 'mention'")" = 1
check "nothing is sent when no channel is set up" test "$(sql "SELECT count(*) FROM comment_sends")" = 0

# --- replies ---------------------------------------------------------------------------------
ok "pat answers" okra --as pat comment add --reply "$C1" --body "Because the quarter ends."
R1=$out
ok "the reply" okra --json comment show "$R1"
check "a reply is on what it answers" test "$(printf '%s' "$out" | jq -r '.parent, .objective, .key_result' | tr '\n' ' ')" = "$C1 $O null "
check "mo is told of the reply" test "$(sql "SELECT n.reason FROM comment_notices n JOIN people p ON p.id = n.person WHERE p.handle = 'mo'")" = reply
ok "pat mentions themself: nobody is told" okra --as pat comment add --objective "$O" --body "note to @pat"
check "no notice to oneself" test "$(sql "SELECT count(*) FROM comment_notices n JOIN people p ON p.id = n.person WHERE p.handle = 'pat'")" = 1
refused "a reply to a comment of another objective is refused" "no comment 999" \
	okra --as pat comment add --reply 999 --body "x"

# --- only one target -------------------------------------------------------------------------
refused "two targets" "name exactly one" okra --as pat comment add --objective "$O" --kr "$K" --body x
refused "no target" "name exactly one" okra --as pat comment add --body x
refused "an empty body" "body is empty" okra --as pat comment add --objective "$O" --body "  "
refused "no such key result" "no key result 999" okra --as pat comment add --kr 999 --body x
usage "no body" okra --as pat comment add --objective "$O"

# --- edits keep history ----------------------------------------------------------------------
refused "only its author edits a comment" "only its author edits it" \
	okra --as ada comment edit "$C1" --body "rewritten"
ok "the author edits, naming nj now" okra --as mo comment edit "$C1" --body "Why now, @nj?"
ok "show after the edit" okra --json comment show "$C1"
check "the body is the new one" test "$(printf '%s' "$out" | jq -r .body)" = "Why now, @nj?"
check "both bodies are kept, oldest first" test "$(printf '%s' "$out" | jq -r '.history | length')" = 2
check "the first body is kept as it was" \
	test "$(printf '%s' "$out" | jq -r '.history[0].body')" = "Why **now**, @pat? And @nobody, @gone, mo@example.com"
check "the mentions follow the body" test "$(printf '%s' "$out" | jq -c .mentions)" = '["nj"]'
check "nj, newly named, is told" test "$(sql "SELECT count(*) FROM comment_notices n JOIN people p ON p.id = n.person WHERE p.handle = 'nj'")" = 1
ok "text list" okra comment list --objective "$O"
check "the text list shows the edited mark" test -n "$(printf '%s' "$out" | grep "#$C1 mo .*(edited)")"

# --- removal ---------------------------------------------------------------------------------
refused "another member may not remove it" "only its author or an admin removes it" \
	okra --as pat comment rm "$C2"
ok "an admin removes it" okra --as ada comment rm "$C2"
ok "the author removes their own" okra --as pat comment rm "$C3"
refused "removed twice" "was removed" okra --as pat comment rm "$C3"
refused "a removed comment is not edited" "was removed" okra --as pat comment edit "$C3" --body x
ok "list on the KR" okra --json comment list --kr "$K"
check "a removed comment stays in its place, its words gone" \
	test "$(printf '%s' "$out" | jq -c '[.[] | select(.id == '"$C2"') | .removed, .body, .removed_by]')" = '[true,"","ada"]'
check "the check-in's comment is among the KR's" test "$(printf '%s' "$out" | jq length)" = 2
ok "text list shows who removed it" okra comment list --kr "$K"
check "removed by ada" test -n "$(printf '%s' "$out" | grep "#$C2 nj .*: removed by ada")"

# --- a closed objective is read-only ---------------------------------------------------------
ok "retro" okra --as pat retro "$O" --good a --good b --bad c --bad d --try e --try f --final
ok "close" okra --as pat objective close "$O"
refused "no comment on a closed objective" "closed" okra --as mo comment add --objective "$O" --body late

# --- a retracted check-in keeps its conversation on the KR -----------------------------------
ok "objective 2" okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Two"
O2=$out
ok "KR 2" okra --as pat kr add "$O2" --title "Latency" --dri pat --unit ms --start 800 --target 200
K2=$out
ok "check-in 2" okra --as pat checkin "$K2" --value 700 --health on_track
C4=$(sql "SELECT max(id) FROM checkins")
ok "a comment on it" okra --as mo comment add --checkin "$C4" --body "nice"
ok "retracted" okra --as pat checkin retract "$C4"
ok "list the KR" okra --json comment list --kr "$K2"
check "the comment stays, on the KR" test "$(printf '%s' "$out" | jq -r '.[0].checkin, .[0].key_result' | tr '\n' ' ')" = "null $K2 "

# --- hostile text: kept as typed, given back as data; control characters refused --------------
EVIL='<script>alert(1)</script> "'"'"'><img src=x onerror=alert(1)> [x](javascript:alert(1)) @mo'
ok "a hostile comment" okra --as pat comment add --objective "$O2" --body "$EVIL"
HC=$out
ok "show it" okra --json comment show "$HC"
check "it comes back exactly as typed" test "$(printf '%s' "$out" | jq -r .body)" = "$EVIL"
refused "a terminal escape is refused" "control character" \
	okra --as pat comment add --objective "$O2" --body $'\e[31mred'
refused "a NUL-free but invalid UTF-8 body is refused" "UTF-8" \
	okra --as pat comment add --objective "$O2" --body $'bad \xff byte'

# --- a draft deleted takes its conversation with it; a KR deleted leaves its own on the objective
ok "a draft" okra --as pat objective add --cycle FY2027-Q4 --team saas --dri pat --title "Draft" --draft
D=$out
ok "its KR" okra --as pat kr add "$D" --title "Count" --dri pat --unit n --start 0 --target 10
DK=$out
ok "a comment on the draft naming mo" okra --as pat comment add --objective "$D" --body "@mo thoughts?"
DC=$out
ok "mo answers" okra --as mo comment add --reply "$DC" --body "yes"
ok "a comment on its KR" okra --as mo comment add --kr "$DK" --body "too low"
DKC=$out
ok "the KR deleted" okra --as pat kr delete "$DK"
ok "show" okra --json comment show "$DKC"
check "its comment stays on the objective" test "$(printf '%s' "$out" | jq -r '.key_result, .objective' | tr '\n' ' ')" = "null $D "
ok "the draft deleted, with its conversation" okra --as pat objective delete "$D"
check "no comment of it is left" test "$(sql "SELECT count(*) FROM comments WHERE objective = $D")" = 0
check "nor a notice" test "$(sql "SELECT count(*) FROM comment_notices WHERE comment = $DC")" = 0
finish

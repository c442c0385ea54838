#!/usr/bin/env bash
# t07-report.sh: okra report weekly (R8) on the demo company: health, the DRI's lines, progress this week
# from the check-in history, what is missing, escaping; okra remind --dry-run; the committed example.
. "$(dirname "$0")/lib.sh"

ok "the demo loads (OKRA_NOW=2026-11-23)" okra demo
ok "okra report weekly" okra report weekly
md=$out
check "R15 it is the week of the update day nearest the date (Monday 11-23: Wednesday 11-25)" grep -q '^# Weekly OKR report: FY2026-Q4, week of Wednesday 2026-11-25$' <<<"$md"
check "it ends with the updates still missing" grep -q '^## Updates still missing$' <<<"$md"
check "the committed docs/weekly-report.md is what okra writes for the demo (regenerate it if not)" \
	diff -u docs/weekly-report.md - <<<"$md"

ok "okra report weekly --json" okra report weekly --json
j=$out
check "the summary counts the objectives" test "$(jq '.summary.objectives' <<<"$j")" = "$(jq '.objectives|length' <<<"$j")"
check "the summary counts what is missing" test "$(jq '.summary.missing' <<<"$j")" = "$(jq '.missing.due|length' <<<"$j")"
check "the JSON carries the same Markdown" test "$(jq -r '.markdown' <<<"$j")" = "$md"
for id in $(jq -r '.objectives[].id' <<<"$j"); do
	check "objective #$id has its section" grep -q "^##* Objective #$id: " <<<"$md"
done
check "drafts are left out" test "$(jq '[.objectives[] | select(.state == "draft")] | length' <<<"$j")" = 0
check "parents come before the objectives aligned to them" \
	test "$(jq '[.objectives as $o | $o | to_entries[] | select(.value.parent != null) | .value.parent as $p
		| ($o | map(.id) | index($p)) as $pi | select($pi != null and $pi > .key)] | length' <<<"$j")" = 0

# Progress this week, from the check-in history: the latest check-in before the end of the update day
# (Wednesday 2026-11-18) and before the same instant a week earlier.
t1=$(date -u -d 2026-11-19 +%s)
t0=$(date -u -d 2026-11-12 +%s)
kr=$(jq '.objectives[0].key_results[0].id' <<<"$j")
p1=$(sql "SELECT progress FROM checkins WHERE key_result = $kr AND at < $t1 ORDER BY at DESC, id DESC LIMIT 1")
p0=$(sql "SELECT progress FROM checkins WHERE key_result = $kr AND at < $t0 ORDER BY at DESC, id DESC LIMIT 1")
check "KR #$kr: progress is its latest check-in's before the end of the update day ($p1)" \
	jq -e --argjson p "$p1" '(.objectives[0].key_results[0].progress - $p) | fabs < 1e-9' <<<"$j" >/dev/null
check "KR #$kr: a week before is the latest check-in before then ($p0)" \
	jq -e --argjson p "$p0" '(.objectives[0].key_results[0].progress_week_before - $p) | fabs < 1e-9' <<<"$j" >/dev/null
delta=$(jq -r '.objectives[0].key_results[0] | ((.progress - .progress_week_before) * 100 | round)' <<<"$j")
if [ "$delta" = 0 ]; then want="(no change)"; else want="($(printf '%+d' "$delta") pts)"; fi
check "the Markdown shows the change $want" grep -qF "$want" <<<"$(grep -F "KR #$kr " <<<"$md")"

# The DRI's lines come from the latest status update.
obj=$(jq '.objectives[0].id' <<<"$j")
line=$(sql "SELECT l.line FROM status_lines l JOIN status_updates s ON s.id = l.update_id
	WHERE s.objective = $obj AND l.key_result = $kr ORDER BY s.at DESC, s.id DESC LIMIT 1")
check "objective #$obj: KR #$kr's line is the latest status's" \
	jq -e --arg l "$line" '.objectives[0].key_results[0].line == $l' <<<"$j" >/dev/null

# What is missing is the due list of these objectives; updating removes it (R8).
check "kim's check-in and pat's status are missing" grep -q '^- @kim: check-in on KR #11' <<<"$md"
# R15: on Saturday 11-21, the last day of Wednesday 11-18's window, the demo's missing updates are made.
ok "kim checks in on Saturday" env OKRA_NOW=2026-11-21 "$OKRA" --as kim checkin 11 --value 30 --health on_track --note "moving"
ok "pat writes the status on Saturday" env OKRA_NOW=2026-11-21 "$OKRA" --as pat status 4 --health on_track --line "9=Uptime holds" \
	--line "10=CSAT up" --line "11=Migration at 30%"
ok "the report again, that Saturday" env OKRA_NOW=2026-11-21 "$OKRA" report weekly
check "nothing is missing once everyone has updated" grep -q '^None: everyone has updated.$' <<<"$out"
check "pat's new line is in the report" grep -qF "Migration at 30%" <<<"$out"
check "the status is now this week's" test -z "$(grep -F 'Objective #4' -A2 <<<"$out" | grep 'not updated this week')"

ok "an earlier week: --date 2026-11-11" okra report weekly --date 2026-11-11
check "the week of 2026-11-11" grep -q 'week of Wednesday 2026-11-11$' <<<"$out"
ok "a cycle by name" okra report weekly --cycle FY2026-Q3 --date 2026-09-20
check "the FY2026-Q3 report" grep -q '^# Weekly OKR report: FY2026-Q3' <<<"$out"

# Text from people is escaped: the Markdown cannot be made to carry HTML or links.
ok "a hostile objective" okra objective add --cycle FY2026-Q4 --dri pat --title '<script>alert(1)</script> *x* [a](http://e.vil) |t|'
hid=$out
ok "with a KR" okra kr add "$hid" --title 'KR `code` & <b>' --dri pat --unit % --start 0 --target 100
ok "the report" okra report weekly
check "no raw <script> in the Markdown" test -z "$(grep -F '<script>' <<<"$out")"
check "the title is escaped" grep -qF '\<script\>alert(1)\</script\> \*x\* \[a\](http://e.vil) \|t\|' <<<"$out"
check "the KR title is escaped" grep -qF 'KR `code` & \<b\>' <<<"$(sed 's/\\`/`/g' <<<"$out")"

refused "an unknown cycle" "FY1999" okra report weekly --cycle FY1999
refused "--post without a chat webhook" "chat_webhook" okra report weekly --post
usage "report needs a subcommand" okra report
usage "an unknown option" okra report weekly --nope

# okra remind --dry-run: the messages, nothing claimed or sent.
ok "remind --dry-run" okra remind --dry-run --date 2026-11-23
check "the dry run words pat's message" grep -q '^Hi Pat Lee (@pat), your OKR updates for the week of Wednesday 2026-11-25:' <<<"$out"
check "the dry run claims nothing" test "$(sql 'SELECT count(*) FROM notifications')" = 0
ok "remind --dry-run --json" okra remind --dry-run --json
check "one message per DRI" test "$(jq 'map(.dri) | unique | length' <<<"$out")" = "$(jq 'length' <<<"$out")"
refused "remind without a channel" "no reminder channel" okra remind
refused "a member cannot set the webhook" "only admins" okra --as pat setting set chat_webhook http://127.0.0.1:9/x

finish

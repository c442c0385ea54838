#!/usr/bin/env bash
# t62-search.sh: okra search (issue 19 item 6) on the demo, on the engine under test: a word from
# each kind of text found (objective, KR, check-in note, status line, retro, comment; edited and
# removed ones followed), title hits first,
# --json in the API's shape, the index following a write, and refusals of queries no person types.
. "$(dirname "$0")/lib.sh"

export OKRA_NOW=2026-08-12
ok "the demo" "$OKRA" demo

# kind FIRST-KIND WORDS…: the first hit of WORDS is of kind FIRST-KIND.
kind() {
	local want=$1
	shift
	"$OKRA" --json search "$@" >"$T/hits.json" 2>"$T/err" || _fail "okra search $*: $(cat "$T/err")"
	check "okra search $* finds a $want first" \
		test "$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(r[0]["kind"] if r else "nothing")' "$T/hits.json")" = "$want"
}
kind objective reliability platform
kind key_result dashboard load
ok "a check-in note to find" "$OKRA" --as pat checkin 10 --progress 0.2 --health on_track --note "the mongoose importer is done"
kind checkin mongoose
ok "a status line to find" "$OKRA" --as pat status 4 --health on_track --line "9=fine" --line "10=blocked by the tapir vendor" --line "11=fine"
kind status tapir
ok "a retro to find" "$OKRA" --as pat retro 4 --good "The okapi rota worked"
kind retro okapi
ok "a comment to find" "$OKRA" --as kim comment add --kr 10 --body "Ask the **quokka** team first"
kind comment quokka
check "a comment on a KR links to the KR" \
	grep -q '"path": "/objectives/4#kr-10"' "$T/hits.json"
ok "a reply to find" "$OKRA" --as pat comment add --objective 4 --body "Done: the quokka team said yes"
cid=$(printf '%s' "$out" | tail -n 1)
ok "an edited comment" "$OKRA" --as pat comment edit "$cid" --body "Done: the wallaby team said yes"
kind comment wallaby
ok "a removed comment" "$OKRA" --as pat comment rm "$cid"
kind nothing wallaby
ok "an objective titled with a word others only mention" "$OKRA" objective add --cycle FY2026-Q3 \
	--dri pat --title "Lower the mongoose count"
kind objective mongoose

ok "the text output" "$OKRA" search mongoose
has() { printf '%s\n' "$out" | grep -q -- "$1"; }
check "the text output groups by kind, title hits first" has "^Objectives"
check "the text output marks the match" has "\[mongoose\]"
ok "nothing found" "$OKRA" search zzyzx
check "nothing found says so" has "^Nothing found."

refused "a query over 200 bytes" "at most 200" "$OKRA" search "$(printf 'a%.0s' $(seq 201))"
refused "a query with a control character" "control characters" "$OKRA" search "$(printf 'a\tb')"
refused "a limit over 100" "limit is 1 to 100" "$OKRA" search x --limit 101
usage "no words" "$OKRA" search
for q in '"' "title:x" 'NEAR(a b)' "a*" "'" "--" "日本語" "AND"; do
	ok "the query $q is words, not syntax" "$OKRA" search -- "$q"
done

finish

#!/usr/bin/env bash
# t08-markdown.sh: okra export --format md / okra import (docs/markdown-format.md): the handbook
# format of R6, R7 and R11 round-trips byte for byte; a hand-written handbook file imports; errors
# name FILE:LINE and change nothing (one transaction).
. "$(dirname "$0")/lib.sh"
fx=$(cd "$(dirname "$0")/../fixtures/handbook" && pwd)

ok "the demo loads (OKRA_NOW=2026-11-23)" okra demo
ok "okra export --format md" okra export --format md --out "$T/a.md"
a=$(cat "$T/a.md")
check "R6: each objective has ### Context then ### Linked Epics and Issues" \
	test "$(grep -c '^### Linked Epics and Issues$' "$T/a.md")" = "$(grep -c '^# ' "$T/a.md")"
check "R7: each KR has ### Scoring Criteria" \
	test "$(grep -c '^### Scoring Criteria$' "$T/a.md")" = "$(grep -c '^## KR: ' "$T/a.md")"
check "R7: contributions in percent" grep -q '^1\. saas/provisioning#101 — Provisioning API — 50% (closed)$' "$T/a.md"
check "R11: the closed objective's retro is there with Good/Bad/Try" \
	bash -c "grep -q '^### Retro$' '$T/a.md' && grep -q '^#### Good$' '$T/a.md' && grep -q '^#### Try$' '$T/a.md'"
check "the fields the prose cannot carry are in an okra block" grep -q '^dri: sam$' "$T/a.md"
ok "--out and stdout agree" okra export --format md
check "stdout is the same bytes" test "$out" = "$a"

before=$(db_digest)
ok "R6/R7/R11: importing the export" okra import "$T/a.md"
check "it matched every objective by id" test "$out" = "0 created, 5 updated"
check "importing an unchanged export writes nothing" test "$(db_digest)" = "$before"
ok "export again" okra export --format md --out "$T/b.md"
check "export → import → export is byte-identical on the demo" cmp -s "$T/a.md" "$T/b.md"

ok "export --cycle FY2026-Q4" okra export --format md --cycle FY2026-Q4
check "only that cycle's objectives" test "$(grep -c '^cycle: ' <<<"$out")" = "$(grep -c '^cycle: FY2026-Q4$' <<<"$out")"

# Without ids every objective is created again, retro and closing included.
grep -v '^id: ' "$T/a.md" >"$T/noid.md"
ok "a file without ids creates" okra import "$T/noid.md"
check "five objectives created" test "$out" = "5 created, 0 updated"
ok "objective list" okra objective list --json
check "ten objectives now" test "$(okra export --format md | grep -c "^# ")" = 10

# A hand-written handbook file: cycle, DRI and team from the flags.
refused "no cycle in the file nor --cycle: FILE:LINE" 'onboarding\.md:1: no cycle' \
	okra import "$fx/onboarding.md"
ok "the hand-written handbook file imports" okra import "$fx/onboarding.md" --cycle FY2026-Q4 --dri pat --team saas
check "one objective created" test "$out" = "1 created, 0 updated"
ok "objective list" okra objective list --cycle FY2026-Q4 --json
id=$(jq '[.[] | select(.title == "Make self-serve onboarding painless")][0].id' <<<"$out")
ok "show it" okra objective show "$id" --json
j=$out
check "it is the team's, with its DRI" test "$(jq -r '.team + " " + .dri' <<<"$j")" = "saas pat"
check "two KRs" test "$(jq '.key_results | length' <<<"$j")" = 2
check "R7: the first KR's criteria with their contributions" \
	test "$(jq -c '[.key_results[0].criteria[] | [.ref, .contribution, .state]]' <<<"$j")" = \
	'[["saas/onboarding#41",50,"open"],["saas/onboarding#42",30,"open"],["saas/onboarding#43",20,"closed"]]'
check "R9: its progress is the closed 20%" test "$(jq '.key_results[0].progress' <<<"$j")" = 0.2
check "R10: the objective's progress is the mean of its KRs" test "$(jq '.progress' <<<"$j")" = 0.1
check "R6: the linked epics and issues" \
	test "$(jq -c '[.description | split("\n")[] | select(startswith("1. ") or startswith("2. "))][0:2]' <<<"$j")" = \
	'["1. saas/onboarding&3 — Self-serve onboarding epic","2. saas/onboarding#40"]'

# Errors name FILE:LINE and leave the database as it was.
refused "a bad percentage: FILE:LINE" 'bad-percent\.md:15: .*PERCENT%' \
	okra import "$fx/bad-percent.md" --cycle FY2026-Q4 --dri pat
# The first objective is fine and would be created; the second fails late, in the app.
{
	printf '# Fine\n\n### Context\n\nok\n\n### Linked Epics and Issues\n\n'
	printf '# Not fine\n\n```okra\ndri: nobody\n```\n\n### Context\n'
} >"$T/late.md"
refused "a failure late in the file rolls the whole import back" 'late\.md:9: ' \
	okra import "$T/late.md" --cycle FY2026-Q4 --dri pat
printf '# X\n\n```okra\ncolour: blue\n```\n' >"$T/unknown.md"
refused "an unknown field names its line" 'unknown\.md:4: unknown field "colour"' \
	okra import "$T/unknown.md" --cycle FY2026-Q4 --dri pat
printf 'Some text\n' >"$T/notitle.md"
refused "text before the first objective" 'notitle\.md:1: expected an objective' \
	okra import "$T/notitle.md"
printf '# X\n\n```okra\nid: 99999\n```\n' >"$T/noid.md"
refused "an unknown id" 'noid\.md:3: ' okra import "$T/noid.md"
refused "a missing file" 'cannot read' okra import "$T/missing.md"
sed 's/^id: 7$/id: 4/' "$T/a.md" >"$T/moved.md"
refused "a KR id of another objective" 'moved\.md:[0-9]+: key result 4 is not one of' okra import "$T/moved.md"
usage "--format is md, json or csv" okra export --format xml

# Hostile text round-trips: HTML, Markdown punctuation, separators, percent signs, key: value lines.
ok "a hostile objective" okra objective add --cycle FY2026-Q4 --team saas --dri pat \
	--title '<script>alert(1)</script> *not* `code` — 50% "q" & #1 (closed)' \
	--context $'key: value\n\n1. not — a link — 50%\n\n```okra\nid: 1\n```\n\n<div onclick="x">raw *html*</div>\n\n> quote\n\n#### Deep heading\ntrailing  '
h=$out
ok "a link with a hostile title" okra link add "$h" --ref saas/x#1 --title '<b>bold</b> — [x](javascript:alert(1)) 100%'
ok "a hostile KR" okra kr add "$h" --title '## KR: not a heading <i>' --dri pat --criteria \
	--context $'### Context\n\n- a list\n- *of* things'
k=$out
ok "a criterion with a hostile title" okra criterion add "$k" --ref saas/x#2 --contribution 12.5 --title 'a — b — 7% (closed)'
ok "a hostile retro" okra retro "$h" --good '<img src=x onerror=alert(1)>' --good '1. numbered?' \
	--bad '*emph* — 5%' --bad '`tick`' --try '[link](http://x)' --try '# not a heading'
ok "export with hostile text" okra export --format md --out "$T/h1.md"
before=$(db_digest)
ok "import it back" okra import "$T/h1.md"
check "nothing changed" test "$(db_digest)" = "$before"
ok "export again" okra export --format md --out "$T/h2.md"
check "hostile text round-trips byte for byte" cmp -s "$T/h1.md" "$T/h2.md"
check "the hostile title is verbatim" grep -qF '# <script>alert(1)</script> *not* `code` — 50% "q" & #1 (closed)' "$T/h1.md"

finish

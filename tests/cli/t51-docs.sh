#!/usr/bin/env bash
# t51-docs.sh: the man pages and the bash and zsh completion (issue 23), made by scripts/gen-docs
# from the option tables. Every command, subcommand and option that `okra … --help` lists — read
# here from --help itself, not from what the pages were made from — is in its man page and
# offered by both completions; `man -l` renders every page without a warning; the completion
# offers handles, cycles and ids from the database.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
G=$T/gen

ok "gen-docs makes the pages and the completions" "$ROOT/scripts/gen-docs" "$OKRA" "$G"
check "okra(1), okra.conf(5) and a page per command" \
	test "$(ls "$G/man" | wc -l)" -eq $(($("$OKRA" --help | grep -c '^  [a-z]') + 2))

# --- every page renders, without a warning ---
for page in "$G"/man/*; do
	MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$T/page.txt" 2>"$T/page.err"
	check "man -l $(basename "$page") renders" test $? -eq 0 -a -s "$T/page.txt"
	check "man -l $(basename "$page") says no warning" test ! -s "$T/page.err"
	[ -s "$T/page.err" ] && head -3 "$T/page.err"
done

render() {
	MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$G/man/$1" 2>/dev/null
}

# The completions' deciding function in both shells: what may follow the given words.
bash_offer() {
	bash -c '. "$1"; shift; _okra_words "$@"' _ "$G/completion/okra" "$@"
}
zsh_offer() {
	zsh -f -c 'eval "$(sed "\$d" "$1")"; shift; emulate sh; _okra_words "$@"' _ \
		"$G/completion/_okra" "$@"
}

# in_all NAME WORD PAGE CUR WORDS…: WORD is in PAGE (rendered) and in both completions' offers.
in_all() {
	local name=$1 word=$2 page=$3
	shift 3
	render "$page" | grep -qF -- "$word" || _fail "$name: $word is not in $page"
	bash_offer "$@" | grep -qxF -- "$word" || _fail "$name: bash does not offer $word"
	zsh_offer "$@" | grep -qxF -- "$word" || _fail "$name: zsh does not offer $word"
}

# --- the global options and every command ---
fail0=$fail
for o in $("$OKRA" --help | head -n 1 | grep -o -- '--[a-z-]*'); do
	in_all "global option" "$o" okra.1 -- 
done
for cmd in $("$OKRA" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	in_all "command" "$cmd" okra.1 ''
	render okra.1 | grep -qF "okra-$cmd(1)" || _fail "okra(1) does not name okra-$cmd(1)"
	subs=$("$OKRA" "$cmd" --help | sed -n "s/^  okra $cmd \\([a-z][a-z-]*\\).*/\\1/p" | sort -u)
	if [ -z "$subs" ]; then
		# One usage: its words are those before the first positional or option
		# ("initiative add KR --title T …" is the words initiative add).
		words=$("$OKRA" "$cmd" --help | head -n 1 | sed 's/^usage: //' | tr ' ' '\n' |
			sed -n '/^[a-z][a-z]*$/!q;p' | tr '\n' ' ')
		for o in $("$OKRA" "$cmd" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p'); do
			# shellcheck disable=SC2086
			in_all "$cmd" "$o" "okra-$cmd.1" -- $words
		done
		continue
	fi
	for sub in $subs; do
		in_all "$cmd's subcommands" "$sub" "okra-$cmd.1" '' "$cmd"
		for o in $("$OKRA" "$cmd" "$sub" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p'); do
			in_all "$cmd $sub" "$o" "okra-$cmd.1" -- "$cmd" "$sub"
		done
	done
done
check "every command, subcommand and option is in its page and both completions" test "$fail" -eq "$fail0"
# The options --help counts were really walked (a broken sed would pass vacuously).
n=$(for cmd in "objective add" "kr add" serve; do $OKRA $cmd --help; done | grep -c '^  --')
check "the walk saw the options (objective add, kr add, serve: $n)" test "$n" -gt 20

# --- okra.conf(5): every option of serve as a key ---
for o in $("$OKRA" serve --help | sed -n 's/^  --\([a-z-]*\).*/\1/p'); do
	[ "$o" = config ] && continue
	render okra.conf.5 | grep -q "^       ${o//-/_} = " || _fail "okra.conf(5) lacks ${o//-/_}"
done
check "okra.conf(5) names database and database_password_file" \
	bash -c "MANWIDTH=80 man -l '$G/man/okra.conf.5' | grep -q 'database_password_file = PATH'"
for s in $(okra setting --help | sed -n 's/^  \([a-z_]*\)$/\1/p'); do
	render okra-setting.1 | grep -q "^       $s$" || _fail "okra-setting(1) lacks the setting $s"
done
check "the settings were walked" test "$(okra setting --help | grep -c '^  [a-z_]*$')" -gt 10

# --- values from the database ---
ok "demo" okra demo --password "a demo password"
PATH="$(dirname "$OKRA"):$PATH"
export PATH
check "bash: --dri offers the handles" bash -c "$(declare -f bash_offer); G='$G'; bash_offer '' objective add --dri | grep -qx alex"
check "zsh: --dri offers the handles" bash -c "$(declare -f zsh_offer); G='$G'; zsh_offer '' objective add --dri | grep -qx alex"
check "--db on the line is the database asked" \
	bash -c "$(declare -f bash_offer); G='$G'; OKRA_DB=/nonexistent bash_offer '' --db '$OKRA_DB' kr add --dri | grep -qx pat"
check "--cycle offers the cycles" bash -c "$(declare -f bash_offer); G='$G'; bash_offer '' tree --cycle | grep -q 'Q4$'"
check "team join offers the teams" bash -c "$(declare -f bash_offer); G='$G'; bash_offer '' team join | grep -q ."
id=$(okra --json objective list | jq -r '.[0].id')
check "objective show offers the ids ($id)" bash -c "$(declare -f bash_offer); G='$G'; bash_offer '' objective show | grep -qx '$id'"
check "checkin offers its subcommands and the KRs" \
	bash -c "$(declare -f zsh_offer); G='$G'; zsh_offer '' checkin | grep -qx amend"
check "--health offers the three words" bash -c "$(declare -f bash_offer); G='$G'; bash_offer '' checkin 3 --health | grep -qx at_risk"
check "--config wants a file" bash -c "$(declare -f bash_offer); G='$G'; bash_offer '' serve --config | grep -qx @files"
check "no database: nothing offered, nothing said" \
	bash -c "cd '$T' && OKRA_DB='$T/none.db' okra __complete handles 2>&1 | wc -c | grep -qx 0"
# A real bash completion: COMPREPLY through complete -F.
check "bash: complete -F _okra fills COMPREPLY" bash -c ". '$G/completion/okra'; COMP_WORDS=(okra objec); COMP_CWORD=1; _okra; [ \"\${COMPREPLY[*]}\" = objective ]"

finish

#!/usr/bin/env bash
# t04-auth.sh: okra user passwd and okra token add | revoke — passwords from stdin, tokens shown once and stored only hashed, owner-or-admin rules.
. "$(dirname "$0")/lib.sh"

# passwd PASSWORD HANDLE [--as ACTOR]: one line on stdin, as a script would give it.
passwd() {
	local pw=$1
	shift
	printf '%s\n' "$pw" | okra "${@:2}" user passwd "$1"
}
# rows SQL: one value out of the database, to look at what is stored.
rows() { sql "$1"; }

ok "init" okra init
ok "the first admin" okra person add ada --name "Ada Admin" --role admin --joined 2020-01-01
ok "a member" okra person add pat --name "Pat" --joined 2021-01-01
ok "another member" okra person add mo --name "Mo" --joined 2021-01-01

# --- passwords --------------------------------------------------------------------------------
ok "the admin sets pat's password from stdin" passwd 'correct horse battery' pat
check "the password is stored as argon2id" test "$(rows "SELECT substr(pw_hash, 1, 10) FROM people WHERE handle = 'pat'")" = '$argon2id$'
check "the password itself is stored nowhere" test "$(db_dump | grep -c 'correct horse battery')" = 0
check "the change is audited" test "$(rows "SELECT count(*) FROM audit WHERE action = 'passwd'")" = 1
ok "pat sets their own password" passwd 'another long one' pat --as pat
refused "a 5-byte password is refused" 'at least 10 bytes' passwd short pat
check "the refusal does not echo the password" test "${err#*short}" = "$err"
refused "an empty stdin is refused" 'no password on stdin' okra user passwd pat </dev/null
refused "a member does not set another's password" 'pat is a member: only admins' \
	passwd 'correct horse battery' mo --as pat
refused "an unknown person" 'no person with handle nobody' passwd 'correct horse battery' nobody
usage "user passwd needs a handle" okra user passwd
usage "user needs a subcommand" okra user

# --- API tokens -------------------------------------------------------------------------------
ok "token add prints the token" okra token add pat --name ci
T1=$out
check "the token is 64 hex characters, alone on stdout" test "$(printf '%s' "$T1" | grep -cE '^[0-9a-f]{64}$')" = 1
check "token add says the id on stderr" test "${err#*okra token revoke }" != "$err"
ID1=${err##* }
check "the token is stored only as its hash" test "$(db_dump | grep -c "$T1")" = 0
check "the stored hash is its SHA-256" test \
	"$(rows "SELECT token_hash FROM api_tokens WHERE id = $ID1")" = "$(printf '%s' "$T1" | sha256sum | cut -d' ' -f1)"
ok "token add --json gives id and token" okra --json token add pat
ID2=$(printf '%s' "$out" | jget .id)
check "--json token is 64 hex" test "$(printf '%s' "$out" | jget .token | grep -cE '^[0-9a-f]{64}$')" = 1
check "two tokens differ" test "$(printf '%s' "$out" | jget .token)" != "$T1"
ok "mo makes a token for themself" okra --as mo --json token add mo
IDM=$(printf '%s' "$out" | jget .id)
refused "a member does not make tokens for another" 'only admins' okra --as mo token add pat
refused "a member does not revoke another's token" 'mo is a member: only admins' okra --as mo token revoke "$ID1"
ok "the owner revokes their token" okra --as pat token revoke "$ID1"
check "the revoked token has revoked_at" test "$(rows "SELECT count(*) FROM api_tokens WHERE id = $ID1 AND revoked_at IS NOT NULL")" = 1
refused "revoking twice is refused" 'already revoked' okra --as pat token revoke "$ID1"
ok "the admin revokes anyone's token" okra token revoke "$IDM"
refused "an unknown token id" 'no API token with id 999' okra token revoke 999
refused "a token id is a number" "positive whole number" okra token revoke abc
check "the token is audited without the secret" test \
	"$(rows "SELECT count(*) FROM audit WHERE entity = 'api_token' AND coalesce(after_json, '') NOT LIKE '%$T1%'")" = 5
check "pat's other token is still live" test "$(rows "SELECT count(*) FROM api_tokens WHERE id = $ID2 AND revoked_at IS NULL")" = 1

# --- listing tokens ---------------------------------------------------------------------------
ok "pat lists their own tokens" okra --as pat token list
check "one line per token of pat's (2)" test "$(printf '%s\n' "$out" | wc -l)" = 2
check "the text list shows the revoked one as revoked, with its name" test \
	"$(printf '%s\n' "$out" | grep -cE "^$ID1 +pat +revoked .* ci$")" = 1
check "the text list shows the live one as live" test "$(printf '%s\n' "$out" | grep -cE "^$ID2 +pat +live ")" = 1
check "the text list never shows the token" test "${out#*$T1}" = "$out"
ok "token list --json" okra --as pat --json token list
check "--json lists pat's two tokens, newest first" test "$(printf '%s' "$out" | jget '[.[].id] | map(tostring) | join(" ")')" = "$ID2 $ID1"
check "--json has no \"token\" field" test "$(printf '%s' "$out" | jget 'map(has("token")) | any')" = false
check "--json has exactly the listed fields" test \
	"$(printf '%s' "$out" | jget '[.[] | keys | join(",")] | unique | join(" ")')" = "created_at,handle,id,last_used_at,name,revoked_at"
check "--json gives the revoked one a revoked_at" test "$(printf '%s' "$out" | jget ".[] | select(.id == $ID1) | .revoked_at")" != null
check "--json gives the live one revoked_at null" test "$(printf '%s' "$out" | jget ".[] | select(.id == $ID2) | .revoked_at")" = null
check "--json never shows the token nor its hash" test "$(printf '%s' "$out" | grep -c -e "$T1" -e "$(printf '%s' "$T1" | sha256sum | cut -d' ' -f1)")" = 0
refused "a member does not list another's tokens" 'mo is a member: only admins' okra --as mo token list pat
refused "a member does not list everyone's tokens" 'only admins list everyone' okra --as mo token list --all
ok "the admin lists pat's tokens" okra --json token list pat
check "the admin sees pat's two" test "$(printf '%s' "$out" | jget length)" = 2
ok "the admin lists everyone's tokens" okra --json token list --all
check "--all lists every token, pat's and mo's" test "$(printf '%s' "$out" | jget '[.[].handle] | unique | join(" ")')" = "mo pat"
check "--all lists all three" test "$(printf '%s' "$out" | jget length)" = 3
usage "a handle and --all together is a usage error" okra token list pat --all
usage "'*' is not a handle" okra token list '*'
refused "listing an unknown person's tokens" 'no person with handle nobody' okra token list nobody

finish

#!/usr/bin/env bash
# t00-layers.sh: the dependency arrows hold in the built archives: no SQL outside src/store,
# no I/O in src/core, printing only in src/cli, src/http and src/notify's log, the KR sources in src/source (read from the symbols each layer calls).
. "$(dirname "$0")/lib.sh"

lib=$(dirname "$OKRA")

# The undefined symbols of one layer's archive: what that layer calls.
calls() {
	nm -u "$lib/lib$1.a" 2>/dev/null | awk 'NF == 2 { print $2 }' | sort -u
}

# Fails (and names the symbols) when a layer calls any symbol matching the pattern.
never() {
	local layer=$1 pattern=$2 why=$3 found
	found=$(calls "$layer" | grep -E "$pattern" | tr '\n' ' ')
	if [ -z "$found" ]; then
		_pass
	else
		_fail "$why" "lib$layer.a calls: $found"
	fi
}

check "every layer's archive was built" test -f "$lib/libcore.a" -a -f "$lib/libstore.a" \
	-a -f "$lib/libapp.a" -a -f "$lib/libhttp.a" -a -f "$lib/libcli.a" -a -f "$lib/libutil.a" \
	-a -f "$lib/libnotify.a" -a -f "$lib/libsso.a" -a -f "$lib/libsync.a" -a -f "$lib/libsource.a"

io='^(printf|fprintf|vfprintf|puts|fputs|fputc|putchar|putc|fwrite|perror|fopen|fdopen|open|read|write|getenv|time|clock_gettime|gettimeofday|localtime|gmtime|stat|access|unlink)$'
print='^(printf|fprintf|vfprintf|puts|fputs|fputc|putchar|putc|fwrite|perror)$'
sql='^(sqlite3_|PQ|db_prepare$|db_exec$|db_step$|db_bind_|db_col_)'

never core "$io" "no I/O in src/core"
never core '^(sqlite3_|PQ|db_|store_|app_|cli_|json_)' "core depends on nothing above it"
never store "$print" "no printing in src/store"
never store '^(app_|cli_)' "store does not call up into app or cli"
never app "$print" "no printing in src/app"
never app "$sql" "no SQL in src/app: it calls the typed queries of src/store"
never app '^cli_' "app does not call up into cli"
never notify "$sql" "no SQL in src/notify"
never notify '^store_' "notify calls only src/app, never the store"
never notify '^(cli_|server_|h_|page_|reply_)' "notify does not call up into cli or http"
never app '^(notify_|curl_|fetch$|fetch_)' "app does not send nor fetch: the layers above it do"
never store '^(curl_|fetch$|fetch_)' "the store makes no HTTP calls"
never core '^(curl_|fetch$|fetch_)' "core makes no HTTP calls"
never sso '^curl_' "sso speaks HTTP through util/fetch, the one client"
never http '^(notify_|curl_|cjose_)' "http does not send reminders nor speak to the identity provider itself (src/sso does)"
never app '^(sso_|cjose_|idtoken_)' "app does not reach the identity provider: src/sso does, above it"
never sso "$print" "no printing in src/sso"
never sso "$sql" "no SQL in src/sso"
never sso '^store_' "sso calls only src/app, never the store"
never sso '^(cli_|server_|h_|page_|reply_|notify_)' "sso does not call up into cli or http, nor notify"
never sync "$print" "no printing in src/sync"
never sync "$sql" "no SQL in src/sync"
never sync '^curl_' "sync speaks HTTP through util/fetch, the one client"
never sync '^store_' "sync calls only src/app, never the store"
never sync '^(cli_|server_|h_|page_|reply_|notify_|sso_)' "sync does not call up into cli or http, nor notify or sso"
never app '^sync_' "app does not call okra sync: src/sync is above it"
never source "$print" "no printing in src/source"
never source '^(sqlite3_|db_prepare$|db_exec$|db_step$|db_bind_|db_col_)' \
	"no store SQL in src/source (its PQ calls are the outside database's)"
never source '^store_' "source calls only src/app, never the store"
never source '^(cli_|server_|h_|page_|reply_|notify_|sso_|sync_)' "source does not call up into cli, http or notify"
never source '^curl_' "source reads URLs through util/fetch, never libcurl itself"
never app '^(source_read|source_pg_|source_prom_|source_json_|source_result_|PQ)' "app does not read the KR sources: src/source does, above it"
never http '^PQ' "http reads no outside database (src/source does)"
never http "$sql" "no SQL in src/http"
never http '^store_' "the server calls only src/app, never the store"
never http '^cli_' "http does not call up into cli"
never cli "$sql" "no SQL in src/cli"
never cli '^store_' "the CLI calls only src/app, never the store"

# And no SQL text outside src/store: statements live as static strings there only.
found=$(grep -rnE '"[^"]*\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE)\b' \
	src --include='*.c' --include='*.h' | grep -v '^src/store/' || true)
check "no SQL text outside src/store${found:+: $found}" test -z "$found"

# Each query is written once and serves both engines: the drivers hold none of okra's tables.
tables=$(sed -n 's/^.*CREATE TABLE \([a-z_]*\) (.*$/\1/p' src/store/schema.c | paste -sd'|')
found=$(grep -nE "\"[^\"]*\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN)\b[^\"]*\b($tables)\b" \
	src/store/db_*.c || true)
check "the engine drivers write no query of okra's tables${found:+: $found}" \
	test -n "$tables" -a -z "$found"

finish

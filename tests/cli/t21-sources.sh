#!/usr/bin/env bash
# t21-sources.sh: KRs that measure themselves (issue 21 item 9), against the real things: a real
# Prometheus (Debian's) scraping a real target, a real PostgreSQL, a JSON URL served on 127.0.0.1.
# A reading is a check-in of source integration at the reading's time with the KR's health kept,
# and the objective's progress rolls up; a failing source records nothing, keeps its error and
# tells the KR's DRI once (okra serve's scheduler, through the chat webhook).
. "$(dirname "$0")/lib.sh"

HERE=$(cd "$(dirname "$0")" && pwd)
PIDS=
PGDIR=
stop_all() {
	local p
	for p in $PIDS; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	[ -n "$PGDIR" ] && "$PG" stop "$PGDIR/pg" >/dev/null 2>&1 && rm -rf "$PGDIR"
	_cleanup
}
trap stop_all EXIT

# until FILE exists and is not empty (60 s at most: a readiness wait, never an assertion on time)
wait_file() {
	local i
	for i in $(seq 1 600); do
		[ -s "$1" ] && return 0
		sleep 0.1
	done
	return 1
}
# until CMD… succeeds (60 s at most)
wait_ok() {
	local i
	for i in $(seq 1 600); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
# A source that gives no reading: exit 1 with one line matching PATTERN, and no check-in recorded
# (only the source's own last error changes, which `refused` would count as a change).
failed_read() {
	local name=$1 pattern=$2 rc n
	shift 2
	n=$(sql "SELECT count(*) FROM checkins")
	out=$("$@" 2>"$T/stderr")
	rc=$?
	err=$(cat "$T/stderr")
	if [ "$rc" -ne 1 ] || [ "$(wc -l <"$T/stderr")" -ne 1 ]; then
		_fail "$name" "expected exit 1 and one line, got $rc: $*" "stderr: $err"
	elif ! printf '%s' "$err" | grep -Eq -- "$pattern"; then
		_fail "$name" "stderr does not match /$pattern/" "$err"
	elif [ "$(sql "SELECT count(*) FROM checkins")" != "$n" ]; then
		_fail "$name" "a check-in was recorded: $*"
	else
		_pass
	fi
}
free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
json() { # json FIELD-EXPRESSION: a value of the JSON on stdin, by a jq filter
	jq -r "$1"
}

# --- the outside things: a target and JSON page, and a real Prometheus scraping it ---------------
/usr/bin/python3 "$HERE/sources_server.py" "$T/web.port" "$T/chat.txt" &
PIDS="$PIDS $!"
check "the target and JSON page answer" wait_file "$T/web.port"
WEB=http://127.0.0.1:$(cat "$T/web.port")

PROM_PORT=$(free_port)
mkdir -p "$T/prom"
cat >"$T/prom/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: hosting
    static_configs:
      - targets: ['127.0.0.1:$(cat "$T/web.port")']
YML
/usr/bin/prometheus --config.file="$T/prom/prometheus.yml" --storage.tsdb.path="$T/prom/data" \
	--web.listen-address="127.0.0.1:$PROM_PORT" >"$T/prom/log" 2>&1 &
PIDS="$PIDS $!"
PROM=http://127.0.0.1:$PROM_PORT
check "Prometheus is ready (polled /-/ready)" wait_ok curl -fsS "$PROM/-/ready"
# One sample scraped, so the instant query has something to average.
has_sample() {
	curl -fsS "$PROM/api/v1/query?query=probe_success" | grep -q '"value"'
}
check "Prometheus has scraped the target" wait_ok has_sample

# --- a company whose quarter holds today (Prometheus's samples are of the real clock) -------------
export OKRA_NOW=$(date -u +%Y-%m-%dT%H:%M)
start=$(date -u -d '-30 days' +%Y-%m-%d)
end=$(date -u -d '+60 days' +%Y-%m-%d)
ok "init" okra init
ok "rio" okra person add rio --name Rio --joined 2020-01-01
ok "viv, a viewer" okra person add viv --name Viv --role viewer --joined 2020-01-01
ok "a quarter around today" okra cycle add Q --kind quarter --start "$start" --end "$end"
ok "the objective" okra objective add --cycle Q --dri rio --title "Our hosting is dependable"
OBJ=$out
ok "the seeds' uptime KR" okra kr add "$OBJ" --title "Achieve 99.99% uptime for all hosting services" \
	--dri rio --unit % --start 99 --target 99.99
KR=$out
ok "a second KR, not measured (the roll-up is the mean)" okra kr add "$OBJ" --title "Latency" \
	--dri rio --unit ms --start 800 --target 200
ok "its health set by its DRI" okra --as rio checkin "$KR" --value 99.5 --health needs_attention

# --- Prometheus -----------------------------------------------------------------------------------
ok "set a Prometheus source" okra --as rio kr source set "$KR" --kind prometheus --url "$PROM/" \
	--query 'avg_over_time(probe_success[5m]) * 100' --every 300
ok "read it now" okra --as rio kr source read "$KR" --json
value=$(printf '%s' "$out" | json .value)
check "the KR reads ~100 from the real Prometheus ($value)" \
	awk -v v="$value" 'BEGIN { exit !(v > 99.99 && v <= 100) }'
ok "kr show --json" okra kr show "$KR" --json
last=$(printf '%s' "$out" | json '.checkins[-1]')
check "the reading is a check-in of source integration" test "$(printf '%s' "$last" | json .source)" = integration
check "with the KR's health kept (the DRI's)" test "$(printf '%s' "$last" | json .health)" = needs_attention
check "its value is the reading" test "$(printf '%s' "$last" | json .value)" = "$value"
check "the KR's health is still the DRI's" test "$(printf '%s' "$out" | json .health)" = needs_attention
ok "the objective" okra objective show "$OBJ" --json
check "the objective's progress rolls up (the KR counts as done: (1 + 0) / 2)" \
	test "$(printf '%s' "$out" | json .progress)" = 0.5
ok "show the source" okra kr source show "$KR" --json
check "it shows the last reading" test "$(printf '%s' "$out" | json .last_reading.value)" = "$value"
check "and no error" test "$(printf '%s' "$out" | json .last_error)" = null
n_before=$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR")

ok "a broken query (a syntax error)" okra --as rio kr source set "$KR" --kind prometheus --url "$PROM" \
	--query 'avg_over_time(probe_success[5m]'
failed_read "is reported, not recorded (Prometheus answers 400 bad_data)" 'bad_data.*nothing recorded' \
	okra --as rio kr source read "$KR"
ok "show the source" okra kr source show "$KR" --json
check "the error is kept, with when" \
	bash -c "printf '%s' '$(printf '%s' "$out" | json .last_error.message)' | grep -q 'Prometheus answered an error (bad_data)'"
check "no check-in was recorded" test "$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR")" = "$n_before"
ok "a query of no sample" okra --as rio kr source set "$KR" --kind prometheus --url "$PROM" \
	--query 'probe_success{job="nowhere"}'
failed_read "is refused: exactly one sample is needed" 'gives 0 samples; exactly one is needed' \
	okra --as rio kr source read "$KR"
ok "a query of NaN" okra --as rio kr source set "$KR" --kind prometheus --url "$PROM" --query '0/0'
failed_read "NaN is not recorded" "value is NaN, not a finite number" okra --as rio kr source read "$KR"
ok "a Prometheus that is not there" okra --as rio kr source set "$KR" --kind prometheus \
	--url "http://127.0.0.1:$(free_port)" --query up
failed_read "a transport failure is reported" 'nothing recorded' okra --as rio kr source read "$KR"
check "still no check-in recorded" test "$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR")" = "$n_before"

# --- a JSON URL and a JSON pointer ------------------------------------------------------------------
ok "set a JSON source (a numeric string)" okra --as rio kr source set "$KR" --kind json \
	--url "$WEB/status.json?token=s3cret" --query /uptime/ratio
ok "show it" okra kr source show "$KR"
check "the URL's query string is never shown again" bash -c "! printf '%s' '$out' | grep -q s3cret"
ok "read it" okra --as rio kr source read "$KR" --json
check "the JSON page's 99.95 is read" test "$(printf '%s' "$out" | json .value)" = 99.95
ok "a pointer into an array" okra --as rio kr source set "$KR" --kind json --url "$WEB/status.json" \
	--query /checks/1
ok "read it" okra --as rio kr source read "$KR" --json
check "99.5 is read" test "$(printf '%s' "$out" | json .value)" = 99.5
n_before=$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR")
ok "a pointer to text" okra --as rio kr source set "$KR" --kind json --url "$WEB/status.json" \
	--query /service
failed_read "text is not a number" 'at "/service" is not a number' okra --as rio kr source read "$KR"
ok "a pointer to nothing" okra --as rio kr source set "$KR" --kind json --url "$WEB/status.json" \
	--query /uptime/nope
failed_read "nothing there" 'has nothing at /uptime/nope' okra --as rio kr source read "$KR"
ok "a URL answering 503" okra --as rio kr source set "$KR" --kind json --url "$WEB/down" --query ""
failed_read "an HTTP error is reported" 'answered HTTP 503' okra --as rio kr source read "$KR"
check "none of them recorded anything" \
	test "$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR")" = "$n_before"

# --- a SQL query on a real PostgreSQL (its own server when okra's store is SQLite) ---------------
if is_pg; then
	SRCDB=$(new_db src)
else
	PGDIR=$(mktemp -d /tmp/okra-t21-pg.XXXXXX)
	chmod 755 "$PGDIR"
	base=$("$PG" start "$PGDIR/pg") || base=
	check "a PostgreSQL server started" test -n "$base"
	SRCDB=$("$PG" newdb "$base")
fi
ok "the monitored database" psql -X -q -v ON_ERROR_STOP=1 "$SRCDB" -c \
	"CREATE TABLE probes (at timestamptz NOT NULL DEFAULT now(), ok boolean NOT NULL);
	 INSERT INTO probes (ok) SELECT n % 2000 <> 0 FROM generate_series(1, 10000) n;"
ok "set a PostgreSQL source" okra --as rio kr source set "$KR" --kind postgres --url "$SRCDB" \
	--query "SELECT 100.0 * avg(CASE WHEN ok THEN 1 ELSE 0 END) FROM probes"
ok "read it" okra --as rio kr source read "$KR" --json
check "the uptime is read from the database (99.95)" test "$(printf '%s' "$out" | json .value)" = 99.95
n_before=$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR")
ok "a query that writes" okra --as rio kr source set "$KR" --kind postgres --url "$SRCDB" \
	--query "DELETE FROM probes RETURNING 1"
failed_read "is refused by the read-only transaction" 'cannot execute DELETE in a read-only transaction' \
	okra --as rio kr source read "$KR"
check "the monitored table is whole" test "$(psql -X -At "$SRCDB" -c 'SELECT count(*) FROM probes')" = 10000
ok "two statements" okra --as rio kr source set "$KR" --kind postgres --url "$SRCDB" \
	--query "SELECT 1; SELECT 2"
failed_read "are refused (one statement only)" 'cannot insert multiple commands' okra --as rio kr source read "$KR"
ok "two columns" okra --as rio kr source set "$KR" --kind postgres --url "$SRCDB" --query "SELECT 1, 2"
failed_read "one row of one number is needed" 'gives 1 rows of 2 columns' okra --as rio kr source read "$KR"
ok "a slow query" okra --as rio kr source set "$KR" --kind postgres --url "$SRCDB" \
	--query "SELECT pg_sleep(30)::text::int"
failed_read "is cut by the statement timeout" 'statement timeout' okra --as rio kr source read "$KR"
check "nothing recorded" test "$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR")" = "$n_before"

# --- who may, and what is refused -----------------------------------------------------------------
refused "a viewer may not set a source" 'viewer' okra --as viv kr source set "$KR" --kind json \
	--url "$WEB/status.json" --query /x
refused "an ftp URL is refused" 'http:// or https://' okra --as rio kr source set "$KR" --kind json \
	--url ftp://example.com/x --query /x
refused "a postgres source needs a postgresql URI" 'postgresql:// URI' okra --as rio kr source set \
	"$KR" --kind postgres --url "$WEB" --query "SELECT 1"
refused "an interval under a minute" 'every must be from 60' okra --as rio kr source set "$KR" \
	--kind json --url "$WEB/status.json" --query /x --every 5
refused "an unknown kind" 'prometheus, postgres or json' okra --as rio kr source set "$KR" \
	--kind graphite --url "$WEB" --query x
usage "set without --url" okra kr source set "$KR" --kind json --query /x
usage "an unknown action" okra kr source fetch "$KR"

# --- okra serve reads the due source by itself, and tells the DRI of an error once ----------------
ok "chat webhook" okra setting set chat_webhook "$WEB/chat"
ok "a JSON source" okra --as rio kr source set "$KR" --kind json --url "$WEB/status.json" \
	--query /uptime/ratio
n_before=$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR AND source = 'integration'")
OKRA_SCHEDULER_TICK_MS=100 "$OKRA" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
SERVE=$!
PIDS="$PIDS $SERVE"
read_by_serve() {
	test "$(sql "SELECT count(*) FROM checkins WHERE key_result = $KR AND source = 'integration'")" \
		-gt "$n_before"
}
check "okra serve read the due source (a new check-in of source integration)" wait_ok read_by_serve
ok "a broken source" okra --as rio kr source set "$KR" --kind json --url "$WEB/down" --query /x
check "the DRI is told (the chat webhook got the error)" wait_ok grep -q 'answered HTTP 503' "$T/chat.txt"
check "the message names the KR's DRI and the KR" grep -q "@rio: key result $KR" "$T/chat.txt"
# Read again (on demand) with the same error: told once per distinct error.
failed_read "the same error read again" 'answered HTTP 503' okra --as rio kr source read "$KR"
ok "another error" okra --as rio kr source set "$KR" --kind json --url "$WEB/status.json" --query /x
check "the new error is told" wait_ok grep -q 'has nothing at /x' "$T/chat.txt"
check "each error was told once" test "$(grep -c 'answered HTTP 503' "$T/chat.txt")" = 1
ok "clear the source" okra --as rio kr source clear "$KR"
refused "show: none" 'has no source' okra kr source show "$KR"
kill "$SERVE" && wait "$SERVE" 2>/dev/null

finish

#!/usr/bin/env bash
# t50-serve-config.sh: okra serve's configuration file (issue 23): every key, the command line
# and $OKRA_DB winning over it, $OKRA_CONFIG, refusals with FILE:LINE, the password file, and
# SIGHUP reloading the log's format and reopening its file.
. "$(dirname "$0")/lib.sh"

ok "init" okra init
C=$T/okra.conf
PID=

# serve NAME ARGS…: start okra serve in the background, wait for its ready file ($T/ready).
serve() {
	local name=$1 i
	shift
	rm -f "$T/ready"
	"$@" >"$T/serve.out" 2>"$T/serve.err" &
	PID=$!
	for i in $(seq 1 600); do
		[ -s "$T/ready" ] && break
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
	done
	check "$name: started (ready file written)" test -s "$T/ready"
	[ -s "$T/ready" ] || cat "$T/serve.err"
}

stop() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID"
	PID=
}
trap 'stop; _cleanup' EXIT

# wait_for FILE PATTERN: until FILE has a line matching PATTERN (60 s at most).
wait_for() {
	local i
	for i in $(seq 1 600); do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

port() {
	cat "$T/ready"
}

# --- every key, from the file alone (the database too: no --db, no $OKRA_DB) ---
cat >"$C" <<CONF
# okra.conf for the test
database = "$OKRA_DB"
listen = 127.0.0.1:0
threads = 2
timeout = 20
max_connections = 64
secure_cookies = yes
quiet = false
ready_file = $T/ready
no_reminders = true
log_format = json
log_file = $T/log
CONF
serve "every key" env -u OKRA_DB "$OKRA" serve --config "$C"
ok "it answers" curl -fsS "http://127.0.0.1:$(port)/healthz"
ok "a page for the access log" curl -fsS -o /dev/null "http://127.0.0.1:$(port)/login"
check "log_file: the log went to the file" wait_for "$T/log" '"msg":"serving http://127.0.0.1:[0-9]+/ with 2 threads'
check "log_format = json: every line is a JSON object" \
	test "$(grep -cv '^{' "$T/log")" -eq 0
check "quiet = false: the access log is on" wait_for "$T/log" '"path":"/login"'
check "nothing on stderr (the log is in its file)" test ! -s "$T/serve.err"
ok "secure_cookies: HSTS is sent" curl -fsS -D "$T/headers" -o /dev/null "http://127.0.0.1:$(port)/healthz"
check "secure_cookies = yes took effect" grep -qi '^Strict-Transport-Security' "$T/headers"
check "no_reminders: no scheduler line" bash -c "! grep -q reminders '$T/log'"
stop

# --- the command line wins over the file; $OKRA_CONFIG names the file ---
cat >"$C" <<CONF
listen = 127.0.0.1:0
threads = 2
ready_file = $T/ready
quiet = true
no_reminders = on
CONF
serve "flags over the file" env OKRA_CONFIG="$C" "$OKRA" serve --threads 3
check "--threads 3 beat threads = 2" grep -q 'with 3 threads' "$T/serve.err"
check "the file's quiet = true held" bash -c "! grep -q '\"method\"' '$T/serve.err'"
stop
sed -i 's/^threads = 2$/threads = 999/' "$C"
serve "a bad value in the file, overridden on the command line" "$OKRA" serve --config "$C" \
	--threads 4
check "--threads 4 beat threads = 999" grep -q 'with 4 threads' "$T/serve.err"
stop
sed -i 's/^threads = 999$/threads = 2/' "$C"
# --config wins over $OKRA_CONFIG.
printf 'bogus = 1\n' >"$T/other.conf"
serve "--config over \$OKRA_CONFIG" env OKRA_CONFIG="$T/other.conf" "$OKRA" serve --config "$C"
stop
# --db (and $OKRA_DB) win over the file's database.
printf 'database = %s\n' "$T/nowhere/none.db" >>"$C"
serve "\$OKRA_DB over database" "$OKRA" serve --config "$C"
stop
serve "--db over database" env -u OKRA_DB "$OKRA" --db "$OKRA_DB" serve --config "$C"
stop
refused "the file's database when nothing beats it" "no database at $T/nowhere/none.db" \
	env -u OKRA_DB "$OKRA" serve --config "$C"

# --- refusals: one line, the file and the line ---
printf 'listen = 127.0.0.1:0\n\n# fine so far\nfoo = 1\n' >"$C"
refused "an unknown key, with its line" "^okra: $C:4: unknown key 'foo' \\(known: database, .*max_connections" \
	okra serve --config "$C"
printf 'listen 127.0.0.1:0\n' >"$C"
refused "a line without =" "^okra: $C:1: expected key = value" okra serve --config "$C"
printf 'threads = 2\nthreads = 3\n' >"$C"
refused "a key twice" "^okra: $C:2: threads given twice \\(first on line 1\\)" \
	okra serve --config "$C"
printf 'quiet = maybe\n' >"$C"
refused "a flag neither true nor false" "^okra: $C:1: quiet is true or false" \
	okra serve --config "$C"
printf '\nthreads = 999\n' >"$C"
refused "a bad value, with its line" "^okra: $C:2: --threads is 1 to 256" okra serve --config "$C"
printf 'no_reminders = yes\nlisten = nowhere:80\n' >"$C"
refused "a bad address, with its line" "^okra: $C:2: nowhere is not an IPv4 address" \
	okra serve --config "$C"
printf 'log_format = xml\n' >"$C"
refused "a bad log format, with its line" "^okra: $C:1: --log-format is text or json" \
	okra serve --config "$C"
printf 'config = /etc/okra/okra.conf\n' >"$C"
refused "config is not a key of the file" "^okra: $C:1: unknown key 'config'" okra serve --config "$C"
refused "a file that is not there" "cannot read the configuration file $T/none.conf" \
	okra serve --config "$T/none.conf"
refused "\$OKRA_CONFIG that is not there" "cannot read the configuration file $T/none.conf" \
	env OKRA_CONFIG="$T/none.conf" "$OKRA" serve
usage "--log-format on the command line is checked too" okra serve --log-format
refused "--log-format xml on the command line" "^okra: --log-format is text or json" \
	okra serve --log-format xml

# --- the password from a file (PGPASSWORD for libpq), never on the command line ---
printf 'database_password_file = %s\n' "$T/secret" >"$C"
refused "a password file that is not there" "cannot read the database password file $T/secret.*$C:1" \
	okra serve --config "$C"
printf 'listen = 127.0.0.1:0\nready_file = %s\nno_reminders = yes\ndatabase_password_file = %s\n' \
	"$T/ready" "$T/secret" >"$C"
printf 'not-the-password-of-a-trusting-server\n' >"$T/secret"
serve "a password file that is there" "$OKRA" serve --config "$C"
check "the server says where the password came from" \
	grep -q "^okra: the database password is read from $T/secret$" "$T/serve.err"
check "and it is neither logged nor on its command line" \
	bash -c "! grep -q trusting '$T/serve.err' /proc/$PID/cmdline"
stop
mkdir -p "$T/creds"
printf 'from-a-credential\n' >"$T/creds/okra-db-password"
printf 'listen = 127.0.0.1:0\nready_file = %s\nno_reminders = yes\n' "$T/ready" >"$C"
serve "a systemd credential" env CREDENTIALS_DIRECTORY="$T/creds" "$OKRA" serve --config "$C"
check "the credential okra-db-password is the password" \
	grep -q "^okra: the database password is read from $T/creds/okra-db-password$" "$T/serve.err"
stop

# --- SIGHUP: the log's format changes now and its file is reopened; the rest waits ---
cat >"$C" <<CONF
listen = 127.0.0.1:0
ready_file = $T/ready
no_reminders = yes
quiet = yes
log_file = $T/hup.log
CONF
serve "before SIGHUP" "$OKRA" serve --config "$C"
check "text at first" wait_for "$T/hup.log" '^okra: serving http'
mv "$T/hup.log" "$T/hup.log.1"
sed -i 's/^quiet = yes/quiet = no/' "$C"
printf 'log_format = json\n' >>"$C"
kill -HUP "$PID"
check "SIGHUP reopens the log file (a rotated one is let go)" wait_for "$T/hup.log" 'SIGHUP'
check "the reload is said in the old file" grep -q '^okra: SIGHUP: reloading' "$T/hup.log.1"
check "SIGHUP: log_format = json took effect" \
	grep -q '^{"time":"[0-9T:Z-]*","msg":"SIGHUP: quiet changed in .*next start"}$' "$T/hup.log"
ok "the server still answers" curl -fsS "http://127.0.0.1:$(port)/healthz"
printf 'nonsense\n' >>"$C"
kill -HUP "$PID"
check "a file that no longer reads is said, and the running configuration stays" \
	wait_for "$T/hup.log" "SIGHUP: $C:7: expected key = value \\(the running configuration stays\\)"
ok "the server still answers after a bad reload" curl -fsS "http://127.0.0.1:$(port)/healthz"
check "still alive" kill -0 "$PID"
stop
check "stopped in JSON" grep -q '"msg":"SIGTERM: finishing the requests in flight"' "$T/hup.log"

finish

#!/usr/bin/env bash
# t52-deb.sh: the Debian package (issue 23). scripts/mkdeb (what make deb runs) builds it;
# lintian finds no error; it installs into a throwaway root (dpkg --instdir/--admindir, the
# maintainer scripts run with $DPKG_ROOT, never touching this machine's /): every file with its
# mode, the okra user and group, /var/lib/okra 0750; systemd-analyze verifies its units and
# rates them under 2.0; the backup rotates; remove leaves the data, purge removes only what the
# package made.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if is_pg; then
	# The package does not depend on the engine: once, on the SQLite pass, is enough.
	echo "skipped on PostgreSQL: the package is the same whatever the engine"
	finish
	exit
fi

# --- build ---
# The binary packaged is the build's own (under make memcheck $OKRA is a valgrind wrapper).
BIN=$OKRA
head -c 4 "$BIN" | grep -q ELF || BIN=$(dirname "$OKRA")/okra
upstream=$("$BIN" --version | sed 's/^okra //')
version=$upstream-1
check "the binary's version is git describe's ($upstream)" \
	bash -c "echo '$upstream' | grep -Eqx '[0-9]+\.[0-9]+\.[0-9]+(\+[0-9]+\.g[0-9a-f]+)?' &&
		{ ! echo '$upstream' | grep -q '\.g' || git -C '$ROOT' cat-file -e '${upstream##*.g}^{commit}'; }"
ok "mkdeb builds the package" "$ROOT/scripts/mkdeb" "$BIN" "$T/out"
deb=$out
arch=$(dpkg --print-architecture)
check "named okra_VERSION_ARCH.deb ($version)" \
	test "$deb" = "$T/out/okra_${version}_$arch.deb" -a -s "$deb"
ok "dpkg-deb reads its control" dpkg-deb -f "$deb" Package Version Architecture Depends
check "its control: package, version, architecture" \
	bash -c "dpkg-deb -f '$deb' Package Version Architecture | tr '\n' ' ' | grep -qx 'Package: okra Version: $version Architecture: $arch '"
check "its dependencies come from the binary (dpkg-shlibdeps)" \
	bash -c "dpkg-deb -f '$deb' Depends | grep -q 'libsqlite3-0 (>= ' && dpkg-deb -f '$deb' Depends | grep -q 'libmicrohttpd'"
check "/etc/okra/okra.conf is a conffile" \
	bash -c "dpkg-deb --ctrl-tarfile '$deb' | tar -xO ./conffiles | grep -qx /etc/okra/okra.conf"

# --- lintian: no error (the warnings are listed in docs/deploy.md) ---
if command -v lintian >/dev/null; then
	lintian --no-tag-display-limit "$deb" >"$T/lintian" 2>&1
	check "lintian: no error" bash -c "! grep -q '^E:' '$T/lintian'"
	grep '^E:' "$T/lintian"
else
	_fail "lintian is not installed (scripts/install-deps installs it)"
fi

# --- install into a throwaway root ---
if [ "$(id -u)" -ne 0 ]; then
	echo "skipped the install: it sets owners, which needs root"
	finish
	exit
fi
R=$T/root
host_before=$(getent passwd okra; dpkg-query -W -f '${Status}' okra 2>/dev/null)
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/etc"
: >"$R/var/lib/dpkg/status"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$R/etc/passwd"
printf 'root:x:0:\n' >"$R/etc/group"
printf 'root:*:19000:0:99999:7:::\n' >"$R/etc/shadow"
printf 'root:*::\n' >"$R/etc/gshadow"
chmod 0640 "$R/etc/shadow" "$R/etc/gshadow"
# The libraries and systemd are this machine's: the throwaway root holds only the package.
dpkgr() {
	dpkg --instdir="$R" --admindir="$R/var/lib/dpkg" --force-script-chrootless \
		--force-depends --no-triggers --log=/dev/null "$@"
}
ok "dpkg -i into the throwaway root" dpkgr -i "$deb"
check "installed" bash -c "dpkg-query --admindir='$R/var/lib/dpkg' -W -f '\${Status}' okra | grep -qx 'install ok installed'"

# Every file of the package, with the mode the package gives it.
dpkg-deb -c "$deb" | awk '{print $1, $6}' >"$T/contents"
missing=0
while read -r mode path; do
	p=$R/${path#./}
	want=$mode
	[ -e "$p" ] || { _fail "not installed: $path"; missing=1; continue; }
	have=$(stat -c '%A' "$p")
	# A directory the scripts made more private (/var/lib/okra) is checked below.
	[ "$have" = "$want" ] || { _fail "$path is $have, not $want"; missing=1; }
done <"$T/contents"
check "every file of the package is there, with its mode ($(wc -l <"$T/contents") entries)" test "$missing" -eq 0
for f in usr/bin/okra lib/systemd/system/okra.service lib/systemd/system/okra-backup.service \
	lib/systemd/system/okra-backup.timer usr/libexec/okra/okra-backup etc/okra/okra.conf \
	usr/share/man/man1/okra.1.gz usr/share/man/man1/okra-serve.1.gz usr/share/man/man5/okra.conf.5.gz \
	usr/share/bash-completion/completions/okra usr/share/zsh/vendor-completions/_okra \
	usr/lib/sysusers.d/okra.conf usr/lib/tmpfiles.d/okra.conf usr/share/doc/okra/copyright; do
	check "installs /$f" test -f "$R/$f"
done
check "/usr/bin/okra runs and says the package's version" \
	bash -c "'$R/usr/bin/okra' --version | grep -qxF 'okra $upstream'"
check "the man pages are generated ones (okra-objective(1) has --dri)" \
	bash -c "zcat '$R/usr/share/man/man1/okra-objective.1.gz' | grep -q 'dri'"

sed "s|^database = .*|database = $T/none.db|" "$R/etc/okra/okra.conf" >"$T/shipped.conf"
refused "the shipped okra.conf reads (every key known; its database is next)" \
	"no database at $T/none.db" env -u OKRA_DB "$R/usr/bin/okra" serve --config "$T/shipped.conf"
check "the shipped okra.conf names the state directory's database" \
	grep -qx 'database = /var/lib/okra/okra.db' "$R/etc/okra/okra.conf"

# The user, the group and the state directory.
uid=$(awk -F: '$1 == "okra" {print $3}' "$R/etc/passwd")
gid=$(awk -F: '$1 == "okra" {print $3}' "$R/etc/group")
check "the okra system user (uid $uid)" test -n "$uid" -a "${uid:-0}" -gt 0 -a "${uid:-1000}" -lt 1000
check "its group" test -n "$gid"
check "it cannot log in, and lives in /var/lib/okra" \
	grep -q "^okra:x:$uid:$gid:[^:]*:/var/lib/okra:/usr/sbin/nologin$" "$R/etc/passwd"
check "/var/lib/okra is okra's, mode 0750" \
	test "$(stat -c '%u:%g %a' "$R/var/lib/okra")" = "$uid:$gid 750"
check "nothing outside the root was touched: this machine's users and packages" \
	test "$(getent passwd okra; dpkg-query -W -f '${Status}' okra 2>/dev/null)" = "$host_before"

# --- the units ---
if command -v systemd-analyze >/dev/null; then
	# The targets the units name are systemd's (a dependency): copied in, not the package's.
	for u in /lib/systemd/system/*.target /lib/systemd/system/*.slice; do
		[ -e "$R$u" ] || cp -a "$u" "$R/lib/systemd/system/"
	done
	mkdir -p "$R/bin" && cp /bin/kill "$R/bin/kill"
	ok "systemd-analyze verify: the service, the backup service and its timer" \
		systemd-analyze verify --man=no --root="$R" /lib/systemd/system/okra.service \
		/lib/systemd/system/okra-backup.service /lib/systemd/system/okra-backup.timer
	for u in okra okra-backup; do
		systemd-analyze security --offline=yes --root="$R" "/lib/systemd/system/$u.service" \
			>"$T/security" 2>&1
		score=$(sed -n "s/.*Overall exposure level for $u.service: \\([0-9.]*\\).*/\\1/p" "$T/security")
		echo "systemd-analyze security $u.service: ${score:-?}"
		check "$u.service's exposure under 2.0 (${score:-?})" \
			awk -v s="${score:-99}" 'BEGIN { exit !(s < 2.0) }'
	done
else
	_fail "systemd-analyze is not installed (scripts/install-deps installs systemd)"
fi
check "okra.service is Type=notify and starts from the configuration file" \
	grep -q '^ExecStart=/usr/bin/okra serve --config /etc/okra/okra.conf$' "$R/lib/systemd/system/okra.service"

# --- a database, and the backup's rotation ---
D=$R/var/lib/okra
ok "a database in the state directory" "$R/usr/bin/okra" --db "$D/okra.db" init
mkdir -p "$D/backups"
for d in 20250101 20250102 20250103; do
	: >"$D/backups/okra-${d}T031500Z.db"
done
: >"$D/backups/keep-me.txt"
ok "okra-backup" env OKRA="$R/usr/bin/okra" OKRA_CONFIG="$R/etc/okra/okra.conf" \
	OKRA_DB="$D/okra.db" OKRA_BACKUP_DIR="$D/backups" OKRA_BACKUP_KEEP=2 \
	"$R/usr/libexec/okra/okra-backup"
made=$(printf '%s\n' "$out" | sed -n 's|^okra-backup: \(/.*\.db\)$|\1|p')
check "a backup was made, and it is a whole database" \
	bash -c "'$R/usr/bin/okra' --db '$made' check >/dev/null"
check "the newest 2 stay: the new one and the newest old one" \
	test "$(ls "$D/backups" | grep -c '^okra-.*\.db$')" -eq 2 -a -e "$D/backups/okra-20250103T031500Z.db"
check "only backups are rotated" test -e "$D/backups/keep-me.txt"
refused "OKRA_BACKUP_KEEP must be a number" "OKRA_BACKUP_KEEP is a whole number" \
	env OKRA="$R/usr/bin/okra" OKRA_DB="$D/okra.db" OKRA_BACKUP_DIR="$D/backups" \
	OKRA_BACKUP_KEEP=x "$R/usr/libexec/okra/okra-backup"
check "the backup reads the database from okra.conf" \
	bash -c "sed -i 's|^database = .*|database = $D/okra.db|' '$R/etc/okra/okra.conf' &&
		env -u OKRA_DB OKRA='$R/usr/bin/okra' OKRA_CONFIG='$R/etc/okra/okra.conf' OKRA_BACKUP_DIR='$T/b2' \
		'$R/usr/libexec/okra/okra-backup' | grep -q '^okra-backup: $T/b2/okra-'"

# --- remove leaves the data; purge removes what the package made, and only that ---
printf 'a-password\n' >"$R/etc/okra/db-password"
ok "dpkg -r" dpkgr -r okra
check "removed: the binary, the units, the man pages" \
	test ! -e "$R/usr/bin/okra" -a ! -e "$R/lib/systemd/system/okra.service" -a ! -e "$R/usr/share/man/man1/okra.1.gz"
check "the data stays" test -s "$D/okra.db" -a -e "$D/backups/okra-20250103T031500Z.db"
check "/var/lib/okra stays okra's, 0750" test "$(stat -c '%u:%g %a' "$D")" = "$uid:$gid 750"
check "the okra user stays (files are still its)" grep -q '^okra:' "$R/etc/passwd"
check "the edited configuration stays" grep -q "^database = $D/okra.db" "$R/etc/okra/okra.conf"
ok "dpkg -i again" dpkgr -i "$deb"
check "the same user again" test "$(awk -F: '$1 == "okra" {print $3}' "$R/etc/passwd")" = "$uid"
check "an edited conffile is kept on upgrade" grep -q "^database = $D/okra.db" "$R/etc/okra/okra.conf"
ok "dpkg -P (purge) asks nothing" dpkgr -P okra </dev/null
check "purged: the configuration file" test ! -e "$R/etc/okra/okra.conf"
check "purge keeps what the package did not make: the data" test -s "$D/okra.db"
check "and the password file an admin put in /etc/okra" test -s "$R/etc/okra/db-password"
check "purged from dpkg's database" \
	bash -c "! dpkg-query --admindir='$R/var/lib/dpkg' -W okra 2>/dev/null | grep -q ."
rm -rf "${D:?}"/* "$R/etc/okra/db-password"
ok "dpkg -i on a fresh root state" dpkgr -i "$deb"
ok "dpkg -P with nothing of the admin's left" dpkgr -P okra
check "purge removes the empty /var/lib/okra and /etc/okra it made" test ! -e "$D" -a ! -e "$R/etc/okra"

finish

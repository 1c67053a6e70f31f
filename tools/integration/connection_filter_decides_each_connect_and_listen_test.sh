#!/usr/bin/env bash
# With SMC_INCLUDE/SMC_EXCLUDE (or --include/--exclude), -d shows what the
# filter decided for each connect() (by the peer) and listen() (by the
# bound local address), and the connections still work. On a kernel
# without SMC every socket is TCP already, which the lines also say; the
# replacement of real SMC sockets is checked in the SMC guest
# (tools/guest/smcd) and, TCP for TCP, by //hooks:replace_socket_test.
source "$(dirname "$0")/lib.sh"

# What the line ends with for a socket the filter keeps off SMC, and for
# one it lets through, on this kernel.
if kernel_has_smc; then
  off='-> TCP \(replaced the SMC socket\)'
  on='-> SMC'
else
  off='-> TCP \(not an SMC socket\)'
  on='-> TCP \(not an SMC socket\)'
fi

mkdir "$SCRATCH/www"
page="filter page $RANDOM$RANDOM"
printf '%s\n' "$page" >"$SCRATCH/www/index.html"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# A server excluded by its port, at listen().
"$SMC_RUN" -d --exclude "*:$port" python3 -u -m http.server --bind 127.0.0.1 \
  --directory "$SCRATCH/www" "$port" >"$SCRATCH/server.out" 2>"$SCRATCH/server.err" &
server=$!
BACKGROUND_PIDS+=("$server")
wait_for "$SCRATCH/server.out" 'Serving HTTP on'
url="http://127.0.0.1:$port/index.html"

# Clients: excluded by address, not in an include list, included, and
# neither (exclude list only).
client() {  # EXPECTED-LINE-REGEX WHAT SMC_RUN-OPTIONS...
  local regex="$1" what="$2"
  shift 2
  run "$SMC_RUN" -d "$@" curl -sS --max-time 10 "$url"
  expect_eq "$RC" 0 "$what: curl status"
  expect_eq "$OUT" "$page" "$what: page"
  expect_match "$ERR" "^curl\[[0-9]+\]: smc: connect\([0-9]+, 127\.0\.0\.1:$port\): $regex\$" "$what: decision"
}
client "excluded by SMC_EXCLUDE 127\.0\.0\.0/8 $off" "excluded client" --exclude 10.0.0.0/8,127.0.0.0/8
client "not in SMC_INCLUDE $off" "client outside the include list" --include '10.0.0.0/8,[::1]'
client "included by SMC_INCLUDE \*:$port $on" "included client" --include "10.0.0.0/8,*:$port"
client "excluded by SMC_EXCLUDE 127\.0\.0\.1:$((port - 1))-$port $off" "exclude wins" \
  --include '*' --exclude "127.0.0.1:$((port - 1))-$port"
client "not in SMC_EXCLUDE $on" "client the exclude list misses" --exclude "127.0.0.1:$((port + 1))"
run env SMC_EXCLUDE=127.0.0.1 "$SMC_RUN" -d curl -sS --max-time 10 "$url"
expect_match "$ERR" "connect\([0-9]+, 127\.0\.0\.1:$port\): excluded by SMC_EXCLUDE 127\.0\.0\.1 $off" \
  "filter from the environment"

kill "$server"
wait "$server" 2>/dev/null || true
expect_match "$(cat "$SCRATCH/server.err")" \
  "^python3\[$server\]: smc: listen\([0-9]+\) on 127\.0\.0\.1:$port: excluded by SMC_EXCLUDE \*:$port $off\$" \
  "server decision"

# IPv6, IPv4-mapped peers, a listener never bound, a child given a fresh
# environment (it gets the lists back), and sockets the filter ignores:
# UDP and UNIX connects say nothing.
probe='
import os, socket, subprocess, sys
srv = socket.socket(socket.AF_INET6)
srv.bind(("::1", 0))
srv.listen()
port = srv.getsockname()[1]
c = socket.create_connection(("::1", port))
a, _ = srv.accept()
c.sendall(b"v6")
print(a.recv(2).decode())
dual = socket.socket(socket.AF_INET6)
dual.bind(("::", 0))
dual.listen()
m = socket.socket(socket.AF_INET6)
m.connect(("::ffff:127.0.0.1", dual.getsockname()[1]))
print("mapped", m.getpeername()[0])
lone = socket.socket()
lone.listen()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.connect(("127.0.0.1", 9))
x = socket.socket(socket.AF_UNIX)
try:
    x.connect("\0smc-filter-test-nobody")
except OSError:
    pass
subprocess.run(["env", "-i", sys.executable, "-c",
  "import socket, sys; socket.create_connection((\"127.0.0.1\", int(sys.argv[1])))", str(dual.getsockname()[1])],
  check=True)
print("done")
'
run "$SMC_RUN" -d --include "[::1],*:1-65535" --exclude '127.0.0.0/8,*' python3 -c "$probe"
expect_eq "$RC" 0 "probe status"
expect_eq "$OUT" "$(printf 'v6\nmapped ::ffff:127.0.0.1\ndone')" "probe output"
expect_match "$ERR" "^python3\[[0-9]+\]: smc: listen\([0-9]+\) on \[::1\]:[0-9]+: excluded by SMC_EXCLUDE \* $off\$" \
  "IPv6 listener"
expect_match "$ERR" "connect\([0-9]+, \[::1\]:[0-9]+\): excluded by SMC_EXCLUDE \* $off\$" "IPv6 client"
expect_match "$ERR" "listen\([0-9]+\) on \[::\]:[0-9]+: excluded by SMC_EXCLUDE \* $off\$" "wildcard listener"
expect_match "$ERR" "connect\([0-9]+, \[::ffff:127\.0\.0\.1\]:[0-9]+\): excluded by SMC_EXCLUDE 127\.0\.0\.0/8 $off\$" \
  "IPv4-mapped peer matched as IPv4"
expect_match "$ERR" "listen\([0-9]+\) on 0\.0\.0\.0:0: excluded by SMC_EXCLUDE \* $off\$" "listener never bound"
# Filter lines: "connect(FD, ADDRESS): ..." (the outcome lines after each
# connection read "connect(FD) to ADDRESS: ...").
expect_eq "$(grep -cE "smc: connect\([0-9]+, " <<<"$ERR")" 3 "connect lines: IPv6, mapped, the child; none for UDP or UNIX"
expect_contains "$ERR" "execvp: LD_PRELOAD and SMC settings restored for the child" "env -i child's environment"
child="$(grep -E '^python3\[[0-9]+\]: smc: libsmc-preload loaded' <<<"$ERR" | sed -n 2p)"
expect_contains "$child" "SMC_INCLUDE 2 rules, SMC_EXCLUDE 2 rules" "child's lists"
expect_no_loader_errors "$ERR" "stderr"

# Without a filter, -d says nothing about the filter at connect() or
# listen() (only the connection's outcome).
run "$SMC_RUN" -d python3 -c 'import socket; s = socket.socket(); s.listen(); socket.create_connection(s.getsockname())'
expect_eq "$RC" 0 "status without a filter"
expect_no_match "$ERR" "smc: connect\([0-9]+, " "connect lines without a filter"
expect_not_contains "$ERR" "smc: listen(" "listen lines without a filter"

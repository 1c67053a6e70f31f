#!/usr/bin/env bash
# Under a descriptor limit that leaves the library no room, what smc_run
# says is what happens: a static program, which never gets the library, is
# served by the supervisor with no warning about the library; a dynamic
# program that loses the library is told, in one warning, that the
# supervisor serves its TCP sockets instead (as root, where the supervisor
# is a net under the library); under --strict with the library alone
# (--mechanism preload), smc_run refuses with 125.
source "$(dirname "$0")/lib.sh"
static="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ "$(id -u)" == 0 ]] || fail "this test needs root: the supervisor as a net under the library"
python=/usr/bin/python3

run prlimit --nofile=8 "$SMC_RUN" -d "$static" exit 0
expect_eq "$RC" 0 "static: status"
expect_not_contains "$ERR" "smc_run: Warning" "static: a warning"
expect_match "$ERR" "seccomp supervisor [0-9]+ serves $static" "static: the supervisor serves it"
expect_match "$ERR" "seccomp_probe\[[0-9]+\]: smc: seccomp: socket\(AF_INET, SOCK_STREAM, 0\)" \
  "static: its socket went to the supervisor"

run prlimit --nofile=8 "$SMC_RUN" -d "$python" -c 'import socket; socket.socket()'
expect_eq "$RC" 0 "dynamic: status"
expect_eq "$(grep -c 'smc_run: Warning' <<<"$ERR")" 1 "dynamic: one warning"
expect_contains "$ERR" "smc_run: Warning: RLIMIT_NOFILE (soft 8, hard 8) leaves no descriptor for the library beside the program's own: $python runs without it, and the seccomp supervisor serves its TCP sockets" \
  "dynamic: the warning"
expect_match "$ERR" "python3\[[0-9]+\]: smc: seccomp: socket\(AF_INET, SOCK_STREAM" \
  "dynamic: its socket went to the supervisor"

run prlimit --nofile=8 "$SMC_RUN" --strict --mechanism preload "$python" -c 'print("ran")'
expect_eq "$RC" 125 "--strict, library alone: status"
expect_match "$OUT" "^smc_run: Error: RLIMIT_NOFILE .* runs without it, so its TCP sockets stay TCP; --strict refuses to run it so$" \
  "--strict, library alone: the error"

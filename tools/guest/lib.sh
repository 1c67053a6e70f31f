# Helpers for the checks that run inside the SMC guests; sourced (the
# pair's checks through pair_lib.sh). Each check runs in its own empty
# folder (the cwd) with SMC_RUN, the executable under test, and GUEST_DIR,
# this folder, set by run_checks.sh.
#
# Every check judges through smc_kernel.py, the oracle that shares no code
# with smc_run: it decodes SMC_DIAG and the SMC generic netlink family
# itself and matches sockets to processes by inode. Our roles' output and
# our -d lines are what some checks test; they are compared against the
# oracle, never used to judge anything else.
set -Eeuo pipefail
: "${SMC_RUN:?}" "${GUEST_DIR:?}"
source "$GUEST_DIR/expect.sh"
# A command that fails outside the expect_* helpers still says where.
trap 'echo "FAIL: line $LINENO of $(basename "${BASH_SOURCE[0]}"): $BASH_COMMAND" >&2' ERR
BACKGROUND_PIDS=()
trap 'for p in "${BACKGROUND_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
source "$GUEST_DIR/held.sh"

# SMC decline and fallback codes (net/smc/smc_clc.h, SMC_CLC_DECL_*), as
# SMC_DIAG reports them and smc_kernel.py prints them.
PEERNOSMC=0x03010000 # peer did not indicate SMC
NOSMCDEV=0x03030000  # no SMC device found (R or D)
NOUEID=0x03030008    # peer sent no UEID
PEERDECL=0x05000000  # peer declined during handshake
NONE=0x00000000

# The oracle and the peers run as python3 -S, without the site module: they
# need the standard library alone, and in the emulated guests site's
# start-up (.pth files, sitecustomize) is a large part of every python3's.

# kernel_sockets PID...: what the kernel says each TCP or SMC socket of
# these processes is, one line each (smc_kernel.py sockets):
#   PID INODE smc STATE MODE FALLBACK PEER_DIAGNOSIS SNDBUF RMBE PEER_RMBE IBDEV ROLE
#   PID INODE tcp STATE LOCAL REMOTE
kernel_sockets() {
  python3 -S "$GUEST_DIR/smc_kernel.py" sockets "$@" || fail "smc_kernel.py sockets failed"
}

# kernel_socket_of PID FD: the same line for the socket on PID's
# descriptor FD, e.g. the one a -d line names.
kernel_socket_of() {
  python3 -S "$GUEST_DIR/smc_kernel.py" fd "$1" "$2" || fail "smc_kernel.py fd $1 $2 failed"
}

# kernel_json WHAT FILE: smc_kernel.py's JSON (diag, stats, fallbacks,
# counters for both, linkgroups, ...) into FILE.
kernel_json() {
  python3 -S "$GUEST_DIR/smc_kernel.py" "$1" >"$2" || fail "smc_kernel.py $1 failed"
}

# kernel_ueids: the kernel's User EIDs, one a line, sorted.
kernel_ueids() {
  local ueids
  ueids="$(python3 -S "$GUEST_DIR/smc_kernel.py" ueids)" || fail "smc_kernel.py ueids failed"
  [[ -z "$ueids" ]] || sort <<<"$ueids"
}

# socket_named_by PID LINE REGEX: the kernel's word (as kernel_socket_of)
# on PID's socket whose descriptor the -d line LINE names, REGEX's first
# group (e.g. 'connect\(([0-9]+)\)'); when LINE names none, says so, and
# the check's assertions fail in their order.
socket_named_by() {
  if [[ "$2" =~ $3 ]]; then
    kernel_socket_of "$1" "${BASH_REMATCH[1]}"
  else
    echo "(no descriptor /$3/ in the line '$2')"
  fi
}

# outcome_sockets: while the fetch "curl" (curl_held) from start_server's
# python3, both under smc_run -d, is held: their outcome lines in
# CLIENT_LINE (connect) and SERVER_LINE (accept), and the kernel's word on
# the socket each names in CLIENT_SOCKET and SERVER_SOCKET.
outcome_sockets() {
  CLIENT_LINE="$(grep -E '^curl\[[0-9]+\]: smc: connect\(' curl.err || true)"
  SERVER_LINE="$(grep -E '^python3\[[0-9]+\]: smc: accept\(' server.err || true)"
  CLIENT_SOCKET="$(socket_named_by "$CLIENT_PID" "$CLIENT_LINE" 'connect\(([0-9]+)\)')"
  SERVER_SOCKET="$(socket_named_by "$SERVER_PID" "$SERVER_LINE" '\) = ([0-9]+) from')"
}

# counter_changes BEFORE AFTER: which handshake counters changed between
# two snapshots of kernel_json counters, on one line, sorted: e.g.
# "fallbacks.server.0x03010000 +1, fallbacks.srv_fback_cnt +1,
# stats.smcr.srv_v2_succ_cnt +2"; "none" when none did. Byte and call
# counts are left out: they depend on the programs, not on the handshakes.
counter_changes() {
  python3 - "$1" "$2" <<'PY'
import json, re, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
kept = re.compile(r"(succ_cnt|hshake_err_cnt|fback_cnt)$|\.(server|client)\.")
def flat(doc, prefix=""):
    for key, value in doc.items():
        if isinstance(value, dict):
            yield from flat(value, prefix + key + ".")
        else:
            yield prefix + key, value
old = dict(flat(before))
changes = ["%s +%d" % (k, v - old.get(k, 0)) for k, v in sorted(flat(after))
           if kept.search(k) and v != old.get(k, 0)]
print(", ".join(changes) or "none")
PY
}

# smc_chk_proves_smcd UEIDS: smc_run --role smc_chk, then with --json, on
# a kernel with loopback-ism. The kernel's own counters count each run's
# live connection as one SMC-Dv2 handshake on each side, nothing else; both
# exit 0; every check SMC-D needs is ok, the live connection is SMC-D over
# 127.0.0.1, and none fails; the JSON (chk.json) says the same and names
# UEIDS (the kernel's, as kernel_ueids prints them). The text is left in
# CHK_TEXT for what only one test bed has.
smc_chk_proves_smcd() {
  local ueids="$1" rc=0 name
  local one_smcd_connection="stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1"
  kernel_json counters text.before
  CHK_TEXT="$("$SMC_RUN" --role smc_chk)" || rc=$?
  kernel_json counters text.after
  echo "$CHK_TEXT"
  expect_eq "$(counter_changes text.before text.after)" "$one_smcd_connection" \
    "the kernel's counters for smc_chk's live connection"
  expect_eq "$rc" 0 "status of smc_chk"
  for name in "smc module" "smc_diag module" AF_SMC IPPROTO_SMC; do
    expect_match "$CHK_TEXT" "^$name +ok  " "the $name check"
  done
  expect_match "$CHK_TEXT" '^SMC-D devices +ok +loopback-ism ' "SMC-D devices"
  expect_match "$CHK_TEXT" \
    '^live loopback +ok +SMC-D: 16384 bytes each way over 127\.0\.0\.1:[0-9]+$' "live test"
  expect_eq "$(tail -n 1 <<<"$CHK_TEXT")" \
    "verdict: SMC-D is used: the test connection over 127.0.0.1 ran on shared memory (loopback-ism)" \
    "verdict"
  expect_no_match "$CHK_TEXT" '  fail  ' "failed checks"

  kernel_json counters json.before
  rc=0
  "$SMC_RUN" --role smc_chk --json >chk.json || rc=$?
  kernel_json counters json.after
  expect_eq "$rc" 0 "status of smc_chk --json"
  expect_eq "$(counter_changes json.before json.after)" "$one_smcd_connection" \
    "the kernel's counters for smc_chk --json's live connection"
  python3 - chk.json "$ueids" <<'PY' || fail "JSON verdict: $(cat chk.json)"
import os, sys
sys.path.insert(0, os.environ["GUEST_DIR"])
from compare_with_kernel import expect_smc_chk_smcd
expect_smc_chk_smcd(sys.argv[1], sys.argv[2].split())
PY
}

# both_use_smcd ADDRESS URL_HOST: a python3 server and curl, both under
# smc_run, exchange 1 MiB; while the connection is open every socket of
# theirs is SMC-D (or listening), none is plain TCP, and each side has its
# connected socket among them.
both_use_smcd() {
  start_server "$1" "$SMC_RUN"
  curl_held curl "$(held_url "$2")" "$SMC_RUN"
  local seen
  seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
  release_fetches
  echo "$seen"
  expect_no_match "$seen" ' tcp ' "plain TCP sockets left in server or curl"
  expect_no_match "$seen" ' smc ACTIVE (SMCR|TCP) ' "connections not on SMC-D"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "server's listening socket"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "server's connection"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "curl's connection"
}

# smc_chk -C on B exits 2 and names why, when the peer cannot do SMC: to a
# plain TCP echo server on A (no SMC there) it names PEERNOSMC; with
# another UEID on B than on A, against smc_chk -S, it names the reason A's
# kernel declined with. Each reason is the one the kernels' fallback
# counters count for that connection (SMC_NETLINK_GET_FBACK_STATS).
source "$GUEST_DIR/pair_lib.sh"
# Both sides share the check's folder: each names its files by its side.
# reason_counted BEFORE AFTER SIDE: the one fallback reason code SIDE
# (client or server) counted between the two snapshots.
reason_counted() {
  python3 - "$@" <<'PY'
import json, sys
before, after = (json.load(open(p))["fallbacks"][sys.argv[3]] for p in sys.argv[1:3])
grown = [code for code, n in after.items() if n != before.get(code, 0)]
print(" ".join(grown) or "none")
PY
}
if on A; then
  kernel_json counters plain.before.$SIDE
  echo_serve plain
  tell plain "$(awk '/^port/ {print $2}' plain.server)"
  echo_finished plain
  await other-ueid-ready >/dev/null
  kernel_json counters declined.before.$SIDE
  "$SMC_RUN" --role smc_chk -S -p 37400 >server.out 2>server.err &
  server=$!
  BACKGROUND_PIDS+=("$server")
  wait_for server.out '^Server started on port 37400$'
  tell listening
  wait_for server.out '^connection from '
  await tried >/dev/null
  kill -TERM "$server"
  wait "$server" || fail "smc_chk -S exited $?"
  kernel_json counters declined.after.$SIDE
  declined="$(reason_counted declined.before.$SIDE declined.after.$SIDE server)"
  tell declined "$declined"
  cat server.out
  expect_match "$declined" '^0x[0-9a-f]{8}$' "one reason A's kernel declined B's connection with"
  expect_match "$(cat server.out)" "^connection from $ADDR_B:[0-9]+: TCP 0x[0-9a-f]{8} [A-Z0-9_]+$" \
    "the server's line for the declined connection"
  await done
else
  port="$(await plain)"
  kernel_json counters plain.before.$SIDE
  rc=0
  "$SMC_RUN" --role smc_chk -C "$ADDR_A" -p "$port" >plain.out 2>&1 || rc=$?
  kernel_json counters plain.after.$SIDE
  cat plain.out
  expect_eq "$rc" 2 "status of smc_chk -C to a server without SMC"
  expect_eq "$(reason_counted plain.before.$SIDE plain.after.$SIDE client)" "$PEERNOSMC" "B's counted reason"
  expect_match "$(tail -n 1 plain.out)" \
    "^verdict: SMC is not used: the test connection to $ADDR_A:$port fell back to TCP with PEERNOSMC \(peer did not indicate SMC\); the server does not speak SMC" \
    "the verdict against a plain server"
  smcd() { "$SMC_RUN" --role smcd "$@"; }
  trap 'smcd ueid del OTHER-UEID-B >/dev/null 2>&1; smcd ueid add "$UEID" >/dev/null 2>&1' EXIT
  smcd ueid del "$UEID" || fail "removing $UEID on B"
  smcd ueid add OTHER-UEID-B || fail "adding OTHER-UEID-B on B"
  expect_eq "$(kernel_ueids)" OTHER-UEID-B "the kernel's UEIDs on B"
  tell other-ueid-ready
  await listening >/dev/null
  kernel_json counters declined.before.$SIDE
  rc=0
  "$SMC_RUN" --role smc_chk -C "$ADDR_A" -p 37400 >declined.out 2>&1 || rc=$?
  kernel_json counters declined.after.$SIDE
  tell tried
  smcd ueid del OTHER-UEID-B || fail "removing OTHER-UEID-B on B"
  smcd ueid add "$UEID" || fail "putting $UEID back on B"
  expect_eq "$(kernel_ueids)" "$UEID" "the kernel's UEIDs on B, put back"
  trap - EXIT
  code="$(await declined)"
  tell done
  cat declined.out
  expect_eq "$rc" 2 "status of smc_chk -C with another UEID"
  expect_eq "$(reason_counted declined.before.$SIDE declined.after.$SIDE client)" "$PEERDECL" "B's counted reason"
  name="$(awk -v c="$code" '$2 == c {print $1}' <<<"NOSMCDEV 0x03030000
NOSMCRDEV 0x03030002
NOSMCD2DEV 0x03030007
NOUEID 0x03030008")"
  [[ -n "$name" ]] || fail "A declined with $code, which this check does not expect"
  expect_match "$(cat declined.out)" "^live connection +fail  TCP fallback: TCP $PEERDECL PEERDECL/$code $name; " \
    "the live connection check"
  expect_match "$(tail -n 1 declined.out)" \
    "^verdict: SMC is not used: the test connection to $ADDR_A:37400 fell back to TCP with $name \(.*\); the server declined: SMC v2 between hosts needs an SMC device on both and a UEID both share \(this host's: OTHER-UEID-B; " \
    "the verdict with another UEID"
fi

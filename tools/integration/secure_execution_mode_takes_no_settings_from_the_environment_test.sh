#!/usr/bin/env bash
# A setuid program with the library in /etc/ld.so.preload (in a mount
# namespace of its own: /etc under an overlay) runs in secure-execution
# mode (AT_SECURE): the caller's SMC_* variables are ignored, so no
# summary file is created, no diagnostics are written, and neither strict
# mode, buffer sizes nor a connection filter apply. The same program
# without setuid honours them. And smc_run itself refuses to run setuid,
# in every role: a setuid smcd would let any user change the kernel's
# UEIDs.
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (mount namespace, setuid file)"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
# The library and the output folder live under the overlay's /etc, where
# the setuid program's user (nobody) can reach them.
mkdir -p "$SCRATCH/upper/smc-test" "$SCRATCH/work" "$SCRATCH/bin"
chmod 755 "$SCRATCH/upper/smc-test"
mkdir -m 777 "$SCRATCH/upper/smc-test/out"
"$SMC_RUN" --write-lib "$SCRATCH/upper/smc-test/libsmc-preload.so"
echo /etc/smc-test/libsmc-preload.so >"$SCRATCH/upper/ld.so.preload"
summary="$SCRATCH/upper/smc-test/out/summary.json"
cp "$probe" "$SCRATCH/bin/plain_probe"
cp "$probe" "$SCRATCH/bin/setuid_probe"
# Of another owner, so that root running it changes its effective uid.
chown 65534:65534 "$SCRATCH/bin/setuid_probe"
chmod 4755 "$SCRATCH/bin/setuid_probe"

# with_preload VARIABLE=VALUE... PROGRAM
with_preload() {
  unshare --mount sh -c 'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$0/upper,workdir=$0/work" /etc && exec "$@"' \
    "$SCRATCH" env SMC_SUMMARY_FILE=/etc/smc-test/out/summary.json SMC_SUMMARY=1 SMC_DEBUG=1 \
    SMC_SNDBUF=4096 SMC_INCLUDE=192.0.2.1 "$@"
}

run with_preload "$SCRATCH/bin/plain_probe"
expect_eq "$RC" 0 "status of the plain program"
expect_contains "$OUT" "secure 0" "the plain program's mode"
expect_contains "$OUT" "library mapped" "the plain program"
expect_contains "$OUT" "sndbuf 8192" "SO_SNDBUF in the plain program"
expect_match "$ERR" "smc: summary: sockets 1" "the plain program's summary line"
[[ -s "$summary" ]] || fail "the plain program wrote no summary"
rm "$summary"
run with_preload SMC_STRICT=1 "$SCRATCH/bin/plain_probe"
expect_contains "$OUT" "socket failed" "socket() in the plain program under SMC_STRICT"

run with_preload "$SCRATCH/bin/setuid_probe"
expect_eq "$RC" 0 "status of the setuid program"
expect_contains "$OUT" "secure 1" "the setuid program's mode"
expect_contains "$OUT" "library mapped" "the setuid program"
expect_contains "$OUT" "socket made" "socket() in the setuid program"
expect_not_contains "$OUT" "sndbuf 8192" "SO_SNDBUF in the setuid program (SMC_SNDBUF ignored)"
expect_eq "$ERR" "" "the setuid program's stderr (SMC_DEBUG and SMC_SUMMARY ignored)"
[[ ! -e "$summary" ]] || fail "the setuid program created the caller's SMC_SUMMARY_FILE"
run with_preload SMC_STRICT=1 "$SCRATCH/bin/setuid_probe"
expect_contains "$OUT" "socket made" "socket() in the setuid program (SMC_STRICT ignored)"

# smc_run itself refuses to run setuid: its caller would choose the
# program and the files written with those privileges.
cp "$SMC_RUN" "$SCRATCH/bin/smc_run"
chown 65534:65534 "$SCRATCH/bin/smc_run"
chmod 4755 "$SCRATCH/bin/smc_run"
run "$SCRATCH/bin/smc_run" --summary-file "$SCRATCH/bin/created.json" true
expect_eq "$RC" 125 "status of a setuid smc_run"
expect_match "$OUT" "^smc_run: Error: smc_run is running set-user-ID, .*secure-execution mode" "message of a setuid smc_run"
[[ ! -e "$SCRATCH/bin/created.json" ]] || fail "a setuid smc_run created its --summary-file"
run "$SCRATCH/bin/smc_run" --write-lib "$SCRATCH/bin/lib.so"
expect_eq "$RC" 125 "status of a setuid smc_run asked for --write-lib"
for role in smcss smcd smc_chk; do
  run "$SCRATCH/bin/smc_run" --role "$role" -h
  expect_eq "$RC" 125 "status of a setuid $role"
  expect_match "$ERR" "^$role: Error: $role is running set-user-ID, .*secure-execution mode" "message of a setuid $role"
done
run "$SCRATCH/bin/smc_run" --role smcd ueid del EXAMPLE
expect_eq "$RC" 125 "status of a setuid smcd asked to delete a UEID"

#!/usr/bin/env bash
# smc_chk on this machine: where the kernel has no SMC (like this project's
# build hosts) it names what is missing - AF_SMC with its errno, the live
# test not run - and exits 2, "SMC would not be used"; -q prints the same
# verdict alone. Where the kernel has SMC, the exit status agrees with the
# verdict line whatever it is.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" --role smc_chk
echo "$OUT"
expect_eq "$ERR" "" "stderr of smc_chk"
verdict="$(tail -n 1 <<<"$OUT")"
expect_match "$verdict" '^verdict: ' "last line"
# Every line but the verdict is one check: name, status, detail.
while IFS= read -r line; do
  expect_match "$line" '^[A-Za-z][A-Za-z0-9_.*-]*( [A-Za-z_-]+)? +(ok  |warn|fail)  [^ ]' "check line"
done < <(sed '$d' <<<"$OUT")
for name in "smc module" "smc_diag module" AF_SMC IPPROTO_SMC "SMC-D devices" \
  "SMC-R devices" UEID SEID net.core.rmem_max net.core.wmem_max "live loopback"; do
  expect_match "$OUT" "^$name +(ok|warn|fail)  " "the $name check"
done

if kernel_has_smc; then
  expect_match "$OUT" '^AF_SMC +ok  ' "AF_SMC on a kernel with SMC"
  if [[ "$verdict" == "verdict: SMC-D is used"* || "$verdict" == "verdict: SMC-R is used"* ]]; then
    expect_eq "$RC" 0 "status with SMC used"
  else
    expect_eq "$RC" 2 "status with SMC not used"
    expect_match "$verdict" '^verdict: SMC is not used: ' "verdict"
  fi
else
  expect_eq "$RC" 2 "status on a kernel without SMC"
  expect_match "$OUT" \
    '^AF_SMC +fail  socket\(AF_SMC, SOCK_STREAM, SMCPROTO_SMC\): EAFNOSUPPORT \(Address family not supported by protocol\)$' \
    "AF_SMC check"
  expect_match "$OUT" '^smc module +fail  ' "smc module check"
  expect_match "$OUT" '^live loopback +fail  not run: AF_SMC sockets cannot be made$' "live test"
  expect_match "$verdict" '^verdict: SMC is not used: smc module: ' "verdict names the cause"
fi

quiet_rc="$RC"
run "$SMC_RUN" --role smc_chk -q
expect_eq "$RC" "$quiet_rc" "status of -q"
expect_eq "$OUT" "$verdict" "output of -q"
expect_eq "$ERR" "" "stderr of -q"

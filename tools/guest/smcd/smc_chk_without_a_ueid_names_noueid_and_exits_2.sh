# With loopback-ism but no UEID (flushed here, as the kernel's table then
# shows, and put back after), smc_chk fails the UEID check, its live
# connection falls back with NOUEID, as the kernel's fallback counters
# count it, and the verdict says to add a UEID; it exits 2.
source "$GUEST_DIR/lib.sh"
trap '"$SMC_RUN" --role smcd ueid add SMC-RUN-TESTBED >/dev/null' EXIT
"$SMC_RUN" --role smcd ueid flush || fail "flushing the UEIDs"
expect_eq "$(kernel_ueids)" "" "the kernel's UEIDs after the flush"
kernel_json counters before.json
rc=0
out="$("$SMC_RUN" --role smc_chk)" || rc=$?
kernel_json counters after.json
echo "$out"
expect_eq "$rc" 2 "status of smc_chk without a UEID"
expect_eq "$(counter_changes before.json after.json)" \
  "fallbacks.client.$PEERDECL +1, fallbacks.clnt_fback_cnt +1, fallbacks.server.$NOUEID +1, fallbacks.srv_fback_cnt +1" \
  "the kernel's counters for smc_chk's live connection"
expect_match "$out" '^SMC-D devices +ok +loopback-ism ' "SMC-D devices"
expect_match "$out" '^UEID +fail +none, and no system EID enabled: .*\(NOUEID\); add one: smc_run --role smcd ueid add ID$' \
  "UEID check"
expect_match "$out" "^live loopback +fail +TCP fallback: client TCP $PEERDECL PEERDECL/$NOUEID NOUEID, server TCP $NOUEID NOUEID\$" \
  "live test"
expect_eq "$(tail -n 1 <<<"$out")" \
  "verdict: SMC is not used: the test connection fell back to TCP with NOUEID (peer sent no UEID); SMC-Dv2 needs a UEID here: smc_run --role smcd ueid add ID" \
  "verdict"
"$SMC_RUN" --role smcd ueid add SMC-RUN-TESTBED || fail "putting the UEID back"
trap - EXIT
expect_eq "$(kernel_ueids)" SMC-RUN-TESTBED "the kernel's UEIDs with the UEID back"
rc=0
"$SMC_RUN" --role smc_chk -q || rc=$?
expect_eq "$rc" 0 "status of smc_chk with the UEID back"

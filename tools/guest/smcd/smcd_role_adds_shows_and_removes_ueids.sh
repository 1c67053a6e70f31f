# smc_run --role smcd manages the kernel's User EIDs: the test bed's UEID
# (added by this same role at boot) is listed, adding it again succeeds
# without change, and another one can be added and removed; bad IDs are
# refused with status 1 before the kernel sees them. After each step the
# kernel's UEID table (read by smc_kernel.py) holds what smcd ueid show
# says, and what the step should have left.
source "$GUEST_DIR/lib.sh"
smcd() { "$SMC_RUN" --role smcd "$@"; }
# table WANT WHAT: the kernel's table is WANT (sorted, blank-separated),
# and smcd ueid show says the same.
table() {
  expect_eq "$(kernel_ueids | tr '\n' ' ')" "$1" "the kernel's UEIDs $2"
  expect_eq "$(smcd ueid show | sort | tr '\n' ' ')" "$1" "smcd ueid show $2"
}
table "SMC-RUN-TESTBED " "after boot"
expect_eq "$(smcd ueid add smc-run-testbed)" "UEID 'SMC-RUN-TESTBED' is already set" \
  "adding the same UEID again"
table "SMC-RUN-TESTBED " "after adding it again"
smcd ueid add SECOND.ID-2 || fail "adding SECOND.ID-2"
table "SECOND.ID-2 SMC-RUN-TESTBED " "after add"
smcd ueid del second.id-2 || fail "removing SECOND.ID-2"
table "SMC-RUN-TESTBED " "after del"
rc=0
out="$(smcd ueid del SECOND.ID-2 2>&1)" || rc=$?
expect_eq "$rc" 125 "status of removing a UEID that is not set"
expect_eq "$out" "smcd: Error: UEID 'SECOND.ID-2' is not set" "message for it"
rc=0
out="$(smcd ueid add 'BAD ID' 2>&1)" || rc=$?
expect_eq "$rc" 1 "status of an invalid UEID"
expect_eq "$out" "smcd: Error: UEID 'BAD ID' may only hold letters, digits, '.' and '-'" \
  "message for an invalid UEID"
table "SMC-RUN-TESTBED " "after the refused ones"

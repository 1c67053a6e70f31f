# The kernel keeps at most SMC_MAX_UEID = 4 User EIDs
# (include/uapi/linux/smc.h; net/smc/smc_clc.c answers ERANGE past it):
# with the test bed's UEID and three more set, as the kernel's table shows,
# a fifth is refused, the table stays as it was, and smcd says so with
# that number. The three are removed again, so the checks that follow see
# the test bed's UEID alone.
source "$GUEST_DIR/lib.sh"
smcd() { "$SMC_RUN" --role smcd "$@"; }
extra=(CAP.TWO CAP.THREE CAP.FOUR)
trap 'for id in "${extra[@]}"; do smcd ueid del "$id" >/dev/null 2>&1; done' EXIT
for id in "${extra[@]}"; do smcd ueid add "$id" >/dev/null || fail "adding $id"; done
full="CAP.FOUR CAP.THREE CAP.TWO SMC-RUN-TESTBED "
expect_eq "$(kernel_ueids | tr '\n' ' ')" "$full" "the kernel's UEIDs with the table full"
expect_eq "$(smcd ueid show | sort | tr '\n' ' ')" "$full" "smcd ueid show with the table full"
rc=0
out="$(smcd ueid add CAP.FIVE 2>&1)" || rc=$?
expect_eq "$rc" 125 "status of adding a fifth UEID"
expect_eq "$out" "smcd: Error: cannot add UEID 'CAP.FIVE': the kernel holds at most 4 UEIDs" \
  "message for a fifth UEID"
expect_eq "$(kernel_ueids | tr '\n' ' ')" "$full" "the kernel's UEIDs after the refused fifth"
for id in "${extra[@]}"; do smcd ueid del "$id" >/dev/null || fail "removing $id"; done
trap - EXIT
expect_eq "$(kernel_ueids)" SMC-RUN-TESTBED "the kernel's UEIDs after removing the three"

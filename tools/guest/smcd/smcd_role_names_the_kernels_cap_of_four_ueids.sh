# The kernel keeps at most SMC_MAX_UEID = 4 User EIDs
# (include/uapi/linux/smc.h; net/smc/smc_clc.c answers ERANGE past it):
# with the test bed's UEID and three more set, a fifth is refused, and
# smcd says so with that number. The three are removed again, so the
# checks that follow see the test bed's UEID alone.
source "$GUEST_DIR/lib.sh"
smcd() { "$SMC_RUN" --role smcd "$@"; }
extra=(CAP.TWO CAP.THREE CAP.FOUR)
trap 'for id in "${extra[@]}"; do smcd ueid del "$id" >/dev/null 2>&1; done' EXIT
for id in "${extra[@]}"; do smcd ueid add "$id" >/dev/null || fail "adding $id"; done
expect_eq "$(smcd ueid show | wc -l)" 4 "UEIDs with the table full"
rc=0
out="$(smcd ueid add CAP.FIVE 2>&1)" || rc=$?
expect_eq "$rc" 125 "status of adding a fifth UEID"
expect_eq "$out" "smcd: Error: cannot add UEID 'CAP.FIVE': the kernel holds at most 4 UEIDs" \
  "message for a fifth UEID"

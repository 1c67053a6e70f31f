# smc_run --role smc_chk, on the kernel with loopback-ism and the test bed's
# UEID: every check needed for SMC-D is ok, the live connection's two ends
# are SMC-D in SMC_DIAG, and it exits 0; its JSON says the same. The UEID
# it names is the kernel's one, and the kernel's own counters count each
# live connection as one SMC-Dv2 handshake on each side, nothing else.
source "$GUEST_DIR/lib.sh"
expect_eq "$(kernel_ueids)" SMC-RUN-TESTBED "the kernel's UEIDs"
smc_chk_proves_smcd SMC-RUN-TESTBED
expect_match "$CHK_TEXT" '^UEID +ok +SMC-RUN-TESTBED$' "UEID"
expect_match "$CHK_TEXT" '^SEID +ok +blank, disabled ' "SEID"
expect_match "$CHK_TEXT" '^net\.smc\.wmem +ok +[0-9]+$' "net.smc.wmem"

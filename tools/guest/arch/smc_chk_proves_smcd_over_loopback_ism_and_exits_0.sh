# smc_run --role smc_chk, built for the guest's architecture, on its kernel
# with loopback-ism: every check needed for SMC-D is ok, the live
# connection's two ends are SMC-D, it exits 0, and its JSON says the same;
# the kernel's own counters count its live connection as one SMC-Dv2
# handshake on each side, nothing else. The EID it names is the kernel's:
# the test bed's UEID on arm64, none on s390x, whose system EID serves.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
kernel_json seid seid.json
smc_chk_proves_smcd "$(kernel_ueids)"

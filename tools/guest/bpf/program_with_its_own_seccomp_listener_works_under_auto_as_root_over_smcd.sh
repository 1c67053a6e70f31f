# A static program that installs a seccomp filter with a user-notification
# listener of its own (as sandboxes and container runtimes do), under
# plain smc_run as root where the BPF hook works: auto uses the hook, not
# the seccomp supervisor, so the kernel does not refuse the listener
# (EBUSY), and the program's TCP echo to itself is one SMC-D connection
# (the kernel's own counters: a client and a server SMC-Dv2 success).
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
kernel_json counters before.json
out="$("$SMC_RUN" -d "$GUEST_DIR/seccomp_probe" listener 2>err)" || fail "the program failed: $(cat err)"
kernel_json counters after.json
cat err
expect_eq "$out" $'listener ok\necho ok' "the program's output"
expect_contains "$(cat err)" "BPF hook (update_socket_protocol) for $GUEST_DIR/seccomp_probe's whole tree (auto, as root)" \
  "the -d line naming the mechanism"
expect_eq "$(counter_changes before.json after.json)" \
  "stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1" "its echo, in the kernel's counters"

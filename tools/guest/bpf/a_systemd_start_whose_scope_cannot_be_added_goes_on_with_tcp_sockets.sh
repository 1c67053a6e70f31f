# A unit enabled with smc_scope enable, under a real systemd
# (systemd_lib.sh), whose start cannot add the scope (no bpffs there, as
# on a host where it is not mounted yet): systemd starts it all the same
# (the drop-in's "-"), its sockets are TCP (SMC_DIAG, by inode), and
# smc_scope's line saying why is in the unit's log.
source "$GUEST_DIR/systemd_lib.sh"
bpf_ready
scope clear >/dev/null
start_systemd
enable_unit
# Taken away in systemd's mount namespace alone (unshare made its mounts
# private); the check's own stays.
in_bed umount /sys/fs/bpf
start_service
expect_match "$(cat service.out)" \
  "^smc_scope: Error: no BPF file system is mounted at '/sys/fs/bpf' \(mount -t bpf bpf /sys/fs/bpf\)$" \
  "the add's line in the unit's log"
service_pair TCP "a start without bpffs"
expect_eq "$(in_bed systemctl is-active "$UNIT")" active "the unit, started all the same"
stop_service "a start without bpffs"
stop_systemd

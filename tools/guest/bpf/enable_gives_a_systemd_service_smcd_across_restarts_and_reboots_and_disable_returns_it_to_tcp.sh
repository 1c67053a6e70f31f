# smc_scope enable UNIT under a real systemd (systemd_lib.sh): the
# drop-in's ExecStartPre= puts the unit's cgroup in a scope at each start,
# so the service's own sockets (self_pair.py as its main process) are
# SMC-D:
#   - at the first start after enable;
#   - after a restart with the state kept (the cgroup made again is back in
#     its scope, and the start's add changes nothing);
#   - after the state is gone, as after a reboot (smc_scope clear): the
#     start makes it anew.
# After disable and the next start they are TCP, and no scope is left.
# SMC_DIAG says what the sockets were, by inode.
source "$GUEST_DIR/systemd_lib.sh"
bpf_ready
scope clear >/dev/null
added="^scope [0-9]+: cgroup '$SERVICE_CGROUP' and every cgroup below it: its new TCP sockets become SMC sockets$"
start_systemd
enable_unit

start_service
expect_match "$(cat service.out)" "$added" "the first start's add"
service_pair SMCD "the first start"
expect_eq "$(cgroup_scope "$SERVICE_CGROUP")" "active $(stat -c %i "$SERVICE_CGROUP")" "the scope while it runs"
stop_service "the first start"
expect_eq "$(cgroup_scope "$SERVICE_CGROUP")" "waiting None" "the scope while the unit is stopped"

start_service
expect_match "$(cat service.out)" "covers cgroup '$SERVICE_CGROUP' already: nothing changed" \
  "the restart's add"
service_pair SMCD "after a restart"
stop_service "after a restart"

scope clear >/dev/null
start_service
expect_match "$(cat service.out)" "$added" "the add of the first start after the state is gone"
service_pair SMCD "after the state is gone"
stop_service "after the state is gone"

disabled="$(in_bed "$SMC_RUN" --role smc_scope --unit-dir="$UNITS" disable "${UNIT%.service}")"
expect_match "$disabled" "^disabled SMC for $UNIT: removed '$UNITS/$UNIT.d/smc_scope.conf'; systemd reloaded
deleted scope [0-9]+: cgroup '$SERVICE_CGROUP'$" "disable"
start_service
service_pair TCP "after disable"
expect_eq "$(cgroup_scope "$SERVICE_CGROUP")" none "the unit's scope after disable"
stop_service "after disable"

stop_systemd
scope clear >/dev/null

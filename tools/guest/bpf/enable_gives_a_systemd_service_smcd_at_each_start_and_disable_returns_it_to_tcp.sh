# smc_scope enable UNIT under a real systemd: Debian's, as PID 1 of its own
# PID namespace in a cgroup of its own, the way it runs in a container.
# The drop-in's ExecStartPre= puts the unit's cgroup in a scope at each
# start, so the service's own sockets (self_pair.py as its main process)
# are SMC-D:
#   - at the first start after enable;
#   - after a restart with the state kept (the cgroup made again is back in
#     its scope, and the start's add changes nothing);
#   - after the state is gone, as after a reboot (smc_scope clear): the
#     start makes it anew.
# A start where the scope cannot be added (no bpffs) goes on, on TCP, with
# smc_scope's line in the unit's log. After disable and the next start the
# sockets are TCP, and no scope is left.
# SMC_DIAG says what the sockets were, by inode. The units and the
# drop-in are in /run/systemd/system (--unit-dir): the guest's /etc is the
# host's, read-only.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
scope clear >/dev/null
units=/run/systemd/system
unit="pair-$$.service"
bed="/sys/fs/cgroup/bed-$$"
service_cgroup="$bed/system.slice/$unit"
[[ ! -e /run/systemd ]] || fail "/run/systemd exists: another systemd runs here"
run_before="$(ls -A /run)"
mkdir -p "$units" "$bed"

# A target with nothing in it, so that this systemd starts only what the
# check asks for; the service logs to a file, as there is no journal.
cat >"$units/bed.target" <<'UNIT'
[Unit]
Description=the test bed's: nothing but what a check starts
DefaultDependencies=no
UNIT
cat >"$units/$unit" <<UNIT
[Unit]
Description=a self-connected pair
DefaultDependencies=no
[Service]
WorkingDirectory=$PWD
ExecStart=/usr/bin/python3 -S $GUEST_DIR/self_pair.py 127.0.0.1
StandardOutput=append:$PWD/service.out
StandardError=append:$PWD/service.out
UNIT

# systemd refuses clients outside its PID namespace, so systemctl and
# enable (which reloads systemd) run inside it. The namespace goes down
# with unshare (--kill-child), which ignores SIGTERM while it waits: the
# shell around it turns the SIGTERM the check's end sends into a SIGKILL.
bash -c 'echo $$ >"$1/cgroup.procs"
unshare --pid --fork --mount-proc --kill-child=SIGKILL \
  env container=smc-testbed /lib/systemd/systemd --system --unit=bed.target --log-target=kmsg &
trap "kill -KILL $!" TERM
wait' bed "$bed" >systemd.out 2>&1 &
bed_pid=$!
BACKGROUND_PIDS+=("$bed_pid")
in_bed() {
  nsenter -t "$systemd_pid" -m -p -r -- env SYSTEMD_IGNORE_CHROOT=1 "$@"
}
systemd_pid=""
for _ in $(seq 600); do
  systemd_pid="$(pgrep -P "$(pgrep -P "$bed_pid" || echo none)" || true)"
  [[ -n "$systemd_pid" && -S /run/systemd/private ]] &&
    [[ "$(in_bed systemctl is-system-running 2>/dev/null)" =~ ^(running|degraded)$ ]] && break
  nap
done
[[ "$(in_bed systemctl is-system-running)" =~ ^(running|degraded)$ ]] ||
  fail "systemd did not come up: $(cat systemd.out)"

# start_service: starts the unit, until its pair is connected; sets
# PAIR_PID (the main process, as this namespace numbers it).
start_service() {
  rm -f release service.out
  in_bed systemctl start "$unit" || fail "systemctl start $unit failed: $(cat service.out)"
  wait_for service.out '^ready$'
  PAIR_PID="$(cat "$service_cgroup/cgroup.procs")"
}
# stop_service WHAT: lets the pair end (it checked its bytes before it
# said ready), until systemd has removed the unit's cgroup.
stop_service() {
  echo go >release
  for _ in $(seq 300); do
    [[ -e "$service_cgroup" ]] || break
    nap
  done
  [[ ! -e "$service_cgroup" ]] || fail "$1: systemd kept the unit's cgroup"
}
# service_pair SMCD|TCP WHAT: what the kernel says of the service's sockets.
service_pair() {
  local seen
  seen="$(kernel_sockets "$PAIR_PID")"
  echo "$seen"
  expect_self_pair "$1" "$seen" "$2"
}
# unit_scope: the unit's cgroup scope in smc_scope -j list, "STATE ID", or
# "none".
unit_scope() {
  scope -j list | python3 -c 'import json, sys
s = [x for x in json.load(sys.stdin)["scopes"] if x["kind"] == "cgroup" and x["path"] == sys.argv[1]]
print(*((s[0]["state"], s[0]["cgroup_id"]) if s else ("none",)))' "$service_cgroup"
}

enabled="$(in_bed "$SMC_RUN" --role smc_scope --unit-dir="$units" enable "${unit%.service}")"
expect_eq "$enabled" "enabled SMC for $unit: '$units/$unit.d/smc_scope.conf'; systemd reloaded
it applies from the unit's next start (systemctl restart $unit)" "enable"

start_service
expect_match "$(cat service.out)" \
  "^scope [0-9]+: cgroup '$service_cgroup' and every cgroup below it: its new TCP sockets become SMC sockets$" \
  "the first start's add"
service_pair SMCD "the first start"
expect_eq "$(unit_scope)" "active $(stat -c %i "$service_cgroup")" "the scope while it runs"
stop_service "the first start"
expect_eq "$(unit_scope)" "waiting None" "the scope while the unit is stopped"

start_service
expect_match "$(cat service.out)" "covers cgroup '$service_cgroup' already: nothing changed" \
  "the restart's add"
service_pair SMCD "after a restart"
stop_service "after a restart"

# No state, and none can be made: the start goes on, on TCP, with the
# reason in the unit's log. bpffs is taken away in systemd's mount
# namespace alone (unshare made its mounts private).
scope clear >/dev/null
in_bed umount /sys/fs/bpf
start_service
expect_match "$(cat service.out)" "^smc_scope: Error: no BPF file system is mounted at '/sys/fs/bpf'" \
  "the add of a start without bpffs"
service_pair TCP "a start without bpffs"
stop_service "a start without bpffs"
in_bed mount -t bpf bpf /sys/fs/bpf

# The state gone, as after a reboot: the next start makes it anew.
start_service
expect_match "$(cat service.out)" \
  "^scope [0-9]+: cgroup '$service_cgroup' and every cgroup below it: its new TCP sockets become SMC sockets$" \
  "the add of the first start after the state is gone"
service_pair SMCD "after the state is gone"
stop_service "after the state is gone"

disabled="$(in_bed "$SMC_RUN" --role smc_scope --unit-dir="$units" disable "${unit%.service}")"
expect_match "$disabled" "^disabled SMC for $unit: removed '$units/$unit.d/smc_scope.conf'; systemd reloaded
deleted scope [0-9]+: cgroup '$service_cgroup'$" "disable"
start_service
service_pair TCP "after disable"
expect_eq "$(unit_scope)" none "the unit's scope after disable"
stop_service "after disable"

kill "$bed_pid"
for _ in $(seq 300); do
  kill -0 "$systemd_pid" 2>/dev/null || break
  nap
done
find "$bed" -depth -type d -exec rmdir {} + 2>/dev/null || true
# What systemd made in /run (systemd, lock, mount...) goes too.
for made in $(ls -A /run); do
  grep -qxF "$made" <<<"$run_before" || rm -rf "/run/$made"
done
scope clear >/dev/null

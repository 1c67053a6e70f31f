# Helpers for the checks of smc_scope enable under a real systemd
# (tools/guest/bpf/*systemd*); sourced (it sources bpf_lib.sh). The systemd
# is Debian's (252, from the host's root), PID 1 of its own PID namespace
# in a cgroup of its own, the way it runs in a container. Its one service,
# UNIT, runs self_pair.py as its main process, in this folder, and logs to
# service.out, as there is no journal. Units and drop-ins go to
# /run/systemd/system (--unit-dir): the guest's /etc is the host's,
# read-only.
source "$GUEST_DIR/bpf_lib.sh"
UNITS=/run/systemd/system
UNIT="pair-$$.service"
BED="/sys/fs/cgroup/bed-$$"
SERVICE_CGROUP="$BED/system.slice/$UNIT"

# start_systemd: the units written, systemd started and running; sets
# SYSTEMD_PID (as this namespace numbers it).
start_systemd() {
  [[ ! -e /run/systemd ]] || fail "/run/systemd exists: another systemd runs here"
  RUN_BEFORE="$(ls -A /run)"
  mkdir -p "$UNITS" "$BED"
  # A target with nothing in it: this systemd starts only what a check asks.
  cat >"$UNITS/bed.target" <<'UNIT'
[Unit]
Description=the test bed's: nothing but what a check starts
DefaultDependencies=no
UNIT
  cat >"$UNITS/$UNIT" <<UNIT
[Unit]
Description=a self-connected pair
DefaultDependencies=no
[Service]
WorkingDirectory=$PWD
ExecStart=/usr/bin/python3 -S $GUEST_DIR/self_pair.py 127.0.0.1
StandardOutput=append:$PWD/service.out
StandardError=append:$PWD/service.out
UNIT
  # The namespace goes down with unshare (--kill-child), which ignores
  # SIGTERM while it waits: the shell around it turns the SIGTERM the
  # check's end sends into a SIGKILL.
  bash -c 'echo $$ >"$1/cgroup.procs"
unshare --pid --fork --mount-proc --kill-child=SIGKILL \
  env container=smc-testbed /lib/systemd/systemd --system --unit=bed.target --log-target=kmsg &
trap "kill -KILL $!" TERM
wait' bed "$BED" >systemd.out 2>&1 &
  BED_PID=$!
  BACKGROUND_PIDS+=("$BED_PID")
  SYSTEMD_PID=""
  for _ in $(seq 600); do
    SYSTEMD_PID="$(pgrep -P "$(pgrep -P "$BED_PID" || echo none)" || true)"
    [[ -n "$SYSTEMD_PID" && -S /run/systemd/private ]] &&
      [[ "$(in_bed systemctl is-system-running 2>/dev/null)" =~ ^(running|degraded)$ ]] && break
    nap
  done
  [[ "$(in_bed systemctl is-system-running)" =~ ^(running|degraded)$ ]] ||
    fail "systemd did not come up: $(cat systemd.out)"
}

# in_bed CMD...: CMD inside systemd's namespaces and root. systemd refuses
# clients outside its PID namespace, so systemctl and smc_scope enable and
# disable (which reload systemd) run there.
in_bed() {
  nsenter -t "$SYSTEMD_PID" -m -p -r -- env SYSTEMD_IGNORE_CHROOT=1 "$@"
}

# start_service: starts the unit, until its pair is connected; sets
# PAIR_PID (the main process, as this namespace numbers it).
start_service() {
  rm -f release service.out
  in_bed systemctl start "$UNIT" || fail "systemctl start $UNIT failed: $(cat service.out)"
  wait_for service.out '^ready$'
  PAIR_PID="$(cat "$SERVICE_CGROUP/cgroup.procs")"
}

# stop_service WHAT: lets the pair end (it checked its bytes before it
# said ready), until systemd has removed the unit's cgroup.
stop_service() {
  echo go >release
  for _ in $(seq 300); do
    [[ -e "$SERVICE_CGROUP" ]] || break
    nap
  done
  [[ ! -e "$SERVICE_CGROUP" ]] || fail "$1: systemd kept the unit's cgroup"
}

# service_pair SMCD|TCP WHAT: what the kernel says of the service's sockets.
service_pair() {
  local seen
  seen="$(kernel_sockets "$PAIR_PID")"
  echo "$seen"
  expect_self_pair "$1" "$seen" "$2"
}

# stop_systemd: systemd and its namespace gone, with its cgroups and what
# it made in /run (systemd, lock, mount...).
stop_systemd() {
  kill "$BED_PID"
  for _ in $(seq 300); do
    kill -0 "$SYSTEMD_PID" 2>/dev/null || break
    nap
  done
  find "$BED" -depth -type d -exec rmdir {} + 2>/dev/null || true
  local made
  for made in $(ls -A /run); do
    grep -qxF "$made" <<<"$RUN_BEFORE" || rm -rf "/run/$made"
  done
}

# enable_unit: smc_scope enable for UNIT, and what it must say.
enable_unit() {
  local said
  said="$(in_bed "$SMC_RUN" --role smc_scope --unit-dir="$UNITS" enable "${UNIT%.service}")"
  expect_eq "$said" "enabled SMC for $UNIT: '$UNITS/$UNIT.d/smc_scope.conf'; systemd reloaded
it applies from the unit's next start (systemctl restart $UNIT)" "enable"
}

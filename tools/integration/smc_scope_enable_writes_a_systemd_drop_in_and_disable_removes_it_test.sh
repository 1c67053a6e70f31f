#!/usr/bin/env bash
# smc_scope enable UNIT writes one drop-in, UNIT.d/smc_scope.conf, whose
# ExecStartPre= adds the unit's own cgroup as a scope with this very file,
# leaving the vendor's unit file and other drop-ins alone; enable again
# changes nothing; disable removes it (and the folder only when empty);
# a second disable, and a name that is no service, get one line and
# status 1.
source "$(dirname "$0")/lib.sh"
scope() { "$SMC_RUN" --role smc_scope "$@"; }
units="$SCRATCH/units"
mkdir -p "$units"
exe="$(readlink -f "$SMC_RUN")"

run scope --unit-dir="$units" enable nginx
expect_eq "$RC" 0 "enable: status"
expect_eq "$OUT" "enabled SMC for nginx.service: '$units/nginx.service.d/smc_scope.conf'
it applies from the unit's next start (systemctl restart nginx.service)" "enable: what it did"
conf="$units/nginx.service.d/smc_scope.conf"
expect_eq "$(grep -c '^ExecStartPre=' "$conf")" 1 "ExecStartPre lines"
expect_eq "$(grep '^ExecStartPre=' "$conf")" \
  "ExecStartPre=-+/bin/sh -c 'exec \"\$\$0\" --role smc_scope add cgroup \"/sys/fs/cgroup\$\$(sed -n \"s/^0:://p\" /proc/self/cgroup)\"' $exe" \
  "the start command"
expect_eq "$(ls -A "$units/nginx.service.d")" smc_scope.conf "the folder holds the drop-in alone"
cp "$conf" "$SCRATCH/first"
run scope --unit-dir="$units" enable nginx.service
expect_eq "$RC" 0 "enable again: status"
cmp -s "$SCRATCH/first" "$conf" || fail "enable again changed the drop-in"

# Another drop-in of the unit's stays, and so does its folder.
echo "[Service]" >"$units/nginx.service.d/override.conf"
run scope --unit-dir="$units" disable nginx
expect_eq "$RC" 0 "disable: status"
expect_eq "$OUT" "disabled SMC for nginx.service: removed '$conf'" "disable: what it did"
expect_eq "$(ls -A "$units/nginx.service.d")" override.conf "the other drop-in stays"
rm "$units/nginx.service.d/override.conf"
run scope --unit-dir="$units" enable nginx
run scope --unit-dir="$units" disable nginx
expect_eq "$(ls -A "$units")" "" "nothing left after disable"

run scope --unit-dir="$units" disable nginx
expect_eq "$RC" 1 "disable again: status"
expect_eq "$ERR" "smc_scope: Error: SMC is not enabled for nginx.service: there is no '$conf'" \
  "disable again: the line"
for bad in nginx.socket ../etc/passwd "a b"; do
  run scope --unit-dir="$units" enable "$bad"
  expect_eq "$RC" 1 "enable $bad: status"
  expect_match "$ERR" "^smc_scope: Error: .* is not a service unit's name" "enable $bad: the line"
done
expect_eq "$(ls -A "$units")" "" "nothing made for bad names"

#!/usr/bin/env bash
# --icount gives one CPU an instruction clock: it takes no other --cpus
# than 1 (in either order), and no --pair, whose guests wait for each
# other. Each misuse exits 2 with one line naming it, before anything
# boots; -h says what it is for.
source "$(dirname "$0")/usage_lib.sh"
try "--icount runs one CPU (its clock counts that CPU's instructions), not --cpus 2" --icount --cpus 2 -- true
try "--icount runs one CPU (its clock counts that CPU's instructions), not --cpus 4" --cpus 4 --icount -- true
try "--icount is for the single guest: a guest waiting for its peer would see its clock jump ahead (sleep=off) and the link time out" \
  --pair --icount --a true --b true
try "--icount is for the single guest: a guest waiting for its peer would see its clock jump ahead (sleep=off) and the link time out" \
  --icount --pair --cpus 1 --a true --b true
expect_match "$("$run" -h)" '^  --icount +single guest: the guest.s clock counts executed$' "-h on --icount"
expect_contains "$("$run" -h)" "(QEMU -icount shift=0,sleep=off, one CPU)" "-h on --icount"

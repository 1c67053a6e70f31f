#!/usr/bin/env bash
# Under --icount the guest's clock is its one CPU's instruction counter:
# five runs of the same busy loop (bash arithmetic, no system calls) take
# the same clock_gettime difference within 1 % (0.3 % apart measured, the
# timer's interrupts; by TCG's wall clock such runs were a third and more
# apart), and an idle guest's clock jumps to its next timer (sleep=off):
# 600 s of the guest's sleep pass inside a run whose timeout is 180 s of
# the host's. Without -icount the run would time out there; with a clock
# that still follows the host (shift=auto) the loop's figures would vary
# with the host's load.
source "$(dirname "$0")/test_lib.sh"
# shellcheck disable=SC2016 # the guest's bash expands it
loop='
turns() { local s=$EPOCHREALTIME i; for ((i = 0; i < 10000; i++)); do :; done; local e=$EPOCHREALTIME; echo "loop $((${e/./} - ${s/./}))"; }
nproc
for _ in 1 2 3 4 5; do turns; done
echo "before $(date +%s)"; sleep 600; echo "after $(date +%s)"'
boot -q --icount --timeout 180 -- bash -c "$loop"
expect_eq "$RC" 0 "exit status"
expect_eq "$(head -1 <<<"$OUT")" 1 "the guest's CPUs"
loops="$(awk '$1 == "loop" {print $2}' <<<"$OUT")"
expect_eq "$(wc -l <<<"$loops")" 5 "loops timed"
spread="$(sort -n <<<"$loops" | awk 'NR == 1 {low = $1} {high = $1} END {printf "%.4f", high / low}')"
echo "loops (us): $(tr '\n' ' ' <<<"$loops") spread $spread"
awk -v s="$spread" 'BEGIN {exit !(s <= 1.01)}' || fail "the loops' clock differences are $spread apart (max/min), not within 1 %"
slept="$(awk '$1 == "before" {b = $2} $1 == "after" {a = $2} END {print a - b}' <<<"$OUT")"
((slept >= 600)) || fail "the guest's sleep 600 took $slept s of its clock"

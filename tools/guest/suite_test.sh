#!/usr/bin/env bash
# Host side of the guest checks: boots one SMC guest (tools/testbed/run),
# or with "pair" the two guests with SMC-R between them (run --pair), runs
# every check of this suite there (run_checks.sh, on both guests of the
# pair), then reports each one. A pair's check passes when it passes on
# both. With arm64 or s390x, boots that architecture's guest (run --arch),
# which runs only programs of its own architecture: SMC_RUN and every
# PROGRAM are built for it (tools/bazel/cross).
#   suite_test.sh SMC_RUN TESTBED_RUN lo|stock|pair|arm64|s390x PROGRAM... -- CHECK...
# Each PROGRAM (a probe the checks run) is copied into the guest's folder
# under its own name.
# Ends with "[cases] N passed | N failed | N skipped" for tools/test. A guest
# that cannot start fails the test with the reason; only
# SMC_RUN_SKIP_GUEST=1 skips it, and then it is counted as skipped.
set -uo pipefail
smc_run="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
testbed_run="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
mode="$3"
shift 3
programs=()
while (($#)) && [[ "$1" != -- ]]; do programs+=("$1"); shift; done
(($#)) || { echo "suite_test.sh: no -- before the checks" >&2; exit 2; }
shift
checks=()
for c in "$@"; do checks+=("$(cd "$(dirname "$c")" && pwd)/$(basename "$c")"); done
guest_dir="$(cd "$(dirname "$0")" && pwd)"

if [[ "${SMC_RUN_SKIP_GUEST:-}" == 1 ]]; then
  echo "SMC_RUN_SKIP_GUEST=1: the ${#checks[@]} guest checks ($mode) are skipped, not run"
  echo "[cases] 0 passed | 0 failed | ${#checks[@]} skipped"
  exit 0
fi

work="$(mktemp -d "${TEST_TMPDIR:-/tmp}/guest-$mode.XXXXXX")" || exit 1
trap 'rm -rf "$work"' EXIT
# The guest sees the host's / read-only but with its own /tmp, /run and
# /dev/shm, so files there (a checkout under /tmp, say) are invisible to
# it. Everything it runs is copied into the work folder, which it shares.
suite="$work/suite"
mkdir -p "$suite/checks"
cp -L "$smc_run" "$suite/smc_run"
# The helpers beside this script: the ones BUILD.bazel's SUITE_FILES puts
# in its runfiles, so that list is the only one.
for f in "$guest_dir"/*.sh "$guest_dir"/*.py; do
  cp -L "$f" "$suite/"
done
cp -L "$guest_dir/../support/expect.sh" "$suite/"
for f in "${programs[@]}"; do cp -L "$f" "$suite/"; done
guest_checks=()
for c in "${checks[@]}"; do
  cp -L "$c" "$suite/checks/"
  guest_checks+=("$suite/checks/$(basename "$c")")
done
start=${EPOCHREALTIME/./}
if [[ "$mode" == pair ]]; then
  printf -v on_both 'bash %q %q %q' "$suite/run_checks.sh" "$suite/smc_run" "$suite"
  printf -v quoted ' %q' "${guest_checks[@]}"
  "$testbed_run" --pair -q --timeout 900 --smc-run "$suite/smc_run" --work "$work" \
    --a "$on_both$quoted" --b "$on_both$quoted" 2>"$work/testbed.err"
else
  bed=()
  [[ "$mode" == stock ]] && bed=(--stock)
  [[ "$mode" == arm64 || "$mode" == s390x ]] && bed=(--arch "$mode")
  "$testbed_run" "${bed[@]}" -q --timeout 900 --smc-run "$suite/smc_run" --work "$work" -- \
    bash "$suite/run_checks.sh" "$suite/smc_run" "$suite" "${guest_checks[@]}" 2>"$work/testbed.err"
fi
rc=$?
took=$(((${EPOCHREALTIME/./} - start) / 1000000))
cat "$work/testbed.err" >&2

passed=0
failed=0
if [[ "$mode" == pair ]]; then
  # A check counts once, and passes only when it passed on both guests.
  if [[ -f "$work/results.A" && -f "$work/results.B" ]]; then
    while read -r result_a name secs_a && read -r result_b name_b secs_b <&3; do
      [[ "$name" == "$name_b" ]] || { echo "results of A and B out of step: $name, $name_b"; break; }
      echo "$result_a/$result_b $name (A ${secs_a} s, B ${secs_b} s in the guests)"
      if [[ "$result_a" == PASS && "$result_b" == PASS ]]; then
        passed=$((passed + 1))
      else
        failed=$((failed + 1))
        for side in A B; do
          echo "    --- guest $side:"
          sed 's/^/    /' "$work/$name.$side.log"
        done
      fi
    done <"$work/results.A" 3<"$work/results.B"
  fi
elif [[ -f "$work/results" ]]; then
  while read -r result name secs; do
    echo "$result $name (${secs} s in the guest)"
    if [[ "$result" == PASS ]]; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      sed 's/^/    /' "$work/$name.log"
    fi
  done <"$work/results"
fi
# Checks that never reported (the guest died, or never started) failed.
missing=$((${#checks[@]} - passed - failed))
if ((missing > 0)); then
  echo "$missing of ${#checks[@]} checks did not run: the guest ended early (testbed exit $rc, see above)"
  failed=$((failed + missing))
fi
# A boot crash that the test bed retried is said here too, so that
# tools/test's summary shows it: never hidden behind a pass.
retried="$(grep -E 'crashed while booting.*booting once more' "$work/testbed.err" | head -n 1)"
[[ -z "$retried" ]] || echo "guest suite '$mode': the first boot crashed and was retried: ${retried#testbed: }"
what="one boot"
[[ "$mode" == pair ]] && what="one boot of the pair"
echo "guest suite '$mode': ${#checks[@]} checks in $what, ${took} s in all"
echo "[cases] $passed passed | $failed failed | 0 skipped"
((failed == 0))

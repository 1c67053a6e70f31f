# Each release file is a static, stripped executable for the machine its
# name says, answers -v with the version its name carries, and refuses a
# bad option as the x86_64 one does (the parser throws a C++ exception
# there: a static program whose unwinder finds no tables aborts instead).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dist="$2"
for arch in "${architectures[@]}"; do
  f="$(release_file "$dist" "$arch")"
  what="$(file -b "$f")"
  expect_contains "$what" "executable" "$f"
  expect_contains "$what" ", ${machine[$arch]}," "the machine of $f"
  expect_contains "$what" "statically linked" "$f"
  expect_match "$what" ", stripped$" "$f"
  version="${f##*/smc_run-}"
  version="${version%-"$arch"}"
  expect_eq "$(run_on "$arch" "$f" -v)" "smc_run $version" "$f -v"
  status=0
  said="$(run_on "$arch" "$f" -r 2>&1)" || status=$?
  expect_eq "$status:$said" "1:smc_run: Error: option --rcvbuf requires a value" "$f -r"
done

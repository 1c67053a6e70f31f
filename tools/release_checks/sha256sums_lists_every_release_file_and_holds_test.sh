# dist/SHA256SUMS names every file of the release, the three programs and
# every role's man page from the tree, and each sum holds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
repo="$1" dist="$2"
listed="$(awk '{print $2}' "$dist/SHA256SUMS" | sort)"
expected="$( (cd "$dist" && ls smc_run-*) && for page in "$repo"/core/launch/*.8 "$repo"/core/toolbox/*/*.8; do basename "$page"; done)"
expect_eq "$listed" "$(sort <<<"$expected")" "the files SHA256SUMS lists"
expect_eq "$(cd "$dist" && ls | grep -vx SHA256SUMS | sort)" "$listed" "the files in dist/"
for arch in "${architectures[@]}"; do
  expect_contains "$listed" "-$arch" "a release file for $arch"
done
(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not hold"
for page in "$repo"/core/launch/*.8 "$repo"/core/toolbox/*/*.8; do
  cmp -s "$page" "$dist/$(basename "$page")" || fail "dist/ has another $(basename "$page") than $page"
done

# The preload library inside each release file (written out by
# --write-lib) is a shared object for that file's own machine: each
# architecture embeds the library built for it, not the host's.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dist="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for arch in "${architectures[@]}"; do
  f="$(release_file "$dist" "$arch")"
  run_on "$arch" "$f" --write-lib "$work/$arch.so"
  what="$(file -b "$work/$arch.so")"
  expect_contains "$what" "shared object, ${machine[$arch]}," "the library inside $f"
done

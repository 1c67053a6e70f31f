# The release is reproducible: the checkout's sources, copied to another
# path and built there later from nothing (its own Bazel output base, so
# other execroot and sandbox paths, and no action or disk cache shared with
# the first build: tools/release reads no ~/.bazelrc), give the same bytes
# for every file.
# This is the expensive check: a whole cold build of //:smc_run for the
# three architectures (tools/test prints how long it took).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
repo="$1" dist="$2"
work="$(mktemp -d /tmp/smc_run-rebuild.XXXXXX)"
clone="$work/another/path/to/smc_run"
output_base=""
cleanup() {
  if [[ -n "$output_base" ]]; then
    (cd "$clone" && bazel --nohome_rc shutdown) >/dev/null 2>&1 || true
    chmod -R u+w "$output_base" 2>/dev/null
    rm -rf "$output_base"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# What the first build saw: the tracked files as they are now, and new
# ones git does not ignore (Bazel's globs would see them too).
mkdir -p "$clone"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done |
  tar --null -T - -cf -) | tar -xf - -C "$clone"
output_base="$(cd "$clone" && bazel --nohome_rc info output_base 2>/dev/null)"
[[ "$output_base" != "$(cd "$repo" && bazel --nohome_rc info output_base 2>/dev/null)" ]] ||
  fail "the copy shares the checkout's output base $output_base"

(cd "$clone" && tools/release) >"$work/release.log" 2>&1 ||
  fail "tools/release failed in $clone: $(tail -30 "$work/release.log")"

if ! cmp -s "$dist/SHA256SUMS" "$clone/dist/SHA256SUMS"; then
  for f in "$dist"/*; do
    name="$(basename "$f")"
    cmp -s "$f" "$clone/dist/$name" && continue
    echo "$name differs: $(cmp -l "$f" "$clone/dist/$name" 2>&1 | wc -l) bytes," \
      "first at $(cmp "$f" "$clone/dist/$name" 2>&1 | head -1)"
  done
  fail "the build in $clone made other bytes: $(diff "$dist/SHA256SUMS" "$clone/dist/SHA256SUMS")"
fi

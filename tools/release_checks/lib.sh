# What the release checks share; sourced. Each release file's architecture,
# the machine file(1) names for it, and how it runs on this x86_64 host.
source "$(dirname "${BASH_SOURCE[0]}")/../support/expect.sh"

architectures=(x86_64 aarch64 s390x)
declare -A machine=([x86_64]="x86-64" [aarch64]="ARM aarch64" [s390x]="IBM S/390")
declare -A runner=([x86_64]="" [aarch64]="qemu-aarch64" [s390x]="qemu-s390x")

# release_file DIST ARCH: the one smc_run-*-ARCH in DIST.
release_file() {
  local files=("$1"/smc_run-*-"$2")
  [[ ${#files[@]} == 1 && -f "${files[0]}" ]] || fail "$1 holds no single smc_run-*-$2: ${files[*]}"
  echo "${files[0]}"
}

# run_on ARCH PROGRAM ARGS...: runs an ARCH program here.
run_on() {
  local arch="$1"
  shift
  ${runner[$arch]} "$@"
}

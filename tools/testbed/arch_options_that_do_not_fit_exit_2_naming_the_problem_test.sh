#!/usr/bin/env bash
# --arch takes only the test beds' architectures, the pair runs on amd64
# only, and --smc-run must be a program of the guest's architecture (its
# ELF header says which, in either byte order). Each misuse exits 2 with
# one line naming it, before anything boots.
#   test.sh RUN SMC_ECHO_ARM64 SMC_ECHO_S390X
source "$(dirname "$0")/usage_lib.sh"
arm64_program="$2" s390x_program="$3"
try "--arch wants one of amd64 arm64 s390x, not 'x86_64'" --arch x86_64 -- true
try "--arch needs a value (see -h)" --arch
try "--pair runs on amd64 only: the s390x test bed has no Soft-RoCE link" --arch s390x --pair --a true --b true
try "--smc-run $s390x_program is no arm64 (aarch64) program (ELF machine 22, want 183)" \
  --arch arm64 --smc-run "$s390x_program" -- true
try "--smc-run $arm64_program is no s390x (IBM Z) program (ELF machine 183, want 22)" \
  --arch s390x --smc-run "$arm64_program" -- true
try "--smc-run $arm64_program is no x86_64 program (ELF machine 183, want 62)" \
  --smc-run "$arm64_program" -- true
try "--smc-run $run is no arm64 (aarch64) program (not an ELF file)" --arch arm64 --smc-run "$run" -- true

#!/usr/bin/env bash
# -f (and SMC_SOCK_FAMILY) choose how TCP sockets become SMC: inet
# (IPPROTO_SMC), smc (AF_SMC) or auto (inet, then AF_SMC). Each mechanism
# the kernel refuses is probed once per process and IP version, not per
# socket, as strace shows.
source "$(dirname "$0")/lib.sh"
kernel_has_smc && fail "this test needs a kernel without SMC (the host's)"

probe='
import socket
for _ in range(3):
    socket.socket(); socket.socket(socket.AF_INET6)
print("six sockets")
'
# The kernel calls of the probe: "socket(<domain>, ..., <protocol>" for
# the SMC ones, one line each.
smc_probes() {  # STRACE_FILE
  grep -oE 'socket\((AF_INET6?, SOCK_STREAM[^,]*, 0x100|AF_SMC, [^,]*, SMCPROTO_SMC6?)' "$1" |
    sed -E 's/SOCK_STREAM[^,]*/SOCK_STREAM/' | sort | uniq -c | sed -E 's/^ +//'
}

for how in "-f auto" "" "-f inet" "-f smc" "env:inet" "env:smc"; do
  case "$how" in
    env:*) cmd=(env SMC_SOCK_FAMILY="${how#env:}" "$SMC_RUN" -d) ;;
    *) cmd=("$SMC_RUN" -d $how) ;;
  esac
  run strace -f -qq -e trace=socket -o "$SCRATCH/trace" "${cmd[@]}" python3 -c "$probe"
  expect_eq "$RC" 0 "status ($how)"
  expect_eq "$OUT" "six sockets" "program output ($how)"
  case "$how" in
    *inet)
      expect_eq "$(smc_probes "$SCRATCH/trace")" \
        $'1 socket(AF_INET, SOCK_STREAM, 0x100\n1 socket(AF_INET6, SOCK_STREAM, 0x100' "probes ($how)"
      expect_contains "$ERR" "SMC is not available here (IPPROTO_SMC: EPROTONOSUPPORT); TCP sockets stay TCP" "announcement ($how)"
      ;;
    *smc)
      expect_eq "$(smc_probes "$SCRATCH/trace")" \
        $'1 socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC\n1 socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC6' "probes ($how)"
      expect_contains "$ERR" "SMC is not available here (AF_SMC: EAFNOSUPPORT); TCP sockets stay TCP" "announcement ($how)"
      ;;
    *)
      expect_eq "$(smc_probes "$SCRATCH/trace")" \
        $'1 socket(AF_INET, SOCK_STREAM, 0x100\n1 socket(AF_INET6, SOCK_STREAM, 0x100\n1 socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC\n1 socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC6' "probes ($how)"
      expect_contains "$ERR" "SMC is not available here (IPPROTO_SMC: EPROTONOSUPPORT, AF_SMC: EAFNOSUPPORT)" "announcement ($how)"
      ;;
  esac
  expect_eq "$(grep -cE 'socket\(AF_INET6?, SOCK_STREAM[^)]*\) = [0-9]+ -> TCP' <<<"$ERR")" 6 \
    "TCP sockets ($how)"
done

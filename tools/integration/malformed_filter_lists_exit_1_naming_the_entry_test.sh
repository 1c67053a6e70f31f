#!/usr/bin/env bash
# A malformed --include/--exclude entry, or one in SMC_INCLUDE/SMC_EXCLUDE,
# stops smc_run before PROGRAM runs: status 1 and one line on stdout that
# names the entry and what is wrong with it. Good lists reach PROGRAM, the
# options' entries added to the environment's.
source "$(dirname "$0")/lib.sh"

prog=(sh -c 'echo ran')
check() {  # MESSAGE COMMAND...
  local message="$1"
  shift
  run "$@"
  expect_eq "$RC" 1 "status of $*"
  expect_eq "$OUT" "smc_run: Error: $message" "stdout of $*"
  expect_eq "$ERR" "" "stderr of $*"
}

check "invalid --exclude entry '10.0.0.0/33': prefix length above 32 (IPv4) or 128 (IPv6)" \
  "$SMC_RUN" --exclude 10.0.0.0/33 "${prog[@]}"
check "invalid --include entry 'fd00::1': IPv6 addresses go in brackets, as in [fd00::1]/64:443" \
  "$SMC_RUN" --include '10.0.0.0/8, fd00::1' "${prog[@]}"
check "invalid --include entry 'db.example': not an IPv4 address, an IPv6 address in brackets or *" \
  "$SMC_RUN" -d --include '*:443' --include db.example "${prog[@]}"
check "invalid --exclude entry '*:99999': a port must be a number from 1 to 65535" \
  "$SMC_RUN" --exclude '*:99999' "${prog[@]}"
check "invalid --exclude entry '[::1]:2000-1000': the port range ends below its start" \
  "$SMC_RUN" --exclude '[::1]:2000-1000' "${prog[@]}"
check "invalid --exclude entry '[fd00::1': missing ] after the IPv6 address" \
  "$SMC_RUN" --exclude '[fd00::1' "${prog[@]}"
check "invalid --exclude entry '*/8': * takes no prefix length" \
  "$SMC_RUN" --exclude '*/8' "${prog[@]}"
check "invalid --include entry \$'10.0.0.1\\nx': not an IPv4 address, an IPv6 address in brackets or *" \
  "$SMC_RUN" --include $'10.0.0.1\nx' "${prog[@]}"
check "--include needs a non-empty LIST" "$SMC_RUN" --include '' "${prog[@]}"
check "option --exclude requires a value" "$SMC_RUN" --exclude
many="$(seq -f '10.0.0.%g' 33 | paste -sd,)"
check "--exclude gives 33 entries, at most 32" "$SMC_RUN" --exclude "$many" "${prog[@]}"

# The environment, also when PROGRAM comes first (no option parsing).
check "invalid SMC_EXCLUDE entry '10.0.0.0/8:0' in the environment: a port must be a number from 1 to 65535" \
  env SMC_EXCLUDE='10.0.0.0/8:0' "$SMC_RUN" "${prog[@]}"
check "invalid SMC_INCLUDE entry 'localhost' in the environment: not an IPv4 address, an IPv6 address in brackets or *" \
  env SMC_INCLUDE='127.0.0.1,localhost' "$SMC_RUN" --exclude '*:22' "${prog[@]}"
check "invalid SMC_INCLUDE in the environment: 33 entries, at most 32" \
  env SMC_INCLUDE="$many" "$SMC_RUN" "${prog[@]}"
check "--exclude and SMC_EXCLUDE give 33 entries, at most 32" \
  env SMC_EXCLUDE="$(seq -f '10.0.0.%g' 30 | paste -sd,)" "$SMC_RUN" --exclude 1.1.1.1,2.2.2.2,3.3.3.3 "${prog[@]}"

# Good lists reach PROGRAM: repeated options add up, after the environment's.
show='echo "include=$SMC_INCLUDE exclude=$SMC_EXCLUDE"'
run env SMC_EXCLUDE='10.9.0.0/16' "$SMC_RUN" -d --include '10.0.0.0/8' \
  --include '[fd00::]/8:443' --exclude '*:22' sh -c "$show"
expect_eq "$RC" 0 "status with good lists"
expect_eq "$OUT" "include=10.0.0.0/8,[fd00::]/8:443 exclude=10.9.0.0/16,*:22" "lists PROGRAM gets"
expect_contains "$ERR" "SMC_EXCLUDE='10.9.0.0/16,*:22' (--exclude *:22, added to SMC_EXCLUDE in the environment)" \
  "launcher diagnostic"
run env SMC_INCLUDE=' , 127.0.0.1 ,' "$SMC_RUN" sh -c "$show"
expect_eq "$OUT" "include= , 127.0.0.1 , exclude=" "environment's list passed on as it is"

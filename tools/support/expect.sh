# Assertions for the shell tests, on the host (tools/integration) and in the SMC
# guest (tools/guest); sourced. Each failure says what was expected.

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

expect_eq() {  # ACTUAL EXPECTED WHAT
  [[ "$1" == "$2" ]] || fail "$3: expected [$2], got [$1]"
}

expect_contains() {  # TEXT NEEDLE WHAT
  [[ "$1" == *"$2"* ]] || fail "$3: [$2] not found in: $1"
}

expect_not_contains() {  # TEXT NEEDLE WHAT
  [[ "$1" != *"$2"* ]] || fail "$3: [$2] unexpectedly found in: $1"
}

expect_match() {  # TEXT EXTENDED-REGEX WHAT
  grep -qE -- "$2" <<<"$1" || fail "$3: /$2/ matches nothing in: $1"
}

expect_no_match() {  # TEXT EXTENDED-REGEX WHAT
  ! grep -qE -- "$2" <<<"$1" || fail "$3: /$2/ unexpectedly matches in: $1"
}

# wait_for FILE REGEX [COUNT]: until COUNT lines of FILE match (default 1;
# 30 s at most, generous for the emulated guest).
wait_for() {
  local i
  for i in $(seq 300); do
    (($(grep -cE -- "$2" "$1" 2>/dev/null || true) >= ${3:-1})) && return 0
    sleep 0.1
  done
  fail "timed out waiting for /$2/ in $1: $(cat "$1" 2>/dev/null)"
}

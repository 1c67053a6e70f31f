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

# lines_match REGEX [COUNT]: 0 when COUNT lines (default 1) of stdin match
# the extended regular expression REGEX (as grep -E), 1 when fewer do, 2
# when REGEX is none. In bash alone: in the emulated guests every grep is a
# fork and an exec, a tenth of a second or more of the guest's CPU, and the
# checks make hundreds.
lines_match() {
  local line found=0
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" =~ $1 ]]; then
      found=$((found + 1))
      ((found < ${2:-1})) || return 0
    elif (($? == 2)); then
      return 2
    fi
  done
  return 1
}

# text_matches TEXT REGEX: lines_match over TEXT's lines (as grep -qE). A
# REGEX with a newline in it is lines in order: it is matched against the
# whole TEXT, its ^ and $ the start and end of TEXT (grep would take each
# of its lines as a pattern of its own, any one matching).
text_matches() {
  if [[ "$2" == *$'\n'* ]]; then
    [[ "$1" =~ $2 ]] && return 0
    return $?
  fi
  lines_match "$2" <<<"$1"
}

# A REGEX that is none fails both: it can show nothing either way.
expect_match() {  # TEXT EXTENDED-REGEX WHAT
  local rc=0
  text_matches "$1" "$2" || rc=$?
  ((rc != 2)) || fail "$3: /$2/ is not an extended regular expression"
  ((rc == 0)) || fail "$3: /$2/ matches nothing in: $1"
}

expect_no_match() {  # TEXT EXTENDED-REGEX WHAT
  local rc=0
  text_matches "$1" "$2" || rc=$?
  ((rc != 2)) || fail "$3: /$2/ is not an extended regular expression"
  ((rc == 1)) || fail "$3: /$2/ unexpectedly matches in: $1"
}

# nap [SECONDS]: waits that long (default 0.1) with no process: read's
# time-out on a FIFO that nothing writes to, held open for writing too so
# that it never ends early. A sleep would be a fork and an exec each time.
nap() {
  if [[ -z "${NAP_FD:-}" ]]; then
    local fifo
    fifo="$(mktemp -u "${TMPDIR:-/tmp}/nap.XXXXXX")"
    mkfifo -m 600 "$fifo" && exec {NAP_FD}<>"$fifo"
    rm -f "$fifo"
  fi
  if [[ -n "${NAP_FD:-}" ]]; then
    read -r -t "${1:-0.1}" -u "$NAP_FD" _ || true
  else
    sleep "${1:-0.1}"
  fi
}

# wait_for FILE REGEX [COUNT]: until COUNT lines of FILE match the extended
# regular expression REGEX (default 1; 300 looks a tenth of a second apart,
# generous for the emulated guest), each look by lines_match.
wait_for() {
  local i rc
  for ((i = 0; i < 300; i++)); do
    rc=1
    if [[ -r "$1" ]]; then
      rc=0
      lines_match "$2" "${3:-1}" <"$1" || rc=$?
    fi
    ((rc != 2)) || fail "wait_for: /$2/ is not an extended regular expression"
    ((rc != 0)) || return 0
    nap
  done
  fail "timed out waiting for /$2/ in $1: $(cat "$1" 2>/dev/null)"
}

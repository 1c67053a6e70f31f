#!/usr/bin/env bash
# The --summary-file line stays valid JSON whatever bytes the program's
# name holds: a file named with bytes that are not UTF-8 (each becomes
# U+FFFD), quotes, backslashes and control characters (escaped), and names
# too long for the line, 3000 bytes or 350 control characters (cut, never
# the line: each record ends with its newline). Checked with python's JSON
# parser.
source "$(dirname "$0")/lib.sh"
# The interpreter itself, not a wrapper that would exec it under another
# name (pyenv's shims do).
python=/usr/bin/python3
[[ -x "$python" ]] || fail "$python is missing"
socket_probe='import socket; socket.socket()'
cd "$SCRATCH"

ln -s "$python" $'\xff\xfe'
run "$SMC_RUN" --summary-file summary.json ./$'\xff\xfe' -c "$socket_probe"
expect_eq "$RC" 0 "status of the program named \\xff\\xfe"

# argv[0] is the name the library reports; exec -a sets it.
odd=$'a"b\\c\x01\td\xc3\xa9'
run "$SMC_RUN" --summary-file summary.json \
  bash -c 'exec -a "$0" "$1" -c "$2"' "$odd" "$python" "$socket_probe"
expect_eq "$RC" 0 "status of the program with quotes and control characters"

long="$(printf 'x%.0s' $(seq 3000))"
run "$SMC_RUN" --summary-file summary.json \
  bash -c 'exec -a "$0" "$1" -c "$2"' "$long" "$python" "$socket_probe"
expect_eq "$RC" 0 "status of the program with a 3000-byte name"

# 350 control characters: 2100 bytes once escaped (\u0001 each).
controls="$(printf '\x01%.0s' $(seq 350))"
run "$SMC_RUN" --summary-file summary.json \
  bash -c 'exec -a "$0" "$1" -c "$2"' "$controls" "$python" "$socket_probe"
expect_eq "$RC" 0 "status of the program with 350 control characters"

"$python" - summary.json <<'PY' || fail "summary lines are not valid JSON: $(cat -v summary.json)"
import json, sys
raw = open(sys.argv[1], "rb").read()
rows = [json.loads(line) for line in raw.split(b"\n") if line]
assert len(rows) == 4, rows
assert raw.count(b"\n") == 4 and raw.endswith(b"\n"), "a record without its newline"
names = [r["program"] for r in rows]
assert names[0] == "\ufffd\ufffd", names[0]
assert names[1] == 'a"b\\c\x01\td\u00e9', names[1]
assert 0 < len(names[2]) <= 3000 and set(names[2]) == {"x"}, len(names[2])
assert 0 < len(names[3]) <= 350 and set(names[3]) == {"\x01"}, len(names[3])
for r in rows:
    assert r["sockets"] == 1, r
PY

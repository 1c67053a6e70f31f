#!/usr/bin/env bash
# Every line smc_run writes (-n's plan, -d's lines, the reach warnings)
# shows PROGRAM the same way, quoted for a shell: a newline in its file
# name cannot split "would exec" or "seccomp supervisor N serves" into a
# forged line, and an escape sequence never reaches the terminal raw.
source "$(dirname "$0")/lib.sh"
static="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
name=$'evil\nforged line \e[31mred'
mkdir "$SCRATCH/bin"
cp "$static" "$SCRATCH/bin/$name"
quoted="\$'$SCRATCH/bin/evil\\nforged line \\x1b[31mred'"

check_lines() {  # TEXT WHAT
  expect_no_match "$1" '^forged' "$2: a line begun by the name's second half"
  if grep -q $'\e' <<<"$1"; then fail "$2: a raw ESC byte reached the output: $1"; fi
}

run "$SMC_RUN" -n "$SCRATCH/bin/$name"
expect_eq "$RC" 0 "-n status"
check_lines "$OUT" "-n"
expect_contains "$OUT" "would exec $quoted with argv: " "-n's exec line"
expect_contains "$OUT" "$quoted is statically linked" "-n's reach line"

run "$SMC_RUN" -d --mechanism seccomp "$SCRATCH/bin/$name" exit 0
expect_eq "$RC" 0 "-d status"
check_lines "$ERR" "-d"
expect_match "$ERR" "seccomp supervisor [0-9]+ serves \\\$'" "-d's supervisor line quotes the name"
expect_contains "$ERR" "exec $quoted with argv: " "-d's exec line"

run "$SMC_RUN" -d "$SCRATCH/bin/$name" exit 0
expect_eq "$RC" 0 "-d status under auto"
check_lines "$ERR" "-d under auto"
expect_contains "$ERR" "because $quoted is statically linked" "auto's mechanism line"

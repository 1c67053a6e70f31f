#!/usr/bin/env bash
# --write-lib PATH never replaces what PATH is: a device or a FIFO is
# refused with one line naming it (and left as it is, without hanging), a
# symbolic link gets its target written and stays a link, an existing
# file keeps its mode and its hard links, a 250-character name works, and
# a PATH with a newline gets its error on one line.
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (mknod)"
"$SMC_RUN" --write-lib "$SCRATCH/reference.so"

mknod "$SCRATCH/full" c 1 7
run "$SMC_RUN" --write-lib "$SCRATCH/full"
expect_eq "$RC" 1 "status for a device"
expect_eq "$OUT" "smc_run: Error: --write-lib '$SCRATCH/full' is a character device, not a regular file" "message for a device"
expect_eq "$(stat -c %F "$SCRATCH/full")" "character special file" "the device"

mkfifo "$SCRATCH/fifo"
run timeout 20 "$SMC_RUN" --write-lib "$SCRATCH/fifo"
expect_eq "$RC" 1 "status for a FIFO"
expect_eq "$OUT" "smc_run: Error: --write-lib '$SCRATCH/fifo' is a FIFO, not a regular file" "message for a FIFO"
expect_eq "$(stat -c %F "$SCRATCH/fifo")" "fifo" "the FIFO"

echo old >"$SCRATCH/target.so"
ln -s target.so "$SCRATCH/link.so"
run "$SMC_RUN" --write-lib "$SCRATCH/link.so"
expect_eq "$RC" 0 "status for a symbolic link"
expect_eq "$(readlink "$SCRATCH/link.so")" "target.so" "the link"
cmp -s "$SCRATCH/target.so" "$SCRATCH/reference.so" || fail "the link's target does not hold the library"

echo old >"$SCRATCH/kept.so"
chmod 600 "$SCRATCH/kept.so"
ln "$SCRATCH/kept.so" "$SCRATCH/other-name.so"
run "$SMC_RUN" --write-lib "$SCRATCH/kept.so"
expect_eq "$RC" 0 "status for a file with two links"
expect_eq "$(stat -c %a "$SCRATCH/kept.so")" 600 "the file's mode"
expect_eq "$(stat -c %i "$SCRATCH/kept.so")" "$(stat -c %i "$SCRATCH/other-name.so")" "the hard link"
cmp -s "$SCRATCH/other-name.so" "$SCRATCH/reference.so" || fail "the other link does not hold the library"

echo old >"$SCRATCH/mode.so"
chmod 640 "$SCRATCH/mode.so"
run "$SMC_RUN" --write-lib "$SCRATCH/mode.so"
expect_eq "$RC" 0 "status for a file with one link"
expect_eq "$(stat -c %a "$SCRATCH/mode.so")" 640 "the mode of a file with one link"
cmp -s "$SCRATCH/mode.so" "$SCRATCH/reference.so" || fail "the file does not hold the library"

name="$(printf 'n%.0s' $(seq 247)).so"
run "$SMC_RUN" --write-lib "$SCRATCH/$name"
expect_eq "$RC" 0 "status for a 250-character name"
cmp -s "$SCRATCH/$name" "$SCRATCH/reference.so" || fail "the 250-character name does not hold the library"

run "$SMC_RUN" --write-lib "$SCRATCH/no"$'\n'"where/x.so"
expect_eq "$RC" 125 "status for a missing folder with a newline"
expect_eq "$(wc -l <<<"$OUT")" 1 "lines of the error"
expect_contains "$OUT" "\$'$SCRATCH/no\\nwhere/x.so'" "the quoted PATH"

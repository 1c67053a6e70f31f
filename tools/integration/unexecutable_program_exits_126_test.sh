#!/usr/bin/env bash
# A PROGRAM that exists but cannot run exits 126 with the reason, as in a
# shell: a folder, a file without execute permission, a missing interpreter,
# an ELF the kernel refuses.
source "$(dirname "$0")/lib.sh"

printf 'data\n' >"$SCRATCH/data"
chmod 644 "$SCRATCH/data"
printf '#!/nonexistent/interpreter\n' >"$SCRATCH/bad-interpreter"
chmod 755 "$SCRATCH/bad-interpreter"
mkdir "$SCRATCH/bin" && cp "$SCRATCH/data" "$SCRATCH/bin/notexec"

run "$SMC_RUN" "$SCRATCH"
expect_eq "$RC" 126 "status for a folder"
expect_eq "$OUT" "smc_run: Error: $SCRATCH: Is a directory" "message for a folder"

run "$SMC_RUN" "$SCRATCH/data"
expect_eq "$RC" 126 "status for a non-executable file"
expect_eq "$OUT" "smc_run: Error: $SCRATCH/data: Permission denied" \
  "message for a non-executable file"

run "$SMC_RUN" "$SCRATCH/bad-interpreter"
expect_eq "$RC" 126 "status for a missing interpreter"
expect_contains "$OUT" "interpreter" "message for a missing interpreter"

run env PATH="$SCRATCH/bin" "$SMC_RUN" notexec
expect_eq "$RC" 126 "status for a non-executable file on PATH"
expect_eq "$OUT" "smc_run: Error: $SCRATCH/bin/notexec: Permission denied" \
  "message for a non-executable file on PATH"

# An ELF the kernel refuses (ENOEXEC) is not handed to /bin/sh, which
# would read it as a script: one of another machine, and a truncated one.
cp /usr/bin/true "$SCRATCH/other-machine"
printf '\xb7\x00' | dd of="$SCRATCH/other-machine" bs=1 seek=18 conv=notrunc status=none
head -c 100 /usr/bin/true >"$SCRATCH/truncated"
chmod 755 "$SCRATCH/other-machine" "$SCRATCH/truncated"
for elf in other-machine truncated; do
  run "$SMC_RUN" "$SCRATCH/$elf"
  expect_eq "$RC" 126 "status for the $elf ELF"
  expect_eq "$OUT" "smc_run: Error: $SCRATCH/$elf: cannot execute binary file: Exec format error" \
    "message for the $elf ELF"
done

# A file that is not ELF and has no "#!" still goes to /bin/sh, as in a
# shell and execvp().
printf 'echo from a script without an interpreter line\n' >"$SCRATCH/plain-script"
chmod 755 "$SCRATCH/plain-script"
run "$SMC_RUN" "$SCRATCH/plain-script"
expect_eq "$RC" 0 "status for a script without #!"
expect_eq "$OUT" "from a script without an interpreter line" "the script's output"

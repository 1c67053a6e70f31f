#!/usr/bin/env bash
# Bad input to the launcher and the library, one row each: the documented
# exit status, a clear message on one line naming what is wrong, and, where
# the program runs at all, the program unharmed (it prints "unharmed").
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (namespaces, /proc/sys)"

ok='echo unharmed'
lib="$SCRATCH/libsmc-preload.so"
"$SMC_RUN" --write-lib "$lib"
mkdir "$SCRATCH/dir"
printf 'data\n' >"$SCRATCH/data"
printf '#!/nonexistent/interpreter\n' >"$SCRATCH/bad-interpreter"
chmod 755 "$SCRATCH/bad-interpreter"
mkfifo "$SCRATCH/fifo"
ln -s loop2 "$SCRATCH/loop1"
ln -s loop1 "$SCRATCH/loop2"
printf '#!%s\n' "$SCRATCH/fifo" >"$SCRATCH/fifo-interpreter"
chmod 755 "$SCRATCH/fifo-interpreter"
cp /usr/bin/true "$SCRATCH/other-machine"
printf '\xb7\x00' | dd of="$SCRATCH/other-machine" bs=1 seek=18 conv=notrunc status=none
head -c 100 /usr/bin/true >"$SCRATCH/truncated-elf"
chmod 755 "$SCRATCH/other-machine" "$SCRATCH/truncated-elf"
socket_probe="import socket; socket.socket(); print('unharmed')"
rows=0

# row NAME STATUS WHERE REGEX COMMAND...
#   WHERE: out (the one-line error on stdout, as smc-tools prints it), err
#   (a one-line warning or diagnostic on stderr), runs (the program ran
#   unharmed; REGEX is then matched against stderr, "" for none), or quiet
#   (nothing can be said: only the status counts).
row() {
  local name="$1" status="$2" where="$3" regex="$4"
  shift 4
  rows=$((rows + 1))
  run "$@"
  expect_eq "$RC" "$status" "$name: status"
  case "$where" in
    out)
      expect_eq "$(wc -l <<<"$OUT")" 1 "$name: lines on stdout"
      expect_match "$OUT" "^smc_run: Error: $regex\$" "$name: message"
      ;;
    err)
      expect_match "$ERR" "$regex" "$name: stderr"
      expect_contains "$OUT" "unharmed" "$name: the program"
      ;;
    runs)
      expect_eq "$OUT" "unharmed" "$name: the program"
      [[ -z "$regex" ]] || expect_match "$ERR" "$regex" "$name: stderr"
      ;;
    quiet) ;;
  esac
  expect_no_loader_errors "$ERR" "$name: stderr"
}

# Options.
row "unknown short option" 1 out "invalid option '-x'" "$SMC_RUN" -x sh -c "$ok"
row "unknown long option" 1 out "invalid option '--frob'" "$SMC_RUN" --frob sh -c "$ok"
row "unknown letter among known ones" 1 out "invalid option '-q'" "$SMC_RUN" -dq sh -c "$ok"
row "-r without a value" 1 out "option --rcvbuf requires a value" "$SMC_RUN" -r
row "-t without a value" 1 out "option --sndbuf requires a value" "$SMC_RUN" -t
row "no program" 1 out "missing PROGRAM" "$SMC_RUN" -d -r 64k
row "only --" 1 out "missing PROGRAM" "$SMC_RUN" --
row "unknown role" 1 out "unknown role 'smcx' \(roles: smc_run, smcss, smcd, smcr, smc_chk, smc_scope\)" "$SMC_RUN" --role smcx
row "--write-lib with a program" 1 out "--write-lib writes the library and exits; unexpected 'true'" \
  "$SMC_RUN" --write-lib "$SCRATCH/x.so" true
row "--write-lib into a missing folder" 125 out "cannot write '$SCRATCH/no/x.so': No such file or directory" \
  "$SMC_RUN" --write-lib "$SCRATCH/no/x.so"

row "--write-lib onto a FIFO" 1 out "--write-lib '$SCRATCH/fifo' is a FIFO, not a regular file" \
  timeout 20 "$SMC_RUN" --write-lib "$SCRATCH/fifo"
row "--write-lib onto a folder" 1 out "--write-lib '$SCRATCH/dir' is a folder, not a regular file" \
  "$SMC_RUN" --write-lib "$SCRATCH/dir"
row "--write-lib with a newline in PATH" 125 out "cannot write \\\$'$SCRATCH/no\\\\nwhere/x.so': No such file or directory" \
  "$SMC_RUN" --write-lib "$SCRATCH/no"$'\n'"where/x.so"
row "--summary-file naming a FIFO with no reader" 1 out "--summary-file '$SCRATCH/fifo' is a FIFO, not a regular file" \
  timeout 20 "$SMC_RUN" --summary-file "$SCRATCH/fifo" sh -c "$ok"
row "--summary-file naming a device" 1 out "--summary-file '/dev/null' is a character device, not a regular file" \
  "$SMC_RUN" --summary-file /dev/null sh -c "$ok"
row "--summary-file naming a folder" 1 out "--summary-file '$SCRATCH/dir' is a folder, not a regular file" \
  "$SMC_RUN" --summary-file "$SCRATCH/dir" sh -c "$ok"
row "--install-links into a file" 1 out "--install-links: '$SCRATCH/data' is not a folder" \
  "$SMC_RUN" --install-links "$SCRATCH/data"

# Sizes.
row "size 1g" 1 out "invalid size '1g' for -r: unknown suffix \(use k or m\)" "$SMC_RUN" -r 1g true
row "size 0" 1 out "invalid size '0' for -t: size must be greater than zero" "$SMC_RUN" -t 0 true
row "negative size" 1 out "invalid size '-5' for -r: not a decimal number of bytes" "$SMC_RUN" -r -5 true
row "hexadecimal size" 1 out "invalid size '0x10' for -t: unknown suffix \(use k or m\)" "$SMC_RUN" -t 0x10 true
row "empty size" 1 out "invalid size '' for -r: empty size" "$SMC_RUN" -r '' true
row "size past the kernel's cap" 1 out "invalid size '2048m' for -r: too large.*" "$SMC_RUN" -r 2048m true
row "size with 30 digits" 1 out "invalid size '9{30}' for -t: too large.*" "$SMC_RUN" -t 999999999999999999999999999999 true
row "size with a newline" 1 out "invalid size \\\$'1\\\\nk' for -r: unknown suffix \(use k or m\)" "$SMC_RUN" -r $'1\nk' true

# Connection filter lists.
row "list entry with a bad prefix" 1 out "invalid --exclude entry '10.0.0.0/33': prefix length above 32 \(IPv4\) or 128 \(IPv6\)" \
  "$SMC_RUN" --exclude 10.0.0.0/33 sh -c "$ok"
row "IPv6 entry without brackets" 1 out "invalid --include entry 'fd00::1': IPv6 addresses go in brackets.*" \
  "$SMC_RUN" --include fd00::1 sh -c "$ok"
row "empty --include" 1 out "--include needs a non-empty LIST" "$SMC_RUN" --include '' sh -c "$ok"

# The environment, for the launcher.
row "SMC_SNDBUF=abc" 1 out "invalid SMC_SNDBUF 'abc' in the environment: not a decimal number of bytes" \
  env SMC_SNDBUF=abc "$SMC_RUN" true
row "SMC_EXCLUDE=host.example" 1 out "invalid SMC_EXCLUDE entry 'host.example' in the environment: not an IPv4 address.*" \
  env SMC_EXCLUDE=host.example "$SMC_RUN" sh -c "$ok"
row "SMC_RCVBUF=0" 1 out "invalid SMC_RCVBUF '0' in the environment: size must be greater than zero" \
  env SMC_RCVBUF=0 "$SMC_RUN" true
row "SMC_SUMMARY_FILE naming a FIFO" 1 out "SMC_SUMMARY_FILE '$SCRATCH/fifo' in the environment is a FIFO, not a regular file" \
  timeout 20 env SMC_SUMMARY_FILE="$SCRATCH/fifo" "$SMC_RUN" sh -c "$ok"
row "SMC_SUMMARY_FILE in a missing folder" 1 out "cannot write SMC_SUMMARY_FILE '$SCRATCH/no/s.json' in the environment: No such file or directory" \
  env SMC_SUMMARY_FILE="$SCRATCH/no/s.json" "$SMC_RUN" sh -c "$ok"
row "empty SMC_MECHANISM and SMC_SOCK_FAMILY: unset" 0 runs "" \
  env SMC_MECHANISM= SMC_SOCK_FAMILY= SMC_SNDBUF= "$SMC_RUN" sh -c "$ok"
row "LD_PRELOAD with a newline, under -n" 0 quiet "" \
  env LD_PRELOAD=$'/x.so\nwould exec' "$SMC_RUN" -n true
expect_eq "$(grep -c '^would exec' <<<"$OUT")" 1 "LD_PRELOAD with a newline, under -n: lines"

# The environment, for the library alone: never fatal.
row "library: SMC_SNDBUF=1g" 0 runs "smc: ignoring SMC_SNDBUF='1g': unknown suffix" \
  env LD_PRELOAD="$lib" SMC_SNDBUF=1g SMC_DEBUG=1 python3 -c "import socket; socket.socket(); print('unharmed')"
row "library: SMC_EXCLUDE=[::1" 0 runs "smc: ignoring SMC_EXCLUDE entry '\[::1': missing \] after the IPv6 address" \
  env LD_PRELOAD="$lib" SMC_EXCLUDE='[::1' SMC_DEBUG=1 python3 -c "import socket; socket.socket(); print('unharmed')"
row "library: SMC_RCVBUF=-1" 0 runs "" \
  env LD_PRELOAD="$lib" SMC_RCVBUF=-1 python3 -c "import socket; socket.socket(); print('unharmed')"
row "library: SMC_DEBUG=junk" 0 runs "smc: socket\(AF_INET, SOCK_STREAM" \
  env LD_PRELOAD="$lib" SMC_DEBUG=junk python3 -c "import socket; socket.socket(); print('unharmed')"
row "library: SMC_INHERIT=maybe" 0 runs "" \
  env LD_PRELOAD="$lib" SMC_INHERIT=maybe sh -c "$ok"
row "library: SMC_STRICT=0" 0 runs "" \
  env LD_PRELOAD="$lib" SMC_STRICT=0 python3 -c "import socket; socket.socket(); print('unharmed')"
row "library: SMC_SUMMARY_FILE naming a FIFO" 0 runs "smc: cannot write the summary to $SCRATCH/fifo: a FIFO, not a regular file" \
  timeout 20 env LD_PRELOAD="$lib" SMC_SUMMARY_FILE="$SCRATCH/fifo" SMC_DEBUG=1 python3 -c "$socket_probe"
row "library: SMC_SUMMARY_FILE naming a device" 0 runs "smc: cannot write the summary to /dev/null: a character device, not a regular file" \
  env LD_PRELOAD="$lib" SMC_SUMMARY_FILE=/dev/null SMC_DEBUG=1 python3 -c "$socket_probe"
row "library: a program name with a newline" 0 runs "^x\\\\x0ay\\[[0-9]+\\]: smc: summary: sockets 1" \
  env LD_PRELOAD="$lib" SMC_SUMMARY=1 bash -c 'exec -a "$0" /usr/bin/python3 -c "$1"' $'x\ny' "$socket_probe"
row "library: --strict with unknown type flags keeps EINVAL" 0 runs "" \
  env LD_PRELOAD="$lib" SMC_STRICT=1 python3 -c "
import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM | 0x10000000)
except OSError as e:
    assert e.errno == 22, e.errno
    print('unharmed')"
row "LD_PRELOAD twice, the last one empty" 0 runs "" \
  python3 -c "
import ctypes, sys
arr = lambda items: (ctypes.c_char_p * (len(items) + 1))(*[i.encode() for i in items], None)
probe = 'import os; assert os.environ[\"LD_PRELOAD\"].startswith(\"/proc/self/fd/\"); print(\"unharmed\")'
ctypes.CDLL(None).execve(sys.argv[1].encode(), arr([sys.argv[1], 'python3', '-c', probe]),
                         arr(['PATH=/usr/bin:/bin', 'LD_PRELOAD=/x.so', 'LD_PRELOAD=']))" "$SMC_RUN"

# Programs.
row "missing program" 127 out "no-such-program-x: command not found" "$SMC_RUN" no-such-program-x
row "missing path" 127 out "$SCRATCH/missing: No such file or directory" "$SMC_RUN" "$SCRATCH/missing"
row "empty program name" 127 out "'': command not found" "$SMC_RUN" ''
row "program name with a newline" 127 out "\\\$'a\\\\nb': command not found" "$SMC_RUN" $'a\nb'
row "a folder" 126 out "$SCRATCH/dir: Is a directory" "$SMC_RUN" "$SCRATCH/dir"
row "a symbolic-link loop" 126 out "$SCRATCH/loop1: Too many levels of symbolic links" "$SMC_RUN" "$SCRATCH/loop1"
row "a 5,000-byte name" 126 out "\\./x{5000}: File name too long" "$SMC_RUN" "./$(printf 'x%.0s' $(seq 5000))"
row "a file without execute permission" 126 out "$SCRATCH/data: Permission denied" "$SMC_RUN" "$SCRATCH/data"
row "a missing interpreter" 126 out "$SCRATCH/bad-interpreter: cannot execute: its interpreter .*" \
  "$SMC_RUN" "$SCRATCH/bad-interpreter"
row "empty PATH" 127 out "true: command not found" env PATH= "$SMC_RUN" true
row "an ELF of another machine" 126 out "$SCRATCH/other-machine: cannot execute binary file: Exec format error" \
  "$SMC_RUN" "$SCRATCH/other-machine"
row "an ELF of another machine under --strict: nothing serves it" 125 out \
  "$SCRATCH/other-machine is a 64-bit program for ELF machine 183.*; --strict refuses to run $SCRATCH/other-machine without SMC" \
  "$SMC_RUN" --strict "$SCRATCH/other-machine"
row "a stale SMC_SECCOMP_SUPERVISOR naming no supervisor" 0 runs "" \
  env SMC_SECCOMP_SUPERVISOR=1 "$SMC_RUN" sh -c "$ok"
row "a truncated ELF" 126 out "$SCRATCH/truncated-elf: cannot execute binary file: Exec format error" \
  "$SMC_RUN" "$SCRATCH/truncated-elf"
row "a script whose interpreter is a FIFO" 126 quiet "" timeout 20 "$SMC_RUN" "$SCRATCH/fifo-interpreter"

# The system.
row "no /proc" 125 out "/proc is not mounted: .*" \
  unshare --mount sh -c 'mount -t tmpfs -o size=4k empty /proc && exec "$@"' sh "$SMC_RUN" sh -c "$ok"
row "read-only /proc/sys and a size above rmem_max" 0 err "smc_run: Warning: cannot raise net.core.rmem_max .*Read-only file system" \
  unshare --mount sh -c 'mount --bind -o ro /proc/sys /proc/sys && exec "$@"' sh "$SMC_RUN" -r 1023m sh -c "$ok"
row "memfd exec disallowed (vm.memfd_noexec=2)" 0 runs "" \
  unshare --pid --fork --mount-proc sh -c 'echo 2 >/proc/sys/vm/memfd_noexec && exec "$@"' sh "$SMC_RUN" sh -c "$ok"
row "descriptor limit 4, soft and hard: no room for the library" 0 err \
  "smc_run: Warning: RLIMIT_NOFILE \(soft 4, hard 4\) leaves no descriptor for the library.* sh runs without it" \
  prlimit --nofile=4 "$SMC_RUN" sh -c "$ok"
row "descriptor limit 3: no descriptor for the memfd, the program fails as alone" 127 quiet "" \
  prlimit --nofile=3 "$SMC_RUN" sh -c "$ok"
row "stderr closed under -d" 0 runs "" sh -c 'exec "$@" 2>&-' sh "$SMC_RUN" -d sh -c "$ok"
row "stdout closed for -v" 125 quiet "" sh -c 'exec "$@" >&-' sh "$SMC_RUN" -v

# Another role's error echoes no raw byte.
rows=$((rows + 1))
run "$SMC_RUN" --role smcd ueid del $'\xff'
expect_eq "$RC" 1 "smcd ueid with a byte that is not UTF-8: status"
expect_eq "$ERR" "smcd: Error: UEID \$'\\xff' may only hold letters, digits, '.' and '-'" \
  "smcd ueid with a byte that is not UTF-8: message"

# A huge argument list passes through whole.
rows=$((rows + 1))
run "$SMC_RUN" python3 -c 'import sys; print(len(sys.argv) - 1, len(set(sys.argv[1:])))' $(seq 50000)
expect_eq "$RC" 0 "huge argument list: status"
expect_eq "$OUT" "50000 50000" "huge argument list: arguments received"

((rows >= 30)) || fail "only $rows rows"
echo "$rows bad inputs checked"

#!/usr/bin/env bash
# The product is one static, stripped file of at most 2 MB; the embedded
# library needs nothing but libc and exports exactly the hooked calls: the
# extern "C" definitions in hooks/*.cc, each listed once in exports.lds.
source "$(dirname "$0")/lib.sh"
exports_lds="$1"
shift
hook_sources=("$@")

headers="$(readelf -lh "$SMC_RUN")"
expect_not_contains "$headers" "INTERP" "program interpreter"
expect_match "$headers" 'Type: +EXEC' "ELF type of smc_run"
expect_eq "$(readelf -d "$SMC_RUN" 2>&1 | grep -c NEEDED || true)" 0 "NEEDED entries of smc_run"
expect_not_contains "$(readelf -S "$SMC_RUN")" ".symtab" "symbol table (stripped)"
size="$(stat -c %s "$SMC_RUN")"
(( size <= 2 * 1024 * 1024 )) || fail "smc_run is $size bytes, over 2 MB"

"$SMC_RUN" --write-lib "$SCRATCH/lib.so"
needed="$(readelf -d "$SCRATCH/lib.so" | grep NEEDED)"
expect_match "$needed" '^ *0x0+1 \(NEEDED\) +Shared library: \[libc\.so\.6\]$' \
  "NEEDED entries of the library"
exported="$(nm -D --defined-only "$SCRATCH/lib.so" | awk '$2 == "T" {print $3}' | sort | tr '\n' ' ')"
expect_eq "$exported" "accept accept4 connect execl execle execlp execv execve execveat execvp execvpe fexecve getsockopt listen popen posix_spawn posix_spawn_file_actions_addclose posix_spawn_file_actions_addclosefrom_np posix_spawn_file_actions_adddup2 posix_spawn_file_actions_addfchdir_np posix_spawn_file_actions_addopen posix_spawn_file_actions_destroy posix_spawn_file_actions_init posix_spawnp socket system " \
  "functions exported by the library"
# Every defined dynamic symbol, of any kind (data, weak...), is one of them.
every="$(nm -D --defined-only "$SCRATCH/lib.so" | awk '{print $NF}' | sort | tr '\n' ' ')"
expect_eq "$every" "$exported" "symbols exported by the library"
# The hooks' own definitions: extern "C" functions, not the hidden aliases.
hooked="$(grep -hoE '^extern "C" [A-Za-z_]+\*? ?[a-z_0-9]+\(' "${hook_sources[@]}" |
  grep -v '__attribute__' | sed -E 's/.*[ *]([a-z_0-9]+)\($/\1/' | sort | tr '\n' ' ')"
expect_eq "$hooked" "$exported" "calls the hooks define"
# The version script lists each once.
listed="$(sed -n '/global:/,/local:/p' "$exports_lds" | grep -oE '^ *[a-z_0-9]+;' | tr -d ' ;')"
expect_eq "$(sort <<<"$listed" | uniq -d)" "" "names listed twice in exports.lds"
expect_eq "$(sort <<<"$listed" | tr '\n' ' ')" "$exported" "names listed in exports.lds"
expect_not_contains "$(nm -D "$SCRATCH/lib.so")" "GLIBCXX" "libstdc++ symbols"

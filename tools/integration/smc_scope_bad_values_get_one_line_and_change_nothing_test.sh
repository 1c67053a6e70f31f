#!/usr/bin/env bash
# smc_scope answers a value that names no process, cgroup, network
# namespace or scope with status 1 and one line on stderr quoting it,
# before it looks at the host (this one has no SMC), and changes nothing:
# nothing of it is pinned in its bpffs.
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (mount namespaces, bpffs)"
with_bpffs

# A pid that was a process and is no more.
sh -c 'exit 0' &
gone=$!
wait "$gone"
# A thread that is not its process's first one.
python3 -c 'import threading, time, sys
t = threading.Thread(target=time.sleep, args=(600,), daemon=True); t.start()
print(t.native_id, flush=True); time.sleep(600)' >"$SCRATCH/thread" &
threads=$!
BACKGROUND_PIDS+=("$threads")
wait_for "$SCRATCH/thread" '^[0-9]+$'
thread="$(cat "$SCRATCH/thread")"
mkdir "$SCRATCH/plain" "$SCRATCH/"$'odd\nname'

rows=0
# row NAME REGEX ARGS...: status 1 and the one line "smc_scope: Error: REGEX".
row() {
  local name="$1" regex="$2"
  shift 2
  rows=$((rows + 1))
  run in_bpffs "$SMC_RUN" --role smc_scope "$@"
  expect_eq "$RC" 1 "$name: status"
  expect_eq "$OUT" "" "$name: stdout"
  expect_eq "$(wc -l <<<"$ERR")" 1 "$name: lines"
  expect_match "$ERR" "^smc_scope: Error: $regex\$" "$name: stderr"
}

row "a word for a pid" "'abc' is not a process id" add tree abc
row "pid 0" "'0' is not a process id" add tree 0
row "a pid too large" "'99999999999' is not a process id" add tree 99999999999
row "a process that ended" "there is no process $gone" add tree "$gone"
row "a thread" "$thread is a thread of process $threads, not a process" add tree "$thread"
row "a plain folder" "'$SCRATCH/plain' is not a cgroup \(a folder of a cgroup v2 file system, as mounted on /sys/fs/cgroup\)" \
  add cgroup "$SCRATCH/plain"
row "a missing folder" "'/nonexistent' is not a cgroup: No such file or directory" add cgroup /nonexistent
row "a name with a newline" "\\$'$SCRATCH/odd\\\\nname' is not a cgroup .*" add cgroup "$SCRATCH/"$'odd\nname'
row "a file for a namespace" "'/etc/passwd' is not a network namespace" add netns /etc/passwd
row "a namespace of another kind" "'/proc/self/ns/mnt' is not a network namespace" add netns /proc/self/ns/mnt
row "a missing namespace file" "'/run/netns/none-here' is not a network namespace: No such file or directory" \
  add netns /run/netns/none-here
row "the namespace of a process that ended" "there is no process $gone" add netns "$gone"
row "a tree scope that is not there" "there is no tree scope for '$$'" del tree "$$"
row "a cgroup scope that is not there" "there is no cgroup scope for '/sys/fs/cgroup/x'" del cgroup /sys/fs/cgroup/x
row "a netns scope that is not there" "there is no netns scope for '/run/netns/x'" del netns /run/netns/x
row "an unknown kind" "unknown scope 'pod' \(tree, cgroup or netns\)" add pod x
row "a kind without its value" "add cgroup needs a PATH" add cgroup

# A fresh bpffs may hold the kernel's own maps.debug and progs.debug.
expect_eq "$(in_bpffs ls -A /sys/fs/bpf | grep -v '\.debug$')" "" "bpffs after $rows refusals"

# Once the BPF programs are pinned, a launch only registers its tree: it
# opens the three maps its registration uses once each (the probe hands
# what it opened to the registration), no other map and no link (one read
# of the folder says they are pinned), loads and verifies no program,
# reads no BTF, and makes one IPPROTO_SMC socket, its probe of the host.
# As strace sees the bpf(2), socket(2) and openat(2) calls of a second
# launch.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
"$SMC_RUN" --mechanism bpf true || fail "the first launch, which pins the state, failed"
strace -f -qq -e trace=bpf,socket,openat -o trace "$SMC_RUN" --mechanism bpf true ||
  fail "the traced launch failed: $(cat trace)"
cat trace
[[ -n "$(ls /sys/fs/bpf/smc_run)" ]] || fail "nothing is pinned after the first launch"
# count REGEX: the lines of the trace that match.
count() { grep -cE "$1" trace || true; }
# kernel_facts: the layout and the next scope id; scopes: the tree's
# record; tree_tasks: the launcher's pid (core/bpf/scopes.cc, add_tree).
used=" kernel_facts scopes tree_tasks "
for name in $(ls /sys/fs/bpf/smc_run); do
  want=0
  [[ "$used" == *" $name "* ]] && want=1
  expect_eq "$(count "BPF_OBJ_GET, \\{pathname=\"/sys/fs/bpf/smc_run/$name\"")" "$want" \
    "openings of the pinned $name"
done
expect_no_match "$(cat trace)" 'BPF_PROG_LOAD|BPF_BTF_LOAD|BPF_MAP_CREATE' "programs, BTF or maps made"
expect_no_match "$(cat trace)" '/sys/kernel/btf/' "the kernel's BTF read"
# strace names IPPROTO_SMC (256) "0x100 /* IPPROTO_??? */" or, newer, by name.
expect_eq "$(count 'socket\(AF_INET, SOCK_STREAM\|SOCK_CLOEXEC, (IPPROTO_SMC|0x100)')" 1 \
  "IPPROTO_SMC sockets made by the launch"

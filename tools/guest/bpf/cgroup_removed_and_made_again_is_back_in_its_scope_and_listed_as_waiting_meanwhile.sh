# A systemd unit's restart: its cgroup is removed and made again at the
# same path. smc_scope add cgroup on the unit's cgroup gives a program
# started in it SMC-D; once the cgroup is removed, list shows the scope
# waiting;
# made again (a new cgroup, with a new id), the kernel puts it back in the
# scope: list shows it active with the new id, and a program started in
# it uses SMC-D again. Then its parent folder is removed too, and the scope is
# gone: prune removes it. SMC_DIAG says what the pairs used, by inode.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
slice=/sys/fs/cgroup/app-$$.slice unit=/sys/fs/cgroup/app-$$.slice/web.service
mkdir -p "$unit"

# unit_pair FOLDER: a quick pair (start_self_pair) in the unit's cgroup:
# SMC_DIAG must show its sockets SMC and its connection on SMC-D.
unit_pair() {
  mkdir "$1" && cd "$1"
  start_self_pair 127.0.0.1 sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$unit"
  kernel_sockets "$PAIR_PID" >seen
  release_self_pair
  cat seen
  expect_self_pair SMCD "$(cat seen)" "$1"
  cd ..
}
scope add cgroup "$unit"
first_id="$(stat -c %i "$unit")"
expect_eq "$(cgroup_scope "$unit")" "active $first_id" "the scope at first"
unit_pair first

rmdir "$unit"
expect_eq "$(cgroup_scope "$unit")" "waiting None" "the scope while the cgroup is removed"
mkdir "$unit"
second_id="$(stat -c %i "$unit")"
[[ "$second_id" != "$first_id" ]] || fail "the cgroup made again kept its id"
expect_eq "$(cgroup_scope "$unit")" "active $second_id" "the scope once the cgroup is made again"
unit_pair second
run_add="$(scope add cgroup "$unit")"
expect_match "$run_add" "covers cgroup '$unit' already: nothing changed" "adding it again"

rmdir "$unit" "$slice"
expect_eq "$(cgroup_scope "$unit")" "gone None" "the scope once its parent is removed too"
expect_match "$(scope prune)" "^pruned scope [0-9]+: cgroup '$unit' \(gone; [0-9]+ sockets converted\)$" "prune"
expect_no_match "$(scope list)" "$unit" "the list after prune"

/* process_fork: tp_btf/sched_process_fork
 *
 * The rule: a process made by a process of a tree scope joins that tree
 * (tree_tasks gets its tgid, with the same scope id), and the tree counts
 * it. A new thread belongs to its process, which is in the map already.
 *
 * kernel/fork.c: kernel_clone() fires sched_process_fork(current, p) after
 * copy_process() and before the child first runs, so the child is in the
 * tree before it can make a socket; current is the parent. */
#include "core/bpf/maps.bpf.h"

struct task_struct;

SEC("tp_btf/sched_process_fork")
int BPF_PROG(process_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 parent_tgid = current_tgid();
	__u32 *scope = bpf_map_lookup_elem(&tree_tasks, &parent_tgid);
	const struct smc_kernel_facts *k;
	struct smc_scope_record *record;
	__u32 child_tgid;

	if (!scope)
		return 0;
	k = kernel();
	if (!k)
		return 0;
	child_tgid = read_u32((__u64)child, k->task_tgid);
	if (child_tgid == 0 || child_tgid == parent_tgid)
		return 0;
	if (bpf_map_update_elem(&tree_tasks, &child_tgid, scope, BPF_NOEXIST) != 0)
		return 0;
	record = bpf_map_lookup_elem(&scopes, scope);
	if (record)
		__sync_fetch_and_add(&record->processes, 1);
	return 0;
}

/* process_exit: tp_btf/sched_process_exit
 *
 * The rule: a process of a tree scope leaves it when its last thread
 * exits (tree_tasks loses its tgid), so that its pid, once reused, is
 * nobody's. Until then it stays, even when its first thread ends early.
 * When the last process of a tree that smc_run launched leaves it
 * (SMC_SCOPE_LAUNCHED), the scope's record goes too: the launch leaves no
 * state behind. Two last exits at once may both see 0 and both delete;
 * deleting twice is harmless.
 *
 * kernel/exit.c: do_exit() counts the thread out of its process
 * (atomic_dec_and_test(&tsk->signal->live)) before it fires
 * sched_process_exit(tsk), and current is tsk: signal->live is 0 here for
 * the last thread, and for no other (threads are no longer added to a
 * process whose live count reached 0). */
#include "core/bpf/maps.bpf.h"

struct task_struct;

SEC("tp_btf/sched_process_exit")
int BPF_PROG(process_exit, struct task_struct *task)
{
	__u32 tgid = current_tgid();
	__u32 *member = bpf_map_lookup_elem(&tree_tasks, &tgid);
	const struct smc_kernel_facts *k;
	struct smc_scope_record *record;
	__u64 signal;
	__u32 scope;

	if (!member)
		return 0;
	k = kernel();
	if (!k)
		return 0;
	signal = read_u64((__u64)task, k->task_signal);
	if (signal == 0 || read_u32(signal, k->signal_live) != 0)
		return 0;
	scope = *member;
	bpf_map_delete_elem(&tree_tasks, &tgid);
	record = bpf_map_lookup_elem(&scopes, &scope);
	if (!record)
		return 0;
	__sync_fetch_and_add(&record->processes, -1);
	if ((record->flags & SMC_SCOPE_LAUNCHED) && record->processes == 0)
		bpf_map_delete_elem(&scopes, &scope);
	return 0;
}

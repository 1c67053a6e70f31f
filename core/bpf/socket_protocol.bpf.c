/* socket_protocol: fmod_ret/update_socket_protocol
 *
 * The rule: a TCP socket() (conversion_rule.h) made by a process in a scope
 * becomes an IPPROTO_SMC socket, and that scope counts it. Every other
 * socket() keeps the protocol it asked for. A process is in a scope when
 *   1. it belongs to a tree scope (tree_tasks holds its tgid), or else
 *   2. its cgroup, or one above it, is a scoped cgroup (cgroup_ids; the
 *      deepest one counts), or else
 *   3. its network namespace is scoped (netns_cookies).
 *
 * net/socket.c: __sys_socket() calls update_socket_protocol(family, type,
 * protocol), a __weak noinline function that returns `protocol`, and makes
 * the socket with what it returns; net/mptcp/bpf.c lets fmod_ret programs
 * attach to it (bpf_mptcp_fmodret_ids, CONFIG_MPTCP=y). An fmod_ret
 * program that returns non-zero replaces the function's return value; 0
 * lets the function run (kernel/bpf/trampoline.c, BPF_TRAMP_MODIFY_RETURN).
 * Every socket() on the host runs this, so what is not converted leaves
 * before any map is read, and a TCP socket() looks only where in_force
 * (scope_maps.h) says a scope may be: the cgroup levels that hold scoped
 * cgroups, and network namespaces only when one is scoped. */
#include "core/bpf/conversion_rule.h"
#include "core/bpf/maps.bpf.h"

static __always_inline __u32 tree_scope(void)
{
	__u32 tgid = current_tgid();
	__u32 *scope = bpf_map_lookup_elem(&tree_tasks, &tgid);

	return scope ? *scope : 0;
}

/* bpf_get_current_ancestor_cgroup_id(level) is the id of the current
 * task's cgroup v2 ancestor at `level` (0: the root), 0 below the task's
 * own level (kernel/bpf/helpers.c). Tracing programs have it through
 * bpf_base_func_proto (kernel/trace/bpf_trace.c, tracing_prog_func_proto ->
 * raw_tp_prog_func_proto -> bpf_tracing_func_proto), as they have
 * bpf_current_task_under_cgroup; the walk needs no
 * BPF_MAP_TYPE_CGROUP_ARRAY slot per scope, and finds any number of them.
 * It asks only at the levels where scoped cgroups are. */
static __always_inline __u32 cgroup_scope(const struct smc_in_force *f)
{
	__u32 found = 0;

	for (__u32 i = 0; i < SMC_CGROUP_LEVELS; i++) {
		__u32 level = f->cgroup_first + i;
		__u64 id;
		__u32 *scope;

		if (level >= f->cgroup_end)
			break;
		id = bpf_get_current_ancestor_cgroup_id(level);
		if (id == 0)
			break;
		scope = bpf_map_lookup_elem(&cgroup_ids, &id);
		if (scope)
			found = *scope;
	}
	return found;
}

/* current->nsproxy->net_ns->net_cookie: unlike its inode number, which the
 * kernel hands out again once a namespace is gone (proc_alloc_inum), a
 * network namespace's cookie is never reused (gen_cookie_next in
 * net/core/net_namespace.c). */
static __always_inline __u32 netns_scope(const struct smc_kernel_facts *k)
{
	__u64 task = bpf_get_current_task();
	__u64 nsproxy = read_u64(task, k->task_nsproxy);
	__u64 net = read_u64(nsproxy, k->nsproxy_net_ns);
	__u64 cookie;
	__u32 *scope;

	if (net == 0)
		return 0;
	cookie = read_u64(net, k->net_cookie);
	scope = bpf_map_lookup_elem(&netns_cookies, &cookie);
	return scope ? *scope : 0;
}

/* The record of a scope id, or NULL for none or one deleted a moment ago
 * (a tree entry may still name it). */
static __always_inline struct smc_scope_record *scope_record(__u32 id)
{
	return id ? bpf_map_lookup_elem(&scopes, &id) : 0;
}

/* The record of the first of the current task's scopes that is in force:
 * its tree's, its cgroup's, its network namespace's. */
static __always_inline struct smc_scope_record *current_scope(const struct smc_kernel_facts *k,
							       const struct smc_in_force *f)
{
	struct smc_scope_record *record = scope_record(tree_scope());

	if (!record)
		record = scope_record(cgroup_scope(f));
	if (!record && f->netns)
		record = scope_record(netns_scope(k));
	return record;
}

SEC("fmod_ret/update_socket_protocol")
int BPF_PROG(socket_protocol, int family, int type, int protocol)
{
	int smc = smc_rule_protocol(family, type, protocol);
	const struct smc_kernel_facts *k;
	const struct smc_in_force *f;
	struct smc_scope_record *scope;

	if (smc == 0)
		return 0;
	k = kernel();
	f = in_force_now();
	if (!k || !f)
		return 0;
	scope = current_scope(k, f);
	if (!scope)
		return 0;
	__sync_fetch_and_add(&scope->converted, 1);
	return smc;
}

/* The BPF side's view of the shared maps (scope_maps.h): each program
 * includes this and names the maps it uses. The loader makes each map once
 * and hands every program the same one, by name. */
#ifndef SMC_CORE_BPF_MAPS_BPF_H
#define SMC_CORE_BPF_MAPS_BPF_H

#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "core/bpf/scope_maps.h"

/* Section "maps" as libbpf's loaders before BTF-defined maps had it: a
 * plain struct per map, which tools/bpf_skeleton reads without BTF. */
#define SMC_MAP(name, spec) struct smc_map_spec name SEC("maps") = spec

SMC_MAP(scopes, SMC_SCOPES_SPEC);
SMC_MAP(tree_tasks, SMC_TREE_TASKS_SPEC);
SMC_MAP(cgroup_ids, SMC_CGROUP_IDS_SPEC);
SMC_MAP(cgroup_names, SMC_CGROUP_NAMES_SPEC);
SMC_MAP(netns_cookies, SMC_NETNS_COOKIES_SPEC);
SMC_MAP(kernel_facts, SMC_KERNEL_FACTS_SPEC);
SMC_MAP(in_force, SMC_IN_FORCE_SPEC);

/* The kernel's fields, or NULL (never, once the loader wrote them). */
static __always_inline const struct smc_kernel_facts *kernel(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&kernel_facts, &zero);
}

/* What the socket program must look at (scope_maps.h), or NULL (never:
 * an array's element is always there). */
static __always_inline const struct smc_in_force *in_force_now(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&in_force, &zero);
}

/* The pointer, or the u64, at `address` + `offset` in kernel memory; 0
 * where it cannot be read (an exiting task has no nsproxy). */
static __always_inline __u64 read_u64(__u64 address, __u32 offset)
{
	__u64 value = 0;

	if (address != 0)
		bpf_probe_read_kernel(&value, sizeof(value), (const void *)(address + offset));
	return value;
}

static __always_inline __u32 read_u32(__u64 address, __u32 offset)
{
	__u32 value = 0;

	if (address != 0)
		bpf_probe_read_kernel(&value, sizeof(value), (const void *)(address + offset));
	return value;
}

/* This process's id: what the rest of the system calls its pid. */
static __always_inline __u32 current_tgid(void)
{
	return bpf_get_current_pid_tgid() >> 32;
}

/* bpf_probe_read_kernel is lent to GPL-compatible programs only
 * (gpl_only in kernel/trace/bpf_trace.c). */
char LICENSE[] SEC("license") = "GPL";

#endif

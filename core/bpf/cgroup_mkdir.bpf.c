/* cgroup_mkdir: tp_btf/cgroup_mkdir
 *
 * The rule: a cgroup made where a scoped cgroup was (same parent, same
 * name: a systemd unit's restart removes its cgroup and makes it again)
 * takes that cgroup's place in its scope (cgroup_ids gets its new id).
 * Cgroup ids are never reused (kernfs ids grow, fs/kernfs/dir.c), so the
 * old id can match nothing; smc_scope drops it later.
 *
 * kernel/cgroup/cgroup.c: cgroup_mkdir() fires cgroup_mkdir(cgrp, path)
 * once the cgroup is made and before mkdir(2) returns, so before anyone
 * can move a process into it. A cgroup's id is its kernfs node's id
 * (cgroup_id() in include/linux/cgroup.h). */
#include "core/bpf/maps.bpf.h"

struct cgroup;

SEC("tp_btf/cgroup_mkdir")
int BPF_PROG(cgroup_mkdir, struct cgroup *cgrp, const char *path)
{
	const struct smc_kernel_facts *k = kernel();
	struct smc_cgroup_name where = {};
	__u64 node, parent, id;
	__u32 *scope;

	if (!k)
		return 0;
	node = read_u64((__u64)cgrp, k->cgroup_kn);
	parent = read_u64(node, k->kernfs_parent);
	if (parent == 0)
		return 0;
	where.parent_id = read_u64(parent, k->kernfs_id);
	bpf_probe_read_kernel_str(where.name, sizeof(where.name),
				  (const void *)read_u64(node, k->kernfs_name));
	scope = bpf_map_lookup_elem(&cgroup_names, &where);
	if (!scope)
		return 0;
	id = read_u64(node, k->kernfs_id);
	bpf_map_update_elem(&cgroup_ids, &id, scope, BPF_ANY);
	return 0;
}

/* The maps that the BPF programs (the *.bpf.c beside this) and smc_scope's
 * loader share, pinned under /sys/fs/bpf/smc_run: their keys, values and
 * sizes, in C for both sides. The programs only read them, but for three
 * things the kernel does as it happens: a fork adds a child to its parent's
 * tree (process_fork), the last thread of a process takes it out
 * (process_exit), and a cgroup made again where a scoped one was removed
 * rejoins its scope (cgroup_mkdir); and the socket program counts what it
 * converts. smc_scope writes everything else.
 *
 * Change a layout and SMC_LAYOUT_VERSION with it: state pinned by another
 * layout is refused, not misread. */
#ifndef SMC_CORE_BPF_SCOPE_MAPS_H
#define SMC_CORE_BPF_SCOPE_MAPS_H

#include <linux/bpf.h>
#include <linux/types.h>

#define SMC_LAYOUT_VERSION 3

/* A kernfs name with its NUL (NAME_MAX + 1, include/uapi/linux/limits.h). */
#define SMC_CGROUP_NAME_MAX 256
/* What a scope shows people: a cgroup's path, a namespace's file, a
 * process's command. */
#define SMC_SCOPE_TEXT_MAX 256
/* How deep below the root of the cgroup hierarchy a scoped cgroup may be:
 * the socket program asks for each ancestor's id in turn, up to this many. */
#define SMC_CGROUP_LEVELS 64

enum smc_scope_kind {
	SMC_SCOPE_TREE = 1,    /* a process and the children it makes from now on */
	SMC_SCOPE_CGROUP = 2,  /* a cgroup (v2) and every cgroup below it */
	SMC_SCOPE_NETNS = 3,   /* a network namespace */
};

/* smc_scope_record.flags: a tree that smc_run registered for a program it
 * launched (--mechanism bpf). The kernel removes its record when the last
 * process of the tree ends (process_exit), so a launch leaves nothing
 * behind that outlives its tree. */
#define SMC_SCOPE_LAUNCHED 1

/* The value of `scopes`, keyed by the scope's id (__u32, never 0, never
 * reused while the state lives). smc_scope writes it once when it adds the
 * scope; after that only `converted` changes, by the socket program, and
 * a tree's `processes`, by process_fork and process_exit. */
struct smc_scope_record {
	__u64 converted;   /* TCP sockets made IPPROTO_SMC in this scope */
	__u32 kind;        /* enum smc_scope_kind */
	__u32 pid;         /* tree: the process added; netns: the one named, or 0 */
	__u64 key;         /* cgroup: its id when added; netns: its cookie */
	__u64 parent_id;   /* cgroup: the id of the cgroup above it (0: the root) */
	__u32 inum;        /* netns: its inode number, for people */
	__u32 processes;   /* tree: its processes now (tree_tasks entries) */
	char text[SMC_SCOPE_TEXT_MAX]; /* cgroup: path; netns: file named; tree: command */
	__u32 flags;       /* SMC_SCOPE_LAUNCHED */
	__u32 level;       /* cgroup: its level (0: the root), or SMC_LEVEL_UNKNOWN */
};

/* smc_scope_record.level of a cgroup whose level smc_scope could not learn
 * (its cgroup2 mount shows a cgroup namespace's root, not the real one). */
#define SMC_LEVEL_UNKNOWN 0xffffffffU

/* What the socket program must look at, so that a socket() outside every
 * scope, the price every other program on the host pays, skips the lookups
 * that cannot match: the levels at which scoped cgroups are, and whether
 * any network namespace is scoped (tree scopes are always looked up: every
 * launch adds one, and the kernel removes it). smc_scope rewrites it from
 * the records, under its lock, after each change (in_force.h); a record's
 * level never changes (cgroup_mkdir puts a cgroup made again where the old
 * one was). A wider range than needed only costs lookups. */
struct smc_in_force {
	__u32 netns;         /* 1: some network namespace is scoped */
	__u32 cgroup_first;  /* the lowest level of a scoped cgroup */
	__u32 cgroup_end;    /* one past the highest; cgroup_first when none */
	__u32 reserved;
};

/* The key of `cgroup_names`: where a scoped cgroup lives, so that one made
 * again there (a systemd unit's restart) is found by cgroup_mkdir. */
struct smc_cgroup_name {
	__u64 parent_id;
	char name[SMC_CGROUP_NAME_MAX]; /* NUL-padded */
};

/* Where the running kernel keeps the fields the programs read, in bytes,
 * found in its BTF by the loader (kernel_btf.h) and written once into
 * `kernel_facts`: this replaces CO-RE relocations for a handful of fields. */
struct smc_kernel_facts {
	__u32 layout;            /* SMC_LAYOUT_VERSION of whoever made the state */
	__u32 task_tgid;         /* task_struct.tgid */
	__u32 task_signal;       /* task_struct.signal */
	__u32 signal_live;       /* signal_struct.live (atomic_t: its counter) */
	__u32 task_nsproxy;      /* task_struct.nsproxy */
	__u32 nsproxy_net_ns;    /* nsproxy.net_ns */
	__u32 net_cookie;        /* net.net_cookie */
	__u32 cgroup_kn;         /* cgroup.kn */
	__u32 kernfs_parent;     /* kernfs_node.parent (__parent since 6.15) */
	__u32 kernfs_name;       /* kernfs_node.name */
	__u32 kernfs_id;         /* kernfs_node.id */
	__u32 next_scope_id;     /* smc_scope's, under its lock; no program reads it */
};

/* How the loader makes a map: the same numbers as BPF_MAP_CREATE's. The
 * programs declare their maps with these (maps.bpf.h); the skeleton
 * generator reads them back from each object and checks that every program
 * agrees. */
struct smc_map_spec {
	__u32 type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 flags;
};

/* Hash maps allocate their elements as they are added
 * (BPF_F_NO_PREALLOC): the tables are sized for big hosts but mostly empty. */
#define SMC_SCOPES_SPEC \
	{ BPF_MAP_TYPE_HASH, sizeof(__u32), sizeof(struct smc_scope_record), 1024, BPF_F_NO_PREALLOC }
/* tgid -> scope id: every process of every tree scope. */
#define SMC_TREE_TASKS_SPEC \
	{ BPF_MAP_TYPE_HASH, sizeof(__u32), sizeof(__u32), 65536, BPF_F_NO_PREALLOC }
/* cgroup id -> scope id: the scoped cgroups as they are now. */
#define SMC_CGROUP_IDS_SPEC \
	{ BPF_MAP_TYPE_HASH, sizeof(__u64), sizeof(__u32), 4096, BPF_F_NO_PREALLOC }
/* (parent id, name) -> scope id: where each scoped cgroup lives. */
#define SMC_CGROUP_NAMES_SPEC \
	{ BPF_MAP_TYPE_HASH, sizeof(struct smc_cgroup_name), sizeof(__u32), 1024, BPF_F_NO_PREALLOC }
/* network namespace cookie -> scope id. */
#define SMC_NETNS_COOKIES_SPEC \
	{ BPF_MAP_TYPE_HASH, sizeof(__u64), sizeof(__u32), 1024, BPF_F_NO_PREALLOC }
/* One struct smc_in_force, at index 0. */
#define SMC_IN_FORCE_SPEC \
	{ BPF_MAP_TYPE_ARRAY, sizeof(__u32), sizeof(struct smc_in_force), 1, 0 }
/* One struct smc_kernel_facts, at index 0. */
#define SMC_KERNEL_FACTS_SPEC \
	{ BPF_MAP_TYPE_ARRAY, sizeof(__u32), sizeof(struct smc_kernel_facts), 1, 0 }

#endif

// What a user's value names, checked before anything is changed: a
// running process (add tree PID), a cgroup v2 folder (add cgroup PATH), a
// network namespace (add netns PATH|PID). A value that names none of them
// is a usage error (exit 1) that quotes it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bpf/scope_maps.h"
#include "core/common/fd.h"
#include "core/common/result.h"

namespace smc::bpf {

struct ProcessTarget {
  pid_t pid;
  std::string command;  // /proc/PID/comm
  // A pidfd (pidfd_open(2)): after adding the process, whether it was
  // still alive then (scopes.cc checks it; a pid alone could be reused).
  // -1 for this_process(), which is alive while it adds itself.
  Fd pidfd;
};

struct CgroupTarget {
  std::string path;        // absolute, without symbolic links
  std::uint64_t id;        // the cgroup's id: its inode number on cgroup2
  std::uint64_t parent_id; // the id of the one above it; 0 for the root
  std::string name;        // its last path component; "" for the root
  std::uint32_t level;     // 0 for the root; SMC_LEVEL_UNKNOWN (cgroup_level)
};

struct NetnsTarget {
  std::string path;  // the file named, absolute; "" when given by PID
  pid_t pid;         // the process whose namespace it is; 0 for a path
  std::uint64_t cookie;
  std::uint32_t inum;
};

// PID as a decimal number of a running process (not a thread of one).
Result<ProcessTarget> resolve_process(std::string_view pid);

// The calling process, for a launch that adds its own tree. Nothing is
// asked of /proc: its pid is its own, it is alive, and its comm comes
// from prctl(PR_GET_NAME). Reading /proc/PID/status and comm through
// iostreams was a quarter of a launch's time before exec in the TCG guest.
ProcessTarget this_process();

// PATH: a folder of a cgroup v2 hierarchy.
Result<CgroupTarget> resolve_cgroup(std::string_view path);

// The folder above an absolute path: "/" above "/x" and above "/".
std::string parent_folder(const std::string& path);

// A PATH to a network namespace file (/run/netns/NAME, /proc/PID/ns/net),
// or a PID, for that process's. Its cookie is read from inside it
// (setns(2), then SO_NETNS_COOKIE), which needs CAP_SYS_ADMIN.
Result<NetnsTarget> resolve_netns(std::string_view path_or_pid);

// The cookie of the network namespace open at `ns`: the identity the BPF
// program matches, never reused while the host runs.
Result<std::uint64_t> netns_cookie(int ns);

// `path` absolute and without "." and ".." components, without asking
// the file system (the thing it named may be gone).
std::string lexically_absolute(std::string_view path);

}  // namespace smc::bpf

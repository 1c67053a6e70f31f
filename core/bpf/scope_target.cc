#include "core/bpf/scope_target.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/common/quote.h"

namespace smc::bpf {
namespace {

// include/uapi/asm-generic/socket.h (also s390's and arm64's), Linux 5.14.
constexpr int kSoNetnsCookie = 71;

std::optional<pid_t> parse_pid(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < 1 || v > INT_MAX) return std::nullopt;
  return static_cast<pid_t>(v);
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// "Tgid:\t123" of /proc/PID/status: the process a thread belongs to (the
// process itself for its first thread); "" when there is no such pid.
std::string thread_group(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Tgid:", 0) == 0) return line.substr(line.find_first_not_of(" \t", 5));
  }
  return "";
}

}  // namespace

std::string lexically_absolute(std::string_view path) {
  std::string base;
  if (path.empty() || path[0] != '/') {
    char cwd[PATH_MAX];
    base = getcwd(cwd, sizeof(cwd)) != nullptr ? cwd : "/";
  }
  std::vector<std::string> parts;
  const std::string whole = base + "/" + std::string(path);
  std::size_t at = 0;
  while (at <= whole.size()) {
    std::size_t end = whole.find('/', at);
    if (end == std::string::npos) end = whole.size();
    const std::string part = whole.substr(at, end - at);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    at = end + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

Result<ProcessTarget> resolve_process(std::string_view text) {
  const std::optional<pid_t> pid = parse_pid(text);
  if (!pid) return usage_error(fmt::format("{} is not a process id", quote_value(text)));
  // /proc/TID/status is there for a thread too, with its process's id.
  const std::string tgid = thread_group(*pid);
  if (tgid.empty()) return usage_error(fmt::format("there is no process {}", *pid));
  if (tgid != std::to_string(*pid)) {
    return usage_error(fmt::format("{} is a thread of process {}, not a process", *pid, tgid));
  }
  const int fd = static_cast<int>(syscall(SYS_pidfd_open, *pid, 0));
  if (fd < 0) {
    if (errno == ESRCH || errno == ENOENT) return usage_error(fmt::format("there is no process {}", *pid));
    return system_error(fmt::format("pidfd_open {}: {}", *pid, std::strerror(errno)));
  }
  ProcessTarget t{*pid, first_line(fmt::format("/proc/{}/comm", *pid)), Fd(fd)};
  return t;
}

ProcessTarget this_process() {
  // PR_GET_NAME fills 16 bytes, the NUL included (prctl(2)).
  char comm[16] = {};
  if (prctl(PR_GET_NAME, comm) != 0) comm[0] = '\0';
  return ProcessTarget{getpid(), comm, Fd()};
}

namespace {

// A cgroup's level as the socket program's walk counts it
// (bpf_get_current_ancestor_cgroup_id: 0 is the root): the folders between
// it and the top of its cgroup2 mount. The top is the root cgroup only
// where its id is 1, the first a kernfs root hands out (kernfs_create_root,
// fs/kernfs/dir.c); a mount made inside a cgroup namespace shows that
// namespace's cgroup as its top, whose level cannot be seen from here.
std::uint32_t cgroup_level(std::string path, dev_t dev) {
  std::uint32_t level = 0;
  for (;;) {
    const std::string parent = parent_folder(path);
    struct stat up{};
    if (path == "/" || stat(parent.c_str(), &up) != 0 || up.st_dev != dev) break;
    path = parent;
    ++level;
  }
  struct stat top{};
  return stat(path.c_str(), &top) == 0 && top.st_ino == 1 ? level : SMC_LEVEL_UNKNOWN;
}

}  // namespace

std::string parent_folder(const std::string& path) {
  return path.substr(0, std::max<std::size_t>(path.rfind('/'), 1));
}

Result<CgroupTarget> resolve_cgroup(std::string_view text) {
  const std::string given(text);
  struct statfs fs{};
  struct stat st{};
  if (statfs(given.c_str(), &fs) != 0 || stat(given.c_str(), &st) != 0) {
    return usage_error(fmt::format("{} is not a cgroup: {}", quote_value(text),
                                   std::strerror(errno)));
  }
  if (fs.f_type != CGROUP2_SUPER_MAGIC || !S_ISDIR(st.st_mode)) {
    return usage_error(fmt::format(
        "{} is not a cgroup (a folder of a cgroup v2 file system, as mounted on "
        "/sys/fs/cgroup)",
        quote_value(text)));
  }
  char* real = realpath(given.c_str(), nullptr);
  if (real == nullptr) return usage_error(fmt::format("{}: {}", quote_value(text), std::strerror(errno)));
  CgroupTarget t{real, 0, 0, "", SMC_LEVEL_UNKNOWN};
  std::free(real);
  // A cgroup's id is its kernfs node's id, which cgroup2 gives as the
  // inode number on 64-bit hosts (kernfs_id_ino, include/linux/kernfs.h).
  t.id = st.st_ino;
  const std::string parent = parent_folder(t.path);
  struct statfs parent_fs{};
  struct stat parent_st{};
  if (statfs(parent.c_str(), &parent_fs) == 0 && parent_fs.f_type == CGROUP2_SUPER_MAGIC &&
      stat(parent.c_str(), &parent_st) == 0 && parent_st.st_dev == st.st_dev) {
    t.parent_id = parent_st.st_ino;
    t.name = t.path.substr(t.path.rfind('/') + 1);
  }
  t.level = cgroup_level(t.path, st.st_dev);
  return t;
}

Result<std::uint64_t> netns_cookie(int ns) {
  const Fd own(open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
  if (own.get() < 0) return system_error(fmt::format("cannot open this thread's network namespace: {}", std::strerror(errno)));
  if (setns(ns, CLONE_NEWNET) != 0) {
    const std::string why = fmt::format("cannot enter the network namespace to read its cookie: {}",
                                        std::strerror(errno));
    return errno == EPERM ? permission_error(why + " (it needs CAP_SYS_ADMIN)") : system_error(why);
  }
  const Fd s(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  std::uint64_t cookie = 0;
  socklen_t length = sizeof(cookie);
  const bool read = s.get() >= 0 &&
                    getsockopt(s.get(), SOL_SOCKET, kSoNetnsCookie, &cookie, &length) == 0;
  const int error = errno;
  if (setns(own.get(), CLONE_NEWNET) != 0) {
    // Better to stop than to go on in someone else's namespace.
    std::abort();
  }
  if (!read) {
    return unsupported_error(fmt::format("cannot read a network namespace's cookie: {} (Linux 5.14 and later have SO_NETNS_COOKIE)", std::strerror(error)));
  }
  return cookie;
}

Result<NetnsTarget> resolve_netns(std::string_view text) {
  NetnsTarget t{"", 0, 0, 0};
  std::string file;
  if (const std::optional<pid_t> pid = parse_pid(text)) {
    t.pid = *pid;
    file = fmt::format("/proc/{}/ns/net", *pid);
  } else {
    t.path = lexically_absolute(text);
    file = std::string(text);
  }
  const Fd ns(open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (ns.get() < 0) {
    if (t.pid != 0 && errno == ENOENT) return usage_error(fmt::format("there is no process {}", t.pid));
    return usage_error(fmt::format("{} is not a network namespace: {}", quote_value(text),
                                   std::strerror(errno)));
  }
  // NS_GET_NSTYPE (include/uapi/linux/nsfs.h, Linux 4.11): the kind of a
  // namespace file; anything else fails it.
  struct stat st{};
  if (ioctl(ns.get(), NS_GET_NSTYPE) != CLONE_NEWNET || fstat(ns.get(), &st) != 0) {
    return usage_error(fmt::format("{} is not a network namespace", quote_value(text)));
  }
  t.inum = static_cast<std::uint32_t>(st.st_ino);
  Result<std::uint64_t> cookie = netns_cookie(ns.get());
  if (!cookie) return cookie.error();
  t.cookie = *cookie;
  return t;
}

}  // namespace smc::bpf

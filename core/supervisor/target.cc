#include "core/supervisor/target.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/supervisor/bounded_read.h"

namespace smc {
namespace {

// The value of the "Key:\t" line in `text`, up to its end, or nullptr.
const char* field(const char* text, const char* key, std::size_t* length) {
  const std::size_t key_length = std::strlen(key);
  for (const char* line = text; line != nullptr && *line != '\0';) {
    const char* end = std::strchr(line, '\n');
    if (std::strncmp(line, key, key_length) == 0 && line[key_length] == ':') {
      const char* value = line + key_length + 1;
      while (*value == '\t' || *value == ' ') ++value;
      *length = end != nullptr ? static_cast<std::size_t>(end - value)
                               : std::strlen(value);
      return value;
    }
    line = end != nullptr ? end + 1 : nullptr;
  }
  return nullptr;
}

// Reads /proc/TID/NAME into text (NUL-ended); its length, or -1.
ssize_t read_proc(pid_t tid, const char* name, char* text, std::size_t capacity) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/%s", static_cast<int>(tid), name);
  const int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  const ssize_t n = read(fd, text, capacity - 1);
  close(fd);
  text[n > 0 ? n : 0] = '\0';
  return n;
}

// The Tgid of task `tid` from /proc/TID/status (text of `capacity`
// bytes), or `tid` when it cannot be read.
long read_tgid(pid_t tid, char* text, std::size_t capacity) {
  if (read_proc(tid, "status", text, capacity) <= 0) return tid;
  std::size_t length = 0;
  const char* tgid = field(text, "Tgid", &length);
  const long value = tgid != nullptr ? std::strtol(tgid, nullptr, 10) : 0;
  return value > 0 ? value : tid;
}

// /proc/TID/cmdline is read from the caller's memory (fs/proc/base.c,
// get_mm_cmdline: access_remote_vm), which may not answer: bounded.
ssize_t read_cmdline(pid_t tid, char* text, std::size_t capacity) {
  return bounded_read(
      tid, [tid, capacity](char* buffer) { return read_proc(tid, "cmdline", buffer, capacity); },
      text, capacity);
}

}  // namespace

bool name_from_cmdline(const char* cmdline, std::size_t length, char* out,
                       std::size_t capacity) {
  const std::size_t first = strnlen(cmdline, length);
  const char* name = cmdline;
  for (std::size_t i = 0; i < first; ++i) {
    if (cmdline[i] == '/') name = cmdline + i + 1;
  }
  std::size_t size = static_cast<std::size_t>(cmdline + first - name);
  if (size == 0 || capacity == 0) return false;
  if (size >= capacity) size = capacity - 1;
  std::memcpy(out, name, size);
  out[size] = '\0';
  return true;
}

TargetName read_target_name(pid_t tid) {
  TargetName t{};
  std::strcpy(t.name, "?");
  t.pid = tid;
  // Name and Tgid are among the first lines; 1 KiB holds them.
  char text[1024];
  if (read_proc(tid, "status", text, sizeof text) <= 0) return t;
  std::size_t length = 0;
  if (const char* name = field(text, "Name", &length)) {
    if (length >= sizeof t.name) length = sizeof t.name - 1;
    std::memcpy(t.name, name, length);
    t.name[length] = '\0';
  }
  if (const char* tgid = field(text, "Tgid", &length)) {
    const long value = std::strtol(tgid, nullptr, 10);
    if (value > 0) t.pid = value;
  }
  // comm is cut at 15 bytes; argv[0] is what the library's lines show.
  // Where it cannot be read in time, comm stands.
  char cmdline[512];
  const ssize_t n = read_cmdline(tid, cmdline, sizeof cmdline);
  if (n > 0) name_from_cmdline(cmdline, static_cast<std::size_t>(n), t.name, sizeof t.name);
  return t;
}

ino_t own_net_ns() {
  struct stat st {};
  return stat("/proc/self/ns/net", &st) == 0 ? st.st_ino : 0;
}

NetNs compare_net_ns(pid_t tid, ino_t ours) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/ns/net", static_cast<int>(tid));
  struct stat st {};
  if (ours == 0 || stat(path, &st) != 0) return NetNs::kUnknown;
  return st.st_ino == ours ? NetNs::kSame : NetNs::kOther;
}

bool read_target_memory(pid_t tid, std::uint64_t address, void* out,
                        std::size_t length) {
  if (address == 0) {
    errno = EFAULT;
    return false;
  }
  const auto read = [tid, address, length](char* buffer) {
    iovec local{buffer, length};
    iovec remote{reinterpret_cast<void*>(address), length};
    return process_vm_readv(tid, &local, 1, &remote, 1, 0);
  };
  const ssize_t n = bounded_read(tid, read, out, length);
  if (n >= 0 && n != static_cast<ssize_t>(length)) errno = EFAULT;  // a partial read
  return n == static_cast<ssize_t>(length);
}

int copy_target_fd(pid_t tid, int fd) {
  // pidfd_open() takes a process, not a thread, before Linux 6.9
  // (PIDFD_THREAD); the descriptor table is the process's anyway.
  char status[1024];
  const long tgid = read_tgid(tid, status, sizeof status);
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, tgid, 0));
  if (pidfd < 0) return -1;
  const int copy = static_cast<int>(syscall(SYS_pidfd_getfd, pidfd, fd, 0));
  const int error = errno;
  close(pidfd);
  errno = error;
  return copy;
}

bool target_fd_cloexec(pid_t tid, int fd) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", static_cast<int>(tid), fd);
  const int info = open(path, O_RDONLY | O_CLOEXEC);
  if (info < 0) return false;
  char text[512];
  const ssize_t n = read(info, text, sizeof text - 1);
  close(info);
  if (n <= 0) return false;
  text[n] = '\0';
  std::size_t length = 0;
  const char* flags = field(text, "flags", &length);
  // Octal open flags; O_CLOEXEC stands for FD_CLOEXEC here (fs/proc/fd.c).
  return flags != nullptr && (std::strtoul(flags, nullptr, 8) & O_CLOEXEC) != 0;
}

}  // namespace smc

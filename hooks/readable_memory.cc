#include "hooks/readable_memory.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>

namespace smc {
namespace {

constexpr std::uintptr_t kGranule = 4096;  // see readable_memory.h

std::uintptr_t granule_of(std::uintptr_t address) { return address & ~(kGranule - 1); }

// The kernel's sigset_t is 8 bytes on every 64-bit architecture
// (_NSIG 64, include/uapi/asm-generic/signal.h); rt_sigprocmask checks
// the size before it copies.
constexpr std::size_t kKernelSigset = 8;

// The granule at `aligned` (4096-aligned, so 8 bytes from its start or
// from 8 past it lie in one page).
bool granule_readable(std::uintptr_t aligned) {
  // A NULL set means "no new mask" and would answer 0 for page 0: the
  // page is asked about 8 bytes in. -1 is no SIG_BLOCK, SIG_UNBLOCK or
  // SIG_SETMASK: nothing is changed.
  const std::uintptr_t at = aligned == 0 ? 8 : aligned;
  const long r = syscall(SYS_rt_sigprocmask, -1, reinterpret_cast<const void*>(at), nullptr,
                         kKernelSigset);
  return !(r < 0 && errno == EFAULT);
}

}  // namespace

bool readable(const void* start, std::size_t length) {
  if (length == 0) return true;
  const auto first = reinterpret_cast<std::uintptr_t>(start);
  if (first + length < first) return false;  // wraps around the address space
  const int saved_errno = errno;
  bool ok = true;
  for (std::uintptr_t g = granule_of(first); ok && g <= granule_of(first + length - 1);
       g += kGranule) {
    ok = granule_readable(g);
    if (g + kGranule < g) break;  // the last granule of the address space
  }
  errno = saved_errno;
  return ok;
}

namespace {

// Remembers the last granule found readable, so that walking strings and
// arrays asks the kernel once per granule, not once per byte.
class Walker {
 public:
  bool ok(const void* at) {
    const std::uintptr_t g = granule_of(reinterpret_cast<std::uintptr_t>(at));
    if (g == known_) return true;
    if (!readable(reinterpret_cast<const void*>(g), 1)) return false;
    known_ = g;
    return true;
  }
  // The string at `text`, byte by byte up to its NUL.
  bool ok_string(const char* text) {
    for (const char* c = text;; ++c) {
      if (!ok(c)) return false;
      if (*c == '\0') return true;
    }
  }

 private:
  std::uintptr_t known_ = 1;  // no granule starts there
};

}  // namespace

bool readable_string(const char* text) { return Walker().ok_string(text); }

bool readable_environment(char* const* envp) {
  if (envp == nullptr) return true;
  Walker array;
  Walker strings;
  for (char* const* e = envp;; ++e) {
    // A pointer is 8-aligned in a well-formed array, but a caller's may
    // not be: both ends of the slot are asked about.
    if (!array.ok(e) || !array.ok(reinterpret_cast<const char*>(e + 1) - 1)) return false;
    if (*e == nullptr) return true;
    if (!strings.ok_string(*e)) return false;
  }
}

}  // namespace smc

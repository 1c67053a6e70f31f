#include "hooks/child_launch.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hooks/child_env.h"
#include "base/log_line.h"
#include "hooks/own_library.h"
#include "hooks/readable_memory.h"
#include "hooks/state.h"

namespace smc {
namespace {

// One -d line when the child gets something else than the program's own
// environment and descriptor.
void report(const char* what, const LibraryEntry& entry, bool changed) {
  LogLine line;
  line.str(what).str(": ");
  switch (entry.carrier) {
    case Carrier::kNone:
      line.str("cannot hand the library on: ").str(entry.why).str("; the child runs without it");
      break;
    case Carrier::kFreshCopy:
      if (const char* file = own_library_path()) {
        line.str("the library's file ").str(file).str(" was replaced");
      } else {
        line.str("the library's descriptor was closed or reused");
      }
      line.str("; the child gets a new copy at ").str(entry.path);
      break;
    case Carrier::kDuplicate:
      line.str("the library's descriptor would not reach the child (close-on-exec, or a "
               "file action of the spawn on its number); the child gets it at ")
          .str(entry.path);
      break;
    case Carrier::kDescriptor:
    case Carrier::kPath:
      if (!changed) return;
      line.str("LD_PRELOAD and SMC settings restored for the child");
      break;
  }
  line.emit();
}

}  // namespace

ChildLaunch::ChildLaunch(char* const* envp, const char* what, FdAvoid avoid,
                         const void* context)
    : envp_(envp) {
  if (!own_library_known()) return;
  // An environment the kernel could not read is handed on as it is, unread:
  // the real call then fails with the kernel's EFAULT, as without us.
  if (!readable_environment(envp)) return;
  const int saved_errno = errno;
  State scratch;
  const State& state = current_state(scratch);
  LibraryEntry entry;
  entry_for_child(avoid, context, &entry);
  if (entry.temporary) temporary_fd_ = entry.fd;
  const ChildNeeds needs{entry.path, is_our_entry, nullptr, state.settings.carried,
                         state.settings.inherit};
  std::size_t needed = 0;
  char* const* result =
      child_environment(envp, needs, arena_, sizeof arena_, &needed);
  if (result == nullptr) {
    void* map = mmap(nullptr, needed, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map != MAP_FAILED) {
      mapped_ = map;
      mapped_size_ = needed;
      result = child_environment(envp, needs, map, needed, &needed);
    }
  }
  if (result != nullptr) envp_ = result;
  changed_ = envp_ != envp;
  if (state.settings.debug) report(what, entry, changed_);
  errno = saved_errno;
}

ChildLaunch::~ChildLaunch() {
  if (mapped_ == nullptr && temporary_fd_ < 0) return;
  const int saved_errno = errno;
  if (mapped_ != nullptr) munmap(mapped_, mapped_size_);
  if (temporary_fd_ >= 0) close(temporary_fd_);
  errno = saved_errno;
}

}  // namespace smc

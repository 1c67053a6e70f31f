#include "hooks/child_launch.h"

#include <errno.h>
#include <sys/mman.h>

#include "hooks/child_env.h"
#include "base/log_line.h"
#include "hooks/own_library.h"
#include "hooks/state.h"

namespace smc {

ChildLaunch::ChildLaunch(char* const* envp, const char* what) : envp_(envp) {
  if (!own_library_known()) return;
  const int saved_errno = errno;
  State scratch;
  const State& state = current_state(scratch);
  char entry[256];
  bool recreated = false;
  const bool have_entry = entry_for_children(entry, sizeof entry, &recreated);
  const ChildNeeds needs{have_entry ? entry : nullptr, is_our_entry, nullptr,
                         state.settings.carried, state.settings.inherit};
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
  if (state.settings.debug && (changed_ || recreated || !have_entry)) {
    LogLine line;
    line.str(what).str(": ");
    if (!have_entry) {
      line.str("cannot hand the library on; the child runs without it");
    } else if (recreated) {
      line.str("the library's descriptor was closed or reused; the child "
               "gets a new copy at ")
          .str(entry);
    } else {
      line.str("LD_PRELOAD and SMC settings restored for the child");
    }
    line.emit();
  }
  errno = saved_errno;
}

ChildLaunch::~ChildLaunch() {
  if (mapped_ == nullptr) return;
  const int saved_errno = errno;
  munmap(mapped_, mapped_size_);
  errno = saved_errno;
}

}  // namespace smc

// posix_spawn_file_actions_*() hooks: which descriptor numbers a spawn's
// file actions touch (hooks/spawn_actions.h).
//
// Rewritten: posix_spawn_file_actions_addclosefrom_np, when the library's
// memfd (/proc/self/fd/M in children's LD_PRELOAD) is at or above `from`:
// the one action becomes "close each of from..M-1" plus "close from M+1
// up", so that the memfd survives (it is sealed and read-only: a child
// that keeps it can do nothing with it it could not do already). The list
// grows by at most ~1000 entries, as the memfd sits below 1024 where it
// can (base/sealed_memfd.h); a close action on a descriptor the child does
// not have is not an error (glibc's spawni ignores EBADF for those).
// Passed through untouched: every call itself (addopen, adddup2, addclose,
// addfchdir_np, init, destroy); each only notes, once libc has taken the
// action, the numbers it touches against its actions object. posix_spawn's
// hook asks actions_touch() before it picks the child's library descriptor.
// No allocation, no locks: a table of kRecords objects, plus one record
// for all those it has no room for.

#include "hooks/spawn_actions.h"

#include <errno.h>
#include <limits.h>

#include <atomic>
#include <cstdint>

#include "hooks/own_library.h"
#include "hooks/state.h"

namespace smc {
namespace {

constexpr int kRecords = 64;
constexpr int kLowNumbers = 1024;  // the library's descriptors sit below
// A key that no actions object has, held while a record is being cleared.
const void* const kClaiming = reinterpret_cast<const void*>(1);

struct Record {
  std::atomic<const void*> key{nullptr};
  std::atomic<std::uint64_t> low[kLowNumbers / 64] = {};
  std::atomic<int> high_max{-1};    // highest number >= kLowNumbers touched
  std::atomic<int> from{INT_MAX};   // lowest "close from here up"
  std::atomic<int> spared{-1};      // the number that closefrom spared (ours)

  void clear() {
    for (auto& word : low) word.store(0);
    high_max.store(-1);
    from.store(INT_MAX);
    spared.store(-1);
  }
  void touch(int fd) {
    if (fd < 0) return;
    if (fd < kLowNumbers) {
      low[fd / 64].fetch_or(std::uint64_t{1} << (fd % 64));
      return;
    }
    int seen = high_max.load();
    while (fd > seen && !high_max.compare_exchange_weak(seen, fd)) {
    }
  }
  void close_from(int first, int spare) {
    int seen = from.load();
    while (first < seen && !from.compare_exchange_weak(seen, first)) {
    }
    spared.store(spare);
  }
  bool touches(int fd) const {
    if (fd >= from.load() && fd != spared.load()) return true;
    if (fd >= kLowNumbers) return fd <= high_max.load();
    return (low[fd / 64].load() >> (fd % 64) & 1) != 0;
  }
  bool empty() const {
    for (const auto& word : low) {
      if (word.load() != 0) return false;
    }
    return high_max.load() < 0 && from.load() == INT_MAX;
  }
};

Record g_records[kRecords];
Record g_overflow;  // every actions object the table has no room for

Record* find(const void* actions) {
  for (Record& r : g_records) {
    if (r.key.load(std::memory_order_acquire) == actions) return &r;
  }
  return nullptr;
}

// The record of `actions`, made when it has none.
Record& record_of(const void* actions) {
  if (Record* r = find(actions)) return *r;
  for (Record& r : g_records) {
    const void* expected = nullptr;
    if (r.key.compare_exchange_strong(expected, kClaiming)) {
      r.clear();
      r.key.store(actions, std::memory_order_release);
      return r;
    }
  }
  return g_overflow;
}

// init and destroy: whatever was noted for this address is over.
void forget(const void* actions) {
  Record* r = find(actions);
  if (r == nullptr) return;
  r->clear();
  r->key.store(nullptr, std::memory_order_release);
}

const RealCalls& real(State& scratch) { return current_state(scratch).real; }

}  // namespace

bool actions_touch(int fd, const void* actions) {
  if (actions == nullptr) return false;
  if (const Record* r = find(actions)) return r->touches(fd);
  return !g_overflow.empty() && g_overflow.touches(fd);
}

}  // namespace smc

extern "C" int posix_spawn_file_actions_init(posix_spawn_file_actions_t* actions) {
  smc::forget(actions);
  smc::State scratch;
  return smc::real(scratch).actions_init(actions);
}

extern "C" int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t* actions) {
  smc::forget(actions);
  smc::State scratch;
  return smc::real(scratch).actions_destroy(actions);
}

extern "C" int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t* actions,
                                                int fd, const char* path, int flags,
                                                mode_t mode) {
  smc::State scratch;
  const int error = smc::real(scratch).addopen(actions, fd, path, flags, mode);
  if (error == 0) smc::record_of(actions).touch(fd);
  return error;
}

extern "C" int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t* actions,
                                                int fd, int new_fd) {
  smc::State scratch;
  const int error = smc::real(scratch).adddup2(actions, fd, new_fd);
  if (error == 0) {
    // The source too: a number we would take for the library must not be
    // one the child reads from.
    smc::Record& r = smc::record_of(actions);
    r.touch(fd);
    r.touch(new_fd);
  }
  return error;
}

extern "C" int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t* actions,
                                                 int fd) {
  smc::State scratch;
  const int error = smc::real(scratch).addclose(actions, fd);
  if (error == 0) smc::record_of(actions).touch(fd);
  return error;
}

extern "C" int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t* actions,
                                                     int fd) {
  smc::State scratch;
  const int error = smc::real(scratch).addfchdir(actions, fd);
  if (error == 0) smc::record_of(actions).touch(fd);
  return error;
}

extern "C" int posix_spawn_file_actions_addclosefrom_np(
    posix_spawn_file_actions_t* actions, int from) {
  smc::State scratch;
  const smc::RealCalls& real = smc::real(scratch);
  const int ours = smc::own_library_fd();
  if (ours < 0 || from < 0 || ours < from) {
    const int error = real.addclosefrom(actions, from);
    if (error == 0) smc::record_of(actions).close_from(from, -1);
    return error;
  }
  for (int fd = from; fd < ours; ++fd) {
    const int error = real.addclose(actions, fd);
    if (error != 0) return error;
  }
  int error = real.addclosefrom(actions, ours + 1);
  // Past the descriptor limit there is nothing left to close.
  if (error == EBADF) error = 0;
  if (error == 0) smc::record_of(actions).close_from(from, ours);
  return error;
}

// Our own definitions, by names no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("posix_spawn_file_actions_init"),
                          copy(posix_spawn_file_actions_init))) int
smc_own_posix_spawn_file_actions_init(posix_spawn_file_actions_t*);
extern "C" __attribute__((visibility("hidden"), alias("posix_spawn_file_actions_destroy"),
                          copy(posix_spawn_file_actions_destroy))) int
smc_own_posix_spawn_file_actions_destroy(posix_spawn_file_actions_t*);
extern "C" __attribute__((visibility("hidden"), alias("posix_spawn_file_actions_addopen"),
                          copy(posix_spawn_file_actions_addopen))) int
smc_own_posix_spawn_file_actions_addopen(posix_spawn_file_actions_t*, int, const char*,
                                         int, mode_t);
extern "C" __attribute__((visibility("hidden"), alias("posix_spawn_file_actions_adddup2"),
                          copy(posix_spawn_file_actions_adddup2))) int
smc_own_posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t*, int, int);
extern "C" __attribute__((visibility("hidden"), alias("posix_spawn_file_actions_addclose"),
                          copy(posix_spawn_file_actions_addclose))) int
smc_own_posix_spawn_file_actions_addclose(posix_spawn_file_actions_t*, int);
extern "C" __attribute__((visibility("hidden"),
                          alias("posix_spawn_file_actions_addfchdir_np"),
                          copy(posix_spawn_file_actions_addfchdir_np))) int
smc_own_posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t*, int);
extern "C" __attribute__((visibility("hidden"),
                          alias("posix_spawn_file_actions_addclosefrom_np"),
                          copy(posix_spawn_file_actions_addclosefrom_np))) int
smc_own_posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t*,
                                                 int);

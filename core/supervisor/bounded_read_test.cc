#include "core/supervisor/bounded_read.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>

namespace smc {
namespace {

using std::chrono::milliseconds;

// A read that ends only when told to.
std::atomic<bool> released{false};
std::atomic<int> started{0};

ssize_t read_when_released(char* buffer) {
  ++started;
  while (!released) usleep(1000);
  std::memcpy(buffer, "late", 4);
  return 4;
}

ssize_t read_at_once(char* buffer) {
  std::memcpy(buffer, "soon", 4);
  return 4;
}

ssize_t read_fails(char*) {
  errno = EPERM;
  return -1;
}

TEST_CASE("a read that ends in time gives its bytes, or its errno") {
  char out[4] = {};
  CHECK(bounded_read(101, read_at_once, out, sizeof out) == 4);
  CHECK(std::memcmp(out, "soon", 4) == 0);
  CHECK(bounded_read(101, read_fails, out, sizeof out) == -1);
  CHECK(errno == EPERM);
}

TEST_CASE("a read that does not end in time is given up, and its caller's next ones too") {
  char out[4] = {};
  released = false;
  CHECK(bounded_read(202, read_when_released, out, sizeof out, milliseconds(20)) == -1);
  CHECK(errno == ETIMEDOUT);
  // The same caller's next read fails at once while the first still runs;
  // another caller's is served by another reader.
  CHECK(bounded_read(202, read_at_once, out, sizeof out) == -1);
  CHECK(errno == ETIMEDOUT);
  CHECK(bounded_read(303, read_at_once, out, sizeof out) == 4);
  released = true;
  // Once the stuck read has ended, its caller is read again.
  ssize_t n = -1;
  while ((n = bounded_read(202, read_at_once, out, sizeof out)) < 0) usleep(1000);
  CHECK(n == 4);
}

TEST_CASE("readers stuck for good are bounded in number; later reads fail at once") {
  char out[4] = {};
  released = false;
  started = 0;
  // A read given up before its reader began it is skipped, and that reader
  // is free again: ask until kMaxReaders readers are stuck in theirs.
  for (int tid = 1000; started < kMaxReaders; ++tid) {
    CHECK(bounded_read(tid, read_when_released, out, sizeof out, milliseconds(20)) == -1);
  }
  CHECK(bounded_read(2000, read_at_once, out, sizeof out) == -1);
  CHECK(errno == EAGAIN);
  released = true;
}

}  // namespace
}  // namespace smc

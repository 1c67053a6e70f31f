#include "core/supervisor/target.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>

namespace smc {
namespace {

// A thread of this process that waits, so that its id can be used as the
// kernel reports a notification's caller: by thread, not process.
class Waiting {
 public:
  Waiting() : t_([this] {
      tid_ = gettid();
      while (!done_) usleep(1000);
    }) {
    while (tid_ == 0) usleep(1000);
  }
  ~Waiting() {
    done_ = true;
    t_.join();
  }
  pid_t tid() const { return tid_; }

 private:
  std::atomic<pid_t> tid_{0};
  std::atomic<bool> done_{false};
  std::thread t_;
};

TEST_CASE("a caller's name and process id are read by its thread id") {
  Waiting thread;
  const TargetName t = read_target_name(thread.tid());
  CHECK(t.pid == getpid());
  CHECK(std::string(t.name) == "target_test");
  const TargetName gone = read_target_name(0x3fffffff);
  CHECK(std::string(gone.name) == "?");
  CHECK(gone.pid == 0x3fffffff);
}

TEST_CASE("a caller's name is argv[0] after its last slash, as the library says it") {
  struct Row {
    std::string cmdline;
    const char* name;  // nullptr: none
  };
  const Row rows[] = {
      {std::string("/usr/bin/curl\0-s\0", 17), "curl"},
      {std::string("go_probe\0get\0", 13), "go_probe"},
      {std::string("./a/b/seccomp_probe_musl_is_longer_than_comm\0", 45),
       "seccomp_probe_musl_is_longer_than_comm"},
      {std::string("dir/\0x\0", 7), nullptr},
      {std::string("", 0), nullptr},
  };
  for (const Row& row : rows) {
    CAPTURE(row.cmdline);
    char out[64] = "unchanged";
    const bool found = name_from_cmdline(row.cmdline.data(), row.cmdline.size(), out, sizeof out);
    CHECK(found == (row.name != nullptr));
    CHECK(std::string(out) == (row.name != nullptr ? row.name : "unchanged"));
  }
  char small[5];
  CHECK(name_from_cmdline("/bin/longname", 13, small, sizeof small));
  CHECK(std::string(small) == "long");
}

TEST_CASE("a caller's descriptors are copied by its thread id") {
  Waiting thread;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  const int copy = copy_target_fd(thread.tid(), fd);
  REQUIRE(copy >= 0);
  struct stat a {}, b {};
  fstat(fd, &a);
  fstat(copy, &b);
  CHECK(a.st_ino == b.st_ino);  // the same socket
  CHECK((fcntl(copy, F_GETFD) & FD_CLOEXEC) != 0);
  CHECK_FALSE(target_fd_cloexec(thread.tid(), fd));
  const int cloexec = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  CHECK(target_fd_cloexec(thread.tid(), cloexec));
  CHECK(copy_target_fd(thread.tid(), 4000) < 0);
  CHECK(errno == EBADF);
  close(copy);
  close(cloexec);
  close(fd);
}

TEST_CASE("a caller's memory is read by its thread id, bad addresses refused") {
  Waiting thread;
  static const char kText[] = "sockaddr";
  char got[sizeof kText] = {};
  CHECK(read_target_memory(thread.tid(), reinterpret_cast<std::uintptr_t>(kText), got,
                           sizeof got));
  CHECK(std::memcmp(got, kText, sizeof got) == 0);
  CHECK_FALSE(read_target_memory(thread.tid(), 8, got, sizeof got));
  CHECK_FALSE(read_target_memory(thread.tid(), 0, got, sizeof got));
}

TEST_CASE("a caller in this network namespace is seen as such") {
  Waiting thread;
  CHECK(own_net_ns() != 0);
  CHECK(compare_net_ns(thread.tid(), own_net_ns()) == NetNs::kSame);
  CHECK(compare_net_ns(thread.tid(), own_net_ns() + 1) == NetNs::kOther);
  CHECK(compare_net_ns(0x3fffffff, own_net_ns()) == NetNs::kUnknown);
}

}  // namespace
}  // namespace smc

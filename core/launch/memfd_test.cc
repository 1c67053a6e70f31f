#include "core/launch/memfd.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string>

namespace smc {
namespace {

const std::array<unsigned char, 5> kBytes = {'h', 'e', 'l', 'l', 'o'};

std::string link_of(int fd) {
  char buf[256];
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t n = readlink(path.c_str(), buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
}

TEST_CASE("sealed memfd holds the bytes under its name") {
  const auto m = make_sealed_memfd(kBytes, "libsmc-preload.so");
  REQUIRE_MESSAGE(m.ok(), m.error().message);
  CHECK(link_of(m->fd) == "/memfd:libsmc-preload.so (deleted)");
  char buf[16] = {};
  CHECK(pread(m->fd, buf, sizeof buf, 0) == 5);
  CHECK(std::string(buf) == "hello");
  CHECK((fcntl(m->fd, F_GETFD) & FD_CLOEXEC) != 0);
  close(m->fd);
}

TEST_CASE("sealed memfd rejects writes, truncation, growth and new seals") {
  const auto m = make_sealed_memfd(kBytes, "libsmc-preload.so");
  REQUIRE(m.ok());
  const int seals = fcntl(m->fd, F_GET_SEALS);
  CHECK((seals & F_SEAL_WRITE) != 0);
  CHECK((seals & F_SEAL_GROW) != 0);
  CHECK((seals & F_SEAL_SHRINK) != 0);
  CHECK((seals & F_SEAL_SEAL) != 0);
  CHECK(pwrite(m->fd, "x", 1, 0) == -1);
  CHECK(errno == EPERM);
  CHECK(ftruncate(m->fd, 1) == -1);
  CHECK(errno == EPERM);
  CHECK(ftruncate(m->fd, 4096) == -1);
  CHECK(errno == EPERM);
  CHECK(pwrite(m->fd, "x", 1, 5) == -1);
  CHECK(fcntl(m->fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE) == -1);
  // Writable shared mappings are refused too.
  CHECK(mmap(nullptr, 5, PROT_WRITE, MAP_SHARED, m->fd, 0) == MAP_FAILED);
  close(m->fd);
}

TEST_CASE("memfd moves to the highest free descriptor and survives exec") {
  const auto m = make_sealed_memfd(kBytes, "libsmc-preload.so");
  REQUIRE(m.ok());
  rlimit limit{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &limit) == 0);
  const int ceiling = static_cast<int>(std::min<rlim_t>(1024, limit.rlim_cur));
  const int old_fd = m->fd;
  const auto fd = keep_across_exec(old_fd);
  REQUIRE(fd.ok());
  REQUIRE(fd->has_value());
  const int placed = **fd;
  CHECK(placed == ceiling - 1);
  CHECK(fcntl(placed, F_GETFD) == 0);  // no FD_CLOEXEC
  CHECK(fcntl(old_fd, F_GETFD) == -1);
  CHECK(link_of(placed) == "/memfd:libsmc-preload.so (deleted)");

  // The next one goes just below, as the highest is taken.
  const auto m2 = make_sealed_memfd(kBytes, "libsmc-preload.so");
  REQUIRE(m2.ok());
  const auto fd2 = keep_across_exec(m2->fd);
  REQUIRE(fd2.ok());
  REQUIRE(fd2->has_value());
  CHECK(**fd2 == ceiling - 2);
  close(placed);
  close(**fd2);
}

// Runs `body` with the soft descriptor limit at `soft` (and the hard one at
// `hard`, when it may be lowered for the test alone: in a child process).
template <typename Body>
int with_limits(rlim_t soft, rlim_t hard, Body body) {
  const pid_t child = fork();
  if (child == 0) {
    rlimit limit{soft, hard};
    _exit(setrlimit(RLIMIT_NOFILE, &limit) == 0 ? body() : 99);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

TEST_CASE("memfd goes past a soft limit that would leave the program no room") {
  // Soft limit 8, hard 64: taking a number below 8 would leave the program
  // almost none, so the memfd sits at 8, above every number it may open.
  CHECK(with_limits(8, 64, [] {
          const auto m = make_sealed_memfd(kBytes, "libsmc-preload.so");
          if (!m.ok()) return 1;
          const auto fd = keep_across_exec(m->fd);
          if (!fd.ok() || !fd->has_value()) return 2;
          rlimit after{};
          getrlimit(RLIMIT_NOFILE, &after);
          if (after.rlim_cur != 8) return 3;  // the soft limit is back
          return **fd == 8 ? 0 : 4;
        }) == 0);
}

TEST_CASE("memfd finds no number where soft and hard limits leave no room") {
  CHECK(with_limits(8, 8, [] {
          const auto m = make_sealed_memfd(kBytes, "libsmc-preload.so");
          if (!m.ok()) return 1;
          const int old_fd = m->fd;
          const auto fd = keep_across_exec(m->fd);
          if (!fd.ok()) return 2;
          if (fd->has_value()) return 3;
          return fcntl(old_fd, F_GETFD) == -1 ? 0 : 4;  // closed, not leaked
        }) == 0);
}

}  // namespace
}  // namespace smc

#include "core/memfd/memfd.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
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
  CHECK(*fd == ceiling - 1);
  CHECK(fcntl(*fd, F_GETFD) == 0);  // no FD_CLOEXEC
  CHECK(fcntl(old_fd, F_GETFD) == -1);
  CHECK(link_of(*fd) == "/memfd:libsmc-preload.so (deleted)");

  // The next one goes just below, as the highest is taken.
  const auto m2 = make_sealed_memfd(kBytes, "libsmc-preload.so");
  REQUIRE(m2.ok());
  const auto fd2 = keep_across_exec(m2->fd);
  REQUIRE(fd2.ok());
  CHECK(*fd2 == ceiling - 2);
  close(*fd);
  close(*fd2);
}

TEST_CASE("memfd stays put when no higher descriptor is allowed") {
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &saved) == 0);
  const auto m = make_sealed_memfd(kBytes, "libsmc-preload.so");
  REQUIRE(m.ok());
  rlimit tight = saved;
  tight.rlim_cur = static_cast<rlim_t>(m->fd) + 1;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &tight) == 0);
  const auto fd = keep_across_exec(m->fd);
  REQUIRE(setrlimit(RLIMIT_NOFILE, &saved) == 0);
  REQUIRE(fd.ok());
  CHECK(*fd == m->fd);
  CHECK(fcntl(*fd, F_GETFD) == 0);
  close(*fd);
}

}  // namespace
}  // namespace smc

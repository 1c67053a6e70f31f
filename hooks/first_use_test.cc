// The hooks linked into this test program, so that its socket() is ours
// (libc's is found with dlsym(RTLD_NEXT) as in any program). Run under
// ThreadSanitizer by tools/test (--config=tsan) as well as normally.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

// Everything written to stderr while `body` runs.
template <typename Body>
std::string stderr_of(Body body) {
  char path[] = "/tmp/first_use_test.XXXXXX";
  const int file = mkstemp(path);
  REQUIRE(file >= 0);
  unlink(path);
  const int saved = dup(2);
  dup2(file, 2);
  body();
  dup2(saved, 2);
  close(saved);
  std::string text;
  char buf[4096];
  ssize_t n = 0;
  lseek(file, 0, SEEK_SET);
  while ((n = read(file, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  close(file);
  return text;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

bool kernel_has_smc() {
  const int fd = static_cast<int>(syscall(41 /* SYS_socket */, 43, SOCK_STREAM, 0));
  if (fd < 0) return false;
  close(fd);
  return true;
}

TEST_CASE("64 threads making the process's first TCP sockets at once all succeed") {
  REQUIRE_MESSAGE(getenv("SMC_DEBUG") != nullptr, "the BUILD file sets SMC_DEBUG=1");
  constexpr int kThreads = 64;
  std::vector<int> fds(kThreads, -1);
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  const std::string err = stderr_of([&] {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        ready.fetch_add(1);
        while (!go.load()) {
        }
        fds[i] = socket(i % 2 == 0 ? AF_INET : AF_INET6, SOCK_STREAM, 0);
      });
    }
    while (ready.load() < kThreads) {
    }
    go.store(true);
    for (std::thread& t : threads) t.join();
  });
  for (int i = 0; i < kThreads; ++i) {
    CAPTURE(i);
    CHECK(fds[i] >= 0);
    int type = 0;
    socklen_t len = sizeof type;
    CHECK(getsockopt(fds[i], SOL_SOCKET, SO_TYPE, &type, &len) == 0);
    CHECK(type == SOCK_STREAM);
    close(fds[i]);
  }
  // Said once per process, whoever came first.
  CHECK(count(err, "smc: libsmc-preload loaded") == 1);
  CHECK(count(err, "SMC is not available here") == (kernel_has_smc() ? 0 : 1));
  CHECK(count(err, "socket(AF_INET") == kThreads);
}

}  // namespace

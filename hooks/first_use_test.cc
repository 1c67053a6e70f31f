// The hooks linked into this test program, so that its socket() is ours
// (libc's is found with dlsym(RTLD_NEXT) as in any program). Run under
// ThreadSanitizer by tools/test (--config=tsan) as well as normally.
//
// The threads run in a child copy of this program whose stderr is a file
// from the start: the library writes its lines only to the stderr it found
// at load, so swapping fd 2 later would not catch them.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

constexpr char kCase[] = "64 threads making the process's first TCP sockets at once all succeed";

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

bool kernel_has_smc() {
  const int fd = static_cast<int>(syscall(SYS_socket, 43, SOCK_STREAM, 0));
  if (fd < 0) return false;
  close(fd);
  return true;
}

// In the child: the threads. Fails (exit status) if any socket is bad.
void make_first_sockets() {
  constexpr int kThreads = 64;
  std::vector<int> fds(kThreads, -1);
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
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
  for (int i = 0; i < kThreads; ++i) {
    CAPTURE(i);
    REQUIRE(fds[i] >= 0);
    int type = 0;
    socklen_t len = sizeof type;
    CHECK(getsockopt(fds[i], SOL_SOCKET, SO_TYPE, &type, &len) == 0);
    CHECK(type == SOCK_STREAM);
    close(fds[i]);
  }
}

TEST_CASE(kCase) {
  if (getenv("FIRST_USE_CHILD") != nullptr) {
    make_first_sockets();
    return;
  }
  REQUIRE_MESSAGE(getenv("SMC_DEBUG") != nullptr, "the BUILD file sets SMC_DEBUG=1");
  char path[] = "/tmp/first_use_test.XXXXXX";
  const int file = mkstemp(path);
  REQUIRE(file >= 0);
  unlink(path);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, file, 2);
  std::string filter = std::string("--test-case=") + kCase;
  char* argv[] = {const_cast<char*>("first_use_test"), filter.data(), nullptr};
  setenv("FIRST_USE_CHILD", "1", 1);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv, environ) == 0);
  unsetenv("FIRST_USE_CHILD");
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  std::string err;
  char buf[4096];
  ssize_t n = 0;
  lseek(file, 0, SEEK_SET);
  while ((n = read(file, buf, sizeof buf)) > 0) err.append(buf, static_cast<std::size_t>(n));
  close(file);
  INFO("the child's stderr: " << err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // Said once per process, whoever came first.
  CHECK(count(err, "smc: libsmc-preload loaded") == 1);
  CHECK(count(err, "SMC is not available here") == (kernel_has_smc() ? 0 : 1));
  CHECK(count(err, "socket(AF_INET") == 64);
}

}  // namespace

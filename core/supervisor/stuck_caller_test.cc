// A caller whose memory does not answer: the supervisor gives up on it
// after its bound (core/supervisor/bounded_read.h), and nobody else waits.
// Without that bound this test hangs until Bazel ends it.
#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "base/smc_abi.h"
#include "core/supervisor/served_child_fixture.h"

namespace smc {
namespace {

using testing::no_smc;
using testing::no_smc_diag;
using testing::serve_child;

// A userfaultfd that handles kernel faults too (no UFFD_USER_MODE_ONLY):
// the supervisor's process_vm_readv must wait on the page like any reader.
// /dev/userfaultfd (Linux 6.1) or userfaultfd(2), both for root here.
int kernel_userfaultfd() {
  const int device = open("/dev/userfaultfd", O_RDWR | O_CLOEXEC);
  if (device >= 0) {
    const int fd = ioctl(device, USERFAULTFD_IOC_NEW, O_CLOEXEC);
    close(device);
    if (fd >= 0) return fd;
  }
  return static_cast<int>(syscall(SYS_userfaultfd, O_CLOEXEC));
}

// A page of this process that nobody can read until it is filled: missing,
// and held by a userfaultfd (userfaultfd(2)); whoever touches it waits.
class HeldPage {
 public:
  HeldPage() {
    size_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    uffd_ = kernel_userfaultfd();
    page_ = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uffdio_api api{};
    api.api = UFFD_API;
    uffdio_register hold{};
    hold.range = {reinterpret_cast<std::uint64_t>(page_), size_};
    hold.mode = UFFDIO_REGISTER_MODE_MISSING;
    held_ = uffd_ >= 0 && page_ != MAP_FAILED && ioctl(uffd_, UFFDIO_API, &api) == 0 &&
            ioctl(uffd_, UFFDIO_REGISTER, &hold) == 0;
  }
  ~HeldPage() {
    if (page_ != MAP_FAILED) munmap(page_, size_);
    if (uffd_ >= 0) close(uffd_);
  }
  HeldPage(const HeldPage&) = delete;
  HeldPage& operator=(const HeldPage&) = delete;

  bool held() const { return held_; }
  void* address() const { return page_; }

  // Waits until someone has touched the page (a fault is reported).
  bool touched() {
    uffd_msg message{};
    pollfd p{uffd_, POLLIN, 0};
    return poll(&p, 1, -1) == 1 && read(uffd_, &message, sizeof message) == sizeof message &&
           message.event == UFFD_EVENT_PAGEFAULT;
  }

  // Fills the page, starting with `bytes`; whoever waited on it goes on.
  bool fill(const void* bytes, std::size_t length) {
    std::vector<char> content(size_);
    std::memcpy(content.data(), bytes, length);
    uffdio_copy copy{};
    copy.dst = reinterpret_cast<std::uint64_t>(page_);
    copy.src = reinterpret_cast<std::uint64_t>(content.data());
    copy.len = size_;
    return ioctl(uffd_, UFFDIO_COPY, &copy) == 0;
  }

 private:
  std::size_t size_ = 0;
  int uffd_ = -1;
  void* page_ = MAP_FAILED;
  bool held_ = false;
};

// A TCP socket() in a child process of the caller: whether it got one.
bool socket_in_another_process() {
  const pid_t child = fork();
  if (child == 0) _exit(socket(AF_INET, SOCK_STREAM, 0) >= 0 ? 0 : 1);
  int status = 0;
  return child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0;
}

// A thread connect()s to an address on a held page; only after another
// process's socket() has returned, and the connect() has been answered, is
// the page filled (with a loopback port nobody listens on). Each step is
// noted in order.
void connect_on_a_held_page(std::string& out) {
  HeldPage page;
  if (!page.held()) {
    out += "no-userfaultfd";
    return;
  }
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  int connected = 0;
  int error = 0;
  std::thread stuck([&] {
    connected = connect(client, static_cast<sockaddr*>(page.address()), sizeof(sockaddr_in));
    error = errno;
  });
  out += page.touched() ? "touched " : "untouched ";
  out += socket_in_another_process() ? "socket " : "no-socket ";
  // The stuck call was answered: it runs, and the kernel, reading its
  // address for it, touches the page a second time, from the caller.
  out += page.touched() ? "answered " : "unanswered ";
  sockaddr_in closed{};
  closed.sin_family = AF_INET;
  closed.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  closed.sin_port = htons(1);  // tcpmux: nobody listens here
  out += page.fill(&closed, sizeof closed) ? "filled " : "not-filled ";
  stuck.join();
  out += connected == 0 ? "connected" : "errno " + std::to_string(error);
  close(client);
}

// What this process (the supervisor, while serving) writes on stderr
// while `run` runs.
template <typename Fn>
std::string stderr_of(Fn run) {
  int pipe_fds[2];
  REQUIRE(pipe2(pipe_fds, O_CLOEXEC) == 0);
  const int saved = dup(STDERR_FILENO);
  dup2(pipe_fds[1], STDERR_FILENO);
  close(pipe_fds[1]);
  run();
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  close(pipe_fds[0]);
  return text;
}

TEST_CASE("a connect whose address waits on its own page delays no other process's socket") {
  // The supervisor reads the address to apply the filter, and its read
  // waits on the page like the call itself would. It gives up after its
  // bound: the other process's socket() is answered while the page is
  // still held, and the stuck connect() is answered too (it runs as it is,
  // the kernel reading its address once the page is there): refused, as
  // it would be without smc_run.
  const char* env[] = {"SMC_EXCLUDE=127.0.0.0/8", "SMC_DEBUG=1", nullptr};
  std::string steps;
  const std::string err = stderr_of(
      [&] { steps = serve_child(env, true, {no_smc, no_smc_diag}, connect_on_a_held_page); });
  CHECK(steps == "touched socket answered filled errno " + std::to_string(ECONNREFUSED));
  CHECK(err.find("seccomp: connect(") != std::string::npos);
  CHECK(err.find("): cannot read the address: its memory did not answer within 250 ms; the "
                 "connection filter is not applied to it\n") != std::string::npos);
}

}  // namespace
}  // namespace smc

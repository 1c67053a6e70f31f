#include "core/supervisor/seccomp.h"

#include <doctest/doctest.h>
#include <linux/seccomp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/supervisor/seccomp_filter.h"

namespace smc {
namespace {

std::string read_text(const char* path) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

// The value of a "Name:\tvalue" line of /proc/self/status.
std::string status_field(const std::string& name) {
  std::istringstream in(read_text("/proc/self/status"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(name + ":", 0) == 0) {
      std::size_t at = name.size() + 1;
      while (at < line.size() && (line[at] == '\t' || line[at] == ' ')) ++at;
      return line.substr(at);
    }
  }
  return "";
}

TEST_CASE("kernel_at_least compares major and minor numbers") {
  struct Row {
    const char* release;
    int major, minor;
    bool expected;
  };
  const Row rows[] = {
      {"6.18.44-fc-v782", 5, 9, true}, {"5.9.0", 5, 9, true},
      {"5.8.18-100.fc31", 5, 9, false}, {"5.14", 5, 14, true},
      {"5.10.0-21-amd64", 5, 14, false}, {"4.19.0", 5, 0, false},
      {"10.0", 5, 19, true},           {"", 5, 9, false},
      {"six.two", 5, 9, false},        {"6", 5, 9, false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.release);
    CHECK(kernel_at_least(r.release, r.major, r.minor) == r.expected);
  }
}

TEST_CASE("the probe agrees with the kernel's list of seccomp actions") {
  const std::string avail = read_text("/proc/sys/kernel/seccomp/actions_avail");
  REQUIRE_FALSE(avail.empty());
  const SeccompSupport support = probe_seccomp();
  CHECK(support.user_notif == (avail.find("user_notif") != std::string::npos));
  CHECK(support.why_not.empty() == support.user_notif);
}

TEST_CASE("privileges are read as /proc/self/status reports them") {
  const Privileges p = read_privileges();
  const unsigned long long cap_eff = std::stoull(status_field("CapEff"), nullptr, 16);
  CHECK(p.cap_sys_admin == (((cap_eff >> 21) & 1) == 1));  // CAP_SYS_ADMIN
  CHECK(p.no_new_privs == (status_field("NoNewPrivs") == "1"));
  CHECK(p.filtered == (status_field("Seccomp") == "2"));
}

// In a child, which keeps the filter: exit codes say what happened.
int in_child(bool set_nnp) {
  const pid_t child = fork();
  if (child == 0) {
    const auto filter = build_filter(*native_abi(), {false});
    const Result<Installed> first = install_filter(filter, set_nnp);
    if (!first) _exit(10);
    if (first->listener < 0 || !first->wait_killable) _exit(11);
    if (set_nnp && !read_privileges().no_new_privs) _exit(12);
    if (!read_privileges().filtered) _exit(13);
    // A second listener in the same chain is refused, with a reason.
    const Result<Installed> second = install_filter(filter, false);
    if (second) _exit(14);
    if (second.error().message.find("already has a seccomp listener") ==
        std::string::npos) {
      _exit(15);
    }
    // Without the first listener, the chain takes a new one.
    close(first->listener);
    if (!install_filter(filter, false)) _exit(16);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST_CASE("the filter installs with a killable-wait listener, once per chain") {
  CHECK(in_child(true) == 0);
  if (read_privileges().cap_sys_admin) CHECK(in_child(false) == 0);
}

}  // namespace
}  // namespace smc

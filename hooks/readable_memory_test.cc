#include "hooks/readable_memory.h"

#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

namespace smc {
namespace {

// Two pages, the second one unreadable: the end of a mapping.
struct Edge {
  Edge() {
    void* map = mmap(nullptr, 2 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(map != MAP_FAILED);
    base = static_cast<char*>(map);
    REQUIRE(mprotect(base + kPage, kPage, PROT_NONE) == 0);
    std::memset(base, 'x', kPage);
  }
  ~Edge() { munmap(base, 2 * kPage); }
  char* end() const { return base + kPage; }  // the first unreadable byte
  static constexpr std::size_t kPage = 4096;
  char* base;
};

TEST_CASE("ranges inside a mapping are readable and those touching an unreadable page are not") {
  Edge edge;
  const struct {
    const void* start;
    std::size_t length;
    bool readable;
    const char* why;
  } rows[] = {
      {edge.base, Edge::kPage, true, "the whole readable page"},
      {edge.end() - 16, 16, true, "the last 16 bytes"},
      {edge.end() - 8, 16, false, "a sockaddr_in straddling the end"},
      {edge.end() - 1, 2, false, "one byte over"},
      {edge.end(), 1, false, "the unreadable page"},
      {reinterpret_cast<const void*>(1), 16, false, "(struct sockaddr *)1"},
      {nullptr, 16, false, "NULL"},
      {nullptr, 0, true, "nothing at all"},
      {reinterpret_cast<const void*>(~std::uintptr_t{0} - 4), 16, false, "wrapping around"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.why);
    CHECK(readable(row.start, row.length) == row.readable);
  }
}

TEST_CASE("readable keeps errno and changes no signal mask") {
  sigset_t before{};
  sigset_t after{};
  sigprocmask(SIG_SETMASK, nullptr, &before);
  errno = 4242;
  CHECK_FALSE(readable(reinterpret_cast<const void*>(1), 8));
  CHECK(readable(&before, sizeof before));
  CHECK(errno == 4242);
  sigprocmask(SIG_SETMASK, nullptr, &after);
  CHECK(std::memcmp(&before, &after, sizeof before) == 0);
}

TEST_CASE("a string running into an unreadable page is not readable") {
  Edge edge;
  edge.end()[-1] = 'x';
  CHECK_FALSE(readable_string(edge.end() - 5));
  edge.end()[-1] = '\0';
  CHECK(readable_string(edge.end() - 5));
  CHECK(readable_string(edge.base + 10));  // crosses no granule
}

TEST_CASE("an environment is readable only when its array and every string are") {
  Edge edge;
  char good[] = "A=1";
  char* fine[] = {good, good, nullptr};
  CHECK(readable_environment(fine));
  CHECK(readable_environment(nullptr));
  char* bad_string[] = {good, reinterpret_cast<char*>(1), nullptr};
  CHECK_FALSE(readable_environment(bad_string));
  CHECK_FALSE(readable_environment(reinterpret_cast<char* const*>(1)));
  // An array whose NULL would lie past the end of its mapping.
  auto** slots = reinterpret_cast<char**>(edge.end() - 2 * sizeof(char*));
  slots[0] = good;
  slots[1] = good;
  CHECK_FALSE(readable_environment(slots));
  slots[1] = nullptr;
  CHECK(readable_environment(slots));
}

}  // namespace
}  // namespace smc

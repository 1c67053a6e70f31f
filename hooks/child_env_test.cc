#include "hooks/child_env.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

namespace smc {
namespace {

bool ours(const char* entry, std::size_t length, void*) {
  const std::string e(entry, length);
  return e == "/proc/self/fd/1023" || e == "/proc/self/fd/1000" ||
         e.ends_with("/libsmc-preload.so");
}

// The environment a child gets, as "A=1|B=2", or "(same)" when envp is
// passed on untouched.
std::string child(std::vector<const char*> env, const char* entry,
                  bool inherit,
                  std::vector<const char*> carried = {}) {
  env.push_back(nullptr);
  carried.push_back(nullptr);
  alignas(8) char arena[4096];
  std::size_t needed = 0;
  char* const* envp = const_cast<char* const*>(env.data());
  const ChildNeeds needs{entry, ours, nullptr, carried.data(), inherit};
  char* const* result = child_environment(envp, needs, arena, sizeof arena, &needed);
  REQUIRE(result != nullptr);
  if (result == envp) return "(same)";
  std::string text;
  for (char* const* e = result; *e != nullptr; ++e) {
    text += (text.empty() ? "" : "|") + std::string(*e);
  }
  return text;
}

TEST_CASE("child environment is passed on when our entry works") {
  CHECK(child({"A=1", "LD_PRELOAD=/proc/self/fd/1023"}, "/proc/self/fd/1023",
              true) == "(same)");
  CHECK(child({"LD_PRELOAD=/u.so:/proc/self/fd/1023", "B=2"},
              "/proc/self/fd/1023", true) == "(same)");
}

TEST_CASE("child environment gets a mended entry for a closed descriptor") {
  CHECK(child({"A=1", "LD_PRELOAD=/u.so:/proc/self/fd/1023", "B=2"},
              "/proc/self/fd/1021", true) ==
        "A=1|LD_PRELOAD=/u.so:/proc/self/fd/1021|B=2");
  // Also without inheritance: the entry was there, only broken.
  CHECK(child({"LD_PRELOAD=/proc/self/fd/1023"}, "/proc/self/fd/1021", false) ==
        "LD_PRELOAD=/proc/self/fd/1021");
  // Duplicates and smc-tools' copy go; the user's entries stay in order.
  CHECK(child({"LD_PRELOAD=/a.so /usr/lib/libsmc-preload.so:/proc/self/fd/1000 /b.so"},
              "/proc/self/fd/1023", false) ==
        "LD_PRELOAD=/a.so:/b.so:/proc/self/fd/1023");
}

TEST_CASE("child environment loses a broken entry that cannot be mended") {
  CHECK(child({"A=1", "LD_PRELOAD=/u.so:/proc/self/fd/1023"}, nullptr, true) ==
        "A=1|LD_PRELOAD=/u.so");
  CHECK(child({"LD_PRELOAD=/proc/self/fd/1023", "A=1"}, nullptr, true) == "A=1");
  CHECK(child({"A=1"}, nullptr, true) == "(same)");
}

TEST_CASE("child environment gets LD_PRELOAD and the settings back") {
  const std::vector<const char*> carried = {"SMC_DEBUG=1", "SMC_SNDBUF=1m"};
  CHECK(child({}, "/proc/self/fd/1023", true, carried) ==
        "LD_PRELOAD=/proc/self/fd/1023|SMC_DEBUG=1|SMC_SNDBUF=1m");
  CHECK(child({"A=1", "LD_PRELOAD=/u.so"}, "/proc/self/fd/1023", true, carried) ==
        "A=1|LD_PRELOAD=/u.so:/proc/self/fd/1023|SMC_DEBUG=1|SMC_SNDBUF=1m");
  // A setting the program chose itself stays as it is.
  CHECK(child({"SMC_DEBUG=0", "LD_PRELOAD=/proc/self/fd/1023"},
              "/proc/self/fd/1023", true, carried) ==
        "SMC_DEBUG=0|LD_PRELOAD=/proc/self/fd/1023|SMC_SNDBUF=1m");
}

TEST_CASE("child environment holds one LD_PRELOAD, built on the last one as the loader reads it") {
  // glibc's loader uses the last LD_PRELOAD, musl's the first: one is left.
  CHECK(child({"LD_PRELOAD=/first.so", "A=1", "LD_PRELOAD=/proc/self/fd/1023"},
              "/proc/self/fd/1023", true) == "A=1|LD_PRELOAD=/proc/self/fd/1023");
  CHECK(child({"LD_PRELOAD=/proc/self/fd/1023", "LD_PRELOAD="}, "/proc/self/fd/1023",
              true) == "LD_PRELOAD=/proc/self/fd/1023");
  CHECK(child({"LD_PRELOAD=/proc/self/fd/1023", "LD_PRELOAD=/u.so"}, "/proc/self/fd/1021",
              false) == "LD_PRELOAD=/u.so");
  CHECK(child({"LD_PRELOAD=/a.so", "LD_PRELOAD=/b.so:/proc/self/fd/1023"},
              "/proc/self/fd/1021", false) == "LD_PRELOAD=/b.so:/proc/self/fd/1021");
  // Without inheritance and without our entry, duplicates are not ours to mend.
  CHECK(child({"LD_PRELOAD=/a.so", "LD_PRELOAD=/b.so"}, "/proc/self/fd/1023", false) ==
        "(same)");
}

TEST_CASE("child environment stays as the program made it with SMC_INHERIT=0") {
  const std::vector<const char*> carried = {"SMC_DEBUG=1"};
  CHECK(child({}, "/proc/self/fd/1023", false, carried) == "(same)");
  CHECK(child({"LD_PRELOAD=/u.so", "A=1"}, "/proc/self/fd/1023", false,
              carried) == "(same)");
}

TEST_CASE("child environment asks for a bigger arena instead of overrunning") {
  std::vector<const char*> env = {"A=1", "LD_PRELOAD=/u.so", nullptr};
  const char* carried[] = {nullptr};
  const ChildNeeds needs{"/proc/self/fd/1023", ours, nullptr, carried, true};
  alignas(8) char small[16];
  std::size_t needed = 0;
  char* const* envp = const_cast<char* const*>(env.data());
  CHECK(child_environment(envp, needs, small, sizeof small, &needed) == nullptr);
  CHECK(needed > sizeof small);
  std::vector<char> big(needed + 8);
  void* aligned = big.data() + (8 - reinterpret_cast<std::uintptr_t>(big.data()) % 8) % 8;
  char* const* result = child_environment(envp, needs, aligned, needed, &needed);
  REQUIRE(result != nullptr);
  CHECK(std::string(result[1]) == "LD_PRELOAD=/u.so:/proc/self/fd/1023");
  CHECK(child_environment(nullptr, needs, aligned, needed, &needed) != nullptr);
}

}  // namespace
}  // namespace smc

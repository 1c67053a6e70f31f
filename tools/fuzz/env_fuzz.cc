// The library's reading of its environment, and the rebuilding of a
// child's environment: any set of entries (lines of the input) gives
// settings whose carried entries come from that environment, and a child
// environment that is NULL-terminated, holds at most one LD_PRELOAD and
// keeps every other entry.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "hooks/child_env.h"
#include "base/preload_list.h"
#include "base/settings.h"

namespace {
bool ours(const char* entry, size_t length, void*) {
  return smc::named_like_ours(entry, length) ||
         smc::proc_self_fd(entry, length) == 1023;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> lines;
  std::string current;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      lines.push_back(current);
      current.clear();
    } else if (data[i] != '\0') {
      current.push_back(static_cast<char>(data[i]));
    }
  }
  lines.push_back(current);
  std::vector<char*> envp;
  for (std::string& line : lines) envp.push_back(line.data());
  envp.push_back(nullptr);

  const smc::Settings s = smc::read_settings(envp.data());
  for (int i = 0; s.carried[i] != nullptr; ++i) {
    bool found = false;
    for (char* e : envp) found = found || e == s.carried[i];
    if (!found) std::abort();
  }

  const smc::ChildNeeds needs{"/proc/self/fd/1021", ours, nullptr, s.carried, s.inherit};
  std::vector<char*> arena(4096);
  size_t needed = 0;
  char* const* child = smc::child_environment(envp.data(), needs, arena.data(),
                                              arena.size() * sizeof(char*), &needed);
  if (child == nullptr) {
    arena.resize(needed / sizeof(char*) + 2);
    child = smc::child_environment(envp.data(), needs, arena.data(),
                                   arena.size() * sizeof(char*), &needed);
    if (child == nullptr) std::abort();
  }
  auto is_preload = [](const char* e) { return std::strncmp(e, "LD_PRELOAD=", 11) == 0; };
  int child_preloads = 0;
  size_t count = 0;
  for (; child[count] != nullptr; ++count) {
    if (is_preload(child[count])) ++child_preloads;
    if (count > envp.size() + 8) std::abort();  // not terminated
  }
  int input_preloads = 0;
  for (size_t i = 0; envp[i] != nullptr; ++i) {
    if (is_preload(envp[i])) {
      ++input_preloads;
      continue;
    }
    // Every other entry is handed on, the very same string.
    bool kept = false;
    for (size_t j = 0; j < count; ++j) kept = kept || child[j] == envp[i];
    if (!kept) std::abort();
  }
  if (child_preloads > input_preloads + 1) std::abort();
  return 0;
}

// The library's reading of its environment, and the rebuilding of a
// child's environment: any set of entries (lines of the input) gives
// settings whose carried entries come from that environment (and none at
// all in secure-execution mode), whose valid values write_settings writes
// back as entries that read back the same, and a child environment that is
// NULL-terminated, keeps every other entry, and holds one LD_PRELOAD, with
// our entry, when the child inherits (duplicates included: the loader
// reads the last), at most as many as it was given otherwise.
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

  const smc::Settings secure = smc::read_settings(envp.data(), true);
  if (secure.carried[0] != nullptr || secure.debug || secure.summary_file != nullptr ||
      secure.strict || secure.sndbuf.text != nullptr || secure.include.entries != 0 ||
      !secure.inherit) {
    std::abort();
  }
  const smc::Settings s = smc::read_settings(envp.data());
  for (int i = 0; s.carried[i] != nullptr; ++i) {
    bool found = false;
    for (char* e : envp) found = found || e == s.carried[i];
    if (!found) std::abort();
  }

  // Every variable whose value is valid, written and read back.
  smc::VariableSet valid = smc::kNoVariable;
  smc::SettingsEntries entries;
  for (int k = 0; k < smc::kSettingsVariables; ++k) {
    const smc::VariableSet one = smc::kNoVariable.with(static_cast<smc::SettingsVariable>(k));
    if (smc::write_settings(s, one, nullptr, 0, &entries).error != smc::WriteError::kInvalid) {
      valid = valid.with(static_cast<smc::SettingsVariable>(k));
    }
  }
  const smc::WrittenSettings asked = smc::write_settings(s, valid, nullptr, 0, &entries);
  std::vector<char> text(asked.needed);
  if (smc::write_settings(s, valid, text.data(), text.size(), &entries).error !=
      smc::WriteError::kNone) {
    std::abort();
  }
  const smc::Settings back = smc::read_settings(entries.entry);
  for (int k = 0; k < smc::kSettingsVariables; ++k) {
    const auto variable = static_cast<smc::SettingsVariable>(k);
    if (valid.has(variable) && !smc::same_setting(variable, back, s)) std::abort();
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
  if (s.inherit) {
    // Exactly one, and it names our library.
    if (child_preloads != 1) std::abort();
    for (size_t j = 0; j < count; ++j) {
      if (is_preload(child[j]) && std::strstr(child[j], "/proc/self/fd/1021") == nullptr) {
        std::abort();
      }
    }
  }
  return 0;
}

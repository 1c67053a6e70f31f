#include "base/settings.h"

namespace smc {
namespace {

BufferSetting read_buffer(const char* const* envp, const char* name) {
  const char* text = find_env(envp, name);
  if (text == nullptr) return {0, nullptr, SizeError::kNone};
  const SizeResult size = parse_size(text);
  if (size.error != SizeError::kNone) return {0, text, size.error};
  return {size.bytes, text, SizeError::kNone};
}

bool read_flag(const char* const* envp, const char* name) {
  const char* text = find_env(envp, name);
  return text != nullptr && text[0] != '\0' &&
         !(text[0] == '0' && text[1] == '\0');
}

FamilySetting read_family(const char* const* envp) {
  const char* text = find_env(envp, "SMC_SOCK_FAMILY");
  Family family = Family::kAuto;
  if (text == nullptr || parse_family(text, &family)) return {family, nullptr};
  return {Family::kAuto, text};
}

bool equal(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

}  // namespace

bool parse_family(const char* text, Family* family) {
  if (equal(text, "auto")) {
    *family = Family::kAuto;
  } else if (equal(text, "smc")) {
    *family = Family::kSmc;
  } else if (equal(text, "inet")) {
    *family = Family::kInet;
  } else {
    return false;
  }
  return true;
}

const char* find_env_entry(const char* const* envp, const char* name) {
  if (envp == nullptr) return nullptr;
  for (; *envp != nullptr; ++envp) {
    const char* entry = *envp;
    const char* n = name;
    while (*n != '\0' && *entry == *n) {
      ++entry;
      ++n;
    }
    if (*n == '\0' && *entry == '=') return *envp;
  }
  return nullptr;
}

const char* find_env(const char* const* envp, const char* name) {
  const char* entry = find_env_entry(envp, name);
  if (entry == nullptr) return nullptr;
  while (*entry != '=') ++entry;
  return entry + 1;
}

Settings read_settings(const char* const* envp) {
  Settings s{};
  s.sndbuf = read_buffer(envp, "SMC_SNDBUF");
  s.rcvbuf = read_buffer(envp, "SMC_RCVBUF");
  s.debug = read_flag(envp, "SMC_DEBUG");
  s.strict = read_flag(envp, "SMC_STRICT");
  s.family = read_family(envp);
  s.summary = read_flag(envp, "SMC_SUMMARY");
  s.summary_file = find_env(envp, "SMC_SUMMARY_FILE");
  if (s.summary_file != nullptr && s.summary_file[0] == '\0') {
    s.summary_file = nullptr;
  }
  const char* inherit = find_env(envp, "SMC_INHERIT");
  s.inherit = !(inherit != nullptr && inherit[0] == '0' && inherit[1] == '\0');
  parse_rule_list(find_env(envp, "SMC_INCLUDE"), &s.include);
  parse_rule_list(find_env(envp, "SMC_EXCLUDE"), &s.exclude);
  s.filter_active = filter_active(s.include, s.exclude);
  static constexpr const char* kCarried[kMaxCarried] = {
      "SMC_SNDBUF",      "SMC_RCVBUF",  "SMC_DEBUG",
      "SMC_STRICT",      "SMC_INCLUDE", "SMC_EXCLUDE",
      "SMC_SOCK_FAMILY", "SMC_SUMMARY", "SMC_SUMMARY_FILE"};
  int carried = 0;
  for (const char* name : kCarried) {
    const char* entry = find_env_entry(envp, name);
    if (entry != nullptr) s.carried[carried++] = entry;
  }
  s.carried[carried] = nullptr;
  return s;
}

}  // namespace smc

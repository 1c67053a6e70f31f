#include "base/settings.h"

#include <sys/auxv.h>

namespace smc {
namespace {

// What a variable's value is, for comparing and writing it.
enum class Kind : unsigned char { kSize, kFlag, kFamily, kPath, kRules };

// Each variable once, in SettingsVariable's order: its name, and the
// field of Settings that holds its value.
struct Variable {
  const char* name;
  Kind kind;
  BufferSetting Settings::*size;
  bool Settings::*flag;
  RuleList Settings::*rules;
};

constexpr Variable kVariables[kSettingsVariables] = {
    {"SMC_RCVBUF", Kind::kSize, &Settings::rcvbuf, nullptr, nullptr},
    {"SMC_SNDBUF", Kind::kSize, &Settings::sndbuf, nullptr, nullptr},
    {"SMC_SOCK_FAMILY", Kind::kFamily, nullptr, nullptr, nullptr},
    {"SMC_SUMMARY", Kind::kFlag, nullptr, &Settings::summary, nullptr},
    {"SMC_SUMMARY_FILE", Kind::kPath, nullptr, nullptr, nullptr},
    {"SMC_INCLUDE", Kind::kRules, nullptr, nullptr, &Settings::include},
    {"SMC_EXCLUDE", Kind::kRules, nullptr, nullptr, &Settings::exclude},
    {"SMC_DEBUG", Kind::kFlag, nullptr, &Settings::debug, nullptr},
    {"SMC_STRICT", Kind::kFlag, nullptr, &Settings::strict, nullptr},
    {"SMC_INHERIT", Kind::kFlag, nullptr, &Settings::inherit, nullptr},
};

const Variable& variable_of(SettingsVariable variable) {
  return kVariables[static_cast<int>(variable)];
}

const char* name(SettingsVariable variable) { return variable_of(variable).name; }

constexpr struct {
  Family family;
  const char* name;
} kFamilies[] = {{Family::kAuto, "auto"}, {Family::kSmc, "smc"}, {Family::kInet, "inet"}};

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
  const char* text = find_env(envp, name(SettingsVariable::kFamily));
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
  for (const auto& known : kFamilies) {
    if (equal(text, known.name)) {
      *family = known.family;
      return true;
    }
  }
  return false;
}

const char* family_name(Family family) {
  for (const auto& known : kFamilies) {
    if (known.family == family) return known.name;
  }
  return "auto";
}

const char* variable_name(SettingsVariable variable) { return name(variable); }

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

const char* find_env_last(const char* const* envp, const char* name) {
  const char* last = nullptr;
  for (const char* const* e = envp; e != nullptr && *e != nullptr; ++e) {
    const char* entry = find_env_entry(e, name);
    if (entry == nullptr) break;
    last = entry;
    while (*e != entry) ++e;  // on to the entry after it
  }
  if (last == nullptr) return nullptr;
  while (*last != '=') ++last;
  return last + 1;
}

const char* find_env(const char* const* envp, const char* name) {
  const char* entry = find_env_entry(envp, name);
  if (entry == nullptr) return nullptr;
  while (*entry != '=') ++entry;
  return entry + 1;
}

bool secure_execution() { return getauxval(AT_SECURE) != 0; }

Settings read_settings(const char* const* envp, bool secure) {
  // Nothing from a less privileged caller's environment: see settings.h.
  if (secure) envp = nullptr;
  using V = SettingsVariable;
  Settings s{};
  s.sndbuf = read_buffer(envp, name(V::kSndbuf));
  s.rcvbuf = read_buffer(envp, name(V::kRcvbuf));
  s.debug = read_flag(envp, name(V::kDebug));
  s.strict = read_flag(envp, name(V::kStrict));
  s.family = read_family(envp);
  s.summary = read_flag(envp, name(V::kSummary));
  s.summary_file = find_env(envp, name(V::kSummaryFile));
  if (s.summary_file != nullptr && s.summary_file[0] == '\0') {
    s.summary_file = nullptr;
  }
  const char* inherit = find_env(envp, name(V::kInherit));
  s.inherit = !(inherit != nullptr && inherit[0] == '0' && inherit[1] == '\0');
  parse_rule_list(find_env(envp, name(V::kInclude)), &s.include);
  parse_rule_list(find_env(envp, name(V::kExclude)), &s.exclude);
  s.filter_active = filter_active(s.include, s.exclude);
  // SMC_INHERIT, which asks not to carry, is not carried.
  static constexpr V kCarried[kMaxCarried] = {
      V::kSndbuf, V::kRcvbuf, V::kDebug,  V::kStrict,     V::kInclude,
      V::kExclude, V::kFamily, V::kSummary, V::kSummaryFile};
  int carried = 0;
  for (const V variable : kCarried) {
    const char* entry = find_env_entry(envp, name(variable));
    if (entry != nullptr) s.carried[carried++] = entry;
  }
  s.carried[carried] = nullptr;
  return s;
}

namespace {

bool same_text(const char* a, const char* b) {
  return a == nullptr || b == nullptr ? a == b : equal(a, b);
}

bool same_buffer(const BufferSetting& a, const BufferSetting& b) {
  return a.bytes == b.bytes && a.error == b.error;
}

bool same_rule(const Rule& a, const Rule& b) {
  if (a.family != b.family || a.prefix != b.prefix || a.port_low != b.port_low ||
      a.port_high != b.port_high) {
    return false;
  }
  for (int k = 0; k < 16; ++k) {
    if (a.address[k] != b.address[k]) return false;
  }
  return true;
}

bool same_rules(const RuleList& a, const RuleList& b) {
  if (a.count != b.count || a.entries != b.entries || a.bad != b.bad ||
      a.first_error != b.first_error) {
    return false;
  }
  for (int k = 0; k < a.count; ++k) {
    if (!same_rule(a.rules[k], b.rules[k])) return false;
  }
  return true;
}

}  // namespace

bool same_setting(SettingsVariable variable, const Settings& a, const Settings& b) {
  const Variable& v = variable_of(variable);
  switch (v.kind) {
    case Kind::kSize:
      return same_buffer(a.*v.size, b.*v.size);
    case Kind::kFlag:
      return a.*v.flag == b.*v.flag;
    case Kind::kFamily:
      return a.family.family == b.family.family &&
             (a.family.text == nullptr) == (b.family.text == nullptr);
    case Kind::kPath:
      return same_text(a.summary_file, b.summary_file);
    case Kind::kRules:
      return same_rules(a.*v.rules, b.*v.rules);
  }
  return false;
}

bool same_settings(const Settings& a, const Settings& b) {
  for (int k = 0; k < kSettingsVariables; ++k) {
    if (!same_setting(static_cast<SettingsVariable>(k), a, b)) return false;
  }
  return true;
}

namespace {

// Entries one after the other in the caller's text, each NUL-ended. What
// does not fit is counted, not written, so that the caller learns the
// room it takes.
class EntryWriter {
 public:
  EntryWriter(char* text, std::size_t capacity) : text_(text), capacity_(capacity) {}

  void begin(const char* name) {
    start_ = used_;
    put(name);
    put("=", 1);
  }
  void put(const char* s, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k, ++used_) {
      if (used_ < capacity_) text_[used_] = s[k];
    }
  }
  void put(const char* s) {
    std::size_t n = 0;
    while (s[n] != '\0') ++n;
    put(s, n);
  }
  void number(int value) {
    char digits[12];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value > 0);
    while (n > 0) put(&digits[--n], 1);
  }
  // The entry begun last, NUL-ended; nullptr when it did not fit.
  const char* end() {
    put("", 1);
    return used_ <= capacity_ ? text_ + start_ : nullptr;
  }
  std::size_t used() const { return used_; }

 private:
  char* text_;
  std::size_t capacity_;
  std::size_t used_ = 0;
  std::size_t start_ = 0;
};

bool writable(const BufferSetting& b) {
  return b.error == SizeError::kNone && b.bytes >= 0 && b.bytes <= kMaxBufferSize;
}

// A list read back as the same rules: every entry valid, and each rule's
// text one entry (what the parser makes: not empty, no comma).
bool writable(const RuleList& list) {
  if (list.first_error != RuleError::kNone || list.bad != 0 || list.entries != list.count) {
    return false;
  }
  for (int k = 0; k < list.count; ++k) {
    const Rule& rule = list.rules[k];
    if (rule.text == nullptr || rule.length == 0) return false;
    for (int c = 0; c < rule.length; ++c) {
      if (rule.text[c] == ',') return false;
    }
  }
  return true;
}

bool writable(SettingsVariable variable, const Settings& s) {
  const Variable& v = variable_of(variable);
  switch (v.kind) {
    case Kind::kSize:
      return writable(s.*v.size);
    case Kind::kFamily:
      return s.family.text == nullptr;
    case Kind::kRules:
      return writable(s.*v.rules);
    case Kind::kFlag:
    case Kind::kPath:
      return true;
  }
  return false;
}

// The entry of `variable`; false when it has none (an unset size).
bool write_entry(EntryWriter& out, SettingsVariable variable, const Settings& s) {
  const Variable& v = variable_of(variable);
  if (v.kind == Kind::kSize && (s.*v.size).bytes == 0) return false;
  out.begin(v.name);
  switch (v.kind) {
    case Kind::kSize:
      out.number((s.*v.size).bytes);
      break;
    case Kind::kFlag:
      out.put(s.*v.flag ? "1" : "0");
      break;
    case Kind::kFamily:
      out.put(family_name(s.family.family));
      break;
    case Kind::kPath:
      if (s.summary_file != nullptr) out.put(s.summary_file);
      break;
    case Kind::kRules: {
      const RuleList& list = s.*v.rules;
      for (int k = 0; k < list.count; ++k) {
        if (k > 0) out.put(",", 1);
        out.put(list.rules[k].text, list.rules[k].length);
      }
      break;
    }
  }
  return true;
}

}  // namespace

WrittenSettings write_settings(const Settings& s, VariableSet which, char* text,
                               std::size_t capacity, SettingsEntries* out) {
  out->entry[0] = nullptr;
  for (int k = 0; k < kSettingsVariables; ++k) {
    const auto variable = static_cast<SettingsVariable>(k);
    if (which.has(variable) && !writable(variable, s)) {
      return {WriteError::kInvalid, 0, variable};
    }
  }
  EntryWriter writer(text, capacity);
  int count = 0;
  bool fits = true;
  for (int k = 0; k < kSettingsVariables; ++k) {
    const auto variable = static_cast<SettingsVariable>(k);
    if (!which.has(variable) || !write_entry(writer, variable, s)) continue;
    const char* entry = writer.end();
    fits = fits && entry != nullptr;
    if (fits) out->entry[count++] = entry;
  }
  if (!fits) {
    out->entry[0] = nullptr;
    return {WriteError::kNoRoom, writer.used(), SettingsVariable::kRcvbuf};
  }
  out->entry[count] = nullptr;
  return {WriteError::kNone, writer.used(), SettingsVariable::kRcvbuf};
}

}  // namespace smc

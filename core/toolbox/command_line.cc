#include "core/toolbox/command_line.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "core/common/quote.h"

namespace smc {
namespace {

const char* role_name(SmcTech m) { return m == SmcTech::kSmcd ? "smcd" : "smcr"; }

struct ObjectName {
  const char* name;
  ToolboxObject object;
};

// smc-tools' order, which decides what a stem means ("s" is stats).
constexpr ObjectName kObjects[] = {
    {"device", ToolboxObject::kDevice}, {"linkgroup", ToolboxObject::kLinkGroup},
    {"info", ToolboxObject::kInfo},     {"stats", ToolboxObject::kStats},
    {"ueid", ToolboxObject::kUeid},     {"seid", ToolboxObject::kSeid},
};

// smc-tools takes any stem of a word: "dev" for device.
bool stem_of(const std::string& word, std::string_view full) {
  return !word.empty() && full.starts_with(word);
}

// One option into `c`; false when it is none of ours.
bool take_option(const std::string& o, ToolboxCommand& c) {
  if (o == "-d" || o == "--details") {
    c.details = std::max(c.details, 1);
  } else if (o == "-dd" || o == "--ddetails") {
    c.details = 2;
  } else if (o == "-a" || o == "--absolute") {
    c.absolute = true;
  } else if (o == "-ad" || o == "-da") {
    c.absolute = true;
    c.details = std::max(c.details, 1);
  } else if (o == "-j" || o == "--json") {
    c.output = ToolboxOutput::kJson;
  } else if (o == "--prometheus") {
    c.output = ToolboxOutput::kPrometheus;
  } else if (o == "-h" || o == "--help") {
    c.help = true;
  } else if (o == "-v" || o == "--version") {
    c.version = true;
  } else {
    return false;
  }
  return true;
}

const char* object_name(ToolboxObject object) {
  for (const ObjectName& o : kObjects) {
    if (o.object == object) return o.name;
  }
  return "?";
}

Result<ToolboxObject> find_object(SmcTech m, const std::string& word) {
  for (const ObjectName& o : kObjects) {
    if (o.object == ToolboxObject::kSeid && m != SmcTech::kSmcd) continue;
    if (stem_of(word, o.name)) return o.object;
  }
  if (m == SmcTech::kSmcr && stem_of(word, "seid")) {
    return usage_error("seid is an object of smcd, not smcr (the system EID is SMC-D's)");
  }
  return usage_error(fmt::format("unknown object {} (try: {} -h)", quote_value(word),
                                 role_name(m)));
}

// The words after device or linkgroup: [all] [LG-ID] [ibdev DEV] [netdev DEV].
Result<Ok> take_filters(SmcTech m, const std::vector<std::string>& words, std::size_t i,
                        ToolboxCommand& c, const char* object) {
  for (; i < words.size(); ++i) {
    const std::string& w = words[i];
    const bool smcr = m == SmcTech::kSmcr;
    if (stem_of(w, "all")) continue;  // every one: what is shown anyway
    if (smcr && (stem_of(w, "ibdev") || stem_of(w, "netdev"))) {
      if (i + 1 == words.size()) return usage_error(fmt::format("{} needs a device name", w));
      (stem_of(w, "ibdev") ? c.ib_device : c.net_device) = words[++i];
      continue;
    }
    if (c.object == ToolboxObject::kLinkGroup && !c.link_group) {
      char* end = nullptr;
      const unsigned long id = std::strtoul(w.c_str(), &end, 16);
      if (!w.empty() && *end == '\0' && w.size() <= 8 && w[0] != '-' && w[0] != '+') {
        c.link_group = static_cast<std::uint32_t>(id);
        continue;
      }
      return usage_error(fmt::format("{} is no link group id (hex, as LG-ID shows it)",
                                     quote_value(w)));
    }
    return usage_error(fmt::format("unexpected {} after {}", quote_value(w), object));
  }
  return Ok{};
}

// The command words of `c.object`.
Result<Ok> take_words(SmcTech m, const std::vector<std::string>& words, ToolboxCommand& c) {
  std::size_t i = 0;
  const auto verb = [&](std::initializer_list<const char*> verbs) {
    if (i < words.size()) {
      for (const char* v : verbs) {
        if (stem_of(words[i], v)) {
          c.verb = v;
          ++i;
          return;
        }
      }
    }
  };
  switch (c.object) {
    case ToolboxObject::kUeid:
      c.ueid_args = words;
      return Ok{};
    case ToolboxObject::kInfo:
      verb({"show"});
      break;
    case ToolboxObject::kStats:
      verb({"show", "reset", "json"});
      break;
    case ToolboxObject::kSeid:
      verb({"show", "enable", "disable"});
      break;
    case ToolboxObject::kDevice:
      verb({"show"});
      return take_filters(m, words, i, c, "device");
    case ToolboxObject::kLinkGroup:
      if (m == SmcTech::kSmcr) {
        verb({"show", "link-show"});
      } else {
        verb({"show"});
      }
      return take_filters(m, words, i, c, "linkgroup");
  }
  if (i < words.size()) {
    return usage_error(fmt::format("unexpected {} after {}{}", quote_value(words[i]),
                                   object_name(c.object), i > 0 ? " " + c.verb : ""));
  }
  return Ok{};
}

Result<Ok> check_output(const ToolboxCommand& c) {
  const bool shows = c.object == ToolboxObject::kInfo || c.object == ToolboxObject::kDevice ||
                     c.object == ToolboxObject::kLinkGroup || c.object == ToolboxObject::kStats;
  if (c.output == ToolboxOutput::kJson && !shows) {
    return usage_error("-j applies to info, device, linkgroup and stats");
  }
  if (c.output == ToolboxOutput::kPrometheus && c.object != ToolboxObject::kStats) {
    return usage_error("--prometheus applies to stats only");
  }
  if (c.output == ToolboxOutput::kPrometheus && c.verb != "show") {
    return usage_error("--prometheus shows the kernel's counters as they are: use it with stats [show]");
  }
  return Ok{};
}

}  // namespace

Result<ToolboxCommand> parse_toolbox_command(SmcTech m, std::span<const std::string> args) {
  ToolboxCommand c;
  std::vector<std::string> words;
  bool ueid = false;  // ueid's words go to it as they are: its IDs are checked there
  for (const std::string& a : args) {
    if (!ueid && a.size() > 1 && a[0] == '-' && a != "--") {
      if (!take_option(a, c)) return usage_error(fmt::format("invalid option {}", quote_value(a)));
    } else if (words.empty() && a == "--") {
      continue;
    } else {
      ueid = ueid || (words.empty() && find_object(m, a).ok() &&
                      *find_object(m, a) == ToolboxObject::kUeid);
      words.push_back(a);
    }
  }
  // "help" in place of the object or a command, as smc-tools takes it, or
  // -h: the usage.
  for (std::size_t i = 0; i < words.size() && (!ueid || i == 0); ++i) {
    c.help = c.help || words[i] == "help";
  }
  if (c.help || c.version) return c;
  if (words.empty()) {
    return usage_error(fmt::format("missing object (try: {} stats, or {} -h)", role_name(m),
                                   role_name(m)));
  }
  const Result<ToolboxObject> object = find_object(m, words[0]);
  if (!object) return object.error();
  c.object = *object;
  words.erase(words.begin());
  const Result<Ok> taken = take_words(m, words, c);
  if (!taken) return taken.error();
  const Result<Ok> output = check_output(c);
  if (!output) return output.error();
  return c;
}

}  // namespace smc

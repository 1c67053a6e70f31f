#include "core/toolbox/smc_scope/command_line.h"

#include <vector>

#include <fmt/format.h>

#include "core/bpf/scope_maps.h"
#include "core/common/quote.h"

namespace smc {
namespace {

struct Word {
  const char* word;
  ScopeVerb verb;
};

constexpr Word kVerbs[] = {
    {"list", ScopeVerb::kList}, {"add", ScopeVerb::kAdd},     {"del", ScopeVerb::kDel},
    {"prune", ScopeVerb::kPrune}, {"clear", ScopeVerb::kClear},
    {"enable", ScopeVerb::kEnable}, {"disable", ScopeVerb::kDisable},
};

struct Kind {
  const char* word;
  std::uint32_t kind;
  const char* value;  // what follows it, for messages
};

constexpr Kind kKinds[] = {
    {"tree", SMC_SCOPE_TREE, "a PID"},
    {"cgroup", SMC_SCOPE_CGROUP, "a PATH"},
    {"netns", SMC_SCOPE_NETNS, "a PATH or PID"},
};

bool take_option(const std::string& o, ScopeCommand& c) {
  if (o == "-j" || o == "--json") {
    c.output = ScopeOutput::kJson;
  } else if (o == "--prometheus") {
    c.output = ScopeOutput::kPrometheus;
  } else if (o.starts_with("--unit-dir=") && o.size() > 11) {
    c.unit_dir = o.substr(11);
  } else if (o == "--hold") {
    c.hold = true;
  } else if (o == "-h" || o == "--help") {
    c.help = true;
  } else if (o == "-v" || o == "--version") {
    c.version = true;
  } else {
    return false;
  }
  return true;
}

Result<Ok> take_scope(const std::vector<std::string>& words, ScopeCommand& c) {
  const char* verb = c.verb == ScopeVerb::kAdd ? "add" : "del";
  if (words.size() < 2) {
    return usage_error(fmt::format("{} needs what: tree PID, cgroup PATH or netns PATH|PID", verb));
  }
  for (const Kind& k : kKinds) {
    if (words[1] != k.word) continue;
    if (words.size() < 3) return usage_error(fmt::format("{} {} needs {}", verb, k.word, k.value));
    if (words.size() > 3) {
      return usage_error(fmt::format("unexpected {} after {} {} {}", quote_value(words[3]), verb,
                                     k.word, quote_value(words[2])));
    }
    c.kind = k.kind;
    c.value = words[2];
    return Ok{};
  }
  return usage_error(fmt::format("unknown scope {} (tree, cgroup or netns)", quote_value(words[1])));
}

}  // namespace

Result<ScopeCommand> parse_smc_scope_command(std::span<const std::string> args) {
  ScopeCommand c;
  std::vector<std::string> words;
  bool options = true;
  for (const std::string& a : args) {
    if (options && a == "--") {
      options = false;
    } else if (options && a.size() > 1 && a[0] == '-') {
      if (!take_option(a, c)) return usage_error(fmt::format("invalid option {}", quote_value(a)));
    } else {
      words.push_back(a);
    }
  }
  if (c.help || c.version) return c;
  if (words.empty()) return usage_error("missing command (try: smc_scope list, or smc_scope -h)");
  bool known = false;
  for (const Word& w : kVerbs) {
    if (words[0] == w.word) {
      c.verb = w.verb;
      known = true;
    }
  }
  if (!known) {
    return usage_error(fmt::format("unknown command {} (add, del, list, prune, clear, enable or disable)",
                                   quote_value(words[0])));
  }
  const bool unit = c.verb == ScopeVerb::kEnable || c.verb == ScopeVerb::kDisable;
  if (c.verb == ScopeVerb::kAdd || c.verb == ScopeVerb::kDel) {
    if (Result<Ok> r = take_scope(words, c); !r) return r.error();
  } else if (unit) {
    if (words.size() < 2) return usage_error(fmt::format("{} needs a UNIT", words[0]));
    if (words.size() > 2) {
      return usage_error(fmt::format("unexpected {} after {} {}", quote_value(words[2]), words[0],
                                     quote_value(words[1])));
    }
    c.value = words[1];
  } else if (words.size() > 1) {
    return usage_error(fmt::format("unexpected {} after {}", quote_value(words[1]), words[0]));
  }
  if (!c.unit_dir.empty() && !unit) return usage_error("--unit-dir applies to enable and disable only");
  if (c.hold && c.verb != ScopeVerb::kAdd) return usage_error("--hold applies to add only");
  if (c.output != ScopeOutput::kText && c.verb != ScopeVerb::kList) {
    return usage_error(fmt::format("{} applies to list only",
                                   c.output == ScopeOutput::kJson ? "-j" : "--prometheus"));
  }
  return c;
}

const std::string& smc_scope_usage() {
  static const std::string text =
      R"(Usage: smc_scope [-j | --prometheus] list
       smc_scope [--hold] add tree PID | cgroup PATH | netns PATH|PID
       smc_scope del tree PID | cgroup PATH | netns PATH|PID
       smc_scope prune | clear
       smc_scope [--unit-dir=DIR] enable|disable UNIT

Make SMC the kernel's choice for whole scopes, without a prefix: every TCP
socket (AF_INET or AF_INET6, SOCK_STREAM) that a process in a scope makes
becomes an IPPROTO_SMC socket, whatever the program (static, Go, 32-bit).
A BPF program on the kernel's update_socket_protocol does it; it is loaded
once and kept, with the scopes, under /sys/fs/bpf/smc_run.

Commands:
  add tree PID     process PID and the children it makes from now on
  add cgroup PATH  the cgroup (v2) folder PATH and every cgroup below it,
                   made now or later; removed and made again at PATH (a
                   systemd unit's restart), it is in the scope again
  add netns PATH|PID
                   the network namespace of file PATH (/run/netns/NAME)
                   or of process PID
  del tree PID | cgroup PATH | netns PATH|PID
                   remove that scope: new sockets in it stay TCP
  list             each scope: its id, kind, state (active, waiting,
                   ended, gone), the sockets it converted, what it is
  prune            remove the scopes that can never apply again (ended,
                   gone)
  clear            remove everything: scopes, programs, maps, the folder
  enable UNIT      a drop-in for systemd service UNIT (nginx or
                   nginx.service) in /etc/systemd/system/UNIT.d: each
                   start of the unit adds its cgroup as a scope, so its
                   static, Go and dynamic programs alike get SMC across
                   restarts and reboots; the vendor's unit file is left
                   alone. It applies from the unit's next start. Sockets
                   systemd makes itself (socket activation) are not
                   reached.
  disable UNIT     remove that drop-in and the unit's cgroup scope

Options:
  -j, --json       list as JSON
  --prometheus     list as Prometheus text (node_exporter's textfile
                   collector reads it)
  --hold           add: stay, and delete the scope when SIGTERM or SIGINT
                   comes (a Kubernetes DaemonSet's container: the scope
                   lives as long as the pod)
  --unit-dir=DIR   enable, disable: the drop-in under DIR instead of
                   /etc/systemd/system (an image being built)
  -h, --help       print this help and exit
  -v, --version    print the version and exit

Adding a scope that is in force already changes nothing and says so.
Needs root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN), bpffs on
/sys/fs/bpf, and a kernel with the hook and IPPROTO_SMC (Linux 6.11).

Exit status:
  0    done (also: the scope was there already)
  1    invalid command line, or a value that names no process, cgroup,
       network namespace, scope or service (or one not enabled)
  3    this host cannot: no bpffs, no kernel BTF, no update_socket_protocol,
       the kernel refused the program, or no IPPROTO_SMC
  4    not permitted: missing CAP_BPF, CAP_PERFMON or CAP_SYS_ADMIN
  125  smc_scope itself failed
Errors go to stderr.
)";
  return text;
}

}  // namespace smc

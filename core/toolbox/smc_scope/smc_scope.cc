#include "core/toolbox/smc_scope/smc_scope.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/common/quote.h"
#include "core/common/version.h"
#include "core/toolbox/json.h"
#include "core/toolbox/prometheus.h"
#include "core/toolbox/smc_scope/command_line.h"
#include "core/toolbox/smc_scope/systemd_unit.h"
#include "core/toolbox/table.h"

namespace smc {
namespace {

using bpf::Scope;
using bpf::ScopeState;

std::string what(const Scope& s) {
  const std::string text(s.record.text);
  switch (s.record.kind) {
    case SMC_SCOPE_TREE:
      return fmt::format("process {} {}", s.record.pid, quote_value(text));
    case SMC_SCOPE_CGROUP:
      return fmt::format("cgroup {}", quote_value(text));
    default:
      return text.empty() ? fmt::format("the network namespace of process {}", s.record.pid)
                          : fmt::format("network namespace {}", quote_value(text));
  }
}

// The Prometheus label and the JSON field "scope": what the user named.
std::string named(const Scope& s) {
  if (s.record.kind == SMC_SCOPE_TREE || (s.record.kind == SMC_SCOPE_NETNS && s.record.text[0] == '\0')) {
    return std::to_string(s.record.pid);
  }
  return s.record.text;
}

std::string added_text(const bpf::AddedScope& a) {
  const Scope& s = a.scope;
  if (a.already) return fmt::format("scope {} covers {} already: nothing changed\n", s.id, what(s));
  const char* reach = s.record.kind == SMC_SCOPE_TREE     ? " and the children it makes from now on"
                      : s.record.kind == SMC_SCOPE_CGROUP ? " and every cgroup below it"
                                                          : "";
  return fmt::format("scope {}: {}{}: its new TCP sockets become SMC sockets\n", s.id, what(s), reach);
}

std::string gone_text(const char* verb, const Scope& s) {
  return fmt::format("{} scope {}: {} ({}; {} sockets converted)\n", verb, s.id, what(s),
                     bpf::state_name(s.state), s.record.converted);
}

std::string cleared_text(const std::vector<std::string>& removed) {
  if (removed.empty()) return fmt::format("nothing to clear: no BPF state at {}\n", bpf::kStateFolder);
  return fmt::format("removed {} (the BPF programs are detached): {}\n", bpf::kStateFolder,
                     fmt::join(removed, ", "));
}

}  // namespace

std::string scope_description(const Scope& s) {
  switch (s.record.kind) {
    case SMC_SCOPE_TREE:
      return fmt::format("{} {} ({} process{})", s.record.pid, quote_value(s.record.text),
                         s.processes, s.processes == 1 ? "" : "es");
    case SMC_SCOPE_CGROUP:
      return s.cgroup_id != 0
                 ? fmt::format("{} and below (cgroup {})", quote_value(s.record.text), s.cgroup_id)
                 : fmt::format("{} and below", quote_value(s.record.text));
    default:
      return fmt::format("{} (net:[{}])",
                         s.record.text[0] == '\0' ? fmt::format("pid {}", s.record.pid)
                                                  : quote_value(s.record.text),
                         s.record.inum);
  }
}

std::string format_scope_table(const bpf::Listing& listing) {
  if (listing.scopes.empty()) {
    return listing.loaded ? "no scopes (the BPF programs stay attached until smc_scope clear)\n"
                          : "no scopes (no BPF programs of smc_run are loaded)\n";
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "KIND", "STATE", "SOCKETS", "SCOPE"}};
  for (const Scope& s : listing.scopes) {
    rows.push_back({std::to_string(s.id), std::string(bpf::kind_name(s.record.kind)),
                    std::string(bpf::state_name(s.state)), std::to_string(s.record.converted),
                    scope_description(s)});
  }
  std::string out = columns(rows);
  if (!listing.attached) out += "warning: the BPF programs are not all attached: smc_scope add attaches them again\n";
  return out;
}

std::string format_scope_json(const bpf::Listing& listing) {
  std::string out = fmt::format("{{\"loaded\": {}, \"attached\": {}, \"scopes\": [",
                                listing.loaded, listing.attached);
  for (std::size_t i = 0; i < listing.scopes.size(); ++i) {
    const Scope& s = listing.scopes[i];
    out += fmt::format("{}\n  {{\"id\": {}, \"kind\": \"{}\", \"state\": \"{}\", \"sockets\": {}",
                       i == 0 ? "" : ",", s.id, bpf::kind_name(s.record.kind),
                       bpf::state_name(s.state), s.record.converted);
    switch (s.record.kind) {
      case SMC_SCOPE_TREE:
        out += fmt::format(", \"pid\": {}, \"command\": {}, \"processes\": {}, \"launched\": {}",
                           s.record.pid, json_string(s.record.text), s.processes,
                           (s.record.flags & SMC_SCOPE_LAUNCHED) != 0);
        break;
      case SMC_SCOPE_CGROUP:
        out += fmt::format(", \"path\": {}, \"cgroup_id\": {}", json_string(s.record.text),
                           s.cgroup_id == 0 ? "null" : std::to_string(s.cgroup_id));
        break;
      default:
        out += fmt::format(", \"path\": {}, \"pid\": {}, \"inum\": {}, \"cookie\": {}",
                           s.record.text[0] == '\0' ? "null" : json_string(s.record.text),
                           s.record.pid == 0 ? "null" : std::to_string(s.record.pid),
                           s.record.inum, s.record.key);
    }
    out += "}";
  }
  return out + (listing.scopes.empty() ? "]}\n" : "\n]}\n");
}

std::string format_scope_prometheus(const bpf::Listing& listing) {
  std::string converted =
      "# HELP smc_scope_sockets_converted_total TCP sockets that smc_run's BPF program made "
      "IPPROTO_SMC, by scope.\n# TYPE smc_scope_sockets_converted_total counter\n";
  std::string in_force =
      "# HELP smc_scope_in_force Whether the scope applies to new sockets now (1) or waits, "
      "ended or is gone (0).\n# TYPE smc_scope_in_force gauge\n";
  for (const Scope& s : listing.scopes) {
    const std::string labels = fmt::format("id=\"{}\",kind=\"{}\",scope=\"{}\"", s.id,
                                           bpf::kind_name(s.record.kind),
                                           prometheus_label_value(named(s)));
    converted += fmt::format("smc_scope_sockets_converted_total{{{}}} {}\n", labels, s.record.converted);
    in_force += fmt::format("smc_scope_in_force{{{},state=\"{}\"}} {}\n", labels,
                            bpf::state_name(s.state), s.state == ScopeState::kActive ? 1 : 0);
  }
  return converted + in_force;
}

namespace {

// add --hold: SIGTERM and SIGINT, blocked from before the add so that
// sigwait takes them. One that comes while the add runs (making the state
// takes a moment) then waits for it, where unblocked it would end the
// process between the add and the delete or, sent to a container's PID 1
// with no handler, be dropped by the kernel (kernel/signal.c,
// sig_task_ignored: SIGNAL_UNKILLABLE).
sigset_t block_stop_signals() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigprocmask(SIG_BLOCK, &stop, nullptr);
  return stop;
}

// The added line now (it may be read long before the end), then the
// first stop signal, and the scope deleted; what was deleted, or that it
// was gone already.
Result<std::string> hold_scope(const ScopeCommand& command, const bpf::AddedScope& added,
                               const sigset_t& stop) {
  const std::string line = added_text(added);
  (void)!write(STDOUT_FILENO, line.data(), line.size());
  int signal = 0;
  sigwait(&stop, &signal);
  const Result<Scope> deleted = bpf::delete_named_scope(command.kind, command.value);
  if (!deleted) return fmt::format("{}: the scope was removed already\n", strsignal(signal));
  return gone_text("deleted", *deleted);
}

}  // namespace

Result<std::string> run_smc_scope(std::span<const std::string> args) {
  const Result<ScopeCommand> command = parse_smc_scope_command(args);
  if (!command) return command.error();
  if (command->help) return smc_scope_usage();
  if (command->version) return fmt::format("smc_scope (smc_run) {}\n", kVersion);
  switch (command->verb) {
    case ScopeVerb::kAdd: {
      sigset_t stop{};
      if (command->hold) stop = block_stop_signals();
      const Result<bpf::AddedScope> added = bpf::add_scope(command->kind, command->value);
      if (!added) return added.error();
      if (command->hold) return hold_scope(*command, *added, stop);
      return added_text(*added);
    }
    case ScopeVerb::kDel: {
      const Result<Scope> deleted = bpf::delete_named_scope(command->kind, command->value);
      if (!deleted) return deleted.error();
      return gone_text("deleted", *deleted);
    }
    case ScopeVerb::kPrune: {
      const Result<std::vector<Scope>> pruned = bpf::prune_stale_scopes();
      if (!pruned) return pruned.error();
      std::string out = pruned->empty() ? "nothing to prune\n" : "";
      for (const Scope& s : *pruned) out += gone_text("pruned", s);
      return out;
    }
    case ScopeVerb::kClear: {
      const Result<std::vector<std::string>> removed = bpf::clear_scopes();
      if (!removed) return removed.error();
      return cleared_text(*removed);
    }
    case ScopeVerb::kEnable:
      return enable_unit(command->value,
                         command->unit_dir.empty() ? kSystemdUnitDir : command->unit_dir);
    case ScopeVerb::kDisable:
      return disable_unit(command->value,
                          command->unit_dir.empty() ? kSystemdUnitDir : command->unit_dir);
    case ScopeVerb::kList:
      break;
  }
  const Result<bpf::Listing> listing = bpf::list_all_scopes();
  if (!listing) return listing.error();
  switch (command->output) {
    case ScopeOutput::kJson:
      return format_scope_json(*listing);
    case ScopeOutput::kPrometheus:
      return format_scope_prometheus(*listing);
    case ScopeOutput::kText:
      break;
  }
  return format_scope_table(*listing);
}

}  // namespace smc

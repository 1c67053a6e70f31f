#include "core/launch/mechanism.h"

#include <fmt/format.h>

namespace smc {
namespace {

constexpr std::string_view kLibrary = "mechanism: the preload library";

// Without CAP_SYS_ADMIN a filter may only be installed under no_new_privs
// (kernel/seccomp.c, seccomp_prepare_filter).
bool needs_no_new_privs(const Privileges& p) {
  return !p.cap_sys_admin && !p.no_new_privs;
}

// Why the supervisor cannot serve here, or "" when it can.
std::string why_not_seccomp(const MechanismFacts& f) {
  return f.seccomp.user_notif ? "" : f.seccomp.why_not;
}

std::string outer_note(const MechanismFacts& f) {
  return fmt::format(
      "the seccomp supervisor of an outer smc_run (pid {}) already serves this "
      "process, with that smc_run's settings; the kernel allows one",
      f.outer_supervisor);
}

// "-t 1m and -d", the settings the outer supervisor does not share.
std::string unshared_list(const MechanismFacts& f) {
  std::string list;
  for (std::size_t i = 0; i < f.unshared.size(); ++i) {
    if (i > 0) list += i + 1 == f.unshared.size() ? " and " : ", ";
    list += f.unshared[i];
  }
  return list;
}

// Relies on the outer supervisor; `served_by_it` when only it reaches
// PROGRAM, so that this smc_run's own settings are lost on PROGRAM.
void rely_on_outer(const MechanismFacts& f, const std::string& head, bool served_by_it,
                   MechanismChoice& c) {
  c.notes.push_back(head + outer_note(f));
  if (f.unshared.empty()) return;
  const std::string lost = fmt::format(
      "{} of this smc_run do not reach the programs that outer supervisor serves{}",
      unshared_list(f), served_by_it ? fmt::format(", {} among them", f.program) : "");
  if (served_by_it) {
    c.warnings.push_back(lost);
  } else {
    c.notes.push_back("mechanism: " + lost);
  }
}

// The supervisor serves PROGRAM: no_new_privs if needed, and said.
void use_seccomp(const MechanismFacts& f, MechanismChoice& c) {
  c.seccomp = true;
  c.no_new_privs = needs_no_new_privs(f.privileges);
  if (c.no_new_privs) {
    c.notes.push_back(fmt::format(
        "no_new_privs: set for the seccomp filter (no CAP_SYS_ADMIN): setuid "
        "and file-capability programs that {} starts run without their "
        "privileges",
        f.program));
  }
}

// One warning that the supervisor cannot serve (after why the library
// cannot either, when it cannot); under --strict, the error instead.
void cannot_serve(const MechanismFacts& f, const std::string& why,
                  const std::string& no_library, MechanismChoice& c) {
  if (f.strict) {
    c.refusal = fmt::format("{}; --strict refuses to run {} without SMC", why,
                            f.program);
    return;
  }
  c.warnings.push_back(
      no_library.empty()
          ? fmt::format("{}: the seccomp supervisor cannot serve {}, so its TCP "
                        "sockets stay TCP",
                        why, f.program)
          : fmt::format("{}, so the library cannot reach it, and {}: its TCP "
                        "sockets stay TCP",
                        no_library, why));
}

MechanismChoice choose_preload(const MechanismFacts& f) {
  MechanismChoice c;
  c.library = carries_library(*f.reach);
  c.warnings = f.reach->warnings;
  c.notes.push_back(std::string(kLibrary) + " (--mechanism preload)");
  return c;
}

MechanismChoice choose_seccomp(const MechanismFacts& f) {
  MechanismChoice c;
  const std::string why = why_not_seccomp(f);
  if (f.outer_supervisor > 0) {
    rely_on_outer(f, "mechanism: ", true, c);
  } else if (!why.empty()) {
    cannot_serve(f, why, "", c);
  } else {
    c.notes.push_back("mechanism: the seccomp supervisor (--mechanism seccomp)");
    use_seccomp(f, c);
    if (c.no_new_privs && !f.reach->privileged.empty()) {
      c.warnings.push_back(fmt::format(
          "{}: no_new_privs, which seccomp needs without CAP_SYS_ADMIN, makes "
          "it run without those privileges",
          f.reach->privileged));
    }
  }
  if (!f.reach->offer_library && !f.other_abi_served) {
    // Another architecture's calls pass the filter unseen, too.
    c.warnings.insert(c.warnings.end(), f.reach->warnings.begin(),
                      f.reach->warnings.end());
  }
  return c;
}

// auto, for a program the library reaches: the library, and as root the
// supervisor as a net under it.
MechanismChoice choose_library_and_net(const MechanismFacts& f) {
  MechanismChoice c;
  c.library = true;
  const std::string why = why_not_seccomp(f);
  if (f.outer_supervisor > 0) {
    rely_on_outer(f, std::string(kLibrary) + "; ", false, c);
  } else if (needs_no_new_privs(f.privileges)) {
    c.notes.push_back(std::string(kLibrary) +
                      "; no seccomp net under it: without CAP_SYS_ADMIN it "
                      "would need no_new_privs (--mechanism seccomp sets it)");
  } else if (!why.empty()) {
    c.notes.push_back(std::string(kLibrary) + "; no seccomp net under it: " + why);
  } else {
    c.notes.push_back(std::string(kLibrary) +
                      ", and the seccomp supervisor as a net under it for "
                      "static children, setuid programs and raw system calls");
    c.seccomp = true;
  }
  return c;
}

// Why the library cannot reach PROGRAM, or may not: "" when it does.
const std::string& why_library_cannot(const Reach& reach) {
  return !reach.blind.empty()        ? reach.blind
         : !reach.privileged.empty() ? reach.privileged
                                     : reach.unreadable;
}

MechanismChoice use_bpf(const MechanismFacts& f, std::string_view why);

MechanismChoice choose_auto(const MechanismFacts& f) {
  const Reach& reach = *f.reach;
  // As root, the BPF hook where it works: static children, setuid
  // programs, raw and socketcall calls reached, with no process between.
  if (f.request == MechanismRequest::kAuto && f.bpf_why_not && f.bpf_why_not->empty() &&
      f.outer_supervisor == 0) {
    return use_bpf(f, " (auto, as root)");
  }
  if (!reach.offer_library && !(f.other_abi_served && f.seccomp.user_notif)) {
    MechanismChoice c;
    c.warnings = reach.warnings;
    return c;
  }
  if (carries_library(reach)) return choose_library_and_net(f);
  MechanismChoice c;
  const std::string& why_library_cannot =
      reach.offer_library ? smc::why_library_cannot(reach) : reach.other_abi;
  const std::string why = why_not_seccomp(f);
  if (f.outer_supervisor > 0) {
    rely_on_outer(f, fmt::format("mechanism: {}; ", why_library_cannot), true, c);
  } else if (!why.empty()) {
    cannot_serve(f, why, why_library_cannot, c);
  } else if (!reach.privileged.empty() && needs_no_new_privs(f.privileges)) {
    c.warnings = reach.warnings;
    c.notes.push_back(fmt::format(
        "mechanism: none; {}: without CAP_SYS_ADMIN the seccomp supervisor "
        "would need no_new_privs, which would run it without its privileges "
        "(--mechanism seccomp does that)",
        reach.privileged));
  } else {
    c.notes.push_back(fmt::format("mechanism: the seccomp supervisor, because {}",
                                  why_library_cannot));
    if (!reach.unreadable.empty()) {
      // smc_run cannot tell what PROGRAM is: said, though it is served.
      c.warnings.push_back(fmt::format(
          "{}, so it cannot tell whether the program is statically linked: the "
          "seccomp supervisor serves it",
          reach.unreadable));
    }
    use_seccomp(f, c);
  }
  return c;
}

// Whether the choice serves PROGRAM itself; when not, one warning says
// why, or under --strict the refusal.
void judge_served(const MechanismFacts& f, MechanismChoice& c) {
  const bool filter_sees = f.reach->offer_library || f.other_abi_served;
  c.served = c.bpf || c.library || (filter_sees && (c.seccomp || f.outer_supervisor > 0));
  if (c.refusal) {
    // The refusal is the one line.
    c.warnings.clear();
    c.seccomp = false;
    return;
  }
  if (c.served) return;
  if (c.warnings.empty()) {
    c.warnings.push_back(fmt::format("no mechanism serves {}: its TCP sockets stay TCP",
                                     f.program));
  }
  if (f.strict) {
    c.refusal = fmt::format("{}; --strict refuses to run {} without SMC", c.warnings.front(),
                            f.program);
    c.warnings.clear();
    c.seccomp = false;
  }
}

constexpr std::string_view kBpfNote =
    "mechanism: the kernel's BPF hook (update_socket_protocol) for {}'s whole tree{}";

// The BPF hook serves PROGRAM's tree; the library, where it reaches and
// the settings give it work, still reports (-d lines, summaries) and sets
// buffer sizes.
MechanismChoice use_bpf(const MechanismFacts& f, std::string_view why) {
  MechanismChoice c;
  c.bpf = true;
  const bool carried = carries_library(*f.reach);
  c.library = carried && f.library_work;
  const std::string_view library =
      c.library ? "; the preload library too, for its -d lines, summaries and buffer sizes"
      : carried ? "; no preload library: no -d, summary, buffer size or AF_SMC is asked of it"
                : ": no -d lines or summaries from its processes, which no library reaches "
                  "(smc_scope list counts what it converts)";
  c.notes.push_back(fmt::format(fmt::runtime(kBpfNote), f.program,
                                fmt::format("{}{}", why, library)));
  return c;
}

// The one warning where the hook was asked for or chosen and cannot
// serve: auto's choice without it serves instead.
std::string hook_cannot_serve(const MechanismFacts& f, std::string_view why) {
  return fmt::format("{}: the BPF hook cannot serve {}; auto's mechanism does", why, f.program);
}

MechanismChoice choose_bpf(const MechanismFacts& f) {
  if (f.filter) {
    MechanismChoice c;
    c.refusal = "--mechanism bpf cannot filter connections: the BPF hook makes every TCP "
                "socket of the tree SMC (before Linux 6.19's smc_hs_ctrl there is no "
                "per-connection control); --include and --exclude need --mechanism "
                "preload, seccomp or auto";
    c.refusal_is_usage = true;
    return c;
  }
  const std::string why = f.bpf_why_not.value_or("the BPF hook was not probed");
  if (why.empty()) return use_bpf(f, " (--mechanism bpf)");
  if (f.strict) {
    MechanismChoice c;
    c.refusal = fmt::format("{}; --strict refuses to run {} without the BPF hook", why,
                            f.program);
    return c;
  }
  MechanismChoice c = choose_auto(f);
  c.warnings.insert(c.warnings.begin(), hook_cannot_serve(f, why));
  return c;
}

// auto: why not the hook. Missing at the probe, that is the host's way, a
// note; failed at launch after the probe passed, a warning, after the
// others (--strict's refusal, if nothing else serves, names those).
void say_why_not_bpf(const MechanismFacts& f, MechanismChoice& c) {
  if (!f.bpf_why_not || f.bpf_why_not->empty()) return;
  if (f.bpf_failed_at_launch) {
    c.warnings.push_back(hook_cannot_serve(f, *f.bpf_why_not));
  } else {
    c.notes.push_back("mechanism: not the BPF hook: " + *f.bpf_why_not);
  }
}

}  // namespace

bool wants_bpf_probe(MechanismRequest request, const Privileges& privileges, bool filter) {
  if (request == MechanismRequest::kBpf) return !filter;
  return request == MechanismRequest::kAuto && privileges.cap_sys_admin && !filter;
}

MechanismChoice choose_mechanism(const MechanismFacts& facts) {
  MechanismChoice c;
  switch (facts.request) {
    case MechanismRequest::kBpf:
      c = choose_bpf(facts);
      break;
    case MechanismRequest::kPreload:
      c = choose_preload(facts);
      break;
    case MechanismRequest::kSeccomp:
      c = choose_seccomp(facts);
      break;
    case MechanismRequest::kAuto:
      c = choose_auto(facts);
      say_why_not_bpf(facts, c);
      break;
  }
  judge_served(facts, c);
  if (c.seccomp && facts.init_process) {
    // core/launch/init_process.h says why.
    c.notes.push_back(fmt::format(
        "pid 1: smc_run stays pid 1 as a minimal init and runs {} as its child (signals "
        "passed on, orphans reaped, its exit status kept), so that the supervisor is not "
        "the program's child",
        facts.program));
  }
  return c;
}

}  // namespace smc

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
  c.library = f.reach->offer_library;
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

// Why the library cannot reach PROGRAM where the supervisor may: another
// ABI it serves, static or Go, or privileged.
const std::string& why_library_cannot(const MechanismFacts& f) {
  const Reach& reach = *f.reach;
  if (!reach.offer_library) return reach.other_abi;
  return reach.blind.empty() ? reach.privileged : reach.blind;
}

MechanismChoice choose_auto(const MechanismFacts& f) {
  const Reach& reach = *f.reach;
  if (!reach.offer_library && !f.other_abi_served) {
    MechanismChoice c;
    c.warnings = reach.warnings;
    return c;
  }
  if (reach.offer_library && reach.blind.empty() && reach.privileged.empty()) {
    return choose_library_and_net(f);
  }
  MechanismChoice c;
  // Harmless where the loader ignores it, as before; but a loader of
  // another ABI would fail on it.
  c.library = reach.offer_library;
  const std::string& why_library_cannot = smc::why_library_cannot(f);
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
    use_seccomp(f, c);
  }
  return c;
}

}  // namespace

MechanismChoice choose_mechanism(const MechanismFacts& facts) {
  MechanismChoice c;
  switch (facts.request) {
    case MechanismRequest::kPreload:
      c = choose_preload(facts);
      break;
    case MechanismRequest::kSeccomp:
      c = choose_seccomp(facts);
      break;
    case MechanismRequest::kAuto:
      c = choose_auto(facts);
      break;
  }
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

#include "core/launch/mechanism.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace smc {
namespace {

Reach dynamic() { return Reach{}; }

Reach static_program() {
  Reach r;
  r.blind = "/bin/s is statically linked";
  r.warnings = {"/bin/s is statically linked: no library can be preloaded into it, so "
                "its TCP sockets stay TCP"};
  return r;
}

Reach setuid_program() {
  Reach r;
  r.privileged = "/bin/u is setuid (owner uid 65534)";
  r.warnings = {"/bin/u is setuid (owner uid 65534): the loader ignores LD_PRELOAD for "
                "it, so its TCP sockets stay TCP"};
  return r;
}

Reach unreadable_program() {
  Reach r;
  r.unreadable = "/bin/x cannot be read by smc_run (Permission denied)";
  r.warnings = {"/bin/x cannot be read by smc_run (Permission denied), so it cannot tell "
                "whether the program is statically linked, and the library may not reach it"};
  return r;
}

Reach foreign_program() {
  Reach r;
  r.offer_library = false;
  r.warnings = {"/bin/f is a 32-bit program ..."};
  return r;
}

const Privileges kRoot{true, false, false};
const Privileges kUser{false, false, false};
const Privileges kUserWithNnp{false, true, false};
const SeccompSupport kAvailable{true, ""};
const SeccompSupport kMissing{false, "this kernel has no seccomp user notification"};

std::string all(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  return text;
}

// A table row's facts: PROGRAM with `reach` (which must outlive them), as
// `request` asks, on a host with `seccomp`, for a caller with `privileges`.
MechanismFacts facts_of(MechanismRequest request, const Reach& reach,
                        const Privileges& privileges, const SeccompSupport& seccomp,
                        bool strict) {
  MechanismFacts f;
  f.request = request;
  f.program = "PROGRAM";
  f.reach = &reach;
  f.seccomp = seccomp;
  f.privileges = privileges;
  f.strict = strict;
  return f;
}

// Every line the choice says: notes, warnings and the refusal.
std::string said(const MechanismChoice& c) {
  return all(c.notes) + all(c.warnings) + c.refusal.value_or("");
}

struct Row {
  const char* what;
  MechanismRequest request;
  Reach reach;
  Privileges privileges;
  SeccompSupport seccomp;
  bool strict;
  bool library, seccomp_used, no_new_privs;
  int warnings;
  bool refusal;
  const char* said;  // in the notes or warnings
};

TEST_CASE("the mechanism follows the request, the program and the privileges") {
  using R = MechanismRequest;
  const Row rows[] = {
      {"auto, dynamic, user: the library alone", R::kAuto, dynamic(), kUser, kAvailable,
       false, true, false, false, 0, false, "would need no_new_privs"},
      {"auto, dynamic, root: the library and the net", R::kAuto, dynamic(), kRoot,
       kAvailable, false, true, true, false, 0, false, "as a net under it"},
      {"auto, dynamic, root, no seccomp: the library, said", R::kAuto, dynamic(), kRoot,
       kMissing, true, true, false, false, 0, false, "no seccomp net under it: this kernel"},
      {"auto, static, user: seccomp with no_new_privs, said, no library", R::kAuto,
       static_program(), kUser, kAvailable, false, false, true, true, 0, false,
       "no_new_privs: set"},
      {"auto, static, root: seccomp", R::kAuto, static_program(), kRoot, kAvailable, false,
       false, true, false, 0, false, "because /bin/s is statically linked"},
      {"auto, static, nnp already set: no new change", R::kAuto, static_program(),
       kUserWithNnp, kAvailable, false, false, true, false, 0, false, "seccomp supervisor"},
      {"auto, static, no seccomp: one warning", R::kAuto, static_program(), kUser, kMissing,
       false, false, false, false, 1, false,
       "/bin/s is statically linked, so the library cannot reach it, and this kernel has no "
       "seccomp user notification: its TCP sockets stay TCP"},
      {"auto, static, no seccomp, strict: refused", R::kAuto, static_program(), kUser,
       kMissing, true, false, false, false, 0, true, "--strict refuses to run PROGRAM"},
      {"auto, setuid, user: never no_new_privs, warned", R::kAuto, setuid_program(), kUser,
       kAvailable, false, false, false, false, 1, false, "mechanism: none; /bin/u is setuid"},
      {"auto, setuid, user, strict: nothing serves it, refused", R::kAuto, setuid_program(),
       kUser, kAvailable, true, false, false, false, 0, true,
       "/bin/u is setuid (owner uid 65534): the loader ignores LD_PRELOAD for it, so its TCP "
       "sockets stay TCP; --strict refuses to run PROGRAM without SMC"},
      {"auto, setuid, root: seccomp", R::kAuto, setuid_program(), kRoot, kAvailable, false,
       false, true, false, 0, false, "because /bin/u is setuid"},
      {"auto, exec-only, user: the supervisor, and said", R::kAuto, unreadable_program(),
       kUser, kAvailable, false, false, true, true, 1, false,
       "cannot tell whether the program is statically linked: the seccomp supervisor serves it"},
      {"auto, exec-only, user, strict: served by the supervisor", R::kAuto,
       unreadable_program(), kUser, kAvailable, true, false, true, true, 1, false,
       "because /bin/x cannot be read by smc_run"},
      {"auto, exec-only, no seccomp, strict: refused", R::kAuto, unreadable_program(), kUser,
       kMissing, true, false, false, false, 0, true, "--strict refuses to run PROGRAM"},
      {"preload, exec-only: no library, warned", R::kPreload, unreadable_program(), kUser,
       kAvailable, false, false, false, false, 1, false, "cannot be read by smc_run"},
      {"preload, exec-only, strict: refused", R::kPreload, unreadable_program(), kUser,
       kAvailable, true, false, false, false, 0, true, "cannot be read by smc_run"},
      {"auto, foreign: nothing reaches it", R::kAuto, foreign_program(), kRoot, kAvailable,
       false, false, false, false, 1, false, "32-bit"},
      {"auto, foreign, strict: refused", R::kAuto, foreign_program(), kRoot, kAvailable,
       true, false, false, false, 0, true, "32-bit program ...; --strict refuses"},
      {"seccomp, foreign, strict: the filter does not see it, refused", R::kSeccomp,
       foreign_program(), kRoot, kAvailable, true, false, false, false, 0, true, "32-bit"},
      {"preload, static: the warning, and no library", R::kPreload, static_program(), kRoot,
       kAvailable, false, false, false, false, 1, false, "(--mechanism preload)"},
      {"preload, static, strict: refused", R::kPreload, static_program(), kRoot, kAvailable,
       true, false, false, false, 0, true,
       "/bin/s is statically linked: no library can be preloaded into it, so its TCP sockets "
       "stay TCP; --strict refuses to run PROGRAM without SMC"},
      {"preload, dynamic, strict: the library serves it", R::kPreload, dynamic(), kUser,
       kAvailable, true, true, false, false, 0, false, "(--mechanism preload)"},
      {"preload, foreign: no library", R::kPreload, foreign_program(), kRoot, kAvailable,
       false, false, false, false, 1, false, "32-bit"},
      {"seccomp, dynamic, user: no library, no_new_privs", R::kSeccomp, dynamic(), kUser,
       kAvailable, false, false, true, true, 0, false, "no_new_privs: set"},
      {"seccomp, setuid, user: done, and warned", R::kSeccomp, setuid_program(), kUser,
       kAvailable, false, false, true, true, 1, false, "run without those privileges"},
      {"seccomp, setuid, root: no warning", R::kSeccomp, setuid_program(), kRoot, kAvailable,
       false, false, true, false, 0, false, "(--mechanism seccomp)"},
      {"seccomp, missing: warned", R::kSeccomp, dynamic(), kRoot, kMissing, false, false,
       false, false, 1, false, "cannot serve"},
      {"seccomp, missing, strict: refused", R::kSeccomp, dynamic(), kRoot, kMissing, true,
       false, false, false, 0, true, "no seccomp user notification"},
  };
  for (const Row& r : rows) {
    const std::string what = r.what;
    CAPTURE(what);
    const MechanismChoice c =
        choose_mechanism(facts_of(r.request, r.reach, r.privileges, r.seccomp, r.strict));
    CHECK(c.library == r.library);
    CHECK(c.seccomp == r.seccomp_used);
    CHECK(c.no_new_privs == r.no_new_privs);
    CHECK(static_cast<int>(c.warnings.size()) == r.warnings);
    CHECK(c.refusal.has_value() == r.refusal);
    CHECK_MESSAGE(said(c).find(r.said) != std::string::npos, said(c));
  }
}

TEST_CASE("an outer smc_run's supervisor is relied on, never duplicated") {
  for (const Reach& reach : {dynamic(), static_program()}) {
    for (MechanismRequest request : {MechanismRequest::kAuto, MechanismRequest::kSeccomp}) {
      MechanismFacts f = facts_of(request, reach, kUser, kAvailable, false);
      f.outer_supervisor = 4242;
      const MechanismChoice c = choose_mechanism(f);
      CHECK_FALSE(c.seccomp);
      CHECK_FALSE(c.no_new_privs);
      CHECK(c.warnings.empty());
      CHECK(all(c.notes).find("outer smc_run (pid 4242)") != std::string::npos);
    }
  }
}

TEST_CASE("settings the outer supervisor does not share are named, a warning where only it serves") {
  const Reach dynamic_reach = dynamic();
  const Reach static_reach = static_program();
  MechanismFacts f;
  f.program = "PROGRAM";
  f.seccomp = kAvailable;
  f.privileges = kUser;
  f.outer_supervisor = 4242;
  f.unshared = {"-t 1m", "--exclude *:22", "-d"};
  f.reach = &static_reach;
  MechanismChoice c = choose_mechanism(f);
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0] ==
        "-t 1m, --exclude *:22 and -d of this smc_run do not reach the programs that outer "
        "supervisor serves, PROGRAM among them");
  f.request = MechanismRequest::kSeccomp;
  CHECK(choose_mechanism(f).warnings.size() == 1);
  // A dynamic PROGRAM has the library, with this smc_run's settings.
  f.reach = &dynamic_reach;
  f.request = MechanismRequest::kAuto;
  c = choose_mechanism(f);
  CHECK(c.warnings.empty());
  CHECK(all(c.notes).find("mechanism: -t 1m, --exclude *:22 and -d of this smc_run do not "
                          "reach the programs that outer supervisor serves\n") !=
        std::string::npos);
  // Nothing differs: nothing said.
  f.unshared.clear();
  f.reach = &static_reach;
  c = choose_mechanism(f);
  CHECK(c.warnings.empty());
  CHECK(all(c.notes).find("do not reach") == std::string::npos);
}

TEST_CASE("as pid 1 with the supervisor, smc_run says it stays an init for PROGRAM") {
  const Reach reach = static_program();
  MechanismFacts f;
  f.program = "PROGRAM";
  f.reach = &reach;
  f.seccomp = kAvailable;
  f.privileges = kRoot;
  f.init_process = true;
  CHECK(all(choose_mechanism(f).notes)
            .find("pid 1: smc_run stays pid 1 as a minimal init and runs PROGRAM as its child") !=
        std::string::npos);
  f.request = MechanismRequest::kPreload;
  CHECK(all(choose_mechanism(f).notes).find("pid 1") == std::string::npos);
}

struct BpfRow {
  const char* what;
  MechanismRequest request;
  Reach reach;
  Privileges privileges;
  std::optional<std::string> bpf_why_not;  // nullopt: not probed
  bool strict, filter;
  bool bpf, library, seccomp_used;
  bool refusal, usage;
  int warnings;
  const char* said;  // in the notes, warnings or refusal
  bool at_launch = false;  // bpf_why_not: registering the tree failed
  // The settings give the library no work beyond converting (no -d,
  // summary, buffer size or AF_SMC): MechanismFacts.library_work false.
  bool nothing_asked = false;
};

TEST_CASE("the BPF hook serves where asked or as root, and says what is missing") {
  using R = MechanismRequest;
  const std::string ok;
  const std::string no_bpffs = "no BPF file system is mounted at '/sys/fs/bpf'";
  const std::string broken =
      "the BPF state in '/sys/fs/bpf/smc_run' is incomplete (maps missing); remove it with "
      "smc_scope clear";
  const BpfRow rows[] = {
      {"bpf, dynamic: the hook and the library, for its reports", R::kBpf, dynamic(), kRoot,
       ok, false, false, true, true, false, false, false, 0, "the preload library too"},
      {"bpf, static: the hook alone, no library path it would not carry", R::kBpf,
       static_program(), kRoot, ok, false, false, true, false, false, false, false, 0,
       "(--mechanism bpf)"},
      {"bpf, another architecture: the hook alone, its reports missing said", R::kBpf,
       foreign_program(), kRoot, ok, false, false, true, false, false, false, false, 0,
       "no -d lines or summaries"},
      {"bpf, missing: one warning naming it, auto's choice", R::kBpf, static_program(),
       kRoot, no_bpffs, false, false, false, false, true, false, false, 1,
       "no BPF file system is mounted at '/sys/fs/bpf': the BPF hook cannot serve PROGRAM; "
       "auto's mechanism does"},
      {"bpf, missing, strict: refused", R::kBpf, dynamic(), kRoot, no_bpffs, true, false,
       false, false, false, true, false, 0,
       "no BPF file system is mounted at '/sys/fs/bpf'; --strict refuses to run PROGRAM "
       "without the BPF hook"},
      {"bpf with a connection filter: a usage error", R::kBpf, dynamic(), kRoot, std::nullopt,
       false, true, false, false, false, true, true, 0, "cannot filter connections"},
      {"auto as root, hook there: the hook in place of the net", R::kAuto, dynamic(), kRoot,
       ok, false, false, true, true, false, false, false, 0, "(auto, as root)"},
      {"auto as root, static, hook there: the hook, no supervisor, no library", R::kAuto,
       static_program(), kRoot, ok, false, false, true, false, false, false, false, 0,
       "(auto, as root)"},
      {"auto as root, hook missing: the net, and why not the hook", R::kAuto, dynamic(), kRoot,
       no_bpffs, false, false, false, true, true, false, false, 0,
       "mechanism: not the BPF hook: no BPF file system"},
      {"auto as a user: no hook asked", R::kAuto, dynamic(), kUser, std::nullopt, false, false,
       false, true, false, false, false, 0, "the preload library"},
      {"auto as root, registering the tree failed at launch: the library and the net, warned",
       R::kAuto, dynamic(), kRoot, broken, false, false, false, true, true, false, false, 1,
       "the BPF state in '/sys/fs/bpf/smc_run' is incomplete (maps missing); remove it with "
       "smc_scope clear: the BPF hook cannot serve PROGRAM; auto's mechanism does",
       true},
      {"auto as root, static, registering failed: the supervisor, warned", R::kAuto,
       static_program(), kRoot, broken, false, false, false, false, true, false, false, 1,
       "mechanism: the seccomp supervisor, because /bin/s is statically linked", true},
      {"auto as root, registering failed, strict: the library serves it, not refused",
       R::kAuto, dynamic(), kRoot, broken, true, false, false, true, true, false, false, 1,
       "the preload library, and the seccomp supervisor as a net", true},
      {"bpf, registering failed: as where the hook is missing", R::kBpf, static_program(),
       kRoot, broken, false, false, false, false, true, false, false, 1,
       "maps missing); remove it with smc_scope clear: the BPF hook cannot serve PROGRAM; "
       "auto's mechanism does",
       true},
      {"bpf, dynamic, nothing asked of the library: the hook alone, no memfd", R::kBpf,
       dynamic(), kRoot, ok, false, false, true, false, false, false, false, 0,
       "(--mechanism bpf); no preload library: no -d, summary, buffer size or AF_SMC is "
       "asked of it",
       false, true},
      {"auto as root, dynamic, nothing asked of the library: the hook alone", R::kAuto,
       dynamic(), kRoot, ok, false, false, true, false, false, false, false, 0,
       "(auto, as root); no preload library", false, true},
      {"auto as root, nothing asked, registering failed: the library and the net serve",
       R::kAuto, dynamic(), kRoot, broken, false, false, false, true, true, false, false, 1,
       "the BPF hook cannot serve PROGRAM; auto's mechanism does", true, true},
      {"bpf, static, nothing asked: the hook alone, as with reports asked", R::kBpf,
       static_program(), kRoot, ok, false, false, true, false, false, false, false, 0,
       "no -d lines or summaries from its processes", false, true},
      {"bpf, registering failed, strict: refused", R::kBpf, dynamic(), kRoot, broken, true,
       false, false, false, false, true, false, 0,
       "maps missing); remove it with smc_scope clear; --strict refuses to run PROGRAM without "
       "the BPF hook",
       true},
  };
  for (const BpfRow& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    MechanismFacts f = facts_of(row.request, row.reach, row.privileges, kAvailable, row.strict);
    f.filter = row.filter;
    f.bpf_why_not = row.bpf_why_not;
    f.bpf_failed_at_launch = row.at_launch;
    f.library_work = !row.nothing_asked;
    const MechanismChoice c = choose_mechanism(f);
    CHECK(c.bpf == row.bpf);
    CHECK(c.library == row.library);
    CHECK(c.seccomp == row.seccomp_used);
    CHECK(c.refusal.has_value() == row.refusal);
    CHECK(c.refusal_is_usage == row.usage);
    CHECK(c.warnings.size() == static_cast<std::size_t>(row.warnings));
    CHECK_MESSAGE(said(c).find(row.said) != std::string::npos, said(c));
  }
  CHECK(wants_bpf_probe(R::kBpf, kUser, false));
  CHECK_FALSE(wants_bpf_probe(R::kBpf, kRoot, true));
  CHECK(wants_bpf_probe(R::kAuto, kRoot, false));
  CHECK_FALSE(wants_bpf_probe(R::kAuto, kUser, false));
  CHECK_FALSE(wants_bpf_probe(R::kAuto, kRoot, true));
  CHECK_FALSE(wants_bpf_probe(R::kSeccomp, kRoot, false));
}

// A 32-bit x86 program on x86_64: no library, but the supervisor serves
// its ABI (i386), unless it has no seccomp.
Reach i386_program() {
  Reach r;
  r.offer_library = false;
  r.other_abi_arch = 0x40000003;  // AUDIT_ARCH_I386
  r.other_abi = "/bin/p32 is a 32-bit program for ELF machine 3, which the 64-bit library "
                "cannot load into";
  r.warnings = {"/bin/p32 is a 32-bit program for ELF machine 3; the library is 64-bit for "
                "machine 62: it runs without the library, so its TCP sockets stay TCP"};
  return r;
}

struct OtherAbiRow {
  const char* what;
  MechanismRequest request;
  Reach reach;
  Privileges privileges;
  SeccompSupport seccomp;
  bool other_abi_served, strict;
  bool library, seccomp_used, no_new_privs, served, refusal;
  const char* warning;  // the one warning, whole; "" for none
  const char* said;     // in the notes, the warning or the refusal
};

TEST_CASE("a program of another ABI goes to the supervisor once its filter sees it, never the library") {
  using R = MechanismRequest;
  const char* const p32_warning =
      "/bin/p32 is a 32-bit program for ELF machine 3; the library is 64-bit for machine 62: it "
      "runs without the library, so its TCP sockets stay TCP";
  const char* const supervisor_because =
      "mechanism: the seccomp supervisor, because /bin/p32 is a 32-bit program for ELF machine "
      "3, which the 64-bit library cannot load into\n";
  const OtherAbiRow rows[] = {
      {"strict, the filter does not see it: refused", R::kAuto, foreign_program(), kRoot,
       kAvailable, false, true, false, false, false, false, true, "", "32-bit program ...; "
       "--strict refuses"},
      {"strict, the filter sees it: the supervisor serves it, not refused", R::kAuto,
       foreign_program(), kRoot, kAvailable, true, true, false, true, false, true, false, "",
       "mechanism: the seccomp supervisor"},
      {"auto, root: the supervisor", R::kAuto, i386_program(), kRoot, kAvailable, true, false,
       false, true, false, true, false, "", supervisor_because},
      {"auto, user: the supervisor, with no_new_privs", R::kAuto, i386_program(), kUser,
       kAvailable, true, false, false, true, true, true, false, "", supervisor_because},
      {"seccomp, root: the supervisor", R::kSeccomp, i386_program(), kRoot, kAvailable, true,
       false, false, true, false, true, false, "", "(--mechanism seccomp)"},
      {"seccomp, user: the supervisor, with no_new_privs", R::kSeccomp, i386_program(), kUser,
       kAvailable, true, false, false, true, true, true, false, "", "(--mechanism seccomp)"},
      {"auto, no seccomp: one warning", R::kAuto, i386_program(), kUser, kMissing, true, false,
       false, false, false, false, false, p32_warning, "/bin/p32 is a 32-bit program"},
      {"auto, no seccomp, strict: refused", R::kAuto, i386_program(), kUser, kMissing, true,
       true, false, false, false, false, true, "",
       "/bin/p32 is a 32-bit program for ELF machine 3; the library is 64-bit for machine 62: it "
       "runs without the library, so its TCP sockets stay TCP; --strict refuses to run PROGRAM "
       "without SMC"},
      {"auto, the supervisor does not serve that ABI: nothing reaches it, as before", R::kAuto,
       i386_program(), kUser, kAvailable, false, false, false, false, false, false, false,
       p32_warning, p32_warning},
      {"preload: no library either", R::kPreload, i386_program(), kUser, kAvailable, true,
       false, false, false, false, false, false, p32_warning, "(--mechanism preload)"},
  };
  for (const OtherAbiRow& r : rows) {
    const std::string what = r.what;
    CAPTURE(what);
    MechanismFacts f = facts_of(r.request, r.reach, r.privileges, r.seccomp, r.strict);
    f.other_abi_served = r.other_abi_served;
    const MechanismChoice c = choose_mechanism(f);
    CHECK(c.library == r.library);
    CHECK(c.seccomp == r.seccomp_used);
    CHECK(c.no_new_privs == r.no_new_privs);
    CHECK(c.served == r.served);
    CHECK(c.refusal.has_value() == r.refusal);
    CHECK(all(c.warnings) == (*r.warning ? std::string(r.warning) + "\n" : ""));
    CHECK_MESSAGE(said(c).find(r.said) != std::string::npos, said(c));
  }
}

TEST_CASE("mechanism names parse exactly") {
  CHECK(parse_mechanism("auto") == MechanismRequest::kAuto);
  CHECK(parse_mechanism("bpf") == MechanismRequest::kBpf);
  CHECK(parse_mechanism("preload") == MechanismRequest::kPreload);
  CHECK(parse_mechanism("seccomp") == MechanismRequest::kSeccomp);
  CHECK_FALSE(parse_mechanism("Seccomp").has_value());
  CHECK_FALSE(parse_mechanism("").has_value());
  CHECK_FALSE(parse_mechanism("ptrace").has_value());
}

}  // namespace
}  // namespace smc

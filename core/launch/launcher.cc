#include "core/launch/blob.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/output_file.h"
#include "base/preload_list.h"
#include "base/settings.h"
#include "core/bpf/scope_commands.h"
#include "core/common/quote.h"
#include "core/common/roles.h"
#include "core/common/version.h"
#include "core/launch/command_line.h"
#include "core/launch/exec.h"
#include "core/launch/files.h"
#include "core/launch/init_process.h"
#include "core/launch/launcher.h"
#include "core/launch/ld_preload.h"
#include "core/launch/links.h"
#include "core/launch/mechanism.h"
#include "core/launch/memfd.h"
#include "core/launch/paths.h"
#include "core/launch/plan.h"
#include "core/launch/reach.h"
#include "core/launch/seccomp_setup.h"
#include "core/launch/sysctl.h"

extern char** environ;

namespace smc {
namespace {

void raise_sysctls(const Plan& plan, const Console& console) {
  for (const SysctlWish& wish : plan.sysctls) {
    const Result<SysctlRaise> r =
        raise_sysctl("/proc/sys", wish.name, wish.at_least);
    if (!r) {
      // Root in a container or another network namespace may not write it
      // either, so the advice names the place, not just the user.
      console.warning(fmt::format(
          "{}; the kernel may cap buffers below {}. As root on the host, run: "
          "sysctl -w {}={}",
          r.error().message, wish.at_least, wish.name, wish.at_least));
    } else if (plan.settings.debug && r->after != r->before) {
      console.diagnostic(fmt::format("raised {} from {} to {}", r->name,
                                     r->before, r->after));
    } else if (plan.settings.debug) {
      console.diagnostic(fmt::format("{} is {}, enough for {}", r->name,
                                     r->before, wish.at_least));
    }
  }
}

// The memfd, at a high descriptor, readable by PROGRAM as /proc/self/fd/N;
// nullopt when the descriptor limit leaves no number for it beside the
// program's own (base/sealed_memfd.h): then PROGRAM goes without it.
Result<std::optional<std::string>> place_library(const Plan& plan, const Console& console) {
  const auto library = preload_library();
  const Result<SealedMemfd> memfd =
      make_sealed_memfd(library, kLibraryName);
  if (!memfd) return memfd.error();
  if (memfd->fd < 0) return std::optional<std::string>();
  const Result<std::optional<int>> fd = keep_across_exec(memfd->fd);
  if (!fd) return fd.error();
  if (!fd->has_value()) return std::optional<std::string>();
  const std::string path = fmt::format("/proc/self/fd/{}", **fd);
  if (!names_our_library(path)) {
    const bool no_proc = access("/proc/self", F_OK) != 0;
    return system_error(fmt::format(
        "{}: PROGRAM would load the preload library from {}. {}, or write "
        "the library out with --write-lib PATH and use LD_PRELOAD=PATH",
        no_proc ? "/proc is not mounted"
                : "/proc does not show this process's memfd",
        path, no_proc ? "Mount it (mount -t proc proc /proc)" : "Fix /proc"));
  }
  if (plan.settings.debug) {
    console.diagnostic(fmt::format(
        "preload library: {} bytes in sealed memfd {}{}", library.size(), path,
        memfd->noexec_seal ? " (MFD_NOEXEC_SEAL)" : ""));
  }
  return std::optional<std::string>(path);
}

// Why PROGRAM runs without the library when the limit leaves no room, and
// what then becomes of its TCP sockets: the supervisor serves them, or
// they stay TCP.
std::string no_room_warning(const std::string& shown, bool supervisor_serves) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  const auto text = [](rlim_t value) {
    return value == RLIM_INFINITY ? std::string("unlimited") : std::to_string(value);
  };
  return fmt::format(
      "RLIMIT_NOFILE (soft {}, hard {}) leaves no descriptor for the library beside "
      "the program's own: {} runs without it, {}",
      text(limit.rlim_cur), text(limit.rlim_max), shown,
      supervisor_serves ? "and the seccomp supervisor serves its TCP sockets"
                        : "so its TCP sockets stay TCP");
}

// Drops earlier copies of our library from LD_PRELOAD, closing the memfds
// of an outer smc_run that would otherwise leak into PROGRAM. Built on the
// last LD_PRELOAD of the environment, the one glibc's loader reads when
// there are several; run_smc_run leaves PROGRAM only this one.
std::string preload_value(const std::string& ours) {
  const ComposedPreload composed = compose_ld_preload(
      find_env_last(environ, "LD_PRELOAD"), ours, names_our_library);
  for (const std::string& entry : composed.dropped) {
    const std::optional<int> fd = proc_self_fd(entry);
    if (fd && entry != ours) close(*fd);
  }
  return composed.value;
}

// The summary file (--summary-file FILE, or SMC_SUMMARY_FILE from the
// environment), absolute (the program may change its folder before it
// exits) and known now to be one the library may write at exit: a
// regular file or a new one (base/output_file.h). Under -n nothing is
// created: an existing file is only looked at.
Result<std::string> summary_file(const Plan& plan, bool dry_run) {
  const std::string value = plan.settings.summary_file;
  const bool from_env = why(plan, SettingsVariable::kSummaryFile) == kSummaryFileFromEnv;
  const std::string named =
      from_env ? fmt::format("SMC_SUMMARY_FILE {} in the environment", quote_value(value))
               : fmt::format("--summary-file {}", quote_value(value));
  const Result<std::string> absolute = absolute_path(value);
  if (!absolute) {
    return usage_error(fmt::format("{}: {}", from_env ? "SMC_SUMMARY_FILE" : "--summary-file",
                                   absolute.error().message));
  }
  const std::string& path = *absolute;
  OutputFile file{-1, OutputRefusal::kNone, 0};
  struct stat st {};
  if (dry_run) {
    if (stat(path.c_str(), &st) == 0) file.refusal = output_refusal(st.st_mode);
  } else {
    file = open_output_file(path.c_str(), O_APPEND, 0644);
    if (file.fd >= 0) close(file.fd);
  }
  if (file.refusal == OutputRefusal::kSystemError) {
    return usage_error(fmt::format("cannot write {}: {}", named, std::strerror(file.error)));
  }
  if (file.refusal == OutputRefusal::kOther) {
    return usage_error(fmt::format("{} is not a regular file", named));
  }
  if (file.refusal != OutputRefusal::kNone) {
    return usage_error(fmt::format("{} is {}, not a regular file", named, describe(file.refusal)));
  }
  return path;
}

// --install-links [DIR]: DIR empty for this file's own folder.
Result<std::string> install_role_links(const std::string& dir) {
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) {
    return system_error(fmt::format(
        "cannot find this file through /proc/self/exe: {}", std::strerror(errno)));
  }
  const std::string path(exe, static_cast<std::size_t>(n));
  // The kernel names a file that was removed or replaced while it ran
  // "PATH (deleted)" (fs/d_path.c): links would dangle, or lead to
  // whatever now has that name.
  constexpr std::string_view kDeleted = " (deleted)";
  if (path.ends_with(kDeleted)) {
    return system_error(fmt::format(
        "this file, {}, was deleted or replaced while it ran: links to it "
        "would dangle; run --install-links from the file now there",
        quote_value(path.substr(0, path.size() - kDeleted.size()))));
  }
  const std::string own_folder = path.substr(0, std::max<std::size_t>(path.rfind('/'), 1));
  return install_links(path, dir.empty() ? own_folder : dir, linkable_roles());
}

// SIGPIPE ignored while smc_run itself writes, and put back as it was
// given just before PROGRAM is started (exec passes the disposition on).
// Not put back when smc_run ends with an error instead: the error line
// cmd/ writes then must not turn the documented status into a SIGPIPE.
class PipeSignalIgnored {
 public:
  PipeSignalIgnored() { ignore(); }
  PipeSignalIgnored(const PipeSignalIgnored&) = delete;
  PipeSignalIgnored& operator=(const PipeSignalIgnored&) = delete;

  void ignore() {
    struct sigaction ignored {};
    ignored.sa_handler = SIG_IGN;
    saved_ = sigaction(SIGPIPE, &ignored, &before_) == 0;
  }
  void restore() {
    if (saved_) sigaction(SIGPIPE, &before_, nullptr);
    saved_ = false;
  }

 private:
  struct sigaction before_ {};
  bool saved_ = false;
};

// "NAME=VALUE (why)" for -n and -d, the value quoted as in a shell: a
// newline in it (LD_PRELOAD comes from the user) cannot fake a line.
std::string describe(const EnvVar& var) {
  // An LD_PRELOAD left empty is removed (set_environment).
  const bool unset = var.name == "LD_PRELOAD" && var.value.empty();
  const std::string text =
      unset ? "LD_PRELOAD unset" : fmt::format("{}={}", var.name, shell_quote(var.value));
  return var.why.empty() ? text : fmt::format("{} ({})", text, var.why);
}

// -n: what would happen, on stdout, with nothing changed or run.
std::string dry_run(const Plan& plan, const std::vector<EnvVar>& env,
                    const MechanismChoice& choice, const std::string& shown,
                    const std::vector<std::string>& command) {
  std::string out = "smc_run: dry run; nothing is changed or run\n";
  for (const SysctlWish& wish : plan.sysctls) {
    const Result<long> now = read_sysctl("/proc/sys", wish.name);
    if (!now) {
      out += fmt::format("would try to raise {} to {}; {}\n", wish.name,
                         wish.at_least, now.error().message);
    } else if (*now < wish.at_least) {
      out += fmt::format("would raise {} from {} to {}\n", wish.name, *now,
                         wish.at_least);
    } else {
      out += fmt::format("{} is {}, enough for {}\n", wish.name, *now,
                         wish.at_least);
    }
  }
  for (const std::string& warning : choice.warnings) {
    out += fmt::format("warning: {}\n", warning);
  }
  for (const std::string& note : choice.notes) out += note + "\n";
  if (choice.refusal) {
    out += fmt::format("would stop with an error: {}\n", *choice.refusal);
  }
  if (choice.bpf) {
    out += "would register this process's tree (PROGRAM and its children) in a BPF tree "
           "scope under /sys/fs/bpf/smc_run (loading the programs there once, if they are not "
           "yet), which the kernel removes when the tree ends; it does not see sockets made by "
           "io_uring\n";
  }
  if (choice.seccomp) {
    out += "would start a seccomp supervisor and install a filter that sends it "
           "PROGRAM's TCP socket() calls (it does not see sockets made by io_uring, and "
           "makes sockets in its own network namespace: a program that moves to another "
           "keeps TCP)\n";
  }
  for (const EnvVar& var : env) {
    out += var.name == "LD_PRELOAD" && var.value.empty()
               ? fmt::format("would unset LD_PRELOAD ({})\n", var.why)
               : fmt::format("would set {}\n", describe(var));
  }
  if (choice.library) {
    out += fmt::format(
        "  (N: a sealed memfd holding the {}-byte preload library, made at "
        "run time)\n",
        preload_library().size());
  }
  out += fmt::format("would exec {} with argv: {}\n", shown,
                     shell_quote(command));
  return out;
}

// Starts the supervisor right before exec; as pid 1, first the init that
// stays (core/launch/init_process.h), and this returns in PROGRAM's
// process. Where the supervisor cannot start, PROGRAM runs without it,
// with one line that says so (a warning, unless the library serves
// PROGRAM and the supervisor was only a net under it), and under --strict
// smc_run fails instead. `library_lost`: the library was chosen but found
// no descriptor (no_room_warning), so the supervisor is no net but all
// there is, and the one warning says what became of PROGRAM's sockets.
Result<Ok> serve_with_seccomp(const Plan& plan, const MechanismChoice& choice,
                              bool library_lost, const std::string& command,
                              const std::string& shown, const Console& console) {
  if (getpid() == 1) {
    const Result<Ok> forked = stay_init_for_program(wants_outcomes(plan.settings));
    if (!forked) return forked.error();
  }
  const Result<SeccompStart> started = set_up_seccomp(plan.settings, choice.no_new_privs);
  if (!started) return started.error();
  if (started->supervisor == 0) {
    const bool net_only = choice.library && !library_lost;
    const std::string line =
        fmt::format("{}: the seccomp supervisor cannot serve {}{}", started->not_started,
                    shown, net_only ? "; the library does" : ", so its TCP sockets stay TCP");
    if (plan.settings.strict && !net_only) {
      return system_error(line + "; --strict refuses to run it so");
    }
    if (library_lost) {
      console.warning(no_room_warning(command, false));
      if (plan.settings.debug) console.diagnostic(line);
    } else if (!net_only) {
      console.warning(line);
    } else if (plan.settings.debug) {
      console.diagnostic(line);
    }
    return Ok{};
  }
  if (library_lost) console.warning(no_room_warning(command, true));
  const std::string pid = std::to_string(started->supervisor);
  if (setenv(kSupervisorVariable, pid.c_str(), 1) != 0) {
    return system_error(fmt::format("cannot set {}", kSupervisorVariable));
  }
  if (plan.settings.debug) {
    console.diagnostic(fmt::format(
        "seccomp supervisor {} serves {}: its TCP socket() calls{} go to the supervisor{}",
        pid, shown, plan.settings.filter_active ? ", and connect() and listen() for the connection filter," : "",
        started->wait_killable ? ""
                               : " (before Linux 5.19 a signal may interrupt a call "
                                 "being answered; it is then made again)"));
  }
  return Ok{};
}

// LD_PRELOAD for a PROGRAM that does not get the library: the entries of
// an earlier smc_run's library dropped (their memfds closed), since
// nothing would keep their /proc/self/fd/N naming it; nullopt when
// LD_PRELOAD names none of them.
std::optional<EnvVar> preload_without_ours() {
  const char* existing = find_env_last(environ, "LD_PRELOAD");
  if (existing == nullptr) return std::nullopt;
  const std::string before = existing;
  std::string value = preload_value("");
  if (value == before) return std::nullopt;
  return EnvVar{"LD_PRELOAD", std::move(value),
                "an earlier smc_run's library dropped: PROGRAM does not load it"};
}

// PROGRAM's tree registered with the BPF hook where the choice is the
// hook's, before anything else is set up for PROGRAM: this process is the
// tree's first, so PROGRAM and everything it starts is in it, and the
// kernel removes the scope once the last of them ends (core/bpf/
// scope_maps.h, SMC_SCOPE_LAUNCHED). Where the kernel refuses, the choice
// is made again as where the hook is missing (mechanism.h,
// bpf_failed_at_launch): auto's choice without the hook serves, with one
// warning, or --strict under --mechanism bpf refuses. `support` is the
// probe's (seccomp_setup.h, LaunchFacts), let go here whatever the choice:
// it holds the state's lock. The scope, or nullopt when none was
// registered.
std::optional<bpf::Added> register_tree(MechanismFacts& facts, MechanismChoice& choice,
                                        bpf::LaunchSupport support) {
  if (!choice.bpf) return std::nullopt;
  Result<bpf::Added> added = bpf::register_launch(std::move(support));
  if (added) return *added;
  facts.bpf_why_not = added.error().message;
  facts.bpf_failed_at_launch = true;
  choice = choose_mechanism(facts);
  return std::nullopt;
}

// -d: the tree scope PROGRAM is in.
void say_registered(const bpf::Added& added, const std::string& program,
                    const Console& console) {
  console.diagnostic(
      added.already
          ? fmt::format("BPF: this process is in tree scope {} already (an outer launch or "
                        "smc_scope): {} is in it too",
                        added.id, program)
          : fmt::format("BPF: tree scope {} holds this process, so {} and its children; the "
                        "kernel removes it when the last of them ends",
                        added.id, program));
}

// PROGRAM's environment: the plan's variables (program_variables) and,
// where the library serves PROGRAM, LD_PRELOAD. Returns whether the
// library was placed: false when it was not chosen, or the descriptor
// limit left no room for it.
Result<bool> set_environment(const Plan& plan, const MechanismChoice& choice,
                             std::vector<EnvVar> env, const Console& console) {
  bool placed = false;
  if (choice.library) {
    const Result<std::optional<std::string>> library = place_library(plan, console);
    if (!library) return library.error();
    if (library->has_value()) {
      env.push_back({"LD_PRELOAD", preload_value(**library), ""});
      placed = true;
    }
  }
  if (!placed) {
    if (std::optional<EnvVar> preload = preload_without_ours()) env.push_back(*preload);
  }
  for (const EnvVar& var : env) {
    // setenv() would replace the first of several entries only.
    if (var.name == "LD_PRELOAD") unsetenv("LD_PRELOAD");
    if (var.name == "LD_PRELOAD" && var.value.empty()) {
      if (plan.settings.debug) console.diagnostic(describe(var));
      continue;
    }
    if (setenv(var.name.c_str(), var.value.c_str(), 1) != 0) {
      return system_error(fmt::format("cannot set {}", var.name));
    }
    if (plan.settings.debug) console.diagnostic(describe(var));
  }
  return placed;
}

}  // namespace

Result<std::string> run_smc_run(std::span<const std::string> args,
                                const Console& console) {
  const Result<Options> options = parse_options(args);
  if (!options) return options.error();
  if (options->help) return usage();
  if (options->version) return fmt::format("smc_run {}\n", kVersion);
  if (options->write_lib) {
    const Result<Ok> written =
        write_file(*options->write_lib, preload_library(), 0644, "--write-lib");
    if (!written) return written.error();
    return std::string();
  }
  if (options->install_links) return install_role_links(*options->install_links);

  // From here on smc_run writes -d lines and warnings to a stderr that may
  // be a pipe nobody reads: best effort, never a SIGPIPE that kills it
  // before PROGRAM starts.
  PipeSignalIgnored pipe_signal;
  Result<Plan> plan = make_plan(*options, environ);
  if (!plan) return plan.error();
  if (plan->settings.summary_file != nullptr) {
    const Result<std::string> path = summary_file(*plan, options->dry_run);
    if (!path) return path.error();
    set_summary_file(*plan, *path);
  }
  const Result<std::string> program = find_program(
      options->command.front(), std::getenv("PATH"), default_search_path());
  if (!program) return program.error();

  // PROGRAM as every line of smc_run's shows it: quoted for a shell, so a
  // newline or an escape sequence in its name reaches no terminal raw.
  const std::string shown = shell_quote(*program);
  const Reach reach = judge_reach(*program, embedded_library_facts());
  LaunchFacts launch = mechanism_facts(*plan, reach, shown);
  MechanismFacts& facts = launch.facts;
  MechanismChoice choice = choose_mechanism(facts);
  Result<std::vector<EnvVar>> variables = program_variables(*plan);
  if (!variables) return variables.error();
  std::vector<EnvVar> env = std::move(*variables);
  if (options->dry_run) {
    if (choice.library) {
      env.push_back({"LD_PRELOAD", preload_value("/proc/self/fd/N"), ""});
    } else if (std::optional<EnvVar> preload = preload_without_ours()) {
      env.push_back(*preload);
    }
    return dry_run(*plan, env, choice, shown, options->command);
  }
  // The state the probe opened (and its lock) goes with the registration,
  // before anything is started that could inherit it.
  const std::optional<bpf::Added> registered = register_tree(facts, choice, std::move(launch.bpf));
  raise_sysctls(*plan, console);
  for (const std::string& warning : choice.warnings) console.warning(warning);
  if (choice.refusal) {
    return choice.refusal_is_usage ? usage_error(*choice.refusal) : system_error(*choice.refusal);
  }
  if (plan->settings.debug) {
    for (const std::string& note : choice.notes) console.diagnostic(note);
    if (registered) say_registered(*registered, shown, console);
  }

  const Result<bool> placed = set_environment(*plan, choice, std::move(env), console);
  if (!placed) return placed.error();
  const bool library_lost = choice.library && !*placed;
  const std::string command = shell_quote(options->command.front());
  // Right before exec: the supervisor is handed the plan's settings, and
  // from here on the filter sends this process's socket() calls to it.
  if (choice.seccomp) {
    const Result<Ok> served =
        serve_with_seccomp(*plan, choice, library_lost, command, shown, console);
    if (!served) return served.error();
  } else if (library_lost) {
    // Nothing else serves PROGRAM now.
    if (plan->settings.strict) {
      return system_error(no_room_warning(command, false) + "; --strict refuses to run it so");
    }
    console.warning(no_room_warning(command, false));
  }
  if (plan->settings.debug) {
    console.diagnostic(fmt::format("exec {} with argv: {}", shown,
                                   shell_quote(options->command)));
  }
  pipe_signal.restore();  // PROGRAM gets what smc_run was given
  Error failed = exec_program(*program, options->command);
  pipe_signal.ignore();  // for the error line
  return failed;
}

}  // namespace smc

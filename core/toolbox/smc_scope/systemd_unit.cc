#include "core/toolbox/smc_scope/systemd_unit.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/bpf/scope_commands.h"
#include "core/common/quote.h"

namespace smc {
namespace {

// systemd.unit(5): unit names are made of ASCII letters, digits, ":",
// "-", "_", "." and "\", with "@" for templates.
bool unit_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == ':' || c == '-' || c == '_' || c == '.' || c == '@' || c == '\\';
}

// Characters a path may hold in ExecStartPre= with no quoting: no space,
// no quote, no "%" (a specifier) and no "$" (a variable).
bool plain_path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '/' || c == '.' || c == '_' || c == '-' || c == '+';
}

std::string drop_in_folder(const std::string& unit_dir, const std::string& unit) {
  return fmt::format("{}/{}.d", unit_dir, unit);
}

// systemctl daemon-reload where systemd runs (sd_booted(3): the folder
// /run/systemd/system exists); what happened, or "" where it does not.
std::string reload_systemd() {
  if (access("/run/systemd/system", F_OK) != 0) return "";
  const pid_t pid = fork();
  if (pid == 0) {
    execlp("systemctl", "systemctl", "daemon-reload", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    return "; systemctl daemon-reload failed: run it yourself\n";
  }
  return "; systemd reloaded\n";
}

Result<std::string> this_executable() {
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) {
    return system_error(fmt::format("cannot find this file through /proc/self/exe: {}",
                                    std::strerror(errno)));
  }
  return std::string(exe, static_cast<std::size_t>(n));
}

}  // namespace

Result<std::string> service_name(std::string_view unit) {
  std::string name(unit);
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) name += ".service";
  bool plain = name.size() > 8 && name.size() <= 255;
  for (char c : name) plain = plain && unit_char(c);
  if (!plain || !name.ends_with(".service") || name.front() == '.' || name.front() == '@') {
    return usage_error(fmt::format(
        "{} is not a service unit's name (e.g. nginx or nginx.service; socket-activated "
        "sockets are made by systemd itself, before any scope, and are not reached)",
        quote_value(unit)));
  }
  return name;
}

Result<std::string> drop_in_text(std::string_view executable) {
  bool plain = !executable.empty() && executable.front() == '/';
  for (char c : executable) plain = plain && plain_path_char(c);
  if (!plain) {
    return usage_error(fmt::format(
        "this file's path {} needs quoting in a unit file: copy smc_run to a plain path "
        "(e.g. /usr/local/bin/smc_run) and run enable from there",
        quote_value(executable)));
  }
  // "+": with full privileges, whatever User= and the sandboxing say;
  // "-": a start where the scope cannot be added (no smc module, no
  // bpffs) goes on, on TCP, with smc_scope's line in the unit's log, as a
  // service without the drop-in would (both systemd.service(5)). "$$" is
  // a "$" that reaches sh (systemd's own variables are "$NAME");
  // /proc/self/cgroup's cgroup v2 line is "0::PATH" (cgroups(7)).
  return fmt::format(
      "# Written by smc_scope enable; smc_scope disable removes it.\n"
      "# Each start puts this unit's cgroup in an smc_scope cgroup scope: every\n"
      "# TCP socket its processes make becomes SMC (the kernel's\n"
      "# update_socket_protocol hook); a restart keeps the scope.\n"
      "[Service]\n"
      "ExecStartPre=-+/bin/sh -c 'exec \"$$0\" --role smc_scope add cgroup "
      "\"/sys/fs/cgroup$$(sed -n \"s/^0:://p\" /proc/self/cgroup)\"' {}\n",
      executable);
}

Result<std::string> enable_unit(std::string_view unit, const std::string& unit_dir) {
  const Result<std::string> name = service_name(unit);
  if (!name) return name.error();
  const Result<std::string> exe = this_executable();
  if (!exe) return exe.error();
  const Result<std::string> text = drop_in_text(*exe);
  if (!text) return text.error();
  const std::string folder = drop_in_folder(unit_dir, *name);
  if (mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) {
    return system_error(fmt::format("cannot make {}: {}", quote_value(folder), std::strerror(errno)));
  }
  const std::string path = folder + "/" + kDropInName;
  const std::string partial = path + ".partial";
  // Whole or not at all: written beside it, then renamed over it.
  const int fd = open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const bool written = fd >= 0 && write(fd, text->data(), text->size()) ==
                                      static_cast<ssize_t>(text->size());
  const int error = errno;
  if (fd >= 0) close(fd);
  if (!written || rename(partial.c_str(), path.c_str()) != 0) {
    const int why = written ? errno : error;
    unlink(partial.c_str());
    return system_error(fmt::format("cannot write {}: {}", quote_value(path), std::strerror(why)));
  }
  const std::string reloaded = reload_systemd();
  return fmt::format("enabled SMC for {}: {}{}{}", *name, quote_value(path),
                     reloaded.empty() ? "\n" : reloaded,
                     fmt::format("it applies from the unit's next start (systemctl restart {})\n",
                                 *name));
}

Result<std::string> disable_unit(std::string_view unit, const std::string& unit_dir) {
  const Result<std::string> name = service_name(unit);
  if (!name) return name.error();
  const std::string folder = drop_in_folder(unit_dir, *name);
  const std::string path = folder + "/" + kDropInName;
  if (unlink(path.c_str()) != 0) {
    if (errno == ENOENT) {
      return usage_error(fmt::format("SMC is not enabled for {}: there is no {}", *name,
                                     quote_value(path)));
    }
    return system_error(fmt::format("cannot remove {}: {}", quote_value(path), std::strerror(errno)));
  }
  rmdir(folder.c_str());  // only when empty: other drop-ins stay
  std::string out = fmt::format("disabled SMC for {}: removed {}", *name, quote_value(path));
  const std::string reloaded = reload_systemd();
  out += reloaded.empty() ? "\n" : reloaded;
  // Its scopes, where the state can be read: the unit's next sockets are TCP.
  const Result<bpf::Listing> listing = bpf::list_all_scopes();
  if (!listing) return out;
  for (const bpf::Scope& s : listing->scopes) {
    const std::string_view text = s.record.text;
    if (s.record.kind != SMC_SCOPE_CGROUP || !text.ends_with("/" + *name)) continue;
    const Result<bpf::Scope> deleted = bpf::delete_named_scope(SMC_SCOPE_CGROUP, text);
    if (deleted) out += fmt::format("deleted scope {}: cgroup {}\n", s.id, quote_value(text));
  }
  return out;
}

}  // namespace smc

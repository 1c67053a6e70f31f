#include "core/launch/command_line.h"

#include <initializer_list>

#include <fmt/format.h>

#include "base/connection_filter.h"
#include "base/settings.h"
#include "base/size.h"
#include "core/common/cli.h"
#include "core/common/quote.h"
#include "core/common/roles.h"
#include "core/launch/mechanism_request.h"

namespace smc {
namespace {

Result<BufferSize> parse_buffer(const std::string& text, const char* flag) {
  const SizeResult size = parse_size(text.c_str(), text.size());
  if (size.error != SizeError::kNone) {
    return usage_error(fmt::format("invalid size {} for {}: {}", quote_value(text), flag,
                                   describe(size.error)));
  }
  return BufferSize{size.bytes, text};
}

// The values of the options that take one, and whether each was given.
struct Values {
  std::string rcvbuf, sndbuf, write_lib, family, mechanism, summary_file, install_links;
  bool has_rcvbuf = false, has_sndbuf = false, has_write_lib = false, has_family = false,
       has_mechanism = false, has_summary_file = false, has_install_links = false;
  std::vector<std::string> include, exclude;
};

void declare(CommandLine& line, Options& o, Values& v) {
  line.flag("-d,--debug", &o.debug);
  line.final_flag("-h,--help", &o.help);
  line.final_flag("-v,--version", &o.version);
  line.flag("--strict", &o.strict);
  line.flag("--no-inherit", &o.no_inherit);
  line.flag("-n,--dry-run", &o.dry_run);
  line.flag("--summary", &o.summary);
  line.value("-r,--rcvbuf", &v.rcvbuf, &v.has_rcvbuf);
  line.value("-t,--sndbuf", &v.sndbuf, &v.has_sndbuf);
  line.value("--write-lib", &v.write_lib, &v.has_write_lib);
  line.value("-f,--family", &v.family, &v.has_family);
  line.value("--mechanism", &v.mechanism, &v.has_mechanism);
  line.value("--summary-file", &v.summary_file, &v.has_summary_file);
  // DIR is optional: without it, the links go beside this file.
  line.optional_value("--install-links", &v.install_links, &v.has_install_links);
  // Repeatable, one LIST per occurrence: the lists add up.
  line.list("--include", &v.include);
  line.list("--exclude", &v.exclude);
}

// The options with values, checked.
Result<Ok> check_values(const Values& v, Options& o) {
  if (v.has_rcvbuf) {
    auto size = parse_buffer(v.rcvbuf, "-r");
    if (!size) return size.error();
    o.rcvbuf = *size;
  }
  if (v.has_sndbuf) {
    auto size = parse_buffer(v.sndbuf, "-t");
    if (!size) return size.error();
    o.sndbuf = *size;
  }
  if (v.has_family) {
    Family family;
    if (!parse_family(v.family.c_str(), &family)) {
      return usage_error(fmt::format("invalid FAMILY {} for -f (use smc, inet or auto)",
                                     quote_value(v.family)));
    }
    o.family = family;
  }
  if (v.has_mechanism) {
    o.mechanism = parse_mechanism(v.mechanism);
    if (!o.mechanism) {
      return usage_error(
          fmt::format("invalid MECHANISM {} for --mechanism (use preload, seccomp or auto)",
                      quote_value(v.mechanism)));
    }
  }
  if (v.has_summary_file) {
    if (v.summary_file.empty()) return usage_error("--summary-file needs a non-empty FILE");
    o.summary_file = v.summary_file;
  }
  return Ok{};
}

// Each LIST of --include or --exclude on its own; their rules add up
// (core/launch/plan counts them with the environment's).
Result<RuleOption> parse_lists(const std::vector<std::string>& values, const char* flag) {
  RuleOption option;
  for (const std::string& value : values) {
    auto text = std::make_shared<const std::string>(value);
    RuleList list;
    parse_rule_list(text->c_str(), &list);
    if (list.entries == 0) return usage_error(fmt::format("{} needs a non-empty LIST", flag));
    if (list.first_error != RuleError::kNone && list.first_error != RuleError::kTooMany) {
      const std::string entry(list.first_bad.text, list.first_bad.length);
      return usage_error(fmt::format("invalid {} entry {}: {}", flag, quote_value(entry),
                                     describe(list.first_error)));
    }
    append_rule_list(list, &option.rules);
    option.lists.push_back(std::move(text));
  }
  return option;
}

Result<Ok> check_lists(const Values& v, Options& o) {
  Result<RuleOption> include = parse_lists(v.include, "--include");
  if (!include) return include.error();
  Result<RuleOption> exclude = parse_lists(v.exclude, "--exclude");
  if (!exclude) return exclude.error();
  o.include = std::move(*include);
  o.exclude = std::move(*exclude);
  return Ok{};
}

// --install-links and --write-lib act and exit: no PROGRAM with them.
Result<Ok> check_actions(const Values& v, Options& o) {
  if (v.has_install_links) {
    if (!o.command.empty()) {
      return usage_error(fmt::format("--install-links makes links and exits; unexpected {}",
                                     quote_value(o.command.front())));
    }
    o.install_links = v.install_links;
    return Ok{};
  }
  if (v.has_write_lib) {
    if (v.write_lib.empty()) return usage_error("--write-lib needs a non-empty PATH");
    if (!o.command.empty()) {
      return usage_error(fmt::format("--write-lib writes the library and exits; unexpected {}",
                                     quote_value(o.command.front())));
    }
    o.write_lib = v.write_lib;
    return Ok{};
  }
  if (o.command.empty()) return usage_error("missing PROGRAM");
  return Ok{};
}

// The roles a link can play, for the usage: "smcss, smcd and smc_chk".
std::string role_list(const char* last_separator) {
  const std::vector<std::string_view> names = linkable_roles();
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? last_separator : ", ";
    text += names[i];
  }
  return text;
}

}  // namespace

Result<Options> parse_options(std::span<const std::string> args) {
  // PROGRAM first, or right after "--", is the common case (scripts,
  // container entrypoints) and leaves nothing to parse. The parser would
  // return the same, but building its option table is most of smc_run's
  // own start-up work (tools/bench), so it is skipped then.
  if (!args.empty() && !looks_like_option(args[0])) {
    Options options;
    options.command.assign(args.begin(), args.end());
    return options;
  }
  if (args.size() > 1 && args[0] == "--") {
    Options options;
    options.command.assign(args.begin() + 1, args.end());
    return options;
  }
  Options options;
  Values values;
  CommandLine line(CommandLine::Shape::kOptionsThenProgram);
  declare(line, options, values);
  const Result<Ok> parsed = line.parse(args);
  if (!parsed) return parsed.error();
  if (options.help || options.version) return options;
  Result<std::vector<std::string>> rest = line.program();
  if (!rest) return rest.error();
  options.command = std::move(*rest);
  for (const auto check : {&check_values, &check_actions}) {
    const Result<Ok> checked = check(values, options);
    if (!checked) return checked.error();
  }
  if (options.command.empty()) return options;  // --write-lib, --install-links
  const Result<Ok> lists = check_lists(values, options);
  if (!lists) return lists.error();
  return options;
}

const std::string& usage() {
  static const std::string text = fmt::format(
      R"(Usage: smc_run [OPTIONS] [--] PROGRAM [ARGS...]

Run PROGRAM with its TCP sockets created as SMC sockets, so that its
connections use SMC-D or SMC-R where both ends support it and fall back to
TCP where they do not. PROGRAM's children inherit this.

Options:
  -d, --debug          print what smc_run sets up and, from inside PROGRAM,
                       what becomes of each socket and connection (stderr)
  -f, --family FAMILY  how sockets become SMC: smc (AF_SMC sockets), inet
                       (AF_INET/AF_INET6 sockets with IPPROTO_SMC, Linux
                       6.11+, which keep their INET identity), or auto
                       (the default: inet where the kernel has it, else smc)
  -h, --help           print this help and exit
  -n, --dry-run        print what would be set and run, then exit
  -r, --rcvbuf SIZE    request receive buffers of SIZE bytes (SO_RCVBUF),
                       raising net.core.rmem_max to SIZE if it is lower
  -t, --sndbuf SIZE    request transmit buffers of SIZE bytes (SO_SNDBUF),
                       raising net.core.wmem_max to SIZE if it is lower
  -v, --version        print the version and exit
      --strict         make socket() fail where SMC is not available,
                       instead of creating a TCP socket
      --mechanism MECHANISM
                       how smc_run reaches PROGRAM's sockets: preload (a
                       library in PROGRAM: dynamic programs), seccomp (a
                       supervisor process answers PROGRAM's socket() calls:
                       any program, Linux 5.9+), or auto (the default: the
                       library where it reaches, the supervisor for static
                       and Go programs, and as root both). Neither sees
                       sockets made by io_uring; the supervisor makes its
                       sockets in its own network namespace, so a program
                       that moves to another keeps TCP; without root it
                       sets no_new_privs (named under -d and -n)
      --no-inherit     do not give children back the library when a
                       program starts them with an environment without it
                       (env -i, a fresh environment for exec or spawn)
      --include LIST   use SMC only for the connections LIST matches
      --exclude LIST   never use SMC for the connections LIST matches;
                       both may be repeated, and exclude wins
      --summary        at each process's exit, print on stderr how many
                       sockets it made, converted, and what its
                       connections became (SMC-D, SMC-R, TCP by reason)
      --summary-file FILE
                       append that summary to FILE instead, as one JSON
                       object per line and process (both may be given);
                       FILE is a regular file or a new one
      --write-lib PATH write the preload library to the file PATH names
                       and exit, for LD_PRELOAD=PATH without smc_run; a
                       link is followed, a file keeps its mode and links,
                       anything else (a device, a FIFO) is refused
      --install-links [DIR]
                       make links to this file in DIR (default: this
                       file's folder) and exit: {links}
      --role NAME ...  as the first argument: act as NAME, as a link
                       named NAME to this file would; NAME is one of
                       {roles}

SIZE is a number of bytes, or a number followed by k or m (KiB, MiB), at
most 1073741823 bytes. SMC sizes a connection's buffers from it, rounded
up to a power of 2: up to 512m for SMC-R and 1m for SMC-D (Linux 6.12).

LIST is comma-separated ADDR[/PREFIX][:PORT[-PORT]] entries; ADDR is an
IPv4 address, an IPv6 address in brackets, or * for any. For example:
10.0.0.0/8,[fd00::]/8:443,*:8000-8999. Clients are matched by the address
they connect to, servers by the address they listen on.

Environment:
  SMC_RCVBUF, SMC_SNDBUF  sizes, as for -r and -t (the options win)
  SMC_DEBUG               1 acts as -d
  SMC_STRICT              1 acts as --strict
  SMC_INHERIT             0 acts as --no-inherit
  SMC_SOCK_FAMILY         smc, inet or auto, as for -f (the option wins)
  SMC_MECHANISM           preload, seccomp or auto, as for --mechanism
  SMC_INCLUDE, SMC_EXCLUDE
                          LISTs, as for --include and --exclude (the
                          options add to them)
  SMC_SUMMARY             1 acts as --summary
  SMC_SUMMARY_FILE        FILE, as for --summary-file
  LD_PRELOAD              kept (the last one, if set twice); smc_run
                          appends its library
  In a setuid, setgid or file-capability program the library reads none
  of these; smc_run itself refuses to run setuid.

Exit status:
  0    -h, -v, -n, --write-lib or --install-links succeeded
  1    invalid option, SIZE, FAMILY, MECHANISM or LIST, or no PROGRAM
  125  smc_run itself failed, e.g. /proc is not mounted, or --strict
       and no mechanism can serve PROGRAM
  126  PROGRAM was found but cannot be executed (an ELF the kernel
       refuses too; only a file that is not ELF goes to /bin/sh)
  127  PROGRAM was not found
  Otherwise PROGRAM's own status: smc_run becomes PROGRAM (exec), or, as
  pid 1 with the supervisor, stays a minimal init that passes signals on
  to PROGRAM and exits with its status (128+N for signal N).
  Errors are printed on stdout, as by smc-tools' smc_run.
)",
      fmt::arg("links", role_list(" and ")), fmt::arg("roles", role_list(" or ")));
  return text;
}

}  // namespace smc

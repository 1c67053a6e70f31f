#include "core/options/options.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/quote/quote.h"
#include "core/size/size.h"

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

// CLI11 names options by their long form ("--rcvbuf: 1 required TEXT
// missing"); say it in getopt's terms instead.
std::string describe_parse_error(const CLI::ParseError& e) {
  const std::string what = e.what();
  const std::size_t colon = what.find(':');
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr &&
      colon != std::string::npos) {
    return fmt::format("option {} requires a value", what.substr(0, colon));
  }
  return what;
}

// Runs CLI11 on `args` and turns its exceptions into our usage errors.
Result<Ok> parse_with(CLI::App& app, std::span<const std::string> args) {
  // CLI11 consumes its argument vector from the back.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return usage_error(describe_parse_error(e));
  }
  return Ok{};
}

// A lone "-" is a name (getopt agrees), not an option.
bool looks_like_option(const std::string& word) {
  return word.size() > 1 && word.front() == '-';
}

// For the roles whose command line is flags only (smcss, smc_chk), after
// an allow_extras() parse: the first word CLI11 did not take is an error.
Result<Ok> refuse_extras(const CLI::App& app) {
  const std::vector<std::string> extra = app.remaining();
  if (extra.empty()) return Ok{};
  return usage_error(fmt::format(
      "{} {}",
      looks_like_option(extra.front()) ? "invalid option"
                                       : "unexpected argument",
      quote_value(extra.front())));
}

}  // namespace

Result<Options> parse_options(std::span<const std::string> args) {
  // PROGRAM first, or right after "--", is the common case (scripts,
  // container entrypoints) and leaves nothing to parse. CLI11 would return
  // the same, but building its option table is most of smc_run's own
  // start-up work (tools/bench), so it is skipped then.
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
  std::string rcvbuf;
  std::string sndbuf;
  std::string write_lib;
  std::string family;
  std::string mechanism;
  std::string summary_file;
  std::string install_links;

  CLI::App app;
  app.set_help_flag();  // -h prints our own text, see usage()
  app.prefix_command();
  app.add_flag("-d,--debug", options.debug);
  app.add_flag("-h,--help", options.help);
  app.add_flag("-v,--version", options.version);
  app.add_flag("--strict", options.strict);
  app.add_flag("--no-inherit", options.no_inherit);
  app.add_flag("-n,--dry-run", options.dry_run);
  app.add_flag("--summary", options.summary);
  // getopt lets a repeated option win; scripts rely on that to override.
  const auto last = CLI::MultiOptionPolicy::TakeLast;
  auto* r = app.add_option("-r,--rcvbuf", rcvbuf)->multi_option_policy(last);
  auto* t = app.add_option("-t,--sndbuf", sndbuf)->multi_option_policy(last);
  auto* w = app.add_option("--write-lib", write_lib)->multi_option_policy(last);
  auto* f = app.add_option("-f,--family", family)->multi_option_policy(last);
  auto* m = app.add_option("--mechanism", mechanism)->multi_option_policy(last);
  auto* s = app.add_option("--summary-file", summary_file)
                ->multi_option_policy(last);
  // DIR is optional: without it, the links go beside this file.
  auto* l = app.add_option("--install-links", install_links)
                ->expected(0, 1)
                ->multi_option_policy(last);
  // Repeatable, one LIST per occurrence (never PROGRAM): the lists add up.
  for (auto [name, lists] : {std::pair{"--include", &options.include},
                             std::pair{"--exclude", &options.exclude}}) {
    app.add_option(name, *lists)->allow_extra_args(false);
  }

  const Result<Ok> parsed = parse_with(app, args);
  if (!parsed) return parsed.error();
  if (options.help || options.version) return options;

  // With prefix_command(), CLI11 hands over everything from the first word
  // it does not know, so an unknown option ends up there.
  std::vector<std::string> rest = app.remaining();
  if (!rest.empty() && rest.front() == "--") {
    rest.erase(rest.begin());
  } else if (!rest.empty() && looks_like_option(rest.front())) {
    return usage_error(fmt::format("invalid option {}", quote_value(rest.front())));
  }
  options.command = std::move(rest);

  if (r->count() > 0) {
    auto size = parse_buffer(rcvbuf, "-r");
    if (!size) return size.error();
    options.rcvbuf = *size;
  }
  if (t->count() > 0) {
    auto size = parse_buffer(sndbuf, "-t");
    if (!size) return size.error();
    options.sndbuf = *size;
  }
  if (f->count() > 0) {
    if (family != "smc" && family != "inet" && family != "auto") {
      return usage_error(fmt::format(
          "invalid FAMILY {} for -f (use smc, inet or auto)",
          quote_value(family)));
    }
    options.family = family;
  }
  if (m->count() > 0) {
    if (mechanism != "preload" && mechanism != "seccomp" && mechanism != "auto") {
      return usage_error(fmt::format(
          "invalid MECHANISM {} for --mechanism (use preload, seccomp or auto)",
          quote_value(mechanism)));
    }
    options.mechanism = mechanism;
  }
  if (s->count() > 0) {
    if (summary_file.empty()) {
      return usage_error("--summary-file needs a non-empty FILE");
    }
    options.summary_file = summary_file;
  }
  if (l->count() > 0) {
    if (!options.command.empty()) {
      return usage_error(fmt::format(
          "--install-links makes links and exits; unexpected {}",
          quote_value(options.command.front())));
    }
    options.install_links = install_links;
    return options;
  }
  if (w->count() > 0) {
    if (write_lib.empty()) {
      return usage_error("--write-lib needs a non-empty PATH");
    }
    if (!options.command.empty()) {
      return usage_error(fmt::format(
          "--write-lib writes the library and exits; unexpected {}",
          quote_value(options.command.front())));
    }
    options.write_lib = write_lib;
    return options;
  }
  if (options.command.empty()) return usage_error("missing PROGRAM");
  return options;
}

Result<SmcssOptions> parse_smcss_options(std::span<const std::string> args) {
  SmcssOptions o;
  bool wide = false;
  CLI::App app;
  app.set_help_flag();
  app.add_flag("-a,--all", o.all);
  app.add_flag("-l,--listening", o.listening);
  app.add_flag("-d,--debug", o.debug);
  app.add_flag("-D,--smcd", o.smcd);
  app.add_flag("-R,--smcr", o.smcr);
  app.add_flag("-j,--json", o.json);
  // smc-tools truncates addresses unless -W; ours are never truncated.
  app.add_flag("-W,--wide", wide);
  app.add_flag("-h,--help", o.help);
  app.add_flag("-v,--version", o.version);
  app.allow_extras();
  const Result<Ok> parsed = parse_with(app, args);
  if (!parsed) return parsed.error();
  if (o.help || o.version) return o;
  const Result<Ok> no_extras = refuse_extras(app);
  if (!no_extras) return no_extras.error();
  if (o.all && o.listening) {
    return usage_error("-a and -l exclude each other");
  }
  if (o.smcd && o.smcr) return usage_error("-D and -R exclude each other");
  return o;
}

Result<SmcChkOptions> parse_smc_chk_options(std::span<const std::string> args) {
  SmcChkOptions o;
  CLI::App app;
  app.set_help_flag();
  app.add_flag("-j,--json", o.json);
  app.add_flag("-q,--quiet", o.quiet);
  app.add_flag("-h,--help", o.help);
  app.add_flag("-v,--version", o.version);
  app.allow_extras();
  const Result<Ok> parsed = parse_with(app, args);
  if (!parsed) return parsed.error();
  if (o.help || o.version) return o;
  const Result<Ok> no_extras = refuse_extras(app);
  if (!no_extras) return no_extras.error();
  if (o.json && o.quiet) return usage_error("-j and -q exclude each other");
  return o;
}

const std::string& smc_chk_usage() {
  static const std::string text =
      R"(Usage: smc_chk [-jq]

Check whether this host is ready for SMC, then prove it: the smc and
smc_diag modules, AF_SMC and IPPROTO_SMC sockets, SMC-D devices (with
loopback-ism) and SMC-R devices, User EIDs and the system EID, the
net.smc.* sysctls and net.core.rmem_max/wmem_max; last, a live test that
connects two AF_SMC sockets over 127.0.0.1, sends 16 KiB each way, and
reports what SMC_DIAG says the connection used: SMC-D, SMC-R, or TCP with
the reason it fell back. Each check is ok, warn or fail; only the live
test decides the verdict.

Options:
  -j, --json     print one JSON object (verdict, checks, facts), for scripts
  -q, --quiet    print the verdict line only
  -h, --help     print this help and exit
  -v, --version  print the version and exit

Exit status:
  0    the test connection used SMC-D or SMC-R: SMC would be used
  1    invalid options
  2    it did not, or could not be made: the report says why
  125  smc_chk itself failed (e.g. /proc is not mounted)
Errors go to stderr.
)";
  return text;
}

const std::string& smcss_usage() {
  static const std::string text =
      R"(Usage: smcss [-adDjlRW]

List SMC sockets with what the kernel reports for each (SMC_DIAG): state,
owner, inode, addresses and mode - SMCD, SMCR, or TCP with the reason the
connection fell back. Without options, listening sockets are left out.

Options:
  -a, --all        list every SMC socket, listening ones included
  -l, --listening  list listening sockets only
  -d, --debug      add shutdown state, token and buffer sizes
  -D, --smcd       list SMC-D sockets only
  -R, --smcr       list SMC-R sockets only
  -j, --json       print one JSON array, for scripts
  -W, --wide       accepted for smc-tools; addresses are never cut
  -h, --help       print this help and exit
  -v, --version    print the version and exit

Exit status: 0 on success, 1 for invalid options, 125 when SMC sockets
cannot be listed (e.g. no smc_diag module). Errors go to stderr.
)";
  return text;
}

const std::string& usage() {
  static const std::string text =
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
                       and Go programs, and as root both)
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
                       object per line and process (both may be given)
      --write-lib PATH write the preload library to PATH and exit, for
                       LD_PRELOAD=PATH without smc_run
      --install-links [DIR]
                       make links smcss, smcd and smc_chk to this file in
                       DIR (default: this file's folder) and exit
      --role NAME ...  as the first argument: act as NAME (smcss, smcd,
                       smc_chk), as a link named NAME to this file would

SIZE is a number of bytes, or a number followed by k or m (KiB, MiB), at
most 1073741823 bytes. SMC uses up to 512k (SMC-R) or 1m (SMC-D).

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
  LD_PRELOAD              kept; smc_run appends its library

Exit status:
  0    -h, -v, -n, --write-lib or --install-links succeeded
  1    invalid option, SIZE, FAMILY, MECHANISM or LIST, or no PROGRAM
  125  smc_run itself failed, e.g. /proc is not mounted, or --strict
       and no mechanism can serve PROGRAM
  126  PROGRAM was found but cannot be executed
  127  PROGRAM was not found
  Otherwise PROGRAM's own status: smc_run becomes PROGRAM (exec).
  Errors are printed on stdout, as by smc-tools' smc_run.
)";
  return text;
}

}  // namespace smc

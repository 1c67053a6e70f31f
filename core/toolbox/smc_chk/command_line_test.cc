#include "core/toolbox/smc_chk/command_line.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tools/support/args.h"

namespace smc {
namespace {

using testing::Args;
using testing::fmt_args;

TEST_CASE("smc_chk options take -j, -q, -h and -v") {
  auto o = parse_smc_chk_options(Args{});
  REQUIRE(o.ok());
  CHECK_FALSE(o->json);
  CHECK_FALSE(o->quiet);
  CHECK(parse_smc_chk_options(Args{"-j"})->json);
  CHECK(parse_smc_chk_options(Args{"--json"})->json);
  CHECK(parse_smc_chk_options(Args{"-q"})->quiet);
  CHECK(parse_smc_chk_options(Args{"--quiet"})->quiet);
  CHECK(parse_smc_chk_options(Args{"--help"})->help);
  CHECK(parse_smc_chk_options(Args{"-v"})->version);
  CHECK(parse_smc_chk_options(Args{"-jq", "-h"})->help);
}

TEST_CASE("smc_chk takes smc-tools' -S, -C IP, -p PORT and -6") {
  auto o = parse_smc_chk_options(Args{});
  REQUIRE(o.ok());
  CHECK(o->mode == ChkMode::kLoopback);
  o = parse_smc_chk_options(Args{"-S"});
  REQUIRE(o.ok());
  CHECK(o->mode == ChkMode::kServer);
  CHECK(o->port == 37373);
  CHECK_FALSE(o->ipv6);
  o = parse_smc_chk_options(Args{"--server", "-6", "--port", "4000"});
  REQUIRE(o.ok());
  CHECK(o->ipv6);
  CHECK(o->port == 4000);
  o = parse_smc_chk_options(Args{"-C", "198.18.0.1", "-q"});
  REQUIRE(o.ok());
  CHECK(o->mode == ChkMode::kClient);
  CHECK(o->peer == "198.18.0.1");
  const auto* v4 = reinterpret_cast<const sockaddr_in*>(&o->peer_address);
  CHECK(v4->sin_family == AF_INET);
  CHECK(ntohs(v4->sin_port) == 37373);
  CHECK(ntohl(v4->sin_addr.s_addr) == 0xc6120001);
  o = parse_smc_chk_options(Args{"--connect=fd00::1", "-p", "1"});
  REQUIRE(o.ok());
  CHECK(o->ipv6);  // the address says it
  const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&o->peer_address);
  CHECK(v6->sin6_family == AF_INET6);
  CHECK(ntohs(v6->sin6_port) == 1);
  CHECK(parse_smc_chk_options(Args{"-6", "-C", "::1"})->ipv6);
}

TEST_CASE("smc_chk options reject unknown words and -j with -q") {
  struct Row {
    Args args;
    const char* message;
  };
  const Row rows[] = {
      {{"-x"}, "invalid option '-x'"},
      {{"-jx"}, "invalid option '-x'"},
      {{"--verbose"}, "invalid option '--verbose'"},
      {{"now"}, "unexpected argument 'now'"},
      {{"-j", "-q"}, "-j and -q exclude each other"},
      {{"-S", "-C", "10.0.0.1"}, "-S and -C exclude each other"},
      {{"-C"}, "option --connect requires a value"},
      {{"-C", "host.example"}, "-C takes an IP address, not 'host.example' (this file resolves no names)"},
      {{"-C", "10.0.0.1", "-6"}, "-6 needs an IPv6 address, not '10.0.0.1'"},
      {{"-S", "-p", "0"}, "invalid port '0' (1 to 65535)"},
      {{"-S", "-p", "65536"}, "invalid port '65536' (1 to 65535)"},
      {{"-S", "-p", "+80"}, "invalid port '+80' (1 to 65535)"},
      {{"-p", "80"}, "-p and -6 go with -S or -C"},
      {{"-6"}, "-p and -6 go with -S or -C"},
      {{"-S", "-j"}, "-j and -q go with the checks, not with -S"},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const auto r = parse_smc_chk_options(row.args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kUsage);
    CHECK(r.error().message == row.message);
  }
}

TEST_CASE("smc_chk usage documents every option and exit status") {
  const std::string& text = smc_chk_usage();
  CHECK(text.find("Usage: smc_chk ") == 0);
  for (const char* word : {"--json", "--quiet", "--help", "--version", "--server",
                           "--connect", "--port", "--ipv6", "37373", "\n  0 ", "\n  1 ",
                           "\n  2 ", "\n  125 "}) {
    CAPTURE(word);
    CHECK(text.find(word) != std::string::npos);
  }
}

}  // namespace
}  // namespace smc

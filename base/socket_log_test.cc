#include "base/socket_log.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <errno.h>
#include <sys/socket.h>

#include <cstring>
#include <string>

using namespace smc;

namespace {

const std::string kPrefix = "p[1]: smc: ";

template <typename Fn>
std::string phrase(Fn describe) {
  LogLine line("p", 1);
  describe(line);
  return std::string(line.text()).substr(kPrefix.size());
}

Endpoint endpoint(const char* ip, unsigned short port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, ip, &a.sin_addr);
  Endpoint e{};
  REQUIRE(endpoint_from(reinterpret_cast<const sockaddr*>(&a), sizeof a, &e));
  return e;
}

}  // namespace

TEST_CASE("socket log describes a socket() call with its flags") {
  CHECK(phrase([](LogLine& l) {
          describe_call(l, {AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0});
        }) == "socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, 0)");
}

TEST_CASE("socket log lists refused kinds, and when SMC is missing") {
  const Attempts two{{SmcSocketKind::kInet, SmcSocketKind::kSmc}, {EPROTONOSUPPORT, EAFNOSUPPORT}, 2};
  CHECK(phrase([&](LogLine& l) { describe_attempts(l, two); }) ==
        " -> IPPROTO_SMC failed: EPROTONOSUPPORT, AF_SMC failed: EAFNOSUPPORT");
  CHECK(phrase([&](LogLine& l) { describe_missing(l, two); }) ==
        "SMC is not available here (IPPROTO_SMC: EPROTONOSUPPORT, AF_SMC: "
        "EAFNOSUPPORT); TCP sockets stay TCP");
  CHECK(phrase([](LogLine& l) { describe_attempts(l, Attempts{}); }).empty());
}

TEST_CASE("socket log says which socket a call got, with its sizes") {
  const AppliedBuffers sizes{{{"SO_SNDBUF", 65536, 0}, {"SO_RCVBUF", 0, 0}}};
  CHECK(phrase([&](LogLine& l) { describe_made(l, 5, "IPPROTO_SMC", sizes); }) ==
        " = 5 -> IPPROTO_SMC, SO_SNDBUF 65536");
  const AppliedBuffers none{{{"SO_SNDBUF", 0, 0}, {"SO_RCVBUF", 0, 0}}};
  CHECK(phrase([&](LogLine& l) { describe_made(l, 7, "TCP", none); }) == " = 7 -> TCP");
  CHECK(phrase([](LogLine& l) { describe_unchanged(l); }) == " unchanged");
}

TEST_CASE("socket log says why strict failed a call") {
  const Attempts two{{SmcSocketKind::kInet, SmcSocketKind::kSmc}, {EINVAL, EINVAL}, 2};
  CHECK(phrase([&](LogLine& l) {
          describe_attempts(l, two);
          describe_plain_failure(l, EINVAL);
          describe_no_fallback(l);
        }) == " -> IPPROTO_SMC failed: EINVAL, AF_SMC failed: EINVAL, TCP failed: EINVAL "
              "(strict: no TCP fallback)");
}

TEST_CASE("socket log names a buffer size only when one was asked for") {
  CHECK(phrase([](LogLine& l) { describe_buffer(l, {"SO_SNDBUF", 65536, 0}); }) ==
        ", SO_SNDBUF 65536");
  CHECK(phrase([](LogLine& l) { describe_buffer(l, {"SO_RCVBUF", 4096, EPERM}); }) ==
        ", SO_RCVBUF 4096 failed: EPERM");
  CHECK(phrase([](LogLine& l) { describe_buffer(l, {"SO_RCVBUF", 0, 0}); }).empty());
}

TEST_CASE("socket log says each filter decision with the rule that made it") {
  RuleList include, exclude;
  parse_rule_list("10.0.0.0/8", &include);
  parse_rule_list("10.9.0.0/16,*:22", &exclude);
  RuleList none;
  parse_rule_list(nullptr, &none);
  struct Row {
    const RuleList* include;
    const RuleList* exclude;
    const char* ip;
    unsigned short port;
    const char* phrase;
  };
  const Row rows[] = {
      {&none, &none, "10.1.2.3", 80, "no filter"},
      {&include, &none, "10.1.2.3", 80, "included by SMC_INCLUDE 10.0.0.0/8"},
      {&include, &none, "192.0.2.1", 80, "not in SMC_INCLUDE"},
      {&none, &exclude, "192.0.2.1", 80, "not in SMC_EXCLUDE"},
      {&none, &exclude, "10.9.1.1", 80, "excluded by SMC_EXCLUDE 10.9.0.0/16"},
      {&include, &exclude, "10.1.1.1", 22, "excluded by SMC_EXCLUDE *:22"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.ip);
    const FilterDecision d = decide_connection(*row.include, *row.exclude, endpoint(row.ip, row.port));
    CHECK(phrase([&](LogLine& l) { describe_decision(l, d); }) == row.phrase);
  }
}

TEST_CASE("socket log shows the filtered call as client or server") {
  CHECK(phrase([](LogLine& l) {
          describe_filtered_call(l, FilterSide::kClient, 5, endpoint("10.1.2.3", 443));
        }) == "connect(5, 10.1.2.3:443): ");
  CHECK(phrase([](LogLine& l) {
          describe_filtered_call(l, FilterSide::kServer, 3, endpoint("0.0.0.0", 8080));
        }) == "listen(3) on 0.0.0.0:8080: ");
}

TEST_CASE("socket log says what a filtered socket left in place does") {
  CHECK(phrase([](LogLine& l) { describe_connection_ruling(l, ConnectionRuling::kStaysTcp); }) ==
        " -> TCP (not an SMC socket)");
  CHECK(phrase([](LogLine& l) { describe_connection_ruling(l, ConnectionRuling::kStaysSmc); }) ==
        " -> SMC");
  CHECK(phrase([](LogLine& l) { describe_connection_ruling(l, ConnectionRuling::kReplace); })
            .empty());
  CHECK(phrase([](LogLine& l) { describe_connection_ruling(l, ConnectionRuling::kUntouched); })
            .empty());
}

TEST_CASE("socket log says what became of an excluded socket") {
  Replacement r{};
  r.replaced = true;
  CHECK(phrase([&](LogLine& l) { describe_replacement(l, r, FilterSide::kClient); }) ==
        " -> TCP (replaced the SMC socket)");
  r.failed = 2;
  r.first_failed = "TCP_CONGESTION";
  CHECK(phrase([&](LogLine& l) { describe_replacement(l, r, FilterSide::kClient); }) ==
        " -> TCP (replaced the SMC socket; 2 options not carried over, first TCP_CONGESTION)");
  r.error = EADDRINUSE;
  r.step = "bind";
  CHECK(phrase([&](LogLine& l) { describe_replacement(l, r, FilterSide::kServer); }) ==
        " -> TCP, but binding it to its address again failed: EADDRINUSE; listen fails");
  r = Replacement{};
  r.error = EMFILE;
  r.step = "socket";
  CHECK(phrase([&](LogLine& l) { describe_replacement(l, r, FilterSide::kClient); }) ==
        " -> TCP failed: socket() EMFILE; connect fails");
}

TEST_CASE("socket log says what SMC_DIAG says a connection became") {
  CHECK(phrase([](LogLine& l) { describe_outcome(l, {Outcome::kSmcD, 0, 0}); }) == ": SMC-D");
  CHECK(phrase([](LogLine& l) {
          describe_outcome(l, {Outcome::kFallback, kDeclPeerNoSmc, 0});
        }) == ": TCP fallback (PEERNOSMC)");
  CHECK(phrase([](LogLine& l) {
          describe_outcome(l, {Outcome::kFallback, kDeclPeerDecl, kDeclNoUeid});
        }) == ": TCP fallback (PEERDECL, peer NOUEID)");
  CHECK(phrase([](LogLine& l) { describe_outcome(l, {Outcome::kFallback, 0x7777, 0}); }) ==
        ": TCP fallback (30583)");
  CHECK(phrase([](LogLine& l) { describe_outcome(l, {Outcome::kTcp, 0, 0}); }) ==
        ": TCP (not an SMC socket)");
  CHECK(phrase([](LogLine& l) { describe_outcome(l, {Outcome::kUnknown, 0, 0}); }) ==
        ": unknown (SMC_DIAG does not show it; modprobe smc_diag)");
}

#include "base/socket_conversion.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "base/socket_rule_table.h"

namespace smc {
namespace {

// The table's copies of the SMC numbers libc lacks.
static_assert(SMC_RULE_IPPROTO_SMC == kIpprotoSmc);
static_assert(SMC_RULE_SMCPROTO_SMC6 == kSmcProtoSmc6);
static_assert(AF_SMC == kAfSmc);

TEST_CASE("socket conversion finds exactly the TCP sockets") {
  int tcp = 0;
  for (const smc_socket_rule_row& row : smc_socket_rule_rows) {
    CAPTURE(row.domain);
    CAPTURE(row.type);
    CAPTURE(row.protocol);
    CHECK(is_tcp_socket({row.domain, row.type, row.protocol}) == (row.converted == 1));
    tcp += row.converted;
  }
  // 2 families x 2 protocols x 4 flag sets, and 2 x 4 with an unknown flag.
  CHECK(tcp == 2 * 2 * 4 + 2 * 4);
}

TEST_CASE("socket conversion makes the SMC socket of each kind, flags kept") {
  constexpr int kFlags = SOCK_NONBLOCK | SOCK_CLOEXEC;
  const struct {
    SocketCall tcp;
    SmcSocketKind kind;
    SocketCall smc;
  } rows[] = {
      {{AF_INET, SOCK_STREAM, 0}, SmcSocketKind::kSmc,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc}},
      {{AF_INET6, SOCK_STREAM, IPPROTO_TCP}, SmcSocketKind::kSmc,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc6}},
      {{AF_INET6, SOCK_STREAM | kFlags, 0}, SmcSocketKind::kSmc,
       {kAfSmc, SOCK_STREAM | kFlags, kSmcProtoSmc6}},
      {{AF_INET, SOCK_STREAM, IPPROTO_TCP}, SmcSocketKind::kInet,
       {AF_INET, SOCK_STREAM, kIpprotoSmc}},
      {{AF_INET6, SOCK_STREAM, 0}, SmcSocketKind::kInet,
       {AF_INET6, SOCK_STREAM, kIpprotoSmc}},
      {{AF_INET, SOCK_STREAM | kFlags, 0}, SmcSocketKind::kInet,
       {AF_INET, SOCK_STREAM | kFlags, kIpprotoSmc}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.tcp.domain);
    CAPTURE(static_cast<int>(row.kind));
    const SocketCall smc = smc_socket(row.tcp, row.kind);
    CHECK(smc.domain == row.smc.domain);
    CHECK(smc.type == row.smc.type);
    CHECK(smc.protocol == row.smc.protocol);
  }
}

TEST_CASE("socket conversion tries inet then AF_SMC for auto, one for the others") {
  SmcSocketKind order[2];
  REQUIRE(kinds_for(Family::kAuto, order) == 2);
  CHECK(order[0] == SmcSocketKind::kInet);
  CHECK(order[1] == SmcSocketKind::kSmc);
  REQUIRE(kinds_for(Family::kSmc, order) == 1);
  CHECK(order[0] == SmcSocketKind::kSmc);
  REQUIRE(kinds_for(Family::kInet, order) == 1);
  CHECK(order[0] == SmcSocketKind::kInet);
}

TEST_CASE("socket conversion moves on when SMC is missing or refuses the call") {
  const struct {
    int error;
    SmcFailure meaning;
  } rows[] = {
      {EAFNOSUPPORT, SmcFailure::kMissing}, {EPROTONOSUPPORT, SmcFailure::kMissing},
      {ESOCKTNOSUPPORT, SmcFailure::kMissing}, {EPERM, SmcFailure::kMissing},
      {EACCES, SmcFailure::kMissing},       {EINVAL, SmcFailure::kThisCall},
      {EMFILE, SmcFailure::kShared},        {ENFILE, SmcFailure::kShared},
      {ENOBUFS, SmcFailure::kShared},       {ENOMEM, SmcFailure::kShared},
      {EINTR, SmcFailure::kShared},
  };
  for (const auto& row : rows) {
    CAPTURE(row.error);
    CHECK(classify_smc_failure(row.error) == row.meaning);
    CHECK(smc_unavailable(row.error) == (row.meaning == SmcFailure::kMissing));
  }
}

TEST_CASE("strict mode fails with SMC's error, or TCP's when TCP fails too") {
  const struct {
    int smc_error;
    int tcp_error;  // 0: the plain TCP call works
    int result;
  } rows[] = {
      {EAFNOSUPPORT, 0, EAFNOSUPPORT},      // SMC missing: strict says so
      {EPROTONOSUPPORT, 0, EPROTONOSUPPORT},
      {EAFNOSUPPORT, EINVAL, EINVAL},       // unknown type flags: invalid anyway
      {EINVAL, EINVAL, EINVAL},
      {EINVAL, 0, EINVAL},                  // SMC refuses what TCP takes
      {EAFNOSUPPORT, EMFILE, EMFILE},       // no descriptor left for any socket
      {EPERM, EACCES, EACCES},
  };
  for (const auto& row : rows) {
    CAPTURE(row.smc_error);
    CAPTURE(row.tcp_error);
    CHECK(strict_errno(row.smc_error, row.tcp_error) == row.result);
  }
}

}  // namespace
}  // namespace smc

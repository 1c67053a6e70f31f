#include "base/connection_ruling.h"

#include <doctest/doctest.h>

namespace smc {
namespace {

using Why = FilterDecision::Why;
constexpr StreamKind kTcp = StreamKind::kTcp;
constexpr StreamKind kSmc = StreamKind::kSmc;
constexpr StreamKind kOther = StreamKind::kOther;

TEST_CASE("connection ruling: SMC sockets the filter excludes are replaced, TCP stays TCP") {
  const struct {
    StreamKind kind;
    bool smc;  // what the filter decided for the address
    Why why;
    ConnectionRuling ruling;
  } rows[] = {
      {kSmc, true, Why::kNoLists, ConnectionRuling::kStaysSmc},
      {kSmc, true, Why::kIncluded, ConnectionRuling::kStaysSmc},
      {kSmc, true, Why::kNotExcluded, ConnectionRuling::kStaysSmc},
      {kSmc, false, Why::kExcluded, ConnectionRuling::kReplace},
      {kSmc, false, Why::kNotIncluded, ConnectionRuling::kReplace},
      {kTcp, true, Why::kNoLists, ConnectionRuling::kStaysTcp},
      {kTcp, true, Why::kIncluded, ConnectionRuling::kStaysTcp},
      {kTcp, true, Why::kNotExcluded, ConnectionRuling::kStaysTcp},
      {kTcp, false, Why::kExcluded, ConnectionRuling::kStaysTcp},
      {kTcp, false, Why::kNotIncluded, ConnectionRuling::kStaysTcp},
      {kOther, true, Why::kNoLists, ConnectionRuling::kUntouched},
      {kOther, true, Why::kIncluded, ConnectionRuling::kUntouched},
      {kOther, true, Why::kNotExcluded, ConnectionRuling::kUntouched},
      {kOther, false, Why::kExcluded, ConnectionRuling::kUntouched},
      {kOther, false, Why::kNotIncluded, ConnectionRuling::kUntouched},
  };
  for (const auto& row : rows) {
    CAPTURE(static_cast<int>(row.kind));
    CAPTURE(static_cast<int>(row.why));
    CHECK(rule_on_connection(row.kind, {row.smc, row.why, nullptr}) == row.ruling);
  }
}

TEST_CASE("connection ruling looks only at TCP and SMC streams") {
  CHECK(filter_looks_at(kTcp));
  CHECK(filter_looks_at(kSmc));
  CHECK_FALSE(filter_looks_at(kOther));
}

}  // namespace
}  // namespace smc

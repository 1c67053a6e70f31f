#include "base/summary.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "base/smc_abi.h"

namespace smc {
namespace {

SummaryCounts sample() {
  SummaryCounts c;
  c.sockets = 3;
  c.converted_inet = 2;
  c.converted_smc = 1;
  c.outcomes[static_cast<int>(Outcome::kSmcD)] = 1;
  c.outcomes[static_cast<int>(Outcome::kFallback)] = 2;
  c.outcomes[static_cast<int>(Outcome::kTcp)] = 1;
  c.reasons[0] = {kDeclPeerNoSmc, 1};
  c.reasons[1] = {0x12345678, 1};
  return c;
}

std::string json(const SummaryCounts& c, const std::string& program, long pid = 42) {
  char out[kSummaryJsonMax];
  const std::size_t length = summary_json(c, pid, program.c_str(), out);
  return std::string(out, length);
}

TEST_CASE("summary JSON holds the counts, fallbacks by reason, and a newline") {
  CHECK(json(sample(), "curl") ==
        "{\"pid\":42,\"program\":\"curl\",\"sockets\":3,\"converted\":{\"IPPROTO_SMC\":2,"
        "\"AF_SMC\":1},\"connections\":4,\"smcd\":1,\"smcr\":0,\"tcp\":1,\"unknown\":0,"
        "\"fallback\":{\"PEERNOSMC\":1,\"305419896\":1}}\n");
  SummaryCounts none;
  none.other_reasons = 0;
  CHECK(json(none, "x").ends_with("\"fallback\":{}}\n"));
  none.other_reasons = 5;
  CHECK(json(none, "x").ends_with("\"fallback\":{\"other\":5}}\n"));
}

TEST_CASE("summary JSON escapes the program name and replaces bytes that are not UTF-8") {
  CHECK(json(SummaryCounts{}, "\xff\xfe").starts_with(
      "{\"pid\":42,\"program\":\"\xef\xbf\xbd\xef\xbf\xbd\","));
  CHECK(json(SummaryCounts{}, "a\"b\\c\x01\td\xc3\xa9").starts_with(
      "{\"pid\":42,\"program\":\"a\\\"b\\\\c\\u0001\\td\xc3\xa9\","));
}

TEST_CASE("summary JSON cuts a name too long for the line, never the line") {
  const std::string text = json(sample(), std::string(3000, 'x') + "\xc3\xa9");
  CHECK(text.size() == kSummaryJsonMax - 1);
  CHECK(text.ends_with("\"fallback\":{\"PEERNOSMC\":1,\"305419896\":1}}\n"));
  const std::size_t start = text.find("\"program\":\"") + 11;
  const std::size_t end = text.find("\",\"sockets\"");
  CHECK(text.substr(start, end - start) == std::string(end - start, 'x'));
  // Escapes are cut whole: 3000 control characters, six bytes each.
  const std::string controls = json(sample(), std::string(3000, '\x01'));
  CHECK(controls.ends_with("}}\n"));
  CHECK(controls.find("\\u0001\",\"sockets\"") != std::string::npos);
}

TEST_CASE("summary text names the reasons and shows unknown outcomes only when there are some") {
  char buffer[512];
  TextWriter out(buffer, sizeof buffer);
  summary_text(sample(), out);
  CHECK(std::string(out.data()) ==
        "sockets 3, converted 3 (IPPROTO_SMC 2, AF_SMC 1); connections 4: SMC-D 1, "
        "SMC-R 0, TCP fallback 2 (PEERNOSMC 1, 305419896 1), TCP 1");
  SummaryCounts unknown;
  unknown.outcomes[static_cast<int>(Outcome::kUnknown)] = 2;
  unknown.other_reasons = 1;
  TextWriter again(buffer, sizeof buffer);
  summary_text(unknown, again);
  CHECK(std::string(again.data()) ==
        "sockets 0, converted 0 (IPPROTO_SMC 0, AF_SMC 0); connections 2: SMC-D 0, "
        "SMC-R 0, TCP fallback 0 (other 1), TCP 0, unknown 2");
}

TEST_CASE("add outcome counts each outcome and each fallback reason in its own slot") {
  SummaryCounts c;
  add_outcome(c, {Outcome::kSmcD, 0, 0});
  add_outcome(c, {Outcome::kFallback, kDeclPeerNoSmc, 0});
  add_outcome(c, {Outcome::kFallback, kDeclNoSmcDev, 0});
  add_outcome(c, {Outcome::kFallback, kDeclPeerNoSmc, 0});
  CHECK(c.outcomes[static_cast<int>(Outcome::kSmcD)] == 1);
  CHECK(c.outcomes[static_cast<int>(Outcome::kFallback)] == 3);
  CHECK(c.reasons[0].code == kDeclPeerNoSmc);
  CHECK(c.reasons[0].count == 2);
  CHECK(c.reasons[1].code == kDeclNoSmcDev);
  CHECK(c.reasons[1].count == 1);
  CHECK(connections(c) == 4);
}

TEST_CASE("add outcome counts reasons past the last slot as other") {
  SummaryCounts c;
  for (std::uint32_t code = 1; code <= kSummaryReasons + 2; ++code) {
    add_outcome(c, {Outcome::kFallback, code, 0});
  }
  CHECK(c.reasons[kSummaryReasons - 1].code == kSummaryReasons);
  CHECK(c.other_reasons == 2);
}

TEST_CASE("write summary appends one JSON line per call to the summary file") {
  char path[] = "/tmp/smc_summary_test.XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  const std::string variable = std::string("SMC_SUMMARY_FILE=") + path;
  const char* env[] = {variable.c_str(), nullptr};
  const Settings settings = read_settings(env);
  errno = EINTR;
  write_summary(sample(), settings, "curl", 42);
  write_summary(SummaryCounts{}, settings, "go\xff", 43);
  CHECK(errno == EINTR);
  char text[4096] = {};
  const int in = open(path, O_RDONLY);
  REQUIRE(in >= 0);
  const ssize_t n = read(in, text, sizeof text - 1);
  close(in);
  unlink(path);
  const std::string lines(text, n > 0 ? static_cast<std::size_t>(n) : 0);
  CHECK(lines == json(sample(), "curl") + json(SummaryCounts{}, "go\xff", 43));
}

}  // namespace
}  // namespace smc

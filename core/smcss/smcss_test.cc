#include "core/smcss/smcss.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

SmcSocket sock(std::uint64_t inode, std::uint8_t state, std::uint8_t mode) {
  SmcSocket s;
  s.inode = inode;
  s.state = state;
  s.mode = mode;
  s.local = "127.0.0.1:40000";
  s.peer = "127.0.0.1:8080";
  return s;
}

std::vector<std::uint64_t> inodes(const std::vector<SmcSocket>& sockets) {
  std::vector<std::uint64_t> out;
  for (const SmcSocket& s : sockets) out.push_back(s.inode);
  return out;
}

const std::vector<SmcSocket> kMixed = {
    sock(1, kSmcListen, kSmcDiagModeSmcR),   sock(2, kSmcActive, kSmcDiagModeSmcD),
    sock(3, kSmcActive, kSmcDiagModeSmcR),   sock(4, kSmcActive, kSmcDiagModeFallbackTcp),
    sock(5, 2 /* INIT */, kSmcDiagModeSmcR),
};

TEST_CASE("smcss leaves listening sockets out unless -a or -l") {
  struct Row {
    SmcssOptions options;
    std::vector<std::uint64_t> inodes;
  };
  SmcssOptions all, listening, smcd, smcr, all_smcd;
  all.all = true;
  listening.listening = true;
  smcd.smcd = true;
  smcr.smcr = true;
  all_smcd.all = all_smcd.smcd = true;
  const Row rows[] = {
      {SmcssOptions{}, {2, 3, 4, 5}}, {all, {1, 2, 3, 4, 5}},
      {listening, {1}},               {smcd, {2}},
      {smcr, {3, 5}},                 {all_smcd, {2}},
  };
  for (const Row& row : rows) {
    CHECK(inodes(select_sockets(kMixed, row.options)) == row.inodes);
  }
}

TEST_CASE("smcss mode column names the fallback reasons of both sides") {
  CHECK(mode_text(sock(1, kSmcActive, kSmcDiagModeSmcD)) == "SMCD");
  CHECK(mode_text(sock(1, kSmcActive, kSmcDiagModeSmcR)) == "SMCR");
  CHECK(mode_text(sock(1, kSmcListen, kSmcDiagModeSmcR)) == "-");
  SmcSocket fallback = sock(1, kSmcActive, kSmcDiagModeFallbackTcp);
  fallback.fallback_reason = 0x03010000;
  CHECK(mode_text(fallback) == "TCP 0x03010000 PEERNOSMC");
  fallback.fallback_reason = 0x05000000;
  fallback.peer_diagnosis = 0x03030008;
  CHECK(mode_text(fallback) == "TCP 0x05000000 PEERDECL/0x03030008 NOUEID");
}

TEST_CASE("smcss table has aligned columns and -d adds buffers") {
  SmcSocket s = sock(12345, kSmcActive, kSmcDiagModeSmcD);
  s.uid = 1000;
  s.shutdown = 1;
  s.buffers = SmcBuffers{0xabc, 65536, 262144, 131072};
  const std::string plain = format_table({s}, false);
  CHECK(plain ==
        "State  UID  Inode Local Address   Peer Address   Intf Mode\n"
        "ACTIVE 1000 12345 127.0.0.1:40000 127.0.0.1:8080 0    SMCD\n");
  CHECK(format_table({s}, true) ==
        "State  UID  Inode Local Address   Peer Address   Intf Mode ShutD "
        "Token    Sndbuf Rcvbuf Peerbuf\n"
        "ACTIVE 1000 12345 127.0.0.1:40000 127.0.0.1:8080 0    SMCD R->   "
        "00000abc 65536  262144 131072\n");
  CHECK(format_table({}, false) ==
        "State UID Inode Local Address Peer Address Intf Mode\n");
}

TEST_CASE("smcss JSON holds every field and names reasons") {
  SmcSocket s = sock(7, kSmcActive, kSmcDiagModeFallbackTcp);
  s.fallback_reason = 0x03030000;
  const std::string json = format_json({s});
  CHECK(json ==
        "[\n  {\"inode\": 7, \"uid\": 0, \"state\": \"ACTIVE\", \"mode\": "
        "\"TCP\", \"local\": \"127.0.0.1:40000\", \"peer\": "
        "\"127.0.0.1:8080\", \"interface\": 0, \"shutdown\": 0, "
        "\"fallback_reason\": 50528256, \"fallback_name\": \"NOSMCDEV\", "
        "\"peer_diagnosis\": 0, \"peer_diagnosis_name\": null}\n]\n");
  CHECK(format_json({}) == "[]\n");
  s.buffers = SmcBuffers{1, 2, 3, 4};
  CHECK(format_json({s}).find("\"token\": 1, \"sndbuf\": 2, \"rmbe\": 3, "
                              "\"peer_rmbe\": 4}") != std::string::npos);
}

}  // namespace
}  // namespace smc

#include "core/toolbox/socket_json.h"

#include <doctest/doctest.h>

#include <string>

#include "base/smc_abi.h"

namespace smc {
namespace {

TEST_CASE("socket JSON brief holds what a socket became, full holds all, strings escaped") {
  SmcSocket s;
  s.inode = 12;
  s.state = kSmcActive;
  s.mode = kSmcDiagModeFallbackTcp;
  s.fallback_reason = 0x05000000;
  s.peer_diagnosis = 0x12345678;
  s.local = "a\"b";
  s.peer = "\xff";
  CHECK(socket_json(s, SocketFields::kBrief) ==
        "{\"inode\": 12, \"mode\": \"TCP\", \"fallback_reason\": 83886080, "
        "\"fallback_name\": \"PEERDECL\", \"peer_diagnosis\": 305419896, "
        "\"peer_diagnosis_name\": null}");
  const std::string full = socket_json(s, SocketFields::kFull);
  CHECK(full.find("\"local\": \"a\\\"b\", \"peer\": \"\xef\xbf\xbd\"") != std::string::npos);
  CHECK(full.find("\"token\"") == std::string::npos);
  CHECK(full.find("\"link\"") == std::string::npos);
  s.mode = kSmcDiagModeSmcR;
  s.link = SmcLinkInfo{kSmcLgrRoleClient, "rxe\"0", 1, 2, "g1", "g2", 0x2d00};
  CHECK(socket_json(s, SocketFields::kFull).find(
            "\"link\": {\"link_group\": 11520, \"role\": \"client\", \"ib_device\": "
            "\"rxe\\\"0\", \"ib_port\": 1, \"link_id\": 2, \"gid\": \"g1\", \"peer_gid\": "
            "\"g2\"}}") != std::string::npos);
  CHECK(socket_json(s, SocketFields::kBrief).find("link") == std::string::npos);
}

}  // namespace
}  // namespace smc

#include "core/toolbox/command_line.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tools/support/args.h"

namespace smc {
namespace {

using testing::Args;
using testing::fmt_args;

TEST_CASE("toolbox command line takes smc-tools' objects, stems and options") {
  struct Row {
    SmcTech tech;
    Args args;
    ToolboxObject object;
    const char* verb;
    int details;
    bool absolute;
    ToolboxOutput output;
  };
  const auto R = SmcTech::kSmcr;
  const auto D = SmcTech::kSmcd;
  const auto text = ToolboxOutput::kText;
  const Row rows[] = {
      {R, {"info"}, ToolboxObject::kInfo, "show", 0, false, text},
      {R, {"i", "show"}, ToolboxObject::kInfo, "show", 0, false, text},
      {R, {"dev"}, ToolboxObject::kDevice, "show", 0, false, text},
      {R, {"d"}, ToolboxObject::kDevice, "show", 0, false, text},  // device comes first
      {R, {"l"}, ToolboxObject::kLinkGroup, "show", 0, false, text},
      {R, {"-d", "linkgroup", "link-show"}, ToolboxObject::kLinkGroup, "link-show", 1, false, text},
      {R, {"-dd", "lin", "li"}, ToolboxObject::kLinkGroup, "link-show", 2, false, text},
      {R, {"s"}, ToolboxObject::kStats, "show", 0, false, text},  // stats before seid
      {D, {"se"}, ToolboxObject::kSeid, "show", 0, false, text},
      {D, {"seid", "dis"}, ToolboxObject::kSeid, "disable", 0, false, text},
      {R, {"-a", "stats", "reset"}, ToolboxObject::kStats, "reset", 0, true, text},
      {R, {"-ad", "stats", "json"}, ToolboxObject::kStats, "json", 1, true, text},
      {D, {"--absolute", "--details", "stats"}, ToolboxObject::kStats, "show", 1, true, text},
      {R, {"stats", "-j"}, ToolboxObject::kStats, "show", 0, false, ToolboxOutput::kJson},
      {D, {"--prometheus", "stats"}, ToolboxObject::kStats, "show", 0, false,
       ToolboxOutput::kPrometheus},
      {R, {"--", "stats"}, ToolboxObject::kStats, "show", 0, false, text},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const auto c = parse_toolbox_command(row.tech, row.args);
    REQUIRE(c.ok());
    CHECK(c->object == row.object);
    CHECK(c->verb == row.verb);
    CHECK(c->details == row.details);
    CHECK(c->absolute == row.absolute);
    CHECK(c->output == row.output);
  }
}

TEST_CASE("toolbox command line reads the filters of device and linkgroup") {
  auto c = parse_toolbox_command(SmcTech::kSmcr,
                                 Args{"linkgroup", "link-show", "2d00", "ibdev", "rxe0"});
  REQUIRE(c.ok());
  CHECK(c->link_group == 0x2d00u);
  CHECK(c->ib_device == "rxe0");
  CHECK_FALSE(c->net_device);
  c = parse_toolbox_command(SmcTech::kSmcr, Args{"device", "all", "netdev", "eth0"});
  REQUIRE(c.ok());
  CHECK(c->net_device == "eth0");
  c = parse_toolbox_command(SmcTech::kSmcd, Args{"linkgroup", "all"});
  REQUIRE(c.ok());
  CHECK_FALSE(c->link_group);
}

TEST_CASE("toolbox command line hands ueid's words over as they are") {
  const auto c = parse_toolbox_command(SmcTech::kSmcr, Args{"-d", "ueid", "del", "-X"});
  REQUIRE(c.ok());
  CHECK(c->object == ToolboxObject::kUeid);
  CHECK(c->ueid_args == Args{"del", "-X"});
  CHECK(parse_toolbox_command(SmcTech::kSmcd, Args{"ueid"})->ueid_args.empty());
}

TEST_CASE("toolbox command line answers help and version before anything else") {
  for (const Args& args : {Args{"-h"}, Args{"help"}, Args{"stats", "help"}, Args{"--help", "x"}}) {
    CAPTURE(fmt_args(args));
    const auto c = parse_toolbox_command(SmcTech::kSmcr, args);
    REQUIRE(c.ok());
    CHECK(c->help);
  }
  CHECK(parse_toolbox_command(SmcTech::kSmcd, Args{"-v"})->version);
}

TEST_CASE("toolbox command line names what it refuses") {
  struct Row {
    SmcTech tech;
    Args args;
    const char* message;
  };
  const auto R = SmcTech::kSmcr;
  const auto D = SmcTech::kSmcd;
  const Row rows[] = {
      {R, {}, "missing object (try: smcr stats, or smcr -h)"},
      {D, {"-d"}, "missing object (try: smcd stats, or smcd -h)"},
      {R, {"frob"}, "unknown object 'frob' (try: smcr -h)"},
      {R, {"seid"}, "seid is an object of smcd, not smcr (the system EID is SMC-D's)"},
      {R, {"-x", "stats"}, "invalid option '-x'"},
      {R, {"stats", "--bogus"}, "invalid option '--bogus'"},
      {R, {"stats", "reset", "now"}, "unexpected 'now' after stats reset"},
      {R, {"info", "all"}, "unexpected 'all' after info"},
      {D, {"linkgroup", "link-show"}, "'link-show' is no link group id (hex, as LG-ID shows it)"},
      {D, {"device", "ibdev", "x"}, "unexpected 'ibdev' after device"},
      {R, {"linkgroup", "xyz"}, "'xyz' is no link group id (hex, as LG-ID shows it)"},
      {R, {"linkgroup", "123456789"}, "'123456789' is no link group id (hex, as LG-ID shows it)"},
      {R, {"device", "ibdev"}, "ibdev needs a device name"},
      {R, {"-j", "ueid"}, "-j applies to info, device, linkgroup and stats"},
      {R, {"--prometheus", "info"}, "--prometheus applies to stats only"},
      {R, {"--prometheus", "stats", "reset"},
       "--prometheus shows the kernel's counters as they are: use it with stats [show]"},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const auto c = parse_toolbox_command(row.tech, row.args);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().kind == ErrorKind::kUsage);
    CHECK(c.error().message == row.message);
  }
}

}  // namespace
}  // namespace smc

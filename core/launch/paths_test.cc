#include "core/launch/paths.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "tools/support/temp_dir.h"

namespace smc {
namespace {

std::string current_folder() {
  char buffer[4096];
  REQUIRE(getcwd(buffer, sizeof buffer) != nullptr);
  return buffer;
}

TEST_CASE("absolute path keeps an absolute path as it is") {
  const Result<std::string> r = absolute_path("/var/log/x.json");
  REQUIRE(r.ok());
  CHECK(*r == "/var/log/x.json");
}

TEST_CASE("absolute path joins a relative path to the current folder") {
  const Result<std::string> r = absolute_path("dir/x.json");
  REQUIRE(r.ok());
  CHECK(*r == current_folder() + "/dir/x.json");
}

TEST_CASE("absolute path of a relative path in a removed folder is an error naming it") {
  const std::string before = current_folder();
  testing::TempDir tmp;
  const std::string gone = (tmp / "gone").string();
  REQUIRE(mkdir(gone.c_str(), 0700) == 0);
  REQUIRE(chdir(gone.c_str()) == 0);
  REQUIRE(rmdir(gone.c_str()) == 0);
  const Result<std::string> r = absolute_path("s.json");
  REQUIRE(chdir(before.c_str()) == 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        "cannot make 's.json' absolute: the current folder was removed");
}

}  // namespace
}  // namespace smc

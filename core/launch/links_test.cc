#include "core/launch/links.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string_view>

#include "tools/support/temp_dir.h"

namespace smc {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNames[] = {"smcss", "smcd", "smc_chk"};

void make_file(const fs::path& path) { std::ofstream(path) << "x"; }

TEST_CASE("links beside the file point at its bare name") {
  testing::TempDir tmp;
  make_file(tmp / "smc_run");
  const Result<std::string> r =
      install_links((tmp / "smc_run").string(), tmp.path().string(), kNames);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  for (const std::string_view name : kNames) {
    CAPTURE(name);
    const fs::path link = tmp / std::string(name);
    REQUIRE(fs::is_symlink(link));
    CHECK(fs::read_symlink(link) == "smc_run");
  }
  CHECK(r.value().find(" -> smc_run\n") != std::string::npos);
}

TEST_CASE("links in another folder point at the absolute path") {
  testing::TempDir tmp;
  fs::create_directory(tmp / "bin");
  make_file(tmp / "smc_run");
  const Result<std::string> r = install_links(
      (tmp / "smc_run").string(), (tmp / "bin").string(), kNames);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  CHECK(fs::read_symlink(tmp / "bin" / "smcss") ==
        fs::canonical(tmp / "smc_run"));
}

TEST_CASE("installing links twice leaves the first ones in place") {
  testing::TempDir tmp;
  make_file(tmp / "smc_run");
  const std::string exe = (tmp / "smc_run").string();
  REQUIRE(install_links(exe, tmp.path().string(), kNames).ok());
  const Result<std::string> again =
      install_links(exe, tmp.path().string(), kNames);
  REQUIRE_MESSAGE(again.ok(), again.error().message);
  CHECK(again.value().find("already leads to") != std::string::npos);
}

TEST_CASE("a file of a link's name is never replaced") {
  testing::TempDir tmp;
  make_file(tmp / "smc_run");
  make_file(tmp / "smcd");
  const Result<std::string> r = install_links(
      (tmp / "smc_run").string(), tmp.path().string(), kNames);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("smcd' exists and is not a link") !=
        std::string::npos);
  // Stopped half-way: the link made before it is named.
  CHECK(r.error().message.find("; made before it: " + (tmp / "smcss").string()) !=
        std::string::npos);
  std::ifstream in(tmp / "smcd");
  std::string content;
  in >> content;
  CHECK(content == "x");
}

TEST_CASE("install links rejects a folder that does not exist, naming it and why") {
  testing::TempDir tmp;
  make_file(tmp / "smc_run");
  const Result<std::string> r = install_links(
      (tmp / "smc_run").string(), (tmp / "nowhere").string(), kNames);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        "--install-links: cannot use the folder '" + (tmp / "nowhere").string() +
            "': No such file or directory");
  const Result<std::string> file = install_links(
      (tmp / "smc_run").string(), (tmp / "smc_run").string(), kNames);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().message.find("smc_run' is not a folder") != std::string::npos);
}

}  // namespace
}  // namespace smc

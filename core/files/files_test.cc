#include "core/files/files.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/testing/temp_dir.h"

namespace smc {
namespace {

namespace fs = std::filesystem;

struct Folder {
  smc::testing::TempDir dir;
  fs::path root = dir.path();
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::array<unsigned char, 3> kNew = {'n', 'e', 'w'};

TEST_CASE("file replacement writes the bytes with the given mode") {
  Folder f;
  const std::string path = f.root / "lib.so";
  REQUIRE(replace_file(path, kNew, 0644).ok());
  CHECK(read(path) == "new");
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0644);
  CHECK(std::distance(fs::directory_iterator(f.root), {}) == 1);
}

TEST_CASE("file replacement leaves a mapped old copy intact") {
  Folder f;
  const std::string path = f.root / "lib.so";
  std::ofstream(path) << "old!";
  const int fd = open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  void* map = mmap(nullptr, 4, PROT_READ, MAP_PRIVATE, fd, 0);
  REQUIRE(map != MAP_FAILED);
  REQUIRE(replace_file(path, kNew, 0644).ok());
  CHECK(std::string(static_cast<const char*>(map), 4) == "old!");
  CHECK(read(path) == "new");
  munmap(map, 4);
  close(fd);
}

TEST_CASE("file replacement names the path when it cannot write") {
  Folder f;
  const std::string path = f.root / "missing/lib.so";
  const auto r = replace_file(path, kNew, 0644);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kSystem);
  CHECK(r.error().message ==
        "cannot write " + path + ": No such file or directory");

  // A folder in the way: rename fails, and no temporary file is left.
  const std::string dir = f.root / "dir";
  fs::create_directories(fs::path(dir) / "inner");
  const auto d = replace_file(dir, kNew, 0644);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("cannot write " + dir + ": ") == 0);
  CHECK(std::distance(fs::directory_iterator(f.root), {}) == 1);
}

}  // namespace
}  // namespace smc

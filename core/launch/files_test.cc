#include "core/launch/files.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/support/temp_dir.h"

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

TEST_CASE("file writing writes the bytes with the given mode") {
  Folder f;
  const std::string path = f.root / "lib.so";
  REQUIRE(write_file(path, kNew, 0644, "--write-lib").ok());
  CHECK(read(path) == "new");
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0644);
  CHECK(std::distance(fs::directory_iterator(f.root), {}) == 1);
}

TEST_CASE("file writing leaves a mapped old copy intact") {
  Folder f;
  const std::string path = f.root / "lib.so";
  std::ofstream(path) << "old!";
  const int fd = open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  void* map = mmap(nullptr, 4, PROT_READ, MAP_PRIVATE, fd, 0);
  REQUIRE(map != MAP_FAILED);
  REQUIRE(write_file(path, kNew, 0644, "--write-lib").ok());
  CHECK(std::string(static_cast<const char*>(map), 4) == "old!");
  CHECK(read(path) == "new");
  munmap(map, 4);
  close(fd);
}

TEST_CASE("file writing names the path when it cannot write") {
  Folder f;
  const std::string path = f.root / "missing/lib.so";
  const auto r = write_file(path, kNew, 0644, "--write-lib");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kSystem);
  CHECK(r.error().message ==
        "cannot write '" + path + "': No such file or directory");
  const auto nl = write_file(path + "\nx", kNew, 0644, "--write-lib");
  REQUIRE_FALSE(nl.ok());
  CHECK(nl.error().message.find('\n') == std::string::npos);
}

TEST_CASE("file writing refuses what is not a regular file, naming it") {
  Folder f;
  const std::string dir = f.root / "dir";
  fs::create_directories(fs::path(dir) / "inner");
  const auto d = write_file(dir, kNew, 0644, "--write-lib");
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().kind == ErrorKind::kUsage);
  CHECK(d.error().message == "--write-lib '" + dir + "' is a folder, not a regular file");
  const std::string fifo = f.root / "fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0644) == 0);
  CHECK(write_file(fifo, kNew, 0644, "--write-lib").error().message ==
        "--write-lib '" + fifo + "' is a FIFO, not a regular file");
  CHECK(write_file("/dev/null", kNew, 0644, "--write-lib").error().message ==
        "--write-lib '/dev/null' is a character device, not a regular file");
  // No temporary file is left.
  CHECK(std::distance(fs::directory_iterator(f.root), {}) == 2);
}

TEST_CASE("file writing follows a link and keeps mode and hard links") {
  Folder f;
  std::ofstream(f.root / "target.so") << "old";
  fs::create_symlink("target.so", f.root / "link.so");
  REQUIRE(write_file(f.root / "link.so", kNew, 0644, "--write-lib").ok());
  CHECK(fs::is_symlink(f.root / "link.so"));
  CHECK(read(f.root / "target.so") == "new");

  std::ofstream(f.root / "a.so") << "old";
  fs::permissions(f.root / "a.so", fs::perms(0600));
  fs::create_hard_link(f.root / "a.so", f.root / "b.so");
  REQUIRE(write_file(f.root / "a.so", kNew, 0644, "--write-lib").ok());
  CHECK(read(f.root / "b.so") == "new");
  CHECK(fs::hard_link_count(f.root / "a.so") == 2);
  CHECK(fs::status(f.root / "a.so").permissions() == fs::perms(0600));

  std::ofstream(f.root / "c.so") << "old";
  fs::permissions(f.root / "c.so", fs::perms(0640));
  REQUIRE(write_file(f.root / "c.so", kNew, 0644, "--write-lib").ok());
  CHECK(fs::status(f.root / "c.so").permissions() == fs::perms(0640));
}

TEST_CASE("file writing takes any valid name, 255 bytes long") {
  Folder f;
  const std::string name(255, 'n');
  REQUIRE(write_file(f.root / name, kNew, 0644, "--write-lib").ok());
  REQUIRE(write_file(f.root / name, kNew, 0644, "--write-lib").ok());  // replaced
  CHECK(read(f.root / name) == "new");
}

}  // namespace
}  // namespace smc

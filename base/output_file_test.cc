#include "base/output_file.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "tools/support/temp_dir.h"

namespace smc {
namespace {

TEST_CASE("output files are regular files; every other kind is named") {
  const struct {
    mode_t kind;
    OutputRefusal refusal;
    const char* described;
  } rows[] = {
      {S_IFREG, OutputRefusal::kNone, nullptr},
      {S_IFIFO, OutputRefusal::kFifo, "a FIFO"},
      {S_IFCHR, OutputRefusal::kCharDevice, "a character device"},
      {S_IFBLK, OutputRefusal::kBlockDevice, "a block device"},
      {S_IFSOCK, OutputRefusal::kSocket, "a socket"},
      {S_IFDIR, OutputRefusal::kFolder, "a folder"},
      {S_IFLNK, OutputRefusal::kOther, "not a regular file"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.kind);
    CHECK(output_refusal(row.kind | 0644) == row.refusal);
    const char* text = describe(row.refusal);
    CHECK((text == nullptr ? std::string("-") : text) ==
          (row.described == nullptr ? "-" : row.described));
  }
}

TEST_CASE("an output file is created, or appended to, through a link too") {
  testing::TempDir dir;
  const std::string path = (dir / "summary.json").string();
  OutputFile f = open_output_file(path.c_str(), O_APPEND, 0644);
  REQUIRE(f.fd >= 0);
  CHECK(write(f.fd, "a\n", 2) == 2);
  close(f.fd);
  REQUIRE(symlink("summary.json", (dir / "link").c_str()) == 0);
  f = open_output_file((dir / "link").c_str(), O_APPEND, 0644);
  REQUIRE(f.fd >= 0);
  CHECK(write(f.fd, "b\n", 2) == 2);
  CHECK((fcntl(f.fd, F_GETFL) & O_NONBLOCK) == 0);
  close(f.fd);
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK(st.st_size == 4);
}

TEST_CASE("a FIFO without a reader, a device, a folder or a socket is refused at once") {
  testing::TempDir dir;
  const std::string fifo = (dir / "fifo").string();
  REQUIRE(mkfifo(fifo.c_str(), 0644) == 0);
  CHECK(open_output_file(fifo.c_str(), O_APPEND, 0644).refusal == OutputRefusal::kFifo);
  CHECK(open_output_file("/dev/null", O_APPEND, 0644).refusal == OutputRefusal::kCharDevice);
  CHECK(open_output_file(dir.path().c_str(), O_APPEND, 0644).refusal ==
        OutputRefusal::kFolder);
  const int s = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string name = (dir / "s").string();
  std::strncpy(address.sun_path, name.c_str(), sizeof address.sun_path - 1);
  REQUIRE(bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  CHECK(open_output_file(name.c_str(), O_APPEND, 0644).refusal == OutputRefusal::kSocket);
  close(s);
}

TEST_CASE("a link to nothing is not followed to create a file") {
  testing::TempDir dir;
  REQUIRE(symlink((dir / "elsewhere").c_str(), (dir / "dangling").c_str()) == 0);
  const OutputFile f = open_output_file((dir / "dangling").c_str(), O_APPEND, 0644);
  CHECK(f.fd < 0);
  CHECK(f.refusal == OutputRefusal::kSystemError);
  CHECK(access((dir / "elsewhere").c_str(), F_OK) != 0);
}

TEST_CASE("an output file in a missing folder fails with the system's reason") {
  const OutputFile f = open_output_file("/nonexistent-folder/x.json", O_APPEND, 0644);
  CHECK(f.fd < 0);
  CHECK(f.refusal == OutputRefusal::kSystemError);
  CHECK(f.error == ENOENT);
}

}  // namespace
}  // namespace smc

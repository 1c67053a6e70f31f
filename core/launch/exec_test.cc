#include "core/launch/exec.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tools/support/temp_dir.h"

namespace smc {
namespace {

namespace fs = std::filesystem;

// A fresh folder with bin1/ and bin2/ to search, removed afterwards.
struct Folders {
  Folders() : root(dir.path()) {
    fs::create_directories(root / "bin1");
    fs::create_directories(root / "bin2");
  }
  std::string file(const std::string& name, int mode,
                   const std::string& text = "#!/bin/sh\nexit 0\n") const {
    const fs::path p = root / name;
    std::ofstream(p) << text;
    chmod(p.c_str(), static_cast<mode_t>(mode));
    return p;
  }
  std::string path(const std::string& name) const { return root / name; }
  smc::testing::TempDir dir;
  fs::path root;
};

TEST_CASE("program lookup searches PATH in order, like a shell") {
  Folders f;
  const std::string tool2 = f.file("bin2/tool", 0755);
  const std::string path = f.path("bin1") + ":" + f.path("bin2");
  CHECK(*find_program("tool", path.c_str(), "") == tool2);
  const std::string tool1 = f.file("bin1/tool", 0755);
  CHECK(*find_program("tool", path.c_str(), "") == tool1);
}

TEST_CASE("program lookup skips non-executable files and folders on PATH") {
  Folders f;
  f.file("bin1/tool", 0644);
  fs::create_directories(f.root / "bin1/dir");
  const std::string tool2 = f.file("bin2/tool", 0755);
  f.file("bin2/dir", 0755);
  const std::string path = f.path("bin1") + ":" + f.path("bin2");
  CHECK(*find_program("tool", path.c_str(), "") == tool2);
  CHECK(*find_program("dir", path.c_str(), "") == f.path("bin2") + "/dir");
}

TEST_CASE("program lookup tells 'not found' (127) from 'not executable' (126)") {
  Folders f;
  f.file("bin1/plain", 0644);
  const std::string path = f.path("bin1") + ":" + f.path("bin2");

  auto r = find_program("nosuch", path.c_str(), "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotFound);
  CHECK(r.error().message == "nosuch: command not found");

  r = find_program("plain", path.c_str(), "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotExecutable);
  CHECK(r.error().message == f.path("bin1") + "/plain: Permission denied");

  r = find_program("", path.c_str(), "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotFound);
}

TEST_CASE("a path that cannot be resolved cannot execute (126), as in bash") {
  Folders f;
  fs::create_symlink(f.path("loop2"), f.path("loop1"));
  fs::create_symlink(f.path("loop1"), f.path("loop2"));
  auto r = find_program(f.path("loop1"), "", "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotExecutable);
  CHECK(r.error().message == f.path("loop1") + ": Too many levels of symbolic links");

  r = find_program("./" + std::string(5000, 'x'), "", "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotExecutable);
  CHECK(r.error().message.ends_with(": File name too long"));

  // Looked up in PATH, such a name is not found, as in bash.
  const std::string path = f.root.string();
  r = find_program("loop1", path.c_str(), "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotFound);
}

TEST_CASE("program lookup takes names with a slash as they are") {
  Folders f;
  const std::string tool = f.file("bin1/tool", 0755);
  CHECK(*find_program(tool, "", "") == tool);

  auto r = find_program(f.path("bin1"), "", "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotExecutable);
  CHECK(r.error().message == f.path("bin1") + ": Is a directory");

  r = find_program(f.path("bin1") + "/missing", "", "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotFound);
  CHECK(r.error().message ==
        f.path("bin1") + "/missing: No such file or directory");

  r = find_program(f.file("bin1/data", 0644), "", "");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kNotExecutable);
}

TEST_CASE("program lookup reads an empty PATH element as the current folder") {
  Folders f;
  f.file("bin1/here", 0755);
  const fs::path saved = fs::current_path();
  fs::current_path(f.root / "bin1");
  const auto empty = find_program("here", "", "/nonexistent");
  const auto leading = find_program("here", ":/nonexistent", "");
  const auto unset = find_program("here", nullptr, "/nonexistent");
  fs::current_path(saved);
  CHECK(*empty == "./here");
  CHECK(*leading == "./here");
  CHECK_FALSE(unset.ok());
}

TEST_CASE("program lookup uses the default path when PATH is unset") {
  Folders f;
  const std::string tool = f.file("bin2/tool", 0755);
  CHECK(*find_program("tool", nullptr, f.path("bin2")) == tool);
  CHECK(default_search_path().find("/bin") != std::string::npos);
}

TEST_CASE("exec of something that is not a program fails with 126") {
  Folders f;
  // execve() fails without replacing this process in each of these.
  Error e = exec_program(f.path("bin1"), {"x"});
  CHECK(e.kind == ErrorKind::kNotExecutable);
  CHECK(e.message == f.path("bin1") + ": cannot execute: Permission denied");

  const std::string bad = f.file("bin1/bad", 0755, "#!/nonexistent/sh\n");
  e = exec_program(bad, {"bad"});
  CHECK(e.kind == ErrorKind::kNotExecutable);
  CHECK(e.message.find("interpreter") != std::string::npos);
}

TEST_CASE("exec runs a script without #! through /bin/sh with its arguments") {
  Folders f;
  const std::string out = f.path("out");
  const std::string script =
      f.file("bin1/script", 0755, "printf '%s|' \"$0\" \"$@\" > " + out + "\n");
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    exec_program(script, {"script", "a b", ""});
    _exit(99);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::ifstream in(out);
  std::string text;
  std::getline(in, text);
  CHECK(text == script + "|a b||");
}

}  // namespace
}  // namespace smc

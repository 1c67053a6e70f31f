#include "core/launch/reach.h"

#include <doctest/doctest.h>
#include <elf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "tools/support/temp_dir.h"

namespace smc {
namespace {

// Writes a minimal ELF file in this machine's byte order: header, program
// headers, and an optional PT_INTERP and Go note.
template <typename Ehdr, typename Phdr>
void write_elf(const std::string& path, int elf_class, std::uint16_t machine,
               const char* interpreter, bool go) {
  std::vector<unsigned char> bytes(4096, 0);
  std::vector<Phdr> headers;
  auto add = [&](std::uint32_t type, const std::string& content, std::size_t at) {
    std::memcpy(&bytes[at], content.data(), content.size());
    Phdr ph{};
    ph.p_type = type;
    ph.p_offset = at;
    ph.p_filesz = content.size();
    headers.push_back(ph);
  };
  if (interpreter != nullptr) add(PT_INTERP, std::string(interpreter) + '\0', 1024);
  if (go) {
    std::string note(12, '\0');
    const std::uint32_t fields[3] = {4, 4, 4};
    std::memcpy(note.data(), fields, 12);
    add(PT_NOTE, note + std::string("Go\0\0", 4) + "abcd", 2048);
  }
  Ehdr h{};
  std::memcpy(h.e_ident, ELFMAG, SELFMAG);
  h.e_ident[EI_CLASS] = static_cast<unsigned char>(elf_class);
  h.e_ident[EI_DATA] = kNativeElfData;
  h.e_machine = machine;
  h.e_phoff = 64;
  h.e_phentsize = sizeof(Phdr);
  h.e_phnum = static_cast<std::uint16_t>(headers.size());
  std::memcpy(bytes.data(), &h, sizeof h);
  if (!headers.empty()) {
    std::memcpy(&bytes[64], headers.data(), headers.size() * sizeof(Phdr));
  }
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
  chmod(path.c_str(), 0755);
}

void elf64(const std::string& path, const char* interpreter, bool go = false,
           std::uint16_t machine = EM_X86_64) {
  write_elf<Elf64_Ehdr, Elf64_Phdr>(path, ELFCLASS64, machine, interpreter, go);
}

const ElfFacts kLibrary{ELFCLASS64, EM_X86_64, false, "", false};
constexpr char kGlibc[] = "/lib64/ld-linux-x86-64.so.2";

std::string warnings(const Reach& r) {
  std::string text;
  for (const std::string& w : r.warnings) text += w + "\n";
  return text;
}

TEST_CASE("reach: an ordinary dynamic glibc program gets no warning") {
  testing::TempDir dir;
  elf64(dir / "prog", kGlibc);
  const Reach r = judge_reach(dir / "prog", kLibrary);
  CHECK(r.warnings.empty());
  CHECK(r.offer_library);
  CHECK(r.blind.empty());
  CHECK(r.privileged.empty());
}

TEST_CASE("reach: static and Go programs are named, and still get the library") {
  testing::TempDir dir;
  elf64(dir / "static", nullptr);
  elf64(dir / "go", kGlibc, true);
  elf64(dir / "static-go", nullptr, true);
  Reach r = judge_reach(dir / "static", kLibrary);
  CHECK(warnings(r) == (dir / "static").string() +
                           " is statically linked: no library can be preloaded "
                           "into it, so its TCP sockets stay TCP\n");
  CHECK(r.offer_library);
  CHECK(r.blind == (dir / "static").string() + " is statically linked");
  CHECK(r.privileged.empty());
  r = judge_reach(dir / "go", kLibrary);
  CHECK(warnings(r) == (dir / "go").string() +
                           " is a Go program: Go makes its own system calls, so "
                           "its TCP sockets stay TCP\n");
  CHECK(r.blind == (dir / "go").string() + " is a Go program");
  r = judge_reach(dir / "static-go", kLibrary);
  CHECK(warnings(r).find("is a Go program") != std::string::npos);
}

TEST_CASE("reach: programs whose loader would reject the library go without it") {
  testing::TempDir dir;
  write_elf<Elf32_Ehdr, Elf32_Phdr>(dir / "prog32", ELFCLASS32, EM_386,
                                    "/lib/ld-linux.so.2", false);
  elf64(dir / "arm", "/lib/ld-linux-aarch64.so.1", false, EM_AARCH64);
  Reach r = judge_reach(dir / "prog32", kLibrary);
  CHECK_FALSE(r.offer_library);
  CHECK(warnings(r) == (dir / "prog32").string() +
                           " is a 32-bit program for ELF machine 3; the library "
                           "is 64-bit for machine 62: it runs without the "
                           "library, so its TCP sockets stay TCP\n");
  r = judge_reach(dir / "arm", kLibrary);
  CHECK_FALSE(r.offer_library);
}

TEST_CASE("reach: a name with a newline cannot forge a warning line") {
  testing::TempDir dir;
  elf64(dir / "two\nlines", nullptr);
  const Reach r = judge_reach(dir / "two\nlines", kLibrary);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find('\n') == std::string::npos);
  CHECK(r.warnings[0].find("two\\nlines") != std::string::npos);
}

TEST_CASE("reach: musl programs get the library like glibc ones") {
  testing::TempDir dir;
  elf64(dir / "musl", "/lib/ld-musl-x86_64.so.1");
  const Reach r = judge_reach(dir / "musl", kLibrary);
  CHECK(r.warnings.empty());
  CHECK(r.offer_library);
}

TEST_CASE("reach: scripts are judged by their interpreter") {
  testing::TempDir dir;
  elf64(dir / "static-sh", nullptr);
  std::ofstream(dir / "script") << "#!" << (dir / "static-sh").string()
                                << " -e\necho hi\n";
  chmod((dir / "script").c_str(), 0755);
  const Reach r = judge_reach(dir / "script", kLibrary);
  CHECK(warnings(r) == (dir / "static-sh").string() + " (the interpreter of " +
                           (dir / "script").string() +
                           ") is statically linked: no library can be "
                           "preloaded into it, so its TCP sockets stay TCP\n");
  std::ofstream(dir / "loop") << "#!" << (dir / "loop").string() << "\n";
  CHECK(judge_reach(dir / "loop", kLibrary).warnings.empty());  // ends
}

TEST_CASE("reach: setuid programs of another owner are named") {
  REQUIRE_MESSAGE(geteuid() == 0, "needs root to make a file of another owner");
  testing::TempDir dir;
  elf64(dir / "suid", kGlibc);
  REQUIRE(chown((dir / "suid").c_str(), 65534, 65534) == 0);
  REQUIRE(chmod((dir / "suid").c_str(), 04755) == 0);
  const Reach r = judge_reach(dir / "suid", kLibrary);
  CHECK(warnings(r) == (dir / "suid").string() +
                           " is setuid (owner uid 65534): the loader ignores "
                           "LD_PRELOAD for it, so its TCP sockets stay TCP\n");
  CHECK(r.offer_library);
  CHECK(r.privileged == (dir / "suid").string() + " is setuid (owner uid 65534)");
  CHECK(r.blind.empty());
  // Setuid to ourselves changes nothing.
  REQUIRE(chown((dir / "suid").c_str(), 0, 0) == 0);
  REQUIRE(chmod((dir / "suid").c_str(), 04755) == 0);
  CHECK(judge_reach(dir / "suid", kLibrary).warnings.empty());
}

TEST_CASE("reach: an interpreter that is a FIFO is not opened for reading") {
  testing::TempDir dir;
  REQUIRE(mkfifo((dir / "fifo").c_str(), 0755) == 0);
  std::ofstream(dir / "script") << "#!" << (dir / "fifo").string() << "\n";
  chmod((dir / "script").c_str(), 0755);
  CHECK(judge_reach(dir / "script", kLibrary).warnings.empty());  // returns at once
}

TEST_CASE("reach: unreadable and non-ELF files get no warning") {
  testing::TempDir dir;
  CHECK(judge_reach(dir / "missing", kLibrary).warnings.empty());
  std::ofstream(dir / "text") << "plain text\n";
  CHECK(judge_reach(dir / "text", kLibrary).warnings.empty());
}

// The machine this test, and so the launcher, is built for.
#if defined(__x86_64__)
constexpr std::uint16_t kThisMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr std::uint16_t kThisMachine = EM_AARCH64;
#elif defined(__s390x__)
constexpr std::uint16_t kThisMachine = EM_S390;
#endif

TEST_CASE("the embedded library is a 64-bit library for the launcher's own machine") {
  const ElfFacts facts = embedded_library_facts();
  CHECK(facts.elf_class == ELFCLASS64);
  CHECK(facts.machine == kThisMachine);
  CHECK_FALSE(facts.dynamic);  // a library names no loader of its own
}

}  // namespace
}  // namespace smc

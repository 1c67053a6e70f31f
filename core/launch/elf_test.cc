#include "core/launch/elf.h"

#include <doctest/doctest.h>
#include <elf.h>

#include <cstring>
#include <string>
#include <vector>

namespace smc {
namespace {

// A synthetic 64-bit ELF image in this machine's byte order: the header,
// program headers, and the bytes they point at.
struct Image {
  std::vector<unsigned char> bytes = std::vector<unsigned char>(4096, 0);
  std::vector<Elf64_Phdr> headers;

  void add(std::uint32_t type, const std::string& content, std::size_t at) {
    std::memcpy(&bytes[at], content.data(), content.size());
    Elf64_Phdr ph{};
    ph.p_type = type;
    ph.p_offset = at;
    ph.p_filesz = content.size();
    headers.push_back(ph);
  }
  ReadAt reader() {
    Elf64_Ehdr h{};
    std::memcpy(h.e_ident, ELFMAG, SELFMAG);
    h.e_ident[EI_CLASS] = ELFCLASS64;
    h.e_ident[EI_DATA] = kNativeElfData;
    h.e_machine = EM_X86_64;
    h.e_phoff = 64;
    h.e_phentsize = sizeof(Elf64_Phdr);
    h.e_phnum = static_cast<std::uint16_t>(headers.size());
    std::memcpy(bytes.data(), &h, sizeof h);
    if (!headers.empty()) {
      std::memcpy(&bytes[64], headers.data(), headers.size() * sizeof(Elf64_Phdr));
    }
    return [this](std::uint64_t offset, std::size_t size, void* out) {
      if (offset + size > bytes.size()) return false;
      std::memcpy(out, &bytes[offset], size);
      return true;
    };
  }
};

// As the Go linker writes it: name "Go\0\0", namesz 4, type 4.
std::string go_note() {
  std::string note(12, '\0');
  const std::uint32_t name_size = 4, desc_size = 4, type = 4;
  std::memcpy(&note[0], &name_size, 4);
  std::memcpy(&note[4], &desc_size, 4);
  std::memcpy(&note[8], &type, 4);
  return note + std::string("Go\0\0", 4) + "abcd";
}

std::string gnu_note() {
  std::string note(12, '\0');
  const std::uint32_t name_size = 4, desc_size = 4, type = 3;
  std::memcpy(&note[0], &name_size, 4);
  std::memcpy(&note[4], &desc_size, 4);
  std::memcpy(&note[8], &type, 4);
  return note + std::string("GNU\0", 4) + "abcd";
}

TEST_CASE("ELF facts tell dynamic, static and Go programs apart") {
  Image dynamic;
  dynamic.add(PT_INTERP, std::string("/lib64/ld-linux-x86-64.so.2\0", 28), 1024);
  dynamic.add(PT_NOTE, gnu_note(), 2048);
  auto facts = read_elf(dynamic.reader());
  REQUIRE(facts);
  CHECK(facts->elf_class == ELFCLASS64);
  CHECK(facts->machine == EM_X86_64);
  CHECK(facts->dynamic);
  CHECK(facts->interpreter == "/lib64/ld-linux-x86-64.so.2");
  CHECK_FALSE(facts->go);

  Image static_go;
  static_go.add(PT_NOTE, gnu_note() + go_note(), 2048);
  facts = read_elf(static_go.reader());
  REQUIRE(facts);
  CHECK_FALSE(facts->dynamic);
  CHECK(facts->go);
}

TEST_CASE("ELF facts refuse what is not a sound ELF file of this machine's byte order") {
  const std::string script = "#!/bin/sh\necho hi\n";
  ReadAt text = [&](std::uint64_t offset, std::size_t size, void* out) {
    if (offset + size > script.size()) return false;
    std::memcpy(out, script.data() + offset, size);
    return true;
  };
  CHECK_FALSE(read_elf(text));

  Image broken;
  broken.add(PT_INTERP, "/lib/ld.so", 1024);
  ReadAt reader = broken.reader();
  broken.bytes[EI_DATA] = kNativeElfData == ELFDATA2LSB ? ELFDATA2MSB : ELFDATA2LSB;
  CHECK_FALSE(read_elf(reader));
  broken.bytes[EI_DATA] = kNativeElfData;
  Elf64_Ehdr h{};
  std::memcpy(&h, broken.bytes.data(), sizeof h);
  h.e_phoff = 100000;  // program headers past the end
  std::memcpy(broken.bytes.data(), &h, sizeof h);
  CHECK_FALSE(read_elf(reader));
}

TEST_CASE("ELF facts survive notes that lie about their size") {
  Image liar;
  std::string note = go_note();
  const std::uint32_t huge = 0xfffffff0;
  std::memcpy(&note[0], &huge, 4);
  liar.add(PT_NOTE, note, 2048);
  const auto facts = read_elf(liar.reader());
  REQUIRE(facts);
  CHECK_FALSE(facts->go);
}

}  // namespace
}  // namespace smc

#include "core/launch/elf.h"

#include <cstring>
#include <vector>

namespace smc {
namespace {

// Program headers in one shape for both classes.
struct Segment {
  std::uint32_t type;
  std::uint64_t offset;
  std::uint64_t size;
};

template <typename Ehdr, typename Phdr>
std::optional<std::vector<Segment>> segments(const ReadAt& read) {
  Ehdr header{};
  if (!read(0, sizeof header, &header)) return std::nullopt;
  if (header.e_phentsize != sizeof(Phdr) || header.e_phnum > 256) {
    return std::nullopt;
  }
  std::vector<Segment> out;
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    Phdr ph{};
    if (!read(header.e_phoff + i * sizeof ph, sizeof ph, &ph)) {
      return std::nullopt;
    }
    out.push_back({ph.p_type, ph.p_offset, ph.p_filesz});
  }
  return out;
}

// Whether a PT_NOTE segment holds a note of owner "Go": the Go linker
// writes its build ID note with the name "Go\x00\x00", namesz 4
// (cmd/link/internal/ld/elf.go, ELF_NOTE_GO_NAME); "Go\0" (namesz 3, the
// usual C form) is taken too.
bool has_go_note(const ReadAt& read, const Segment& s) {
  if (s.size > (1u << 20)) return false;
  std::vector<unsigned char> notes(s.size);
  if (!read(s.offset, notes.size(), notes.data())) return false;
  std::size_t at = 0;
  while (at + 12 <= notes.size()) {
    std::uint32_t name_size, desc_size, type;
    std::memcpy(&name_size, &notes[at], 4);
    std::memcpy(&desc_size, &notes[at + 4], 4);
    std::memcpy(&type, &notes[at + 8], 4);
    const std::size_t name_at = at + 12;
    const std::size_t desc_at = name_at + ((name_size + 3u) & ~3u);
    const std::size_t next = desc_at + ((desc_size + 3u) & ~3u);
    if (next > notes.size() || next <= at) return false;
    if ((name_size == 3 || name_size == 4) &&
        std::memcmp(&notes[name_at], "Go", 3) == 0) {
      return true;
    }
    at = next;
  }
  return false;
}

}  // namespace

std::optional<ElfFacts> read_elf(const ReadAt& read) {
  unsigned char ident[EI_NIDENT];
  if (!read(0, sizeof ident, ident) || std::memcmp(ident, ELFMAG, SELFMAG) != 0 ||
      ident[EI_DATA] != kNativeElfData) {
    return std::nullopt;
  }
  ElfFacts facts{};
  facts.elf_class = ident[EI_CLASS];
  std::optional<std::vector<Segment>> list;
  if (facts.elf_class == ELFCLASS64) {
    list = segments<Elf64_Ehdr, Elf64_Phdr>(read);
    Elf64_Ehdr h{};
    read(0, sizeof h, &h);
    facts.machine = h.e_machine;
  } else if (facts.elf_class == ELFCLASS32) {
    list = segments<Elf32_Ehdr, Elf32_Phdr>(read);
    Elf32_Ehdr h{};
    read(0, sizeof h, &h);
    facts.machine = h.e_machine;
  }
  if (!list) return std::nullopt;
  for (const Segment& s : *list) {
    if (s.type == PT_INTERP && s.size > 1 && s.size < 4096) {
      std::string path(s.size, '\0');
      if (!read(s.offset, s.size, path.data())) return std::nullopt;
      facts.dynamic = true;
      facts.interpreter = path.c_str();  // up to the NUL
    } else if (s.type == PT_NOTE && has_go_note(read, s)) {
      facts.go = true;
    }
  }
  return facts;
}

}  // namespace smc

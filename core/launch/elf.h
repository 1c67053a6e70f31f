// What a program file's ELF headers say about whether a preload library
// can reach it: the loader it asks for (none: static), its class and
// machine, and whether it is a Go program (Go makes its own system calls,
// so no socket() of ours is ever called).
#pragma once

#include <elf.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace smc {

struct ElfFacts {
  int elf_class;           // 1: 32-bit, 2: 64-bit (EI_CLASS)
  std::uint16_t machine;   // e_machine, e.g. 62 for x86-64
  bool dynamic;            // has PT_INTERP, so a loader reads LD_PRELOAD
  std::string interpreter; // PT_INTERP's path, empty when static
  bool go;                 // carries a Go build ID note
};

// Reads `size` bytes at `offset` of the file into `out`; false when the
// file is shorter.
using ReadAt = std::function<bool(std::uint64_t offset, std::size_t size,
                                  void* out)>;

// The byte order of the ELF files this machine runs (EI_DATA): the
// kernel's own, little-endian on x86-64 and aarch64, big-endian on s390x.
inline constexpr unsigned char kNativeElfData =
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? ELFDATA2MSB : ELFDATA2LSB;

// The facts of an ELF file in this machine's byte order, the only order
// its kernel runs (a file in the other is refused, as no program of this
// machine); nullopt when the file is not ELF or is malformed.
std::optional<ElfFacts> read_elf(const ReadAt& read);

}  // namespace smc

// What a program file's ELF headers say about whether a preload library
// can reach it: the loader it asks for (none: static), its class and
// machine, and whether it is a Go program (Go makes its own system calls,
// so no socket() of ours is ever called).
#pragma once

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

// The facts of a little-endian ELF file (what Linux runs on x86-64,
// aarch64, ppc64le, s390x is big-endian and is refused); nullopt when the
// file is not ELF or is malformed.
std::optional<ElfFacts> read_elf(const ReadAt& read);

}  // namespace smc

// What tools/bpf_skeleton writes about each BPF program (the generated
// programs.skel.h, from the *.bpf.c beside this), for the loader.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/bpf/scope_maps.h"

namespace smc::bpf {

// A map the programs declare (maps.bpf.h), by name, with how to make it.
struct MapSpec {
  std::string_view name;
  smc_map_spec spec;
};

// Instruction `instruction` of a program loads the address of map `map`
// (an index into the skeleton's kMaps): the loader writes the map's
// descriptor into it.
struct MapUse {
  std::uint32_t instruction;
  std::uint32_t map;
};

struct ProgramSpec {
  std::string_view name;
  // libbpf's section names: "fmod_ret/FUNCTION" or "tp_btf/TRACEPOINT".
  std::string_view section;
  std::string_view license;
  // struct bpf_insn, 8 bytes each, in the byte order of the target.
  std::span<const unsigned char> code;
  std::span<const MapUse> maps;
};

}  // namespace smc::bpf

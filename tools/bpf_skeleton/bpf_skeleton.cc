// Build helper: the skeleton of smc_run's BPF programs. Reads the objects
// clang made from core/bpf/*.bpf.c (one program each) and writes a C++
// header with what the loader (core/bpf/loader.cc) needs and nothing else:
// each program's instructions, which of them load a map's address, its
// section (what it attaches to) and license, and the maps the programs
// declare, checked to agree across objects.
//   bpf_skeleton OUTPUT.h OBJECT.o...
//
// The objects are ELF64 files for EM_BPF in the target's byte order (bpfel
// or bpfeb); the instructions are copied as they are, in that order, and
// the loader patches them on the target. Only what the programs use is
// supported: one program section per object, no BPF-to-BPF calls, no
// global data; relocations only to maps (R_BPF_64_64 on a 64-bit load).
// Anything else stops the build with the reason.
#include <elf.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int kEmBpf = 247;             // EM_BPF, include/uapi/linux/elf-em.h
constexpr std::uint32_t kRBpf6464 = 1;  // R_BPF_64_64, ld_imm64 of a symbol
constexpr std::uint8_t kLdImm64 = 0x18;  // BPF_LD | BPF_IMM | BPF_DW
constexpr std::uint8_t kCall = 0x85;     // BPF_JMP | BPF_CALL
constexpr int kPseudoCall = 1;           // BPF_PSEUDO_CALL: a BPF-to-BPF call
constexpr std::size_t kInsnSize = 8;

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An ELF object's bytes, read in its own byte order.
class Elf {
 public:
  Elf(std::string path, std::vector<unsigned char> bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)) {
    if (bytes_.size() < EI_NIDENT || std::memcmp(bytes_.data(), ELFMAG, SELFMAG) != 0) {
      fail("not an ELF file");
    }
    if (bytes_[EI_CLASS] != ELFCLASS64) fail("not ELF64");
    big_ = bytes_[EI_DATA] == ELFDATA2MSB;
    if (u16(offsetof(Elf64_Ehdr, e_machine)) != kEmBpf) fail("not a BPF object (EM_BPF)");
  }

  [[noreturn]] void fail(const std::string& why) const { throw Failure(path_ + ": " + why); }
  bool big_endian() const { return big_; }
  const std::string& path() const { return path_; }

  std::uint64_t number(std::size_t at, std::size_t size) const {
    if (at + size > bytes_.size() || at + size < at) fail("truncated");
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < size; ++i) {
      const std::size_t byte = big_ ? i : size - 1 - i;
      v = (v << 8) | bytes_[at + byte];
    }
    return v;
  }
  std::uint16_t u16(std::size_t at) const { return static_cast<std::uint16_t>(number(at, 2)); }
  std::uint32_t u32(std::size_t at) const { return static_cast<std::uint32_t>(number(at, 4)); }
  std::uint64_t u64(std::size_t at) const { return number(at, 8); }

  std::vector<unsigned char> slice(std::uint64_t at, std::uint64_t size) const {
    if (at + size > bytes_.size() || at + size < at) fail("section out of the file");
    return {bytes_.begin() + at, bytes_.begin() + at + size};
  }
  std::string text(std::uint64_t at) const {
    std::string s;
    for (; at < bytes_.size() && bytes_[at] != 0; ++at) s += static_cast<char>(bytes_[at]);
    if (at >= bytes_.size()) fail("unterminated string");
    return s;
  }

 private:
  std::string path_;
  std::vector<unsigned char> bytes_;
  bool big_ = false;
};

struct Section {
  std::string name;
  std::uint32_t type;
  std::uint64_t flags, offset, size, link, info, entsize;
};

struct Symbol {
  std::string name;
  std::uint16_t section;
  std::uint64_t value;
};

std::vector<Section> sections(const Elf& elf) {
  const std::uint64_t at = elf.u64(offsetof(Elf64_Ehdr, e_shoff));
  const std::uint16_t count = elf.u16(offsetof(Elf64_Ehdr, e_shnum));
  const std::uint16_t names = elf.u16(offsetof(Elf64_Ehdr, e_shstrndx));
  std::vector<Section> found;
  for (std::uint16_t i = 0; i < count; ++i) {
    const std::size_t h = at + i * sizeof(Elf64_Shdr);
    found.push_back({"", elf.u32(h + offsetof(Elf64_Shdr, sh_type)),
                     elf.u64(h + offsetof(Elf64_Shdr, sh_flags)),
                     elf.u64(h + offsetof(Elf64_Shdr, sh_offset)),
                     elf.u64(h + offsetof(Elf64_Shdr, sh_size)),
                     elf.u32(h + offsetof(Elf64_Shdr, sh_link)),
                     elf.u32(h + offsetof(Elf64_Shdr, sh_info)),
                     elf.u64(h + offsetof(Elf64_Shdr, sh_entsize))});
  }
  if (names >= found.size()) elf.fail("no section names");
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::size_t h = at + i * sizeof(Elf64_Shdr);
    found[i].name = elf.text(found[names].offset + elf.u32(h + offsetof(Elf64_Shdr, sh_name)));
  }
  return found;
}

std::vector<Symbol> symbols(const Elf& elf, const std::vector<Section>& all) {
  for (const Section& s : all) {
    if (s.type != SHT_SYMTAB) continue;
    std::vector<Symbol> found;
    for (std::uint64_t at = s.offset; at + sizeof(Elf64_Sym) <= s.offset + s.size;
         at += sizeof(Elf64_Sym)) {
      found.push_back({elf.text(all.at(s.link).offset + elf.u32(at + offsetof(Elf64_Sym, st_name))),
                       elf.u16(at + offsetof(Elf64_Sym, st_shndx)),
                       elf.u64(at + offsetof(Elf64_Sym, st_value))});
    }
    return found;
  }
  elf.fail("no symbol table");
}

struct MapSpec {
  std::string name;
  std::uint32_t fields[5];  // struct smc_map_spec: type, key, value, max_entries, flags
};

struct Program {
  std::string name, section, license;
  std::vector<unsigned char> code;
  std::vector<std::pair<std::uint32_t, std::string>> map_uses;  // instruction, map
};

std::size_t index_of(const std::vector<Section>& all, const std::string& name) {
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].name == name) return i;
  }
  return 0;
}

// The program of one object, and the maps it declares into `maps`.
Program read_object(const Elf& elf, std::vector<MapSpec>& maps) {
  const std::vector<Section> all = sections(elf);
  const std::vector<Symbol> syms = symbols(elf, all);
  const std::size_t maps_section = index_of(all, "maps");
  const std::size_t license_section = index_of(all, "license");
  if (maps_section == 0) elf.fail("no \"maps\" section");
  if (license_section == 0) elf.fail("no \"license\" section");

  for (const Symbol& s : syms) {
    if (s.section != maps_section) continue;
    MapSpec spec{s.name, {}};
    for (int i = 0; i < 5; ++i) spec.fields[i] = elf.u32(all[maps_section].offset + s.value + 4 * i);
    bool known = false;
    for (const MapSpec& m : maps) {
      if (m.name != spec.name) continue;
      known = true;
      if (std::memcmp(m.fields, spec.fields, sizeof(m.fields)) != 0) {
        elf.fail("map " + spec.name + " differs from another object's");
      }
    }
    if (!known) maps.push_back(spec);
  }

  Program p;
  std::size_t code_section = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Section& s = all[i];
    if (s.type != SHT_PROGBITS || (s.flags & SHF_EXECINSTR) == 0 || s.size == 0) continue;
    if (s.name == ".text") elf.fail("code in .text: BPF-to-BPF calls are not supported; inline it");
    if (code_section != 0) elf.fail("more than one program: one .bpf.c per program");
    code_section = i;
  }
  if (code_section == 0) elf.fail("no program");
  const Section& code = all[code_section];
  p.section = code.name;
  p.code = elf.slice(code.offset, code.size);
  p.license = elf.text(all[license_section].offset);
  for (const Symbol& s : syms) {
    if (s.section == code_section && s.value == 0 && !s.name.empty() && s.name.rfind("LBB", 0) != 0) {
      p.name = s.name;
    }
  }
  if (p.name.empty()) elf.fail("no function symbol for section " + p.section);
  if (p.code.size() % kInsnSize != 0) elf.fail("code is not whole instructions");

  for (std::size_t i = 0; i < p.code.size(); i += kInsnSize) {
    const unsigned char regs = p.code[i + 1];
    const int src = elf.big_endian() ? regs & 0xf : regs >> 4;
    if (p.code[i] == kCall && src == kPseudoCall) {
      elf.fail("a BPF-to-BPF call in " + p.name + ": not supported; inline it");
    }
  }
  for (const Section& rel : all) {
    if (rel.type == SHT_RELA) elf.fail("RELA relocations are not supported");
    if (rel.type != SHT_REL || rel.info != code_section) continue;
    for (std::uint64_t at = rel.offset; at + sizeof(Elf64_Rel) <= rel.offset + rel.size;
         at += sizeof(Elf64_Rel)) {
      const std::uint64_t offset = elf.u64(at + offsetof(Elf64_Rel, r_offset));
      const std::uint64_t info = elf.u64(at + offsetof(Elf64_Rel, r_info));
      const Symbol& target = syms.at(ELF64_R_SYM(info));
      if (ELF64_R_TYPE(info) != kRBpf6464 || target.section != maps_section) {
        elf.fail("relocation to " + target.name + " in " + p.name +
                 ": only maps are supported (no global data)");
      }
      if (offset % kInsnSize != 0 || offset >= p.code.size() || p.code[offset] != kLdImm64) {
        elf.fail("relocation to " + target.name + " not on a 64-bit load");
      }
      p.map_uses.emplace_back(static_cast<std::uint32_t>(offset / kInsnSize), target.name);
    }
  }
  return p;
}

// socket_protocol -> SocketProtocol
std::string camel(const std::string& name) {
  std::string out;
  bool up = true;
  for (char c : name) {
    if (c == '_') {
      up = true;
    } else {
      out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      up = false;
    }
  }
  return out;
}

std::string c_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string header(const std::vector<std::string>& paths, bool big,
                   const std::vector<MapSpec>& maps, const std::vector<Program>& programs) {
  std::string out = "// Generated by tools/bpf_skeleton from";
  for (const std::string& p : paths) out += " " + p.substr(p.rfind('/') + 1);
  out += big ? " (bpfeb)" : " (bpfel)";
  out += "; do not edit.\n#pragma once\n\n#include \"core/bpf/skeleton.h\"\n\n"
         "namespace smc::bpf::skeleton {\n\n";
  out += std::string("// The byte order the programs were compiled for.\ninline constexpr bool kBigEndian = ") +
         (big ? "true" : "false") + ";\n\n";
  out += "inline constexpr MapSpec kMaps[] = {\n";
  std::map<std::string, std::size_t> map_index;
  for (const MapSpec& m : maps) {
    map_index[m.name] = map_index.size();
    char line[160];
    std::snprintf(line, sizeof line, "    {%s, {%u, %u, %u, %u, %u}},\n", c_string(m.name).c_str(),
                  m.fields[0], m.fields[1], m.fields[2], m.fields[3], m.fields[4]);
    out += line;
  }
  out += "};\n\n";
  for (const Program& p : programs) {
    const std::string id = camel(p.name);
    out += "inline constexpr unsigned char k" + id + "Code[] = {";
    for (std::size_t i = 0; i < p.code.size(); ++i) {
      out += (i % 16 == 0 ? "\n    " : " ") + std::to_string(p.code[i]) + ",";
    }
    out += "\n};\n";
    out += "inline constexpr MapUse k" + id + "Maps[] = {";
    for (const auto& [insn, map] : p.map_uses) {
      out += "{" + std::to_string(insn) + ", " + std::to_string(map_index.at(map)) + "}, ";
    }
    out += "};\n\n";
  }
  out += "inline constexpr ProgramSpec kPrograms[] = {\n";
  for (const Program& p : programs) {
    const std::string id = camel(p.name);
    out += "    {" + c_string(p.name) + ", " + c_string(p.section) + ", " + c_string(p.license) +
           ", k" + id + "Code, k" + id + "Maps},\n";
  }
  out += "};\n\n}  // namespace smc::bpf::skeleton\n";
  return out;
}

std::vector<unsigned char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure(path + ": cannot read");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bpf_skeleton OUTPUT.h OBJECT.o...\n");
    return 2;
  }
  try {
    std::vector<std::string> paths(argv + 2, argv + argc);
    std::vector<MapSpec> maps;
    std::vector<Program> programs;
    int big = -1;
    for (const std::string& path : paths) {
      const Elf elf(path, read_file(path));
      if (big != -1 && big != elf.big_endian()) elf.fail("byte order differs from the others'");
      big = elf.big_endian();
      programs.push_back(read_object(elf, maps));
    }
    const std::string text = header(paths, big == 1, maps, programs);
    std::FILE* out = std::fopen(argv[1], "w");
    if (out == nullptr || std::fwrite(text.data(), 1, text.size(), out) != text.size() ||
        std::fclose(out) != 0) {
      throw Failure(std::string(argv[1]) + ": cannot write");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bpf_skeleton: %s\n", e.what());
    return 1;
  }
  return 0;
}

#include "core/bpf/loader.h"

#include <linux/btf.h>

#include <bit>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/bpf/bpf_syscall.h"
#include "core/bpf/programs.skel.h"

namespace smc::bpf {
namespace {

// The select in core/bpf/BUILD.bazel compiles the programs for the
// target's byte order (bpfel or bpfeb); struct bpf_insn's register fields
// are laid out in that order too.
static_assert(skeleton::kBigEndian == (std::endian::native == std::endian::big),
              "the BPF programs were compiled for the other byte order");

struct WantedField {
  const char* type;
  const char* member;
  const char* old_member;  // its name in older kernels, or nullptr
  std::uint32_t smc_kernel_facts::*slot;
  std::uint32_t size;  // what the programs read: 4 (u32) or 8 (u64, pointer)
};

constexpr WantedField kFields[] = {
    {"task_struct", "tgid", nullptr, &smc_kernel_facts::task_tgid, 4},
    {"task_struct", "signal", nullptr, &smc_kernel_facts::task_signal, 8},
    // atomic_t, a struct whose only member is its int counter.
    {"signal_struct", "live", nullptr, &smc_kernel_facts::signal_live, 4},
    {"task_struct", "nsproxy", nullptr, &smc_kernel_facts::task_nsproxy, 8},
    {"nsproxy", "net_ns", nullptr, &smc_kernel_facts::nsproxy_net_ns, 8},
    {"net", "net_cookie", nullptr, &smc_kernel_facts::net_cookie, 8},
    {"cgroup", "kn", nullptr, &smc_kernel_facts::cgroup_kn, 8},
    // Linux 6.15 made it an RCU pointer named __parent (fs/kernfs).
    {"kernfs_node", "__parent", "parent", &smc_kernel_facts::kernfs_parent, 8},
    {"kernfs_node", "name", nullptr, &smc_kernel_facts::kernfs_name, 8},
    {"kernfs_node", "id", nullptr, &smc_kernel_facts::kernfs_id, 8},
};

Result<std::vector<bpf_insn>> patched_code(const ProgramSpec& program, std::span<const Fd> maps) {
  std::vector<bpf_insn> code(program.code.size() / sizeof(bpf_insn));
  std::memcpy(code.data(), program.code.data(), code.size() * sizeof(bpf_insn));
  for (const MapUse& use : program.maps) {
    if (use.instruction + 1 >= code.size() || use.map >= maps.size()) {
      return system_error(fmt::format("program {}: a map reference out of range", program.name));
    }
    // A 64-bit load whose source register says "map descriptor" and whose
    // immediate is the descriptor (BPF_PSEUDO_MAP_FD, include/uapi/linux/bpf.h).
    code[use.instruction].src_reg = BPF_PSEUDO_MAP_FD;
    code[use.instruction].imm = maps[use.map].get();
  }
  return code;
}

// The verifier's reason: the last line of its log that says something.
std::string last_words(const std::string& log) {
  std::size_t end = log.find_last_not_of("\n ");
  if (end == std::string::npos) return {};
  std::size_t start = log.rfind('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  // The log's last lines are statistics ("processed N insns..."); the
  // reason comes before them.
  while (start > 0 && (log.compare(start, 9, "processed") == 0 ||
                       log.compare(start, 12, "verification") == 0)) {
    end = start - 2;
    start = log.rfind('\n', end);
    start = start == std::string::npos ? 0 : start + 1;
  }
  return log.substr(start, end - start + 1);
}

}  // namespace

std::span<const MapSpec> map_specs() { return skeleton::kMaps; }
std::span<const ProgramSpec> program_specs() { return skeleton::kPrograms; }

Result<std::size_t> map_index(std::string_view name) {
  for (std::size_t i = 0; i < std::size(skeleton::kMaps); ++i) {
    if (skeleton::kMaps[i].name == name) return i;
  }
  return system_error(fmt::format("no BPF program declares a map named {}", name));
}

Result<smc_kernel_facts> kernel_facts(const KernelBtf& btf) {
  smc_kernel_facts facts{};
  facts.layout = SMC_LAYOUT_VERSION;
  for (const WantedField& w : kFields) {
    std::optional<Field> f = btf.field(w.type, w.member);
    if (!f && w.old_member != nullptr) f = btf.field(w.type, w.old_member);
    if (!f) {
      return unsupported_error(fmt::format(
          "the kernel's BTF has no struct {} with a field {}, which the BPF programs read",
          w.type, w.member));
    }
    if (f->size != w.size) {
      return unsupported_error(fmt::format(
          "the kernel's struct {}.{} is {} bytes; the BPF programs read {}", w.type, w.member,
          f->size, w.size));
    }
    facts.*w.slot = f->offset;
  }
  return facts;
}

Result<Ok> write_kernel_facts(int facts_map, const KernelBtf& btf) {
  Result<smc_kernel_facts> facts = kernel_facts(btf);
  if (!facts) return facts.error();
  facts->next_scope_id = 1;
  const std::uint32_t zero = 0;
  if (const Sys<bool> written = map_update(facts_map, &zero, &*facts, BPF_ANY); !written) {
    return system_error(fmt::format("cannot write the kernel's facts: {}",
                                    std::strerror(written.error)));
  }
  return Ok{};
}

Result<AttachPoint> attach_point(const KernelBtf& btf, std::string_view section) {
  const std::size_t slash = section.find('/');
  const std::string_view kind = section.substr(0, slash);
  const std::string target(slash == std::string_view::npos ? "" : section.substr(slash + 1));
  if (kind == "fmod_ret") {
    const std::uint32_t id = btf.find(BTF_KIND_FUNC, target);
    if (id == 0) {
      return unsupported_error(fmt::format(
          "this kernel has no function {} for the BPF program to attach to", target));
    }
    return AttachPoint{BPF_MODIFY_RETURN, id};
  }
  if (kind == "tp_btf") {
    const std::uint32_t id = btf.find(BTF_KIND_TYPEDEF, "btf_trace_" + target);
    if (id == 0) return unsupported_error(fmt::format("this kernel has no tracepoint {}", target));
    return AttachPoint{BPF_TRACE_RAW_TP, id};
  }
  return system_error(fmt::format("BPF section {} is none the loader knows", section));
}

Result<std::vector<Fd>> make_maps() {
  std::vector<Fd> made;
  for (const MapSpec& m : skeleton::kMaps) {
    Sys<Fd> map = map_create(std::string(m.name), m.spec);
    if (!map) {
      return system_error(fmt::format("cannot make the BPF map {}: {}", m.name,
                                      std::strerror(map.error)));
    }
    made.push_back(std::move(*map.value));
  }
  return made;
}

Result<Fd> load_and_attach(const ProgramSpec& program, std::span<const Fd> maps,
                           const KernelBtf& btf) {
  const Result<AttachPoint> point = attach_point(btf, program.section);
  if (!point) return point.error();
  const Result<std::vector<bpf_insn>> code = patched_code(program, maps);
  if (!code) return code.error();
  std::string log;
  Sys<Fd> loaded = program_load({BPF_PROG_TYPE_TRACING, point->type, point->btf_id, *code,
                                 std::string(program.license), std::string(program.name)},
                                &log);
  if (!loaded) {
    const std::string why = last_words(log);
    // net/mptcp/bpf.c is what allows fmod_ret on update_socket_protocol.
    const bool fmod_ret = point->type == BPF_MODIFY_RETURN && loaded.error == EINVAL;
    return unsupported_error(fmt::format(
        "the kernel refused the BPF program {} ({}): {}{}{}{}", program.name, program.section,
        std::strerror(loaded.error), why.empty() ? "" : ": ", why,
        fmod_ret ? " (fmod_ret there needs a kernel built with CONFIG_MPTCP=y)" : ""));
  }
  Sys<Fd> link = tracing_attach(loaded.value->get());
  if (!link) {
    return unsupported_error(fmt::format("the kernel refused to attach the BPF program {} ({}): {}",
                                         program.name, program.section,
                                         std::strerror(link.error)));
  }
  return std::move(*link.value);
}

}  // namespace smc::bpf

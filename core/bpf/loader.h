// Puts smc_run's BPF programs (the generated skeleton, programs.skel.h)
// into the kernel, the way libbpf-bootstrap's skeletons do but without
// libbpf: the maps made from the specs the programs declare; where the
// running kernel keeps the fields they read, from its BTF (this replaces
// CO-RE relocations for a handful of fields); each program loaded with its
// maps' descriptors written into its instructions, then attached where its
// section says. Naming, pinning and lifetime are pinned_state.h's.
#pragma once

#include <linux/bpf.h>

#include <span>
#include <string_view>
#include <vector>

#include "core/bpf/kernel_btf.h"
#include "core/bpf/scope_maps.h"
#include "core/bpf/skeleton.h"
#include "core/common/fd.h"
#include "core/common/result.h"

namespace smc::bpf {

// The skeleton's maps and programs. Programs come in the order they are
// attached: the ones that keep the maps up to date first, the one that
// converts sockets (socket_protocol) last.
std::span<const MapSpec> map_specs();
std::span<const ProgramSpec> program_specs();

// The index of map `name` in map_specs(); an error for a name no program
// declares.
Result<std::size_t> map_index(std::string_view name);

// Where the running kernel keeps each field the programs read, with
// layout = SMC_LAYOUT_VERSION; an error naming a field that is missing or
// not of the size the programs read.
Result<smc_kernel_facts> kernel_facts(const KernelBtf& btf);

// kernel_facts(btf) into the map `facts` (kernel_facts), with the first
// scope id, 1.
Result<Ok> write_kernel_facts(int facts, const KernelBtf& btf);

struct AttachPoint {
  bpf_attach_type type;
  std::uint32_t btf_id;  // in the kernel's BTF
};

// "fmod_ret/F": BPF_MODIFY_RETURN on function F; "tp_btf/T":
// BPF_TRACE_RAW_TP on tracepoint T, whose BTF type is the typedef
// btf_trace_T (include/trace/bpf_probe.h).
Result<AttachPoint> attach_point(const KernelBtf& btf, std::string_view section);

// Every map of map_specs(), new and empty, in that order.
Result<std::vector<Fd>> make_maps();

// `program` loaded, with `maps` (in map_specs()' order) written into it,
// and attached: its link. The kernel's refusal is kUnsupported, with the
// verifier's last line.
Result<Fd> load_and_attach(const ProgramSpec& program, std::span<const Fd> maps,
                           const KernelBtf& btf);

}  // namespace smc::bpf

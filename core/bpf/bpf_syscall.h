// The bpf(2) commands smc_scope uses, one function each: a value, or the
// errno the kernel answered (include/uapi/linux/bpf.h, kernel/bpf/syscall.c).
// No policy here: the loader and the scopes decide what an errno means.
#pragma once

#include <linux/bpf.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/bpf/scope_maps.h"
#include "core/common/fd.h"

namespace smc::bpf {

// A value, or the errno of a failed call.
template <typename T>
struct Sys {
  std::optional<T> value;
  int error = 0;
  explicit operator bool() const { return value.has_value(); }
};

Sys<Fd> map_create(const std::string& name, const smc_map_spec& spec);

// BPF_MAP_LOOKUP_ELEM: false (error ENOENT) when the key is not there.
Sys<bool> map_lookup(int map, const void* key, void* value);
// BPF_MAP_UPDATE_ELEM with BPF_ANY, BPF_NOEXIST or BPF_EXIST.
Sys<bool> map_update(int map, const void* key, const void* value, std::uint64_t flags);
// BPF_MAP_DELETE_ELEM: true when it was there.
Sys<bool> map_delete(int map, const void* key);
// BPF_MAP_GET_NEXT_KEY: the key after `key` (the first with nullptr) into
// `next`; false at the end.
Sys<bool> map_next_key(int map, const void* key, void* next);

struct ProgramLoad {
  bpf_prog_type type;
  bpf_attach_type attach_type;
  std::uint32_t attach_btf_id;  // in the kernel's own BTF (vmlinux)
  std::span<const bpf_insn> code;
  std::string license;
  std::string name;
};

// BPF_PROG_LOAD; on failure, `log` holds the verifier's last words.
Sys<Fd> program_load(const ProgramLoad& load, std::string* log);

// BPF_RAW_TRACEPOINT_OPEN of a tracing program (fentry, fmod_ret,
// tp_btf): attaches it where its attach_btf_id says, and returns the link.
Sys<Fd> tracing_attach(int program);

// A link's id (BPF_OBJ_GET_INFO_BY_FD), and whether a link of that id
// still exists (BPF_LINK_GET_FD_BY_ID; needs CAP_SYS_ADMIN). A link
// unpinned and closed is released a moment later, by a work queue
// (bpf_link_put in kernel/bpf/syscall.c).
Sys<std::uint32_t> link_id(int link);
Sys<bool> link_exists(std::uint32_t id);

// BPF_OBJ_PIN and BPF_OBJ_GET: a map, program or link as a file of bpffs.
Sys<bool> pin(int object, const std::string& path);
Sys<Fd> pinned(const std::string& path);

}  // namespace smc::bpf

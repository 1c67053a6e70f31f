#include "core/bpf/bpf_syscall.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace smc::bpf {
namespace {

long bpf(int command, bpf_attr& attr) {
  return syscall(SYS_bpf, command, &attr, sizeof(attr));
}

std::uint64_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

template <typename T>
Sys<T> failed() {
  return {std::nullopt, errno};
}

Sys<Fd> descriptor(long fd) {
  if (fd < 0) return failed<Fd>();
  return {Fd(static_cast<int>(fd)), 0};
}

Sys<bool> done(long rc) {
  if (rc == 0) return {true, 0};
  if (errno == ENOENT) return {false, 0};
  return failed<bool>();
}

void copy_name(char (&to)[BPF_OBJ_NAME_LEN], const std::string& name) {
  std::strncpy(to, name.c_str(), sizeof(to) - 1);
}

}  // namespace

Sys<Fd> map_create(const std::string& name, const smc_map_spec& spec) {
  bpf_attr attr{};
  attr.map_type = spec.type;
  attr.key_size = spec.key_size;
  attr.value_size = spec.value_size;
  attr.max_entries = spec.max_entries;
  attr.map_flags = spec.flags;
  copy_name(attr.map_name, name);
  return descriptor(bpf(BPF_MAP_CREATE, attr));
}

Sys<bool> map_lookup(int map, const void* key, void* value) {
  bpf_attr attr{};
  attr.map_fd = map;
  attr.key = address(key);
  attr.value = address(value);
  return done(bpf(BPF_MAP_LOOKUP_ELEM, attr));
}

Sys<bool> map_update(int map, const void* key, const void* value, std::uint64_t flags) {
  bpf_attr attr{};
  attr.map_fd = map;
  attr.key = address(key);
  attr.value = address(value);
  attr.flags = flags;
  if (bpf(BPF_MAP_UPDATE_ELEM, attr) == 0) return {true, 0};
  return failed<bool>();
}

Sys<bool> map_delete(int map, const void* key) {
  bpf_attr attr{};
  attr.map_fd = map;
  attr.key = address(key);
  return done(bpf(BPF_MAP_DELETE_ELEM, attr));
}

Sys<bool> map_next_key(int map, const void* key, void* next) {
  bpf_attr attr{};
  attr.map_fd = map;
  attr.key = address(key);
  attr.next_key = address(next);
  return done(bpf(BPF_MAP_GET_NEXT_KEY, attr));
}

Sys<Fd> program_load(const ProgramLoad& load, std::string* log) {
  // The verifier writes its reasons here; only the tail is kept.
  std::vector<char> buffer(64 * 1024);
  bpf_attr attr{};
  attr.prog_type = load.type;
  attr.expected_attach_type = load.attach_type;
  attr.attach_btf_id = load.attach_btf_id;
  attr.insns = address(load.code.data());
  attr.insn_cnt = static_cast<std::uint32_t>(load.code.size());
  attr.license = address(load.license.c_str());
  copy_name(attr.prog_name, load.name);
  Sys<Fd> loaded = descriptor(bpf(BPF_PROG_LOAD, attr));
  if (loaded || log == nullptr) return loaded;
  const int error = loaded.error;
  // Again with the log: asking for it costs the verifier time, and only a
  // failure needs it.
  attr.log_buf = address(buffer.data());
  attr.log_size = static_cast<std::uint32_t>(buffer.size());
  attr.log_level = 1;
  Sys<Fd> again = descriptor(bpf(BPF_PROG_LOAD, attr));
  if (again) return again;
  *log = std::string(buffer.data(), strnlen(buffer.data(), buffer.size()));
  again.error = error;
  return again;
}

Sys<Fd> tracing_attach(int program) {
  bpf_attr attr{};
  attr.raw_tracepoint.prog_fd = static_cast<std::uint32_t>(program);
  return descriptor(bpf(BPF_RAW_TRACEPOINT_OPEN, attr));
}

Sys<std::uint32_t> link_id(int link) {
  bpf_link_info info{};
  bpf_attr attr{};
  attr.info.bpf_fd = static_cast<std::uint32_t>(link);
  attr.info.info_len = sizeof(info);
  attr.info.info = address(&info);
  if (bpf(BPF_OBJ_GET_INFO_BY_FD, attr) != 0) return failed<std::uint32_t>();
  return {info.id, 0};
}

Sys<bool> link_exists(std::uint32_t id) {
  bpf_attr attr{};
  attr.link_id = id;
  const long fd = bpf(BPF_LINK_GET_FD_BY_ID, attr);
  if (fd >= 0) {
    close(static_cast<int>(fd));
    return {true, 0};
  }
  if (errno == ENOENT) return {false, 0};
  return failed<bool>();
}

Sys<bool> pin(int object, const std::string& path) {
  bpf_attr attr{};
  attr.pathname = address(path.c_str());
  attr.bpf_fd = static_cast<std::uint32_t>(object);
  if (bpf(BPF_OBJ_PIN, attr) == 0) return {true, 0};
  return failed<bool>();
}

Sys<Fd> pinned(const std::string& path) {
  bpf_attr attr{};
  attr.pathname = address(path.c_str());
  return descriptor(bpf(BPF_OBJ_GET, attr));
}

}  // namespace smc::bpf

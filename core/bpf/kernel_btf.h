// The running kernel's own description of its types (BTF, from
// /sys/kernel/btf/vmlinux; include/uapi/linux/btf.h), for the loader: the
// type ids that BPF_PROG_LOAD's attach_btf_id names, and where a handful
// of struct fields lie, which the programs read through
// struct smc_kernel_facts instead of CO-RE relocations. Values in, values
// out; nothing here asks the kernel anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace smc::bpf {

inline constexpr char kKernelBtfPath[] = "/sys/kernel/btf/vmlinux";

struct Field {
  std::uint32_t offset;  // bytes from the start of the struct
  std::uint32_t size;    // bytes
};

class KernelBtf {
 public:
  // The BTF in `bytes` (any BTF blob: the kernel's, or a test's). An error
  // when its header or a type is cut short or malformed.
  static Result<KernelBtf> parse(std::vector<unsigned char> bytes);

  // The id of the type of `kind` (BTF_KIND_FUNC, BTF_KIND_TYPEDEF...)
  // named `name`, or 0 when there is none.
  std::uint32_t find(int kind, std::string_view name) const;

  // Member `member` of struct `type`, also when it sits in an anonymous
  // struct or union; nothing when the struct, or the member, is not there
  // or is a bit field.
  std::optional<Field> field(std::string_view type, std::string_view member) const;

 private:
  struct Type {
    std::size_t at;  // offset of its struct btf_type in bytes_
    int kind;
    std::uint32_t vlen;
    bool kind_flag;
    std::uint32_t name_off;
    std::uint32_t size_or_type;
  };

  std::string_view name(std::uint32_t offset) const;
  std::optional<std::uint32_t> size_of(std::uint32_t id) const;
  std::optional<Field> member_of(std::uint32_t id, std::string_view member, int depth) const;
  std::uint32_t u32(std::size_t at) const;

  std::vector<unsigned char> bytes_;
  std::size_t strings_ = 0;  // offset of the string section in bytes_
  std::size_t strings_size_ = 0;
  std::vector<Type> types_;  // types_[id - 1]: ids start at 1 (0 is void)
};

// The running kernel's BTF, or an error naming what is missing.
Result<KernelBtf> read_kernel_btf(const std::string& path = kKernelBtfPath);

}  // namespace smc::bpf

#include "core/bpf/kernel_btf.h"

#include <linux/btf.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "core/common/quote.h"

namespace smc::bpf {
namespace {

// How many bytes follow a struct btf_type of `kind` with `vlen` entries
// (the comments of include/uapi/linux/btf.h); nothing for an unknown kind.
std::optional<std::size_t> trailing(int kind, std::uint32_t vlen) {
  switch (kind) {
    case BTF_KIND_INT:
    case BTF_KIND_VAR:
    case BTF_KIND_DECL_TAG:
      return 4;
    case BTF_KIND_ARRAY:
      return sizeof(btf_array);
    case BTF_KIND_STRUCT:
    case BTF_KIND_UNION:
      return vlen * sizeof(btf_member);
    case BTF_KIND_ENUM:
      return vlen * sizeof(btf_enum);
    case BTF_KIND_FUNC_PROTO:
      return vlen * sizeof(btf_param);
    case BTF_KIND_DATASEC:
      return vlen * sizeof(btf_var_secinfo);
    case BTF_KIND_ENUM64:
      return vlen * sizeof(btf_enum64);
    case BTF_KIND_PTR:
    case BTF_KIND_FWD:
    case BTF_KIND_TYPEDEF:
    case BTF_KIND_VOLATILE:
    case BTF_KIND_CONST:
    case BTF_KIND_RESTRICT:
    case BTF_KIND_FUNC:
    case BTF_KIND_FLOAT:
    case BTF_KIND_TYPE_TAG:
      return 0;
    default:
      return std::nullopt;
  }
}

// Deep enough for any kernel struct's anonymous members and typedef chains.
constexpr int kMaxDepth = 16;

}  // namespace

std::uint32_t KernelBtf::u32(std::size_t at) const {
  std::uint32_t v;
  std::memcpy(&v, bytes_.data() + at, sizeof(v));
  return v;
}

Result<KernelBtf> KernelBtf::parse(std::vector<unsigned char> bytes) {
  KernelBtf btf;
  btf.bytes_ = std::move(bytes);
  btf_header h{};
  if (btf.bytes_.size() < sizeof(h)) return system_error("BTF shorter than its header");
  std::memcpy(&h, btf.bytes_.data(), sizeof(h));
  if (h.magic != BTF_MAGIC) return system_error("no BTF magic (or BTF of the other byte order)");
  const std::size_t size = btf.bytes_.size();
  const std::size_t types = std::size_t{h.hdr_len} + h.type_off;
  btf.strings_ = std::size_t{h.hdr_len} + h.str_off;
  btf.strings_size_ = h.str_len;
  if (h.hdr_len < sizeof(h) || types + h.type_len > size || btf.strings_ + h.str_len > size) {
    return system_error("BTF sections lie outside the data");
  }
  for (std::size_t at = types; at < types + h.type_len;) {
    if (at + sizeof(btf_type) > types + h.type_len) return system_error("BTF type cut short");
    const std::uint32_t info = btf.u32(at + offsetof(btf_type, info));
    const Type t{at, static_cast<int>(BTF_INFO_KIND(info)), BTF_INFO_VLEN(info),
                 BTF_INFO_KFLAG(info) != 0, btf.u32(at + offsetof(btf_type, name_off)),
                 btf.u32(at + offsetof(btf_type, size))};
    const std::optional<std::size_t> extra = trailing(t.kind, t.vlen);
    if (!extra) return system_error(fmt::format("BTF type {} of unknown kind {}", btf.types_.size() + 1, t.kind));
    at += sizeof(btf_type) + *extra;
    if (at > types + h.type_len) return system_error("BTF type cut short");
    btf.types_.push_back(t);
  }
  return btf;
}

std::string_view KernelBtf::name(std::uint32_t offset) const {
  if (offset >= strings_size_) return {};
  const char* s = reinterpret_cast<const char*>(bytes_.data() + strings_ + offset);
  return {s, strnlen(s, strings_size_ - offset)};
}

std::uint32_t KernelBtf::find(int kind, std::string_view wanted) const {
  for (std::size_t i = 0; i < types_.size(); ++i) {
    if (types_[i].kind == kind && name(types_[i].name_off) == wanted) {
      return static_cast<std::uint32_t>(i + 1);
    }
  }
  return 0;
}

std::optional<std::uint32_t> KernelBtf::size_of(std::uint32_t id) const {
  for (int depth = 0; depth < kMaxDepth && id != 0 && id <= types_.size(); ++depth) {
    const Type& t = types_[id - 1];
    switch (t.kind) {
      case BTF_KIND_INT:
      case BTF_KIND_STRUCT:
      case BTF_KIND_UNION:
      case BTF_KIND_ENUM:
      case BTF_KIND_ENUM64:
      case BTF_KIND_FLOAT:
        return t.size_or_type;
      case BTF_KIND_PTR:
        // The kernel's pointers are the loader's: smc_run runs on 64-bit
        // kernels in their own ABI.
        return static_cast<std::uint32_t>(sizeof(void*));
      case BTF_KIND_TYPEDEF:
      case BTF_KIND_VOLATILE:
      case BTF_KIND_CONST:
      case BTF_KIND_RESTRICT:
      case BTF_KIND_TYPE_TAG:
        id = t.size_or_type;
        break;
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Field> KernelBtf::member_of(std::uint32_t id, std::string_view member,
                                          int depth) const {
  if (depth > kMaxDepth || id == 0 || id > types_.size()) return std::nullopt;
  const Type& t = types_[id - 1];
  if (t.kind != BTF_KIND_STRUCT && t.kind != BTF_KIND_UNION) return std::nullopt;
  for (std::uint32_t i = 0; i < t.vlen; ++i) {
    const std::size_t at = t.at + sizeof(btf_type) + i * sizeof(btf_member);
    const std::uint32_t type = u32(at + offsetof(btf_member, type));
    const std::uint32_t raw = u32(at + offsetof(btf_member, offset));
    const std::uint32_t bits = t.kind_flag ? BTF_MEMBER_BIT_OFFSET(raw) : raw;
    if (t.kind_flag && BTF_MEMBER_BITFIELD_SIZE(raw) != 0) continue;
    if (bits % 8 != 0) continue;
    const std::string_view here = name(u32(at + offsetof(btf_member, name_off)));
    if (here == member) {
      const std::optional<std::uint32_t> size = size_of(type);
      if (!size) return std::nullopt;
      return Field{bits / 8, *size};
    }
    if (here.empty()) {
      // An anonymous struct or union: its members are the outer struct's.
      std::uint32_t inner = type;
      while (inner != 0 && inner <= types_.size() &&
             (types_[inner - 1].kind == BTF_KIND_TYPEDEF || types_[inner - 1].kind == BTF_KIND_CONST ||
              types_[inner - 1].kind == BTF_KIND_VOLATILE) &&
             ++depth <= kMaxDepth) {
        inner = types_[inner - 1].size_or_type;
      }
      if (const std::optional<Field> found = member_of(inner, member, depth + 1)) {
        return Field{bits / 8 + found->offset, found->size};
      }
    }
  }
  return std::nullopt;
}

std::optional<Field> KernelBtf::field(std::string_view type, std::string_view member) const {
  return member_of(find(BTF_KIND_STRUCT, type), member, 0);
}

Result<KernelBtf> read_kernel_btf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return unsupported_error(fmt::format(
        "cannot read the kernel's BTF at {}: {} (a kernel built without "
        "CONFIG_DEBUG_INFO_BTF has none)",
        quote_value(path), std::strerror(errno)));
  }
  std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(in),
                                   std::istreambuf_iterator<char>()};
  Result<KernelBtf> btf = KernelBtf::parse(std::move(bytes));
  if (!btf) {
    return unsupported_error(fmt::format("the kernel's BTF at {} is unreadable: {}", quote_value(path),
                                    btf.error().message));
  }
  return btf;
}

}  // namespace smc::bpf

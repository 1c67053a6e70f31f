#include "core/bpf/kernel_btf.h"

#include <doctest/doctest.h>
#include <linux/btf.h>

#include <cstring>
#include <string>
#include <vector>

namespace smc::bpf {
namespace {

// A BTF blob as the kernel lays it out (include/uapi/linux/btf.h), built
// type by type; ids count from 1 in the order types are added.
class BtfBuilder {
 public:
  BtfBuilder() { strings_.push_back('\0'); }

  std::uint32_t integer(const char* name, std::uint32_t size) {
    add(name, BTF_KIND_INT, 0, false, size);
    word(size * 8);  // encoding 0, offset 0, bits
    return count_;
  }
  std::uint32_t pointer(std::uint32_t to) { return add(nullptr, BTF_KIND_PTR, 0, false, to); }
  std::uint32_t typedef_(const char* name, std::uint32_t to) {
    return add(name, BTF_KIND_TYPEDEF, 0, false, to);
  }
  std::uint32_t func(const char* name, std::uint32_t proto) {
    return add(name, BTF_KIND_FUNC, 0, false, proto);
  }
  struct Member {
    const char* name;
    std::uint32_t type;
    std::uint32_t bits;      // offset in bits
    std::uint32_t bitfield;  // bit field size, 0 for none
  };
  std::uint32_t record(int kind, const char* name, std::uint32_t size,
                       std::vector<Member> members, bool kind_flag = false) {
    add(name, kind, static_cast<std::uint32_t>(members.size()), kind_flag, size);
    for (const Member& m : members) {
      word(name_of(m.name));
      word(m.type);
      word(kind_flag ? (m.bitfield << 24) | m.bits : m.bits);
    }
    return count_;
  }

  std::vector<unsigned char> bytes() const {
    btf_header h{};
    h.magic = BTF_MAGIC;
    h.version = BTF_VERSION;
    h.hdr_len = sizeof(h);
    h.type_off = 0;
    h.type_len = static_cast<std::uint32_t>(types_.size());
    h.str_off = h.type_len;
    h.str_len = static_cast<std::uint32_t>(strings_.size());
    std::vector<unsigned char> out(sizeof(h));
    std::memcpy(out.data(), &h, sizeof(h));
    out.insert(out.end(), types_.begin(), types_.end());
    out.insert(out.end(), strings_.begin(), strings_.end());
    return out;
  }

 private:
  std::uint32_t name_of(const char* name) {
    if (name == nullptr || *name == '\0') return 0;
    const std::uint32_t at = static_cast<std::uint32_t>(strings_.size());
    strings_.insert(strings_.end(), name, name + std::strlen(name) + 1);
    return at;
  }
  void word(std::uint32_t w) {
    const auto* p = reinterpret_cast<const unsigned char*>(&w);
    types_.insert(types_.end(), p, p + 4);
  }
  std::uint32_t add(const char* name, int kind, std::uint32_t vlen, bool kind_flag,
                    std::uint32_t size_or_type) {
    word(name_of(name));
    word((kind_flag ? 1u << 31 : 0) | (static_cast<std::uint32_t>(kind) << 24) | vlen);
    word(size_or_type);
    return ++count_;
  }

  std::vector<unsigned char> types_;
  std::vector<char> strings_;
  std::uint32_t count_ = 0;
};

TEST_CASE("kernel BTF gives the ids of functions and tracepoint typedefs by name") {
  BtfBuilder b;
  const std::uint32_t int_id = b.integer("int", 4);
  const std::uint32_t fn = b.func("update_socket_protocol", int_id);
  const std::uint32_t tp = b.typedef_("btf_trace_sched_process_fork", b.pointer(int_id));
  Result<KernelBtf> btf = KernelBtf::parse(b.bytes());
  REQUIRE(btf.ok());
  CHECK(btf->find(BTF_KIND_FUNC, "update_socket_protocol") == fn);
  CHECK(btf->find(BTF_KIND_TYPEDEF, "btf_trace_sched_process_fork") == tp);
  // The right name of another kind, or no such name: 0.
  CHECK(btf->find(BTF_KIND_TYPEDEF, "update_socket_protocol") == 0);
  CHECK(btf->find(BTF_KIND_FUNC, "update_socket") == 0);
}

TEST_CASE("kernel BTF finds fields, in anonymous members too, with their size") {
  BtfBuilder b;
  const std::uint32_t int_id = b.integer("int", 4);
  const std::uint32_t u64_id = b.typedef_("u64", b.integer("long long unsigned int", 8));
  const std::uint32_t atomic = b.record(BTF_KIND_STRUCT, nullptr, 4, {{"counter", int_id, 0, 0}});
  const std::uint32_t atomic_t = b.typedef_("atomic_t", atomic);
  const std::uint32_t ptr = b.pointer(int_id);
  const std::uint32_t inner = b.record(BTF_KIND_UNION, nullptr, 8, {{"nsproxy", ptr, 0, 0}});
  b.record(BTF_KIND_STRUCT, "task_struct", 64,
           {{"flags", int_id, 0, 0},
            {"tgid", int_id, 32, 0},
            {"live", atomic_t, 64, 0},
            {"", inner, 128, 0},
            {"cookie", u64_id, 192, 0}});
  // kind_flag set: offsets carry a bit field size; bit fields are refused.
  b.record(BTF_KIND_STRUCT, "flagged", 16,
           {{"bits", int_id, 3, 5}, {"whole", int_id, 32, 0}}, true);
  Result<KernelBtf> btf = KernelBtf::parse(b.bytes());
  REQUIRE(btf.ok());
  const struct {
    const char* type;
    const char* member;
    std::optional<Field> field;
  } rows[] = {
      {"task_struct", "tgid", Field{4, 4}},
      {"task_struct", "live", Field{8, 4}},
      {"task_struct", "nsproxy", Field{16, sizeof(void*)}},
      {"task_struct", "cookie", Field{24, 8}},
      {"task_struct", "pid", std::nullopt},
      {"no_such_struct", "tgid", std::nullopt},
      {"flagged", "whole", Field{4, 4}},
      {"flagged", "bits", std::nullopt},
  };
  for (const auto& row : rows) {
    CAPTURE(row.type);
    CAPTURE(row.member);
    const std::optional<Field> f = btf->field(row.type, row.member);
    REQUIRE(f.has_value() == row.field.has_value());
    if (f) {
      CHECK(f->offset == row.field->offset);
      CHECK(f->size == row.field->size);
    }
  }
}

TEST_CASE("kernel BTF that is cut short or not BTF is an error, never a crash") {
  BtfBuilder b;
  b.record(BTF_KIND_STRUCT, "s", 8, {{"a", b.integer("int", 4), 0, 0}});
  const std::vector<unsigned char> whole = b.bytes();
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    CAPTURE(cut);
    CHECK_FALSE(KernelBtf::parse({whole.begin(), whole.begin() + cut}).ok());
  }
  std::vector<unsigned char> flipped = whole;
  flipped[0] ^= 0xff;  // the magic of the other byte order
  CHECK_FALSE(KernelBtf::parse(flipped).ok());
  std::vector<unsigned char> unknown = whole;
  unknown[sizeof(btf_header) + 7] = 0x1f;  // kind 31
  CHECK_FALSE(KernelBtf::parse(unknown).ok());
}

TEST_CASE("a missing kernel BTF file is named as such") {
  const Result<KernelBtf> btf = read_kernel_btf("/nonexistent/vmlinux");
  REQUIRE_FALSE(btf.ok());
  CHECK(btf.error().kind == ErrorKind::kUnsupported);
  CHECK(btf.error().message.find("'/nonexistent/vmlinux'") != std::string::npos);
  CHECK(btf.error().message.find("CONFIG_DEBUG_INFO_BTF") != std::string::npos);
}

}  // namespace
}  // namespace smc::bpf

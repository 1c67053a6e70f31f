// LD_PRELOAD values, without the C++ runtime: the launcher builds one for
// PROGRAM, and the exec hooks rebuild one for children whose environment
// lost or broke our entry. Both must split and join exactly alike.
#pragma once

#include <cstddef>

namespace smc {

// The file name users know from smc-tools; also the memfd's name, so that
// /proc/PID/maps shows /memfd:libsmc-preload.so.
inline constexpr char kLibraryName[] = "libsmc-preload.so";

// Decides, per entry, whether to drop it (our library's earlier copies).
using PreloadFilter = bool (*)(const char* entry, std::size_t length,
                               void* context);

// Writes to out[0..capacity) the entries of `existing` (nullptr: unset)
// that `drop` keeps, in order, then `ours` (if not nullptr or empty),
// joined by ':' and NUL-ended.
// ld.so splits LD_PRELOAD at ':' and ' ' (glibc elf/rtld.c,
// handle_preload_list), so empty entries vanish and the result has no
// leading, trailing or doubled separator. Returns the length, or -1 when it
// does not fit.
long compose_preload(const char* existing, const char* ours,
                     PreloadFilter drop, void* context, char* out,
                     std::size_t capacity);

// Whether any entry of `value` matches.
bool preload_any(const char* value, PreloadFilter match, void* context);

// Whether `value` holds `entry` as one of its entries.
bool preload_has(const char* value, const char* entry);

// The N of "/proc/self/fd/N", or -1 when `entry` is not of that form.
int proc_self_fd(const char* entry, std::size_t length);

// Whether the entry's file name is libsmc-preload.so (ours, smc-tools' or
// a --write-lib copy).
bool named_like_ours(const char* entry, std::size_t length);

// Whether `target`, what readlink(2) says /proc/self/fd/N leads to, is a
// memfd of our library's name: "/memfd:libsmc-preload.so (deleted)" (mm/
// memfd.c names it "memfd:" + NAME on the internal shmem mount, which
// d_path() shows as deleted), or without the suffix.
bool memfd_of_ours(const char* target, std::size_t length);

}  // namespace smc

#include "hooks/own_library.h"

#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include "base/preload_list.h"
#include "base/sealed_memfd.h"
#include "base/text_writer.h"

namespace smc {
namespace {

constexpr std::size_t kPathCapacity = 256;

// Set once at load, read-only afterwards.
char g_path[kPathCapacity];  // the loader's name for us
const void* g_image = nullptr;  // our bytes, mapped from the memfd
std::size_t g_size = 0;
// The memfd children get, which changes when we make a new one.
std::atomic<int> g_fd{-1};
std::atomic<unsigned long> g_dev{0};
std::atomic<unsigned long> g_ino{0};

std::size_t length_of(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

bool copy(const char* text, char* out, std::size_t capacity) {
  const std::size_t n = length_of(text);
  if (n + 1 > capacity) return false;
  for (std::size_t i = 0; i <= n; ++i) out[i] = text[i];
  return true;
}

// "/proc/self/fd/" and the number, without snprintf (not AS-safe).
bool fd_path(int fd, char* out, std::size_t capacity) {
  TextWriter path(out, capacity);
  return !path.str("/proc/self/fd/").num(fd).cut();
}

bool is_current_memfd(int fd) {
  struct stat st {};
  return fd >= 0 && fstat(fd, &st) == 0 &&
         static_cast<unsigned long>(st.st_dev) == g_dev.load() &&
         static_cast<unsigned long>(st.st_ino) == g_ino.load();
}

int find_self(dl_phdr_info* info, std::size_t, void* found) {
  const auto self = reinterpret_cast<ElfW(Addr)>(&remember_own_library);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    const ElfW(Addr) start = info->dlpi_addr + ph.p_vaddr;
    if (ph.p_type == PT_LOAD && self >= start && self < start + ph.p_memsz) {
      *static_cast<bool*>(found) =
          info->dlpi_name != nullptr &&
          copy(info->dlpi_name, g_path, sizeof g_path);
      return 1;
    }
  }
  return 0;
}

}  // namespace

void remember_own_library(const char* preload) {
  bool found = false;
  dl_iterate_phdr(find_self, &found);
  // Only a library that was preloaded hands itself on: linked into a
  // program some other way (a test binary), it leaves children alone.
  if (!found || g_path[0] == '\0' || !preload_has(preload, g_path)) {
    g_path[0] = '\0';
    return;
  }
  const int fd = proc_self_fd(g_path, length_of(g_path));
  if (fd < 0) return;  // a plain file: its path stays valid by itself
  struct stat st {};
  if (fstat(fd, &st) != 0) return;
  void* image = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                     MAP_PRIVATE, fd, 0);
  if (image == MAP_FAILED) return;
  g_image = image;
  g_size = static_cast<std::size_t>(st.st_size);
  g_dev.store(static_cast<unsigned long>(st.st_dev));
  g_ino.store(static_cast<unsigned long>(st.st_ino));
  g_fd.store(fd);
}

bool own_library_known() { return g_path[0] != '\0'; }

int own_library_fd() {
  const int fd = g_fd.load();
  return g_image != nullptr && is_current_memfd(fd) ? fd : -1;
}

bool entry_for_children(char* out, std::size_t capacity, bool* recreated) {
  *recreated = false;
  if (g_path[0] == '\0') return false;
  if (g_image == nullptr) return copy(g_path, out, capacity);  // a file
  const int fd = g_fd.load();
  if (is_current_memfd(fd)) return fd_path(fd, out, capacity);

  // Closed, or the number now holds something else: a new memfd.
  const MemfdResult m = create_sealed_memfd(g_image, g_size, kLibraryName);
  if (m.fd < 0) return false;
  const int high = move_to_high_fd(m.fd);
  struct stat st {};
  if (high < 0 || fstat(high, &st) != 0) {
    close(high < 0 ? m.fd : high);
    return false;
  }
  g_dev.store(static_cast<unsigned long>(st.st_dev));
  g_ino.store(static_cast<unsigned long>(st.st_ino));
  g_fd.store(high);
  *recreated = true;
  return fd_path(high, out, capacity);
}

bool is_our_entry(const char* entry, std::size_t length, void*) {
  if (named_like_ours(entry, length)) return true;
  const std::size_t own = length_of(g_path);
  bool same = own == length && own > 0;
  for (std::size_t i = 0; same && i < length; ++i) same = entry[i] == g_path[i];
  if (same) return true;
  const int fd = proc_self_fd(entry, length);
  if (fd < 0) return false;
  if (is_current_memfd(fd)) return true;
  // Another memfd of our name: a copy an outer smc_run left.
  char path[32];
  char target[64];
  if (!fd_path(fd, path, sizeof path)) return false;
  const ssize_t n = readlink(path, target, sizeof target);
  return n > 0 && memfd_of_ours(target, static_cast<std::size_t>(n));
}

}  // namespace smc

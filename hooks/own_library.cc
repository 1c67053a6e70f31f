#include "hooks/own_library.h"

#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include "base/preload_list.h"
#include "base/text_writer.h"

namespace smc {
namespace {

// PATH_MAX and a file name: the longest absolute path we make.
constexpr std::size_t kAbsoluteCapacity = 4096 + 256;

// Set once at load, read-only afterwards.
const char* g_name = nullptr;      // the loader's name for us (its string)
const char* g_path = nullptr;      // a file's absolute path; nullptr: none
char g_absolute[kAbsoluteCapacity];  // g_path, when g_name was relative
unsigned long g_file_dev = 0;      // what g_path named at load
unsigned long g_file_ino = 0;
const void* g_image = nullptr;     // our bytes, mapped
std::size_t g_size = 0;
// The memfd children get: the launcher's, or a copy we made.
std::atomic<int> g_fd{-1};
std::atomic<unsigned long> g_dev{0};
std::atomic<unsigned long> g_ino{0};

std::size_t length_of(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

bool same_text(const char* entry, std::size_t length, const char* text) {
  if (text == nullptr || length_of(text) != length || length == 0) return false;
  for (std::size_t i = 0; i < length; ++i) {
    if (entry[i] != text[i]) return false;
  }
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

bool survives_exec(int fd) {
  const int flags = fcntl(fd, F_GETFD);
  return flags >= 0 && (flags & FD_CLOEXEC) == 0;
}

// Whether g_path still names the file we were loaded from.
bool file_intact() {
  struct stat st {};
  return g_path != nullptr && stat(g_path, &st) == 0 &&
         static_cast<unsigned long>(st.st_dev) == g_file_dev &&
         static_cast<unsigned long>(st.st_ino) == g_file_ino;
}

void remember_memfd(int fd, const struct stat& st) {
  g_dev.store(static_cast<unsigned long>(st.st_dev));
  g_ino.store(static_cast<unsigned long>(st.st_ino));
  g_fd.store(fd);
}

int find_self(dl_phdr_info* info, std::size_t, void* found) {
  const auto self = reinterpret_cast<ElfW(Addr)>(&remember_own_library);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    const ElfW(Addr) start = info->dlpi_addr + ph.p_vaddr;
    if (ph.p_type == PT_LOAD && self >= start && self < start + ph.p_memsz) {
      *static_cast<const char**>(found) = info->dlpi_name;
      return 1;
    }
  }
  return 0;
}

// `name` as an absolute path: itself, or the current folder (the one the
// loader resolved it in, as we run at load) joined with it. nullptr when
// that does not fit or the folder is gone; children then get copies.
const char* absolute(const char* name) {
  if (name[0] == '/') return name;
  while (name[0] == '.' && name[1] == '/') name += 2;  // "./x" is "x"
  if (getcwd(g_absolute, sizeof g_absolute) == nullptr) return nullptr;
  TextWriter path(g_absolute + length_of(g_absolute),
                  sizeof g_absolute - length_of(g_absolute));
  path.str("/").str(name);
  return path.cut() ? nullptr : g_absolute;
}

// A new sealed memfd from our mapped bytes, on a number `avoid` leaves
// alone, kept for later children too. -1 when none can be made.
int fresh_copy(FdAvoid avoid, const void* context) {
  const MemfdResult m = create_sealed_memfd(g_image, g_size, kLibraryName);
  if (m.fd < 0) return -1;
  const int placed = place_library_fd(m.fd, false, avoid, context);
  close(m.fd);
  struct stat st {};
  if (placed < 0 || fstat(placed, &st) != 0) {
    if (placed >= 0) close(placed);
    return -1;
  }
  remember_memfd(placed, st);
  return placed;
}

// Carries out `carrier` into `out`; false when it could not be.
bool carry(Carrier carrier, int fd, FdAvoid avoid, const void* context,
           LibraryEntry* out) {
  switch (carrier) {
    case Carrier::kPath:
      out->path = g_path;
      return true;
    case Carrier::kDescriptor:
      break;
    case Carrier::kDuplicate:
      fd = place_library_fd(fd, false, avoid, context);
      out->temporary = fd >= 0;
      if (fd < 0) {
        out->why = "no descriptor number is left that survives the exec and that the "
                   "spawn's file actions and the descriptor limit leave free";
      }
      break;
    case Carrier::kFreshCopy:
      fd = fresh_copy(avoid, context);
      if (fd < 0) out->why = "a new copy of it could not be made (memfd, or descriptor limit)";
      break;
    case Carrier::kNone:
      out->why = "its descriptor is gone and its file no longer holds it";
      return false;
  }
  if (fd < 0 || !fd_path(fd, out->buffer, sizeof out->buffer)) return false;
  out->fd = fd;
  out->path = out->buffer;
  return true;
}

}  // namespace

void remember_own_library(const char* preload) {
  const char* name = nullptr;
  dl_iterate_phdr(find_self, &name);
  // Only a library that was preloaded hands itself on: linked into a
  // program some other way (a test binary), it leaves children alone.
  if (name == nullptr || name[0] == '\0' || !preload_has(preload, name)) return;
  g_name = name;
  const int memfd = proc_self_fd(name, length_of(name));
  if (memfd < 0) g_path = absolute(name);
  const int fd = memfd >= 0 ? memfd : open(name, O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) return;
  void* image = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                     MAP_PRIVATE, fd, 0);
  if (image != MAP_FAILED) {
    g_image = image;
    g_size = static_cast<std::size_t>(st.st_size);
  }
  if (memfd >= 0) {
    remember_memfd(memfd, st);
    return;
  }
  g_file_dev = static_cast<unsigned long>(st.st_dev);
  g_file_ino = static_cast<unsigned long>(st.st_ino);
  close(fd);
}

bool own_library_known() { return g_name != nullptr; }

const char* own_library_path() { return g_path; }

int own_library_fd() {
  const int fd = g_fd.load();
  return is_current_memfd(fd) ? fd : -1;
}

void entry_for_child(FdAvoid avoid, const void* context, LibraryEntry* out) {
  *out = LibraryEntry{nullptr, Carrier::kNone, -1, false, nullptr, {}};
  const int fd = g_fd.load();
  CarrierFacts facts{};
  facts.memfd_ours = is_current_memfd(fd);
  if (facts.memfd_ours) {
    facts.survives = survives_exec(fd);
    facts.untouched = avoid == nullptr || !avoid(fd, context);
  } else {
    facts.file_intact = file_intact();
  }
  facts.can_copy = g_image != nullptr;
  out->carrier = choose_carrier(facts);
  if (!carry(out->carrier, fd, avoid, context, out)) {
    out->carrier = Carrier::kNone;
    out->path = nullptr;
  }
}

bool is_our_entry(const char* entry, std::size_t length, void*) {
  if (named_like_ours(entry, length)) return true;
  if (same_text(entry, length, g_name) || same_text(entry, length, g_path)) return true;
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

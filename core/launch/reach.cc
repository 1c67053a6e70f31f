#include "core/launch/reach.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "core/common/quote.h"
#include "core/launch/blob.h"

namespace smc {
namespace {

std::string class_name(int elf_class) {
  return elf_class == ELFCLASS32 ? "32-bit" : elf_class == ELFCLASS64 ? "64-bit" : "unknown-class";
}

// The interpreter of a "#!" script, or empty.
// The interpreter a "#!" line at the start of `head` names, "" for none.
// Only its first 255 bytes count, as for the kernel (BINPRM_BUF_SIZE, 256
// with the NUL, include/uapi/linux/binfmts.h).
std::string script_interpreter(std::string_view head) {
  head = head.substr(0, 255);
  if (head.size() < 3 || !head.starts_with("#!")) return "";
  std::size_t p = 2;
  while (p < head.size() && (head[p] == ' ' || head[p] == '\t')) ++p;
  std::size_t end = p;
  while (end < head.size() && head[end] != '\0' && head[end] != ' ' && head[end] != '\t' &&
         head[end] != '\n') {
    ++end;
  }
  return std::string(head.substr(p, end - p));
}

void judge(const std::string& program, const std::string& shown,
           const ElfFacts& library, int depth, Reach& reach) {
  // O_NONBLOCK: a "#!" line may name a FIFO, whose open would wait for a
  // writer; only a regular file is read.
  const int fd = open(program.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  const int open_error = errno;
  struct stat st {};
  const bool have_stat = fd >= 0 ? fstat(fd, &st) == 0 : stat(program.c_str(), &st) == 0;
  if (!have_stat || !S_ISREG(st.st_mode)) {
    if (fd >= 0) close(fd);
    return;
  }
  // Executable but not readable (mode 0111 for a user): its ELF header,
  // and so whether the library can reach it, is unknown; its mode is not.
  const bool exec_only = fd < 0 && open_error == EACCES &&
                         faccessat(AT_FDCWD, program.c_str(), X_OK, AT_EACCESS) == 0;
  if (fd < 0 && !exec_only) return;
  // The file's first page in one read: the "#!" line, and the headers
  // read_elf asks for one at a time, are nearly always in it, and each
  // would be a system call of every launch.
  std::array<unsigned char, 4096> head{};
  const ssize_t got = fd >= 0 ? pread(fd, head.data(), head.size(), 0) : -1;
  const std::uint64_t in_head = got > 0 ? static_cast<std::uint64_t>(got) : 0;
  const std::string interpreter =
      script_interpreter({reinterpret_cast<const char*>(head.data()), in_head});
  ReadAt read = [fd, &head, in_head](std::uint64_t offset, std::size_t size, void* out) {
    if (offset <= in_head && size <= in_head - offset) {
      std::memcpy(out, head.data() + offset, size);
      return true;
    }
    return pread(fd, out, size, static_cast<off_t>(offset)) ==
           static_cast<ssize_t>(size);
  };
  const std::optional<ElfFacts> facts =
      fd >= 0 ? read_elf(read) : std::optional<ElfFacts>();
  if (fd >= 0) close(fd);

  const std::string stay = "so its TCP sockets stay TCP";
  std::string privileged;
  if (have_stat && (st.st_mode & S_ISUID) != 0 && st.st_uid != geteuid()) {
    privileged = fmt::format("{} is setuid (owner uid {})", shown, st.st_uid);
  } else if (have_stat && (st.st_mode & S_ISGID) != 0 &&
             (st.st_mode & S_IXGRP) != 0 && st.st_gid != getegid()) {
    privileged = fmt::format("{} is setgid (group {})", shown, st.st_gid);
  } else if (geteuid() != 0 &&
             getxattr(program.c_str(), "security.capability", nullptr, 0) >= 0) {
    privileged = fmt::format("{} has file capabilities", shown);
  }
  if (!privileged.empty()) {
    reach.warnings.push_back(fmt::format(
        "{}: the loader ignores LD_PRELOAD for it, {}", privileged, stay));
    if (reach.privileged.empty()) reach.privileged = privileged;
  }

  if (exec_only && privileged.empty()) {
    reach.unreadable = fmt::format("{} cannot be read by smc_run ({})", shown,
                                   std::strerror(open_error));
    reach.warnings.push_back(fmt::format(
        "{}, so it cannot tell whether the program is statically linked, and the "
        "library may not reach it",
        reach.unreadable));
    return;
  }
  if (!interpreter.empty() && depth < 4) {
    judge(interpreter,
          fmt::format("{} (the interpreter of {})", shell_quote(interpreter), shown),
          library, depth + 1, reach);
    return;
  }
  if (!facts) return;
  if (facts->elf_class != library.elf_class || facts->machine != library.machine) {
    reach.offer_library = false;
    reach.other_abi_arch = audit_arch_of(*facts);
    reach.other_abi = fmt::format("{} is a {} program for ELF machine {}, which the {} library "
                                  "cannot load into",
                                  shown, class_name(facts->elf_class), facts->machine,
                                  class_name(library.elf_class));
    reach.warnings.push_back(fmt::format(
        "{} is a {} program for ELF machine {}; the library is {} for machine "
        "{}: it runs without the library, {}",
        shown, class_name(facts->elf_class), facts->machine,
        class_name(library.elf_class), library.machine, stay));
  } else if (facts->go) {
    reach.blind = fmt::format("{} is a Go program", shown);
    reach.warnings.push_back(fmt::format(
        "{}: Go makes its own system calls, {}", reach.blind, stay));
  } else if (!facts->dynamic) {
    reach.blind = fmt::format("{} is statically linked", shown);
    reach.warnings.push_back(fmt::format(
        "{}: no library can be preloaded into it, {}", reach.blind, stay));
  }
  // A musl program is fine: musl's loader takes the library's NEEDED
  // libc.so.6 for itself and ignores glibc's symbol versions, and every
  // call the library makes has the same ABI in both C libraries.
}

}  // namespace

Reach judge_reach(const std::string& program, const ElfFacts& library) {
  Reach reach;
  // Names in warnings are quoted as in every line of smc_run's: a newline
  // cannot forge a line, an escape sequence reaches no terminal.
  judge(program, shell_quote(program), library, 0, reach);
  return reach;
}

ElfFacts embedded_library_facts() {
  const auto blob = preload_library();
  ReadAt read = [blob](std::uint64_t offset, std::size_t size, void* out) {
    if (offset + size > blob.size()) return false;
    std::memcpy(out, blob.data() + offset, size);
    return true;
  };
  return read_elf(read).value_or(ElfFacts{});
}

}  // namespace smc

// Whether the preload library can reach a program, judged before exec, so
// that the user hears why SMC is not used instead of finding out later:
// statically linked and Go programs make their own system calls, setuid,
// setgid and file-capability programs run in secure-execution mode where
// the loader ignores LD_PRELOAD paths, and a program of another ELF class
// or machine cannot load the library at all. (musl programs can.)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/launch/elf.h"

namespace smc {

struct Reach {
  std::vector<std::string> warnings;  // one line each, naming the program
  // False when the program's loader would reject the library with an
  // error: then it must not be given our LD_PRELOAD entry.
  bool offer_library = true;
  // When that is because the program is of another ELF class or machine
  // (a 32-bit x86 program on x86_64): its ABI as seccomp names it
  // (audit_arch_of), which the supervisor may serve, and "X is a 32-bit
  // program for ELF machine 3, which the 64-bit library cannot load
  // into"; 0 and empty otherwise.
  std::uint32_t other_abi_arch = 0;
  std::string other_abi;
  // Why the library cannot reach the program, for choosing another
  // mechanism: "X is statically linked", "X is a Go program"; empty when
  // it can.
  std::string blind;
  // "X is setuid (owner uid 65534)", "... setgid ...", "... has file
  // capabilities": exec raises its privileges, so the loader ignores
  // LD_PRELOAD; empty otherwise.
  std::string privileged;
  // "X cannot be read by smc_run (Permission denied)": an exec-only file,
  // so smc_run cannot tell whether it is static or dynamic; empty when it
  // could read it (or exec will fail anyway).
  std::string unreadable;
};

// Whether PROGRAM itself loads the library, and so carries it for its
// children: only then may it be handed our LD_PRELOAD entry, whose
// /proc/self/fd/N nothing else keeps naming our library.
inline bool carries_library(const Reach& reach) {
  return reach.offer_library && reach.blind.empty() && reach.privileged.empty() &&
         reach.unreadable.empty();
}

// `library` describes the embedded library. Scripts are judged by their
// interpreter ("#!"), a few levels deep. Reads the file; a file it may not
// read but may execute (mode 0111) is `unreadable`, its privileges judged
// from its mode; any other file it cannot open gets no warning (exec will
// say what is wrong).
Reach judge_reach(const std::string& program, const ElfFacts& library);

// The facts of the embedded library itself.
ElfFacts embedded_library_facts();

}  // namespace smc

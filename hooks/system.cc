// system()/popen() hooks: what the shell they start inherits.
//
// Rewritten: the program's own environment, when our LD_PRELOAD entry is
// missing or broken (hooks/child_env.h): libc starts the shell with its
// internal posix_spawn, which no preload sees, from `environ`, so the mend
// is made there, with setenv()/unsetenv(), before calling libc. A library
// descriptor made for the shell alone (hooks/library_carrier.h) stays open
// until libc's call returns, after the shell's exec. Neither call is
// async-signal-safe, so the heap may be used here. Passed through
// untouched: the command, the mode, the result.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks/child_launch.h"
#include "hooks/state.h"

extern "C" char** environ;

namespace smc {
namespace {

// Makes `environ` agree with `envp` for LD_PRELOAD and the SMC_* settings,
// the only variables a ChildLaunch changes.
void adopt(char* const* envp) {
  bool has_preload = false;
  for (char* const* e = envp; *e != nullptr; ++e) {
    const char* equals = strchr(*e, '=');
    if (equals == nullptr) continue;
    const size_t name_length = static_cast<size_t>(equals - *e);
    const bool preload = name_length == 10 && strncmp(*e, "LD_PRELOAD", 10) == 0;
    if (!preload && strncmp(*e, "SMC_", 4) != 0) continue;
    has_preload = has_preload || preload;
    char name[64];
    if (name_length >= sizeof name) continue;
    memcpy(name, *e, name_length);
    name[name_length] = '\0';
    if (preload) {
      // setenv() replaces the first of several LD_PRELOAD entries only,
      // and the loader reads the last: one is left (hooks/child_env.h).
      // The value may be one of environ's own strings, which musl's
      // unsetenv() frees: copied first.
      char* value = strdup(equals + 1);
      if (value == nullptr) continue;
      unsetenv(name);
      setenv(name, value, 1);
      free(value);
      continue;
    }
    const char* current = getenv(name);
    if (current == nullptr || strcmp(current, equals + 1) != 0) {
      setenv(name, equals + 1, 1);
    }
  }
  if (!has_preload) unsetenv("LD_PRELOAD");
}

}  // namespace
}  // namespace smc

extern "C" int system(const char* command) {
  const smc::ChildLaunch child(environ, "system");
  if (child.changed()) smc::adopt(child.envp());
  smc::State scratch;
  return smc::current_state(scratch).real.system(command);
}

extern "C" FILE* popen(const char* command, const char* mode) {
  const smc::ChildLaunch child(environ, "popen");
  if (child.changed()) smc::adopt(child.envp());
  smc::State scratch;
  return smc::current_state(scratch).real.popen(command, mode);
}

// Our own definitions, by names no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("system"), copy(system))) int
smc_own_system(const char*);
extern "C" __attribute__((visibility("hidden"), alias("popen"), copy(popen))) FILE*
smc_own_popen(const char*, const char*);

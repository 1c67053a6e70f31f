// The preload library's settings, read once from the environment at load:
//   SMC_SNDBUF, SMC_RCVBUF  buffer sizes for converted sockets (bytes, k, m)
//   SMC_DEBUG               one line per socket decision on stderr
//   SMC_STRICT              no TCP fallback when SMC sockets cannot be made
// Parsing is pure (an envp array in, a struct out) so it can be tested and
// runs before the hook can be called concurrently.
#pragma once

#include "core/size/size.h"

namespace smc {

struct BufferSetting {
  int bytes;            // 0: not set, or set to an invalid value
  const char* text;     // the raw value when set; points into envp
  SizeError error;      // why `text` was ignored, kNone if it was not
};

struct Settings {
  BufferSetting sndbuf;
  BufferSetting rcvbuf;
  bool debug;
  bool strict;
};

// A flag variable is on when it is set to anything but "" or "0", as in
// smc-tools, where SMC_DEBUG=0 means off.
Settings read_settings(const char* const* envp);

// The value of `name` in envp, or nullptr. Async-signal-safe, unlike
// getenv() in some libcs.
const char* find_env(const char* const* envp, const char* name);

}  // namespace smc

// The library's load-time setup: the constructor the dynamic loader runs
// when it maps the library, before the program's main. It builds the state
// (hooks/state.h), opens the diagnostics stream, notes the summary file,
// and notes which file the library was loaded from, so that the exec hooks
// can hand it on to children (hooks/own_library.h). It sits above every
// other file of the library: nothing includes it.

#include "base/log_line.h"
#include "base/settings.h"
#include "hooks/connections.h"
#include "hooks/own_library.h"
#include "hooks/state.h"
#include "hooks/summary.h"

extern "C" char** environ;

namespace smc {
namespace {

__attribute__((constructor)) void on_load() {
  State scratch;
  const Settings& settings = current_state(scratch).settings;
  if (settings.debug || settings.summary) open_diagnostics();
  remember_summary_file(settings.summary_file);
  // In secure-execution mode LD_PRELOAD is the caller's, not ours to
  // follow (base/settings.h): children are left as the loader leaves them.
  if (!secure_execution()) remember_own_library(find_env_last(environ, "LD_PRELOAD"));
}

}  // namespace
}  // namespace smc

// Writing a whole file for --write-lib, without replacing what its path
// names: a symbolic link stays a link (its target is written), a device,
// FIFO, socket or folder is refused (base/output_file's rule), and an
// existing file keeps its mode, owner and hard links.
#pragma once

#include <span>
#include <string>

#include "core/common/result.h"

namespace smc {

// Writes `bytes` to the file `path` names. `what` names the value in
// errors ("--write-lib"); PATH is quoted as core/quote does.
//  - A new path is created with `mode` (exactly: the umask does not apply).
//  - An existing regular file with one link is replaced by rename() from a
//    temporary file beside it, with its mode and (where we may) owner:
//    readers see the old bytes or the new, never a mix, and programs that
//    have the old library mapped keep it whole.
//  - One with more hard links is rewritten in place, so that every link
//    gets the new bytes (programs that have it mapped must restart).
Result<Ok> write_file(const std::string& path, std::span<const unsigned char> bytes,
                      unsigned mode, const char* what);

}  // namespace smc

// The one answer to "may we write this output path", for the summary file
// (--summary-file, SMC_SUMMARY_FILE: the launcher checks it, the library
// writes it at exit) and --write-lib: a regular file, or a new path.
// Never a FIFO (with no reader, opening it would hang the caller; with one,
// our lines would go to whoever reads it), a device (/dev/full, a tty: not
// a file to append records to), a socket or a folder.
//
// A symbolic link is followed: a link to a log file is the user's to make,
// and it stays a link. What was opened is checked with fstat(), so nothing
// swapped in after the first look is written. Only system calls: the
// library calls this at exit, which may follow a fork of a threaded
// program.
#pragma once

#include <sys/types.h>

namespace smc {

enum class OutputRefusal {
  kNone,         // a regular file, or created
  kFifo,
  kCharDevice,
  kBlockDevice,
  kSocket,
  kFolder,
  kOther,        // any other kind of file
  kSystemError,  // open() or stat() failed: see OutputFile::error
};

// What a file of `mode` (st_mode) is, for writing output: kNone only for a
// regular file.
OutputRefusal output_refusal(mode_t mode);

// "a FIFO", "a character device"...; nullptr for kNone and kSystemError.
const char* describe(OutputRefusal refusal);

struct OutputFile {
  int fd;                 // open for writing, O_CLOEXEC; -1 when refused
  OutputRefusal refusal;  // why not
  int error;              // errno, for kSystemError
};

// Opens `path` for writing with `flags` added (O_APPEND, O_TRUNC...),
// creating it with `mode` when it does not exist. Looks before it opens,
// so that a device or FIFO is never opened at all; opens with O_NONBLOCK
// and O_NOCTTY all the same, then checks what it got.
OutputFile open_output_file(const char* path, int flags, mode_t mode);

}  // namespace smc

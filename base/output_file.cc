#include "base/output_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace smc {
namespace {

OutputFile refused(OutputRefusal refusal, int error) {
  return {-1, refusal, error};
}

// Opens a path that passed the first look: O_NONBLOCK so that a FIFO put
// there since cannot block the open, O_NOCTTY so that a tty cannot become
// the program's controlling terminal.
OutputFile open_checked(const char* path, int flags, mode_t mode) {
  const int fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | flags, mode);
  if (fd < 0) return refused(OutputRefusal::kSystemError, errno);
  struct stat st {};
  const OutputRefusal refusal =
      fstat(fd, &st) != 0 ? OutputRefusal::kSystemError : output_refusal(st.st_mode);
  if (refusal != OutputRefusal::kNone) {
    const int error = errno;
    close(fd);
    return refused(refusal, error);
  }
  // Regular files ignore O_NONBLOCK, but the writes need not carry it.
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return {fd, OutputRefusal::kNone, 0};
}

}  // namespace

OutputRefusal output_refusal(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return OutputRefusal::kNone;
    case S_IFIFO:
      return OutputRefusal::kFifo;
    case S_IFCHR:
      return OutputRefusal::kCharDevice;
    case S_IFBLK:
      return OutputRefusal::kBlockDevice;
    case S_IFSOCK:
      return OutputRefusal::kSocket;
    case S_IFDIR:
      return OutputRefusal::kFolder;
    default:
      return OutputRefusal::kOther;
  }
}

const char* describe(OutputRefusal refusal) {
  switch (refusal) {
    case OutputRefusal::kFifo:
      return "a FIFO";
    case OutputRefusal::kCharDevice:
      return "a character device";
    case OutputRefusal::kBlockDevice:
      return "a block device";
    case OutputRefusal::kSocket:
      return "a socket";
    case OutputRefusal::kFolder:
      return "a folder";
    case OutputRefusal::kOther:
      return "not a regular file";
    case OutputRefusal::kNone:
    case OutputRefusal::kSystemError:
      break;
  }
  return nullptr;
}

OutputFile open_output_file(const char* path, int flags, mode_t mode) {
  struct stat st {};
  if (stat(path, &st) == 0) {
    const OutputRefusal refusal = output_refusal(st.st_mode);
    if (refusal != OutputRefusal::kNone) return refused(refusal, 0);
    return open_checked(path, flags, mode);
  }
  if (errno != ENOENT) return refused(OutputRefusal::kSystemError, errno);
  // A new file. O_EXCL does not follow a link to nothing (that would create
  // a file wherever the link points); when something appeared in between,
  // look again.
  OutputFile made = open_checked(path, flags | O_CREAT | O_EXCL, mode);
  if (made.refusal == OutputRefusal::kSystemError && made.error == EEXIST) {
    if (stat(path, &st) != 0) return refused(OutputRefusal::kSystemError, errno);
    const OutputRefusal refusal = output_refusal(st.st_mode);
    if (refusal != OutputRefusal::kNone) return refused(refusal, 0);
    return open_checked(path, flags, mode);
  }
  return made;
}

}  // namespace smc

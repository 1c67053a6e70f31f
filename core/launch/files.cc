#include "core/launch/files.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/output_file.h"
#include "core/common/quote.h"

namespace smc {
namespace {

bool write_all(int fd, std::span<const unsigned char> bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

Error cannot_write(const std::string& path, int error) {
  return system_error(fmt::format("cannot write {}: {}", quote_value(path),
                                  std::strerror(error)));
}

Error refused(const char* what, const std::string& path, OutputRefusal refusal) {
  if (refusal == OutputRefusal::kOther) {
    return usage_error(fmt::format("{} {} is not a regular file", what, quote_value(path)));
  }
  return usage_error(fmt::format("{} {} is {}, not a regular file", what,
                                 quote_value(path), describe(refusal)));
}

// Writes all of `bytes` to the open `fd`, made `mode`, and closes it; on
// failure, *error says why.
bool fill(int fd, std::span<const unsigned char> bytes, mode_t mode, int* error) {
  const bool written = fchmod(fd, mode) == 0 && write_all(fd, bytes) && fsync(fd) == 0;
  if (!written) *error = errno;
  if (close(fd) != 0 && written) {
    *error = errno;
    return false;
  }
  return written;
}

// A path that does not exist yet: created (never through a link to
// nothing: base/output_file.h).
Result<Ok> create(const std::string& path, std::span<const unsigned char> bytes,
                  mode_t mode, const char* what) {
  const OutputFile file = open_output_file(path.c_str(), O_TRUNC, mode);
  if (file.refusal == OutputRefusal::kSystemError) return cannot_write(path, file.error);
  if (file.fd < 0) return refused(what, path, file.refusal);
  int error = 0;
  if (fill(file.fd, bytes, mode, &error)) return Ok{};
  unlink(path.c_str());
  return cannot_write(path, error);
}

// The file a path names (symbolic links resolved) and the path the user
// gave, for messages.
struct Target {
  std::string file;
  const std::string& named;
};

// A regular file with other hard links: the same inode, new bytes.
Result<Ok> rewrite(const Target& t, const struct stat& was,
                   std::span<const unsigned char> bytes, const char* what) {
  const OutputFile file = open_output_file(t.file.c_str(), 0, 0);
  if (file.refusal == OutputRefusal::kSystemError) return cannot_write(t.named, file.error);
  if (file.fd < 0) return refused(what, t.named, file.refusal);
  int error = 0;
  if (ftruncate(file.fd, 0) != 0) {
    error = errno;
    close(file.fd);
    return cannot_write(t.named, error);
  }
  if (fill(file.fd, bytes, was.st_mode & 07777, &error)) return Ok{};
  return cannot_write(t.named, error);
}

// A regular file with one link: a temporary file beside it, renamed over
// it. Its name is short, so that any valid name of the target works.
Result<Ok> replace(const Target& t, const struct stat& was,
                   std::span<const unsigned char> bytes) {
  const std::size_t slash = t.file.rfind('/');
  std::string temp = t.file.substr(0, slash + 1) + ".smc_run-XXXXXX";
  const int fd = mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return cannot_write(t.named, errno);
  // As root, the file keeps its owner; otherwise it is ours, as a file we
  // may replace in that folder could be anyway.
  if (geteuid() == 0) (void)!fchown(fd, was.st_uid, was.st_gid);
  int error = 0;
  if (fill(fd, bytes, was.st_mode & 07777, &error)) {
    if (rename(temp.c_str(), t.file.c_str()) == 0) return Ok{};
    error = errno;
  }
  unlink(temp.c_str());
  return cannot_write(t.named, error);
}

}  // namespace

Result<Ok> write_file(const std::string& path, std::span<const unsigned char> bytes,
                      unsigned mode, const char* what) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return cannot_write(path, errno);
    return create(path, bytes, static_cast<mode_t>(mode), what);
  }
  const OutputRefusal refusal = output_refusal(st.st_mode);
  if (refusal != OutputRefusal::kNone) return refused(what, path, refusal);
  // Through any symbolic links to the file itself, which is what changes.
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return cannot_write(path, errno);
  const Target target{resolved, path};
  free(resolved);
  return st.st_nlink > 1 ? rewrite(target, st, bytes, what) : replace(target, st, bytes);
}

}  // namespace smc

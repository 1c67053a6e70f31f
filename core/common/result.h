// A value or an error, for core/ functions (C++20 has no std::expected).
// The error carries a kind so that cmd/ alone maps failures to exit codes.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace smc {

enum class ErrorKind {
  kUsage,          // bad option, size or missing program
  kNotFound,       // the program does not exist
  kNotExecutable,  // the program exists but cannot be run
  kSystem,         // smc_run itself failed (no /proc, memfd, I/O)
  kUnsupported,    // this host lacks what it takes (smc_scope: bpffs, the hook, SMC)
  kNotPermitted,   // the caller lacks the privileges it takes (smc_scope)
};

struct Error {
  ErrorKind kind;
  std::string message;  // one line, names the bad value
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<Error>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For functions that either succeed with nothing to say or fail.
struct Ok {};

inline Error usage_error(std::string message) {
  return {ErrorKind::kUsage, std::move(message)};
}
inline Error system_error(std::string message) {
  return {ErrorKind::kSystem, std::move(message)};
}
inline Error unsupported_error(std::string message) {
  return {ErrorKind::kUnsupported, std::move(message)};
}
inline Error permission_error(std::string message) {
  return {ErrorKind::kNotPermitted, std::move(message)};
}

}  // namespace smc

// Command lines with getopt's manners, for the roles to declare beside
// their code. The one unit that includes CLI11: each translation unit that
// does costs seconds to compile, and its exceptions stay in here, turned
// into usage errors.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace smc {

class CommandLine {
 public:
  enum class Shape {
    // Options, then PROGRAM and its arguments, untouched (smc_run): parsing
    // stops at the first word that is no option, like getopt with '+'.
    kOptionsThenProgram,
    // Options only (smcss, smc_chk): any other word is an error.
    kOptionsOnly,
  };

  explicit CommandLine(Shape shape);
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // `names` as "-d,--debug". None takes -h or --help by itself: roles
  // declare them as flags and print their own usage text.
  void flag(const std::string& names, bool* on);
  // A flag that makes the rest of the line moot (-h, -v): given, nothing
  // else is refused.
  void final_flag(const std::string& names, bool* on);
  // An option with a value; when repeated, the last wins (as with getopt,
  // which scripts rely on to override). *given tells whether it was there.
  void value(const std::string& names, std::string* value, bool* given);
  // The same, with a value that may be left out (--install-links [DIR]).
  void optional_value(const std::string& names, std::string* value, bool* given);
  // An option each occurrence of which adds one value (--include LIST).
  void list(const std::string& names, std::vector<std::string>* values);

  // Reads `args` (argv without argv[0]) into the declared places. For
  // kOptionsOnly, a word that is not an option is an error, named, unless
  // a final flag was given.
  Result<Ok> parse(std::span<const std::string> args);

  // After parse(), for kOptionsThenProgram: PROGRAM and its arguments (a
  // "--" before them dropped), or an error naming an unknown option in
  // PROGRAM's place.
  Result<std::vector<std::string>> program() const;

 private:
  struct Parser;
  Shape shape_;
  std::unique_ptr<Parser> parser_;
  std::vector<const bool*> final_flags_;
};

// A lone "-" is a name (getopt agrees), not an option.
bool looks_like_option(const std::string& word);

}  // namespace smc

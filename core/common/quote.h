// Shell-style quoting for diagnostics: a command line that reads back the
// same in a shell and always fits on one line, whatever its arguments hold.
// "Control characters" below are also bytes that are not well-formed UTF-8:
// they are shown as \xHH, never raw (a terminal could act on them, a log
// reader or JSON tool could not take them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smc {

// `word` as is when it is plain, in '...' when it has spaces or shell
// characters, in $'...' with escapes when it has quotes or control
// characters (a newline would otherwise break the line).
std::string shell_quote(std::string_view word);

// The words quoted and joined by spaces.
std::string shell_quote(const std::vector<std::string>& words);

// A user's value shown inside an error message, in quotes: 'value', or
// $'...' with escapes when it holds a quote or control characters, which
// would otherwise break the quoting or the one-line message.
std::string quote_value(std::string_view value);

// A user's value shown as it is (a program name before ": command not
// found"), unless it holds control characters: then $'...'.
std::string printable(std::string_view value);

}  // namespace smc

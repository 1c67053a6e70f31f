// JSON string literals for the roles' --json output. Values there come from
// the kernel and the user (sysctl values, PNET IDs, error messages): any
// byte may appear, and one bad byte would make the whole document invalid.
#pragma once

#include <string>
#include <string_view>

namespace smc {

// `text` as a JSON string literal, quotes included, escaped by
// base/json_escape.h: '"' and '\' escaped, control characters as \n, \t...
// or \u00XX, and bytes that are not valid UTF-8 replaced by U+FFFD (JSON
// text must be Unicode, RFC 8259 section 8.1).
std::string json_string(std::string_view text);

}  // namespace smc

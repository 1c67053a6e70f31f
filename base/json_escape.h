// The one JSON string escaping of the project, for text from the outside
// world (program names, kernel strings, user values): any bytes in, valid
// JSON out. '"' and '\' are escaped, control characters become \n, \r, \t
// or \u00XX, and bytes that are not well-formed UTF-8 become U+FFFD (JSON
// text must be Unicode, RFC 8259 section 8.1). No allocation: the library's
// summary (base/text_writer.h) and the roles' --json output (core/json)
// both use it.
#pragma once

#include <cstddef>

namespace smc {

// The longest JSON form of one character: "\u001f".
inline constexpr std::size_t kMaxJsonEscape = 6;

// The JSON string form of the character at the start of text[0..length),
// length > 0: writes it to `out` and its length to *written, and returns
// how many bytes of `text` it stands for (a whole UTF-8 sequence, or one
// byte).
std::size_t escape_json_char(const char* text, std::size_t length,
                             char out[kMaxJsonEscape], std::size_t* written);

}  // namespace smc

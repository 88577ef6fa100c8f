// LogField: a value that came from outside (a request target, a header, an
// activity's type, id or actor, a username, an error message quoting input)
// made safe to print as one key=value field of a log line. A peer must not be
// able to start a line of its own (CR, LF), forge a field (space, '=', '"'),
// or drive the terminal that reads the log (ESC and the other C0/C1 controls,
// U+2028/U+2029). Values with none of these are returned as they are, which
// is the common case and costs one scan and one copy; the others are quoted
// logfmt-style with backslash escapes (\n \r \t \" \\ \xHH \uHHHH) and cut at
// kLogFieldMaxBytes. Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace guildhall {

inline constexpr size_t kLogFieldMaxBytes = 1024;

std::string LogField(std::string_view value);

}  // namespace guildhall

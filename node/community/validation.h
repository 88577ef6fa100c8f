// Field validation with one clear message per field. A Validator collects
// every problem of a form and reports them together as one kInvalid error
// whose message is "<field>: <problem>" entries joined by "; " (the web
// layer may split on "; " to show each message beside its field).
// Not thread-safe (one per call); the free functions are pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/model/result.h"

namespace guildhall::community {

class Validator {
 public:
  // Valid UTF-8 of min..max characters (code points); single-line text may not
  // contain control characters, multi-line text may contain \n and \t.
  Validator& Text(std::string_view field, std::string_view value, size_t min, size_t max,
                  bool multiline = false);
  // Adds `message` for `field` unless `ok`.
  Validator& Check(bool ok, std::string_view field, std::string_view message);
  // The first problem only per field: later ones are usually consequences.
  bool HasProblem(std::string_view field) const;
  bool ok() const { return problems_.empty(); }
  Result<> Finish() const;

 private:
  std::vector<std::pair<std::string, std::string>> problems_;
};

// Number of code points, or -1 if `text` is not valid UTF-8.
long Utf8Length(std::string_view text);

bool IsValidUsername(std::string_view s);  // [a-z0-9_]{1,30}
bool IsValidSlug(std::string_view s);      // [a-z0-9-]{2,40}, no leading/trailing '-'
// http(s) URL of at most 2048 bytes with a host and no spaces or control characters.
bool IsValidWebUrl(std::string_view s);

std::string AsciiLower(std::string_view s);
// Trims ASCII whitespace at both ends.
std::string_view Trim(std::string_view s);

}  // namespace guildhall::community

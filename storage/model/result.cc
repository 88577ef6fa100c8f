#include "storage/model/result.h"

#include <stdexcept>

namespace guildhall {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kNotFound:
      return "not_found";
    case Code::kInvalid:
      return "invalid";
    case Code::kUnauthorized:
      return "unauthorized";
    case Code::kForbidden:
      return "forbidden";
    case Code::kConflict:
      return "conflict";
    case Code::kTooLarge:
      return "too_large";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kInternal:
      return "internal";
  }
  return "internal";
}

void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw std::runtime_error(std::string(CodeName(e.code)) + ": " + e.message);
}

}  // namespace guildhall

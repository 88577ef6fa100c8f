// Error and Result: the one way every layer reports failure.
//
// An Error carries a small Code (mapped to an HTTP status in exactly one place,
// web/http/status.cc) and a message for the log. "Not found" in storage is
// std::optional, not an Error. Plain value types; thread-compatible.
#pragma once

#include <boost/system/result.hpp>
#include <string>
#include <utility>

namespace guildhall {

enum class Code {
  kNotFound,      // the thing asked for does not exist (or must look as if it did not)
  kInvalid,       // the caller's input is malformed or fails validation
  kUnauthorized,  // no or bad credentials (session, token, signature)
  kForbidden,     // authenticated, but not allowed
  kConflict,      // the state changed under the caller, or a unique name is taken
  kTooLarge,      // a size, depth or count bound was exceeded
  kUnavailable,   // temporary; the caller may retry (peer down, store full)
  kInternal,      // a bug or an environment failure
};

// Stable lower-case name of a code, used in JSON error bodies ("not_found").
const char* CodeName(Code code);

struct Error {
  Code code = Code::kInternal;
  std::string message;

  static Error NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Error Invalid(std::string m) { return {Code::kInvalid, std::move(m)}; }
  static Error Unauthorized(std::string m) { return {Code::kUnauthorized, std::move(m)}; }
  static Error Forbidden(std::string m) { return {Code::kForbidden, std::move(m)}; }
  static Error Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
  static Error TooLarge(std::string m) { return {Code::kTooLarge, std::move(m)}; }
  static Error Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
  static Error Internal(std::string m) { return {Code::kInternal, std::move(m)}; }
};

// ADL hook so that Result<T>::value() on an error throws a readable exception.
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T = void>
using Result = boost::system::result<T, Error>;

// Returns an empty success, for `return Ok();` in Result<void> functions.
inline Result<> Ok() { return {}; }

}  // namespace guildhall

// Propagates an error from an expression returning Result<T>; yields the value otherwise.
// Usage: auto member = GH_TRY(members.Get(tx, id));
#define GH_TRY(expr)                                               \
  ({                                                               \
    auto gh_try_result_ = (expr);                                  \
    if (!gh_try_result_) return std::move(gh_try_result_).error(); \
    std::move(gh_try_result_).value();                             \
  })

// Propagates an error from an expression returning Result<void>.
#define GH_CHECK(expr)                                                 \
  do {                                                                 \
    auto gh_check_result_ = (expr);                                    \
    if (!gh_check_result_) return std::move(gh_check_result_).error(); \
  } while (0)

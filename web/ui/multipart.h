// A bounded multipart/form-data parser (RFC 7578 over RFC 2046 §5.1) for
// browser uploads. It reads a body the server has already size-limited and
// never copies file contents: parts point into the body. Bounds: at most
// kMaxParts parts, kMaxPartHeaderBytes of headers per part, a boundary of
// 1-70 characters. Anything malformed is kInvalid. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/result.h"

namespace guildhall::web {

inline constexpr size_t kMaxParts = 64;
inline constexpr size_t kMaxPartHeaderBytes = 8 * 1024;

struct MultipartPart {
  std::string name;          // Content-Disposition name=
  std::string file_name;     // filename= (empty for plain fields)
  bool is_file = false;      // a filename parameter was present (even if empty)
  std::string content_type;  // as the client claims it (never trusted)
  std::string_view data;     // points into the parsed body
};

// The boundary parameter of a multipart/form-data Content-Type, or kInvalid.
Result<std::string> MultipartBoundary(std::string_view content_type);

// REQUIRES: `body` outlives the returned parts.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary);

}  // namespace guildhall::web

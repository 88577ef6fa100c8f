// The one mapping from guildhall::Code to an HTTP status, and the error pages
// every layer of web/ answers with: JSON for clients that want JSON (API,
// ActivityPub peers), a small escaped HTML page for browsers. Clients see only
// the safe text; kInternal details go to the log, once, with req=#id.
// Stateless; thread-safe.
#pragma once

#include <string_view>

#include "storage/model/result.h"
#include "web/http/message.h"

namespace guildhall::web {

// kNotFound 404, kInvalid 400, kUnauthorized 401, kForbidden 403,
// kConflict 409, kTooLarge 413, kUnavailable 503, kInternal 500.
unsigned HttpStatus(Code code);

// The standard reason phrase ("Not Found"), or "Error" for an unknown status.
std::string_view ReasonPhrase(unsigned status);

// The response for a failed operation: status from HttpStatus, body
// {"error": "<CodeName>", "message": "<error.message>"} or an HTML page. For
// kInternal the client gets a generic message and the real one is logged.
Response ErrorResponse(const Request& req, const Error& error);

// The same two faces for errors raised by the server or router itself
// (405, 413, 431, ...): `code_name` goes in the JSON "error" field and
// `message` must be safe to show.
Response StatusResponse(const Request& req, unsigned status, std::string_view code_name,
                        std::string_view message);

}  // namespace guildhall::web

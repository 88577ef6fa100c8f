#include "web/http/status.h"

#include <cstdio>
#include <string>

#include "federation/protocol/html_sanitize.h"
#include "storage/model/log_field.h"
#include "storage/model/storage_full.h"
#include "web/http/negotiation.h"
#include "web/http/security_headers.h"
#include "web/http/storage_full.h"
#include "web/log.h"

namespace guildhall::web {
namespace {

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string JsonBody(std::string_view code_name, std::string_view message) {
  std::string body = "{\"error\":";
  AppendJsonString(body, code_name);
  body += ",\"message\":";
  AppendJsonString(body, message);
  body += "}";
  return body;
}

std::string HtmlBody(unsigned status, std::string_view message) {
  std::string title = std::to_string(status) + " ";
  title += federation::EscapeHtml(ReasonPhrase(status));
  std::string body =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width\"><title>";
  body += title;
  body += "</title></head>\n<body><h1>";
  body += title;
  body += "</h1>\n<p>";
  body += federation::EscapeHtml(message);
  body += "</p>\n<p><a href=\"/\">Home</a></p></body></html>\n";
  return body;
}

}  // namespace

unsigned HttpStatus(Code code) {
  switch (code) {
    case Code::kNotFound:
      return 404;
    case Code::kInvalid:
      return 400;
    case Code::kUnauthorized:
      return 401;
    case Code::kForbidden:
      return 403;
    case Code::kConflict:
      return 409;
    case Code::kTooLarge:
      return 413;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

std::string_view ReasonPhrase(unsigned status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Error";
  }
}

Response StatusResponse(const Request& req, unsigned status, std::string_view code_name,
                        std::string_view message) {
  // Both faces: a browser may be shown the JSON one too, and nosniff keeps
  // it from being read as anything else.
  Response res = WantsJson(req) ? Response::Json(status, JsonBody(code_name, message))
                                : Response::Html(status, HtmlBody(status, message));
  AddSecurityHeaders(res);
  return res;
}

Response ErrorResponse(const Request& req, const Error& error) {
  if (IsStorageFull(error)) {
    Response res = StatusResponse(req, kStorageFullStatus, kStorageFullCode, kStorageFullMessage);
    res.headers.Set("Retry-After", std::string(kStorageFullRetryAfter));
    return res;
  }
  unsigned status = HttpStatus(error.code);
  if (error.code != Code::kInternal) {
    Log().debug("req=#{} status={} error={} message={}", req.id, status, CodeName(error.code),
                LogField(error.message));
    return StatusResponse(req, status, CodeName(error.code), error.message);
  }
  // Internal messages may name files, keys or SQL-like details: log them, and
  // give the client only the request id to quote.
  Log().error("req=#{} status=500 error=internal message={}", req.id, LogField(error.message));
  return StatusResponse(
      req, status, CodeName(error.code),
      "Something went wrong on our side (request #" + std::to_string(req.id) + ").");
}

}  // namespace guildhall::web

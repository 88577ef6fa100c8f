#include "web/server/beast_message.h"

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/string_body.hpp>
#include <ctime>

#include "storage/model/log_field.h"
#include "web/http/status.h"
#include "web/log.h"

namespace guildhall::web::server_internal {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// RFC 9110 IMF-fixdate, recomputed at most once a second per thread.
std::string_view HttpDate() {
  thread_local time_t cached_second = -1;
  thread_local char text[40];
  thread_local size_t length = 0;
  time_t now = std::time(nullptr);
  if (now != cached_second) {
    struct tm tm;
    gmtime_r(&now, &tm);
    length = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached_second = now;
  }
  return {text, length};
}

// Framing fields are the server's alone: a handler's Content-Length or
// Transfer-Encoding could desynchronize the connection.
bool IsFramingField(std::string_view name) {
  return beast::iequals(name, "Content-Length") || beast::iequals(name, "Transfer-Encoding") ||
         beast::iequals(name, "Connection");
}

template <class Body>
void PrepareHeader(http::response<Body>& out, const Response& res, bool keep_alive) {
  out.set(http::field::server, "guildhall");
  out.set(http::field::date, HttpDate());
  for (const auto& [name, value] : res.headers.fields()) {
    if (IsFramingField(name)) continue;
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      // A CR or LF from a handler would let request data split the response.
      Log().warn("dropped response header with CR/LF name={}", LogField(name));
      continue;
    }
    if (beast::iequals(name, "Server")) out.erase(http::field::server);
    out.insert(name, value);
  }
  out.keep_alive(keep_alive);
}

http::message_generator FileMessage(Response res, const Request& req, unsigned version,
                                    bool keep_alive, unsigned& status) {
  http::file_body::value_type file;
  beast::error_code ec;
  file.open(res.file_path.c_str(), beast::file_mode::scan, ec);
  if (ec) {
    Log().warn("req=#{} file={} open failed: {}", req.id, res.file_path, ec.message());
    return ToBeast(StatusResponse(req, 404, "not_found", "There is nothing at this address."), req,
                   version, keep_alive, status);
  }
  status = res.status;
  if (req.method == "HEAD") {
    http::response<http::empty_body> out;
    out.version(version);
    out.result(res.status);
    PrepareHeader(out, res, keep_alive);
    out.content_length(file.size());
    return http::message_generator(std::move(out));
  }
  http::response<http::file_body> out;
  out.version(version);
  out.result(res.status);
  PrepareHeader(out, res, keep_alive);
  out.body() = std::move(file);
  out.prepare_payload();
  return http::message_generator(std::move(out));
}

bool IsHttpError(beast::error_code ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category();
}

}  // namespace

void FromBeast(const http::request_header<>& header, Request& req) {
  req.method = std::string(header.method_string());
  req.target = std::string(header.target());
  std::string_view target = req.target;
  // absolute-form ("http://host/path", RFC 9112 3.2.2): route on the path.
  if (target.starts_with("http://") || target.starts_with("https://")) {
    size_t slash = target.find('/', target.find("//") + 2);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  size_t question = target.find('?');
  req.path = std::string(target.substr(0, question));
  req.query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  for (const auto& field : header) {
    req.headers.Add(std::string(field.name_string()), std::string(field.value()));
  }
}

http::message_generator ToBeast(Response res, const Request& req, unsigned version, bool keep_alive,
                                unsigned& status) {
  if (!res.file_path.empty()) return FileMessage(std::move(res), req, version, keep_alive, status);
  status = res.status;
  http::response<http::string_body> out;
  out.version(version);
  out.result(res.status);
  PrepareHeader(out, res, keep_alive);
  // 1xx, 204 and 304 carry no body (Beast refuses to frame one).
  if (res.status < 200 || res.status == 204 || res.status == 304) res.body.clear();
  out.body() = std::move(res.body);
  out.prepare_payload();
  // HEAD: the GET's Content-Length, no body (RFC 9110 9.3.2).
  if (req.method == "HEAD") out.body().clear();
  return http::message_generator(std::move(out));
}

std::optional<Response> HostProblem(const http::request_header<>& header, const Request& req) {
  const size_t hosts = header.count(http::field::host);
  if (hosts > 1) {
    return StatusResponse(req, 400, "invalid", "The request has more than one Host header.");
  }
  if (hosts == 0 && header.version() >= 11) {
    return StatusResponse(req, 400, "invalid", "An HTTP/1.1 request needs a Host header.");
  }
  return std::nullopt;
}

std::optional<Response> RejectionFor(beast::error_code ec, const Request& req) {
  if (ec == http::error::header_limit) {
    return StatusResponse(req, 431, "too_large", "The request header is too large.");
  }
  if (ec == http::error::body_limit) {
    return StatusResponse(req, 413, "too_large", "The request body is too large.");
  }
  bool went_away = ec == http::error::end_of_stream || ec == http::error::partial_message ||
                   ec == http::error::need_more || ec == http::error::need_buffer;
  if (IsHttpError(ec) && !went_away) {
    return StatusResponse(req, 400, "invalid", "The request is malformed.");
  }
  return std::nullopt;
}

}  // namespace guildhall::web::server_internal

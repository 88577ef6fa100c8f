#include "web/http/message.h"

#include <strings.h>

#include "web/http/spooled_body.h"

namespace guildhall::web {
namespace {

bool NameEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Response WithBody(unsigned status, std::string_view content_type, std::string body) {
  Response res;
  res.status = status;
  res.headers.Set("Content-Type", std::string(content_type));
  res.body = std::move(body);
  return res;
}

}  // namespace

std::string_view Headers::Get(std::string_view name) const {
  for (const auto& [field, value] : fields_) {
    if (NameEquals(field, name)) return value;
  }
  return {};
}

bool Headers::Has(std::string_view name) const {
  for (const auto& field : fields_) {
    if (NameEquals(field.first, name)) return true;
  }
  return false;
}

void Headers::Set(std::string name, std::string value) {
  std::erase_if(fields_, [&](const auto& field) { return NameEquals(field.first, name); });
  fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

std::string_view Request::Body() const { return spooled ? spooled->bytes() : body; }

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    size_t eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), /*plus_as_space=*/true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return PercentDecode(pair.substr(eq + 1), /*plus_as_space=*/true);
  }
  return std::nullopt;
}

Response Response::Text(unsigned status, std::string body) {
  return WithBody(status, "text/plain; charset=utf-8", std::move(body));
}

Response Response::Html(unsigned status, std::string body) {
  return WithBody(status, "text/html; charset=utf-8", std::move(body));
}

Response Response::Json(unsigned status, std::string body) {
  return WithBody(status, "application/json", std::move(body));
}

Response Response::ActivityJson(unsigned status, std::string body) {
  return WithBody(status, "application/activity+json", std::move(body));
}

Response Response::Redirect(std::string location, unsigned status) {
  Response res;
  res.status = status;
  res.headers.Set("Location", std::move(location));
  return res;
}

std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      // A decoded NUL would truncate the value in any C API downstream.
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  return out;
}

}  // namespace guildhall::web

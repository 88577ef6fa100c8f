#include "web/ui/multipart.h"

#include <strings.h>

#include <optional>

namespace guildhall::web {
namespace {

constexpr size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Reads `;`-separated parameters after the first token of a header value:
// name=token or name="quoted \"string\"". Returns the value of `wanted`.
std::optional<std::string> HeaderParam(std::string_view value, std::string_view wanted) {
  size_t pos = value.find(';');
  while (pos != std::string_view::npos && pos < value.size()) {
    ++pos;
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t')) ++pos;
    const size_t eq = value.find('=', pos);
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string_view name = Trim(value.substr(pos, eq - pos));
    std::string param;
    size_t i = eq + 1;
    if (i < value.size() && value[i] == '"') {
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        param.push_back(value[i]);
      }
      if (i >= value.size()) return std::nullopt;  // unterminated quote
      ++i;
    } else {
      while (i < value.size() && value[i] != ';') param.push_back(value[i++]);
      param = std::string(Trim(param));
    }
    if (IEquals(name, wanted)) return param;
    pos = value.find(';', i);
  }
  return std::nullopt;
}

// Fills name/file_name/content_type from one part's header block.
Result<> ParsePartHeaders(std::string_view headers, MultipartPart& part) {
  bool has_disposition = false;
  while (!headers.empty()) {
    const size_t eol = headers.find("\r\n");
    const std::string_view line = headers.substr(0, eol);
    headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Error::Invalid("malformed part header");
    const std::string_view field = Trim(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (IEquals(field, "Content-Disposition")) {
      if (!IEquals(Trim(value.substr(0, value.find(';'))), "form-data")) {
        return Error::Invalid("part is not form-data");
      }
      auto name = HeaderParam(value, "name");
      if (!name) return Error::Invalid("part has no name");
      part.name = std::move(*name);
      if (auto file = HeaderParam(value, "filename")) {
        part.is_file = true;
        part.file_name = std::move(*file);
      }
      has_disposition = true;
    } else if (IEquals(field, "Content-Type")) {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition) return Error::Invalid("part has no Content-Disposition");
  return Ok();
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  const std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  if (!IEquals(type, "multipart/form-data")) return Error::Invalid("not multipart/form-data");
  auto boundary = HeaderParam(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > kMaxBoundary) {
    return Error::Invalid("bad multipart boundary");
  }
  return std::move(*boundary);
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body,
                                                  std::string_view boundary) {
  if (boundary.empty() || boundary.size() > kMaxBoundary) {
    return Error::Invalid("bad multipart boundary");
  }
  const std::string dash = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + dash;
  // The first delimiter may open the body (no preamble) or follow a CRLF.
  size_t pos = body.substr(0, dash.size()) == dash ? 0 : body.find(delimiter);
  if (pos == std::string_view::npos) return Error::Invalid("no multipart delimiter");
  pos += pos == 0 ? dash.size() : delimiter.size();
  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // close-delimiter
    // Transport padding (RFC 2046 §5.1.1) may precede the CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return Error::Invalid("malformed multipart delimiter");
    pos += 2;
    if (parts.size() == kMaxParts) return Error::TooLarge("too many form parts");
    const size_t header_end = body.find("\r\n\r\n", pos);
    const bool no_headers = body.substr(pos, 2) == "\r\n";
    if (!no_headers &&
        (header_end == std::string_view::npos || header_end - pos > kMaxPartHeaderBytes)) {
      return Error::Invalid("malformed or oversized part headers");
    }
    MultipartPart part;
    const size_t data_start = no_headers ? pos + 2 : header_end + 4;
    GH_CHECK(ParsePartHeaders(no_headers ? "" : body.substr(pos, header_end - pos), part));
    const size_t data_end = body.find(delimiter, data_start);
    if (data_end == std::string_view::npos) return Error::Invalid("unterminated multipart part");
    part.data = body.substr(data_start, data_end - data_start);
    parts.push_back(std::move(part));
    pos = data_end + delimiter.size();
  }
}

}  // namespace guildhall::web

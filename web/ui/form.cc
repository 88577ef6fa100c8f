#include "web/ui/form.h"

#include <strings.h>

namespace guildhall::web {
namespace {

const std::string kEmpty;

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && strncasecmp(s.data(), prefix.data(), prefix.size()) == 0;
}

}  // namespace

Result<Form> Form::ParseUrlEncoded(std::string_view text) {
  Form form;
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), /*plus_as_space=*/true);
    auto value = eq == std::string_view::npos
                     ? std::optional<std::string>(std::string())
                     : PercentDecode(pair.substr(eq + 1), /*plus_as_space=*/true);
    if (!name || !value) return Error::Invalid("malformed form encoding");
    form.fields_.emplace_back(std::move(*name), std::move(*value));
  }
  return form;
}

Result<Form> Form::Parse(const Request& req) {
  const std::string_view type = req.headers.Get("Content-Type");
  const std::string_view body = req.Body();
  if (body.empty()) return Form();
  if (StartsWithIgnoreCase(type, "application/x-www-form-urlencoded")) {
    return ParseUrlEncoded(body);
  }
  if (!StartsWithIgnoreCase(type, "multipart/form-data")) {
    return Error::Invalid("unsupported form encoding");
  }
  const std::string boundary = GH_TRY(MultipartBoundary(type));
  auto parts = GH_TRY(ParseMultipart(body, boundary));
  Form form;
  for (auto& part : parts) {
    if (part.is_file) {
      // An empty file input still sends a part with filename="".
      if (!part.file_name.empty() || !part.data.empty()) form.files_.push_back(std::move(part));
    } else {
      form.fields_.emplace_back(std::move(part.name), std::string(part.data));
    }
  }
  return form;
}

const std::string& Form::Get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return kEmpty;
}

bool Form::Has(std::string_view name) const {
  for (const auto& field : fields_) {
    if (field.first == name) return true;
  }
  return false;
}

std::vector<std::string> Form::GetAll(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : fields_) {
    if (key == name) out.push_back(value);
  }
  return out;
}

const MultipartPart* Form::File(std::string_view name) const {
  for (const auto& file : files_) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

void Form::Set(std::string name, std::string value) {
  std::erase_if(fields_, [&](const auto& f) { return f.first == name; });
  fields_.emplace_back(std::move(name), std::move(value));
}

}  // namespace guildhall::web

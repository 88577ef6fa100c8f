#include "web/api/json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "federation/protocol/datetime.h"
#include "storage/model/clock.h"

namespace guildhall::web::api {
namespace {

namespace fj = federation::json;

Error FieldError(std::string_view field, std::string_view problem) {
  return Error::Invalid(std::string(field) + ": " + std::string(problem));
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Result<Id> ToId(const fj::Value& v, std::string_view field) {
  std::optional<Id> id;
  if (v.is_string()) id = Id::Parse(v.text());
  if (v.kind() == fj::Value::Kind::kNumber) {
    auto n = v.AsInt64();
    if (n && *n > 0) id = Id{static_cast<uint64_t>(*n)};
  }
  if (!id || !*id) return FieldError(field, "must be an id (a decimal string)");
  return *id;
}

}  // namespace

Result<JsonBody> JsonBody::Parse(std::string_view text) {
  JsonBody body;
  if (IsBlank(text)) {
    body.root_ = fj::Value::Object();
    return body;
  }
  // The route's body limit already bounds the size; depth and value counts
  // are the caps that protect the handlers.
  fj::Limits limits{.max_bytes = text.size(), .max_depth = kMaxJsonDepth, .max_values = 20000};
  auto parsed = fj::Parse(text, limits);
  if (!parsed) {
    // Too deep or too many values is still a malformed request here (400);
    // an oversized body never reaches the handler (413 from the server).
    std::string m = std::move(parsed).error().message;
    if (m.starts_with("json: ")) m.erase(0, 6);
    return Error::Invalid("body: " + m);
  }
  body.root_ = std::move(*parsed);
  return body;
}

const fj::Value* JsonBody::Find(std::string_view field) const {
  const fj::Value* v = root_.Find(field);
  return (v && !v->is_null()) ? v : nullptr;
}

bool JsonBody::Has(std::string_view field) const { return Find(field) != nullptr; }

Result<std::optional<std::string>> JsonBody::String(std::string_view field) const {
  const fj::Value* v = Find(field);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return FieldError(field, "must be a string");
  return std::optional<std::string>(v->text());
}

Result<std::optional<bool>> JsonBody::Bool(std::string_view field) const {
  const fj::Value* v = Find(field);
  if (!v) return std::optional<bool>();
  if (v->kind() != fj::Value::Kind::kBool) return FieldError(field, "must be true or false");
  return std::optional<bool>(v->boolean());
}

Result<std::optional<int64_t>> JsonBody::Int(std::string_view field) const {
  const fj::Value* v = Find(field);
  if (!v) return std::optional<int64_t>();
  auto n = v->kind() == fj::Value::Kind::kNumber ? v->AsInt64() : std::nullopt;
  if (!n) return FieldError(field, "must be an integer");
  return std::optional<int64_t>(*n);
}

Result<std::optional<Id>> JsonBody::IdField(std::string_view field) const {
  const fj::Value* v = Find(field);
  if (!v) return std::optional<Id>();
  return std::optional<Id>(GH_TRY(ToId(*v, field)));
}

Result<std::optional<std::vector<std::string>>> JsonBody::StringList(std::string_view field) const {
  const fj::Value* v = Find(field);
  if (!v) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return FieldError(field, "must be an array of strings");
  std::vector<std::string> out;
  for (const fj::Value& item : v->items()) {
    if (!item.is_string()) return FieldError(field, "must be an array of strings");
    out.push_back(item.text());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::optional<std::vector<Id>>> JsonBody::IdList(std::string_view field) const {
  const fj::Value* v = Find(field);
  if (!v) return std::optional<std::vector<Id>>();
  if (!v->is_array()) return FieldError(field, "must be an array of ids");
  std::vector<Id> out;
  for (const fj::Value& item : v->items()) out.push_back(GH_TRY(ToId(item, field)));
  return std::optional<std::vector<Id>>(std::move(out));
}

Result<std::optional<int64_t>> JsonBody::Time(std::string_view field) const {
  auto text = GH_TRY(String(field));
  if (!text) return std::optional<int64_t>();
  auto ms = ParseTime(*text);
  if (!ms) return FieldError(field, "must be an RFC 3339 date-time like 2026-12-01T18:00:00Z");
  return std::optional<int64_t>(*ms);
}

Result<std::string> JsonBody::RequiredString(std::string_view field) const {
  auto v = GH_TRY(String(field));
  if (!v) return FieldError(field, "is required");
  return std::move(*v);
}

Result<Id> JsonBody::RequiredId(std::string_view field) const {
  auto v = GH_TRY(IdField(field));
  if (!v) return FieldError(field, "is required");
  return *v;
}

struct JsonWriter::Impl {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

JsonWriter::JsonWriter() : impl_(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::BeginObject() {
  impl_->writer.StartObject();
  return *this;
}
JsonWriter& JsonWriter::EndObject() {
  impl_->writer.EndObject();
  return *this;
}
JsonWriter& JsonWriter::BeginArray() {
  impl_->writer.StartArray();
  return *this;
}
JsonWriter& JsonWriter::EndArray() {
  impl_->writer.EndArray();
  return *this;
}
JsonWriter& JsonWriter::Key(std::string_view key) {
  impl_->writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  return *this;
}
JsonWriter& JsonWriter::String(std::string_view value) {
  impl_->writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  return *this;
}
JsonWriter& JsonWriter::Int(int64_t value) {
  impl_->writer.Int64(value);
  return *this;
}
JsonWriter& JsonWriter::UInt(uint64_t value) {
  impl_->writer.Uint64(value);
  return *this;
}
JsonWriter& JsonWriter::Bool(bool value) {
  impl_->writer.Bool(value);
  return *this;
}
JsonWriter& JsonWriter::Null() {
  impl_->writer.Null();
  return *this;
}
JsonWriter& JsonWriter::IdValue(Id id) { return id ? String(id.ToString()) : Null(); }
JsonWriter& JsonWriter::Time(int64_t unix_ms) {
  return unix_ms ? String(federation::FormatRfc3339(FromUnixMillis(unix_ms))) : Null();
}
JsonWriter& JsonWriter::Raw(std::string_view json) {
  impl_->writer.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  return *this;
}
JsonWriter& JsonWriter::StringList(std::string_view key, const std::vector<std::string>& values) {
  Key(key).BeginArray();
  for (const std::string& v : values) String(v);
  return EndArray();
}

std::string JsonWriter::Take() {
  std::string out(impl_->buffer.GetString(), impl_->buffer.GetSize());
  impl_->buffer.Clear();
  impl_->writer.Reset(impl_->buffer);
  return out;
}

std::optional<int64_t> ParseTime(std::string_view text) {
  auto t = federation::ParseRfc3339(text);
  if (!t) return std::nullopt;
  return UnixMillis(*t);
}

}  // namespace guildhall::web::api

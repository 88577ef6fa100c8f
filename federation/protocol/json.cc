#include "federation/protocol/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>

namespace guildhall::federation::json {
namespace {

// Builds our DOM from SAX events with an explicit stack; returning false
// stops RapidJSON at once with kParseErrorTermination, and `error` says why.
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  explicit Builder(const Limits& limits) : limits_(limits) {}

  bool Null() { return Add(Value()); }
  bool Bool(bool b) { return Add(Value::Bool(b)); }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
    return Add(Value::Number(std::string(s, len)));
  }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    std::string_view text(s, len);
    if (!CheckText(text)) return false;
    return Add(Value::String(std::string(text)));
  }
  bool StartObject() { return Open(Value::Object()); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    std::string_view name(s, len);
    if (!CheckText(name)) return false;
    stack_.back().mutable_members().push_back({std::string(name), Value()});
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(Value::Array()); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  Value TakeRoot() { return std::move(root_); }
  const Error& error() const { return error_; }
  bool failed() const { return failed_; }

 private:
  bool Fail(Error e) {
    error_ = std::move(e);
    failed_ = true;
    return false;
  }

  bool CheckText(std::string_view text) {
    if (text.find('\0') != std::string_view::npos)
      return Fail(Error::Invalid("json: NUL character in a string"));
    // RapidJSON validates raw bytes; \uDC00-style escapes still need checking.
    if (!IsValidUtf8(text)) return Fail(Error::Invalid("json: invalid UTF-8 in a string"));
    return true;
  }

  bool Count() {
    if (++values_ > limits_.max_values) return Fail(Error::TooLarge("json: too many values"));
    return true;
  }

  bool Add(Value v) {
    if (!Count()) return false;
    if (stack_.empty()) return Fail(Error::Invalid("json: top level is not an object"));
    Value& parent = stack_.back();
    if (parent.is_array()) {
      parent.mutable_items().push_back(std::move(v));
    } else {
      parent.mutable_members().back().value = std::move(v);
    }
    return true;
  }

  bool Open(Value v) {
    if (!Count()) return false;
    if (stack_.empty() && !v.is_object())
      return Fail(Error::Invalid("json: top level is not an object"));
    if (stack_.size() >= limits_.max_depth) {
      return Fail(
          Error::TooLarge("json: nesting deeper than " + std::to_string(limits_.max_depth)));
    }
    stack_.push_back(std::move(v));
    return true;
  }

  bool Close() {
    Value done = std::move(stack_.back());
    stack_.pop_back();
    if (done.is_object() && !UniqueNames(done)) return false;
    if (stack_.empty()) {
      root_ = std::move(done);
      return true;
    }
    --values_;  // Add() counts it again
    return Add(std::move(done));
  }

  // Duplicate names make a document mean different things to different
  // parsers (RapidJSON keeps both, others keep the last): refuse them.
  bool UniqueNames(const Value& object) {
    std::vector<std::string_view> names;
    names.reserve(object.members().size());
    for (const Member& m : object.members()) names.push_back(m.name);
    std::sort(names.begin(), names.end());
    auto dup = std::adjacent_find(names.begin(), names.end());
    if (dup != names.end())
      return Fail(Error::Invalid("json: duplicate member \"" + std::string(*dup) + "\""));
    return true;
  }

  const Limits& limits_;
  std::vector<Value> stack_;
  Value root_;
  size_t values_ = 0;
  Error error_;
  bool failed_ = false;
};

void Write(const Value& v, rapidjson::Writer<rapidjson::StringBuffer>& w) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      w.Null();
      break;
    case Value::Kind::kBool:
      w.Bool(v.boolean());
      break;
    case Value::Kind::kNumber:
      w.RawValue(v.text().data(), v.text().size(), rapidjson::kNumberType);
      break;
    case Value::Kind::kString:
      w.String(v.text().data(), static_cast<rapidjson::SizeType>(v.text().size()));
      break;
    case Value::Kind::kArray:
      w.StartArray();
      for (const Value& item : v.items()) Write(item, w);
      w.EndArray();
      break;
    case Value::Kind::kObject:
      w.StartObject();
      for (const Member& m : v.members()) {
        w.Key(m.name.data(), static_cast<rapidjson::SizeType>(m.name.size()));
        Write(m.value, w);
      }
      w.EndObject();
      break;
  }
}

}  // namespace

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  return v;
}

Value Value::Number(std::string text) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.text_ = std::move(text);
  return v;
}

Value Value::String(std::string text) {
  Value v;
  v.kind_ = Kind::kString;
  v.text_ = std::move(text);
  return v;
}

Value Value::Array() {
  Value v;
  v.kind_ = Kind::kArray;
  return v;
}

Value Value::Object() {
  Value v;
  v.kind_ = Kind::kObject;
  return v;
}

std::optional<int64_t> Value::AsInt64() const {
  if (kind_ != Kind::kNumber) return std::nullopt;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), out);
  if (ec != std::errc() || end != text_.data() + text_.size()) return std::nullopt;
  return out;
}

std::optional<double> Value::AsDouble() const {
  if (kind_ != Kind::kNumber) return std::nullopt;
  double out = 0;
  auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), out);
  if (ec != std::errc() || end != text_.data() + text_.size()) return std::nullopt;
  return out;
}

const Value* Value::Find(std::string_view key) const {
  for (const Member& m : members_) {
    if (m.name == key) return &m.value;
  }
  return nullptr;
}

Result<Value> Parse(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    return Error::TooLarge("json: document larger than " + std::to_string(limits.max_bytes) +
                           " bytes");
  }
  Builder builder(limits);
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (builder.failed()) return builder.error();
  if (ok.IsError()) {
    return Error::Invalid(std::string("json: ") + rapidjson::GetParseError_En(ok.Code()) +
                          " at offset " + std::to_string(ok.Offset()));
  }
  return builder.TakeRoot();
}

std::string Serialize(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  Write(value, writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      len = 2, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

}  // namespace guildhall::federation::json

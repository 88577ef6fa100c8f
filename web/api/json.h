// JSON for the API: reading request bodies and writing responses. Bodies are
// parsed by the bounded parser of federation/protocol/json.h (iterative, so
// nesting cannot exhaust the stack; size, depth and value caps; valid UTF-8;
// no duplicate names; an object at the top) and read field by field with
// errors that name the field ("title: must be a string"). Responses are
// written with RapidJSON's streaming writer, which escapes every string.
// JsonBody is read-only after Parse (thread-compatible); JsonWriter has one
// owner.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/protocol/json.h"
#include "storage/model/ids.h"
#include "storage/model/result.h"

namespace guildhall::web::api {

inline constexpr size_t kMaxJsonDepth = 16;

class JsonBody {
 public:
  // An empty body (or only whitespace) reads as {}. kInvalid "body: ..." for
  // anything that is not one well-formed JSON object within the caps.
  static Result<JsonBody> Parse(std::string_view text);

  bool Has(std::string_view field) const;
  // Optional fields: nullopt when absent or null; kInvalid when of another type.
  Result<std::optional<std::string>> String(std::string_view field) const;
  Result<std::optional<bool>> Bool(std::string_view field) const;
  Result<std::optional<int64_t>> Int(std::string_view field) const;
  // Ids travel as decimal strings (JavaScript numbers lose 64-bit ids); a
  // JSON integer is accepted too.
  Result<std::optional<Id>> IdField(std::string_view field) const;
  Result<std::optional<std::vector<std::string>>> StringList(std::string_view field) const;
  Result<std::optional<std::vector<Id>>> IdList(std::string_view field) const;
  // An RFC 3339 date-time string, as unix ms.
  Result<std::optional<int64_t>> Time(std::string_view field) const;
  // Required: kInvalid "<field>: is required" when absent or null.
  Result<std::string> RequiredString(std::string_view field) const;
  Result<Id> RequiredId(std::string_view field) const;

 private:
  const federation::json::Value* Find(std::string_view field) const;
  federation::json::Value root_;
};

// A streaming writer producing compact JSON text.
class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& UInt(uint64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // An id as a decimal string, or null for Id 0.
  JsonWriter& IdValue(Id id);
  // Unix milliseconds as an RFC 3339 UTC string, or null for 0.
  JsonWriter& Time(int64_t unix_ms);
  // Already-serialized JSON (e.g. community's audit lines), copied verbatim.
  JsonWriter& Raw(std::string_view json);

  // Key plus value, for the common case.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  JsonWriter& Field(std::string_view key, uint64_t value) { return Key(key).UInt(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& IdField(std::string_view key, Id id) { return Key(key).IdValue(id); }
  JsonWriter& TimeField(std::string_view key, int64_t unix_ms) { return Key(key).Time(unix_ms); }
  JsonWriter& StringList(std::string_view key, const std::vector<std::string>& values);

  // The text written so far. REQUIRES: every object and array closed.
  std::string Take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Unix ms from an RFC 3339 date-time ("2026-12-01T18:00:00Z",
// "2026-12-01T19:00:00+01:00"); nullopt if malformed.
std::optional<int64_t> ParseTime(std::string_view text);

}  // namespace guildhall::web::api

// Minimal JSON writing for the audit export (JSON Lines): string escaping
// per RFC 8259 §7 and a tiny object builder. Community has no JSON library
// (RapidJSON is confined to federation/protocol and web/api).
// Not thread-safe (one per line); pure helpers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace guildhall::community {

// Appends `s` as a quoted JSON string: escapes " \ and control characters;
// invalid UTF-8 bytes become U+FFFD so the output is always valid JSON.
void AppendJsonString(std::string& out, std::string_view s);

// Builds one flat JSON object: {"k":"v","n":1}.
class JsonObject {
 public:
  JsonObject& Str(std::string_view key, std::string_view value);
  JsonObject& Int(std::string_view key, int64_t value);
  JsonObject& UInt(std::string_view key, uint64_t value);
  // The finished object.
  std::string Take();

 private:
  void Key(std::string_view key);
  std::string out_ = "{";
};

}  // namespace guildhall::community

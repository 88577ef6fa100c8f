// Bounded JSON parsing for everything that arrives from the network. Built on
// RapidJSON's iterative SAX reader (no recursion on input nesting), into a
// small DOM of our own so that no RapidJSON type leaves this directory.
// Enforced while parsing: byte size, nesting depth, value count, valid UTF-8
// (no lone surrogates, no NUL), no duplicate member names, object at the top.
// Values are plain data; thread-compatible. Depth is bounded, so destroying a
// Value never recurses deeper than Limits::max_depth.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/result.h"

namespace guildhall::federation::json {

struct Limits {
  size_t max_bytes = 1024 * 1024;  // Mastodon's MAX_JSON_SIZE
  size_t max_depth = 32;           // containers nested inside each other
  size_t max_values = 50000;       // every scalar, array and object counts
};

struct Member;

class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

  Value() = default;  // null
  static Value Bool(bool b);
  static Value Number(std::string text);  // the literal as written, e.g. "1.5e3"
  static Value String(std::string text);
  static Value Array();
  static Value Object();

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  bool boolean() const { return bool_; }
  // String contents, or the number literal for kNumber; empty otherwise.
  const std::string& text() const { return text_; }
  // For kNumber: the value when it is an integer that fits; nullopt otherwise.
  std::optional<int64_t> AsInt64() const;
  std::optional<double> AsDouble() const;

  const std::vector<Value>& items() const { return items_; }       // kArray
  const std::vector<Member>& members() const { return members_; }  // kObject, document order
  // The member named `key`, or nullptr (also when this is not an object).
  const Value* Find(std::string_view key) const;

  std::vector<Value>& mutable_items() { return items_; }
  std::vector<Member>& mutable_members() { return members_; }

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::string text_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

struct Member {
  std::string name;
  Value value;
};

// Parses one JSON document whose top level is an object. kTooLarge when a
// limit is exceeded; kInvalid for bad syntax, encoding, duplicate names or a
// non-object top level. The message says which and where.
Result<Value> Parse(std::string_view text, const Limits& limits = {});

// Serializes compactly (members in stored order). For tests and re-emission.
std::string Serialize(const Value& value);

// True iff `s` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace guildhall::federation::json

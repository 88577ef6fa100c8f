// Byte encodings for keys and values (layouts in spec/STORAGE.md).
//
// Keys are order-preserving: fixed-width big-endian integers (signed ones with
// the sign bit flipped) and strings escaped so that a composite key's byte
// order equals the order of its parts: 0x00 inside a string becomes 0x00 0xFF,
// and a string ends with 0x00 0x01. A prefix scan over the leading parts of a
// composite key therefore never spills into a neighbouring string.
//
// Values start with a format-version byte chosen by the record's codec,
// followed by fields in a fixed order: varint integers, length-prefixed bytes.
// Decoding is bounds-checked and fails with kInternal on corrupt input; it
// never reads past the buffer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/ids.h"
#include "storage/model/result.h"

namespace guildhall::storage {

class KeyBuilder {
 public:
  KeyBuilder& U8(uint8_t v);
  KeyBuilder& U16(uint16_t v);
  KeyBuilder& U32(uint32_t v);
  KeyBuilder& U64(uint64_t v);
  KeyBuilder& I64(int64_t v);  // order-preserving: sign bit flipped
  KeyBuilder& Id(guildhall::Id id) { return U64(id.value); }
  KeyBuilder& Str(std::string_view s);  // escaped and terminated; see above
  // Raw bytes with no terminator: only as the last part of a key.
  KeyBuilder& Raw(std::string_view s);

  const std::string& bytes() const { return bytes_; }
  std::string Take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

// Reads back what KeyBuilder wrote, part by part. Each getter returns nullopt
// when the key is too short or malformed.
class KeyReader {
 public:
  explicit KeyReader(std::string_view key) : rest_(key) {}
  std::optional<uint8_t> U8();
  std::optional<uint16_t> U16();
  std::optional<uint32_t> U32();
  std::optional<uint64_t> U64();
  std::optional<int64_t> I64();
  std::optional<guildhall::Id> Id();
  std::optional<std::string> Str();
  std::string_view Rest() const { return rest_; }
  bool Done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// The smallest key greater than every key that starts with `prefix`; empty if
// there is none (all 0xFF), which Scan reads as "to the end".
std::string PrefixEnd(std::string_view prefix);

class ValueWriter {
 public:
  explicit ValueWriter(uint8_t version) { bytes_.push_back(static_cast<char>(version)); }
  ValueWriter& U64(uint64_t v);  // varint
  ValueWriter& I64(int64_t v);   // zigzag varint
  ValueWriter& Bool(bool v) { return U64(v ? 1 : 0); }
  ValueWriter& Id(guildhall::Id id) { return U64(id.value); }
  ValueWriter& Str(std::string_view s);  // varint length, then bytes
  ValueWriter& Strs(const std::vector<std::string>& v);
  ValueWriter& Ids(const std::vector<guildhall::Id>& v);

  const std::string& bytes() const { return bytes_; }
  std::string Take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

// Reads a value written by ValueWriter. Errors are sticky: after the first
// failure every getter returns a zero value and ok() stays false, so a codec
// reads all fields and checks once at the end.
class ValueReader {
 public:
  explicit ValueReader(std::string_view bytes);
  uint8_t version() const { return version_; }
  uint64_t U64();
  int64_t I64();
  bool Bool() { return U64() != 0; }
  guildhall::Id Id() { return guildhall::Id{U64()}; }
  std::string Str();
  std::vector<std::string> Strs();
  std::vector<guildhall::Id> Ids();
  // True if fields remain (a newer writer appended some): old readers ignore them.
  bool HasMore() const { return ok_ && !rest_.empty(); }
  bool ok() const { return ok_; }
  // kInternal naming `what` if any read failed.
  Result<> Finish(std::string_view what) const;

 private:
  std::string_view rest_;
  uint8_t version_ = 0;
  bool ok_ = true;
};

}  // namespace guildhall::storage

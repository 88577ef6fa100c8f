#include "storage/model/encoding.h"

namespace guildhall::storage {
namespace {

// Container sizes above this are corrupt data, not records: refuse to allocate.
constexpr uint64_t kMaxDecodedElements = 1u << 20;

template <class T>
void AppendBigEndian(std::string& out, T v) {
  for (int shift = (sizeof(T) - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
  }
}

template <class T>
std::optional<T> ReadBigEndian(std::string_view& in) {
  if (in.size() < sizeof(T)) return std::nullopt;
  T v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>((v << 8) | static_cast<uint8_t>(in[i]));
  in.remove_prefix(sizeof(T));
  return v;
}

constexpr uint64_t kSignBit = uint64_t{1} << 63;

}  // namespace

KeyBuilder& KeyBuilder::U8(uint8_t v) { return AppendBigEndian(bytes_, v), *this; }
KeyBuilder& KeyBuilder::U16(uint16_t v) { return AppendBigEndian(bytes_, v), *this; }
KeyBuilder& KeyBuilder::U32(uint32_t v) { return AppendBigEndian(bytes_, v), *this; }
KeyBuilder& KeyBuilder::U64(uint64_t v) { return AppendBigEndian(bytes_, v), *this; }
KeyBuilder& KeyBuilder::I64(int64_t v) { return U64(static_cast<uint64_t>(v) ^ kSignBit); }

KeyBuilder& KeyBuilder::Str(std::string_view s) {
  for (char c : s) {
    bytes_.push_back(c);
    if (c == '\0') bytes_.push_back('\xFF');
  }
  bytes_.push_back('\0');
  bytes_.push_back('\x01');
  return *this;
}

KeyBuilder& KeyBuilder::Raw(std::string_view s) {
  bytes_.append(s);
  return *this;
}

std::optional<uint8_t> KeyReader::U8() { return ReadBigEndian<uint8_t>(rest_); }
std::optional<uint16_t> KeyReader::U16() { return ReadBigEndian<uint16_t>(rest_); }
std::optional<uint32_t> KeyReader::U32() { return ReadBigEndian<uint32_t>(rest_); }
std::optional<uint64_t> KeyReader::U64() { return ReadBigEndian<uint64_t>(rest_); }
std::optional<int64_t> KeyReader::I64() {
  auto v = U64();
  if (!v) return std::nullopt;
  return static_cast<int64_t>(*v ^ kSignBit);
}
std::optional<guildhall::Id> KeyReader::Id() {
  auto v = U64();
  if (!v) return std::nullopt;
  return guildhall::Id{*v};
}

std::optional<std::string> KeyReader::Str() {
  std::string out;
  for (size_t i = 0; i + 1 < rest_.size(); ++i) {
    if (rest_[i] != '\0') {
      out.push_back(rest_[i]);
      continue;
    }
    const char next = rest_[i + 1];
    if (next == '\x01') {
      rest_.remove_prefix(i + 2);
      return out;
    }
    if (next != '\xFF') return std::nullopt;
    out.push_back('\0');
    ++i;
  }
  return std::nullopt;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(end.back());
    if (last != 0xFF) {
      ++last;
      return end;
    }
    end.pop_back();
  }
  return end;
}

ValueWriter& ValueWriter::U64(uint64_t v) {
  while (v >= 0x80) {
    bytes_.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  bytes_.push_back(static_cast<char>(v));
  return *this;
}

ValueWriter& ValueWriter::I64(int64_t v) {
  return U64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

ValueWriter& ValueWriter::Str(std::string_view s) {
  U64(s.size());
  bytes_.append(s);
  return *this;
}

ValueWriter& ValueWriter::Strs(const std::vector<std::string>& v) {
  U64(v.size());
  for (const auto& s : v) Str(s);
  return *this;
}

ValueWriter& ValueWriter::Ids(const std::vector<guildhall::Id>& v) {
  U64(v.size());
  for (auto id : v) Id(id);
  return *this;
}

ValueReader::ValueReader(std::string_view bytes) : rest_(bytes) {
  if (rest_.empty()) {
    ok_ = false;
    return;
  }
  version_ = static_cast<uint8_t>(rest_[0]);
  rest_.remove_prefix(1);
}

uint64_t ValueReader::U64() {
  uint64_t v = 0;
  for (int shift = 0; ok_ && shift < 64; shift += 7) {
    if (rest_.empty()) break;
    const auto byte = static_cast<uint8_t>(rest_[0]);
    rest_.remove_prefix(1);
    v |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
  ok_ = false;
  return 0;
}

int64_t ValueReader::I64() {
  const uint64_t z = U64();
  return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
}

std::string ValueReader::Str() {
  const uint64_t n = U64();
  if (!ok_ || n > rest_.size()) {
    ok_ = false;
    return {};
  }
  std::string out(rest_.substr(0, n));
  rest_.remove_prefix(n);
  return out;
}

std::vector<std::string> ValueReader::Strs() {
  const uint64_t n = U64();
  std::vector<std::string> out;
  if (n > kMaxDecodedElements || n > rest_.size()) {
    ok_ = false;
    return out;
  }
  out.reserve(n);
  for (uint64_t i = 0; ok_ && i < n; ++i) out.push_back(Str());
  return out;
}

std::vector<guildhall::Id> ValueReader::Ids() {
  const uint64_t n = U64();
  std::vector<guildhall::Id> out;
  if (n > kMaxDecodedElements || n > rest_.size()) {
    ok_ = false;
    return out;
  }
  out.reserve(n);
  for (uint64_t i = 0; ok_ && i < n; ++i) out.push_back(Id());
  return out;
}

Result<> ValueReader::Finish(std::string_view what) const {
  if (ok_) return Ok();
  return Error::Internal("corrupt stored value: " + std::string(what));
}

}  // namespace guildhall::storage

// Tests storage/model/encoding.{h,cc}: every key encoder round-trips and
// preserves order (alone and inside composite keys), values round-trip, and
// corrupt or truncated input fails cleanly without reading past the buffer.
#include "storage/model/encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

namespace guildhall::storage {
namespace {

using namespace std::string_literals;

// Byte order of encoded keys must equal value order: sort the values both
// ways and compare.
template <class T, class Encode>
void ExpectOrderPreserved(std::vector<T> values, Encode encode) {
  std::sort(values.begin(), values.end());
  std::vector<std::string> encoded;
  for (const auto& v : values) encoded.push_back(encode(v));
  for (size_t i = 1; i < encoded.size(); ++i) {
    if (values[i - 1] == values[i]) {
      EXPECT_EQ(encoded[i - 1], encoded[i]) << "index " << i;
    } else {
      EXPECT_LT(encoded[i - 1], encoded[i]) << "index " << i;
    }
  }
}

TEST(KeyEncoding, UnsignedRoundTripAndOrder) {
  std::vector<uint64_t> values = {0,
                                  1,
                                  0x7F,
                                  0x80,
                                  0xFF,
                                  0x100,
                                  0xFFFF,
                                  0x10000,
                                  0xFFFFFFFF,
                                  0x100000000ull,
                                  std::numeric_limits<uint64_t>::max() - 1,
                                  std::numeric_limits<uint64_t>::max()};
  for (uint64_t v : values) {
    KeyBuilder key;
    key.U8(static_cast<uint8_t>(v))
        .U16(static_cast<uint16_t>(v))
        .U32(static_cast<uint32_t>(v))
        .U64(v);
    EXPECT_EQ(key.bytes().size(), 1u + 2 + 4 + 8);
    KeyReader reader(key.bytes());
    EXPECT_EQ(reader.U8(), static_cast<uint8_t>(v));
    EXPECT_EQ(reader.U16(), static_cast<uint16_t>(v));
    EXPECT_EQ(reader.U32(), static_cast<uint32_t>(v));
    EXPECT_EQ(reader.U64(), v);
    EXPECT_TRUE(reader.Done());
  }
  ExpectOrderPreserved(values, [](uint64_t v) { return KeyBuilder().U64(v).Take(); });
  std::vector<uint32_t> values32;
  for (uint64_t v : values) {
    if (v <= UINT32_MAX) values32.push_back(static_cast<uint32_t>(v));
  }
  ExpectOrderPreserved(values32, [](uint32_t v) { return KeyBuilder().U32(v).Take(); });
  ExpectOrderPreserved(std::vector<uint16_t>{0, 1, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF},
                       [](uint16_t v) { return KeyBuilder().U16(v).Take(); });
  ExpectOrderPreserved(std::vector<uint8_t>{0, 1, 0x7F, 0x80, 0xFF},
                       [](uint8_t v) { return KeyBuilder().U8(v).Take(); });
}

TEST(KeyEncoding, SignedOrderIncludesNegatives) {
  const std::vector<int64_t> values = {std::numeric_limits<int64_t>::min(),
                                       std::numeric_limits<int64_t>::min() + 1,
                                       -1'000'000'000'000,
                                       -256,
                                       -255,
                                       -2,
                                       -1,
                                       0,
                                       1,
                                       255,
                                       256,
                                       1'000'000'000'000,
                                       std::numeric_limits<int64_t>::max() - 1,
                                       std::numeric_limits<int64_t>::max()};
  for (int64_t v : values) {
    const std::string key = KeyBuilder().I64(v).Take();
    KeyReader reader(key);
    EXPECT_EQ(reader.I64(), v);
    EXPECT_TRUE(reader.Done());
  }
  ExpectOrderPreserved(values, [](int64_t v) { return KeyBuilder().I64(v).Take(); });
}

TEST(KeyEncoding, IdRoundTripsAndSortsByTime) {
  const Id early{(uint64_t{1000} << 16) | 5};
  const Id late{(uint64_t{1001} << 16)};
  EXPECT_LT(KeyBuilder().Id(early).bytes(), KeyBuilder().Id(late).bytes());
  const std::string key = KeyBuilder().Id(early).Take();
  KeyReader reader(key);
  EXPECT_EQ(reader.Id(), early);
}

const std::vector<std::string>& TrickyStrings() {
  static const std::vector<std::string> strings = {
      ""s,      "\0"s,   "\0\0"s,  "\0\x01"s, "\0\xFF"s,   "\x01"s,  "a"s,   "a\0"s,
      "a\0\0"s, "a\0b"s, "a\x01"s, "a\xFF"s,  "ab"s,       "ab\0"s,  "abc"s, "b"s,
      "\x7F"s,  "\x80"s, "\xFE"s,  "\xFF"s,   "\xFF\xFF"s, "\xFF\0"s};
  return strings;
}

TEST(KeyEncoding, StrRoundTripsEmbeddedNuls) {
  for (const auto& s : TrickyStrings()) {
    const std::string key = KeyBuilder().Str(s).U32(7).Take();
    KeyReader reader(key);
    EXPECT_EQ(reader.Str(), s);
    EXPECT_EQ(reader.U32(), 7u);
    EXPECT_TRUE(reader.Done());
  }
}

TEST(KeyEncoding, StrOrderAloneAndInCompositeKeys) {
  ExpectOrderPreserved(TrickyStrings(),
                       [](const std::string& s) { return KeyBuilder().Str(s).Take(); });
  // "a" < "a\0" < "ab" must hold whatever follows the string part.
  std::vector<std::tuple<std::string, uint64_t, std::string>> tuples;
  for (const auto& s : TrickyStrings()) {
    for (uint64_t n : {uint64_t{0}, uint64_t{1}, uint64_t{0xFFFFFFFFFFFFFFFF}}) {
      for (const std::string& tail : {""s, "\0"s, "z"s}) tuples.emplace_back(s, n, tail);
    }
  }
  ExpectOrderPreserved(tuples, [](const auto& t) {
    return KeyBuilder().Str(std::get<0>(t)).U64(std::get<1>(t)).Str(std::get<2>(t)).Take();
  });
}

TEST(KeyEncoding, PrefixScanOfStrDoesNotSpillIntoLongerStrings) {
  const std::string prefix = KeyBuilder().U16(3).Str("a").Take();
  const std::string end = PrefixEnd(prefix);
  auto inside = [&](const std::string& key) { return key >= prefix && key < end; };
  EXPECT_TRUE(inside(KeyBuilder().U16(3).Str("a").U64(0).Take()));
  EXPECT_TRUE(inside(KeyBuilder().U16(3).Str("a").U64(~uint64_t{0}).Take()));
  EXPECT_FALSE(inside(KeyBuilder().U16(3).Str("a\0"s).U64(0).Take()));
  EXPECT_FALSE(inside(KeyBuilder().U16(3).Str("ab").U64(0).Take()));
  EXPECT_FALSE(inside(KeyBuilder().U16(3).Str("").U64(0).Take()));
  EXPECT_FALSE(inside(KeyBuilder().U16(4).Str("a").U64(0).Take()));
}

TEST(KeyEncoding, RawIsAppendedVerbatim) {
  const std::string key = KeyBuilder().U8(1).Raw("x\0y"s).Take();
  EXPECT_EQ(key, "\x01x\0y"s);
  KeyReader reader(key);
  EXPECT_EQ(reader.U8(), 1);
  EXPECT_EQ(reader.Rest(), "x\0y"s);
}

TEST(KeyEncoding, TruncatedOrMalformedKeysFail) {
  const std::string full = KeyBuilder().U64(42).Take();
  for (size_t n = 0; n < full.size(); ++n) {
    KeyReader reader(std::string_view(full).substr(0, n));
    EXPECT_FALSE(reader.U64()) << n;
    EXPECT_EQ(reader.Rest().size(), n) << "a failed read consumes nothing";
  }
  EXPECT_FALSE(KeyReader("").U8());
  EXPECT_FALSE(KeyReader("\x01").U16());
  EXPECT_FALSE(KeyReader("abc").U32());
  EXPECT_FALSE(KeyReader("abcdefg").I64());
  EXPECT_FALSE(KeyReader("abc").Str()) << "no terminator";
  EXPECT_FALSE(KeyReader("abc\0"s).Str()) << "terminator cut in half";
  EXPECT_FALSE(KeyReader("ab\0\x02"s).Str()) << "0x00 followed by neither 0x01 nor 0xFF";
  EXPECT_FALSE(KeyReader("\0"s).Str());
  const std::string str_key = KeyBuilder().Str("a\0b"s).Take();
  for (size_t n = 0; n < str_key.size(); ++n) {
    EXPECT_FALSE(KeyReader(std::string_view(str_key).substr(0, n)).Str()) << n;
  }
}

TEST(PrefixEnd, IncrementsLastByteAndCarries) {
  EXPECT_EQ(PrefixEnd("abc"), "abd");
  EXPECT_EQ(PrefixEnd("ab\xFF"s), "ac");
  EXPECT_EQ(PrefixEnd("a\xFF\xFF"s), "b");
  EXPECT_EQ(PrefixEnd("\x01\0"s), "\x01\x01"s);
  EXPECT_EQ(PrefixEnd("\xFF\xFF"s), "") << "no upper bound: scan to the end";
  EXPECT_EQ(PrefixEnd(""), "");
  // Every key with the prefix sorts below the end.
  const std::string prefix = "k\xFE"s;
  EXPECT_LT(prefix + "\xFF\xFF\xFF"s, PrefixEnd(prefix));
}

TEST(ValueEncoding, RoundTripsEveryFieldType) {
  const std::vector<std::string> strs = {"", "plain", "with\0nul"s, std::string(300, 'x')};
  const std::vector<Id> ids = {Id{1}, Id{~uint64_t{0}}, Id{1234567890123}};
  ValueWriter writer(7);
  writer.U64(0).U64(127).U64(128).U64(~uint64_t{0});
  writer.I64(0)
      .I64(-1)
      .I64(1)
      .I64(std::numeric_limits<int64_t>::min())
      .I64(std::numeric_limits<int64_t>::max());
  writer.Bool(true).Bool(false).Id(Id{99}).Str("hello\0world"s).Strs(strs).Ids(ids);
  writer.Strs({}).Ids({});

  ValueReader reader(writer.bytes());
  EXPECT_EQ(reader.version(), 7);
  EXPECT_EQ(reader.U64(), 0u);
  EXPECT_EQ(reader.U64(), 127u);
  EXPECT_EQ(reader.U64(), 128u);
  EXPECT_EQ(reader.U64(), ~uint64_t{0});
  EXPECT_EQ(reader.I64(), 0);
  EXPECT_EQ(reader.I64(), -1);
  EXPECT_EQ(reader.I64(), 1);
  EXPECT_EQ(reader.I64(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(reader.I64(), std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(reader.Bool());
  EXPECT_FALSE(reader.Bool());
  EXPECT_EQ(reader.Id(), Id{99});
  EXPECT_EQ(reader.Str(), "hello\0world"s);
  EXPECT_EQ(reader.Strs(), strs);
  EXPECT_EQ(reader.Ids(), ids);
  EXPECT_TRUE(reader.Strs().empty());
  EXPECT_TRUE(reader.Ids().empty());
  EXPECT_FALSE(reader.HasMore());
  EXPECT_TRUE(reader.ok());
  EXPECT_TRUE(reader.Finish("test"));
}

TEST(ValueEncoding, OldReaderIgnoresAppendedFields) {
  const std::string bytes = ValueWriter(2).Str("name").U64(5).Take();
  ValueReader reader(bytes);
  EXPECT_EQ(reader.Str(), "name");
  EXPECT_TRUE(reader.HasMore());
  EXPECT_TRUE(reader.Finish("old"));
}

// Reads the same fields as the value built in the test below.
bool ReadsCleanly(std::string_view bytes) {
  ValueReader reader(bytes);
  reader.U64();
  reader.I64();
  reader.Str();
  reader.Strs();
  reader.Ids();
  return reader.ok();
}

TEST(ValueEncoding, EveryTruncationFailsCleanly) {
  const std::string full = ValueWriter(1)
                               .U64(300)
                               .I64(-70000)
                               .Str("abc")
                               .Strs({"x", "yz"})
                               .Ids({Id{5}, Id{1ull << 40}})
                               .Take();
  ASSERT_TRUE(ReadsCleanly(full));
  for (size_t n = 0; n < full.size(); ++n) {
    // A heap copy of exactly n bytes, so ASan flags any read past the end.
    std::vector<char> exact(full.begin(), full.begin() + n);
    EXPECT_FALSE(ReadsCleanly(std::string_view(exact.data(), exact.size()))) << "length " << n;
  }
}

TEST(ValueEncoding, CorruptInputFailsWithoutHugeAllocations) {
  EXPECT_FALSE(ValueReader("").ok()) << "no version byte";
  // A varint that never ends.
  std::string endless = "\x01"s + std::string(12, '\x80');
  ValueReader r1(endless);
  r1.U64();
  EXPECT_FALSE(r1.ok());
  // A string length far beyond the buffer.
  const std::string long_string = ValueWriter(1).U64(1ull << 40).Take() + "abc";
  ValueReader r2(long_string);
  EXPECT_TRUE(r2.Str().empty());
  EXPECT_FALSE(r2.ok());
  // A container count of 2^60 must fail, not reserve memory.
  const std::string huge_count = ValueWriter(1).U64(1ull << 60).Take();
  ValueReader r3(huge_count);
  EXPECT_TRUE(r3.Strs().empty());
  EXPECT_FALSE(r3.ok());
  ValueReader r4(huge_count);
  EXPECT_TRUE(r4.Ids().empty());
  EXPECT_FALSE(r4.ok());
  // Errors are sticky: later reads return zero values.
  EXPECT_EQ(r4.U64(), 0u);
  EXPECT_EQ(r4.Str(), "");
  auto finished = r4.Finish("record");
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, Code::kInternal);
  EXPECT_NE(finished.error().message.find("record"), std::string::npos);
}

}  // namespace
}  // namespace guildhall::storage

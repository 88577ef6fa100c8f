#include "federation/signatures/structured_fields.h"

#include <gtest/gtest.h>

namespace guildhall::federation::sf {
namespace {

TEST(StructuredFields, ParsesSignatureInputDictionary) {
  auto dict = ParseDictionary(
      R"(sig1=("@method" "@target-uri");created=1618884473;keyid="test-key-rsa-pss", sig2=("date");alg="ed25519")");
  ASSERT_TRUE(dict) << dict.error().message;
  ASSERT_EQ(dict->size(), 2u);
  const Member& m = (*dict)[0].second;
  ASSERT_TRUE(m.is_inner_list);
  ASSERT_EQ(m.list.items.size(), 2u);
  EXPECT_EQ(m.list.items[1].value.text, "@target-uri");
  EXPECT_EQ(FindParam(m.list.params, "created")->integer, 1618884473);
  EXPECT_EQ(SerializeInnerList(m.list),
            R"(("@method" "@target-uri");created=1618884473;keyid="test-key-rsa-pss")");
}

TEST(StructuredFields, ParsesAllBareItemTypes) {
  auto dict = ParseDictionary(R"(a=1, b=-2.5, c="s\"q", d=tok/en:x, e=:aGk=:, f=?0, g, h;p=?1)");
  ASSERT_TRUE(dict) << dict.error().message;
  using K = BareItem::Kind;
  EXPECT_EQ(FindMember(*dict, "a")->item.value.kind, K::kInteger);
  EXPECT_EQ(SerializeBareItem(FindMember(*dict, "b")->item.value), "-2.5");
  EXPECT_EQ(FindMember(*dict, "c")->item.value.text, "s\"q");
  EXPECT_EQ(FindMember(*dict, "d")->item.value.text, "tok/en:x");
  EXPECT_EQ(FindMember(*dict, "e")->item.value.text, "hi");
  EXPECT_FALSE(FindMember(*dict, "f")->item.value.boolean);
  EXPECT_TRUE(FindMember(*dict, "g")->item.value.boolean);
  EXPECT_EQ(SerializeParameters(FindMember(*dict, "h")->item.params), ";p");
}

TEST(StructuredFields, RejectsMalformedOrHostileInput) {
  const char* bad[] = {
      "a=1,",
      "A=1",
      "a=1 b=2",
      "a=(\"x\"",
      "a=\"unterminated",
      "a=\"bad\\escape\"",
      "a=:not base64:",
      "a=1, a=2",
      "a=1234567890123456",
      "a=1.2345",
      "a=?2",
      "a=(\"x\";p=1;p=2)",
      "a=\"\x01\"",
  };
  for (const char* field : bad) EXPECT_FALSE(ParseDictionary(field)) << field;
  EXPECT_FALSE(ParseDictionary(std::string(9000, 'a')));
}

}  // namespace
}  // namespace guildhall::federation::sf

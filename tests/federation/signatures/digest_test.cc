#include "federation/signatures/digest.h"

#include <gtest/gtest.h>

namespace guildhall::federation {
namespace {

TEST(Digest, Sha256AndSha512KnownAnswers) {
  EXPECT_EQ(Base64Encode(Sha256("")), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(Base64Encode(Sha256("abc")), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(Sha512("abc").size(), 64u);
  EXPECT_EQ(
      Base64Encode(Sha512("")),
      "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==");
}

TEST(Digest, Base64RoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    auto decoded = Base64Decode(Base64Encode(bytes));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes);
    bytes += static_cast<char>(i * 37);
  }
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
}

TEST(Digest, Base64DecodeIsStrict) {
  EXPECT_FALSE(Base64Decode("Zm8"));    // missing padding
  EXPECT_FALSE(Base64Decode("Zm9=="));  // wrong length
  EXPECT_FALSE(Base64Decode("Zm 8="));  // whitespace
  EXPECT_FALSE(Base64Decode("Zm-_"));   // base64url alphabet
  EXPECT_FALSE(Base64Decode("Zm9="));   // non-zero bits under the padding
  EXPECT_FALSE(Base64Decode("Z=8="));   // padding in the middle
  EXPECT_FALSE(Base64Decode("===="));
  EXPECT_TRUE(Base64Decode(""));
}

TEST(Digest, Base58BtcRoundTrip) {
  EXPECT_EQ(Base58BtcEncode("hello world"), "StV1DL6CwTryKyV");
  EXPECT_EQ(*Base58BtcDecode("StV1DL6CwTryKyV"), "hello world");
  std::string with_zeros("\0\0\x01\x02", 4);
  EXPECT_EQ(*Base58BtcDecode(Base58BtcEncode(with_zeros)), with_zeros);
  EXPECT_FALSE(Base58BtcDecode("0OIl"));
}

}  // namespace
}  // namespace guildhall::federation

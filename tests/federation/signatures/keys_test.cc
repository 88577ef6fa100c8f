#include "federation/signatures/keys.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "federation/signatures/digest.h"
#include "tests/federation/test_keys.h"

namespace guildhall::federation {
namespace {

using namespace testing;  // NOLINT: test keys

TEST(Keys, ImportsSpkiAndPkcs1RsaPublicKeys) {
  auto spki = PublicKey::FromPem(kRsaAPublicPem);
  ASSERT_TRUE(spki) << spki.error().message;
  EXPECT_EQ(spki->type(), KeyType::kRsa);
  EXPECT_EQ(spki->bits(), 2048);
  auto pkcs1 = PublicKey::FromPem(kRsaAPublicPkcs1Pem);
  ASSERT_TRUE(pkcs1) << pkcs1.error().message;
  EXPECT_EQ(pkcs1->ToPem(), spki->ToPem());
}

TEST(Keys, RefusesSmallRsaKeysAndPrivatePemAsPublic) {
  EXPECT_FALSE(PublicKey::FromPem(kRsa1024PublicPem));
  EXPECT_FALSE(PublicKey::FromPem(kRsaAPrivatePem));
  EXPECT_FALSE(
      PublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n"));
  EXPECT_FALSE(PublicKey::FromPem(""));
}

TEST(Keys, PrivatePemRoundTripsAndSignsVerifiably) {
  auto key = PrivateKey::FromPem(kRsaAPrivatePem);
  ASSERT_TRUE(key) << key.error().message;
  auto again = PrivateKey::FromPem(key->ToPem());
  ASSERT_TRUE(again);
  auto sig = again->Sign("hello", SignatureAlgorithm::kRsaPkcs1Sha256);
  ASSERT_TRUE(sig);
  auto pub = PublicKey::FromPem(kRsaAPublicPem);
  ASSERT_TRUE(pub);
  EXPECT_TRUE(pub->Verify("hello", *sig, SignatureAlgorithm::kRsaPkcs1Sha256));
  EXPECT_FALSE(pub->Verify("hellO", *sig, SignatureAlgorithm::kRsaPkcs1Sha256));
  EXPECT_FALSE(pub->Verify("hello", *sig, SignatureAlgorithm::kRsaPssSha512));
  EXPECT_FALSE(pub->Verify("hello", *sig, SignatureAlgorithm::kEd25519));
  auto other = PublicKey::FromPem(kRsaBPublicPem);
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->Verify("hello", *sig, SignatureAlgorithm::kRsaPkcs1Sha256));
}

TEST(Keys, RsaPssSha512SignsAndVerifies) {
  auto key = PrivateKey::FromPem(kRsaBPrivatePem);
  ASSERT_TRUE(key);
  auto sig = key->Sign("m", SignatureAlgorithm::kRsaPssSha512);
  ASSERT_TRUE(sig);
  EXPECT_TRUE(key->Public().Verify("m", *sig, SignatureAlgorithm::kRsaPssSha512));
  EXPECT_FALSE(key->Public().Verify("m", *sig, SignatureAlgorithm::kRsaPkcs1Sha256));
}

TEST(Keys, GeneratesRsa2048) {
  auto key = PrivateKey::GenerateRsa();
  ASSERT_TRUE(key);
  EXPECT_EQ(key->Public().bits(), 2048);
  EXPECT_NE(key->ToPem().find("BEGIN PRIVATE KEY"), std::string::npos);
  EXPECT_NE(key->Public().ToPem().find("BEGIN PUBLIC KEY"), std::string::npos);
  EXPECT_FALSE(PrivateKey::GenerateRsa(1024));
}

TEST(Keys, Ed25519FromPemRawAndMultibase) {
  auto priv = PrivateKey::FromPem(kEd25519PrivatePem);
  ASSERT_TRUE(priv) << priv.error().message;
  auto pub = PublicKey::FromPem(kEd25519PublicPem);
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->type(), KeyType::kEd25519);
  std::string multibase = pub->ToMultibase();
  EXPECT_TRUE(multibase.starts_with("z6Mk")) << multibase;
  auto from_multibase = PublicKey::FromMultibase(multibase);
  ASSERT_TRUE(from_multibase) << from_multibase.error().message;
  EXPECT_EQ(from_multibase->ToPem(), pub->ToPem());

  auto sig = priv->Sign("payload", SignatureAlgorithm::kEd25519);
  ASSERT_TRUE(sig);
  EXPECT_TRUE(from_multibase->Verify("payload", *sig, SignatureAlgorithm::kEd25519));
  EXPECT_FALSE(from_multibase->Verify("payload!", *sig, SignatureAlgorithm::kEd25519));
  EXPECT_FALSE(priv->Sign("payload", SignatureAlgorithm::kRsaPkcs1Sha256));
}

TEST(Keys, MultibaseRefusesOtherCodecsAndBases) {
  // RFC 8032 test vector 1 public key, prefixed with the ed25519-pub multicodec.
  std::string raw =
      "\xd7\x5a\x98\x01\x82\xb1\x0a\xb7\xd5\x4b\xfe\xd3\xc9\x64\x07\x3a"
      "\x0e\xe1\x72\xf3\xda\xa6\x23\x25\xaf\x02\x1a\x68\xf7\x07\x51\x1a";
  std::string multibase = "z" + Base58BtcEncode("\xed\x01" + raw);
  auto key = PublicKey::FromMultibase(multibase);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->ToMultibase(), multibase);
  EXPECT_FALSE(PublicKey::FromMultibase("u" + multibase.substr(1)));  // base64url multibase
  EXPECT_FALSE(PublicKey::FromMultibase("z" + Base58BtcEncode("\x12\x05" + raw)));  // another codec
  EXPECT_FALSE(PublicKey::FromMultibase("z0OIl"));                                  // not base58
  EXPECT_FALSE(PublicKey::FromEd25519Raw(raw.substr(1)));
}

TEST(Keys, ConcurrentVerifyOnOneKeyIsSafe) {
  auto priv = PrivateKey::FromPem(kRsaAPrivatePem);
  ASSERT_TRUE(priv);
  auto sig = priv->Sign("shared", SignatureAlgorithm::kRsaPkcs1Sha256);
  ASSERT_TRUE(sig);
  PublicKey pub = priv->Public();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i)
        ok += pub.Verify("shared", *sig, SignatureAlgorithm::kRsaPkcs1Sha256) ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 200);
}

}  // namespace
}  // namespace guildhall::federation

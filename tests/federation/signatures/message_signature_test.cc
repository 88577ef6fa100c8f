#include "federation/signatures/message_signature.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "federation/protocol/datetime.h"
#include "federation/signatures/digest.h"
#include "federation/signatures/verify.h"
#include "tests/federation/test_keys.h"
#include "tests/federation/test_request.h"

namespace guildhall::federation {
namespace {

using ::testing::HasSubstr;
using testing::TestRequest;

constexpr char kKeyId[] = "https://fedify.example/users/bob#main-key";
constexpr char kOwner[] = "https://fedify.example/users/bob";

TimePoint Now() { return *ParseRfc3339("2024-05-01T12:00:00Z"); }
Origin Ours() { return *OriginOf("https://guild.example"); }

VerifyOptions Options() {
  VerifyOptions o;
  o.now = Now();
  o.public_origin = "https://guild.example";
  return o;
}

// The components Fedify covers on a POST (fedify-peer-notes §4.2).
std::vector<std::string> FedifyComponents() {
  return {"@method", "@target-uri", "@authority", "host", "date", "content-digest"};
}

TestRequest FedifyPost() {
  TestRequest r;
  r.body = R"({"@context":"https://www.w3.org/ns/activitystreams","type":"Follow"})";
  r.Set("Host", "guild.example");
  r.Set("Date", FormatHttpDate(Now()));
  r.Set("Content-Type", "application/activity+json");
  r.Set("Content-Digest", ContentDigestHeaderValue(r.body));
  return r;
}

void Sign(TestRequest& r, const PrivateKey& key,
          std::vector<std::string> components = FedifyComponents(), TimePoint created = Now()) {
  auto headers = SignMessage(r.View(), components, key, kKeyId, Ours(), created);
  ASSERT_TRUE(headers) << headers.error().message;
  r.Set("Signature-Input", headers->signature_input);
  r.Set("Signature", headers->signature);
}

Result<VerifiedSignature> Verify(const TestRequest& r, const PrivateKey& key) {
  PublicKey pub = key.Public();
  KeyLookup lookup = [pub](std::string_view key_id, KeyFetch) -> Result<KeyInfo> {
    if (key_id != kKeyId) return Error::Unauthorized("unknown key");
    return KeyInfo{pub, kOwner};
  };
  return VerifyRequest(r.View(), lookup, Options());
}

PrivateKey Rsa() { return *PrivateKey::FromPem(testing::kRsaAPrivatePem); }
PrivateKey Ed() { return *PrivateKey::FromPem(testing::kEd25519PrivatePem); }

void ExpectRejected(const TestRequest& r, const PrivateKey& key, const char* reason) {
  auto result = Verify(r, key);
  ASSERT_FALSE(result) << "expected: " << reason;
  EXPECT_EQ(result.error().code, Code::kUnauthorized);
  EXPECT_THAT(result.error().message, HasSubstr(reason));
}

TEST(MessageSignature, SignsLikeFedify) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa());
  EXPECT_EQ(r.Get("Signature-Input"),
            "sig1=(\"@method\" \"@target-uri\" \"@authority\" \"host\" \"date\" \"content-digest\")"
            ";alg=\"rsa-v1_5-sha256\";keyid=\"https://fedify.example/users/"
            "bob#main-key\";created=1714564800");
  EXPECT_TRUE(r.Get("Signature").starts_with("sig1=:"));
}

TEST(MessageSignature, VerifiesRsaV15Sha256) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa());
  auto result = Verify(r, Rsa());
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->key_id, kKeyId);
  EXPECT_EQ(result->owner, kOwner);
  EXPECT_EQ(result->scheme, SignatureScheme::kRfc9421);
}

TEST(MessageSignature, VerifiesEd25519) {
  TestRequest r = FedifyPost();
  Sign(r, Ed());
  EXPECT_THAT(r.Get("Signature-Input"), HasSubstr("alg=\"ed25519\""));
  auto result = Verify(r, Ed());
  EXPECT_TRUE(result) << result.error().message;
  ExpectRejected(r, Rsa(), "alg does not match the key type");
}

TEST(MessageSignature, SignatureBaseFollowsRfc9421) {
  TestRequest r = FedifyPost();
  r.target = "/inbox?x=1";
  MessageSignature sig;
  sig.components = {"@method", "@target-uri",     "@authority",    "@path",
                    "@query",  "@request-target", "content-digest"};
  for (const auto& c : sig.components) sig.input.items.push_back({sf::String(c), {}});
  sig.input.params = {{"created", sf::Integer(1)}, {"keyid", sf::String("k")}};
  auto base = BuildSignatureBase(r.View(), sig, *OriginOf("https://Guild.example:443"));
  ASSERT_TRUE(base) << base.error().message;
  EXPECT_EQ(
      *base,
      "\"@method\": POST\n"
      "\"@target-uri\": https://guild.example/inbox?x=1\n"
      "\"@authority\": guild.example\n"
      "\"@path\": /inbox\n"
      "\"@query\": ?x=1\n"
      "\"@request-target\": /inbox?x=1\n"
      "\"content-digest\": " +
          ContentDigestHeaderValue(r.body) +
          "\n"
          "\"@signature-params\": (\"@method\" \"@target-uri\" \"@authority\" \"@path\" \"@query\" "
          "\"@request-target\" \"content-digest\");created=1;keyid=\"k\"");
}

TEST(MessageSignature, RejectsTamperedBody) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa());
  r.body += "x";
  ExpectRejected(r, Rsa(), "Content-Digest does not match the body");
  r.Set("Content-Digest", ContentDigestHeaderValue(r.body));
  ExpectRejected(r, Rsa(), "signature does not verify");
}

TEST(MessageSignature, RejectsTamperedComponents) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa());
  TestRequest method = r;
  method.method = "PUT";
  ExpectRejected(method, Rsa(), "signature does not verify");
  TestRequest target = r;
  target.target = "/g/other/inbox";
  ExpectRejected(target, Rsa(), "signature does not verify");
  TestRequest date = r;
  date.Set("Date", FormatHttpDate(Now() + std::chrono::seconds(1)));
  ExpectRejected(date, Rsa(), "signature does not verify");
  TestRequest params = r;  // widening the signature's own parameters breaks it too
  std::string input = r.Get("Signature-Input");
  params.Set("Signature-Input", input.replace(input.find("created="), 18, "created=1714564801"));
  ExpectRejected(params, Rsa(), "signature does not verify");
}

TEST(MessageSignature, RejectsMissingContentDigest) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa(), {"@method", "@target-uri", "@authority", "date"});
  ExpectRejected(r, Rsa(), "content-digest is not covered");
  TestRequest absent = FedifyPost();
  Sign(absent, Rsa());
  absent.Remove("Content-Digest");
  ExpectRejected(absent, Rsa(), "missing Content-Digest header");
}

TEST(MessageSignature, RejectsCreatedOutOfWindow) {
  TestRequest old = FedifyPost();
  Sign(old, Rsa(), FedifyComponents(), Now() - std::chrono::minutes(61));
  ExpectRejected(old, Rsa(), "created too old");
  TestRequest future = FedifyPost();
  Sign(future, Rsa(), FedifyComponents(), Now() + std::chrono::minutes(61));
  ExpectRejected(future, Rsa(), "created in the future");
}

TEST(MessageSignature, RejectsExpiredAndMissingCreated) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa());
  TestRequest expired = r;
  expired.Set("Signature-Input", r.Get("Signature-Input") + ";expires=1714564000");
  ExpectRejected(expired, Rsa(), "signature expired");
  TestRequest no_created = r;
  std::string input = r.Get("Signature-Input");
  no_created.Set("Signature-Input", input.substr(0, input.find(";created")));
  ExpectRejected(no_created, Rsa(), "missing created");
}

TEST(MessageSignature, RequiresCoreComponents) {
  TestRequest a = FedifyPost();
  Sign(a, Rsa(), {"@target-uri", "@authority", "content-digest"});
  ExpectRejected(a, Rsa(), "@method is not covered");
  TestRequest b = FedifyPost();
  Sign(b, Rsa(), {"@method", "@authority", "content-digest"});
  ExpectRejected(b, Rsa(), "the target is not covered");
  TestRequest c = FedifyPost();
  Sign(c, Rsa(), {"@method", "@target-uri", "content-digest"});
  ExpectRejected(c, Rsa(), "the authority is not covered");
  TestRequest d = FedifyPost();
  d.target = "/inbox?q=1";
  Sign(d, Rsa(), {"@method", "@path", "@authority", "content-digest"});
  ExpectRejected(d, Rsa(), "the query is not covered");
}

TEST(MessageSignature, RejectsMalformedFields) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa());
  TestRequest garbled = r;
  garbled.Set("Signature-Input", "sig1=(\"@method\" ;alg");
  ExpectRejected(garbled, Rsa(), "Signature-Input");
  TestRequest unmatched = r;
  unmatched.Set("Signature", "sig2=" + r.Get("Signature").substr(5));
  ExpectRejected(unmatched, Rsa(), "no Signature matches Signature-Input");
  TestRequest params = r;
  std::string input = r.Get("Signature-Input");
  params.Set("Signature-Input", input.replace(input.find("\"host\""), 6, "\"host\";sf"));
  ExpectRejected(params, Rsa(), "component parameters are not supported");
  TestRequest alg = r;
  input = r.Get("Signature-Input");
  alg.Set("Signature-Input", input.replace(input.find("rsa-v1_5-sha256"), 15, "hmac-sha256"));
  ExpectRejected(alg, Rsa(), "unsupported alg hmac-sha256");
  TestRequest duplicate = r;
  duplicate.Set("Signature-Input", r.Get("Signature-Input") + ", sig1=()");
  ExpectRejected(duplicate, Rsa(), "duplicate key sig1");
}

TEST(MessageSignature, RejectsHostOfAnotherNode) {
  TestRequest r = FedifyPost();
  r.Set("Host", "evil.example");
  Sign(r, Rsa());
  ExpectRejected(r, Rsa(), "Host is not this node");
}

TEST(MessageSignature, SecondLabelMayVerify) {
  TestRequest r = FedifyPost();
  Sign(r, Rsa());
  // A bogus first signature must not hide a good second one.
  r.Set("Signature-Input", "bad=(\"@method\");keyid=\"" + std::string(kKeyId) +
                               "\";created=1714564800, " + r.Get("Signature-Input"));
  r.Set("Signature", "bad=:" + Base64Encode("nope") + ":, " + r.Get("Signature"));
  auto result = Verify(r, Rsa());
  EXPECT_TRUE(result) << result.error().message;
}

TEST(MessageSignature, ContentDigestChecksEveryKnownAlgorithm) {
  std::string body = "hello";
  EXPECT_TRUE(CheckContentDigest(ContentDigestHeaderValue(body), body));
  EXPECT_TRUE(CheckContentDigest("sha-512=:" + Base64Encode(Sha512(body)) + ":", body));
  EXPECT_TRUE(CheckContentDigest("md5=:AAAA:, " + ContentDigestHeaderValue(body), body));
  EXPECT_FALSE(CheckContentDigest(
      ContentDigestHeaderValue(body) + ", sha-512=:" + Base64Encode(Sha512("x")) + ":", body));
  EXPECT_FALSE(CheckContentDigest("md5=:AAAA:", body));
  EXPECT_FALSE(CheckContentDigest("sha-256=\"" + Base64Encode(Sha256(body)) + "\"", body));
}

}  // namespace
}  // namespace guildhall::federation

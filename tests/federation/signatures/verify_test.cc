#include "federation/signatures/verify.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "federation/protocol/datetime.h"
#include "federation/protocol/url.h"
#include "tests/federation/test_keys.h"
#include "tests/federation/test_request.h"

namespace guildhall::federation {
namespace {

using ::testing::HasSubstr;
using testing::TestRequest;

constexpr char kKeyId[] = "https://guild.example/actor#main-key";

TimePoint Now() { return *ParseRfc3339("2024-05-01T12:00:00Z"); }

OutgoingRequest Request(std::string_view method, std::string_view url, std::string_view body = "",
                        std::string_view accept = "") {
  OutgoingRequest out;
  out.method = method;
  out.url = url;
  out.body = body;
  out.accept = accept;
  return out;
}

// What the receiving node sees after we sent `headers` to `url`.
TestRequest Received(const OutgoingRequest& out, const std::vector<HeaderField>& headers) {
  TestRequest r;
  r.method = std::string(out.method);
  r.target = ParseHttpUrl(out.url)->RequestTarget();
  r.headers = headers;
  r.body = std::string(out.body);
  return r;
}

VerifyOptions OptionsFor(std::string origin) {
  VerifyOptions o;
  o.now = Now() + std::chrono::seconds(3);
  o.public_origin = std::move(origin);
  return o;
}

KeyLookup Fixed(PublicKey key, std::string owner = "https://guild.example/actor") {
  return [key, owner](std::string_view, KeyFetch) -> Result<KeyInfo> {
    return KeyInfo{key, owner};
  };
}

TEST(Verify, SignedPostRoundTrips) {
  auto key = *PrivateKey::FromPem(testing::kRsaAPrivatePem);
  OutgoingRequest out =
      Request("POST", "https://Remote.Example:443/users/bob/inbox", R"({"type":"Announce"})");
  auto headers = SignRequest(out, key, kKeyId, Now());
  ASSERT_TRUE(headers) << headers.error().message;
  TestRequest r = Received(out, *headers);
  EXPECT_EQ(r.Get("Host"), "remote.example");
  EXPECT_EQ(r.Get("Date"), "Wed, 01 May 2024 12:00:00 GMT");
  EXPECT_EQ(r.Get("Content-Type"), "application/activity+json");
  EXPECT_THAT(r.Get("Digest"), ::testing::StartsWith("SHA-256="));
  EXPECT_THAT(r.Get("Signature"),
              HasSubstr("headers=\"(request-target) host date digest content-type\""));
  auto verified =
      VerifyRequest(r.View(), Fixed(key.Public()), OptionsFor("https://remote.example"));
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_EQ(verified->key_id, kKeyId);
  EXPECT_EQ(verified->owner, "https://guild.example/actor");
}

TEST(Verify, SignedGetWithQueryRoundTrips) {
  auto key = *PrivateKey::FromPem(testing::kRsaAPrivatePem);
  OutgoingRequest out =
      Request("GET", "http://127.0.0.1:8080/g/news/outbox?page=2", "", "application/activity+json");
  auto headers = SignRequest(out, key, kKeyId, Now());
  ASSERT_TRUE(headers) << headers.error().message;
  TestRequest r = Received(out, *headers);
  EXPECT_EQ(r.Get("Host"), "127.0.0.1:8080");
  EXPECT_EQ(r.Get("Digest"), "");
  EXPECT_THAT(r.Get("Signature"), HasSubstr("headers=\"(request-target) host date accept\""));
  EXPECT_TRUE(VerifyRequest(r.View(), Fixed(key.Public()), OptionsFor("http://127.0.0.1:8080")));
  r.target = "/g/news/outbox?page=3";
  EXPECT_FALSE(VerifyRequest(r.View(), Fixed(key.Public()), OptionsFor("http://127.0.0.1:8080")));
}

TEST(Verify, RefreshesTheKeyOnceWhenTheCachedOneFails) {
  auto old_key = *PrivateKey::FromPem(testing::kRsaBPrivatePem);
  auto new_key = *PrivateKey::FromPem(testing::kRsaAPrivatePem);
  OutgoingRequest out = Request("POST", "https://guild.example/inbox", "{}");
  TestRequest r = Received(out, *SignRequest(out, new_key, kKeyId, Now()));
  std::vector<KeyFetch> calls;
  KeyLookup lookup = [&](std::string_view, KeyFetch mode) -> Result<KeyInfo> {
    calls.push_back(mode);
    return KeyInfo{mode == KeyFetch::kCached ? old_key.Public() : new_key.Public(),
                   "https://guild.example/actor"};
  };
  EXPECT_TRUE(VerifyRequest(r.View(), lookup, OptionsFor("https://guild.example")));
  EXPECT_EQ(calls, (std::vector<KeyFetch>{KeyFetch::kCached, KeyFetch::kRefresh}));
}

TEST(Verify, DoesNotFetchKeysForRequestsThatFailCheapChecks) {
  auto key = *PrivateKey::FromPem(testing::kRsaAPrivatePem);
  OutgoingRequest out = Request("POST", "https://guild.example/inbox", "{}");
  TestRequest r = Received(out, *SignRequest(out, key, kKeyId, Now()));
  r.body = "{ }";  // digest no longer matches
  int calls = 0;
  KeyLookup lookup = [&](std::string_view, KeyFetch) -> Result<KeyInfo> {
    ++calls;
    return KeyInfo{key.Public(), "x"};
  };
  auto result = VerifyRequest(r.View(), lookup, OptionsFor("https://guild.example"));
  EXPECT_FALSE(result);
  EXPECT_EQ(calls, 0);
}

TEST(Verify, PassesLookupErrorsThrough) {
  auto key = *PrivateKey::FromPem(testing::kRsaAPrivatePem);
  OutgoingRequest out = Request("POST", "https://guild.example/inbox", "{}");
  TestRequest r = Received(out, *SignRequest(out, key, kKeyId, Now()));
  KeyLookup unavailable = [](std::string_view, KeyFetch) -> Result<KeyInfo> {
    return Error::Unavailable("peer down");
  };
  auto result = VerifyRequest(r.View(), unavailable, OptionsFor("https://guild.example"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kUnavailable);
}

TEST(Verify, Rfc9421WithoutPublicOriginIsAnInternalError) {
  TestRequest r;
  r.Set("Signature-Input", "sig1=(\"@method\");keyid=\"k\";created=1");
  r.Set("Signature", "sig1=:AAAA:");
  VerifyOptions o;
  o.now = Now();
  auto key = *PrivateKey::FromPem(testing::kRsaAPrivatePem);
  auto result = VerifyRequest(r.View(), Fixed(key.Public()), o);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kInternal);
}

TEST(Verify, SignRequestRefusesNonHttpUrls) {
  auto key = *PrivateKey::FromPem(testing::kRsaAPrivatePem);
  EXPECT_FALSE(SignRequest(Request("GET", "ftp://x.example/"), key, kKeyId, Now()));
  EXPECT_FALSE(SignRequest(Request("GET", "https://user@x.example/"), key, kKeyId, Now()));
}

}  // namespace
}  // namespace guildhall::federation

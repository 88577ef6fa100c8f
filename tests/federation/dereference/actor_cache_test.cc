#include "federation/dereference/actor_cache.h"

#include <gtest/gtest.h>

#include "federation/signatures/verify.h"
#include "storage/model/check.h"
#include "tests/federation/dereference/peer_fixture.h"
#include "tests/testutil/temp_store.h"

namespace guildhall::federation::testing {
namespace {

using namespace std::chrono_literals;

constexpr char kAlice[] = "http://alpha.test/u/alice";
constexpr char kAliceKey[] = "http://alpha.test/u/alice#main-key";

class ActorCacheTest : public PeerFixture {
 protected:
  ActorCacheTest() { cache_ = std::make_unique<ActorCache>(store_.store(), *fetcher_, clock_); }

  testutil::TempStore store_;
  std::unique_ptr<ActorCache> cache_;
};

TEST_F(ActorCacheTest, FetchesStoresAndCachesTheKey) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  auto key = cache_->KeyForId(kAliceKey, false);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->owner, kAlice);
  EXPECT_EQ(key->key_id, kAliceKey);
  EXPECT_EQ(key->key.ToPem(), PublicKey::FromPem(kRsaAPublicPem)->ToPem());
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  EXPECT_EQ(sink_.RequestCount(), 1u);  // the second came from memory

  auto actor = cache_->GetActor(kAlice);
  ASSERT_TRUE(actor) << actor.error().message;
  EXPECT_EQ(actor->inbox, std::string(kAlice) + "/inbox");
  EXPECT_EQ(actor->shared_inbox, "http://alpha.test/inbox");
  EXPECT_EQ(actor->domain, "alpha.test");
  EXPECT_EQ(actor->preferred_username, "alice");
  EXPECT_FALSE(actor->raw_json.empty());
  EXPECT_EQ(sink_.RequestCount(), 1u);  // stored by the key fetch
}

TEST_F(ActorCacheTest, SurvivesARestartThroughTheStore) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  ActorCache fresh(store_.store(), *fetcher_, clock_);
  auto key = fresh.KeyForId(kAliceKey, false);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->owner, kAlice);
  EXPECT_EQ(sink_.RequestCount(), 1u);
}

TEST_F(ActorCacheTest, RefetchesWhenStale) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  clock_.Advance(23h);
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  EXPECT_EQ(sink_.RequestCount(), 1u);
  clock_.Advance(2h);
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  EXPECT_EQ(sink_.RequestCount(), 2u);
}

TEST_F(ActorCacheTest, StaleKeyServesWhileTheOriginIsDown) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  clock_.Advance(48h);
  Serve(kAlice, "", "text/plain", 503);
  auto key = cache_->KeyForId(kAliceKey, false);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->owner, kAlice);
}

// Key rotation: a verification failure asks for a refresh, which refetches,
// but at most once per key every five minutes.
TEST_F(ActorCacheTest, RefreshFollowsKeyRotationAtMostEveryFiveMinutes) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  auto rotated = PrivateKey::FromPem(kRsaBPrivatePem)->Public().ToPem();
  Serve(kAlice, ActorJson(kAlice, rotated));
  clock_.Advance(1min);
  auto key = cache_->KeyForId(kAliceKey, true);  // too soon after the fetch
  ASSERT_TRUE(key);
  EXPECT_NE(key->key.ToPem(), rotated);
  EXPECT_EQ(sink_.RequestCount(), 1u);
  clock_.Advance(5min);
  key = cache_->KeyForId(kAliceKey, true);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->key.ToPem(), rotated);
  EXPECT_EQ(sink_.RequestCount(), 2u);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(cache_->KeyForId(kAliceKey, true));
  EXPECT_EQ(sink_.RequestCount(), 2u);
  // And the store has the new key for the next process.
  ActorCache fresh(store_.store(), *fetcher_, clock_);
  EXPECT_EQ(fresh.KeyForId(kAliceKey, false)->key.ToPem(), rotated);
}

TEST_F(ActorCacheTest, KeyIndexFollowsTheActorsKeys) {
  const std::string key2 = std::string(kAlice) + "#second-key";
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  ASSERT_TRUE(cache_->KeyForId(kAliceKey, false));
  // The actor rotates to a key with a new id: the old id no longer resolves.
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem, "#second-key"));
  ASSERT_TRUE(cache_->KeyForId(key2, false));
  ActorCache fresh(store_.store(), *fetcher_, clock_);
  EXPECT_TRUE(fresh.KeyForId(key2, false));
  const size_t fetches = sink_.RequestCount();
  EXPECT_FALSE(fresh.KeyForId(kAliceKey, false));  // refetched: no longer listed
  EXPECT_EQ(sink_.RequestCount(), fetches + 1);
  std::vector<storage::IndexedTable> tables;
  for (const auto& t : storage::IndexedTables()) {
    if (t.table == &storage::tables::kRemoteActors) tables.push_back(t);
  }
  storage::CheckReport report;
  ASSERT_TRUE(store_->Read([&](storage::ReadTxn& txn) -> Result<> {
    report = GH_TRY(storage::CheckIndexes(txn, tables));
    return Ok();
  }));
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.records, 1u);
}

TEST_F(ActorCacheTest, RefusesAKeyOwnedBySomeoneElse) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem, "#main-key", "http://alpha.test/u/bob"));
  auto key = cache_->KeyForId(kAliceKey, false);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kUnauthorized);
}

TEST_F(ActorCacheTest, RefusesAKeyTheActorDoesNotList) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  auto key = cache_->KeyForId("http://alpha.test/u/alice#other-key", false);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kUnauthorized);
}

// Misskey #2546: a key on one host must not sign for an actor on another.
TEST_F(ActorCacheTest, RefusesKeyOnAnotherOriginThanItsOwner) {
  // evil.test publishes a key document naming alice on alpha.test as owner.
  Serve("http://evil.test/keys/1",
        R"({"id":"http://evil.test/keys/1","owner":"http://alpha.test/u/alice","publicKeyPem":)" +
            JsonString(kRsaAPublicPem) + "}");
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  auto key = cache_->KeyForId("http://evil.test/keys/1", false);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kUnauthorized);
  // And an actor document on evil.test claiming to be alice is refused at fetch.
  Serve("http://evil.test/u/alice", ActorJson(kAlice, kRsaAPublicPem));
  key = cache_->KeyForId("http://evil.test/u/alice#main-key", false);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kUnauthorized);
}

// GoToSocial-style key ids point at a key document; its owner is fetched and
// must list the key.
TEST_F(ActorCacheTest, FollowsKeyDocumentsToTheirOwner) {
  const std::string key_id = "http://alpha.test/u/alice/main-key";
  Serve(key_id, R"({"id":")" + key_id + R"(","owner":")" + kAlice + R"(","publicKeyPem":)" +
                    JsonString(kRsaAPublicPem) + "}");
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem, "/main-key"));
  auto key = cache_->KeyForId(key_id, false);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->owner, kAlice);
  EXPECT_EQ(sink_.RequestCount(), 2u);
}

TEST_F(ActorCacheTest, UnknownKeyIsUnauthorizedAndDownOriginUnavailable) {
  auto key = cache_->KeyForId("http://alpha.test/u/nobody#main-key", false);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kUnauthorized);
  Serve(kAlice, "", "text/plain", 502);
  key = cache_->KeyForId(kAliceKey, false);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kUnavailable);
}

TEST_F(ActorCacheTest, PlugsIntoVerifyRequest) {
  Serve(kAlice, ActorJson(kAlice, kRsaAPublicPem));
  const std::string body = R"({"id":"http://alpha.test/a/1","type":"Like"})";
  OutgoingRequest out{
      .method = "POST", .url = "http://local.test/inbox", .body = body, .accept = ""};
  auto headers = SignRequest(out, *PrivateKey::FromPem(kRsaAPrivatePem), kAliceKey, clock_.Now());
  ASSERT_TRUE(headers);
  SignedRequestView view{"POST", "/inbox", *headers, body};
  VerifyOptions options;
  options.now = clock_.Now();
  auto verified = VerifyRequest(view, cache_->AsKeyLookup(), options);
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_EQ(verified->owner, kAlice);
}

TEST_F(ActorCacheTest, KeepsTheLruBounded) {
  ActorCacheOptions options;
  options.max_cached_keys = 2;
  ActorCache small(store_.store(), *fetcher_, clock_, options);
  for (const char* name : {"a", "b", "c"}) {
    const std::string id = std::string("http://alpha.test/u/") + name;
    Serve(id, ActorJson(id, kRsaAPublicPem));
    ASSERT_TRUE(small.KeyForId(id + "#main-key", false));
  }
  EXPECT_EQ(small.cached_keys(), 2u);
}

}  // namespace
}  // namespace guildhall::federation::testing

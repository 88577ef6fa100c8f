// Issue 10 item 2, key-fetch jamming: signed POSTs whose keyId points at a
// server that accepts connections and never answers must not hold up the
// verification of other senders. A real node (Federation facade, real
// ActorCache and HTTP client) fetches keys over real TLS sockets from a
// loopback peer ("legit.test") and from a Tarpit ("tarpit.test").
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "tests/federation/http/sink_server.h"
#include "tests/federation/http/tarpit.h"
#include "tests/federation/http/test_ca.h"
#include "tests/federation/inbox/harness.h"
#include "tests/federation/test_keys.h"
#include "tests/testutil/node_process.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::federation::testing {
namespace {

using namespace std::chrono_literals;

constexpr char kLegitActor[] = "https://legit.test/users/carol";

std::string LegitActorJson() {
  const std::string id = kLegitActor;
  return R"({"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1"],)"
         R"("id":")" +
         id + R"(","type":"Person","preferredUsername":"carol","inbox":")" + id +
         R"(/inbox","publicKey":{"id":")" + id + R"(#main-key","owner":")" + id +
         R"(","publicKeyPem":)" + testutil::JsonQuote(kRsaBPublicPem) + "}}";
}

// The network around the node; a base class so that it exists before the
// harness builds the node with it.
struct JamNetwork {
  JamNetwork()
      : legit_(
            [](const RecordedRequest& r) {
              SinkReply reply;
              reply.status = 404;
              if (r.target == "/users/carol") {
                reply.status = 200;
                reply.headers = {{"Content-Type", "application/activity+json"}};
                reply.body = LegitActorJson();
              }
              return reply;
            },
            SinkOptions{.cert_pem = cert_.cert_pem, .key_pem = cert_.key_pem}) {
    std::ofstream(ca_path_) << ca_.cert_pem();
  }

  void UseRealNetwork(FederationOptions& o) const {
    o.key_lookup_override = nullptr;  // the real ActorCache, fetching over TLS
    o.client.allow_private_addresses = true;
    o.client.ca_file = ca_path_.string();
    o.client.resolve["legit.test"] = legit_.Endpoint();
    o.client.resolve["tarpit.test"] = tarpit_.Endpoint();
  }

  TestCa ca_;
  CertAndKey cert_ = ca_.Issue({"legit.test"});
  testutil::TempDir dir_{"guildhall-keyfetch"};
  std::filesystem::path ca_path_ = dir_ / "ca.pem";
  Tarpit tarpit_;
  SinkServer legit_;
};

class KeyFetchJamTest : protected JamNetwork, public FederationHarness {
 protected:
  explicit KeyFetchJamTest(const std::function<void(FederationOptions&)>& more = nullptr)
      : FederationHarness(FederationMode::kOpen, {}, [this, more](FederationOptions& o) {
          UseRealNetwork(o);
          if (more) more(o);
        }) {}

  // Hands `req` to the inbox; the answer arrives in the future.
  std::future<InboxAnswer> Send(const InboxRequest& req) {
    auto promise = std::make_shared<std::promise<InboxAnswer>>();
    auto answer = promise->get_future();
    fed_->inbox().Receive(std::make_shared<InboxRequest>(req),
                          [promise](InboxAnswer a) { promise->set_value(std::move(a)); });
    return answer;
  }

  static Peer At(const std::string& actor) {
    return Peer{actor, actor + "#main-key", actor + "/inbox", actor + "/inbox"};
  }
  static Peer TarpitPeer(int n) { return At("https://tarpit.test/users/u" + std::to_string(n)); }

  // Any signed activity: 202 for it means the signature was verified (an
  // unverifiable one is 401, a key that cannot be fetched 503).
  InboxRequest LikeFrom(const Peer& peer) {
    return Signed("/inbox", Simple("Like", NewActivityId(peer), peer, std::string(kBase) + "/t/1"),
                  peer);
  }
};

TEST_F(KeyFetchJamTest, NewSenderIsVerifiedWhileEightKeyFetchesHang) {
  std::vector<std::future<InboxAnswer>> jammed;
  for (int i = 0; i < 8; ++i) jammed.push_back(Send(LikeFrom(TarpitPeer(i))));
  ASSERT_TRUE(testutil::Eventually([&] { return tarpit_.ConnectionsAccepted() >= 2; }, 10s));
  for (auto& answer : jammed) ASSERT_EQ(answer.wait_for(0s), std::future_status::timeout);

  auto answer = Send(LikeFrom(At(kLegitActor)));
  // An upper bound with a generous margin (the fetch itself takes ms).
  ASSERT_EQ(answer.wait_for(2s), std::future_status::ready)
      << "a new sender waited behind the hanging key fetches";
  EXPECT_EQ(answer.get().status, 202u);
  for (auto& a : jammed) EXPECT_EQ(a.wait_for(0s), std::future_status::timeout) << "still pending";
}

// A key URL whose fetch failed is not fetched again within the TTL: the
// second request naming it costs the tarpit no connection.
class KeyFetchFailureCacheTest : public KeyFetchJamTest {
 protected:
  KeyFetchFailureCacheTest()
      : KeyFetchJamTest([](FederationOptions& o) { o.key_fetch.timeout = 300ms; }) {}
};

TEST_F(KeyFetchFailureCacheTest, SecondRequestWithAFailingKeyOpensNoConnection) {
  auto first = Send(LikeFrom(TarpitPeer(1)));
  ASSERT_EQ(first.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(first.get().status, 503u);
  EXPECT_EQ(tarpit_.ConnectionsAccepted(), 1u);

  auto second = Send(LikeFrom(TarpitPeer(1)));
  ASSERT_EQ(second.wait_for(2s), std::future_status::ready);
  EXPECT_EQ(second.get().status, 503u);
  EXPECT_EQ(tarpit_.ConnectionsAccepted(), 1u) << "the failure was remembered";
}

// When the request stops waiting (max_wait), nobody wants the key: the
// fetch is cancelled and its connection closed long before its own timeout.
class KeyFetchCancelTest : public KeyFetchJamTest {
 protected:
  KeyFetchCancelTest()
      : KeyFetchJamTest([](FederationOptions& o) {
          o.key_fetch.timeout = 60s;
          o.key_fetch.max_wait = 300ms;
        }) {}
};

TEST_F(KeyFetchCancelTest, AFetchNobodyWaitsForIsCancelled) {
  auto answer = Send(LikeFrom(TarpitPeer(1)));
  ASSERT_TRUE(testutil::Eventually([&] { return tarpit_.ConnectionsAccepted() == 1; }, 10s));
  ASSERT_EQ(answer.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(answer.get().status, 503u);
  // Well within the fetch's own 60 s timeout.
  EXPECT_TRUE(testutil::Eventually([&] { return tarpit_.ConnectionsOpen() == 0; }, 10s));
}

// Stopping the node while key fetches hang answers every waiting request
// (503: the sender retries) and runs no callback on a destroyed door: the
// fetches end before the inbox they resume goes (Federation::Parts). Under
// ASan this was a heap-use-after-free (the Inbox's continuation ran on the
// HTTP client's thread after the Inbox was destroyed).
TEST_F(KeyFetchJamTest, StoppingTheNodeAnswersEveryRequestWaitingForAKey) {
  std::vector<std::future<InboxAnswer>> pending;
  for (int i = 0; i < 4; ++i) pending.push_back(Send(LikeFrom(TarpitPeer(i))));
  ASSERT_TRUE(testutil::Eventually([&] { return tarpit_.ConnectionsAccepted() >= 2; }, 10s));
  for (auto& answer : pending) ASSERT_EQ(answer.wait_for(0s), std::future_status::timeout);

  fed_->Stop();
  fed_.reset();
  for (auto& answer : pending) {
    ASSERT_EQ(answer.wait_for(0s), std::future_status::ready) << "a request was left waiting";
    EXPECT_EQ(answer.get().status, 503u);
  }
  EXPECT_TRUE(testutil::Eventually([&] { return tarpit_.ConnectionsOpen() == 0; }, 10s))
      << "the hanging fetches' connections were closed";
}

}  // namespace
}  // namespace guildhall::federation::testing

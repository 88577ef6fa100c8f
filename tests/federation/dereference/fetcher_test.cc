#include "federation/dereference/fetcher.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <thread>

#include "federation/signatures/verify.h"
#include "tests/federation/dereference/peer_fixture.h"

namespace guildhall::federation::testing {
namespace {

using namespace std::chrono_literals;

constexpr char kNote[] = R"({"id":"http://alpha.test/n/1","type":"Note","content":"hi"})";

class FetcherTest : public PeerFixture {};

TEST_F(FetcherTest, FetchesSignedAsTheNodeActor) {
  Serve("http://alpha.test/n/1", kNote);
  auto doc = fetcher_->FetchObject("http://alpha.test/n/1");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->id, "http://alpha.test/n/1");
  EXPECT_TRUE(doc->id_is_final_url);
  EXPECT_EQ(doc->json.Find("content")->text(), "hi");
  EXPECT_EQ(doc->body, kNote);

  auto requests = sink_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.Header("Accept"), kActivityStreamsAccept);
  SignedRequestView view{r.method, r.target, r.headers, r.body};
  KeyLookup lookup = [](std::string_view key_id, KeyFetch) -> Result<KeyInfo> {
    EXPECT_EQ(key_id, std::string(kNodeActor) + "#main-key");
    return KeyInfo{NodeKey().Public(), kNodeActor};
  };
  VerifyOptions options;
  options.now = clock_.Now();
  auto verified = VerifyRequest(view, lookup, options);
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_EQ(verified->owner, kNodeActor);
}

TEST_F(FetcherTest, AcceptsOnlyActivityStreamsContentTypes) {
  const std::pair<const char*, bool> cases[] = {
      {"application/activity+json", true},
      {"application/activity+json; charset=utf-8", true},
      {"Application/Activity+JSON", true},
      {R"(application/ld+json; profile="https://www.w3.org/ns/activitystreams")", true},
      {R"(application/ld+json;profile="https://example.com/x https://www.w3.org/ns/activitystreams")",
       true},
      {"application/ld+json", false},  // GHSA-jhrq-qvrm-qr36: Mastodon refuses it too
      {R"(application/ld+json; profile="https://www.w3.org/ns/activitystreams/evil")", false},
      {"application/json", false},
      {"text/html", false},
      {"image/png", false},
      {"", false},
  };
  int n = 0;
  for (auto [content_type, accepted] : cases) {
    const std::string url = "http://alpha.test/n/" + std::to_string(++n);
    Serve(url, R"({"id":")" + url + R"("})", content_type);
    auto doc = fetcher_->FetchObject(url);
    EXPECT_EQ(bool(doc), accepted) << content_type;
    if (!accepted && !doc) {
      EXPECT_EQ(doc.error().code, Code::kInvalid);
    }
    EXPECT_EQ(IsActivityStreamsContentType(content_type), accepted) << content_type;
  }
}

// CVE-2024-23832: a document must not speak for another origin.
TEST_F(FetcherTest, RefusesIdOnAnotherHost) {
  Serve("http://evil.test/u/mallory", R"({"id":"http://alpha.test/u/alice","type":"Person"})");
  auto doc = fetcher_->FetchObject("http://evil.test/u/mallory");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, Code::kInvalid);
  EXPECT_NE(doc.error().message.find("does not belong"), std::string::npos);
}

TEST_F(FetcherTest, AcceptsSameOriginIdButSaysItIsNotTheUrl) {
  Serve("http://alpha.test/@alice", R"({"id":"http://alpha.test/u/alice","type":"Person"})");
  auto doc = fetcher_->FetchObject("http://alpha.test/@alice");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_FALSE(doc->id_is_final_url);
}

TEST_F(FetcherTest, ChecksIdAgainstTheUrlAfterRedirects) {
  Redirect("http://alpha.test/n/old", "http://beta.test/n/new");
  Serve("http://beta.test/n/new", R"({"id":"http://beta.test/n/new","type":"Note"})");
  auto doc = fetcher_->FetchObject("http://alpha.test/n/old");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->final_url, "http://beta.test/n/new");
  EXPECT_TRUE(doc->id_is_final_url);

  // beta.test answering for an alpha.test id after a redirect is refused.
  Serve("http://beta.test/n/new", R"({"id":"http://alpha.test/n/old","type":"Note"})");
  doc = fetcher_->FetchObject("http://alpha.test/n/old");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, Code::kInvalid);
}

TEST_F(FetcherTest, RefusesDocumentsWithoutIdOrValidJson) {
  Serve("http://alpha.test/a", R"({"type":"Note"})");
  Serve("http://alpha.test/b", R"({"id":"http://alpha.test/b",)");
  Serve("http://alpha.test/c", R"(["http://alpha.test/c"])");
  for (const char* url : {"http://alpha.test/a", "http://alpha.test/b", "http://alpha.test/c"}) {
    auto doc = fetcher_->FetchObject(url);
    EXPECT_FALSE(doc) << url;
  }
}

TEST_F(FetcherTest, MapsHttpErrors) {
  Serve("http://alpha.test/gone", "", "text/plain", 410);
  Serve("http://alpha.test/busy", "", "text/plain", 503);
  auto gone = fetcher_->FetchObject("http://alpha.test/gone");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, Code::kNotFound);
  auto busy = fetcher_->FetchObject("http://alpha.test/busy");
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().code, Code::kUnavailable);
}

TEST_F(FetcherTest, NeverFetchesFromOurOwnOrigin) {
  Serve("http://local.test/u/bob", R"({"id":"http://local.test/u/bob"})");
  auto doc = fetcher_->FetchObject("http://local.test/u/bob");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, Code::kInvalid);
  Redirect("http://alpha.test/to-local", "http://local.test/u/bob");
  doc = fetcher_->FetchObject("http://alpha.test/to-local");
  ASSERT_FALSE(doc);
  EXPECT_EQ(sink_.RequestCount(), 1u);  // only the redirecting hop was ever asked
}

TEST_F(FetcherTest, DropsTheFragment) {
  Serve("http://alpha.test/u/alice", R"({"id":"http://alpha.test/u/alice","type":"Person"})");
  auto doc = fetcher_->FetchObject("http://alpha.test/u/alice#main-key");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->url, "http://alpha.test/u/alice");
  EXPECT_EQ(sink_.Requests().at(0).target, "/u/alice");
}

TEST_F(FetcherTest, ConcurrentFetchesOfOneUrlShareOneRequest) {
  constexpr int kCallers = 8;
  std::mutex mu;
  std::condition_variable cv;
  int joined = 0;
  FetcherOptions options;
  options.on_shared_fetch = [&](std::string_view) {
    std::lock_guard lock(mu);
    ++joined;
    cv.notify_all();
  };
  auto fetcher = MakeFetcher(options);
  Serve("http://alpha.test/n/1", kNote);
  // The peer holds its answer until every other caller has joined the fetch.
  sink_.SetHandler([&](const RecordedRequest& r) {
    std::unique_lock lock(mu);
    cv.wait_for(lock, 10s, [&] { return joined == kCallers - 1; });
    lock.unlock();
    return Answer(r);
  });
  std::vector<std::thread> threads;
  std::atomic<int> ok = 0;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&] {
      if (fetcher->FetchObject("http://alpha.test/n/1")) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kCallers);
  EXPECT_EQ(joined, kCallers - 1);
  EXPECT_EQ(sink_.RequestCount(), 1u);
  EXPECT_EQ(fetcher->network_fetches(), 1u);
}

TEST_F(FetcherTest, RefusesPrivateAddressesUnlessAllowed) {
  ClientOptions strict;
  strict.resolve["alpha.test"] = sink_.Endpoint();  // 127.0.0.1
  HttpClient client(strict);
  Fetcher fetcher(client, clock_, Signer{std::string(kNodeActor) + "#main-key", NodeKey()});
  Serve("http://alpha.test/n/1", kNote);
  auto doc = fetcher.FetchObject("http://alpha.test/n/1");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, Code::kForbidden);
  EXPECT_EQ(sink_.RequestCount(), 0u);
}

}  // namespace
}  // namespace guildhall::federation::testing

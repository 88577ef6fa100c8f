#include "federation/http/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <thread>

#include "tests/federation/http/sink_server.h"
#include "tests/federation/http/test_ca.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::federation {
namespace {

using testing::RecordedRequest;
using testing::SinkReply;
using testing::SinkServer;
using namespace std::chrono_literals;

ClientOptions LoopbackOptions() {
  ClientOptions o;
  o.allow_private_addresses = true;
  o.total_timeout = 5s;
  return o;
}

SinkReply Json(unsigned status, std::string body) {
  SinkReply r;
  r.status = status;
  r.body = std::move(body);
  r.headers = {{"Content-Type", "application/activity+json"}};
  return r;
}

SinkReply RedirectTo(std::string location) {
  SinkReply r;
  r.status = 302;
  r.headers = {{"Location", std::move(location)}};
  return r;
}

TEST(HttpClient, GetsFromLoopbackWhenAllowed) {
  SinkServer sink([](const RecordedRequest&) { return Json(200, R"({"ok":true})"); });
  HttpClient client(LoopbackOptions());
  auto res = client.Send({.url = sink.Url("/x?y=1")});
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, R"({"ok":true})");
  EXPECT_EQ(res->Header("content-type"), "application/activity+json");
  EXPECT_EQ(res->final_url, sink.Url("/x?y=1"));
  auto seen = sink.Requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, "/x?y=1");
  EXPECT_EQ(seen[0].Header("User-Agent"), "Guildhall/0.1");
  EXPECT_EQ(seen[0].Header("Host"), "127.0.0.1:" + std::to_string(sink.port()));
}

// Every special range is refused at connect time, whether the host is an IP
// literal or a name the resolve map (standing in for DNS) points there.
TEST(HttpClient, RefusesPrivateAndSpecialAddresses) {
  const char* addresses[] = {"127.0.0.1:9",    "10.1.2.3:80",           "169.254.169.254:80",
                             "[::1]:80",       "[::ffff:127.0.0.1]:80", "0.0.0.0:80",
                             "100.64.0.1:80",  "[fc00::1]:80",          "[64:ff9b::7f00:1]:80",
                             "192.168.0.1:80", "[fe80::1]:80",          "[2002:7f00:1::1]:80"};
  for (const char* address : addresses) {
    ClientOptions o;
    o.resolve["victim.test"] = address;
    HttpClient client(o);
    auto res = client.Send({.url = "http://victim.test/latest/meta-data"});
    ASSERT_FALSE(res) << address;
    EXPECT_EQ(res.error().code, Code::kForbidden) << address << ": " << res.error().message;
  }
  HttpClient client{ClientOptions{}};
  for (const char* url : {"http://127.0.0.1:1/", "http://[::1]:1/", "http://0.0.0.0:1/",
                          "http://[::ffff:7f00:1]:1/"}) {
    auto res = client.Send({.url = url});
    ASSERT_FALSE(res) << url;
    EXPECT_EQ(res.error().code, Code::kForbidden) << url << ": " << res.error().message;
  }
}

TEST(HttpClient, RefusesRedirectToPrivateAddress) {
  SinkServer target([](const RecordedRequest&) { return Json(200, "{}"); });
  // The first hop is on 127.0.0.2, exempted like a partner on a private
  // network; the redirect points at 127.0.0.1, which is not.
  SinkServer entry([&](const RecordedRequest&) { return RedirectTo(target.Url("/secret")); },
                   {.bind_address = "127.0.0.2"});
  ClientOptions o;
  o.allowed_private_networks = {"127.0.0.2/32"};
  HttpClient client(o);
  auto res = client.Send({.url = entry.Url("/start")});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Code::kForbidden) << res.error().message;
  EXPECT_EQ(entry.RequestCount(), 1u);
  EXPECT_EQ(target.RequestCount(), 0u);
}

TEST(HttpClient, ResolveMapOverridesDnsAndPort) {
  SinkServer sink([](const RecordedRequest&) { return Json(200, "{}"); });
  ClientOptions o = LoopbackOptions();
  o.resolve["alpha.test"] = sink.Endpoint();
  HttpClient client(o);
  auto res = client.Send({.url = "http://alpha.test/u/a"});
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 200u);
  ASSERT_EQ(sink.RequestCount(), 1u);
  EXPECT_EQ(sink.Requests()[0].Header("Host"), "alpha.test");
}

TEST(HttpClient, EnforcesResponseBodyLimit) {
  SinkServer sink([](const RecordedRequest&) { return Json(200, std::string(10000, 'a')); });
  ClientOptions o = LoopbackOptions();
  o.max_response_bytes = 1000;
  HttpClient client(o);
  auto res = client.Send({.url = sink.Url("/big")});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Code::kTooLarge);
}

// A peer that sends a byte every 20 ms never trips a per-read timeout; the
// total deadline still ends the request (CVE-2023-36461).
TEST(HttpClient, TotalDeadlineStopsTricklingPeer) {
  SinkServer sink([](const RecordedRequest&) {
    SinkReply r;
    r.mode = SinkReply::Mode::kTrickle;
    r.trickle_bytes = 100000;
    r.trickle_interval = 20ms;
    return r;
  });
  ClientOptions o = LoopbackOptions();
  o.total_timeout = 300ms;
  HttpClient client(o);
  auto res = client.Send({.url = sink.Url("/slow")});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Code::kUnavailable);
  EXPECT_NE(res.error().message.find("timeout"), std::string::npos) << res.error().message;
}

TEST(HttpClient, TotalDeadlineStopsHangingPeer) {
  SinkServer sink([](const RecordedRequest&) { return SinkReply{.mode = SinkReply::Mode::kHang}; });
  ClientOptions o = LoopbackOptions();
  o.total_timeout = 200ms;
  HttpClient client(o);
  auto res = client.Send({.method = "POST", .url = sink.Url("/inbox"), .body = "{}"});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Code::kUnavailable);
}

TEST(HttpClient, FollowsGetRedirectsUpToTheLimit) {
  SinkServer sink([](const RecordedRequest& r) {
    const int n = std::stoi(r.target.substr(3));  // "/r/<n>"
    return RedirectTo("/r/" + std::to_string(n + 1));
  });
  HttpClient client(LoopbackOptions());
  auto res = client.Send({.url = sink.Url("/r/0")});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Code::kInvalid);
  EXPECT_EQ(sink.RequestCount(), 4u);  // the original and 3 redirects
}

TEST(HttpClient, FollowsRedirectAndSignsEachHop) {
  SinkServer sink([](const RecordedRequest& r) {
    return r.target == "/old" ? RedirectTo("/new") : Json(200, "{}");
  });
  HttpClient client(LoopbackOptions());
  std::vector<std::string> prepared;
  HttpRequest req{.url = sink.Url("/old")};
  req.prepare = [&](HttpRequest& hop) {
    prepared.push_back(hop.url);
    SetHeader(hop.headers, "Signature", "for " + hop.url);
    return Ok();
  };
  auto res = client.Send(req);
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->final_url, sink.Url("/new"));
  EXPECT_EQ(res->redirects, 1);
  ASSERT_EQ(prepared.size(), 2u);
  EXPECT_EQ(prepared[1], sink.Url("/new"));
  auto seen = sink.Requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].Header("Signature"), "for " + sink.Url("/new"));
}

TEST(HttpClient, NeverFollowsRedirectsForPost) {
  SinkServer sink([](const RecordedRequest&) { return RedirectTo("/elsewhere"); });
  HttpClient client(LoopbackOptions());
  auto res = client.Send({.method = "POST", .url = sink.Url("/inbox"), .body = "{}"});
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 302u);
  EXPECT_EQ(sink.RequestCount(), 1u);
}

TEST(HttpClient, ReusesKeepAliveConnections) {
  SinkServer sink;
  HttpClient client(LoopbackOptions());
  for (int i = 0; i < 3; ++i) {
    auto res = client.Send({.method = "POST", .url = sink.Url("/inbox"), .body = "{}"});
    ASSERT_TRUE(res) << res.error().message;
    EXPECT_EQ(res->status, 202u);
  }
  EXPECT_EQ(sink.ConnectionsAccepted(), 1u);
  auto seen = sink.Requests();
  EXPECT_EQ(seen[0].Header("Content-Length"), "2");
}

TEST(HttpClient, RetriesOnceWhenAParkedConnectionWasClosed) {
  SinkServer sink([](const RecordedRequest&) {
    SinkReply r;
    r.close_after = true;  // says keep-alive, then hangs up
    return r;
  });
  HttpClient client(LoopbackOptions());
  ASSERT_TRUE(client.Send({.method = "POST", .url = sink.Url("/inbox"), .body = "{}"}));
  ASSERT_TRUE(sink.WaitForRequests(1));
  auto second = client.Send({.method = "POST", .url = sink.Url("/inbox"), .body = "{}"});
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->status, 202u);
  EXPECT_EQ(sink.RequestCount(), 2u);
  EXPECT_EQ(sink.ConnectionsAccepted(), 2u);
}

class HttpClientTls : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(ca_path_) << ca_.cert_pem();
    auto leaf = ca_.Issue({"alpha.test"});
    sink_ = std::make_unique<SinkServer>(
        [](const RecordedRequest&) { return Json(200, "{}"); },
        testing::SinkOptions{.cert_pem = leaf.cert_pem, .key_pem = leaf.key_pem});
  }

  ClientOptions Options(bool with_ca) {
    ClientOptions o = LoopbackOptions();
    if (with_ca) o.ca_file = ca_path_.string();
    o.resolve["alpha.test"] = sink_->Endpoint();
    o.resolve["beta.test"] = sink_->Endpoint();
    return o;
  }

  testing::TestCa ca_;
  testutil::TempDir dir_;
  std::filesystem::path ca_path_ = dir_ / "ca.pem";
  std::unique_ptr<SinkServer> sink_;
};

TEST_F(HttpClientTls, AcceptsPeerSignedByConfiguredCa) {
  HttpClient client(Options(true));
  auto res = client.Send({.url = "https://alpha.test/u/a"});
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(sink_->Requests().at(0).Header("Host"), "alpha.test");
}

TEST_F(HttpClientTls, RefusesPeerWithoutTrustedCa) {
  HttpClient client(Options(false));
  auto res = client.Send({.url = "https://alpha.test/u/a"});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Code::kUnavailable);
  EXPECT_NE(res.error().message.find("TLS"), std::string::npos) << res.error().message;
  EXPECT_EQ(sink_->RequestCount(), 0u);
}

TEST_F(HttpClientTls, RefusesCertificateForAnotherName) {
  HttpClient client(Options(true));
  auto res = client.Send({.url = "https://beta.test/u/a"});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Code::kUnavailable);
  EXPECT_EQ(sink_->RequestCount(), 0u);
}

TEST(HttpClient, SendAsyncCompletesOnTheClientsThread) {
  SinkServer sink([](const RecordedRequest&) { return Json(200, "{}"); });
  HttpClient client(LoopbackOptions());
  std::promise<Result<HttpResponse>> done;
  const auto caller = std::this_thread::get_id();
  std::thread::id completed_on;
  client.SendAsync({.url = sink.Url("/a")}, [&](Result<HttpResponse> r) {
    completed_on = std::this_thread::get_id();
    done.set_value(std::move(r));
  });
  auto res = done.get_future().get();
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 200u);
  EXPECT_NE(completed_on, caller);
}

TEST(HttpClient, MapsStatusesToErrors) {
  HttpResponse r;
  r.final_url = "https://a.example/";
  const std::pair<unsigned, Code> cases[] = {
      {500, Code::kUnavailable}, {503, Code::kUnavailable},  {429, Code::kUnavailable},
      {408, Code::kUnavailable}, {401, Code::kUnauthorized}, {403, Code::kForbidden},
      {404, Code::kNotFound},    {410, Code::kNotFound},     {413, Code::kTooLarge},
      {400, Code::kInvalid},     {302, Code::kInvalid}};
  for (auto [status, code] : cases) {
    r.status = status;
    EXPECT_EQ(StatusError(r).code, code) << status;
  }
}

}  // namespace
}  // namespace guildhall::federation

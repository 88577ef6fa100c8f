// PeerFixture: remote peers "alpha.test", "beta.test" and "evil.test", all
// served by one loopback sink from a table of documents (Host + path ->
// response), plus a Fetcher signing as our node actor. Tests change the table
// to play hostile or rotating peers.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>

#include "federation/dereference/fetcher.h"
#include "federation/http/client.h"
#include "tests/federation/http/sink_server.h"
#include "tests/federation/test_keys.h"

namespace guildhall::federation::testing {

inline constexpr char kNodeActor[] = "http://local.test/actor";

// JSON string literal for `s` (quotes, backslashes and newlines escaped).
inline std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// A Mastodon-shaped actor document. `key_owner` defaults to the actor.
inline std::string ActorJson(const std::string& id, const std::string& pem,
                             const std::string& key_id_suffix = "#main-key",
                             std::string key_owner = "") {
  if (key_owner.empty()) key_owner = id;
  return R"({"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1"],)"
         R"("id":")" +
         id +
         R"(","type":"Person","preferredUsername":"alice",)"
         R"("inbox":")" +
         id + R"(/inbox","endpoints":{"sharedInbox":"http://)" + id.substr(7, id.find('/', 7) - 7) +
         R"(/inbox"},)"
         R"("publicKey":{"id":")" +
         id + key_id_suffix + R"(","owner":")" + key_owner + R"(","publicKeyPem":)" +
         JsonString(pem) + "}}";
}

class PeerFixture : public ::testing::Test {
 protected:
  PeerFixture()
      : sink_([this](const RecordedRequest& r) { return Answer(r); }),
        clock_(FromUnixMillis(1'700'000'000'000)) {
    ClientOptions o;
    o.allow_private_addresses = true;
    o.total_timeout = std::chrono::seconds(5);
    for (const char* host : {"alpha.test", "beta.test", "evil.test", "local.test"}) {
      o.resolve[host] = sink_.Endpoint();
    }
    client_ = std::make_unique<HttpClient>(o);
    fetcher_ = MakeFetcher({});
  }

  std::unique_ptr<Fetcher> MakeFetcher(FetcherOptions options) {
    options.local_origin = "http://local.test";
    return std::make_unique<Fetcher>(*client_, clock_,
                                     Signer{std::string(kNodeActor) + "#main-key", NodeKey()},
                                     std::move(options));
  }

  static PrivateKey NodeKey() { return *PrivateKey::FromPem(kRsaBPrivatePem); }

  void Serve(const std::string& url, std::string body,
             std::string content_type = "application/activity+json", unsigned status = 200) {
    SinkReply reply;
    reply.status = status;
    reply.body = std::move(body);
    reply.headers = {{"Content-Type", std::move(content_type)}};
    std::lock_guard lock(mu_);
    docs_[url] = std::move(reply);
  }

  void Redirect(const std::string& from, const std::string& to) {
    SinkReply reply;
    reply.status = 301;
    reply.headers = {{"Location", to}};
    std::lock_guard lock(mu_);
    docs_[from] = std::move(reply);
  }

  SinkReply Answer(const RecordedRequest& r) {
    const std::string url = "http://" + std::string(r.Header("Host")) + r.target;
    std::lock_guard lock(mu_);
    auto it = docs_.find(url);
    if (it != docs_.end()) return it->second;
    SinkReply missing;
    missing.status = 404;
    return missing;
  }

  std::mutex mu_;
  std::map<std::string, SinkReply> docs_;  // GUARDED_BY(mu_)
  SinkServer sink_;
  ManualClock clock_;
  std::unique_ptr<HttpClient> client_;
  std::unique_ptr<Fetcher> fetcher_;
};

}  // namespace guildhall::federation::testing

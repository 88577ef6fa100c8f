// ApiFixture: the JSON API as a client sees it - a real Server on
// 127.0.0.1:0 with RegisterApiRoutes over the community services, a real
// LMDB store and blob store in temp dirs, and a manual clock. Call() sends
// one request over a fresh keep-alive connection and parses the JSON answer.
// With GUILDHALL_API_TRANSCRIPT=FILE set, every exchange is appended to FILE
// (the examples of spec/API.md come from there).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "federation/protocol/json.h"
#include "node/community/community.h"
#include "storage/lmdb/blob_store.h"
#include "tests/testutil/temp_dir.h"
#include "tests/testutil/temp_store.h"
#include "tests/web/server/test_client.h"
#include "web/api/api.h"
#include "web/http/router.h"
#include "web/server/metrics.h"
#include "web/server/server.h"

namespace guildhall::web::testing {

namespace json = federation::json;

struct ApiReply {
  unsigned status = 0;
  std::string body;
  std::string content_type;
  std::string www_authenticate;
  std::string retry_after;
  json::Value json;  // parsed when the body is a JSON object

  // The string at a dotted path ("group.slug", "items.0.id"); empty if absent.
  std::string Str(std::string_view path) const;
  const json::Value* At(std::string_view path) const;
  int64_t Int(std::string_view path) const;
  bool Bool(std::string_view path) const;
  size_t Count(std::string_view path) const;  // items of an array
};

class ApiFixture : public ::testing::Test {
 protected:
  ApiFixture();
  ~ApiFixture() override;

  // Starts the server (after the test adjusted options_ or follows_).
  void Start();
  // A local member and a token for them.
  std::string UserToken(const std::string& username,
                        storage::NodeRole role = storage::NodeRole::kMember);
  Id IdOf(const std::string& username);

  ApiReply Call(std::string_view method, std::string_view path, std::string_view token,
                std::string_view body = "", std::string_view content_type = "application/json");
  ApiReply Get(std::string_view path, std::string_view token) { return Call("GET", path, token); }
  ApiReply Post(std::string_view path, std::string_view token, std::string_view body = "") {
    return Call("POST", path, token, body);
  }

  // A group created through the API by `token`'s member.
  void MakeGroup(std::string_view token, std::string_view slug, std::string_view scope = "internal",
                 std::string_view join = "open");

  testutil::TempStore store_;
  testutil::TempDir blob_dir_{"guildhall-api-blobs"};
  std::unique_ptr<storage::lmdb::FileBlobStore> blobs_;
  ManualClock clock_;
  IdGenerator ids_{clock_};
  community::NullPublisher publisher_;
  std::unique_ptr<community::Community> c_;
  ApiOptions options_;
  ExternalFollows* follows_ = nullptr;
  federation::PolicyAdmin* policy_ = nullptr;  // set before Start() to serve the policy routes
  const search::Search* search_ = nullptr;     // set before Start() to serve /search
  // Before Start(): a PolicyAdmin over this store (mode allowlist, domain
  // guild.example) in owned_policy_, served as policy_.
  void ServePolicy();
  std::unique_ptr<federation::PolicyAdmin> owned_policy_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
};

// Nov 22 2026 12:00 UTC: events in these tests are planned after it.
inline constexpr int64_t kStartMillis = 1795348800000;

}  // namespace guildhall::web::testing

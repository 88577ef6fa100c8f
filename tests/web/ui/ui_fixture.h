// UiFixture: the HTML interface as a browser sees it - a real Server on
// 127.0.0.1:0 with RegisterUiRoutes over the community services, a real LMDB
// store and blob store in temp dirs. Members sign in through the community
// (cheap argon2 parameters) and requests carry their session cookie and CSRF
// token like a browser's form would.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "federation/policy/policy_admin.h"
#include "node/community/community.h"
#include "storage/lmdb/blob_store.h"
#include "tests/testutil/temp_dir.h"
#include "tests/testutil/temp_store.h"
#include "tests/web/server/test_client.h"
#include "web/http/router.h"
#include "web/server/metrics.h"
#include "web/server/server.h"
#include "web/ui/ui.h"

namespace guildhall::web::testing {

struct Browser {
  std::string cookie;  // "gh_session=..."
  std::string csrf;
  Id id;
};

class UiFixture : public ::testing::Test {
 protected:
  UiFixture();
  ~UiFixture() override;

  // Starts the server (after the test adjusted options_ / community options).
  void Start();
  // A local member, signed in.
  Browser SignIn(const std::string& username, storage::NodeRole role = storage::NodeRole::kMember);
  static Browser Anonymous() { return {}; }

  ClientResponse Get(std::string_view path, const Browser& who);
  // A urlencoded form; the CSRF token is added unless `with_csrf` is false.
  ClientResponse Post(std::string_view path, const Browser& who,
                      const std::map<std::string, std::string>& fields, bool with_csrf = true);
  ClientResponse Raw(std::string_view method, std::string_view path, std::string_view headers,
                     std::string_view body);

  community::CommunityOptions community_options_;
  testutil::TempStore store_;
  testutil::TempDir blob_dir_{"guildhall-ui-blobs"};
  std::unique_ptr<storage::lmdb::FileBlobStore> blobs_;
  ManualClock clock_;
  IdGenerator ids_{clock_};
  community::NullPublisher publisher_;
  std::unique_ptr<community::Community> c_;
  UiOptions options_;
  ServerOptions server_options_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  // Before Start(): a PolicyAdmin over this store (mode allowlist, domain
  // guild.example) in policy_, served by the federation policy pages.
  void ServePolicyPages();
  // Set before Start() to serve the federation policy pages.
  federation::PolicyAdmin* policy_admin_ = nullptr;
  std::unique_ptr<federation::PolicyAdmin> policy_;
  // Set before Start() to serve /communities (members following groups on
  // other nodes).
  ExternalFollows* follows_ = nullptr;
};

// "a=b&c=d" with both sides percent-encoded.
std::string UrlEncodeForm(const std::map<std::string, std::string>& fields);

// Problems with `html` as a page: executable markup that did not come from
// our templates (script elements other than ours, on* attributes,
// javascript: URLs, svg/iframe/object/embed elements). Empty if clean.
std::string ExecutableMarkup(std::string_view html);

}  // namespace guildhall::web::testing

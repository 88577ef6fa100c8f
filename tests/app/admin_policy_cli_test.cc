// `guildhall admin peer|mode|group share|group scope` (node/app/commands/
// admin_peer.cc, admin_mode.cc, admin_group_share.cc) driven as an operator
// would, beside a running `guildhall serve` on the same data directory:
// every change is seen by the server's very next request (the API's view of
// the peer list and of a group's sharing), --dry-run prints the impact and
// changes nothing, errors name what is wrong.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>

#include "tests/app/child_process.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::app {
namespace {

using testing::Child;
using testing::RunGuildhall;
using testing::WaitForFile;

constexpr auto kTimeout = std::chrono::seconds(60);

class AdminPolicyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "guildhall.toml") << "[node]\ndomain = \"guild.example\"\n"
                                           << "[http]\nlisten = \"127.0.0.1:0\"\n"
                                           << "public_scheme = \"https\"\n";
    ASSERT_EQ(Admin({"user", "create", "root", "--admin"}).exit_code, 0);
    ASSERT_EQ(Admin({"user", "create", "alice"}).exit_code, 0);
    auto token = Admin({"token", "create", "root"});
    ASSERT_EQ(token.exit_code, 0) << token.err;
    token_ = token.out.substr(0, token.out.find('\n'));
  }
  testing::RunResult Admin(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", "guildhall.toml", "admin"});
    return RunGuildhall(args, dir_.path());
  }
  std::string ServeLog() {
    std::ifstream in(dir_ / "serve.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // The running server's answer (status line, headers and body) to an admin GET.
  std::string Api(const std::string& target) {
    return testing::HttpGet(address_, target, "Authorization: Bearer " + token_ + "\r\n");
  }
  void Serve() {
    node_ = std::make_unique<Child>(
        std::vector<std::string>{"--config", "guildhall.toml", "serve", "--ready-file", "ready"},
        dir_.path(), dir_ / "serve.log");
    address_ = WaitForFile(dir_ / "ready", *node_, kTimeout);
    ASSERT_FALSE(address_.empty()) << ServeLog();
    address_.pop_back();
  }
  void TearDown() override {
    if (!node_) return;
    node_->Signal(SIGTERM);
    EXPECT_EQ(node_->Wait(kTimeout), 0) << ServeLog();
  }

  testutil::TempDir dir_;
  std::string token_, address_;
  std::unique_ptr<Child> node_;
};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(AdminPolicyCli, PeerChangesApplyAtOnceInARunningServer) {
  Serve();
  auto allow = Admin({"peer", "allow", "Partner.Example", "--as", "partner", "--note", "ACME"});
  ASSERT_EQ(allow.exit_code, 0) << allow.err;
  EXPECT_TRUE(Has(allow.out, "changed: unlisted -> state=allowed relationship=partner note=ACME"))
      << allow.out;
  std::string peer = Api("/api/v1/admin/peers/partner.example");
  EXPECT_TRUE(Has(peer, "200 OK")) << peer;
  EXPECT_TRUE(Has(peer, R"("state":"allowed")")) << peer;

  auto dry = Admin({"peer", "limit", "partner.example", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(Has(dry.out, "dry run (nothing changed)")) << dry.out;
  EXPECT_TRUE(Has(dry.out, "remote members leaving: 0")) << dry.out;
  EXPECT_TRUE(Has(Api("/api/v1/admin/peers/partner.example"), R"("state":"allowed")"));

  ASSERT_EQ(Admin({"peer", "limit", "partner.example"}).exit_code, 0);
  EXPECT_TRUE(Has(Api("/api/v1/admin/peers/partner.example"), R"("state":"limited")"));
  ASSERT_EQ(Admin({"peer", "block", "partner.example"}).exit_code, 0);
  EXPECT_TRUE(Has(Api("/api/v1/admin/peers/partner.example"), R"("state":"blocked")"));
  auto list = Admin({"peer", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(Has(list.out, "partner.example")) << list.out;
  EXPECT_TRUE(Has(list.out, "blocked")) << list.out;
  ASSERT_EQ(Admin({"peer", "remove", "partner.example"}).exit_code, 0);
  EXPECT_TRUE(Has(Api("/api/v1/admin/peers/partner.example"), "404 Not Found"));
}

TEST_F(AdminPolicyCli, ModeAndGroupSharingWithDryRun) {
  ASSERT_EQ(Admin({"group", "create", "deals", "--name", "Deals", "--scope", "partners", "--owner",
                   "alice"})
                .exit_code,
            0);
  Serve();
  auto mode = Admin({"mode"});
  ASSERT_EQ(mode.exit_code, 0) << mode.err;
  EXPECT_EQ(mode.out, "allowlist (from the config file)\n");
  auto dry_mode = Admin({"mode", "open", "--dry-run"});
  ASSERT_EQ(dry_mode.exit_code, 0) << dry_mode.err;
  EXPECT_TRUE(Has(dry_mode.out, "dry run (nothing changed): mode=allowlist -> mode=open"))
      << dry_mode.out;
  EXPECT_EQ(Admin({"mode"}).out, "allowlist (from the config file)\n");

  ASSERT_EQ(Admin({"peer", "allow", "partner.example"}).exit_code, 0);
  auto share = Admin({"group", "share", "deals", "partner.example"});
  ASSERT_EQ(share.exit_code, 0) << share.err;
  EXPECT_TRUE(Has(share.out, "shares= -> shares=partner.example") ||
              Has(share.out, "-> shares=partner.example"))
      << share.out;
  EXPECT_TRUE(Has(Api("/api/v1/admin/groups/deals/scope"), R"("shares":["partner.example"])"));
  auto dry_scope = Admin({"group", "scope", "deals", "internal", "--dry-run"});
  ASSERT_EQ(dry_scope.exit_code, 0) << dry_scope.err;
  EXPECT_TRUE(Has(dry_scope.out, "dry run (nothing changed): scope=partners -> scope=internal"))
      << dry_scope.out;
  EXPECT_TRUE(Has(dry_scope.out, "group deals (partners): loses partner.example;"))
      << dry_scope.out;
  EXPECT_TRUE(Has(Api("/api/v1/admin/groups/deals/scope"), R"("scope":"partners")"));
  ASSERT_EQ(Admin({"group", "scope", "deals", "public"}).exit_code, 0);
  EXPECT_TRUE(Has(Api("/api/v1/admin/groups/deals/scope"), R"("scope":"public")"));
}

TEST_F(AdminPolicyCli, ErrorsNameWhatIsWrong) {
  auto missing = Admin({"peer", "remove", "nobody.example"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(Has(missing.err, "peer nobody.example is not on the list")) << missing.err;
  auto bad = Admin({"peer", "allow", "not a domain"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(Has(bad.err, "not a domain: 'not a domain'")) << bad.err;
  auto own = Admin({"peer", "block", "guild.example"});
  EXPECT_EQ(own.exit_code, 1);
  EXPECT_TRUE(Has(own.err, "guild.example is this node's own domain")) << own.err;
  auto relation = Admin({"peer", "allow", "x.example", "--as", "friend"});
  EXPECT_EQ(relation.exit_code, 1);
  EXPECT_TRUE(Has(relation.err, "relationship: 'friend'")) << relation.err;
  auto mode = Admin({"mode", "sometimes"});
  EXPECT_EQ(mode.exit_code, 1);
  EXPECT_TRUE(Has(mode.err, "'sometimes' is not one of closed|allowlist|open")) << mode.err;
  auto scope = Admin({"group", "scope", "nowhere", "galaxy"});
  EXPECT_EQ(scope.exit_code, 1);
  EXPECT_TRUE(Has(scope.err, "'galaxy' is not one of internal|partners|public")) << scope.err;
  auto group = Admin({"group", "scope", "nowhere", "public"});
  EXPECT_EQ(group.exit_code, 1);
  EXPECT_TRUE(Has(group.err, "group 'nowhere' not found")) << group.err;
  auto as = Admin({"peer", "allow", "x.example", "--admin", "alice"});
  EXPECT_EQ(as.exit_code, 1);
  EXPECT_FALSE(as.err.empty());
}

}  // namespace
}  // namespace guildhall::app

namespace guildhall::app {
namespace {

// Issue 10 item 11: `admin group create --scope public` takes the policy's
// path (its impact printed, audited "policy.group.scope"), --dry-run creates
// nothing; `admin group creation` shows and sets who may create groups, and
// the running server applies it to the next request.
TEST_F(AdminPolicyCli, GroupCreationGoesThroughThePolicy) {
  ASSERT_EQ(Admin({"peer", "allow", "partner.example"}).exit_code, 0);
  auto dry = Admin({"group", "create", "plaza", "--name", "Plaza", "--scope", "public", "--owner",
                    "alice", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(Has(dry.out, "dry run (nothing changed): new group, scope=internal -> scope=public"))
      << dry.out;
  EXPECT_TRUE(Has(dry.out, "group plaza (internal): gains partner.example;")) << dry.out;
  Serve();
  EXPECT_TRUE(Has(Api("/api/v1/admin/groups/plaza/scope"), "404 Not Found"))
      << "a dry run created the group";

  auto made = Admin(
      {"group", "create", "plaza", "--name", "Plaza", "--scope", "public", "--owner", "alice"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_TRUE(Has(made.out, "changed: scope=internal -> scope=public")) << made.out;
  EXPECT_TRUE(Has(Api("/api/v1/admin/groups/plaza/scope"), R"("scope":"public")"));
  std::string audit = Api("/api/v1/admin/audit?action=policy.group.scope");
  EXPECT_TRUE(Has(audit, R"("after":"scope=public")")) << audit;

  auto shown = Admin({"group", "creation"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out, "members-internal (from the config file)\n");
  auto bad = Admin({"group", "creation", "everyone"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(Has(bad.err, "'everyone' is not one of admins-only|members-internal|members-any"))
      << bad.err;
  ASSERT_EQ(Admin({"group", "creation", "admins-only"}).exit_code, 0);
  std::string seen = Api("/api/v1/admin/group-creation");
  EXPECT_TRUE(Has(seen, R"("group_creation":"admins-only")")) << seen;
  EXPECT_EQ(Admin({"group", "creation"}).out, "admins-only\n");
}

}  // namespace
}  // namespace guildhall::app

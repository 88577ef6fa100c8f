// The federation policy pages (web/ui/admin_policy_*.cc) over the real
// PolicyAdmin and a real store: only admins see them (group moderators see
// their group's sharing and may ban a peer from it), every change shows its
// confirmation page before anything is written, Apply writes it and comes
// back with a flash, the audit log filters and exports JSON Lines, and
// forms need their CSRF token. Peer notes are escaped like any text.
#include <gtest/gtest.h>

#include "federation/policy/policy_admin.h"
#include "tests/web/ui/ui_fixture.h"

namespace guildhall::web::testing {
namespace {

class AdminPolicyPagesTest : public UiFixture {
 protected:
  void SetUp() override {
    ServePolicyPages();
    if (HasFatalFailure()) return;
    Start();
    root_ = SignIn("root", storage::NodeRole::kAdmin);
    alice_ = SignIn("alice");
    bob_ = SignIn("bob");
    // An admin creates the partners group for alice (members create
    // internal groups only, by default).
    auto g = c_->groups.Create(root_.id, {.slug = "deals",
                                          .name = "Deals desk",
                                          .scope = storage::GroupScope::kPartners,
                                          .owner = alice_.id});
    ASSERT_TRUE(g) << g.error().message;
  }

  std::vector<federation::PeerView> Peers() {
    auto peers = policy_->ListPeers(root_.id);
    EXPECT_TRUE(peers);
    return peers ? *peers : std::vector<federation::PeerView>{};
  }

  Browser root_, alice_, bob_;
};

TEST_F(AdminPolicyPagesTest, OnlyAdminsSeeThePolicyPages) {
  for (const char* path :
       {"/admin/federation/peers", "/admin/federation/mode", "/admin/federation/groups",
        "/admin/federation/audit", "/admin/federation/audit.jsonl"}) {
    EXPECT_EQ(Get(path, root_).status, 200u) << path << ": " << Get(path, root_).body;
    EXPECT_EQ(Get(path, bob_).status, 404u) << path;
    ClientResponse anon = Get(path, Anonymous());
    EXPECT_EQ(anon.status, 303u) << path;
    EXPECT_NE(anon.Header("Location").find("/login"), std::string::npos) << path;
  }
  EXPECT_EQ(Get("/g/deals/sharing", alice_).status, 200u);  // the group's owner
  EXPECT_NE(Get("/g/deals/moderation", alice_).body.find("href=\"/g/deals/sharing\""),
            std::string::npos)
      << "the moderation tab links to the sharing page";
  EXPECT_EQ(Get("/g/deals/sharing", root_).status, 200u);
  EXPECT_EQ(Get("/g/deals/sharing", bob_).status, 404u);
}

TEST_F(AdminPolicyPagesTest, AChangeIsConfirmedBeforeItIsApplied) {
  const std::map<std::string, std::string> change = {
      {"change", "peer"},      {"domain", "Partner.Example"},
      {"state", "allowed"},    {"relationship", "partner"},
      {"note", "signed 2026"}, {"back", "/admin/federation/peers"}};
  ClientResponse confirm = Post("/admin/federation/preview", root_, change);
  ASSERT_EQ(confirm.status, 200u) << confirm.body;
  EXPECT_NE(confirm.body.find("Allow"), std::string::npos);
  EXPECT_NE(confirm.body.find("Apply this change"), std::string::npos);
  EXPECT_NE(confirm.body.find("action=\"/admin/federation/apply\""), std::string::npos);
  EXPECT_TRUE(Peers().empty()) << "the preview wrote something";

  ClientResponse applied = Post("/admin/federation/apply", root_, change);
  ASSERT_EQ(applied.status, 303u) << applied.body;
  EXPECT_EQ(applied.Header("Location"), "/admin/federation/peers");
  auto peers = Peers();
  ASSERT_EQ(peers.size(), 1u);
  EXPECT_EQ(peers[0].peer.domain, "partner.example");
  EXPECT_EQ(peers[0].peer.note, "signed 2026");
  ClientResponse list = Get("/admin/federation/peers", root_);
  EXPECT_NE(list.body.find("data-domain=\"partner.example\""), std::string::npos) << list.body;
  EXPECT_NE(list.body.find("Allowed"), std::string::npos);
}

TEST_F(AdminPolicyPagesTest, BadChangesGoBackWithTheReason) {
  ClientResponse bad = Post("/admin/federation/preview", root_,
                            {{"change", "peer"},
                             {"domain", ""},
                             {"state", "allowed"},
                             {"back", "/admin/federation/peers"}});
  EXPECT_EQ(bad.status, 303u);
  EXPECT_EQ(bad.Header("Location"), "/admin/federation/peers");
  EXPECT_NE(bad.Header("Set-Cookie").find("error"), std::string::npos);
  // An offsite "back" is not followed.
  ClientResponse offsite = Post("/admin/federation/preview", root_,
                                {{"change", "bogus"}, {"back", "https://evil.example/"}});
  EXPECT_EQ(offsite.status, 303u);
  EXPECT_EQ(offsite.Header("Location").rfind("/", 0), 0u) << offsite.Header("Location");
  EXPECT_EQ(offsite.Header("Location").find("evil"), std::string::npos);
}

TEST_F(AdminPolicyPagesTest, FormsNeedTheirCsrfToken) {
  ClientResponse forged = Post("/admin/federation/apply", root_,
                               {{"change", "mode"}, {"mode", "open"}}, /*with_csrf=*/false);
  EXPECT_EQ(forged.status, 403u);
  auto mode = policy_->Mode(root_.id);
  ASSERT_TRUE(mode);
  EXPECT_EQ(mode->mode, federation::FederationMode::kAllowlist);
}

TEST_F(AdminPolicyPagesTest, GroupModeratorsBanAPeerButCannotChangeTheNode) {
  const std::map<std::string, std::string> ban = {{"change", "ban-peer"},
                                                  {"group", "deals"},
                                                  {"domain", "rival.example"},
                                                  {"reason", "spam"},
                                                  {"back", "/g/deals/sharing"}};
  ASSERT_EQ(Post("/admin/federation/preview", alice_, ban).status, 200u);
  ClientResponse done = Post("/admin/federation/apply", alice_, ban);
  ASSERT_EQ(done.status, 303u) << done.body;
  EXPECT_EQ(done.Header("Location"), "/g/deals/sharing");
  ClientResponse sharing = Get("/g/deals/sharing", alice_);
  EXPECT_NE(sharing.body.find("rival.example"), std::string::npos);
  ClientResponse mode =
      Post("/admin/federation/apply", alice_, {{"change", "mode"}, {"mode", "open"}});
  EXPECT_NE(mode.status, 303u);
  EXPECT_NE(mode.status, 200u);
  EXPECT_EQ(policy_->Mode(root_.id)->mode, federation::FederationMode::kAllowlist);
}

TEST_F(AdminPolicyPagesTest, AuditLogFiltersAndExportsJsonLines) {
  ASSERT_TRUE(policy_->SetPeer(root_.id, "a.example", storage::PeerState::kAllowed, "partner"));
  ASSERT_TRUE(policy_->SetPeer(root_.id, "b.example", storage::PeerState::kBlocked));
  ASSERT_TRUE(policy_->SetMode(root_.id, federation::FederationMode::kOpen));
  ASSERT_TRUE(policy_->SetShares(root_.id, "deals", {"a.example"}));
  ClientResponse all = Get("/admin/federation/audit", root_);
  ASSERT_EQ(all.status, 200u);
  EXPECT_NE(all.body.find("policy.peer.set"), std::string::npos) << all.body;
  EXPECT_NE(all.body.find("policy.mode"), std::string::npos);
  EXPECT_NE(all.body.find("<td>group:deals</td>"), std::string::npos) << "group targets by address";
  ClientResponse peers_only =
      Get("/admin/federation/audit?kind=policy.peer.set&target=b.example", root_);
  EXPECT_NE(peers_only.body.find("b.example"), std::string::npos);
  EXPECT_EQ(peers_only.body.find("a.example</td>"), std::string::npos);
  EXPECT_EQ(peers_only.body.find("<code>policy.mode</code>"), std::string::npos);
  ClientResponse bad_date = Get("/admin/federation/audit?from=yesterday", root_);
  EXPECT_NE(bad_date.body.find("YYYY-MM-DD"), std::string::npos);

  // Only policy entries: the group made in SetUp is audited too (group.create).
  EXPECT_EQ(all.body.find("group.create"), std::string::npos);
  ClientResponse everything = Get("/admin/federation/audit.jsonl", root_);
  EXPECT_EQ(everything.body.find("group.create"), std::string::npos) << everything.body;
  EXPECT_NE(everything.body.find("policy.mode"), std::string::npos) << everything.body;
  ClientResponse jsonl = Get("/admin/federation/audit.jsonl?kind=policy.peer.set", root_);
  ASSERT_EQ(jsonl.status, 200u);
  EXPECT_NE(jsonl.Header("Content-Type").find("jsonl"), std::string::npos);
  EXPECT_NE(jsonl.Header("Content-Disposition").find("attachment"), std::string::npos);
  size_t lines = 0;
  for (char c : jsonl.body) lines += c == '\n';
  EXPECT_EQ(lines, 2u) << jsonl.body;
  EXPECT_EQ(jsonl.body.find("policy.mode"), std::string::npos);
}

TEST_F(AdminPolicyPagesTest, PeerNotesAreEscaped) {
  ASSERT_TRUE(
      policy_->SetPeer(root_.id, "x.example", storage::PeerState::kAllowed, "other",
                       std::string("<script>alert(1)</script><img src=x onerror=alert(2)>")));
  ClientResponse list = Get("/admin/federation/peers", root_);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(ExecutableMarkup(list.body), "");
  EXPECT_NE(list.body.find("&lt;script&gt;"), std::string::npos);
  ClientResponse confirm = Post("/admin/federation/preview", root_,
                                {{"change", "peer"},
                                 {"domain", "x.example"},
                                 {"state", "limited"},
                                 {"note", "\"><script>alert(3)</script>"}});
  EXPECT_EQ(ExecutableMarkup(confirm.body), "");
}

}  // namespace
}  // namespace guildhall::web::testing

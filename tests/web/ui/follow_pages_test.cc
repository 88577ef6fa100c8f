// Tests web/ui/follow_pages.cc: /communities as a member's browser sees it —
// following a group on another node by its handle, the list with each
// follow's state, unfollowing, and every refusal shown beside the form with
// the reason the federation layer gave (and the handle kept), escaped.
// ExternalFollows is the seam to federation (tested end to end in
// tests/integration); here it is a recorder, so the page's behaviour alone
// is under test.
#include <mutex>

#include "tests/web/ui/ui_fixture.h"
#include "web/api/api.h"

namespace guildhall::web::testing {
namespace {

class RecordingFollows final : public ExternalFollows {
 public:
  Result<ExternalFollow> Follow(Id member, std::string_view handle) override {
    std::lock_guard lock(mu_);
    if (handle.find("blocked.example") != std::string_view::npos) {
      return Error::Forbidden("This node does not federate with blocked.example");
    }
    if (handle.find('@') == std::string_view::npos) {
      return Error::Invalid("handle: " + std::string(handle) + " is not name@host");
    }
    ExternalFollow f{std::string(handle), std::string(handle), "pending", "", 1};
    follows_.push_back({member, f});
    return f;
  }
  Result<std::vector<ExternalFollow>> List(Id member) override {
    std::lock_guard lock(mu_);
    std::vector<ExternalFollow> out;
    for (const auto& [who, f] : follows_) {
      if (who == member) out.push_back(f);
    }
    return out;
  }
  Result<> Unfollow(Id member, std::string_view handle) override {
    std::lock_guard lock(mu_);
    auto gone = std::erase_if(
        follows_, [&](const auto& e) { return e.first == member && e.second.handle == handle; });
    if (gone == 0) return Error::NotFound("not following " + std::string(handle));
    return Ok();
  }
  void Accept(std::string_view handle) {
    std::lock_guard lock(mu_);
    for (auto& [who, f] : follows_) {
      if (f.handle == handle) f.state = "accepted";
    }
  }

 private:
  std::mutex mu_;
  std::vector<std::pair<Id, ExternalFollow>> follows_;
};

class FollowPagesTest : public UiFixture {
 protected:
  void SetUp() override {
    follows_ = &recorder_;
    Start();
  }
  RecordingFollows recorder_;
};

TEST_F(FollowPagesTest, MemberFollowsSeesPendingThenAcceptedAndUnfollows) {
  Browser ann = SignIn("ann");
  ClientResponse empty = Get("/communities", ann);
  ASSERT_EQ(empty.status, 200u) << empty.body;
  EXPECT_NE(empty.body.find("No communities on other nodes yet."), std::string::npos);

  ClientResponse follow = Post("/communities/follow", ann, {{"handle", "news@partner.example"}});
  ASSERT_EQ(follow.status, 303u) << follow.body;
  EXPECT_EQ(follow.Header("Location"), "/communities");
  ClientResponse pending = Get("/communities", ann);
  EXPECT_NE(pending.body.find("news@partner.example"), std::string::npos) << pending.body;
  EXPECT_NE(pending.body.find("Waiting for the other node to accept"), std::string::npos);
  EXPECT_EQ(pending.body.find("href=\"/g/news@partner.example\""), std::string::npos)
      << "a pending follow has no mirror to read yet";

  recorder_.Accept("news@partner.example");
  ClientResponse accepted = Get("/communities", ann);
  EXPECT_NE(accepted.body.find("href=\"/g/news@partner.example\""), std::string::npos)
      << accepted.body;

  ClientResponse unfollow =
      Post("/communities/unfollow", ann, {{"handle", "news@partner.example"}});
  ASSERT_EQ(unfollow.status, 303u) << unfollow.body;
  EXPECT_EQ(Get("/communities", ann).body.find("news@partner.example"), std::string::npos);
}

TEST_F(FollowPagesTest, RefusalsSayWhyBesideTheFieldAndKeepTheHandle) {
  Browser ann = SignIn("ann");
  ClientResponse refused = Post("/communities/follow", ann, {{"handle", "ops@blocked.example"}});
  EXPECT_EQ(refused.status, 403u);
  EXPECT_NE(refused.body.find("This node does not federate with blocked.example"),
            std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("value=\"ops@blocked.example\""), std::string::npos) << refused.body;

  ClientResponse invalid =
      Post("/communities/follow", ann, {{"handle", "<img src=x onerror=alert(1)>"}});
  EXPECT_EQ(invalid.status, 400u);
  EXPECT_EQ(ExecutableMarkup(invalid.body), "") << invalid.body;
  EXPECT_NE(invalid.body.find("is not name@host"), std::string::npos);

  ClientResponse blank = Post("/communities/follow", ann, {{"handle", ""}});
  EXPECT_EQ(blank.status, 400u);
  EXPECT_NE(blank.body.find("Enter the community&apos;s handle."), std::string::npos) << blank.body;
  EXPECT_NE(Get("/communities", ann).body.find("No communities on other nodes yet."),
            std::string::npos)
      << "nothing was followed";
}

TEST_F(FollowPagesTest, AnonymousVisitorsSignInFirstAndFormsNeedTheirToken) {
  ClientResponse anonymous = Get("/communities", Anonymous());
  EXPECT_EQ(anonymous.status, 303u);
  EXPECT_EQ(anonymous.Header("Location").rfind("/login", 0), 0u);

  Browser ann = SignIn("ann");
  ClientResponse forged =
      Post("/communities/follow", ann, {{"handle", "news@partner.example"}}, /*with_csrf=*/false);
  EXPECT_EQ(forged.status, 403u);
  EXPECT_NE(Get("/communities", ann).body.find("No communities on other nodes yet."),
            std::string::npos);
}

TEST_F(FollowPagesTest, EachMemberSeesOnlyTheirOwnFollows) {
  Browser ann = SignIn("ann");
  Browser bob = SignIn("bob");
  ASSERT_EQ(Post("/communities/follow", ann, {{"handle", "news@partner.example"}}).status, 303u);
  EXPECT_EQ(Get("/communities", bob).body.find("news@partner.example"), std::string::npos);
}

class FollowPagesWithoutFederationTest : public UiFixture {
 protected:
  void SetUp() override { Start(); }
};

TEST_F(FollowPagesWithoutFederationTest, PagesAreNotFound) {
  Browser ann = SignIn("ann");
  EXPECT_EQ(Get("/communities", ann).status, 404u);
  EXPECT_EQ(Post("/communities/follow", ann, {{"handle", "news@partner.example"}}).status, 404u);
}

}  // namespace
}  // namespace guildhall::web::testing

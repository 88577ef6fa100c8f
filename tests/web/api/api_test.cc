// The API's edge: authentication, error bodies, JSON limits, groups and
// memberships, members and the follows seam (web/api/handler.cc,
// routes_me.cc, routes_groups.cc, routes_memberships.cc, routes_members.cc,
// routes_follows.cc).
#include <string>

#include "tests/web/api/api_fixture.h"

namespace guildhall::web::testing {
namespace {

class Api : public ApiFixture {
 protected:
  void SetUp() override {
    alice_ = UserToken("alice");
    bob_ = UserToken("bob");
    Start();
  }
  std::string alice_, bob_;
};

TEST_F(Api, MissingOrBadTokenIs401WithJsonError) {
  auto none = Get("/api/v1/me", "");
  EXPECT_EQ(none.status, 401u);
  EXPECT_EQ(none.Str("error"), "unauthorized");
  EXPECT_NE(none.Str("message").find("Bearer"), std::string::npos) << none.body;
  EXPECT_NE(none.www_authenticate.find("Bearer"), std::string::npos);
  EXPECT_EQ(none.content_type, "application/json");

  auto bad = Get("/api/v1/me", "0123456789abcdef");
  EXPECT_EQ(bad.status, 401u);
  EXPECT_EQ(bad.Str("error"), "unauthorized");
  EXPECT_EQ(Post("/api/v1/groups", "", "{}").status, 401u);
}

TEST_F(Api, MeReadsAndEditsTheCallersProfile) {
  auto me = Get("/api/v1/me", alice_);
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.Str("username"), "alice");
  EXPECT_EQ(me.Str("role"), "member");

  auto patched = Call("PATCH", "/api/v1/me", alice_,
                      R"({"display_name":"Alice A.","team":"Platform","skills":["rust","c++"]})");
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.Str("display_name"), "Alice A.");
  EXPECT_EQ(patched.Str("skills.1"), "c++");

  auto stale = Call("PATCH", "/api/v1/me", alice_, R"({"title":"CTO","expected_version":1})");
  EXPECT_EQ(stale.status, 409u) << stale.body;

  auto bad = Call("PATCH", "/api/v1/me", alice_, R"({"skills":"rust"})");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.Str("field"), "skills");

  auto found = Get("/api/v1/members?skill=rus", bob_);
  ASSERT_EQ(found.status, 200u) << found.body;
  ASSERT_EQ(found.Count("items"), 1u) << found.body;
  EXPECT_EQ(found.Str("items.0.username"), "alice");
  EXPECT_EQ(Get("/api/v1/members?team=platform", bob_).Count("items"), 1u);
  EXPECT_EQ(Get("/api/v1/members?skill=go", bob_).Count("items"), 0u);
  auto profile = Get("/api/v1/members/alice", bob_);
  EXPECT_EQ(profile.Str("team"), "Platform");
  EXPECT_EQ(profile.At("federation"), nullptr);  // only the member and admins see it
  EXPECT_EQ(Get("/api/v1/members/nobody", bob_).status, 404u);
}

TEST_F(Api, PasswordChangeChecksTheOldOne) {
  auto wrong = Post("/api/v1/me/password", alice_,
                    R"({"old_password":"nope","new_password":"a much better one"})");
  EXPECT_EQ(wrong.status, 400u) << wrong.body;
  EXPECT_EQ(wrong.Str("field"), "old_password");
  auto ok = Post("/api/v1/me/password", alice_,
                 R"({"old_password":"correct horse","new_password":"a much better one"})");
  EXPECT_EQ(ok.status, 200u) << ok.body;
  EXPECT_TRUE(c_->sessions.Login("alice", "a much better one"));
}

TEST_F(Api, TokensAreListedCreatedAndRevoked) {
  auto created = Post("/api/v1/me/tokens", alice_, R"({"name":"laptop"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string token = created.Str("token");
  EXPECT_EQ(Get("/api/v1/me", token).status, 200u);
  EXPECT_EQ(Get("/api/v1/me/tokens", alice_).Count("items"), 2u);
  auto revoked = Call("DELETE", "/api/v1/me/tokens/" + created.Str("id"), alice_);
  EXPECT_EQ(revoked.status, 200u) << revoked.body;
  EXPECT_EQ(Get("/api/v1/me", token).status, 401u);
}

TEST_F(Api, GroupLifecycle) {
  auto created = Post("/api/v1/groups", alice_,
                      R"({"slug":"rustaceans","name":"Rustaceans","kind":"interest",)"
                      R"("scope":"internal","join_mode":"open","description":"All things Rust"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Str("slug"), "rustaceans");
  EXPECT_EQ(created.Str("kind"), "interest");
  EXPECT_EQ(created.Str("membership.role"), "owner");
  EXPECT_TRUE(created.Bool("can.edit_group"));

  auto again = Post("/api/v1/groups", bob_, R"({"slug":"rustaceans","name":"Other"})");
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.Str("field"), "slug");

  auto listed = Get("/api/v1/groups", bob_);
  ASSERT_EQ(listed.Count("items"), 1u) << listed.body;
  EXPECT_EQ(listed.At("next")->kind(), json::Value::Kind::kNull);

  auto joined = Post("/api/v1/groups/rustaceans/join", bob_);
  ASSERT_EQ(joined.status, 200u) << joined.body;
  EXPECT_EQ(joined.Str("state"), "active");
  auto members = Get("/api/v1/groups/rustaceans/members", bob_);
  ASSERT_EQ(members.Count("items"), 2u) << members.body;
  EXPECT_EQ(members.Str("items.0.member.username"), "alice");  // owners first
  EXPECT_EQ(members.Str("items.0.membership.role"), "owner");

  auto patched = Call("PATCH", "/api/v1/groups/rustaceans", alice_,
                      R"({"name":"Rust at work","join_mode":"approval"})");
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.Str("join_mode"), "approval");
  EXPECT_EQ(Call("PATCH", "/api/v1/groups/rustaceans", bob_, R"({"name":"Mine"})").status, 403u);
  EXPECT_EQ(Get("/api/v1/groups/rustaceans", bob_).Int("member_count"), 2);

  EXPECT_EQ(Post("/api/v1/groups/rustaceans/leave", bob_).status, 200u);
  EXPECT_EQ(Get("/api/v1/groups/rustaceans", bob_).Int("member_count"), 1);
  EXPECT_EQ(Get("/api/v1/me/groups", alice_).Count("items"), 1u);
}

TEST_F(Api, ValidationErrorsNameTheField) {
  auto slug = Post("/api/v1/groups", alice_, R"({"slug":"No Spaces!","name":"Fine name"})");
  EXPECT_EQ(slug.status, 400u);
  EXPECT_EQ(slug.Str("error"), "invalid");
  EXPECT_EQ(slug.Str("field"), "slug");
  EXPECT_TRUE(slug.Str("message").starts_with("slug: ")) << slug.body;

  auto name = Post("/api/v1/groups", alice_, R"({"slug":"ok-slug","name":"x"})");
  EXPECT_EQ(name.Str("field"), "name") << name.body;
  auto both = Post("/api/v1/groups", alice_, R"({"slug":"-","name":"x"})");
  EXPECT_NE(both.At("fields.slug"), nullptr) << both.body;
  EXPECT_NE(both.At("fields.name"), nullptr) << both.body;

  auto kind = Post("/api/v1/groups", alice_, R"({"slug":"ok-slug","name":"Fine","kind":"club"})");
  EXPECT_EQ(kind.Str("field"), "kind");
  EXPECT_NE(kind.Str("message").find("practice"), std::string::npos);
  auto missing = Post("/api/v1/groups", alice_, R"({"name":"Fine"})");
  EXPECT_EQ(missing.Str("message"), "slug: is required");
  auto type = Post("/api/v1/groups", alice_, R"({"slug":42,"name":"Fine"})");
  EXPECT_EQ(type.Str("message"), "slug: must be a string");
  // External slugs are for lookups only.
  auto external =
      Post("/api/v1/groups", alice_, R"({"slug":"news@partner.example","name":"News"})");
  EXPECT_EQ(external.status, 400u);
  EXPECT_EQ(external.Str("field"), "slug");
  EXPECT_EQ(Get("/api/v1/groups/news@partner.example", alice_).status, 404u);
  EXPECT_EQ(Get("/api/v1/groups/..%2Fetc", alice_).status, 404u);
  EXPECT_EQ(Get("/api/v1/groups?limit=0", alice_).Str("field"), "limit");
  EXPECT_EQ(Get("/api/v1/groups?kind=club", alice_).Str("field"), "kind");
}

TEST_F(Api, MalformedJsonIs400) {
  auto check = [&](std::string_view body, std::string_view needle) {
    auto r = Post("/api/v1/groups", alice_, body);
    EXPECT_EQ(r.status, 400u) << body;
    EXPECT_EQ(r.Str("error"), "invalid") << r.body;
    EXPECT_NE(r.Str("message").find(needle), std::string::npos) << r.body;
  };
  check("{\"slug\":", "body:");
  check("[1,2]", "top level");
  check(R"({"slug":"a","slug":"b","name":"x"})", "duplicate");
  check("{\"slug\":\"\xff\xfe\",\"name\":\"xx\"}", "encoding");
  std::string deep = R"({"a":)" + std::string(100, '[') + std::string(100, ']') + "}";
  check(deep, "nesting");
}

TEST_F(Api, OversizedBodyIs413) {
  std::string big =
      R"({"slug":"big","name":"Big","description":")" + std::string(20 * 1024, 'x') + "\"}";
  auto r = Post("/api/v1/groups", alice_, big);
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_FALSE(r.Str("message").empty()) << r.body;
}

TEST_F(Api, UnknownRouteAndWrongMethodAnswerJson) {
  auto unknown = Get("/api/v1/nothing-here", alice_);
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(unknown.content_type, "application/json");
  EXPECT_EQ(Call("PUT", "/api/v1/me", alice_, "{}").status, 405u);
}

TEST_F(Api, InternalInviteOnlyGroupIs404ToNonMembers) {
  MakeGroup(alice_, "secret", "internal", "invite");
  auto thread = Post("/api/v1/groups/secret/threads", alice_, R"({"title":"Plans","body":"..."})");
  ASSERT_EQ(thread.status, 201u) << thread.body;
  const std::string id = thread.Str("id");

  for (const std::string& path :
       {std::string("/api/v1/groups/secret"), std::string("/api/v1/groups/secret/threads"),
        std::string("/api/v1/groups/secret/members"), "/api/v1/threads/" + id,
        std::string("/api/v1/groups/secret/events")}) {
    auto r = Get(path, bob_);
    EXPECT_EQ(r.status, 404u) << path << " " << r.body;
    EXPECT_EQ(r.Str("error"), "not_found");
  }
  EXPECT_EQ(Post("/api/v1/groups/secret/join", bob_).status, 404u);
  EXPECT_EQ(Post("/api/v1/threads/" + id + "/replies", bob_, R"({"body":"hi"})").status, 404u);
  EXPECT_EQ(Get("/api/v1/groups", bob_).Count("items"), 0u);

  // Invited, bob sees it and can accept by joining.
  auto invited = Post("/api/v1/groups/secret/invites", alice_, R"({"username":"bob"})");
  ASSERT_EQ(invited.status, 200u) << invited.body;
  EXPECT_EQ(invited.Str("state"), "invited");
  EXPECT_EQ(Get("/api/v1/groups/secret", bob_).status, 200u);
  EXPECT_EQ(Post("/api/v1/groups/secret/join", bob_).Str("state"), "active");
  EXPECT_EQ(Get("/api/v1/threads/" + id, bob_).status, 200u);
}

TEST_F(Api, JoinRequestsAreApprovedOrDenied) {
  std::string carol = UserToken("carol");
  MakeGroup(alice_, "guild", "internal", "approval");
  EXPECT_EQ(Post("/api/v1/groups/guild/join", bob_).Str("state"), "pending");
  EXPECT_EQ(Post("/api/v1/groups/guild/join", carol).Str("state"), "pending");
  auto pending = Get("/api/v1/groups/guild/members?state=pending", alice_);
  EXPECT_EQ(pending.Count("items"), 2u) << pending.body;
  EXPECT_EQ(Get("/api/v1/groups/guild/members?state=pending", bob_).status, 403u);

  EXPECT_EQ(Post("/api/v1/groups/guild/requests/bob/approve", carol).status, 403u);
  auto approved = Post("/api/v1/groups/guild/requests/bob/approve", alice_);
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.Str("state"), "active");
  EXPECT_EQ(Post("/api/v1/groups/guild/requests/carol/deny", alice_).status, 200u);
  EXPECT_EQ(Get("/api/v1/groups/guild/members", alice_).Count("items"), 2u);
  EXPECT_EQ(Post("/api/v1/groups/guild/requests/nobody/approve", alice_).status, 404u);

  auto role = Post("/api/v1/groups/guild/members/bob/role", alice_, R"({"role":"moderator"})");
  EXPECT_EQ(role.Str("role"), "moderator") << role.body;
}

TEST_F(Api, FollowsAnswer501WithoutFederation) {
  auto r = Post("/api/v1/follows", alice_, R"({"handle":"news@partner.example"})");
  EXPECT_EQ(r.status, 501u);
  EXPECT_EQ(r.Str("error"), "not_implemented");
  EXPECT_EQ(Get("/api/v1/follows", alice_).status, 501u);
  EXPECT_EQ(Call("DELETE", "/api/v1/follows/news@partner.example", alice_).status, 501u);
  EXPECT_EQ(Get("/api/v1/follows", "").status, 401u);  // authentication comes first
}

// A stand-in for federation's implementation.
class FakeFollows : public ExternalFollows {
 public:
  Result<ExternalFollow> Follow(Id member, std::string_view handle) override {
    if (handle.find('@') == std::string_view::npos)
      return Error::Invalid("handle: must be name@host");
    follows_.push_back({std::string(handle), std::string(handle), "pending", "", 1});
    return follows_.back();
  }
  Result<std::vector<ExternalFollow>> List(Id) override { return follows_; }
  Result<> Unfollow(Id, std::string_view handle) override {
    if (follows_.empty() || follows_.back().handle != handle)
      return Error::NotFound("not followed");
    follows_.pop_back();
    return Ok();
  }
  std::vector<ExternalFollow> follows_;
};

class ApiFollows : public ApiFixture {
 protected:
  void SetUp() override {
    follows_ = &fake_;
    alice_ = UserToken("alice");
    Start();
  }
  FakeFollows fake_;
  std::string alice_;
};

TEST_F(ApiFollows, GoThroughTheExternalFollowsInterface) {
  auto r = Post("/api/v1/follows", alice_, R"({"handle":"news@partner.example"})");
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.Str("state"), "pending");
  EXPECT_EQ(Post("/api/v1/follows", alice_, R"({"handle":"nope"})").Str("field"), "handle");
  EXPECT_EQ(Get("/api/v1/follows", alice_).Str("items.0.handle"), "news@partner.example");
  EXPECT_EQ(Call("DELETE", "/api/v1/follows/news@partner.example", alice_).status, 200u);
  EXPECT_EQ(Call("DELETE", "/api/v1/follows/news@partner.example", alice_).status, 404u);
}

}  // namespace
}  // namespace guildhall::web::testing

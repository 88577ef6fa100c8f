// The inbox door, table-driven over bad input (reference/security.md §3):
// each case asserts the HTTP status AND that the store did not change.
#include "federation/inbox/inbox.h"

#include <gtest/gtest.h>

#include "federation/protocol/datetime.h"
#include "storage/model/records/inbox_activity.h"
#include "storage/model/records/thread.h"
#include "tests/federation/inbox/harness.h"
#include "tests/federation/test_keys.h"

namespace guildhall::federation::testing {
namespace {

class InboxTest : public FederationHarness {
 protected:
  InboxTest() {
    owner_ = LocalMember("owner");
    group_ = LocalGroup(owner_, "news");
    internal_ = LocalGroup(owner_, "staff", storage::GroupScope::kInternal);
    alice_ = AddPeer("alice");
    Join(alice_, "news");
  }

  std::string Create(const std::string& group = std::string(kBase) + "/g/news") {
    return CreatePage(NewActivityId(), alice_, std::string(kPeer) + "/post/" + std::to_string(++n_),
                      group, "Hello", "<p>Hi all</p>");
  }

  // Posts `req` and checks the answer and that nothing was stored.
  void ExpectRejected(const InboxRequest& req, unsigned status) {
    const std::string before = Snapshot();
    EXPECT_EQ(Post(req), status);
    EXPECT_EQ(Snapshot(), before) << "the store changed";
  }

  Id owner_, group_, internal_;
  Peer alice_;
  int n_ = 0;
};

TEST_F(InboxTest, AcceptsSignedCreateAndStoresThread) {
  const std::string body = Create();
  EXPECT_EQ(Post("/inbox", body, alice_), 202u);
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId,
                                                 std::string(kPeer) + "/post/1");
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->title, "Hello");
  EXPECT_EQ(thread->body, "Hi all");
}

TEST_F(InboxTest, RejectsUnsignedWith401) {
  InboxRequest req = Signed("/inbox", Create(), alice_);
  std::erase_if(req.headers,
                [](const HeaderField& f) { return EqualsIgnoreCase(f.first, "signature"); });
  ExpectRejected(req, 401);
}

// Issue 10 item 4: control characters in the type change nothing but the
// log line's escaping (tests/integration/log_injection_test.cc reads it).
TEST_F(InboxTest, RejectsUnsignedWithLineBreaksInTypeWith401) {
  InboxRequest req = Signed("/inbox",
                            Simple("Create\nINFO forged\r\x1b[2K", NewActivityId(), alice_,
                                   std::string(kBase) + "/g/news"),
                            alice_);
  std::erase_if(req.headers,
                [](const HeaderField& f) { return EqualsIgnoreCase(f.first, "signature"); });
  ExpectRejected(req, 401);
}

TEST_F(InboxTest, RejectsWrongSignatureWith401) {
  // Signed with key A, but alice publishes key B.
  ExpectRejected(Signed("/inbox", Create(), alice_, kRsaAPrivatePem), 401);
}

TEST_F(InboxTest, RejectsStaleDateWith401) {
  InboxRequest req = Signed("/inbox", Create(), alice_);
  clock_.Advance(std::chrono::hours(2));
  ExpectRejected(req, 401);
}

TEST_F(InboxTest, RejectsDigestMismatchWith401) {
  InboxRequest req = Signed("/inbox", Create(), alice_);
  req.body.replace(req.body.find("Hi all"), 6, "Bye al");
  ExpectRejected(req, 401);
}

TEST_F(InboxTest, RejectsKeyOwnerOtherThanActorWith401) {
  Peer bob = AddPeer("bob");
  // bob's signature on an activity claiming to be alice's (Fedify CVE-2025-54888).
  ExpectRejected(Signed("/inbox", Create(), bob), 401);
}

TEST_F(InboxTest, RejectsOversizedBodyWith413) {
  std::string body = Create();
  body.insert(body.size() - 1, ",\"pad\":\"" + std::string(1100 * 1024, 'x') + "\"");
  ExpectRejected(Signed("/inbox", body, alice_), 413);
}

TEST_F(InboxTest, RejectsDeeplyNestedJsonWith400) {
  std::string body = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  ExpectRejected(Signed("/inbox", body, alice_), 400);
}

TEST_F(InboxTest, RejectsMalformedJsonWith400) {
  ExpectRejected(Signed("/inbox", "{\"type\": \"Create\",", alice_), 400);
}

TEST_F(InboxTest, RejectsNonJsonContentTypeWith415) {
  InboxRequest req = Signed("/inbox", Create(), alice_);
  for (auto& f : req.headers) {
    if (EqualsIgnoreCase(f.first, "content-type")) f.second = "text/html";
  }
  ExpectRejected(req, 415);
}

TEST_F(InboxTest, IgnoresUnknownTypeWith202) {
  ExpectRejected(
      Signed("/inbox", Simple("EmojiReact", NewActivityId(), alice_, std::string(kBase) + "/t/1"),
             alice_),
      202);
}

TEST_F(InboxTest, ReplayIsANoOp) {
  InboxRequest req = Signed("/inbox", Create(), alice_);
  EXPECT_EQ(Post(req), 202u);
  const std::string before = Snapshot();
  EXPECT_EQ(Post(req), 202u);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(InboxTest, CreateIntoInternalGroupStoresNothing) {
  // Through the shared inbox: accepted and dropped (saying more would leak).
  ExpectRejected(Signed("/inbox", Create(std::string(kBase) + "/g/staff"), alice_), 202);
  // Through the group's own inbox: the same 404 as for a group that does not exist.
  ExpectRejected(Signed("/g/staff/inbox", Create(std::string(kBase) + "/g/staff"), alice_), 404);
  ExpectRejected(Signed("/g/nosuch/inbox", Create(std::string(kBase) + "/g/nosuch"), alice_), 404);
}

TEST_F(InboxTest, DropsActivityWhoseIdIsOnAnotherOrigin) {
  std::string body =
      CreatePage("https://evil.test/activities/1", alice_, std::string(kPeer) + "/post/9",
                 std::string(kBase) + "/g/news", "Hi", "x");
  ExpectRejected(Signed("/inbox", body, alice_), 202);
}

TEST_F(InboxTest, DropsCreateAttributedToSomeoneElse) {
  Peer bob = AddPeer("bob");
  std::string body = CreatePage(NewActivityId(), alice_, std::string(kPeer) + "/post/9",
                                std::string(kBase) + "/g/news", "Hi", "x");
  body.replace(body.find("\"attributedTo\":\"" + alice_.id), 16 + alice_.id.size(),
               "\"attributedTo\":\"" + bob.id);
  ExpectRejected(Signed("/inbox", body, alice_), 202);
}

TEST_F(InboxTest, PersistsBeforeAnsweringAndRecordsTheRow) {
  const std::string body = Create();
  EXPECT_EQ(Post("/inbox", body, alice_), 202u);
  size_t rows = 0;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    return storage::Table<storage::InboxActivityCodec>::Scan(
        tx, "", "", storage::ScanOrder::kForward, [&](const storage::InboxActivity& a) {
          if (a.type == "Create") {
            ++rows;
            EXPECT_EQ(a.state, storage::InboxState::kDone) << a.result;
            EXPECT_EQ(a.json, body);
            EXPECT_EQ(a.actor, alice_.id);
          }
          return true;
        });
  }));
  EXPECT_EQ(rows, 1u);
}

TEST_F(InboxTest, UnknownSignerKeyIsFetchedOffTheIoThread) {
  Peer carol = AddPeer("carol", kPeer, "Person", "", /*cache=*/false);
  EXPECT_EQ(Post("/inbox", Simple("Follow", NewActivityId(), carol, std::string(kBase) + "/g/news"),
                 carol),
            202u);
  EXPECT_TRUE(MembershipOf(group_, MemberIdOf(carol.id)).has_value());
}

class AllowlistInboxTest : public FederationHarness {
 protected:
  AllowlistInboxTest() : FederationHarness(FederationMode::kAllowlist, {"friends.test"}) {}
};

TEST_F(AllowlistInboxTest, RejectsSenderFromDomainNotAllowedWith403) {
  Peer alice = AddPeer("alice");
  const std::string before = Snapshot();
  EXPECT_EQ(Post("/inbox", Simple("Follow", NewActivityId(), alice, std::string(kBase) + "/actor"),
                 alice),
            403u);
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace guildhall::federation::testing

#include "tests/community/fixture.h"

#include "storage/model/check.h"

namespace guildhall::community::testing {
namespace {

std::unique_ptr<storage::lmdb::FileBlobStore> OpenBlobs(const std::filesystem::path& dir) {
  auto opened = storage::lmdb::FileBlobStore::Open(dir);
  if (!opened) throw std::runtime_error(opened.error().message);
  return std::move(*opened);
}

// 2025-03-01 12:00:00 UTC
constexpr int64_t kStartMillis = 1740830400000;

}  // namespace

CommunityOptions TestOptions() {
  CommunityOptions o;
  o.password = PasswordParams{.t_cost = 1, .m_cost_kib = 64, .parallelism = 1};
  o.max_upload_bytes = 10ull << 20;
  o.node_host = "guild.example";
  // Fixtures let members create groups of any scope; the group-creation
  // tests set the node setting they test (groups_creation_test.cc).
  o.group_creation = GroupCreation::kMembersAny;
  return o;
}

CommunityFixture::CommunityFixture() : CommunityFixture(null_publisher_) {}

CommunityFixture::CommunityFixture(Publisher& publisher)
    : blobs_(OpenBlobs(blob_dir_.path())),
      clock_(FromUnixMillis(kStartMillis)),
      c_(store_.store(), *blobs_, clock_, ids_, publisher, TestOptions()) {}

Id CommunityFixture::Member(const std::string& username, storage::NodeRole role) {
  return Must(c_.accounts.CreateBootstrap({username, "", kPassword, role})).id;
}

Id CommunityFixture::Remote(const std::string& username) {
  return Must(c_.accounts.UpsertRemote({.actor_uri = "https://partner.example/users/" + username,
                                        .username = username,
                                        .domain = "partner.example",
                                        .display_name = username}))
      .id;
}

Id CommunityFixture::Group(Id owner, const std::string& slug, storage::GroupScope scope,
                           storage::JoinMode mode) {
  GroupDraft d{.slug = slug,
               .name = "Group " + slug,
               .description = "About " + slug,
               .scope = scope,
               .join_mode = mode};
  return Must(c_.groups.Create(owner, d)).group.id;
}

void CommunityFixture::AddMember(Id owner, Id group, Id member) {
  auto view = Must(c_.groups.Get(owner, group));
  if (view.group.join_mode != storage::JoinMode::kOpen)
    Must(c_.memberships.Invite(owner, group, member));
  auto m = Must(c_.memberships.Join(member, group));
  ASSERT_EQ(m.state, storage::MembershipState::kActive);
}

Id CommunityFixture::NewThread(Id author, Id group, const std::string& title,
                               const std::string& body) {
  return Must(c_.threads.Create(author, group, {title, body, ""})).id;
}

std::vector<storage::Notification> CommunityFixture::NotificationsOf(Id member) {
  return Must(c_.notifications.List(member, {.limit = 200})).items;
}

void CommunityFixture::TearDown() {
  storage::CheckReport report;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    report = GH_TRY(storage::CheckIndexes(tx, storage::IndexedTables()));
    return Ok();
  }));
  for (const auto& p : report.problems) ADD_FAILURE() << "index problem: " << p;
  EXPECT_GT(report.records, 0u);
}

}  // namespace guildhall::community::testing

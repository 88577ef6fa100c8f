#include "node/community/profiles.h"

#include <algorithm>

#include "node/community/access.h"
#include "node/community/library.h"
#include "node/community/validation.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Member;
using storage::MemberCodec;
using storage::Table;

namespace {

constexpr size_t kMaxListItems = 30;

// Trims, drops empties and case-insensitive duplicates; reports the first bad item.
std::vector<std::string> CleanList(Validator& v, std::string_view field,
                                   const std::vector<std::string>& items) {
  std::vector<std::string> out;
  std::vector<std::string> seen;
  for (const auto& raw : items) {
    const std::string item(Trim(raw));
    if (item.empty()) continue;
    v.Text(field, item, 1, 50);
    const std::string key = AsciiLower(item);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    out.push_back(item);
  }
  v.Check(out.size() <= kMaxListItems, field, "must have at most 30 entries");
  return out;
}

bool MayRead(const Viewer& v, Id member) {
  return (v.signed_in() && v.id == member) ||
         DecideNode(v, NodeAction::kUseDirectory) == Decision::kAllow;
}

}  // namespace

Result<Profile> Profiles::Update(Id actor, Id member, const ProfileUpdate& u) {
  Validator v;
  if (u.display_name) v.Text("display_name", *u.display_name, 1, 80);
  if (u.bio) v.Text("bio", *u.bio, 0, 2000, true);
  if (u.title) v.Text("title", *u.title, 0, 100);
  if (u.team) v.Text("team", *u.team, 0, 100);
  if (u.location) v.Text("location", *u.location, 0, 100);
  std::vector<std::string> skills, interests;
  if (u.skills) skills = CleanList(v, "skills", *u.skills);
  if (u.interests) interests = CleanList(v, "interests", *u.interests);
  GH_CHECK(v.Finish());
  return Save(actor, member, u.expected_version, [&](Member& m) {
    if (u.display_name) m.display_name = std::string(Trim(*u.display_name));
    if (u.bio) m.bio = *u.bio;
    if (u.title) m.title = std::string(Trim(*u.title));
    if (u.team) m.team = std::string(Trim(*u.team));
    if (u.location) m.location = std::string(Trim(*u.location));
    if (u.skills) m.skills = skills;
    if (u.interests) m.interests = interests;
    if (u.federation) m.federation = *u.federation;
  });
}

Result<Profile> Profiles::SetAvatar(Id actor, std::string_view bytes) {
  std::string hash;
  if (!bytes.empty()) {
    if (bytes.size() > options_.max_avatar_bytes) {
      return Error::TooLarge("avatar is " + FormatSize(bytes.size()) + "; the limit is " +
                             FormatSize(options_.max_avatar_bytes));
    }
    if (!IsAvatarImageType(detector_.Detect(bytes))) {
      return Error::Invalid("avatar: must be a PNG, JPEG, GIF or WebP image");
    }
    GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
      GH_CHECK(RequireSignedIn(tx, actor));
      return Ok();
    }));
    hash = GH_TRY(blobs_.Put(bytes));
  }
  return Save(actor, actor, 0, [&](Member& m) { m.avatar = hash; });
}

Result<Profile> Profiles::Save(Id actor, Id member, uint64_t expected_version,
                               const std::function<void(Member&)>& apply) {
  Profile out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(RequireSignedIn(tx, actor));
    const bool admin = DecideNode(v, NodeAction::kManageAccounts) == Decision::kAllow;
    if (actor != member && !admin) return Error::Forbidden("not allowed");
    Member m = GH_TRY(LoadMember(tx, member));
    if (!m.IsLocal()) return Error::Invalid("member: remote profiles are updated by their node");
    if (expected_version && expected_version != m.version) {
      return Error::Conflict("the profile was changed meanwhile; reload and try again");
    }
    apply(m);
    m.updated = deps_.NowMs();
    ++m.version;
    GH_CHECK(Table<MemberCodec>::Put(tx, m));
    GH_CHECK(deps_.publisher.Publish(tx, events::ProfileUpdated{m}));
    out = ToProfile(m);
    return Ok();
  }));
  return out;
}

Result<Profile> Profiles::Get(Id viewer, Id member) {
  Profile out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(LoadViewer(tx, viewer));
    if (!MayRead(v, member)) return ToResult(DecideNode(v, NodeAction::kUseDirectory), "member");
    out = ToProfile(GH_TRY(LoadMember(tx, member)));
    return Ok();
  }));
  return out;
}

Result<Profile> Profiles::GetByHandle(Id viewer, std::string_view handle) {
  const size_t at = handle.find('@');
  const std::string username = AsciiLower(handle.substr(0, at));
  const std::string domain = at == std::string_view::npos ? "" : AsciiLower(handle.substr(at + 1));
  Id id;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto primary =
        tx.Get(storage::tables::kMembersByUsername, MemberCodec::UsernameKey(domain, username));
    if (!primary) return Error::NotFound("member not found");
    id = storage::KeyReader(*primary).Id().value_or(Id{});
    return Ok();
  }));
  return Get(viewer, id);
}

Result<std::vector<MemberCard>> Profiles::Cards(std::span<const Id> ids) {
  std::vector<MemberCard> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    for (Id id : ids) {
      auto m = GH_TRY(Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(id)));
      if (!m) continue;
      out.push_back(MemberCard{m->id, m->username, m->domain, m->display_name, m->avatar,
                               m->state == storage::MemberState::kSuspended});
    }
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community

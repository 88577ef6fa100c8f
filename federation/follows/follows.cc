#include "federation/follows/follows.h"

#include <algorithm>

#include "federation/activities/activities.h"
#include "federation/activities/content.h"
#include "federation/actors/group_kind.h"
#include "federation/follows/follow_records.h"
#include "federation/follows/mirror.h"
#include "federation/outbox/outbox.h"
#include "federation/protocol/as2_reader.h"
#include "federation/protocol/url.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Group;
using storage::GroupCodec;
using storage::Member;
using storage::Membership;
using storage::MembershipCodec;
using storage::MembershipState;
using storage::Table;

namespace {

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' ||
         c == '[' || c == ']';
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

Result<Member> FederatingMember(storage::Store& store, Id id) {
  std::optional<Member> m;
  GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
    m = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(id)));
    return Ok();
  }));
  if (!m) return Error::NotFound("member not found");
  if (!LocalActors::Federates(*m)) return Error::Forbidden("federation is off for this member");
  return std::move(*m);
}

FollowStatus StatusOf(const Group& g, MembershipState state, int64_t since) {
  return FollowStatus{g, state, g.slug, g.ap_id, since};
}

// The external group record for `actor`, created or refreshed.
Result<Group> UpsertGroup(storage::WriteTxn& tx, const storage::RemoteActor& actor,
                          std::string_view handle, Id member, int64_t now, IdGenerator& ids) {
  auto group = GH_TRY(FindGroupByApId(tx, actor.id));
  Group g;
  if (group) {
    g = std::move(*group);
  } else {
    g.id = ids.Next();
    g.slug = std::string(handle);
    g.kind = storage::GroupKind::kInterest;
    // Never shown to anonymous visitors: our node does not republish other
    // nodes' communities to the open web.
    g.scope = storage::GroupScope::kPartners;
    g.created_by = member;
    g.created = now;
    g.ap_id = actor.id;
  }
  g.name = CleanText(actor.name.empty() ? actor.preferred_username : actor.name, 80);
  if (g.name.empty()) g.name = g.slug;
  auto parsed = as::ReadActor(actor.raw_json);
  if (parsed) {
    g.description = CleanText(HtmlToMarkdownText(parsed->summary), 10000);
    if (auto kind = GroupKindFromWire(parsed->group_kind)) g.kind = *kind;
  }
  // A group that approves its followers (Lemmy's private communities, a
  // Guildhall partners group) shares its content with its followers only;
  // refreshed on every follow, as the remote group may change (mirror.h).
  const bool open = parsed && !parsed->manually_approves_followers;
  g.join_mode = open ? storage::JoinMode::kOpen : storage::JoinMode::kApproval;
  g.updated = now;
  if (group) ++g.version;
  GH_CHECK(Table<GroupCodec>::Put(tx, g));
  return g;
}

}  // namespace

Result<std::pair<std::string, std::string>> SplitHandle(std::string_view handle) {
  if (!handle.empty() && (handle.front() == '@' || handle.front() == '!')) handle.remove_prefix(1);
  const size_t at = handle.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= handle.size()) {
    return Error::Invalid("handle must look like name@host");
  }
  std::string name = ToLowerAscii(handle.substr(0, at));
  std::string host = ToLowerAscii(handle.substr(at + 1));
  for (char c : name) {
    if (!IsNameChar(c)) return Error::Invalid("handle: bad character in name");
  }
  for (char c : host) {
    if (!IsHostChar(c)) return Error::Invalid("handle: bad character in host");
  }
  return std::make_pair(std::move(name), std::move(host));
}

Result<std::string> Follows::ResolveActorUrl(std::string_view handle_or_url, Deadline deadline) {
  if (handle_or_url.starts_with("https://") || handle_or_url.starts_with("http://")) {
    GH_CHECK(ParseHttpUrl(handle_or_url));
    return std::string(handle_or_url);
  }
  auto [name, host] = GH_TRY(SplitHandle(handle_or_url));
  auto jrd = GH_TRY(deps_.webfinger(host, "acct:" + name + "@" + host, deadline));
  auto href = jrd.SelfActivityPubHref();
  if (!href) return Error::NotFound("no ActivityPub actor for " + name + "@" + host);
  return *href;
}

Result<FollowStatus> Follows::Follow(Id member_id, std::string_view handle_or_url) {
  const Deadline deadline = std::chrono::steady_clock::now() + deps_.budget;
  const Member member = GH_TRY(FederatingMember(deps_.store, member_id));
  const std::string url = GH_TRY(ResolveActorUrl(handle_or_url, deadline));
  if (deps_.actors.uris().IsLocal(url)) return Error::Invalid("that group is on this node");
  const Origin origin = GH_TRY(OriginOf(url));
  if (!deps_.policy.DomainAllowed(origin.Authority())) {
    return Error::Forbidden(deps_.policy.RefusalReason(origin.Authority()));
  }
  const storage::RemoteActor actor = GH_TRY(deps_.remote.Actor(url, deadline));
  if (actor.type != "Group") return Error::Invalid("not a group: " + url);
  return Store(member, actor);
}

Result<FollowStatus> Follows::Store(const Member& member, const storage::RemoteActor& actor) {
  const std::string handle = actor.preferred_username + "@" + actor.domain;
  FollowStatus status;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    const int64_t now = UnixMillis(deps_.clock.Now());
    Group group = GH_TRY(UpsertGroup(tx, actor, ToLowerAscii(handle), member.id, now, deps_.ids));
    auto current =
        GH_TRY(Table<MembershipCodec>::Get(tx, MembershipCodec::KeyOf(group.id, member.id)));
    if (current && current->state == MembershipState::kBanned) {
      return Error::Forbidden("you are banned from this group");
    }
    if (current && current->state == MembershipState::kActive) {
      status = StatusOf(group, MembershipState::kActive, current->since);
      return Ok();
    }
    Membership m;
    m.group = group.id;
    m.member = member.id;
    m.state = MembershipState::kPending;
    m.since = now;
    GH_CHECK(Table<MembershipCodec>::Put(tx, m));
    if (auto old =
            GH_TRY(FindFollow(tx, storage::FollowKind::kToExternalGroup, group.id, member.id))) {
      GH_CHECK(EraseFollow(tx, *old));
    }
    const std::string follow_id = deps_.actors.uris().Activity(deps_.outbox.NewId());
    as::Activity follow = BuildFollow(follow_id, deps_.actors.UriOf(member), actor.id);
    const std::string inboxes[] = {actor.inbox};
    Sender from{storage::LocalActorKind::kMember, member.id, deps_.actors.UriOf(member), &group,
                false};
    GH_CHECK(deps_.outbox.Send(tx, from, follow, inboxes));
    GH_CHECK(PutFollow(tx, {storage::FollowKind::kToExternalGroup, group.id, member.id, follow_id,
                            storage::FollowState::kPending, now, now}));
    status = StatusOf(group, MembershipState::kPending, now);
    return Ok();
  }));
  return status;
}

Result<std::vector<FollowStatus>> Follows::List(Id member) {
  std::vector<FollowStatus> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    return Table<MembershipCodec>::ScanIndexPrefix(
        tx, storage::tables::kMembershipsByMember, MembershipCodec::ByMemberPrefix(member),
        storage::ScanOrder::kForward, [&](const Membership& m) {
          if (m.state != MembershipState::kActive && m.state != MembershipState::kPending)
            return true;
          auto g = Table<GroupCodec>::Get(tx, GroupCodec::KeyOf(m.group));
          if (g && *g && !(*g)->ap_id.empty()) out.push_back(StatusOf(**g, m.state, m.since));
          return true;
        });
  }));
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.handle < b.handle; });
  return out;
}

Result<> Follows::Unfollow(Id member_id, std::string_view handle_or_slug) {
  const Member member = GH_TRY(FederatingMember(deps_.store, member_id));
  auto found = GH_TRY(ResolveGroupRef(handle_or_slug));
  if (!found || found->ap_id.empty()) return Error::NotFound("not following that group");
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto stored = GH_TRY(Table<GroupCodec>::Get(tx, GroupCodec::KeyOf(found->id)));
    if (!stored) return Error::NotFound("not following that group");
    Group group = std::move(*stored);
    auto m = GH_TRY(Table<MembershipCodec>::Get(tx, MembershipCodec::KeyOf(group.id, member.id)));
    if (!m || m->state == MembershipState::kBanned)
      return Error::NotFound("not following that group");
    auto follow =
        GH_TRY(FindFollow(tx, storage::FollowKind::kToExternalGroup, group.id, member.id));
    if (follow) {
      auto actor = GH_TRY(
          Table<storage::RemoteActorCodec>::Get(tx, storage::RemoteActorCodec::KeyOf(group.ap_id)));
      std::vector<std::string> inboxes;
      if (actor && !actor->inbox.empty()) inboxes.push_back(actor->inbox);
      as::Activity undo =
          BuildUndoFollow(follow->activity_id, deps_.actors.UriOf(member), group.ap_id);
      Sender from{storage::LocalActorKind::kMember, member.id, deps_.actors.UriOf(member), &group,
                  false};
      GH_CHECK(deps_.outbox.Send(tx, from, undo, inboxes));
      GH_CHECK(EraseFollow(tx, *follow));
    }
    return RemoveExternal(tx, group, member.id);
  });
}

Result<std::optional<Group>> Follows::ResolveGroupRef(std::string_view ref) {
  if (!ref.empty() && (ref.front() == '@' || ref.front() == '!')) ref.remove_prefix(1);
  const std::string slug = ToLowerAscii(ref);
  std::optional<Group> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(FindGroupBySlug(tx, slug));
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::federation

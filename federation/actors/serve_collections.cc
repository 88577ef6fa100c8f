// ActivityPubServer: the collections (see serve.h and collections.h).
#include "federation/actors/collections.h"
#include "federation/actors/serve.h"
#include "federation/groups/audience.h"
#include "federation/outbox/objects.h"
#include "federation/protocol/as2_writer.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/records/follow.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/outbox_activity.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::LocalActorKind;
using storage::Table;

namespace {

std::string QueryOf(const InboxRequest& req) {
  const size_t q = req.target.find('?');
  return q == std::string::npos ? "" : req.target.substr(q + 1);
}

Id CursorId(const std::string& cursor) {
  return cursor.empty() ? Id{~uint64_t{0}} : Id::Parse(cursor).value_or(Id{});
}

// The outbox: the actor's listed activities, newest first, embedded.
struct OutboxSlice {
  std::vector<json::Value> items;
  std::string next_cursor;  // empty on the last page
};

Result<OutboxSlice> OutboxItems(storage::ReadTxn& tx, const LocalActor& actor,
                                const std::string& cursor) {
  const std::string prefix = storage::OutboxActivityCodec::ByActorPrefix(actor.kind, actor.owner());
  const std::string end =
      storage::OutboxActivityCodec::ByActorKey(actor.kind, actor.owner(), CursorId(cursor));
  OutboxSlice out;
  bool more = false;
  Id last;
  GH_CHECK(Table<storage::OutboxActivityCodec>::ScanIndex(
      tx, storage::tables::kOutboxByActor, prefix, end, storage::ScanOrder::kReverse,
      [&](const storage::OutboxActivity& a) {
        if (out.items.size() == kCollectionPageSize) {
          more = true;
          return false;
        }
        auto parsed = json::Parse(a.json);
        if (parsed) {
          std::erase_if(parsed->mutable_members(),
                        [](const json::Member& m) { return m.name == "@context"; });
          out.items.push_back(std::move(*parsed));
        }
        last = a.id;
        return true;
      }));
  if (more) out.next_cursor = last.ToString();
  return out;
}

Result<int64_t> CountPrefix(storage::ReadTxn& tx, const storage::TableDef& table,
                            const std::string& prefix) {
  int64_t n = 0;
  GH_CHECK(tx.Scan(table, prefix, storage::PrefixEnd(prefix), storage::ScanOrder::kForward,
                   [&](std::string_view, std::string_view) {
                     ++n;
                     return true;
                   }));
  return n;
}

Result<std::string> OutboxPage(storage::ReadTxn& tx, const LocalActor& actor, const std::string& id,
                               const std::string& cursor) {
  OutboxSlice slice = GH_TRY(OutboxItems(tx, actor, cursor));
  return CollectionPageDocument(id, cursor, std::move(slice.items), slice.next_cursor);
}

// The outbox itself, with its size and newest page (see collections.h).
Result<std::string> OutboxCollection(storage::ReadTxn& tx, const LocalActor& actor,
                                     const std::string& id) {
  const std::string prefix = storage::OutboxActivityCodec::ByActorPrefix(actor.kind, actor.owner());
  const int64_t total = GH_TRY(CountPrefix(tx, storage::tables::kOutboxByActor, prefix));
  OutboxSlice slice = GH_TRY(OutboxItems(tx, actor, ""));
  return CollectionWithFirstPage(id, total, std::move(slice.items));
}

// Pinned threads as Pages, as Lemmy reads `featured` (GroupFeatured,
// crates/apub/apub/src/protocol/collections/group_featured.rs: orderedItems
// are full Pages). threads_by_group scanned in reverse yields the pinned
// ones first; the scan stops at the first unpinned thread.
Result<std::string> FeaturedCollection(storage::ReadTxn& tx, const LocalActors& actors,
                                       const storage::Group& group, const std::string& id) {
  std::vector<json::Value> items;
  Result<> status = Ok();
  GH_CHECK(Table<storage::ThreadCodec>::ScanIndexPrefix(
      tx, storage::tables::kThreadsByGroup, storage::ThreadCodec::ByGroupPrefix(group.id),
      storage::ScanOrder::kReverse, [&](const storage::Thread& t) {
        if (!t.pinned || items.size() == kCollectionPageSize) return false;
        if (t.removed) return true;
        auto page = ThreadToPage(tx, actors, group, t);
        if (!page) {
          status = std::move(page).error();
          return false;
        }
        items.push_back(as::ObjectToJson(*page));
        return true;
      }));
  GH_CHECK(status);
  return InlineCollectionDocument(id, std::move(items));
}

// Active members' actor ids, by member id (members of a group only).
Result<std::string> MembersPage(storage::ReadTxn& tx, const LocalActors& actors,
                                const storage::Group& group, const std::string& id,
                                const std::string& cursor) {
  const std::string prefix = storage::MembershipCodec::ByGroupPrefix(group.id);
  const std::string begin =
      cursor.empty() ? prefix
                     : storage::MembershipCodec::KeyOf(group.id, Id{CursorId(cursor).value + 1});
  std::vector<json::Value> items;
  bool more = false;
  Id last;
  GH_CHECK(Table<storage::MembershipCodec>::Scan(
      tx, begin, storage::PrefixEnd(prefix), storage::ScanOrder::kForward,
      [&](const storage::Membership& m) {
        if (m.state != storage::MembershipState::kActive) return true;
        if (items.size() == kCollectionPageSize) {
          more = true;
          return false;
        }
        auto member = Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(m.member));
        if (member && *member && (!(*member)->IsLocal() || LocalActors::Federates(**member))) {
          items.push_back(json::Value::String(actors.UriOf(**member)));
        }
        last = m.member;
        return true;
      }));
  return CollectionPageDocument(id, cursor, std::move(items), more ? last.ToString() : "");
}

Result<std::string> Moderators(storage::ReadTxn& tx, const LocalActors& actors,
                               const storage::Group& group, const std::string& id) {
  const std::string begin =
      storage::MembershipCodec::ByGroupStatePrefix(group.id, storage::MembershipState::kActive);
  std::vector<json::Value> items;
  GH_CHECK(Table<storage::MembershipCodec>::ScanIndex(
      tx, storage::tables::kMembershipsByGroupState, begin,
      storage::MembershipCodec::StaffEnd(group.id), storage::ScanOrder::kForward,
      [&](const storage::Membership& m) {
        auto member = Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(m.member));
        // Remote moderators too: Lemmy accepts moderation activities only
        // from actors listed here (verify_mod_action).
        if (member && *member && (!(*member)->IsLocal() || LocalActors::Federates(**member))) {
          items.push_back(json::Value::String(actors.UriOf(**member)));
        }
        return true;
      }));
  return InlineCollectionDocument(id, std::move(items));
}

// External groups a member follows (active memberships of groups with ap_id).
Result<int64_t> CountFollowing(storage::ReadTxn& tx, Id member) {
  int64_t n = 0;
  const std::string prefix = storage::MembershipCodec::ByMemberPrefix(member);
  GH_CHECK(Table<storage::MembershipCodec>::ScanIndexPrefix(
      tx, storage::tables::kMembershipsByMember, prefix, storage::ScanOrder::kForward,
      [&](const storage::Membership& m) {
        if (m.state != storage::MembershipState::kActive) return true;
        auto g = Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(m.group));
        if (g && *g && !(*g)->ap_id.empty()) ++n;
        return true;
      }));
  return n;
}

Result<std::optional<int64_t>> FollowersCount(storage::ReadTxn& tx, const LocalActor& actor) {
  if (actor.group) return std::optional<int64_t>(static_cast<int64_t>(actor.group->member_count));
  if (!actor.member) return std::optional<int64_t>(0);
  const std::string prefix =
      storage::FollowCodec::ByObjectPrefix(storage::FollowKind::kToLocalMember, actor.member->id);
  return std::optional<int64_t>(GH_TRY(CountPrefix(tx, storage::tables::kFollows, prefix)));
}

bool SignerIsMember(storage::ReadTxn& tx, const storage::Group& group,
                    const std::optional<Authenticated>& signer) {
  if (!signer) return false;
  auto member = FindMemberByActorUri(tx, signer->actor);
  if (!member || !*member) return false;
  auto m = Table<storage::MembershipCodec>::Get(
      tx, storage::MembershipCodec::KeyOf(group.id, (*member)->id));
  return m && *m && (*m)->state == storage::MembershipState::kActive;
}

}  // namespace

Result<std::string> ActivityPubServer::RenderCollection(
    const InboxRequest& req, const Plan& plan, const std::optional<Authenticated>& signer) {
  const LocalActor& actor = *plan.actor;
  const std::string& name = plan.ref.collection;
  const std::string id = actor.uri + "/" + name;
  const auto cursor = PageCursor(QueryOf(req));
  std::string out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    if (name == "outbox") {
      out = cursor ? GH_TRY(OutboxPage(tx, actor, id, *cursor))
                   : GH_TRY(OutboxCollection(tx, actor, id));
    } else if (name == "followers") {
      out = CountOnlyCollection(id, GH_TRY(FollowersCount(tx, actor)).value_or(0));
    } else if (name == "featured" && actor.group) {
      out = GH_TRY(FeaturedCollection(tx, deps_.actors, *actor.group, id));
    } else if (name == "following") {
      const int64_t n = actor.member ? GH_TRY(CountFollowing(tx, actor.member->id)) : 0;
      out = CollectionDocument(id, n, false);
    } else if (name == "moderators" && actor.group) {
      out = GH_TRY(Moderators(tx, deps_.actors, *actor.group, id));
    } else if (name == "members" && actor.group) {
      const bool paged = SignerIsMember(tx, *actor.group, signer);
      const auto total = static_cast<int64_t>(actor.group->member_count);
      out = paged && cursor ? GH_TRY(MembersPage(tx, deps_.actors, *actor.group, id, *cursor))
                            : CollectionDocument(id, total, paged);
    } else {
      return Error::NotFound("no such collection");
    }
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::federation

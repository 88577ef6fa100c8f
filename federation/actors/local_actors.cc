#include "federation/actors/local_actors.h"

#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Group;
using storage::GroupCodec;
using storage::LocalActorKind;
using storage::Member;
using storage::MemberCodec;
using storage::Table;

Id LocalActor::owner() const {
  if (member) return member->id;
  if (group) return group->id;
  return Id{};
}

bool LocalActors::Federates(const Member& m) { return m.IsLocal() && m.IsActive() && m.federation; }

bool LocalActors::Federates(const Group& g) {
  return g.ap_id.empty() && g.scope != storage::GroupScope::kInternal;
}

std::string LocalActors::UriOf(const Member& m) const {
  return m.IsLocal() ? uris_.Member(m.username) : m.actor_uri;
}

std::string LocalActors::UriOf(const Group& g) const {
  return g.ap_id.empty() ? uris_.Group(g.slug) : g.ap_id;
}

LocalActor LocalActors::Node() const {
  return LocalActor{LocalActorKind::kNode, uris_.NodeActor(), std::nullopt, std::nullopt};
}

Result<std::optional<LocalActor>> LocalActors::ByUsername(storage::ReadTxn& tx,
                                                          std::string_view name) const {
  auto member = GH_TRY(FindLocalMember(tx, name));
  if (!member || !Federates(*member)) return std::optional<LocalActor>();
  return std::optional<LocalActor>(
      LocalActor{LocalActorKind::kMember, UriOf(*member), std::move(member), std::nullopt});
}

Result<std::optional<LocalActor>> LocalActors::BySlug(storage::ReadTxn& tx,
                                                      std::string_view slug) const {
  auto group = GH_TRY(FindGroupBySlug(tx, slug));
  if (!group || !Federates(*group)) return std::optional<LocalActor>();
  return std::optional<LocalActor>(
      LocalActor{LocalActorKind::kGroup, UriOf(*group), std::nullopt, std::move(group)});
}

Result<std::optional<LocalActor>> LocalActors::ByRef(storage::ReadTxn& tx,
                                                     const LocalRef& ref) const {
  switch (ref.kind) {
    case LocalRef::Kind::kNodeActor:
      return std::optional<LocalActor>(Node());
    case LocalRef::Kind::kMember:
      return ByUsername(tx, ref.name);
    case LocalRef::Kind::kGroup:
      return BySlug(tx, ref.name);
    default:
      return std::optional<LocalActor>();
  }
}

Result<std::optional<LocalActor>> LocalActors::Resolve(storage::ReadTxn& tx,
                                                       std::string_view uri) const {
  auto ref = uris_.Parse(uri);
  if (!ref || !ref->collection.empty()) return std::optional<LocalActor>();
  return ByRef(tx, *ref);
}

Result<std::optional<Member>> FindMemberByActorUri(storage::ReadTxn& tx,
                                                   std::string_view actor_uri) {
  return Table<MemberCodec>::FindUnique(tx, storage::tables::kMembersByActorUri,
                                        MemberCodec::ActorUriKey(actor_uri));
}

Result<std::optional<Group>> FindGroupByApId(storage::ReadTxn& tx, std::string_view ap_id) {
  return Table<GroupCodec>::FindUnique(tx, storage::tables::kGroupsByApId,
                                       GroupCodec::ApIdKey(ap_id));
}

Result<std::optional<Group>> FindGroupBySlug(storage::ReadTxn& tx, std::string_view slug) {
  return Table<GroupCodec>::FindUnique(tx, storage::tables::kGroupsBySlug,
                                       GroupCodec::SlugKey(slug));
}

Result<std::optional<Member>> FindLocalMember(storage::ReadTxn& tx, std::string_view username) {
  return Table<MemberCodec>::FindUnique(tx, storage::tables::kMembersByUsername,
                                        MemberCodec::UsernameKey("", username));
}

}  // namespace guildhall::federation

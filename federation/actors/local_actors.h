// LocalActors: from a local actor URI (or a parsed LocalRef) to the member or
// group it names, applying the one rule of who federates at all:
//   - a member: local, active, with federation on;
//   - a group: local (no ap_id) and not internal (DESIGN §4: internal groups
//     have no actor, no WebFinger answer, and 404 everywhere).
// Anything else resolves to nullopt, exactly like a name that does not exist,
// so no door can tell "hidden" from "absent". Also mints actor URIs for
// records (remote records carry their own). Stateless over Uris; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "federation/uris.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/local_key.h"
#include "storage/model/records/member.h"

namespace guildhall::federation {

struct LocalActor {
  storage::LocalActorKind kind = storage::LocalActorKind::kNode;
  std::string uri;
  std::optional<storage::Member> member;  // kMember
  std::optional<storage::Group> group;    // kGroup

  Id owner() const;  // member or group id; 0 for the node actor
};

class LocalActors {
 public:
  explicit LocalActors(const Uris& uris) : uris_(uris) {}

  const Uris& uris() const { return uris_; }

  Result<std::optional<LocalActor>> Resolve(storage::ReadTxn& tx, std::string_view uri) const;
  // Only the actor itself: a ref with a collection resolves to its actor.
  Result<std::optional<LocalActor>> ByRef(storage::ReadTxn& tx, const LocalRef& ref) const;
  Result<std::optional<LocalActor>> ByUsername(storage::ReadTxn& tx, std::string_view name) const;
  Result<std::optional<LocalActor>> BySlug(storage::ReadTxn& tx, std::string_view slug) const;
  LocalActor Node() const;

  static bool Federates(const storage::Member& m);
  static bool Federates(const storage::Group& g);

  // The actor URI of any member or group record: minted for local ones, the
  // stored ap id for remote ones.
  std::string UriOf(const storage::Member& m) const;
  std::string UriOf(const storage::Group& g) const;

 private:
  const Uris& uris_;
};

// Record lookups shared by every federation path (nullopt when absent).
Result<std::optional<storage::Member>> FindMemberByActorUri(storage::ReadTxn& tx,
                                                            std::string_view actor_uri);
Result<std::optional<storage::Group>> FindGroupByApId(storage::ReadTxn& tx, std::string_view ap_id);
Result<std::optional<storage::Group>> FindGroupBySlug(storage::ReadTxn& tx, std::string_view slug);
Result<std::optional<storage::Member>> FindLocalMember(storage::ReadTxn& tx,
                                                       std::string_view username);

}  // namespace guildhall::federation

// Follows: local members following communities on other nodes (FEP-1b12
// from the member's side). Follow resolves `@group@other.example`,
// `group@other.example`, `!group@other.example` or an actor URL (WebFinger
// over https, then the signed, origin-checked actor fetch; the actor must be
// a Group on a domain the node federates with), keeps the group as an
// EXTERNAL Group record (ap_id set, slug "name@host", description from the
// actor's summary, sanitized) with the member's membership pending, and
// sends Follow to the group's inbox - all in one write. The group's Accept
// makes the membership active (federation/activities/accept.cc); its
// Announces fill the group locally (announce.cc). Unfollow sends
// Undo(Follow). The web API (POST/GET/DELETE /api/v1/follows) calls these;
// group routes resolve "name@host" slugs with ResolveGroupRef.
// Blocking (network on Follow); thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/activities/context.h"
#include "federation/actors/local_actors.h"
#include "federation/authorize/peer_policy.h"
#include "federation/protocol/discovery.h"
#include "storage/model/records/group.h"
#include "storage/model/records/membership.h"

namespace guildhall::federation {

class Outbox;

struct FollowStatus {
  storage::Group group;            // the external group record
  storage::MembershipState state;  // kPending until the group accepts, then kActive
  std::string handle;              // "name@host", also the group's local slug
  std::string actor;               // the group's actor id
  int64_t since = 0;               // unix ms of the membership's last change
};

// Looks up `resource` ("acct:name@host") at `host`'s WebFinger endpoint.
using WebFingerLookup =
    std::function<Result<Jrd>(std::string_view host, std::string_view resource, Deadline deadline)>;

struct FollowsDeps {
  storage::Store& store;
  const Clock& clock;
  IdGenerator& ids;
  const LocalActors& actors;
  const PeerPolicy& policy;
  Outbox& outbox;
  Remote& remote;
  WebFingerLookup webfinger;
  std::chrono::milliseconds budget{std::chrono::seconds(15)};
};

class Follows {
 public:
  explicit Follows(FollowsDeps deps) : deps_(std::move(deps)) {}
  Follows(const Follows&) = delete;
  Follows& operator=(const Follows&) = delete;

  // kInvalid for a malformed handle or a non-Group actor; kForbidden when the
  // node does not federate with that domain, or the member is banned there,
  // or the member may not federate; kNotFound when WebFinger finds nothing;
  // kUnavailable when the other node cannot be reached. Following again
  // returns the current status (and re-sends a pending Follow).
  Result<FollowStatus> Follow(Id member, std::string_view handle_or_url);
  // The member's follows of external groups (pending and active), by handle.
  Result<std::vector<FollowStatus>> List(Id member);
  // Leaves (or withdraws the request); kNotFound if not following.
  Result<> Unfollow(Id member, std::string_view handle_or_slug);

  // The group a route's slug names without touching the network: a local
  // slug, or an external group's "name@host" (a leading '@' or '!' is
  // ignored). nullopt if unknown.
  Result<std::optional<storage::Group>> ResolveGroupRef(std::string_view slug_or_handle);

 private:
  Result<std::string> ResolveActorUrl(std::string_view handle_or_url, Deadline deadline);
  Result<FollowStatus> Store(const storage::Member& member, const storage::RemoteActor& actor);

  FollowsDeps deps_;
};

// "name@host" from "@name@host", "!name@host" or "name@host"; kInvalid else.
Result<std::pair<std::string, std::string>> SplitHandle(std::string_view handle);

}  // namespace guildhall::federation

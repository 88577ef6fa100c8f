// Outbox: how a local actor sends an activity. In the caller's write
// transaction (STYLE 12) it mints the activity id (<base>/activities/{id}),
// stores the activity (served at that URL, and in the actor's outbox
// collection when listed) and queues one delivery per distinct inbox through
// the delivery queue. Nothing is sent for internal groups: callers never get
// here for them, and Send refuses them as a last line (kInternal).
//
// It also carries the "inbound scope": while an inbound activity is applied
// through a community service, the hooks that fire for it (on the store's
// writer thread) may need the activity exactly as received, to Announce it
// (FEP-1b12). The inbox registers it under a key both sides derive from the
// record (InboundKey) for the duration of the apply.
// Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "federation/actors/local_actors.h"
#include "federation/delivery/queue.h"
#include "federation/protocol/as2.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

// Who sends, and under which group's scope.
struct Sender {
  storage::LocalActorKind kind = storage::LocalActorKind::kNode;
  Id owner;                               // member or group id; 0 for the node actor
  std::string uri;                        // the actor id
  const storage::Group* group = nullptr;  // the group the activity is about, if any
  bool listed = false;                    // public: list it in the actor's outbox collection
};

// Keys of the inbound scope.
struct InboundKey {
  static std::string Object(std::string_view ap_id) { return std::string(ap_id); }
  static std::string Like(Id object, Id member) {
    return "like:" + object.ToString() + ":" + member.ToString();
  }
};

class Outbox {
 public:
  Outbox(const LocalActors& actors, const Clock& clock, IdGenerator& ids, DeliveryQueue& queue);
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  const LocalActors& actors() const { return actors_; }
  const Uris& uris() const { return actors_.uris(); }

  // Fills activity.id (when empty; else it must be an Activity URI from
  // NewId, or a fragment of the sender's own URI, "actor#likes/...", for
  // activities an Undo must name again later), activity.actor and published;
  // stores and queues it. Returns the activity id.
  Result<std::string> Send(storage::WriteTxn& tx, const Sender& from, as::Activity& activity,
                           std::span<const std::string> inboxes);
  // Send for a policy notice: the Reject or Undo that tells a peer a policy
  // change ended a relation. Its deliveries pass the send-time policy
  // re-check although the policy now refuses the peer (Delivery::notice):
  // holding the notice back would leave the peer believing it still follows.
  Result<std::string> SendNotice(storage::WriteTxn& tx, const Sender& from, as::Activity& activity,
                                 std::span<const std::string> inboxes);
  // The same for a body built elsewhere (an Announce embedding an activity
  // verbatim): `json` must already carry `id` == Activity URI of `id`.
  Result<> SendJson(storage::WriteTxn& tx, const Sender& from, Id id, std::string_view type,
                    const std::string& json, std::span<const std::string> inboxes);

  // A fresh activity id (its URI is uris().Activity(id)).
  Id NewId() { return ids_.Next(); }
  TimePoint Now() const { return clock_.Now(); }

  class InboundScope {
   public:
    InboundScope(Outbox* outbox, std::string key) : outbox_(outbox), key_(std::move(key)) {}
    InboundScope(InboundScope&& o) noexcept : outbox_(o.outbox_), key_(std::move(o.key_)) {
      o.outbox_ = nullptr;
    }
    InboundScope(const InboundScope&) = delete;
    InboundScope& operator=(const InboundScope&) = delete;
    InboundScope& operator=(InboundScope&&) = delete;
    ~InboundScope();

   private:
    Outbox* outbox_;
    std::string key_;
  };
  // Registers `raw_json` under `key` until the returned scope ends.
  [[nodiscard]] InboundScope ExpectInbound(std::string key, std::string raw_json);
  std::optional<std::string> Inbound(std::string_view key) const;

 private:
  Result<std::string> Send(storage::WriteTxn& tx, const Sender& from, as::Activity& activity,
                           std::span<const std::string> inboxes, bool notice);
  Result<> Store(storage::WriteTxn& tx, const Sender& from, Id id, std::string_view type,
                 const std::string& json, std::span<const std::string> inboxes,
                 std::string_view activity_uri, bool notice = false);

  const LocalActors& actors_;
  const Clock& clock_;
  IdGenerator& ids_;
  DeliveryQueue& queue_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::string> inbound_;  // GUARDED_BY(mu_)
};

}  // namespace guildhall::federation

// Discovery: what /.well-known answers (DESIGN §3). WebFinger (RFC 7033)
// resolves `acct:name@domain` (or an actor URL) to a local actor: members
// with federation on, groups that are not internal, and the node actor
// (acct:<host>@<domain>, or the server's URL per FEP-d556; NodeInfo's
// links name it too, FEP-2677). Members and groups share the acct: namespace:
// a name held by any local member answers for the member only; a group whose
// slug equals a username is found by its actor URL (spec/FEDERATION.md).
// NodeInfo 2.0/2.1 counts only what federates: members with federation on,
// threads and replies of groups that are not internal (internal groups and
// their content are never counted). Counts are cached for `cache_for`.
// Nothing answers in mode closed. Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "federation/actors/local_actors.h"
#include "federation/authorize/peer_policy.h"
#include "federation/protocol/discovery.h"
#include "storage/model/clock.h"
#include "storage/model/kv.h"

namespace guildhall::federation {

struct DiscoveryOptions {
  std::string node_name;
  std::string node_description;
  std::string software_version = "0.1.0";
  bool open_registrations = false;
  bool federation_enabled = true;  // false in mode closed: no answers
  // When set, asked per request too (the stored mode may turn closed at run time).
  const PeerPolicy* policy = nullptr;
  // The federation mode in force now (NodeInfo metadata.federationMode);
  // left out when unset.
  std::function<FederationMode()> mode;
  std::chrono::seconds cache_for{3600};
};

class Discovery {
 public:
  Discovery(storage::Store& store, const LocalActors& actors, const Clock& clock,
            DiscoveryOptions options);
  Discovery(const Discovery&) = delete;
  Discovery& operator=(const Discovery&) = delete;

  // The JRD for `resource` (already percent-decoded); kNotFound otherwise.
  Result<std::string> WebFinger(std::string_view resource);
  // /.well-known/nodeinfo; kNotFound in mode closed.
  Result<std::string> NodeInfoLinks() const;
  // "2.0" or "2.1"; kNotFound otherwise.
  Result<std::string> NodeInfoDocument(std::string_view version);
  // /.well-known/host-meta (XRD) pointing at WebFinger.
  Result<std::string> HostMeta() const;

  // The counts NodeInfo publishes, computed now (for tests and the cache).
  Result<NodeInfo> Count();

 private:
  bool Enabled() const;
  // The server's own URL ("https://host/" or without the slash): FEP-d556.
  bool IsServerResource(std::string_view resource) const;
  // NodeInfo metadata: nodeName, nodeDescription, federationMode.
  std::vector<std::pair<std::string, std::string>> Metadata() const;
  Result<std::optional<LocalActor>> ResolveResource(storage::ReadTxn& tx,
                                                    std::string_view resource);

  storage::Store& store_;
  const LocalActors& actors_;
  const Clock& clock_;
  const DiscoveryOptions options_;
  std::mutex mu_;
  std::optional<NodeInfo> cached_;  // GUARDED_BY(mu_)
  TimePoint cached_at_;             // GUARDED_BY(mu_)
};

}  // namespace guildhall::federation

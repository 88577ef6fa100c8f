// Remote over federation/dereference: actors through the ActorCache, any
// other document through the Fetcher (the one signed, origin-checked fetch),
// bounded by the activity's time budget. A document whose id merely shares
// the URL's origin (not equal to the final URL) is refetched once by its id,
// as the Fetcher asks. Thread-safe.
#pragma once

#include "federation/activities/context.h"
#include "federation/dereference/actor_cache.h"
#include "federation/dereference/fetcher.h"

namespace guildhall::federation {

class FetcherRemote final : public Remote {
 public:
  FetcherRemote(ActorCache& actors, Fetcher& fetcher) : actors_(actors), fetcher_(fetcher) {}

  Result<storage::RemoteActor> Actor(std::string_view id, Deadline deadline) override;
  Result<as::Document> Fetch(std::string_view id, Deadline deadline) override;
  Result<as::Document> FetchCounting(std::string_view id, Deadline deadline,
                                     size_t& bytes) override;

 private:
  ActorCache& actors_;
  Fetcher& fetcher_;
};

}  // namespace guildhall::federation

// PolicyFollows: an ExternalFollows for the web tests that asks the real
// stored federation policy first, as federation's Follows does before any
// network I/O, and refuses with the policy's own sentence; an allowed follow
// is reported pending (there is no remote node here). Shared by the API and
// UI tests of the member-facing refusal. Thread-safe as the policy is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "federation/authorize/peer_policy.h"
#include "web/api/api.h"

namespace guildhall::web::testing {

class PolicyFollows final : public ExternalFollows {
 public:
  explicit PolicyFollows(const federation::PeerPolicy& policy) : policy_(policy) {}
  Result<ExternalFollow> Follow(Id, std::string_view handle) override {
    const std::string domain(handle.substr(handle.find('@') + 1));
    if (!policy_.DomainAllowed(domain)) return Error::Forbidden(policy_.RefusalReason(domain));
    return ExternalFollow{std::string(handle), std::string(handle), "pending", "", 1};
  }
  Result<std::vector<ExternalFollow>> List(Id) override { return std::vector<ExternalFollow>{}; }
  Result<> Unfollow(Id, std::string_view) override { return Error::NotFound("not followed"); }

 private:
  const federation::PeerPolicy& policy_;
};

}  // namespace guildhall::web::testing

#include "federation/authorize/peer_policy.h"

#include "federation/signatures/signed_request.h"

namespace guildhall::federation {
namespace {

std::unordered_set<std::string> LowerSet(const std::vector<std::string>& domains) {
  std::unordered_set<std::string> out;
  for (const auto& d : domains) out.insert(ToLowerAscii(d));
  return out;
}

}  // namespace

ModePeerPolicy::ModePeerPolicy(FederationMode mode, std::vector<std::string> listed,
                               std::vector<std::string> blocked)
    : mode_(mode), listed_(LowerSet(listed)), blocked_(LowerSet(blocked)) {}

bool ModePeerPolicy::DomainAllowed(std::string_view domain) const {
  if (domain.empty()) return false;
  const std::string d = ToLowerAscii(domain);
  switch (mode_) {
    case FederationMode::kClosed:
      return false;
    case FederationMode::kAllowlist:
      return listed_.contains(d);
    case FederationMode::kOpen:
      return !blocked_.contains(d);
  }
  return false;
}

bool ModePeerPolicy::GroupSharedWith(const storage::Group& group, std::string_view domain) const {
  if (!DomainAllowed(domain)) return false;
  switch (group.scope) {
    case storage::GroupScope::kInternal:
      return false;
    case storage::GroupScope::kPartners:
      return listed_.contains(ToLowerAscii(domain));
    case storage::GroupScope::kPublic:
      return true;
  }
  return false;
}

}  // namespace guildhall::federation

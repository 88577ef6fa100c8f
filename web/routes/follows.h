// The follows API's ExternalFollows (web/api/api.h) over federation::Follows:
// members following communities on other nodes. The composition root passes
// a FederationFollows as ApiDeps::follows. Thread-safe; `follows` must
// outlive it.
#pragma once

#include "federation/follows/follows.h"
#include "web/api/api.h"

namespace guildhall::web {

class FederationFollows final : public ExternalFollows {
 public:
  explicit FederationFollows(federation::Follows& follows) : follows_(follows) {}

  Result<ExternalFollow> Follow(Id member, std::string_view handle) override;
  Result<std::vector<ExternalFollow>> List(Id member) override;
  Result<> Unfollow(Id member, std::string_view handle) override;

 private:
  federation::Follows& follows_;
};

}  // namespace guildhall::web

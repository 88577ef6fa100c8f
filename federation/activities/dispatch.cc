// The variant dispatch and the error-to-outcome rule shared by every Apply.
#include "federation/activities/activities.h"

namespace guildhall::federation {

Result<> VerifyActivity(const InboundActivity& a) {
  return std::visit([](const auto& typed) { return Verify(typed); }, a);
}

Outcome ApplyActivity(const InboundActivity& a, ApplyContext& ctx, const Inbound& in) {
  return std::visit([&](const auto& typed) { return Apply(typed, ctx, in); }, a);
}

Outcome OutcomeOf(const Error& error) {
  if (error.code == Code::kUnavailable) return Outcome::Retry(error.message);
  if (error.code == Code::kInternal) return Outcome::Failed(error.message);
  return Outcome::Ignored(error.message);
}

}  // namespace guildhall::federation

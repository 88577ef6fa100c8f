#include "web/routes/follows.h"

namespace guildhall::web {
namespace {

ExternalFollow ToApi(const federation::FollowStatus& s) {
  ExternalFollow f;
  f.handle = s.handle;
  f.group_slug = s.group.slug;
  f.state = s.state == storage::MembershipState::kActive ? "accepted" : "pending";
  f.actor_uri = s.actor;
  f.since = s.since;
  return f;
}

}  // namespace

Result<ExternalFollow> FederationFollows::Follow(Id member, std::string_view handle) {
  return ToApi(GH_TRY(follows_.Follow(member, handle)));
}

Result<std::vector<ExternalFollow>> FederationFollows::List(Id member) {
  std::vector<ExternalFollow> out;
  for (const auto& s : GH_TRY(follows_.List(member))) out.push_back(ToApi(s));
  return out;
}

Result<> FederationFollows::Unfollow(Id member, std::string_view handle) {
  return follows_.Unfollow(member, handle);
}

}  // namespace guildhall::web

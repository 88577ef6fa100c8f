#include "federation/activity_list.h"

namespace guildhall::federation {

std::optional<InboundActivity> Classify(as::Activity a) {
  const std::string& t = a.type;
  if (t == "Follow") return FollowActivity{std::move(a)};
  if (t == "Accept") return AcceptActivity{std::move(a)};
  if (t == "Reject") return RejectActivity{std::move(a)};
  if (t == "TentativeAccept") return TentativeAcceptActivity{std::move(a)};
  if (t == "Undo") return UndoActivity{std::move(a)};
  if (t == "Create") return CreateActivity{std::move(a)};
  if (t == "Update") return UpdateActivity{std::move(a)};
  if (t == "Delete") return DeleteActivity{std::move(a)};
  if (t == "Like") return LikeActivity{std::move(a)};
  if (t == "Flag") return FlagActivity{std::move(a)};
  if (t == "Block") return BlockActivity{std::move(a)};
  if (t == "Announce") return AnnounceActivity{std::move(a)};
  if (t == "Join") return JoinActivity{std::move(a)};
  if (t == "Leave") return LeaveActivity{std::move(a)};
  return std::nullopt;
}

const as::Activity& Raw(const InboundActivity& activity) {
  return std::visit([](const auto& a) -> const as::Activity& { return a.activity; }, activity);
}

const char* TypeName(const InboundActivity& activity) {
  static constexpr const char* kNames[] = {
      "Follow", "Accept", "Reject", "TentativeAccept", "Undo",     "Create", "Update",
      "Delete", "Like",   "Flag",   "Block",           "Announce", "Join",   "Leave"};
  static_assert(std::size(kNames) == std::variant_size_v<InboundActivity>);
  return kNames[activity.index()];
}

}  // namespace guildhall::federation

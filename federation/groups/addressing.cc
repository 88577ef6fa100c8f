#include "federation/groups/addressing.h"

#include <algorithm>
#include <vector>

#include "storage/model/records/remote_actor.h"
#include "storage/model/table.h"

namespace guildhall::federation {

namespace {

struct Recipients {
  const std::vector<std::string>& to;
  const std::vector<std::string>& cc;

  bool Has(const auto& match) const {
    return std::ranges::any_of(to, match) || std::ranges::any_of(cc, match);
  }
};

// The object's own addressing; the activity's when the object has none.
Recipients Deciding(const as::Activity& activity) {
  const as::Object& o = *activity.object;
  if (!o.to.empty() || !o.cc.empty()) return {o.to, o.cc};
  return {activity.to, activity.cc};
}

std::string Named(const as::Activity& activity) {
  return activity.object->type + " " + activity.object->id;
}

}  // namespace

Result<GroupAudience> AudienceOf(storage::ReadTxn& tx, const LocalActors& actors,
                                 const storage::Group& group) {
  if (group.ap_id.empty()) {
    const std::string id = actors.UriOf(group);
    return GroupAudience{id, Uris::Followers(id), group.scope == storage::GroupScope::kPublic};
  }
  GroupAudience out{group.ap_id, "", false};
  auto actor = GH_TRY(storage::Table<storage::RemoteActorCodec>::Get(
      tx, storage::RemoteActorCodec::KeyOf(group.ap_id)));
  if (actor) out.followers = actor->followers;
  return out;
}

std::string AddressingRefusal(const GroupAudience& group, const as::Activity& activity) {
  const Recipients r = Deciding(activity);
  if (r.Has([](const std::string& x) { return as::IsPublic(x); })) return "";
  if (group.is_public) {
    return Named(activity) + " is not addressed to Public (to or cc): the group " + group.id +
           " is public and shows what it takes to anyone, so it takes only posts addressed to "
           "Public";
  }
  if (r.Has([&](const std::string& x) {
        return x == group.id || (!group.followers.empty() && x == group.followers);
      })) {
    return "";
  }
  return Named(activity) + " is addressed to neither the group " + group.id +
         ", its followers nor Public (to or cc): the group would show it to members its author "
         "did not address";
}

}  // namespace guildhall::federation

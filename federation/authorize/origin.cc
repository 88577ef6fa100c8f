#include "federation/authorize/origin.h"

#include <algorithm>

#include "federation/protocol/url.h"

namespace guildhall::federation {

Result<> RequireSameOrigin(std::string_view a, std::string_view b, std::string_view what) {
  if (!SameOrigin(a, b))
    return Error::Forbidden(std::string(what) + " is not on the actor's origin");
  return Ok();
}

Result<> CheckActivityOrigin(const as::Activity& activity) {
  return RequireSameOrigin(activity.id, activity.actor, "activity id");
}

Result<> CheckAuthoredObject(const as::Activity& activity) {
  if (!activity.object) return Error::Forbidden("object: not embedded");
  const as::Object& o = *activity.object;
  if (o.id.empty()) return Error::Forbidden("object: no id");
  GH_CHECK(RequireSameOrigin(o.id, activity.actor, "object id"));
  const auto& authors = o.attributed_to;
  if (std::find(authors.begin(), authors.end(), activity.actor) != authors.end()) return Ok();
  // Mobilizon attributes a group's events to the group (same server).
  if (o.type == "Event" && !authors.empty() && SameOrigin(authors.front(), activity.actor)) {
    return Ok();
  }
  return Error::Forbidden("object: attributedTo is not the actor");
}

bool EmbeddedFromOrigin(const as::Activity& activity, std::string_view origin_of) {
  if (activity.object)
    return !activity.object->id.empty() && SameOrigin(activity.object->id, origin_of);
  if (activity.object_activity) {
    return !activity.object_activity->id.empty() &&
           SameOrigin(activity.object_activity->id, origin_of);
  }
  if (activity.object_actor) return SameOrigin(activity.object_actor->id, origin_of);
  return false;
}

}  // namespace guildhall::federation

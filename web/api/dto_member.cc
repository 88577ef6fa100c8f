#include <algorithm>

#include "web/api/dto.h"

namespace guildhall::web::api {
namespace {

// Local avatars are served by the HTML side (/u/{name}/avatar); remote
// members' avatars are URLs on their own node.
std::string AvatarUrl(std::string_view username, std::string_view domain, std::string_view avatar) {
  if (avatar.empty()) return "";
  if (!domain.empty()) return std::string(avatar);
  return "/u/" + std::string(username) + "/avatar?v=" + std::string(avatar.substr(0, 12));
}

std::string HandleOf(std::string_view username, std::string_view domain) {
  return domain.empty() ? std::string(username) : std::string(username) + "@" + std::string(domain);
}

}  // namespace

void WriteProfile(JsonWriter& w, const community::Profile& p, bool full) {
  w.BeginObject()
      .IdField("id", p.id)
      .Field("username", p.username)
      .Field("handle", p.Handle())
      .Field("local", p.IsLocal())
      .Field("display_name", p.display_name)
      .Field("bio", p.bio)
      .Field("avatar", AvatarUrl(p.username, p.domain, p.avatar))
      .Field("title", p.title)
      .Field("team", p.team)
      .Field("location", p.location)
      .StringList("skills", p.skills)
      .StringList("interests", p.interests)
      .Field("role", EnumName(kNodeRoles, p.role))
      .Field("state", EnumName(kMemberStates, p.state))
      .TimeField("created", p.created);
  if (full) {
    w.Field("federation", p.federation)
        .Field("must_change_password", p.must_change_password)
        .TimeField("updated", p.updated)
        .Field("version", p.version);
  }
  w.EndObject();
}

Result<Authors> Authors::Load(community::Community& c, std::vector<Id> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  Authors out;
  for (community::MemberCard& card : GH_TRY(c.profiles.Cards(ids))) {
    Id id = card.id;
    out.cards_.emplace(id, std::move(card));
  }
  return out;
}

void Authors::Write(JsonWriter& w, Id id) const {
  auto it = cards_.find(id);
  if (it == cards_.end()) {
    w.Null();
    return;
  }
  const community::MemberCard& m = it->second;
  w.BeginObject()
      .IdField("id", m.id)
      .Field("username", m.username)
      .Field("handle", HandleOf(m.username, m.domain))
      .Field("local", m.domain.empty())
      .Field("display_name", m.display_name)
      .Field("avatar", AvatarUrl(m.username, m.domain, m.avatar))
      .EndObject();
}

}  // namespace guildhall::web::api

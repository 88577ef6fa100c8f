#include "web/api/dto.h"

namespace guildhall::web::api {

void WriteMembership(JsonWriter& w, const storage::Membership& m) {
  w.BeginObject()
      .Field("state", EnumName(kMembershipStates, m.state))
      .Field("role", EnumName(kGroupRoles, m.role))
      .TimeField("since", m.since)
      .EndObject();
}

void WriteCapabilities(JsonWriter& w, const community::GroupCapabilities& can) {
  w.BeginObject()
      .Field("view_content", can.view_content)
      .Field("view_members", can.view_members)
      .Field("join", can.join)
      .Field("post", can.post)
      .Field("reply", can.reply)
      .Field("moderate", can.moderate)
      .Field("invite", can.invite)
      .Field("manage_roles", can.manage_roles)
      .Field("edit_group", can.edit_group)
      .EndObject();
}

void WriteGroup(JsonWriter& w, const community::GroupView& view) {
  const storage::Group& g = view.group;
  w.BeginObject()
      .IdField("id", g.id)
      .Field("slug", g.slug)
      .Field("name", g.name)
      .Field("description", g.description)
      .Field("kind", EnumName(kGroupKinds, g.kind))
      .Field("scope", EnumName(kGroupScopes, g.scope))
      .Field("join_mode", EnumName(kJoinModes, g.join_mode))
      .Field("external", !g.ap_id.empty())
      .Field("ap_id", g.ap_id)
      .Field("member_count", g.member_count)
      .Field("thread_count", g.thread_count)
      .Field("event_count", g.event_count)
      .Field("resource_count", g.resource_count)
      .TimeField("created", g.created)
      .TimeField("updated", g.updated)
      .Field("version", g.version)
      .Key("membership");
  if (view.membership) {
    WriteMembership(w, *view.membership);
  } else {
    w.Null();
  }
  w.Key("can");
  WriteCapabilities(w, view.can);
  w.EndObject();
}

}  // namespace guildhall::web::api

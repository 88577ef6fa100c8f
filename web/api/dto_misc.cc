#include <string>

#include "web/api/dto.h"

namespace guildhall::web::api {

Result<size_t> EnumIndex(std::span<const std::string_view> names, std::string_view field,
                         std::string_view text) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return i;
  }
  std::string list;
  for (std::string_view n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  return Error::Invalid(std::string(field) + ": must be one of " + list);
}

void WriteNotification(JsonWriter& w, const storage::Notification& n) {
  w.BeginObject()
      .IdField("id", n.id)
      .Field("kind", EnumName(kNotificationKinds, n.kind))
      .IdField("actor", n.actor)
      .IdField("group", n.group)
      .IdField("thread", n.thread)
      .IdField("reply", n.reply)
      .IdField("event", n.event)
      .IdField("report", n.report)
      .Field("text", n.text)
      .TimeField("created", n.created)
      .Field("read", n.read)
      .EndObject();
}

void WriteReport(JsonWriter& w, const storage::Report& r) {
  w.BeginObject()
      .IdField("id", r.id)
      .IdField("reporter", r.reporter)
      .Field("target_kind", EnumName(kReportTargets, r.target_kind))
      .IdField("target_id", r.target)
      .IdField("group", r.group)
      .Field("reason", r.reason)
      .Field("state", EnumName(kReportStates, r.state))
      .IdField("resolved_by", r.resolved_by)
      .Field("resolution", r.resolution)
      .TimeField("created", r.created)
      .TimeField("resolved_at", r.resolved_at)
      .EndObject();
}

}  // namespace guildhall::web::api

#include "web/api/impact_json.h"

#include "web/api/handler.h"
#include "web/api/json.h"

namespace guildhall::web::api {
namespace {

const char* ScopeName(storage::GroupScope s) {
  return s == storage::GroupScope::kPublic     ? "public"
         : s == storage::GroupScope::kPartners ? "partners"
                                               : "internal";
}

void WriteStrings(JsonWriter& w, const std::vector<std::string>& v) {
  w.BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

}  // namespace

Response ImpactResponse(const federation::Impact& i, bool dry_run) {
  JsonWriter w;
  w.BeginObject().Field("dry_run", dry_run).Field("changed", i.changed);
  w.Field("before", i.before).Field("after", i.after);
  w.Field("remote_members", i.remote_members).Field("follows", i.follows);
  w.Field("pending_deliveries", i.pending_deliveries);
  w.Field("stored_remote_content", i.stored_remote_content);
  if (!i.exposed.audience.empty()) {
    const federation::ContentExposure& e = i.exposed;
    w.Key("exposed").BeginObject().Field("audience", e.audience);
    w.Field("local_threads", e.local_threads).Field("local_replies", e.local_replies);
    w.Field("local_events", e.local_events).Field("remote_threads", e.remote_threads);
    w.Field("remote_replies", e.remote_replies).Field("remote_events", e.remote_events);
    w.EndObject();
  }
  w.Key("groups").BeginArray();
  for (const auto& g : i.groups) {
    w.BeginObject().IdField("id", g.id).Field("slug", g.slug).Field("name", g.name);
    w.Field("scope", ScopeName(g.scope));
    w.Key("domains_losing");
    WriteStrings(w, g.domains_losing);
    w.Key("domains_gaining");
    WriteStrings(w, g.domains_gaining);
    w.Field("remote_members", g.remote_members).Field("pending_deliveries", g.pending_deliveries);
    w.Field("stored_remote_content", g.stored_remote_content).EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

}  // namespace guildhall::web::api

// /api/v1/groups/{slug}/events and /api/v1/events/...: meetups and RSVPs.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

// Overlays the fields present in `b` on `d` (absent ones stay as they are).
Result<> ApplyEventFields(const JsonBody& b, community::EventDraft& d) {
  if (auto v = GH_TRY(b.String("title"))) d.title = *v;
  if (auto v = GH_TRY(b.String("description"))) d.description = *v;
  if (auto v = GH_TRY(b.Time("start"))) d.start = *v;
  if (auto v = GH_TRY(b.Time("end"))) d.end = *v;
  if (auto v = GH_TRY(b.String("time_zone"))) d.time_zone = *v;
  if (auto v = GH_TRY(b.String("place"))) d.place = *v;
  if (auto v = GH_TRY(b.String("online_url"))) d.online_url = *v;
  if (auto v = GH_TRY(b.Int("capacity"))) {
    if (*v < 0) return Error::Invalid("capacity: must not be negative");
    d.capacity = static_cast<uint64_t>(*v);
  }
  return Ok();
}

Result<Response> EventResponse(ApiCall& call, unsigned status, const storage::Event& e) {
  auto authors = GH_TRY(Authors::Load(call.c(), {e.organizer}));
  JsonWriter w;
  WriteEvent(w, e, authors);
  return JsonResponse(status, w);
}

Result<Response> ListEvents(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  const bool past = call.QueryOr("past") == "true";
  auto page =
      GH_TRY(call.c().events.ListGroup(call.me_id(), group.group.id, GH_TRY(call.Page()), past));
  std::vector<Id> ids;
  for (const auto& e : page.items) ids.push_back(e.organizer);
  auto authors = GH_TRY(Authors::Load(call.c(), std::move(ids)));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const storage::Event& e) { WriteEvent(w, e, authors); });
  w.EndObject();
  return JsonResponse(200, w);
}

Result<Response> CreateEvent(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  const JsonBody* body = GH_TRY(call.Body());
  if (!body->Has("start")) return Error::Invalid("start: is required");
  if (!body->Has("end")) return Error::Invalid("end: is required");
  community::EventDraft draft;
  draft.time_zone = "UTC";
  GH_CHECK(ApplyEventFields(*body, draft));
  return EventResponse(call, 201,
                       GH_TRY(call.c().events.Create(call.me_id(), group.group.id, draft)));
}

void WriteAttendees(JsonWriter& w, std::string_view key,
                    const std::vector<community::Attendee>& list) {
  w.Key(key).BeginArray();
  for (const auto& a : list) {
    w.BeginObject()
        .IdField("id", a.member.id)
        .Field("username", a.member.username)
        .Field("handle", a.member.Handle())
        .Field("display_name", a.member.display_name)
        .TimeField("at", a.rsvp.at)
        .EndObject();
  }
  w.EndArray();
}

Result<Response> GetEvent(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "event"));
  auto view = GH_TRY(call.c().events.Get(call.me_id(), id));
  auto attendees = GH_TRY(call.c().rsvps.List(call.me_id(), id));
  auto authors = GH_TRY(Authors::Load(call.c(), {view.event.organizer}));
  JsonWriter w;
  w.BeginObject().Key("event");
  WriteEvent(w, view.event, authors);
  w.Key("rsvp");
  if (view.rsvp) {
    WriteRsvp(w, *view.rsvp);
  } else {
    w.Null();
  }
  w.Field("can_edit", view.can_edit).Key("attendees").BeginObject();
  WriteAttendees(w, "going", attendees.going);
  WriteAttendees(w, "maybe", attendees.maybe);
  WriteAttendees(w, "declined", attendees.declined);
  w.EndObject();
  WriteAttendees(w, "waitlist", attendees.waitlist);
  w.EndObject();
  return JsonResponse(200, w);
}

Result<Response> PatchEvent(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "event"));
  const JsonBody* body = GH_TRY(call.Body());
  const storage::Event e = GH_TRY(call.c().events.Get(call.me_id(), id)).event;
  community::EventDraft draft;
  draft.title = e.title;
  draft.description = e.description;
  draft.start = e.start;
  draft.end = e.end;
  draft.time_zone = e.time_zone;
  draft.place = e.place;
  draft.online_url = e.online_url;
  draft.capacity = e.capacity;
  GH_CHECK(ApplyEventFields(*body, draft));
  auto version = GH_TRY(body->Int("expected_version"));
  if (version && *version < 0) return Error::Invalid("expected_version: must not be negative");
  // Absent fields were read just now: a change in between conflicts rather
  // than being silently reverted.
  const uint64_t expected = version ? static_cast<uint64_t>(*version) : e.version;
  auto updated = GH_TRY(call.c().events.Update(call.me_id(), id, draft, expected));
  return EventResponse(call, 200, updated);
}

Result<Response> CancelEvent(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "event"));
  const JsonBody* body = GH_TRY(call.Body());
  auto reason = GH_TRY(body->String("reason")).value_or("");
  return EventResponse(call, 200, GH_TRY(call.c().events.Cancel(call.me_id(), id, reason)));
}

Result<Response> Rsvp(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "event"));
  const JsonBody* body = GH_TRY(call.Body());
  auto answer = GH_TRY(ParseEnum<storage::RsvpAnswer>(kRsvpAnswers, "answer",
                                                      GH_TRY(body->RequiredString("answer"))));
  auto rsvp = GH_TRY(call.c().rsvps.Answer(call.me_id(), id, answer));
  JsonWriter w;
  WriteRsvp(w, rsvp);
  return JsonResponse(200, w);
}

Result<Response> Upcoming(ApiCall& call) {
  auto page = GH_TRY(call.Page());
  auto events = GH_TRY(call.c().events.Upcoming(call.me_id(), page.limit));
  std::vector<Id> ids;
  for (const auto& e : events) ids.push_back(e.organizer);
  auto authors = GH_TRY(Authors::Load(call.c(), std::move(ids)));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& e : events) WriteEvent(w, e, authors);
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

}  // namespace

void RegisterEventRoutes(ApiRoutes& api) {
  api.Get("/groups/{slug}/events", ListEvents);
  api.Post("/groups/{slug}/events", CreateEvent);
  api.Get("/events/upcoming", Upcoming);
  api.Get("/events/{id}", GetEvent);
  api.Patch("/events/{id}", PatchEvent);
  api.Post("/events/{id}/cancel", CancelEvent);
  api.Post("/events/{id}/rsvp", Rsvp);
}

}  // namespace guildhall::web::api

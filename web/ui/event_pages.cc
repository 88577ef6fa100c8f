// Events: upcoming events across my groups (/events), a group's events, the
// event page (/e/{id}) with times in the event's zone, RSVPs, attendees and
// waitlist, creating/editing/cancelling, and iCalendar downloads
// (/e/{id}.ics, /g/{slug}/events.ics).
#include "node/community/validation.h"
#include "web/html/format.h"
#include "web/html/safe_html.h"
#include "web/ui/fields.h"
#include "web/ui/group_view.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;

// A few zones for the datalist; any IANA name may be typed.
constexpr const char* kCommonZones[] = {"UTC",
                                        "Europe/London",
                                        "Europe/Dublin",
                                        "Europe/Lisbon",
                                        "Europe/Paris",
                                        "Europe/Berlin",
                                        "Europe/Madrid",
                                        "Europe/Rome",
                                        "Europe/Amsterdam",
                                        "Europe/Stockholm",
                                        "Europe/Warsaw",
                                        "Europe/Athens",
                                        "Europe/Helsinki",
                                        "Europe/Istanbul",
                                        "Africa/Lagos",
                                        "Africa/Nairobi",
                                        "Africa/Johannesburg",
                                        "Asia/Dubai",
                                        "Asia/Kolkata",
                                        "Asia/Singapore",
                                        "Asia/Shanghai",
                                        "Asia/Tokyo",
                                        "Australia/Sydney",
                                        "Pacific/Auckland",
                                        "America/Sao_Paulo",
                                        "America/New_York",
                                        "America/Chicago",
                                        "America/Denver",
                                        "America/Los_Angeles",
                                        "America/Toronto",
                                        "America/Mexico_City"};

Response ICalendar(Page& page, Result<std::string> ics, const std::string& file_name) {
  if (!ics) return page.Fail(ics.error());
  Response res;
  res.headers.Set("Content-Type", "text/calendar; charset=utf-8");
  res.headers.Set("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  res.headers.Set("Cache-Control", "private, no-cache");
  res.body = std::move(*ics);
  return res;
}

Response Upcoming(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto events = page.c().events.Upcoming(page.viewer(), 50);
  if (!events) return page.Fail(events.error());
  View view = page.View("Upcoming events", Nav::kEvents);
  view["events"] = EventCards(page, *events);
  view["has_events"] = !events->empty();
  return page.Render("events", view);
}

Response GroupEvents(Page& page) {
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  View view = GroupPageView(page, *g, GroupTab::kEvents, "Events");
  const bool past = page.req().Query("past").has_value();
  view["past"] = past;
  view["events"] = html::List();
  if (g->can.view_content) {
    const auto req = PageFromQuery(page.req(), 30);
    auto events = page.c().events.ListGroup(page.viewer(), g->group.id, req, past);
    if (!events) return page.Fail(events.error());
    view["events"] = EventCards(page, events->items);
    view["has_events"] = !events->items.empty();
    SetPager(view, "/g/" + g->group.slug + "/events" + (past ? "?past" : ""), req.cursor,
             events->next_cursor);
  }
  return page.Render("group_events", view);
}

View AttendeeList(const std::vector<community::Attendee>& attendees) {
  View list = html::List();
  for (const auto& a : attendees) list.push_back(MemberView(a.member));
  return list;
}

void SetRsvp(View& v, const community::EventView& ev) {
  const auto answer = ev.rsvp ? std::optional(ev.rsvp->answer) : std::nullopt;
  v["going"] = answer == storage::RsvpAnswer::kGoing && !ev.rsvp->waitlisted;
  v["waitlisted"] = answer == storage::RsvpAnswer::kGoing && ev.rsvp->waitlisted;
  v["maybe"] = answer == storage::RsvpAnswer::kMaybe;
  v["declined"] = answer == storage::RsvpAnswer::kDeclined;
  v["answered"] = answer.has_value();
}

Response EventPage(Page& page) {
  std::string_view raw = page.req().Param("id");
  const bool ics = raw.ends_with(".ics");
  if (ics) raw.remove_suffix(4);
  auto id = Id::Parse(raw);
  if (!id) return page.NotFound();
  if (ics) {
    return ICalendar(page, page.c().events.ExportEvent(page.viewer(), *id),
                     "event-" + id->ToString() + ".ics");
  }
  auto ev = page.c().events.Get(page.viewer(), *id);
  if (!ev) return page.Fail(ev.error());
  auto g = page.c().groups.Get(page.viewer(), ev->event.group);
  if (!g) return page.Fail(g.error());
  const auto& e = ev->event;
  View view = GroupPageView(page, *g, GroupTab::kEvents, e.title);
  const auto zone = EventZone(page, e);
  View v = EventCard(page, e);
  v["id"] = e.id.ToString();
  html::SetHtml(v, "description_html", page.Markdown(e.description));
  v["start"] = html::FormatDateTime(e.start, *zone);
  // "18:00 – 20:00" on one day; the full date when the event spans days.
  const bool same_day = html::FormatDate(e.start, *zone) == html::FormatDate(e.end, *zone);
  v["end"] = same_day ? html::FormatTime(e.end, *zone) : html::FormatDateTime(e.end, *zone);
  v["end_iso"] = html::IsoUtc(e.end);
  v["start_utc"] = html::FormatDateTime(e.start, *html::TimeZone::Utc()) + " UTC";
  v["online_url"] = e.online_url.empty() ? View(false) : View(e.online_url);
  v["capacity"] = e.capacity ? View(html::Num(e.capacity)) : View(false);
  v["going_count"] = html::Num(e.going_count);
  v["seats_left"] =
      e.capacity ? View(html::Num(e.capacity > e.going_count ? e.capacity - e.going_count : 0))
                 : View(false);
  v["ics_href"] = "/e/" + e.id.ToString() + ".ics";
  // Whether the event is already over is the community's call (kConflict).
  v["can_rsvp"] = ev->can.reply && !e.cancelled;
  v["can_edit"] = ev->can_edit;
  Authors authors(page, {e.organizer});
  v["organizer"] = authors.Of(e.organizer);
  SetRsvp(v, *ev);
  if (ev->can.view_content) {
    auto attendees = page.c().rsvps.List(page.viewer(), *id);
    if (!attendees) return page.Fail(attendees.error());
    v["attendees"] = AttendeeList(attendees->going);
    v["waitlist"] = AttendeeList(attendees->waitlist);
    v["maybes"] = AttendeeList(attendees->maybe);
    v["has_waitlist"] = !attendees->waitlist.empty();
    v["has_maybes"] = !attendees->maybe.empty();
  }
  view["event"] = std::move(v);
  view["group_ics_href"] = "/g/" + g->group.slug + "/events.ics";
  return page.Render("event", view);
}

Response GroupCalendar(Page& page) {
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  return ICalendar(page, page.c().events.ExportGroup(page.viewer(), g->group.id),
                   g->group.slug + "-events.ics");
}

Response EventForm(Page& page, const community::GroupView& g, const Form& v, const Errors& errors,
                   unsigned status, const std::string& action, const std::string& title) {
  View view = GroupPageView(page, g, GroupTab::kEvents, title);
  view["fields"] = FieldList({
      Field({.name = "title", .label = "Title", .required = true}, v.Get("title"), errors),
      Field({.name = "start",
             .label = "Starts",
             .type = "datetime-local",
             .hint = "In the event's time zone.",
             .required = true},
            v.Get("start"), errors),
      Field({.name = "end", .label = "Ends", .type = "datetime-local", .required = true},
            v.Get("end"), errors),
      Field({.name = "time_zone",
             .label = "Time zone",
             .hint = "An IANA name such as Europe/Berlin or America/New_York.",
             .required = true,
             .list = "zones"},
            v.Get("time_zone"), errors),
      Field({.name = "place",
             .label = "Place",
             .hint = "A room or an address; leave empty for online-only events."},
            v.Get("place"), errors),
      Field({.name = "online_url",
             .label = "Online link",
             .type = "url",
             .hint = "A video call link (https://…)."},
            v.Get("online_url"), errors),
      Field(
          {.name = "capacity",
           .label = "Capacity",
           .type = "number",
           .hint = "How many can attend; 0 or empty for no limit. Later answers join a waitlist."},
          v.Get("capacity"), errors),
      Field({.name = "description",
             .label = "Description",
             .type = "textarea",
             .hint = "Markdown is supported.",
             .rows = 8},
            v.Get("description"), errors),
  });
  View zones = html::List();
  for (const char* z : kCommonZones) zones.push_back(View(z));
  view["zones"] = std::move(zones);
  view["action"] = action;
  view["form_title"] = title;
  SetFormError(
      view, errors,
      {"title", "start", "end", "time_zone", "place", "online_url", "capacity", "description"});
  return page.Render("event_form", view, status);
}

// Reads the form into a draft; field errors for what cannot be parsed.
Result<community::EventDraft> ReadDraft(Page& page, const Form& form) {
  community::EventDraft d{.title = form.Get("title"),
                          .description = form.Get("description"),
                          .time_zone = std::string(community::Trim(form.Get("time_zone"))),
                          .place = form.Get("place"),
                          .online_url = form.Get("online_url")};
  auto zone = html::TimeZone::Load(d.time_zone, page.deps().options.zoneinfo_dir);
  if (!zone) return Error::Invalid("time_zone: is not a known time zone (e.g. Europe/Berlin)");
  auto start = html::ParseDateTimeLocal(form.Get("start"), *zone);
  auto end = html::ParseDateTimeLocal(form.Get("end"), *zone);
  std::string problems;
  if (!start) problems += "start: enter a date and time";
  if (!end) problems += std::string(problems.empty() ? "" : "; ") + "end: enter a date and time";
  const std::string& capacity = form.Get("capacity");
  if (!capacity.empty() && capacity.find_first_not_of("0123456789") != std::string::npos) {
    problems +=
        std::string(problems.empty() ? "" : "; ") + "capacity: a whole number, 0 for no limit";
  }
  if (!problems.empty()) return Error::Invalid(problems);
  d.start = *start;
  d.end = *end;
  d.capacity = capacity.empty() ? 0 : std::strtoull(capacity.c_str(), nullptr, 10);
  return d;
}

Response ShowNewEvent(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  if (!g->can.post) return page.Forbidden("Join this group to create events.");
  Form v;
  v.Set("time_zone", "UTC");
  return EventForm(page, *g, v, {}, 200, "/g/" + g->group.slug + "/events", "New event");
}

Response CreateEvent(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  const std::string action = "/g/" + g->group.slug + "/events";
  auto draft = ReadDraft(page, *form);
  if (!draft)
    return EventForm(page, *g, *form, FieldErrors(draft.error()), 400, action, "New event");
  auto created = page.c().events.Create(page.viewer(), g->group.id, *draft);
  if (!created) {
    if (created.error().code != Code::kInvalid) return page.Fail(created.error());
    return EventForm(page, *g, *form, FieldErrors(created.error()), 400, action, "New event");
  }
  return page.Redirect("/e/" + created->id.ToString(), "Event created.");
}

Form FormOf(Page& page, const storage::Event& e) {
  const auto zone = EventZone(page, e);
  Form v;
  v.Set("title", e.title);
  v.Set("description", e.description);
  v.Set("start", html::DateTimeLocalValue(e.start, *zone));
  v.Set("end", html::DateTimeLocalValue(e.end, *zone));
  v.Set("time_zone", e.time_zone);
  v.Set("place", e.place);
  v.Set("online_url", e.online_url);
  v.Set("capacity", e.capacity ? std::to_string(e.capacity) : "");
  return v;
}

Response ShowEditEvent(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto id = Id::Parse(page.req().Param("id"));
  if (!id) return page.NotFound();
  auto ev = page.c().events.Get(page.viewer(), *id);
  if (!ev) return page.Fail(ev.error());
  if (!ev->can_edit)
    return page.Forbidden("Only the organizer and moderators may edit this event.");
  auto g = page.c().groups.Get(page.viewer(), ev->event.group);
  if (!g) return page.Fail(g.error());
  return EventForm(page, *g, FormOf(page, ev->event), {}, 200, "/e/" + id->ToString() + "/edit",
                   "Edit event");
}

Response EditEvent(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  auto ev = page.c().events.Get(page.viewer(), *id);
  if (!ev) return page.Fail(ev.error());
  auto g = page.c().groups.Get(page.viewer(), ev->event.group);
  if (!g) return page.Fail(g.error());
  const std::string action = "/e/" + id->ToString() + "/edit";
  auto draft = ReadDraft(page, *form);
  if (!draft)
    return EventForm(page, *g, *form, FieldErrors(draft.error()), 400, action, "Edit event");
  auto updated = page.c().events.Update(page.viewer(), *id, *draft);
  if (!updated) {
    if (updated.error().code != Code::kInvalid) return page.Fail(updated.error());
    return EventForm(page, *g, *form, FieldErrors(updated.error()), 400, action, "Edit event");
  }
  return page.Redirect("/e/" + id->ToString(), "Event updated; attendees were notified.");
}

Response CancelEvent(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  auto cancelled = page.c().events.Cancel(page.viewer(), *id, form->Get("reason"));
  const std::string back = "/e/" + id->ToString();
  if (!cancelled) return page.Redirect(back, cancelled.error().message, "error");
  return page.Redirect(back, "The event is cancelled; attendees were notified.");
}

Response Rsvp(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  const std::string& answer = form->Get("answer");
  storage::RsvpAnswer a;
  if (answer == "going") {
    a = storage::RsvpAnswer::kGoing;
  } else if (answer == "maybe") {
    a = storage::RsvpAnswer::kMaybe;
  } else if (answer == "declined") {
    a = storage::RsvpAnswer::kDeclined;
  } else {
    return page.Fail(Error::Invalid("answer: going, maybe or declined"));
  }
  auto rsvp = page.c().rsvps.Answer(page.viewer(), *id, a);
  const std::string back = "/e/" + id->ToString();
  if (!rsvp) {
    if (rsvp.error().code == Code::kNotFound) return page.Fail(rsvp.error());
    return page.Redirect(back, rsvp.error().message, "error");
  }
  if (rsvp->waitlisted) return page.Redirect(back, "The event is full: you are on the waitlist.");
  return page.Redirect(back, a == storage::RsvpAnswer::kGoing   ? "See you there!"
                             : a == storage::RsvpAnswer::kMaybe ? "Marked as maybe."
                                                                : "Thanks for letting them know.");
}

}  // namespace

void RegisterEventPages(UiRouter& ui) {
  ui.Get("/events", "events", Upcoming);
  ui.Get("/g/{slug}/events", "group_events", GroupEvents);
  ui.Get("/g/{slug}/events.ics", "group_ics", GroupCalendar);
  ui.Get("/g/{slug}/events/new", "event_new", ShowNewEvent);
  ui.Post("/g/{slug}/events", "event_create", CreateEvent);
  ui.Get("/e/{id}", "event", EventPage, ui.deps().activity.event);
  ui.Get("/e/{id}/edit", "event_edit", ShowEditEvent);
  ui.Post("/e/{id}/edit", "event_edit", EditEvent);
  ui.Post("/e/{id}/cancel", "event_cancel", CancelEvent);
  ui.Post("/e/{id}/rsvp", "event_rsvp", Rsvp);
}

}  // namespace guildhall::web

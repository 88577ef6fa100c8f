#include "web/api/dto.h"

namespace guildhall::web::api {

void WriteThread(JsonWriter& w, const storage::Thread& t, const Authors& authors) {
  w.BeginObject();
  WriteThreadFields(w, t, authors);
  w.EndObject();
}

void WriteThreadFields(JsonWriter& w, const storage::Thread& t, const Authors& authors) {
  w.IdField("id", t.id).IdField("group", t.group).Key("author");
  authors.Write(w, t.author);
  w.Field("title", t.title)
      .Field("body", t.body)
      .TimeField("created", t.created)
      .TimeField("edited_at", t.edited_at)
      .TimeField("last_activity", t.last_activity)
      .Field("pinned", t.pinned)
      .Field("locked", t.locked)
      .Field("removed", t.removed)
      .Field("removal_reason", t.removal_reason)
      .Field("reply_count", t.reply_count)
      .Field("like_count", t.like_count)
      .Field("ap_id", t.ap_id)
      .Field("version", t.version);
  WriteExtrasField(w, t.extras, "t", t.id);
}

void WriteReply(JsonWriter& w, const community::ReplyView& view, const Authors& authors) {
  const storage::Reply& r = view.reply;
  w.BeginObject()
      .IdField("id", r.id)
      .IdField("thread", r.thread)
      .IdField("group", r.group)
      .IdField("in_reply_to", r.in_reply_to)
      .Key("author");
  authors.Write(w, r.author);
  w.Field("body", r.body)
      .TimeField("created", r.created)
      .TimeField("edited_at", r.edited_at)
      .Field("removed", r.removed)
      .Field("removal_reason", r.removal_reason)
      .Field("like_count", r.like_count)
      .Field("liked", view.liked)
      .Field("can_edit", view.can_edit)
      .Field("ap_id", r.ap_id)
      .Field("version", r.version);
  WriteExtrasField(w, r.extras, "r", r.id);
  w.EndObject();
}

void WriteEvent(JsonWriter& w, const storage::Event& e, const Authors& authors) {
  w.BeginObject().IdField("id", e.id).IdField("group", e.group).Key("organizer");
  authors.Write(w, e.organizer);
  w.Field("title", e.title)
      .Field("description", e.description)
      .TimeField("start", e.start)
      .TimeField("end", e.end)
      .Field("time_zone", e.time_zone)
      .Field("place", e.place)
      .Field("online_url", e.online_url)
      .Field("capacity", e.capacity)
      .Field("cancelled", e.cancelled)
      .Field("going_count", e.going_count)
      .Field("maybe_count", e.maybe_count)
      .Field("waitlist_count", e.waitlist_count)
      .TimeField("created", e.created)
      .TimeField("updated", e.updated)
      .Field("ap_id", e.ap_id)
      .Field("version", e.version)
      .EndObject();
}

void WriteRsvp(JsonWriter& w, const storage::Rsvp& r) {
  w.BeginObject()
      .IdField("event", r.event)
      .IdField("member", r.member)
      .Field("answer", EnumName(kRsvpAnswers, r.answer))
      .Field("waitlisted", r.waitlisted)
      .TimeField("at", r.at)
      .EndObject();
}

void WriteResource(JsonWriter& w, const storage::Resource& r, const Authors& authors) {
  w.BeginObject()
      .IdField("id", r.id)
      .IdField("group", r.group)
      .Field("kind", EnumName(kResourceKinds, r.kind))
      .Key("uploader");
  authors.Write(w, r.uploader);
  w.Field("title", r.title).Field("description", r.description);
  if (r.kind == storage::ResourceKind::kLink) {
    w.Field("url", r.url);
  } else {
    w.Field("url", "/api/v1/resources/" + r.id.ToString() + "/download")
        .Field("file_name", r.file_name)
        .Field("media_type", r.media_type)
        .Field("size", r.size)
        .Field("sha256", r.blob_sha256);
  }
  w.TimeField("created", r.created).EndObject();
}

}  // namespace guildhall::web::api

// The "extras" of a post in the client API (spec/API.md): what a received
// post carried beside its text. Image attachments name the node's media
// proxy (`proxy_url`), which clients should load instead of `url`, so that a
// member's device never contacts the peer.
#include "web/api/dto.h"

namespace guildhall::web::api {
namespace {

const char* KindName(storage::Attachment::Kind kind) {
  switch (kind) {
    case storage::Attachment::Kind::kImage:
      return "image";
    case storage::Attachment::Kind::kDocument:
      return "document";
    case storage::Attachment::Kind::kLink:
      return "link";
  }
  return "link";
}

void WritePoll(JsonWriter& w, const storage::PollState& p) {
  w.Key("poll").BeginObject().Field("multiple", p.multiple).Field("closed", p.closed);
  w.Field("voters", p.voters).TimeField("ends_at", p.ends_at).Key("choices").BeginArray();
  for (const auto& c : p.choices) {
    w.BeginObject().Field("name", c.name).Field("votes", c.votes).EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace

void WriteExtrasField(JsonWriter& w, const storage::ContentExtras& e, std::string_view kind,
                      Id id) {
  w.Key("extras").BeginObject();
  w.Field("content_warning", e.content_warning)
      .Field("sensitive", e.sensitive)
      .Field("language", e.language)
      .Field("link_url", e.link_url);
  w.Key("attachments").BeginArray();
  for (size_t i = 0; i < e.attachments.size(); ++i) {
    const auto& a = e.attachments[i];
    w.BeginObject().Field("kind", KindName(a.kind)).Field("url", a.url);
    w.Field("media_type", a.media_type).Field("name", a.name);
    if (a.kind == storage::Attachment::Kind::kImage) {
      w.Field("proxy_url",
              "/media/" + std::string(kind) + "/" + id.ToString() + "/" + std::to_string(i));
    }
    w.EndObject();
  }
  w.EndArray().StringList("hashtags", e.hashtags);
  if (e.has_poll) WritePoll(w, e.poll);
  w.EndObject();
}

}  // namespace guildhall::web::api

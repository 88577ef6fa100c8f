#include "federation/protocol/as2_reader.h"

#include "federation/protocol/as2_fields.h"

namespace guildhall::federation::as {
namespace {

// Guildhall's groupKind: one of the four kinds, or nothing (a peer may send
// anything; only a known value is kept).
std::string KnownGroupKind(std::string value) {
  for (std::string_view kind : {"practice", "interest", "project", "location"}) {
    if (value == kind) return value;
  }
  return "";
}

using fields::Ref;
using fields::Text;
using json::Value;

Error Invalid(std::string why) { return Error::Invalid("as2: " + std::move(why)); }

// Where in a document a reader is: the limits and how deep the embedding goes.
struct Ctx {
  const ReadLimits& limits;
  size_t depth = 0;
  bool top_level() const { return depth == 0; }
};

Result<Object> ObjectFrom(const Value& v, Ctx ctx);
Result<Actor> ActorFrom(const Value& v, Ctx ctx);
Result<Activity> ActivityFrom(const Value& v, Ctx ctx);

// Top-level documents must name themselves; embedded ones may not (Fedify's
// transient Follow inside an Accept), but a given id is always validated.
Result<std::string> Id(const Value& v, const Ctx& ctx) {
  const Value* id = v.Find("id");
  if (id == nullptr || id->is_null()) {
    if (ctx.top_level()) return Invalid("id: missing");
    return std::string();
  }
  if (!id->is_string()) return Invalid("id: not a string");
  return fields::Url("id", id->text());
}

Result<> ReadAddressing(const Value& v, const ReadLimits& limits, std::vector<std::string>* to,
                        std::vector<std::string>* cc, std::vector<std::string>* bto,
                        std::vector<std::string>* bcc, std::vector<std::string>* audience) {
  size_t budget = limits.max_recipients;
  *to = GH_TRY(fields::Recipients(v, "to", budget));
  *cc = GH_TRY(fields::Recipients(v, "cc", budget));
  *bto = GH_TRY(fields::Recipients(v, "bto", budget));
  *bcc = GH_TRY(fields::Recipients(v, "bcc", budget));
  if (audience != nullptr) *audience = GH_TRY(fields::Recipients(v, "audience", budget));
  return Ok();
}

Result<std::optional<Place>> PlaceFrom(const Value& v, const ReadLimits& limits) {
  const Value* loc = v.Find("location");
  if (loc != nullptr && loc->is_array() && !loc->items().empty()) loc = &loc->items().front();
  if (loc == nullptr || !loc->is_object()) return std::optional<Place>();
  Place place;
  size_t max = limits.max_name_bytes;
  place.name = GH_TRY(Text(*loc, "name", max));
  if (const Value* a = loc->Find("address"); a != nullptr && a->is_object()) {
    place.street_address = fields::Truncated(*a, "streetAddress", max);
    place.locality = fields::Truncated(*a, "addressLocality", max);
    place.region = fields::Truncated(*a, "addressRegion", max);
    place.postal_code = fields::Truncated(*a, "postalCode", max);
    place.country = fields::Truncated(*a, "addressCountry", max);
  } else {
    place.street_address = fields::Truncated(*loc, "address", max);
  }
  if (const Value* lat = loc->Find("latitude")) place.latitude = lat->AsDouble();
  if (const Value* lon = loc->Find("longitude")) place.longitude = lon->AsDouble();
  return std::optional<Place>(std::move(place));
}

Result<> ReadEventFields(const Value& v, const ReadLimits& limits, Object& o) {
  o.start_time = fields::Time(v, "startTime");
  o.end_time = fields::Time(v, "endTime");
  o.location = GH_TRY(PlaceFrom(v, limits));
  o.timezone = fields::Truncated(v, "timezone", 64);
  o.join_mode = fields::Truncated(v, "joinMode", 32);
  o.maximum_attendee_capacity = fields::Int(v, "maximumAttendeeCapacity");
  o.status = fields::Truncated(v, "ical:status", 32);
  if (o.status.empty()) o.status = fields::Truncated(v, "status", 32);
  return Ok();
}

Result<Object> ObjectFrom(const Value& v, Ctx ctx) {
  const ReadLimits& limits = ctx.limits;
  Object o;
  o.id = GH_TRY(Id(v, ctx));
  o.type = GH_TRY(fields::Type(v, true));
  o.attributed_to = GH_TRY(fields::Refs(v, "attributedTo", 16));
  o.name = GH_TRY(Text(v, "name", limits.max_name_bytes));
  o.content = GH_TRY(Text(v, "content", limits.max_content_bytes));
  o.summary = GH_TRY(Text(v, "summary", limits.max_content_bytes));
  o.media_type = fields::Truncated(v, "mediaType", 256);
  o.source = GH_TRY(fields::ReadSource(v, limits));
  o.in_reply_to = GH_TRY(Ref(v, "inReplyTo"));
  // context is often a non-URL conversation tag (Mastodon, Pleroma): keep only URLs.
  auto context = Ref(v, "context");
  if (context) o.context = *context;
  o.audience = GH_TRY(Ref(v, "audience"));
  std::vector<std::string> unused_audience;
  GH_CHECK(ReadAddressing(v, limits, &o.to, &o.cc, &o.bto, &o.bcc, &unused_audience));
  o.published = fields::Time(v, "published");
  o.updated = fields::Time(v, "updated");
  o.url = fields::FirstHttpUrl(v, "url");
  o.tag = GH_TRY(fields::Tags(v, limits));
  o.attachment = GH_TRY(fields::Links(v, "attachment", limits.max_attachments, limits));
  auto images = GH_TRY(fields::Links(v, "image", limits.max_attachments, limits));
  if (!images.empty()) o.image = std::move(images.front());
  o.sensitive = fields::Bool(v, "sensitive").value_or(false);
  o.language = fields::Language(v);
  o.poll = GH_TRY(fields::PollOf(v, limits));
  o.comments_enabled = fields::Bool(v, "commentsEnabled");
  o.stickied = fields::Bool(v, "stickied");
  auto replies = Ref(v, "replies");
  if (replies) o.replies = *replies;
  GH_CHECK(ReadEventFields(v, limits, o));
  o.former_type = fields::Truncated(v, "formerType", 64);
  o.deleted = fields::Time(v, "deleted");
  return o;
}

Result<> ReadKeys(const Value& v, Actor& a) {
  const Value* keys = v.Find("publicKey");
  std::vector<const Value*> entries;
  if (keys != nullptr && keys->is_array()) {
    if (keys->items().size() > 8) return Error::TooLarge("as2: publicKey: too many keys");
    for (const Value& k : keys->items()) entries.push_back(&k);
  } else if (keys != nullptr) {
    entries.push_back(keys);
  }
  for (const Value* k : entries) {
    if (!k->is_object()) continue;
    PublicKeyInfo info;
    info.id = GH_TRY(Ref(*k, "id"));
    info.owner = GH_TRY(Ref(*k, "owner"));
    info.public_key_pem = GH_TRY(Text(*k, "publicKeyPem", 16 * 1024));
    if (!info.id.empty() && !info.public_key_pem.empty()) a.public_keys.push_back(std::move(info));
  }
  const Value* methods = v.Find("assertionMethod");
  if (methods == nullptr || !methods->is_array()) return Ok();
  if (methods->items().size() > 8) return Error::TooLarge("as2: assertionMethod: too many keys");
  for (const Value& m : methods->items()) {
    if (!m.is_object()) continue;
    Multikey key;
    key.id = GH_TRY(Ref(m, "id"));
    key.controller = GH_TRY(Ref(m, "controller"));
    key.public_key_multibase = fields::Truncated(m, "publicKeyMultibase", 1024);
    if (!key.id.empty() && !key.public_key_multibase.empty())
      a.assertion_methods.push_back(std::move(key));
  }
  return Ok();
}

Result<Actor> ActorFrom(const Value& v, Ctx ctx) {
  const ReadLimits& limits = ctx.limits;
  Actor a;
  a.id = GH_TRY(Id(v, ctx));
  a.type = GH_TRY(fields::Type(v, true));
  a.preferred_username = GH_TRY(Text(v, "preferredUsername", limits.max_name_bytes));
  a.name = GH_TRY(Text(v, "name", limits.max_name_bytes));
  a.summary = GH_TRY(Text(v, "summary", limits.max_content_bytes));
  a.source = GH_TRY(fields::ReadSource(v, limits));
  a.url = fields::FirstHttpUrl(v, "url");
  a.inbox = GH_TRY(Ref(v, "inbox"));
  if (ctx.top_level() && a.inbox.empty()) return Invalid("inbox: missing");
  a.outbox = GH_TRY(Ref(v, "outbox"));
  a.followers = GH_TRY(Ref(v, "followers"));
  a.following = GH_TRY(Ref(v, "following"));
  a.featured = GH_TRY(Ref(v, "featured"));
  if (const Value* endpoints = v.Find("endpoints");
      endpoints != nullptr && endpoints->is_object()) {
    a.shared_inbox = GH_TRY(Ref(*endpoints, "sharedInbox"));
  }
  GH_CHECK(ReadKeys(v, a));
  auto icons = GH_TRY(fields::Links(v, "icon", 4, limits));
  if (!icons.empty()) a.icon = std::move(icons.front());
  auto images = GH_TRY(fields::Links(v, "image", 4, limits));
  if (!images.empty()) a.image = std::move(images.front());
  a.manually_approves_followers = fields::Bool(v, "manuallyApprovesFollowers").value_or(false);
  a.discoverable = fields::Bool(v, "discoverable").value_or(false);
  a.posting_restricted_to_mods = fields::Bool(v, "postingRestrictedToMods");
  a.attributed_to = GH_TRY(fields::Refs(v, "attributedTo", 16));
  a.moderators = GH_TRY(Ref(v, "moderators"));
  // Lemmy >= 0.19 names a Group's moderators collection in attributedTo.
  if (a.moderators.empty() && a.type == "Group" && !a.attributed_to.empty())
    a.moderators = a.attributed_to.front();
  a.attachment = GH_TRY(fields::Links(v, "attachment", limits.max_attachments, limits));
  a.group_kind = KnownGroupKind(fields::Truncated(v, "groupKind", 16));
  a.published = fields::Time(v, "published");
  a.updated = fields::Time(v, "updated");
  return a;
}

// `object` of an activity: an id, or an embedded activity, actor or object.
Result<> ReadActivityObject(const Value& v, Ctx ctx, Activity& act) {
  const Value* obj = v.Find("object");
  if (obj != nullptr && obj->is_array()) {
    if (obj->items().size() > 100) return Error::TooLarge("as2: object: too many entries");
    auto all = GH_TRY(fields::Refs(v, "object", 100));
    if (all.size() > 1) act.extra_objects.assign(all.begin() + 1, all.end());  // Flag lists several
    obj = obj->items().empty() ? nullptr : &obj->items().front();
  }
  if (obj == nullptr || obj->is_null()) return Ok();
  if (obj->is_string()) {
    act.object_id = GH_TRY(fields::Url("object", obj->text()));
    return Ok();
  }
  if (!obj->is_object()) return Invalid("object: neither a URL nor an object");
  Ctx inner{ctx.limits, ctx.depth + 1};
  if (inner.depth > ctx.limits.max_embedding)
    return Error::TooLarge("as2: object: embedded too deeply");
  act.object_type = GH_TRY(fields::Type(*obj, true));
  if (IsActivityType(act.object_type)) {
    auto embedded = std::make_shared<Activity>(GH_TRY(ActivityFrom(*obj, inner)));
    act.object_id = embedded->id;
    act.object_activity = std::move(embedded);
  } else if (IsActorType(act.object_type)) {
    auto embedded = std::make_shared<Actor>(GH_TRY(ActorFrom(*obj, inner)));
    act.object_id = embedded->id;
    act.object_actor = std::move(embedded);
  } else {
    auto embedded = std::make_shared<Object>(GH_TRY(ObjectFrom(*obj, inner)));
    act.object_id = embedded->id;
    act.object = std::move(embedded);
  }
  return Ok();
}

Result<Activity> ActivityFrom(const Value& v, Ctx ctx) {
  const ReadLimits& limits = ctx.limits;
  Activity act;
  act.id = GH_TRY(Id(v, ctx));
  act.type = GH_TRY(fields::Type(v, true));
  act.actor = GH_TRY(Ref(v, "actor"));
  if (ctx.top_level() && act.actor.empty()) return Invalid("actor: missing");
  GH_CHECK(ReadActivityObject(v, ctx, act));
  act.target = GH_TRY(Ref(v, "target"));
  act.origin = GH_TRY(Ref(v, "origin"));
  GH_CHECK(ReadAddressing(v, limits, &act.to, &act.cc, &act.bto, &act.bcc, &act.audience));
  act.published = fields::Time(v, "published");
  act.summary = GH_TRY(Text(v, "summary", limits.max_content_bytes));
  act.content = GH_TRY(Text(v, "content", limits.max_content_bytes));
  return act;
}

// Items of a collection (page): ids, embedded activities and objects.
Result<> ReadItems(const Value& page, const ReadLimits& limits, Collection& c) {
  for (std::string_view field : {"orderedItems", "items"}) {
    const Value* items = page.Find(field);
    if (items == nullptr || items->is_null()) continue;
    if (!items->is_array()) return Invalid(std::string(field) + ": not an array");
    if (items->items().size() + c.item_ids.size() > limits.max_collection_items) {
      return Error::TooLarge("as2: " + std::string(field) + ": too many items");
    }
    Ctx inner{limits, 1};
    for (const Value& item : items->items()) {
      if (item.is_string()) {
        c.item_ids.push_back(GH_TRY(fields::Url(field, item.text())));
        continue;
      }
      if (!item.is_object())
        return Invalid(std::string(field) + ": item is neither a URL nor an object");
      std::string type = GH_TRY(fields::Type(item, true));
      if (IsActivityType(type)) {
        c.activities.push_back(GH_TRY(ActivityFrom(item, inner)));
        c.item_ids.push_back(c.activities.back().id);
      } else {
        c.objects.push_back(GH_TRY(ObjectFrom(item, inner)));
        c.item_ids.push_back(c.objects.back().id);
      }
    }
  }
  return Ok();
}

Result<Collection> CollectionFrom(const Value& v, const ReadLimits& limits) {
  Collection c;
  Ctx ctx{limits};
  c.id = GH_TRY(Id(v, ctx));
  c.type = GH_TRY(fields::Type(v, true));
  c.total_items = fields::Int(v, "totalItems");
  c.last = GH_TRY(Ref(v, "last"));
  c.next = GH_TRY(Ref(v, "next"));
  c.prev = GH_TRY(Ref(v, "prev"));
  c.part_of = GH_TRY(Ref(v, "partOf"));
  GH_CHECK(ReadItems(v, limits, c));
  const Value* first = v.Find("first");
  if (first != nullptr && first->is_object()) {
    // Mastodon embeds the first page of replies; read its items and link on.
    c.first = GH_TRY(Ref(v, "first"));
    GH_CHECK(ReadItems(*first, limits, c));
    if (c.next.empty()) c.next = GH_TRY(Ref(*first, "next"));
  } else {
    c.first = GH_TRY(Ref(v, "first"));
  }
  return c;
}

Result<Value> ParseChecked(std::string_view text, const ReadLimits& limits) {
  Value root = GH_TRY(json::Parse(text, limits.json));
  GH_CHECK(fields::CheckNoJsonLdReshaping(root));
  return root;
}

}  // namespace

Result<Activity> ActivityFromJson(const json::Value& root, const ReadLimits& limits) {
  GH_CHECK(fields::CheckNoJsonLdReshaping(root));
  return ActivityFrom(root, Ctx{limits});
}

// Parses, checks, converts with `from`, and keeps the text verbatim where the type has room for it.
template <class T, class From>
Result<T> ReadWith(std::string_view text, const ReadLimits& limits, From from) {
  Value root = GH_TRY(ParseChecked(text, limits));
  T out = GH_TRY(from(root));
  if constexpr (requires { out.raw_json; }) out.raw_json = text;
  return out;
}

Result<Activity> ReadActivity(std::string_view text, const ReadLimits& limits) {
  return ReadWith<Activity>(text, limits,
                            [&](const Value& v) { return ActivityFrom(v, Ctx{limits}); });
}

Result<Object> ReadObject(std::string_view text, const ReadLimits& limits) {
  return ReadWith<Object>(text, limits, [&](const Value& v) { return ObjectFrom(v, Ctx{limits}); });
}

Result<Actor> ReadActor(std::string_view text, const ReadLimits& limits) {
  return ReadWith<Actor>(text, limits, [&](const Value& v) { return ActorFrom(v, Ctx{limits}); });
}

Result<Collection> ReadCollection(std::string_view text, const ReadLimits& limits) {
  return ReadWith<Collection>(text, limits,
                              [&](const Value& v) { return CollectionFrom(v, limits); });
}

Result<Document> DocumentFromJson(const json::Value& root, const ReadLimits& limits) {
  GH_CHECK(fields::CheckNoJsonLdReshaping(root));
  std::string type = GH_TRY(fields::Type(root, true));
  Ctx ctx{limits};
  if (IsActivityType(type)) return Document(GH_TRY(ActivityFrom(root, ctx)));
  if (IsActorType(type)) return Document(GH_TRY(ActorFrom(root, ctx)));
  if (IsCollectionType(type)) return Document(GH_TRY(CollectionFrom(root, limits)));
  return Document(GH_TRY(ObjectFrom(root, ctx)));
}

Result<Document> ReadDocument(std::string_view text, const ReadLimits& limits) {
  Value root = GH_TRY(json::Parse(text, limits.json));
  Document doc = GH_TRY(DocumentFromJson(root, limits));
  std::visit(
      [&](auto& d) {
        if constexpr (requires { d.raw_json; }) d.raw_json = text;
      },
      doc);
  return doc;
}

}  // namespace guildhall::federation::as

#include "federation/protocol/as2_writer.h"

#include "federation/protocol/json_build.h"

namespace guildhall::federation::as {
namespace {

using json::ObjectBuilder;
using json::Value;

Value Term(std::string_view id, bool is_id = false) {
  if (!is_id) return Value::String(std::string(id));
  return ObjectBuilder().Str("@id", id).Str("@type", "@id").Build();
}

Value TermMap() {
  return ObjectBuilder()
      .Set("Hashtag", Term("as:Hashtag"))
      .Set("sensitive", Term("as:sensitive"))
      .Set("manuallyApprovesFollowers", Term("as:manuallyApprovesFollowers"))
      .Set("toot", Term("http://joinmastodon.org/ns#"))
      .Set("discoverable", Term("toot:discoverable"))
      .Set("featured", Term("toot:featured", true))
      .Set("blurhash", Term("toot:blurhash"))
      .Set("lemmy", Term("https://join-lemmy.org/ns#"))
      .Set("postingRestrictedToMods", Term("lemmy:postingRestrictedToMods"))
      .Set("stickied", Term("lemmy:stickied"))
      .Set("moderators", Term("lemmy:moderators", true))
      .Set("pt", Term("https://joinpeertube.org/ns#"))
      .Set("commentsEnabled", Term("pt:commentsEnabled"))
      .Set("mz", Term("https://joinmobilizon.org/ns#"))
      .Set("joinMode", Term("mz:joinMode"))
      .Set("timezone", Term("mz:timezone"))
      .Set("ical", Term("http://www.w3.org/2002/12/cal/ical#"))
      .Set("sc", Term("http://schema.org/"))
      .Set("maximumAttendeeCapacity", Term("sc:maximumAttendeeCapacity"))
      .Set("PropertyValue", Term("sc:PropertyValue"))
      .Set("value", Term("sc:value"))
      .Set("PostalAddress", Term("sc:PostalAddress"))
      .Set("address", Term("sc:address"))
      .Set("streetAddress", Term("sc:streetAddress"))
      .Set("addressLocality", Term("sc:addressLocality"))
      .Set("addressRegion", Term("sc:addressRegion"))
      .Set("postalCode", Term("sc:postalCode"))
      .Set("addressCountry", Term("sc:addressCountry"))
      .Build();
}

Value LinkToJson(const Link& link) {
  ObjectBuilder b;
  b.Str("type", link.type);
  if (link.type == "PropertyValue")
    return b.Str("name", link.name).Str("value", link.value).Build();
  b.Str("mediaType", link.media_type)
      .Str(link.type == "Link" ? "href" : "url", link.href)
      .Str("name", link.name);
  return b.Str("blurhash", link.blurhash)
      .Int("width", link.width)
      .Int("height", link.height)
      .Build();
}

Value Links(const std::vector<Link>& links) {
  Value array = Value::Array();
  for (const Link& l : links) array.mutable_items().push_back(LinkToJson(l));
  return array;
}

Value Tags(const std::vector<Tag>& tags) {
  Value array = Value::Array();
  for (const Tag& t : tags) {
    ObjectBuilder b;
    b.Str("type", t.type).Str("href", t.href).Str("name", t.name);
    if (!t.icon_url.empty())
      b.Set("icon", ObjectBuilder().Str("type", "Image").Str("url", t.icon_url).Build());
    array.mutable_items().push_back(std::move(b).Build());
  }
  return array;
}

Value SourceToJson(const std::optional<Source>& source) {
  if (!source) return Value::Object();
  return ObjectBuilder()
      .Str("content", source->content)
      .Str("mediaType", source->media_type)
      .Build();
}

Value PlaceToJson(const std::optional<Place>& place) {
  if (!place) return Value::Object();
  Value address = ObjectBuilder()
                      .Str("type", "PostalAddress")
                      .Str("streetAddress", place->street_address)
                      .Str("addressLocality", place->locality)
                      .Str("addressRegion", place->region)
                      .Str("postalCode", place->postal_code)
                      .Str("addressCountry", place->country)
                      .Build();
  ObjectBuilder b;
  b.Str("type", "Place").Str("name", place->name);
  if (address.members().size() > 1) b.Set("address", std::move(address));
  return b.Double("latitude", place->latitude).Double("longitude", place->longitude).Build();
}

Value WithContext(Value body, Value context = StandardContext()) {
  Value out = Value::Object();
  out.mutable_members().push_back({"@context", std::move(context)});
  for (auto& m : body.mutable_members()) out.mutable_members().push_back(std::move(m));
  return out;
}

void AddEventFields(const Object& o, ObjectBuilder& b) {
  b.Time("startTime", o.start_time)
      .Time("endTime", o.end_time)
      .Obj("location", PlaceToJson(o.location));
  b.Str("timezone", o.timezone)
      .Str("joinMode", o.join_mode)
      .Int("maximumAttendeeCapacity", o.maximum_attendee_capacity);
  b.Str("ical:status", o.status);
}

// Lemmy parses `to` and `cc` of these with `deserialize_one_or_many` and no
// default (crates/apub/activities/src/protocol/create_or_update/page.rs,
// community/announce.rs, community/collection_add.rs, community/lock.rs,
// block/block_user.rs): a missing field refuses the whole activity, an empty
// array is accepted. So they are always written, empty or not.
bool AlwaysAddressed(std::string_view type) {
  for (std::string_view t :
       {"Create", "Update", "Delete", "Announce", "Add", "Remove", "Lock", "Block"}) {
    if (type == t) return true;
  }
  return false;
}

// FEP-844e: an Application lists what it implements itself; any other
// actor points at its software with an anonymous `generator` Application.
void AddImplements(const Actor& a, const std::vector<Link>& implements, Value& out) {
  if (implements.empty()) return;
  if (a.type == "Application") {
    out.mutable_members().push_back({"implements", Links(implements)});
    return;
  }
  out.mutable_members().push_back(
      {"generator",
       ObjectBuilder().Str("type", "Application").Arr("implements", Links(implements)).Build()});
}

// The standard context plus FEP-844e's term (fep-844e.jsonld) and
// Guildhall's groupKind, each only on the documents that carry it, so every
// other document keeps its bytes.
Value ActorContext(const Actor& a, const std::vector<Link>& implements) {
  Value context = StandardContext();
  ObjectBuilder terms;
  bool any = false;
  if (!implements.empty()) {
    terms.Set("implements", ObjectBuilder()
                                .Str("@id", "https://w3id.org/fep/844e/implements")
                                .Str("@type", "@id")
                                .Str("@container", "@set")
                                .Build());
    any = true;
  }
  if (!a.group_kind.empty()) {
    terms.Set("guildhall", Term("https://guildhall.dev/ns#"))
        .Set("groupKind", Term("guildhall:groupKind"));
    any = true;
  }
  if (any) context.mutable_items().push_back(std::move(terms).Build());
  return context;
}

}  // namespace

json::Value StandardContext() {
  Value context = Value::Array();
  context.mutable_items().push_back(Value::String("https://www.w3.org/ns/activitystreams"));
  context.mutable_items().push_back(Value::String("https://w3id.org/security/v1"));
  context.mutable_items().push_back(TermMap());
  return context;
}

json::Value ObjectToJson(const Object& o) {
  ObjectBuilder b;
  b.Str("id", o.id).Str("type", o.type).StrOrArr("attributedTo", o.attributed_to);
  b.Str("name", o.name)
      .Str("summary", o.summary)
      .Str("content", o.content)
      .Str("mediaType", o.media_type);
  b.Obj("source", SourceToJson(o.source)).Str("inReplyTo", o.in_reply_to).Str("context", o.context);
  b.Str("audience", o.audience).StrArr("to", o.to).StrArr("cc", o.cc);
  b.Time("published", o.published).Time("updated", o.updated).Str("url", o.url);
  if (o.sensitive) b.Bool("sensitive", true);
  b.Bool("commentsEnabled", o.comments_enabled).Bool("stickied", o.stickied);
  b.Arr("tag", Tags(o.tag)).Arr("attachment", Links(o.attachment));
  if (o.image) b.Set("image", LinkToJson(*o.image));
  b.Str("replies", o.replies);
  AddEventFields(o, b);
  b.Str("formerType", o.former_type).Time("deleted", o.deleted);
  return std::move(b).Build();
}

json::Value ActorToJson(const Actor& a) {
  ObjectBuilder b;
  b.Str("id", a.id)
      .Str("type", a.type)
      .Str("preferredUsername", a.preferred_username)
      .Str("name", a.name);
  b.Str("summary", a.summary).Obj("source", SourceToJson(a.source)).Str("url", a.url);
  b.Str("inbox", a.inbox)
      .Str("outbox", a.outbox)
      .Str("followers", a.followers)
      .Str("following", a.following);
  b.Str("featured", a.featured);
  // Lemmy reads a Group's moderators collection from attributedTo.
  if (a.type == "Group" && !a.moderators.empty()) {
    b.Str("attributedTo", a.moderators).Str("moderators", a.moderators);
  } else {
    b.StrOrArr("attributedTo", a.attributed_to);
  }
  b.Obj("endpoints", ObjectBuilder().Str("sharedInbox", a.shared_inbox).Build());
  Value keys = Value::Array();
  for (const PublicKeyInfo& k : a.public_keys) {
    keys.mutable_items().push_back(ObjectBuilder()
                                       .Str("id", k.id)
                                       .Str("owner", k.owner)
                                       .Str("publicKeyPem", k.public_key_pem)
                                       .Build());
  }
  if (keys.items().size() == 1)
    b.Set("publicKey", std::move(keys.mutable_items().front()));
  else
    b.Arr("publicKey", std::move(keys));
  Value methods = Value::Array();
  for (const Multikey& m : a.assertion_methods) {
    methods.mutable_items().push_back(ObjectBuilder()
                                          .Str("id", m.id)
                                          .Str("type", "Multikey")
                                          .Str("controller", m.controller)
                                          .Str("publicKeyMultibase", m.public_key_multibase)
                                          .Build());
  }
  b.Arr("assertionMethod", std::move(methods));
  if (a.icon) b.Set("icon", LinkToJson(*a.icon));
  if (a.image) b.Set("image", LinkToJson(*a.image));
  b.Bool("manuallyApprovesFollowers", a.manually_approves_followers)
      .Bool("discoverable", a.discoverable);
  b.Bool("postingRestrictedToMods", a.posting_restricted_to_mods)
      .Str("groupKind", a.group_kind)
      .Arr("attachment", Links(a.attachment));
  return std::move(b).Time("published", a.published).Time("updated", a.updated).Build();
}

json::Value ActivityToJson(const Activity& act) {
  ObjectBuilder b;
  b.Str("id", act.id).Str("type", act.type).Str("actor", act.actor);
  if (act.object_activity) {
    b.Set("object", ActivityToJson(*act.object_activity));
  } else if (act.object_actor) {
    b.Set("object", ActorToJson(*act.object_actor));
  } else if (act.object) {
    b.Set("object", ObjectToJson(*act.object));
  } else if (!act.extra_objects.empty()) {
    std::vector<std::string> all = {act.object_id};
    all.insert(all.end(), act.extra_objects.begin(), act.extra_objects.end());
    b.StrArr("object", all);
  } else {
    b.Str("object", act.object_id);
  }
  b.Str("target", act.target).Str("origin", act.origin);
  if (AlwaysAddressed(act.type)) {
    b.Set("to", json::StringArray(act.to)).Set("cc", json::StringArray(act.cc));
  } else {
    b.StrArr("to", act.to).StrArr("cc", act.cc);
  }
  b.StrOrArr("audience", act.audience);
  b.Time("published", act.published).Str("summary", act.summary).Str("content", act.content);
  return std::move(b).Build();
}

json::Value CollectionToJson(const Collection& c) {
  ObjectBuilder b;
  b.Str("id", c.id).Str("type", c.type).Int("totalItems", c.total_items);
  b.Str("first", c.first)
      .Str("last", c.last)
      .Str("next", c.next)
      .Str("prev", c.prev)
      .Str("partOf", c.part_of);
  Value items = Value::Array();
  if (!c.activities.empty()) {
    for (const Activity& a : c.activities) items.mutable_items().push_back(ActivityToJson(a));
  } else if (!c.objects.empty()) {
    for (const Object& o : c.objects) items.mutable_items().push_back(ObjectToJson(o));
  } else {
    items = json::StringArray(c.item_ids);
  }
  bool ordered = c.type.starts_with("Ordered");
  // A page always lists its items, even none; a bare collection may link to pages only.
  if (!items.items().empty() || c.type.ends_with("Page"))
    b.Set(ordered ? "orderedItems" : "items", std::move(items));
  return std::move(b).Build();
}

std::string WriteActivity(const Activity& activity) {
  return json::Serialize(WithContext(ActivityToJson(activity)));
}
std::string WriteObject(const Object& object) {
  return json::Serialize(WithContext(ObjectToJson(object)));
}
std::string WriteActor(const Actor& actor, const std::vector<Link>& implements) {
  Value body = ActorToJson(actor);
  AddImplements(actor, implements, body);
  return json::Serialize(WithContext(std::move(body), ActorContext(actor, implements)));
}
std::string WriteKeyDocument(const PublicKeyInfo& key) {
  Value context = Value::Array();
  context.mutable_items().push_back(Value::String("https://w3id.org/security/v1"));
  return json::Serialize(WithContext(ObjectBuilder()
                                         .Str("id", key.id)
                                         .Str("type", "CryptographicKey")
                                         .Str("owner", key.owner)
                                         .Str("publicKeyPem", key.public_key_pem)
                                         .Build(),
                                     std::move(context)));
}
std::string WriteCollection(const Collection& c) {
  return json::Serialize(WithContext(CollectionToJson(c)));
}

}  // namespace guildhall::federation::as

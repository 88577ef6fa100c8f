#include "federation/protocol/discovery.h"

#include "federation/protocol/json.h"
#include "federation/protocol/json_build.h"

namespace guildhall::federation {
namespace {

using json::ObjectBuilder;
using json::Value;

constexpr size_t kMaxJrdLinks = 64;
constexpr size_t kMaxJrdField = 2048;

Result<std::string> JrdString(const Value& obj, std::string_view field) {
  const Value* v = obj.Find(field);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return Error::Invalid("jrd: " + std::string(field) + " is not a string");
  if (v->text().size() > kMaxJrdField)
    return Error::TooLarge("jrd: " + std::string(field) + " too long");
  return v->text();
}

Value NodeInfoSoftware(const NodeInfo& info, bool v21) {
  ObjectBuilder b;
  b.Str("name", info.software_name).Str("version", info.software_version);
  if (v21) b.Str("repository", info.software_repository).Str("homepage", info.software_homepage);
  return std::move(b).Build();
}

}  // namespace

std::optional<std::string> Jrd::SelfActivityPubHref() const {
  for (const JrdLink& link : links) {
    if (link.rel == "self" &&
        (link.type == kActivityJsonType || link.type == kLdJsonActivityStreamsType) &&
        !link.href.empty()) {
      return link.href;
    }
  }
  return std::nullopt;
}

std::string WriteJrd(const Jrd& jrd) {
  Value links = Value::Array();
  for (const JrdLink& l : jrd.links) {
    links.mutable_items().push_back(ObjectBuilder()
                                        .Str("rel", l.rel)
                                        .Str("type", l.type)
                                        .Str("href", l.href)
                                        .Str("template", l.template_)
                                        .Build());
  }
  return json::Serialize(ObjectBuilder()
                             .Str("subject", jrd.subject)
                             .StrArr("aliases", jrd.aliases)
                             .Set("links", std::move(links))
                             .Build());
}

Result<Jrd> ReadJrd(std::string_view text) {
  Value root = GH_TRY(
      json::Parse(text, json::Limits{.max_bytes = 64 * 1024, .max_depth = 8, .max_values = 2000}));
  Jrd jrd;
  jrd.subject = GH_TRY(JrdString(root, "subject"));
  if (const Value* aliases = root.Find("aliases"); aliases != nullptr && aliases->is_array()) {
    for (const Value& a : aliases->items()) {
      if (a.is_string() && a.text().size() <= kMaxJrdField) jrd.aliases.push_back(a.text());
    }
  }
  const Value* links = root.Find("links");
  if (links == nullptr || !links->is_array()) return jrd;
  if (links->items().size() > kMaxJrdLinks) return Error::TooLarge("jrd: too many links");
  for (const Value& l : links->items()) {
    if (!l.is_object()) continue;
    JrdLink link;
    link.rel = GH_TRY(JrdString(l, "rel"));
    link.type = GH_TRY(JrdString(l, "type"));
    link.href = GH_TRY(JrdString(l, "href"));
    link.template_ = GH_TRY(JrdString(l, "template"));
    jrd.links.push_back(std::move(link));
  }
  return jrd;
}

std::string WriteNodeInfo(const NodeInfo& info, std::string_view version) {
  bool v21 = version == "2.1";
  Value protocols = json::StringArray({"activitypub"});
  Value services =
      ObjectBuilder().Set("inbound", Value::Array()).Set("outbound", Value::Array()).Build();
  Value users = ObjectBuilder()
                    .Int("total", info.users_total)
                    .Int("activeMonth", info.users_active_month)
                    .Int("activeHalfyear", info.users_active_halfyear)
                    .Build();
  Value usage = ObjectBuilder()
                    .Set("users", std::move(users))
                    .Int("localPosts", info.local_posts)
                    .Int("localComments", info.local_comments)
                    .Build();
  ObjectBuilder metadata;
  for (const auto& [k, v] : info.metadata) metadata.Set(k, Value::String(v));
  return json::Serialize(ObjectBuilder()
                             .Str("version", v21 ? "2.1" : "2.0")
                             .Set("software", NodeInfoSoftware(info, v21))
                             .Set("protocols", std::move(protocols))
                             .Set("services", std::move(services))
                             .Set("openRegistrations", Value::Bool(info.open_registrations))
                             .Set("usage", std::move(usage))
                             .Set("metadata", std::move(metadata).Build())
                             .Build());
}

std::string WriteNodeInfoLinks(std::string_view href_2_0, std::string_view href_2_1,
                               std::string_view application_actor) {
  Value links = Value::Array();
  links.mutable_items().push_back(ObjectBuilder()
                                      .Str("rel", "http://nodeinfo.diaspora.software/ns/schema/2.0")
                                      .Str("href", href_2_0)
                                      .Build());
  links.mutable_items().push_back(ObjectBuilder()
                                      .Str("rel", "http://nodeinfo.diaspora.software/ns/schema/2.1")
                                      .Str("href", href_2_1)
                                      .Build());
  if (!application_actor.empty()) {
    links.mutable_items().push_back(
        ObjectBuilder().Str("rel", kApplicationActorRel).Str("href", application_actor).Build());
  }
  return json::Serialize(ObjectBuilder().Set("links", std::move(links)).Build());
}

}  // namespace guildhall::federation

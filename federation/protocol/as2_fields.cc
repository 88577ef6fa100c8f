#include "federation/protocol/as2_fields.h"

#include <array>

#include "federation/protocol/datetime.h"
#include "federation/protocol/url.h"

namespace guildhall::federation::as::fields {
namespace {

Error Invalid(std::string_view field, std::string_view why) {
  return Error::Invalid("as2: " + std::string(field) + ": " + std::string(why));
}
Error TooLarge(std::string_view field, std::string_view why) {
  return Error::TooLarge("as2: " + std::string(field) + ": " + std::string(why));
}

// Terms whose meaning we read directly; a context that renames them would
// make a JSON-LD processor see a different activity than we do.
constexpr std::array<std::string_view, 13> kProtectedTerms = {
    "id", "type", "actor", "object",   "target",    "attributedTo", "to",
    "cc", "bto",  "bcc",   "audience", "inReplyTo", "@vocab"};

Result<> CheckContextEntry(const Value& entry) {
  if (entry.is_string() || entry.is_null()) return Ok();
  if (!entry.is_object()) return Invalid("@context", "entry is neither a URL nor a term map");
  for (const json::Member& m : entry.members()) {
    for (std::string_view term : kProtectedTerms) {
      if (m.name == term) return Invalid("@context", "redefines " + m.name);
    }
  }
  return Ok();
}

// The stack never exceeds json::Limits::max_depth, so this recursion is bounded.
Result<> CheckKeywords(const Value& v) {
  if (v.is_array()) {
    for (const Value& item : v.items()) GH_CHECK(CheckKeywords(item));
  } else if (v.is_object()) {
    for (const json::Member& m : v.members()) {
      if (m.name == "@graph" || m.name == "@reverse" || m.name == "@included")
        return Invalid(m.name, "not accepted");
      if (m.name == "@context") {
        if (m.value.is_array()) {
          for (const Value& entry : m.value.items()) GH_CHECK(CheckContextEntry(entry));
        } else {
          GH_CHECK(CheckContextEntry(m.value));
        }
        continue;
      }
      GH_CHECK(CheckKeywords(m.value));
    }
  }
  return Ok();
}

// The id of one reference value: a string, or an object's id (href for Links).
Result<std::string> OneRef(std::string_view field, const Value& v) {
  if (v.is_string()) return Url(field, v.text());
  if (v.is_object()) {
    const Value* id = v.Find("id");
    if (id == nullptr) id = v.Find("href");
    if (id == nullptr || id->is_null()) return std::string();
    if (!id->is_string()) return Invalid(field, "id is not a string");
    return Url(field, id->text());
  }
  if (v.is_null()) return std::string();
  return Invalid(field, "is neither a URL nor an object");
}

// At most `max` bytes, cut at a UTF-8 character boundary.
std::string Truncate(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

// One Link-ish value (icon, attachment entry, image) or nullopt when unusable.
std::optional<Link> OneLink(const Value& v, const ReadLimits& limits) {
  Link link;
  if (v.is_string()) {
    if (!Url("url", v.text())) return std::nullopt;
    link.type = "Link";
    link.href = v.text();
    return link;
  }
  if (!v.is_object()) return std::nullopt;
  auto type = Type(v, false);
  if (type) link.type = *type;
  link.media_type = Truncated(v, "mediaType", 256);
  link.name = Truncated(v, "name", limits.max_name_bytes * 2);
  link.blurhash = Truncated(v, "blurhash", 256);
  link.width = Int(v, "width");
  link.height = Int(v, "height");
  if (link.type == "PropertyValue") {
    link.value = Truncated(v, "value", limits.max_name_bytes * 4);
    return link;
  }
  link.href = FirstHttpUrl(v, "url");
  if (link.href.empty()) link.href = FirstHttpUrl(v, "href");
  if (link.href.empty()) return std::nullopt;
  return link;
}

}  // namespace

std::string Truncated(const Value& obj, std::string_view field, size_t max) {
  const Value* v = obj.Find(field);
  return v != nullptr && v->is_string() ? Truncate(v->text(), max) : std::string();
}

Result<> CheckNoJsonLdReshaping(const Value& root) { return CheckKeywords(root); }

Result<std::string> Type(const Value& obj, bool required) {
  const Value* v = obj.Find("type");
  if (v == nullptr || v->is_null()) {
    if (required) return Invalid("type", "missing");
    return std::string();
  }
  if (v->is_string()) return v->text();
  if (!v->is_array() || v->items().empty())
    return Invalid("type", "not a string or array of strings");
  for (const Value& t : v->items()) {
    if (!t.is_string()) return Invalid("type", "not a string or array of strings");
  }
  for (const Value& t : v->items()) {
    if (IsActivityType(t.text()) || IsActorType(t.text()) || IsObjectType(t.text()) ||
        IsCollectionType(t.text())) {
      return t.text();
    }
  }
  return v->items().front().text();
}

Result<std::string> Url(std::string_view field, std::string_view value) {
  auto parsed = ParseHttpUrl(value);
  if (!parsed) {
    if (parsed.error().code == Code::kTooLarge) return TooLarge(field, "URL longer than 2 KiB");
    return Invalid(field, parsed.error().message);
  }
  return std::string(value);
}

Result<std::string> Ref(const Value& obj, std::string_view field) {
  const Value* v = obj.Find(field);
  if (v == nullptr) return std::string();
  if (v->is_array()) return v->items().empty() ? std::string() : OneRef(field, v->items().front());
  return OneRef(field, *v);
}

Result<std::vector<std::string>> Refs(const Value& obj, std::string_view field, size_t max) {
  std::vector<std::string> out;
  const Value* v = obj.Find(field);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    std::string id = GH_TRY(OneRef(field, *v));
    if (!id.empty()) out.push_back(std::move(id));
    return out;
  }
  if (v->items().size() > max) return TooLarge(field, "too many entries");
  for (const Value& item : v->items()) {
    std::string id = GH_TRY(OneRef(field, item));
    if (!id.empty()) out.push_back(std::move(id));
  }
  return out;
}

Result<std::vector<std::string>> Recipients(const Value& obj, std::string_view field,
                                            size_t& budget) {
  std::vector<std::string> out;
  const Value* v = obj.Find(field);
  if (v == nullptr || v->is_null()) return out;
  auto add = [&](const Value& item) -> Result<> {
    if (budget == 0) return TooLarge(field, "too many recipients");
    --budget;
    if (item.is_string() && IsPublic(item.text())) {
      out.emplace_back(kPublic);
      return Ok();
    }
    std::string id = GH_TRY(OneRef(field, item));
    if (!id.empty()) out.push_back(std::move(id));
    return Ok();
  };
  if (!v->is_array()) {
    GH_CHECK(add(*v));
    return out;
  }
  for (const Value& item : v->items()) GH_CHECK(add(item));
  return out;
}

Result<std::string> Text(const Value& obj, std::string_view field, size_t max) {
  const Value* v = obj.Find(field);
  if (v == nullptr || v->is_null()) {
    // Language maps ("contentMap": {"en": "..."}) stand in for a missing plain value.
    const Value* map = obj.Find(std::string(field) + "Map");
    if (map == nullptr || !map->is_object() || map->members().empty()) return std::string();
    v = &map->members().front().value;
    // Mbin sends `"content": null` with `"contentMap": {"en": null}` for a
    // post whose body is empty (a poll, a link): no text, not an error.
    if (v->is_null()) return std::string();
  }
  if (!v->is_string()) return Invalid(field, "not a string");
  if (v->text().size() > max)
    return TooLarge(field, "longer than " + std::to_string(max) + " bytes");
  return v->text();
}

std::optional<TimePoint> Time(const Value& obj, std::string_view field) {
  const Value* v = obj.Find(field);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return ParseRfc3339(v->text());
}

std::optional<bool> Bool(const Value& obj, std::string_view field) {
  const Value* v = obj.Find(field);
  if (v == nullptr || v->kind() != Value::Kind::kBool) return std::nullopt;
  return v->boolean();
}

std::optional<int64_t> Int(const Value& obj, std::string_view field) {
  const Value* v = obj.Find(field);
  return v == nullptr ? std::nullopt : v->AsInt64();
}

std::string FirstHttpUrl(const Value& obj, std::string_view field) {
  const Value* v = obj.Find(field);
  if (v == nullptr) return {};
  auto usable = [](const Value& item) -> std::string {
    const Value* href = &item;
    if (item.is_object()) {
      href = item.Find("href");
      const Value* media = item.Find("mediaType");
      if (media != nullptr && media->is_string() && media->text() != "text/html") return {};
    }
    if (href == nullptr || !href->is_string() || !ParseHttpUrl(href->text())) return {};
    return href->text();
  };
  if (!v->is_array()) return usable(*v);
  for (const Value& item : v->items()) {
    if (std::string url = usable(item); !url.empty()) return url;
  }
  // PeerTube lists video files first: fall back to any http(s) href.
  for (const Value& item : v->items()) {
    const Value* href = item.is_object() ? item.Find("href") : &item;
    if (href != nullptr && href->is_string() && ParseHttpUrl(href->text())) return href->text();
  }
  return {};
}

Result<std::vector<Link>> Links(const Value& obj, std::string_view field, size_t max,
                                const ReadLimits& limits) {
  std::vector<Link> out;
  const Value* v = obj.Find(field);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    if (auto link = OneLink(*v, limits)) out.push_back(std::move(*link));
    return out;
  }
  if (v->items().size() > max)
    return TooLarge(field, "more than " + std::to_string(max) + " entries");
  for (const Value& item : v->items()) {
    if (auto link = OneLink(item, limits)) out.push_back(std::move(*link));
  }
  return out;
}

Result<std::vector<Tag>> Tags(const Value& obj, const ReadLimits& limits) {
  std::vector<Tag> out;
  const Value* v = obj.Find("tag");
  if (v == nullptr || v->is_null()) return out;
  std::vector<const Value*> entries;
  if (v->is_array()) {
    if (v->items().size() > limits.max_tags)
      return TooLarge("tag", "more than " + std::to_string(limits.max_tags) + " entries");
    for (const Value& item : v->items()) entries.push_back(&item);
  } else {
    entries.push_back(v);
  }
  for (const Value* item : entries) {
    if (!item->is_object()) continue;
    Tag tag;
    tag.type = GH_TRY(Type(*item, false));
    tag.name = GH_TRY(Text(*item, "name", limits.max_name_bytes));
    const Value* href = item->Find("href");
    if (href != nullptr && href->is_string() && ParseHttpUrl(href->text())) tag.href = href->text();
    if (tag.type == "Mention" && tag.href.empty()) continue;  // a mention must point at an actor
    if (tag.type == "Emoji") {
      if (const Value* icon = item->Find("icon"); icon != nullptr && icon->is_object())
        tag.icon_url = FirstHttpUrl(*icon, "url");
    }
    out.push_back(std::move(tag));
  }
  return out;
}

Result<std::optional<Source>> ReadSource(const Value& obj, const ReadLimits& limits) {
  const Value* v = obj.Find("source");
  if (v == nullptr || !v->is_object()) return std::optional<Source>();
  Source source;
  source.content = GH_TRY(Text(*v, "content", limits.max_content_bytes));
  source.media_type = Truncated(*v, "mediaType", 256);
  return std::optional<Source>(std::move(source));
}

}  // namespace guildhall::federation::as::fields

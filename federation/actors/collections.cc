#include "federation/actors/collections.h"

#include "federation/protocol/as2_writer.h"
#include "federation/protocol/json_build.h"

namespace guildhall::federation {

namespace {

std::string PageUrl(std::string_view collection_id, std::string_view cursor) {
  return std::string(collection_id) + "?page=" + (cursor.empty() ? "true" : std::string(cursor));
}

std::string WithContext(json::Value body) {
  json::Value doc = json::Value::Object();
  doc.mutable_members().push_back(
      {"@context", json::Value::String("https://www.w3.org/ns/activitystreams")});
  for (auto& m : body.mutable_members()) doc.mutable_members().push_back(std::move(m));
  return json::Serialize(doc);
}

}  // namespace

std::string CollectionDocument(std::string_view id, std::optional<int64_t> total_items,
                               bool paged) {
  json::ObjectBuilder b;
  b.Str("id", id).Str("type", "OrderedCollection").Int("totalItems", total_items);
  if (paged) b.Str("first", PageUrl(id, ""));
  return WithContext(std::move(b).Build());
}

std::string CollectionWithFirstPage(std::string_view id, int64_t total_items,
                                    std::vector<json::Value> first_page_items) {
  json::Value ordered = json::Value::Array();
  for (auto& item : first_page_items) ordered.mutable_items().push_back(std::move(item));
  json::ObjectBuilder b;
  b.Str("id", id).Str("type", "OrderedCollection").Int("totalItems", total_items);
  b.Str("first", PageUrl(id, "")).Set("orderedItems", std::move(ordered));
  return WithContext(std::move(b).Build());
}

std::string CountOnlyCollection(std::string_view id, int64_t total_items) {
  json::ObjectBuilder b;
  b.Str("id", id).Str("type", "Collection").Int("totalItems", total_items);
  return WithContext(std::move(b).Set("items", json::Value::Array()).Build());
}

std::string InlineCollectionDocument(std::string_view id, std::vector<json::Value> items) {
  const auto total = static_cast<int64_t>(items.size());
  json::Value ordered = json::Value::Array();
  for (auto& item : items) ordered.mutable_items().push_back(std::move(item));
  json::ObjectBuilder b;
  b.Str("id", id).Str("type", "OrderedCollection").Int("totalItems", total);
  b.Set("orderedItems", std::move(ordered));
  return WithContext(std::move(b).Build());
}

std::string CollectionPageDocument(std::string_view collection_id, std::string_view page_cursor,
                                   std::vector<json::Value> items, std::string_view next_cursor) {
  json::Value ordered = json::Value::Array();
  for (auto& item : items) ordered.mutable_items().push_back(std::move(item));
  json::ObjectBuilder b;
  b.Str("id", PageUrl(collection_id, page_cursor)).Str("type", "OrderedCollectionPage");
  b.Str("partOf", collection_id);
  if (!next_cursor.empty()) b.Str("next", PageUrl(collection_id, next_cursor));
  b.Set("orderedItems", std::move(ordered));
  return WithContext(std::move(b).Build());
}

std::optional<std::string> PageCursor(std::string_view query) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    if (part.starts_with("page=")) {
      std::string_view value = part.substr(5);
      if (value == "true" || value.empty()) return std::string();
      for (char c : value) {
        if (c < '0' || c > '9') return std::string();
      }
      return std::string(value);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

}  // namespace guildhall::federation

// The collections our actors publish (ActivityStreams §5, AP §5): outbox,
// followers, following, and a group's members and moderators, as an
// OrderedCollection whose `first` is an OrderedCollectionPage. Pages are cut
// by a cursor (`?page=<id>`, items older than it; `?page=true` the newest),
// so each page is one index range scan. What a collection reveals is the
// caller's decision (serve.cc): counts only to outsiders, never member lists.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/protocol/json.h"

namespace guildhall::federation {

inline constexpr size_t kCollectionPageSize = 20;

// A group's pinned threads (Lemmy's and Mastodon's `featured`).
// TODO(merge): beside Uris::Moderators in federation/uris.h, where local
// URIs are minted (kept here to spare a rebuild of every includer).
inline std::string FeaturedUri(std::string_view group) { return std::string(group) + "/featured"; }

// {id, type OrderedCollection, totalItems?, first?}. `first` is omitted when
// the collection is not paged to the caller (counts only).
std::string CollectionDocument(std::string_view id, std::optional<int64_t> total_items, bool paged);

// A collection with its first page inline: {id, type OrderedCollection,
// totalItems, first, orderedItems}. Lemmy reads a group's outbox as one
// document with orderedItems at the top level (GroupOutbox,
// crates/apub/apub/src/protocol/collections/group_outbox.rs) and never
// follows `first`; Mastodon and Fedify follow `first`.
std::string CollectionWithFirstPage(std::string_view id, int64_t total_items,
                                    std::vector<json::Value> first_page_items);

// A count without members, in the shape Lemmy reads followers in
// (GroupFollowers, crates/apub/apub/src/protocol/collections/
// group_followers.rs: type Collection, totalItems, items required, empty).
std::string CountOnlyCollection(std::string_view id, int64_t total_items);

// A small collection listed in full: {id, type, totalItems, orderedItems}
// (Lemmy reads a group's moderators this way).
std::string InlineCollectionDocument(std::string_view id, std::vector<json::Value> items);

// One page: `items` are embedded documents (activities) or id strings.
// `next_cursor` empty on the last page.
std::string CollectionPageDocument(std::string_view collection_id, std::string_view page_cursor,
                                   std::vector<json::Value> items, std::string_view next_cursor);

// The page cursor of a query string: nullopt when there is no `page`
// parameter (the collection itself is asked for), "" for page=true (first),
// the decimal id otherwise (anything else reads as the first page).
std::optional<std::string> PageCursor(std::string_view query);

}  // namespace guildhall::federation

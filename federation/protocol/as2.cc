#include "federation/protocol/as2.h"

#include <algorithm>
#include <array>

namespace guildhall::federation::as {
namespace {

template <size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

constexpr std::array<std::string_view, 28> kActivityTypes = {
    "Accept", "Add",     "Announce",   "Arrive", "Block",           "Create",
    "Delete", "Dislike", "EmojiReact", "Flag",   "Follow",          "Ignore",
    "Invite", "Join",    "Leave",      "Like",   "Listen",          "Move",
    "Offer",  "Read",    "Reject",     "Remove", "TentativeAccept", "TentativeReject",
    "Travel", "Undo",    "Update",     "View"};
constexpr std::array<std::string_view, 5> kActorTypes = {"Application", "Group", "Organization",
                                                         "Person", "Service"};
constexpr std::array<std::string_view, 4> kCollectionTypes = {
    "Collection", "OrderedCollection", "CollectionPage", "OrderedCollectionPage"};
constexpr std::array<std::string_view, 14> kObjectTypes = {
    "Article", "Audio",   "Document", "Event",        "Image",     "Note",  "Page",
    "Place",   "Profile", "Question", "Relationship", "Tombstone", "Video", "ChatMessage"};

}  // namespace

bool IsActivityType(std::string_view type) { return In(kActivityTypes, type); }
bool IsActorType(std::string_view type) { return In(kActorTypes, type); }
bool IsCollectionType(std::string_view type) { return In(kCollectionTypes, type); }
bool IsObjectType(std::string_view type) { return In(kObjectTypes, type); }

bool IsPublic(std::string_view recipient) {
  return recipient == kPublic || recipient == "as:Public" || recipient == "Public";
}

}  // namespace guildhall::federation::as

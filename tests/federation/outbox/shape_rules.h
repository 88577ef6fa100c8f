// What Lemmy's and Mastodon's parsers require of the documents we send and
// serve: the table of spec/FEDERATION.md "Outbound shapes", row for row,
// with the source file of each requirement (LemmyNet/lemmy, mastodon/mastodon).
// A shape is a document's `type`, "Undo(Lock)" for an Undo of a Lock, or
// "collection:<name>" for a collection we serve. CheckShape returns what a
// document lacks, one line per missing field, naming parser and source.
// Header-only test helper; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "federation/protocol/json.h"

namespace guildhall::federation::testing {

struct ShapeRule {
  std::string_view shape;
  std::string_view parser;
  std::vector<std::string_view> required;  // present, non-null; arrays may be empty
  std::string_view source;
};

inline const std::vector<ShapeRule>& ShapeRules() {
  static const std::vector<ShapeRule> rules = {
      // Lemmy: fields without Option/#[serde(default)] in its structs.
      {"Create",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object"},
       "crates/apub/activities/src/protocol/create_or_update/page.rs (CreateOrUpdatePage), "
       "create_or_update/note.rs"},
      {"Update",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object"},
       "crates/apub/activities/src/protocol/create_or_update/page.rs, create_or_update/note.rs, "
       "community/update.rs"},
      {"Delete",
       "Lemmy",
       {"id", "type", "actor", "to", "object"},
       "crates/apub/activities/src/protocol/deletion/delete.rs"},
      {"Announce",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object"},
       "crates/apub/activities/src/protocol/community/announce.rs (AnnounceActivity)"},
      {"Add",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object", "target"},
       "crates/apub/activities/src/protocol/community/collection_add.rs"},
      {"Remove",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object", "target"},
       "crates/apub/activities/src/protocol/community/collection_remove.rs"},
      {"Lock",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object"},
       "crates/apub/activities/src/protocol/community/lock.rs (LockPageOrNote)"},
      {"Undo(Lock)",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object"},
       "crates/apub/activities/src/protocol/community/lock.rs (UndoLockPageOrNote)"},
      {"Like",
       "Lemmy",
       {"id", "type", "actor", "object"},
       "crates/apub/activities/src/protocol/voting/vote.rs"},
      {"Undo(Like)",
       "Lemmy",
       {"id", "type", "actor", "object"},
       "crates/apub/activities/src/protocol/voting/undo_vote.rs"},
      {"Accept",
       "Lemmy",
       {"id", "type", "actor", "object"},
       "crates/apub/activities/src/protocol/following/accept.rs"},
      {"Reject",
       "Lemmy",
       {"id", "type", "actor", "object"},
       "crates/apub/activities/src/protocol/following/reject.rs"},
      {"Block",
       "Lemmy",
       {"id", "type", "actor", "to", "cc", "object", "target"},
       "crates/apub/activities/src/protocol/block/block_user.rs"},
      {"Page",
       "Lemmy",
       {"id", "type", "attributedTo"},
       "crates/apub/objects/src/protocol/page.rs (no inReplyTo: deserialize_not_present)"},
      {"Note",
       "Lemmy",
       {"id", "type", "attributedTo", "to", "content", "inReplyTo"},
       "crates/apub/objects/src/protocol/note.rs"},
      {"Group",
       "Lemmy",
       {"id", "type", "preferredUsername", "inbox", "publicKey", "outbox"},
       "crates/apub/objects/src/protocol/group.rs"},
      {"collection:outbox",
       "Lemmy",
       {"id", "type", "totalItems", "orderedItems"},
       "crates/apub/apub/src/protocol/collections/group_outbox.rs"},
      {"collection:followers",
       "Lemmy",
       {"id", "type", "totalItems", "items"},
       "crates/apub/apub/src/protocol/collections/group_followers.rs"},
      {"collection:featured",
       "Lemmy",
       {"id", "type", "totalItems", "orderedItems"},
       "crates/apub/apub/src/protocol/collections/group_featured.rs"},
      {"collection:moderators",
       "Lemmy",
       {"id", "type", "orderedItems"},
       "crates/apub/apub/src/protocol/collections/group_moderators.rs"},
      // Mastodon: what its handlers read before they can act.
      {"Create",
       "Mastodon",
       {"id", "actor", "object"},
       "app/lib/activitypub/activity/create.rb (object embedded, its id on the actor's host)"},
      {"Update", "Mastodon", {"id", "actor", "object"}, "app/lib/activitypub/activity/update.rb"},
      {"Delete", "Mastodon", {"id", "actor", "object"}, "app/lib/activitypub/activity/delete.rb"},
      {"Announce",
       "Mastodon",
       {"id", "actor", "object", "to"},
       "app/lib/activitypub/activity/announce.rb (visibility from to/cc)"},
      {"Like", "Mastodon", {"id", "actor", "object"}, "app/lib/activitypub/activity/like.rb"},
      {"Undo(Like)",
       "Mastodon",
       {"id", "actor", "object"},
       "app/lib/activitypub/activity/undo.rb (embedded object with type and object)"},
      {"Accept", "Mastodon", {"id", "actor", "object"}, "app/lib/activitypub/activity/accept.rb"},
      {"Reject", "Mastodon", {"id", "actor", "object"}, "app/lib/activitypub/activity/reject.rb"},
      {"Block", "Mastodon", {"id", "actor", "object"}, "app/lib/activitypub/activity/block.rb"},
      {"Page",
       "Mastodon",
       {"id", "type", "attributedTo", "to", "name", "url"},
       "app/lib/activitypub/parser/status_parser.rb (converted type: name + url as text)"},
      {"Note",
       "Mastodon",
       {"id", "type", "attributedTo", "to", "content"},
       "app/lib/activitypub/parser/status_parser.rb"},
      {"Event",
       "Mastodon",
       {"id", "type", "attributedTo", "to", "name", "url"},
       "app/lib/activitypub/parser/status_parser.rb (converted type)"},
      {"Group",
       "Mastodon",
       {"id", "type", "preferredUsername", "inbox", "publicKey"},
       "app/services/activitypub/process_account_service.rb"},
      {"collection:followers",
       "Mastodon",
       {"id", "totalItems"},
       "app/services/activitypub/process_account_service.rb (collection counts)"},
      {"collection:featured",
       "Mastodon",
       {"id", "type", "orderedItems"},
       "app/services/activitypub/fetch_featured_collection_service.rb"},
  };
  return rules;
}

inline std::string TypeOf(const json::Value& doc) {
  const json::Value* t = doc.Find("type");
  return t != nullptr && t->is_string() ? t->text() : std::string();
}

// "Undo(Lock)" for an Undo embedding a Lock; the type otherwise.
inline std::string ShapeOf(const json::Value& doc) {
  const std::string type = TypeOf(doc);
  const json::Value* object = doc.Find("object");
  if (type == "Undo" && object != nullptr && object->is_object()) {
    return "Undo(" + TypeOf(*object) + ")";
  }
  return type;
}

inline std::vector<std::string> CheckShape(const std::string& shape, const json::Value& doc) {
  std::vector<std::string> missing;
  for (const ShapeRule& rule : ShapeRules()) {
    if (rule.shape != shape) continue;
    for (std::string_view field : rule.required) {
      const json::Value* v = doc.Find(field);
      if (v == nullptr || v->is_null()) {
        missing.push_back(std::string(rule.parser) + " needs " + std::string(field) + " on " +
                          shape + " (" + std::string(rule.source) + ")");
      }
    }
  }
  return missing;
}

}  // namespace guildhall::federation::testing

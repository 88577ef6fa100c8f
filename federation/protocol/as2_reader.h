// Reads ActivityStreams documents from the wire into the structs of as2.h.
// Tolerant where the fediverse varies (type as string or array, references
// as id or embedded object, single values or arrays, @context shapes, three
// spellings of Public, nanosecond timestamps) and strict where security needs
// it: ids are absolute http(s) URLs without userinfo (<= 2 KiB); counts and
// sizes are capped; JSON-LD re-shaping keywords (@graph, @reverse, @included)
// and @context term maps redefining core terms are refused (security.md
// §1.1 R9). Errors: kInvalid (malformed) or kTooLarge (a cap), with the field
// named in the message. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <variant>

#include "federation/protocol/as2.h"
#include "federation/protocol/json.h"
#include "storage/model/result.h"

namespace guildhall::federation::as {

struct ReadLimits {
  json::Limits json;
  size_t max_recipients = 1000;  // to+cc+bto+bcc+audience of one object
  size_t max_tags = 100;
  size_t max_attachments = 16;
  size_t max_poll_options = 20;           // Mastodon allows 4 by default, Mbin 10
  size_t max_content_bytes = 100 * 1024;  // content, summary, source.content
  size_t max_name_bytes = 1024;           // name, preferredUsername
  size_t max_collection_items = 1000;
  size_t max_embedding = 4;  // Announce(Create(Note)) is 3
};

Result<Activity> ReadActivity(std::string_view json, const ReadLimits& limits = {});
Result<Object> ReadObject(std::string_view json, const ReadLimits& limits = {});
Result<Actor> ReadActor(std::string_view json, const ReadLimits& limits = {});
Result<Collection> ReadCollection(std::string_view json, const ReadLimits& limits = {});

// For fetches where the type is not known in advance: dispatches on `type`.
using Document = std::variant<Activity, Actor, Collection, Object>;
Result<Document> ReadDocument(std::string_view json, const ReadLimits& limits = {});

// The same, from an already parsed document (the inbox parses once).
Result<Activity> ActivityFromJson(const json::Value& root, const ReadLimits& limits = {});
Result<Document> DocumentFromJson(const json::Value& root, const ReadLimits& limits = {});

}  // namespace guildhall::federation::as

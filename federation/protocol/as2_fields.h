// Field readers shared by the AS2 reader's translation units: one function
// per wire shape (reference, reference list, recipients, text, time, links,
// tags) so that every field gets the same tolerance and the same checks.
// Internal to federation/protocol. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/protocol/as2.h"
#include "federation/protocol/as2_reader.h"
#include "federation/protocol/json.h"
#include "storage/model/result.h"

namespace guildhall::federation::as::fields {

using json::Value;

// @graph/@reverse/@included anywhere, or @context term maps redefining the
// terms we rely on: refused (JSON-LD re-shaping, security.md R9).
Result<> CheckNoJsonLdReshaping(const Value& root);

// `type`: a string, or an array of strings whose first known type wins.
// Empty when absent and !required.
Result<std::string> Type(const Value& obj, bool required);

// A URL field that must be valid when present: absolute http(s), no userinfo.
Result<std::string> Url(std::string_view field, std::string_view value);

// A reference: "id", {"id": ...} (or {"href": ...} for Links), or an array
// whose first element is used. "" when absent or null.
Result<std::string> Ref(const Value& obj, std::string_view field);
// Every reference of a single-or-array field, at most `max`.
Result<std::vector<std::string>> Refs(const Value& obj, std::string_view field, size_t max);

// to/cc/bto/bcc/audience: ids or Public (normalized to as::kPublic);
// `budget` is decremented and kTooLarge returned when it runs out.
Result<std::vector<std::string>> Recipients(const Value& obj, std::string_view field,
                                            size_t& budget);

// A string field (or its "<field>Map" language map's first value), at most
// `max` bytes. "" when absent or null; kInvalid for other JSON types.
Result<std::string> Text(const Value& obj, std::string_view field, size_t max);

// A display-only string field cut to `max` bytes at a character boundary;
// "" when absent or not a string. Never an error.
std::string Truncated(const Value& obj, std::string_view field, size_t max);

// RFC 3339; nullopt when absent or unparseable (security.md §3.3: ignore).
std::optional<TimePoint> Time(const Value& obj, std::string_view field);
std::optional<bool> Bool(const Value& obj, std::string_view field);
std::optional<int64_t> Int(const Value& obj, std::string_view field);

// The first usable http(s) URL of a `url` field (string, Link, or array of
// Links, preferring text/html). "" when there is none; never an error.
std::string FirstHttpUrl(const Value& obj, std::string_view field);

// attachment/icon/image entries (single or array), at most `max`; entries
// without a usable URL are dropped except PropertyValue.
Result<std::vector<Link>> Links(const Value& obj, std::string_view field, size_t max,
                                const ReadLimits& limits);
Result<std::vector<Tag>> Tags(const Value& obj, const ReadLimits& limits);
Result<std::optional<Source>> ReadSource(const Value& obj, const ReadLimits& limits);
// The language of an object's text (as2_object_extras.cc): the first key of
// `contentMap` that is a well-formed BCP 47 tag, else Lemmy's
// `language.identifier`; "" when neither. Never an error.
std::string Language(const Value& obj);
// A Question's `oneOf`/`anyOf` options; nullopt when it has neither. More
// than `limits.max_poll_options` options is kTooLarge.
Result<std::optional<Poll>> PollOf(const Value& obj, const ReadLimits& limits);

}  // namespace guildhall::federation::as::fields

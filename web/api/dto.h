// DTO converters: community records and views to the API's JSON objects, and
// the wire names of every enum (both directions). Field names and shapes are
// the contract of spec/API.md: ids are decimal strings, times RFC 3339 UTC
// strings, enums lower-case words. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "node/community/community.h"
#include "web/api/json.h"

namespace guildhall::web::api {

// ---- enum names (dto_enums.cc) ----
inline constexpr std::string_view kGroupKinds[] = {"practice", "interest", "project", "location"};
inline constexpr std::string_view kGroupScopes[] = {"internal", "partners", "public"};
inline constexpr std::string_view kJoinModes[] = {"open", "approval", "invite"};
inline constexpr std::string_view kGroupRoles[] = {"member", "moderator", "owner"};
inline constexpr std::string_view kMembershipStates[] = {"active", "pending", "invited", "banned"};
inline constexpr std::string_view kNodeRoles[] = {"member", "moderator", "admin"};
inline constexpr std::string_view kMemberStates[] = {"active", "suspended"};
inline constexpr std::string_view kRsvpAnswers[] = {"going", "maybe", "declined"};
inline constexpr std::string_view kResourceKinds[] = {"file", "link"};
inline constexpr std::string_view kReportTargets[] = {"thread", "reply", "member"};
inline constexpr std::string_view kReportStates[] = {"open", "resolved", "dismissed"};
inline constexpr std::string_view kNotificationKinds[] = {
    "reply",  "mention",         "join_request",      "join_approved", "event_changed",   "report",
    "invite", "content_removed", "waitlist_promoted", "join_denied",   "membership_ended"};

template <class E, size_t N>
std::string_view EnumName(const std::string_view (&names)[N], E value) {
  auto i = static_cast<size_t>(value);
  return i < N ? names[i] : std::string_view("unknown");
}

// kInvalid "<field>: must be one of a, b, c" for an unknown name.
Result<size_t> EnumIndex(std::span<const std::string_view> names, std::string_view field,
                         std::string_view text);

template <class E, size_t N>
Result<E> ParseEnum(const std::string_view (&names)[N], std::string_view field,
                    std::string_view text) {
  return static_cast<E>(GH_TRY(EnumIndex(names, field, text)));
}

// An optional enum field of a JSON body.
template <class E, size_t N>
Result<std::optional<E>> EnumField(const JsonBody& body, const std::string_view (&names)[N],
                                   std::string_view field) {
  auto text = GH_TRY(body.String(field));
  if (!text) return std::optional<E>();
  return std::optional<E>(GH_TRY(ParseEnum<E>(names, field, *text)));
}

// ---- members (dto_member.cc) ----
// `full` adds what only the member themself and admins see (role details,
// must_change_password, federation opt-in).
void WriteProfile(JsonWriter& w, const community::Profile& p, bool full);

// The authors of a list of content, loaded once: Write puts a small object
// {"id","username","handle","display_name","avatar"} or null.
class Authors {
 public:
  static Result<Authors> Load(community::Community& c, std::vector<Id> ids);
  void Write(JsonWriter& w, Id id) const;

 private:
  std::unordered_map<Id, community::MemberCard> cards_;
};

// ---- groups (dto_group.cc) ----
void WriteGroup(JsonWriter& w, const community::GroupView& g);
void WriteMembership(JsonWriter& w, const storage::Membership& m);
void WriteCapabilities(JsonWriter& w, const community::GroupCapabilities& can);

// ---- content (dto_content.cc) ----
void WriteThread(JsonWriter& w, const storage::Thread& t, const Authors& authors);
// The thread's fields into an object the caller opened (to add more).
void WriteThreadFields(JsonWriter& w, const storage::Thread& t, const Authors& authors);
void WriteReply(JsonWriter& w, const community::ReplyView& r, const Authors& authors);
// "extras": what a received post carried (dto_extras.cc); `kind` "t" or "r".
void WriteExtrasField(JsonWriter& w, const storage::ContentExtras& e, std::string_view kind, Id id);
void WriteEvent(JsonWriter& w, const storage::Event& e, const Authors& authors);
void WriteRsvp(JsonWriter& w, const storage::Rsvp& r);
void WriteResource(JsonWriter& w, const storage::Resource& r, const Authors& authors);

// ---- the rest (dto_misc.cc) ----
void WriteNotification(JsonWriter& w, const storage::Notification& n);
void WriteReport(JsonWriter& w, const storage::Report& r);

// {"items":[...],"next":cursor|null}; `item` writes one element.
template <class T, class Fn>
void WritePage(JsonWriter& w, const community::Page<T>& page, Fn&& item) {
  w.Key("items").BeginArray();
  for (const T& t : page.items) item(t);
  w.EndArray().Key("next");
  if (page.next_cursor.empty()) {
    w.Null();
  } else {
    w.String(page.next_cursor);
  }
}

}  // namespace guildhall::web::api

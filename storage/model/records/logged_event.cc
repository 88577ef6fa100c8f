#include "storage/model/records/logged_event.h"

#include <array>

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;

constexpr std::array<std::string_view, static_cast<size_t>(kLastEventKind) + 1> kNames{
    "group_created",  "group_changed",    "thread_created", "thread_updated",  "thread_moderated",
    "thread_deleted", "reply_created",    "reply_updated",  "reply_deleted",   "like_added",
    "like_removed",   "event_created",    "event_updated",  "event_cancelled", "rsvp_changed",
    "resource_added", "resource_removed", "member_joined",  "member_left",     "member_banned",
    "join_denied",    "profile_updated",  "report_filed",
};
}  // namespace

std::string_view EventKindName(EventKind kind) {
  const auto i = static_cast<size_t>(kind);
  return i < kNames.size() ? kNames[i] : "unknown";
}

std::string LoggedEventCodec::KeyOf(uint64_t seq) { return KeyBuilder().U64(seq).Take(); }

std::optional<uint64_t> LoggedEventCodec::SeqOfKey(std::string_view key) {
  KeyReader r(key);
  auto seq = r.U64();
  if (!seq || !r.Done()) return std::nullopt;
  return seq;
}

std::string LoggedEventCodec::Encode(const LoggedEvent& e) {
  ValueWriter w(kVersion);
  w.U64(e.seq);
  records::WriteEnum(w, e.kind);
  w.I64(e.at).Id(e.actor).Id(e.group).Id(e.subject).Id(e.parent).Bool(e.remote);
  return w.Take();
}

Result<LoggedEvent> LoggedEventCodec::Decode(std::string_view value) {
  ValueReader r(value);
  bool ok = true;
  LoggedEvent e;
  e.seq = r.U64();
  e.kind = records::ReadEnum(r, kLastEventKind, ok);
  e.at = r.I64();
  e.actor = r.Id();
  e.group = r.Id();
  e.subject = r.Id();
  e.parent = r.Id();
  e.remote = r.Bool();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "logged event"));
  return e;
}

}  // namespace guildhall::storage

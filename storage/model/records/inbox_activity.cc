#include "storage/model/records/inbox_activity.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

const char* InboxStateName(InboxState state) {
  switch (state) {
    case InboxState::kPending:
      return "pending";
    case InboxState::kDone:
      return "done";
    case InboxState::kIgnored:
      return "ignored";
    case InboxState::kFailed:
      return "failed";
  }
  return "unknown";
}

std::string InboxActivityCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string InboxActivityCodec::Encode(const InboxActivity& a) {
  ValueWriter w(kVersion);
  w.Id(a.id).Str(a.activity_id).Str(a.actor).Str(a.type).Str(a.inbox).Str(a.json);
  w.I64(a.received);
  records::WriteEnum(w, a.state);
  w.U64(a.attempts).I64(a.finished).Str(a.result);
  return w.Take();
}

Result<InboxActivity> InboxActivityCodec::Decode(std::string_view value) {
  ValueReader r(value);
  InboxActivity a;
  bool ok = true;
  a.id = r.Id();
  a.activity_id = r.Str();
  a.actor = r.Str();
  a.type = r.Str();
  a.inbox = r.Str();
  a.json = r.Str();
  a.received = r.I64();
  a.state = records::ReadEnum(r, InboxState::kFailed, ok);
  a.attempts = static_cast<uint32_t>(r.U64());
  a.finished = r.I64();
  a.result = r.Str();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "inbox activity"));
  return a;
}

void InboxActivityCodec::Indexes(const InboxActivity& a, IndexEntries& out) {
  if (a.state == InboxState::kPending) out.push_back({&tables::kInboxPending, KeyOf(a.id)});
  out.push_back({&tables::kInboxSeen, SeenKey(a.activity_id), true});
}

std::string InboxActivityCodec::SeenKey(std::string_view activity_id) {
  return KeyBuilder().Str(activity_id).Take();
}

}  // namespace guildhall::storage

#include "storage/model/records/notification.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string NotificationCodec::Key(const Notification& n) { return KeyOf(n.recipient, n.id); }
std::string NotificationCodec::KeyOf(Id recipient, Id id) {
  return records::IdPairKey(recipient, id);
}

std::string NotificationCodec::Encode(const Notification& n) {
  ValueWriter w(kVersion);
  w.Id(n.id).Id(n.recipient);
  records::WriteEnum(w, n.kind);
  w.Id(n.actor).Id(n.group).Id(n.thread).Id(n.reply).Id(n.event).Id(n.report);
  w.Str(n.text).I64(n.created).Bool(n.read);
  return w.Take();
}

Result<Notification> NotificationCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Notification n;
  bool ok = true;
  n.id = r.Id();
  n.recipient = r.Id();
  n.kind = records::ReadEnum(r, NotificationKind::kMembershipEnded, ok);
  n.actor = r.Id();
  n.group = r.Id();
  n.thread = r.Id();
  n.reply = r.Id();
  n.event = r.Id();
  n.report = r.Id();
  n.text = r.Str();
  n.created = r.I64();
  n.read = r.Bool();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "notification"));
  return n;
}

void NotificationCodec::Indexes(const Notification& n, IndexEntries& out) {
  if (!n.read) out.push_back({&tables::kNotificationsUnread, Key(n)});
}

std::string NotificationCodec::ByRecipientPrefix(Id recipient) { return records::IdKey(recipient); }

}  // namespace guildhall::storage

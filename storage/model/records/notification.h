// Notification: something a member should know about (a reply, a mention, a
// join request, ...). Written in the same transaction as its cause.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class NotificationKind : uint8_t {
  kReply = 0,             // someone replied to your thread or reply
  kMention = 1,           // someone wrote @you
  kJoinRequest = 2,       // to group moderators: someone asks to join
  kJoinApproved = 3,      // your request was approved
  kEventChanged = 4,      // an event you answered going/maybe changed or was cancelled
  kReport = 5,            // to moderators: a new report
  kInvite = 6,            // you were invited to a group
  kContentRemoved = 7,    // a moderator removed your thread/reply (text: the reason)
  kWaitlistPromoted = 8,  // a seat freed: you are now going
  kJoinDenied = 9,        // your request was denied
  kMembershipEnded = 10,  // a group on another node ended your membership (text: its reason)
};

struct Notification {
  Id id;
  Id recipient;
  NotificationKind kind = NotificationKind::kReply;
  Id actor;  // who caused it (0: the system)
  Id group;
  Id thread;
  Id reply;
  Id event;
  Id report;
  std::string text;  // a short extra, e.g. a removal reason
  int64_t created = 0;
  bool read = false;
};

// Key: (Id recipient, Id id): a reverse prefix scan lists newest first.
// Indexes: notifications_unread (Id recipient, Id id), unread only.
struct NotificationCodec {
  using Record = Notification;
  static constexpr const TableDef& kTable = tables::kNotifications;
  static std::string Key(const Notification& n);
  static std::string KeyOf(Id recipient, Id id);
  static std::string Encode(const Notification& n);
  static Result<Notification> Decode(std::string_view value);
  static void Indexes(const Notification& n, IndexEntries& out);
  static std::string ByRecipientPrefix(Id recipient);
};

}  // namespace guildhall::storage

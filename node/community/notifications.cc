#include "node/community/notifications.h"

#include "node/community/access.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::MembershipCodec;
using storage::Notification;
using storage::NotificationCodec;
using storage::Table;

namespace {
constexpr uint64_t kMaxMarkAll = 10000;

// Kinds that point at a group's posts or events (and carry their ids).
bool IsAboutContent(storage::NotificationKind kind) {
  using K = storage::NotificationKind;
  return kind == K::kReply || kind == K::kMention || kind == K::kEventChanged ||
         kind == K::kWaitlistPromoted;
}

// Whether `recipient` may read `group`'s content at this moment. A ban ends
// the conversation even in a public group, whose posts stay readable to all:
// a banned member is not called back into it.
Result<bool> MayReadNow(storage::ReadTxn& tx, Id recipient, Id group) {
  auto member =
      GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(recipient)));
  auto g = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(group)));
  if (!member || !g) return false;
  auto membership = GH_TRY(LoadMembership(tx, group, recipient));
  if (membership && membership->state == storage::MembershipState::kBanned) return false;
  return Decide(Viewer::Of(*member), *g, membership, Action::kViewContent) == Decision::kAllow;
}

}  // namespace

Result<> Notify(storage::WriteTxn& tx, const ServiceDeps& deps, Notification n) {
  if (!n.recipient || n.recipient == n.actor) return Ok();
  // Notifications about a group's content go only to those who may see it
  // now: not to a member banned since, nor after the group was narrowed.
  if (n.group && IsAboutContent(n.kind) && !GH_TRY(MayReadNow(tx, n.recipient, n.group))) {
    return Ok();
  }
  n.id = deps.ids.Next();
  n.created = deps.NowMs();
  n.read = false;
  return Table<NotificationCodec>::Put(tx, n);
}

Result<> NotifyGroupStaff(storage::WriteTxn& tx, const ServiceDeps& deps, const Notification& n) {
  std::vector<Id> staff;
  const std::string begin =
      MembershipCodec::ByGroupStatePrefix(n.group, storage::MembershipState::kActive);
  GH_CHECK(tx.Scan(storage::tables::kMembershipsByGroupState, begin,
                   MembershipCodec::StaffEnd(n.group), storage::ScanOrder::kForward,
                   [&](std::string_view key, std::string_view) {
                     storage::KeyReader r(key.substr(key.size() - 8));
                     staff.push_back(r.Id().value_or(Id{}));
                     return true;
                   }));
  for (Id recipient : staff) {
    Notification copy = n;
    copy.recipient = recipient;
    GH_CHECK(Notify(tx, deps, std::move(copy)));
  }
  return Ok();
}

Result<Page<Notification>> Notifications::List(Id actor, const PageRequest& page,
                                               bool unread_only) {
  Page<Notification> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, actor));
    auto take = [&](const Notification& n) {
      out.items.push_back(n);
      return Visit::kTake;
    };
    const std::string prefix = NotificationCodec::ByRecipientPrefix(actor);
    out.next_cursor = unread_only ? GH_TRY(ScanIndexPage<NotificationCodec>(
                                        tx, storage::tables::kNotificationsUnread, prefix, page,
                                        storage::ScanOrder::kReverse, take))
                                  : GH_TRY(ScanTablePage<NotificationCodec>(
                                        tx, prefix, page, storage::ScanOrder::kReverse, take));
    return Ok();
  }));
  return out;
}

Result<uint64_t> Notifications::UnreadCount(Id actor) {
  uint64_t count = 0;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, actor));
    const std::string prefix = NotificationCodec::ByRecipientPrefix(actor);
    return tx.Scan(storage::tables::kNotificationsUnread, prefix, storage::PrefixEnd(prefix),
                   storage::ScanOrder::kForward,
                   [&](std::string_view, std::string_view) { return ++count < kMaxUnreadCount; });
  }));
  return count;
}

Result<> Notifications::MarkRead(Id actor, Id notification) {
  return deps_.store.Write([=](storage::WriteTxn& tx) -> Result<> {
    auto n =
        GH_TRY(Table<NotificationCodec>::Get(tx, NotificationCodec::KeyOf(actor, notification)));
    if (!actor || !n) return Error::NotFound("notification not found");
    if (n->read) return Ok();
    n->read = true;
    return Table<NotificationCodec>::Put(tx, *n);
  });
}

Result<uint64_t> Notifications::MarkAllRead(Id actor) {
  uint64_t marked = 0;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, actor));
    marked = 0;
    std::vector<std::string> keys;
    const std::string prefix = NotificationCodec::ByRecipientPrefix(actor);
    GH_CHECK(tx.Scan(storage::tables::kNotificationsUnread, prefix, storage::PrefixEnd(prefix),
                     storage::ScanOrder::kForward, [&](std::string_view, std::string_view primary) {
                       keys.emplace_back(primary);
                       return keys.size() < kMaxMarkAll;
                     }));
    for (const auto& key : keys) {
      auto n = GH_TRY(Table<NotificationCodec>::Get(tx, key));
      if (!n) continue;
      n->read = true;
      GH_CHECK(Table<NotificationCodec>::Put(tx, *n));
      ++marked;
    }
    return Ok();
  }));
  return marked;
}

}  // namespace guildhall::community

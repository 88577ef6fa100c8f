#include "storage/model/catalog.h"

#include "storage/model/records/api_token.h"
#include "storage/model/records/audit_entry.h"
#include "storage/model/records/delivery.h"
#include "storage/model/records/event.h"
#include "storage/model/records/follow.h"
#include "storage/model/records/group.h"
#include "storage/model/records/inbox_activity.h"
#include "storage/model/records/invite.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/notification.h"
#include "storage/model/records/outbox_activity.h"
#include "storage/model/records/remote_actor.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/report.h"
#include "storage/model/records/resource.h"
#include "storage/model/records/rsvp.h"
#include "storage/model/records/session.h"
#include "storage/model/records/thread.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

std::span<const TableDef* const> AllTables() { return tables::kAllTables; }

const std::vector<IndexedTable>& IndexedTables() {
  static const std::vector<IndexedTable> all = {
      // One line per indexed record type: DescribeTable<XCodec>({&tables::kXByY, ...}),
      // Community (node/community).
      DescribeTable<MemberCodec>(
          {&tables::kMembersByUsername, &tables::kMembersByActorUri, &tables::kMemberTokens}),
      DescribeTable<SessionCodec>({&tables::kSessionsByMember, &tables::kSessionsByExpiry}),
      DescribeTable<ApiTokenCodec>({&tables::kApiTokensByHash, &tables::kApiTokensByMember}),
      DescribeTable<InviteCodec>({&tables::kInvitesByHash}),
      DescribeTable<GroupCodec>({&tables::kGroupsBySlug, &tables::kGroupsByApId}),
      DescribeTable<MembershipCodec>(
          {&tables::kMembershipsByMember, &tables::kMembershipsByGroupState}),
      DescribeTable<ThreadCodec>({&tables::kThreadsByGroup, &tables::kThreadsByApId}),
      DescribeTable<ReplyCodec>({&tables::kRepliesByThread, &tables::kRepliesByApId}),
      DescribeTable<EventCodec>(
          {&tables::kEventsByGroup, &tables::kEventsByStart, &tables::kEventsByApId}),
      DescribeTable<RsvpCodec>({&tables::kRsvpsByMember, &tables::kRsvpsWaitlist}),
      DescribeTable<ResourceCodec>({&tables::kResourcesByGroup}),
      DescribeTable<NotificationCodec>({&tables::kNotificationsUnread}),
      DescribeTable<ReportCodec>({&tables::kReportsByState, &tables::kReportsByGroupState}),
      DescribeTable<AuditEntryCodec>({&tables::kAuditByActor, &tables::kAuditByAction}),
      // Federation (federation/delivery, federation/dereference).
      DescribeTable<DeliveryCodec>(
          {&tables::kDeliveriesDue, &tables::kDeliveriesByActivity, &tables::kDeliveriesByHost}),
      DescribeTable<RemoteActorCodec>({&tables::kRemoteActorsByKeyId}),
      // Federation (federation/inbox, federation/outbox, federation/follows).
      DescribeTable<InboxActivityCodec>({&tables::kInboxPending, &tables::kInboxSeen}),
      DescribeTable<OutboxActivityCodec>({&tables::kOutboxByActor}),
      DescribeTable<FollowCodec>({&tables::kFollowsByActivity}),
  };
  return all;
}

}  // namespace guildhall::storage

#include "node/community/moderation.h"

#include "node/community/access.h"
#include "node/community/account_ops.h"
#include "node/community/audit.h"
#include "node/community/content_ops.h"
#include "node/community/group_ops.h"
#include "node/community/notifications.h"
#include "node/community/validation.h"
#include "storage/model/records/ban.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Report;
using storage::ReportCodec;
using storage::ReportState;
using storage::ReportTarget;
using storage::Table;

namespace {

Result<> ValidateReason(std::string_view reason, size_t max) {
  return Validator().Text("reason", reason, 1, max, true).Finish();
}

std::string Target(std::string_view kind, Id id) { return std::string(kind) + ":" + id.ToString(); }

// The group a report's target lives in (0 for members), if the reporter may see it.
Result<Id> ReportedGroup(storage::ReadTxn& tx, Id reporter, const ReportDraft& d) {
  if (d.kind == ReportTarget::kMember) {
    GH_CHECK(LoadMember(tx, d.target));
    return Id{};
  }
  const Id group = d.kind == ReportTarget::kThread ? GH_TRY(LoadThread(tx, d.target)).group
                                                   : GH_TRY(LoadReply(tx, d.target)).group;
  auto access = GH_TRY(LoadGroupAccess(tx, reporter, group));
  GH_CHECK(
      access.Require(Action::kViewContent, d.kind == ReportTarget::kThread ? "thread" : "reply"));
  return group;
}

// Node staff may act on any report; group moderators on their group's.
Result<> RequireReportModerator(storage::ReadTxn& tx, Id actor, Id group) {
  const Viewer v = GH_TRY(RequireSignedIn(tx, actor));
  if (DecideNode(v, NodeAction::kModerateNode) == Decision::kAllow) return Ok();
  if (!group) return Error::Forbidden("not allowed");
  auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
  return access.Require(Action::kModerate);
}

// Applies a removal (or restoration) to a thread or reply; false if it was
// already in that state.
template <class Post>
bool ApplyRemoval(Post& p, bool removed, Id actor, std::string_view reason) {
  if (p.removed == removed) return false;
  p.removed = removed;
  p.removal_reason = removed ? std::string(reason) : "";
  p.removed_by = removed ? actor : Id{};
  ++p.version;
  return true;
}

storage::AuditEntry RemovalAudit(std::string_view kind, Id id, Id group, Id actor, bool removed,
                                 std::string_view reason) {
  return {.actor = actor,
          .action = std::string(kind) + (removed ? ".remove" : ".restore"),
          .target = Target(kind, id),
          .group = group,
          .before = removed ? "removed=false" : "removed=true",
          .after = removed ? "removed=true" : "removed=false",
          .reason = std::string(reason)};
}

// Tells the author why their post was removed.
storage::Notification RemovalNotice(Id author, Id actor, Id group, Id thread, Id reply,
                                    std::string_view reason) {
  return {.recipient = author,
          .kind = storage::NotificationKind::kContentRemoved,
          .actor = actor,
          .group = group,
          .thread = thread,
          .reply = reply,
          .text = std::string(reason)};
}

const char* StateName(ReportState s) {
  switch (s) {
    case ReportState::kOpen:
      return "open";
    case ReportState::kResolved:
      return "resolved";
    case ReportState::kDismissed:
      return "dismissed";
  }
  return "open";
}

}  // namespace

Result<Report> Moderation::File(Id reporter, const ReportDraft& d) {
  GH_CHECK(ValidateReason(d.reason, 1000));
  Report out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, reporter));
    const Id group = GH_TRY(ReportedGroup(tx, reporter, d));
    Report r{.id = deps_.ids.Next(),
             .reporter = reporter,
             .target_kind = d.kind,
             .target = d.target,
             .group = group,
             .reason = d.reason};
    r.created = deps_.NowMs();
    GH_CHECK(Table<ReportCodec>::Insert(tx, r));
    if (group) {
      GH_CHECK(NotifyGroupStaff(tx, deps_,
                                {.kind = storage::NotificationKind::kReport,
                                 .actor = reporter,
                                 .group = group,
                                 .report = r.id}));
    }
    GH_CHECK(deps_.publisher.Publish(tx, events::ReportFiled{r}));
    out = r;
    return Ok();
  }));
  return out;
}

Result<Page<Report>> Moderation::Queue(Id actor, Id group, ReportState state,
                                       const PageRequest& page) {
  Page<Report> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    if (group) {
      auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
      GH_CHECK(access.Require(Action::kModerate));
    } else {
      GH_CHECK(RequireNode(tx, actor, NodeAction::kModerateNode));
    }
    const auto& index =
        group ? storage::tables::kReportsByGroupState : storage::tables::kReportsByState;
    const std::string prefix =
        group ? ReportCodec::ByGroupStatePrefix(group, state) : ReportCodec::ByStatePrefix(state);
    out.next_cursor = GH_TRY(ScanIndexPage<ReportCodec>(
        tx, index, prefix, page, storage::ScanOrder::kReverse, [&](const Report& r) {
          out.items.push_back(r);
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

Result<Report> Moderation::Resolve(Id actor, Id report, std::string_view resolution) {
  return Close(actor, report, ReportState::kResolved, resolution);
}

Result<Report> Moderation::Dismiss(Id actor, Id report, std::string_view resolution) {
  return Close(actor, report, ReportState::kDismissed, resolution);
}

Result<Report> Moderation::Close(Id actor, Id report, ReportState state,
                                 std::string_view resolution) {
  GH_CHECK(Validator().Text("resolution", resolution, 0, 1000, true).Finish());
  Report out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto r = GH_TRY(Table<ReportCodec>::Get(tx, ReportCodec::KeyOf(report)));
    if (!r) return Error::NotFound("report not found");
    GH_CHECK(RequireReportModerator(tx, actor, r->group));
    if (r->state != ReportState::kOpen) return Error::Conflict("the report was already closed");
    r->state = state;
    r->resolved_by = actor;
    r->resolution = std::string(resolution);
    r->resolved_at = deps_.NowMs();
    GH_CHECK(Table<ReportCodec>::Put(tx, *r));
    GH_CHECK(AppendAudit(
        tx, deps_,
        {.actor = actor,
         .action = state == ReportState::kResolved ? "report.resolve" : "report.dismiss",
         .target = Target("report", r->id),
         .group = r->group,
         .before = "state=open",
         .after = std::string("state=") + StateName(state),
         .reason = std::string(resolution)}));
    out = *r;
    return Ok();
  }));
  return out;
}

Result<storage::Thread> Moderation::RemoveThread(Id actor, Id thread, std::string_view reason) {
  return SetThreadRemoved(actor, thread, true, reason);
}
Result<storage::Thread> Moderation::RestoreThread(Id actor, Id thread, std::string_view reason) {
  return SetThreadRemoved(actor, thread, false, reason);
}
Result<storage::Reply> Moderation::RemoveReply(Id actor, Id reply, std::string_view reason) {
  return SetReplyRemoved(actor, reply, true, reason);
}
Result<storage::Reply> Moderation::RestoreReply(Id actor, Id reply, std::string_view reason) {
  return SetReplyRemoved(actor, reply, false, reason);
}

Result<storage::Thread> Moderation::SetThreadRemoved(Id actor, Id thread, bool removed,
                                                     std::string_view reason) {
  GH_CHECK(ValidateReason(reason, 500));
  storage::Thread out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, t.group));
    GH_CHECK(access.Require(Action::kModerate, "thread"));
    out = t;
    if (!ApplyRemoval(t, removed, actor, reason)) return Ok();
    GH_CHECK(Table<storage::ThreadCodec>::Put(tx, t));
    auto& count = access.group.thread_count;
    count = removed ? (count > 0 ? count - 1 : 0) : count + 1;
    GH_CHECK(Table<storage::GroupCodec>::Put(tx, access.group));
    if (removed) {
      GH_CHECK(Notify(tx, deps_, RemovalNotice(t.author, actor, t.group, t.id, Id{}, reason)));
      GH_CHECK(deps_.publisher.Publish(tx, events::ThreadDeleted{access.group, t}));
    } else {
      GH_CHECK(deps_.publisher.Publish(tx, events::ThreadUpdated{access.group, t}));
    }
    GH_CHECK(AppendAudit(tx, deps_, RemovalAudit("thread", t.id, t.group, actor, removed, reason)));
    out = t;
    return Ok();
  }));
  return out;
}

Result<storage::Reply> Moderation::SetReplyRemoved(Id actor, Id reply, bool removed,
                                                   std::string_view reason) {
  GH_CHECK(ValidateReason(reason, 500));
  storage::Reply out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto r = GH_TRY(LoadReply(tx, reply));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, r.group));
    GH_CHECK(access.Require(Action::kModerate, "reply"));
    out = r;
    if (!ApplyRemoval(r, removed, actor, reason)) return Ok();
    GH_CHECK(Table<storage::ReplyCodec>::Put(tx, r));
    const auto t = GH_TRY(LoadThread(tx, r.thread));
    if (removed) {
      GH_CHECK(Notify(tx, deps_, RemovalNotice(r.author, actor, r.group, r.thread, r.id, reason)));
      GH_CHECK(deps_.publisher.Publish(tx, events::ReplyDeleted{access.group, t, r}));
    } else {
      GH_CHECK(deps_.publisher.Publish(tx, events::ReplyUpdated{access.group, t, r}));
    }
    GH_CHECK(AppendAudit(tx, deps_, RemovalAudit("reply", r.id, r.group, actor, removed, reason)));
    out = r;
    return Ok();
  }));
  return out;
}

Result<> Moderation::Ban(Id actor, Id group, Id member, std::string_view reason) {
  GH_CHECK(ValidateReason(reason, 500));
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kModerate));
    if (actor == member) return Error::Conflict("you cannot ban yourself");
    const auto target = GH_TRY(LoadMember(tx, member));
    auto current = GH_TRY(LoadMembership(tx, group, member));
    if (current && current->state == storage::MembershipState::kBanned) return Ok();
    const bool staff = current && current->state == storage::MembershipState::kActive &&
                       current->role != storage::GroupRole::kMember;
    if (staff) GH_CHECK(access.Require(Action::kManageRoles));
    if (current && current->role == storage::GroupRole::kOwner &&
        GH_TRY(CountOwners(tx, group)) <= 1) {
      return Error::Conflict("cannot ban the group's last owner");
    }
    const std::string before = current ? "state=member" : "state=none";
    GH_CHECK(BanMembership(tx, deps_, access.group, target));
    GH_CHECK(Table<storage::BanCodec>::Put(
        tx, storage::Ban{group, member, actor, std::string(reason), deps_.NowMs()}));
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "member.ban",
                        .target = Target("member", member),
                        .group = group,
                        .before = before,
                        .after = "state=banned",
                        .reason = std::string(reason)});
  });
}

Result<> Moderation::Unban(Id actor, Id group, Id member, std::string_view reason) {
  GH_CHECK(ValidateReason(reason, 500));
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kModerate));
    auto current = GH_TRY(LoadMembership(tx, group, member));
    if (!current || current->state != storage::MembershipState::kBanned) {
      return Error::NotFound("ban not found");
    }
    GH_CHECK(Table<storage::MembershipCodec>::Erase(tx, storage::MembershipCodec::Key(*current)));
    GH_CHECK(Table<storage::BanCodec>::Erase(tx, storage::BanCodec::KeyOf(group, member)));
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "member.unban",
                        .target = Target("member", member),
                        .group = group,
                        .before = "state=banned",
                        .after = "state=none",
                        .reason = std::string(reason)});
  });
}

Result<Profile> Moderation::Suspend(Id actor, Id member, std::string_view reason) {
  GH_CHECK(ValidateReason(reason, 500));
  return ToProfile(GH_TRY(SuspendByAdmin(deps_, actor, member, true, reason)));
}

Result<Profile> Moderation::Unsuspend(Id actor, Id member, std::string_view reason) {
  GH_CHECK(ValidateReason(reason, 500));
  return ToProfile(GH_TRY(SuspendByAdmin(deps_, actor, member, false, reason)));
}

}  // namespace guildhall::community

// Reports, moderator actions and their audit entries (node/community/moderation.cc).
#include <gtest/gtest.h>

#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using storage::NotificationKind;
using storage::ReportState;
using storage::ReportTarget;
using testing::CodeOf;
using testing::Must;

class Moderation : public testing::CommunityFixture {
 protected:
  Moderation() {
    admin_ = Admin();
    owner_ = Member("owner");
    mod_ = Member("mod");
    bob_ = Member("bob");
    carol_ = Member("carol");
    group_ = Group(owner_, "town-hall");
    for (Id m : {mod_, bob_, carol_}) AddMember(owner_, group_, m);
    Must(c_.memberships.SetRole(owner_, group_, mod_, storage::GroupRole::kModerator));
  }
  // The newest audit entry.
  storage::AuditEntry LastAudit() {
    auto page = Must(c_.audit.List(admin_, {}, {.limit = 1}));
    EXPECT_FALSE(page.items.empty());
    return page.items.empty() ? storage::AuditEntry{} : page.items[0];
  }
  Id admin_, owner_, mod_, bob_, carol_, group_;
};

TEST_F(Moderation, ReportsReachTheGroupQueueAndModerators) {
  const Id t = NewThread(bob_, group_, "Rude", "something rude");
  auto report = Must(c_.moderation.File(carol_, {ReportTarget::kThread, t, "insulting"}));
  EXPECT_EQ(report.group, group_);
  EXPECT_EQ(NotificationsOf(mod_).front().kind, NotificationKind::kReport);
  EXPECT_EQ(NotificationsOf(owner_).front().report, report.id);
  auto queue = Must(c_.moderation.Queue(mod_, group_, ReportState::kOpen, {}));
  ASSERT_EQ(queue.items.size(), 1u);
  EXPECT_EQ(CodeOf(c_.moderation.Queue(carol_, group_, ReportState::kOpen, {})), Code::kForbidden);
  // The node-wide queue holds group reports too, and member reports.
  Must(c_.moderation.File(carol_, {ReportTarget::kMember, bob_, "spam account"}));
  EXPECT_EQ(Must(c_.moderation.Queue(admin_, Id{}, ReportState::kOpen, {})).items.size(), 2u);
  EXPECT_EQ(CodeOf(c_.moderation.Queue(mod_, Id{}, ReportState::kOpen, {})), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.moderation.File(carol_, {ReportTarget::kThread, t, ""})), Code::kInvalid);
}

TEST_F(Moderation, RemovalShowsTheReasonToTheAuthorAndIsAudited) {
  const Id t = NewThread(bob_, group_, "Rude", "something rude");
  const Id r = Must(c_.replies.Create(bob_, t, {Id{}, "more rudeness", ""})).id;
  EXPECT_EQ(CodeOf(c_.moderation.RemoveThread(carol_, t, "no")), Code::kForbidden);
  Must(c_.moderation.RemoveReply(mod_, r, "personal attack"));
  auto removed_note = NotificationsOf(bob_).front();
  EXPECT_EQ(removed_note.kind, NotificationKind::kContentRemoved);
  EXPECT_EQ(removed_note.text, "personal attack");
  EXPECT_EQ(Must(c_.replies.Get(bob_, r)).reply.removal_reason, "personal attack");
  EXPECT_EQ(Must(c_.replies.Get(carol_, r)).reply.removal_reason, "");  // others just see "removed"
  auto entry = LastAudit();
  EXPECT_EQ(entry.action, "reply.remove");
  EXPECT_EQ(entry.actor, mod_);
  EXPECT_EQ(entry.target, "reply:" + r.ToString());
  EXPECT_EQ(entry.before, "removed=false");
  EXPECT_EQ(entry.after, "removed=true");
  EXPECT_EQ(entry.reason, "personal attack");
  EXPECT_EQ(entry.at, Now());
  Must(c_.moderation.RemoveThread(mod_, t, "off topic"));
  EXPECT_EQ(LastAudit().action, "thread.remove");
  Must(c_.moderation.RestoreThread(owner_, t, "context was missing"));
  EXPECT_EQ(LastAudit().action, "thread.restore");
  EXPECT_FALSE(Must(c_.threads.Get(carol_, t)).thread.removed);
}

TEST_F(Moderation, ResolvingReportsIsAuditedOnce) {
  const Id t = NewThread(bob_, group_);
  auto report = Must(c_.moderation.File(carol_, {ReportTarget::kThread, t, "spam"}));
  EXPECT_EQ(CodeOf(c_.moderation.Resolve(carol_, report.id, "")), Code::kForbidden);
  auto done = Must(c_.moderation.Resolve(mod_, report.id, "warned the author"));
  EXPECT_EQ(done.state, ReportState::kResolved);
  EXPECT_EQ(done.resolved_by, mod_);
  auto entry = LastAudit();
  EXPECT_EQ(entry.action, "report.resolve");
  EXPECT_EQ(entry.before, "state=open");
  EXPECT_EQ(entry.after, "state=resolved");
  EXPECT_EQ(CodeOf(c_.moderation.Dismiss(mod_, report.id, "")), Code::kConflict);
  EXPECT_TRUE(Must(c_.moderation.Queue(mod_, group_, ReportState::kOpen, {})).items.empty());
  EXPECT_EQ(Must(c_.moderation.Queue(mod_, group_, ReportState::kResolved, {})).items.size(), 1u);
  auto other = Must(c_.moderation.File(carol_, {ReportTarget::kMember, bob_, "hmm"}));
  EXPECT_EQ(CodeOf(c_.moderation.Dismiss(mod_, other.id, "")), Code::kForbidden);  // node queue
  EXPECT_EQ(Must(c_.moderation.Dismiss(admin_, other.id, "not a problem")).state,
            ReportState::kDismissed);
  EXPECT_EQ(LastAudit().action, "report.dismiss");
}

TEST_F(Moderation, BansAndSuspensionsAreAudited) {
  EXPECT_EQ(CodeOf(c_.moderation.Ban(mod_, group_, owner_, "coup")), Code::kForbidden);
  Must(c_.moderation.Ban(mod_, group_, bob_, "trolling"));
  auto ban = LastAudit();
  EXPECT_EQ(ban.action, "member.ban");
  EXPECT_EQ(ban.group, group_);
  EXPECT_EQ(ban.before, "state=member");
  EXPECT_EQ(ban.after, "state=banned");
  Must(c_.moderation.Unban(owner_, group_, bob_, "apologized"));
  EXPECT_EQ(LastAudit().action, "member.unban");
  EXPECT_EQ(CodeOf(c_.moderation.Suspend(mod_, carol_, "x")), Code::kForbidden);
  Must(c_.moderation.Suspend(admin_, carol_, "left"));
  auto suspend = LastAudit();
  EXPECT_EQ(suspend.action, "member.suspend");
  EXPECT_EQ(suspend.before, "state=active");
  EXPECT_EQ(suspend.after, "state=suspended");
  EXPECT_EQ(suspend.reason, "left");
}

TEST_F(Moderation, PinAndLockAreAudited) {
  const Id t = NewThread(bob_, group_);
  Must(c_.threads.SetPinned(mod_, t, true));
  EXPECT_EQ(LastAudit().action, "thread.pin");
  Must(c_.threads.SetLocked(mod_, t, true));
  auto lock = LastAudit();
  EXPECT_EQ(lock.action, "thread.lock");
  EXPECT_EQ(lock.before, "locked=false");
  EXPECT_EQ(lock.after, "locked=true");
}

TEST_F(Moderation, GroupAdministrationIsAudited) {
  const Id dave = Member("dave"), erin = Member("erin");
  const Id closed =
      Group(owner_, "closed", storage::GroupScope::kInternal, storage::JoinMode::kApproval);
  Must(c_.memberships.Join(dave, closed));
  Must(c_.memberships.Join(erin, closed));
  Must(c_.memberships.Approve(owner_, closed, dave));
  EXPECT_EQ(LastAudit().action, "membership.approve");
  Must(c_.memberships.Deny(owner_, closed, erin));
  EXPECT_EQ(LastAudit().action, "membership.deny");
  Must(c_.memberships.SetRole(owner_, closed, dave, storage::GroupRole::kModerator));
  auto role = LastAudit();
  EXPECT_EQ(role.action, "membership.role");
  EXPECT_EQ(role.before, "role=member");
  EXPECT_EQ(role.after, "role=moderator");
  Must(c_.groups.Update(owner_, closed, {.scope = storage::GroupScope::kPartners}));
  auto settings = LastAudit();
  EXPECT_EQ(settings.action, "group.settings");
  EXPECT_EQ(settings.before, "scope=internal join_mode=approval");
  EXPECT_EQ(settings.after, "scope=partners join_mode=approval");
  const int64_t start = Now() + 86400000;
  auto event = Must(c_.events.Create(
      dave, closed, {.title = "Sync", .start = start, .end = start + 3600000, .time_zone = "UTC"}));
  Must(c_.events.Cancel(owner_, event.id, "double booked"));
  auto cancel = LastAudit();
  EXPECT_EQ(cancel.action, "event.cancel");
  EXPECT_EQ(cancel.reason, "double booked");
  Must(c_.accounts.ResetPassword(admin_, dave));
  EXPECT_EQ(LastAudit().action, "member.reset_password");
  Must(c_.invites.Create(admin_, Id{}));
  EXPECT_EQ(LastAudit().action, "invite.create");
}

}  // namespace
}  // namespace guildhall::community

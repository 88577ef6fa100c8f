// Flag: a report from another node about content in a local group or about
// a local member, filed as a community Report (group reports reach the
// group's moderators). Mastodon sends Flags from its instance actor, which
// becomes a remote Member like any other reporter; the reason is the Flag's
// content (Mastodon) or summary (Lemmy).
#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/content.h"
#include "federation/activities/remote_members.h"
#include "federation/authorize/origin.h"
#include "node/community/moderation.h"

namespace guildhall::federation {

namespace {

constexpr size_t kMaxReason = 1000;

std::string ReasonOf(const as::Activity& a) {
  std::string reason =
      CleanText(HtmlToMarkdownText(a.content.empty() ? a.summary : a.content), kMaxReason);
  return reason.empty() ? "Reported from " + DomainOf(a.actor) : reason;
}

// What one object of the Flag names, as a report draft; nullopt if nothing of ours.
Result<std::optional<community::ReportDraft>> DraftFor(ApplyContext& ctx, const as::Activity& a,
                                                       std::string_view id) {
  auto content = GH_TRY(SharedLocalContent(ctx, a, id));
  if (content && content->kind != ContentRef::Kind::kEvent) {
    auto kind = content->kind == ContentRef::Kind::kThread ? storage::ReportTarget::kThread
                                                           : storage::ReportTarget::kReply;
    return std::optional<community::ReportDraft>({kind, content->id, ""});
  }
  auto local = GH_TRY(ReadOne<std::optional<LocalActor>>(
      ctx.store, [&](storage::ReadTxn& tx) { return ctx.actors.Resolve(tx, id); }));
  if (local && local->member) {
    return std::optional<community::ReportDraft>(
        {storage::ReportTarget::kMember, local->member->id, ""});
  }
  return std::optional<community::ReportDraft>();
}

}  // namespace

Result<> Verify(const FlagActivity& f) {
  if (f.activity.object_id.empty()) return Error::Invalid("Flag without object");
  return CheckActivityOrigin(f.activity);
}

Outcome Apply(const FlagActivity& f, ApplyContext& ctx, const Inbound& in) {
  const as::Activity& a = f.activity;
  std::vector<std::string> ids = {a.object_id};
  ids.insert(ids.end(), a.extra_objects.begin(), a.extra_objects.end());
  std::optional<community::ReportDraft> draft;
  for (const auto& id : ids) {  // content first: it tells the moderators most
    auto d = DraftFor(ctx, a, id);
    if (!d) return OutcomeOf(d.error());
    if (*d && (!draft || (*d)->kind != storage::ReportTarget::kMember)) draft = *d;
  }
  if (!draft) return Outcome::Ignored("nothing reported that we hold");
  auto reporter = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!reporter) return OutcomeOf(reporter.error());
  draft->reason = ReasonOf(a);
  auto filed = ctx.community.moderation.File(reporter->id, *draft);
  return filed ? Outcome::Done() : OutcomeOf(filed.error());
}

}  // namespace guildhall::federation

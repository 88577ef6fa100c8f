#include "federation/policy/held_posts.h"

#include "federation/activities/activities.h"
#include "federation/activities/content.h"
#include "federation/activities/lookup.h"
#include "federation/activities/store_content.h"
#include "federation/log.h"
#include "federation/protocol/as2_reader.h"
#include "storage/model/log_field.h"
#include "storage/model/records/membership.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::HeldPost;
using storage::HeldPostCodec;
using storage::Table;

Outcome HoldPost(ApplyContext& ctx, const storage::Group& group, const storage::Member& author,
                 const as::Object& object, std::string_view raw_activity) {
  if (object.type == "Event") return Outcome::Ignored("limited peer: events are not held");
  HeldPost h{ctx.ids.Next(), group.id, author.id, object.id, std::string(raw_activity),
             ctx.NowMs()};
  bool member = false;
  auto written = ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    // Only members' posts are held (as only members' posts are stored):
    // nobody else can fill the moderators' queue.
    auto m = GH_TRY(Table<storage::MembershipCodec>::Get(
        tx, storage::MembershipCodec::KeyOf(group.id, author.id)));
    member = m && m->state == storage::MembershipState::kActive;
    if (!member) return Ok();
    bool seen = false;  // the same object held twice (author's copy and a replay)
    GH_CHECK(Table<HeldPostCodec>::ScanPrefix(tx, HeldPostCodec::GroupPrefix(group.id),
                                              storage::ScanOrder::kForward,
                                              [&](const HeldPost& other) {
                                                seen = other.object_id == object.id;
                                                return !seen;
                                              }));
    if (seen) return Ok();
    return Table<HeldPostCodec>::Put(tx, h);
  });
  if (!written) return OutcomeOf(written.error());
  if (!member) return Outcome::Ignored("limited peer: the author is not a member");
  Log().info("held post group={} author={} object={}", group.slug, LogField(author.actor_uri),
             LogField(object.id));
  return Outcome::Done();
}

Result<HeldPostView> ViewOf(storage::ReadTxn& tx, const HeldPost& post) {
  const as::Activity a = GH_TRY(as::ReadActivity(post.activity));
  if (!a.object) return Error::Invalid("held post without an object");
  HeldPostView v;
  v.post = post;
  auto m = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(post.author)));
  if (m) {
    v.author = m->username + "@" + m->domain;
    v.author_name = m->display_name.empty() ? m->username : m->display_name;
  }
  const bool reply = !a.object->in_reply_to.empty();
  v.kind = reply ? "reply" : "thread";
  if (!reply) v.title = RemoteTitle(*a.object);
  v.body = RemoteMarkdown(*a.object);
  return v;
}

Result<> PublishHeldPost(ApplyContext& ctx, const HeldPost& post) {
  const as::Activity a = GH_TRY(as::ReadActivity(post.activity));
  if (!a.object) return Error::Invalid("held post without an object");
  std::optional<storage::Group> group;
  std::optional<storage::Member> author;
  bool stored = false;
  GH_CHECK(ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    group = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(post.group)));
    author = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(post.author)));
    stored = GH_TRY(FindContent(tx, ctx.uris(), a.object->id)).has_value();
    return Ok();
  }));
  if (stored) return Ok();
  if (!group || !author) return Error::NotFound("the post's group or author is gone");
  const Outcome out = StoreRemoteContent(ctx, *group, *author, a, post.activity);
  if (out.kind == Outcome::Kind::kDone) return Ok();
  if (out.kind == Outcome::Kind::kIgnored) {
    return Error::Conflict("the post cannot be published: " + out.reason);
  }
  if (out.kind == Outcome::Kind::kRetry) {
    return Error::Unavailable("the post could not be published yet: " + out.reason);
  }
  return Error::Internal("the post could not be published: " + out.reason);
}

}  // namespace guildhall::federation

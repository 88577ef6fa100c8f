#include "node/community/likes.h"

#include "node/community/content_ops.h"
#include "storage/model/records/like.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::LikeCodec;
using storage::Table;

namespace {

// A thread or a reply, whichever `object` names, with its like counter.
struct Likeable {
  std::optional<storage::Thread> thread;
  std::optional<storage::Reply> reply;

  Id group() const { return thread ? thread->group : reply->group; }
  bool removed() const { return thread ? thread->removed : reply->removed; }
  uint64_t& count() { return thread ? thread->like_count : reply->like_count; }
  storage::LikeTarget target() const {
    return thread ? storage::LikeTarget::kThread : storage::LikeTarget::kReply;
  }
  Result<> Store(storage::WriteTxn& tx) const {
    return thread ? Table<storage::ThreadCodec>::Put(tx, *thread)
                  : Table<storage::ReplyCodec>::Put(tx, *reply);
  }
};

Result<Likeable> LoadLikeable(storage::ReadTxn& tx, Id object) {
  Likeable l;
  l.thread = GH_TRY(Table<storage::ThreadCodec>::Get(tx, storage::ThreadCodec::KeyOf(object)));
  if (!l.thread)
    l.reply = GH_TRY(Table<storage::ReplyCodec>::Get(tx, storage::ReplyCodec::KeyOf(object)));
  if (!l.thread && !l.reply) return Error::NotFound("post not found");
  return l;
}

}  // namespace

Result<uint64_t> Likes::Like(Id actor, Id object) { return Toggle(actor, object, true); }
Result<uint64_t> Likes::Unlike(Id actor, Id object) { return Toggle(actor, object, false); }

Result<uint64_t> Likes::Toggle(Id actor, Id object, bool like) {
  uint64_t count = 0;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    Likeable target = GH_TRY(LoadLikeable(tx, object));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, target.group()));
    GH_CHECK(access.Require(Action::kReply, "post"));
    if (target.removed()) return Error::Conflict("the post was deleted");
    count = target.count();
    auto existing = GH_TRY(Table<LikeCodec>::Get(tx, LikeCodec::KeyOf(object, actor)));
    if (existing.has_value() == like) return Ok();  // nothing to change
    const storage::Like record = existing.value_or(storage::Like{
        .object = object, .member = actor, .target = target.target(), .at = deps_.NowMs()});
    if (like) {
      GH_CHECK(Table<LikeCodec>::Insert(tx, record));
      ++target.count();
    } else {
      GH_CHECK(Table<LikeCodec>::Erase(tx, LikeCodec::Key(record)));
      if (target.count() > 0) --target.count();
    }
    GH_CHECK(target.Store(tx));
    count = target.count();
    return like ? deps_.publisher.Publish(tx, events::LikeAdded{access.group, record})
                : deps_.publisher.Publish(tx, events::LikeRemoved{access.group, record});
  }));
  return count;
}

}  // namespace guildhall::community

// ActorCache::FetchKeyAsync: the key fetch of KeyForId as a chain of
// callbacks (key URL -> owner when needed -> store write), so that waiting
// for a slow peer holds no thread (issue 10: two blocked fetch threads once
// stopped every new sender for minutes). Each step runs the same checks as
// the blocking path (ReadKeyUrl, ActorAt, KeyOfActor in AfterFetch).
#include "federation/dereference/actor_cache.h"
#include "storage/model/table.h"

namespace guildhall::federation {

// One fetch in progress. Cancel() cancels whichever request is under way;
// a step that starts after it does not start at all.
struct ActorCache::AsyncFetch {
  std::string key_id;
  std::chrono::milliseconds timeout;
  std::function<void(Result<ActorKey>)> done;
  std::mutex mu;
  CancelRequest cancel;    // GUARDED_BY(mu): the request under way
  bool cancelled = false;  // GUARDED_BY(mu)

  void Cancel() {
    CancelRequest current;
    {
      std::lock_guard lock(mu);
      cancelled = true;
      current = cancel;
    }
    if (current) current();
  }

  // Starts the next request unless cancelled (then `done` gets kUnavailable).
  void Step(const std::function<CancelRequest()>& start) {
    {
      std::lock_guard lock(mu);
      if (cancelled) return done(Error::Unavailable("key fetch cancelled"));
    }
    CancelRequest started = start();
    bool late = false;
    {
      std::lock_guard lock(mu);
      cancel = started;
      late = cancelled;  // Cancel() ran while the request was being started
    }
    if (late) started();
  }
};

CancelRequest ActorCache::FetchKeyAsync(const std::string& key_id,
                                        std::chrono::milliseconds timeout,
                                        std::function<void(Result<ActorKey>)> done) {
  auto f = std::make_shared<AsyncFetch>();
  f->key_id = key_id;
  f->timeout = timeout;
  f->done = std::move(done);
  f->Step([this, f] {
    return fetcher_.FetchObjectAsync(f->key_id, f->timeout,
                                     [this, f](auto doc) { OnKeyUrl(f, std::move(doc)); });
  });
  return [f] { f->Cancel(); };
}

void ActorCache::OnKeyUrl(const std::shared_ptr<AsyncFetch>& f, Result<FetchedDocument> doc) {
  if (!doc) return f->done(AfterFetch(f->key_id, doc.error()));
  auto answer = ReadKeyUrl(*doc, f->key_id);
  if (!answer) return f->done(AfterFetch(f->key_id, answer.error()));
  if (answer->actor) return SaveAndFinish(f, *answer->actor);
  f->Step([this, f, owner = answer->owner] {
    return fetcher_.FetchObjectAsync(owner, f->timeout, [this, f, owner](auto owner_doc) {
      OnOwner(f, owner, std::move(owner_doc));
    });
  });
}

void ActorCache::OnOwner(const std::shared_ptr<AsyncFetch>& f, const std::string& owner,
                         Result<FetchedDocument> doc) {
  if (!doc) return f->done(AfterFetch(f->key_id, doc.error()));
  auto actor = ActorAt(*doc, owner);
  if (!actor) return f->done(AfterFetch(f->key_id, actor.error()));
  SaveAndFinish(f, *actor);
}

// The write goes to the store's writer without waiting, so the HTTP client's
// thread never blocks on a commit; `done` then runs on the writer thread.
void ActorCache::SaveAndFinish(const std::shared_ptr<AsyncFetch>& f, const as::Actor& actor) {
  storage::RemoteActor rec = ActorRecord(actor, clock_.Now());
  store_.WriteAsync(
      [rec](storage::WriteTxn& txn) {
        return storage::Table<storage::RemoteActorCodec>::Put(txn, rec);
      },
      [this, f, rec](Result<> written) {
        if (!written) return f->done(AfterFetch(f->key_id, written.error()));
        f->done(AfterFetch(f->key_id, rec));
      });
}

}  // namespace guildhall::federation

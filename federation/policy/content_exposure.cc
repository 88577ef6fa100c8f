#include "federation/policy/content_exposure.h"

#include <vector>

#include "storage/model/records/event.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"

namespace guildhall::federation {
namespace {

using storage::GroupScope;
using storage::Table;

std::string AudienceOf(GroupScope to) {
  return to == GroupScope::kPublic
             ? "anyone: visitors who are not signed in, and every domain this node federates with"
             : "the domains the group is shared with";
}

std::string Plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Result<ContentExposure> CountExposure(storage::ReadTxn& tx, const storage::Group& group,
                                      GroupScope to) {
  ContentExposure out;
  if (static_cast<int>(to) <= static_cast<int>(group.scope)) return out;
  out.audience = AudienceOf(to);
  std::vector<storage::Thread> threads;
  GH_CHECK(Table<storage::ThreadCodec>::ScanIndexPrefix(
      tx, storage::tables::kThreadsByGroup, storage::ThreadCodec::ByGroupPrefix(group.id),
      storage::ScanOrder::kForward, [&](const storage::Thread& t) {
        threads.push_back(t);
        return true;
      }));
  for (const storage::Thread& t : threads) {
    if (!t.removed) ++(t.ap_id.empty() ? out.local_threads : out.remote_threads);
    // A removed thread's replies stay readable under it (shown as removed).
    GH_CHECK(Table<storage::ReplyCodec>::ScanIndexPrefix(
        tx, storage::tables::kRepliesByThread, storage::ReplyCodec::ByThreadPrefix(t.id),
        storage::ScanOrder::kForward, [&](const storage::Reply& r) {
          if (!r.removed) ++(r.ap_id.empty() ? out.local_replies : out.remote_replies);
          return true;
        }));
  }
  GH_CHECK(Table<storage::EventCodec>::ScanIndexPrefix(
      tx, storage::tables::kEventsByGroup, storage::EventCodec::ByGroupPrefix(group.id),
      storage::ScanOrder::kForward, [&](const storage::Event& e) {
        ++(e.ap_id.empty() ? out.local_events : out.remote_events);
        return true;
      }));
  return out;
}

Result<> RefuseRetroactivePublication(const ContentExposure& exposed, GroupScope to) {
  if (to != GroupScope::kPublic || exposed.remote() == 0) return Ok();
  return Error::Conflict(
      "scope: the group holds " + Plural(exposed.remote_threads, "thread", "threads") + ", " +
      Plural(exposed.remote_replies, "reply", "replies") + " and " +
      Plural(exposed.remote_events, "event", "events") +
      " from other nodes, addressed to its partners audience only; they cannot be made public. "
      "Remove them first, or create a new public group");
}

}  // namespace guildhall::federation

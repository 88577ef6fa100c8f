#include "federation/actors/context_collection.h"

#include <vector>

#include "federation/actors/collections.h"
#include "federation/outbox/objects.h"
#include "federation/protocol/as2_writer.h"
#include "storage/model/records/reply.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::ReplyCodec;

namespace {

struct Slice {
  std::vector<json::Value> items;
  std::string next_cursor;  // empty on the last page
  int64_t total = 1;        // the thread and its replies (not removed)
};

// Replies after `after` (0: from the first), up to one page counting the
// thread on the first page, and the count of all of them.
Result<Slice> Replies(storage::ReadTxn& tx, const LocalActors& actors, const storage::Group& group,
                      const storage::Thread& thread, Id after, size_t room) {
  Slice out;
  const std::string prefix = ReplyCodec::ByThreadPrefix(thread.id);
  Result<> status = Ok();
  Id last;
  GH_CHECK(storage::Table<ReplyCodec>::ScanIndexPrefix(
      tx, storage::tables::kRepliesByThread, prefix, storage::ScanOrder::kForward,
      [&](const storage::Reply& r) {
        if (r.removed) return true;
        ++out.total;
        if (r.id.value <= after.value) return true;
        if (out.items.size() == room) {
          out.next_cursor = last.ToString();
          return true;  // counting on
        }
        auto note = ReplyToNote(tx, actors, group, r);
        if (!note) {
          status = std::move(note).error();
          return false;
        }
        out.items.push_back(as::ObjectToJson(*note));
        last = r.id;
        return true;
      }));
  GH_CHECK(status);
  return out;
}

}  // namespace

Result<std::string> ContextCollection(storage::ReadTxn& tx, const LocalActors& actors,
                                      const storage::Group& group, const storage::Thread& thread,
                                      const std::optional<std::string>& page) {
  const std::string id = ContextId(actors.uris(), group, thread);
  const bool first = !page || page->empty();
  const Id after = first ? Id{} : Id::Parse(*page).value_or(Id{});
  std::vector<json::Value> items;
  if (first) items.push_back(as::ObjectToJson(GH_TRY(ThreadToPage(tx, actors, group, thread))));
  Slice slice =
      GH_TRY(Replies(tx, actors, group, thread, after, kCollectionPageSize - (first ? 1 : 0)));
  for (auto& item : slice.items) items.push_back(std::move(item));
  if (!page) return CollectionWithFirstPage(id, slice.total, std::move(items));
  return CollectionPageDocument(id, *page, std::move(items), slice.next_cursor);
}

}  // namespace guildhall::federation

#include "bench/common/store_loader.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "storage/lmdb/lmdb_store.h"
#include "storage/model/catalog.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"

namespace guildhall::bench {
namespace {

using storage::Table;
constexpr long kPerTxn = 10000;

const char kBody[] =
    "Notes from the weekly call: the **budget review** moved to the 14th, the new office opens "
    "in May, and everyone should fill in the survey before Friday. Reply with what I missed.";

Result<std::vector<storage::Group>> FindGroups(storage::Store& store,
                                               const std::vector<std::string>& slugs) {
  std::vector<storage::Group> groups;
  GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
    for (const std::string& slug : slugs) {
      auto g = GH_TRY(Table<storage::GroupCodec>::FindUnique(tx, storage::tables::kGroupsBySlug,
                                                             storage::GroupCodec::SlugKey(slug)));
      if (!g) return Error::NotFound("no group " + slug);
      groups.push_back(std::move(*g));
    }
    return Ok();
  }));
  return groups;
}

// Members m1..mN joining `group`, kPerTxn a transaction; their ids.
Result<std::vector<Id>> AddMembers(storage::Store& store, IdGenerator& ids, storage::Group& group,
                                   long count, int64_t now) {
  std::vector<Id> out;
  for (long done = 0; done < count;) {
    GH_CHECK(store.Write([&](storage::WriteTxn& tx) -> Result<> {
      for (long end = std::min(count, done + kPerTxn); done < end; ++done) {
        storage::Member m;
        m.id = ids.Next();
        m.username = "m" + std::to_string(done + 1);
        m.display_name = "Member " + std::to_string(done + 1);
        m.created = m.updated = now;
        GH_CHECK(Table<storage::MemberCodec>::Insert(tx, m));
        storage::Membership joined;
        joined.group = group.id;
        joined.member = m.id;
        joined.since = now;
        GH_CHECK(Table<storage::MembershipCodec>::Put(tx, joined));
        out.push_back(m.id);
      }
      return Ok();
    }));
  }
  group.member_count += static_cast<uint64_t>(count);
  return out;
}

}  // namespace

Result<LoadStats> LoadCommunity(const LoadSpec& spec) {
  const auto start = std::chrono::steady_clock::now();
  storage::lmdb::LmdbOptions options;
  options.dir = spec.data_dir / "store";
  options.no_sync = true;
  auto store = GH_TRY(storage::lmdb::LmdbStore::Open(options, storage::AllTables()));
  SystemClock clock;
  IdGenerator ids(clock);
  auto groups = GH_TRY(FindGroups(*store, spec.groups));
  if (groups.empty()) return Error::Invalid("no group to load into");
  const int64_t now = UnixMillis(clock.Now());
  LoadStats stats;
  const auto authors = GH_TRY(AddMembers(*store, ids, groups[0], spec.members, now));
  stats.members = spec.members;
  const Id fallback = groups[0].created_by;
  // Posts dated one second apart, ending an hour ago: older than anything
  // the benchmark itself posts.
  int64_t at = now - 3'600'000 - spec.posts * 1000;
  long posted = 0;
  while (posted < spec.posts) {
    GH_CHECK(store->Write([&](storage::WriteTxn& tx) -> Result<> {
      for (long batch = 0; batch < kPerTxn && posted < spec.posts;) {
        storage::Group& g = groups[stats.threads % groups.size()];
        const Id author = authors.empty() ? fallback : authors[stats.threads % authors.size()];
        storage::Thread t;
        t.id = ids.Next(), t.group = g.id, t.author = author, t.body = kBody;
        t.title = "Loaded thread " + std::to_string(stats.threads + 1);
        t.created = t.last_activity = (at += 1000);
        ++posted, ++batch, ++stats.threads, ++g.thread_count;
        for (int r = 0; r < spec.replies_per_thread && posted < spec.posts; ++r) {
          storage::Reply reply;
          reply.id = ids.Next(), reply.thread = t.id, reply.group = g.id, reply.author = author;
          reply.body = kBody;
          reply.created = t.last_activity = (at += 1000);
          GH_CHECK(Table<storage::ReplyCodec>::Insert(tx, reply));
          ++posted, ++batch, ++stats.replies, ++t.reply_count;
        }
        GH_CHECK(Table<storage::ThreadCodec>::Insert(tx, t));
      }
      return Ok();
    }));
  }
  GH_CHECK(store->Write([&](storage::WriteTxn& tx) -> Result<> {
    for (const storage::Group& g : groups) GH_CHECK(Table<storage::GroupCodec>::Put(tx, g));
    return Ok();
  }));
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace guildhall::bench

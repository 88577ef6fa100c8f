// Tests storage/lmdb/writer.{h,cc} and write_batch.{h,cc} through LmdbStore:
// concurrent writes are all durable, batches really group writes, a failing
// write leaves the others of its batch alone, the map grows from a tiny size,
// AfterCommit runs once, in order, after the commit, and shutdown drains the
// queue.
#include "storage/lmdb/writer.h"

#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "storage/model/storage_full.h"
#include "tests/storage/lmdb/store_helpers.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::storage::lmdb {
namespace {

using testing::kNotes;

// Holds the writer thread inside a write function until Release(), so that
// writes queued meanwhile are certain to share the next batch.
class WriterBlocker {
 public:
  explicit WriterBlocker(Store& store) {
    store.WriteAsync(
        [this](WriteTxn&) {
          entered_.count_down();
          release_.wait();
          return Ok();
        },
        [this](Result<>) { done_.count_down(); });
    entered_.wait();
  }
  void Release() {
    release_.count_down();
    done_.wait();
  }

 private:
  std::latch entered_{1};
  std::latch release_{1};
  std::latch done_{1};
};

// Collects WriteAsync results; Wait() returns once `expected` have arrived.
class Results {
 public:
  explicit Results(size_t expected) : pending_(static_cast<ptrdiff_t>(expected)) {}
  std::function<void(Result<>)> Slot(size_t i) {
    return [this, i](Result<> r) {
      {
        std::lock_guard lock(mu_);
        results_[i] = std::move(r);
      }
      pending_.count_down();
    };
  }
  std::map<size_t, Result<>>& Wait() {
    pending_.wait();
    return results_;
  }

 private:
  std::mutex mu_;
  std::map<size_t, Result<>> results_;
  std::latch pending_;
};

TEST(Writer, ConcurrentWritersAreAllDurable) {
  testutil::TempDir dir;
  auto options = TestOptions(dir / "db");
  options.no_sync = false;  // the real, fsync'ing commit path
  constexpr int kThreads = 16, kPerThread = 40;
  {
    auto store = OpenOrDie(options);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          if (!store->Write(PutNote(NoteNumber(1 + t * kPerThread + i)))) failures.fetch_add(1);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    const StoreStats stats = store->Stats();
    EXPECT_EQ(stats.writes_committed, uint64_t{kThreads} * kPerThread);
    // With 16 writers waiting on fsyncs, writes must share commits.
    EXPECT_LT(stats.batches_committed, stats.writes_committed);
  }
  auto reopened = OpenOrDie(options);
  EXPECT_EQ(CountNotes(*reopened), size_t{kThreads} * kPerThread);
  auto report = reopened->Check(testing::NoteIndexedTables());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok());
}

TEST(Writer, QueuedWritesShareOneBatch) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  WriterBlocker blocker(*store);
  constexpr size_t kWrites = 50;
  Results results(kWrites);
  for (size_t i = 0; i < kWrites; ++i)
    store->WriteAsync(PutNote(NoteNumber(i + 1)), results.Slot(i));
  blocker.Release();
  for (auto& [i, r] : results.Wait()) EXPECT_TRUE(r) << i;
  const StoreStats stats = store->Stats();
  EXPECT_EQ(stats.writes_committed, kWrites + 1);
  EXPECT_EQ(stats.batches_committed, 2u) << "the blocker's batch, then one for all 50";
}

TEST(Writer, MaxBatchSplitsALongQueue) {
  testutil::TempDir dir;
  auto options = TestOptions(dir / "db");
  options.max_batch = 4;
  auto store = OpenOrDie(options);
  WriterBlocker blocker(*store);
  Results results(10);
  for (size_t i = 0; i < 10; ++i) store->WriteAsync(PutNote(NoteNumber(i + 1)), results.Slot(i));
  blocker.Release();
  results.Wait();
  EXPECT_EQ(store->Stats().batches_committed, 1u + 3u) << "4 + 4 + 2";
}

TEST(Writer, FailingWriteDoesNotAffectOthersInItsBatch) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  WriterBlocker blocker(*store);
  std::vector<std::string> after_commit;
  std::mutex mu;
  auto note_callback = [&](std::string name) {
    return [&, name] {
      std::lock_guard lock(mu);
      after_commit.push_back(name);
    };
  };
  Results results(4);
  store->WriteAsync(PutNote(NoteNumber(1)), results.Slot(0));
  store->WriteAsync(
      [&](WriteTxn& tx) -> Result<> {
        GH_CHECK(testing::Notes::Put(tx, NoteNumber(2)));
        tx.AfterCommit(note_callback("failed"));
        return Error::Invalid("changed my mind");
      },
      results.Slot(1));
  store->WriteAsync([](WriteTxn&) -> Result<> { throw std::runtime_error("boom"); },
                    results.Slot(2));
  store->WriteAsync(
      [&](WriteTxn& tx) {
        tx.AfterCommit(note_callback("ok"));
        return testing::Notes::Put(tx, NoteNumber(3));
      },
      results.Slot(3));
  blocker.Release();
  auto& r = results.Wait();
  EXPECT_TRUE(r[0]);
  ASSERT_FALSE(r[1]);
  EXPECT_EQ(r[1].error().code, Code::kInvalid);
  ASSERT_FALSE(r[2]);
  EXPECT_NE(r[2].error().message.find("boom"), std::string::npos);
  EXPECT_TRUE(r[3]);
  EXPECT_TRUE(HasNote(*store, 1));
  EXPECT_FALSE(HasNote(*store, 2)) << "the failed write's put was rolled back";
  EXPECT_TRUE(HasNote(*store, 3));
  EXPECT_EQ(after_commit, std::vector<std::string>{"ok"});
  EXPECT_EQ(store->Stats().batches_committed, 2u);
  auto report = store->Check(testing::NoteIndexedTables());
  EXPECT_TRUE(report && report->ok());
}

TEST(Writer, LoneFailingWriteCommitsNothing) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  auto result = store->Write([](WriteTxn& tx) -> Result<> {
    GH_CHECK(testing::Notes::Put(tx, NoteNumber(1)));
    return Error::Conflict("no");
  });
  EXPECT_FALSE(result);
  EXPECT_FALSE(HasNote(*store, 1));
  EXPECT_EQ(store->Stats().batches_committed, 0u);
}

TEST(Writer, MapGrowsFromATinyMap) {
  testutil::TempDir dir;
  auto options = TestOptions(dir / "db");
  options.initial_map_bytes = 64 * 1024;
  options.max_map_bytes = 1ull << 30;
  constexpr int kThreads = 4, kPerThread = 300;
  std::atomic<int> after_commits{0};
  {
    auto store = OpenOrDie(options);
    const uint64_t initial = store->Stats().map_size_bytes;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          auto note = NoteNumber(1 + t * kPerThread + i, /*payload=*/1000);
          auto r = store->Write([&, note](WriteTxn& tx) {
            tx.AfterCommit([&] { after_commits.fetch_add(1); });
            return testing::Notes::Put(tx, note);
          });
          if (!r) failures.fetch_add(1);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_GT(store->Stats().map_size_bytes, 8 * initial);
    // Batches re-run after growth, but each AfterCommit fires once.
    EXPECT_EQ(after_commits.load(), kThreads * kPerThread);
  }
  auto reopened = OpenOrDie(options);
  EXPECT_EQ(CountNotes(*reopened), size_t{kThreads} * kPerThread);
}

TEST(Writer, FullMapAtMaximumFailsCleanly) {
  testutil::TempDir dir;
  auto options = TestOptions(dir / "db");
  options.initial_map_bytes = 64 * 1024;
  options.max_map_bytes = 256 * 1024;
  auto store = OpenOrDie(options);
  Result<> last;
  int written = 0;
  for (int i = 1; i <= 1000 && last; ++i) {
    last = store->Write(PutNote(NoteNumber(i, 2000)));
    if (last) ++written;
  }
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code, Code::kUnavailable);
  // The edge answers it 503 "storage full" (issue 10 item 6).
  EXPECT_TRUE(IsStorageFull(last.error())) << last.error().message;
  EXPECT_TRUE(store->storage_full());
  EXPECT_GT(written, 0);
  EXPECT_LE(store->Stats().map_size_bytes, options.max_map_bytes);
  EXPECT_EQ(CountNotes(*store), static_cast<size_t>(written)) << "the store is still readable";
}

TEST(Writer, AfterCommitRunsAfterTheCommitInOrder) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  std::vector<std::string> events;  // touched on the writer thread only, until Wait()
  std::vector<bool> visible;
  WriterBlocker blocker(*store);
  Results results(2);
  for (uint64_t n : {1, 2}) {
    store->WriteAsync(
        [&, n](WriteTxn& tx) {
          tx.AfterCommit([&, n] {
            events.push_back("note" + std::to_string(n) + ".a");
            // A fresh read transaction already sees the write: it is committed.
            visible.push_back(HasNote(*store, n));
          });
          tx.AfterCommit([&, n] { events.push_back("note" + std::to_string(n) + ".b"); });
          return testing::Notes::Put(tx, NoteNumber(n));
        },
        [&, n](Result<> r) {
          events.push_back("done" + std::to_string(n));
          results.Slot(n - 1)(std::move(r));
        });
  }
  blocker.Release();
  results.Wait();
  EXPECT_EQ(events, (std::vector<std::string>{"note1.a", "note1.b", "done1", "note2.a", "note2.b",
                                              "done2"}));
  EXPECT_EQ(visible, (std::vector<bool>{true, true}));
}

TEST(Writer, AfterCommitHasRunWhenWriteReturns) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  bool ran = false;
  ASSERT_TRUE(store->Write([&](WriteTxn& tx) {
    tx.AfterCommit([&] { ran = true; });
    return Ok();
  }));
  EXPECT_TRUE(ran);
}

TEST(Writer, BlockingWriteOnTheWriterThreadIsRefused) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  Result<> nested;
  ASSERT_TRUE(store->Write([&](WriteTxn& tx) {
    tx.AfterCommit([&] { nested = store->Write(PutNote(NoteNumber(1))); });
    return Ok();
  }));
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().code, Code::kInternal);
}

TEST(Writer, ShutdownDrainsTheQueue) {
  testutil::TempDir dir;
  const auto options = TestOptions(dir / "db");
  constexpr size_t kWrites = 200;
  std::atomic<size_t> ok{0};
  {
    auto store = OpenOrDie(options);
    for (size_t i = 0; i < kWrites; ++i) {
      store->WriteAsync(PutNote(NoteNumber(i + 1)), [&](Result<> r) {
        if (r) ok.fetch_add(1);
      });
    }
  }  // destroyed with writes still queued
  EXPECT_EQ(ok.load(), kWrites);
  auto reopened = OpenOrDie(options);
  EXPECT_EQ(CountNotes(*reopened), kWrites);
}

}  // namespace
}  // namespace guildhall::storage::lmdb

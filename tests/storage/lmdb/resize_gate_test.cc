// Tests storage/lmdb/resize_gate.{h,cc}: an exclusive section never overlaps a
// reader, however readers and the resizer interleave.
#include "storage/lmdb/resize_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace guildhall::storage::lmdb {
namespace {

TEST(ResizeGate, ExclusiveNeverOverlapsReaders) {
  ResizeGate gate;
  std::atomic<int> inside{0};
  std::atomic<bool> stop{false};
  std::atomic<int> overlaps{0};
  std::atomic<uint64_t> reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        ReaderScope scope(gate);
        inside.fetch_add(1);
        reads.fetch_add(1);
        inside.fetch_sub(1);
      }
    });
  }
  // Keep resizing until the readers have really interleaved with it.
  for (int i = 0; i < 2000 || reads.load() < 10'000; ++i) {
    gate.Exclusive([&] {
      if (inside.load() != 0) overlaps.fetch_add(1);
    });
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(overlaps.load(), 0);
}

TEST(ResizeGate, ReaderBlockedDuringExclusiveProceedsAfter) {
  ResizeGate gate;
  std::atomic<bool> read_done{false};
  std::thread reader;
  gate.Exclusive([&] {
    reader = std::thread([&] {
      ReaderScope scope(gate);
      read_done = true;
    });
    // The reader cannot have entered: we are inside the exclusive section.
    EXPECT_FALSE(read_done.load());
  });
  reader.join();
  EXPECT_TRUE(read_done.load());
}

TEST(ResizeGate, NestedReaderDoesNotWaitBehindPendingResize) {
  ResizeGate gate;
  std::atomic<bool> resized{false};
  gate.EnterReader();
  std::thread resizer([&] { gate.Exclusive([&] { resized = true; }); });
  while (!gate.resize_pending()) std::this_thread::yield();
  // The resizer waits for this thread's outer read; the inner one must pass.
  gate.EnterReader();
  EXPECT_FALSE(resized.load());
  gate.ExitReader();
  EXPECT_FALSE(resized.load()) << "still inside the outer read";
  gate.ExitReader();
  resizer.join();
  EXPECT_TRUE(resized.load());
}

TEST(ResizeGate, ReadersOfAnotherGateStillWait) {
  ResizeGate a, b;
  a.EnterReader();
  std::atomic<bool> b_resized{false};
  std::thread resizer([&] { b.Exclusive([&] { b_resized = true; }); });
  resizer.join();  // holding a's gate does not hold b's
  EXPECT_TRUE(b_resized.load());
  a.ExitReader();
}

}  // namespace
}  // namespace guildhall::storage::lmdb

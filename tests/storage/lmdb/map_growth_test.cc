// Tests storage/lmdb/map_growth.{h,cc}: the map doubles, stops at the
// configured maximum, never outgrows the disk, and stays page-aligned.
#include "storage/lmdb/map_growth.h"

#include <gtest/gtest.h>

namespace guildhall::storage::lmdb {
namespace {

constexpr uint64_t kMiB = 1 << 20;
constexpr uint64_t kLots = 1ull << 50;

TEST(NextMapSize, Doubles) {
  EXPECT_EQ(NextMapSize({.current = 64 * 1024, .max = kLots, .file_bytes = 0, .free_disk = kLots}),
            128u * 1024);
  EXPECT_EQ(NextMapSize({.current = kMiB, .max = kLots, .file_bytes = kMiB, .free_disk = kLots}),
            2 * kMiB);
}

TEST(NextMapSize, CappedByMaximum) {
  EXPECT_EQ(
      NextMapSize({.current = 3 * kMiB, .max = 4 * kMiB, .file_bytes = 0, .free_disk = kLots}),
      4 * kMiB);
  EXPECT_EQ(
      NextMapSize({.current = 4 * kMiB, .max = 4 * kMiB, .file_bytes = 0, .free_disk = kLots}),
      std::nullopt);
}

TEST(NextMapSize, CappedByFreeDisk) {
  EXPECT_EQ(
      NextMapSize(
          {.current = 8 * kMiB, .max = kLots, .file_bytes = 8 * kMiB, .free_disk = 2 * kMiB + 100}),
      10 * kMiB)
      << "file plus free space, rounded down to a page";
  EXPECT_EQ(
      NextMapSize({.current = 8 * kMiB, .max = kLots, .file_bytes = 8 * kMiB, .free_disk = 0}),
      std::nullopt);
}

}  // namespace
}  // namespace guildhall::storage::lmdb

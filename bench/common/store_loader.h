// LoadCommunity: fills a stopped node's store with many members and posts
// for the memory and cost-of-growth benchmarks, fast: records go straight
// into the tables (Table<Codec>, so every index is written as the services
// write it) in one write transaction per 10,000 records, with MDB_NOSYNC
// (the bench's own data, never a production store). Writes what
// Threads::Create / Replies::Create / Memberships::Join leave behind for
// these records: the thread, reply and membership rows with their indexes,
// thread reply_count and last_activity, group thread_count and member_count.
// REQUIRES: the node is initialised and not running. Not thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "storage/model/result.h"

namespace guildhall::bench {

struct LoadSpec {
  std::filesystem::path data_dir;   // the node's node.data_dir
  std::vector<std::string> groups;  // existing slugs; threads go round-robin
  long members = 0;                 // new members m1..mN, all joining groups[0]
  long posts = 0;                   // threads + replies
  int replies_per_thread = 9;
};

struct LoadStats {
  long members = 0, threads = 0, replies = 0;
  double seconds = 0;
};

Result<LoadStats> LoadCommunity(const LoadSpec& spec);

}  // namespace guildhall::bench

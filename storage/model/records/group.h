// Group: one community on the node, with a kind, a scope (who outside the
// node may see it) and a join mode. Counters are kept in the record and
// updated in the same write as the change they count.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class GroupKind : uint8_t { kPractice = 0, kInterest = 1, kProject = 2, kLocation = 3 };
enum class GroupScope : uint8_t { kInternal = 0, kPartners = 1, kPublic = 2 };
enum class JoinMode : uint8_t { kOpen = 0, kApproval = 1, kInvite = 2 };

struct Group {
  Id id;
  std::string slug;  // [a-z0-9-]{2,40}, unique
  std::string name;
  std::string description;  // Markdown
  GroupKind kind = GroupKind::kPractice;
  GroupScope scope = GroupScope::kInternal;
  JoinMode join_mode = JoinMode::kOpen;
  Id created_by;
  int64_t created = 0;  // unix ms
  int64_t updated = 0;
  uint64_t member_count = 0;  // active memberships
  uint64_t thread_count = 0;  // threads not removed
  uint64_t event_count = 0;
  uint64_t resource_count = 0;
  std::string ap_id;  // remote group's actor URI; empty for local groups
  uint64_t version = 1;
};

// Key: Id. Indexes:
//   groups_by_slug  (Str slug) unique
//   groups_by_ap_id (Str ap_id) unique, remote groups only
struct GroupCodec {
  using Record = Group;
  static constexpr const TableDef& kTable = tables::kGroups;
  static std::string Key(const Group& g);
  static std::string KeyOf(Id id);
  static std::string Encode(const Group& g);
  static Result<Group> Decode(std::string_view value);
  static void Indexes(const Group& g, IndexEntries& out);
  static std::string SlugKey(std::string_view slug);
  static std::string ApIdKey(std::string_view ap_id);
};

}  // namespace guildhall::storage

// Audit: the append-only log of administrative and moderation actions. Other
// services append inside the write that performs the action (AppendAudit);
// admins list it with filters and export it as JSON Lines.
// Thread-safe (all state is in the store).
#pragma once

#include <cstdint>
#include <string>

#include "node/community/deps.h"
#include "node/community/pagination.h"
#include "storage/model/function_ref.h"
#include "storage/model/records/audit_entry.h"

namespace guildhall::community {

// Fills in id and at, then appends. Entries are never changed or removed.
Result<> AppendAudit(storage::WriteTxn& tx, const ServiceDeps& deps, storage::AuditEntry entry);

struct AuditFilter {
  std::string action;  // exact action name ("thread.remove"); empty: any
  Id actor;            // 0: anyone
  Id group;            // 0: any
  int64_t since = 0;   // unix ms; 0: from the beginning
};

// One entry as a JSON object on one line (no trailing newline):
// {"id":"...","at":...,"actor":"...","action":"...","target":"...","group":"...",
//  "before":"...","after":"...","reason":"..."}; ids are decimal strings.
std::string AuditEntryToJson(const storage::AuditEntry& e);

class Audit {
 public:
  Audit(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Audit(const Audit&) = delete;
  Audit& operator=(const Audit&) = delete;

  // Newest first. Admins see everything; a group's owners and moderators may
  // list with filter.group set to their group.
  Result<Page<storage::AuditEntry>> List(Id actor, const AuditFilter& filter,
                                         const PageRequest& page);
  // Every matching entry, oldest first, one JSON object per line, each line
  // ending in "\n". Admins only.
  Result<std::string> ExportJsonl(Id actor, const AuditFilter& filter);

 private:
  Result<> Authorize(storage::ReadTxn& tx, Id actor, const AuditFilter& filter);
  ServiceDeps deps_;
};

}  // namespace guildhall::community

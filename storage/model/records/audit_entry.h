// AuditEntry: one administrative or moderation action, append-only: who did
// what to which target, the state before and after, and why.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct AuditEntry {
  Id id;  // time-ordered: the primary key order is the audit order
  Id actor;
  std::string action;  // dotted name, e.g. "thread.remove", "member.suspend"
  std::string target;  // "thread:123", "member:45", "group:6"
  Id group;            // 0 when not about a group
  std::string before;  // short text of the state before ("state=active")
  std::string after;
  std::string reason;
  int64_t at = 0;
};

// Key: Id. Indexes:
//   audit_by_actor  (Id actor, Id id)
//   audit_by_action (Str action, Id id)
struct AuditEntryCodec {
  using Record = AuditEntry;
  static constexpr const TableDef& kTable = tables::kAudit;
  static std::string Key(const AuditEntry& a);
  static std::string KeyOf(Id id);
  static std::string Encode(const AuditEntry& a);
  static Result<AuditEntry> Decode(std::string_view value);
  static void Indexes(const AuditEntry& a, IndexEntries& out);
  static std::string ByActorPrefix(Id actor);
  static std::string ByActionPrefix(std::string_view action);
};

}  // namespace guildhall::storage

// Report: a member flags a thread, reply or member to the moderators.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class ReportTarget : uint8_t { kThread = 0, kReply = 1, kMember = 2 };
enum class ReportState : uint8_t { kOpen = 0, kResolved = 1, kDismissed = 2 };

struct Report {
  Id id;
  Id reporter;
  ReportTarget target_kind = ReportTarget::kThread;
  Id target;
  Id group;  // the content's group; 0 for a member report (node-wide queue)
  std::string reason;
  ReportState state = ReportState::kOpen;
  Id resolved_by;
  std::string resolution;
  int64_t created = 0;
  int64_t resolved_at = 0;
};

// Key: Id. Indexes:
//   reports_by_state       (U8 state, Id id)
//   reports_by_group_state (Id group, U8 state, Id id)
struct ReportCodec {
  using Record = Report;
  static constexpr const TableDef& kTable = tables::kReports;
  static std::string Key(const Report& r);
  static std::string KeyOf(Id id);
  static std::string Encode(const Report& r);
  static Result<Report> Decode(std::string_view value);
  static void Indexes(const Report& r, IndexEntries& out);
  static std::string ByStatePrefix(ReportState state);
  static std::string ByGroupStatePrefix(Id group, ReportState state);
};

}  // namespace guildhall::storage

#include "node/community/audit.h"

#include "node/community/access.h"
#include "node/community/jsonl.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::AuditEntry;
using storage::AuditEntryCodec;
using storage::ScanOrder;

namespace {

// The scan that serves `filter`: an index when filtering by action or actor,
// the table (already in time order) otherwise.
struct AuditScan {
  const storage::TableDef* table;
  std::string prefix;
};

AuditScan ScanFor(const AuditFilter& f) {
  if (!f.action.empty()) {
    return {&storage::tables::kAuditByAction, AuditEntryCodec::ByActionPrefix(f.action)};
  }
  if (f.actor) return {&storage::tables::kAuditByActor, AuditEntryCodec::ByActorPrefix(f.actor)};
  return {&storage::tables::kAudit, ""};
}

// kStop once entries are older than `since`, kSkip when another filter fails.
Visit Match(const AuditFilter& f, const AuditEntry& e) {
  if (f.since && e.at < f.since) return Visit::kStop;
  if ((f.actor && e.actor != f.actor) || (f.group && e.group != f.group) ||
      (!f.action.empty() && e.action != f.action)) {
    return Visit::kSkip;
  }
  return Visit::kTake;
}

std::string IdText(Id id) { return id ? id.ToString() : ""; }

Result<AuditEntry> LoadEntry(storage::ReadTxn& tx, std::string_view primary) {
  auto e = GH_TRY(storage::Table<AuditEntryCodec>::Get(tx, primary));
  if (!e) return Error::Internal("audit index points at nothing");
  return std::move(*e);
}

}  // namespace

Result<> AppendAudit(storage::WriteTxn& tx, const ServiceDeps& deps, AuditEntry entry) {
  entry.id = deps.ids.Next();
  entry.at = deps.NowMs();
  return storage::Table<AuditEntryCodec>::Insert(tx, entry);
}

std::string AuditEntryToJson(const AuditEntry& e) {
  return JsonObject()
      .Str("id", IdText(e.id))
      .Int("at", e.at)
      .Str("actor", IdText(e.actor))
      .Str("action", e.action)
      .Str("target", e.target)
      .Str("group", IdText(e.group))
      .Str("before", e.before)
      .Str("after", e.after)
      .Str("reason", e.reason)
      .Take();
}

Result<> Audit::Authorize(storage::ReadTxn& tx, Id actor, const AuditFilter& filter) {
  const Viewer v = GH_TRY(LoadViewer(tx, actor));
  if (DecideNode(v, NodeAction::kViewAudit) == Decision::kAllow) return Ok();
  if (!filter.group) return ToResult(DecideNode(v, NodeAction::kViewAudit), "audit log");
  auto access = GH_TRY(LoadGroupAccess(tx, actor, filter.group));
  return access.Require(Action::kModerate, "group");
}

Result<Page<AuditEntry>> Audit::List(Id actor, const AuditFilter& filter, const PageRequest& page) {
  Page<AuditEntry> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(Authorize(tx, actor, filter));
    const AuditScan scan = ScanFor(filter);
    auto visit = [&](const AuditEntry& e) {
      const Visit v = Match(filter, e);
      if (v == Visit::kTake) out.items.push_back(e);
      return v;
    };
    out.next_cursor =
        scan.table == &storage::tables::kAudit
            ? GH_TRY(ScanTablePage<AuditEntryCodec>(tx, "", page, ScanOrder::kReverse, visit))
            : GH_TRY(ScanIndexPage<AuditEntryCodec>(tx, *scan.table, scan.prefix, page,
                                                    ScanOrder::kReverse, visit));
    return Ok();
  }));
  return out;
}

Result<std::string> Audit::ExportJsonl(Id actor, const AuditFilter& filter) {
  std::string out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(LoadViewer(tx, actor));
    GH_CHECK(ToResult(DecideNode(v, NodeAction::kViewAudit), "audit log"));
    const AuditScan scan = ScanFor(filter);
    Result<> status;
    // Oldest first; entries before `since` are skipped rather than ending the scan.
    AuditFilter forward = filter;
    forward.since = 0;
    // Ids are time-ordered, so the table itself can start at `since`.
    const std::string begin = scan.table == &storage::tables::kAudit && filter.since > 0
                                  ? AuditEntryCodec::KeyOf(Id{uint64_t(filter.since) << 16})
                                  : scan.prefix;
    GH_CHECK(tx.Scan(*scan.table, begin, storage::PrefixEnd(scan.prefix), ScanOrder::kForward,
                     [&](std::string_view, std::string_view value) {
                       auto e = scan.table == &storage::tables::kAudit
                                    ? AuditEntryCodec::Decode(value)
                                    : LoadEntry(tx, value);
                       if (!e) {
                         status = std::move(e).error();
                         return false;
                       }
                       if (e->at >= filter.since && Match(forward, *e) == Visit::kTake) {
                         out += AuditEntryToJson(*e);
                         out += '\n';
                       }
                       return true;
                     }));
    return status;
  }));
  return out;
}

}  // namespace guildhall::community

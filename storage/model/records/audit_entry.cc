#include "storage/model/records/audit_entry.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string AuditEntryCodec::Key(const AuditEntry& a) { return KeyOf(a.id); }
std::string AuditEntryCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string AuditEntryCodec::Encode(const AuditEntry& a) {
  ValueWriter w(kVersion);
  w.Id(a.id).Id(a.actor).Str(a.action).Str(a.target).Id(a.group);
  w.Str(a.before).Str(a.after).Str(a.reason).I64(a.at);
  return w.Take();
}

Result<AuditEntry> AuditEntryCodec::Decode(std::string_view value) {
  ValueReader r(value);
  AuditEntry a;
  a.id = r.Id();
  a.actor = r.Id();
  a.action = r.Str();
  a.target = r.Str();
  a.group = r.Id();
  a.before = r.Str();
  a.after = r.Str();
  a.reason = r.Str();
  a.at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "audit entry"));
  return a;
}

void AuditEntryCodec::Indexes(const AuditEntry& a, IndexEntries& out) {
  out.push_back({&tables::kAuditByActor, records::IdPairKey(a.actor, a.id)});
  out.push_back({&tables::kAuditByAction, KeyBuilder().Str(a.action).Id(a.id).Take()});
}

std::string AuditEntryCodec::ByActorPrefix(Id actor) { return records::IdKey(actor); }
std::string AuditEntryCodec::ByActionPrefix(std::string_view action) {
  return KeyBuilder().Str(action).Take();
}

}  // namespace guildhall::storage

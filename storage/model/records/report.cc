#include "storage/model/records/report.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string ReportCodec::Key(const Report& r) { return KeyOf(r.id); }
std::string ReportCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string ReportCodec::Encode(const Report& r) {
  ValueWriter w(kVersion);
  w.Id(r.id).Id(r.reporter);
  records::WriteEnum(w, r.target_kind);
  w.Id(r.target).Id(r.group).Str(r.reason);
  records::WriteEnum(w, r.state);
  w.Id(r.resolved_by).Str(r.resolution).I64(r.created).I64(r.resolved_at);
  return w.Take();
}

Result<Report> ReportCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Report v;
  bool ok = true;
  v.id = r.Id();
  v.reporter = r.Id();
  v.target_kind = records::ReadEnum(r, ReportTarget::kMember, ok);
  v.target = r.Id();
  v.group = r.Id();
  v.reason = r.Str();
  v.state = records::ReadEnum(r, ReportState::kDismissed, ok);
  v.resolved_by = r.Id();
  v.resolution = r.Str();
  v.created = r.I64();
  v.resolved_at = r.I64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "report"));
  return v;
}

void ReportCodec::Indexes(const Report& r, IndexEntries& out) {
  const auto state = static_cast<uint8_t>(r.state);
  out.push_back({&tables::kReportsByState, KeyBuilder().U8(state).Id(r.id).Take()});
  out.push_back(
      {&tables::kReportsByGroupState, KeyBuilder().Id(r.group).U8(state).Id(r.id).Take()});
}

std::string ReportCodec::ByStatePrefix(ReportState state) {
  return KeyBuilder().U8(static_cast<uint8_t>(state)).Take();
}
std::string ReportCodec::ByGroupStatePrefix(Id group, ReportState state) {
  return KeyBuilder().Id(group).U8(static_cast<uint8_t>(state)).Take();
}

}  // namespace guildhall::storage

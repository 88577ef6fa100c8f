#include "storage/model/records/group.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string GroupCodec::Key(const Group& g) { return KeyOf(g.id); }
std::string GroupCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string GroupCodec::Encode(const Group& g) {
  ValueWriter w(kVersion);
  w.Id(g.id).Str(g.slug).Str(g.name).Str(g.description);
  records::WriteEnum(w, g.kind);
  records::WriteEnum(w, g.scope);
  records::WriteEnum(w, g.join_mode);
  w.Id(g.created_by).I64(g.created).I64(g.updated);
  w.U64(g.member_count).U64(g.thread_count).U64(g.event_count).U64(g.resource_count);
  w.Str(g.ap_id).U64(g.version);
  return w.Take();
}

Result<Group> GroupCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Group g;
  bool ok = true;
  g.id = r.Id();
  g.slug = r.Str();
  g.name = r.Str();
  g.description = r.Str();
  g.kind = records::ReadEnum(r, GroupKind::kLocation, ok);
  g.scope = records::ReadEnum(r, GroupScope::kPublic, ok);
  g.join_mode = records::ReadEnum(r, JoinMode::kInvite, ok);
  g.created_by = r.Id();
  g.created = r.I64();
  g.updated = r.I64();
  g.member_count = r.U64();
  g.thread_count = r.U64();
  g.event_count = r.U64();
  g.resource_count = r.U64();
  g.ap_id = r.Str();
  g.version = r.U64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "group"));
  return g;
}

void GroupCodec::Indexes(const Group& g, IndexEntries& out) {
  out.push_back({&tables::kGroupsBySlug, SlugKey(g.slug), true});
  if (!g.ap_id.empty()) out.push_back({&tables::kGroupsByApId, ApIdKey(g.ap_id), true});
}

std::string GroupCodec::SlugKey(std::string_view slug) { return KeyBuilder().Str(slug).Take(); }
std::string GroupCodec::ApIdKey(std::string_view ap_id) { return KeyBuilder().Str(ap_id).Take(); }

}  // namespace guildhall::storage

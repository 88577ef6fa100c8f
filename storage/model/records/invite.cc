#include "storage/model/records/invite.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string InviteCodec::Key(const Invite& i) { return KeyOf(i.id); }
std::string InviteCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string InviteCodec::Encode(const Invite& i) {
  ValueWriter w(kVersion);
  w.Id(i.id).Str(i.token_hash).Id(i.created_by).Id(i.group).I64(i.created).I64(i.expires);
  w.Id(i.used_by).I64(i.used_at);
  return w.Take();
}

Result<Invite> InviteCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Invite i;
  i.id = r.Id();
  i.token_hash = r.Str();
  i.created_by = r.Id();
  i.group = r.Id();
  i.created = r.I64();
  i.expires = r.I64();
  i.used_by = r.Id();
  i.used_at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "invite"));
  return i;
}

void InviteCodec::Indexes(const Invite& i, IndexEntries& out) {
  out.push_back({&tables::kInvitesByHash, HashKey(i.token_hash), true});
}

std::string InviteCodec::HashKey(std::string_view token_hash) {
  return KeyBuilder().Raw(token_hash).Take();
}

}  // namespace guildhall::storage

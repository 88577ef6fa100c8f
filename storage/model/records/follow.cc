#include "storage/model/records/follow.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string FollowCodec::KeyOf(FollowKind kind, Id object, Id follower) {
  return KeyBuilder().U8(static_cast<uint8_t>(kind)).Id(object).Id(follower).Take();
}

std::string FollowCodec::ByObjectPrefix(FollowKind kind, Id object) {
  return KeyBuilder().U8(static_cast<uint8_t>(kind)).Id(object).Take();
}

std::string FollowCodec::Encode(const Follow& f) {
  ValueWriter w(kVersion);
  records::WriteEnum(w, f.kind);
  w.Id(f.object).Id(f.follower).Str(f.activity_id);
  records::WriteEnum(w, f.state);
  w.I64(f.created).I64(f.updated);
  return w.Take();
}

Result<Follow> FollowCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Follow f;
  bool ok = true;
  f.kind = records::ReadEnum(r, FollowKind::kToLocalMember, ok);
  f.object = r.Id();
  f.follower = r.Id();
  f.activity_id = r.Str();
  f.state = records::ReadEnum(r, FollowState::kAccepted, ok);
  f.created = r.I64();
  f.updated = r.I64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "follow"));
  return f;
}

void FollowCodec::Indexes(const Follow& f, IndexEntries& out) {
  out.push_back({&tables::kFollowsByActivity, ActivityKey(f.activity_id), true});
}

std::string FollowCodec::ActivityKey(std::string_view activity_id) {
  return KeyBuilder().Str(activity_id).Take();
}

}  // namespace guildhall::storage

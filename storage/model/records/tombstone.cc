#include "storage/model/records/tombstone.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string TombstoneCodec::KeyOf(std::string_view ap_id) { return KeyBuilder().Str(ap_id).Take(); }

std::string TombstoneCodec::Encode(const Tombstone& t) {
  ValueWriter w(kVersion);
  w.Str(t.ap_id).Str(t.actor).I64(t.deleted_at);
  return w.Take();
}

Result<Tombstone> TombstoneCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Tombstone t;
  t.ap_id = r.Str();
  t.actor = r.Str();
  t.deleted_at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "tombstone"));
  return t;
}

}  // namespace guildhall::storage

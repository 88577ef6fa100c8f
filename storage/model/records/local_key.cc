#include "storage/model/records/local_key.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string LocalKeyCodec::KeyOf(LocalActorKind kind, Id owner) {
  return KeyBuilder().U8(static_cast<uint8_t>(kind)).Id(owner).Take();
}

std::string LocalKeyCodec::Encode(const LocalKey& k) {
  ValueWriter w(kVersion);
  records::WriteEnum(w, k.kind);
  w.Id(k.owner).Str(k.private_pem).Str(k.public_pem).I64(k.created);
  return w.Take();
}

Result<LocalKey> LocalKeyCodec::Decode(std::string_view value) {
  ValueReader r(value);
  LocalKey k;
  bool ok = true;
  k.kind = records::ReadEnum(r, LocalActorKind::kGroup, ok);
  k.owner = r.Id();
  k.private_pem = r.Str();
  k.public_pem = r.Str();
  k.created = r.I64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "local key"));
  return k;
}

}  // namespace guildhall::storage

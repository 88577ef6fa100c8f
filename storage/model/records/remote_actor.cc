#include "storage/model/records/remote_actor.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string RemoteActorCodec::KeyOf(std::string_view id) { return KeyBuilder().Str(id).Take(); }

std::string RemoteActorCodec::Encode(const RemoteActor& a) {
  ValueWriter w(kVersion);
  w.Str(a.id).Str(a.type).Str(a.preferred_username).Str(a.name).Str(a.domain);
  w.Str(a.inbox).Str(a.shared_inbox).Str(a.followers);
  w.U64(a.keys.size());
  for (const auto& key : a.keys) w.Str(key.id).Str(key.pem);
  w.Str(a.raw_json).I64(a.fetched_at);
  return w.Take();
}

Result<RemoteActor> RemoteActorCodec::Decode(std::string_view value) {
  // An actor lists a handful of keys; more means a corrupt value.
  constexpr uint64_t kMaxKeys = 64;
  ValueReader r(value);
  RemoteActor a;
  a.id = r.Str();
  a.type = r.Str();
  a.preferred_username = r.Str();
  a.name = r.Str();
  a.domain = r.Str();
  a.inbox = r.Str();
  a.shared_inbox = r.Str();
  a.followers = r.Str();
  const uint64_t key_count = r.U64();
  const bool count_ok = key_count <= kMaxKeys;
  for (uint64_t i = 0; count_ok && i < key_count && r.ok(); ++i) {
    RemoteActorKey key;
    key.id = r.Str();
    key.pem = r.Str();
    a.keys.push_back(std::move(key));
  }
  a.raw_json = r.Str();
  a.fetched_at = r.I64();
  GH_CHECK(records::FinishDecode(r, count_ok, kVersion, "remote actor"));
  return a;
}

void RemoteActorCodec::Indexes(const RemoteActor& a, IndexEntries& out) {
  for (const auto& key : a.keys) {
    out.push_back({&tables::kRemoteActorsByKeyId, KeyBuilder().Str(key.id).Str(a.id).Take()});
  }
}

std::string RemoteActorCodec::KeyIdPrefix(std::string_view key_id) {
  return KeyBuilder().Str(key_id).Take();
}

}  // namespace guildhall::storage

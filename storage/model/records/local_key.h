// LocalKey: the RSA key pair of one local actor (the node's Application
// actor, a member's Person, a group's Group), made on first need by
// federation/actors/local_keys and kept forever: peers cache the public key,
// so losing the private half means we can no longer federate as that actor.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class LocalActorKind : uint8_t { kNode = 0, kMember = 1, kGroup = 2 };

struct LocalKey {
  LocalActorKind kind = LocalActorKind::kNode;
  Id owner;                 // member or group id; 0 for the node actor
  std::string private_pem;  // PKCS#8 PEM. Secret: never log it.
  std::string public_pem;   // SPKI PEM, as published in publicKeyPem
  int64_t created = 0;      // unix ms
};

// Key: (U8 kind, Id owner). No indexes.
struct LocalKeyCodec {
  using Record = LocalKey;
  static constexpr const TableDef& kTable = tables::kLocalKeys;
  static std::string Key(const LocalKey& k) { return KeyOf(k.kind, k.owner); }
  static std::string KeyOf(LocalActorKind kind, Id owner);
  static std::string Encode(const LocalKey& k);
  static Result<LocalKey> Decode(std::string_view value);
  static void Indexes(const LocalKey&, IndexEntries&) {}
};

}  // namespace guildhall::storage

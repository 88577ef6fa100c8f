#include "federation/actors/local_keys.h"

#include <optional>

#include "storage/model/table.h"

namespace guildhall::federation {

using storage::LocalActorKind;
using storage::LocalKey;
using storage::LocalKeyCodec;

namespace {

Result<LocalKeyPair> Parse(const LocalKey& stored) {
  auto priv = GH_TRY(PrivateKey::FromPem(stored.private_pem));
  PublicKey pub = priv.Public();
  return LocalKeyPair{priv, pub, stored.public_pem};
}

}  // namespace

LocalKeys::LocalKeys(storage::Store& store, const Clock& clock, Generator generate)
    : store_(store), clock_(clock), generate_(std::move(generate)) {
  if (!generate_) generate_ = [] { return PrivateKey::GenerateRsa(2048); };
}

Result<LocalKeyPair> LocalKeys::Get(LocalActorKind kind, Id owner) {
  const CacheKey key{kind, owner.value};
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto pair = GH_TRY(Load(kind, owner));
  std::lock_guard lock(mu_);
  return cache_.emplace(key, std::move(pair)).first->second;
}

Result<LocalKeyPair> LocalKeys::Load(LocalActorKind kind, Id owner) {
  std::optional<LocalKey> stored;
  GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    stored = GH_TRY(storage::Table<LocalKeyCodec>::Get(tx, LocalKeyCodec::KeyOf(kind, owner)));
    return Ok();
  }));
  if (stored) return Parse(*stored);
  return Create(kind, owner);
}

Result<LocalKeyPair> LocalKeys::Create(LocalActorKind kind, Id owner) {
  auto priv = GH_TRY(generate_());
  LocalKey fresh{kind, owner, priv.ToPem(), priv.Public().ToPem(), UnixMillis(clock_.Now())};
  LocalKey winner;
  GH_CHECK(store_.Write([&](storage::WriteTxn& tx) -> Result<> {
    // Another thread may have stored a key meanwhile: the first one stays.
    auto existing = GH_TRY(storage::Table<LocalKeyCodec>::Get(tx, LocalKeyCodec::Key(fresh)));
    if (existing) {
      winner = *existing;
      return Ok();
    }
    winner = fresh;
    return storage::Table<LocalKeyCodec>::Put(tx, fresh);
  }));
  return Parse(winner);
}

}  // namespace guildhall::federation

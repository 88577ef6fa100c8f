// LocalKeys: the RSA-2048 key pair of every local actor, generated on first
// need and stored in LMDB (storage/model/records/local_key.h); parsed keys are
// cached in memory, so signing and publishing cost no PEM parsing.
// Generation happens outside any write transaction (it takes tens of ms) and
// the first stored key wins if two threads race.
// Thread-safe. REQUIRES: never called from inside a Store::Write callback
// (it reads and writes the store itself).
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <utility>

#include "federation/signatures/keys.h"
#include "storage/model/clock.h"
#include "storage/model/kv.h"
#include "storage/model/records/local_key.h"

namespace guildhall::federation {

struct LocalKeyPair {
  PrivateKey private_key;
  PublicKey public_key;
  std::string public_pem;
};

class LocalKeys {
 public:
  using Generator = std::function<Result<PrivateKey>()>;

  // `generate` defaults to a fresh RSA-2048 key; tests pass fixed keys.
  LocalKeys(storage::Store& store, const Clock& clock, Generator generate = nullptr);
  LocalKeys(const LocalKeys&) = delete;
  LocalKeys& operator=(const LocalKeys&) = delete;

  // The key pair of (kind, owner), generated and stored durably if absent.
  Result<LocalKeyPair> Get(storage::LocalActorKind kind, Id owner);

 private:
  using CacheKey = std::pair<storage::LocalActorKind, uint64_t>;
  Result<LocalKeyPair> Load(storage::LocalActorKind kind, Id owner);
  Result<LocalKeyPair> Create(storage::LocalActorKind kind, Id owner);

  storage::Store& store_;
  const Clock& clock_;
  Generator generate_;
  std::mutex mu_;
  std::map<CacheKey, LocalKeyPair> cache_;  // GUARDED_BY(mu_)
};

}  // namespace guildhall::federation

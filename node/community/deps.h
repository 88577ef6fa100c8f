// ServiceDeps: what every community service is built from (no globals): the
// store, the clock, the id generator and the federation hook. References
// only; the composition root owns the objects and outlives the services.
#pragma once

#include <cstdint>

#include "node/community/publisher.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/kv.h"

namespace guildhall::community {

struct ServiceDeps {
  storage::Store& store;
  const Clock& clock;
  IdGenerator& ids;
  Publisher& publisher;

  int64_t NowMs() const { return UnixMillis(clock.Now()); }
};

}  // namespace guildhall::community
